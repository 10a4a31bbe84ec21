"""The quality information feedback form 质量信息反馈表 (Q/JL090201-C; seed 002 顾客管理程序 §4.1).

Sales registers what the customer reported and hands the form to quality, which writes down its
analysis and what was done; the form goes back to sales for the answer to the customer.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.reports.pdf.eight_d_pdf import (
    customer_text,
    grid,
    heading,
    kept,
    value_width,
)
from app.reports.pdf.form_text import (
    FormText,
    fill_in,
    format_date,
    format_datetime,
    format_qty,
    joined,
    labels,
    tick_options,
    yes_no,
)
from app.reports.pdf.layout import FormMeta, GridField, build_form_pdf, section_heading
from app.services.complaint_data import (
    CAUSE_LABELS,
    CHANNEL_LABELS,
    KIND_LABELS,
    RESPONSIBILITY_LABELS,
    SEVERITY_LABELS,
    URGENCY_LABELS,
    ComplaintData,
)
from app.services.settings_service import FormSettings

FORM_KEY = "quality_feedback"


def quality_feedback_pdf(
    complaint: ComplaintData, settings: FormSettings, lang: str = "zh_CN"
) -> bytes:
    """The quality information feedback form as PDF bytes (A4; "zh_CN", "en" or "bilingual")."""
    t = labels(lang)
    form = settings.form(FORM_KEY)
    narrow, wide = value_width(t), value_width(t, 2)
    meta = FormMeta(
        company_name=settings.company_name,
        logo_png=settings.logo_png,
        title=t.title(FORM_KEY),
        form_code=form.code,
        revision=form.revision,
        record_no=complaint.number,
        signatures=[
            (t("反馈人", "Reported by"), complaint.received_by),
            (t("接收人", "Received by (quality)"), ""),
            (t("处理人", "Handled by"), complaint.owner),
        ],
        lang=t.page_lang,
    )

    # who reported and who handles it are printed in the signature boxes
    feedback = [
        [GridField(t("顾客", "Customer"), customer_text(complaint))],
        [
            GridField(t("联系人", "Contact"), complaint.contact_name),
            GridField(t("联系电话", "Phone"), complaint.contact_phone),
        ],
        [
            GridField(t("反馈日期", "Reported on"), format_datetime(complaint.received_at)),
            GridField(t("反馈方式", "Channel"), t.of(CHANNEL_LABELS, complaint.channel)),
        ],
        [
            GridField(t("信息类别", "Kind"), t.of(KIND_LABELS, complaint.kind)),
            GridField(
                t("顾客停线", "Customer line stopped"), yes_no(t, complaint.line_stopped, narrow)
            ),
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
            GridField(t("不良类别", "Defect category"), complaint.defect_category),
            GridField(
                t("要求完成期限", "Customer deadline"), format_date(complaint.customer_deadline)
            ),
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
        [GridField(t("问题描述", "Problem"), fill_in(complaint.description, 3))],
        [
            GridField(
                t("要求处理方式", "Requested handling"), fill_in(complaint.customer_request, 2)
            )
        ],
    ]
    causes = joined(
        complaint.step(4).content,
        _cause_line(
            t,
            t("发生原因", "Occurrence"),
            complaint.occurrence_category,
            complaint.occurrence_cause,
        ),
        _cause_line(t, t("流出原因", "Escape"), complaint.escape_category, complaint.escape_cause),
        sep="\n",
    )
    analysis = [
        [GridField(t("原因分析", "Analysis"), fill_in(causes, 3))],
        [
            GridField(
                t("责任归属", "Responsibility"),
                tick_options(
                    [
                        (t(*p), k == complaint.responsibility)
                        for k, p in RESPONSIBILITY_LABELS.items()
                    ],
                    wide,
                ),
            )
        ],
        [
            GridField(t("责任部门", "Responsible dept."), complaint.responsible_department),
            GridField(t("分析日期", "Analysed on"), format_date(complaint.step(4).done_on)),
        ],
    ]
    corrective = "\n".join(
        f"{i}. {a.description}" for i, a in enumerate(complaint.actions, start=1) if a.description
    )
    handling = [
        [GridField(t("临时措施", "Containment"), fill_in(complaint.step(3).content, 2))],
        [
            GridField(
                t("纠正/预防措施", "Corrective / preventive actions"),
                fill_in(corrective or complaint.step(5).content, 2),
            )
        ],
        [GridField(t("处理结果", "Result"), fill_in(complaint.reply_content, 2))],
        [
            GridField(t("答复日期", "Answered on"), format_datetime(complaint.reply_at)),
            GridField(t("答复人", "Answered by"), complaint.reply_by),
        ],
        [
            GridField(t("回访日期", "Return visit"), format_datetime(complaint.visit_at)),
            GridField(
                t("顾客满意", "Customer satisfied"), yes_no(t, complaint.visit_satisfied, narrow)
            ),
        ],
        [GridField(t("顾客意见", "Customer's opinion"), fill_in(complaint.visit_notes))],
    ]
    story: list[Flowable] = [
        # one page when it can: the last section may continue on a second
        *kept(
            heading(t("反馈信息(营业部填写)", "Feedback (sales)")),
            grid(t, feedback),
        ),
        *kept(heading(t("原因分析(质量部填写)", "Analysis (quality)")), grid(t, analysis)),
        *section_heading(t("处理措施与结果", "Handling and result")),
        *grid(t, handling),
    ]
    return build_form_pdf(meta, story)


def _cause_line(t: FormText, title: str, category: str, cause: str) -> str:
    """ "发生原因(机)：刀具磨损" — empty when nothing is known."""
    if not category and not cause:
        return ""
    kind = t.paren(t.of(CAUSE_LABELS, category)) if category else ""
    return f"{title}{kind}{t.colon}{cause}"
