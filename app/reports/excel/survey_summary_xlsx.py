"""The satisfaction survey summary analysis 客户满意度调查汇总分析表 as a workbook (SPEC §2.4, §3).

The same content as the PDF, one sheet per view, each ready to print: 概况 (campaign, when and
from which data file it was made, invited/answered, index against the target, loyalty),
覆盖率 (per volume tier, required against achieved), 项目 (per item, with a native bar chart),
趋势 (index and target over the campaigns, a line chart), 顾客 (lowest index first),
竞争对比 (a stacked bar chart; only when the questionnaire asks it) and 改进措施.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date, datetime

from openpyxl.cell.cell import Cell, WriteOnlyCell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.workbook import Workbook

from app.i18n import pick
from app.models.common import utcnow
from app.reports.excel.complaint_ledger_xlsx import (
    DATETIME_FORMAT,
    QUANTITY_FORMAT,
    TITLE_FONT,
    TITLE_HEIGHT,
    SheetColumn,
    SheetLine,
    local_datetime,
    new_workbook,
    period_text,
    workbook_bytes,
    write_titled_sheet,
)
from app.reports.excel.sheet import (
    AMOUNT_FORMAT,
    DATE_FORMAT,
    apply_print_setup,
    display_width,
    set_text,
    style_header,
)
from app.reports.files import write_atomically
from app.reports.survey_text import (
    ACTION_STATE_LABELS,
    TIER_SHORT_LABELS,
    action_item_name,
    action_state,
)
from app.services.complaint_data import label
from app.services.survey_data import (
    CAMPAIGN_STATUS_LABELS,
    KEEP_BUYING_LABELS,
    TIER_LABELS,
    CampaignResults,
)

CHART_WIDTH_CM = 18.0
CHART_HEIGHT_CM = 9.0
PERCENT_FORMAT = "0.0"
_BOLD = Font(bold=True)

# (label, value, number format); a str value is text, None an empty cell
Figure = tuple[str, object, str | None]
Title = Callable[[str], str]  # a sheet's title row from its name


# ---------------------------------------------------------------- a summary sheet


def write_summary_sheet(
    wb: Workbook,
    name: str,
    title: str,
    facts: Sequence[Figure],
    figures: Sequence[Figure],
    *,
    lang: str,
    company: str,
    header: tuple[str, str],
) -> None:
    """A portrait sheet: a title, facts (what, when, from which file), then a figures table."""
    ws = wb.create_sheet(name)
    names = [f[0] for f in facts] + [f[0] for f in figures] + [header[0]]
    shown = [_shown(f[1]) for f in facts] + [_shown(f[1]) for f in figures] + [header[1]]
    ws.column_dimensions["A"].width = min(60, max(display_width(n) for n in names) + 2)
    ws.column_dimensions["B"].width = min(60, max(12, max(display_width(v) for v in shown) + 2))
    apply_print_setup(ws, lang=lang, title_rows="1:1", landscape=False, header_left=company)

    ws.row_dimensions[1].height = TITLE_HEIGHT
    title_cell = set_text(WriteOnlyCell(ws), title)
    title_cell.font = TITLE_FONT
    ws.append([title_cell])
    for fact in facts:
        ws.append([_label(ws, fact[0]), _value(ws, fact[1], fact[2], left=True)])
    ws.append([])
    ws.append([style_header(set_text(WriteOnlyCell(ws), text)) for text in header])
    for figure in figures:
        ws.append([set_text(WriteOnlyCell(ws), figure[0]), _value(ws, figure[1], figure[2])])


def _shown(value: object) -> str:
    if isinstance(value, datetime):
        return "0000-00-00 00:00"
    if isinstance(value, date):
        return "0000-00-00"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return "" if value is None else str(value)


def _label(ws, text: str) -> Cell:  # noqa: ANN001
    cell = set_text(WriteOnlyCell(ws), text)
    cell.font = _BOLD
    return cell


def _value(ws, value: object, number_format: str | None, *, left: bool = False) -> Cell:  # noqa: ANN001
    cell = WriteOnlyCell(ws)
    if isinstance(value, str):
        set_text(cell, value)  # a file path, a period, a name: text, whatever it starts with
    elif isinstance(value, datetime):
        cell.value = local_datetime(value)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif value is not None:
        cell.value = value
        if number_format:
            cell.number_format = number_format
    if left:
        cell.alignment = Alignment(horizontal="left")
    return cell


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _yes_no(value: bool | None, lang: str) -> str:
    if value is None:
        return "—"
    return pick("是", "Yes", lang) if value else pick("否", "No", lang)


# ---------------------------------------------------------------- sheets


def _overview(
    wb: Workbook,
    results: CampaignResults,
    *,
    lang: str,
    made_at: datetime,
    source_file: str,
    company: str,
    report: str,
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    c = results.campaign
    status = label(CAMPAIGN_STATUS_LABELS, c.status, lang)
    if c.status == "closed" and c.closed_on:
        status += f" {c.closed_on.isoformat()} {c.closed_by}".rstrip()
    facts: list[Figure] = [
        (t("调查活动", "Survey"), f"{c.number} {c.name}".strip(), None),
        (t("问卷", "Questionnaire"), c.template_label or results.template.label, None),
        (t("调查期间", "Period"), period_text(c.period_start, c.period_end, lang), None),
        (t("回复截止", "Answer by"), c.answer_by, None),
        (t("状态", "Status"), status, None),
        (t("分层依据(年用量)", "Tiers from volumes of"), c.volume_year or None, "0"),
        (t("制表时间", "Made at"), made_at, None),
        (t("数据文件", "Data file"), source_file, None),
    ]
    below = [i.name for i in results.items if i.below_threshold]
    figures: list[Figure] = [
        (t("邀请顾客数", "Customers invited"), results.invited, QUANTITY_FORMAT),
        (t("回复顾客数", "Customers answered"), results.answered, QUANTITY_FORMAT),
        (t("回复率(%)", "Response rate (%)"), _round(results.response_rate_pct), AMOUNT_FORMAT),
        (t("迟到份数", "Late answers"), results.late, QUANTITY_FORMAT),
        (t("部分回答份数", "Partial answers"), results.partial, QUANTITY_FORMAT),
        (t("满意度指数(%)", "Satisfaction index (%)"), _round(results.index_pct), AMOUNT_FORMAT),
        (t("目标(%)", "Target (%)"), c.target_pct, AMOUNT_FORMAT),
        (t("达成目标", "Target met"), _yes_no(results.target_met, lang), None),
        (t("项目阈值(%)", "Item threshold (%)"), c.threshold_pct, AMOUNT_FORMAT),
        (
            t("低于阈值的项目", "Items below the threshold"),
            ("、" if lang == "zh_CN" else ", ").join(below) or t("无", "None"),
            None,
        ),
    ]
    if results.template.ask_loyalty:
        counts = results.keep_buying
        figures += [
            (t(f"继续采购：{zh}", f"Keep buying: {en}"), counts.get(key, 0), QUANTITY_FORMAT)
            for key, (zh, en) in KEEP_BUYING_LABELS.items()
        ]
        figures += [
            (
                t("推荐意愿平均(0–10)", "Recommend, average (0–10)"),
                _round(results.recommend_avg),
                AMOUNT_FORMAT,
            ),
            (t("推荐者(9–10)", "Promoters (9–10)"), results.promoters, QUANTITY_FORMAT),
            (t("贬损者(0–6)", "Detractors (0–6)"), results.detractors, QUANTITY_FORMAT),
            (t("净推荐值 NPS", "Net promoter score"), _round(results.nps), AMOUNT_FORMAT),
        ]
    write_summary_sheet(
        wb,
        t("概况", "Overview"),
        f"{company} {report}".strip(),
        facts,
        figures,
        lang=lang,
        company=company,
        header=(t("项目", "Figure"), t("数值", "Value")),
    )


def _coverage(
    wb: Workbook, results: CampaignResults, *, lang: str, title: Title, company: str
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("覆盖率", "Coverage")
    columns = [
        SheetColumn(t("层级(年用量)", "Tier (annual volume)"), max_width=45),
        SheetColumn(t("要求比例(%)", "Required (%)"), "quantity"),
        SheetColumn(t("顾客数", "Customers"), "quantity"),
        SheetColumn(t("应回复数", "Answers needed"), "quantity"),
        SheetColumn(t("已邀请", "Invited"), "quantity"),
        SheetColumn(t("已回复", "Answered"), "quantity"),
        SheetColumn(t("覆盖率(%)", "Coverage (%)"), "number"),
        SheetColumn(t("达到要求", "Met")),
    ]
    lines = []
    for tier in results.coverage:
        required = bool(tier.required_pct)
        lines.append(
            SheetLine(
                [
                    label(TIER_LABELS, tier.tier, lang),
                    tier.required_pct if required else None,
                    tier.customers,
                    tier.required if required else None,
                    tier.invited,
                    tier.answered,
                    _round(tier.achieved_pct),
                    _yes_no(tier.met, lang) if required else t("不作要求", "Not required"),
                ],
                marked={6, 7} if required and not tier.met else set(),
            )
        )
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)


def _items(
    wb: Workbook, results: CampaignResults, *, lang: str, title: Title, company: str
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    template = results.template
    name = t("项目", "Items")
    columns = [
        SheetColumn(t("序号", "No."), "quantity"),
        SheetColumn(t("调查项目", "Item"), max_width=30, wrap=True),
        SheetColumn(t("权重(%)", "Weight (%)"), "quantity"),
        SheetColumn(t("回答数", "Answers"), "quantity"),
        SheetColumn(t("平均得分(%)", "Average (%)"), "number"),
        SheetColumn(t("低于阈值", "Below threshold")),
    ]
    if template.ask_importance:
        columns.append(SheetColumn(t("重要程度(1–5)", "Importance (1–5)"), "number"))
    if template.ask_competitor:
        columns += [
            SheetColumn(t("优于同行", "Better"), "quantity"),
            SheetColumn(t("相当", "Same"), "quantity"),
            SheetColumn(t("不如同行", "Worse"), "quantity"),
        ]
    columns.append(SheetColumn(t("改进措施", "Improvement action")))
    lines = []
    for n, item in enumerate(results.items, start=1):
        if item.has_action:
            action = t("有", "Yes")
        elif item.below_threshold:
            action = t("待制定", "Needed")
        else:
            action = ""
        values: list[object] = [
            n,
            item.name,
            item.weight,
            item.answered,
            _round(item.average_pct),
            _yes_no(item.below_threshold, lang) if item.average_pct is not None else "—",
        ]
        if template.ask_importance:
            values.append(_round(item.importance_avg))
        if template.ask_competitor:
            values += [item.better, item.same, item.worse]
        values.append(action)
        marked = {4, 5} if item.below_threshold else set()
        if item.below_threshold and not item.has_action:
            marked.add(len(values) - 1)
        lines.append(SheetLine(values, marked=marked))
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)
    if not lines:
        return
    ws = wb.worksheets[-1]
    chart = BarChart()
    chart.type = "col"
    chart.title = t("各项目平均得分(%)", "Average score per item (%)")
    chart.y_axis.title = t("平均得分(%)", "Average (%)")
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.y_axis.number_format = "0"
    chart.legend = None
    chart.add_data(
        Reference(ws, min_col=5, min_row=2, max_row=2 + len(lines)), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=2, min_row=3, max_row=2 + len(lines)))
    _place(ws, chart, len(lines))


def _place(ws, chart, count: int) -> None:  # noqa: ANN001
    """Under the list (printing one page wide keeps the list's own width), axes shown."""
    chart.width, chart.height = CHART_WIDTH_CM, CHART_HEIGHT_CM
    # openpyxl leaves the axes hidden (delete=1) unless told; Excel then shows no labels
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    ws.add_chart(chart, f"A{count + 4}")


def _trend(
    wb: Workbook, results: CampaignResults, *, lang: str, title: Title, company: str
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("趋势", "Trend")
    columns = [
        SheetColumn(t("调查活动", "Survey")),
        SheetColumn(t("名称", "Name")),
        SheetColumn(t("期间开始", "Period from"), "date"),
        SheetColumn(t("回复数", "Answers"), "quantity"),
        SheetColumn(t("满意度指数(%)", "Satisfaction index (%)"), "number"),
        SheetColumn(t("目标(%)", "Target (%)"), "number"),
        SheetColumn(t("达成目标", "Target met")),
    ]
    lines = []
    for p in results.trend:
        met = None if p.index_pct is None else p.index_pct >= p.target_pct
        lines.append(
            SheetLine(
                [
                    p.number,
                    p.name,
                    p.period_start,
                    p.responses,
                    _round(p.index_pct),
                    p.target_pct,
                    _yes_no(met, lang),
                ],
                marked={4, 6} if met is False else set(),
            )
        )
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)
    if not lines:
        return
    ws = wb.worksheets[-1]
    chart = LineChart()
    chart.title = t("满意度指数与目标(%)", "Satisfaction index and target (%)")
    chart.y_axis.title = "%"
    known = [v for p in results.trend for v in (p.index_pct, p.target_pct) if v is not None]
    chart.y_axis.scaling.min = max(0, min(80, int(min(known)) // 10 * 10))
    chart.y_axis.scaling.max = 100
    chart.y_axis.number_format = "0"
    chart.display_blanks = "span"  # a campaign without answers: the line goes on past it
    chart.add_data(
        Reference(ws, min_col=5, max_col=6, min_row=2, max_row=2 + len(lines)),
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws, min_col=2, min_row=3, max_row=2 + len(lines)))
    index, target = chart.series
    index.marker.symbol = "circle"
    index.smooth = False
    target.graphicalProperties.line.dashStyle = "dash"
    target.graphicalProperties.line.solidFill = "C0504D"
    target.smooth = False
    _place(ws, chart, len(lines))


def _customers(
    wb: Workbook, results: CampaignResults, *, lang: str, title: Title, company: str
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    loyalty = results.template.ask_loyalty
    name = t("顾客", "Customers")
    columns = [
        SheetColumn(t("顾客编号", "Customer code")),
        SheetColumn(t("顾客名称", "Customer"), max_width=30, wrap=True),
        SheetColumn(t("层级", "Tier")),
        SheetColumn(t("满意度指数(%)", "Satisfaction index (%)"), "number"),
        SheetColumn(t("回复日期", "Answered on"), "date"),
        SheetColumn(t("迟到", "Late")),
        SheetColumn(t("部分回答", "Partial")),
    ]
    if loyalty:
        columns += [
            SheetColumn(t("继续采购", "Keep buying")),
            SheetColumn(t("推荐(0–10)", "Recommend (0–10)"), "quantity"),
        ]
    threshold = results.campaign.threshold_pct
    lines = []
    for c in results.customers:
        values: list[object] = [
            c.customer_code,
            c.customer_name,
            label(TIER_SHORT_LABELS, c.tier, lang),
            _round(c.index_pct),
            c.answered_on,
            _yes_no(c.late, lang),
            _yes_no(c.partial, lang),
        ]
        if loyalty:
            values += [label(KEEP_BUYING_LABELS, c.keep_buying, lang), c.recommend]
        low = c.index_pct is not None and threshold is not None and c.index_pct < threshold
        lines.append(SheetLine(values, marked={3} if low else set()))
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)


def _competitors(
    wb: Workbook, results: CampaignResults, *, lang: str, title: Title, company: str
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("竞争对比", "Competitors")
    columns = [
        SheetColumn(t("调查项目", "Item"), max_width=30, wrap=True),
        SheetColumn(t("优于同行", "Better"), "quantity"),
        SheetColumn(t("相当", "Same"), "quantity"),
        SheetColumn(t("不如同行", "Worse"), "quantity"),
        SheetColumn(t("回答数", "Answers"), "quantity"),
        SheetColumn(t("优于同行占比(%)", "Better (%)"), "number"),
        SheetColumn(t("不如同行占比(%)", "Worse (%)"), "number"),
    ]
    lines = []
    for item in results.items:
        total = item.better + item.same + item.worse
        worse_share = _round(100 * item.worse / total) if total else None
        lines.append(
            SheetLine(
                [
                    item.name,
                    item.better,
                    item.same,
                    item.worse,
                    total,
                    _round(100 * item.better / total) if total else None,
                    worse_share,
                ],
                marked={3, 6} if item.worse > item.better else set(),
            )
        )
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)
    if not lines:
        return
    ws = wb.worksheets[-1]
    chart = BarChart()
    chart.type = "bar"  # horizontal: one bar per item, split into better / same / worse
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = t("与同行比较(回答数)", "Compared with competitors (answers)")
    chart.x_axis.scaling.orientation = "maxMin"  # the first item on top, as in the list
    chart.y_axis.majorUnit = 1
    chart.y_axis.number_format = "0"
    chart.add_data(
        Reference(ws, min_col=2, max_col=4, min_row=2, max_row=2 + len(lines)),
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=3, max_row=2 + len(lines)))
    for series, color in zip(chart.series, ("2E7D32", "A5A5A5", "C0504D"), strict=True):
        series.graphicalProperties.solidFill = color
        series.graphicalProperties.line.solidFill = color
    _place(ws, chart, len(lines))


def _actions(
    wb: Workbook, results: CampaignResults, *, lang: str, title: Title, company: str, today: date
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("改进措施", "Actions")
    columns = [
        SheetColumn(t("序号", "No."), "quantity"),
        SheetColumn(t("调查项目", "Item")),
        SheetColumn(t("改进措施", "Improvement action"), max_width=40, wrap=True),
        SheetColumn(t("责任部门", "Department")),
        SheetColumn(t("责任人", "Owner")),
        SheetColumn(t("计划完成", "Due"), "date"),
        SheetColumn(t("完成日期", "Done on"), "date"),
        SheetColumn(t("状态", "Status")),
        SheetColumn(t("验证人", "Verified by")),
        SheetColumn(t("验证日期", "Verified on"), "date"),
    ]
    lines = []
    for n, a in enumerate(results.campaign.actions, start=1):
        state = action_state(a, today)
        lines.append(
            SheetLine(
                [
                    n,
                    action_item_name(results, a),
                    a.description,
                    a.department,
                    a.owner,
                    a.due,
                    a.done_on,
                    label(ACTION_STATE_LABELS, state, lang),
                    a.verified_by,
                    a.verified_on,
                ],
                highlight=state in ("overdue", "not_effective"),
            )
        )
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)


# ---------------------------------------------------------------- the workbook


def survey_summary_xlsx(
    results: CampaignResults,
    path: str | os.PathLike[str] | None = None,
    *,
    lang: str = "zh_CN",
    made_at: datetime | None = None,
    source_file: str | os.PathLike[str] = "",
    company: str = "",
) -> bytes:
    """The summary analysis of one campaign as .xlsx bytes; also written atomically to `path`.

    `made_at` (default now; its local date decides which actions are overdue) and
    `source_file` (the data file the results come from) are stated on the first sheet.
    """
    made_at = made_at or utcnow()
    today = (local_datetime(made_at) or datetime.now()).date()
    report = pick("客户满意度调查汇总分析表", "Customer satisfaction survey summary", lang)
    c = results.campaign
    period = period_text(c.period_start, c.period_end, lang)

    def title(part: str) -> str:
        # short enough for a narrow list printed one page wide: the company is in the page
        # header, when and from which file on the overview sheet
        text = f"{report} {c.number} — {part}"
        return f"{text}    {pick('期间:', 'Period: ', lang)}{period}" if period else text

    wb = new_workbook(report)
    _overview(
        wb,
        results,
        lang=lang,
        made_at=made_at,
        source_file=os.fspath(source_file),
        company=company,
        report=f"{report} {c.number}",
    )
    common = {"lang": lang, "title": title, "company": company}
    _coverage(wb, results, **common)
    _items(wb, results, **common)
    _trend(wb, results, **common)
    _customers(wb, results, **common)
    if results.template.ask_competitor:
        _competitors(wb, results, **common)
    _actions(wb, results, today=today, **common)
    content = workbook_bytes(wb)
    if path is not None:
        write_atomically(path, content)
    return content
