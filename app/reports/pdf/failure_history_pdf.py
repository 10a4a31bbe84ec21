"""The product failure history 产品失败履历表 (Q/JL081302-C; seed 003 §8.2; SPEC §2.6, §3).

One part: what it is called, how many complaints, returned lines and field-service reports
name it, and every one of them in date order with its customer, batch, quantity, defect, what
was found, why, what was done, who is responsible and where it stands.

Twelve columns with three of free text do not fit a portrait page, so the form is printed on
A4 landscape. The shared frame (app/reports/pdf/layout.py) draws portrait pages only; the
landscape frame here draws the same header, signature boxes and page x/y at the landscape
width, with the frame's own pieces (fonts, fitting, logo, page numbering).
"""

from __future__ import annotations

import io
from datetime import date
from functools import partial

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from app.i18n import pick
from app.reports.pdf.form_text import FormText, format_qty, joined, labels, wrap_words
from app.reports.pdf.layout import (
    FONT_NAME,
    GRID_COLOR,
    MARGIN_X,
    MUTED_TEXT,
    CellContent,
    FormMeta,
    GridField,
    _fit_text,
    _logo_reader,
    _NumberedCanvas,
    _single_line,
    data_table,
    label_value_grid,
    page_label,
    register_fonts,
    styles,
    text_paragraph,
)
from app.reports.pdf.return_report_pdf import form_meta
from app.services.failure_history import SOURCE_LABELS, SOURCES
from app.services.settings_service import FormSettings
from app.services.summary_data import FailureEntry, FailureHistory

FORM_KEY = "failure_history"

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
# the header and footer sit where the portrait frame puts them, measured from the page edges
_HEADER_TOP = PAGE_HEIGHT - 10 * mm
_TOP_MARGIN = 37 * mm
_FOOTER_BASELINE = 8 * mm
_SIGNATURE_BOTTOM = 12 * mm
_SIGNATURE_HEIGHT = 16 * mm
_SIGNATURE_WIDTH = 60 * mm  # three boxes at the right, as on the paper form
_SIGNATURE_GAP = 4 * mm
_BOTTOM_MARGIN = _SIGNATURE_BOTTOM + _SIGNATURE_HEIGHT + 4 * mm
_CELL_PADDING_X = 8  # left + right padding of a table cell (layout.py)
CELL_FONT_SIZE = 8

_cell_styles: dict[str, ParagraphStyle] = {}


def _style(align: str = "LEFT") -> ParagraphStyle:
    """8 pt cells: twelve columns on one line of the page."""
    if align not in _cell_styles:
        base = styles().cell
        alignment = {"LEFT": 0, "CENTER": 1, "RIGHT": 2}[align]
        _cell_styles[align] = ParagraphStyle(
            f"qd-fh-{align.lower()}",
            parent=base,
            fontSize=CELL_FONT_SIZE,
            leading=CELL_FONT_SIZE + 2,
            alignment=alignment,
        )
    return _cell_styles[align]


def _cell(text: object, align: str = "LEFT") -> Paragraph:
    return text_paragraph("" if text is None else text, _style(align))


# ---------------------------------------------------------------- content


def _names_text(t: FormText, history: FailureHistory) -> str:
    return (", " if t.lang == "en" else "、").join(history.names)


def _overview(t: FormText, history: FailureHistory) -> list[Flowable]:
    counts = history.counts
    sep = "; " if t.lang == "en" else "；"
    tally = sep.join(f"{t.of(SOURCE_LABELS, s)}{t.colon}{counts[s]}" for s in SOURCES)
    tally += f"{sep}{t('合计', 'Total')}{t.colon}{len(history.entries)}"
    rows = [
        [
            GridField(t("零件号/产品型号", "Part / product"), history.part),
            GridField(t("名称", "Name"), _names_text(t, history)),
        ],
        [GridField(t("失败记录", "Failures"), tally)],
    ]
    label_width = {"zh_CN": 30 * mm, "en": 30 * mm}.get(t.lang, 48 * mm)
    rows = [
        [
            GridField(wrap_words(f.label, label_width - _CELL_PADDING_X), f.value, f.span)
            for f in row
        ]
        for row in rows
    ]
    return [
        *label_value_grid(rows, pairs_per_row=2, label_width=label_width, width=CONTENT_WIDTH),
        Spacer(1, 4 * mm),
    ]


# column header, width (None: shares what is left), alignment
def _columns(t: FormText) -> list[tuple[str, float | None, str]]:
    return [
        (t("日期", "Date"), 18.5 * mm, "CENTER"),
        (t("来源", "Source"), 17 * mm, "CENTER"),
        (t("编号", "Number"), 25.5 * mm, "LEFT"),
        (t("顾客", "Customer"), 24 * mm, "LEFT"),
        (t("批次/序列号", "Batch, serial"), 18 * mm, "LEFT"),
        (t("数量", "Qty"), 11 * mm, "RIGHT"),
        (t("不良类别", "Defect"), 16 * mm, "LEFT"),
        (t("问题描述", "Description"), None, "LEFT"),
        (t("原因", "Cause"), None, "LEFT"),
        (t("处理措施", "Action"), None, "LEFT"),
        (t("责任", "Responsibility"), 23 * mm, "LEFT"),
        (t("状态", "Status"), 15.5 * mm, "CENTER"),
    ]


def _widths(columns: list[tuple[str, float | None, str]]) -> list[float]:
    fixed = sum(w for _h, w, _a in columns if w is not None)
    shared = sum(1 for _h, w, _a in columns if w is None)
    rest = (CONTENT_WIDTH - fixed) / shared
    return [w if w is not None else rest for _h, w, _a in columns]


# labels short enough to break between words rather than inside one ("Field | service")
_WORDS = {1, 10, 11}


def _row(t: FormText, entry: FailureEntry, widths: list[float]) -> list[CellContent]:
    values = [
        entry.on.isoformat(),
        t.of(SOURCE_LABELS, entry.source),
        entry.number,
        joined(entry.customer_code, entry.customer_name, sep="\n"),
        entry.batch,
        format_qty(entry.quantity),
        entry.defect,
        entry.description,
        entry.cause,
        entry.action,
        entry.responsibility,
        entry.status,
    ]
    for i in _WORDS:
        values[i] = wrap_words(values[i], widths[i] - _CELL_PADDING_X, CELL_FONT_SIZE)
    return [_cell(v, a) for v, (_h, _w, a) in zip(values, _columns(t), strict=True)]


def _entries(t: FormText, history: FailureHistory) -> list[Flowable]:
    columns = _columns(t)
    widths = _widths(columns)
    headers = [
        wrap_words(h, w - _CELL_PADDING_X) for (h, _w, _a), w in zip(columns, widths, strict=True)
    ]
    rows = [_row(t, entry, widths) for entry in history.entries]
    return [
        data_table(
            headers,
            rows,
            widths,
            aligns=[a for _h, _w, a in columns],
            empty_text=t("没有该零件的失败记录", "No failures recorded for this part"),
        )
    ]


# ---------------------------------------------------------------- the landscape frame


def _draw_header(canv: pdfcanvas.Canvas, meta: FormMeta, logo) -> None:  # noqa: ANN001
    top = _HEADER_TOP
    canv.saveState()
    reserved = 0.0
    if logo is not None:
        iw, ih = logo.getSize()
        scale = min(32 * mm / iw, 15 * mm / ih)
        w, h = iw * scale, ih * scale
        canv.drawImage(logo, MARGIN_X, top - h, width=w, height=h, mask="auto")
        reserved = w + 3 * mm
    center_x = PAGE_WIDTH / 2
    centered_width = CONTENT_WIDTH - 2 * reserved

    company, size = _fit_text(_single_line(meta.company_name), 11, centered_width, 7)
    canv.setFont(FONT_NAME, size)
    canv.drawCentredString(center_x, top - 5 * mm, company)

    title, size = _fit_text(_single_line(meta.title), 17, centered_width, 10)
    text = canv.beginText()
    text.setTextOrigin(center_x - canv.stringWidth(title, FONT_NAME, size) / 2, top - 14 * mm)
    text.setFont(FONT_NAME, size)
    text.setTextRenderMode(2)  # filled and stroked: the font has no bold face
    canv.setLineWidth(0.35)
    text.textLine(title)
    text.setTextRenderMode(0)
    canv.drawText(text)

    lang = meta.lang
    code_line = (
        f"{pick('表单编号：', 'Form No.: ', lang)}{_single_line(meta.form_code)}"
        f"    {pick('版本：', 'Rev.: ', lang)}{_single_line(meta.revision)}"
    )
    record = f"{pick('记录编号：', 'Record No.: ', lang)}{_single_line(meta.record_no)}"
    half = CONTENT_WIDTH / 2 - 2 * mm
    baseline = top - 21.5 * mm
    code_line, size = _fit_text(code_line, 8.5, half, 6)
    canv.setFont(FONT_NAME, size)
    canv.drawString(MARGIN_X, baseline, code_line)
    record, size = _fit_text(record, 8.5, half, 6)
    canv.setFont(FONT_NAME, size)
    canv.drawRightString(PAGE_WIDTH - MARGIN_X, baseline, record)

    canv.setLineWidth(0.8)
    canv.line(MARGIN_X, top - 23.5 * mm, PAGE_WIDTH - MARGIN_X, top - 23.5 * mm)
    canv.restoreState()


def _draw_signatures(canv: pdfcanvas.Canvas, meta: FormMeta) -> None:
    """编制 / 审核 / 批准 boxes at the bottom right of every page."""
    boxes = meta.signatures
    n = len(boxes)
    left = PAGE_WIDTH - MARGIN_X - n * _SIGNATURE_WIDTH - (n - 1) * _SIGNATURE_GAP
    date_hint = pick("年      月      日", "Date:", meta.lang)
    canv.saveState()
    canv.setStrokeColor(GRID_COLOR)
    canv.setLineWidth(0.6)
    for i, (label, name) in enumerate(boxes):
        x = left + i * (_SIGNATURE_WIDTH + _SIGNATURE_GAP)
        bottom, width, height = _SIGNATURE_BOTTOM, _SIGNATURE_WIDTH, _SIGNATURE_HEIGHT
        canv.rect(x, bottom, width, height, stroke=1, fill=0)
        label_text, size = _fit_text(_single_line(label), 8.5, width - 4 * mm, 6)
        canv.setFillColor(MUTED_TEXT)
        canv.setFont(FONT_NAME, size)
        canv.drawString(x + 2 * mm, bottom + height - 4.5 * mm, label_text)
        canv.setFont(FONT_NAME, 8)
        canv.drawRightString(x + width - 3 * mm, bottom + 2.5 * mm, date_hint)
        if name:
            name_text, size = _fit_text(_single_line(name), 11, width - 6 * mm, 7)
            canv.setFillColor(colors.black)
            canv.setFont(FONT_NAME, size)
            canv.drawString(x + 4 * mm, bottom + height - 10.5 * mm, name_text)
    canv.restoreState()


def _draw_footer(canv: pdfcanvas.Canvas, number: int, total: int, meta: FormMeta) -> None:
    canv.saveState()
    canv.setFillColor(colors.black)
    canv.setFont(FONT_NAME, 9)
    canv.drawCentredString(PAGE_WIDTH / 2, _FOOTER_BASELINE, page_label(number, total, meta.lang))
    canv.setFillColor(MUTED_TEXT)
    canv.setFont(FONT_NAME, 7.5)
    canv.drawString(
        MARGIN_X, _FOOTER_BASELINE, _fit_text(_single_line(meta.form_code), 7.5, 60 * mm, 6)[0]
    )
    printed = (meta.printed_on or date.today()).isoformat()
    canv.drawRightString(
        PAGE_WIDTH - MARGIN_X,
        _FOOTER_BASELINE,
        f"{pick('打印日期：', 'Printed: ', meta.lang)}{printed}",
    )
    canv.restoreState()


def _build(meta: FormMeta, story: list[Flowable]) -> bytes:
    register_fonts()
    logo = _logo_reader(meta.logo_png)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=_TOP_MARGIN,
        bottomMargin=_BOTTOM_MARGIN,
        title=joined(_single_line(meta.title), _single_line(meta.record_no), sep=" "),
        author=_single_line(meta.company_name),
        subject=_single_line(meta.form_code),
        creator="QualityDesk",
        initialFontName=FONT_NAME,
        initialFontSize=9,
        lang="zh-CN" if meta.lang == "zh_CN" else "en",
        displayDocTitle=True,
    )

    def on_page(canv: pdfcanvas.Canvas, _doc: SimpleDocTemplate) -> None:
        canv.setCreator("QualityDesk")
        _draw_header(canv, meta, logo)
        _draw_signatures(canv, meta)

    doc.build(
        story,
        onFirstPage=on_page,
        onLaterPages=on_page,
        canvasmaker=partial(
            _NumberedCanvas, footer=lambda c, n, total: _draw_footer(c, n, total, meta)
        ),
    )
    return buffer.getvalue()


def failure_history_pdf(
    history: FailureHistory, settings: FormSettings, lang: str = "zh_CN"
) -> bytes:
    """The failure history of one part as PDF bytes (A4 landscape; "zh_CN", "en", "bilingual")."""
    t = labels(lang)
    register_fonts()  # the labels are measured before the document is built
    signatures = [
        (t("编制", "Prepared by"), settings.clerk_name),
        (t("审核", "Reviewed by"), ""),
        (t("批准", "Approved by"), ""),
    ]
    meta = form_meta(t, settings, FORM_KEY, history.part, signatures)
    story: list[Flowable] = [*_overview(t, history), *_entries(t, history)]
    return _build(meta, story)
