"""The complaint-tickets tab: search, filters, the lazy ledger list, exports, and opening tickets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
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
from app.models.common import utcnow
from app.services import complaint_service, complaint_settings, customer_service, settings_service
from app.services.complaint_data import (
    SEVERITY_LABELS,
    STATUS_LABELS,
    URGENCY_LABELS,
    ComplaintFilter,
    label,
)
from app.ui.background import BackgroundOp, Progress
from app.ui.base_tab import BaseTab
from app.ui.complaints.table_model import ComplaintTableModel
from app.ui.exporting import ask_save_path, export_in_background
from app.ui.locale_format import count_text
from app.ui.record_tabs import tab_title
from app.ui.signals import COMPLAINT_SETTINGS_FAMILY, DataHub
from app.ui.widgets.customer_filter import CustomerFilterEdit
from app.ui.widgets.date_field import DateField
from app.ui.widgets.list_loader import show_failure

SEARCH_DELAY_MS = 250
CLOCK_TICK_MS = 60_000  # overdue colours and counts follow the clock


class ComplaintsTab(BaseTab):
    overdueCountChanged = Signal(int)  # open tickets past their next deadline, whatever the filter

    def __init__(
        self,
        engine: Engine,
        hub: DataHub,
        parent: QWidget | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self._clock = now or utcnow
        self.last_export: Path | None = None
        self.overdue_total = 0
        self._build()
        self.hub.dataChanged.connect(self._on_data_changed)
        self.refresh()
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(CLOCK_TICK_MS)
        self._clock_timer.timeout.connect(self.tick)
        self._clock_timer.start()

    @classmethod
    def title(cls) -> str:  # known before the tab is built (app/ui/record_tabs.py)
        return tab_title("complaints")

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr("Search number, customer, product, part, batch, description, owner (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.customer_filter = CustomerFilterEdit(self.engine, self)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("All statuses"), None)
        for value in STATUS_LABELS:
            self.status_filter.addItem(label(STATUS_LABELS, value), value)
        self.severity_filter = QComboBox(self)
        self.severity_filter.addItem(self.tr("All severities"), None)
        for value in SEVERITY_LABELS:
            self.severity_filter.addItem(label(SEVERITY_LABELS, value), value)
        self.overdue_filter = QCheckBox(self.tr("Overdue only"), self)
        self.received_from = DateField(self)
        self.received_to = DateField(self)
        self.received_from.line.setPlaceholderText(self.tr("from YYYY-MM-DD"))
        self.received_to.line.setPlaceholderText(self.tr("to YYYY-MM-DD"))
        for field in (self.received_from, self.received_to):
            field.setFixedWidth(170)
        self.department_filter = QComboBox(self)
        self.defect_filter = QComboBox(self)
        self._fill_lists()
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
        for combo in (
            self.status_filter,
            self.severity_filter,
            self.department_filter,
            self.defect_filter,
        ):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.overdue_filter.toggled.connect(self.apply_filter)
        self.customer_filter.customerChanged.connect(self.apply_filter)

        self.model = ComplaintTableModel(self.engine, self, now=self._clock)
        for loaded in (self.model.firstPageLoaded, self.model.extraLoaded, self.model.loadFailed):
            loaded.connect(self._update_count)
        # a first page shown before its count: not the count of the list before
        self.model.pageShown.connect(lambda: self.count_label.setText("…"))
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.set_up_list_view(ComplaintTableModel.COL_NUMBER, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        m = ComplaintTableModel
        lang = current_language()
        words = {  # columns of fixed words: wide enough for the longest one in this language
            m.COL_SEVERITY: [label(SEVERITY_LABELS, v, lang) for v in SEVERITY_LABELS],
            m.COL_URGENCY: [label(URGENCY_LABELS, v, lang) for v in URGENCY_LABELS],
            m.COL_STATUS: [label(STATUS_LABELS, v, lang) for v in STATUS_LABELS],
        }
        metrics = self.view.fontMetrics()
        headers = self.model.headers()
        for column, width in (
            (m.COL_NUMBER, 105),
            (m.COL_CUSTOMER, 170),
            (m.COL_PRODUCT, 130),
            (m.COL_RECEIVED, 112),
            (m.COL_SEVERITY, 0),
            (m.COL_URGENCY, 0),
            (m.COL_STATUS, 0),
            (m.COL_STEP, 100),
            (m.COL_NEXT_DUE, 215),
            (m.COL_OWNER, 60),
            (m.COL_DEFECT, 80),
        ):
            texts = [headers[column], *words.get(column, [])]
            fitted = max(metrics.horizontalAdvance(t) for t in texts) + 18
            header.resizeSection(column, max(width, fitted))
        header.setStretchLastSection(True)
        self.view.doubleClicked.connect(
            lambda index: self.open_complaint(self.model.id_at(index.row()))
        )
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(
                QKeySequence(key), self.view, context=Qt.ShortcutContext.WidgetShortcut
            )
            enter.activated.connect(self.open_current)

        self.new_button = QPushButton(self.tr("New (Ctrl+N)"), self)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.ledger_button = QPushButton(self.tr("Export ledger to Excel…"), self)
        self.tracking_button = QPushButton(self.tr("Export tracking list to Excel…"), self)
        self.import_button = QPushButton(self.tr("Import ledger from Excel…"), self)
        self.print_button = QPushButton(self.tr("Preview and print"), self)
        self.print_button.setToolTip(
            self.tr("A form of every selected ticket, previewed and printed together (Ctrl+P)")
        )
        menu = QMenu(self.print_button)
        self.print_actions: dict[str, QAction] = {}
        for key, text in (
            ("eight_d", self.tr("8D report (customer complaint form)…")),
            ("quality_feedback", self.tr("Quality information feedback form…")),
            ("capa", self.tr("Corrective/preventive action record…")),
            ("prevent_recurrence", self.tr("Prevent-recurrence report…")),
        ):
            action = menu.addAction(text)
            action.triggered.connect(lambda _checked=False, k=key: self.print_selected(k))
            self.print_actions[key] = action
        self.print_button.setMenu(menu)
        self.new_button.clicked.connect(self.new_complaint)
        self.open_button.clicked.connect(self.open_current)
        self.ledger_button.clicked.connect(self.export_ledger)
        self.tracking_button.clicked.connect(self.export_tracking_list)
        self.import_button.clicked.connect(self.import_ledger)

        first = QHBoxLayout()
        first.addWidget(self.search, 4)
        first.addWidget(self.customer_filter, 2)
        first.addWidget(self.status_filter, 1)
        first.addWidget(self.severity_filter, 1)
        first.addWidget(self.overdue_filter)
        second = QHBoxLayout()
        second.addWidget(QLabel(self.tr("Received"), self))
        second.addWidget(self.received_from)
        second.addWidget(QLabel("–", self))
        second.addWidget(self.received_to)
        second.addSpacing(12)
        second.addWidget(self.department_filter, 1)
        second.addWidget(self.defect_filter, 1)
        second.addStretch(1)
        second.addWidget(self.clear_button)
        actions = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.print_button, self.ledger_button,
                       self.tracking_button, self.import_button):  # fmt: skip
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addLayout(actions)
        layout.addWidget(self.view)

        for key, slot in (
            (QKeySequence.StandardKey.New, self.new_complaint),
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence.StandardKey.Print, self.print_button.showMenu),
        ):
            action = QAction(self)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        order = [
            self.search,
            self.customer_filter,
            self.status_filter,
            self.severity_filter,
            self.overdue_filter,
            self.received_from,
            self.received_to,
            self.department_filter,
            self.defect_filter,
            self.view,
        ]
        for before, after in zip(order, order[1:], strict=False):
            self.setTabOrder(before, after)

    def _fill_lists(self) -> None:
        """Department and defect-category choices from the complaint settings."""
        settings = complaint_settings.load(self.engine)
        for combo, everything, values in (
            (self.department_filter, self.tr("All departments"), settings.departments),
            (self.defect_filter, self.tr("All defect categories"), settings.defect_categories),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value in values:
                combo.addItem(value, value)
            if chosen is not None and combo.findData(chosen) < 0:
                combo.addItem(chosen, chosen)  # keep a choice the settings no longer list
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

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

    def current_filter(self) -> ComplaintFilter:
        return ComplaintFilter(
            text=self.search.text(),
            status=self.status_filter.currentData(),
            customer_id=self.customer_filter.customer_id,
            severity=self.severity_filter.currentData(),
            overdue_only=self.overdue_filter.isChecked(),
            received_from=self._date_bound(self.received_from),
            received_to=self._date_bound(self.received_to),
            department=self.department_filter.currentData(),
            defect_category=self.defect_filter.currentData(),
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self.view.scrollToTop()
        self._update_count()

    def clear_filters(self) -> None:
        widgets = (
            self.search,
            self.status_filter,
            self.severity_filter,
            self.overdue_filter,
            self.department_filter,
            self.defect_filter,
            self.received_from.line,
            self.received_to.line,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in (
            self.status_filter,
            self.severity_filter,
            self.department_filter,
            self.defect_filter,
        ):
            combo.setCurrentIndex(0)
        self.overdue_filter.setChecked(False)
        self.received_from.set_date(None)
        self.received_to.set_date(None)
        for widget in widgets:
            widget.blockSignals(False)
        self.customer_filter.set_customer(None, notify=False)
        self.apply_filter()

    def show_filtered(self, flt: ComplaintFilter) -> None:
        """Show the tickets of a drill-down: the other filters cleared, these set and applied."""
        self.clear_filters()
        widgets = (self.search, self.status_filter, self.severity_filter, self.overdue_filter,
                   self.department_filter, self.defect_filter,
                   self.received_from.line, self.received_to.line)  # fmt: skip
        for widget in widgets:
            widget.blockSignals(True)
        self.search.setText(flt.text)
        self.overdue_filter.setChecked(flt.overdue_only)
        for combo, value in (
            (self.status_filter, flt.status),
            (self.severity_filter, flt.severity),
            (self.department_filter, flt.department),
            (self.defect_filter, flt.defect_category),
        ):
            if value is not None and combo.findData(value) < 0:
                combo.addItem(value, value)  # a category the settings no longer list
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.received_from.set_date(flt.received_from)
        self.received_to.set_date(flt.received_to)
        for widget in widgets:
            widget.blockSignals(False)
        if flt.customer_id is not None:
            row = customer_service.rows_for_ids(self.engine, [flt.customer_id]).get(flt.customer_id)
            text = f"{row.code}  {row.name}" if row else str(flt.customer_id)
            self.customer_filter.set_customer(flt.customer_id, text, notify=False)
        self.apply_filter()

    def refresh(self) -> None:
        self.model.reload()
        self._update_count()

    def tick(self) -> None:
        """A minute passed: deadlines may have become overdue."""
        self.model.tick()
        self._update_count()

    def _update_count(self) -> None:
        if show_failure(self.count_label, self.model):
            return
        self.count_label.setText(
            self.tr("{count} ticket(s), {overdue} overdue").format(
                count=count_text(self.model.rowCount()), overdue=count_text(self.model.overdue)
            )
        )
        self.count_label.setStyleSheet("color: #9b1c1c;" if self.model.overdue else "")
        total = self.model.overdue_total  # counted with the list, off the GUI thread
        if total != self.overdue_total:
            self.overdue_total = total
            self.overdueCountChanged.emit(total)

    def _on_data_changed(self, family: str, record_id: int) -> None:
        if family == COMPLAINT_SETTINGS_FAMILY:
            self._fill_lists()
            self.refresh()
            return
        if family not in (complaint_service.ENTITY, customer_service.ENTITY):
            return
        self.refresh_keeping_selection(record_id if family == complaint_service.ENTITY else None)

    # ------------------------------------------------------------------ tickets

    def new_complaint(self) -> None:
        self._open_dialog(None)

    def open_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.open_complaint(self.model.id_at(index.row()))

    def open_complaint(self, complaint_id: int | None) -> None:
        if complaint_id is not None:
            self._open_dialog(complaint_id)

    def _open_dialog(self, complaint_id: int | None) -> None:
        from app.ui.complaints.complaint_dialog import ComplaintDialog

        dialog = ComplaintDialog(self.engine, self.hub, complaint_id=complaint_id, parent=self)
        dialog.exec()

    # ------------------------------------------------------------------ exports

    def export_ledger(self) -> None:
        flt = self.current_filter()
        bounds = [d.isoformat() for d in (flt.received_from, flt.received_to) if d]
        if bounds:
            default = self.tr("Complaint ledger {period}.xlsx").format(period="_".join(bounds))
        else:
            default = self.tr("Complaint ledger.xlsx")
        path = ask_save_path(
            self,
            self.tr("Save complaint ledger as Excel"),
            default,
            self.tr("Excel workbooks (*.xlsx)"),
        )
        if path is None:
            return
        lang = current_language()
        engine = self.engine
        now = self._clock()

        company = settings_service.load(engine).company_name

        def work(progress: Progress) -> Path:
            from app.reports.excel.complaint_ledger_xlsx import period_text, write_complaint_ledger
            from app.services import ledger_data

            # the ledger's columns, a few tickets at a time, straight into the file
            complaints = ledger_data.iter_ledger(engine, flt, progress.report)
            title_period = period_text(flt.received_from, flt.received_to, lang)
            write_complaint_ledger(
                path,
                complaints,
                lang,
                title_period,
                now,
                company=company,
                is_cancelled=progress.cancelled,
                read_first=lambda count: ledger_data.iter_ledger(engine, flt, limit=count),
            )
            return path

        export_in_background(self, self.tr("Writing the complaint ledger…"), work, self._exported)

    def export_tracking_list(self) -> None:
        path = ask_save_path(
            self,
            self.tr("Save complaint tracking list as Excel"),
            self.tr("Complaint tracking list.xlsx"),
            self.tr("Excel workbooks (*.xlsx)"),
        )
        if path is None:
            return
        flt = self.current_filter()
        lang = current_language()
        engine = self.engine
        now = self._clock()

        company = settings_service.load(engine).company_name

        def work(progress: Progress) -> Path:
            from app.reports.excel.tracking_list_xlsx import write_tracking_list

            complaints = complaint_service.iter_complaints(
                engine, flt, "number", False, progress.report
            )
            write_tracking_list(
                path, complaints, lang, now, company=company, is_cancelled=progress.cancelled
            )
            return path

        export_in_background(
            self, self.tr("Writing the complaint tracking list…"), work, self._exported
        )

    def _exported(self, path: Path) -> None:
        self.last_export = path
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 10000)

    def print_selected(self, form_key: str) -> BackgroundOp | None:
        """One form of every selected ticket in one preview, made off the GUI thread; each in
        its ticket's print language (bilingual for an OEM customer, else the window's)."""
        from app.ui.printing import nothing_selected, pdf_name, preview_batch

        ids = self.selected_ids()
        if not ids:
            nothing_selected(self, self.tr("Select one or more tickets first."))
            return None
        from app.ui.complaints.complaint_dialog import render_form

        engine, lang = self.engine, current_language()
        settings = settings_service.load(engine)
        title = settings_service.form_title(form_key, lang)

        def render_one(complaint_id: int) -> bytes | None:
            complaint = complaint_service.get(engine, complaint_id)
            if complaint is None:
                return None
            form_lang = "bilingual" if complaint.customer_type == "oem" else lang
            return render_form(form_key, complaint, settings, form_lang, engine)

        heading = self.tr("{form} ({count} tickets)").format(form=title, count=len(ids))
        self.last_print = preview_batch(self, heading, pdf_name(heading), ids, render_one)
        return self.last_print

    def import_ledger(self) -> None:
        from app.ui.complaints.import_dialog import ImportLedgerDialog

        dialog = ImportLedgerDialog(self.engine, self.hub, self)
        dialog.show()
