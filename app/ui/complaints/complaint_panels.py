"""Parts of the complaint form: an 8D step editor, the recurrence and deadline panels.

The actions panel is shared with returns: app/ui/widgets/actions_panel.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.complaint_data import (
    STATUS_LABELS,
    TicketRef,
    label,
    step_label,
)
from app.services.deadlines import Deadline, deadline_label
from app.ui.locale_format import date_text
from app.ui.widgets.actions_panel import AMBER, GREEN, GREY, RED
from app.ui.widgets.date_field import DateField
from app.ui.widgets.datetime_field import format_local
from app.ui.widgets.form import FieldWithError


def local_day(value: datetime | None) -> str:
    """The local day of a moment, as the user's locale writes dates."""
    if value is None:
        return ""
    return date_text((value.astimezone() if value.tzinfo else value).date())


def _cell(text: str, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(tooltip or text)
    return item


def _read_only_table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.setWordWrap(False)
    return table


class StepEditor(QGroupBox):
    """One 8D step: what was done (content), who, and the day it was finished."""

    def __init__(
        self,
        step: int,
        hint: str = "",
        content_height: int = 110,
        titled: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        # a page of its own already carries the step's name as its heading
        super().__init__(step_label(step) if titled else "", parent)
        self.step = step
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setPlaceholderText(hint)
        self.content.setFixedHeight(content_height)
        self.owner = QLineEdit()
        self.done_on = DateField()
        self.done_on.setMinimumWidth(180)
        self.content_field = FieldWithError(self.content)
        self.owner_field = FieldWithError(self.owner)
        self.done_field = FieldWithError(self.done_on)
        grid = QGridLayout(self)
        grid.addWidget(self.content_field, 0, 0, 1, 4)
        self.owner_label = QLabel(self.tr("Responsible"))
        self.done_label = QLabel(self.tr("Done on"))
        grid.addWidget(self.owner_label, 1, 0)
        grid.addWidget(self.owner_field, 1, 1)
        grid.addWidget(self.done_label, 1, 2)
        grid.addWidget(self.done_field, 1, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(0, 1)

    def fields(self) -> dict[str, FieldWithError]:
        return {
            f"steps[{self.step}].content": self.content_field,
            f"steps[{self.step}].owner": self.owner_field,
            f"steps[{self.step}].done_on": self.done_field,
        }


class RecurrencePanel(QFrame):
    """Earlier tickets of the same customer, part and defect (IATF 16949 §10.2.3), flagged."""

    openRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recurrence")
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.table = _read_only_table(
            [self.tr("Number"), self.tr("Received"), self.tr("Status"), self.tr("Description")]
        )
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 130)
        self.table.setColumnWidth(1, 90)
        self.table.setColumnWidth(2, 70)
        self.table.setToolTip(self.tr("Double-click to open the earlier ticket (read-only)"))
        self.table.setMaximumHeight(26 + 6 * 24)  # six tickets, then it scrolls
        self.table.itemDoubleClicked.connect(self._open)
        self.table.itemActivated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        self.refs: list[TicketRef] = []
        self.show_incomplete()

    def _style(self, flagged: bool) -> None:
        if flagged:
            self.setStyleSheet(
                "QFrame#recurrence { background: #fff3cd; border: 2px solid #e0a800;"
                " border-radius: 4px; }"
            )
            self.title.setStyleSheet("color: #7a4b00; font-weight: bold;")
        else:
            self.setStyleSheet("QFrame#recurrence { border: 1px solid #ccc; border-radius: 4px; }")
            self.title.setStyleSheet(f"color: {GREY};")

    def show_incomplete(self) -> None:
        self.refs = []
        self.table.setRowCount(0)
        self.table.hide()
        self.title.setText(
            self.tr(
                "Recurrence check: enter the customer, the part no. (or product model) "
                "and the defect category."
            )
        )
        self._style(False)

    def show_refs(self, refs: list[TicketRef], months: int) -> None:
        self.refs = refs
        if not refs:
            self.table.setRowCount(0)
            self.table.hide()
            self.title.setText(
                self.tr(
                    "No earlier ticket of this customer with the same part and defect "
                    "in the last {months} months."
                ).format(months=months)
            )
            self._style(False)
            return
        self.title.setText(
            self.tr(
                "Recurrence: this customer already has {count} ticket(s) for the same part "
                "and defect"
            ).format(count=len(refs))
        )
        self._style(True)
        self.table.show()
        self.table.setRowCount(len(refs))
        self.table.setFixedHeight(28 + min(len(refs), 6) * 24)
        for row, ref in enumerate(refs):
            values = [
                ref.number,
                local_day(ref.received_at),
                label(STATUS_LABELS, ref.status),
                ref.description.replace("\n", " "),
            ]
            for column, value in enumerate(values):
                item = _cell(value, ref.description if column == 3 else "")
                item.setData(Qt.ItemDataRole.UserRole, ref.id)
                self.table.setItem(row, column, item)

    def _open(self, item: QTableWidgetItem) -> None:
        self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole))


class DeadlinesPanel(QGroupBox):
    """Each deadline with its due time and state, coloured; a warning when the calendar guessed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Deadlines"), parent)
        self.table = _read_only_table([self.tr("Deadline"), self.tr("Due"), self.tr("State")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 112)
        self.table.setColumnWidth(2, 82)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "background: #fff3cd; color: #7a4b00; border: 1px solid #e0a800; padding: 4px;"
        )
        self.warning.hide()
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {GREY};")
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.deadlines: list[Deadline] = []
        self.settled = False  # closed, reopened or cancelled: nothing is due any more

    def state(self, deadline: Deadline, now: datetime) -> tuple[str, str]:
        """(text, colour) of a deadline's state; a closed ticket has nothing pending."""
        if deadline.done and deadline.late():
            return self.tr("done late"), AMBER
        if deadline.done:
            return self.tr("done"), GREEN
        if self.settled:
            return self.tr("not recorded"), GREY
        if deadline.overdue(now):
            return self.tr("OVERDUE"), RED
        if deadline.due - now < timedelta(hours=24):
            return self.tr("due soon"), AMBER
        return self.tr("open"), ""

    def show_deadlines(
        self, deadlines: list[Deadline], note: str = "", now: datetime | None = None
    ) -> None:
        now = now or datetime.now().astimezone()
        self.deadlines = deadlines
        self.table.setRowCount(len(deadlines))
        for row, deadline in enumerate(deadlines):
            name = deadline_label(deadline.key)
            if deadline.key == "action" and deadline.detail:
                name = f"{name}:{deadline.detail}"
            elif deadline.detail == "customer":
                name = self.tr("{name} (customer's deadline)").format(name=name)
            text, colour = self.state(deadline, now)
            tooltip = (
                self.tr("Done {when}").format(when=format_local(deadline.done_at))
                if deadline.done_at
                else ""
            )
            items = [_cell(name), _cell(format_local(deadline.due)), _cell(text, tooltip or text)]
            if colour:
                for item in items:
                    item.setForeground(QBrush(QColor(colour)))
                if colour == RED:
                    font = QFont(items[2].font())
                    font.setBold(True)
                    items[2].setFont(font)
            for column, item in enumerate(items):
                self.table.setItem(row, column, item)
        years = sorted({year for d in deadlines for year in d.estimated_years})
        if years:
            self.warning.setText(
                self.tr(
                    "Public holidays of {years} are not known yet; working days are counted "
                    "Monday to Friday. Enter the official calendar in the settings."
                ).format(years="、".join(str(y) for y in years))
            )
        self.warning.setVisible(bool(years))
        self.note.setText(note)
        self.note.setVisible(bool(note))
