"""Loading a lazy list off the GUI thread: the first page and the count first, then every id.

A load runs on the thread pool, in this order: the first page of ids (``search_ids(limit=…)``)
and that page's rows, which are sent at once (the list shows them), then the count
(``count_matching``; not asked when the first page is not full), who else has those rows'
records open (``editors``; a hint, its failure never fails the load), then whatever else the list
shows next to it (``extra``, e.g. the complaint list's overdue counts) and finally all the ids in
list order. Each step's result is sent to the GUI thread as it is ready, so the first page is
shown before the count and the long id list have been read.

A list shown in a view can have the worker wait, after the first page, until the view has
painted it (``hold_after_first_page``, released by ``release``; see first_page_paint): the rest
of the load is Python work that would otherwise share the interpreter with that paint and make
it take twice as long. The wait is bounded (``TAIL_WAIT_SECONDS``) in case no paint comes.

A search that scans every record's text (one or two characters) reads all ids in one pass and
counts them; a list that can find such a search's first page quickly (``first_page``, e.g. among
the first tickets in list order) shows that page before the pass.

A new load (the next keystroke, another filter or sort order) presses the running load's
``QueryCancel``: SQLite stops its statement and the worker ends with ``Cancelled``. Whatever an
older load still delivers is dropped by its generation number: only the newest load's results
ever reach the list. The worker never touches a widget or a model; it only calls the plain
functions of a ``ListSource`` and emits signals.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Signal, Slot

from app.services.list_query import Cancelled, QueryCancel
from app.ui.background import background_pool

log = logging.getLogger(__name__)

PAGE_SIZE = 200
TAIL_WAIT_SECONDS = 0.5  # the longest a load waits for its first page to be painted


@dataclass(frozen=True)
class ListQuery:
    """What one load asks for, fixed when the load starts (the worker never reads the model)."""

    filter: Any
    sort: str
    descending: bool
    now: datetime | None = None  # lists whose filter depends on the clock (overdue tickets)


_NO_QUERY = ListQuery(None, "", False)  # a job that only reads who is editing given rows


@dataclass(frozen=True)
class FirstPage:
    ids: list[Any]
    count: int | None  # None: the list is longer than the page; the count follows (counted)
    rows: dict[Any, Any]


@dataclass(frozen=True)
class ListSource:
    """The queries of one list, as plain functions safe to call from a worker thread."""

    search_ids: Callable[..., list[Any]]  # (query, *, limit=None, cancel=None)
    count_matching: Callable[..., int]  # (query, *, cancel=None)
    rows_for_ids: Callable[[Sequence[Any]], dict[Any, Any]]
    extra: Callable[..., Any] | None = None  # (query, count, *, cancel=None)
    # True when the query reads every record anyway (a 1–2 character search scans the text):
    # then one pass for all ids beats a page, a count and the ids, each scanning again
    scans: Callable[[ListQuery], bool] | None = None
    # id -> the other clients editing that record (editing_presence), for the ids given
    editors: Callable[[Sequence[Any]], dict[Any, Any]] | None = None
    # (query, *, limit, cancel) -> the first `limit` ids of a scanning search when they can be
    # found without the scan, else None
    first_page: Callable[..., list[Any] | None] | None = None


def failure_text(error: BaseException) -> str:
    """What the count label says when the list could not be read."""
    return QCoreApplication.translate("ListLoader", "The list could not be read: {reason}").format(
        reason=str(error) or error.__class__.__name__
    )


class _Signals(QObject):
    firstPage = Signal(int, object)
    counted = Signal(int, object)
    extra = Signal(int, object)
    editors = Signal(int, object)  # (the ids asked, id -> editors)
    allIds = Signal(int, object)
    failed = Signal(int, object)
    ended = Signal(int, object)  # the generation, this signals object (released then)


class _Keeper(QObject):
    """Holds each job's signal object on the GUI thread until the job has ended."""

    def __init__(self) -> None:
        super().__init__()
        self.alive: set[_Signals] = set()

    @Slot(int, object)
    def release(self, _generation: int, signals: _Signals) -> None:
        self.alive.discard(signals)


_keeper: _Keeper | None = None


def _keep(signals: _Signals) -> None:
    global _keeper
    if _keeper is None:
        _keeper = _Keeper()
    _keeper.alive.add(signals)
    signals.ended.connect(_keeper.release)


class _LoadJob(QRunnable):
    def __init__(
        self,
        generation: int,
        source: ListSource,
        query: ListQuery,
        cancel: QueryCancel,
        signals: _Signals,
        page_size: int,
        extra_only: bool,
        editor_ids: list[Any] | None = None,
        painted: threading.Event | None = None,
    ) -> None:
        super().__init__()
        self.generation, self.source, self.query = generation, source, query
        self.cancel, self.signals, self.page_size = cancel, signals, page_size
        self.extra_only, self.editor_ids = extra_only, editor_ids
        self.painted = painted  # set once the first page is painted (None: do not wait)
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if self.editor_ids is not None:
                self._editors(self.editor_ids)
            elif self.extra_only:
                self._extra(None)
            else:
                self._load()
        except Cancelled:
            pass  # a newer load replaced this one; nobody wants its result
        except BaseException as error:  # noqa: BLE001  (every failure must reach the user)
            if not self.cancel.cancelled:
                error.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
                log.error("list load failed\n%s", error.__traceback_text__)  # type: ignore[attr-defined]
                self._send("failed", error, quiet=True)
        finally:
            self._send("ended", self.signals, quiet=True)

    def _send(self, name: str, payload: Any, quiet: bool = False) -> None:
        try:
            getattr(self.signals, name).emit(self.generation, payload)
        except RuntimeError:  # the application is closing: nobody listens any more
            self.cancel.cancel()
            if not quiet:
                raise Cancelled from None

    def _load(self) -> None:
        source, query, cancel = self.source, self.query, self.cancel
        if source.scans is not None and source.scans(query):
            self._load_in_one_pass()
            return
        page = source.search_ids(query, limit=self.page_size, cancel=cancel)
        cancel.check()
        whole = len(page) < self.page_size  # the whole list fits on the first page
        rows = source.rows_for_ids(page)
        cancel.check()
        self._send("firstPage", FirstPage(list(page), len(page) if whole else None, rows))
        self._wait_for_paint()
        if whole:
            count = len(page)
        else:
            count = source.count_matching(query, cancel=cancel)
            cancel.check()
            self._send("counted", count)
        self._editors(page)
        self._extra(count)
        if count > len(page):
            ids = source.search_ids(query, cancel=cancel)
            cancel.check()
        else:
            ids = list(page)
        self._send("allIds", ids)

    def _load_in_one_pass(self) -> None:
        source, query, cancel = self.source, self.query, self.cancel
        quick = None
        if source.first_page is not None:
            quick = source.first_page(query, limit=self.page_size, cancel=cancel)
            cancel.check()
        if quick:  # shown while the pass reads every id
            self._send("firstPage", FirstPage(list(quick), None, source.rows_for_ids(quick)))
            self._wait_for_paint()
        ids = source.search_ids(query, cancel=cancel)
        cancel.check()
        page = ids[: self.page_size]
        if quick:
            self._send("counted", len(ids))
        else:
            rows = source.rows_for_ids(page)
            cancel.check()
            self._send("firstPage", FirstPage(list(page), len(ids), rows))
            self._wait_for_paint()
        self._editors(page)
        self._extra(len(ids))
        self._send("allIds", ids)

    def _wait_for_paint(self) -> None:
        """Let the GUI thread paint the page just sent before the rest of the load runs."""
        if self.painted is not None:
            self.painted.wait(TAIL_WAIT_SECONDS)
        self.cancel.check()

    def _editors(self, ids: Sequence[Any]) -> None:
        if self.source.editors is None or not ids:
            return
        try:
            found = self.source.editors(ids)
        except Exception as error:  # noqa: BLE001  (who is editing is a hint; the list stays)
            log.warning("who is editing the list's rows: %s", error)
            return
        self.cancel.check()
        self._send("editors", (list(ids), found))

    def _extra(self, count: int | None) -> None:
        if self.source.extra is None:
            return
        extra = self.source.extra(self.query, count, cancel=self.cancel)
        self.cancel.check()
        self._send("extra", extra)


class ListLoader(QObject):
    """Runs the loads of one list; a new load cancels the running one.

    The signals carry only the newest load's results, on the GUI thread: ``firstPageLoaded``
    (FirstPage; its count None when ``counted`` brings it next), ``editorsLoaded`` ((the ids asked, id -> the other clients editing it)),
    ``extraLoaded`` (whatever source.extra returned), ``idsLoaded`` (every id in list order; the
    load is over) or ``failed`` (the exception; the load is over).
    """

    firstPageLoaded = Signal(object)
    counted = Signal(int)  # the count of a list whose first page came without it
    editorsLoaded = Signal(object)
    extraLoaded = Signal(object)
    idsLoaded = Signal(object)
    failed = Signal(object)

    def __init__(self, source: ListSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.page_size = PAGE_SIZE
        self.generation = 0
        self._cancel: QueryCancel | None = None
        self._loading = False
        # set by a view that paints the lists' first pages (first_page_paint): each load then
        # waits after its first page until release() says the page is painted
        self.hold_after_first_page = False
        self._painted: threading.Event | None = None

    @property
    def loading(self) -> bool:
        """True from start() until the newest load delivered all ids or failed."""
        return self._loading

    def start(self, query: ListQuery) -> int:
        """Load the list for query; whatever older load is running is cancelled and ignored."""
        self.cancel()
        self.generation += 1
        self._cancel = QueryCancel()
        self._loading = True
        self._painted = threading.Event() if self.hold_after_first_page else None
        self._submit(query, self._cancel, extra_only=False, painted=self._painted)
        return self.generation

    def release(self) -> None:
        """The running load's first page is painted (or will not be): let it read on."""
        if self._painted is not None:
            self._painted.set()

    def refresh_extra(self, query: ListQuery) -> bool:
        """Re-read only the extra figures (e.g. after the clock moved); not while a load runs."""
        if self.source.extra is None or self._loading:
            return False
        if self._cancel is None:
            self._cancel = QueryCancel()
        self._submit(query, self._cancel, extra_only=True)
        return True

    def refresh_editors(self, ids: Sequence[Any]) -> bool:
        """Re-read who else is editing the records of these rows (every half minute, or for a
        page fetched later); whatever a newer load replaced is dropped."""
        if self.source.editors is None or not ids:
            return False
        self._submit(_NO_QUERY, QueryCancel(), extra_only=False, editor_ids=list(ids))
        return True

    def cancel(self) -> None:
        """Stop the running load (if any); nothing it still delivers is shown."""
        if self._cancel is not None:
            self._cancel.cancel()
            self._cancel = None
        self.release()  # a worker waiting for the paint ends now
        self._painted = None
        self.generation += 1
        self._loading = False

    def _submit(
        self,
        query: ListQuery,
        cancel: QueryCancel,
        extra_only: bool,
        editor_ids: list[Any] | None = None,
        painted: threading.Event | None = None,
    ) -> None:
        signals = _Signals()
        signals.firstPage.connect(self._first_page)
        signals.counted.connect(self._counted)
        signals.editors.connect(self._editors)
        signals.extra.connect(self._extra)
        signals.allIds.connect(self._all_ids)
        signals.failed.connect(self._failed)
        _keep(signals)
        job = _LoadJob(
            self.generation, self.source, query, cancel, signals, self.page_size, extra_only,
            editor_ids, painted,
        )  # fmt: skip
        background_pool().start(job)

    # ------------------------------------------------------------------ on the GUI thread

    @Slot(int, object)
    def _first_page(self, generation: int, page: FirstPage) -> None:
        if generation == self.generation:
            self.firstPageLoaded.emit(page)

    @Slot(int, object)
    def _counted(self, generation: int, count: int) -> None:
        if generation == self.generation:
            self.counted.emit(count)

    @Slot(int, object)
    def _editors(self, generation: int, found: Any) -> None:
        if generation == self.generation:
            self.editorsLoaded.emit(found)

    @Slot(int, object)
    def _extra(self, generation: int, extra: Any) -> None:
        if generation == self.generation:
            self.extraLoaded.emit(extra)

    @Slot(int, object)
    def _all_ids(self, generation: int, ids: list[Any]) -> None:
        if generation == self.generation:
            self._loading = False
            self.idsLoaded.emit(ids)

    @Slot(int, object)
    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self.generation:
            self._loading = False
            self.failed.emit(error)


def show_failure(label: Any, model: Any) -> bool:
    """Put why the newest load failed into a tab's count label; False (and no colour) if it did not."""
    if model.error is None:
        label.setStyleSheet("")
        return False
    label.setText(failure_text(model.error))
    label.setStyleSheet("color: #9b1c1c;")
    return True
