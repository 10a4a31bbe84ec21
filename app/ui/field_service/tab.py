"""The field-service tab 现场服务: service reports and visits in one list, the overdue visits,
the printed forms and the monthly service report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
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
from app.services import customer_service, field_service, settings_service, visit_service
from app.services.complaint_data import label
from app.services.field_data import FIELD_KIND_LABELS, SERVICE_RESULT_LABELS, FieldFilter
from app.services.validation import FieldError, ValidationError
from app.ui.background import BackgroundOp
from app.ui.base_tab import BaseTab
from app.ui.field_service import forms
from app.ui.field_service.table_model import FieldTableModel, Key
from app.ui.record_tabs import tab_title
from app.ui.signals import DataHub
from app.ui.widgets.action_dialogs import ReasonDialog
from app.ui.widgets.customer_filter import CustomerFilterEdit
from app.ui.widgets.list_loader import show_failure

SEARCH_DELAY_MS = 250
MONTHS_BACK = 24


def recent_months(today: date, count: int = MONTHS_BACK) -> list[tuple[int, int]]:
    """This month and the ones before it, newest first."""
    year, month = today.year, today.month
    result = []
    for _ in range(count):
        result.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return result


class FieldServiceTab(BaseTab):
    def __init__(
        self, engine: Engine, hub: DataHub, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.today = today
        self.last_export: Path | None = None
        self._ops: list[BackgroundOp] = []
        self._build()
        self.hub.dataChanged.connect(self._on_data_changed)
        self.refresh()

    @classmethod
    def title(cls) -> str:  # known before the tab is built (app/ui/record_tabs.py)
        return tab_title("field_service")

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr("Search number, customer, engineer, product, serial no., problem (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem(self.tr("Reports and visits"), None)
        for value in FIELD_KIND_LABELS:
            self.kind_filter.addItem(label(FIELD_KIND_LABELS, value), value)
        self.customer_filter = CustomerFilterEdit(self.engine, self)
        self.engineer_filter = QLineEdit(self)
        self.engineer_filter.setPlaceholderText(self.tr("Engineer / visitor"))
        self.engineer_filter.setClearButtonEnabled(True)
        self.month_filter = QComboBox(self)
        self.month_filter.addItem(self.tr("All months"), None)
        for year, month in recent_months(self.today or date.today()):
            self.month_filter.addItem(f"{year}-{month:02d}", f"{year}-{month:02d}")
        self.open_filter = QCheckBox(self.tr("Open follow-ups only"), self)
        self.open_filter.setToolTip(
            self.tr("Service reports not solved for good, visits with follow-ups not yet verified")
        )
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.count_label = QLabel(self)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        for edit in (self.search, self.engineer_filter):
            edit.textChanged.connect(lambda _text: self._search_timer.start())
        for combo in (self.kind_filter, self.month_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.customer_filter.customerChanged.connect(self.apply_filter)
        self.open_filter.toggled.connect(self.apply_filter)
        self.clear_button.clicked.connect(self.clear_filters)

        self.model = FieldTableModel(self.engine, self)
        for loaded in (self.model.firstPageLoaded, self.model.loadFailed):
            loaded.connect(self._update_count)
        # a first page shown before its count: not the count of the list before
        self.model.pageShown.connect(lambda: self.count_label.setText("…"))
        self.view = QTableView(self)
        self._build_view()

        self.new_button = QPushButton(self.tr("New (Ctrl+N)"), self)
        self.new_menu = QMenu(self.new_button)
        self.new_menu.addAction(self.tr("Service report…"), lambda: self.new_service_report())
        self.new_menu.addAction(self.tr("Visit report…"), lambda: self.new_visit())
        self.new_button.setMenu(self.new_menu)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.clicked.connect(self.open_current)
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.setToolTip(
            self.tr("Delete a report written in error; every value stays in the history")
        )
        self.delete_button.clicked.connect(self.delete_current)
        self.overdue_button = QPushButton(self)
        self.overdue_button.setToolTip(
            self.tr("Customers whose next visit by the cadence is overdue")
        )
        self.overdue_button.clicked.connect(self.show_overdue)
        self.print_button = QPushButton(self.tr("Print / PDF"), self)
        self.print_button.setToolTip(self.tr("Forms and the monthly service report (Ctrl+P)"))
        menu = QMenu(self.print_button)
        self.preview_selected_action = menu.addAction(
            self.tr("Preview and print the selected reports…"), self.print_selected
        )
        menu.addAction(
            self.tr("Preview and print a blank service report…"),
            lambda: self.export_blank(preview=True),
        )
        menu.addAction(
            self.tr("Preview and print the monthly service report…"),
            lambda: self.export_monthly(False, preview=True),
        )
        menu.addSeparator()
        self.print_selected_action = menu.addAction(
            self.tr("Selected report (PDF)…"), self.export_selected
        )
        menu.addAction(self.tr("Blank service report (PDF)…"), self.export_blank)
        menu.addSeparator()
        menu.addAction(self.tr("Monthly service report (PDF)…"), lambda: self.export_monthly(False))
        menu.addAction(
            self.tr("Monthly service report (Excel)…"), lambda: self.export_monthly(True)
        )
        self.print_button.setMenu(menu)

        first = QHBoxLayout()
        first.addWidget(self.search, 4)
        first.addWidget(self.kind_filter, 1)
        first.addWidget(self.customer_filter, 2)
        second = QHBoxLayout()
        second.addWidget(self.engineer_filter, 2)
        second.addWidget(self.month_filter, 1)
        second.addWidget(self.open_filter)
        second.addStretch(1)
        second.addWidget(self.clear_button)
        actions = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.delete_button,
                       self.print_button, self.overdue_button):  # fmt: skip
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addLayout(actions)
        layout.addWidget(self.view)

        for key, slot in (
            (QKeySequence.StandardKey.New, self.show_new_menu),
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence.StandardKey.Print, self.show_print_menu),
        ):
            action = QAction(self)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        order = [self.search, self.kind_filter, self.customer_filter, self.engineer_filter,
                 self.month_filter, self.open_filter, self.view]  # fmt: skip
        for before, after in zip(order, order[1:], strict=False):
            self.setTabOrder(before, after)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _build_view(self) -> None:
        view, m = self.view, FieldTableModel
        view.setModel(self.model)
        self.set_up_list_view(m.COL_DATE, Qt.SortOrder.DescendingOrder)
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
        words = {
            m.COL_KIND: [label(FIELD_KIND_LABELS, v) for v in FIELD_KIND_LABELS],
            m.COL_RESULT: [label(SERVICE_RESULT_LABELS, v) for v in SERVICE_RESULT_LABELS],
            m.COL_NUMBER: ["FW-L1-2026-0000"],
        }
        for column, width in (
            (m.COL_NUMBER, 110), (m.COL_KIND, 0), (m.COL_CUSTOMER, 200), (m.COL_DATE, 88),
            (m.COL_PEOPLE, 130), (m.COL_SUMMARY, 280), (m.COL_RESULT, 0), (m.COL_OPEN, 0),
        ):  # fmt: skip
            texts = [headers[column], *words.get(column, [])]
            fitted = max(metrics.horizontalAdvance(t) for t in texts) + 24
            header.resizeSection(column, max(width, fitted))
        header.setStretchLastSection(True)
        view.doubleClicked.connect(lambda index: self.open_key(self.model.key_at(index.row())))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), view, context=Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.open_current)

    # ------------------------------------------------------------------ list

    def current_filter(self) -> FieldFilter:
        return FieldFilter(
            text=self.search.text(),
            kind=self.kind_filter.currentData(),
            customer_id=self.customer_filter.customer_id,
            engineer=self.engineer_filter.text(),
            month=self.chosen_month(),
            open_follow_ups_only=self.open_filter.isChecked(),
        )

    def chosen_month(self) -> tuple[int, int] | None:
        """The month of the filter as (year, month); None: all months."""
        text = self.month_filter.currentData()
        if not text:
            return None
        year, month = text.split("-")
        return int(year), int(month)

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self.view.scrollToTop()
        self._update_count()

    def clear_filters(self) -> None:
        widgets = (self.search, self.engineer_filter, self.kind_filter, self.month_filter,
                   self.open_filter)  # fmt: skip
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        self.engineer_filter.clear()
        self.kind_filter.setCurrentIndex(0)
        self.month_filter.setCurrentIndex(0)
        self.open_filter.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.customer_filter.set_customer(None, notify=False)
        self.apply_filter()

    def refresh(self) -> None:
        self.model.reload()
        self._update_count()
        self.update_overdue()

    def update_overdue(self) -> int:
        count = len(visit_service.overdue_visits(self.engine, self.today))
        self.overdue_button.setText(self.tr("Overdue visits ({count})").format(count=count))
        self.overdue_button.setStyleSheet("color: #c0392b; font-weight: bold;" if count else "")
        return count

    def _update_count(self) -> None:
        if not show_failure(self.count_label, self.model):
            self.count_label.setText(self.tr("%Ln record(s)", "", self.model.rowCount()))
        self._update_buttons()

    def _update_buttons(self) -> None:
        keys = self.selected_ids()
        chosen = bool(keys)
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(len(keys) == 1)  # one record at a time, with its reason
        self.print_selected_action.setEnabled(chosen)
        self.preview_selected_action.setEnabled(chosen)

    def _on_data_changed(self, family: str, record_id: int) -> None:
        if family == field_service.ENTITY:
            self.refresh_keeping_selection(("service", record_id) if record_id else None)
        elif family == visit_service.ENTITY:
            self.refresh_keeping_selection(("visit", record_id) if record_id else None)
        elif family == customer_service.ENTITY:
            self.refresh_keeping_selection(None)

    # ------------------------------------------------------------------ records

    def show_new_menu(self) -> None:
        self.new_button.showMenu()

    def show_print_menu(self) -> None:
        self.print_button.showMenu()

    def new_service_report(self, customer_id: int | None = None) -> None:
        self._open_dialog(("service", 0), customer_id)

    def new_visit(self, customer_id: int | None = None) -> None:
        self._open_dialog(("visit", 0), customer_id)

    def open_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.open_key(self.model.key_at(index.row()))

    def open_key(self, key: Key | None) -> None:
        if key is not None:
            self._open_dialog(key)

    def _open_dialog(self, key: Key, customer_id: int | None = None) -> QDialog:
        """Open a stored record (id) or a new one (id 0) of the kind."""
        kind, record_id = key
        if kind == "service":
            from app.ui.field_service.service_report_dialog import ServiceReportDialog

            dialog = ServiceReportDialog(
                self.engine, self.hub, record_id or None, self, customer_id=customer_id
            )
        else:
            from app.ui.field_service.visit_dialog import VisitReportDialog

            dialog = VisitReportDialog(
                self.engine, self.hub, record_id or None, self, customer_id=customer_id
            )
        dialog.exec()
        return dialog

    def delete_current(self) -> bool:
        keys = self.selected_ids()
        if len(keys) != 1:
            return False
        kind, record_id = keys[0]
        row = self.model.row_at(self.model.row_of(keys[0]))
        number = row.number if row else ""
        service = field_service if kind == "service" else visit_service
        user = self._user()

        def submit(reason: str) -> None:
            if not reason.strip():
                raise ValidationError({"delete_reason": FieldError("required")})
            service.delete(self.engine, record_id, user, reason=reason)

        dialog = ReasonDialog(
            self.tr("Delete {number}").format(number=number),
            self.tr(
                "Delete only a report written in error. Every value stays in the history and "
                "the number is not given again."
            ),
            self.tr("Reason *"),
            "delete_reason",
            submit,
            parent=self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.hub.dataChanged.emit(service.ENTITY, 0)
        return True

    def _user(self) -> str:
        return settings_service.current_user(self.engine)

    def show_overdue(self) -> QDialog:
        from app.ui.field_service.overdue_dialog import OverdueVisitsDialog

        dialog = OverdueVisitsDialog(self.engine, self.new_visit, self, today=self.today)
        dialog.exec()
        self.update_overdue()
        return dialog

    # ------------------------------------------------------------------ printing

    def export_selected(self) -> BackgroundOp | None:
        keys = self.selected_ids()
        if not keys:
            return None
        kind, record_id = keys[0]
        lang = current_language()
        if kind == "service":
            data = field_service.get(self.engine, record_id)
            op = data and forms.export_service_report(self, self.engine, data, lang, self._exported)
        else:
            visit = visit_service.get(self.engine, record_id)
            op = visit and forms.export_visit_report(self, self.engine, visit, lang, self._exported)
        return self._keep(op or None)

    def print_selected(self) -> BackgroundOp | None:
        """The reports of every selected record in one preview, made off the GUI thread."""
        keys = self.selected_ids()
        if not keys:
            return None
        self.last_print = forms.preview_records(self, self.engine, keys, current_language())
        return self._keep(self.last_print)

    def export_blank(self, preview: bool = False) -> BackgroundOp | None:
        """A blank service report; with a customer in the filter, for that customer."""
        blank = field_service.blank_report(self.engine, self.customer_filter.customer_id)
        return self._keep(
            forms.export_blank_service_report(
                self,
                self.engine,
                current_language(),
                self._exported,
                customer_code=blank.customer_code,
                customer_name=blank.customer_name,
                site_address=blank.site_address,
                preview=preview,
            )  # fmt: skip
        )

    def ask_month(self) -> tuple[int, int] | None:
        """The month of the filter, else the one the user picks (last month first)."""
        if (chosen := self.chosen_month()) is not None:
            return chosen
        months = recent_months(self.today or date.today())
        texts = [f"{y}-{m:02d}" for y, m in months]
        text, ok = QInputDialog.getItem(
            self, self.tr("Monthly service report"), self.tr("Month:"), texts, 1, False
        )
        return months[texts.index(text)] if ok and text in texts else None

    def export_monthly(
        self, excel: bool, month: tuple[int, int] | None = None, preview: bool = False
    ) -> BackgroundOp | None:
        month = month or self.ask_month()
        if month is None:
            return None
        return self._keep(
            forms.export_monthly(
                self,
                self.engine,
                month[0],
                month[1],
                excel,
                current_language(),
                self._exported,
                preview=preview,
            )  # fmt: skip
        )

    def _keep(self, op: BackgroundOp | None) -> BackgroundOp | None:
        if op is not None:
            self._ops.append(op)
        return op

    def _exported(self, path: Path) -> None:
        self.last_export = path
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 10000)
