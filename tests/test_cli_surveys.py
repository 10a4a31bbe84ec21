"""Survey commands on the command line: list, blank questionnaires, summary, customer loss."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.cli_runner import one_line, run


@pytest.fixture(scope="module")
def surveys_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-surveys")
    result = run(
        "--data-dir", str(folder), "--lang", "zh_CN", "demo", "--customers", "60",
        "--complaints", "0", "--returns", "0", "--surveys", "4", "--seed", "3",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "已添加 4 次演示满意度调查" in result.stdout
    return folder


def campaigns(folder: Path) -> list[dict]:
    result = run("--data-dir", str(folder), "list", "surveys", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_demo_makes_two_years_of_campaigns_with_answers(surveys_dir):
    found = campaigns(surveys_dir)
    assert len(found) == 4
    assert all(c["number"].startswith("MY-") for c in found)
    assert sum(c["status"] == "open" for c in found) == 1  # the current half-year
    years = {c["year"] for c in found}
    assert len(years) == 2
    closed = [c for c in found if c["status"] == "closed"]
    assert all(c["invitees"] for c in closed)
    assert all(any(i["answered"] for i in c["invitees"]) for c in found)
    assert any(c["actions"] for c in closed)  # a weak item got an improvement action
    again = run("--data-dir", str(surveys_dir), "demo", "--customers", "60", "--complaints", "0",
                "--returns", "0", "--surveys", "4", "--seed", "3")  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert len(campaigns(surveys_dir)) == 4  # nothing added twice


def test_list_surveys_table(surveys_dir):
    zh = run("--data-dir", str(surveys_dir), "--lang", "zh_CN", "list", "surveys")
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.splitlines()[0].split()[:3] == ["编号", "名称", "期间"]
    assert "共 4 次调查" in zh.stdout and "上半年" in zh.stdout


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip


def test_blank_questionnaires_one_per_customer(surveys_dir, tmp_path):
    campaign = next(c for c in campaigns(surveys_dir) if c["status"] == "open")
    unanswered = [i for i in campaign["invitees"] if not i["answered"]]
    out = tmp_path / "blank.pdf"
    result = run("--data-dir", str(surveys_dir), "export", "survey-blank", campaign["number"],
                 "--unanswered", "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    text = _text(out)
    for invitee in unanswered:
        assert invitee["customer_name"] in text
    answered = [i for i in campaign["invitees"] if i["answered"]]
    assert all(i["customer_name"] not in text for i in answered)
    assert "Q/JL090101-C" in text
    one = tmp_path / "one.pdf"
    code = unanswered[0]["customer_code"]
    result = run("--data-dir", str(surveys_dir), "export", "survey-blank", campaign["number"],
                 "--customer", code.lower(), "-o", str(one))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(one).pages) < len(PdfReader(out).pages)


def test_blank_questionnaires_refused_clearly(surveys_dir, tmp_path):
    out = tmp_path / "x.pdf"
    unknown = run("--data-dir", str(surveys_dir), "export", "survey-blank", "MY-1999-01",
                  "-o", str(out))  # fmt: skip
    assert unknown.returncode == 1
    assert "MY-1999-01" in one_line(unknown.stderr)
    number = campaigns(surveys_dir)[0]["number"]
    stranger = run("--data-dir", str(surveys_dir), "export", "survey-blank", number,
                   "--customer", "NOPE-1", "-o", str(out))  # fmt: skip
    assert stranger.returncode == 1
    assert "NOPE-1" in one_line(stranger.stderr)
    assert not out.exists()


def test_survey_summary_as_workbook_and_pdf(surveys_dir, tmp_path):
    campaign = next(c for c in campaigns(surveys_dir) if c["status"] == "closed")
    book = tmp_path / "summary.xlsx"
    result = run("--data-dir", str(surveys_dir), "export", "survey-summary", campaign["number"],
                 "-o", str(book))  # fmt: skip
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(book)
    assert len(workbook.sheetnames) >= 4
    assert any(ws._charts for ws in workbook.worksheets)
    pdf = tmp_path / "summary.pdf"
    result = run("--data-dir", str(surveys_dir), "export", "survey-summary", campaign["number"],
                 "--pdf", "-o", str(pdf))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert campaign["number"] in _text(pdf)


def test_customer_loss_workbook(surveys_dir, tmp_path):
    out = tmp_path / "loss.xlsx"
    year = date.today().year - 1
    result = run("--data-dir", str(surveys_dir), "export", "customer-loss", "--year", str(year),
                 "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"{year}:" in result.stdout and "lost" in result.stdout
    values = [c for ws in openpyxl.load_workbook(out).worksheets
              for row in ws.iter_rows(values_only=True) for c in row if c is not None]  # fmt: skip
    assert any(isinstance(v, str) and v.startswith("KH") for v in values)
    bad = run("--data-dir", str(surveys_dir), "export", "customer-loss", "--year", "20x6",
              "-o", str(out))  # fmt: skip
    assert bad.returncode == 2
