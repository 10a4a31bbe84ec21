"""The 8D report 客户抱怨处理单 (seed 002 §6.1.1, SPEC §2.2): a whole complaint ticket on paper.

The pieces the other complaint forms share (actions table, D4 causes, 5-Why, document updates)
are public here: the 8D report is the master record those forms are drawn from.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from PIL import Image as PILImage
from PIL import ImageOps
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.reports.pdf.form_text import (
    FormText,
    blank_rows,
    column_widths,
    fill_in,
    format_date,
    format_datetime,
    format_money,
    format_qty,
    joined,
    labels,
    tick_options,
    wrap_words,
    yes_no,
)
from app.reports.pdf.layout import (
    CONTENT_WIDTH,
    FONT_NAME,
    PAGE_HEIGHT,
    CellContent,
    FormMeta,
    GridField,
    build_form_pdf,
    data_table,
    label_value_grid,
    leading_rows_height,
    markup,
    paged_data_table,
    section_heading,
    styles,
    text_paragraph,
)
from app.services import deadlines as deadline_rules
from app.services.complaint_data import (
    ACTION_KIND_LABELS,
    CAUSE_LABELS,
    CHANNEL_LABELS,
    CLAIM_LABELS,
    KIND_LABELS,
    RESPONSIBILITY_LABELS,
    SEVERITY_LABELS,
    SORTING_LABELS,
    STATUS_LABELS,
    STEP_LABELS,
    URGENCY_LABELS,
    VERIFICATION_LABELS,
    ActionData,
    ComplaintData,
)
from app.services.deadlines import Deadline
from app.services.settings_service import FormSettings

log = logging.getLogger(__name__)

FORM_KEY = "eight_d"

_CELL_PADDING_X = 8  # left + right padding of a table cell (layout.py)
_PHOTO_MAX_HEIGHT = 70 * mm
_PHOTO_MAX_PIXELS = 1600  # enough for print at this size; keeps the PDF small


# ---------------------------------------------------------------- grid geometry


def grid_label_width(t: FormText) -> float:
    """Label column width of a label/value grid: bilingual labels need the most room."""
    return {"zh_CN": 26 * mm, "en": 31 * mm}.get(t.lang, 41 * mm)


def grid(t: FormText, rows: Sequence[Sequence[GridField]]) -> list[Table]:
    """A two-pair label/value grid with the form's label width; empty values leave writing room."""
    label_width = grid_label_width(t)
    filled = [
        [
            GridField(
                wrap_words(f.label, label_width - _CELL_PADDING_X),
                fill_in(f.value) if isinstance(f.value, str) else f.value,
                f.span,
            )
            for f in row
        ]
        for row in rows
    ]
    return label_value_grid(filled, pairs_per_row=2, label_width=label_width)


def _page_columns(
    headers: Sequence[str], widths: Sequence[float | None]
) -> tuple[list[str], list[float]]:
    """A list table's headers wrapped to its columns, and the columns' widths across the page."""
    fixed = column_widths(CONTENT_WIDTH, widths)
    heads = [wrap_words(h, w - _CELL_PADDING_X) for h, w in zip(headers, fixed, strict=True)]
    return heads, fixed


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[CellContent]],
    widths: Sequence[float | None],
    aligns: Sequence[str],
    empty_text: str | None = None,
) -> Table:
    """A list table across the page; `widths` may leave one column (None) to take the rest."""
    heads, fixed = _page_columns(headers, widths)
    return data_table(heads, rows, fixed, aligns=aligns, empty_text=empty_text)


def long_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[CellContent]],
    widths: Sequence[float | None],
    aligns: Sequence[str],
    empty_text: str | None = None,
) -> Flowable:
    """`table` for a list that may run to many pages (a summary's customers, its repeat
    problems): the same look, its rows (a generator is fine) laid out a page at a time."""
    heads, fixed = _page_columns(headers, widths)
    return paged_data_table(heads, rows, fixed, aligns=aligns, empty_text=empty_text)


def value_width(t: FormText, span: int = 1) -> float:
    """Inner width (without padding) of a value cell of `grid` spanning `span` pairs."""
    lw = grid_label_width(t)
    single = (CONTENT_WIDTH - 2 * lw) / 2
    return span * single + (span - 1) * lw - _CELL_PADDING_X


def signatures(t: FormText, settings: FormSettings) -> list[tuple[str, str]]:
    """填表人/编制, 审核, 批准 boxes; the clerk's name is printed in the first."""
    return [
        (t("填表人/编制", "Prepared by"), settings.clerk_name),
        (t("审核", "Reviewed by"), ""),
        (t("批准(总经理核决)", "Approved (GM)"), ""),
    ]


def spacer() -> Spacer:
    return Spacer(1, 2 * mm)


# ---------------------------------------------------------------- shared pieces


def customer_text(complaint: ComplaintData) -> str:
    return joined(complaint.customer_code, complaint.customer_name)


def product_text(complaint: ComplaintData) -> str:
    return joined(complaint.product_model, complaint.part_no, sep=" / ")


def first_due(action: ActionData) -> date | None:
    """The due date first agreed: the old date of the earliest change, else the current one.

    A failed verification moves the due date as well as a rescheduling does.
    """
    for event in sorted(action.history, key=lambda e: e.at):
        if event.old_due is not None:
            return event.old_due
    return action.due


def due_cell(action: ActionData) -> Flowable:
    """The current due date; a changed one shows the first date struck through above it."""
    first, current = first_due(action), action.due
    if first is not None and current is not None and first != current:
        return Paragraph(
            f"<strike>{markup(format_date(first))}</strike><br/>{markup(format_date(current))}",
            styles().cell,
        )
    return text_paragraph(format_date(current))


def actions_table(t: FormText, actions: Sequence[ActionData], blank: int = 3) -> Table:
    """Actions with department, owner, due (first and current), done and verification."""
    headers = [
        t("序号", "No."),
        t("措施内容", "Action"),
        t("责任部门", "Dept."),
        t("责任人", "Owner"),
        t("计划完成", "Due"),
        t("完成日期", "Done"),
        t("验证结果", "Result"),
        t("验证人/日期", "Verified by / on"),
    ]
    if t.bilingual:
        widths = [12 * mm, None, 20 * mm, 18 * mm, 21 * mm, 20 * mm, 20 * mm, 24 * mm]
    else:
        widths = [10 * mm, None, 20 * mm, 17 * mm, 21 * mm, 20 * mm, 17 * mm, 22 * mm]
    result_width = widths[6] - _CELL_PADDING_X
    rows: list[list[CellContent]] = [
        [
            str(i),
            a.description,
            a.department,
            a.owner,
            due_cell(a),
            format_date(a.done_on),
            wrap_words(t.of(VERIFICATION_LABELS, a.verification), result_width)
            if a.verification
            else "",
            joined(a.verified_by, format_date(a.verified_on), sep="\n"),
        ]
        for i, a in enumerate(actions, start=1)
    ]
    if not rows:
        rows = blank_rows(len(headers), blank)
    aligns = ["CENTER", "LEFT", "LEFT", "LEFT", "CENTER", "CENTER", "CENTER", "CENTER"]
    return table(headers, rows, widths, aligns)


def cause_choices(t: FormText, selected: str, width: float) -> list[Flowable]:
    """人机料法环测 as tick boxes, the selected category ticked."""
    return tick_options([(t(*pair), key == selected) for key, pair in CAUSE_LABELS.items()], width)


def cause_rows(t: FormText, complaint: ComplaintData) -> list[list[GridField]]:
    """D4: category and cause for the occurrence and for the escape of the defect."""
    wide = value_width(t, 2)
    return [
        [
            GridField(
                t("发生原因类别", "Occurrence category"),
                cause_choices(t, complaint.occurrence_category, wide),
            )
        ],
        [GridField(t("发生原因", "Why it occurred"), fill_in(complaint.occurrence_cause, 2))],
        [
            GridField(
                t("流出原因类别", "Escape category"),
                cause_choices(t, complaint.escape_category, wide),
            )
        ],
        [GridField(t("流出原因", "Why it escaped"), fill_in(complaint.escape_cause, 2))],
    ]


def five_why_table(t: FormText, five_why: str) -> Table:
    """One row per 'why' (one per line as entered); five empty rows to fill in by hand."""
    lines = [line.strip() for line in five_why.splitlines() if line.strip()]
    rows: list[list[CellContent]] = [[f"Why {i}", line] for i, line in enumerate(lines, start=1)]
    if not rows:
        rows = [[f"Why {i}", fill_in("")] for i in range(1, 6)]
    return table(
        ["5-Why", t("为什么(逐层追问)", "Why? (asked level by level)")],
        rows,
        [18 * mm, None],
        ["CENTER", "LEFT"],
    )


def documents_updated(t: FormText, complaint: ComplaintData) -> list[Flowable]:
    """FMEA / control plan / work instruction tick boxes."""
    return tick_options(
        [
            ("FMEA", complaint.fmea_updated),
            (t("控制计划", "Control plan"), complaint.control_plan_updated),
            (t("作业指导书", "Work instruction"), complaint.work_instruction_updated),
        ],
        value_width(t, 2),
    )


def waiver_rows(t: FormText, complaint: ComplaintData) -> list[list[GridField]]:
    """Prevention waived only with the general manager's approval (seed 002 §6.2.3)."""
    return [
        [
            GridField(
                t("免除预防措施", "Prevention waived"),
                yes_no(t, complaint.prevention_waived, value_width(t)),
            ),
            GridField(
                t("总经理核准", "Approved by GM"),
                joined(complaint.waiver_approved_by, format_date(complaint.waiver_approved_on)),
            ),
        ],
        [GridField(t("免除理由", "Reason for the waiver"), fill_in(complaint.waiver_reason))],
    ]


def step_rows(
    t: FormText, complaint: ComplaintData, step: int, content_label: str, lines: int
) -> list[list[GridField]]:
    """A D-step's content with its owner and the day it was done."""
    data = complaint.step(step)
    return [
        [GridField(content_label, fill_in(data.content, lines))],
        [
            GridField(t("负责人", "Owner"), data.owner),
            GridField(t("完成日期", "Done on"), format_date(data.done_on)),
        ],
    ]


def heading(text: str) -> list[Flowable]:
    """A section title for `kept` (which keeps it on the page of what follows)."""
    return [Paragraph(markup(text), styles().heading)]


def kept(*parts: Sequence[Flowable]) -> list[Flowable]:
    """A heading and its short grid, moved to the next page together when they do not fit."""
    return [KeepTogether([flowable for part in parts for flowable in part])]


def step_heading(t: FormText, step: int) -> list[Flowable]:
    zh, en = STEP_LABELS[step]
    if t.bilingual:  # "D3 临时围堵措施 / Containment": the step number once
        en = en.split(" ", 1)[-1]
    return heading(t(zh, en))


# ---------------------------------------------------------------- 8D sections


def _registration(t: FormText, complaint: ComplaintData) -> list[Flowable]:
    narrow = value_width(t)
    rows: list[list[GridField]] = []
    if complaint.origin is not None:
        reopened = complaint.origin.number
        if complaint.reopen_reason:
            reopened += t.paren(f"{t('原因', 'reason')}{t.colon}{complaint.reopen_reason}")
        rows.append([GridField(t("重开自", "Reopened from"), reopened)])
    rows += [
        [GridField(t("顾客", "Customer"), customer_text(complaint))],
        [
            GridField(t("联系人", "Contact"), complaint.contact_name),
            GridField(t("联系电话", "Phone"), complaint.contact_phone),
        ],
        [
            GridField(t("受理时间", "Received"), format_datetime(complaint.received_at)),
            GridField(t("受理人", "Received by"), complaint.received_by),
        ],
        [
            GridField(t("受理方式", "Channel"), t.of(CHANNEL_LABELS, complaint.channel)),
            GridField(t("类别", "Kind"), t.of(KIND_LABELS, complaint.kind)),
        ],
        [
            GridField(t("产品型号", "Product model"), complaint.product_model),
            GridField(t("零件号", "Part no."), complaint.part_no),
        ],
        [
            GridField(t("批次号", "Batch / lot"), complaint.batch_no),
            GridField(t("生产日期", "Production date"), format_date(complaint.production_date)),
        ],
        [
            GridField(t("交付数量", "Qty delivered"), format_qty(complaint.qty_delivered)),
            GridField(t("不良数量", "Qty defective"), format_qty(complaint.qty_defective)),
        ],
        [
            GridField(
                t("严重度", "Severity"),
                tick_options(
                    [(t(*p), k == complaint.severity) for k, p in SEVERITY_LABELS.items()], narrow
                ),
            ),
            GridField(
                t("紧急度", "Urgency"),
                tick_options(
                    [(t(*p), k == complaint.urgency) for k, p in URGENCY_LABELS.items()], narrow
                ),
            ),
        ],
        [
            GridField(t("不良类别", "Defect category"), complaint.defect_category),
            GridField(
                t("顾客停线", "Customer line stopped"), yes_no(t, complaint.line_stopped, narrow)
            ),
        ],
        [GridField(t("不良描述", "Defect description"), fill_in(complaint.description, 3))],
        [GridField(t("顾客要求", "Customer request"), fill_in(complaint.customer_request, 2))],
        [
            GridField(
                t("顾客要求期限", "Customer deadline"), format_date(complaint.customer_deadline)
            ),
            GridField(t("负责人", "Ticket owner"), complaint.owner),
        ],
        [
            GridField(t("状态", "Status"), t.of(STATUS_LABELS, complaint.status)),
            GridField(
                t("已重开为", "Reopened as"), ", ".join(r.number for r in complaint.reopenings)
            ),
        ],
    ]
    if complaint.status == "cancelled":
        rows.append([GridField(t("作废原因", "Reason cancelled"), complaint.cancel_reason)])
    return [*section_heading(t("抱怨登记", "Registration")), *grid(t, rows)]


def _sorting_table(t: FormText, complaint: ComplaintData) -> Table:
    headers = [
        t("挑选地点", "Sorted at"),
        t("检查数量", "Checked"),
        t("不良数量", "Defective"),
        t("处理人", "Handled by"),
        t("完成日期", "Done on"),
        t("备注", "Notes"),
    ]
    rows: list[list[CellContent]] = [
        [
            t.of(SORTING_LABELS, s.location),
            format_qty(s.qty_checked),
            format_qty(s.qty_defective),
            s.handled_by,
            format_date(s.done_on),
            s.notes,
        ]
        for s in complaint.sorting
    ]
    if not rows:
        # the three places stock may sit, quantities left to be written in
        rows = [[t(*pair), "", "", "", "", fill_in("")] for pair in SORTING_LABELS.values()]
    widths = [34 * mm if t.bilingual else 28 * mm, 21 * mm, 21 * mm, 24 * mm, 22 * mm, None]
    return table(headers, rows, widths, ["LEFT", "RIGHT", "RIGHT", "LEFT", "CENTER", "LEFT"])


def titled(text: str, listing: Flowable, section: bool = False) -> list[Flowable]:
    """A title over a table, kept on the same page as the table's header and first row.

    `section` gives it the size of a section heading. (keepWithNext would move a long table to
    the next page as a whole.)
    """
    style = (
        styles().heading
        if section
        else ParagraphStyle("qd-subheading", parent=styles().cell, spaceBefore=4, spaceAfter=2)
    )
    listing.wrap(CONTENT_WIDTH, PAGE_HEIGHT)
    first_rows = leading_rows_height(listing, 2)  # known once wrapped
    return [CondPageBreak(first_rows + 11 * mm), Paragraph(markup(text), style), listing]


def _steps(t: FormText, complaint: ComplaintData) -> list[Flowable]:
    def step(
        number: int, content_label: str, lines: int, extra: Sequence[list[GridField]] = ()
    ) -> list[Flowable]:
        rows = step_rows(t, complaint, number, content_label, lines) + list(extra)
        return kept(step_heading(t, number), grid(t, rows))

    corrective = [a for a in complaint.actions if a.kind == "corrective"]
    preventive = [a for a in complaint.actions if a.kind == "preventive"]
    other = [a for a in complaint.actions if a.kind not in ACTION_KIND_LABELS]
    story: list[Flowable] = [
        *step(1, t("小组成员", "Team members"), 2),
        *step(2, t("问题描述", "Problem"), 4),
        *step(3, t("临时围堵措施", "Containment"), 3),
        *titled(
            t("库存挑选(顾客处/在途/本公司库存)", "Stock sorting"), _sorting_table(t, complaint)
        ),
        *step(4, t("原因分析", "Analysis"), 3, cause_rows(t, complaint)),
        *titled(t("5-Why 分析", "5-Why analysis"), five_why_table(t, complaint.five_why)),
        *step(5, t("永久纠正措施", "Corrective actions"), 2),
        *step(6, t("实施与验证", "Implementation"), 2),
        *titled(
            t("纠正措施实施与验证(D5/D6)", "Corrective actions (D5/D6)"),
            actions_table(t, corrective),
        ),
        *step(7, t("预防措施", "Prevention"), 2),
        *titled(t("预防措施", "Preventive actions"), actions_table(t, preventive)),
    ]
    if other:
        story += titled(t("其他措施", "Other actions"), actions_table(t, other))
    documents = [
        [GridField(t("文件更新", "Documents updated"), documents_updated(t, complaint))],
        [
            GridField(
                t("类似产品(水平展开)", "Similar products"), fill_in(complaint.similar_products, 2)
            )
        ],
        *waiver_rows(t, complaint),
    ]
    story += kept([spacer()], grid(t, documents))
    return story


def _responsibility(t: FormText, complaint: ComplaintData) -> list[Flowable]:
    rows = [
        [
            GridField(
                t("责任归属", "Responsibility"),
                tick_options(
                    [
                        (t(*p), k == complaint.responsibility)
                        for k, p in RESPONSIBILITY_LABELS.items()
                    ],
                    value_width(t, 2),
                ),
            )
        ],
        [
            GridField(t("责任部门", "Responsible dept."), complaint.responsible_department),
            GridField(t("责任单位", "Responsible unit"), complaint.responsible_unit),
        ],
        [GridField(t("批次隔离建议", "Quarantine advice"), fill_in(complaint.quarantine_advice))],
        [
            GridField(t("索赔状态", "Claim status"), t.of(CLAIM_LABELS, complaint.claim_status)),
            GridField(t("索赔金额(元)", "Claimed (CNY)"), format_money(complaint.claim_amount)),
        ],
        [
            GridField(t("确认金额(元)", "Agreed (CNY)"), format_money(complaint.agreed_amount)),
            GridField(t("已支付(元)", "Paid (CNY)"), format_money(complaint.paid_amount)),
        ],
        [
            GridField(
                t("供应商扣款", "Supplier charge-back"),
                joined(complaint.chargeback_supplier, format_money(complaint.chargeback_amount)),
            ),
            GridField(t("奖惩通知单号", "Reward/penalty notice"), complaint.reward_penalty_no),
        ],
    ]
    return kept(heading(t("责任与索赔", "Responsibility and claim")), grid(t, rows))


def _deadline_state(t: FormText, deadline: Deadline, now: datetime) -> tuple[str, bool]:
    """(text, alarming) for a deadline: on time, late, open or overdue."""
    if deadline.done:
        return (t("逾期完成", "Late"), True) if deadline.late() else (t("按时", "On time"), False)
    due = deadline.due
    current = now.astimezone(due.tzinfo) if due.tzinfo else now.replace(tzinfo=None)
    if deadline.overdue(current):
        return t("已逾期", "Overdue"), True
    return t("未完成", "Open"), False


def _deadlines(t: FormText, complaint: ComplaintData, now: datetime) -> list[Flowable]:
    alarm = ParagraphStyle("qd-alarm", parent=styles().cell_center, textColor=colors.firebrick)
    state_width = 30 * mm if t.bilingual else 24 * mm
    rows: list[list[CellContent]] = []
    for d in complaint.deadlines:
        item = t.of(deadline_rules.LABELS, d.key)
        if d.detail == "customer":
            item += t.paren(t("顾客要求期限", "customer deadline"))
        elif d.detail:
            item += f"{t.colon}{d.detail}"
        state, alarming = _deadline_state(t, d, now)
        state = wrap_words(state, state_width - _CELL_PADDING_X)
        rows.append(
            [
                item,
                format_datetime(d.due),
                format_datetime(d.done_at),
                text_paragraph(state, alarm) if alarming else state,
            ]
        )
    listing = table(
        [t("期限项目", "Deadline"), t("期限", "Due"), t("完成", "Done"), t("状态", "State")],
        rows,
        [None, 34 * mm, 34 * mm, state_width],
        ["LEFT", "CENTER", "CENTER", "CENTER"],
        empty_text=t("无", "None"),
    )
    return [*section_heading(t("处理时效", "Deadlines")), listing]


def _reply(t: FormText, complaint: ComplaintData) -> list[Flowable]:
    rows = [
        [
            GridField(t("答复日期", "Answered on"), format_datetime(complaint.reply_at)),
            GridField(t("答复人", "Answered by"), complaint.reply_by),
        ],
        [GridField(t("答复内容", "Answer"), fill_in(complaint.reply_content, 3))],
        [
            GridField(t("回访日期", "Return visit"), format_datetime(complaint.visit_at)),
            GridField(
                t("顾客满意", "Customer satisfied"),
                yes_no(t, complaint.visit_satisfied, value_width(t)),
            ),
        ],
        [GridField(t("回访记录", "Visit notes"), fill_in(complaint.visit_notes, 2))],
    ]
    return kept(heading(t("答复顾客与回访", "Answer and return visit")), grid(t, rows))


def _closure(t: FormText, complaint: ComplaintData) -> list[Flowable]:
    rows = step_rows(t, complaint, 8, t("结案意见", "Closing remarks"), 2) + [
        [
            GridField(t("结案时间", "Closed at"), format_datetime(complaint.closed_at)),
            GridField(t("结案人", "Closed by"), complaint.closed_by),
        ],
        [GridField(t("结案说明", "Closing note"), fill_in(complaint.closing_note))],
    ]
    return kept(step_heading(t, 8), grid(t, rows))


# ---------------------------------------------------------------- photos


def _photo_image(data: bytes, max_width: float, max_height: float) -> Image | None:
    """The photo upright (EXIF), reduced for print and scaled to fit; None if unreadable."""
    try:
        with PILImage.open(io.BytesIO(data)) as source:
            source.load()
            picture = ImageOps.exif_transpose(source)
        if picture.mode in ("RGBA", "LA", "P"):
            rgba = picture.convert("RGBA")
            picture = PILImage.new("RGB", rgba.size, "white")
            picture.paste(rgba, mask=rgba.getchannel("A"))
        elif picture.mode != "RGB":
            picture = picture.convert("RGB")
        picture.thumbnail((_PHOTO_MAX_PIXELS, _PHOTO_MAX_PIXELS))
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=85)
        width, height = picture.size
    except Exception:  # noqa: BLE001  (a broken attachment must not stop the report)
        log.warning("a photo cannot be read; printing a note instead", exc_info=True)
        return None
    scale = min(max_width / width, max_height / height)
    buffer.seek(0)
    return Image(buffer, width=width * scale, height=height * scale)


def _photos(t: FormText, photos: Sequence[tuple[str, bytes]]) -> list[Flowable]:
    st = styles()
    column = CONTENT_WIDTH / 2
    inner = column - _CELL_PADDING_X
    broken_style = ParagraphStyle("qd-broken", parent=st.cell_center, textColor=colors.firebrick)
    cells: list[list[Flowable]] = []
    for i, (caption, data) in enumerate(photos, start=1):
        image = _photo_image(data, inner, _PHOTO_MAX_HEIGHT)
        label = text_paragraph(joined(f"{i}.", caption, sep=" "), st.cell_center)
        if image is None:
            note = text_paragraph(t("图片无法读取", "The image cannot be read"), broken_style)
            cells.append([note, label])
        else:
            cells.append([image, label])
    if len(cells) % 2:
        cells.append([])
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[column, column])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [*section_heading(t("照片", "Photos"), min_space=_PHOTO_MAX_HEIGHT + 20 * mm), table]


# ---------------------------------------------------------------- the form


def eight_d_pdf(
    complaint: ComplaintData,
    settings: FormSettings,
    lang: str = "zh_CN",
    photos: list[tuple[str, bytes]] | None = None,
) -> bytes:
    """The 8D report 客户抱怨处理单 as PDF bytes (A4; lang: "zh_CN", "en" or "bilingual").

    `photos` are (caption, image bytes); an image that cannot be decoded is printed as a note.
    """
    t = labels(lang)
    form = settings.form(FORM_KEY)
    meta = FormMeta(
        company_name=settings.company_name,
        logo_png=settings.logo_png,
        title=t.title(FORM_KEY),
        form_code=form.code,
        revision=form.revision,
        record_no=complaint.number,
        signatures=signatures(t, settings),
        lang=t.page_lang,
    )
    story: list[Flowable] = [
        *_registration(t, complaint),
        *_steps(t, complaint),
        *_responsibility(t, complaint),
        *_deadlines(t, complaint, datetime.now().astimezone()),
        *_reply(t, complaint),
        *_closure(t, complaint),
    ]
    if photos:
        story += _photos(t, photos)
    return build_form_pdf(meta, story)
