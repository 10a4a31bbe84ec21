"""The corrective/preventive action record 纠正/预防措施记录表 (Q/JL060301-C; seed 002 §6.2–6.3).

Each action with its owner, due date, verification, and every verification and new due date
in its history: an action not done or not effective gets a new date, the old one stays on record
(seed 002 §6.3.1 B).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from app.reports.pdf.eight_d_pdf import (
    cause_rows,
    customer_text,
    due_cell,
    five_why_table,
    grid,
    heading,
    kept,
    product_text,
    signatures,
    table,
    titled,
)
from app.reports.pdf.form_text import (
    FormText,
    blank_rows,
    column_widths,
    fill_in,
    format_date,
    format_datetime,
    format_qty,
    joined,
    labels,
    tick_options,
    wrap_words,
)
from app.reports.pdf.layout import CONTENT_WIDTH, CellContent, FormMeta, GridField, build_form_pdf
from app.services.complaint_data import (
    KIND_LABELS,
    VERIFICATION_LABELS,
    ActionData,
    ComplaintData,
)
from app.services.settings_service import FormSettings

FORM_KEY = "capa"

_PADDING = 8  # a table cell's left + right padding
# short enough for the type column
ACTION_TYPE_LABELS = {"corrective": ("纠正", "Corrective"), "preventive": ("预防", "Preventive")}
EVENT_LABELS = {"verified": ("验证", "Verified"), "rescheduled": ("改期", "Rescheduled")}


def _actions(t: FormText, actions: Sequence[ActionData]) -> list[Flowable]:
    headers = [
        t("序号", "No."),
        t("类型", "Type"),
        t("措施内容", "Action"),
        t("部门/责任人", "Dept. / owner"),
        t("计划完成", "Due"),
        t("完成日期", "Done"),
        t("验证结论", "Verification"),
        t("验证人/日期", "Verified by / on"),
    ]
    if t.lang == "zh_CN":
        widths = [10 * mm, 11 * mm, None, 22 * mm, 20 * mm, 20 * mm, 19 * mm, 21 * mm]
    elif t.lang == "en":
        widths = [10 * mm, 19 * mm, None, 22 * mm, 20 * mm, 20 * mm, 23 * mm, 21 * mm]
    else:
        widths = [12 * mm, 19 * mm, None, 22 * mm, 20 * mm, 20 * mm, 26 * mm, 22 * mm]
    fixed = column_widths(CONTENT_WIDTH, widths)
    kind_width, verdict_width = fixed[1] - _PADDING, fixed[6] - _PADDING

    def verdict(value: str) -> list[Flowable]:
        options = ("effective", "not_effective")
        return tick_options(
            [(t(*VERIFICATION_LABELS[k]), value == k) for k in options], verdict_width
        )

    rows: list[list[CellContent]] = [
        [
            str(i),
            wrap_words(t.of(ACTION_TYPE_LABELS, a.kind), kind_width),
            a.description,
            joined(a.department, a.owner, sep="\n"),
            due_cell(a),
            format_date(a.done_on),
            verdict(a.verification),
            joined(a.verified_by, format_date(a.verified_on), sep="\n"),
        ]
        for i, a in enumerate(actions, start=1)
    ]
    if not rows:
        rows = blank_rows(len(headers), 4)
        for row in rows:
            row[6] = verdict("")
    aligns = ["CENTER", "CENTER", "LEFT", "LEFT", "CENTER", "CENTER", "LEFT", "CENTER"]
    listing = table(headers, rows, widths, aligns)
    return titled(t("三、措施及验证", "3. Actions and verification"), listing, section=True)


def _history(t: FormText, actions: Sequence[ActionData]) -> list[Flowable]:
    headers = [
        t("措施序号", "Action no."),
        t("记录时间", "Recorded"),
        t("事件", "Event"),
        t("原期限 → 新期限", "Due: old → new"),
        t("验证结果", "Result"),
        t("验证人/日期", "Verified by / on"),
        t("说明", "Note"),
        t("记录人", "By"),
    ]
    widths = [16 * mm, 28 * mm, 16 * mm, 24 * mm, 17 * mm, 22 * mm, None, 18 * mm]
    if t.lang == "en":
        widths = [16 * mm, 28 * mm, 21 * mm, 24 * mm, 19 * mm, 22 * mm, None, 18 * mm]
    elif t.bilingual:
        widths = [17 * mm, 28 * mm, 22 * mm, 24 * mm, 20 * mm, 22 * mm, None, 18 * mm]
    fixed = column_widths(CONTENT_WIDTH, widths)
    event_width, result_width = fixed[2] - _PADDING, fixed[4] - _PADDING
    rows: list[list[CellContent]] = []
    for i, action in enumerate(actions, start=1):
        for event in sorted(action.history, key=lambda e: e.at):
            moved = ""
            if event.old_due is not None or event.new_due is not None:
                moved = f"{format_date(event.old_due)}\n→ {format_date(event.new_due)}"
            rows.append(
                [
                    str(i),
                    format_datetime(event.at),
                    wrap_words(t.of(EVENT_LABELS, event.kind), event_width),
                    moved,
                    wrap_words(t.of(VERIFICATION_LABELS, event.result), result_width)
                    if event.kind == "verified"
                    else "",
                    joined(event.verified_by, format_date(event.verified_on), sep="\n"),
                    event.note,
                    event.user,
                ]
            )
    aligns = ["CENTER", "CENTER", "CENTER", "CENTER", "CENTER", "CENTER", "LEFT", "LEFT"]
    if not actions:  # a blank form: room to write the history by hand
        rows = blank_rows(len(headers), 2)
    listing = table(headers, rows, widths, aligns, empty_text=t("无", "None"))
    return titled(t("验证及改期记录", "Verification and rescheduling history"), listing)


def capa_pdf(complaint: ComplaintData, settings: FormSettings, lang: str = "zh_CN") -> bytes:
    """The corrective/preventive action record as PDF bytes (A4; "zh_CN", "en" or "bilingual")."""
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
    source_kind = t("客户抱怨", "Customer ticket") + t.paren(t.of(KIND_LABELS, complaint.kind))
    source = [
        [
            GridField(t("来源", "Source"), source_kind),
            GridField(t("抱怨单号", "Ticket no."), complaint.number),
        ],
        [GridField(t("顾客", "Customer"), customer_text(complaint))],
        [
            GridField(t("产品/零件号", "Product / part"), product_text(complaint)),
            GridField(t("批次号", "Batch / lot"), complaint.batch_no),
        ],
        [
            GridField(t("受理日期", "Received"), format_date(complaint.received_at)),
            GridField(t("不良数量", "Qty defective"), format_qty(complaint.qty_defective)),
        ],
        [GridField(t("问题描述", "Problem"), fill_in(complaint.description, 3))],
        [
            GridField(t("责任部门", "Responsible dept."), complaint.responsible_department),
            GridField(t("负责人", "Ticket owner"), complaint.owner),
        ],
    ]
    effect = complaint.step(6)
    conclusion = [
        [GridField(t("效果确认", "Effect confirmed"), fill_in(effect.content, 3))],
        [
            GridField(t("确认人", "Confirmed by"), effect.owner),
            GridField(t("确认日期", "Confirmed on"), format_date(effect.done_on)),
        ],
    ]
    story: list[Flowable] = [
        *kept(heading(t("一、问题来源", "1. Source")), grid(t, source)),
        *kept(
            heading(t("二、原因分析", "2. Cause")),
            grid(
                t, [[GridField(t("原因分析", "Analysis"), fill_in(complaint.step(4).content, 2))]]
            ),
            grid(t, cause_rows(t, complaint)),
        ),
        *titled(t("5-Why 分析", "5-Why analysis"), five_why_table(t, complaint.five_why)),
        *_actions(t, complaint.actions),
        *_history(t, complaint.actions),
        *kept(heading(t("四、效果确认", "4. Effect")), grid(t, conclusion)),
    ]
    return build_form_pdf(meta, story)
