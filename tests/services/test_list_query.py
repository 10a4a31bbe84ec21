"""A list query can be stopped from another thread, before it starts or while it runs."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, text

from app.services.list_query import Cancelled, QueryCancel, cancellable

# counts to a billion: runs for minutes unless it is interrupted
ENDLESS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
    "SELECT count(*) FROM n"
)


def test_a_running_query_stops_when_cancelled_from_another_thread(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'q.sqlite3'}")
    cancel = QueryCancel()
    started = threading.Event()
    outcome: list[object] = []

    def work() -> None:
        try:
            with cancellable(engine, cancel) as connection:
                started.set()
                outcome.append(connection.execute(text(ENDLESS)).scalar())
        except Cancelled:
            outcome.append("cancelled")

    worker = threading.Thread(target=work)
    worker.start()
    assert started.wait(10)
    threading.Timer(0.2, cancel.cancel).start()
    worker.join(60)
    assert not worker.is_alive()
    assert outcome == ["cancelled"]
    # the pooled connection answers the next query normally
    with cancellable(engine, QueryCancel()) as connection:
        assert connection.execute(text("SELECT 41 + 1")).scalar() == 42


def test_a_query_cancelled_before_it_starts_never_runs(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'q.sqlite3'}")
    cancel = QueryCancel()
    cancel.cancel()
    with pytest.raises(Cancelled), cancellable(engine, cancel) as connection:
        connection.execute(text(ENDLESS))


def test_without_a_cancel_the_connection_is_plain(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'q.sqlite3'}")
    with cancellable(engine, None) as connection:
        assert connection.execute(text("SELECT 7")).scalar() == 7
