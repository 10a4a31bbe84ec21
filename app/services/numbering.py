"""Record numbers PREFIX-YYYY-NNNN, gap-free per year, and reopen numbers NUMBER-1, NUMBER-2 …

Numbers are taken inside the caller's write transaction from the highest number stored, so
they stay gap-free as long as records are never deleted (tickets are cancelled, not deleted).
Several clients register at the same moment (a shared server, two programs on one file): the
"read the highest, insert the next" step is serialised until the caller commits — on
PostgreSQL by a transaction advisory lock per numbered table, prefix and year, on SQLite by
the database's write lock, taken before the highest number is read. A unique index on the
number refuses a duplicate should anything else ever race.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import func, text
from sqlmodel import Session, SQLModel, select

from app.models import Complaint

_NUMBER = re.compile(
    r"^(?P<prefix>[A-Za-z][A-Za-z0-9]*)-(?P<year>\d{4})-(?P<seq>\d{1,6})(?:-(?P<reopen>\d+))?$"
)


@dataclass(frozen=True)
class ParsedNumber:
    prefix: str
    year: int
    seq: int
    reopen_index: int


def parse(number: str) -> ParsedNumber | None:
    """Split KS-2026-0012-1 into its parts; None for a number of another shape."""
    match = _NUMBER.match(number.strip())
    if not match:
        return None
    return ParsedNumber(
        match["prefix"], int(match["year"]), int(match["seq"]), int(match["reopen"] or 0)
    )


def format_number(prefix: str, year: int, seq: int, reopen_index: int = 0) -> str:
    base = f"{prefix}-{year}-{seq:04d}"
    return f"{base}-{reopen_index}" if reopen_index else base


def lock_key(*parts: object) -> int:
    """A PostgreSQL advisory lock key (signed 64 bits) for these parts, the same in every
    process (Python's hash() of a str is not)."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def serialise(session: Session, table_name: str, *parts: object) -> None:
    """Hold the lock of one number series until the caller's transaction ends.

    PostgreSQL: pg_advisory_xact_lock on (table, parts), so series of other tables or years
    do not wait for each other. SQLite: the write lock, taken by an insert of no rows (waiting
    busy_timeout for another writer), before the highest number is read; an already writing
    transaction holds it already.
    """
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect == "postgresql":
        key = lock_key("number", table_name, *parts)
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    elif dialect == "sqlite":
        connection.exec_driver_sql(
            f'INSERT INTO "{table_name}" (id) SELECT id FROM "{table_name}" WHERE 0'
        )


def next_seq(session: Session, table: type[SQLModel], prefix: str, year: int) -> int:
    """The next free sequence number of a numbered table (columns prefix, year, seq).

    The series stays locked until the caller commits (serialise): insert the record with it in
    the same transaction."""
    serialise(session, table.__tablename__, prefix, year)
    highest = session.exec(
        select(func.max(table.seq)).where(table.prefix == prefix, table.year == year)
    ).one()
    return (highest or 0) + 1


def next_complaint_seq(session: Session, prefix: str, year: int) -> int:
    return next_seq(session, Complaint, prefix, year)


def next_reopen_index(session: Session, root_id: int) -> int:
    """The next reopen index of a root ticket (NUMBER-1, NUMBER-2 …), locked like next_seq."""
    serialise(session, Complaint.__tablename__, "reopen", root_id)
    highest = session.exec(
        select(func.max(Complaint.reopen_index)).where(Complaint.root_id == root_id)
    ).one()
    return (highest or 0) + 1
