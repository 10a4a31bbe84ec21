"""The field service report 现场服务报告 (Q/JL081304-C; SPEC §2.5, seed 003 §8, seed 004).

What the engineer found and did at the customer's site, the parts replaced (charged or under
warranty), the result, the customer's opinion and rating, the costs and photos; the engineer and
the customer sign it. A blank form with lines and tick boxes is printed for filling in by hand
when even the laptop is not at hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from app.reports.pdf.eight_d_pdf import grid, heading, kept, table, titled, value_width
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
)
from app.reports.pdf.layout import (
    CONTENT_WIDTH,
    FONT_NAME,
    CellContent,
    GridField,
    build_form_pdf,
    styles,
    text_paragraph,
)
from app.reports.pdf.return_report_pdf import form_meta, note_style, thumbnail
from app.services.field_data import (
    PART_CHARGE_LABELS,
    RATING_LABELS,
    SERVICE_RESULT_LABELS,
    AttachmentData,
    PartData,
    ServiceReportData,
)
from app.services.settings_service import FormSettings

FORM_KEY = "field_service"

_PADDING = 8  # a table cell's left + right padding (layout.py)
_THUMB_COLUMN = 44 * mm


def people(names: Sequence[str], t: FormText) -> str:
    """Names joined as a person would write them: 张三、李四 / Zhang, Li."""
    return (", " if t.lang == "en" else "、").join(names)


def format_hours(hours: float | None) -> str:
    """Hours on site with at most two decimals: 7.5; nothing when not known."""
    if not hours:
        return ""
    return format_qty(round(hours, 2))


def result_choices(t: FormText, result: str | None, width: float) -> list[Flowable]:
    """已解决 / 临时解决 / 未解决 tick boxes; none ticked on a blank form."""
    return tick_options(
        [(t(*pair), key == result) for key, pair in SERVICE_RESULT_LABELS.items()], width
    )


def rating_choices(t: FormText, rating: int | None, width: float) -> list[Flowable]:
    """Rating boxes 1–5, each with its word (1 很差 … 5 很好)."""
    return tick_options(
        [(f"{score} {t(*pair)}", score == rating) for score, pair in RATING_LABELS.items()], width
    )


def charge_choices(t: FormText, charged: bool | None, width: float) -> list[Flowable]:
    """收费 / 保修 tick boxes; neither ticked on a blank line."""
    return tick_options(
        [
            (t(*PART_CHARGE_LABELS[True]), charged is True),
            (t(*PART_CHARGE_LABELS[False]), charged is False),
        ],
        width,
    )


# ---------------------------------------------------------------- sections


def _service(
    t: FormText, data: ServiceReportData | None, customer: str, address: str
) -> list[Flowable]:
    d = data or ServiceReportData(result="")
    complaint = d.complaint.number if d.complaint else ""
    rows: list[list[GridField]] = [
        [
            GridField(t("服务单号", "Report no."), d.number),
            GridField(t("关联抱怨单号", "Complaint no."), complaint),
        ],
        [GridField(t("顾客", "Customer"), customer)],
        [GridField(t("服务地点", "Site"), address)],
        [
            GridField(t("报修日期", "Requested on"), format_date(d.requested_on)),
            GridField(t("服务工程师", "Engineer(s)"), people(d.engineer_list, t)),
        ],
        [
            GridField(t("到达时间", "Arrived"), format_datetime(d.arrived_at)),
            GridField(t("离开时间", "Departed"), format_datetime(d.departed_at)),
        ],
        [
            GridField(t("产品型号", "Product"), d.product_model),
            GridField(t("序列号/批次号", "Serial / batch no."), d.serial_no),
        ],
    ]
    return kept(heading(t("一、顾客与服务", "1. Customer and service")), grid(t, rows))


def _work(t: FormText, data: ServiceReportData | None) -> list[Flowable]:
    d = data or ServiceReportData()
    rows = [
        [GridField(t("发现的问题", "Problem found"), fill_in(d.problem_found, 3))],
        [GridField(t("处理过程", "Work done"), fill_in(d.work_done, 4))],
    ]
    if d.notes:  # (a blank form leaves the room to 处理过程)
        rows.append([GridField(t("备注", "Notes"), fill_in(d.notes, 1))])
    # a long description may run over a page: the heading stays with the first row only
    tables = grid(t, rows)
    return [
        *kept(heading(t("二、问题与处理", "2. Problem and work done")), tables[:1]),
        *tables[1:],
    ]


def _parts_widths(t: FormText) -> list[float]:
    if t.lang == "zh_CN":
        widths = [10 * mm, 38 * mm, None, 18 * mm, 34 * mm]
    elif t.lang == "en":
        widths = [10 * mm, 36 * mm, None, 16 * mm, 50 * mm]
    else:
        widths = [12 * mm, 38 * mm, None, 20 * mm, 48 * mm]
    return column_widths(CONTENT_WIDTH, widths)


def _parts(t: FormText, parts: Sequence[PartData] | None) -> list[Flowable]:
    headers = [
        t("序号", "No."),
        t("零件号", "Part no."),
        t("零件名称", "Name"),
        t("数量", "Qty"),
        t("收费/保修", "Charged / warranty"),
    ]
    widths = _parts_widths(t)
    choice_width = widths[4] - _PADDING
    rows: list[list[CellContent]] = [
        [
            str(i),
            part.part_no,
            part.name,
            format_qty(part.quantity),
            charge_choices(t, part.charged, choice_width),
        ]
        for i, part in enumerate(parts or [], start=1)
    ]
    if parts:
        charged = sum(p.quantity or 0 for p in parts if p.charged)
        warranty = sum(p.quantity or 0 for p in parts if not p.charged)
        split = joined(
            f"{t(*PART_CHARGE_LABELS[True])} {format_qty(charged)}" if charged else "",
            f"{t(*PART_CHARGE_LABELS[False])} {format_qty(warranty)}" if warranty else "",
            sep="; " if t.lang == "en" else "；",
        )
        rows.append(["", t("合计", "Total"), "", format_qty(charged + warranty), split])
    if parts is None:  # a blank form: lines to fill in by hand
        rows = blank_rows(len(headers), 4)
        rows = [[*row[:4], charge_choices(t, None, choice_width)] for row in rows]
    aligns = ["CENTER", "LEFT", "LEFT", "RIGHT", "LEFT"]
    listing = table(headers, rows, widths, aligns, empty_text=t("未更换零件", "No parts replaced"))
    return titled(t("三、更换零件", "3. Parts replaced"), listing, True)


def _result(t: FormText, data: ServiceReportData | None) -> list[Flowable]:
    d = data or ServiceReportData(result="")
    wide = value_width(t, 2)
    signed = format_date(d.departed_at) if data is not None and d.customer_signatory else ""
    rows = [
        [GridField(t("服务结果", "Result"), result_choices(t, d.result, wide))],
        [GridField(t("顾客意见", "Customer's opinion"), fill_in(d.customer_opinion, 2))],
        [GridField(t("顾客评分", "Customer's rating"), rating_choices(t, d.customer_rating, wide))],
        [
            GridField(t("顾客签字人", "Signed by"), d.customer_signatory),
            GridField(t("签字日期", "Signed on"), signed),
        ],
    ]
    return kept(
        heading(t("四、服务结果与顾客评价", "4. Result and customer's opinion")), grid(t, rows)
    )


def _costs(t: FormText, data: ServiceReportData | None) -> list[Flowable]:
    d = data or ServiceReportData(travel_cost=None, labour_cost=None)
    total = format_money(d.total_cost) if data is not None else ""
    rows = [
        [
            GridField(t("服务工时(小时)", "Hours on site"), format_hours(d.hours)),
            GridField(t("差旅费(元)", "Travel cost"), format_money(d.travel_cost)),
        ],
        [
            GridField(t("人工费(元)", "Labour cost"), format_money(d.labour_cost)),
            GridField(t("费用合计(元)", "Total cost"), total),
        ],
    ]
    return kept(heading(t("五、工时与费用", "5. Hours and costs")), grid(t, rows))


def _photos(
    t: FormText, attachments: Sequence[AttachmentData], photos: Mapping[str, bytes] | None
) -> list[Flowable]:
    """The report's photos as thumbnails with captions, several per row; none without photos."""
    if not photos:
        return []
    chosen = [a for a in attachments if a.is_image and a.stored_name in photos]
    if not chosen:
        return []
    caption_style = ParagraphStyle("qd-service-caption", parent=styles().small, alignment=TA_CENTER)
    per_row = max(1, int(CONTENT_WIDTH // _THUMB_COLUMN))
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
    column = CONTENT_WIDTH / per_row
    listing = Table(rows, colWidths=[column] * per_row, hAlign="LEFT")
    listing.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.5, "#555555"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return titled(t("六、现场照片", "6. Photos"), listing, True)


def _signatures(t: FormText, data: ServiceReportData | None) -> list[tuple[str, str]]:
    engineers = people(data.engineer_list, t) if data else ""
    return [
        (t("服务工程师", "Service engineer"), engineers),
        (t("顾客签字", "Customer's signature"), data.customer_signatory if data else ""),
    ]


def _story(
    t: FormText,
    data: ServiceReportData | None,
    customer: str,
    address: str,
    photos: Mapping[str, bytes] | None = None,
) -> list[Flowable]:
    return [
        *_service(t, data, customer, address),
        *_work(t, data),
        *_parts(t, data.parts if data else None),
        *_result(t, data),
        *_costs(t, data),
        *(_photos(t, data.attachments, photos) if data else []),
    ]


# ---------------------------------------------------------------- the forms


def service_report_pdf(
    data: ServiceReportData,
    settings: FormSettings,
    lang: str = "zh_CN",
    photos: dict[str, bytes] | None = None,
) -> bytes:
    """The field service report as PDF bytes (A4; "zh_CN", "en" or "bilingual").

    `photos` maps an attachment's stored name to its bytes: the report's image attachments
    found there print as thumbnails; an image that cannot be decoded is printed as a note.
    """
    t = labels(lang)
    meta = form_meta(t, settings, FORM_KEY, data.number, _signatures(t, data))
    customer = joined(data.customer_code, data.customer_name)
    return build_form_pdf(meta, _story(t, data, customer, data.site_address, photos))


def blank_service_report_pdf(
    settings: FormSettings,
    lang: str = "zh_CN",
    *,
    customer_name: str = "",
    customer_code: str = "",
    site_address: str = "",
) -> bytes:
    """An empty field service report to fill in by hand: lines, empty part rows, tick boxes.

    The customer (name, code) and the site address are printed when given, e.g. from the
    customer file before a trip.
    """
    t = labels(lang)
    meta = form_meta(t, settings, FORM_KEY, "", _signatures(t, None))
    customer = joined(customer_code, customer_name)
    return build_form_pdf(meta, _story(t, None, customer, site_address))
