"""Field service on the command line: list, the forms as PDF, the monthly report, demo field work."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl
import pytest

from tests.cli_runner import one_line, run


@pytest.fixture(scope="module")
def field_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-field")
    result = run(
        "--data-dir", str(folder), "--lang", "zh_CN", "demo", "--customers", "30",
        "--complaints", "4", "--returns", "0", "--surveys", "0",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "演示现场服务报告和走访报告" in result.stdout
    return folder


def rows(folder: Path, *args: str) -> list[dict]:
    result = run("--data-dir", str(folder), "list", "service-reports", "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return done.stdout


def test_demo_makes_a_month_of_field_work_listed_by_month(field_dir):
    found = rows(field_dir)
    kinds = {r["kind"] for r in found}
    assert kinds == {"service", "visit"}
    month = found[0]["date"][:7]
    same_month = rows(field_dir, "--month", month)
    assert same_month and all(r["date"].startswith(month) for r in same_month)
    table = run("--data-dir", str(field_dir), "--lang", "zh_CN", "list", "service-reports")
    assert table.stdout.splitlines()[0].split()[:3] == ["编号", "类别", "日期"]


def test_service_and_visit_reports_as_pdf(field_dir, tmp_path):
    found = rows(field_dir)
    service = next(r for r in found if r["kind"] == "service")
    visit = next(r for r in found if r["kind"] == "visit")
    for what, row in (("service-report", service), ("visit-report", visit)):
        out = tmp_path / f"{what}.pdf"
        result = run("--data-dir", str(field_dir), "export", what, row["number"], "-o", str(out))
        assert result.returncode == 0, result.stderr
        text = _text(out)
        assert row["number"] in text and row["customer_name"] in text
    assert "Q/JL081304-C" in _text(tmp_path / "service-report.pdf")
    assert "Q/JL081306-C" in _text(tmp_path / "visit-report.pdf")
    blank = tmp_path / "blank.pdf"
    result = run("--data-dir", str(field_dir), "export", "blank-service-report", "-o", str(blank))
    assert result.returncode == 0 and "Q/JL081304-C" in _text(blank)
    missing = run("--data-dir", str(field_dir), "export", "service-report", "FW-1999-0001",
                  "-o", str(tmp_path / "x.pdf"))  # fmt: skip
    assert missing.returncode == 1 and "FW-1999-0001" in one_line(missing.stderr)


def test_monthly_service_report(field_dir, tmp_path):
    month = rows(field_dir)[0]["date"][:7]
    book = tmp_path / "monthly.xlsx"
    result = run("--data-dir", str(field_dir), "export", "monthly-service", "--month", month,
                 "-o", str(book))  # fmt: skip
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(book)
    assert len(workbook.sheetnames) >= 3 and any(ws._charts for ws in workbook.worksheets)
    pdf = tmp_path / "monthly.pdf"
    result = run("--data-dir", str(field_dir), "export", "monthly-service", "--month", month,
                 "--pdf", "-o", str(pdf))  # fmt: skip
    assert result.returncode == 0 and "Q/JL081305-C" in _text(pdf)
    bad = run("--data-dir", str(field_dir), "export", "monthly-service", "--month", "2026-13",
              "-o", str(book))  # fmt: skip
    assert bad.returncode == 2
