"""The monthly service report workbook 月度服务报告, read back with openpyxl and LibreOffice."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import zipfile
from datetime import UTC, datetime

import openpyxl
from openpyxl.utils import get_column_letter

from app.reports.excel.monthly_service_xlsx import monthly_service_xlsx
from app.services.field_data import MonthlyService
from tests.reports.field_fixtures import FORMULA, make_month
from tests.reports.survey_fixtures import convert_with_libreoffice as convert

MADE_AT = datetime(2025, 4, 2, 1, 30, tzinfo=UTC)
SOURCE = "D:/质量部/qualitydesk.db"
COMPANY = "宁波精工汽车部件股份有限公司"
SHEETS = ["汇总", "按工程师", "按顾客", "本月记录"]


def local(value: datetime) -> datetime:
    return value.astimezone().replace(tzinfo=None)


def _workbook(summary: MonthlyService | None = None, **kwargs):  # noqa: ANN003, ANN202
    content = monthly_service_xlsx(
        summary or make_month(), made_at=MADE_AT, source_file=SOURCE, company=COMPANY, **kwargs
    )
    return openpyxl.load_workbook(io.BytesIO(content))


def _figures(ws) -> dict[str, object]:  # noqa: ANN001
    return {row[0].value: row[1].value for row in ws.iter_rows(min_row=2) if row[0].value}


def _table(ws) -> list[dict[str, object]]:  # noqa: ANN001
    headers = [cell.value for cell in ws[2]]
    return [
        {h: cell.value for h, cell in zip(headers, row, strict=True)}
        for row in ws.iter_rows(min_row=3)
    ]


def test_summary_sheet_states_month_source_and_figures():
    wb = _workbook()
    assert wb.sheetnames == SHEETS
    ws = wb["汇总"]
    assert ws["A1"].value == f"{COMPANY} 月度服务报告"
    assert ws["A1"].font.b
    figures = _figures(ws)
    assert figures["统计月份"] == "2025年3月"
    assert figures["制表时间"] == local(MADE_AT)
    assert ws["B3"].number_format == "yyyy-mm-dd hh:mm"
    assert figures["数据文件"] == SOURCE
    assert (figures["现场服务报告数"], figures["走访服务报告数"]) == (6, 2)
    assert figures["服务工时(小时)"] == 41.5
    assert (figures["已解决"], figures["临时解决"], figures["未解决"]) == (4, 1, 1)
    assert figures["更换零件数量"] == 23
    assert (figures["其中：收费"], figures["其中：保修"]) == (9, 14)
    assert figures["差旅费(元)"] == 3860.5 and figures["人工费(元)"] == 7200
    assert figures["费用合计(元)"] == 11060.5
    assert figures["未关闭事项"] == 4
    assert figures["其中：临时解决或未解决的服务报告"] == 2
    assert figures["其中：本月走访未完成的跟进措施"] == 2
    assert ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True


def test_view_sheets_content_and_layout():
    wb = _workbook()
    engineers = wb["按工程师"]
    assert engineers["A1"].value.startswith(f"{COMPANY} 月度服务报告 — 按工程师")
    assert "期间:2025年3月" in engineers["A1"].value
    rows = _table(engineers)
    assert [r["工程师"] for r in rows] == ["张伟", "李强", FORMULA]
    assert (rows[0]["服务报告"], rows[0]["走访"], rows[0]["服务工时"]) == (4, 0, 27.5)
    assert (rows[1]["已解决"], rows[1]["临时解决"], rows[1]["未解决"]) == (2, 0, 1)
    assert engineers["G4"].fill.fgColor.rgb.endswith("FFC7CE")  # not solved stands out

    customers = _table(wb["按顾客"])
    assert [(r["顾客编号"], r["顾客名称"]) for r in customers] == [
        ("KH001", "长春华通汽车有限公司"),
        ("KH002", "一汽解放青岛汽车有限公司"),
        ("KH003", FORMULA),
    ]
    first = customers[0]
    assert (first["服务报告"], first["走访"], first["服务工时"]) == (3, 1, 22.5)
    assert (first["收费零件"], first["保修零件"]) == (4, 10)
    assert (first["差旅费(元)"], first["人工费(元)"], first["未结事项"]) == (1860.5, 3600, 3)

    records = _table(wb["本月记录"])
    assert len(records) == 8
    assert records[0] == {"类型": "现场服务报告", "编号": "FW-2025-0001"}
    assert records[-1] == {"类型": "走访服务报告", "编号": "ZF-2025-0003"}

    for name in SHEETS[1:]:
        ws = wb[name]
        width = len(ws[2])
        assert ws.freeze_panes == "A3", name
        assert ws.auto_filter.ref == f"A2:{get_column_letter(width)}{ws.max_row}", name
        assert all(cell.font.b for cell in ws[2]), name
        assert ws.print_title_rows == "$1:$2", name
        assert ws.page_setup.orientation == "landscape", name
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, name
        assert ws.oddFooter.center.text == "第 &P 页 / 共 &N 页", name
    customer_sheet = wb["按顾客"]
    assert customer_sheet.column_dimensions["B"].width >= len("一汽解放青岛汽车有限公司") * 2


def test_user_text_never_becomes_a_formula():
    wb = _workbook()
    engineer = wb["按工程师"]["A5"]
    assert (engineer.value, engineer.data_type) == (FORMULA, "s")
    customer = wb["按顾客"]["B5"]
    assert (customer.value, customer.data_type) == (FORMULA, "s")
    content = monthly_service_xlsx(make_month(), source_file="=1+1.db", company="=1+1")
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert (wb["汇总"]["B4"].value, wb["汇总"]["B4"].data_type) == ("=1+1.db", "s")
    assert wb["汇总"]["A1"].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any("<f>" in archive.read(n).decode() for n in sheets)


def test_native_charts_per_engineer_and_per_customer():
    content = monthly_service_xlsx(make_month(), made_at=MADE_AT)
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert [name for name in SHEETS if wb[name]._charts] == ["按工程师", "按顾客"]
    engineers = wb["按工程师"]._charts[0]
    assert type(engineers).__name__ == "BarChart"
    reports, visits = engineers.series
    assert reports.val.numRef.f == "'按工程师'!$B$3:$B$5"
    assert visits.val.numRef.f == "'按工程师'!$C$3:$C$5"
    assert reports.tx.strRef.f == "'按工程师'!B2"
    assert reports.cat.numRef.f == "'按工程师'!$A$3:$A$5"
    customers = wb["按顾客"]._charts[0].series
    assert len(customers) == 1
    assert customers[0].val.numRef.f == "'按顾客'!$C$3:$C$5"  # 服务报告
    assert customers[0].cat.numRef.f == "'按顾客'!$B$3:$B$5"  # 顾客名称
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2
        assert all("barChart>" in archive.read(n).decode() for n in charts)


def test_an_empty_month_has_headers_and_no_charts():
    wb = _workbook(MonthlyService(2025, 2))
    assert _figures(wb["汇总"])["统计月份"] == "2025年2月"
    assert _figures(wb["汇总"])["现场服务报告数"] == 0
    for name in SHEETS[1:]:
        assert wb[name].max_row == 2
        assert not wb[name]._charts


def test_english_workbook_written_to_a_path(tmp_path):
    target = tmp_path / "month.xlsx"
    content = monthly_service_xlsx(make_month(), target, lang="en", made_at=MADE_AT)
    assert target.read_bytes() == content
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Summary", "By engineer", "By customer", "Records"]
    figures = _figures(wb["Summary"])
    assert figures["Month"] == "2025-03"
    assert figures["of which under warranty"] == 14
    assert [r["Engineer"] for r in _table(wb["By engineer"])][0] == "张伟"
    assert _table(wb["Records"])[0]["Kind"] == "Service report"


# ---------------------------------------------------------------- LibreOffice


def test_libreoffice_reads_the_summary(tmp_path):
    source = tmp_path / "month.xlsx"
    monthly_service_xlsx(
        make_month(), source, made_at=MADE_AT, source_file=SOURCE, company="宁波精工"
    )
    # the first sheet; 44 = comma, 34 = quote, 76 = UTF-8
    convert(source, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path)
    with open(tmp_path / "out" / "month.csv", encoding="utf-8", newline="") as f:
        rows = {row[0]: row[1:] for row in csv.reader(f) if row and row[0]}
    assert "宁波精工 月度服务报告" in rows
    assert rows["统计月份"][0] == "2025年3月"
    assert rows["数据文件"][0] == SOURCE
    assert rows["制表时间"][0] == f"{local(MADE_AT):%Y-%m-%d %H:%M}"
    assert rows["服务工时(小时)"][0] == "41.5"
    assert rows["费用合计(元)"][0] == "11,060.50"


def test_libreoffice_prints_every_sheet_with_text_kept(tmp_path, require_tool):
    source = tmp_path / "month.xlsx"
    monthly_service_xlsx(make_month(), source, made_at=MADE_AT, company="宁波精工")
    convert(source, "pdf", tmp_path)
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(tmp_path / "out" / "month.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) == len(SHEETS)
    for page, name in zip(pages, SHEETS, strict=True):
        assert name in page  # the sheet name in the page header
    assert FORMULA in pages[1] and FORMULA in pages[2]  # printed as typed, not computed
    assert "未结事项" in pages[2]  # the last column made it onto the page (one page wide)
    assert re.search(r"KH001\s+长春华通汽车有限公司\s+3\s+1\s+22\.50\s+4\s+10", pages[2])
