"""The integrity check spread over cores finds what one whole-file integrity_check finds."""

from __future__ import annotations

import sqlite3
from functools import partial
from pathlib import Path

import pytest

from app.services import backup_service, integrity_check


def _data_file(path: Path) -> Path:
    """Two tables, one with an index, and a trigram text index (stored in tables of its own)."""
    with sqlite3.connect(path) as connection:
        connection.executescript(
            "CREATE TABLE ticket (id INTEGER PRIMARY KEY, number TEXT, customer TEXT);"
            "CREATE INDEX ix_ticket_number ON ticket (number);"
            "CREATE TABLE note (text TEXT NOT NULL);"
            "CREATE VIRTUAL TABLE ticket_text USING fts5(body, tokenize = 'trigram');"
        )
        connection.executemany(
            "INSERT INTO ticket (number, customer) VALUES (?, ?)",
            [(f"KS-2026-{n:04d}" * 10, f"顾客 {n}") for n in range(1, 2001)],
        )
        connection.execute("INSERT INTO note VALUES ('已回复')")
        connection.execute("INSERT INTO ticket_text VALUES ('发电机电压偏高')")
    connection.close()
    return path


def _altered_schema(path: Path, statement: str) -> Path:
    """The file's schema changed behind SQLite's back, as damage would leave it."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute(statement)
    connection.commit()
    connection.close()
    return path


def _one_whole_check(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return integrity_check.problems(connection)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def test_a_sound_file_passes_on_one_core_and_on_several(tmp_path: Path) -> None:
    path = _data_file(tmp_path / "sound.sqlite3")
    for workers in (1, 2, 3):
        assert integrity_check.file_problems(partial(_read_only, path), workers, split_from=0) == []
    assert backup_service.integrity_problems(path) == []


def test_an_index_that_no_longer_matches_its_table_is_found_as_the_whole_check_finds_it(
    tmp_path: Path,
) -> None:
    # the index's definition now names another column: its entries match no row (quick_check
    # passes such a file; only the table's own integrity_check compares index and rows)
    path = _altered_schema(
        _data_file(tmp_path / "index.sqlite3"),
        "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_ticket_number ON ticket (customer)'"
        " WHERE name = 'ix_ticket_number'",
    )
    whole = _one_whole_check(path)
    assert whole and "missing from index ix_ticket_number" in whole[0]
    split = integrity_check.file_problems(partial(_read_only, path), workers=2, split_from=0)
    assert split == whole
    assert backup_service.integrity_problems(path) == whole


def test_pages_no_table_uses_any_more_are_found_as_the_whole_check_finds_them(
    tmp_path: Path,
) -> None:
    # an index's entry gone from the schema: its pages belong to nothing (a table's own
    # integrity_check cannot see that; the whole-file quick_check does)
    path = _altered_schema(
        _data_file(tmp_path / "pages.sqlite3"),
        "DELETE FROM sqlite_master WHERE name = 'ix_ticket_number'",
    )
    whole = _one_whole_check(path)
    assert whole and "is never used" in whole[0]
    assert (
        integrity_check.file_problems(partial(_read_only, path), workers=2, split_from=0) == whole
    )


def test_the_check_is_split_into_the_whole_files_pages_and_each_tables_indexes(
    tmp_path: Path,
) -> None:
    path = _data_file(tmp_path / "split.sqlite3")
    run: list[str] = []
    connections = 0

    def connect() -> sqlite3.Connection:
        nonlocal connections
        connections += 1
        connection = _read_only(path)
        connection.set_trace_callback(run.append)
        return connection

    assert integrity_check.file_problems(connect, workers=2, split_from=0) == []
    checks = sorted(s for s in run if s.startswith(("PRAGMA quick", "PRAGMA integrity")))
    stored = ["note", "ticket", "ticket_text_config", "ticket_text_content", "ticket_text_data",
              "ticket_text_docsize", "ticket_text_idx"]  # fmt: skip
    assert checks == sorted(
        ["PRAGMA quick_check"] + [f'PRAGMA integrity_check("{name}")' for name in stored]
    )
    # the listing, then one connection a thread: opening one reads the whole schema again
    assert connections == 1 + 2
    # after the whole file's pages, the table with the most rows times its b-trees goes first
    with _read_only(path) as connection:
        assert integrity_check._tables_largest_first(connection)[0] == "ticket"


def test_a_small_file_gets_one_whole_check_on_one_connection(tmp_path: Path) -> None:
    """Below SPLIT_FROM_BYTES the split's connections cost more than the check they share."""
    path = _data_file(tmp_path / "small.sqlite3")
    assert path.stat().st_size < integrity_check.SPLIT_FROM_BYTES
    run: list[str] = []
    connections = 0

    def connect() -> sqlite3.Connection:
        nonlocal connections
        connections += 1
        connection = _read_only(path)
        connection.set_trace_callback(run.append)
        return connection

    assert integrity_check.file_problems(connect, workers=4) == []
    assert [s for s in run if s.startswith(("PRAGMA quick", "PRAGMA integrity"))] == [
        "PRAGMA integrity_check"
    ]
    assert connections == 1


def test_a_file_too_damaged_to_list_its_tables_gets_the_whole_check(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)
    with pytest.raises(sqlite3.DatabaseError):
        _one_whole_check(path)
    with pytest.raises(sqlite3.DatabaseError):
        integrity_check.file_problems(partial(_read_only, path), workers=2, split_from=0)
    assert backup_service.integrity_problems(path)  # reported, not raised
