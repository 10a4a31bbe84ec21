"""No English text in the Chinese UI: every tab, form and dialog of the main window (walked as
scripts/screenshots.py walks them) on the demo data, every text a user can see in it."""

from __future__ import annotations

import importlib.util
import platform
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

from app.services import machine, return_service, survey_campaigns
from app.services.complaint_settings import ComplaintSettings
from app.ui.help import COMPONENTS

ROOT = Path(__file__).resolve().parents[2]


def _load_screenshots():
    """scripts/screenshots.py as a module: its walker opens every tab, form and dialog."""
    name = "qd_screenshots"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- the detector

# Latin words a Chinese clerk sees on purpose. Each is a name or an abbreviation that Chinese
# quality documents write in Latin letters too (the seeds and the forms do), never a sentence.
ALLOWED_WORDS = frozenset(
    {
        "QualityDesk",  # the product's name
        "PDF",
        "Excel",
        "PPM",  # parts per million: the defect rate as the customers' scorecards write it
        "ISO",
        "IATF",
        "OEM",
        "FMEA",  # the 8D's D7 names the documents it updates by their usual names
        "CAPA",
        "SQLite",  # the data file's kind and a server's, on Settings and the About box
        "PostgreSQL",
        "USB",
        "NPS",  # net promoter score, next to its Chinese name 推荐意愿
        "English",  # the Language menu names English in English, for whoever cannot read Chinese
        "KB",  # sizes of attached files
        "MB",
        "PGPASSWORD",  # where a server's password goes: names the user types as they are
        "pgpass",
        "XX",  # Chinese writes "so-and-so" so in an example: XX汽车部件股份有限公司
        "Enter",  # keys as their caps are labelled (Ctrl+S is taken apart below)
        "qualitydesk",  # the command line the user guide tells to type: qualitydesk demo
        "demo",
        "WenQuanYi",  # the bundled font's own name, given next to 文泉驿微米黑
        "Micro",
        "Hei",
        "Python",  # the About box's versions and licences: names of software and licences
        "Qt",
        "PySide",
        platform.system(),
    }
    | {word for c in COMPONENTS for word in re.findall(r"[A-Za-z]+", f"{c.name} {c.licence}")}
    # the default number prefixes of complaints, returns, service and visit reports, surveys
    | {ComplaintSettings().number_prefix, return_service.PREFIX, survey_campaigns.PREFIX}
    | {machine.SERVICE_PREFIX, machine.VISIT_PREFIX}
)
# a run of Latin letters, digits and the characters of codes, e-mails, paths and URLs
_RUN = re.compile(r"[A-Za-z0-9@._/\\:\-+#%&]+")
_WORD = re.compile(r"[A-Za-z]+")
_MNEMONIC = re.compile(r"\(&[A-Za-z0-9]\)|&(?=[A-Za-z0-9&])")
# keyboard shortcuts as the keys are labelled (Ctrl+S, Ctrl+Enter, (Page Up)), file names' extensions
# (.png) and codes in capitals (the form code prefix QR-TS-Y)
_NOT_WORDS = re.compile(
    r"\b(?:Ctrl|Shift|Alt)(?:\+(?:[A-Za-z0-9]+|[,.;/+\-=]))+"
    r"|(?<=[(（])(?:Home|End|Page Up|Page Down|Esc|Enter|Tab|Del|Delete|F\d{1,2})(?=[)）])"
    r"|(?<=\S)\.[A-Za-z0-9]{2,4}\b"
    r"|\b[A-Z]{1,5}(?:-[A-Z0-9]{1,5})+\b"
)


def english_words(text: str) -> list[str]:
    """The Latin words of a shown text that are not on the allow list.

    Not words: a run with a digit (record numbers KS-2026-0001, form codes Q/JL081301-C, 8D
    and D1…D8, dates, 5W2H), e-mail addresses, paths and URLs (user data), single letters
    (grades A/B/C, units such as h). A menu's mnemonic (&F) is not shown as such."""
    found: list[str] = []
    for run in _RUN.findall(_NOT_WORDS.sub(" ", _MNEMONIC.sub("", text))):
        if any(ch.isdigit() for ch in run) or "@" in run or "/" in run or "\\" in run:
            continue
        for word in _WORD.findall(run):
            if len(word) > 1 and word not in ALLOWED_WORDS:
                found.append(word)
    return found


# ---------------------------------------------------------------- what a window shows


def _plain(text: str) -> str:
    if GuiQt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def _menu_texts(menu: QMenu, where: str) -> list[tuple[str, str]]:
    texts = [(where, menu.title())]
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        texts.append((where, action.text()))
        if action.toolTip() != _strip(action.text()):  # Qt's default tooltip is the text
            texts.append((where + " (tooltip)", action.toolTip()))
        if action.menu() is not None:
            texts.extend(_menu_texts(action.menu(), where + " › " + _strip(action.text())))
    return texts


def _strip(text: str) -> str:
    return _MNEMONIC.sub("", text).replace("...", "").replace("…", "")


ROWS_READ = 30  # rows of each visible list whose cells are read (labels of states, kinds …)


def _count(method) -> int:  # noqa: ANN001
    """rowCount/columnCount of any model (those of the item widgets' models are private in
    Python: their public overload takes no argument)."""
    try:
        return method(QModelIndex())
    except TypeError:
        try:
            return method()
        except TypeError:
            return 1


def _view_texts(view: QAbstractItemView, where: str) -> list[tuple[str, str]]:
    model = view.model()
    if model is None:
        return []
    texts: list[tuple[str, str]] = []
    header = getattr(view, "horizontalHeader", lambda: None)()
    if header is None and hasattr(view, "header"):
        header = view.header()
    columns = [
        column
        for column in range(_count(model.columnCount))
        if not (isinstance(header, QHeaderView) and header.isSectionHidden(column))
    ]
    if isinstance(header, QHeaderView) and header.isVisible():
        for column in columns:
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(column, Qt.Orientation.Horizontal, role)
                if isinstance(value, str):
                    texts.append((where + " header", value))
    for row in range(min(_count(model.rowCount), ROWS_READ)):
        for column in columns:
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    texts.append((where + f" row {row + 1}", value))
    return texts


def shown_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a user can see in the window: its title, menus, labels,
    buttons and their menus, group titles, tab texts, list headers and cells, placeholders,
    combo box items, spin box affixes and tooltips of its visible widgets."""
    title = window.windowTitle() or type(window).__name__
    texts: list[tuple[str, str]] = [(title, window.windowTitle())]
    menu_bar = getattr(window, "menuBar", None)
    if callable(menu_bar):
        for action in menu_bar().actions():
            if action.menu() is not None and action.isVisible():
                texts.extend(_menu_texts(action.menu(), f"{title} menu"))
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow():
            continue
        kind = type(widget).__name__
        where = f"{title}: {kind}" + (f"#{widget.objectName()}" if widget.objectName() else "")
        if widget.toolTip():
            texts.append((where + " (tooltip)", widget.toolTip()))
        if isinstance(widget, QLabel):
            texts.append((where, widget.text()))
        elif isinstance(widget, QAbstractButton):
            texts.append((where, widget.text()))
            menu = widget.menu() if isinstance(widget, QPushButton | QToolButton) else None
            if menu is not None:
                texts.extend(_menu_texts(menu, where + " menu"))
            if isinstance(widget, QToolButton) and widget.defaultAction() is not None:
                texts.append((where, widget.defaultAction().text()))
        elif isinstance(widget, QGroupBox):
            texts.append((where, widget.title()))
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                texts.append((where, widget.tabText(index)))
                texts.append((where + " (tooltip)", widget.tabToolTip(index)))
        elif isinstance(widget, QLineEdit):
            texts.append((where + " (placeholder)", widget.placeholderText()))
            if widget.isReadOnly():
                texts.append((where, widget.text()))
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append((where + " (placeholder)", widget.placeholderText()))
            if widget.isReadOnly():
                texts.append((where, widget.toPlainText()))
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                texts.append((where + " item", widget.itemText(index)))
            if widget.lineEdit() is not None:
                texts.append((where + " (placeholder)", widget.lineEdit().placeholderText()))
        elif isinstance(widget, QAbstractSpinBox):
            for getter in ("prefix", "suffix", "specialValueText"):
                if hasattr(widget, getter):
                    texts.append((where, getattr(widget, getter)()))
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            texts.extend(_view_texts(widget, where))
    return [(where, _plain(text)) for where, text in texts if text]


@dataclass(frozen=True)
class English:
    window: str  # the page of the walk (tab-complaints, complaint-3 …)
    where: str
    text: str

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 120 else self.text[:119] + "…"
        return f"{self.window}: {self.where}: {english_words(self.text)} in {text!r}"


def english_in(window: QWidget, page: str) -> list[English]:
    """What the window shows in English; the user's own login name (the placeholder of the
    user name on Settings) is user data."""
    from app.services.settings_service import system_login

    user_data = {system_login()}
    return [
        English(page, where, text)
        for where, text in shown_texts(window)
        if text not in user_data and english_words(text)
    ]


# ---------------------------------------------------------------- the walk


def _blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def more_windows(window) -> list[tuple[str, object]]:  # noqa: ANN001
    """Windows the screenshots leave out: the summaries' and the monthly report's choices,
    restoring a backup, the print preview."""
    from app.ui import printing

    overview = window.overview_tab
    return [
        ("monthly-summary", overview.export_monthly_summary),
        ("annual-summary", overview.export_annual_summary),
        ("failure-history", overview.export_failure_history),
        ("monthly-service-report", lambda: window.field_service_tab.export_monthly(excel=False)),
        ("restore", window.data_file_actions.choose_backup_to_restore),
        ("print-preview", lambda: printing.preview_pdf(window, "8D 报告", "8D.pdf", _blank_pdf)),
    ]


def walk_english(window: QWidget) -> tuple[list[English], list[str]]:
    """What the walk over the window finds in English, and the names of the pages seen."""
    screenshots = _load_screenshots()

    class Collector(screenshots.Run):
        def __init__(self) -> None:
            super().__init__("zh_CN", "100", ROOT / "build" / "unused")
            self.found: list[English] = []
            self.pages: list[str] = []
            self.errors: list[str] = []

        def check(self, shown: QWidget, name: str, save: bool = True) -> None:  # noqa: ARG002
            screenshots.settle(0.05)
            self.pages.append(name)
            try:
                self.found.extend(english_in(shown, name))
            except Exception as error:  # noqa: BLE001  (the walk must close the window)
                self.errors.append(f"{name}: {error!r}")

    collector = Collector()
    window.resize(collector.working_area.size())
    screenshots.settle(0.3)
    screenshots.walk(collector, window)
    for name, trigger in more_windows(window):
        collector.dialog(name, trigger)
    assert not collector.errors, collector.errors
    assert not collector.clips, [str(clip) for clip in collector.clips]  # every window opened
    return collector.found, collector.pages


def test_the_chinese_window_shows_no_english(qtbot, engine, data_dir, answers):
    from app.config import database_path
    from app.services.first_run import load_demo_data
    from app.ui.main_window import MainWindow

    load_demo_data(engine, user="演示")
    window = MainWindow(engine, database_path(data_dir), "zh_CN")
    qtbot.addWidget(window)
    window.show()
    found, pages = walk_english(window)
    for page in ("tab-overview", "tab-complaints", "complaint", "return", "settings", "about",
                 "monthly-summary", "restore", "print-preview"):  # fmt: skip
        assert page in pages
    window.show_data_location()  # a message box: its text is collected with the others
    _queue, asked = answers
    assert asked
    found += [English("message", "", text) for text in asked if english_words(text)]
    first: dict[str, English] = {}
    for item in found:
        first.setdefault(item.text, item)
    assert not first, "English in the Chinese UI:\n" + "\n".join(map(str, first.values()))


# ---------------------------------------------------------------- the detector itself


def test_english_words_are_found_and_codes_names_and_shortcuts_are_not():
    assert english_words("Save") == ["Save"]
    assert english_words("未结 Open items") == ["Open", "items"]
    assert english_words("<b>逾期</b> overdue") == ["overdue"]
    for shown in (
        "保存 (Ctrl+S)",
        "设置…(Ctrl+,)",
        "放大(Ctrl++) · 上一页(Page Up)",
        "文件(&F)",
        "KS-2026-0001 缺陷照片.png",
        "表单编号 Q/JL081301-C",
        "导出 PDF 和 Excel",
        "D1 小组 · 5W2H · 8D",
        "等级 A",
        "sales@example.com",
        "QualityDesk 质量服务台",
        "前缀 QR-TS-Y",
    ):
        assert english_words(shown) == [], shown


def test_one_english_text_in_a_window_is_found(qtbot):
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QDialog, QTableView, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setWindowTitle("退货单")
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("数量"))
    layout.addWidget(QPushButton("保存 (Ctrl+S)"))
    combo = QComboBox()
    combo.addItems(["未结", "已结"])
    layout.addWidget(combo)
    model = QStandardItemModel(0, 2, dialog)
    model.setHorizontalHeaderLabels(["编号", "顾客"])
    view = QTableView()
    view.setModel(model)
    layout.addWidget(view)
    dialog.show()
    assert english_in(dialog, "dialog") == []

    english = QLabel("Quantity returned")
    layout.addWidget(english)
    qtbot.waitUntil(english.isVisible)  # a widget added to a shown layout is shown queued
    combo.addItem("Closed")
    model.setHorizontalHeaderLabels(["编号", "Customer"])
    hidden = QLabel("Not shown")
    layout.addWidget(hidden)
    hidden.hide()
    found = {item.text for item in english_in(dialog, "dialog")}
    assert found == {"Quantity returned", "Closed", "Customer"}


def test_the_chinese_welcome_page_shows_no_english(qtbot, engine, data_dir, answers):
    from app.config import database_path
    from app.ui.main_window import MainWindow

    window = MainWindow(engine, database_path(data_dir), "zh_CN")  # an empty database
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.tabs.tabText(window.tabs.currentIndex()) == "欢迎")
    screenshots = _load_screenshots()
    screenshots.settle(0.3)
    found = english_in(window, "welcome")
    assert not found, "\n".join(map(str, found))


def test_the_messages_next_to_the_fields_of_an_empty_form_are_chinese(qtbot, engine, answers):
    """Saving each empty new record form: every message it shows (from the services' tables)."""
    from app.ui.complaints.complaint_dialog import ComplaintDialog
    from app.ui.customers.customer_dialog import CustomerDialog
    from app.ui.field_service.service_report_dialog import ServiceReportDialog
    from app.ui.field_service.visit_dialog import VisitReportDialog
    from app.ui.returns.return_dialog import ReturnDialog
    from app.ui.signals import DataHub

    hub = DataHub()
    forms = {
        "customer": CustomerDialog(engine, hub, None, lambda *_: None),
        "complaint": ComplaintDialog(engine, hub, None),
        "return": ReturnDialog(engine, hub, None),
        "service-report": ServiceReportDialog(engine, hub, None),
        "visit-report": VisitReportDialog(engine, hub, None),
    }
    found: list[English] = []
    for name, dialog in forms.items():
        qtbot.addWidget(dialog)
        dialog.show()
        if name == "customer":  # typed values that are no e-mail address and no date
            dialog.email.setText("kefu")
            dialog.cooperation_since.line.setText("2026-02-30")
        before = {text for _where, text in shown_texts(dialog)}
        assert dialog.save() is False, name  # nothing filled in: messages next to the fields
        qtbot.wait(10)
        messages = {text for _where, text in shown_texts(dialog)} - before
        assert messages, name
        found += english_in(dialog, name)
    _queue, asked = answers
    found += [English("message", "", text) for text in asked if english_words(text)]
    assert not found, "\n".join(map(str, found))
