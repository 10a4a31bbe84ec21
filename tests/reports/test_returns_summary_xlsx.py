"""The returns summary workbook 退货汇总表, read back with openpyxl and with LibreOffice."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from app.reports.excel.returns_summary_xlsx import returns_summary_xlsx
from app.services.return_summary import (
    BreakdownRow,
    DispositionRow,
    ReturnsSummary,
    ReturnsTotals,
)

MADE_AT = datetime(2025, 4, 2, 1, 30, tzinfo=UTC)
SOURCE = "D:/质量部/qualitydesk.db"
FORMULA = "=SUM(A1)"
SHEETS = ["汇总", "按顾客", "按产品", "按不良类别", "按责任", "按处置方式"]


def local(value: datetime) -> datetime:
    return value.astimezone().replace(tzinfo=None)


def _summary() -> ReturnsSummary:
    """The first quarter of tests/services/test_return_summary.py, with hostile user text."""
    return ReturnsSummary(
        date_from=date(2025, 1, 1),
        date_to=date(2025, 3, 31),
        totals=ReturnsTotals(
            returns=3,
            complaint_cases=2,
            bulk_returns=1,
            lines=5,
            qty_returned=208,
            qty_inspected=178,
            qty_defective=26,
            qty_rework=6,
            qty_scrap=4,
            qty_return=5,
            qty_accept=2,
            qty_replace=9,
            urgent_lines=1,
        ),
        by_customer=[
            BreakdownRow("KH001", "长春华通汽车有限公司", 2, 0, 3, 128, 23, 6, 4, 5, 2, 6),
            BreakdownRow("KH002", FORMULA, 1, 1, 2, 80, 3, 0, 0, 0, 0, 3),
        ],
        by_product=[
            BreakdownRow("M-100", "制动钳", 2, 1, 2, 150, 13, 6, 4, 0, 0, 3),
            BreakdownRow("M-200", "水泵", 2, 0, 2, 28, 13, 0, 0, 5, 2, 6),
            BreakdownRow("", "", 1, 1, 1, 30, 0),
        ],
        by_defect_category=[
            BreakdownRow("尺寸不良", "尺寸不良", 2, 1, 2, 150, 13, 6, 4, 0, 0, 3),
            BreakdownRow(FORMULA, FORMULA, 2, 0, 2, 28, 13, 0, 0, 5, 2, 6),
            BreakdownRow("", "(未填写)", 1, 1, 1, 30, 0),
        ],
        by_responsibility=[
            BreakdownRow("ours", "本公司责任", 3, 1, 3, 158, 21, 6, 4, 0, 2, 9),
            BreakdownRow("not_ours", "非本公司责任", 1, 0, 1, 20, 5, 0, 0, 5, 0, 0),
            BreakdownRow("", "待判定", 1, 1, 1, 30, 0),
        ],
        by_disposition=[
            DispositionRow("qty_rework", "重工", 1, 1, 100, 10, 6),
            DispositionRow("qty_scrap", "报废", 1, 1, 100, 10, 4),
            DispositionRow("qty_return", "退回顾客", 1, 1, 20, 5, 5),
            DispositionRow("qty_accept", "让步接收", 1, 1, 8, 8, 2),
            DispositionRow("qty_replace", "换货", 2, 2, 58, 11, 9),
        ],
    )


def _workbook(**kwargs):
    content = returns_summary_xlsx(
        _summary(),
        made_at=MADE_AT,
        source_file=SOURCE,
        company="宁波精工汽车部件股份有限公司",
        **kwargs,
    )
    return openpyxl.load_workbook(io.BytesIO(content))


def _figures(ws) -> dict[str, object]:
    return {row[0].value: row[1].value for row in ws.iter_rows(min_row=2) if row[0].value}


def _table(ws) -> list[dict[str, object]]:
    headers = [cell.value for cell in ws[2]]
    return [
        {h: cell.value for h, cell in zip(headers, row, strict=True)}
        for row in ws.iter_rows(min_row=3)
    ]


def test_summary_sheet_states_period_source_totals_and_complaint_cases():
    wb = _workbook()
    assert wb.sheetnames == SHEETS
    ws = wb["汇总"]
    assert ws["A1"].value == "宁波精工汽车部件股份有限公司 退货汇总表"
    assert ws["A1"].font.b
    figures = _figures(ws)
    assert figures["统计期间(接收日期)"] == "2025-01-01 至 2025-03-31"
    assert figures["制表时间"] == local(MADE_AT)
    assert ws["B3"].number_format == "yyyy-mm-dd hh:mm"
    assert figures["数据文件"] == SOURCE
    assert figures["退货单数"] == 3
    assert figures["其中：客户抱怨案件(非统退货)"] == 2
    assert figures["其中：统退货(不作为客户抱怨案件)"] == 1
    assert figures["退货行数"] == 5
    assert (figures["退货数量"], figures["检验数量"], figures["不良数量"]) == (208, 178, 26)
    assert figures["不良率(%)"] == 12.5
    assert figures["处置：重工"] == 6 and figures["处置：换货"] == 9
    assert figures["紧急生产行数(换货库存不足)"] == 1
    note = ws.cell(ws.max_row, 1).value
    assert "统退货" in note and "不作为客户抱怨案件" in note
    assert ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True


def test_an_open_period_is_said_so():
    summary = _summary()
    everything = ReturnsSummary(None, None, summary.totals, [], [], [], [], [])
    ws = openpyxl.load_workbook(io.BytesIO(returns_summary_xlsx(everything)))["汇总"]
    assert _figures(ws)["统计期间(接收日期)"] == "全部"
    since = ReturnsSummary(date(2025, 4, 1), None, summary.totals, [], [], [], [], [])
    ws = openpyxl.load_workbook(io.BytesIO(returns_summary_xlsx(since)))["汇总"]
    assert _figures(ws)["统计期间(接收日期)"] == "2025-04-01 起"
    # empty breakdowns still have their title and header rows, and no chart
    wb = openpyxl.load_workbook(io.BytesIO(returns_summary_xlsx(since)))
    assert wb["按不良类别"].max_row == 2
    assert not wb["按不良类别"]._charts


def test_breakdown_sheets_content_and_layout():
    wb = _workbook()
    customers = wb["按顾客"]
    assert customers["A1"].value.startswith("宁波精工汽车部件股份有限公司 退货汇总表 — 按顾客")
    assert "期间:2025-01-01 至 2025-03-31" in customers["A1"].value
    assert [c.value for c in customers[2]] == [
        "顾客编号", "顾客名称", "退货单数", "客户抱怨案件", "统退货", "退货行数", "退货数量",
        "不良数量", "不良率(%)", "重工", "报废", "退回顾客", "让步接收", "换货",
    ]  # fmt: skip
    rows = _table(customers)
    assert rows[0]["顾客名称"] == "长春华通汽车有限公司"
    assert (rows[0]["退货单数"], rows[0]["客户抱怨案件"], rows[0]["统退货"]) == (2, 2, 0)
    assert (rows[1]["客户抱怨案件"], rows[1]["统退货"]) == (0, 1)
    assert rows[0]["不良率(%)"] == 17.97
    assert rows[0]["退回顾客"] == 5

    products = _table(wb["按产品"])
    assert [(r["料号"], r["品名"]) for r in products] == [
        ("M-100", "制动钳"),
        ("M-200", "水泵"),
        ("(未填写)", None),
    ]

    categories = _table(wb["按不良类别"])
    assert [r["不良类别"] for r in categories] == ["尺寸不良", FORMULA, "(未填写)"]
    assert [r["占不良总数(%)"] for r in categories] == [50, 50, 0]
    assert [r["累计占比(%)"] for r in categories] == [50, 100, 100]

    responsibility = _table(wb["按责任"])
    assert [r["责任判定"] for r in responsibility] == ["本公司责任", "非本公司责任", "待判定"]
    assert responsibility[0]["换货"] == 9

    dispositions = _table(wb["按处置方式"])
    assert [(r["处置方式"], r["处置数量"]) for r in dispositions] == [
        ("重工", 6),
        ("报废", 4),
        ("退回顾客", 5),
        ("让步接收", 2),
        ("换货", 9),
    ]
    assert dispositions[4]["占处置总量(%)"] == 34.62
    assert dispositions[4]["退货单数"] == 2

    for name in SHEETS[1:]:
        ws = wb[name]
        width = len(ws[2])
        assert ws.freeze_panes == "A3", name
        assert ws.auto_filter.ref == f"A2:{get_column_letter(width)}{ws.max_row}", name
        assert all(cell.font.b for cell in ws[2]), name
        assert ws.print_title_rows == "$1:$2", name
        assert ws.page_setup.orientation == "landscape", name
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True, name
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, name
        assert ws.oddFooter.center.text == "第 &P 页 / 共 &N 页", name
    # widths fit Chinese text
    assert customers.column_dimensions["B"].width >= len("长春华通汽车有限公司") * 2
    assert customers.column_dimensions["B"].width > customers.column_dimensions["A"].width


def test_user_text_stays_text():
    wb = _workbook()
    customer = wb["按顾客"]["B4"]
    assert (customer.value, customer.data_type) == (FORMULA, "s")
    category = wb["按不良类别"]["A4"]
    assert (category.value, category.data_type) == (FORMULA, "s")
    # a data file whose name looks like a formula
    content = returns_summary_xlsx(_summary(), source_file="=cmd|' /C calc'!A0.db")
    source = openpyxl.load_workbook(io.BytesIO(content))["汇总"]["B4"]
    assert (source.value, source.data_type) == ("=cmd|' /C calc'!A0.db", "s")


def test_native_bar_charts_on_the_category_and_disposition_sheets(tmp_path):
    content = returns_summary_xlsx(_summary(), made_at=MADE_AT)
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert [name for name in SHEETS if wb[name]._charts] == ["按不良类别", "按处置方式"]
    category_chart = wb["按不良类别"]._charts[0]
    assert type(category_chart).__name__ == "BarChart"
    series = category_chart.series[0]
    assert series.val.numRef.f == "'按不良类别'!$G$3:$G$5"  # 不良数量
    assert series.cat.numRef.f == "'按不良类别'!$A$3:$A$5"
    disposition = wb["按处置方式"]._charts[0].series[0]
    assert disposition.val.numRef.f == "'按处置方式'!$B$3:$B$7"  # 处置数量
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2
        assert all("barChart>" in archive.read(n).decode() for n in charts)


def test_english_workbook_and_writing_to_a_path(tmp_path):
    target = tmp_path / "returns.xlsx"
    content = returns_summary_xlsx(_summary(), target, lang="en", made_at=MADE_AT)
    assert target.read_bytes() == content
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == [
        "Summary",
        "By customer",
        "By product",
        "By defect category",
        "By responsibility",
        "By disposition",
    ]
    figures = _figures(wb["Summary"])
    assert figures["of which complaint cases (not bulk)"] == 2
    assert figures["of which bulk periodic returns (no complaint)"] == 1
    assert figures["Period (received on)"] == "2025-01-01 to 2025-03-31"
    assert [r["Responsibility"] for r in _table(wb["By responsibility"])] == [
        "Ours",
        "Not ours",
        "Not determined",
    ]
    assert [r["Disposition"] for r in _table(wb["By disposition"])][0] == "Rework"
    assert [r["Defect category"] for r in _table(wb["By defect category"])][2] == "(not given)"


# ---------------------------------------------------------------- LibreOffice


def _soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice is not installed")
    return path


def convert(source, target_format: str, tmp_path) -> None:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    subprocess.run(
        [
            _soffice(),
            "--headless",
            f"-env:UserInstallation=file://{home / 'lo-profile'}",
            "--convert-to",
            target_format,
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "HOME": str(home)},
        timeout=300,
    )


def test_libreoffice_reads_the_summary(tmp_path):
    source = tmp_path / "returns.xlsx"
    returns_summary_xlsx(
        _summary(), source, made_at=MADE_AT, source_file=SOURCE, company="宁波精工"
    )
    # the first sheet; 44 = comma, 34 = quote, 76 = UTF-8
    convert(source, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path)
    with open(tmp_path / "out" / "returns.csv", encoding="utf-8", newline="") as f:
        rows = {row[0]: row[1:] for row in csv.reader(f) if row and row[0]}
    assert "宁波精工 退货汇总表" in rows
    assert rows["数据文件"][0] == SOURCE
    assert rows["制表时间"][0] == f"{local(MADE_AT):%Y-%m-%d %H:%M}"
    assert rows["其中：客户抱怨案件(非统退货)"][0] == "2"
    assert rows["其中：统退货(不作为客户抱怨案件)"][0] == "1"
    assert rows["不良率(%)"][0] == "12.50"


def test_libreoffice_prints_every_sheet_with_text_kept(tmp_path, require_tool):
    source = tmp_path / "returns.xlsx"
    returns_summary_xlsx(_summary(), source, made_at=MADE_AT, company="宁波精工")
    convert(source, "pdf", tmp_path)
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(tmp_path / "out" / "returns.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) == len(SHEETS)
    for page, name in zip(pages, SHEETS, strict=True):
        assert name in page  # the sheet name in the page header
    assert FORMULA in pages[SHEETS.index("按不良类别")]  # printed as typed, not computed
    assert FORMULA in pages[SHEETS.index("按顾客")]
    # the last column of each list made it onto its page (one page wide)
    assert "换货" in pages[SHEETS.index("按顾客")]
    assert re.search(r"换货\s+9\s+34\.62\s+2\s+2\s+58\s+11\n", pages[SHEETS.index("按处置方式")])
