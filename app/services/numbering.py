"""Record numbers PREFIX-YYYY-NNNN, gap-free per year, and reopen numbers NUMBER-1, NUMBER-2 …

Numbers are taken inside the caller's write transaction from the highest number stored, so
they stay gap-free as long as records are never deleted (tickets are cancelled, not deleted).
A unique index on the number refuses a duplicate if two writers ever race.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func
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


def next_seq(session: Session, table: type[SQLModel], prefix: str, year: int) -> int:
    """The next free sequence number of a numbered table (columns prefix, year, seq)."""
    highest = session.exec(
        select(func.max(table.seq)).where(table.prefix == prefix, table.year == year)
    ).one()
    return (highest or 0) + 1


def next_complaint_seq(session: Session, prefix: str, year: int) -> int:
    return next_seq(session, Complaint, prefix, year)


def next_reopen_index(session: Session, root_id: int) -> int:
    highest = session.exec(
        select(func.max(Complaint.reopen_index)).where(Complaint.root_id == root_id)
    ).one()
    return (highest or 0) + 1
