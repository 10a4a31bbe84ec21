"""The customer satisfaction questionnaire 顾客满意度调查表 (Q/JL090101-C; SPEC §2.4, seed 001).

One questionnaire per invited customer in one PDF, each starting on a new page with its own
page x/y: customer, contact and phone filled in, respondent, date, method and surveyor, then one
row per survey item with tick boxes for the scale (很满意 … 很不满意, or 1–10), importance and the
comparison with competitors when the template asks for them, the loyalty questions and a box for
comments. Given the answers it prints the filled questionnaire, marked late or partial.

A batch of 300 customers must take seconds, so the fixed words are plain table strings and the
tick boxes are drawn straight onto the table (no flowable per box); only user text and longer
sentences are paragraphs, and the sentences every questionnaire shares are laid out once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreakIfNotEmpty,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.reports.files import ExportCancelled
from app.reports.pdf.eight_d_pdf import grid, grid_label_width, heading, kept, value_width
from app.reports.pdf.form_text import FormText, fill_in, format_date, joined, labels, wrap_words

# the page frame's own pieces (_draw_*): a batch draws them per questionnaire, since
# build_form_pdf numbers the pages of the whole document as one form
from app.reports.pdf.layout import (
    BOTTOM_MARGIN_WITH_SIGNATURES,
    CONTENT_WIDTH,
    FONT_NAME,
    GRID_COLOR,
    HEADER_BACKGROUND,
    LABEL_BACKGROUND,
    MARGIN_X,
    PAGE_SIZE,
    TOP_MARGIN,
    FormMeta,
    GridField,
    PageCountingCanvas,
    _draw_header,
    _draw_signatures,
    _logo_reader,
    _single_line,
    draw_footer,
    markup,
    page_total_text,
    register_fonts,
    styles,
    text_paragraph,
)
from app.services.settings_service import FormSettings
from app.services.survey_data import (
    COMPETITOR_LABELS,
    FIVE_LEVEL_LABELS,
    KEEP_BUYING_LABELS,
    METHOD_LABELS,
    AnswerData,
    CampaignData,
    InviteeData,
    ResponseData,
    TemplateData,
)

FORM_KEY = "survey"

FIVE_LEVELS = (5, 4, 3, 2, 1)  # best first, as on the paper form
TEN_LEVELS = tuple(range(1, 11))
IMPORTANCE_LEVELS = (1, 2, 3, 4, 5)
RECOMMEND_LEVELS = tuple(range(0, 11))
METHODS = ("phone", "email", "visit", "paper")

_TICK = 3.4 * mm
_HEAD_SIZE = 7.5  # points: the column headers and the numbers over boxes
_HEAD_LEADING = 9
_HEAD_PADDING = 1.5  # points, left and right in the narrow tick columns
_PADDING = 4  # points, left and right in a table cell (layout.py)
_HEAD_ROWS = 2  # rows of column headers in the item grid
_RECOMMEND_WIDTH = 7.5 * mm
_BOX_ROW = 5.5 * mm
_CHOICE_GAP = 3 * mm  # after a choice's label, before the next box


# ---------------------------------------------------------------- tick boxes in tables


class _Box(str):
    """An empty table cell with a tick box (ticked or not) drawn at its centre.

    A string, so that the table treats it as cheap text and keeps it when a long table is
    split across pages.
    """

    checked: bool

    def __new__(cls, checked: bool) -> _Box:
        box = super().__new__(cls, "")
        box.checked = bool(checked)
        return box


def draw_boxes(canv: pdfcanvas.Canvas, boxes: Sequence[tuple[float, float, bool]]) -> None:
    """Tick boxes (lower left x, y, ticked) in one go: one path for the squares, one for the
    ticks — drawn like layout.draw_tick_box, much faster for hundreds of boxes per page."""
    if not boxes:
        return
    size = _TICK
    canv.saveState()
    canv.setStrokeColor(colors.black)
    canv.setLineWidth(max(0.5, size / 14))
    squares = canv.beginPath()
    for x, y, _checked in boxes:
        squares.rect(x, y, size, size)
    canv.drawPath(squares, stroke=1, fill=0)
    ticked = [(x, y) for x, y, checked in boxes if checked]
    if ticked:
        canv.setLineWidth(max(0.8, size / 8))
        canv.setLineCap(1)
        canv.setLineJoin(1)
        ticks = canv.beginPath()
        for x, y in ticked:
            ticks.moveTo(x + size * 0.18, y + size * 0.52)
            ticks.lineTo(x + size * 0.42, y + size * 0.22)
            ticks.lineTo(x + size * 0.84, y + size * 0.82)
        canv.drawPath(ticks, stroke=1, fill=0)
    canv.restoreState()


class _BoxTable(Table):
    """A table that draws a tick box in every cell holding a _Box."""

    def _drawCell(self, cellval, cellstyle, pos, size) -> None:  # noqa: ANN001, N802
        if isinstance(cellval, str) and not cellval:
            return  # nothing to write: boxes and span placeholders (saves a text object each)
        super()._drawCell(cellval, cellstyle, pos, size)

    def draw(self) -> None:
        super().draw()
        boxes = [
            (
                (self._colpositions[col] + self._colpositions[col + 1] - _TICK) / 2,
                (self._rowpositions[row] + self._rowpositions[row + 1] - _TICK) / 2,
                value.checked,
            )
            for row, values in enumerate(self._cellvalues)
            for col, value in enumerate(values)
            if isinstance(value, _Box)
        ]
        # a module global: tests replace it to see which boxes are ticked
        draw_boxes(self.canv, boxes)


def _plain_style(size: float = 9, leading: float = 12) -> list[tuple]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), leading),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
    ]


def choices(options: Sequence[tuple[str, bool]], width: float) -> list[Flowable]:
    """Tick boxes, each followed by its label, as many per line as fit in `width`."""
    box = _TICK + 2.4 * mm  # the box is centred: 1.2 mm before and after it
    lines: list[list[tuple[str, bool, float]]] = [[]]
    used = 0.0
    for label, checked in options:
        need = box + stringWidth(label, FONT_NAME, 9) + _CHOICE_GAP
        if lines[-1] and used + need > width:
            lines.append([])
            used = 0.0
        lines[-1].append((label, checked, need - box))
        used += need
    tables: list[Flowable] = []
    for line in lines:
        cells: list[object] = []
        widths: list[float] = []
        for label, checked, label_width in line:
            cells += [_Box(checked), label]
            widths += [box, label_width]
        table = _BoxTable([cells], colWidths=widths, rowHeights=[_BOX_ROW], hAlign="LEFT")
        table.setStyle(TableStyle([*_plain_style(), ("ALIGN", (0, 0), (-1, -1), "LEFT")]))
        tables.append(table)
    return tables


# ---------------------------------------------------------------- the questionnaire


class _Questionnaire:
    """Builds the questionnaires of one template and campaign; shared pieces are made once."""

    def __init__(self, t: FormText, template: TemplateData, campaign: CampaignData | None):
        self.t, self.template, self.campaign = t, template, campaign
        st = styles()
        self.alarm = ParagraphStyle("qd-survey-alarm", parent=st.cell, textColor=colors.firebrick)
        self.note_style = ParagraphStyle(
            "qd-survey-note", parent=st.small, textColor=colors.HexColor("#333333")
        )
        # the same for every customer: laid out again on each page, created once
        self.intro = self._intro()
        self.grid_note = self._grid_note()
        self.keep_question = text_paragraph(
            t("今后是否会继续采购我公司的产品？", "Will you keep buying from us?")
        )
        self.recommend_question = text_paragraph(
            t(
                "您向他人推荐我公司的可能性有多大？(0 = 完全不可能，10 = 非常可能)",
                "How likely are you to recommend us? (0 = not at all, 10 = certainly)",
            )
        )
        self.item_names = [text_paragraph(item.name) for item in template.items]
        self.levels = self._columns()[0]
        self.importance = list(IMPORTANCE_LEVELS) if template.ask_importance else []
        self.competitors = list(COMPETITOR_LABELS) if template.ask_competitor else []
        self.grid_head = self._grid_head()

    # ------------------------------------------------------------ words

    def _section(self, number: int, zh: str, en: str) -> str:
        """一、顾客信息 / 1. Customer (bilingual: 一、顾客信息 / Customer)."""
        if self.t.lang == "en":
            return f"{number}. {en}"
        return "一二三四五六"[number - 1] + "、" + self.t(zh, en)

    def _intro(self) -> Paragraph:
        zh = (
            "尊敬的顾客：感谢您一直以来对我公司的支持。为持续改进产品和服务，请对以下各项作出"
            "评价，在相应的方框内打勾。"
        )
        en = (
            "Dear customer, thank you for your support. To help us improve our products and "
            "service, please rate each item below by ticking one box."
        )
        if self.campaign is not None and self.campaign.answer_by is not None:
            due = format_date(self.campaign.answer_by)
            zh += f"请于 {due} 前反馈。"
            en += f" Please reply by {due}."
        return text_paragraph(self.t(zh, en), styles().cell)

    def _grid_note(self) -> Paragraph:
        t, template = self.t, self.template
        parts = []
        if template.ask_importance:
            parts.append(
                t(
                    "重要程度：1 = 不重要 … 5 = 非常重要",
                    "Importance: 1 = not important … 5 = very important",
                )
            )
        if template.ask_competitor:
            parts.append(
                t(
                    "与同行比较：与您的其他供应商相比",
                    "Vs. competitors: compared with your other suppliers",
                )
            )
        parts.append(t("问卷", "Questionnaire") + t.colon + template.label)
        return text_paragraph(("; " if t.lang == "en" else "；").join(parts), self.note_style)

    def _period(self) -> str:
        campaign = self.campaign
        if campaign is None:
            return ""
        start, end = format_date(campaign.period_start), format_date(campaign.period_end)
        if start and end:
            return f"{start} – {end}" if self.t.bilingual else f"{start} {self.t('至', 'to')} {end}"
        return start or end

    def _status(self, response: ResponseData) -> Paragraph | None:
        """迟到 / 部分 in red: answered after the answer-by date, items left unanswered."""
        t = self.t
        notes: list[str] = []
        if response.late:
            on = format_date(response.answered_on)
            due = format_date(self.campaign.answer_by) if self.campaign else ""
            if due:
                notes.append(
                    t(
                        f"【迟到】回复日期 {on}，晚于回复截止日 {due}",
                        f"[LATE] answered on {on}, after the answer-by date {due}",
                    )
                )
            else:
                notes.append(t(f"【迟到】回复日期 {on}", f"[LATE] answered on {on}"))
        if response.partial:
            answered = {a.item_id for a in response.answers if a.level is not None}
            missing = sum(1 for item in self.template.items if item.id not in answered)
            notes.append(
                t(f"【部分】{missing} 项未回答", f"[PARTIAL] {missing} item(s) not answered")
            )
        return text_paragraph("\n".join(notes), self.alarm) if notes else None

    # ------------------------------------------------------------ sections

    def _customer(self, invitee: InviteeData | None, response: ResponseData | None) -> list:
        t, campaign = self.t, self.campaign
        customer = joined(invitee.customer_code, invitee.customer_name) if invitee else ""
        method = response.method if response else ""
        rows: list[list[GridField]] = []
        if campaign is not None:
            rows.append(
                [
                    GridField(t("调查活动", "Survey"), joined(campaign.number, campaign.name)),
                    GridField(t("调查期间", "Period"), self._period()),
                ]
            )
        answered_on = format_date(response.answered_on) if response else ""
        rows += [
            [GridField(t("顾客名称", "Customer"), customer)],
            [
                GridField(t("联系人", "Contact"), invitee.contact_name if invitee else ""),
                GridField(t("联系电话", "Phone"), invitee.contact_phone if invitee else ""),
            ],
            [
                GridField(t("受访人", "Respondent"), response.respondent if response else ""),
                GridField(t("职务", "Position"), response.respondent_title if response else ""),
            ],
            [
                GridField(t("调查日期", "Date"), answered_on),
                GridField(t("调查人", "Surveyor"), response.surveyor if response else ""),
            ],
            [
                GridField(
                    t("调查方式", "Method"),
                    choices(
                        [(t(*METHOD_LABELS[m]), m == method) for m in METHODS],
                        value_width(t, 2),
                    ),
                )
            ],
        ]
        status = self._status(response) if response else None
        if status is not None:
            rows.append([GridField(t("备注", "Note"), status)])
        return kept(heading(self._section(1, "顾客信息", "Customer")), [self._info_table(rows)])

    def _info_table(self, rows: Sequence[Sequence[GridField]]) -> Table:
        """Label | value pairs, two per row, in one table that looks like eight_d_pdf.grid.

        One table with plain-string labels instead of a table of paragraphs per row: the
        customer block is short (it never needs to split) and is printed for every customer.
        """
        label_width = grid_label_width(self.t)
        value_width_ = (CONTENT_WIDTH - 2 * label_width) / 2
        data: list[list[object]] = []
        commands: list[tuple] = [
            ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("LEADING", (0, 0), (-1, -1), 12),
            ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
            ("BACKGROUND", (0, 0), (0, -1), LABEL_BACKGROUND),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        for r, fields in enumerate(rows):
            line: list[object] = []
            for f in fields:
                line += [wrap_words(f.label, label_width - 2 * _PADDING), self._value(f.value)]
            if len(fields) == 1:
                line += ["", ""]
                commands.append(("SPAN", (1, r), (3, r)))
            else:
                commands.append(("BACKGROUND", (2, r), (2, r), LABEL_BACKGROUND))
            data.append(line)
        table = _BoxTable(
            data,
            colWidths=[label_width, value_width_, label_width, value_width_],
            rowHeights=[None] * len(data),
        )
        table.setStyle(TableStyle(commands))
        return table

    @staticmethod
    def _value(value: object) -> object:
        """User text as a paragraph (markup shown literally); room to write when empty."""
        if isinstance(value, str):
            return fill_in(value)
        return value

    def _columns(self) -> tuple[list[int], list[str], float]:
        """The scale's levels left to right, their headers and their column width."""
        t = self.t
        if self.template.scale == "ten":
            return list(TEN_LEVELS), [str(n) for n in TEN_LEVELS], 7 * mm
        width = 13 * mm if t.lang == "zh_CN" else 16 * mm  # "Dissatisfied" on one line
        return list(FIVE_LEVELS), [t(*FIVE_LEVEL_LABELS[n]) for n in FIVE_LEVELS], width

    def _grid_head(self) -> tuple[list[float], list[list[object]], TableStyle]:
        """The item grid's column widths, two header rows and style (the same for everyone)."""
        t, template = self.t, self.template
        levels, level_heads, level_width = self._columns()
        importance = self.importance
        competitors = self.competitors
        imp_width = 6.5 * mm if t.lang == "zh_CN" else 5.5 * mm
        comp_width = 12 * mm if t.lang == "en" else 13 * mm
        no_width = {"zh_CN": 10 * mm, "en": 9 * mm}.get(t.lang, 10 * mm)
        fixed = (
            no_width
            + len(levels) * level_width
            + len(importance) * imp_width
            + len(competitors) * comp_width
        )
        widths = [
            no_width,
            CONTENT_WIDTH - fixed,
            *[level_width] * len(levels),
            *[imp_width] * len(importance),
            *[comp_width] * len(competitors),
        ]
        first_importance = 2 + len(levels)
        first_competitor = first_importance + len(importance)
        if template.scale == "ten":
            scale = t(
                "满意程度(1 = 很不满意，10 = 很满意)",
                "Satisfaction (1 = very poor, 10 = excellent)",
            )
        else:
            scale = t("满意程度", "Satisfaction")
        groups = [(2, len(levels), scale)]
        if importance:
            groups.append((first_importance, len(importance), t("重要程度", "Importance")))
        if competitors:
            groups.append((first_competitor, len(competitors), t("与同行比较", "Vs. competitors")))

        def head(text: str, col: int, span: int = 1) -> str:
            inner = sum(widths[col : col + span]) - 2 * _HEAD_PADDING
            return wrap_words(text, inner, _HEAD_SIZE)

        top: list[object] = [head(t("序号", "No."), 0), head(t("调查项目", "Item"), 1)]
        for start, count, text in groups:
            top += [head(text, start, count)] + [""] * (count - 1)
        sub: list[object] = ["", ""]
        sub += [head(text, 2 + i) for i, text in enumerate(level_heads)]
        sub += [str(n) for n in importance]
        sub += [
            head(t(*COMPETITOR_LABELS[c]), first_competitor + i) for i, c in enumerate(competitors)
        ]
        last = len(widths) - 1
        commands: list[tuple] = [
            ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
            ("FONTSIZE", (0, 0), (-1, _HEAD_ROWS - 1), _HEAD_SIZE),
            ("LEADING", (0, 0), (-1, _HEAD_ROWS - 1), _HEAD_LEADING),
            ("FONTSIZE", (0, _HEAD_ROWS), (-1, -1), 9),
            ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
            ("BACKGROUND", (0, 0), (-1, _HEAD_ROWS - 1), HEADER_BACKGROUND),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, _HEAD_ROWS - 1), "CENTER"),
            ("ALIGN", (0, 0), (0, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
            ("LEFTPADDING", (2, 0), (last, -1), _HEAD_PADDING),
            ("RIGHTPADDING", (2, 0), (last, -1), _HEAD_PADDING),
            ("TOPPADDING", (0, 0), (-1, _HEAD_ROWS - 1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, _HEAD_ROWS - 1), 2),
            ("TOPPADDING", (0, _HEAD_ROWS), (-1, -1), 4.5),
            ("BOTTOMPADDING", (0, _HEAD_ROWS), (-1, -1), 4.5),
            ("SPAN", (0, 0), (0, 1)),
            ("SPAN", (1, 0), (1, 1)),
        ]
        for start, count, _text in groups:
            commands.append(("SPAN", (start, 0), (start + count - 1, 0)))
            commands.append(("LINEBEFORE", (start, 0), (start, -1), 1.2, colors.black))
        return widths, [top, sub], TableStyle(commands)

    def item_grid(self, response: ResponseData | None) -> Table:
        """One row per item: tick boxes on the scale, for importance and against competitors."""
        widths, head_rows, style = self.grid_head
        levels = self.levels
        answers: dict[int, AnswerData] = (
            {a.item_id: a for a in response.answers} if response else {}
        )
        rows: list[list[object]] = list(head_rows)
        for number, (item, name) in enumerate(
            zip(self.template.items, self.item_names, strict=True), start=1
        ):
            answer = answers.get(item.id) if item.id is not None else None
            level = answer.level if answer else None
            importance = answer.importance if answer else None
            competitor = answer.competitor if answer else None
            rows.append(
                [
                    str(number),
                    name,
                    *(_Box(level == n) for n in levels),
                    *(_Box(importance == n) for n in self.importance),
                    *(_Box(competitor == c) for c in self.competitors),
                ]
            )
        table = _BoxTable(rows, colWidths=widths, repeatRows=_HEAD_ROWS)
        table.setStyle(style)
        return table

    def _rating(self, response: ResponseData | None) -> list[Flowable]:
        """Title, how to answer, the item grid and its notes."""
        table = self.item_grid(response)
        title = self._section(2, "满意度评价", "Your rating")
        return [
            # room for the title, the note and the header rows with the first item or two
            CondPageBreak(50 * mm),
            Paragraph(markup(title), styles().heading),
            self.intro,
            Spacer(1, 1.5 * mm),
            table,
            Spacer(1, 1 * mm),
            self.grid_note,
        ]

    def _recommend_boxes(self, selected: int | None) -> Table:
        """0 … 10 with a box under each number."""
        table = _BoxTable(
            [[str(n) for n in RECOMMEND_LEVELS], [_Box(selected == n) for n in RECOMMEND_LEVELS]],
            colWidths=[_RECOMMEND_WIDTH] * len(RECOMMEND_LEVELS),
            rowHeights=[_HEAD_LEADING + 1, _BOX_ROW],
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [*_plain_style(_HEAD_SIZE, _HEAD_LEADING), ("ALIGN", (0, 0), (-1, -1), "CENTER")]
            )
        )
        return table

    def _loyalty(self, response: ResponseData | None) -> list[Flowable]:
        """Will keep buying (会 / 不确定 / 不会) and would recommend (0–10): question | boxes."""
        t = self.t
        keep = response.keep_buying if response else ""
        answer_width = len(RECOMMEND_LEVELS) * _RECOMMEND_WIDTH + 2 * _PADDING
        options = [(t(*pair), key == keep) for key, pair in KEEP_BUYING_LABELS.items()]
        rows = [
            [self.keep_question, choices(options, answer_width - 2 * _PADDING)],
            [
                self.recommend_question,
                self._recommend_boxes(response.recommend if response else None),
            ],
        ]
        table = Table(rows, colWidths=[CONTENT_WIDTH - answer_width, answer_width])
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
                    ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
                    ("BACKGROUND", (0, 0), (0, -1), LABEL_BACKGROUND),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
                    ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return kept(heading(self._section(3, "顾客忠诚度", "Loyalty")), [table])

    def _comments(self, response: ResponseData | None, number: int) -> list[Flowable]:
        t = self.t
        # bilingual labels take more room: three lines keep a blank form on one page
        lines = 3 if t.bilingual else 4
        box = [
            [
                GridField(
                    t("意见与建议", "Comments"),
                    fill_in(response.comments if response else "", lines),
                )
            ]
        ]
        return kept(
            heading(self._section(number, "意见与建议", "Comments and suggestions")), grid(t, box)
        )

    def story(self, invitee: InviteeData | None, response: ResponseData | None) -> list[Flowable]:
        """The flowables of one questionnaire (blank when `response` is None)."""
        story: list[Flowable] = [*self._customer(invitee, response), *self._rating(response)]
        if self.template.ask_loyalty:
            story += self._loyalty(response)
        story += self._comments(response, 4 if self.template.ask_loyalty else 3)
        return story


# ---------------------------------------------------------------- the batch


class _BatchCanvas(PageCountingCanvas):
    """Frames each page as it ends with its questionnaire's header, signature boxes and page
    x/y counted within that questionnaire."""

    def __init__(self, *args, parts: Sequence[FormMeta], logo, **kwargs):  # noqa: ANN001
        super().__init__(*args, total_text=partial(page_total_text, lang=parts[0].lang), **kwargs)
        self._parts = parts
        self._logo = logo
        self.questionnaire = 0  # set by _Start as each questionnaire begins

    def page_part(self) -> object:
        return self.questionnaire

    def finish_page(self, part: object, number: int) -> None:
        meta = self._parts[part]  # type: ignore[index]
        _draw_header(self, meta, self._logo)
        _draw_signatures(self, meta)
        draw_footer(self, part, number, meta)


class _Start(Flowable):
    """Where a questionnaire begins: tells the canvas, reports progress, honours cancel."""

    def __init__(
        self,
        index: int,
        total: int,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        super().__init__()
        self.index, self.total = index, total
        self.progress, self.cancelled = progress, cancelled
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled
        self.canv.questionnaire = self.index
        if self.progress is not None:
            self.progress(self.index, self.total)


def _meta(
    t: FormText,
    settings: FormSettings,
    campaign: CampaignData | None,
    invitee: InviteeData | None,
    response: ResponseData | None,
) -> FormMeta:
    form = settings.form(FORM_KEY)
    record = joined(
        campaign.number if campaign else "", invitee.customer_code if invitee else "", sep=" / "
    )
    return FormMeta(
        company_name=settings.company_name,
        logo_png=settings.logo_png,
        title=t.title(FORM_KEY),
        form_code=form.code,
        revision=form.revision,
        record_no=record,
        signatures=[
            (t("调查人", "Surveyor"), response.surveyor if response else ""),
            (
                t("受访人/顾客签字", "Respondent / customer's signature"),
                response.respondent if response else "",
            ),
        ],
        lang=t.page_lang,
    )


def questionnaire_pdf(
    template: TemplateData,
    campaign: CampaignData | None,
    invitees: Sequence[InviteeData],
    settings: FormSettings,
    lang: str = "zh_CN",
    *,
    responses: Mapping[int, ResponseData] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The questionnaires as PDF bytes (A4; "zh_CN", "en" or "bilingual"): one per invitee,
    each with its own page x/y; with no invitees one blank questionnaire.

    `responses` (by customer id) fill in the answers given. `progress(done, total)` is called
    as each questionnaire is laid out and at the end; ExportCancelled is raised once
    `cancelled()` is true.
    """
    t = labels(lang)
    register_fonts()
    builder = _Questionnaire(t, template, campaign)
    targets: list[InviteeData | None] = list(invitees) or [None]
    total = len(targets)
    parts: list[FormMeta] = []
    story: list[Flowable] = []
    for index, invitee in enumerate(targets):
        if cancelled is not None and cancelled():
            raise ExportCancelled
        response = responses.get(invitee.customer_id) if responses and invitee else None
        parts.append(_meta(t, settings, campaign, invitee, response))
        if index:
            story.append(PageBreakIfNotEmpty())
        story.append(_Start(index, total, progress, cancelled))
        story.extend(builder.story(invitee, response))

    first = parts[0]
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN_WITH_SIGNATURES,
        title=_single_line(joined(first.title, campaign.number if campaign else "")),
        author=_single_line(settings.company_name),
        subject=_single_line(first.form_code),
        creator="QualityDesk",
        initialFontName=FONT_NAME,
        initialFontSize=9,
        lang="zh-CN" if first.lang == "zh_CN" else "en",
        displayDocTitle=True,
    )

    def on_page(canv: pdfcanvas.Canvas, _doc: SimpleDocTemplate) -> None:
        canv.setCreator("QualityDesk")

    doc.build(
        story,
        onFirstPage=on_page,
        onLaterPages=on_page,
        canvasmaker=partial(_BatchCanvas, parts=parts, logo=_logo_reader(settings.logo_png)),
    )
    if progress is not None:
        progress(total, total)
    return buffer.getvalue()
