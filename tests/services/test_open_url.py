"""Opening a database by URL: the precedence of the settings, a server migrated once by
clients starting together, clear errors without the password, the user per client."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import text

from app import config
from app.config import Preferences, resolve_db_url
from app.db import (
    ServerError,
    describe_database,
    head_revision,
    open_url,
    safe_url,
    schema_revision,
    server_problem,
)
from app.i18n import set_language
from tests import pg_server

needs_server = pytest.mark.skipif(
    not pg_server.server_url(), reason="QUALITYDESK_TEST_PG_URL names no PostgreSQL server"
)
SERVER = "postgresql+psycopg://clerk@db.example:5433/qualitydesk"


@pytest.fixture
def prefs_dir(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv(config.CONFIG_DIR_ENV, str(folder))
    monkeypatch.delenv(config.DB_URL_ENV, raising=False)
    return folder


def test_db_url_beats_environment_beats_preference_beats_the_data_file(prefs_dir, monkeypatch):
    assert resolve_db_url(None) is None  # the data folder's file
    prefs = Preferences.load()
    prefs.db_url = "postgresql+psycopg://pref@host/db"
    prefs.save()
    assert resolve_db_url(None) == "postgresql+psycopg://pref@host/db"
    monkeypatch.setenv(config.DB_URL_ENV, "postgresql+psycopg://env@host/db")
    assert resolve_db_url(None) == "postgresql+psycopg://env@host/db"
    assert resolve_db_url("postgresql+psycopg://arg@host/db") == "postgresql+psycopg://arg@host/db"


def test_a_password_is_never_stored_in_the_preferences(prefs_dir):
    prefs = Preferences.load()
    prefs.db_url = "postgresql+psycopg://qd:geheim@host/db"
    with pytest.raises(ValueError):
        prefs.save()
    assert not (prefs_dir / "preferences.json").exists()
    # written into the file by hand: not taken
    prefs_dir.mkdir(parents=True, exist_ok=True)
    (prefs_dir / "preferences.json").write_text(
        json.dumps({"db_url": "postgresql+psycopg://qd:geheim@host/db", "user_name": " 张三 "}),
        encoding="utf-8",
    )
    loaded = Preferences.load()
    assert loaded.db_url is None
    assert loaded.user_name == "张三"


def test_urls_are_shown_without_the_password():
    assert "geheim" not in safe_url("postgresql+psycopg://qd:geheim@host:5432/db")
    assert safe_url("postgresql+psycopg://qd:geheim@host:5432/db").startswith("postgresql")
    assert describe_database("postgresql+psycopg://qd:geheim@host/qualitydesk") == (
        "PostgreSQL qd@host:5432/qualitydesk"
    )
    assert describe_database("sqlite:////data/qualitydesk.sqlite3") == "/data/qualitydesk.sqlite3"


def test_server_problems_are_told_in_the_users_language_without_the_password():
    class Refused(Exception):
        pass

    url = "postgresql+psycopg://qd:geheim@db.example:5433/qualitydesk"
    set_language("en")
    auth = server_problem(
        Refused('FATAL: password authentication failed for user "qd" (geheim)'), url
    )
    assert auth.kind == "authentication"
    assert "geheim" not in str(auth)
    assert "PGPASSWORD" in str(auth)
    set_language("zh_CN")
    down = server_problem(Refused("connection failed: Connection refused"), url)
    assert down.kind == "unreachable"
    assert "无法连接数据库服务器 db.example:5433" in str(down)
    with pytest.raises(ServerError) as bad:
        open_url("not a url at all")
    assert bad.value.kind == "bad_url"
    with pytest.raises(ServerError) as other:
        open_url("mysql://qd@host/db")
    assert other.value.kind == "unsupported"


def test_an_unreachable_server_is_a_clear_error_without_the_password():
    set_language("en")
    with pytest.raises(ServerError) as raised:
        open_url("postgresql+psycopg://qd:geheim@127.0.0.1:1/qualitydesk")
    assert raised.value.kind == "unreachable"
    assert "cannot be reached" in str(raised.value)
    assert "geheim" not in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_a_sqlite_url_opens_that_data_file(tmp_path):
    path = tmp_path / "elsewhere" / "werk2.sqlite3"
    engine = open_url(f"sqlite:///{path}")
    try:
        assert path.is_file()
        assert schema_revision(engine) == head_revision()
    finally:
        engine.dispose()


@pytest.fixture
def empty_server_database():
    """An empty database on the test server (no schema): open_url must migrate it."""
    name = f"qd_test_{pg_server._worker()}_h3_empty"
    admin = pg_server._admin()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = pg_server._url_for(name)
    yield url
    pg_server.drop_database(url)


@needs_server
def test_clients_starting_together_migrate_a_new_server_database_once(empty_server_database):
    opened, failures = [], []

    def start() -> None:
        try:
            engine = open_url(empty_server_database)
            opened.append(schema_revision(engine))
            engine.dispose()
        except Exception as error:  # noqa: BLE001
            failures.append(error)

    clients = [threading.Thread(target=start) for _ in range(3)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    assert failures == []
    assert opened == [head_revision()] * 3


@needs_server
def test_a_database_the_server_does_not_have_is_named():
    set_language("en")
    url = pg_server._url_for("qd_test_h3_no_such_database")
    with pytest.raises(ServerError) as raised:
        open_url(url)
    assert raised.value.kind == "no_database"
    assert "qd_test_h3_no_such_database" in str(raised.value)
