"""Moving a data file to a PostgreSQL server and back, verified by counts and checksums."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from app.config import database_path
from app.db import make_engine, migrate, open_database, sqlite_url
from app.models import Attachment, StoredFile
from app.services import (
    attachment_service,
    audit_service,
    backup_service,
    complaint_service,
    customer_service,
    database_copy,
    demo_complaints,
    demo_field,
    demo_returns,
    demo_service,
    demo_surveys,
    return_service,
)
from tests.server_fixtures import need_server, server_engine
from tests.services.complaint_factory import customer


def _fill_with_demo_data(folder: Path) -> Path:
    engine = open_database(folder)
    demo_service.load_demo(engine, customers=16, seed=5)
    demo_complaints.load_demo_complaints(engine, count=20, seed=5)
    demo_returns.load_demo_returns(engine, count=10, seed=5)
    demo_surveys.load_demo_surveys(engine, campaigns=1, seed=5)
    demo_field.load_demo_field(engine, seed=5)
    engine.dispose()
    return database_path(folder)


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    return _fill_with_demo_data(tmp_path_factory.mktemp("demo")).parent


@pytest.fixture
def demo_file(demo_folder, tmp_path) -> Path:
    """A copy of the demo data file with its attachments folder, for one test to use."""
    need_server()
    folder = tmp_path / "data"
    shutil.copytree(demo_folder, folder)
    return database_path(folder)


def _fingerprint_of_folder(folder: Path) -> dict[str, str]:
    """Every file under folder (data file, journal, attachments) by its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _count(engine, model) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def _without_stored_files(found: dict[str, tuple[int, str]]) -> dict[str, tuple[int, str]]:
    return {name: value for name, value in found.items() if name != database_copy.STORED_FILE}


def test_the_demo_data_moves_to_a_server_and_back_unchanged(demo_file, tmp_path):
    before = _fingerprint_of_folder(demo_file.parent)
    source = make_engine(sqlite_url(demo_file))
    source_sums = database_copy.checksums(source)
    numbers = [row.number for row in complaint_service.list_complaints(source)]
    source.dispose()
    seen: dict[str, int] = {}
    with server_engine() as server:
        report = database_copy.move_file_to(
            demo_file, server, progress=lambda table, done, total: seen.update({table: total})
        )
        assert report.ok, report.lines()
        assert _fingerprint_of_folder(demo_file.parent) == before  # the data file is untouched
        assert {check.table for check in report.tables} == {t.name for t in database_copy.tables()}
        assert set(seen) == {t.name for t in database_copy.tables()}  # progress per table
        rows = {check.table: check.target_rows for check in report.tables}
        attachments = rows["attachment"]
        assert attachments > 0 and rows["audit_entry"] > 100 and rows["complaint"] == 20
        assert report.attachment_files == rows["stored_file"] > 0
        # the target holds the same records, ids and trail, and every photo's bytes
        assert _without_stored_files(database_copy.checksums(server)) == _without_stored_files(
            source_sums
        )
        assert audit_service.verify_chain(server) == []
        assert [row.number for row in complaint_service.list_complaints(server)] == numbers
        with server.connect() as connection:
            stored = connection.execute(select(Attachment)).all()
        for row in stored:
            data = attachment_service.to_data(row)
            original = (demo_file.parent / "attachments" / data.stored_name).read_bytes()
            assert attachment_service.read_bytes(server, data) == original
        # new records continue after the copied ids
        highest = max(c.id for c in customer_service.list_customers(server))
        new_id = customer(server, code="KH-NEW")
        assert new_id == highest + 1

        # a backup of the server is a data file with the same content, photos included
        info = backup_service.make_backup(server, tmp_path / "backups")
        server_sums = database_copy.checksums(server)
    backup_service.verify_backup(info.path)
    assert backup_service.check_database(info.path) == []
    opened = make_engine(sqlite_url(info.path))
    migrate(opened)
    assert database_copy.checksums(opened) == server_sums
    assert len(complaint_service.list_complaints(opened)) == 20
    with Session(opened) as session:
        photos = [attachment_service.to_data(row) for row in session.exec(select(Attachment))]
    assert len(photos) == attachments
    assert not (info.path.parent / "attachments").exists()
    for photo in photos:  # read from the backup's stored_file
        assert attachment_service.read_bytes(opened, photo) is not None
    assert return_service.count(opened) == 10
    opened.dispose()

    # and that backup moves to a server again
    with server_engine() as second:
        report = database_copy.move_file_to(info.path, second)
        assert report.ok, report.lines()
        assert report.attachment_files == 0  # the bytes came along in stored_file
        assert database_copy.checksums(second) == server_sums


def test_a_target_that_holds_records_is_refused_and_left_alone(demo_file):
    with server_engine() as server:
        customer(server, code="KH-THERE")
        with pytest.raises(database_copy.TargetNotEmpty) as refused:
            database_copy.move_file_to(demo_file, server)
        assert "customer" in str(refused.value)
        assert [c.code for c in customer_service.list_customers(server)] == ["KH-THERE"]


def test_a_missing_attachment_file_is_a_difference(demo_file):
    missing = next((demo_file.parent / "attachments").rglob("*.png"))
    missing.unlink()
    with server_engine() as server:
        report = database_copy.move_file_to(demo_file, server)
        assert not report.ok
        assert any(missing.name in problem for problem in report.problems)
        assert _count(server, StoredFile) == len(
            list((demo_file.parent / "attachments").rglob("*.png"))
        )


def test_a_row_the_server_refuses_leaves_the_target_empty(demo_file):
    # SQLite does not enforce a text column's length; PostgreSQL does
    with closing(sqlite3.connect(demo_file)) as connection:
        connection.execute("UPDATE customer SET name = ? WHERE id = 3", ("长" * 500,))
        connection.commit()
    with server_engine() as server:
        with pytest.raises(database_copy.CopyError) as failed:
            database_copy.move_file_to(demo_file, server)
        assert "unchanged" in str(failed.value) or "未作任何改动" in str(failed.value)
        assert database_copy.records_held(server) == {}


def test_an_altered_row_shows_in_the_checksum(demo_file):
    source = make_engine(sqlite_url(demo_file))
    before = database_copy.checksums(source)
    with source.begin() as connection:
        connection.exec_driver_sql("UPDATE complaint SET description = 'x' WHERE id = 2")
    after = database_copy.checksums(source)
    source.dispose()
    changed = {name for name in before if before[name] != after[name]}
    assert "complaint" in changed and before["complaint"][0] == after["complaint"][0]


def test_rows_keyed_by_integers_are_hashed_as_they_are_read(demo_folder, monkeypatch):
    """Only a table with a text key holds its rows to sort them (SQLite and PostgreSQL order
    text differently); a ticket's 8D steps and sorting rows, keyed by two integers, are hashed
    as they come: a 100k file's ~800,000 steps held took ~300 MB of a move to a server."""
    held: dict[str, int] = {}
    hexdigest = database_copy._Checksum.hexdigest

    def noting(check) -> str:  # noqa: ANN001
        held[check.table.name] = len(check.keyed)
        return hexdigest(check)

    monkeypatch.setattr(database_copy._Checksum, "hexdigest", noting)
    source = make_engine(sqlite_url(database_path(demo_folder)))
    found = database_copy.checksums(source)
    source.dispose()
    assert found["complaint_step"][0] > 0 and found["complaint_sorting"][0] > 0
    assert {name for name, rows in held.items() if rows} <= {"setting", "stored_file"}
