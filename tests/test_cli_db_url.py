"""--db-url on the command line: a server or another data file, before or after the command."""

from __future__ import annotations

import json

import pytest

from app.db import make_engine
from app.services import customer_service
from app.services.customer_service import CustomerData
from tests import pg_server
from tests.cli_runner import one_line, run

needs_server = pytest.mark.skipif(
    not pg_server.server_url(), reason="QUALITYDESK_TEST_PG_URL names no PostgreSQL server"
)


@pytest.fixture
def server_db():
    url = pg_server.create_database()
    engine = make_engine(url)
    customer_service.create(engine, CustomerData(code="KH777", name="沈阳北方重工"), "t")
    engine.dispose()
    yield url
    pg_server.drop_database(url)


@needs_server
def test_db_url_before_or_after_the_command_and_from_the_environment(server_db, tmp_path):
    before = run("--db-url", server_db, "--data-dir", str(tmp_path), "list", "customers", "--json")
    assert before.returncode == 0, before.stderr
    assert [c["code"] for c in json.loads(before.stdout)] == ["KH777"]
    after = run("list", "customers", "--json", "--db-url", server_db)
    assert after.returncode == 0, after.stderr
    assert [c["code"] for c in json.loads(after.stdout)] == ["KH777"]
    from_env = run("list", "customers", "--json", env_extra={"QUALITYDESK_DB_URL": server_db})
    assert [c["code"] for c in json.loads(from_env.stdout)] == ["KH777"]
    assert not (tmp_path / "qualitydesk.sqlite3").exists()  # the data file was not used


@needs_server
def test_a_command_about_the_data_file_refuses_a_server(server_db, tmp_path):
    result = run("--db-url", server_db, "restore", str(tmp_path / "backup.sqlite3"))
    assert result.returncode == 1
    assert "data file" in one_line(result.stderr)


@needs_server
def test_check_on_a_server_checks_the_audit_trail(server_db):
    result = run("--db-url", server_db, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    engine = make_engine(server_db)
    with engine.begin() as connection:  # tampering behind the guard, as a superuser could
        connection.exec_driver_sql("ALTER TABLE audit_entry DISABLE TRIGGER USER")
        connection.exec_driver_sql("UPDATE audit_entry SET new_value = 'forged' WHERE id = 1")
        connection.exec_driver_sql("ALTER TABLE audit_entry ENABLE TRIGGER USER")
    engine.dispose()
    result = run("--db-url", server_db, "check")
    assert result.returncode == 1
    assert "entry 1 was altered" in result.stdout


def test_an_unreachable_server_is_one_line_without_the_password():
    url = "postgresql+psycopg://qd:geheim@127.0.0.1:1/qualitydesk"
    result = run("--db-url", url, "list", "customers")
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "cannot be reached" in line and "127.0.0.1:1" in line
    assert "geheim" not in result.stderr + result.stdout
    zh = run("--lang", "zh_CN", "--db-url", url, "list", "customers")
    assert "无法连接数据库服务器" in one_line(zh.stderr)


def test_a_sqlite_url_names_another_data_file(tmp_path):
    path = tmp_path / "branch" / "werk2.sqlite3"
    made = run("--db-url", f"sqlite:///{path}", "list", "customers", "--json")
    assert made.returncode == 0, made.stderr
    assert path.is_file() and json.loads(made.stdout) == []
    checked = run("check", "--db-url", f"sqlite:///{path}")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "ok"
