"""The complaint summary 顾客投诉/抱怨汇总处理表 and the annual review, as workbooks (read back
with openpyxl and printed by LibreOffice) and as PDF forms (read back with pdftotext): every
figure of the hand-built summary in its place."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from app.reports.excel.complaint_summary_xlsx import annual_summary_xlsx, complaint_summary_xlsx
from app.reports.pdf.complaint_summary_pdf import annual_summary_pdf, complaint_summary_pdf
from app.services.settings_service import FormCode, FormSettings
from tests.reports.summary_fixtures import (
    FORMULA,
    FORMULA_DEPARTMENT,
    HOSTILE,
    MARKUP_CATEGORY,
    annual,
    summary,
)
from tests.reports.survey_fixtures import convert_with_libreoffice

MADE_AT = datetime(2026, 10, 27, 8, 30, tzinfo=UTC)
SOURCE = "D:/质量部/qualitydesk.db"
COMPANY = "宁波精工汽车部件股份有限公司"
SHEETS = [
    "汇总",
    "按顾客",
    "按产品",
    "不良类别柏拉图",
    "按责任部门",
    "按严重度",
    "月度趋势",
    "季节性分析",
    "重复问题",
    "期限达成",
    "退货处置",
    "退货责任",
    "未完成措施",
]
LISTS = SHEETS[1:]
CHARTS = ["按顾客", "不良类别柏拉图", "按责任部门", "月度趋势", "季节性分析", "未完成措施"]


def local(value: datetime) -> datetime:
    return value.astimezone().replace(tzinfo=None)


def _settings() -> FormSettings:
    return FormSettings(company_name=COMPANY, clerk_name="周小红")


def _figures(ws) -> dict[str, object]:  # noqa: ANN001
    return {row[0].value: row[1].value for row in ws.iter_rows(min_row=2) if row[0].value}


def _table(ws) -> list[dict[str, object]]:  # noqa: ANN001
    headers = [cell.value for cell in ws[2]]
    return [
        {h: cell.value for h, cell in zip(headers, row, strict=True) if h is not None}
        for row in ws.iter_rows(min_row=3, max_col=len(headers))
        if any(cell.value is not None for cell in row)
    ]


def _pdftotext(pdf: bytes, folder: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    source = folder / "form.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(
        [tool, "-enc", "UTF-8", "-layout", str(source), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return done.stdout.decode("utf-8")


def _pct(value: float) -> str:
    return f"{value:.1f}%"


@pytest.fixture(scope="module")
def content() -> bytes:
    return complaint_summary_xlsx(summary(), made_at=MADE_AT, source_file=SOURCE, company=COMPANY)


@pytest.fixture(scope="module")
def book(content):  # noqa: ANN001, ANN201
    return openpyxl.load_workbook(io.BytesIO(content))


@pytest.fixture(scope="module")
def annual_book():  # noqa: ANN201
    data = annual_summary_xlsx(annual(), made_at=MADE_AT, source_file=SOURCE, company=COMPANY)
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory) -> str:  # noqa: ANN001
    pdf = complaint_summary_pdf(summary(), _settings(), made_at=MADE_AT, source_file=SOURCE)
    return _pdftotext(pdf, tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="module")
def annual_text(tmp_path_factory) -> str:  # noqa: ANN001
    pdf = annual_summary_pdf(annual(), _settings(), made_at=MADE_AT, source_file=SOURCE)
    return _pdftotext(pdf, tmp_path_factory.mktemp("annual"))


# ---------------------------------------------------------------- the workbook


def test_first_sheet_states_report_period_as_of_made_at_source_and_company(book):
    assert book.sheetnames == SHEETS
    ws = book["汇总"]
    assert ws["A1"].value == f"{COMPANY} 顾客投诉/抱怨汇总处理表"
    figures = _figures(ws)
    assert figures["报表"] == "顾客投诉/抱怨汇总处理表"
    assert figures["统计期间"] == "2026-10"
    assert figures["统计截至"] == datetime(2026, 10, 27)
    assert figures["制表时间"] == local(MADE_AT)
    assert figures["数据文件"] == SOURCE
    assert figures["公司"] == COMPANY
    assert ws.page_setup.orientation == "portrait"
    assert ws.print_title_rows == "$1:$1"


def test_first_sheet_figures(book):
    figures = _figures(book["汇总"])
    expected = {
        "投诉件数(原始单)": 37,
        "重开件数(-1/-2)": 3,
        "结案件数": 29,
        "期末未结案": 14,
        "期末逾期未结": 6,
        "重大投诉": 8,
        "造成顾客停线": 2,
        "不良数量": 1523,
        "经常(重复)问题投诉，12个月内": 9,
        "偶发问题投诉": 28,
        "重复问题组数": 2,
        "临时对策回复：及时率(%)": round(100 * 26 / 36, 2),
        "临时对策回复：平均小时": 20.5,
        "答复顾客：及时率(%)": round(100 * 19 / 32, 2),
        "答复顾客：平均小时": 131.25,
        "结案：件数": 29,
        "结案：平均天数": 11.7,
        "结案：其后重开": 3,
        "结案：重开率(%)": round(100 * 3 / 29, 2),
        "退货：退货单数": 7,
        "退货：客户抱怨案件(非统退货)": 5,
        "退货：统退货(不计入客户抱怨)": 2,
        "退货：退货数量": 860,
        "退货：不良数量": 143,
        "索赔：涉及单数": 4,
        "索赔：索赔金额": 58000,
        "索赔：确认金额": 42500.5,
        "索赔：已付金额": 31200,
        "索赔：向供方追偿": 8700,
        "索赔：外部损失": 31200 - 8700,
        "满意度：调查活动": "MY-2026-01",
        "满意度：调查期间": "2026-01-01 – 2026-06-30",
        "满意度：指数(%)": 93.8,
        "满意度：目标(%)": 95,
        "满意度：达成目标": "否",
        "满意度：回复/邀请": "14 / 17",
        "满意度：回复率(%)": round(100 * 14 / 17, 2),
    }
    assert {name: figures[name] for name in expected} == expected


def test_breakdown_sheets(book):
    customers = _table(book["按顾客"])
    assert [tuple(r.values()) for r in customers] == [
        ("KH001", "长春华通汽车有限公司", 17, 45.95, 812),
        ("KH002", FORMULA, 11, 29.73, 406),
        ("KH003", HOSTILE, 9, 24.32, 305),
    ]
    assert list(customers[0]) == ["顾客编号", "顾客名称", "投诉件数", "占比(%)", "不良数量"]
    assert [tuple(r.values()) for r in _table(book["按产品"])] == [
        ("QD-200", "制动钳总成", 19, 51.35, 903),
        ("QD-310A", "真空助力器", 13, 35.14, 498),
        ("(未填写)", "(未填写)", 5, 13.51, 122),
    ]
    assert [tuple(r.values()) for r in _table(book["按责任部门"])] == [
        ("生产部", 21, 56.76, 1001),
        (FORMULA_DEPARTMENT, 10, 27.03, 333),
        ("(未填写)", 6, 16.22, 189),
    ]
    assert [tuple(r.values()) for r in _table(book["按严重度"])] == [
        ("重大", 8, 21.62, 611),
        ("一般", 29, 78.38, 912),
    ]


def test_pareto_sheet_marks_the_vital_few_and_charts_bars_with_the_cumulative_line(book):
    ws = book["不良类别柏拉图"]
    assert [tuple(r.values()) for r in _table(ws)] == [
        ("尺寸不良", 15, 40.54, 40.54, "★ 是"),
        (MARKUP_CATEGORY, 8, 21.62, 62.16, "★ 是"),
        ("功能失效", 6, 16.22, 78.38, "★ 是"),
        ("装配不良", 5, 13.51, 91.89, None),
        ("(未填写)", 3, 8.11, 100, None),
    ]
    (chart,) = ws._charts
    assert type(chart).__name__ == "BarChart"
    bars = chart.series[0]
    assert bars.val.numRef.f == "'不良类别柏拉图'!$B$3:$B$7"
    assert bars.cat.numRef.f == "'不良类别柏拉图'!$A$3:$A$7"
    assert [p.idx for p in bars.dPt] == [0, 1, 2]  # the vital few in red
    (line,) = chart._charts[1:]  # combined: the cumulative share on a second axis
    assert type(line).__name__ == "LineChart"
    assert line.series[0].val.numRef.f == "'不良类别柏拉图'!$D$3:$D$7"
    assert (line.y_axis.scaling.min, line.y_axis.scaling.max) == (0, 100)
    assert line.y_axis.axId != chart.y_axis.axId


def test_trend_and_seasons_with_their_charts(book):
    trend = _table(book["月度趋势"])
    assert len(trend) == 24
    assert tuple(trend[0].values()) == ("2024-11", 11, 6)
    assert tuple(trend[1].values()) == ("2024-12", 18, 11)
    assert tuple(trend[-1].values()) == ("2026-10", 37, 29)
    (chart,) = book["月度趋势"]._charts
    received, closed = chart.series
    assert received.val.numRef.f == "'月度趋势'!$B$3:$B$26"
    assert closed.val.numRef.f == "'月度趋势'!$C$3:$C$26"
    assert received.tx.strRef.f == "'月度趋势'!B2"
    assert received.cat.numRef.f == "'月度趋势'!$A$3:$A$26"

    ws = book["季节性分析"]
    assert [cell.value for cell in ws[2]][:4] == ["季度", "2024", "2025", "2026"]
    assert [tuple(r.values()) for r in _table(ws)] == [
        ("第一季度(1–3月)", 41, 52, 63),
        ("第二季度(4–6月)", 44, 57, 68),
        ("第三季度(7–9月)", 47, 59, 71),
        ("第四季度(10–12月)", 49, 61, 37),
    ]
    (chart,) = ws._charts
    assert [s.val.numRef.f for s in chart.series] == [f"'季节性分析'!${c}$3:${c}$6" for c in "BCD"]
    assert [s.tx.strRef.f for s in chart.series] == [f"'季节性分析'!{c}2" for c in "BCD"]


def test_charts_of_customers_departments_and_actions(book, content):
    assert [name for name in SHEETS if book[name]._charts] == CHARTS
    customers = book["按顾客"]._charts[0].series[0]
    assert customers.val.numRef.f == "'按顾客'!$C$3:$C$5"
    assert customers.cat.numRef.f == "'按顾客'!$B$3:$B$5"
    departments = book["按责任部门"]._charts[0].series[0]
    assert departments.val.numRef.f == "'按责任部门'!$B$3:$B$5"
    open_, overdue = book["未完成措施"]._charts[0].series
    assert open_.val.numRef.f == "'未完成措施'!$B$3:$B$5"
    assert overdue.val.numRef.f == "'未完成措施'!$C$3:$C$5"


def test_repeat_problems_deadlines_returns_and_actions(book):
    ws = book["重复问题"]
    assert "经常 9 件，偶发 28 件" in ws["A1"].value
    assert "12个月" in ws["A1"].value
    problems = _table(ws)
    assert [tuple(r.values())[:6] for r in problems] == [
        ("KH003", HOSTILE, "QD-310A", MARKUP_CATEGORY, 5, 7),
        ("KH001", "长春华通汽车有限公司", "QD-200", "尺寸不良", 4, 6),
    ]
    assert problems[0]["投诉单号"] == "、".join(
        f"KS-2026-{n:04d}" for n in (12, 58, 101, 133, 140, 151, 160)
    )
    assert problems[1]["投诉单号"].startswith("KS-2025-0207、KS-2026-0044")

    assert [tuple(r.values()) for r in _table(book["期限达成"])] == [
        ("临时对策回复", 26, 7, 3, 1, 72.22, 20.5),
        ("答复顾客", 19, 9, 4, 5, 59.38, 131.25),
    ]
    dispositions = book["退货处置"]
    assert "退货单 7，其中客户抱怨案件 5，统退货 2(不计入客户抱怨)" in dispositions["A1"].value
    assert [tuple(r.values()) for r in _table(dispositions)] == [
        ("重工", 41, 28.67, 3, 4),
        ("报废", 23, 16.08, 2, 2),
        ("退回顾客", 37, 25.87, 2, 3),
        ("让步接收", 16, 11.19, 1, 2),
        ("换货", 26, 18.18, 4, 5),
    ]
    assert [tuple(r.values()) for r in _table(book["退货责任"])] == [
        ("本公司责任", 4, 3, 1, 7, 540, 96),
        ("非本公司责任", 2, 2, 0, 3, 210, 39),
        ("待判定", 1, 0, 1, 2, 110, 8),
    ]
    assert [tuple(r.values()) for r in _table(book["未完成措施"])] == [
        ("生产部", 12, 5),
        (FORMULA_DEPARTMENT, 7, 2),
        ("(未填写)", 3, 1),
    ]


def test_every_list_is_ready_to_print(book):
    for name in LISTS:
        ws = book[name]
        assert name in ws["A1"].value and "期间:2026-10" in ws["A1"].value, name
        assert "截至 2026-10-27" in ws["A1"].value, name
        assert ws.page_setup.orientation == "landscape", name
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, name
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True, name
        assert ws.print_title_rows == "$1:$2", name
        assert ws.freeze_panes == "A3", name
        assert ws.auto_filter.ref.startswith("A2:"), name
        assert ws.oddHeader.left.text == COMPANY, name
        assert ws.oddFooter.center.text == "第 &P 页 / 共 &N 页", name
    customers = book["按顾客"]
    assert customers.column_dimensions["B"].width >= len("长春华通汽车有限公司") * 2
    assert customers.auto_filter.ref == "A2:E5"
    assert book["月度趋势"].auto_filter.ref == "A2:C26"


def test_user_text_stays_text(book):
    for ws, ref, value in [
        (book["按顾客"], "B4", FORMULA),
        (book["按责任部门"], "A4", FORMULA_DEPARTMENT),
        (book["未完成措施"], "A4", FORMULA_DEPARTMENT),
        (book["不良类别柏拉图"], "A4", MARKUP_CATEGORY),
    ]:
        assert (ws[ref].value, ws[ref].data_type) == (value, "s"), ws.title
    source = "=cmd|' /C calc'!A0.db"
    wb = openpyxl.load_workbook(io.BytesIO(complaint_summary_xlsx(summary(), source_file=source)))
    figures = {row[0].value: row[1] for row in wb["汇总"].iter_rows(min_row=2) if row[0].value}
    assert (figures["数据文件"].value, figures["数据文件"].data_type) == (source, "s")


def test_no_campaign_and_nothing_due():
    data = summary(satisfaction=None)
    data = summary(
        satisfaction=None,
        containment=type(data.containment)("containment", 0, 0, 0, 4, None),
    )
    wb = openpyxl.load_workbook(io.BytesIO(complaint_summary_xlsx(data)))
    figures = _figures(wb["汇总"])
    assert figures["满意度：调查活动"] == "无调查活动"
    assert "满意度：指数(%)" not in figures
    assert figures["临时对策回复：及时率(%)"] == "—"
    assert _table(wb["期限达成"])[0]["及时率(%)"] is None


def test_annual_workbook_compares_with_last_year_and_checks_the_targets(annual_book):
    wb = annual_book
    assert wb.sheetnames == ["汇总", "同比", "目标达成", *LISTS]
    first = wb["汇总"]
    assert first["A1"].value == f"{COMPANY} 顾客投诉/抱怨年度分析报告"
    assert _figures(first)["统计期间"] == "2026"
    comparison = wb["同比"]
    assert [cell.value for cell in comparison[2]][:4] == ["项目", "2026年", "2025年", "变化"]
    assert [tuple(r.values()) for r in _table(comparison)] == [
        ("投诉件数", 37, 33, 4),
        ("重大投诉", 8, 13, -5),
        ("围堵及时率(%)", 72.22, 81.5, -9.28),
        ("外部损失", 22500, "—", "—"),
    ]
    targets = wb["目标达成"]
    assert [tuple(r.values()) for r in _table(targets)] == [
        ("投诉件数上限", "不高于", 30, 37, "✗"),
        ("答复及时率(%)", "不低于", 55, 59.38, "✓"),
        ("重开率上限(%)", "不高于", 8, 10.34, "✗"),
        ("外部损失上限", "不高于", 25000, 22500, "✓"),
        ("满意度指数(%)", "不低于", 96, "—", "无数据"),
    ]
    assert targets["E3"].fill.fgColor.rgb.endswith("FFC7CE")  # not met: marked
    assert not targets["E4"].fill.fgColor.rgb.endswith("FFC7CE")
    assert "期间:2026" in wb["按顾客"]["A1"].value
    assert wb["不良类别柏拉图"]._charts


def test_english_workbook_written_to_a_path(tmp_path):
    target = tmp_path / "summary.xlsx"
    data = complaint_summary_xlsx(summary(), target, lang="en", made_at=MADE_AT)
    assert target.read_bytes() == data
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames[:4] == ["Summary", "By customer", "By product", "Pareto"]
    figures = _figures(wb["Summary"])
    assert figures["Period"] == "2026-10"
    assert figures["Repeat problems within 12 months: complaints"] == 9
    assert figures["Returns: bulk returns (not complaints)"] == 2
    assert figures["Satisfaction: target met"] == "No"
    assert _table(wb["Pareto"])[0]["Vital few (80 %)"] == "★ yes"
    annual_target = tmp_path / "annual.xlsx"
    annual_summary_xlsx(annual(), annual_target, lang="en", made_at=MADE_AT)
    wb = openpyxl.load_workbook(annual_target)
    assert wb.sheetnames[:3] == ["Summary", "Comparison", "Targets"]
    assert [r["Met"] for r in _table(wb["Targets"])] == ["✗", "✓", "✗", "✓", "no data"]


def test_libreoffice_prints_every_sheet_with_its_chart(content, tmp_path_factory):
    folder = tmp_path_factory.mktemp("office")
    source = folder / "summary.xlsx"
    source.write_bytes(content)
    printed = convert_with_libreoffice(source, "pdf", folder)
    text = _pdftotext(printed.read_bytes(), folder)
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) == len(SHEETS)  # each view fits one page (charts included)
    for page, name in zip(pages, SHEETS, strict=True):
        assert name in page, name  # the sheet name in the page header
    squashed = [re.sub(r"\s+", "", page) for page in pages]
    chart_titles = {
        "按顾客": "投诉件数(按顾客)",
        "不良类别柏拉图": "不良类别柏拉图(红色为关键少数)",
        "按责任部门": "投诉件数(按责任部门)",
        "月度趋势": "月度投诉与结案(24个月)",
        "季节性分析": "各季度投诉件数(按年)",
        "未完成措施": "未完成与逾期措施(截至2026-10-27)",
    }
    for name, chart_title in chart_titles.items():
        assert chart_title in squashed[SHEETS.index(name)], name
    assert FORMULA in pages[SHEETS.index("按顾客")]  # printed as typed, not computed
    assert "累计占比(%)" in squashed[SHEETS.index("不良类别柏拉图")]  # the second axis
    assert re.search(r"2026-10\s+37\s+29", pages[SHEETS.index("月度趋势")])


# ---------------------------------------------------------------- the PDF


def test_pdf_overview_and_breakdowns(pdf_text):
    text = pdf_text
    assert "顾客投诉/抱怨汇总处理表" in text
    assert re.search(r"表单编号：QR-TS\s+版本：A/0\s+记录编号：2026-10", text)
    assert re.search(r"统计期间\s+2026-10\s+统计截至\s+2026-10-27", text)
    made = local(MADE_AT)
    assert re.search(rf"制表时间\s+{made:%Y-%m-%d %H:%M}\s+数据文件\s+{re.escape(SOURCE)}", text)
    for a, x, b, y in [
        ("投诉件数", 37, "重开件数", 3),
        ("结案件数", 29, "期末未结案", 14),
        ("期末逾期未结", 6, "重大投诉", 8),
        ("造成顾客停线", 2, "不良数量", 1523),
    ]:
        assert re.search(rf"{a}\s+{x}\s+{b}\s+{y}\n", text), a
    rows = [
        ("1", "KH001", "长春华通汽车有限公司", 17, 45.95, 812),
        ("2", "KH002", re.escape(FORMULA), 11, 29.73, 406),
        ("3", "KH003", re.escape(HOSTILE), 9, 24.32, 305),
        ("1", "QD-200", "制动钳总成", 19, 51.35, 903),
        ("2", "QD-310A", "真空助力器", 13, 35.14, 498),
        ("3", r"\(未填写\)", r"\(未填写\)", 5, 13.51, 122),
    ]
    for n, key, name, count, share, qty in rows:
        pattern = rf"{n}\s+{key}\s+{name}\s+{count}\s+{_pct(share)}\s+{qty}\n"
        assert re.search(pattern, text), pattern
    for n, name, count, share, qty in [
        ("1", "生产部", 21, 56.76, 1001),
        ("2", re.escape(FORMULA_DEPARTMENT), 10, 27.03, 333),
        ("1", "重大", 8, 21.62, 611),
        ("2", "一般", 29, 78.38, 912),
    ]:
        assert re.search(rf"{n}\s+{name}\s+{count}\s+{_pct(share)}\s+{qty}\n", text), name


def test_pdf_pareto_with_its_chart(pdf_text):
    for n, name, count, share, cumulative, vital in [
        (1, "尺寸不良", 15, 40.54, 40.54, "★ 是"),
        (2, re.escape(MARKUP_CATEGORY), 8, 21.62, 62.16, "★ 是"),
        (3, "功能失效", 6, 16.22, 78.38, "★ 是"),
        (4, "装配不良", 5, 13.51, 91.89, ""),
        (5, r"\(未填写\)", 3, 8.11, 100.0, ""),
    ]:
        pattern = rf"{n}\s+{name}\s+{count}\s+{_pct(share)}\s+{_pct(cumulative)}\s*{vital}\n"
        assert re.search(pattern, pdf_text), pattern
    # the chart: its title, legend, the right-hand axis in percent, a bar label per category
    assert "不良类别柏拉图(红色为关键少数)" in pdf_text
    assert re.search(r"投诉件数\s+累计占比\s+80% 线", pdf_text)
    assert re.search(r"\s100%\n", pdf_text) and re.search(r"\s0%\n", pdf_text)


def test_pdf_trend_and_seasons(pdf_text):
    data = summary()
    assert "每月投诉与结案件数" in pdf_text  # the chart's title
    for start in (0, 12):
        points = data.trend[start : start + 12]
        months = r"\s+".join(p.month[2:] for p in points)
        received = r"\s+".join(str(p.received) for p in points)
        closed = r"\s+".join(str(p.closed) for p in points)
        assert re.search(rf"月份\s+{months}\s+投诉\s+{received}\s+结案\s+{closed}\n", pdf_text)
    assert re.search(r"季度\s+2024年\s+2025年\s+2026年", pdf_text)
    for quarter, counts in [
        (r"第一季度\(1–3月\)", (41, 52, 63)),
        (r"第二季度\(4–6月\)", (44, 57, 68)),
        (r"第三季度\(7–9月\)", (47, 59, 71)),
        (r"第四季度\(10–12月\)", (49, 61, 37)),
    ]:
        assert re.search(quarter + "".join(rf"\s+{c}" for c in counts) + r"\n", pdf_text)


def test_pdf_repeats_deadlines_closure_returns_claims_satisfaction_actions(pdf_text):
    text = pdf_text
    squashed = re.sub(r"\s+", "", text)
    assert re.search(r"经常\(重复\)\s+9\s*件\s+偶发\s+28\s*件", text)
    assert "同一顾客、产品、不良类别在12个月内出现两次及以上" in squashed
    assert re.search(r"KH003 <b>&amp;</b>\s+QD-310A\s+<i>外观划伤\s+5\s+7\s+KS-2026-0012", text)
    assert re.search(r"KH001 长春华通汽车有\s+QD-200\s+尺寸不良\s+4\s+6\s+KS-2025-0207", text)
    for n in (12, 58, 101, 133, 140, 151, 160):  # whole: lines break between numbers only
        assert f"KS-2026-{n:04d}" in text
    assert re.search(r"临时对策回复\s+26\s+7\s+3\s+1\s+72\.2%\s+20\.5\n", text)
    assert re.search(r"答复顾客\s+19\s+9\s+4\s+5\s+59\.4%\s+131\.2\n", text)
    assert re.search(r"结案件数\s+29\s+平均结案天数\s+11\.7\n", text)
    assert re.search(r"其后重开\s+3\s+重开率\s+10\.3%\n", text)
    assert re.search(r"退货单数\s+7\s+客户抱怨案件\s+5\n", text)
    assert re.search(r"统退货\s+2\(不计入客户抱怨\)\s+退货/不良数量\s+860 / 143\n", text)
    for name, qty, share, returns, lines in [
        ("重工", 41, 28.67, 3, 4),
        ("报废", 23, 16.08, 2, 2),
        ("退回顾客", 37, 25.87, 2, 3),
        ("让步接收", 16, 11.19, 1, 2),
        ("换货", 26, 18.18, 4, 5),
    ]:
        assert re.search(rf"{name}\s+{qty}\s+{_pct(share)}\s+{returns}\s+{lines}\n", text), name
    for row in [
        ("本公司责任", 4, 3, 1, 540, 96),
        ("非本公司责任", 2, 2, 0, 210, 39),
        ("待判定", 1, 0, 1, 110, 8),
    ]:
        assert re.search(r"\s+".join(str(v) for v in row) + r"\n", text), row
    assert re.search(r"涉及单数\s+4\s+索赔金额\s+58,000\.00\n", text)
    assert re.search(r"确认金额\s+42,500\.50\s+已付金额\s+31,200\.00\n", text)
    assert re.search(r"向供方追偿\s+8,700\.00\s+外部损失\s+22,500\.00\n", text)
    assert re.search(r"调查活动\s+MY-2026-01\s+调查期间\s+2026-01-01 – 2026-06-30\n", text)
    assert re.search(r"满意度指数\s+93\.8%\s+目标\s+95\.0%\n", text)
    assert re.search(r"达成目标\s+✘ 未达成\s+回复率\s+82\.4%（14/17）\n", text)
    assert "未完成措施(截至 2026-10-27)" in text
    for name, open_, overdue in [
        ("生产部", 12, 5),
        (re.escape(FORMULA_DEPARTMENT), 7, 2),
        (r"\(未填写\)", 3, 1),
    ]:
        assert re.search(rf"{name}\s+{open_}\s+{overdue}\n", text), name


def test_pdf_frame_signatures_and_page_numbers(pdf_text):
    pages = [page for page in pdf_text.split("\f") if page.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert re.search(rf"第\s*{number}\s*页\s*/\s*共\s*{len(pages)}\s*页", page)
        assert re.search(r"编制\s+审核\s+批准", page)
        assert COMPANY in page
    assert "周小红" in pages[0]
    assert "十四、未完成措施" in pdf_text  # the sections numbered through


def test_pdf_annual_review(annual_text):
    text = annual_text
    assert "顾客投诉/抱怨年度分析报告" in text
    assert re.search(r"表单编号：QR-TS-Y\s+版本：A/0\s+记录编号：2026", text)
    assert re.search(r"统计期间\s+2026\s+统计截至", text)
    assert re.search(r"项目\s+2026年\s+2025年\s+变化", text)
    assert re.search(r"投诉件数\s+37\s+33\s+\+4\n", text)
    assert re.search(r"重大投诉\s+8\s+13\s+-5\n", text)
    assert re.search(r"围堵及时率\(%\)\s+72\.22\s+81\.5\s+-9\.28\n", text)
    assert re.search(r"外部损失\s+22500\s+—\s+—\n", text)
    assert re.search(r"投诉件数上限\s+≤30\s+37\s+✘ 未达成\n", text)
    assert re.search(r"答复及时率\(%\)\s+≥55\s+59\.38\s+✓ 达成\n", text)
    assert re.search(r"重开率上限\(%\)\s+≤8\s+10\.34\s+✘ 未达成\n", text)
    assert re.search(r"外部损失上限\s+≤25000\s+22500\s+✓ 达成\n", text)
    assert re.search(r"满意度指数\(%\)\s+≥96\s+—\s+无数据\n", text)
    # the views over the year follow
    assert text.index("三、目标达成") < text.index("四、按顾客") < text.index("不良类别柏拉图")
    assert re.search(r"1\s+KH001\s+长春华通汽车有限公司\s+17\s+46\.0%\s+812\n", text)


def test_pdf_in_english_with_no_campaign_and_settings_codes(tmp_path):
    settings = _settings()
    settings.forms["complaint_summary"] = FormCode("QR-TS-09", "B/1")
    pdf = complaint_summary_pdf(summary(satisfaction=None), settings, "en", made_at=MADE_AT)
    text = _pdftotext(pdf, tmp_path)
    assert "Customer complaint summary" in text
    assert re.search(r"Form No\.: QR-TS-09\s+Rev\.: B/1\s+Record No\.: 2026-10", text)
    assert re.search(r"Survey\s+no campaign", text)
    assert re.search(r"Prepared by\s+Reviewed by\s+Approved by", text)
    assert "Page 1 of" in text
    assert re.search(r"1\s+KH001\s+长春华通汽车有限公司\s+17\s+46\.0%\s+812\n", text)
    assert "14. Open actions (2026-10-27)" in text
    annual_pdf = annual_summary_pdf(annual(), settings, "en", made_at=MADE_AT)
    text = _pdftotext(annual_pdf, tmp_path)
    assert "Annual customer complaint review" in text
    assert re.search(r"投诉件数上限\s+≤ 30\s+37\s+✘ not met\n", text)
    assert re.search(r"满意度指数\(%\)\s+≥ 96\s+—\s+no data\n", text)


def test_pdf_prints_user_text_literally(pdf_text):
    assert HOSTILE in pdf_text  # not bold, not a big font: the markup as typed
    assert MARKUP_CATEGORY in pdf_text
    assert FORMULA_DEPARTMENT in pdf_text
    assert "None" not in pdf_text
