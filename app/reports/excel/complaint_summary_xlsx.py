"""The complaint summary 顾客投诉/抱怨汇总处理表 and the annual review as workbooks (SPEC §2.6, §3;
顾客管理程序 §4.1.7; seed 002 §5.2.3–5.2.4).

Sheet 1 states the report, the period, the as-of day, when and from which data file it was made,
the company, and the figures that fit one line each: totals, repeat against one-off problems,
closure, returns (bulk returns 统退货 apart: never complaint cases), claims and satisfaction.
Then one sheet per view, each a titled list over a frozen, filtered header row printed one page
wide: customers, products, the Pareto of defect categories, departments, severity, the 24-month
trend, the seasons, the repeat problems with their tickets, the deadlines, returns by
disposition and by responsibility, and open actions per department. Native charts sit under the
lists where a chart helps. The annual review adds the year-on-year comparison and the targets.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import datetime

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.marker import DataPoint
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from app.i18n import pick
from app.models.common import utcnow
from app.reports.excel.complaint_ledger_xlsx import (
    QUANTITY_FORMAT,
    SheetColumn,
    SheetLine,
    new_workbook,
    workbook_bytes,
    write_titled_sheet,
)
from app.reports.excel.sheet import AMOUNT_FORMAT
from app.reports.excel.survey_summary_xlsx import Figure, write_summary_sheet
from app.reports.files import write_atomically
from app.services.deadlines import deadline_label
from app.services.return_summary import not_given
from app.services.summary_data import (
    AnnualSummary,
    ComparisonRow,
    ComplaintSummary,
    CountRow,
    TargetRow,
)

CHART_ROWS = 15  # bars shown at most for a breakdown (the largest groups; the sheet lists all)
CHART_WIDTH_CM = 18.0
CHART_HEIGHT_CM = 9.0
TREND_WIDTH_CM = 20.0
TREND_HEIGHT_CM = 11.0
BAR_COLOR = "4F81BD"
SECOND_COLOR = "9BBB59"
VITAL_COLOR = "C0504D"
NONE = "—"

Title = Callable[[str], str]  # a list sheet's title row from its name


# ---------------------------------------------------------------- small pieces


def rounded(value: float | None, digits: int = 2) -> float | str:
    """A figure rounded for the sheet; "—" when there is none (nothing due, nothing closed)."""
    return NONE if value is None else round(value, digits)


def met_mark(met: bool | None, lang: str) -> str:
    """✓ met, ✗ not met, or "no data"."""
    if met is None:
        return pick("无数据", "no data", lang)
    return "✓" if met else "✗"


def _place(ws, chart, count: int, *, beside: int | None = None) -> None:  # noqa: ANN001
    """Under the list (printing one page wide keeps the list's own width), or beside a long,
    narrow one from column `beside` on; axes shown (openpyxl hides them unless told, and Excel
    then shows no labels)."""
    chart.width, chart.height = CHART_WIDTH_CM, CHART_HEIGHT_CM
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if beside is None:
        ws.add_chart(chart, f"A{count + 4}")
    else:
        chart.width, chart.height = TREND_WIDTH_CM, TREND_HEIGHT_CM
        ws.add_chart(chart, f"{get_column_letter(beside)}2")


def _columns(
    ws,  # noqa: ANN001
    *,
    title: str,
    axis_title: str,
    label_column: int,
    first: int,
    last: int | None = None,
    count: int,
) -> BarChart:
    """A column chart of value columns `first`…`last` (series named by their headers, row 2)
    against the label column, over the first `count` data rows."""
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.y_axis.title = axis_title
    chart.y_axis.number_format = "0"
    chart.y_axis.majorGridlines = None
    chart.add_data(
        Reference(ws, min_col=first, max_col=last or first, min_row=2, max_row=2 + count),
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws, min_col=label_column, min_row=3, max_row=2 + count))
    if last is None:
        chart.legend = None
    else:
        chart.legend.position = "b"
    for series, color in zip(chart.series, (BAR_COLOR, SECOND_COLOR, VITAL_COLOR), strict=False):
        series.graphicalProperties.solidFill = color
        series.graphicalProperties.line.solidFill = color
    return chart


# ---------------------------------------------------------------- sheet 1


def _overview(
    wb: Workbook,
    summary: ComplaintSummary,
    *,
    lang: str,
    made_at: datetime,
    source_file: str,
    company: str,
    report: str,
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    s = summary
    n = QUANTITY_FORMAT
    facts: list[Figure] = [
        (t("报表", "Report"), report, None),
        (t("统计期间", "Period"), s.period.label, None),
        (t("统计截至", "As of"), s.as_of, None),
        (t("制表时间", "Made at"), made_at, None),
        (t("数据文件", "Data file"), source_file, None),
        (t("公司", "Company"), company, None),
    ]
    totals, freq, closure, claims = s.totals, s.frequency, s.closure, s.claims
    r = s.returns.totals
    figures: list[Figure] = [
        (t("投诉件数(原始单)", "Complaints (original tickets)"), totals.received, n),
        (t("重开件数(-1/-2)", "Reopenings (-1/-2)"), totals.reopenings, n),
        (t("结案件数", "Closed"), totals.closed, n),
        (t("期末未结案", "Open at the end"), totals.open_at_end, n),
        (t("期末逾期未结", "Overdue at the end"), totals.overdue_at_end, n),
        (t("重大投诉", "Major complaints"), totals.major, n),
        (t("造成顾客停线", "Customer line stopped"), totals.line_stopped, n),
        (t("不良数量", "Quantity defective"), totals.qty_defective, n),
        (
            t(f"经常(重复)问题投诉，{freq.window_months}个月内", "Repeat problems: complaints")
            if lang == "zh_CN"
            else f"Repeat problems within {freq.window_months} months: complaints",
            freq.repeat_complaints,
            n,
        ),
        (t("偶发问题投诉", "One-off problems: complaints"), freq.one_off_complaints, n),
        (t("重复问题组数", "Repeat problems"), len(freq.problems), n),
        *_deadline_figures(s, lang),
        (t("结案：件数", "Closure: tickets closed"), closure.closed, n),
        (t("结案：平均天数", "Closure: average days"), rounded(closure.average_days), n),
        (t("结案：其后重开", "Closure: reopened since"), closure.reopened, n),
        (t("结案：重开率(%)", "Closure: reopen rate (%)"), rounded(closure.reopen_rate_pct), n),
        (t("退货：退货单数", "Returns: returns"), r.returns, n),
        (
            t("退货：客户抱怨案件(非统退货)", "Returns: complaint cases (not bulk)"),
            r.complaint_cases,
            n,
        ),
        (
            t("退货：统退货(不计入客户抱怨)", "Returns: bulk returns (not complaints)"),
            r.bulk_returns,
            n,
        ),
        (t("退货：退货数量", "Returns: quantity returned"), r.qty_returned, n),
        (t("退货：不良数量", "Returns: quantity defective"), r.qty_defective, n),
        (t("索赔：涉及单数", "Claims: tickets"), claims.tickets, n),
        (t("索赔：索赔金额", "Claims: claimed"), claims.claimed, AMOUNT_FORMAT),
        (t("索赔：确认金额", "Claims: agreed"), claims.agreed, AMOUNT_FORMAT),
        (t("索赔：已付金额", "Claims: paid"), claims.paid, AMOUNT_FORMAT),
        (t("索赔：向供方追偿", "Claims: charged back"), claims.charged_back, AMOUNT_FORMAT),
        (t("索赔：外部损失", "Claims: external loss"), claims.external_loss, AMOUNT_FORMAT),
        *_satisfaction_figures(s, lang),
    ]
    write_summary_sheet(
        wb,
        t("汇总", "Summary"),
        f"{company} {report}".strip(),
        facts,
        figures,
        lang=lang,
        company=company,
        header=(t("项目", "Figure"), t("数值", "Value")),
    )


def _deadline_figures(summary: ComplaintSummary, lang: str) -> list[Figure]:
    figures: list[Figure] = []
    for d in (summary.containment, summary.answer):
        name = deadline_label(d.key, lang)
        sep = "：" if lang == "zh_CN" else ": "
        figures += [
            (f"{name}{sep}{pick('及时率(%)', 'on time (%)', lang)}", rounded(d.on_time_pct), None),
            (
                f"{name}{sep}{pick('平均小时', 'average hours', lang)}",
                rounded(d.average_hours),
                None,
            ),
        ]
    return figures


def _satisfaction_figures(summary: ComplaintSummary, lang: str) -> list[Figure]:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    f = summary.satisfaction
    if f is None:
        return [
            (t("满意度：调查活动", "Satisfaction: survey"), t("无调查活动", "no campaign"), None)
        ]
    met = t("是", "Yes") if f.target_met else t("否", "No") if f.target_met is False else NONE
    return [
        (t("满意度：调查活动", "Satisfaction: survey"), f.number, None),
        (
            t("满意度：调查期间", "Satisfaction: period"),
            f"{f.period_start} – {f.period_end}",
            None,
        ),
        (t("满意度：指数(%)", "Satisfaction: index (%)"), rounded(f.index_pct), None),
        (t("满意度：目标(%)", "Satisfaction: target (%)"), f.target_pct, None),
        (t("满意度：达成目标", "Satisfaction: target met"), met, None),
        (
            t("满意度：回复/邀请", "Satisfaction: answered / invited"),
            f"{f.answered} / {f.invited}",
            None,
        ),
        (
            t("满意度：回复率(%)", "Satisfaction: response rate (%)"),
            rounded(f.response_rate_pct),
            None,
        ),
    ]


# ---------------------------------------------------------------- the views


def _count_columns(lang: str) -> list[SheetColumn]:
    return [
        SheetColumn(pick("投诉件数", "Complaints", lang), "quantity"),
        SheetColumn(pick("占比(%)", "Share (%)", lang), "number"),
        SheetColumn(pick("不良数量", "Qty defective", lang), "quantity"),
    ]


def _count_values(row: CountRow) -> list[object]:
    return [row.count, round(row.share_pct, 2), row.qty_defective]


def _breakdown(
    wb: Workbook,
    name: str,
    title: Title,
    heads: Sequence[SheetColumn],
    rows: Sequence[CountRow],
    keys: Callable[[CountRow], list[object]],
    *,
    lang: str,
    company: str,
    chart_title: str | None = None,
) -> None:
    """A breakdown list (complaints, share, defective quantity), a column chart under it."""
    lines = [SheetLine([*keys(row), *_count_values(row)]) for row in rows]
    columns = [*heads, *_count_columns(lang)]
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)
    if chart_title is None or not rows:
        return
    ws = wb.worksheets[-1]
    chart = _columns(
        ws,
        title=chart_title,
        axis_title=pick("投诉件数", "Complaints", lang),
        label_column=len(heads),
        first=len(heads) + 1,
        count=min(len(rows), CHART_ROWS),
    )
    _place(ws, chart, len(rows))


def _breakdowns(
    wb: Workbook, s: ComplaintSummary, *, lang: str, title: Title, company: str
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    common = {"lang": lang, "company": company}
    _breakdown(
        wb,
        t("按顾客", "By customer"),
        title,
        [
            SheetColumn(t("顾客编号", "Customer code")),
            SheetColumn(t("顾客名称", "Customer"), max_width=30, wrap=True),
        ],
        s.by_customer,
        lambda r: [r.key, r.label],
        chart_title=t("投诉件数(按顾客)", "Complaints by customer"),
        **common,
    )
    _breakdown(
        wb,
        t("按产品", "By product"),
        title,
        [
            SheetColumn(t("零件号/型号", "Part / model")),
            SheetColumn(t("名称", "Name"), max_width=30, wrap=True),
        ],
        s.by_product,
        lambda r: [r.key or not_given(lang), r.label],
        **common,
    )
    _pareto(wb, s, lang=lang, title=title, company=company)
    _breakdown(
        wb,
        t("按责任部门", "By department"),
        title,
        [SheetColumn(t("责任部门", "Responsible department"), max_width=30, wrap=True)],
        s.by_department,
        lambda r: [r.label],
        chart_title=t("投诉件数(按责任部门)", "Complaints by responsible department"),
        **common,
    )
    _breakdown(
        wb,
        t("按严重度", "By severity"),
        title,
        [SheetColumn(t("严重度", "Severity"))],
        s.by_severity,
        lambda r: [r.label],
        **common,
    )


def _pareto(wb: Workbook, s: ComplaintSummary, *, lang: str, title: Title, company: str) -> None:
    """Defect categories, the most frequent first, with the running share; the vital few (the
    first 80 %) marked, and a column chart with the cumulative line on a second axis."""

    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("不良类别柏拉图", "Pareto")
    columns = [
        SheetColumn(t("不良类别", "Defect category"), max_width=30, wrap=True),
        SheetColumn(t("投诉件数", "Complaints"), "quantity"),
        SheetColumn(t("占比(%)", "Share (%)"), "number"),
        SheetColumn(t("累计占比(%)", "Cumulative (%)"), "number"),
        SheetColumn(t("关键少数(80%)", "Vital few (80 %)")),
    ]
    lines = [
        SheetLine(
            [
                row.label,
                row.count,
                round(row.share_pct, 2),
                round(row.cumulative_pct, 2),
                t("★ 是", "★ yes") if row.vital_few else "",
            ]
        )
        for row in s.pareto
    ]
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)
    if not lines:
        return
    ws = wb.worksheets[-1]
    count = len(lines)
    bars = _columns(
        ws,
        title=t("不良类别柏拉图(红色为关键少数)", "Pareto of defect categories (red: vital few)"),
        axis_title=t("投诉件数", "Complaints"),
        label_column=1,
        first=2,
        count=count,
    )
    bars.legend = None
    bars.gapWidth = 40
    for index, row in enumerate(s.pareto):
        if row.vital_few:
            point = DataPoint(idx=index)
            point.graphicalProperties.solidFill = VITAL_COLOR
            point.graphicalProperties.line.solidFill = VITAL_COLOR
            bars.series[0].dPt.append(point)
    line = LineChart()
    line.add_data(Reference(ws, min_col=4, min_row=2, max_row=2 + count), titles_from_data=True)
    line.y_axis.axId = 200
    line.y_axis.title = t("累计占比(%)", "Cumulative (%)")
    line.y_axis.scaling.min, line.y_axis.scaling.max = 0, 100
    line.y_axis.number_format = "0"
    line.y_axis.majorGridlines = None
    line.y_axis.crosses = "max"
    line.y_axis.delete = False
    cumulative = line.series[0]
    cumulative.marker.symbol = "circle"
    cumulative.smooth = False
    cumulative.graphicalProperties.line.solidFill = "333333"
    bars += line  # the cumulative line over the bars, on the right-hand axis
    _place(ws, bars, count)


def _trend(wb: Workbook, s: ComplaintSummary, *, lang: str, title: Title, company: str) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("月度趋势", "Trend")
    columns = [
        SheetColumn(t("月份", "Month")),
        SheetColumn(t("投诉件数", "Complaints"), "quantity"),
        SheetColumn(t("结案件数", "Closed"), "quantity"),
    ]
    lines = [SheetLine([p.month, p.received, p.closed]) for p in s.trend]
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)
    if not lines:
        return
    ws = wb.worksheets[-1]
    chart = _columns(
        ws,
        title=t(
            f"月度投诉与结案({len(lines)}个月)", f"Complaints and closures ({len(lines)} months)"
        ),
        axis_title=t("件数", "Tickets"),
        label_column=1,
        first=2,
        last=3,
        count=len(lines),
    )
    chart.x_axis.tickLblSkip = 1
    _place(ws, chart, len(lines), beside=len(columns) + 2)


def _seasons(wb: Workbook, s: ComplaintSummary, *, lang: str, title: Title, company: str) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("季节性分析", "Seasons")
    years = [year for year, _ in s.seasons[0].counts] if s.seasons else []
    columns = [
        SheetColumn(t("季度", "Quarter")),
        *(SheetColumn(str(y), "quantity") for y in years),
    ]
    lines = [SheetLine([row.label, *(n for _, n in row.counts)]) for row in s.seasons]
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)
    if not lines or not years:
        return
    ws = wb.worksheets[-1]
    chart = _columns(
        ws,
        title=t("各季度投诉件数(按年)", "Complaints per quarter, by year"),
        axis_title=t("投诉件数", "Complaints"),
        label_column=1,
        first=2,
        last=1 + len(years),
        count=len(lines),
    )
    _place(ws, chart, len(lines))


def _repeats(wb: Workbook, s: ComplaintSummary, *, lang: str, title: Title, company: str) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    f = s.frequency
    name = t("重复问题", "Repeat problems")
    counts = t(
        f"经常 {f.repeat_complaints} 件，偶发 {f.one_off_complaints} 件"
        f"(同一顾客、产品、不良在{f.window_months}个月内重复)",
        f"repeat {f.repeat_complaints}, one-off {f.one_off_complaints} "
        f"(same customer, product and defect within {f.window_months} months)",
    )
    columns = [
        SheetColumn(t("顾客编号", "Customer code")),
        SheetColumn(t("顾客名称", "Customer"), max_width=26, wrap=True),
        SheetColumn(t("零件号/型号", "Part / model")),
        SheetColumn(t("不良类别", "Defect category"), max_width=20, wrap=True),
        SheetColumn(t("本期件数", "In the period"), "quantity"),
        SheetColumn(t(f"{f.window_months}个月内件数", "In the window"), "quantity"),
        SheetColumn(t("投诉单号", "Tickets"), max_width=40, wrap=True),
    ]
    sep = "、" if lang == "zh_CN" else ", "
    lines = [
        SheetLine(
            [
                p.customer_code,
                p.customer_name,
                p.item,
                p.defect_category or not_given(lang),
                p.in_period,
                p.in_window,
                sep.join(p.numbers),
            ]
        )
        for p in f.problems
    ]
    write_titled_sheet(
        wb, name, f"{title(name)}    {counts}", columns, lines, lang=lang, header_left=company
    )


def _deadlines(wb: Workbook, s: ComplaintSummary, *, lang: str, title: Title, company: str) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("期限达成", "Deadlines")
    columns = [
        SheetColumn(t("期限", "Deadline"), max_width=24, wrap=True),
        SheetColumn(t("按时", "On time"), "quantity"),
        SheetColumn(t("迟交", "Late"), "quantity"),
        SheetColumn(t("逾期未完成", "Overdue"), "quantity"),
        SheetColumn(t("未到期", "Pending"), "quantity"),
        SheetColumn(t("及时率(%)", "On time (%)"), "number"),
        SheetColumn(t("平均小时", "Average hours"), "number"),
    ]
    lines = [
        SheetLine(
            [
                deadline_label(d.key, lang),
                d.on_time,
                d.late,
                d.overdue,
                d.pending,
                None if d.on_time_pct is None else round(d.on_time_pct, 2),
                None if d.average_hours is None else round(d.average_hours, 2),
            ],
            marked={3} if d.overdue else set(),
        )
        for d in (s.containment, s.answer)
    ]
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)


def _returns(wb: Workbook, s: ComplaintSummary, *, lang: str, title: Title, company: str) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    totals = s.returns.totals
    apart = t(
        f"退货单 {totals.returns}，其中客户抱怨案件 {totals.complaint_cases}，"
        f"统退货 {totals.bulk_returns}(不计入客户抱怨)",
        f"{totals.returns} returns: {totals.complaint_cases} complaint cases, "
        f"{totals.bulk_returns} bulk returns (not complaints)",
    )

    name = t("退货处置", "Returns by disposition")
    disposed = sum(row.quantity for row in s.returns.by_disposition)
    columns = [
        SheetColumn(t("处置方式", "Disposition")),
        SheetColumn(t("处置数量", "Quantity"), "quantity"),
        SheetColumn(t("占处置总量(%)", "Share (%)"), "number"),
        SheetColumn(t("退货单数", "Returns"), "quantity"),
        SheetColumn(t("退货行数", "Lines"), "quantity"),
    ]
    lines = [
        SheetLine(
            [
                row.label,
                row.quantity,
                round(100 * row.quantity / disposed, 2) if disposed else None,
                row.returns,
                row.lines,
            ]
        )
        for row in s.returns.by_disposition
    ]
    write_titled_sheet(
        wb, name, f"{title(name)}    {apart}", columns, lines, lang=lang, header_left=company
    )

    name = t("退货责任", "Returns by responsibility")
    columns = [
        SheetColumn(t("责任判定", "Responsibility")),
        SheetColumn(t("退货单数", "Returns"), "quantity"),
        SheetColumn(t("客户抱怨案件", "Complaint cases"), "quantity"),
        SheetColumn(t("统退货", "Bulk returns"), "quantity"),
        SheetColumn(t("退货行数", "Lines"), "quantity"),
        SheetColumn(t("退货数量", "Qty returned"), "quantity"),
        SheetColumn(t("不良数量", "Qty defective"), "quantity"),
    ]
    lines = [
        SheetLine(
            [
                row.label,
                row.returns,
                row.complaint_cases,
                row.bulk_returns,
                row.lines,
                row.qty_returned,
                row.qty_defective,
            ]
        )
        for row in s.returns.by_responsibility
    ]
    write_titled_sheet(
        wb, name, f"{title(name)}    {apart}", columns, lines, lang=lang, header_left=company
    )


def _actions(wb: Workbook, s: ComplaintSummary, *, lang: str, title: Title, company: str) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("未完成措施", "Open actions")
    columns = [
        SheetColumn(t("责任部门", "Department"), max_width=30, wrap=True),
        SheetColumn(t("未完成", "Open"), "quantity"),
        SheetColumn(t("其中逾期", "Of which overdue"), "quantity"),
    ]
    lines = [
        SheetLine([a.label, a.open, a.overdue], marked={2} if a.overdue else set())
        for a in s.actions
    ]
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)
    if not lines:
        return
    ws = wb.worksheets[-1]
    chart = _columns(
        ws,
        title=t(f"未完成与逾期措施(截至 {s.as_of})", f"Open and overdue actions ({s.as_of})"),
        axis_title=t("措施数", "Actions"),
        label_column=1,
        first=2,
        last=3,
        count=min(len(lines), CHART_ROWS),
    )
    chart.series[1].graphicalProperties.solidFill = VITAL_COLOR
    chart.series[1].graphicalProperties.line.solidFill = VITAL_COLOR
    _place(ws, chart, len(lines))


def _views(wb: Workbook, s: ComplaintSummary, *, lang: str, title: Title, company: str) -> None:
    common = {"lang": lang, "title": title, "company": company}
    _breakdowns(wb, s, **common)
    _trend(wb, s, **common)
    _seasons(wb, s, **common)
    _repeats(wb, s, **common)
    _deadlines(wb, s, **common)
    _returns(wb, s, **common)
    _actions(wb, s, **common)


# ---------------------------------------------------------------- the annual review


def _comparison(
    wb: Workbook,
    annual: AnnualSummary,
    rows: Sequence[ComparisonRow],
    *,
    lang: str,
    title: Title,
    company: str,
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("同比", "Comparison")
    columns = [
        SheetColumn(t("项目", "Figure"), max_width=30, wrap=True),
        SheetColumn(t(f"{annual.year}年", str(annual.year)), "quantity"),
        SheetColumn(t(f"{annual.year - 1}年", str(annual.year - 1)), "quantity"),
        SheetColumn(t("变化", "Change"), "quantity"),
    ]
    lines = [
        SheetLine(
            [
                row.label,
                rounded(row.this_year),
                rounded(row.last_year),
                rounded(row.change),
            ]
        )
        for row in rows
    ]
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)


def _targets(
    wb: Workbook, rows: Sequence[TargetRow], *, lang: str, title: Title, company: str
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("目标达成", "Targets")
    columns = [
        SheetColumn(t("目标项目", "Target"), max_width=30, wrap=True),
        SheetColumn(t("方向", "Direction")),
        SheetColumn(t("目标值", "Target value"), "quantity"),
        SheetColumn(t("实际值", "Actual"), "quantity"),
        SheetColumn(t("达成", "Met")),
    ]
    lines = [
        SheetLine(
            [
                row.label,
                t("不低于", "at least") if row.higher_is_better else t("不高于", "at most"),
                rounded(row.target),
                rounded(row.actual),
                met_mark(row.met, lang),
            ],
            marked={3, 4} if row.met is False else set(),
        )
        for row in rows
    ]
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)


# ---------------------------------------------------------------- the workbooks


def _titles(report: str, summary: ComplaintSummary, lang: str) -> Title:
    def title(part: str) -> str:
        # short enough for a narrow list printed one page wide: the company is in the page
        # header, when and from which file on the first sheet
        period = pick(f"期间:{summary.period.label}", f"Period: {summary.period.label}", lang)
        as_of = pick(f"截至 {summary.as_of}", f"as of {summary.as_of}", lang)
        return f"{report} — {part}    {period}    {as_of}"

    return title


def _finish(wb: Workbook, path: str | os.PathLike[str] | None) -> bytes:
    content = workbook_bytes(wb)
    if path is not None:
        write_atomically(path, content)
    return content


def complaint_summary_xlsx(
    summary: ComplaintSummary,
    path: str | os.PathLike[str] | None = None,
    *,
    lang: str = "zh_CN",
    made_at: datetime | None = None,
    source_file: str | os.PathLike[str] = "",
    company: str = "",
) -> bytes:
    """The complaint summary of a month, a range or a year as .xlsx bytes; also written
    atomically to `path` if given. `made_at` (default: now) and `source_file` (the data file
    it was counted from) are stated on the first sheet."""
    report = pick("顾客投诉/抱怨汇总处理表", "Customer complaint summary", lang)
    wb = new_workbook(report)
    _overview(
        wb,
        summary,
        lang=lang,
        made_at=made_at or utcnow(),
        source_file=os.fspath(source_file),
        company=company,
        report=report,
    )
    _views(wb, summary, lang=lang, title=_titles(report, summary, lang), company=company)
    return _finish(wb, path)


def annual_summary_xlsx(
    annual: AnnualSummary,
    path: str | os.PathLike[str] | None = None,
    *,
    lang: str = "zh_CN",
    made_at: datetime | None = None,
    source_file: str | os.PathLike[str] = "",
    company: str = "",
) -> bytes:
    """The annual review for the management review as .xlsx bytes (also written to `path`):
    the year's summary, then the comparison with the year before and the targets."""
    report = pick("顾客投诉/抱怨年度分析报告", "Annual customer complaint review", lang)
    s = annual.summary
    wb = new_workbook(report)
    _overview(
        wb,
        s,
        lang=lang,
        made_at=made_at or utcnow(),
        source_file=os.fspath(source_file),
        company=company,
        report=report,
    )
    title = _titles(report, s, lang)
    _comparison(wb, annual, annual.comparison, lang=lang, title=title, company=company)
    _targets(wb, annual.targets, lang=lang, title=title, company=company)
    _views(wb, s, lang=lang, title=title, company=company)
    return _finish(wb, path)
