"""The complaint summary 顾客投诉/抱怨汇总处理表 and the annual review as A4 forms (SPEC §2.6, §3;
顾客管理程序 §4.1.7; seed 002 §5.2.3–5.2.4).

The same views as the workbook, one section each: the totals; complaints by customer, product,
defect category (a Pareto table and chart, the vital few in red), responsible department and
severity; the 24-month trend (a chart and the figures); the seasons; repeat (经常) against
one-off (偶发) problems with the tickets of each repeat problem; the deadlines met; closure and
reopenings; returns by disposition and responsibility, bulk returns 统退货 stated apart (never
complaint cases); claims and the external loss; the satisfaction campaign; open actions per
department. The annual review puts the comparison with the year before and the targets first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

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

from app.models.common import utcnow
from app.reports.pdf.eight_d_pdf import grid, heading, kept, long_table, table, titled
from app.reports.pdf.form_text import (
    FormText,
    format_date,
    format_datetime,
    format_money,
    format_qty,
    labels,
)
from app.reports.pdf.layout import (
    CONTENT_WIDTH,
    FONT_NAME,
    FormMeta,
    GridField,
    build_form_pdf,
    markup,
    styles,
)
from app.reports.survey_text import number, percent
from app.services.deadlines import LABELS as DEADLINE_LABELS
from app.services.settings_service import FormSettings
from app.services.summary_data import (
    AnnualSummary,
    ComplaintSummary,
    CountRow,
    DeadlineFigures,
)

SUMMARY_FORM = "complaint_summary"
ANNUAL_FORM = "annual_summary"

BAR_COLOR = colors.HexColor("#4F81BD")
SECOND_COLOR = colors.HexColor("#9BBB59")
VITAL_COLOR = colors.HexColor("#C0504D")
LINE_COLOR = colors.HexColor("#333333")
MET_COLOR = colors.HexColor("#2E7D32")
GRID_LINE = colors.HexColor("#DDDDDD")
_CHART_HEIGHT = 66 * mm
_ZH_NUMBERS = "一二三四五六七八九十"


# ---------------------------------------------------------------- pieces


class _Sections:
    """一、二、… or 1. 2. …: the next section's number before its title."""

    def __init__(self, t: FormText) -> None:
        self.t = t
        self.n = 0

    def __call__(self, zh: str, en: str) -> str:
        self.n += 1
        if self.t.lang == "en":
            return f"{self.n}. {en}"
        return f"{_zh_number(self.n)}、{self.t(zh, en)}"


def _zh_number(n: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 20 → 二十 (enough for a report's sections)."""
    tens, ones = divmod(n, 10)
    text = ("" if tens <= 1 else _ZH_NUMBERS[tens - 1]) + ("十" if tens else "")
    return text + (_ZH_NUMBERS[ones - 1] if ones else "")


def _colored(text: str, color: colors.Color, *, right: bool = False) -> Paragraph:
    parent = styles().cell_right if right else styles().cell
    name = f"qd-{color.hexval()}-{'right' if right else 'left'}"
    return Paragraph(markup(text), ParagraphStyle(name, parent=parent, textColor=color))


def _count(value: float) -> str:
    return format_qty(value) or "0"


def _met(t: FormText, met: bool | None) -> Flowable | str:
    """✓ met, ✘ not met (the embedded font has no ✗), or no data."""
    if met is None:
        return t("无数据", "no data")
    if met:
        return _colored(t("✓ 达成", "✓ met"), MET_COLOR)
    return _colored(t("✘ 未达成", "✘ not met"), VITAL_COLOR)


def _short(text: str, width: float, size: float) -> str:
    """The text on one line, shortened with an ellipsis to fit width."""
    text = " ".join(str(text).split())
    if stringWidth(text, FONT_NAME, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT_NAME, size) > width:
        text = text[:-1]
    return text + "…"


def _listed(items: Sequence[str], sep: str, width: float, size: float = 9) -> str:
    """The items separated, broken into lines between items (never inside a ticket number)."""
    lines: list[str] = []
    for n, item in enumerate(items):
        text = item + (sep.rstrip() if n < len(items) - 1 else "")
        if lines and stringWidth(lines[-1] + text, FONT_NAME, size) <= width:
            lines[-1] += text
        else:
            lines.append(text)
        if n < len(items) - 1 and sep.endswith(" "):
            lines[-1] += " "
    return "\n".join(line.rstrip() for line in lines)


def _drawing(title: str, height: float = _CHART_HEIGHT) -> Drawing:
    """A chart's canvas whose text defaults to the embedded CJK font, its title on top."""
    drawing = Drawing(CONTENT_WIDTH, height)
    drawing.initialFontName = FONT_NAME
    drawing.initialFontSize = 8
    drawing.add(
        String(
            CONTENT_WIDTH / 2,
            height - 5 * mm,
            title,
            fontName=FONT_NAME,
            fontSize=9,
            textAnchor="middle",
        )
    )
    return drawing


def _value_axis(chart, top: float) -> None:  # noqa: ANN001
    """Whole numbers from 0 to a round value above `top`, in the CJK font, with a light grid."""
    step = max(1, _nice_step(top))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * (int(top // step) + 1)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = FONT_NAME
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID_LINE


def _nice_step(top: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 8:
            return step
    return int(top // 8) + 1


def _legend(
    drawing: Drawing, x: float, y: float, pairs: Sequence[tuple[colors.Color, str]]
) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = FONT_NAME, 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx, legend.dy = 8, 6
    legend.deltax = 40 * mm
    legend.colorNamePairs = list(pairs)
    drawing.add(legend)


# ---------------------------------------------------------------- sections


def _overview(
    t: FormText,
    s: ComplaintSummary,
    section: _Sections,
    *,
    made_at: datetime,
    source_file: str,
) -> list[Flowable]:
    totals = s.totals
    rows = [
        [
            GridField(t("统计期间", "Period"), s.period.label),
            GridField(t("统计截至", "As of"), format_date(s.as_of)),
        ],
        [
            GridField(t("制表时间", "Made at"), format_datetime(made_at)),
            GridField(t("数据文件", "Data file"), source_file or "—"),
        ],
        [
            GridField(t("投诉件数", "Complaints"), str(totals.received)),
            GridField(t("重开件数", "Reopenings"), str(totals.reopenings)),
        ],
        [
            GridField(t("结案件数", "Closed"), str(totals.closed)),
            GridField(t("期末未结案", "Open at the end"), str(totals.open_at_end)),
        ],
        [
            GridField(t("期末逾期未结", "Overdue at the end"), str(totals.overdue_at_end)),
            GridField(t("重大投诉", "Major"), str(totals.major)),
        ],
        [
            GridField(t("造成顾客停线", "Line stopped"), str(totals.line_stopped)),
            GridField(t("不良数量", "Qty defective"), _count(totals.qty_defective)),
        ],
    ]
    return kept(heading(section("概况", "Overview")), grid(t, rows))


def _count_table(
    t: FormText,
    title: str,
    heads: Sequence[tuple[str, float | None]],
    rows: Sequence[CountRow],
    keys,  # noqa: ANN001  (CountRow -> list of the leading cells)
) -> list[Flowable]:
    headers = [
        t("序号", "No."),
        *(h for h, _ in heads),
        t("投诉件数", "Complaints"),
        t("占比", "Share"),
        t("不良数量", "Qty defective"),
    ]
    widths = [10 * mm, *(w for _, w in heads), 20 * mm, 18 * mm, 22 * mm]
    aligns = ["CENTER", *("LEFT" for _ in heads), "RIGHT", "RIGHT", "RIGHT"]
    # a big plant's year lists thousands of customers and products: laid out a page at a time
    body = (
        [
            str(n),
            *keys(row),
            str(row.count),
            percent(row.share_pct),
            _count(row.qty_defective),
        ]
        for n, row in enumerate(rows, start=1)
    )
    return titled(title, long_table(headers, body, widths, aligns), True)


def _breakdowns(t: FormText, s: ComplaintSummary, section: _Sections) -> list[Flowable]:
    not_given = t("(未填写)", "(not given)")
    story = _count_table(
        t,
        section("按顾客", "By customer"),
        [(t("顾客编号", "Code"), 22 * mm), (t("顾客名称", "Customer"), None)],
        s.by_customer,
        lambda r: [r.key, r.label],
    )
    story += _count_table(
        t,
        section("按产品", "By product"),
        [(t("零件号/型号", "Part / model"), 40 * mm), (t("名称", "Name"), None)],
        s.by_product,
        lambda r: [r.key or not_given, r.label],
    )
    story += _pareto(t, s, section)
    story += _count_table(
        t,
        section("按责任部门", "By responsible department"),
        [(t("责任部门", "Department"), None)],
        s.by_department,
        lambda r: [r.label],
    )
    story += _count_table(
        t,
        section("按严重度", "By severity"),
        [(t("严重度", "Severity"), None)],
        s.by_severity,
        lambda r: [r.label],
    )
    return story


def _pareto(t: FormText, s: ComplaintSummary, section: _Sections) -> list[Flowable]:
    headers = [
        t("序号", "No."),
        t("不良类别", "Defect category"),
        t("投诉件数", "Complaints"),
        t("占比", "Share"),
        t("累计占比", "Cumulative"),
        t("关键少数", "Vital few"),
    ]
    rows = [
        [
            str(n),
            row.label,
            str(row.count),
            percent(row.share_pct),
            percent(row.cumulative_pct),
            _colored(t("★ 是", "★ yes"), VITAL_COLOR) if row.vital_few else "",
        ]
        for n, row in enumerate(s.pareto, start=1)
    ]
    widths = [10 * mm, None, 20 * mm, 18 * mm, 20 * mm, 20 * mm]
    aligns = ["CENTER", "LEFT", "RIGHT", "RIGHT", "RIGHT", "CENTER"]
    title = section("不良类别柏拉图分析", "Pareto of defect categories")
    story = titled(title, table(headers, rows, widths, aligns), True)
    if s.pareto:
        story += [Spacer(1, 3 * mm), KeepTogether([_pareto_chart(t, s)])]
    return story


def _pareto_chart(t: FormText, s: ComplaintSummary) -> Drawing:
    """Bars of the complaints per category (the vital few red), the cumulative share as a line
    against the right-hand axis (0–100 %), and the 80 % mark dashed."""
    rows = s.pareto
    drawing = _drawing(t("不良类别柏拉图(红色为关键少数)", "Pareto (red: the vital few)"))
    bars = VerticalBarChart()
    bars.x, bars.y = 14 * mm, 14 * mm
    bars.width, bars.height = CONTENT_WIDTH - 30 * mm, _CHART_HEIGHT - 26 * mm
    bars.data = [[row.count for row in rows]]
    slot = bars.width / len(rows)
    bars.categoryAxis.categoryNames = [_short(row.label, slot - 2, 8) for row in rows]
    bars.categoryAxis.labels.fontName = FONT_NAME
    bars.categoryAxis.labels.fontSize = 8
    bars.categoryAxis.labels.boxAnchor = "n"
    _value_axis(bars, max(row.count for row in rows))
    bars.bars[0].fillColor = BAR_COLOR
    bars.bars.strokeColor = None
    for n, row in enumerate(rows):
        if row.vital_few:
            bars.bars[(0, n)].fillColor = VITAL_COLOR
    bars.barLabels.fontName = FONT_NAME
    bars.barLabels.fontSize = 7.5
    bars.barLabels.nudge = 6
    bars.barLabelFormat = "%d"
    bars.barWidth = 10
    bars.groupSpacing = 4
    drawing.add(bars)

    line = HorizontalLineChart()
    line.x, line.y, line.width, line.height = bars.x, bars.y, bars.width, bars.height
    line.data = [[row.cumulative_pct for row in rows]]
    line.categoryAxis.categoryNames = [""] * len(rows)
    line.categoryAxis.visible = False
    line.valueAxis.valueMin, line.valueAxis.valueMax = 0, 100
    line.valueAxis.visible = False
    line.joinedLines = True
    line.lines[0].strokeColor = LINE_COLOR
    line.lines[0].strokeWidth = 1.2
    line.lines[0].symbol = makeMarker("FilledCircle", size=4, fillColor=LINE_COLOR)
    drawing.add(line)

    right = bars.x + bars.width
    drawing.add(Line(right, bars.y, right, bars.y + bars.height, strokeColor=colors.black))
    for pct in range(0, 101, 20):
        y = bars.y + bars.height * pct / 100
        drawing.add(Line(right, y, right + 2, y, strokeColor=colors.black))
        drawing.add(String(right + 4, y - 3, f"{pct}%", fontName=FONT_NAME, fontSize=8))
    y80 = bars.y + bars.height * 0.8
    drawing.add(
        Line(
            bars.x,
            y80,
            right,
            y80,
            strokeColor=VITAL_COLOR,
            strokeDashArray=[3, 2],
            strokeWidth=0.8,
        )
    )
    _legend(
        drawing,
        bars.x,
        bars.y + bars.height + 6 * mm,
        [
            (BAR_COLOR, t("投诉件数", "Complaints")),
            (LINE_COLOR, t("累计占比", "Cumulative share")),
            (VITAL_COLOR, t("80% 线", "80 % line")),
        ],
    )
    return drawing


def _trend(t: FormText, s: ComplaintSummary, section: _Sections) -> list[Flowable]:
    title = section(f"月度趋势({len(s.trend)}个月)", f"Trend ({len(s.trend)} months)")
    if not s.trend:
        return kept(heading(title), [Paragraph(markup(t("无", "None")), styles().cell)])
    story: list[Flowable] = [KeepTogether([*heading(title), _trend_chart(t, s)])]
    # the figures under the chart: twelve months a table, months across
    for start in range(0, len(s.trend), 12):
        points = s.trend[start : start + 12]
        headers = [t("月份", "Month"), *(p.month[2:] for p in points)]
        rows = [
            [t("投诉", "Received"), *(str(p.received) for p in points)],
            [t("结案", "Closed"), *(str(p.closed) for p in points)],
        ]
        widths: list[float | None] = [None] + [13.5 * mm] * len(points)
        aligns = ["LEFT"] + ["RIGHT"] * len(points)
        story += [Spacer(1, 2 * mm), KeepTogether([table(headers, rows, widths, aligns)])]
    return story


def _trend_chart(t: FormText, s: ComplaintSummary) -> Drawing:
    points = s.trend
    drawing = _drawing(t("每月投诉与结案件数", "Complaints received and tickets closed per month"))
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 16 * mm
    chart.width, chart.height = CONTENT_WIDTH - 16 * mm, _CHART_HEIGHT - 30 * mm
    chart.data = [[p.received for p in points], [p.closed for p in points]]
    chart.categoryAxis.categoryNames = [p.month[2:] for p in points]
    chart.categoryAxis.labels.fontName = FONT_NAME
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 45
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.categoryAxis.labels.dy = -2
    _value_axis(chart, max(max(p.received, p.closed) for p in points))
    chart.bars[0].fillColor = BAR_COLOR
    chart.bars[1].fillColor = SECOND_COLOR
    chart.bars.strokeColor = None
    chart.groupSpacing = 3
    chart.barSpacing = 0.5
    drawing.add(chart)
    _legend(
        drawing,
        chart.x,
        chart.y + chart.height + 6 * mm,
        [(BAR_COLOR, t("投诉件数", "Received")), (SECOND_COLOR, t("结案件数", "Closed"))],
    )
    return drawing


def _seasons(t: FormText, s: ComplaintSummary, section: _Sections) -> list[Flowable]:
    years = [year for year, _ in s.seasons[0].counts] if s.seasons else []
    headers = [t("季度", "Quarter"), *(t(f"{y}年", str(y)) for y in years)]
    rows = [[row.label, *(str(n) for _, n in row.counts)] for row in s.seasons]
    widths: list[float | None] = [None] + [28 * mm] * len(years)
    aligns = ["LEFT"] + ["RIGHT"] * len(years)
    title = section("季节性分析(各季度投诉件数)", "Seasons (complaints per quarter)")
    return titled(title, table(headers, rows, widths, aligns), True)


def _frequency(t: FormText, s: ComplaintSummary, section: _Sections) -> list[Flowable]:
    f = s.frequency
    rows = [
        [
            GridField(
                t("经常(重复)", "Repeat"), t(f"{f.repeat_complaints} 件", str(f.repeat_complaints))
            ),
            GridField(
                t("偶发", "One-off"), t(f"{f.one_off_complaints} 件", str(f.one_off_complaints))
            ),
        ],
        [
            GridField(
                t("判定规则", "Rule"),
                t(
                    f"同一顾客、产品、不良类别在 {f.window_months} 个月内出现两次及以上",
                    f"the same customer, product and defect twice or more within "
                    f"{f.window_months} months",
                ),
            )
        ],
    ]
    headers = [
        t("顾客", "Customer"),
        t("零件号/型号", "Part / model"),
        t("不良类别", "Defect"),
        t("本期", "In period"),
        t(f"{f.window_months}个月内", "In window"),
        t("投诉单号", "Tickets"),
    ]
    sep = "、" if t.lang == "zh_CN" else ", "
    widths = [36 * mm, 24 * mm, 24 * mm, 14 * mm, 16 * mm, None]
    numbers_width = CONTENT_WIDTH - sum(w or 0 for w in widths) - 8  # less the cell padding
    listing = (
        [
            f"{p.customer_code} {p.customer_name}".strip(),
            p.item,
            p.defect_category or t("(未填写)", "(not given)"),
            str(p.in_period),
            str(p.in_window),
            _listed(p.numbers, sep, numbers_width),
        ]
        for p in f.problems
    )
    aligns = ["LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT"]
    story = kept(heading(section("经常与偶发问题", "Repeat and one-off problems")), grid(t, rows))
    story += titled(
        t("重复问题清单", "Repeat problems"),
        long_table(
            headers, listing, widths, aligns, empty_text=t("无重复问题", "No repeat problems")
        ),
    )
    return story


def _deadline_row(t: FormText, d: DeadlineFigures) -> list[object]:
    return [
        t.of(DEADLINE_LABELS, d.key),
        str(d.on_time),
        str(d.late),
        _colored(str(d.overdue), VITAL_COLOR, right=True) if d.overdue else "0",
        str(d.pending),
        percent(d.on_time_pct),
        number(d.average_hours),
    ]


def _deadlines(t: FormText, s: ComplaintSummary, section: _Sections) -> list[Flowable]:
    headers = [
        t("期限", "Deadline"),
        t("按时", "On time"),
        t("迟交", "Late"),
        t("逾期未完成", "Overdue"),
        t("未到期", "Pending"),
        t("及时率", "On time %"),
        t("平均小时", "Avg hours"),
    ]
    rows = [_deadline_row(t, d) for d in (s.containment, s.answer)]
    widths = [None, 18 * mm, 18 * mm, 22 * mm, 18 * mm, 20 * mm, 22 * mm]
    aligns = ["LEFT"] + ["RIGHT"] * 6
    c = s.closure
    closure = [
        [
            GridField(t("结案件数", "Closed"), str(c.closed)),
            GridField(
                t("平均结案天数", "Average days"),
                number(c.average_days),
            ),
        ],
        [
            GridField(t("其后重开", "Reopened since"), str(c.reopened)),
            GridField(t("重开率", "Reopen rate"), percent(c.reopen_rate_pct)),
        ],
    ]
    title = section("期限达成与结案", "Deadlines and closure")
    story = titled(title, table(headers, rows, widths, aligns), True)
    story += [Spacer(1, 2 * mm), *kept(grid(t, closure))]
    return story


def _returns(t: FormText, s: ComplaintSummary, section: _Sections) -> list[Flowable]:
    totals = s.returns.totals
    rows = [
        [
            GridField(t("退货单数", "Returns"), str(totals.returns)),
            GridField(t("客户抱怨案件", "Complaint cases"), str(totals.complaint_cases)),
        ],
        [
            GridField(
                t("统退货", "Bulk returns"),
                t(
                    f"{totals.bulk_returns}(不计入客户抱怨)",
                    f"{totals.bulk_returns} (not complaints)",
                ),
            ),
            GridField(
                t("退货/不良数量", "Returned / defective"),
                f"{_count(totals.qty_returned)} / {_count(totals.qty_defective)}",
            ),
        ],
    ]
    disposed = sum(row.quantity for row in s.returns.by_disposition)
    dispositions = [
        [
            row.label,
            _count(row.quantity),
            percent(100 * row.quantity / disposed if disposed else None),
            str(row.returns),
            str(row.lines),
        ]
        for row in s.returns.by_disposition
    ]
    responsibility = [
        [
            row.label,
            str(row.returns),
            str(row.complaint_cases),
            str(row.bulk_returns),
            _count(row.qty_returned),
            _count(row.qty_defective),
        ]
        for row in s.returns.by_responsibility
    ]
    story = kept(heading(section("退货", "Returns")), grid(t, rows))
    story += titled(
        t("按处置方式", "By disposition"),
        table(
            [
                t("处置方式", "Disposition"),
                t("数量", "Quantity"),
                t("占比", "Share"),
                t("退货单数", "Returns"),
                t("行数", "Lines"),
            ],
            dispositions,
            [None, 24 * mm, 20 * mm, 22 * mm, 18 * mm],
            ["LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"],
        ),
    )
    story += titled(
        t("按责任判定", "By responsibility"),
        table(
            [
                t("责任判定", "Responsibility"),
                t("退货单数", "Returns"),
                t("客户抱怨案件", "Complaint cases"),
                t("统退货", "Bulk"),
                t("退货数量", "Qty returned"),
                t("不良数量", "Qty defective"),
            ],
            responsibility,
            [None, 20 * mm, 26 * mm, 18 * mm, 24 * mm, 24 * mm],
            ["LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"],
        ),
    )
    return story


def _claims(t: FormText, s: ComplaintSummary, section: _Sections) -> list[Flowable]:
    c = s.claims
    rows = [
        [
            GridField(t("涉及单数", "Tickets"), str(c.tickets)),
            GridField(t("索赔金额", "Claimed"), format_money(c.claimed)),
        ],
        [
            GridField(t("确认金额", "Agreed"), format_money(c.agreed)),
            GridField(t("已付金额", "Paid"), format_money(c.paid)),
        ],
        [
            GridField(t("向供方追偿", "Charged back"), format_money(c.charged_back)),
            GridField(t("外部损失", "External loss"), format_money(c.external_loss)),
        ],
    ]
    return kept(heading(section("索赔与外部损失", "Claims and external loss")), grid(t, rows))


def _satisfaction(t: FormText, s: ComplaintSummary, section: _Sections) -> list[Flowable]:
    f = s.satisfaction
    title = section("顾客满意度", "Customer satisfaction")
    if f is None:
        rows = [[GridField(t("调查活动", "Survey"), t("无调查活动", "no campaign"))]]
        return kept(heading(title), grid(t, rows))
    rows = [
        [
            GridField(t("调查活动", "Survey"), f.number),
            GridField(
                t("调查期间", "Period"),
                f"{format_date(f.period_start)} – {format_date(f.period_end)}",
            ),
        ],
        [
            GridField(t("满意度指数", "Index"), percent(f.index_pct)),
            GridField(t("目标", "Target"), percent(f.target_pct)),
        ],
        [
            GridField(t("达成目标", "Target met"), _met(t, f.target_met)),
            GridField(
                t("回复率", "Response rate"),
                f"{percent(f.response_rate_pct)}{t.paren(f'{f.answered}/{f.invited}')}",
            ),
        ],
    ]
    return kept(heading(title), grid(t, rows))


def _actions(t: FormText, s: ComplaintSummary, section: _Sections) -> list[Flowable]:
    headers = [t("责任部门", "Department"), t("未完成", "Open"), t("其中逾期", "Of which overdue")]
    rows = [
        [
            a.label,
            str(a.open),
            _colored(str(a.overdue), VITAL_COLOR, right=True) if a.overdue else "0",
        ]
        for a in s.actions
    ]
    title = section(
        f"未完成措施(截至 {format_date(s.as_of)})", f"Open actions ({format_date(s.as_of)})"
    )
    listing = table(headers, rows, [None, 30 * mm, 30 * mm], ["LEFT", "RIGHT", "RIGHT"])
    return titled(title, listing, True)


def _views(t: FormText, s: ComplaintSummary, section: _Sections) -> list[Flowable]:
    return [
        *_breakdowns(t, s, section),
        *_trend(t, s, section),
        *_seasons(t, s, section),
        *_frequency(t, s, section),
        *_deadlines(t, s, section),
        *_returns(t, s, section),
        *_claims(t, s, section),
        *_satisfaction(t, s, section),
        *_actions(t, s, section),
    ]


def _comparison(t: FormText, annual: AnnualSummary, section: _Sections) -> list[Flowable]:
    headers = [
        t("项目", "Figure"),
        t(f"{annual.year}年", str(annual.year)),
        t(f"{annual.year - 1}年", str(annual.year - 1)),
        t("变化", "Change"),
    ]
    rows = [
        [
            row.label,
            number(row.this_year, 2),
            number(row.last_year, 2),
            _change(row.change),
        ]
        for row in annual.comparison
    ]
    widths = [None, 30 * mm, 30 * mm, 30 * mm]
    title = section("同比分析", "Year on year")
    return titled(title, table(headers, rows, widths, ["LEFT", "RIGHT", "RIGHT", "RIGHT"]), True)


def _change(value: float | None) -> str:
    """+4, -9.28, 0; "—" when a year has no figure."""
    if value is None:
        return "—"
    return f"+{number(value, 2)}" if value > 0 else number(value, 2)


def _targets(t: FormText, annual: AnnualSummary, section: _Sections) -> list[Flowable]:
    headers = [
        t("目标项目", "Target"),
        t("目标值", "Target value"),
        t("实际值", "Actual"),
        t("达成", "Met"),
    ]
    rows = [
        [
            row.label,
            f"{t('≥', '≥ ') if row.higher_is_better else t('≤', '≤ ')}{number(row.target, 2)}",
            number(row.actual, 2),
            _met(t, row.met),
        ]
        for row in annual.targets
    ]
    widths = [None, 30 * mm, 30 * mm, 30 * mm]
    title = section("目标达成", "Targets")
    return titled(title, table(headers, rows, widths, ["LEFT", "RIGHT", "RIGHT", "CENTER"]), True)


# ---------------------------------------------------------------- the forms


def _meta(t: FormText, settings: FormSettings, key: str, record_no: str) -> FormMeta:
    form = settings.form(key)
    return FormMeta(
        company_name=settings.company_name,
        logo_png=settings.logo_png,
        title=t.title(key),
        form_code=form.code,
        revision=form.revision,
        record_no=record_no,
        signatures=[
            (t("编制", "Prepared by"), settings.clerk_name),
            (t("审核", "Reviewed by"), ""),
            (t("批准", "Approved by"), ""),
        ],
        lang=t.page_lang,
    )


def complaint_summary_pdf(
    summary: ComplaintSummary,
    settings: FormSettings,
    lang: str = "zh_CN",
    *,
    made_at: datetime | None = None,
    source_file: str = "",
) -> bytes:
    """The complaint summary of a month, a range or a year as PDF bytes (A4; "zh_CN", "en" or
    "bilingual"). `made_at` (default: now) and `source_file` are stated in the overview."""
    t = labels(lang)
    section = _Sections(t)
    story = [
        *_overview(t, summary, section, made_at=made_at or utcnow(), source_file=source_file),
        *_views(t, summary, section),
    ]
    meta = _meta(t, settings, SUMMARY_FORM, summary.period.label)
    return build_form_pdf(meta, story)


def annual_summary_pdf(
    annual: AnnualSummary,
    settings: FormSettings,
    lang: str = "zh_CN",
    *,
    made_at: datetime | None = None,
    source_file: str = "",
) -> bytes:
    """The annual review for the management review as PDF bytes: the year's overview, the
    comparison with the year before, the targets, then every view over the year."""
    t = labels(lang)
    section = _Sections(t)
    s = annual.summary
    story = [
        *_overview(t, s, section, made_at=made_at or utcnow(), source_file=source_file),
        *_comparison(t, annual, section),
        *_targets(t, annual, section),
        *_views(t, s, section),
    ]
    meta = _meta(t, settings, ANNUAL_FORM, str(annual.year))
    return build_form_pdf(meta, story)
