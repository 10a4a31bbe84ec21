"""Numbers stay unique and gap-free when several clients register at the same moment."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlmodel import Session, select

from app.models import Complaint
from app.services import numbering
from tests.services import complaint_factory as f

ROOT = Path(__file__).resolve().parents[2]
PER_CLIENT = 500


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _start_clients(engine, customer_id: int, names: list[str], count: int, folder: Path):
    clients = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.services.number_client",
                _url(engine),
                str(customer_id),
                str(count),
                name,
                str(folder),
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for name in names
    ]
    # every client is connected and waiting before any registers
    while not all((folder / f"ready-{name}").exists() for name in names):
        for client in clients:
            if client.poll() is not None:
                raise AssertionError(f"a client stopped before the start: {client.stderr.read()}")
        time.sleep(0.05)
    (folder / "go").touch()
    return clients


def test_two_clients_registering_at_once_get_unique_gap_free_numbers(engine, tmp_path):
    customer_id = f.customer(engine)
    clients = _start_clients(engine, customer_id, ["a", "b"], PER_CLIENT, tmp_path)
    for client in clients:
        _out, errors = client.communicate()
        assert client.returncode == 0, errors

    with Session(engine) as session:
        rows = session.exec(select(Complaint.number, Complaint.seq, Complaint.description)).all()
    assert len(rows) == 2 * PER_CLIENT
    assert sorted(seq for _n, seq, _d in rows) == list(range(1, 2 * PER_CLIENT + 1))
    assert len({number for number, _s, _d in rows}) == 2 * PER_CLIENT
    assert {number for number, _s, _d in rows} == {
        numbering.format_number("KS", 2026, seq) for seq in range(1, 2 * PER_CLIENT + 1)
    }
    for name in ("a", "b"):  # each client registered all of its own
        assert sum(d.startswith(f"{name} ") for _n, _s, d in rows) == PER_CLIENT


def test_the_lock_of_a_number_series_is_held_until_the_transaction_ends(engine):
    """Taking a number locks its series: another client's transaction cannot read the same
    highest number meanwhile (it waits, on PostgreSQL for the advisory lock, on SQLite for
    the write lock)."""
    customer_id = f.customer(engine)
    f.register(engine, customer_id)
    other = engine.dialect.name == "sqlite"
    with Session(engine) as first:
        assert numbering.next_complaint_seq(first, "KS", 2026) == 2
        if other:
            # SQLite: the first session holds the write lock; a second writer gives up
            import sqlite3

            raw = sqlite3.connect(engine.url.database, timeout=0)
            try:
                raw.execute("PRAGMA busy_timeout=0")
                try:
                    raw.execute("BEGIN IMMEDIATE")
                    locked = False
                except sqlite3.OperationalError as error:
                    locked = "locked" in str(error)
            finally:
                raw.close()
        else:
            from sqlalchemy import text

            key = numbering.lock_key("number", "complaint", "KS", 2026)
            with engine.connect() as connection:
                taken = connection.execute(
                    text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": key}
                ).scalar_one()
                connection.rollback()
            locked = not taken
        assert locked
        first.rollback()
