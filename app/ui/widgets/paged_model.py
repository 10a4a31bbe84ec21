"""A list model that holds the ids of the matching records and fetches their rows a page at a time.

Filtering and sorting happen in SQL (the service's search_ids); the view asks only for the rows
it shows, so a list of 100,000 records costs one id query and a few page queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

PAGE_SIZE = 200
MAX_CACHED_ROWS = 5000

Row = TypeVar("Row")


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """Subclasses name their columns, SORT_FIELDS (column -> service sort key) and the queries."""

    COLUMN_COUNT = 0
    SORT_FIELDS: dict[int, str] = {}

    def __init__(
        self,
        parent: QObject | None,
        flt: Any,
        sort_field: str,
        descending: bool,
    ) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._cache: dict[int, Row] = {}
        self._filter = flt
        self._sort_field = sort_field
        self._descending = descending
        self.fetches = 0  # how many page queries ran (lets tests prove laziness)

    # ------------------------------------------------------------------ for subclasses

    def headers(self) -> list[str]:
        raise NotImplementedError

    def search_ids(self) -> list[int]:
        """The ids matching self.filter in the order of self.sort_field / self.descending."""
        raise NotImplementedError

    def rows_for_ids(self, ids: Sequence[int]) -> dict[int, Row]:
        raise NotImplementedError

    # ------------------------------------------------------------------ loading

    @property
    def filter(self) -> Any:
        return self._filter

    @property
    def sort_field(self) -> str:
        return self._sort_field

    @property
    def descending(self) -> bool:
        return self._descending

    def set_filter(self, flt: Any) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Re-run the query (ids only); rows are fetched when a view asks for them."""
        self.beginResetModel()
        self._ids = self.search_ids()
        self._cache.clear()
        self.endResetModel()

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def row_at(self, row: int) -> Row | None:
        if not 0 <= row < len(self._ids):
            return None
        record_id = self._ids[row]
        cached = self._cache.get(record_id)
        if cached is not None:
            return cached
        if len(self._cache) > MAX_CACHED_ROWS:
            self._cache.clear()
        start = (row // PAGE_SIZE) * PAGE_SIZE
        self._cache.update(self.rows_for_ids(self._ids[start : start + PAGE_SIZE]))
        self.fetches += 1
        return self._cache.get(record_id)

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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        field = self.SORT_FIELDS.get(column)
        if field is None:
            return  # a column SQL cannot sort by keeps the current order
        self._sort_field = field
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
