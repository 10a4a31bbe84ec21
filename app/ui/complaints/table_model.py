"""The complaint ledger list: matching ids from SQL (loaded off the GUI thread), rows a page at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from sqlalchemy import Engine

from app.i18n import current_language
from app.models import Complaint
from app.models.common import utcnow
from app.services import (
    complaint_first_page,
    complaint_service,
    complaint_settings,
    editing_presence,
    text_search,
)
from app.services.complaint_data import (
    SEVERITY_LABELS,
    STATUS_LABELS,
    URGENCY_LABELS,
    ComplaintFilter,
    ComplaintRow,
    label,
    step_label,
)
from app.services.deadlines import deadline_label
from app.services.editing_presence import Editor
from app.services.list_query import QueryCancel
from app.services.work_calendar import WorkCalendar
from app.ui.locale_format import datetime_text, time_text
from app.ui.widgets.paged_model import EDITING_ROLES, PAGE_SIZE, ListQuery, PagedTableModel

__all__ = ["PAGE_SIZE", "ComplaintTableModel"]

OVERDUE_BACKGROUND = QColor("#f8d7da")
OVERDUE_FOREGROUND = QColor("#9b1c1c")
DUE_TODAY_BACKGROUND = QColor("#ffe8b3")
DUE_TODAY_FOREGROUND = QColor("#7a4b00")

OVERDUE, DUE_TODAY = "overdue", "due_today"


def local_text(value: datetime | None) -> str:
    """A stored (UTC) time as the clerk reads it: local date and minute, in the UI's locale."""
    return datetime_text(value)


def duration_text(delta: timedelta) -> str:
    """A span of time for people: days and hours, or hours and minutes when shorter."""
    minutes = max(int(abs(delta).total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return QCoreApplication.translate("Duration", "{days} d {hours} h").format(
            days=days, hours=hours
        )
    if hours:
        return QCoreApplication.translate("Duration", "{hours} h {minutes} min").format(
            hours=hours, minutes=minutes
        )
    return QCoreApplication.translate("Duration", "{minutes} min").format(minutes=minutes)


MAX_CELL_ROWS = 2 * PAGE_SIZE  # rows whose cells are kept: what a view shows, and more
# the roles data() answers, looked up once: reading an enum member off Qt's classes costs
# ~0.3 µs, and a view asks seven roles of every cell it paints (~2,000 calls a paint)
DISPLAY = Qt.ItemDataRole.DisplayRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
FONT = Qt.ItemDataRole.FontRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ANSWERED_ROLES = frozenset((DISPLAY, TOOLTIP, BACKGROUND, FOREGROUND, FONT)) | EDITING_ROLES


def due_state(row: ComplaintRow, now: datetime) -> str:
    """OVERDUE when the next deadline of an open ticket has passed, DUE_TODAY when it ends today."""
    if row.status != "open" or row.next_due is None:
        return ""
    if row.next_due < now:
        return OVERDUE
    if row.next_due.astimezone().date() == now.astimezone().date():
        return DUE_TODAY
    return ""


@dataclass(frozen=True, slots=True)
class RowCells:
    """What a paint asks of one row, made once per row and moment."""

    row: ComplaintRow  # held, so that an entry found by id(row) is known to be this row's
    texts: tuple[str, ...]
    background: QBrush | None
    foreground: QBrush | None
    deadline_font: QFont | None  # the next deadline's cell of a late or due ticket: bold


@dataclass(frozen=True)
class OverdueFigures:
    """Read with the list, off the GUI thread: overdue tickets listed and overall, the calendar."""

    listed: int | None  # None: the list shows overdue tickets only, so the count is the list's
    total: int
    calendar: WorkCalendar


class ComplaintTableModel(PagedTableModel[ComplaintRow]):
    (
        COL_NUMBER,
        COL_CUSTOMER,
        COL_PRODUCT,
        COL_RECEIVED,
        COL_SEVERITY,
        COL_URGENCY,
        COL_STATUS,
        COL_STEP,
        COL_NEXT_DUE,
        COL_OWNER,
        COL_DEFECT,
        COL_DEPARTMENT,
    ) = range(12)
    COLUMN_COUNT = 12
    # list column -> complaint_service.SORT_KEYS name; every column sorts in SQL
    SORT_FIELDS = {
        COL_NUMBER: "number",
        COL_CUSTOMER: "customer",
        COL_PRODUCT: "product",
        COL_RECEIVED: "received",
        COL_SEVERITY: "severity",
        COL_URGENCY: "urgency",
        COL_STATUS: "status",
        COL_STEP: "step",
        COL_NEXT_DUE: "next_due",
        COL_OWNER: "owner",
        COL_DEFECT: "defect",
        COL_DEPARTMENT: "department",
    }

    def __init__(
        self,
        engine: Engine,
        parent: QObject | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent, ComplaintFilter(), "number", True)  # newest ticket first
        self._engine = engine
        self._clock = now or utcnow
        self.now = self._clock()  # one moment per load: filter and colours agree
        self._calendar = WorkCalendar()
        self.overdue = 0  # overdue tickets among the listed ones
        self.overdue_total = 0  # overdue tickets whatever the filter

    @property
    def now(self) -> datetime:
        return self._now

    @now.setter
    def now(self, moment: datetime) -> None:
        """One moment per load and clock tick; the rows' texts and colours are made anew for it."""
        self._now = moment
        self._row_cells: dict[int, RowCells] = {}

    def headers(self) -> list[str]:
        return [
            self.tr("Number"),
            self.tr("Customer"),
            self.tr("Product / part no."),
            self.tr("Received"),
            self.tr("Severity"),
            self.tr("Urgency"),
            self.tr("Status"),
            self.tr("8D step"),
            self.tr("Next deadline"),
            self.tr("Owner"),
            self.tr("Defect category"),
            self.tr("Responsible dept."),
        ]

    # ------------------------------------------------------------------ queries

    def make_query(self) -> ListQuery:
        self.now = self._clock()
        return ListQuery(self._filter, self._sort_field, self._descending, self.now)

    def search_ids(
        self, query: ListQuery, *, limit: int | None = None, cancel: QueryCancel | None = None
    ) -> list[int]:
        return complaint_service.search_ids(
            self._engine,
            query.filter,
            query.sort,
            query.descending,
            query.now,
            limit=limit,
            cancel=cancel,
        )

    def scans(self, query: ListQuery) -> bool:
        return text_search.scans(self._engine, query.filter.text)

    def first_page(
        self, query: ListQuery, *, limit: int, cancel: QueryCancel | None = None
    ) -> list[int] | None:
        return complaint_first_page.first_page_ids(
            self._engine,
            query.filter,
            query.sort,
            query.descending,
            query.now,
            limit=limit,
            cancel=cancel,
        )

    def count_matching(self, query: ListQuery, *, cancel: QueryCancel | None = None) -> int:
        return complaint_service.count_matching(
            self._engine, query.filter, query.now, cancel=cancel
        )

    def rows_for_ids(self, ids: Sequence[int]) -> dict[int, ComplaintRow]:
        return complaint_service.rows_for_ids(self._engine, ids)

    def editors_for_ids(self, ids: Sequence[int]) -> dict[int, list[Editor]]:
        return editing_presence.editing_by_id(
            self._engine, Complaint, complaint_service.ENTITY, ids
        )

    def load_extra(
        self, query: ListQuery, count: int | None, *, cancel: QueryCancel | None = None
    ) -> OverdueFigures:
        flt: ComplaintFilter = query.filter
        assert query.now is not None
        listed = (
            None
            if flt.overdue_only
            else complaint_service.count_overdue(self._engine, flt, query.now, cancel=cancel)
        )
        total = complaint_service.count_overdue(self._engine, None, query.now, cancel=cancel)
        calendar = complaint_settings.load(self._engine).calendar()
        return OverdueFigures(listed, total, calendar)

    def take_extra(self, extra: OverdueFigures) -> None:
        self.overdue = self.rowCount() if extra.listed is None else extra.listed
        self.overdue_total = extra.total
        self._calendar = extra.calendar

    def tick(self) -> None:
        """Let time pass: recolour now and recount off the GUI thread; the list stays as it is."""
        self.now = self._clock()
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.COLUMN_COUNT - 1)
            )
        self.loader.refresh_extra(
            ListQuery(self._filter, self._sort_field, self._descending, self.now)
        )

    # ------------------------------------------------------------------ cells

    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        # the roles of a paint come first and straight from the row's cells: a view asks seven
        # roles of every cell it paints, and this is most of a repaint's cost in Python
        if role not in ANSWERED_ROLES:
            return None
        if role in EDITING_ROLES:
            marked = self.editing_data(index, role)
            if marked is not None or role != TOOLTIP:
                return marked
        row = self.row_at(index.row())  # None for an invalid index (row -1) too
        if row is None:
            return None
        if role == TOOLTIP:
            return self._tooltip(row, index.column())
        cells = self._row_cells.get(id(row))
        if cells is None or cells.row is not row:  # the entry holds its row: no id is reused
            cells = self._cells(row)
        if role == DISPLAY:
            return cells.texts[index.column()]
        if role == BACKGROUND:
            return cells.background
        if role == FOREGROUND:
            return cells.foreground
        return cells.deadline_font if index.column() == self.COL_NEXT_DUE else None

    def _cells(self, row: ComplaintRow) -> RowCells:
        """The row's texts, deadline state and colours, made once per row and moment."""
        if len(self._row_cells) >= MAX_CELL_ROWS:
            self._row_cells = {}
        texts = tuple(self._display(row, column) for column in range(self.COLUMN_COUNT))
        state = due_state(row, self.now)
        if state == OVERDUE:
            background, foreground = QBrush(OVERDUE_BACKGROUND), QBrush(OVERDUE_FOREGROUND)
        elif state == DUE_TODAY:
            background, foreground = QBrush(DUE_TODAY_BACKGROUND), QBrush(DUE_TODAY_FOREGROUND)
        else:
            background = foreground = None
        font = None
        if state:
            font = QFont()
            font.setBold(True)
        cells = RowCells(row, texts, background, foreground, font)
        self._row_cells[id(row)] = cells
        return cells

    def _display(self, row: ComplaintRow, column: int) -> str:
        lang = current_language()
        if column == self.COL_NUMBER:
            return row.number
        if column == self.COL_CUSTOMER:
            return row.customer_name
        if column == self.COL_PRODUCT:
            return " / ".join(part for part in (row.product_model, row.part_no) if part)
        if column == self.COL_RECEIVED:
            return local_text(row.received_at)
        if column == self.COL_SEVERITY:
            return label(SEVERITY_LABELS, row.severity, lang)
        if column == self.COL_URGENCY:
            return label(URGENCY_LABELS, row.urgency, lang)
        if column == self.COL_STATUS:
            return label(STATUS_LABELS, row.status, lang)
        if column == self.COL_STEP:
            return step_label(row.current_step, lang) if row.status == "open" else ""
        if column == self.COL_NEXT_DUE:
            if row.next_due is None:
                return ""
            which = deadline_label(row.next_due_key, lang) if row.next_due_key else ""
            estimated = "*" if row.calendar_estimated else ""
            return f"{local_text(row.next_due)}{estimated} {which}".strip()
        if column == self.COL_OWNER:
            return row.owner
        if column == self.COL_DEFECT:
            return row.defect_category
        if column == self.COL_DEPARTMENT:
            return row.responsible_department
        return ""

    def deadline_note(self, row: ComplaintRow) -> str:
        """What is late or due today, and whether the deadline is only an estimate."""
        if row.next_due is None or row.status != "open":
            return ""
        lines = []
        which = deadline_label(row.next_due_key) if row.next_due_key else self.tr("Deadline")
        state = due_state(row, self.now)
        if state == OVERDUE:
            lines.append(
                self.tr("Overdue: {deadline} was due {due}, {late} ago.").format(
                    deadline=which,
                    due=local_text(row.next_due),
                    late=duration_text(self.now - row.next_due),
                )
            )
        elif state == DUE_TODAY:
            lines.append(
                self.tr("Due today: {deadline} at {time} (in {left}).").format(
                    deadline=which,
                    time=time_text(row.next_due),
                    left=duration_text(row.next_due - self.now),
                )
            )
        if row.calendar_estimated:
            years = self._calendar.unknown_years(
                row.received_at.astimezone().date(), row.next_due.astimezone().date()
            ) or [row.next_due.astimezone().year]
            lines.append(
                self.tr(
                    "* Estimated deadline: the public holidays of {years} are not known yet, "
                    "so working days are counted Monday to Friday. Enter them under "
                    "Settings → Working-day calendar."
                ).format(years=", ".join(str(y) for y in years))
            )
        return "\n".join(lines)

    def _tooltip(self, row: ComplaintRow, column: int) -> str:
        note = self.deadline_note(row)
        if column == self.COL_CUSTOMER:
            text = f"{row.customer_code} {row.customer_name}"
        else:
            text = self._display(row, column)
        return "\n".join(part for part in (text, note) if part)
