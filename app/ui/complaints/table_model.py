"""The complaint ledger list: holds the matching ids and fetches rows lazily, a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from sqlalchemy import Engine

from app.i18n import current_language
from app.models.common import utcnow
from app.services import complaint_service, complaint_settings
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
from app.services.work_calendar import WorkCalendar

PAGE_SIZE = 200
MAX_CACHED_ROWS = 5000

OVERDUE_BACKGROUND = QColor("#f8d7da")
OVERDUE_FOREGROUND = QColor("#9b1c1c")
DUE_TODAY_BACKGROUND = QColor("#ffe8b3")
DUE_TODAY_FOREGROUND = QColor("#7a4b00")

OVERDUE, DUE_TODAY = "overdue", "due_today"


def local_text(value: datetime | None) -> str:
    """A stored (UTC) time as the clerk reads it: local date and minute."""
    if value is None:
        return ""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


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


def due_state(row: ComplaintRow, now: datetime) -> str:
    """OVERDUE when the next deadline of an open ticket has passed, DUE_TODAY when it ends today."""
    if row.status != "open" or row.next_due is None:
        return ""
    if row.next_due < now:
        return OVERDUE
    if row.next_due.astimezone().date() == now.astimezone().date():
        return DUE_TODAY
    return ""


def count_overdue(engine: Engine, flt: ComplaintFilter, now: datetime) -> int:
    """Overdue tickets matching flt; read in deadline order, which the next_due index serves."""
    flt = replace(flt, overdue_only=True)
    return len(complaint_service.search_ids(engine, flt, "next_due", False, now))


class ComplaintTableModel(QAbstractTableModel):
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
        super().__init__(parent)
        self._engine = engine
        self._clock = now or utcnow
        self.now = self._clock()  # one moment per reload: filter and colours agree
        self._ids: list[int] = []
        self._cache: dict[int, ComplaintRow] = {}
        self._filter = ComplaintFilter()
        self._sort_field = "number"
        self._descending = True  # newest ticket first
        self._calendar = WorkCalendar()
        self.overdue = 0  # overdue tickets among the listed ones
        self.fetches = 0  # how many page queries ran (lets tests prove laziness)

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

    # ------------------------------------------------------------------ loading

    @property
    def filter(self) -> ComplaintFilter:
        return self._filter

    @property
    def sort_field(self) -> str:
        return self._sort_field

    @property
    def descending(self) -> bool:
        return self._descending

    def set_filter(self, flt: ComplaintFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Re-run the query (ids only); rows are fetched when a view asks for them."""
        self.beginResetModel()
        self.now = self._clock()
        self._calendar = complaint_settings.load(self._engine).calendar()
        self._ids = complaint_service.search_ids(
            self._engine, self._filter, self._sort_field, self._descending, self.now
        )
        self._cache.clear()
        self.endResetModel()
        self._count_overdue()

    def _count_overdue(self) -> None:
        if self._filter.overdue_only:
            self.overdue = len(self._ids)
            return
        self.overdue = count_overdue(self._engine, self._filter, self.now)

    def tick(self) -> None:
        """Let time pass: recolour and recount for the current clock; the list stays as it is."""
        self.now = self._clock()
        self._count_overdue()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, self.COLUMN_COUNT - 1)
            )

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, complaint_id: int) -> int:
        try:
            return self._ids.index(complaint_id)
        except ValueError:
            return -1

    def row_at(self, row: int) -> ComplaintRow | None:
        if not 0 <= row < len(self._ids):
            return None
        complaint_id = self._ids[row]
        cached = self._cache.get(complaint_id)
        if cached is not None:
            return cached
        if len(self._cache) > MAX_CACHED_ROWS:
            self._cache.clear()
        start = (row // PAGE_SIZE) * PAGE_SIZE
        page = self._ids[start : start + PAGE_SIZE]
        self._cache.update(complaint_service.rows_for_ids(self._engine, page))
        self.fetches += 1
        return self._cache.get(complaint_id)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        state = due_state(row, self.now)
        if role == Qt.ItemDataRole.BackgroundRole:
            if state == OVERDUE:
                return QBrush(OVERDUE_BACKGROUND)
            if state == DUE_TODAY:
                return QBrush(DUE_TODAY_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if state == OVERDUE:
                return QBrush(OVERDUE_FOREGROUND)
            if state == DUE_TODAY:
                return QBrush(DUE_TODAY_FOREGROUND)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if state and column == self.COL_NEXT_DUE:
                font = QFont()
                font.setBold(True)
                return font
            return None
        return self._tooltip(row, column)

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
                    time=row.next_due.astimezone().strftime("%H:%M"),
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
                    "Settings → Complaint rules and calendar."
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        field = self.SORT_FIELDS.get(column)
        if field is None:
            return
        self._sort_field = field
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
