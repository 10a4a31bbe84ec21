"""A short search's first page, found among the head of the complaint list without the scan."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from app.services import complaint_first_page, complaint_service
from app.services.complaint_data import ComplaintFilter
from tests.services import complaint_factory as cf

PAGE = 5


@pytest.fixture
def tickets(engine, monkeypatch):
    """40 tickets; 碳刷 in every third, 卡钳 in two of the oldest, 华通 the name of one customer."""
    monkeypatch.setattr(complaint_first_page, "HEAD", 20)
    first = cf.customer(engine, "KH001", "长春华通汽车有限公司")
    second = cf.customer(engine, "KH002", "吉林一汽配件厂")
    for n in range(40):
        words = "碳刷磨损" if n % 3 == 0 else ("制动卡钳" if n in (1, 2) else "异常")
        cf.register(
            engine,
            first if n % 4 == 0 else second,
            description=f"{words} {n}",
            received_at=cf.local(2026, 1 + n % 10, 1 + n % 27, 9, 0),
            severity="major" if n % 5 == 0 else "general",
        )
    return engine


def _first(engine, words, sort="number", descending=True, **kwargs):
    flt = ComplaintFilter(text=words, **kwargs)
    return complaint_first_page.first_page_ids(engine, flt, sort, descending, limit=PAGE)


@pytest.mark.parametrize(
    ("sort", "descending"),
    [
        ("number", True),
        ("number", False),
        ("received", True),
        ("severity", False),
        ("customer", True),
    ],
)
def test_a_common_short_word_gives_exactly_the_head_of_the_whole_list(tickets, sort, descending):
    for words, kwargs in (("碳刷", {}), ("ks", {}), ("碳刷", {"severity": "general"})):
        flt = ComplaintFilter(text=words, **kwargs)
        whole = complaint_service.search_ids(tickets, flt, sort, descending)
        found = _first(tickets, words, sort, descending, **kwargs)
        assert found == whole[:PAGE], (words, sort, descending)
        assert len(whole) > PAGE


def test_it_answers_only_what_it_can_tell_without_the_scan(tickets):
    # 卡钳 is in two old tickets only: not a page among the first 20 of the list
    assert complaint_service.search_ids(tickets, ComplaintFilter(text="卡钳"))
    assert _first(tickets, "卡钳") is None
    assert _first(tickets, "没有") is None
    # three characters: the trigram index answers the list's own page query
    assert _first(tickets, "碳刷磨") is None
    # an unindexed sort would sort every ticket to find the head
    assert _first(tickets, "碳刷", "owner") is None
    assert _first(tickets, "") is None


def test_the_customer_name_is_searched_too(tickets):
    """华通 is not in any ticket's own text: its customer's tickets are the matches."""
    whole = complaint_service.search_ids(tickets, ComplaintFilter(text="华通"))
    assert len(whole) == 10
    assert _first(tickets, "华通") == whole[:PAGE]


def test_only_the_head_of_the_list_is_read(tickets):
    """The statement reads at most HEAD tickets in list order (one query, no scan of the text)."""
    sent: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        sent.append(statement)

    event.listen(tickets, "before_cursor_execute", record)
    try:
        assert _first(tickets, "碳刷")
    finally:
        event.remove(tickets, "before_cursor_execute", record)
    (statement,) = [s for s in sent if "complaint_text" in s]
    assert "LIMIT" in statement and statement.count("SELECT") >= 3


def test_each_ticket_of_the_head_is_looked_up_by_id_on_postgresql(tickets):
    """PostgreSQL would answer an EXISTS by hashing every ticket whose text holds the word (a
    scan of the whole text table); the head's tickets are looked up one by one instead."""
    if tickets.dialect.name != "postgresql":
        pytest.skip("SQLite runs the EXISTS for each ticket of the head as it is")
    sent: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, *_args) -> None:
        sent.append((statement, parameters))

    event.listen(tickets, "before_cursor_execute", record)
    try:
        assert _first(tickets, "碳刷")
    finally:
        event.remove(tickets, "before_cursor_execute", record)
    (statement, parameters) = next((s, p) for s, p in sent if "complaint_text" in s)
    with tickets.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")  # 40 tickets would be read whole
        plan = "\n".join(
            r[0] for r in connection.exec_driver_sql("EXPLAIN " + statement, parameters)
        )
    # no EXISTS, which the planner may hash (it did at 100,000 tickets: 33 ms against 11 ms)
    assert "EXISTS" not in statement.upper()
    assert "Index Cond: (id = head.id)" in plan, plan


def test_the_page_rows_carry_what_the_tickets_hold(tickets):
    """The list's lines are read as plain rows of the list's columns (not whole tickets)."""
    ids = complaint_service.search_ids(tickets, ComplaintFilter(text="碳刷"))[:PAGE]
    rows = complaint_service.rows_for_ids(tickets, ids)
    assert sorted(rows) == sorted(ids)
    for ticket_id, row in rows.items():
        ticket = complaint_service.get(tickets, ticket_id)
        assert (row.number, row.received_at, row.status, row.severity) == (
            ticket.number, ticket.received_at, ticket.status, ticket.severity
        )  # fmt: skip
        assert (row.customer_code, row.customer_name) in {
            ("KH001", "长春华通汽车有限公司"), ("KH002", "吉林一汽配件厂")
        }  # fmt: skip
        assert row.received_at.tzinfo is not None
