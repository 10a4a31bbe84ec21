"""The customer visit report 走访服务报告 (Q/JL081306-C; SPEC §2.5, seed 001, seed 003 §8).

Who visited whom and when, what was discussed, what the customer said and asked for, and the
follow-up actions with department, owner, due date, completion and verification (a rescheduled
action shows its first date struck through); the visitor, the customer and the reviewer sign.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from app.reports.pdf.eight_d_pdf import due_cell, grid, heading, kept, table, titled
from app.reports.pdf.form_text import (
    FormText,
    blank_rows,
    column_widths,
    fill_in,
    format_date,
    joined,
    labels,
    wrap_words,
)
from app.reports.pdf.layout import CONTENT_WIDTH, CellContent, GridField, build_form_pdf
from app.reports.pdf.return_report_pdf import form_meta
from app.reports.pdf.service_report_pdf import people
from app.services.complaint_data import VERIFICATION_LABELS
from app.services.field_data import ActionData, VisitReportData
from app.services.settings_service import FormSettings

FORM_KEY = "visit"

_PADDING = 8  # a table cell's left + right padding (layout.py)


def follow_up_table(t: FormText, actions: Sequence[ActionData], blank: int = 3) -> Table:
    """Follow-up actions: description, department / owner, due, done, verification."""
    headers = [
        t("序号", "No."),
        t("跟进措施", "Follow-up action"),
        t("责任部门/责任人", "Dept. / owner"),
        t("计划完成", "Due"),
        t("完成日期", "Done"),
        t("验证结果", "Verification"),
    ]
    if t.lang == "zh_CN":
        widths = [10 * mm, None, 30 * mm, 21 * mm, 21 * mm, 30 * mm]
    else:
        widths = [12 * mm, None, 30 * mm, 21 * mm, 21 * mm, 34 * mm]
    fixed = column_widths(CONTENT_WIDTH, widths)
    result_width = fixed[5] - _PADDING
    rows: list[list[CellContent]] = [
        [
            str(i),
            a.description,
            joined(a.department, a.owner, sep="\n"),
            due_cell(a),
            format_date(a.done_on),
            joined(
                wrap_words(t.of(VERIFICATION_LABELS, a.verification), result_width)
                if a.verification
                else "",
                a.verified_by,
                format_date(a.verified_on),
                sep="\n",
            ),
        ]
        for i, a in enumerate(actions, start=1)
    ]
    if not rows:
        rows = blank_rows(len(headers), blank)
    aligns = ["CENTER", "LEFT", "LEFT", "CENTER", "CENTER", "CENTER"]
    return table(headers, rows, widths, aligns)


def visit_report_pdf(data: VisitReportData, settings: FormSettings, lang: str = "zh_CN") -> bytes:
    """The visit report as PDF bytes (A4; "zh_CN", "en" or "bilingual")."""
    t = labels(lang)
    signatures = [
        (t("走访人", "Visited by"), people(data.visitor_list, t)),
        (t("顾客签字", "Customer's signature"), ""),
        (t("审核", "Reviewed by"), ""),
    ]
    meta = form_meta(t, settings, FORM_KEY, data.number, signatures)
    visit = [
        [
            GridField(t("走访单号", "Visit no."), data.number),
            GridField(t("走访日期", "Visited on"), format_date(data.visited_on)),
        ],
        [GridField(t("顾客", "Customer"), joined(data.customer_code, data.customer_name))],
        [
            GridField(t("走访人", "Visitor(s)"), people(data.visitor_list, t)),
            GridField(t("下次走访日期", "Next visit"), format_date(data.next_visit_on)),
        ],
        [GridField(t("顾客参加人员", "Customer attendees"), data.attendees.strip())],
    ]
    content = [
        [GridField(t("交流主题", "Topics"), fill_in(data.topics, 3))],
        [GridField(t("顾客反馈", "Customer's feedback"), fill_in(data.feedback, 3))],
        [GridField(t("顾客要求", "Customer's requests"), fill_in(data.requests, 2))],
    ]
    if data.notes:
        content.append([GridField(t("备注", "Notes"), data.notes)])
    content_tables = grid(t, content)
    story: list[Flowable] = [
        *kept(heading(t("一、走访信息", "1. The visit")), grid(t, visit)),
        *kept(heading(t("二、走访内容", "2. What was discussed")), content_tables[:1]),
        *content_tables[1:],
        *titled(t("三、跟进措施", "3. Follow-up actions"), follow_up_table(t, data.actions), True),
    ]
    return build_form_pdf(meta, story)
