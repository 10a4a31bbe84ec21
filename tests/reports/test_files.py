"""Atomic writing of export files."""

from __future__ import annotations

import pytest

from app.reports.files import ExportCancelled, write_atomically


def test_writes_bytes_and_replaces_an_existing_file(tmp_path):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_writer_callable_gets_a_binary_stream(tmp_path):
    target = tmp_path / "out.bin"
    write_atomically(target, lambda stream: stream.write("顾客".encode()))
    assert target.read_bytes().decode("utf-8") == "顾客"


def test_existing_file_untouched_when_the_writer_fails(tmp_path):
    target = tmp_path / "customers.xlsx"
    target.write_bytes(b"the old workbook")

    def failing(stream):
        stream.write(b"half a file")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        write_atomically(target, failing)
    assert target.read_bytes() == b"the old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["customers.xlsx"]  # no temp file left


def test_cancel_leaves_no_file(tmp_path):
    target = tmp_path / "new.xlsx"

    def cancelled(stream):
        stream.write(b"partial")
        raise ExportCancelled

    with pytest.raises(ExportCancelled):
        write_atomically(target, cancelled)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_an_error_not_a_stray_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "no-such-folder" / "x.pdf", b"x")
    assert list(tmp_path.iterdir()) == []
