"""Throw-away PostgreSQL databases for the tests that run on both database engines.

QUALITYDESK_TEST_PG_URL names a server the tests may create and drop databases on, e.g.
postgresql+psycopg://qd@127.0.0.1:54329/postgres (.ci/run starts such a cluster). Each test
process migrates one template database once; each test gets a fresh copy of it
(CREATE DATABASE … TEMPLATE), dropped afterwards.
"""

from __future__ import annotations

import itertools
import os
import uuid

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

PG_URL_ENV = "QUALITYDESK_TEST_PG_URL"

_template: str | None = None
_counter = itertools.count()


def server_url() -> str | None:
    return os.environ.get(PG_URL_ENV) or None


def _admin() -> Engine:
    return create_engine(server_url(), isolation_level="AUTOCOMMIT", poolclass=None)


def _url_for(database: str) -> str:
    return make_url(server_url()).set(database=database).render_as_string(hide_password=False)


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main") + "_" + uuid.uuid4().hex[:6]


def _ensure_template() -> str:
    """A database migrated to the newest schema, made once per test process."""
    global _template
    if _template is None:
        from app.db import make_engine, migrate

        name = f"qd_template_{_worker()}"
        admin = _admin()
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine = make_engine(_url_for(name))
        try:
            migrate(engine)
        finally:
            engine.dispose()
        admin.dispose()
        _template = name
    return _template


def create_database() -> str:
    """A new empty database at the newest schema; its URL."""
    template = _ensure_template()
    name = f"qd_test_{_worker()}_{next(_counter)}"
    admin = _admin()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    admin.dispose()
    return _url_for(name)


def drop_database(url: str) -> None:
    name = make_url(url).database
    admin = _admin()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def drop_template() -> None:
    global _template
    if _template is not None:
        drop_database(_url_for(_template))
        _template = None
