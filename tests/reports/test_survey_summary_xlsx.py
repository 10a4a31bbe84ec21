"""The survey summary analysis workbook 客户满意度调查汇总分析表, read back with openpyxl and
LibreOffice."""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from datetime import UTC, date, datetime

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from app.reports.excel.survey_summary_xlsx import survey_summary_xlsx
from tests.reports.survey_fixtures import (
    FORMULA,
    HOSTILE,
    convert_with_libreoffice,
    results,
    template,
)

MADE_AT = datetime(2025, 10, 8, 2, 0, tzinfo=UTC)
SOURCE = "D:/质量部/qualitydesk.db"
COMPANY = "宁波精工汽车部件股份有限公司"
SHEETS = ["概况", "覆盖率", "项目", "趋势", "顾客", "竞争对比", "改进措施"]
LISTS = SHEETS[1:]


def local(value: datetime) -> datetime:
    return value.astimezone().replace(tzinfo=None)


def _content(data=None, **kwargs) -> bytes:  # noqa: ANN001
    options = {"made_at": MADE_AT, "source_file": SOURCE, "company": COMPANY, **kwargs}
    return survey_summary_xlsx(data or results(), **options)


def _workbook(data=None, **kwargs):  # noqa: ANN001, ANN202
    return openpyxl.load_workbook(io.BytesIO(_content(data, **kwargs)))


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


def test_overview_states_the_campaign_when_and_from_where():
    wb = _workbook()
    assert wb.sheetnames == SHEETS
    ws = wb["概况"]
    assert ws["A1"].value == f"{COMPANY} 客户满意度调查汇总分析表 MY-2025-02"
    assert ws["A1"].font.b
    figures = _figures(ws)
    assert figures["调查活动"] == "MY-2025-02 2025 上半年"
    assert figures["问卷"] == "顾客满意度调查表 v2"
    assert figures["调查期间"] == "2025-01-01 至 2025-06-30"
    assert figures["回复截止"] == datetime(2025, 7, 30)
    assert figures["状态"] == "进行中"
    assert figures["分层依据(年用量)"] == 2024
    assert figures["制表时间"] == local(MADE_AT)
    assert figures["数据文件"] == SOURCE
    assert (figures["邀请顾客数"], figures["回复顾客数"], figures["回复率(%)"]) == (4, 3, 75)
    assert (figures["迟到份数"], figures["部分回答份数"]) == (1, 1)
    assert figures["满意度指数(%)"] == 88.53
    assert (figures["目标(%)"], figures["达成目标"]) == (95, "否")
    assert (figures["项目阈值(%)"], figures["低于阈值的项目"]) == (80, "交货期")
    assert [figures[f"继续采购：{w}"] for w in ("会", "不确定", "不会")] == [2, 1, 0]
    assert figures["推荐意愿平均(0–10)"] == 8
    assert (figures["推荐者(9–10)"], figures["贬损者(0–6)"]) == (2, 1)
    assert figures["净推荐值 NPS"] == 33.33
    assert ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True


def test_coverage_items_trend_customers_competitors_actions():
    wb = _workbook()
    coverage = _table(wb["覆盖率"])
    assert [(r["要求比例(%)"], r["顾客数"], r["应回复数"], r["已回复"]) for r in coverage] == [
        (100, 2, 2, 1),
        (90, 1, 1, 1),
        (80, 5, 4, 1),
        (None, 3, None, 0),
    ]
    assert [r["达到要求"] for r in coverage] == ["否", "是", "否", "不作要求"]
    assert [r["覆盖率(%)"] for r in coverage] == [50, 100, 20, 0]
    assert _red(wb["覆盖率"]["H3"]) and not _red(wb["覆盖率"]["H4"])

    items = _table(wb["项目"])
    assert [r["调查项目"] for r in items] == [
        "产品质量", "交货期", "价格", FORMULA, "投诉处理", "技术支持", "包装",
    ]  # fmt: skip
    assert items[1] == {
        "序号": 2,
        "调查项目": "交货期",
        "权重(%)": 20,
        "回答数": 3,
        "平均得分(%)": 73.33,
        "低于阈值": "是",
        "重要程度(1–5)": 4,
        "优于同行": 0,
        "相当": 1,
        "不如同行": 2,
        "改进措施": "有",
    }
    assert items[6]["平均得分(%)"] is None and items[6]["低于阈值"] == "—"
    assert _red(wb["项目"]["E4"]) and not _red(wb["项目"]["E3"])

    trend = _table(wb["趋势"])
    assert [(r["调查活动"], r["满意度指数(%)"], r["目标(%)"]) for r in trend] == [
        ("MY-2024-01", 90.5, 95),
        ("MY-2024-02", None, 95),
        ("MY-2025-02", 88.53, 97),
    ]
    assert trend[0]["期间开始"] == datetime(2024, 1, 1)
    assert wb["趋势"]["C3"].number_format == "yyyy-mm-dd"

    customers = _table(wb["顾客"])  # lowest index first
    assert [(r["顾客编号"], r["满意度指数(%)"]) for r in customers] == [
        ("KH003", 76),
        ("KH002", 91.6),
        ("KH001", 98),
    ]
    assert customers[0]["层级"] == "<50万" and customers[0]["迟到"] == "是"
    assert customers[1]["部分回答"] == "是" and customers[1]["继续采购"] == "会"
    assert customers[2]["推荐(0–10)"] == 10
    assert _red(wb["顾客"]["D3"]) and not _red(wb["顾客"]["D4"])  # 76 < threshold 80

    competitors = _table(wb["竞争对比"])
    assert competitors[1] == {
        "调查项目": "交货期",
        "优于同行": 0,
        "相当": 1,
        "不如同行": 2,
        "回答数": 3,
        "优于同行占比(%)": 0,
        "不如同行占比(%)": 66.67,
    }

    actions = _table(wb["改进措施"])
    assert [(r["调查项目"], r["责任部门"], r["责任人"], r["状态"]) for r in actions] == [
        ("交货期", "生产部", "李强", "已逾期"),  # due 2025-09-30, made 2025-10-08
        (FORMULA, "销售部", "赵敏", "已验证有效"),
    ]
    assert actions[0]["计划完成"] == datetime(2025, 9, 30)
    assert actions[1]["改进措施"] == HOSTILE
    assert _red(wb["改进措施"]["A3"]) and not _red(wb["改进措施"]["A4"])


def test_list_sheets_are_ready_to_print():
    wb = _workbook()
    for name in LISTS:
        ws = wb[name]
        width = len(ws[2])
        assert ws["A1"].value.startswith(f"客户满意度调查汇总分析表 MY-2025-02 — {name}"), name
        assert "期间:2025-01-01 至 2025-06-30" in ws["A1"].value
        assert ws.freeze_panes == "A3", name
        assert ws.auto_filter.ref == f"A2:{get_column_letter(width)}{ws.max_row}", name
        assert all(cell.font.b for cell in ws[2]), name
        assert ws.print_title_rows == "$1:$2", name
        assert ws.page_setup.orientation == "landscape", name
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, name
        assert ws.oddHeader.left.text == COMPANY, name
        assert ws.oddFooter.center.text == "第 &P 页 / 共 &N 页", name
    customers = wb["顾客"]
    assert customers.column_dimensions["B"].width >= len("上海华东汽车零部件制造有限公司") * 2 - 2


def test_native_charts_with_the_right_series():
    content = _content()
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert [n for n in SHEETS if wb[n]._charts] == ["项目", "趋势", "竞争对比"]

    bar = wb["项目"]._charts[0]
    assert type(bar).__name__ == "BarChart" and bar.type == "col"
    (series,) = bar.series
    assert series.tx.strRef.f == "'项目'!E2"  # 平均得分(%)
    assert series.val.numRef.f == "'项目'!$E$3:$E$9"
    assert series.cat.numRef.f == "'项目'!$B$3:$B$9"

    line = wb["趋势"]._charts[0]
    assert type(line).__name__ == "LineChart"
    assert [s.tx.strRef.f for s in line.series] == ["'趋势'!E2", "'趋势'!F2"]  # index, target
    assert [s.val.numRef.f for s in line.series] == ["'趋势'!$E$3:$E$5", "'趋势'!$F$3:$F$5"]
    assert line.series[0].cat.numRef.f == "'趋势'!$B$3:$B$5"

    stacked = wb["竞争对比"]._charts[0]
    assert type(stacked).__name__ == "BarChart" and stacked.grouping == "stacked"
    assert stacked.overlap == 100
    assert [s.val.numRef.f for s in stacked.series] == [
        "'竞争对比'!$B$3:$B$9",
        "'竞争对比'!$C$3:$C$9",
        "'竞争对比'!$D$3:$D$9",
    ]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        kinds = [archive.read(n).decode() for n in charts]
    assert len(charts) == 3
    assert sum("barChart>" in k for k in kinds) == 2 and sum("lineChart>" in k for k in kinds) == 1
    assert any('dispBlanksAs val="span"' in k for k in kinds)  # the trend goes past a gap


def test_user_text_never_becomes_a_formula():
    wb = _workbook()
    for sheet, ref in (("项目", "B6"), ("顾客", "B3"), ("竞争对比", "A6"), ("改进措施", "B4")):
        cell = wb[sheet][ref]
        assert (cell.value, cell.data_type) == (FORMULA, "s"), (sheet, ref)
    hostile = wb["改进措施"]["C4"]
    assert (hostile.value, hostile.data_type) == (HOSTILE, "s")
    source = _workbook(source_file="=cmd|' /C calc'!A0.db")["概况"]["B9"]
    assert (source.value, source.data_type) == ("=cmd|' /C calc'!A0.db", "s")


def test_questions_not_asked_leave_their_columns_and_sheet_out():
    data = results()
    data.template = template(ask_importance=False, ask_competitor=False, ask_loyalty=False)
    wb = _workbook(data)
    assert wb.sheetnames == ["概况", "覆盖率", "项目", "趋势", "顾客", "改进措施"]
    assert "继续采购：会" not in _figures(wb["概况"])
    assert [c.value for c in wb["项目"][2]] == [
        "序号", "调查项目", "权重(%)", "回答数", "平均得分(%)", "低于阈值", "改进措施",
    ]  # fmt: skip
    assert "继续采购" not in [c.value for c in wb["顾客"][2]]


def test_a_campaign_without_answers():
    data = results(index_pct=None, answered=0, customers=[], trend=[], keep_buying={})
    data.campaign.actions = []
    wb = _workbook(data)
    assert _figures(wb["概况"])["达成目标"] == "—"
    assert wb["顾客"].max_row == 2 and wb["改进措施"].max_row == 2
    assert not wb["趋势"]._charts


def test_english_workbook_written_to_a_path(tmp_path):
    target = tmp_path / "summary.xlsx"
    content = survey_summary_xlsx(results(), target, lang="en", made_at=MADE_AT)
    assert target.read_bytes() == content
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == [
        "Overview", "Coverage", "Items", "Trend", "Customers", "Competitors", "Actions",
    ]  # fmt: skip
    figures = _figures(wb["Overview"])
    assert figures["Period"] == "2025-01-01 to 2025-06-30"
    assert figures["Target met"] == "No"
    assert [r["Status"] for r in _table(wb["Actions"])] == ["Overdue", "Verified effective"]


# ---------------------------------------------------------------- LibreOffice


def test_libreoffice_reads_the_overview(tmp_path):
    source = tmp_path / "summary.xlsx"
    survey_summary_xlsx(results(), source, made_at=MADE_AT, source_file=SOURCE, company="宁波精工")
    # the first sheet; 44 = comma, 34 = quote, 76 = UTF-8
    out = convert_with_libreoffice(source, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path)
    with open(out.with_suffix(".csv"), encoding="utf-8", newline="") as f:
        rows = {row[0]: row[1:] for row in csv.reader(f) if row and row[0]}
    assert rows["数据文件"][0] == SOURCE
    assert rows["制表时间"][0] == f"{local(MADE_AT):%Y-%m-%d %H:%M}"
    assert rows["回复截止"][0] == "2025-07-30"
    assert rows["满意度指数(%)"][0] == "88.53"
    assert rows["低于阈值的项目"][0] == "交货期"


def test_libreoffice_prints_every_sheet_with_user_text_kept(tmp_path, require_tool):
    source = tmp_path / "summary.xlsx"
    survey_summary_xlsx(results(), source, made_at=MADE_AT, company="宁波精工")
    pdf = convert_with_libreoffice(source, "pdf", tmp_path)
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) == len(SHEETS)  # each view on one page, its chart included
    for page, name in zip(pages, SHEETS, strict=True):
        assert name in page
    assert FORMULA in pages[SHEETS.index("项目")]  # printed as typed, not computed to 2
    assert FORMULA in pages[SHEETS.index("顾客")]
    assert "改进措施" in pages[SHEETS.index("项目")]  # the last column fits the page width
    assert "验证日期" in pages[SHEETS.index("改进措施")]


@pytest.mark.parametrize("when", [date(2025, 9, 30)])
def test_an_action_due_today_is_not_overdue(when):
    made = datetime(when.year, when.month, when.day, 12, 0).astimezone()
    wb = _workbook(made_at=made)
    assert [r["状态"] for r in _table(wb["改进措施"])] == ["进行中", "已验证有效"]
