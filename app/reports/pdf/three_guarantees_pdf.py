"""The defective (warranty) part feedback form 不良品(三包件)信息反馈表 (Q/JL100101-C; seed 003 §3.6, §8).

One row per returned part: what failed, why and whose fault, how the warranty 三包 handles it
(包修 repair / 包换 replace / 包退 refund, as recorded on the line — nothing is guessed when it
is not recorded) and where the pieces went; then quality's opinion and the customer's signature.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from app.reports.pdf.eight_d_pdf import grid, heading, kept, table, titled
from app.reports.pdf.form_text import (
    FormText,
    blank_rows,
    column_widths,
    fill_in,
    format_date,
    format_qty,
    joined,
    labels,
    tick_options,
    wrap_words,
)
from app.reports.pdf.layout import (
    CONTENT_WIDTH,
    CellContent,
    GridField,
    build_form_pdf,
    text_paragraph,
)
from app.reports.pdf.return_report_pdf import (
    alarm_style,
    customer_text,
    disposition_summary,
    failure_text,
    form_meta,
    urgent_text,
)
from app.services.return_data import (
    LINE_RESPONSIBILITY_LABELS,
    WARRANTY_LABELS,
    ReturnData,
    ReturnLineData,
)
from app.services.settings_service import FormSettings

FORM_KEY = "three_guarantees"

_PADDING = 8  # a table cell's left + right padding (layout.py)
WARRANTY_CHOICES = ("repair", "replace", "refund")  # 包修 / 包换 / 包退


def warranty_choices(t: FormText, warranty: str, width: float) -> list[Flowable]:
    """包修 / 包换 / 包退 tick boxes; none ticked when the line records no warranty handling."""
    return tick_options([(t(*WARRANTY_LABELS[k]), k == warranty) for k in WARRANTY_CHOICES], width)


def _cause(t: FormText, line: ReturnLineData) -> str:
    responsibility = (
        t.of(LINE_RESPONSIBILITY_LABELS, line.responsibility) if line.responsibility else ""
    )
    return joined(responsibility, line.defect_category, line.explanation, sep="\n")


def _part(t: FormText, line: ReturnLineData) -> str:
    batch = t("批次", "Batch") + t.colon + line.batch_no if line.batch_no else ""
    return joined(line.material_no, line.material_name, batch, sep="\n")


def _widths(t: FormText) -> list[float]:
    if t.lang == "zh_CN":
        widths = [10 * mm, 32 * mm, 13 * mm, None, 30 * mm, 19 * mm, 30 * mm]
    elif t.lang == "en":
        widths = [10 * mm, 32 * mm, 13 * mm, None, 30 * mm, 22 * mm, 30 * mm]
    else:
        widths = [12 * mm, 32 * mm, 15 * mm, None, 28 * mm, 24 * mm, 28 * mm]
    return column_widths(CONTENT_WIDTH, widths)


def _parts(t: FormText, data: ReturnData) -> list[Flowable]:
    headers = [
        t("序号", "No."),
        t("零件号/名称/批次", "Part no. / name / batch"),
        t("数量", "Qty"),
        t("故障描述", "Failure"),
        t("原因/责任", "Cause / responsibility"),
        t("三包处理", "Warranty"),
        t("处置", "Disposition"),
    ]
    widths = _widths(t)
    choice_width, disposition_width = widths[5] - _PADDING, widths[6] - _PADDING
    alarm = alarm_style()
    rows: list[list[CellContent]] = []
    for i, line in enumerate(data.lines, start=1):
        disposition: list[Flowable] = [text_paragraph(disposition_summary(t, line, "\n"))]
        if line.urgent_production:
            urgent = wrap_words(urgent_text(t, short=True), disposition_width)
            disposition.append(text_paragraph(urgent, alarm))
        rows.append(
            [
                str(i),
                _part(t, line),
                format_qty(line.quantity),
                failure_text(t, line),
                _cause(t, line),
                warranty_choices(t, line.warranty, choice_width),
                disposition,
            ]
        )
    if rows:
        rows.append([t("合计", "Total"), "", format_qty(data.qty_returned), "", "", "", ""])
    else:  # a blank form to fill in by hand
        rows = blank_rows(len(headers), 4)
        for row in rows:
            row[5] = warranty_choices(t, "", choice_width)
    aligns = ["CENTER", "LEFT", "RIGHT", "LEFT", "LEFT", "LEFT", "LEFT"]
    listing = table(headers, rows, widths, aligns)
    return titled(t("二、不良品(三包件)明细", "2. Defective parts"), listing, True)


def three_guarantees_pdf(data: ReturnData, settings: FormSettings, lang: str = "zh_CN") -> bytes:
    """The 三包件 feedback form Q/JL100101-C as PDF bytes (A4; "zh_CN", "en" or "bilingual")."""
    t = labels(lang)
    signatures = [
        (t("填表人", "Prepared by"), settings.clerk_name),
        (t("审核", "Reviewed by"), ""),
        (t("批准", "Approved by"), ""),
        (t("顾客确认", "Customer"), ""),
    ]
    meta = form_meta(t, settings, FORM_KEY, data.number, signatures)
    complaint = data.complaint.number if data.complaint else ""
    receipt = [
        [GridField(t("顾客", "Customer"), customer_text(data))],
        [
            GridField(t("退货单号", "Return no."), data.number),
            GridField(t("接收日期", "Received on"), format_date(data.received_on)),
        ],
        [
            GridField(t("关联抱怨单号", "Complaint no."), complaint),
            GridField(t("入库单号", "Warehouse receipt"), data.warehouse_receipt_no),
        ],
    ]
    opinion = [
        [GridField(t("制造分析结果", "Manufacturing analysis"), fill_in(data.analysis_result, 2))],
        [GridField(t("质量部意见", "Quality department's opinion"), fill_in("", 3))],
        [GridField(t("顾客意见", "Customer's opinion"), fill_in("", 2))],
    ]
    story: list[Flowable] = [
        *kept(heading(t("一、顾客与退货", "1. Customer and return")), grid(t, receipt)),
        *_parts(t, data),
        *kept(heading(t("三、分析与意见", "3. Analysis and opinions")), grid(t, opinion)),
    ]
    return build_form_pdf(meta, story)
