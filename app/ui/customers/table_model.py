"""The customer list: holds the matching ids and fetches rows lazily, a page at a time."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from sqlalchemy import Engine

from app.services import customer_service
from app.services.customer_service import CustomerFilter, CustomerRow

PAGE_SIZE = 200
MAX_CACHED_ROWS = 5000


class CustomerTableModel(QAbstractTableModel):
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
        super().__init__(parent)
        self._engine = engine
        self._ids: list[int] = []
        self._cache: dict[int, CustomerRow] = {}
        self._filter = CustomerFilter()
        self._sort_field = "code"
        self._descending = False
        self.fetches = 0  # how many page queries ran (lets tests prove laziness)

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

    # ------------------------------------------------------------------ loading

    def set_filter(self, flt: CustomerFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Re-run the query (ids only); rows are fetched when a view asks for them."""
        self.beginResetModel()
        self._ids = customer_service.search_ids(
            self._engine, self._filter, self._sort_field, self._descending
        )
        self._cache.clear()
        self.endResetModel()

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, customer_id: int) -> int:
        try:
            return self._ids.index(customer_id)
        except ValueError:
            return -1

    def _row(self, row: int) -> CustomerRow | None:
        customer_id = self._ids[row]
        cached = self._cache.get(customer_id)
        if cached is not None:
            return cached
        if len(self._cache) > MAX_CACHED_ROWS:
            self._cache.clear()
        start = (row // PAGE_SIZE) * PAGE_SIZE
        page = self._ids[start : start + PAGE_SIZE]
        self._cache.update(customer_service.rows_for_ids(self._engine, page))
        self.fetches += 1
        return self._cache.get(customer_id)

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
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self._row(index.row())
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
            return row.cooperation_since.isoformat() if row.cooperation_since else ""
        if column == self.COL_VOLUME and row.latest_volume_wan is not None:
            return f"{row.latest_volume_wan:,.2f} ({row.latest_volume_year})"
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        field = self.SORT_FIELDS.get(column)
        if field is None:
            return
        self._sort_field = field
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
