"""A list model that holds the ids of the matching records and fetches their rows a page at a time.

Filtering and sorting happen in SQL (the service's search_ids); the view asks only for the rows
it shows, so a list of 100,000 records costs one id query and a few page queries.

The queries of a (re)load run off the GUI thread (list_loader): first the first page of ids and
its rows, which the model shows at once, then the count (rowCount becomes the count; rows beyond
the first page are empty until their ids arrive), then every id in list order, which fill in the
rest without a reset. A newer load (set_filter, sort, reload) cancels the running one and its
results are never shown.

A list whose records can be open in a record window of another client (editors_for_ids) shows a
pen and "李四 is editing (since 10:32)" in its first column: read by the worker with the first
page, for a page fetched later, and for the loaded rows every half minute.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QTimer, Signal

from app.services import editing_presence
from app.services.editing_presence import Editor
from app.services.list_query import QueryCancel
from app.ui.widgets.editing_marker import editing_text, pen_icon
from app.ui.widgets.list_loader import (
    PAGE_SIZE,
    FirstPage,
    ListLoader,
    ListQuery,
    ListSource,
)

MAX_CACHED_ROWS = 5000
# looked up once: reading an enum member off Qt's classes costs ~0.3 µs, and data() is called
# thousands of times a paint
EDITING_ROLES = frozenset((Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole))

__all__ = ["MAX_CACHED_ROWS", "PAGE_SIZE", "ListQuery", "PagedTableModel"]

Row = TypeVar("Row")


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """Subclasses name their columns, SORT_FIELDS (column -> service sort key) and the queries.

    search_ids, count_matching and load_extra run on a worker thread: they may use only the
    query they are given and plain attributes (the engine), never a widget or the model's state.
    """

    COLUMN_COUNT = 0
    SORT_FIELDS: dict[int, str] = {}

    pageShown = Signal()  # the first page is shown (its count may still be on its way)
    firstPageLoaded = Signal()  # the count and the first page are shown
    editorsLoaded = Signal()  # who else is editing the rows asked about is known
    extraLoaded = Signal()  # load_extra's figures are in (take_extra ran)
    loaded = Signal()  # every id is known: the newest load is complete
    loadFailed = Signal(object)  # the exception; the list is empty then

    def __init__(
        self,
        parent: QObject | None,
        flt: Any,
        sort_field: str,
        descending: bool,
    ) -> None:
        super().__init__(parent)
        self._ids: list[Any] = []  # the known ids in list order: the first page until all arrive
        self._count = 0  # rows the list shows
        self._cache: dict[Any, Row] = {}
        self._filter = flt
        self._sort_field = sort_field
        self._descending = descending
        self._after_load: list[Callable[[], None]] = []
        self.error: BaseException | None = None  # why the newest load failed
        self.fetches = 0  # how many page queries ran on the GUI thread (lets tests prove laziness)
        self._header_texts: list[str] | None = None
        self._editors: dict[Any, list[Editor]] = {}  # id -> the other clients editing it
        has_extra = type(self).load_extra is not PagedTableModel.load_extra
        shows_editors = type(self).editors_for_ids is not PagedTableModel.editors_for_ids
        quick_page = type(self).first_page is not PagedTableModel.first_page
        self.loader = ListLoader(
            ListSource(
                search_ids=self.search_ids,
                count_matching=self.count_matching,
                rows_for_ids=self.rows_for_ids,
                extra=self.load_extra if has_extra else None,
                scans=self.scans,
                editors=self.editors_for_ids if shows_editors else None,
                first_page=self.first_page if quick_page else None,
            ),
            self,
        )
        self.loader.firstPageLoaded.connect(self._take_first_page)
        self.loader.counted.connect(self._take_count)
        self.loader.editorsLoaded.connect(self._take_editors)
        self.editors_timer = QTimer(self)
        self.editors_timer.setInterval(int(editing_presence.HEARTBEAT.total_seconds() * 1000))
        self.editors_timer.timeout.connect(self.refresh_editors)
        # only a model owned by its tab ticks: a model without a parent may be freed by whichever
        # thread drops it last (a list job), and a running timer must not be stopped from there
        if shows_editors and parent is not None:
            self.editors_timer.start()
        self.loader.extraLoaded.connect(self._take_extra)
        self.loader.idsLoaded.connect(self._take_ids)
        self.loader.failed.connect(self._take_failure)

    # ------------------------------------------------------------------ for subclasses

    def headers(self) -> list[str]:
        raise NotImplementedError

    def search_ids(
        self, query: ListQuery, *, limit: int | None = None, cancel: QueryCancel | None = None
    ) -> list[Any]:
        """The ids matching query.filter in list order (the first `limit` only, if given)."""
        raise NotImplementedError

    def count_matching(self, query: ListQuery, *, cancel: QueryCancel | None = None) -> int:
        raise NotImplementedError

    def rows_for_ids(self, ids: Sequence[Any]) -> dict[Any, Row]:
        raise NotImplementedError

    def first_page(
        self, query: ListQuery, *, limit: int, cancel: QueryCancel | None = None
    ) -> list[Any] | None:
        """For a query that scans: its first `limit` ids when found without the scan, else None
        (runs on the worker; lists that cannot tell do not override it)."""
        return None

    def scans(self, query: ListQuery) -> bool:
        """True when query reads every record anyway (the loader then reads all ids at once)."""
        return False

    def load_extra(
        self, query: ListQuery, count: int | None, *, cancel: QueryCancel | None = None
    ) -> Any:
        """Figures shown next to the list, read after the first page (count None: a refresh)."""
        return None

    def take_extra(self, extra: Any) -> None:
        """On the GUI thread: keep what load_extra read."""

    def editors_for_ids(self, ids: Sequence[Any]) -> dict[Any, list[Editor]]:
        """On the worker: id -> the other clients that have the record open (only the ids
        with someone); lists of records with a record window override it."""
        return {}

    def make_query(self) -> ListQuery:
        return ListQuery(self._filter, self._sort_field, self._descending)

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

    @property
    def loading(self) -> bool:
        """True while the newest load has not yet delivered every id (or failed)."""
        return self.loader.loading

    def set_filter(self, flt: Any) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Re-run the query off the GUI thread; the list changes when the first page arrives."""
        self.error = None
        self.loader.start(self.make_query())

    def cancel_load(self) -> None:
        """Stop the running load; the list keeps what it shows."""
        self.loader.cancel()
        self._after_load.clear()

    def when_loaded(self, callback: Callable[[], None]) -> None:
        """Call back once every id is known: now if no load runs, else after the newest load."""
        if self.loading:
            self._after_load.append(callback)
        else:
            callback()

    def _take_first_page(self, page: FirstPage) -> None:
        self.beginResetModel()
        self._ids = list(page.ids)
        self._count = len(page.ids) if page.count is None else page.count
        self._cache = dict(page.rows)
        # the last known editors stay shown until the worker's fresh answer for the page arrives
        self._editors = {k: v for k, v in self._editors.items() if k in self._cache}
        self.endResetModel()
        self.pageShown.emit()
        if page.count is not None:
            self.firstPageLoaded.emit()

    def _take_count(self, count: int) -> None:
        """The count of a list whose first page is shown already: the rows after it appear."""
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:  # records went between the page and the count
            self.beginResetModel()
            self._count = count
            self.endResetModel()
        self.firstPageLoaded.emit()

    def _take_editors(self, found: tuple[list[Any], dict[Any, list[Editor]]]) -> None:
        asked, editors = found
        for record_id in asked:
            now = list(editors.get(record_id, []))
            if now == self._editors.get(record_id, []):
                continue
            if now:
                self._editors[record_id] = now
            else:
                self._editors.pop(record_id, None)
            row = self.row_of(record_id)
            if row >= 0:
                first = self.index(row, 0)
                self.dataChanged.emit(first, first)
        self.editorsLoaded.emit()

    def refresh_editors(self) -> bool:
        """Ask the worker again who else is editing the rows read so far (not during a load,
        which asks for its first page itself)."""
        if self.loading or not self._cache:
            return False
        return self.loader.refresh_editors(list(self._cache))

    def editors_at(self, row: int) -> list[Editor]:
        """The other clients that have the row's record open, as last read by the worker."""
        record_id = self.id_at(row)
        return self._editors.get(record_id, []) if record_id is not None else []

    def editing_data(self, index: QModelIndex, role: int) -> Any:
        """The first column's pen and tooltip while another client edits the row's record;
        None otherwise (the subclass's data answers then)."""
        if role not in EDITING_ROLES or index.column() != 0:
            return None
        editors = self.editors_at(index.row())
        if not editors:
            return None
        return pen_icon() if role == Qt.ItemDataRole.DecorationRole else editing_text(editors)

    def _take_extra(self, extra: Any) -> None:
        self.take_extra(extra)
        self.extraLoaded.emit()

    def _take_ids(self, ids: list[Any]) -> None:
        known = len(self._ids)
        if len(ids) != self._count:
            # the records changed between the count and the id list: show the id list
            self.beginResetModel()
            self._ids, self._count = ids, len(ids)
            self.endResetModel()
        else:
            same_start = ids[:known] == self._ids
            self._ids = ids
            first = known if same_start else 0
            if self._count > first:
                self.dataChanged.emit(
                    self.index(first, 0), self.index(self._count - 1, self.COLUMN_COUNT - 1)
                )
        self.loaded.emit()
        callbacks, self._after_load = self._after_load, []
        for callback in callbacks:
            callback()

    def _take_failure(self, error: BaseException) -> None:
        self.beginResetModel()
        self._ids, self._count = [], 0
        self._cache.clear()
        self.endResetModel()
        self.error = error
        self._after_load.clear()
        self.loadFailed.emit(error)

    # ------------------------------------------------------------------ rows

    def id_at(self, row: int) -> Any | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: Any) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def row_at(self, row: int) -> Row | None:
        """The row's record, fetched with its page if needed; None while its id is not known."""
        if not 0 <= row < len(self._ids):
            return None
        record_id = self._ids[row]
        cached = self._cache.get(record_id)
        if cached is not None:
            return cached
        if len(self._cache) > MAX_CACHED_ROWS:
            self._cache.clear()
        start = (row // PAGE_SIZE) * PAGE_SIZE
        page = self._ids[start : start + PAGE_SIZE]
        self._cache.update(self.rows_for_ids(page))
        self.fetches += 1
        self.loader.refresh_editors(page)  # who is editing these is read off the GUI thread
        return self._cache.get(record_id)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            # the texts are made once: a header asks for them at every paint, and a language
            # switch builds the window (and its models) anew
            if self._header_texts is None:
                self._header_texts = self.headers()
            return self._header_texts[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        field = self.SORT_FIELDS.get(column)
        if field is None:
            return  # a column SQL cannot sort by keeps the current order
        descending = order == Qt.SortOrder.DescendingOrder
        if (field, descending) == (self._sort_field, self._descending):
            # the list is in (or loading in) this order already; a view asks this when sorting
            # is switched on, and a load started for it would only be cancelled by the tab's own
            return
        self._sort_field = field
        self._descending = descending
        self.reload()
