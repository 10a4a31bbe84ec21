"""Customers whose next visit is overdue by the visit cadence, and each customer's own interval."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import settings_service, visit_service
from app.services.field_data import OverdueVisit
from app.services.validation import ValidationError
from app.ui.locale_format import count_text, date_text
from app.ui.widgets.form import ErrorLabel

LATE = QColor("#c0392b")


class OverdueVisitsDialog(QDialog):
    """The overdue list (most overdue first); a customer's interval is set through set_visit_plan."""

    (COL_CODE, COL_NAME, COL_LAST, COL_EVERY, COL_DUE, COL_DAYS) = range(6)

    def __init__(
        self,
        engine: Engine,
        new_visit: Callable[[int], None],
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.user = settings_service.current_user(engine)
        self.today = today
        self._new_visit = new_visit
        self.rows: list[OverdueVisit] = []
        self.setWindowTitle(self.tr("Overdue visits"))
        self.resize(860, 480)
        settings = visit_service.load_visit_settings(engine)
        self.intro = QLabel(
            self.tr(
                "Visit cadence: every {first} month(s) in the first year of cooperation, every "
                "{later} month(s) after; a customer's own interval overrides it."
            ).format(first=settings.first_year_months, later=settings.later_months)
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Customer"), self.tr("Last visit"),
             self.tr("Every (months)"), self.tr("Due"), self.tr("Days overdue")]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _index: self.new_visit())

        self.every = QSpinBox(self)
        self.every.setRange(1, visit_service.MAX_MONTHS)
        self.every.setSuffix(self.tr(" month(s)"))
        self.use_cadence = QCheckBox(self.tr("General cadence"), self)
        self.use_cadence.toggled.connect(lambda on: self.every.setEnabled(not on))
        self.apply_button = QPushButton(self.tr("Set interval"), self)
        self.apply_button.setToolTip(self.tr("Visit the selected customer at this interval"))
        self.apply_button.clicked.connect(self.apply_interval)
        self.visit_button = QPushButton(self.tr("New visit…"), self)
        self.visit_button.clicked.connect(self.new_visit)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.accept)
        self.error = ErrorLabel(self)
        self.status = QLabel(self)
        plan = QHBoxLayout()
        plan.addWidget(QLabel(self.tr("Visit the selected customer every"), self))
        plan.addWidget(self.every)
        plan.addWidget(self.use_cadence)
        plan.addWidget(self.apply_button)
        plan.addStretch(1)
        plan.addWidget(self.visit_button)
        plan.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addLayout(plan)
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        self.rows = visit_service.overdue_visits(self.engine, self.today)
        self.table.setRowCount(len(self.rows))
        for r, o in enumerate(self.rows):
            last = (
                f"{date_text(o.last_visit)} {o.last_visit_number}"
                if o.last_visit
                else self.tr("never visited")
            )
            every = str(o.every_months) + (" " + self.tr("(own)") if o.planned else "")
            values = [o.customer_code, o.customer_name, last, every, date_text(o.due),
                      count_text(o.days_overdue)]  # fmt: skip
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if c == self.COL_DAYS:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    item.setForeground(QBrush(LATE))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.status.setText(self.tr("%n customer(s) overdue for a visit", "", len(self.rows)))
        row = next((i for i, o in enumerate(self.rows) if o.customer_id == keep), 0)
        if self.rows:
            self.table.selectRow(row)
        self._selected()

    def current(self) -> OverdueVisit | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _selected(self) -> None:
        current = self.current()
        for widget in (self.every, self.use_cadence, self.apply_button, self.visit_button):
            widget.setEnabled(current is not None)
        if current is None:
            return
        own = visit_service.visit_plan(self.engine, current.customer_id)
        self.use_cadence.setChecked(own is None)
        self.every.setValue(own or current.every_months)
        self.every.setEnabled(own is not None)

    def apply_interval(self) -> bool:
        current = self.current()
        if current is None:
            return False
        months = None if self.use_cadence.isChecked() else self.every.value()
        try:
            visit_service.set_visit_plan(self.engine, current.customer_id, months, self.user)
        except ValidationError as error:
            self.error.show_message("\n".join(error.messages(current_language()).values()))
            return False
        self.error.show_message("")
        self.reload(keep=current.customer_id)
        return True

    def new_visit(self) -> None:
        current = self.current()
        if current is not None:
            self._new_visit(current.customer_id)
            self.reload(keep=current.customer_id)
