"""Bytes of the data file per complaint, from SQLite's own page accounting (dbstat)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

# the tables a complaint lives in (with their indexes and any text index of theirs)
COMPLAINT_TABLES = ("complaint", "corrective_action", "action_event")
TRAIL_COLUMNS = (
    "id", "at", "user", "entity", "entity_uuid", "record_label", "action", "field",
    "old_value", "new_value", "prev_hash", "row_hash",
)  # fmt: skip


def bytes_per_complaint(database: Path) -> tuple[float, float, dict[str, int]]:
    """(complaint bytes per complaint, whole file per complaint, bytes per table family).

    Complaint bytes: every b-tree (table or index) of the tables whose name starts with one of
    COMPLAINT_TABLES (complaint_step, complaint_sorting, a complaint text index, …) plus the
    audit trail's share for complaint records: its table's pages in proportion to the bytes of
    their entries (an entry holding a ticket's every field is far longer than one holding a
    setting), its indexes' pages in proportion to their entries."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        owner = dict(connection.execute("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')"))  # fmt: skip
        pages = connection.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
        complaints = connection.execute("SELECT count(*) FROM complaint").fetchone()[0]
        entry = " + ".join(f"coalesce(length(CAST({c} AS BLOB)), 0)" for c in TRAIL_COLUMNS)
        trail_rows, complaint_rows, trail_bytes, complaint_bytes = connection.execute(
            f"SELECT count(*), sum(entity = 'complaint'), sum({entry}), "
            f"sum(CASE WHEN entity = 'complaint' THEN {entry} ELSE 0 END) FROM audit_entry"
        ).fetchone()
    finally:
        connection.close()
    families: dict[str, int] = {}
    trail_table = 0
    for name, size in pages:
        table = owner.get(name, name)
        families[table] = families.get(table, 0) + size
        trail_table += size if name == "audit_entry" else 0
    ours = sum(size for table, size in families.items() if table.startswith(COMPLAINT_TABLES))
    if trail_rows:
        trail_indexes = families.get("audit_entry", 0) - trail_table
        ours += trail_table * (complaint_bytes or 0) / trail_bytes
        ours += trail_indexes * (complaint_rows or 0) / trail_rows
    whole = database.stat().st_size
    return ours / complaints / 1024, whole / complaints / 1024, families


# the standard demo, entered one ticket at a time through the services
SERVICE_CUSTOMERS = 200
SERVICE_TICKETS = 500
SERVICE_AS_OF = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def services_data_file(folder: Path, tickets: int = SERVICE_TICKETS) -> Path:
    """A data file whose tickets went through the services as a user's would: each one saved
    with its 8D, actions and the audit trail the services write (one entry a save), where the
    large generator writes each ticket whole, in one entry. ~10 s for 500 tickets."""
    from app.config import database_path
    from app.db import open_database
    from app.services import demo_complaints, demo_service

    engine = open_database(folder)
    try:
        demo_service.load_demo(engine, customers=SERVICE_CUSTOMERS, seed=1, user="demo")
        demo_complaints.load_demo_complaints(
            engine, count=tickets, seed=1, user="demo", now=SERVICE_AS_OF
        )
    finally:
        engine.dispose()
    return database_path(folder)


def trail_entries_per_complaint(database: Path) -> float:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        entries, complaints = connection.execute(
            "SELECT (SELECT count(*) FROM audit_entry WHERE entity = 'complaint'),"
            " (SELECT count(*) FROM complaint)"
        ).fetchone()
    finally:
        connection.close()
    return entries / complaints if complaints else 0.0
