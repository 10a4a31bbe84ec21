"""A list on screen paints its first page before its worker reads on (the count, every id):
that reading is Python work which would share the interpreter with the paint."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QObject, QThreadPool

from app.services import customer_service
from app.services.customer_service import CustomerData
from app.ui.customers.tab import CustomersTab
from app.ui.customers.table_model import CustomerTableModel
from app.ui.signals import DataHub
from app.ui.widgets import list_loader

PAGE = 5
LONG_WAIT = 60.0  # far beyond every wait below: only a paint (or no view) lets a load go on


class PaintLog(QObject):
    """Rows the view's viewport showed at each of its paints, next to the worker's steps."""

    def __init__(self, log: list[str], model: CustomerTableModel) -> None:
        super().__init__()
        self.log, self.model = log, model

    def eventFilter(self, _obj, event):  # noqa: ANN001, N802
        if event.type() == QEvent.Type.Paint:
            self.log.append(f"paint {self.model.rowCount()}")
        return False


def _customers(engine, count: int) -> None:
    customer_service.create_many(
        engine, (CustomerData(code=f"K{i:03d}", name=f"测试顾客{i}") for i in range(count)), "t"
    )


def _counting_logged(monkeypatch, log: list[str]) -> None:
    real = customer_service.count_matching

    def count_matching(*args, **kwargs):
        log.append("count")  # on the worker
        return real(*args, **kwargs)

    monkeypatch.setattr(customer_service, "count_matching", count_matching)


def test_a_shown_list_is_counted_after_its_first_page_is_painted(qtbot, engine, monkeypatch):
    _customers(engine, 23)
    monkeypatch.setattr(list_loader, "TAIL_WAIT_SECONDS", LONG_WAIT)
    log: list[str] = []
    _counting_logged(monkeypatch, log)
    tab = CustomersTab(engine, DataHub())
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: not tab.model.loading, timeout=10_000)
    watcher = PaintLog(log, tab.model)
    tab.view.viewport().installEventFilter(watcher)
    tab.model.loader.page_size = PAGE
    log.clear()
    with qtbot.waitSignal(tab.model.loaded, timeout=10_000):
        tab.refresh()
    # the page was painted before the worker counted; the count then shows every row
    assert "count" in log
    assert f"paint {PAGE}" in log[: log.index("count")]
    assert tab.model.rowCount() == 23
    tab.view.viewport().removeEventFilter(watcher)


def test_a_list_not_on_screen_reads_on_at_once(qtbot, engine, monkeypatch):
    """A tab built but not shown paints nothing: its load does not wait for a paint."""
    _customers(engine, 23)
    monkeypatch.setattr(list_loader, "TAIL_WAIT_SECONDS", LONG_WAIT)
    tab = CustomersTab(engine, DataHub())
    qtbot.addWidget(tab)
    assert tab.model.loader.hold_after_first_page
    qtbot.waitUntil(lambda: not tab.model.loading, timeout=10_000)
    tab.model.loader.page_size = PAGE
    with qtbot.waitSignal(tab.model.loaded, timeout=10_000):
        tab.refresh()
    assert tab.model.rowCount() == 23


def test_a_list_hidden_before_its_paint_reads_on(qtbot, engine, monkeypatch):
    """The tab (or the window) goes away between the first page and its paint: no paint will
    come, and the load goes on at once (a closing window waits for the list's worker)."""
    _customers(engine, 23)
    monkeypatch.setattr(list_loader, "TAIL_WAIT_SECONDS", LONG_WAIT)
    tab = CustomersTab(engine, DataHub())
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: not tab.model.loading, timeout=10_000)
    tab.model.loader.page_size = PAGE
    tab.model.pageShown.connect(tab.hide)  # after the view began to wait for its paint
    with qtbot.waitSignal(tab.model.loaded, timeout=10_000):
        tab.refresh()
    assert tab.model.rowCount() == 23


def test_a_load_waiting_for_its_paint_ends_when_replaced(qtbot, engine, monkeypatch):
    """A worker waiting for a paint that will not come is let go by the next load."""
    _customers(engine, 23)
    monkeypatch.setattr(list_loader, "TAIL_WAIT_SECONDS", LONG_WAIT)
    model = CustomerTableModel(engine)  # no view: nothing paints, nothing releases
    model.loader.page_size = PAGE
    model.loader.hold_after_first_page = True
    waiting = threading.Event()
    real_wait = list_loader._LoadJob._wait_for_paint

    def wait_for_paint(job):
        waiting.set()
        real_wait(job)

    monkeypatch.setattr(list_loader._LoadJob, "_wait_for_paint", wait_for_paint)
    with qtbot.waitSignal(model.pageShown, timeout=10_000):
        model.reload()
    assert waiting.wait(10)
    assert model.loading and model.rowCount() == PAGE
    model.loader.hold_after_first_page = False  # the next load does not wait
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.reload()  # replaces the waiting load
    assert QThreadPool.globalInstance().waitForDone(10_000)  # its worker has ended too
    assert model.rowCount() == 23
