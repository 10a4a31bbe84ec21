"""The first page of a search is shown before the list is counted (issue 9: search ≤ 50 ms)."""

from __future__ import annotations

import threading

from app.services import complaint_first_page, complaint_service, customer_service
from app.services.complaint_data import ComplaintFilter
from app.services.customer_service import CustomerData
from app.ui.complaints.table_model import ComplaintTableModel
from app.ui.customers.table_model import CustomerTableModel
from tests.services import complaint_factory as cf

PAGE = 5


def _held(real, gate: threading.Event, entered: threading.Event, when=lambda **_kw: True):
    """real, made to wait for gate (on the worker) when when(**kwargs) says so."""

    def wrapper(*args, **kwargs):
        if when(**kwargs):
            entered.set()
            assert gate.wait(10)
        return real(*args, **kwargs)

    return wrapper


class Seen:
    def __init__(self, model) -> None:
        self.model = model
        self.events: list[tuple[str, int]] = []
        model.pageShown.connect(lambda: self.events.append(("page", model.rowCount())))
        model.firstPageLoaded.connect(lambda: self.events.append(("counted", model.rowCount())))
        model.modelReset.connect(lambda: self.events.append(("reset", model.rowCount())))


def test_a_full_first_page_is_shown_while_the_count_is_read(qtbot, engine, monkeypatch):
    customer_service.create_many(
        engine, (CustomerData(code=f"K{i:03d}", name=f"测试顾客{i}") for i in range(23)), "t"
    )
    gate, entered = threading.Event(), threading.Event()
    monkeypatch.setattr(
        customer_service,
        "count_matching",
        _held(customer_service.count_matching, gate, entered),
    )
    model = CustomerTableModel(engine)
    model.loader.page_size = PAGE
    seen = Seen(model)
    with qtbot.waitSignal(model.pageShown, timeout=10_000):
        model.reload()
    assert entered.wait(10)  # the worker is counting now, the page is on screen already
    assert model.rowCount() == PAGE and model.loading
    assert [model.index(r, model.COL_CODE).data() for r in range(PAGE)] == [
        f"K{i:03d}" for i in range(PAGE)
    ]
    assert ("counted", PAGE) not in seen.events
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        gate.set()
    # the count made the rows after the page appear, without emptying the list again
    assert model.rowCount() == 23
    assert seen.events == [("reset", PAGE), ("page", PAGE), ("counted", 23)]
    assert model.index(22, model.COL_CODE).data() == "K022"


def test_a_short_common_word_shows_its_first_page_before_the_scan(qtbot, engine, monkeypatch):
    """碳刷 (two characters) scans every ticket's text; its first page comes from the head of
    the list, and the scan then counts it and brings every id."""
    monkeypatch.setattr(complaint_first_page, "HEAD", 12)
    customer = cf.customer(engine, "KH001", "长春华通汽车有限公司")
    for n in range(30):
        cf.register(engine, customer, description=("碳刷磨损" if n % 2 else "异常") + f" {n}")
    whole = complaint_service.search_ids(engine, ComplaintFilter(text="碳刷"))
    assert len(whole) == 15

    gate, entered = threading.Event(), threading.Event()
    monkeypatch.setattr(
        complaint_service,
        "search_ids",
        _held(complaint_service.search_ids, gate, entered, lambda limit=None, **_: limit is None),
    )
    model = ComplaintTableModel(engine)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        gate.set()
        model.reload()
    gate.clear()
    entered.clear()
    model.loader.page_size = PAGE
    seen = Seen(model)
    with qtbot.waitSignal(model.pageShown, timeout=10_000):
        model.set_filter(ComplaintFilter(text="碳刷"))
    assert entered.wait(10)  # the whole scan is held: the page came without it
    assert [model.id_at(r) for r in range(model.rowCount())] == whole[:PAGE]
    assert model.index(0, model.COL_NUMBER).data() == complaint_service.get(engine, whole[0]).number
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        gate.set()
    assert [model.id_at(r) for r in range(model.rowCount())] == whole
    assert seen.events == [("reset", PAGE), ("page", PAGE), ("counted", 15)]

    # a rare word: not a page among the head, so the scan alone answers (page and count at once)
    seen.events.clear()
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_filter(ComplaintFilter(text="29"))  # ticket 29: its number and its text
    rare = model.rowCount()
    assert 0 < rare < PAGE and seen.events == [("reset", rare), ("page", rare), ("counted", rare)]


def test_the_count_label_waits_for_the_count_rather_than_show_the_old_one(
    qtbot, window, monkeypatch, wait_list
):
    tab = window.customers_tab
    customer_service.create_many(
        window.engine, (CustomerData(code=f"K{i:03d}", name=f"测试顾客{i}") for i in range(23)), "t"
    )
    tab.refresh()
    wait_list(tab)
    shown = tab.count_label.text()
    assert "23" in shown
    gate, entered = threading.Event(), threading.Event()
    monkeypatch.setattr(
        customer_service,
        "count_matching",
        _held(customer_service.count_matching, gate, entered),
    )
    tab.model.loader.page_size = PAGE
    with qtbot.waitSignal(tab.model.pageShown, timeout=10_000):
        tab.search.setText("测试顾客")
        tab.apply_filter()
    assert entered.wait(10)
    assert tab.model.rowCount() == PAGE and tab.count_label.text() == "…"
    with qtbot.waitSignal(tab.model.loaded, timeout=10_000):
        gate.set()
    assert tab.count_label.text() == shown  # 23 again: every customer matches
