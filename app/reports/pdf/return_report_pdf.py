"""The return receipt, inspection and disposition report 退货接收及检验处置报告 (SPEC §2.3).

Seed 002 §7: the warehouse counts what came back (入库单), quality inspects it and decides where
every defective piece goes (rework order, nonconforming procedure, back to the customer,
concession, replacement — urgent production when stock is short, §6.1.5), manufacturing's
analysis is archived with the record (§7.3–7.4). Bulk periodic returns 统退货 are not complaint
cases (§7.1). The pieces the other return forms share are public here.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping, Sequence

from PIL import Image as PILImage
from PIL import ImageOps
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Paragraph, Table, TableStyle

from app.reports.pdf.capa_pdf import ACTION_TYPE_LABELS
from app.reports.pdf.eight_d_pdf import (
    due_cell,
    grid,
    heading,
    kept,
    table,
    titled,
    value_width,
)
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
    FONT_NAME,
    CellContent,
    FormMeta,
    GridField,
    build_form_pdf,
    markup,
    styles,
    text_paragraph,
)
from app.services.complaint_data import VERIFICATION_LABELS, ActionData
from app.services.return_data import (
    DISPOSITION_LABELS,
    RETURN_STATUS_LABELS,
    REWORK_INSTRUCTION_LABELS,
    WARRANTY_LABELS,
    ReturnData,
    ReturnLineData,
)
from app.services.settings_service import FormSettings

log = logging.getLogger(__name__)

FORM_KEY = "return_report"

_PADDING = 8  # a table cell's left + right padding (layout.py)
_THUMB_WIDTH = 34 * mm
_THUMB_HEIGHT = 26 * mm
_THUMB_PIXELS = 600  # enough for a thumbnail in print; keeps the PDF small
# short enough for a narrow column: the header already says "responsibility"
RESPONSIBILITY_CHOICES = {"ours": ("本公司", "Ours"), "not_ours": ("非本公司", "Not ours")}


# ---------------------------------------------------------------- shared by the return forms


def form_meta(
    t: FormText,
    settings: FormSettings,
    form_key: str,
    record_no: str,
    signatures: list[tuple[str, str]],
) -> FormMeta:
    """The page frame of a return form: company, title, form code and revision, record no."""
    form = settings.form(form_key)
    return FormMeta(
        company_name=settings.company_name,
        logo_png=settings.logo_png,
        title=t.title(form_key),
        form_code=form.code,
        revision=form.revision,
        record_no=record_no,
        signatures=signatures,
        lang=t.page_lang,
    )


def customer_text(data: ReturnData) -> str:
    return joined(data.customer_code, data.customer_name)


def alarm_style() -> ParagraphStyle:
    return ParagraphStyle("qd-return-alarm", parent=styles().cell, textColor=colors.firebrick)


def note_style() -> ParagraphStyle:
    return ParagraphStyle("qd-return-note", parent=styles().small, textColor=colors.firebrick)


def bulk_note(t: FormText) -> str:
    """Seed 002 §7.1."""
    return t("统退货不作为客户抱怨案件", "A bulk periodic return is not a complaint case")


def bulk_cell(t: FormText, bulk: bool, width: float) -> list[Flowable]:
    """The 统退货 tick box; when ticked, the note that it is not a complaint case."""
    cell: list[Flowable] = list(tick_options([(t("统退货", "Bulk periodic return"), bulk)], width))
    if bulk:
        cell.append(text_paragraph(bulk_note(t), note_style()))
    return cell


def disposition_summary(t: FormText, line: ReturnLineData, separator: str | None = None) -> str:
    """ "重工 6；报废 4" — the dispositions used, with their quantities."""
    if separator is None:
        separator = "; " if t.lang == "en" else "；"
    return separator.join(
        f"{t.of(DISPOSITION_LABELS, name)} {format_qty(getattr(line, name))}"
        for name in DISPOSITION_LABELS
        if getattr(line, name)
    )


def disposition_notes(t: FormText, line: ReturnLineData) -> list[str]:
    """The details of a line's disposition: order and report numbers, who allowed a concession."""
    notes: list[str] = []
    if line.qty_rework or line.rework_order_no or line.rework_instruction:
        order = t("重工工令", "Rework order") + t.colon + (line.rework_order_no or "—")
        if line.rework_instruction:
            order += t.paren(t.of(REWORK_INSTRUCTION_LABELS, line.rework_instruction))
        notes.append(order)
    if line.rework_notes:
        notes.append(t("重工说明", "Rework notes") + t.colon + line.rework_notes)
    if line.qty_scrap or line.scrap_report_no:
        notes.append(
            t("不合格品报告", "Nonconformity report") + t.colon + (line.scrap_report_no or "—")
        )
    if line.qty_accept or line.concession_by:
        notes.append(t("让步接收批准", "Concession by") + t.colon + (line.concession_by or "—"))
    if line.warranty:
        notes.append(t("三包", "Warranty") + t.colon + t.of(WARRANTY_LABELS, line.warranty))
    return notes


def urgent_text(t: FormText, short: bool = False) -> str:
    """Replacement needed and stock short: an urgent production plan (seed 002 §6.1.5)."""
    if short:
        return t("【紧急生产】换货库存不足", "[URGENT PRODUCTION] stock short")
    return t(
        "【紧急生产】换货库存不足，通知生管排定紧急生产计划",
        "[URGENT PRODUCTION] replacement stock short: production planning to schedule it",
    )


def failure_text(t: FormText, line: ReturnLineData) -> str:
    """What the customer reported and what inspection found."""
    return joined(
        t("顾客反映", "Customer") + t.colon + line.customer_reason if line.customer_reason else "",
        t("检验发现", "Found") + t.colon + line.defect_found if line.defect_found else "",
        sep="\n",
    )


# ---------------------------------------------------------------- photos


def thumbnail(data: bytes) -> Image | None:
    """A small upright (EXIF) picture that fits a thumbnail box; None if it cannot be read."""
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
        picture.thumbnail((_THUMB_PIXELS, _THUMB_PIXELS))
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=85)
        width, height = picture.size
    except Exception:  # noqa: BLE001  (a broken attachment must not stop the report)
        log.warning("a photo cannot be read; printing a note instead", exc_info=True)
        return None
    scale = min(_THUMB_WIDTH / width, _THUMB_HEIGHT / height)
    buffer.seek(0)
    return Image(buffer, width=width * scale, height=height * scale)


def line_photos(
    t: FormText, line: ReturnLineData, photos: Mapping[str, bytes] | None, width: float
) -> Table | None:
    """The line's photos as a row of small thumbnails with captions; None without photos."""
    if not photos:
        return None
    chosen = [a for a in line.attachments if a.is_image and a.stored_name in photos]
    if not chosen:
        return None
    st = styles()
    caption_style = ParagraphStyle("qd-thumb-caption", parent=st.small, alignment=TA_CENTER)
    per_row = max(1, int(width // (_THUMB_WIDTH + 4 * mm)))
    cells: list[list[Flowable]] = []
    for attachment in chosen:
        image = thumbnail(photos[attachment.stored_name])
        caption = text_paragraph(attachment.caption or attachment.file_name, caption_style)
        if image is None:
            note = text_paragraph(t("图片无法读取", "The image cannot be read"), note_style())
            cells.append([note, caption])
        else:
            cells.append([image, caption])
    while len(cells) % per_row:
        cells.append([])
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    column = width / per_row
    listing = Table(rows, colWidths=[column] * per_row, hAlign="LEFT")
    listing.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return listing


# ---------------------------------------------------------------- sections


def _receipt(t: FormText, data: ReturnData) -> list[Flowable]:
    complaint = data.complaint.number if data.complaint else ""
    rows: list[list[GridField]] = [
        [
            GridField(t("退货单号", "Return no."), data.number),
            GridField(t("状态", "Status"), t.of(RETURN_STATUS_LABELS, data.status)),
        ],
        [GridField(t("顾客", "Customer"), customer_text(data))],
        [
            GridField(t("接收日期", "Received on"), format_date(data.received_on)),
            GridField(t("入库单号", "Warehouse receipt"), data.warehouse_receipt_no),
        ],
        [
            GridField(t("收料人", "Received by"), data.received_by),
            GridField(t("关联抱怨单号", "Complaint no."), complaint),
        ],
        [GridField(t("退货类型", "Kind of return"), bulk_cell(t, data.bulk, value_width(t, 2)))],
        [GridField(t("备注", "Notes"), fill_in(data.notes))],
    ]
    if data.urgent_production:
        urgent = text_paragraph(urgent_text(t), alarm_style())
        rows.append([GridField(t("紧急生产", "Urgent production"), urgent)])
    if data.status == "cancelled":
        rows.append([GridField(t("作废原因", "Reason cancelled"), data.cancel_reason)])
    return kept(heading(t("一、退货接收", "1. Receipt")), grid(t, rows))


def _lines(t: FormText, data: ReturnData) -> list[Flowable]:
    headers = [
        t("序号", "No."),
        t("料号", "Material no."),
        t("品名", "Name"),
        t("批次号", "Batch / lot"),
        t("退货数量", "Qty"),
        t("顾客退货原因", "Customer's reason"),
    ]
    widths = [12 * mm if t.bilingual else 10 * mm, 30 * mm, 36 * mm, 26 * mm, 17 * mm, None]
    rows: list[list[CellContent]] = [
        [
            str(i),
            line.material_no,
            line.material_name,
            line.batch_no,
            format_qty(line.quantity),
            line.customer_reason,
        ]
        for i, line in enumerate(data.lines, start=1)
    ]
    if rows:
        rows.append(["", t("合计", "Total"), "", "", format_qty(data.qty_returned), ""])
    else:
        rows = blank_rows(len(headers), 3)
    aligns = ["CENTER", "LEFT", "LEFT", "LEFT", "RIGHT", "LEFT"]
    return titled(
        t("二、退货明细", "2. Items returned"), table(headers, rows, widths, aligns), True
    )


def _inspection_widths(t: FormText) -> list[float]:
    if t.lang == "zh_CN":
        widths = [10 * mm, 24 * mm, 14 * mm, 14 * mm, 14 * mm, None, 22 * mm, 24 * mm]
    elif t.lang == "en":
        widths = [12 * mm, 24 * mm, 18 * mm, 16 * mm, 18 * mm, None, 22 * mm, 26 * mm]
    else:
        widths = [12 * mm, 24 * mm, 18 * mm, 16 * mm, 18 * mm, None, 20 * mm, 30 * mm]
    return column_widths(CONTENT_WIDTH, widths)


def _inspection(
    t: FormText, data: ReturnData, photos: Mapping[str, bytes] | None
) -> list[Flowable]:
    headers = [
        t("序号", "No."),
        t("检验员/日期", "Inspector / date"),
        t("检验数", "Inspected"),
        t("良品数", "Good"),
        t("不良数", "Defective"),
        t("检验发现的不良", "Defect found"),
        t("不良类别", "Category"),
        t("责任判定", "Responsibility"),
    ]
    widths = _inspection_widths(t)
    choice_width = widths[7] - _PADDING
    explanation_label = t("对顾客说明", "Explanation for the customer") + t.colon
    rows: list[list[CellContent]] = []
    photo_rows: list[int] = []
    for i, line in enumerate(data.lines, start=1):
        found: list[Flowable] = [text_paragraph(line.defect_found)]
        if line.explanation:
            found.append(
                Paragraph(
                    f"<font color='#555555'>{markup(explanation_label)}</font>"
                    f"{markup(line.explanation)}",
                    styles().cell,
                )
            )
        responsibility = tick_options(
            [
                (t(*pair), line.responsibility == key)
                for key, pair in RESPONSIBILITY_CHOICES.items()
            ],
            choice_width,
        )
        rows.append(
            [
                str(i),
                joined(line.inspector, format_date(line.inspected_on), sep="\n"),
                format_qty(line.qty_inspected),
                format_qty(line.qty_good),
                format_qty(line.qty_defective),
                found,
                line.defect_category,
                responsibility,
            ]
        )
        pictures = line_photos(t, line, photos, CONTENT_WIDTH - _PADDING)
        if pictures is not None:
            photo_rows.append(len(rows) + 1)  # +1: the header row
            rows.append([pictures, "", "", "", "", "", "", ""])
    if data.lines:
        inspected = sum(line.qty_inspected or 0 for line in data.lines)
        good = sum(line.qty_good or 0 for line in data.lines)
        rows.append(
            [
                "",
                t("合计", "Total"),
                format_qty(inspected),
                format_qty(good),
                format_qty(data.qty_defective),
                "",
                "",
                "",
            ]
        )
    else:
        rows = blank_rows(len(headers), 3)
    aligns = ["CENTER", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT", "LEFT", "LEFT"]
    listing = table(headers, rows, widths, aligns)
    listing.setStyle(TableStyle([("SPAN", (0, r), (-1, r)) for r in photo_rows]))
    return titled(t("三、检验结果", "3. Inspection"), listing, True)


def _disposition_widths(t: FormText) -> list[float]:
    if t.lang == "zh_CN":
        widths = [10 * mm, 13 * mm, 13 * mm, 16 * mm, 16 * mm, 13 * mm, None, 24 * mm]
    else:
        widths = [12 * mm, 16 * mm, 15 * mm, 20 * mm, 18 * mm, 17 * mm, None, 24 * mm]
    return column_widths(CONTENT_WIDTH, widths)


def _disposition(t: FormText, data: ReturnData) -> list[Flowable]:
    names = list(DISPOSITION_LABELS)
    headers = [
        t("序号", "No."),
        *(t.of(DISPOSITION_LABELS, name) for name in names),
        t("处置说明", "Details"),
        t("处置人/日期", "Disposed by / on"),
    ]
    widths = _disposition_widths(t)
    details_width = widths[6] - _PADDING
    alarm = alarm_style()
    rows: list[list[CellContent]] = []
    for i, line in enumerate(data.lines, start=1):
        details: list[Flowable] = [text_paragraph(note) for note in disposition_notes(t, line)]
        remaining = (line.qty_defective or 0) - line.qty_disposed
        if line.qty_defective is not None and remaining > 1e-9:
            details.append(
                text_paragraph(
                    t("待处置数量", "Still to dispose of") + t.colon + format_qty(remaining), alarm
                )
            )
        if line.urgent_production:
            details.append(text_paragraph(wrap_words(urgent_text(t), details_width), alarm))
        rows.append(
            [
                str(i),
                *(format_qty(getattr(line, name)) if getattr(line, name) else "" for name in names),
                details or "",
                joined(line.disposed_by, format_date(line.disposed_on), sep="\n"),
            ]
        )
    if data.lines:
        totals = [sum(getattr(line, name) or 0 for line in data.lines) for name in names]
        rows.append([t("合计", "Total"), *(format_qty(q) for q in totals), "", ""])
    else:
        rows = blank_rows(len(headers), 3)
    aligns = ["CENTER", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "LEFT", "CENTER"]
    return titled(t("四、处置", "4. Disposition"), table(headers, rows, widths, aligns), True)


def _analysis(t: FormText, data: ReturnData) -> list[Flowable]:
    rows = [
        [GridField(t("制造分析结果", "Manufacturing analysis"), fill_in(data.analysis_result, 2))],
        [
            GridField(t("分析人", "Analysed by"), data.analysis_by),
            GridField(t("分析日期", "Analysed on"), format_date(data.analysis_on)),
        ],
        [
            GridField(t("归档日期", "Archived on"), format_date(data.archived_on)),
            GridField(t("归档人", "Archived by"), data.archived_by),
        ],
    ]
    return kept(heading(t("五、分析结果与归档", "5. Analysis and archiving")), grid(t, rows))


def actions_table(t: FormText, actions: Sequence[ActionData], blank: int = 2) -> Table:
    """Actions opened from the return: kind, action, department, owner, due, done, verification."""
    headers = [
        t("序号", "No."),
        t("类型", "Type"),
        t("措施内容", "Action"),
        t("责任部门", "Dept."),
        t("责任人", "Owner"),
        t("计划完成", "Due"),
        t("完成日期", "Done"),
        t("验证结果", "Verification"),
    ]
    if t.lang == "zh_CN":
        widths = [10 * mm, 11 * mm, None, 20 * mm, 17 * mm, 20 * mm, 20 * mm, 22 * mm]
    else:
        widths = [12 * mm, 19 * mm, None, 20 * mm, 17 * mm, 20 * mm, 20 * mm, 26 * mm]
    fixed = column_widths(CONTENT_WIDTH, widths)
    kind_width, result_width = fixed[1] - _PADDING, fixed[7] - _PADDING
    rows: list[list[CellContent]] = [
        [
            str(i),
            wrap_words(t.of(ACTION_TYPE_LABELS, a.kind), kind_width),
            a.description,
            a.department,
            a.owner,
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
    aligns = ["CENTER", "CENTER", "LEFT", "LEFT", "LEFT", "CENTER", "CENTER", "CENTER"]
    return table(headers, rows, widths, aligns)


def _actions(t: FormText, data: ReturnData) -> list[Flowable]:
    return titled(
        t("六、纠正/预防措施", "6. Corrective / preventive actions"),
        actions_table(t, data.actions),
        True,
    )


def _signatures(t: FormText, data: ReturnData) -> list[tuple[str, str]]:
    inspectors = list(dict.fromkeys(line.inspector for line in data.lines if line.inspector))
    return [
        (t("收料", "Received"), data.received_by),
        (t("检验", "Inspected"), "、".join(inspectors)),
        (t("审核", "Reviewed"), ""),
        (t("批准", "Approved"), ""),
    ]


# ---------------------------------------------------------------- the form


def return_report_pdf(
    data: ReturnData,
    settings: FormSettings,
    lang: str = "zh_CN",
    photos: dict[str, bytes] | None = None,
) -> bytes:
    """The return receipt, inspection and disposition report as PDF bytes (A4 portrait).

    `lang` is "zh_CN", "en" or "bilingual". `photos` maps an attachment's stored name to its
    bytes: the lines' image attachments found there print as thumbnails under their line; an
    image that cannot be decoded is printed as a note.
    """
    t = labels(lang)
    meta = form_meta(t, settings, FORM_KEY, data.number, _signatures(t, data))
    story: list[Flowable] = [
        *_receipt(t, data),
        *_lines(t, data),
        *_inspection(t, data, photos),
        *_disposition(t, data),
        *_analysis(t, data),
        *_actions(t, data),
    ]
    return build_form_pdf(meta, story)
