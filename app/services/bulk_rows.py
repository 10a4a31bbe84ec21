"""Rows read and written by the hundreds, for the imports that take thousands of records at once
(the laptop's sync into the office, the office's starter file on a laptop).

The ORM would send a query per record looked up and an INSERT per record added (to learn its
id); these helpers send one statement per CHUNK values or per table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache

from sqlalchemy import insert
from sqlmodel import Session, SQLModel, col, select

CHUNK = 500  # values per IN (…) list: well below every engine's limit on parameters


def by(session: Session, table: type, column: str, values: object) -> dict:
    """The rows of table whose column is one of values, keyed by that column: one query per
    500 values instead of one per record."""
    wanted = sorted({v for v in values if isinstance(v, str) and v})  # type: ignore[attr-defined]
    attr = getattr(table, column)
    found: dict = {}
    for start in range(0, len(wanted), CHUNK):
        for row in session.exec(select(table).where(attr.in_(wanted[start : start + CHUNK]))):
            found[getattr(row, column)] = row
    return found


def plain_by(session: Session, table: type[SQLModel], column: str, values: Iterable[str]) -> dict[str, dict]:  # fmt: skip
    """As by(), the rows as plain dicts of their columns (no model instances built)."""
    columns = table.__table__.c  # type: ignore[attr-defined]
    wanted = sorted(set(values))
    found: dict[str, dict] = {}
    for start in range(0, len(wanted), CHUNK):
        query = select(table.__table__).where(columns[column].in_(wanted[start : start + CHUNK]))  # type: ignore[attr-defined]
        for row in session.execute(query):
            found[row._mapping[column]] = dict(row._mapping)
    return found


def ids_by_uuid(session: Session, table: type, uuids: list[str]) -> dict[str, int]:
    """uuid -> id of the rows of table with those uuids."""
    ids: dict[str, int] = {}
    for start in range(0, len(uuids), CHUNK):
        chunk = uuids[start : start + CHUNK]
        ids.update(session.exec(select(table.uuid, table.id).where(col(table.uuid).in_(chunk))).all())  # type: ignore[attr-defined]  # fmt: skip
    return ids


def insert_rows(session: Session, rows: list, with_ids: bool = False) -> None:
    """New rows of one table (model instances) in one statement (executemany), with_ids: their
    ids read back by their (unique) uuids."""
    if not rows:
        return
    table = type(rows[0])
    names = [c.name for c in table.__table__.columns if c.name != "id"]  # type: ignore[attr-defined]
    session.execute(insert(table), [{n: getattr(row, n) for n in names} for row in rows])
    if with_ids:
        ids = ids_by_uuid(session, table, [row.uuid for row in rows])
        for row in rows:
            row.id = ids[row.uuid]


def new_values(table: type[SQLModel], values: Mapping[str, object]) -> dict[str, object]:
    """A new row of table as plain values: the given ones, every other column its model default
    (a new uuid, the creation time …), as constructing the model would give, without building
    an instance for each of thousands of rows."""
    row = dict(values)
    for name, default, factory in _defaults(table):
        if name not in row:
            row[name] = factory() if factory is not None else default
    return row


@cache
def _defaults(table: type[SQLModel]) -> tuple[tuple[str, object, Callable[[], object] | None], ...]:
    columns = table.__table__.columns  # type: ignore[attr-defined]
    return tuple(
        (name, info.default, info.default_factory)  # type: ignore[misc]
        for name, info in table.model_fields.items()
        if name != "id" and name in columns
    )


def insert_values(session: Session, table: type[SQLModel], rows: Iterable[Mapping[str, object]]) -> None:  # fmt: skip
    """Rows made by new_values() in one statement (executemany, not through the ORM)."""
    listed = list(rows)
    if listed:
        session.execute(insert(table.__table__), listed)  # type: ignore[attr-defined]
