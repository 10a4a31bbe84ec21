"""The management summaries on the command line, run as a user does, on the known data set."""

from __future__ import annotations

import subprocess
from pathlib import Path

import openpyxl
import pytest

from app.db import open_database
from tests.cli_runner import one_line, run
from tests.services import summary_factory


@pytest.fixture(scope="module")
def known_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-summaries")
    engine = open_database(folder)
    summary_factory.build(engine)
    engine.dispose()
    return folder


def export(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return run("--data-dir", str(folder), "--lang", "zh_CN", "export", *args)


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return done.stdout


def all_values(path: Path) -> dict[str, list[object]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [v for row in ws.iter_rows(values_only=True) for v in row] for ws in wb}


def test_monthly_summary_workbook_and_pdf(known_dir, tmp_path):
    book = tmp_path / "2026-10.xlsx"
    result = export(known_dir, "monthly-summary", "--month", "2026-10", "-o", str(book))
    assert result.returncode == 0, result.stderr
    assert one_line(result.stdout) == f"已写入 {book}"
    sheets = all_values(book)
    first = next(iter(sheets.values()))
    stated = " ".join(str(v) for v in first if v is not None)
    assert "2026-10" in stated and "qualitydesk.sqlite3" in stated
    assert 6 in first  # complaints received in October
    pdf = tmp_path / "2026-10.pdf"
    result = export(known_dir, "monthly-summary", "--month", "2026-10", "-o", str(pdf), "--pdf")
    assert result.returncode == 0, result.stderr
    text = pdf_text(pdf)
    assert "顾客投诉/抱怨汇总处理表" in text and "QR-TS" in text and "2026-10" in text
    assert "KS-2026-0002" in text  # a repeat problem's ticket


def test_monthly_summary_over_a_range(known_dir, tmp_path):
    book = tmp_path / "range.xlsx"
    result = export(
        known_dir, "monthly-summary", "--from", "2026-09-01", "--to", "2026-10-31", "-o", str(book)
    )
    assert result.returncode == 0, result.stderr
    first = next(iter(all_values(book).values()))
    assert "2026-09-01 – 2026-10-31" in " ".join(str(v) for v in first if v is not None)
    assert 7 in first  # September's KS-2026-0008 as well


@pytest.mark.parametrize(
    "args, message",
    [
        (["--month", "2026-10", "--from", "2026-10-01"], "二选一"),
        ([], "--month"),
        (["--from", "2026-10-31", "--to", "2026-10-01"], "晚于"),
    ],
)
def test_monthly_summary_refuses_a_bad_period(known_dir, tmp_path, args, message):
    out = tmp_path / "x.xlsx"
    result = export(known_dir, "monthly-summary", *args, "-o", str(out))
    assert result.returncode == 1
    assert message in one_line(result.stderr)
    assert not out.exists()


def test_annual_summary(known_dir, tmp_path):
    book = tmp_path / "2026.xlsx"
    result = export(known_dir, "annual-summary", "--year", "2026", "-o", str(book))
    assert result.returncode == 0, result.stderr
    assert len(all_values(book)) > 5  # a sheet per view plus the comparison and the targets
    pdf = tmp_path / "2026.pdf"
    result = export(known_dir, "annual-summary", "--year", "2026", "-o", str(pdf), "--pdf")
    assert result.returncode == 0, result.stderr
    assert "QR-TS-Y" in pdf_text(pdf)


def test_failure_history(known_dir, tmp_path):
    pdf = tmp_path / "p1.pdf"
    result = export(known_dir, "failure-history", "p-1", "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    text = pdf_text(pdf)
    assert "产品失败履历表" in text and "Q/JL081302-C" in text
    for number in ("KS-2024-0001", "KS-2026-0001", "KS-2026-0002", "TH-2026-0001"):
        assert number in text
    assert "KS-2026-0006" not in text  # cancelled
    book = tmp_path / "p1.xlsx"
    assert export(known_dir, "failure-history", "P-1", "-o", str(book)).returncode == 0
    values = [v for vs in all_values(book).values() for v in vs]
    assert "KS-2026-0009" in values and "KS-2026-0006" not in values
    missing = export(known_dir, "failure-history", "NO-SUCH", "-o", str(tmp_path / "n.pdf"))
    assert missing.returncode == 1 and "NO-SUCH" in one_line(missing.stderr)
