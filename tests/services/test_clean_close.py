"""The start-up check reads every page of the data file (seconds for ten years of records); it
is skipped only when the file is exactly as the app left it at its last clean close."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from app import db
from app.config import database_path


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The files the start-up check ran on."""
    seen: list[str] = []
    real = db.startup_problem

    def spy(path):  # noqa: ANN001, ANN202
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(db, "startup_problem", spy)
    return seen


def closed_cleanly(data_dir) -> None:  # noqa: ANN001
    db.open_database(data_dir).dispose()
    db.record_clean_close(database_path(data_dir))


def test_a_file_untouched_since_its_clean_close_opens_without_the_check(data_dir, checks):
    closed_cleanly(data_dir)
    checks.clear()
    db.open_database(data_dir).dispose()
    assert checks == []
    # opened since, without a clean close: the next start checks again
    db.open_database(data_dir).dispose()
    assert checks == ["qualitydesk.sqlite3"]


def test_a_file_written_after_its_clean_close_is_checked(data_dir, checks):
    closed_cleanly(data_dir)
    with closing(sqlite3.connect(database_path(data_dir))) as connection:
        connection.execute("INSERT INTO setting (key, value) VALUES ('other program', '1')")
        connection.commit()
    checks.clear()
    db.open_database(data_dir).dispose()
    assert checks == ["qualitydesk.sqlite3"]


def test_damage_after_a_clean_close_is_found(data_dir):
    closed_cleanly(data_dir)
    path = database_path(data_dir)
    with open(path, "r+b") as handle:  # the disk garbles a page of the schema
        handle.seek(100)
        handle.write(b"\xff" * 3000)
    with pytest.raises(db.DamagedDatabase):
        db.open_database(data_dir)
    assert not path.exists()  # moved aside, as always


def test_a_journal_left_behind_means_the_file_is_checked(data_dir, checks):
    closed_cleanly(data_dir)
    path = database_path(data_dir)
    path.with_name(path.name + "-wal").write_bytes(b"\x00" * 64)  # a crash left writes there
    assert not db.untouched_since_clean_close(path)
    checks.clear()
    db.open_database(data_dir).dispose()
    assert checks == ["qualitydesk.sqlite3"]


def test_no_note_is_left_while_writes_are_not_folded_into_the_file(data_dir):
    engine = db.open_database(data_dir)
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('x', '1')")
    path = database_path(data_dir)
    db.record_clean_close(path)  # the engine still holds the file: its -wal is not empty
    assert not db.untouched_since_clean_close(path)
    engine.dispose()
    db.record_clean_close(path)
    assert db.untouched_since_clean_close(path)


def test_a_reader_keeps_the_note_of_a_clean_close(data_dir, checks):
    """A command that only reads (an export) leaves the file as it found it: the note stays,
    so neither it nor the next start reads the whole file; the next writer removes it."""
    closed_cleanly(data_dir)
    path = database_path(data_dir)
    checks.clear()
    engine = db.open_database(data_dir, reading=True)
    with engine.connect() as connection:
        connection.exec_driver_sql("SELECT count(*) FROM setting").all()
    engine.dispose()
    assert checks == []
    assert db.untouched_since_clean_close(path)
    db.open_database(data_dir).dispose()  # a writer: no check (untouched), the note goes
    assert checks == []
    assert not db.untouched_since_clean_close(path)
    db.open_database(data_dir, reading=True).dispose()  # no note: a reader checks too
    assert checks == ["qualitydesk.sqlite3"]
