"""The satisfaction survey summary analysis 客户满意度调查汇总分析表 (SPEC §2.4; seed 002 §5.2.2).

One campaign's results: who was asked and who answered, the index against the year's target
(95 % → 97 % → 98 %, 控制程序汇总 §4.1.5), coverage per volume tier against seed 001's rules,
each item's average with the ones below the threshold marked, importance and the comparison
with competitors, a bar chart of the items and a trend chart over the campaigns, loyalty, the
customers lowest index first and the improvement actions with their responsible units.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from app.reports.pdf.eight_d_pdf import due_cell, grid, heading, kept, table, titled
from app.reports.pdf.form_text import FormText, format_date, joined, labels, wrap_words
from app.reports.pdf.layout import (
    CONTENT_WIDTH,
    FONT_NAME,
    FormMeta,
    GridField,
    build_form_pdf,
    markup,
    styles,
)
from app.reports.survey_text import (
    ACTION_STATE_LABELS,
    TIER_SHORT_LABELS,
    action_item_name,
    action_state,
    number,
    percent,
)
from app.services.settings_service import FormSettings
from app.services.survey_data import (
    CAMPAIGN_STATUS_LABELS,
    KEEP_BUYING_LABELS,
    TIER_LABELS,
    CampaignResults,
)

FORM_KEY = "survey_summary"

BAR_COLOR = colors.HexColor("#4F81BD")
BELOW_COLOR = colors.HexColor("#C0504D")
TARGET_COLOR = colors.HexColor("#C0504D")
MET_COLOR = colors.HexColor("#2E7D32")
_CHART_HEIGHT = 62 * mm
_CELL_PADDING = 8  # a table cell's left + right padding (layout.py)


# ---------------------------------------------------------------- pieces


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float | None],
    aligns: Sequence[str],
    empty_text: str | None = None,
):  # noqa: ANN202
    """A list table whose fixed columns are widened to fit their headers' longest word (English
    and bilingual headers), with the short words in those columns wrapped at spaces."""
    fitted: list[float | None] = []
    for header, width in zip(headers, widths, strict=True):
        if width is None:
            fitted.append(None)
            continue
        zh, _sep, en = header.rpartition(" / ")
        words = [zh + " /"] if zh else []
        words += en.split()
        longest = max(stringWidth(w, FONT_NAME, 9) for w in words)
        fitted.append(max(width, longest + _CELL_PADDING + 1))
    inner = [None if w is None else w - _CELL_PADDING for w in fitted]
    wrapped = [
        [
            wrap_words(v, w) if isinstance(v, str) and w is not None else v
            for v, w in zip(row, inner, strict=True)
        ]
        for row in rows
    ]
    return table(headers, wrapped, fitted, aligns, empty_text=empty_text)


def _red(text: str) -> Paragraph:
    return Paragraph(
        markup(text), ParagraphStyle("qd-red", parent=styles().cell, textColor=colors.firebrick)
    )


def _green(text: str) -> Paragraph:
    return Paragraph(
        markup(text), ParagraphStyle("qd-green", parent=styles().cell, textColor=MET_COLOR)
    )


def _period(t: FormText, results: CampaignResults) -> str:
    c = results.campaign
    start, end = format_date(c.period_start), format_date(c.period_end)
    if start and end:
        return f"{start} – {end}" if t.bilingual else f"{start} {t('至', 'to')} {end}"
    return start or end


def _target_cell(t: FormText, results: CampaignResults) -> Flowable | str:
    target = percent(results.campaign.target_pct)
    met = results.target_met
    if met is None:
        return f"{target}{t.paren(t('无回复', 'no answers'))}"
    if met:
        return _green(f"{target}{t.paren(t('已达成', 'met'))}")
    return _red(f"{target}{t.paren(t('未达成', 'not met'))}")


def _overview(t: FormText, results: CampaignResults) -> list[Flowable]:
    c = results.campaign
    template = results.template
    status = t.of(CAMPAIGN_STATUS_LABELS, c.status)
    if c.status == "closed" and c.closed_on:
        status += t.paren(joined(format_date(c.closed_on), c.closed_by))
    below = [i.name for i in results.items if i.below_threshold]
    below_cell: Flowable | str = (
        _red("、".join(below) if t.lang != "en" else ", ".join(below)) if below else t("无", "None")
    )
    invited = t(
        f"邀请 {results.invited} 家，回复 {results.answered} 家，回复率 {percent(results.response_rate_pct)}",
        f"{results.invited} invited, {results.answered} answered, "
        f"response rate {percent(results.response_rate_pct)}",
    )
    late = t(
        f"迟到 {results.late} 份，部分回答 {results.partial} 份",
        f"{results.late} late, {results.partial} partial",
    )
    rows = [
        [
            GridField(t("调查活动", "Survey"), joined(c.number, c.name)),
            GridField(t("状态", "Status"), status),
        ],
        [
            GridField(t("问卷", "Questionnaire"), c.template_label or template.label),
            GridField(t("调查期间", "Period"), _period(t, results)),
        ],
        [
            GridField(t("回复截止", "Answer by"), format_date(c.answer_by)),
            GridField(
                t("分层依据", "Tiers from"),
                t(f"{c.volume_year} 年用量", f"{c.volume_year} volumes") if c.volume_year else "",
            ),
        ],
        [GridField(t("邀请与回复", "Invited and answered"), invited)],
        [GridField(t("迟到与部分", "Late and partial"), late)],
        [
            GridField(t("满意度指数", "Satisfaction index"), percent(results.index_pct)),
            GridField(t("目标", "Target"), _target_cell(t, results)),
        ],
        [
            GridField(t("项目阈值", "Item threshold"), percent(c.threshold_pct)),
            GridField(t("低于阈值的项目", "Items below it"), below_cell),
        ],
    ]
    return kept(heading(t("一、调查概况", "1. Overview")), grid(t, rows))


def _coverage(t: FormText, results: CampaignResults) -> list[Flowable]:
    headers = [
        t("层级(年用量)", "Tier (annual volume)"),
        t("要求比例", "Required"),
        t("顾客数", "Customers"),
        t("应回复", "Answers needed"),
        t("已邀请", "Invited"),
        t("已回复", "Answered"),
        t("覆盖率", "Coverage"),
        t("达到要求", "Met"),
    ]
    rows = []
    for tier in results.coverage:
        if tier.required_pct:
            met: Flowable | str = _green(t("是", "Yes")) if tier.met else _red(t("否", "No"))
            required, needed = f"{tier.required_pct}%", str(tier.required)
        else:
            met, required, needed = "—", t("不作要求", "None"), "—"
        rows.append(
            [
                t.of(TIER_LABELS, tier.tier),
                required,
                str(tier.customers),
                needed,
                str(tier.invited),
                str(tier.answered),
                percent(tier.achieved_pct),
                met,
            ]
        )
    widths = [None, 18 * mm, 16 * mm, 17 * mm, 16 * mm, 16 * mm, 17 * mm, 17 * mm]
    aligns = ["LEFT", "CENTER", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "CENTER"]
    return titled(t("二、调查覆盖率", "2. Coverage"), _table(headers, rows, widths, aligns), True)


def _items(t: FormText, results: CampaignResults) -> list[Flowable]:
    template = results.template
    headers = [
        t("序号", "No."),
        t("调查项目", "Item"),
        t("权重", "Weight"),
        t("回答数", "Answers"),
        t("平均得分", "Average"),
        t("评价", "Rating"),
    ]
    widths: list[float | None] = [10 * mm, None, 14 * mm, 14 * mm, 16 * mm, 18 * mm]
    aligns = ["CENTER", "LEFT", "RIGHT", "RIGHT", "RIGHT", "CENTER"]
    if template.ask_importance:
        headers.append(t("重要程度", "Importance"))
        widths.append(17 * mm)
        aligns.append("RIGHT")
    if template.ask_competitor:
        headers += [t("优于同行", "Better"), t("相当", "Same"), t("不如同行", "Worse")]
        widths += [14 * mm, 12 * mm, 14 * mm]
        aligns += ["RIGHT", "RIGHT", "RIGHT"]
    headers.append(t("改进措施", "Action"))
    widths.append(16 * mm)
    aligns.append("CENTER")
    rows = []
    for n, item in enumerate(results.items, start=1):
        if item.average_pct is None:
            rating: Flowable | str = t("无回答", "No answers")
        elif item.below_threshold:
            rating = _red(t("低于阈值", "Below"))
        else:
            rating = t("合格", "OK")
        if item.has_action:
            action: Flowable | str = t("有", "Yes")
        elif item.below_threshold:
            action = _red(t("待制定", "Needed"))
        else:
            action = "—"
        average = (
            _red(percent(item.average_pct)) if item.below_threshold else percent(item.average_pct)
        )
        row = [str(n), item.name, number(item.weight) + "%", str(item.answered), average, rating]
        if template.ask_importance:
            row.append(number(item.importance_avg, 2))
        if template.ask_competitor:
            row += [str(item.better), str(item.same), str(item.worse)]
        row.append(action)
        rows.append(row)
    listing = _table(headers, rows, widths, aligns)
    story = titled(t("三、各项目满意度", "3. Items"), listing, True)
    story.append(Spacer(1, 3 * mm))
    story.append(KeepTogether([_item_chart(t, results)]))
    return story


def _short(text: str, width: float, size: float) -> str:
    """The text, shortened with an ellipsis to fit width."""
    if stringWidth(text, FONT_NAME, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT_NAME, size) > width:
        text = text[:-1]
    return text + "…"


def _drawing() -> Drawing:
    """A chart's canvas whose text defaults to the embedded CJK font (not Helvetica)."""
    drawing = Drawing(CONTENT_WIDTH, _CHART_HEIGHT)
    drawing.initialFontName = FONT_NAME
    drawing.initialFontSize = 8
    return drawing


def _item_chart(t: FormText, results: CampaignResults) -> Drawing:
    """Each item's average as a bar (red below the threshold), the threshold as a dashed line."""
    items = results.items
    drawing = _drawing()
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 14 * mm
    chart.width, chart.height = CONTENT_WIDTH - 20 * mm, _CHART_HEIGHT - 24 * mm
    chart.data = [[i.average_pct if i.average_pct is not None else 0 for i in items] or [0]]
    slot = chart.width / max(1, len(items))
    chart.categoryAxis.categoryNames = [_short(i.name, slot - 2, 8) for i in items] or [""]
    chart.categoryAxis.labels.fontName = FONT_NAME
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = FONT_NAME
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.bars[0].fillColor = BAR_COLOR
    chart.bars.strokeColor = None
    for n, item in enumerate(items):
        if item.below_threshold:
            chart.bars[(0, n)].fillColor = BELOW_COLOR
    chart.barLabels.fontName = FONT_NAME
    chart.barLabels.fontSize = 7.5
    chart.barLabels.nudge = 6
    chart.barLabelFormat = lambda v: f"{v:.1f}" if v else ""
    chart.barWidth = 10
    drawing.add(chart)
    threshold = results.campaign.threshold_pct
    if threshold is not None:
        y = chart.y + chart.height * threshold / 100
        drawing.add(
            Line(
                chart.x,
                y,
                chart.x + chart.width,
                y,
                strokeColor=TARGET_COLOR,
                strokeDashArray=[3, 2],
                strokeWidth=0.8,
            )
        )
    title = t("各项目平均得分(%)", "Average score per item (%)")
    if threshold is not None:
        limit = number(threshold)
        title += t(f"，虚线为阈值 {limit}%", f", dashed line: threshold {limit}%")
    drawing.add(
        String(
            CONTENT_WIDTH / 2,
            _CHART_HEIGHT - 6 * mm,
            title,
            fontName=FONT_NAME,
            fontSize=9,
            textAnchor="middle",
        )
    )
    return drawing


def _trend_chart(t: FormText, results: CampaignResults) -> Drawing:
    """The index per campaign, oldest first, with the target of each."""
    points = results.trend
    drawing = _drawing()
    chart = HorizontalLineChart()
    chart.x, chart.y = 14 * mm, 14 * mm
    chart.width, chart.height = CONTENT_WIDTH - 20 * mm, _CHART_HEIGHT - 28 * mm
    chart.data = [[p.index_pct for p in points], [p.target_pct for p in points]]
    slot = chart.width / max(1, len(points))
    chart.categoryAxis.categoryNames = [_short(p.name or p.number, slot - 2, 8) for p in points]
    chart.categoryAxis.labels.fontName = FONT_NAME
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "n"
    known = [v for row in chart.data for v in row if v is not None]
    low = min(known, default=80)
    chart.valueAxis.valueMin = max(0, min(80, (int(low) // 10) * 10))
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 5 if chart.valueAxis.valueMin >= 60 else 10
    chart.valueAxis.labels.fontName = FONT_NAME
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.joinedLines = True
    chart.lines[0].strokeColor = BAR_COLOR
    chart.lines[0].strokeWidth = 1.5
    chart.lines[0].symbol = makeMarker("FilledCircle", size=4, fillColor=BAR_COLOR)
    chart.lines[1].strokeColor = TARGET_COLOR
    chart.lines[1].strokeDashArray = [3, 2]
    chart.lines[1].strokeWidth = 1
    chart.lineLabels.fontName = FONT_NAME
    chart.lineLabels.fontSize = 7.5
    chart.lineLabelFormat = None
    drawing.add(chart)
    legend = Legend()
    # one row under the title, above the plot
    legend.x, legend.y = chart.x, chart.y + chart.height + 6 * mm
    legend.fontName, legend.fontSize = FONT_NAME, 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx, legend.dy = 8, 3
    legend.deltax = 60 * mm
    legend.colorNamePairs = [
        (BAR_COLOR, t("满意度指数", "Satisfaction index")),
        (TARGET_COLOR, t("目标", "Target")),
    ]
    drawing.add(legend)
    title = t("满意度指数趋势(%)", "Satisfaction index trend (%)")
    drawing.add(
        String(
            CONTENT_WIDTH / 2,
            _CHART_HEIGHT - 6 * mm,
            title,
            fontName=FONT_NAME,
            fontSize=9,
            textAnchor="middle",
        )
    )
    return drawing


def _trend(t: FormText, results: CampaignResults) -> list[Flowable]:
    headers = [
        t("调查活动", "Survey"),
        t("名称", "Name"),
        t("期间开始", "Period from"),
        t("回复数", "Answers"),
        t("满意度指数", "Index"),
        t("目标", "Target"),
        t("达成", "Met"),
    ]
    rows = []
    for p in results.trend:
        if p.index_pct is None:
            met: Flowable | str = "—"
        elif p.index_pct >= p.target_pct:
            met = _green(t("是", "Yes"))
        else:
            met = _red(t("否", "No"))
        rows.append(
            [
                p.number,
                p.name,
                format_date(p.period_start),
                str(p.responses),
                percent(p.index_pct),
                percent(p.target_pct),
                met,
            ]
        )
    widths = [28 * mm, None, 24 * mm, 16 * mm, 22 * mm, 18 * mm, 15 * mm]
    aligns = ["LEFT", "LEFT", "CENTER", "RIGHT", "RIGHT", "RIGHT", "CENTER"]
    story = titled(t("四、满意度趋势", "4. Trend"), _table(headers, rows, widths, aligns), True)
    if results.trend:
        story += [Spacer(1, 3 * mm), KeepTogether([_trend_chart(t, results)])]
    return story


def _loyalty(t: FormText, results: CampaignResults) -> list[Flowable]:
    counts = results.keep_buying
    answered = sum(counts.get(k, 0) for k in KEEP_BUYING_LABELS)

    def share(key: str) -> str:
        n = counts.get(key, 0)
        return f"{n}{t.paren(percent(100 * n / answered))}" if answered else str(n)

    nps = results.nps
    rows = [
        [
            GridField(t("会继续采购", "Will keep buying"), share("yes")),
            GridField(t("不确定", "Maybe"), share("maybe")),
        ],
        [
            GridField(t("不会继续采购", "Will not"), share("no")),
            GridField(
                t("推荐意愿平均(0–10)", "Recommend, average (0–10)"), number(results.recommend_avg)
            ),
        ],
        [
            GridField(t("推荐者(9–10)", "Promoters (9–10)"), str(results.promoters)),
            GridField(t("贬损者(0–6)", "Detractors (0–6)"), str(results.detractors)),
        ],
        [GridField(t("净推荐值 NPS", "Net promoter score"), "—" if nps is None else f"{nps:+.1f}")],
    ]
    return kept(heading(t("五、顾客忠诚度", "5. Loyalty")), grid(t, rows))


def _customers(t: FormText, results: CampaignResults, section: str) -> list[Flowable]:
    loyalty = results.template.ask_loyalty
    headers = [
        t("序号", "No."),
        t("顾客编号", "Code"),
        t("顾客名称", "Customer"),
        t("层级", "Tier"),
        t("满意度指数", "Index"),
        t("回复日期", "Answered on"),
        t("备注", "Note"),
    ]
    widths: list[float | None] = [10 * mm, 18 * mm, None, 18 * mm, 21 * mm, 21 * mm, 22 * mm]
    aligns = ["CENTER", "LEFT", "LEFT", "CENTER", "RIGHT", "CENTER", "CENTER"]
    if loyalty:
        headers += [t("继续采购", "Keep buying"), t("推荐", "Recommend")]
        widths += [16 * mm, 14 * mm]
        aligns += ["CENTER", "RIGHT"]
    threshold = results.campaign.threshold_pct
    rows = []
    for n, c in enumerate(results.customers, start=1):
        index: Flowable | str = percent(c.index_pct)
        if c.index_pct is not None and threshold is not None and c.index_pct < threshold:
            index = _red(percent(c.index_pct))
        note = joined(
            t("迟到", "late") if c.late else "",
            t("部分", "partial") if c.partial else "",
            sep=t("、", ", "),
        )
        row = [
            str(n),
            c.customer_code,
            c.customer_name,
            t.of(TIER_SHORT_LABELS, c.tier),
            index,
            format_date(c.answered_on),
            note,
        ]
        if loyalty:
            row += [
                t.of(KEEP_BUYING_LABELS, c.keep_buying) if c.keep_buying else "",
                "" if c.recommend is None else str(c.recommend),
            ]
        rows.append(row)
    listing = _table(headers, rows, widths, aligns, empty_text=t("尚无回复", "No answers yet"))
    title = section + t("各顾客满意度(指数由低到高)", "Customers (lowest index first)")
    return titled(title, listing, True)


def _actions(t: FormText, results: CampaignResults, section: str, today: date) -> list[Flowable]:
    headers = [
        t("序号", "No."),
        t("调查项目", "Item"),
        t("改进措施", "Improvement action"),
        t("责任部门", "Dept."),
        t("责任人", "Owner"),
        t("计划完成", "Due"),
        t("状态", "Status"),
    ]
    widths = [10 * mm, 24 * mm, None, 20 * mm, 17 * mm, 21 * mm, 24 * mm]
    aligns = ["CENTER", "LEFT", "LEFT", "LEFT", "LEFT", "CENTER", "CENTER"]
    rows = []
    for n, a in enumerate(results.campaign.actions, start=1):
        state = action_state(a, today)
        status_text = t.of(ACTION_STATE_LABELS, state)
        if a.done_on and state in ("done", "effective", "not_effective"):
            status_text += "\n" + format_date(a.verified_on or a.done_on)
        status: Flowable | str = (
            _red(status_text) if state in ("overdue", "not_effective") else status_text
        )
        rows.append(
            [
                str(n),
                action_item_name(results, a),
                a.description,
                a.department,
                a.owner,
                due_cell(a),
                status,
            ]
        )
    listing = _table(headers, rows, widths, aligns, empty_text=t("无", "None"))
    story = titled(section + t("改进措施", "Improvement actions"), listing, True)
    missing = [i.name for i in results.items if i.below_threshold and not i.has_action]
    if missing:
        names = ("、" if t.lang != "en" else ", ").join(missing)
        story.append(Spacer(1, 2 * mm))
        story.append(
            _red(
                t(
                    f"低于阈值、尚无改进措施的项目：{names}",
                    f"Below the threshold and no action yet: {names}",
                )
            )
        )
    return story


def _sections(t: FormText) -> Sequence[str]:
    if t.lang == "en":
        return [f"{n}. " for n in range(5, 9)]
    return ["五、", "六、", "七、", "八、"]


# ---------------------------------------------------------------- the form


def survey_summary_pdf(
    results: CampaignResults,
    settings: FormSettings,
    lang: str = "zh_CN",
    *,
    today: date | None = None,
) -> bytes:
    """The summary analysis of one campaign as PDF bytes (A4; "zh_CN", "en" or "bilingual").

    `today` decides which improvement actions are overdue (default: today).
    """
    t = labels(lang)
    today = today or date.today()
    form = settings.form(FORM_KEY)
    meta = FormMeta(
        company_name=settings.company_name,
        logo_png=settings.logo_png,
        title=t.title(FORM_KEY),
        form_code=form.code,
        revision=form.revision,
        record_no=results.campaign.number,
        signatures=[
            (t("编制", "Prepared by"), settings.clerk_name),
            (t("审核", "Reviewed by"), ""),
            (t("批准", "Approved by"), ""),
        ],
        lang=t.page_lang,
    )
    story: list[Flowable] = [
        *_overview(t, results),
        *_coverage(t, results),
        *_items(t, results),
        *_trend(t, results),
    ]
    sections = iter(_sections(t))
    if results.template.ask_loyalty:
        story += _loyalty(t, results)
        next(sections)
    story += _customers(t, results, next(sections))
    story += _actions(t, results, next(sections), today)
    return build_form_pdf(meta, story)
