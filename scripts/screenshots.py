"""Screenshots of the real app for the user guide, and a check that nothing is clipped.

    uv run python scripts/screenshots.py              # both languages, 100 % and 150 %
    uv run python scripts/screenshots.py --lang en --scale 100
    uv run python scripts/screenshots.py --only settings   # those pictures only, the rest kept

The app starts offscreen (Qt's offscreen platform, a screen configured by a JSON file) on a
fresh data folder filled with the demo data (`qualitydesk demo`), the same way it starts on a
clerk's PC (app.ui.application.start_application), once per language and scale:

- 100 %: a 1366×768 screen; the window gets the working area a maximised window has there
  (less the taskbar and the title bar). Screenshots go to docs/screenshots/<language>/.
- 150 %: a 1920×1080 screen at QT_SCALE_FACTOR=1.5, i.e. 1280×720 device-independent pixels —
  Windows' usual 150 % screen (a 1366×768 screen is not offered 150 %). Only checked; the
  pictures go to build/screenshots-150/<language>/ (not kept in the repository).

Every tab (and each view of the surveys tab) and every record form and dialog is grabbed;
each page of a form's tabs is checked. A widget whose text is cut off (find_clipped: a
button, check box, label, read-only field, combo box or tab bar narrower than its text, a
wrapped label shorter than its lines) or that extends past its window, and a window larger
than the screen's working area, is reported; the script then exits 1.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTabWidget,
    QToolButton,
    QWidget,
)

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
SCALED_SHOTS = ROOT / "build" / "screenshots-150"
# (physical width, height, scale factor); the logical screen is physical / scale
SCREENS = {"100": (1366, 768, 1.0), "150": (1920, 1080, 1.5)}
TASKBAR, TITLE_BAR = 40, 31  # Windows 10/11 at 100 %, in device-independent pixels
LANGUAGES = ("zh_CN", "en")
SETTLE_TIMEOUT_S = 20.0
ONLY_ENV = "QD_SCREENSHOTS_ONLY"


@dataclass(frozen=True)
class Clip:
    window: str  # the window's title
    widget: str  # class and object name / text of the widget
    reason: str

    def __str__(self) -> str:
        return f"{self.window}: {self.widget}: {self.reason}"


# ---------------------------------------------------------------- the clip detector


def _plain(text: str) -> str:
    """A button's text as shown: without the & of its mnemonic."""
    return re.sub(r"&(.)", r"\1", text)


def _describe(widget: QWidget) -> str:
    name = widget.objectName()
    text = ""
    for getter in ("text", "currentText", "placeholderText"):
        if hasattr(widget, getter):
            value = getattr(widget, getter)()
            if isinstance(value, str) and value:
                text = value
                break
    label = type(widget).__name__
    if name and not name.startswith("qt_"):
        label += f"#{name}"
    if text:
        short = text if len(text) <= 40 else text[:39] + "…"
        label += f" {short!r}"
    return label


def _in_scrolled_content(widget: QWidget, window: QWidget) -> bool:
    """Inside the viewport of a scroll area or item view: such content may be larger than
    what is shown (it scrolls), so it is not 'past its window'."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def _button_clip(button: QAbstractButton) -> str | None:
    text = _plain(button.text())
    if not text:
        return None
    if isinstance(button, QPushButton):
        # the style's minimum width (80 px) is no text of the button's own: measure the text
        metrics = button.fontMetrics()
        icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
        margin = 2 * button.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
        needed = metrics.horizontalAdvance(text) + icon + margin
        if button.menu() is not None:
            needed += button.style().pixelMetric(
                QStyle.PixelMetric.PM_MenuButtonIndicator, None, button
            )
        needed = min(needed, button.sizeHint().width())
    elif isinstance(button, QCheckBox | QRadioButton | QToolButton):
        needed = button.sizeHint().width()
    else:
        return None
    if button.width() < needed:
        return f"text needs {needed} px, has {button.width()} px"
    if button.height() < button.minimumSizeHint().height() - 2:
        return f"text needs {button.minimumSizeHint().height()} px high, has {button.height()} px"
    return None


def _label_clip(label: QLabel) -> str | None:
    if not label.text() or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            return f"wrapped text needs {needed} px high, has {label.height()} px"
        return None
    needed = label.sizeHint().width()
    if needed > label.width() + 1:
        return f"text needs {needed} px, has {label.width()} px"
    return None


def _line_edit_clip(edit: QLineEdit) -> str | None:
    """A placeholder (UI text) or the value of a read-only field (shown, not typed) cut off."""
    if edit.text():
        if not edit.isReadOnly():
            return None  # typed text scrolls while typing
        text = edit.text()
    else:
        text = edit.placeholderText()
    if not text:
        return None
    frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
    margins = edit.textMargins()
    available = edit.width() - 2 * frame - margins.left() - margins.right() - 4
    needed = edit.fontMetrics().horizontalAdvance(text)
    if needed > available:
        return f"text needs {needed} px, has {available} px"
    return None


def _combo_clip(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.currentText = text
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    icon = combo.iconSize().width() + 4 if not combo.itemIcon(combo.currentIndex()).isNull() else 0
    needed = combo.fontMetrics().horizontalAdvance(text) + icon
    if needed > field.width() + 1:
        return f"text needs {needed} px, has {field.width()} px"
    return None


def _tab_bar_clip(bar: QTabBar) -> str | None:
    if bar.count() == 0:
        return None
    last = bar.tabRect(bar.count() - 1)
    first = bar.tabRect(0)
    if first.left() < 0 or last.right() > bar.width():
        return "not every tab fits (scroll arrows)"
    for index in range(bar.count()):
        text = _plain(bar.tabText(index))
        if text and bar.tabRect(index).width() < bar.fontMetrics().horizontalAdvance(text):
            return f"tab {text!r} cut off"
    return None


def widget_clip(widget: QWidget) -> str | None:
    """Why the widget's own text is cut off, or None."""
    if isinstance(widget, QAbstractButton):
        return _button_clip(widget)
    if isinstance(widget, QLabel):
        return _label_clip(widget)
    if isinstance(widget, QLineEdit):
        return _line_edit_clip(widget)
    if isinstance(widget, QComboBox):
        return _combo_clip(widget)
    if isinstance(widget, QTabBar):
        return _tab_bar_clip(widget)
    return None


def find_clipped(window: QWidget, screen: QRect | None = None) -> list[Clip]:
    """Every visible widget of the window whose text is cut off or which extends past the
    window, and the window itself when it is larger than the screen's working area."""
    title = window.windowTitle() or type(window).__name__
    clips: list[Clip] = []
    if screen is not None and (
        window.width() > screen.width() or window.height() > screen.height()
    ):
        clips.append(
            Clip(
                title,
                type(window).__name__,
                f"window {window.width()}×{window.height()} larger than the screen's working "
                f"area {screen.width()}×{screen.height()}",
            )
        )
    bounds = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow():
            continue
        reason = widget_clip(widget)
        if reason:
            clips.append(Clip(title, _describe(widget), reason))
        if _in_scrolled_content(widget, window):
            continue
        area = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not bounds.contains(area):
            clips.append(
                Clip(
                    title,
                    _describe(widget),
                    f"extends past its window ({area.x()},{area.y()} {area.width()}×"
                    f"{area.height()} in {bounds.width()}×{bounds.height()})",
                )
            )
    return clips


# ---------------------------------------------------------------- driving the app


def save_png(image, path: Path) -> None:  # noqa: ANN001
    """A screenshot as a 256-colour PNG: a third of the size, the same to the eye."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    picture.quantize(256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def settle(minimum_s: float = 0.3) -> None:
    """Let the window paint and its lists load (off the GUI thread) before a picture."""
    from PySide6.QtCore import QThreadPool

    start = time.monotonic()
    while True:
        QApplication.processEvents()
        elapsed = time.monotonic() - start
        idle = QThreadPool.globalInstance().activeThreadCount() == 0
        if (idle and elapsed >= minimum_s) or elapsed > SETTLE_TIMEOUT_S:
            break
        time.sleep(0.02)
    QApplication.processEvents()


class Run:
    """One language at one scale: the pictures and the clips found."""

    def __init__(self, language: str, scale: str, out: Path) -> None:
        self.language, self.scale, self.out = language, scale, out
        width, height, factor = SCREENS[scale]
        self.working_area = QRect(
            0, 0, round(width / factor), round(height / factor) - TASKBAR - TITLE_BAR
        )
        self.clips: list[Clip] = []
        self.saved: list[Path] = []
        self.only = os.environ.get(ONLY_ENV, "")  # --only: the names starting with it

    def wanted(self, name: str) -> bool:
        return name.startswith(self.only)

    def check(self, window: QWidget, name: str, save: bool = True) -> None:
        if not self.wanted(name):
            return
        settle()
        found = find_clipped(window, self.working_area)
        for clip in found:
            print(f"CLIPPED [{self.language} {self.scale}%] {name}: {clip}", flush=True)
        self.clips.extend(found)
        if save:
            self.out.mkdir(parents=True, exist_ok=True)
            path = self.out / f"{name}.png"
            save_png(window.grab().toImage(), path)
            self.saved.append(path)

    def check_pages(self, window: QWidget, name: str) -> None:
        """The window, then each further page of its tabs and step lists, checked and grabbed
        as name-2, name-3 … (numbered, so the names are the same in every language)."""
        self.check(window, name)
        page = 1
        for tabs in window.findChildren(QTabWidget):
            if not tabs.isVisible() or tabs.window() is not window:
                continue
            current = tabs.currentIndex()
            for index in range(tabs.count()):
                if index == current or not tabs.isTabEnabled(index):
                    continue
                tabs.setCurrentIndex(index)
                page += 1
                self.check(window, f"{name}-{page}")
            tabs.setCurrentIndex(current)
        for steps in window.findChildren(QListWidget):
            pages = [
                stack
                for stack in steps.parentWidget().findChildren(QStackedWidget)
                if stack.parentWidget() is steps.parentWidget() and stack.count() == steps.count()
            ]
            if not steps.isVisible() or not pages:
                continue
            current = steps.currentRow()
            for row in range(steps.count()):
                item = steps.item(row)
                if (
                    row == current
                    or item.isHidden()
                    or not item.flags() & Qt.ItemFlag.ItemIsEnabled
                ):
                    continue
                steps.setCurrentRow(row)
                page += 1
                self.check(window, f"{name}-{page}")
            steps.setCurrentRow(current)

    def dialog(self, name: str, trigger: Callable[[], object]) -> None:
        """Open a window by its menu action or button (modal or not), check it, close it."""
        if not self.wanted(name):
            return
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        seen: list[QWidget] = []

        def new_window() -> QWidget | None:
            for widget in QApplication.topLevelWidgets():
                if widget.isVisible() and id(widget) not in before:
                    return widget
            return None

        def capture() -> None:
            from PySide6.QtCore import QTimer

            window = new_window()
            if window is None:
                if time.monotonic() - started < SETTLE_TIMEOUT_S:
                    QTimer.singleShot(50, capture)
                return
            seen.append(window)
            self.check_pages(window, name)
            window.close()

        from PySide6.QtCore import QTimer

        started = time.monotonic()
        QTimer.singleShot(0, capture)
        trigger()  # a modal dialog's exec() returns once capture() has closed it
        deadline = time.monotonic() + SETTLE_TIMEOUT_S
        while not seen and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.02)
        if not seen:
            print(f"NOT OPENED [{self.language} {self.scale}%] {name}", flush=True)
            self.clips.append(Clip(name, "-", "the window did not open"))
        settle(0.1)


def answer_message_boxes(language: str, scale: str) -> None:
    """Questions are answered "discard" (the script changes nothing), notes are printed."""

    def question(_parent, title, text, *_args, **_kwargs):  # noqa: ANN001, ANN202
        print(f"QUESTION [{language} {scale}%] {title}: {text}", flush=True)
        return QMessageBox.StandardButton.Discard

    def note(_parent, title, text, *_args, **_kwargs):  # noqa: ANN001, ANN202
        print(f"MESSAGE [{language} {scale}%] {title}: {text}", flush=True)
        return QMessageBox.StandardButton.Ok

    QMessageBox.question = staticmethod(question)
    for name in ("information", "warning", "critical"):
        setattr(QMessageBox, name, staticmethod(note))


def record_ids(engine) -> dict[str, int]:  # noqa: ANN001
    """A record of each kind that shows a good deal of its form."""
    from sqlmodel import Session, func, select

    from app.models.complaint import Complaint, CorrectiveAction
    from app.models.customer import Customer
    from app.models.field_service import ServiceReport, VisitReport
    from app.models.returns import ReturnReceipt, ReturnStatus
    from app.models.survey import SurveyCampaign, SurveyTemplate

    with Session(engine) as session:
        busiest = session.exec(
            select(CorrectiveAction.complaint_id)
            .group_by(CorrectiveAction.complaint_id)
            .order_by(func.count().desc())
        ).first()
        disposed = session.exec(
            select(ReturnReceipt.id).where(ReturnReceipt.status == ReturnStatus.DISPOSED.value)
        ).first()
        return {
            "customer": session.exec(select(Customer.id).order_by(Customer.id)).first(),
            "complaint": busiest or session.exec(select(Complaint.id)).first(),
            "return": disposed or session.exec(select(ReturnReceipt.id)).first(),
            "service": session.exec(select(ServiceReport.id)).first(),
            "visit": session.exec(select(VisitReport.id)).first(),
            "template": session.exec(select(SurveyTemplate.id)).first(),
            "campaign": session.exec(select(SurveyCampaign.id)).first(),
        }


def run_child(language: str, scale: str, data_dir: Path, out: Path) -> int:
    """In this process: the app on data_dir in one language at one scale."""
    from app.ui.application import start_application

    answer_message_boxes(language, scale)
    controller = start_application(str(data_dir), language)
    if controller is None:
        print("the app did not start", file=sys.stderr)
        return 2
    run = Run(language, scale, out)
    window = controller.window
    window.resize(run.working_area.size())
    settle(1.0)
    walk(run, window)

    controller.shut_down()
    print(
        f"[{language} {scale}%] {len(run.saved)} pictures in {out}, {len(run.clips)} clipped",
        flush=True,
    )
    return 1 if run.clips else 0


def walk(run: Run, window) -> None:  # noqa: ANN001  (the MainWindow)
    """Every tab (each view of the surveys tab), then every record form and dialog the window
    opens, each passed to run.check / run.dialog. tests/ui/test_language_visible.py walks the
    same way with a Run that collects the texts shown instead of grabbing pictures."""
    tab_names = ("overview", "customers", "complaints", "returns", "surveys", "field-service")
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        name = f"tab-{tab_names[index] if index < len(tab_names) else index + 1}"
        if window.tabs.widget(index) is window.surveys_tab:
            views = window.surveys_tab.views
            for view, view_name in enumerate(("templates", "campaigns", "answers")):
                views.setCurrentIndex(view)
                run.check(window, f"{name}-{view_name}")
            views.setCurrentIndex(1)
        else:
            run.check(window, name)
    window.tabs.setCurrentIndex(0)

    ids = record_ids(window.engine)
    surveys = window.surveys_tab
    field = window.field_service_tab
    run.dialog("customer", lambda: window.customers_tab.open_customer(ids["customer"]))
    run.dialog("customer-new", window.customers_tab.new_customer)
    run.dialog("complaint", lambda: window.complaints_tab.open_complaint(ids["complaint"]))
    run.dialog("complaint-new", window.complaints_tab.new_complaint)
    run.dialog("return", lambda: window.returns_tab.open_return(ids["return"]))
    run.dialog("return-new", window.returns_tab.new_return)
    if ids["service"]:
        run.dialog("service-report", lambda: field.open_key(("service", ids["service"])))
    if ids["visit"]:
        run.dialog("visit-report", lambda: field.open_key(("visit", ids["visit"])))
    if ids["template"]:
        run.dialog("survey-template", lambda: surveys.templates.open_template(ids["template"]))
    if ids["campaign"]:

        def edit_campaign() -> None:
            surveys.views.setCurrentIndex(1)
            surveys.campaigns.view.selectRow(0)
            settle(0.1)
            surveys.campaigns.edit_campaign()

        run.dialog("survey-campaign", edit_campaign)
    run.dialog("survey-campaign-new", surveys.campaigns.new_campaign)
    run.dialog("due-list", window.show_due_list)
    run.dialog("settings", window.open_settings)  # every page: settings, settings-2 …
    run.dialog("user-guide", window.show_user_guide)
    run.dialog("about", window.show_about)


def screen_config(scale: str, folder: Path) -> Path:
    """The offscreen platform has no taskbar: its screen is the working area Windows reports
    (availableGeometry, which the dialogs size themselves by), the screen less the taskbar."""
    width, height, factor = SCREENS[scale]
    path = folder / f"screen-{scale}.json"
    height -= round(TASKBAR * factor)
    screen = {"name": "screen", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    path.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return path


def make_demo_data(folder: Path) -> None:
    """The demo data, made by the command line the user has."""
    env = dict(os.environ, QUALITYDESK_CONFIG_DIR=str(folder / "config"))
    env.pop("QUALITYDESK_DB_URL", None)
    subprocess.run(
        [sys.executable, "-m", "app.main", "--data-dir", str(folder / "data"), "demo"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=LANGUAGES, action="append")
    parser.add_argument("--scale", choices=sorted(SCREENS), action="append")
    parser.add_argument("--child", nargs=4, metavar=("LANG", "SCALE", "DATA", "OUT"))
    parser.add_argument(
        "--only", default="", help="only the pictures whose names start with this; keep the rest"
    )
    args = parser.parse_args(argv)
    if args.child:
        language, scale, data_dir, out = args.child
        return run_child(language, scale, Path(data_dir), Path(out))

    failed = False
    with tempfile.TemporaryDirectory(prefix="qd-shots-") as temp:
        temp_dir = Path(temp)
        make_demo_data(temp_dir)
        for scale in args.scale or sorted(SCREENS):
            for language in args.lang or LANGUAGES:
                base = SHOTS if scale == "100" else SCALED_SHOTS
                out = base / language
                if args.only:
                    for old in out.glob(f"{args.only}*.png"):
                        old.unlink()
                else:
                    shutil.rmtree(out, ignore_errors=True)
                data = temp_dir / f"data-{scale}-{language}"
                shutil.copytree(temp_dir / "data", data)
                env = dict(os.environ)
                env["QUALITYDESK_CONFIG_DIR"] = str(temp_dir / f"config-{scale}-{language}")
                env.pop("QUALITYDESK_DB_URL", None)
                env[ONLY_ENV] = args.only
                env["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen_config(scale, temp_dir)}"
                env["QT_SCALE_FACTOR"] = str(SCREENS[scale][2])
                command = [sys.executable, __file__, "--child", language, scale, str(data)]
                result = subprocess.run([*command, str(out)], cwd=ROOT, env=env)
                failed = failed or result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
