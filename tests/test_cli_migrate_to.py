"""`qualitydesk migrate-to URL` run as a user runs it: a separate process."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import inspect

from app.config import database_path
from app.data_lock import DataLock
from app.db import make_engine, open_database
from app.services import (
    audit_service,
    complaint_service,
    database_copy,
    demo_complaints,
    demo_returns,
    demo_service,
)
from tests.cli_runner import run
from tests.server_fixtures import server_database


def _folder_state(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def data(tmp_path) -> Path:
    """A data folder with demo customers, complaints and returns (photos included)."""
    folder = tmp_path / "data"
    engine = open_database(folder)
    demo_service.load_demo(engine, customers=8, seed=7)
    demo_complaints.load_demo_complaints(engine, count=10, seed=7)
    demo_returns.load_demo_returns(engine, count=5, seed=7)
    engine.dispose()
    return folder


def test_migrate_to_moves_the_data_file_and_reports_every_table(data):
    before = _folder_state(data)
    with server_database(migrated=False) as url:
        result = run("--lang", "en", "migrate-to", url, "--data-dir", str(data))
        assert result.returncode == 0, result.stderr + result.stdout
        assert "Verified: no differences." in result.stdout
        for table in database_copy.tables():
            assert f"\n{table.name} " in result.stdout
        assert "complaint: 10" in result.stderr  # progress per table
        assert _folder_state(data) == before  # the data file, its folder and photos untouched
        server = make_engine(url)
        try:
            assert complaint_service.count(server) == 10
            assert audit_service.verify_chain(server) == []
            assert database_copy.records_held(server)["stored_file"] > 0
        finally:
            server.dispose()

        # a second run finds records there and changes nothing
        again = run("--lang", "en", "migrate-to", url, "--data-dir", str(data))
        assert again.returncode == 1
        assert "already holds records" in again.stderr
        server = make_engine(url)
        try:
            assert complaint_service.count(server) == 10
        finally:
            server.dispose()


def test_a_difference_is_reported_with_exit_code_1(data):
    missing = next((data / "attachments").rglob("*.png"))
    missing.unlink()
    with server_database() as url:
        result = run("--lang", "en", "migrate-to", url, "--data-dir", str(data))
    assert result.returncode == 1
    assert missing.name in result.stdout
    assert "Verification found differences." in result.stdout


def test_migrate_to_waits_for_the_window_to_close_the_data_file(data):
    lock = DataLock(database_path(data))
    lock.acquire()
    try:
        with server_database(migrated=False) as url:
            result = run("--lang", "en", "migrate-to", url, "--data-dir", str(data))
            assert result.returncode == 1
            server = make_engine(url)
            try:
                assert inspect(server).get_table_names() == []  # not even migrated
            finally:
                server.dispose()
    finally:
        lock.release()


def test_an_unreachable_server_is_named_without_the_password(data):
    url = "postgresql+psycopg://qd:s3cret-pw@127.0.0.1:1/qualitydesk"
    result = run("--lang", "en", "migrate-to", url, "--data-dir", str(data))
    assert result.returncode == 1
    assert "cannot be reached" in result.stderr
    assert "s3cret-pw" not in result.stderr + result.stdout


def test_migrate_to_refuses_a_data_file_as_target(data, tmp_path):
    target = tmp_path / "other.sqlite3"
    result = run("--lang", "en", "migrate-to", f"sqlite:///{target}", "--data-dir", str(data))
    assert result.returncode == 1
    assert "database server" in result.stderr
    assert not target.exists()


def test_backup_of_a_server_is_a_data_file_that_moves_back(data, tmp_path):
    with server_database(migrated=False) as url:
        assert run("migrate-to", url, "--data-dir", str(data)).returncode == 0
        folder = tmp_path / "usb"
        folder.mkdir()
        result = run("--lang", "en", "--db-url", url, "backup", "-o", str(folder))
        assert result.returncode == 0, result.stderr
        backup = Path(result.stdout.strip())
        assert backup.parent == folder and backup.name.endswith("-manual.sqlite3")
    assert run("--data-dir", str(tmp_path / "x"), "check").returncode == 1  # no data file there
    restored = tmp_path / "restored"
    restored.mkdir()
    database_path(restored).write_bytes(backup.read_bytes())
    assert run("--data-dir", str(restored), "check").stdout.strip() == "ok"
    engine = make_engine(f"sqlite:///{database_path(restored)}")
    try:
        assert complaint_service.count(engine) == 10
    finally:
        engine.dispose()
    with server_database(migrated=False) as again:
        moved = run("--lang", "en", "migrate-to", again, "--from", str(backup))
        assert moved.returncode == 0, moved.stderr + moved.stdout
        assert "attachment files: 0 stored" in moved.stdout  # they came along in stored_file
