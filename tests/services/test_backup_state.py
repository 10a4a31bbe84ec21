"""Backups without a second pass over every row: the data file's state in the backup marker."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.config import database_path
from app.services import backup_service, customer_service
from tests.services.complaint_factory import customer

pytestmark = pytest.mark.sqlite_only  # about the data file itself


@pytest.fixture
def db_path(engine, data_dir):
    for i in range(1, 6):
        customer(engine, code=f"KH{i:03}", name=f"顾客{i}")
    return database_path(data_dir)


@pytest.fixture
def no_row_reads(monkeypatch):
    """Fail the test when anything reads every row of a file (the content fingerprint)."""
    reads: list[str] = []

    def refuse(path):  # noqa: ANN001, ANN202
        reads.append(str(path))
        raise AssertionError(f"the rows of {path} were read")

    monkeypatch.setattr(backup_service, "content_fingerprint", refuse)
    return reads


def test_a_backup_is_verified_without_reading_every_row_again(db_path, data_dir, no_row_reads):
    folder = data_dir / "backups"
    info = backup_service.backup_before(db_path, "sync", folder)
    assert info is not None and info.path.is_file()
    backup_service.verify_backup(info.path)  # integrity_check, as every backup
    with closing(sqlite3.connect(info.path)) as copy:
        assert copy.execute("SELECT count(*) FROM customer").fetchone() == (5,)


def test_an_untouched_data_file_needs_no_backup_and_nothing_is_read(
    engine, db_path, data_dir, no_row_reads
):
    folder = data_dir / "backups"
    backup_service.make_backup(db_path, folder, reason="start")
    assert not backup_service.needs_backup(db_path, folder)
    assert not backup_service.needs_backup(db_path, folder)


def test_a_change_is_seen_even_with_the_file_times_put_back(engine, db_path, data_dir):
    folder = data_dir / "backups"
    backup_service.make_backup(db_path, folder, reason="start")
    wal = db_path.with_name(db_path.name + "-wal")
    times = {p: (p.stat().st_atime_ns, p.stat().st_mtime_ns) for p in (db_path, wal) if p.exists()}
    data = customer_service.get_by_code(engine, "KH002")
    data.name = "改名"
    customer_service.update(engine, data, "t")
    for path, (atime, mtime) in times.items():
        os.utime(path, ns=(atime, mtime))
    assert backup_service.needs_backup(db_path, folder)
    backup_service.make_backup(db_path, folder, reason="start")
    assert not backup_service.needs_backup(db_path, folder)


def test_a_file_changed_without_a_record_changing_is_compared_once(
    engine, db_path, data_dir, monkeypatch
):
    folder = data_dir / "backups"
    backup_service.make_backup(db_path, folder, reason="start")
    engine.dispose()  # the last connection folds the journal into the file: the file changed
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    reads: list[str] = []
    original = backup_service.content_fingerprint

    def counting(path):  # noqa: ANN001, ANN202
        reads.append(Path(path).name)
        return original(path)

    monkeypatch.setattr(backup_service, "content_fingerprint", counting)
    assert not backup_service.needs_backup(db_path, folder)
    assert len(reads) == 2  # the data file and the backup, compared by content
    # only once: the marker now knows that this state of the file holds the backup's records
    assert not backup_service.needs_backup(db_path, folder)
    assert len(reads) == 2
