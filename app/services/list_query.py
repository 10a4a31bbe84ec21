"""Stopping a list query from another thread: the next keystroke replaces the running search.

The list's worker runs its queries inside ``cancellable(engine, cancel)``; the GUI thread calls
``cancel.cancel()`` when a newer query is asked for. SQLite stops the statement through
``sqlite3.Connection.interrupt()`` (documented as safe from another thread), PostgreSQL through
the driver's cancel request; the worker then gets ``Cancelled`` instead of stale rows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, FromClause
from sqlalchemy.exc import DBAPIError


class Cancelled(Exception):
    """A newer query replaced this one; its result is not wanted."""


class QueryCancel:
    """One query's stop button, safe to press from any thread, before or while it runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled = False
        self._driver_connection: object | None = None

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._driver_connection is not None:
                _interrupt(self._driver_connection)

    def check(self) -> None:
        """Raise Cancelled between statements when the query is no longer wanted."""
        if self._cancelled:
            raise Cancelled

    def _attach(self, driver_connection: object | None) -> None:
        with self._lock:
            self._driver_connection = driver_connection
            if driver_connection is not None and self._cancelled:
                _interrupt(driver_connection)


def _interrupt(driver_connection: object) -> None:
    if hasattr(driver_connection, "interrupt"):  # sqlite3
        driver_connection.interrupt()
    elif hasattr(driver_connection, "cancel"):  # psycopg
        driver_connection.cancel()


@contextmanager
def cancellable(engine: Engine, cancel: QueryCancel | None) -> Iterator[Connection]:
    """A connection whose statements stop when cancel is pressed; Cancelled is raised then."""
    if cancel is not None:
        cancel.check()
    with engine.connect() as connection:
        if cancel is not None:
            cancel._attach(connection.connection.driver_connection)
        try:
            yield connection
        except DBAPIError as error:
            if cancel is not None and cancel.cancelled:
                raise Cancelled from error
            raise
        finally:
            if cancel is not None:
                cancel._attach(None)
    if cancel is not None:
        cancel.check()


def sort_order(engine: Engine, keys, descending: bool, own: FromClause | None = None) -> list:  # noqa: ANN001
    """ORDER BY terms for a list's sort keys, with empty values where SQLite puts them (first
    going up, last going down) on every engine: PostgreSQL would put them at the other end.
    On SQLite the plain terms are kept, so its indexes serve the order as before.

    own: the list's own table. Its NOT NULL columns are never empty in the list (a joined
    table's may be, in an outer join), so on PostgreSQL they keep the plain term too, which its
    indexes serve: with NULLS LAST the complaint list's first page sorted every ticket."""
    terms = [key.desc() if descending else key.asc() for key in keys]
    if engine.dialect.name == "sqlite":
        return terms
    return [
        term if _never_empty(key, own) else term.nulls_last() if descending else term.nulls_first()
        for key, term in zip(keys, terms, strict=True)
    ]


def _never_empty(key, own: FromClause | None) -> bool:  # noqa: ANN001
    column = getattr(key, "expression", key)  # an ORM attribute's column
    return own is not None and getattr(column, "table", None) is own and column.nullable is False
