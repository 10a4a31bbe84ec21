"""The returns tab 退货: search, filters, the lazy list, the summary workbook and the forms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.reports.files import write_atomically
from app.services import complaint_service, customer_service, return_service, settings_service
from app.services.complaint_data import label
from app.services.return_data import (
    RETURN_RESPONSIBILITY_LABELS,
    RETURN_STATUS_LABELS,
    ReturnFilter,
)
from app.ui.background import BackgroundOp, Progress
from app.ui.base_tab import BaseTab
from app.ui.exporting import ask_save_path, export_in_background
from app.ui.locale_format import count_text
from app.ui.record_tabs import tab_title
from app.ui.returns.forms import FORM_KEYS, export_form, form_menu_text, preview_selected
from app.ui.returns.table_model import ReturnTableModel
from app.ui.signals import DataHub
from app.ui.widgets.customer_filter import CustomerFilterEdit
from app.ui.widgets.date_field import DateField
from app.ui.widgets.list_loader import show_failure

SEARCH_DELAY_MS = 250


class ReturnsTab(BaseTab):
    select_return = BaseTab.select_record

    def __init__(self, engine: Engine, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.last_export: Path | None = None
        self._build()
        self.hub.dataChanged.connect(self._on_data_changed)
        self.refresh()

    @classmethod
    def title(cls) -> str:  # known before the tab is built (app/ui/record_tabs.py)
        return tab_title("returns")

    # ------------------------------------------------------------------ building

    def _combo(self, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self.apply_filter)
        return combo

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr("Search number, receipt no., customer, material, batch, defect (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.customer_filter = CustomerFilterEdit(self.engine, self)
        self.customer_filter.customerChanged.connect(self.apply_filter)
        self.bulk_filter = self._combo(
            [(self.tr("Bulk and single"), None), (self.tr("Bulk returns only"), True),
             (self.tr("Without bulk returns"), False)]
        )  # fmt: skip
        self.responsibility_filter = self._combo(
            [(self.tr("All responsibilities"), None)]
            + [(label(RETURN_RESPONSIBILITY_LABELS, v), v) for v in RETURN_RESPONSIBILITY_LABELS]
        )
        self.disposition_filter = self._combo(
            [(self.tr("Disposition open or done"), None), (self.tr("Disposition open"), False),
             (self.tr("Disposition done"), True)]
        )  # fmt: skip
        self.complaint_filter = self._combo(
            [(self.tr("With or without complaint"), None), (self.tr("Linked to a complaint"), True),
             (self.tr("No complaint linked"), False)]
        )  # fmt: skip
        self.urgent_filter = QCheckBox(self.tr("Urgent production only"), self)
        self.urgent_filter.toggled.connect(self.apply_filter)
        self.received_from = DateField(self)
        self.received_to = DateField(self)
        self.received_from.line.setPlaceholderText(self.tr("from YYYY-MM-DD"))
        self.received_to.line.setPlaceholderText(self.tr("to YYYY-MM-DD"))
        for field in (self.received_from, self.received_to):
            field.setFixedWidth(170)
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.clicked.connect(self.clear_filters)
        self.count_label = QLabel(self)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        for field in (self.received_from, self.received_to):
            field.line.textChanged.connect(lambda _text: self._search_timer.start())

        self.model = ReturnTableModel(self.engine, self)
        for loaded in (self.model.firstPageLoaded, self.model.loadFailed):
            loaded.connect(self._update_count)
        # a first page shown before its count: not the count of the list before
        self.model.pageShown.connect(lambda: self.count_label.setText("…"))
        self.view = QTableView(self)
        self._build_view()

        self.new_button = QPushButton(self.tr("New (Ctrl+N)"), self)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.summary_button = QPushButton(self.tr("Export summary to Excel…"), self)
        self.summary_button.setToolTip(
            self.tr("Returns summary for the received-on period set in the filter")
        )
        self.print_button = QPushButton(self.tr("Print / PDF"), self)
        self.print_button.setToolTip(self.tr("Forms of the selected return as PDF (Ctrl+P)"))
        menu = QMenu(self.print_button)
        self.preview_menu = menu.addMenu(self.tr("Preview and print the selected returns"))
        self.preview_actions: dict[str, QAction] = {}
        for key in FORM_KEYS:
            action = self.preview_menu.addAction(form_menu_text(key))
            action.triggered.connect(lambda _checked=False, k=key: self.print_selected(k))
            self.preview_actions[key] = action
        menu.addSeparator()
        for key in FORM_KEYS:
            action = menu.addAction(form_menu_text(key))
            action.triggered.connect(lambda _checked=False, k=key: self.export_pdf(k))
        self.print_button.setMenu(menu)
        self.new_button.clicked.connect(self.new_return)
        self.open_button.clicked.connect(self.open_current)
        self.summary_button.clicked.connect(self.export_summary)

        first = QHBoxLayout()
        first.addWidget(self.search, 4)
        first.addWidget(self.customer_filter, 2)
        first.addWidget(self.responsibility_filter, 1)
        first.addWidget(self.urgent_filter)
        second = QHBoxLayout()
        second.addWidget(QLabel(self.tr("Received"), self))
        second.addWidget(self.received_from)
        second.addWidget(QLabel("–", self))
        second.addWidget(self.received_to)
        second.addSpacing(12)
        for combo in (self.bulk_filter, self.disposition_filter, self.complaint_filter):
            second.addWidget(combo, 1)
        second.addStretch(1)
        second.addWidget(self.clear_button)
        actions = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.summary_button, self.print_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addLayout(actions)
        layout.addWidget(self.view)

        for key, slot in (
            (QKeySequence.StandardKey.New, self.new_return),
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence.StandardKey.Print, self.show_print_menu),
        ):
            action = QAction(self)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        order = [self.search, self.customer_filter, self.responsibility_filter,
                 self.urgent_filter, self.received_from, self.received_to, self.bulk_filter,
                 self.disposition_filter, self.complaint_filter, self.view]  # fmt: skip
        for before, after in zip(order, order[1:], strict=False):
            self.setTabOrder(before, after)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _build_view(self) -> None:
        view, m = self.view, ReturnTableModel
        view.setModel(self.model)
        self.set_up_list_view(m.COL_NUMBER, Qt.SortOrder.DescendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setDefaultSectionSize(24)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = view.fontMetrics()
        headers = self.model.headers()
        words = {  # columns of fixed words: wide enough for the longest one in this language
            m.COL_BULK: [self.model.bulk_text()],
            m.COL_URGENT: [self.model.urgent_text()],
            m.COL_STATUS: [label(RETURN_STATUS_LABELS, v) for v in RETURN_STATUS_LABELS],
            m.COL_RESPONSIBILITY: [
                label(RETURN_RESPONSIBILITY_LABELS, v) for v in RETURN_RESPONSIBILITY_LABELS
            ],
        }
        for column, width in (
            (m.COL_NUMBER, 100), (m.COL_CUSTOMER, 170), (m.COL_RECEIVED, 88),
            (m.COL_RECEIPT_NO, 100), (m.COL_BULK, 0), (m.COL_ITEMS, 130), (m.COL_LINES, 36),
            (m.COL_QTY_RETURNED, 60), (m.COL_QTY_DEFECTIVE, 60), (m.COL_RESPONSIBILITY, 0),
            (m.COL_STATUS, 0), (m.COL_URGENT, 0),
        ):  # fmt: skip
            texts = [headers[column], *words.get(column, [])]
            fitted = max(metrics.horizontalAdvance(t) for t in texts) + 24
            header.resizeSection(column, max(width, fitted))
        header.setStretchLastSection(True)
        view.doubleClicked.connect(lambda index: self.open_return(self.model.id_at(index.row())))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), view, context=Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.open_current)

    # ------------------------------------------------------------------ list

    def _date_bound(self, field: DateField) -> date | None:
        """The typed date; a half-typed or wrong one is marked and ignored, never an error box."""
        try:
            value = field.date()
        except ValueError:
            field.line.setStyleSheet("border: 1px solid #c0392b;")
            field.line.setToolTip(self.tr("Not a date (e.g. 2026-03-15); ignored for now."))
            return None
        field.line.setStyleSheet("")
        field.line.setToolTip("")
        return value

    def current_filter(self) -> ReturnFilter:
        return ReturnFilter(
            text=self.search.text(),
            customer_id=self.customer_filter.customer_id,
            received_from=self._date_bound(self.received_from),
            received_to=self._date_bound(self.received_to),
            bulk=self.bulk_filter.currentData(),
            responsibility=self.responsibility_filter.currentData(),
            disposition_done=self.disposition_filter.currentData(),
            linked_complaint=self.complaint_filter.currentData(),
            urgent_only=self.urgent_filter.isChecked(),
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self.view.scrollToTop()
        self._update_count()

    def clear_filters(self) -> None:
        combos = (self.bulk_filter, self.responsibility_filter, self.disposition_filter,
                  self.complaint_filter)  # fmt: skip
        widgets = (self.search, self.urgent_filter, self.received_from.line,
                   self.received_to.line, *combos)  # fmt: skip
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in combos:
            combo.setCurrentIndex(0)
        self.urgent_filter.setChecked(False)
        self.received_from.set_date(None)
        self.received_to.set_date(None)
        for widget in widgets:
            widget.blockSignals(False)
        self.customer_filter.set_customer(None, notify=False)
        self.apply_filter()

    def refresh(self) -> None:
        self.model.reload()
        self._update_count()

    def _update_count(self) -> None:
        if not show_failure(self.count_label, self.model):
            self.count_label.setText(
                self.tr("{count} return(s)").format(count=count_text(self.model.rowCount()))
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = bool(self.selected_ids())
        self.open_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)

    def _on_data_changed(self, family: str, record_id: int) -> None:
        if family not in (return_service.ENTITY, customer_service.ENTITY, complaint_service.ENTITY):
            return
        self.refresh_keeping_selection(record_id if family == return_service.ENTITY else None)

    # ------------------------------------------------------------------ returns

    def new_return(self) -> None:
        self._open_dialog(None)

    def open_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.open_return(self.model.id_at(index.row()))

    def open_return(self, return_id: int | None) -> None:
        if return_id is not None:
            self._open_dialog(return_id)

    def _open_dialog(self, return_id: int | None) -> None:
        from app.ui.returns.return_dialog import ReturnDialog

        dialog = ReturnDialog(self.engine, self.hub, return_id=return_id, parent=self)
        dialog.exec()

    # ------------------------------------------------------------------ exports

    def export_summary(self) -> None:
        """The returns summary workbook for the received-on period of the filter."""
        flt = self.current_filter()
        bounds = [d.isoformat() for d in (flt.received_from, flt.received_to) if d]
        default = (
            self.tr("Returns summary {period}.xlsx").format(period="_".join(bounds))
            if bounds
            else self.tr("Returns summary.xlsx")
        )
        path = ask_save_path(
            self, self.tr("Save returns summary as Excel"), default,
            self.tr("Excel workbooks (*.xlsx)"),
        )  # fmt: skip
        if path is None:
            return
        engine, lang = self.engine, current_language()
        company = settings_service.load(engine).company_name

        def work(_progress: Progress) -> Path:
            from app.reports.excel.returns_summary_xlsx import returns_summary_xlsx
            from app.services.return_summary import returns_summary

            summary = returns_summary(engine, flt.received_from, flt.received_to, lang=lang)
            content = returns_summary_xlsx(
                summary, lang=lang, company=company, source_file=engine.url.database or ""
            )
            write_atomically(path, content)
            return path

        export_in_background(self, self.tr("Writing the returns summary…"), work, self._exported)

    def show_print_menu(self) -> None:
        if self.print_button.isEnabled():
            self.print_button.showMenu()

    def export_pdf(self, form_key: str) -> None:
        """One of the selected return's forms as PDF, in the language of the window."""
        ids = self.selected_ids()
        data = return_service.get(self.engine, ids[0]) if ids else None
        if data is not None:
            export_form(self, self.engine, data, form_key, current_language(), self._exported)

    def print_selected(self, form_key: str) -> BackgroundOp | None:
        """One form of every selected return in one preview, made off the GUI thread."""
        ids = self.selected_ids()
        if not ids:
            return None
        self.last_print = preview_selected(self, self.engine, ids, form_key, current_language())
        return self.last_print

    def _exported(self, path: Path) -> None:
        self.last_export = path
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 10000)
