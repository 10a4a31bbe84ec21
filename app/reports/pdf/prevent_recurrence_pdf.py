"""The prevent-recurrence report 防止不合格品再发生报告 (Q/JL081303-C; seed 002 §6.2.3).

Problem, causes of occurrence and escape, corrective and preventive measures, their deployment
to similar products, the documents updated and the confirmation that the measures work.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.reports.pdf.eight_d_pdf import (
    actions_table,
    cause_rows,
    customer_text,
    documents_updated,
    five_why_table,
    grid,
    heading,
    kept,
    product_text,
    signatures,
    titled,
    value_width,
    waiver_rows,
)
from app.reports.pdf.form_text import (
    fill_in,
    format_date,
    format_qty,
    joined,
    labels,
    tick_options,
)
from app.reports.pdf.layout import FormMeta, GridField, build_form_pdf
from app.services.complaint_data import SEVERITY_LABELS, ComplaintData
from app.services.settings_service import FormSettings

FORM_KEY = "prevent_recurrence"


def prevent_recurrence_pdf(
    complaint: ComplaintData, settings: FormSettings, lang: str = "zh_CN"
) -> bytes:
    """The prevent-recurrence report as PDF bytes (A4; "zh_CN", "en" or "bilingual")."""
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
    quantities = joined(
        format_qty(complaint.qty_defective), format_qty(complaint.qty_delivered), sep=" / "
    )
    overview = [
        [
            GridField(t("抱怨单号", "Ticket no."), complaint.number),
            GridField(t("发生日期", "Reported on"), format_date(complaint.received_at)),
        ],
        [GridField(t("顾客", "Customer"), customer_text(complaint))],
        [
            GridField(t("产品/零件号", "Product / part"), product_text(complaint)),
            GridField(t("批次号", "Batch / lot"), complaint.batch_no),
        ],
        [
            GridField(t("不良/交付数量", "Defective / delivered"), quantities),
            GridField(t("不良类别", "Defect category"), complaint.defect_category),
        ],
        [
            GridField(
                t("严重度", "Severity"),
                tick_options(
                    [(t(*p), k == complaint.severity) for k, p in SEVERITY_LABELS.items()],
                    value_width(t),
                ),
            ),
            GridField(t("责任部门", "Responsible dept."), complaint.responsible_department),
        ],
    ]
    problem = [
        [GridField(t("不合格描述", "Nonconformity"), fill_in(complaint.description, 3))],
        [GridField("5W2H", fill_in(complaint.step(2).content, 2))],
    ]
    corrective = [a for a in complaint.actions if a.kind == "corrective"]
    preventive = [a for a in complaint.actions if a.kind == "preventive"]
    verified = [a for a in complaint.actions if a.verification == "effective"]
    effect = complaint.step(6)
    verified_count = (
        f"{len(verified)} / {len(complaint.actions)}" if complaint.actions else ""
    )  # nothing to count on a blank form
    confirmation = [
        [GridField(t("效果确认", "Effect"), fill_in(effect.content, 3))],
        [
            GridField(t("措施验证有效", "Actions effective"), verified_count),
            GridField(t("确认日期", "Confirmed on"), format_date(effect.done_on)),
        ],
        [
            GridField(t("确认人", "Confirmed by"), effect.owner),
            GridField(t("结案日期", "Closed on"), format_date(complaint.closed_at)),
        ],
    ]
    story: list[Flowable] = [
        *kept(heading(t("概况", "Overview")), grid(t, overview)),
        *kept(heading(t("一、问题描述", "1. Problem")), grid(t, problem)),
        *kept(
            heading(t("二、原因分析", "2. Causes")),
            grid(
                t, [[GridField(t("原因分析", "Analysis"), fill_in(complaint.step(4).content, 2))]]
            ),
            grid(t, cause_rows(t, complaint)),
        ),
        *titled(t("5-Why 分析", "5-Why analysis"), five_why_table(t, complaint.five_why)),
        *titled(t("三、纠正措施", "3. Corrective actions"), actions_table(t, corrective), True),
        *titled(t("四、预防措施", "4. Preventive actions"), actions_table(t, preventive), True),
        *kept(grid(t, waiver_rows(t, complaint))),
        *kept(
            heading(t("五、水平展开", "5. Similar products")),
            grid(
                t,
                [
                    [
                        GridField(
                            t("类似产品/工序", "Similar products / processes"),
                            fill_in(complaint.similar_products, 3),
                        )
                    ]
                ],
            ),
        ),
        *kept(
            heading(t("六、文件更新", "6. Documents updated")),
            grid(t, [[GridField(t("已更新", "Updated"), documents_updated(t, complaint))]]),
        ),
        *kept(heading(t("七、效果确认", "7. Effect confirmed")), grid(t, confirmation)),
    ]
    return build_form_pdf(meta, story)
