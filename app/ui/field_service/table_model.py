"""The field-service list: service reports and visits in one lazy list, keyed by (kind, id).

Matching keys come from SQL (field_list.search_ids); rows are fetched a page at a time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor
from sqlalchemy import Engine

from app.i18n import current_language
from app.models import ServiceReport, VisitReport
from app.services import editing_presence, field_list, field_service, text_search, visit_service
from app.services.complaint_data import label
from app.services.editing_presence import Editor
from app.services.field_data import (
    FIELD_KIND_LABELS,
    SERVICE_RESULT_LABELS,
    FieldFilter,
    FieldRow,
)
from app.services.list_query import QueryCancel
from app.ui.locale_format import date_text, number_text
from app.ui.widgets.paged_model import ListQuery, PagedTableModel

OPEN_FOREGROUND = QColor("#b45309")
NOT_SOLVED_FOREGROUND = QColor("#c0392b")
SOLVED_FOREGROUND = QColor("#1e7e34")

Key = tuple[str, int]


class FieldTableModel(PagedTableModel[FieldRow]):
    (
        COL_NUMBER,
        COL_KIND,
        COL_CUSTOMER,
        COL_DATE,
        COL_PEOPLE,
        COL_SUMMARY,
        COL_RESULT,
        COL_OPEN,
    ) = range(8)
    COLUMN_COUNT = 8
    SORT_FIELDS = {
        COL_NUMBER: "number",
        COL_KIND: "kind",
        COL_CUSTOMER: "customer",
        COL_DATE: "date",
        COL_PEOPLE: "people",
        COL_RESULT: "result",
        COL_OPEN: "open",
    }

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent, FieldFilter(), "date", True)
        self.engine = engine

    def headers(self) -> list[str]:
        return [
            self.tr("Number"), self.tr("Type"), self.tr("Customer"), self.tr("Date"),
            self.tr("Engineers / visitors"), self.tr("Summary"), self.tr("Result"),
            self.tr("Open follow-ups"),
        ]  # fmt: skip

    def search_ids(  # type: ignore[override]
        self, query: ListQuery, *, limit: int | None = None, cancel: QueryCancel | None = None
    ) -> list[Key]:
        return field_list.search_ids(
            self.engine, query.filter, query.sort, query.descending, limit=limit, cancel=cancel
        )

    def scans(self, query: ListQuery) -> bool:
        return text_search.scans(self.engine, query.filter.text)

    def count_matching(self, query: ListQuery, *, cancel: QueryCancel | None = None) -> int:
        return field_list.count_matching(self.engine, query.filter, cancel=cancel)

    def rows_for_ids(self, ids: Sequence[Key]) -> dict[Key, FieldRow]:  # type: ignore[override]
        return field_list.rows_for_ids(self.engine, ids)

    def editors_for_ids(self, ids: Sequence[Key]) -> dict[Key, list[Editor]]:  # type: ignore[override]
        found: dict[Key, list[Editor]] = {}
        for kind, model, entity in (
            ("service", ServiceReport, field_service.ENTITY),
            ("visit", VisitReport, visit_service.ENTITY),
        ):
            by_id = editing_presence.editing_by_id(
                self.engine, model, entity, [i for k, i in ids if k == kind]
            )
            found.update(((kind, record_id), editors) for record_id, editors in by_id.items())
        return found

    def key_at(self, row: int) -> Key | None:
        return self.id_at(row)  # type: ignore[return-value]

    # ------------------------------------------------------------------ Qt

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        marked = self.editing_data(index, role)
        if marked is not None:
            return marked
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_CUSTOMER:
                return f"{row.customer_code} {row.customer_name}"
            if column == self.COL_DATE and row.kind == "visit" and row.next_visit_on:
                return self.tr("Next visit {date}").format(date=date_text(row.next_visit_on))
            if column == self.COL_DATE and row.kind == "service":
                return self.tr("{hours} h on site").format(hours=number_text(row.hours, 1))
            return self.display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.COL_RESULT and row.result:
                colours = {"solved": SOLVED_FOREGROUND, "not_solved": NOT_SOLVED_FOREGROUND}
                return QBrush(colours.get(row.result, OPEN_FOREGROUND))
            if column == self.COL_OPEN and row.open_follow_ups:
                return QBrush(OPEN_FOREGROUND)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_OPEN:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def display(self, row: FieldRow, column: int) -> str:
        lang = current_language()
        if column == self.COL_NUMBER:
            return row.number
        if column == self.COL_KIND:
            return label(FIELD_KIND_LABELS, row.kind, lang)
        if column == self.COL_CUSTOMER:
            return row.customer_name
        if column == self.COL_DATE:
            return date_text(row.date)
        if column == self.COL_PEOPLE:
            return row.people
        if column == self.COL_SUMMARY:
            return row.summary
        if column == self.COL_RESULT:
            return label(SERVICE_RESULT_LABELS, row.result, lang) if row.result else ""
        if column == self.COL_OPEN:
            return str(row.open_follow_ups) if row.open_follow_ups else ""
        return ""
