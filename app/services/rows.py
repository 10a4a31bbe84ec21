"""Reading many rows by id at once, in chunks SQLite's parameter limit allows."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, SQLModel, col, select

CHUNK = 500  # ids per IN list


def rows_by_id(session: Session, table: type[SQLModel], ids: Iterable[int]) -> dict[int, SQLModel]:
    """id -> row of `table` for the given ids (unknown ids are simply missing)."""
    wanted = list(set(ids))
    found: dict[int, SQLModel] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        for row in session.exec(select(table).where(col(table.id).in_(chunk))):  # type: ignore[attr-defined]
            found[row.id] = row  # type: ignore[attr-defined]
    return found
