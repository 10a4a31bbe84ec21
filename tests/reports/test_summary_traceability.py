"""From the data file to the paper: the known data set's October figures in the workbook and PDF.

The expected numbers are the hand-worked ones of tests/services/test_complaint_summary.py; here
they are looked for where a manager reads them.
"""

from __future__ import annotations

import io
import subprocess

import openpyxl
import pytest

from app.reports.excel.complaint_summary_xlsx import annual_summary_xlsx, complaint_summary_xlsx
from app.reports.pdf.complaint_summary_pdf import complaint_summary_pdf
from app.services import settings_service
from app.services.annual_summary import annual_summary
from app.services.complaint_summary import complaint_summary, month_period
from tests.services import summary_factory
from tests.services.summary_factory import TODAY


@pytest.fixture
def october(engine):
    summary_factory.build(engine)
    return complaint_summary(engine, month_period(2026, 10), today=TODAY, lang="zh_CN")


def table(ws) -> list[tuple]:  # noqa: ANN001
    """The rows under a sheet's title and header."""
    return [row for row in ws.iter_rows(min_row=3, values_only=True) if any(row)]


def test_workbook_figures(engine, october, tmp_path):
    source = tmp_path / "qualitydesk.sqlite3"
    wb = openpyxl.load_workbook(io.BytesIO(complaint_summary_xlsx(october, source_file=source)))
    first = {row[0]: row[1] for row in wb.worksheets[0].iter_rows(values_only=True) if row[0]}
    assert first["统计期间"] == "2026-10" and first["数据文件"] == str(source)
    assert first["投诉件数(原始单)"] == 6 and first["结案件数"] == 4
    assert [r[:3] for r in table(wb["按顾客"])] == [
        ("KH001", "长春华通汽车有限公司", 3),
        ("KH002", "一汽解放青岛汽车有限公司", 2),
        ("KH003", '=HYPERLINK("x")<b>测试</b>', 1),
    ]
    assert [r[:4] for r in table(wb["不良类别柏拉图"])] == [
        ("异响", 4, 66.67, 66.67),
        ("外观不良", 1, 16.67, 83.33),
        ("尺寸不良", 1, 16.67, 100),
    ]
    assert [r[2:6] for r in table(wb["重复问题"])] == [
        ("p-1", "异响", 2, 3),
        ("ZQ-200", "尺寸不良", 1, 2),
    ]
    assert [r[:6] for r in table(wb["期限达成"])] == [
        ("临时对策回复", 2, 1, 2, 1, 40),
        ("答复顾客", 2, 1, 2, 1, 40),
    ]
    assert [r[:3] for r in table(wb["未完成措施"])] == [
        ("技术部", 2, 1),
        ("生产部", 2, 1),
        ("(未填写)", 1, 1),
    ]
    seasons = {r[0]: r[1:4] for r in table(wb["季节性分析"])}
    assert seasons["第四季度(10–12月)"] == (1, 0, 6)
    trend = {r[0]: r[1:3] for r in table(wb["月度趋势"]) if r[0]}
    assert trend["2026-10"] == (6, 4) and trend["2026-09"] == (1, 0)
    for name in ("按顾客", "不良类别柏拉图", "月度趋势", "季节性分析", "未完成措施"):
        assert wb[name]._charts, name


def test_pdf_figures(engine, october, tmp_path):
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(complaint_summary_pdf(october, settings_service.load(engine)))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in ("KS-2025-0001", "KS-2026-0002", "MY-2026-01", "85.0%", "7,000.00"):
        assert expected in text, expected
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any(line.startswith("临时对策回复 2 1 2 1 40.0%") for line in lines), lines


def test_annual_workbook_targets(engine):
    summary_factory.build(engine)
    review = annual_summary(engine, 2026, today=TODAY, lang="zh_CN")
    wb = openpyxl.load_workbook(io.BytesIO(annual_summary_xlsx(review)))
    compared = {r[0]: r[1:4] for r in table(wb["同比"])}
    assert compared["投诉/抱怨件数"] == (8, 1, 7)
