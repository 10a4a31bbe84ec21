"""The customer-loss analysis workbook 客户流失分析, read back with openpyxl and LibreOffice."""

from __future__ import annotations

import io
import subprocess
from datetime import UTC, datetime

import openpyxl
from openpyxl.utils import get_column_letter

from app.reports.excel.customer_loss_xlsx import customer_loss_xlsx
from app.services.survey_data import CustomerLoss
from tests.reports.survey_fixtures import FORMULA, HOSTILE, convert_with_libreoffice, loss

MADE_AT = datetime(2026, 1, 8, 2, 0, tzinfo=UTC)
SOURCE = "D:/质量部/qualitydesk.db"
COMPANY = "宁波精工汽车部件股份有限公司"
SHEETS = ["汇总", "明细", "下降前十"]


def local(value: datetime) -> datetime:
    return value.astimezone().replace(tzinfo=None)


def _workbook(data: CustomerLoss | None = None, **kwargs):  # noqa: ANN202
    options = {"made_at": MADE_AT, "source_file": SOURCE, "company": COMPANY, **kwargs}
    content = customer_loss_xlsx(data or loss(), **options)
    return openpyxl.load_workbook(io.BytesIO(content))


def _figures(ws) -> dict[str, object]:  # noqa: ANN001
    return {row[0].value: row[1].value for row in ws.iter_rows(min_row=2) if row[0].value}


def _table(ws) -> list[dict[str, object]]:  # noqa: ANN001
    headers = [cell.value for cell in ws[2]]
    return [
        {h: cell.value for h, cell in zip(headers, row, strict=True)}
        for row in ws.iter_rows(min_row=3)
    ]


def _red(cell) -> bool:  # noqa: ANN001
    return cell.fill.fgColor.rgb.endswith("FFC7CE")


def test_summary_states_years_totals_and_each_kind():
    wb = _workbook()
    assert wb.sheetnames == SHEETS
    ws = wb["汇总"]
    assert ws["A1"].value == f"{COMPANY} 客户流失分析 2025"
    figures = _figures(ws)
    assert figures["对比年度"] == "2025 年对比 2024 年"
    assert figures["制表时间"] == local(MADE_AT)
    assert figures["数据文件"] == SOURCE
    assert figures["顾客数"] == 5
    assert figures["2024 年用量合计(万元)"] == 1020  # 320 + 500 + 80 + 120
    assert figures["2025 年用量合计(万元)"] == 765.5  # 380.5 + 80 + 260 + 45
    assert figures["变化(万元)"] == -254.5
    assert figures["变化(%)"] == -24.95
    counts = {k: figures[f"{k}：顾客数"] for k in ("流失", "下降", "持平", "增长", "新增")}
    assert counts == {"流失": 1, "下降": 1, "持平": 1, "增长": 1, "新增": 1}
    assert figures["流失：用量变化(万元)"] == -320
    assert figures["下降：用量变化(万元)"] == -119.5
    assert figures["增长：用量变化(万元)"] == 140
    assert figures["新增：用量变化(万元)"] == 45


def test_every_customer_biggest_decline_first():
    wb = _workbook()
    ws = wb["明细"]
    assert ws["A1"].value.startswith("客户流失分析 2025 — 明细")
    assert [c.value for c in ws[2]] == [
        "顾客编号", "顾客名称", "状态", "业务员", "2024 年用量(万元)", "2025 年用量(万元)",
        "变化(万元)", "变化(%)", "类别",
    ]  # fmt: skip
    rows = _table(ws)
    assert [(r["顾客编号"], r["变化(万元)"], r["类别"]) for r in rows] == [
        ("KH001", -320, "流失"),
        ("KH002", -119.5, "下降"),
        ("KH003", 0, "持平"),
        ("KH005", 45, "新增"),
        ("KH004", 140, "增长"),
    ]
    assert rows[0]["2025 年用量(万元)"] is None and rows[0]["状态"] == "已流失"
    assert rows[1]["变化(%)"] == -23.9
    assert rows[3]["变化(%)"] is None  # no volume last year: no percentage
    assert ws["E3"].number_format == "#,##0.00"
    # a lost customer's row is red; a decline marks its change and kind
    assert all(_red(c) for c in ws[3])
    assert _red(ws["G4"]) and _red(ws["I4"]) and not _red(ws["A4"])
    assert not any(_red(c) for c in ws[5])
    for name in ("明细", "下降前十"):
        sheet = wb[name]
        assert sheet.freeze_panes == "A3"
        assert sheet.auto_filter.ref == f"A2:{get_column_letter(len(sheet[2]))}{sheet.max_row}"
        assert sheet.print_title_rows == "$1:$2"
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.oddHeader.left.text == COMPANY


def test_the_ten_biggest_declines_with_a_chart():
    wb = _workbook(loss(count=12))
    ws = wb["下降前十"]
    rows = _table(ws)
    assert len(rows) == 10
    assert [r["名次"] for r in rows] == list(range(1, 11))
    changes = [r["变化(万元)"] for r in rows]
    assert changes == sorted(changes) and changes[:3] == [-320, -119.5, -24]
    assert all(c < 0 for c in changes)  # stable, grew and new customers are not declines
    (chart,) = ws._charts
    assert type(chart).__name__ == "BarChart" and chart.type == "bar"
    (series,) = chart.series
    assert series.tx.strRef.f == "'下降前十'!H2"  # 变化(万元)
    assert series.val.numRef.f == "'下降前十'!$H$3:$H$12"
    assert series.cat.numRef.f == "'下降前十'!$C$3:$C$12"  # the customers' names
    assert len(_table(wb["明细"])) == 17  # the list keeps everyone


def test_no_declines_no_chart():
    data = loss()
    data.rows = [r for r in data.rows if r.change_wan >= 0]
    ws = _workbook(data)["下降前十"]
    assert ws.max_row == 2 and not ws._charts


def test_user_text_never_becomes_a_formula():
    wb = _workbook()
    name = wb["明细"]["B4"]
    assert (name.value, name.data_type) == (FORMULA, "s")
    rep = wb["明细"]["D4"]
    assert (rep.value, rep.data_type) == (HOSTILE, "s")
    assert (wb["下降前十"]["C4"].value, wb["下降前十"]["C4"].data_type) == (FORMULA, "s")
    source = _workbook(source_file='=HYPERLINK("x")')["汇总"]["B4"]
    assert (source.value, source.data_type) == ('=HYPERLINK("x")', "s")


def test_english_written_to_a_path(tmp_path):
    target = tmp_path / "loss.xlsx"
    content = customer_loss_xlsx(loss(), target, lang="en", made_at=MADE_AT)
    assert target.read_bytes() == content
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Summary", "Customers", "Top declines"]
    assert _figures(wb["Summary"])["Years compared"] == "2025 against 2024"
    assert [r["Kind"] for r in _table(wb["Customers"])] == ["Lost", "Fell", "Stable", "New", "Grew"]


def test_libreoffice_prints_it(tmp_path, require_tool):
    source = tmp_path / "loss.xlsx"
    customer_loss_xlsx(loss(count=12), source, made_at=MADE_AT, company="宁波精工")
    pdf = convert_with_libreoffice(source, "pdf", tmp_path)
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) == len(SHEETS)
    for page, name in zip(pages, SHEETS, strict=True):
        assert name in page
    assert FORMULA in pages[1] and FORMULA in pages[2]  # as typed, not computed
    assert "类别" in pages[1]  # the last column fits the page width
    assert "-320.00" in pages[2]
