"""Databases on the test PostgreSQL server for the tests of moving data to and from a server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, text

from app.db import make_engine
from tests import pg_server


def need_server() -> None:
    if not pg_server.server_url():
        pytest.skip(f"no PostgreSQL server given ({pg_server.PG_URL_ENV})")


@contextmanager
def server_database(migrated: bool = True) -> Iterator[str]:
    """The URL of a new database: at the newest schema, or (migrated=False) without any table."""
    need_server()
    if migrated:
        url = pg_server.create_database()
    else:
        name = f"qd_test_empty_{uuid.uuid4().hex[:10]}"
        admin = pg_server._admin()
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))
        admin.dispose()
        url = pg_server._url_for(name)
    try:
        yield url
    finally:
        pg_server.drop_database(url)


@contextmanager
def server_engine(migrated: bool = True) -> Iterator[Engine]:
    with server_database(migrated) as url:
        engine = make_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()
