"""Large writes whose WAL checkpoint runs beside the caller instead of inside its commit.

In WAL mode SQLite's commit is durable once the log is written and synced; the connection that
commits then also copies the log into the data file (the automatic checkpoint, at 1,000 pages
of log). After a sync of 1,000 records into ten years of records that copy took ~0.7 s of the
~0.73 s commit, while the user waited for the result. Here the commit leaves it, and a worker
thread checkpoints right afterwards on a connection of its own (PASSIVE: it waits for no reader
or writer; what it cannot copy now the next commit's automatic checkpoint copies).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from functools import partial

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from app.services import worker_thread

log = logging.getLogger(__name__)


@contextmanager
def checkpoint_aside(engine: Engine) -> Iterator[Connection]:
    """A connection (for Session(bind=…)) whose commits run no checkpoint; after the block a
    worker thread checkpoints the log. A database server is left as it is."""
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection if engine.dialect.name == "sqlite" else None
        if raw is None:
            yield connection
            return
        # on the driver's connection: no statement of SQLAlchemy's, so no transaction begins
        pages = raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        raw.execute("PRAGMA wal_autocheckpoint = 0")
        try:
            yield connection
        finally:
            try:
                raw.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")
            except sqlite3.Error:  # a broken connection: not back into the pool without it
                connection.invalidate()
    checkpoint_started(engine)


@contextmanager
def large_write_session(engine: Engine) -> Iterator[Session]:
    """A session for thousands of rows in one transaction, on a checkpoint_aside connection."""
    with checkpoint_aside(engine) as connection, Session(bind=connection) as session:
        yield session


def checkpoint_started(engine: Engine) -> Future[None]:
    """The log copied into the data file on a worker thread (a process's exit waits for it)."""
    return worker_thread.start(partial(_checkpoint, engine), "wal-checkpoint")


def _checkpoint(engine: Engine) -> None:
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    except SQLAlchemyError as exc:  # the next commit's automatic checkpoint does it instead
        log.warning("the log's checkpoint after a large write failed: %s", exc)
