"""The customer list: matching ids from SQL (loaded off the GUI thread), rows a page at a time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from sqlalchemy import Engine

from app.models import Customer
from app.services import customer_service, editing_presence, text_search
from app.services.customer_service import CustomerFilter, CustomerRow
from app.services.editing_presence import Editor
from app.services.list_query import QueryCancel
from app.ui.locale_format import date_text, number_text
from app.ui.widgets.paged_model import ListQuery, PagedTableModel


class CustomerTableModel(PagedTableModel[CustomerRow]):
    (
        COL_CODE,
        COL_NAME,
        COL_SHORT_NAME,
        COL_TYPE,
        COL_STATUS,
        COL_GRADE,
        COL_CONTACT,
        COL_PHONE,
        COL_SALES_REP,
        COL_SINCE,
        COL_VOLUME,
    ) = range(11)
    COLUMN_COUNT = 11
    # columns SQL can sort by; the others keep the current order
    SORT_FIELDS = {
        COL_CODE: "code",
        COL_NAME: "name",
        COL_SHORT_NAME: "short_name",
        COL_TYPE: "type",
        COL_STATUS: "status",
        COL_GRADE: "grade",
        COL_PHONE: "phone",
        COL_SALES_REP: "sales_rep",
        COL_SINCE: "cooperation_since",
    }

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent, CustomerFilter(), "code", False)
        self._engine = engine

    def headers(self) -> list[str]:
        return [
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Short name"),
            self.tr("Type"),
            self.tr("Status"),
            self.tr("Grade"),
            self.tr("Contact"),
            self.tr("Phone"),
            self.tr("Sales rep"),
            self.tr("Customer since"),
            self.tr("Latest annual volume (10k CNY)"),
        ]

    # ------------------------------------------------------------------ queries

    def search_ids(
        self, query: ListQuery, *, limit: int | None = None, cancel: QueryCancel | None = None
    ) -> list[int]:
        return customer_service.search_ids(
            self._engine, query.filter, query.sort, query.descending, limit=limit, cancel=cancel
        )

    def scans(self, query: ListQuery) -> bool:
        return text_search.scans(self._engine, query.filter.text)

    def count_matching(self, query: ListQuery, *, cancel: QueryCancel | None = None) -> int:
        return customer_service.count_matching(self._engine, query.filter, cancel=cancel)

    def rows_for_ids(self, ids: Sequence[int]) -> dict[int, CustomerRow]:
        return customer_service.rows_for_ids(self._engine, ids)

    def editors_for_ids(self, ids: Sequence[int]) -> dict[int, list[Editor]]:
        return editing_presence.editing_by_id(self._engine, Customer, customer_service.ENTITY, ids)

    # ------------------------------------------------------------------ cells

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        marked = self.editing_data(index, role)
        if marked is not None:
            return marked
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        return self._display(row, index.column())

    def _display(self, row: CustomerRow, column: int) -> str:
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_SHORT_NAME:
            return row.short_name
        if column == self.COL_TYPE:
            return customer_service.type_label(row.type)
        if column == self.COL_STATUS:
            return customer_service.status_label(row.status)
        if column == self.COL_GRADE:
            return row.grade
        if column == self.COL_CONTACT:
            return row.contact
        if column == self.COL_PHONE:
            return row.contact_phone or row.phone
        if column == self.COL_SALES_REP:
            return row.sales_rep
        if column == self.COL_SINCE:
            return date_text(row.cooperation_since)
        if column == self.COL_VOLUME and row.latest_volume_wan is not None:
            return f"{number_text(row.latest_volume_wan)} ({row.latest_volume_year})"
        return ""
