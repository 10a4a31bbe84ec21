"""Lists load off the GUI thread: first page and count, then every id; a stale load is never shown.

The models are driven without a view (the worker is real: Qt's thread pool); the tabs only to
check what the clerk sees (the count label, the selection kept over a refresh).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QThreadPool
from sqlalchemy import text

from app.services import complaint_service, customer_service
from app.services.complaint_data import ComplaintData
from app.services.customer_service import CustomerData, CustomerFilter
from app.services.list_query import Cancelled, QueryCancel, cancellable
from app.ui.complaints.tab import ComplaintsTab
from app.ui.complaints.table_model import ComplaintTableModel
from app.ui.customers.tab import CustomersTab
from app.ui.customers.table_model import CustomerTableModel
from app.ui.field_service.tab import FieldServiceTab
from app.ui.returns.tab import ReturnsTab
from app.ui.signals import DataHub
from app.ui.widgets.list_loader import PAGE_SIZE, ListLoader, ListQuery
from app.ui.widgets.paged_model import PagedTableModel
from tests.cli_runner import ROOT

NOW = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)


def _customers(engine, count: int) -> None:
    customer_service.create_many(
        engine, (CustomerData(code=f"K{i:05d}", name=f"测试顾客{i}") for i in range(count)), "test"
    )


def _wait_idle(qtbot) -> None:
    """Every list job has ended (stale ones too) and what they sent has been delivered."""
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=10_000)
    qtbot.wait(50)


class Recorder:
    """What a model showed at each step of its loads."""

    def __init__(self, model: PagedTableModel) -> None:
        self.model = model
        self.first_pages: list[tuple[int, list, object]] = []
        self.resets = 0
        self.changed: list[tuple[int, int]] = []
        model.firstPageLoaded.connect(self._first_page)
        model.modelReset.connect(self._reset)
        model.dataChanged.connect(lambda a, b: self.changed.append((a.row(), b.row())))

    def _first_page(self) -> None:
        m = self.model
        beyond = m.index(PAGE_SIZE, 0).data() if m.rowCount() > PAGE_SIZE else None
        known = [m.id_at(r) for r in range(min(m.rowCount(), PAGE_SIZE + 1))]
        self.first_pages.append((m.rowCount(), known, beyond))

    def _reset(self) -> None:
        self.resets += 1


# ---------------------------------------------------------------- the model on its own


def test_first_page_and_count_first_then_every_id_without_a_reset(qtbot, engine):
    total = 2 * PAGE_SIZE + 7
    _customers(engine, total)
    model = CustomerTableModel(engine)
    seen = Recorder(model)
    model.reload()
    assert model.loading and model.rowCount() == 0  # nothing was read on the GUI thread
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        pass
    assert not model.loading

    # when the first page was shown: the full count, the first page's ids, nothing beyond
    count, known, beyond = seen.first_pages[0]
    assert count == total
    assert len(known) == PAGE_SIZE + 1 and None not in known[:PAGE_SIZE]
    assert known[PAGE_SIZE] is None and beyond is None
    # the ids came in without resetting the list: only the rows after the first page changed
    assert seen.resets == 1
    assert seen.changed == [(PAGE_SIZE, total - 1)]
    # the first page's rows came with the load; later pages are read when shown
    assert model.index(0, model.COL_CODE).data() == "K00000"
    assert model.index(PAGE_SIZE - 1, model.COL_NAME).data() == f"测试顾客{PAGE_SIZE - 1}"
    assert model.fetches == 0
    assert model.index(total - 1, model.COL_CODE).data() == f"K{total - 1:05d}"
    assert model.fetches == 1
    assert model.row_of(model.id_at(total - 1)) == total - 1


@pytest.mark.parametrize("tab_class", [CustomersTab, ComplaintsTab, ReturnsTab, FieldServiceTab])
def test_opening_a_list_tab_starts_one_load(qtbot, engine, monkeypatch, tab_class):
    """Switching sorting on asks the model to sort by its own order: that is no second load
    (it would be cancelled at once by the tab's own, after its worker had begun the query)."""
    started: list[ListLoader] = []
    real_start = ListLoader.start

    def start(loader, query):
        started.append(loader)
        return real_start(loader, query)

    monkeypatch.setattr(ListLoader, "start", start)
    tab = tab_class(engine, DataHub())
    qtbot.addWidget(tab)
    assert started and len(started) == len(set(started))
    _wait_idle(qtbot)


def test_a_list_loads_while_two_long_jobs_run_beside_it(qtbot, engine) -> None:
    """An export and a backup running on a two-core PC do not hold the lists back."""
    from app.ui.background import run_in_background

    _customers(engine, 3)
    release = threading.Event()
    finished: list[object] = []
    for _ in range(2):
        run_in_background(None, lambda _p: release.wait(30), finished.append, finished.append)
    try:
        model = CustomerTableModel(engine)
        with qtbot.waitSignal(model.loaded, timeout=10_000):
            model.reload()
        assert model.rowCount() == 3 and not finished  # both long jobs still running
    finally:
        release.set()
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=10_000)


def test_sorting_by_the_order_shown_is_no_reload(qtbot, engine, monkeypatch):
    _customers(engine, 3)
    model = CustomerTableModel(engine)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.reload()
    reloads: list[int] = []
    monkeypatch.setattr(model, "reload", lambda: reloads.append(1))
    column = next(c for c, f in model.SORT_FIELDS.items() if f == model.sort_field)
    shown = Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder
    model.sort(column, shown)
    assert reloads == []
    other = Qt.SortOrder.AscendingOrder if model.descending else Qt.SortOrder.DescendingOrder
    model.sort(column, other)
    assert reloads == [1] and model.descending == (other == Qt.SortOrder.DescendingOrder)


def test_a_short_list_needs_no_count_and_no_second_id_query(qtbot, engine, monkeypatch):
    _customers(engine, 5)
    calls: list[str] = []
    real_search, real_count = customer_service.search_ids, customer_service.count_matching

    def search_ids(*args, limit=None, **kwargs):
        calls.append(f"search limit={limit}")
        return real_search(*args, limit=limit, **kwargs)

    def count_matching(*args, **kwargs):
        calls.append("count")
        return real_count(*args, **kwargs)

    monkeypatch.setattr(customer_service, "search_ids", search_ids)
    monkeypatch.setattr(customer_service, "count_matching", count_matching)
    model = CustomerTableModel(engine)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.reload()
    assert model.rowCount() == 5 and calls == [f"search limit={PAGE_SIZE}"]

    _customers_more = [CustomerData(code=f"M{i:05d}", name="更多") for i in range(PAGE_SIZE)]
    customer_service.create_many(engine, _customers_more, "test")
    calls.clear()
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.reload()
    assert model.rowCount() == PAGE_SIZE + 5
    assert calls == [f"search limit={PAGE_SIZE}", "count", "search limit=None"]


def test_a_one_or_two_character_search_reads_the_list_in_one_pass(qtbot, engine, monkeypatch):
    """Such a search scans every record's text: a page, a count and the ids would scan thrice."""
    _customers(engine, PAGE_SIZE + 30)
    calls: list[str] = []
    real_search, real_count = customer_service.search_ids, customer_service.count_matching

    def search_ids(*args, limit=None, **kwargs):
        calls.append(f"search limit={limit}")
        return real_search(*args, limit=limit, **kwargs)

    def count_matching(*args, **kwargs):
        calls.append("count")
        return real_count(*args, **kwargs)

    monkeypatch.setattr(customer_service, "search_ids", search_ids)
    monkeypatch.setattr(customer_service, "count_matching", count_matching)
    model = CustomerTableModel(engine)
    seen = Recorder(model)
    model.set_filter(CustomerFilter(text="顾客"))
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        pass
    assert calls == ["search limit=None"]
    assert seen.first_pages[-1][0] == PAGE_SIZE + 30 == model.rowCount()
    assert model.index(PAGE_SIZE + 29, 1).data()  # every row is there at once

    calls.clear()  # three characters: the index answers a page and a count quickly
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_filter(CustomerFilter(text="测试顾"))
    assert calls[0] == f"search limit={PAGE_SIZE}"


def test_the_queries_run_off_the_gui_thread(qtbot, engine, monkeypatch):
    customer = customer_service.create(engine, CustomerData(code="KH-1", name="一汽"), "test")
    complaint_service.create(
        engine,
        ComplaintData(
            customer_id=customer.id,
            received_at=NOW - timedelta(days=40),
            description="卡钳异响",
            defect_category="其他",
        ),
        "test",
    )
    threads: list[tuple[str, bool]] = []
    main = threading.main_thread()
    for name in ("search_ids", "count_matching", "rows_for_ids"):
        real = getattr(complaint_service, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            threads.append((_name, threading.current_thread() is main))
            return _real(*args, **kwargs)

        monkeypatch.setattr(complaint_service, name, spy)
    model = ComplaintTableModel(engine, now=lambda: NOW)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.reload()
    assert model.rowCount() == 1 and model.overdue == 1 and model.overdue_total == 1
    names = [name for name, _ in threads]
    assert names.count("search_ids") == 1 and "rows_for_ids" in names
    assert names.count("count_matching") == 2  # overdue among the listed and overall
    assert not any(on_main for _, on_main in threads)

    threads.clear()
    with qtbot.waitSignal(model.extraLoaded, timeout=10_000):
        model.tick()  # a minute later: the overdue counts are read again, off the GUI thread too
    assert [name for name, _ in threads] == ["count_matching", "count_matching"]
    assert not any(on_main for _, on_main in threads)


# ---------------------------------------------------------------- stale loads


class Gate:
    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.cancelled = threading.Event()


class FakeListModel(PagedTableModel[str]):
    """A list over a dict filter -> ids; one filter can be held up at a gate inside the worker."""

    COLUMN_COUNT = 1

    def __init__(self, lists: dict[str, list[int]], gate: Gate, held: str, where: str) -> None:
        super().__init__(None, "", "id", False)
        self.lists, self.gate, self.held, self.where = lists, gate, held, where

    def headers(self) -> list[str]:
        return ["id"]

    def _hold(self, query: ListQuery, where: str) -> None:
        if query.filter == self.held and where == self.where:
            self.gate.entered.set()
            self.gate.release.wait(10)

    def search_ids(self, query, *, limit=None, cancel=None):
        self._hold(query, "search")
        ids = self.lists[query.filter]
        return ids[:limit] if limit else list(ids)

    def count_matching(self, query, *, cancel=None):
        return len(self.lists[query.filter])

    def rows_for_ids(self, ids: Sequence[int]) -> dict[int, str]:
        return {i: f"row {i}" for i in ids}

    def load_extra(self, query, count, *, cancel=None):
        self._hold(query, "extra")
        return None

    def data(self, index, role=0):
        row = self.row_at(index.row())
        return row


@pytest.mark.parametrize("where", ["search", "extra"])
def test_a_stale_search_is_never_shown(qtbot, where):
    """A slow first search, a fast second one: the list shows only the second.

    "search": the first is still querying when the second starts. "extra": the first has
    already sent its first page (queued, not yet delivered) when the second starts.
    """
    lists = {"": [], "slow": list(range(1000, 1000 + PAGE_SIZE + 50)), "fast": [7, 8, 9]}
    gate = Gate()
    model = FakeListModel(lists, gate, "slow", where)
    seen = Recorder(model)
    model.set_filter("slow")
    assert gate.entered.wait(10)  # the slow load is inside the worker; no event processed yet
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_filter("fast")
    gate.release.set()
    _wait_idle(qtbot)

    assert [model.id_at(r) for r in range(model.rowCount())] == [7, 8, 9]
    assert [count for count, _known, _beyond in seen.first_pages] == [3]
    assert not model.loading and model.error is None


def test_cancelling_interrupts_the_running_query(qtbot, engine):
    """The next filter presses the running load's cancel: SQLite stops the statement at once."""
    _customers(engine, 3)
    running = threading.Event()
    stopped: list[BaseException] = []

    class EndlessModel(CustomerTableModel):
        def search_ids(self, query, *, limit=None, cancel=None):
            if query.filter.text != "endless":
                return super().search_ids(query, limit=limit, cancel=cancel)
            try:
                with cancellable(self._engine, cancel) as connection:
                    connection.connection.driver_connection.create_function(
                        "started", 0, lambda: running.set() or 1
                    )
                    # counts to a few hundred million: minutes unless interrupted
                    connection.execute(
                        text(
                            "WITH RECURSIVE c(x) AS (SELECT started() UNION ALL "
                            "SELECT x + 1 FROM c WHERE x < 400000000) SELECT count(*) FROM c"
                        )
                    ).scalar_one()
            except Cancelled as error:
                stopped.append(error)
                raise
            return []

    model = EndlessModel(engine)
    model.set_filter(CustomerFilter(text="endless"))
    assert running.wait(10)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_filter(CustomerFilter())
    qtbot.waitUntil(lambda: bool(stopped), timeout=10_000)
    assert isinstance(stopped[0], Cancelled)
    assert model.rowCount() == 3 and model.error is None


def test_cancel_load_keeps_what_is_shown_and_drops_the_rest(qtbot):
    gate = Gate()
    model = FakeListModel({"": [], "a": [1, 2], "b": [3]}, gate, "b", "search")
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_filter("a")
    model.set_filter("b")
    assert gate.entered.wait(10)
    model.cancel_load()
    gate.release.set()
    _wait_idle(qtbot)
    assert [model.id_at(r) for r in range(model.rowCount())] == [1, 2]
    assert not model.loading


def test_a_failed_load_empties_the_list_and_says_why(qtbot, window, monkeypatch, wait_list):
    tab = window.customers_tab
    _customers(window.engine, 2)
    tab.refresh()
    wait_list(tab)
    assert tab.model.rowCount() == 2

    def broken(*_args, **_kwargs):
        raise RuntimeError("磁盘错误")

    monkeypatch.setattr(customer_service, "search_ids", broken)
    with qtbot.waitSignal(tab.model.loadFailed, timeout=10_000):
        tab.refresh()
    assert tab.model.rowCount() == 0 and not tab.model.loading
    assert "磁盘错误" in tab.count_label.text() and "列表" in tab.count_label.text()

    monkeypatch.undo()
    tab.refresh()
    wait_list(tab)
    assert tab.model.rowCount() == 2 and tab.model.error is None
    assert "磁盘错误" not in tab.count_label.text()


# ---------------------------------------------------------------- the tabs


def test_a_saved_record_beyond_the_first_page_is_selected_once_its_id_is_known(
    qtbot, window, wait_list
):
    tab = window.customers_tab
    _customers(window.engine, PAGE_SIZE + 30)
    tab.refresh()
    wait_list(tab)
    target = tab.model.id_at(PAGE_SIZE + 20)

    tab.refresh_keeping_selection(target)  # as after saving that customer
    assert tab.model.loading
    wait_list(tab)
    assert tab.selected_ids() == [target]


def test_typing_replaces_the_running_search(qtbot, window, wait_list):
    tab = window.customers_tab
    customer_service.create_many(
        window.engine,
        [
            CustomerData(code="KH-1", name="浙江恒通汽车部件有限公司"),
            CustomerData(code="KH-2", name="江苏远航机械制造有限公司"),
            CustomerData(code="KH-3", name="恒通物流"),
        ],
        "test",
    )
    tab.refresh()
    tab.search.setText("恒通")
    tab.apply_filter()
    tab.search.setText("远航")
    tab.apply_filter()
    wait_list(tab)
    assert [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())] == ["KH-2"]
    assert tab.count_label.text() == "共 1 位顾客" or "1" in tab.count_label.text()


def test_complaint_tab_counts_overdue_tickets_with_the_list(qtbot, window, wait_list):
    tab = window.complaints_tab
    customer = customer_service.create(window.engine, CustomerData(code="KH-1", name="一汽"), "t")
    complaint_service.create(
        window.engine,
        ComplaintData(
            customer_id=customer.id,
            received_at=datetime.now(UTC) - timedelta(days=60),
            description="卡钳异响",
            defect_category="其他",
        ),
        "test",
    )
    totals: list[int] = []
    tab.overdueCountChanged.connect(totals.append)
    tab.refresh()
    assert tab.overdue_total == 0  # nothing was counted on the GUI thread
    wait_list(tab)
    assert tab.model.overdue == 1 and totals == [1] and tab.overdue_total == 1
    assert "1" in tab.count_label.text()


def test_query_cancel_is_pressed_for_the_replaced_load(qtbot, engine, monkeypatch):
    _customers(engine, 2)
    cancels: list[QueryCancel] = []
    real = customer_service.search_ids

    def search_ids(*args, cancel=None, **kwargs):
        cancels.append(cancel)
        return real(*args, cancel=cancel, **kwargs)

    monkeypatch.setattr(customer_service, "search_ids", search_ids)
    model = CustomerTableModel(engine)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.reload()
    first = cancels[0]
    assert isinstance(first, QueryCancel) and not first.cancelled
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_filter(CustomerFilter(text="测试"))
    assert first.cancelled  # a finished load's cancel is pressed too: harmless, never reused
    assert cancels[-1] is not first and not cancels[-1].cancelled


EXIT_SCRIPT = textwrap.dedent(
    """
    import os, sys, tempfile
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QThreadPool, Qt
    from PySide6.QtWidgets import QApplication
    from app.db import open_database
    from app.services import customer_service
    from app.services.customer_service import CustomerData, CustomerFilter
    from app.ui.customers.table_model import CustomerTableModel

    app = QApplication([])
    engine = open_database(Path(tempfile.mkdtemp()))
    customer_service.create_many(
        engine, (CustomerData(code=f"K{i:04d}", name=f"顾客{i}") for i in range(450)), "t"
    )
    model = CustomerTableModel(engine)
    loads = []
    model.loaded.connect(lambda: loads.append(model.rowCount()))
    for i in range(150):  # typing fast: most loads are replaced while they run
        model.set_filter(CustomerFilter(text=str(i % 10) if i % 3 else ""))
        if i % 7 == 0:
            app.processEvents()
    while model.loading:
        app.processEvents()
    newest = customer_service.count_matching(engine, CustomerFilter(text="9"))  # i = 149
    shown = model.rowCount()
    model.set_filter(CustomerFilter())
    model.cancel_load()  # a load still running when the window closes
    QThreadPool.globalInstance().waitForDone()
    app.processEvents()
    print("finished", shown == newest == loads[-1], len(loads) < 150)
    """
)


def test_many_replaced_loads_then_a_clean_exit():
    result = subprocess.run(
        [sys.executable, "-c", EXIT_SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "finished True True"
