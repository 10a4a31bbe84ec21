"""The returns list 退货台账: matching ids from SQL, rows fetched lazily a page at a time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from sqlalchemy import Engine

from app.i18n import current_language
from app.models import ReturnReceipt
from app.services import editing_presence, return_service, text_search
from app.services.complaint_data import label
from app.services.editing_presence import Editor
from app.services.list_query import QueryCancel
from app.services.return_data import (
    RETURN_RESPONSIBILITY_LABELS,
    RETURN_STATUS_LABELS,
    ReturnFilter,
    ReturnRow,
)
from app.ui.locale_format import date_text, decimal_text
from app.ui.widgets.paged_model import ListQuery, PagedTableModel

URGENT_FOREGROUND = QColor("#c0392b")
OPEN_FOREGROUND = QColor("#7a4b00")
MUTED_FOREGROUND = QColor("#6c757d")


def quantity_text(value: float | None) -> str:
    """A quantity as people write it: 12, 2.5; nothing for no value."""
    if value is None:
        return ""
    return f"{value:.3f}".rstrip("0").rstrip(".")


class ReturnTableModel(PagedTableModel[ReturnRow]):
    (
        COL_NUMBER,
        COL_CUSTOMER,
        COL_RECEIVED,
        COL_RECEIPT_NO,
        COL_BULK,
        COL_ITEMS,
        COL_LINES,
        COL_QTY_RETURNED,
        COL_QTY_DEFECTIVE,
        COL_RESPONSIBILITY,
        COL_STATUS,
        COL_URGENT,
        COL_COMPLAINT,
    ) = range(13)
    COLUMN_COUNT = 13
    # list column -> return_service.SORT_KEYS name; the line count has no index to sort by
    SORT_FIELDS = {
        COL_NUMBER: "number",
        COL_CUSTOMER: "customer",
        COL_RECEIVED: "received",
        COL_RECEIPT_NO: "receipt_no",
        COL_BULK: "bulk",
        COL_ITEMS: "items",
        COL_QTY_RETURNED: "qty_returned",
        COL_QTY_DEFECTIVE: "qty_defective",
        COL_RESPONSIBILITY: "responsibility",
        COL_STATUS: "status",
        COL_URGENT: "urgent",
        COL_COMPLAINT: "complaint",
    }
    NUMBER_COLUMNS = (COL_LINES, COL_QTY_RETURNED, COL_QTY_DEFECTIVE)

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent, ReturnFilter(), "number", True)  # newest return first
        self._engine = engine

    def headers(self) -> list[str]:
        return [
            self.tr("Number"),
            self.tr("Customer"),
            self.tr("Received on"),
            self.tr("Warehouse receipt"),
            self.tr("Bulk"),
            self.tr("Items"),
            self.tr("Lines"),
            self.tr("Qty returned"),
            self.tr("Qty defective"),
            self.tr("Responsibility"),
            self.tr("Status"),
            self.tr("Urgent production"),
            self.tr("Complaint"),
        ]

    def search_ids(
        self, query: ListQuery, *, limit: int | None = None, cancel: QueryCancel | None = None
    ) -> list[int]:
        return return_service.search_ids(
            self._engine, query.filter, query.sort, query.descending, limit=limit, cancel=cancel
        )

    def scans(self, query: ListQuery) -> bool:
        return text_search.scans(self._engine, query.filter.text)

    def count_matching(self, query: ListQuery, *, cancel: QueryCancel | None = None) -> int:
        return return_service.count_matching(self._engine, query.filter, cancel=cancel)

    def rows_for_ids(self, ids: Sequence[int]) -> dict[int, ReturnRow]:
        return return_service.rows_for_ids(self._engine, ids)

    def editors_for_ids(self, ids: Sequence[int]) -> dict[int, list[Editor]]:
        return editing_presence.editing_by_id(
            self._engine, ReturnReceipt, return_service.ENTITY, ids
        )

    # ------------------------------------------------------------------ cells

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
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.FontRole and column == self.COL_URGENT and row.urgent_production:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def display(self, row: ReturnRow, column: int) -> str:
        lang = current_language()
        if column == self.COL_NUMBER:
            return row.number
        if column == self.COL_CUSTOMER:
            return row.customer_name
        if column == self.COL_RECEIVED:
            return date_text(row.received_on)
        if column == self.COL_RECEIPT_NO:
            return row.warehouse_receipt_no
        if column == self.COL_BULK:
            return self.bulk_text() if row.bulk else ""
        if column == self.COL_ITEMS:
            return row.items
        if column == self.COL_LINES:
            return str(row.line_count)
        if column == self.COL_QTY_RETURNED:
            return decimal_text(row.qty_returned)
        if column == self.COL_QTY_DEFECTIVE:
            return decimal_text(row.qty_defective)
        if column == self.COL_RESPONSIBILITY:
            return label(RETURN_RESPONSIBILITY_LABELS, row.responsibility, lang)
        if column == self.COL_STATUS:
            return label(RETURN_STATUS_LABELS, row.status, lang)
        if column == self.COL_URGENT:
            return self.urgent_text() if row.urgent_production else ""
        if column == self.COL_COMPLAINT:
            return row.complaint_number
        return ""

    def bulk_text(self) -> str:
        return self.tr("Bulk return")

    def urgent_text(self) -> str:
        return self.tr("Urgent production")

    def _foreground(self, row: ReturnRow, column: int) -> QBrush | None:
        if column == self.COL_URGENT and row.urgent_production:
            return QBrush(URGENT_FOREGROUND)
        if column == self.COL_STATUS and row.status == "open":
            return QBrush(OPEN_FOREGROUND)
        if row.status == "cancelled":
            return QBrush(MUTED_FOREGROUND)
        return None

    def _tooltip(self, row: ReturnRow, column: int) -> str:
        if column == self.COL_CUSTOMER:
            return f"{row.customer_code} {row.customer_name}"
        if column == self.COL_BULK and row.bulk:
            return self.tr("Bulk periodic return: never counted as a complaint")
        if column == self.COL_URGENT and row.urgent_production:
            return self.tr("Replacement needed and stock short: plan urgent production")
        return self.display(row, column)
