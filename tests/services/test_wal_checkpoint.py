"""A large write's commit leaves the log's copy into the data file to a worker thread."""

from __future__ import annotations

import sqlite3
from concurrent.futures import Future
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from app.config import database_path
from app.db import open_database
from app.services import (
    complaint_service,
    customer_service,
    sync_export,
    sync_import,
    sync_starter,
    wal_checkpoint,
)
from app.services.customer_service import CustomerData
from tests.services.complaint_factory import customer, ticket_data
from tests.services.sync_factory import USER, add_customer, add_service_report, open_machine, pair

ROWS = 6000  # ~6 MB of log: past the 1,000 pages at which a commit copies the log itself
# an INSERT first: the driver begins its transaction before a statement that starts with one
FILL = (
    "INSERT INTO bulk WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
    "WHERE i < :rows) SELECT hex(randomblob(500)) FROM n"
)


def _file_with_a_table(folder: Path) -> tuple[Engine, Path]:
    engine = open_database(folder)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE bulk (x TEXT)")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return engine, database_path(folder)


def _rows_seen_by_another_program(path: Path) -> int:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as other:
        return other.execute("SELECT count(*) FROM bulk").fetchone()[0]


def _checkpoints_started(monkeypatch) -> list[Future[None]]:  # noqa: ANN001
    """The checkpoints started on a worker from now on, each as it runs."""
    started: list[Future[None]] = []
    real = wal_checkpoint.checkpoint_started
    monkeypatch.setattr(
        wal_checkpoint, "checkpoint_started", lambda e: started.append(real(e)) or started[-1]
    )
    return started


def test_a_plain_commit_copies_its_log_into_the_data_file_itself(tmp_path: Path) -> None:
    engine, path = _file_with_a_table(tmp_path)
    try:
        size = path.stat().st_size
        with Session(engine) as session:
            session.execute(text(FILL), {"rows": ROWS})
            session.commit()
            assert path.stat().st_size > size + 4 * 1024**2  # what the next test's commit leaves
    finally:
        engine.dispose()


def test_the_commit_is_durable_and_seen_at_once_and_the_copy_follows_on_a_worker(
    tmp_path: Path, monkeypatch
) -> None:
    engine, path = _file_with_a_table(tmp_path)
    started = _checkpoints_started(monkeypatch)
    try:
        size = path.stat().st_size
        with (
            wal_checkpoint.checkpoint_aside(engine) as connection,
            Session(bind=connection) as session,
        ):
            driver = connection.connection.dbapi_connection
            session.execute(text(FILL), {"rows": ROWS})
            session.commit()
            assert path.stat().st_size == size  # committed into the log only
            assert _rows_seen_by_another_program(path) == ROWS
            assert not started
        assert len(started) == 1
        started[0].result(timeout=60)
        assert path.stat().st_size > size + 4 * 1024**2
        # the pooled connection copies its log itself again at its next large commit
        assert driver.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    finally:
        engine.dispose()
    assert _rows_seen_by_another_program(path) == ROWS


def test_a_write_that_fails_leaves_nothing_and_the_connection_as_it_was(tmp_path: Path) -> None:
    engine, path = _file_with_a_table(tmp_path)
    try:
        try:
            with (
                wal_checkpoint.checkpoint_aside(engine) as connection,
                Session(bind=connection) as session,
            ):
                driver = connection.connection.dbapi_connection
                session.execute(text(FILL), {"rows": 10})
                raise RuntimeError("the import found a fault")
        except RuntimeError:
            pass
        assert _rows_seen_by_another_program(path) == 0
        assert driver.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    finally:
        engine.dispose()


def test_a_connection_broken_in_the_write_is_not_handed_out_again(tmp_path: Path) -> None:
    engine, _path = _file_with_a_table(tmp_path)
    try:
        with pytest.raises(RuntimeError, match="the disk went away"):  # the write's own error
            with wal_checkpoint.checkpoint_aside(engine) as connection:
                connection.connection.dbapi_connection.close()
                raise RuntimeError("the disk went away")
        with engine.connect() as connection:  # a sound connection that checkpoints itself
            assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    finally:
        engine.dispose()


def test_a_sync_import_leaves_the_copy_of_its_log_to_a_worker(tmp_path: Path, monkeypatch) -> None:
    office, laptop = pair(tmp_path)
    started = _checkpoints_started(monkeypatch)
    try:
        add_service_report(laptop)
        trip = tmp_path / "trip.qdsync"
        sync_export.export_for_office(laptop, trip, user=USER)
        done = sync_import.apply(office, sync_import.preview(office, trip), {}, USER)
        assert done == {"added": 1}
        assert len(started) == 1
        started[0].result(timeout=60)
    finally:
        office.dispose()
        laptop.dispose()


def _customers_from_a_ledger(tmp_path: Path) -> tuple[Engine, int]:
    engine = open_database(tmp_path / "office")
    people = (CustomerData(code=f"KH{n:04d}", name=f"测试顾客{n}") for n in range(300))
    return engine, customer_service.create_many(engine, people, USER)


def _tickets_from_a_ledger(tmp_path: Path) -> tuple[Engine, int]:
    engine = open_database(tmp_path / "office")
    owner = customer(engine)
    items = [(ticket_data(owner), None) for _ in range(30)]
    return engine, len(complaint_service.create_many(engine, items, USER))


def _a_laptops_starter_file(tmp_path: Path) -> tuple[Engine, int]:
    office = open_machine(tmp_path / "office")
    try:
        for n in range(30):
            add_customer(office, code=f"KH{n:05d}", name=f"顾客{n}")
        starter = tmp_path / "starter.qdsync"
        sync_starter.make_starter(office, starter, machine_code="L1", user=USER)
    finally:
        office.dispose()
    laptop = open_machine(tmp_path / "laptop")
    return laptop, sync_starter.import_starter(laptop, starter, USER).added["customer"]


@pytest.mark.parametrize(
    ("write", "written"),
    [(_customers_from_a_ledger, 300), (_tickets_from_a_ledger, 30), (_a_laptops_starter_file, 30)],
)
def test_the_other_large_writes_leave_the_copy_of_their_log_to_a_worker(
    tmp_path: Path, monkeypatch, write, written
) -> None:
    started = _checkpoints_started(monkeypatch)
    engine, count = write(tmp_path)
    try:
        assert count == written
        assert len(started) == 1
        started[0].result(timeout=60)
    finally:
        engine.dispose()


def test_one_ticket_saved_from_its_form_starts_no_worker(tmp_path: Path, monkeypatch) -> None:
    engine = open_database(tmp_path / "office")
    try:
        owner = customer(engine)
        started = _checkpoints_started(monkeypatch)
        stored = complaint_service.create(engine, ticket_data(owner), USER)
        assert stored.number
        assert started == []  # its commit's own automatic checkpoint, as any small commit
    finally:
        engine.dispose()
