"""The product failure history 产品失败履历表 (Q/JL081302-C; seed 003 §8.2; SPEC §2.6, §3).

One part: what it is called, how many complaints, returned lines and field-service reports
name it, and every one of them in date order with its customer, batch, quantity, defect, what
was found, why, what was done, who is responsible and where it stands.

Twelve columns with three of free text do not fit a portrait page, so the form is printed on
A4 landscape in the shared frame (app/reports/pdf/layout.py), with the 编制 / 审核 / 批准 boxes at
the bottom right as on the paper form.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.reports.pdf.form_text import FormText, format_qty, joined, labels, wrap_words
from app.reports.pdf.layout import (
    LANDSCAPE_CONTENT_WIDTH,
    CellContent,
    GridField,
    build_form_pdf,
    label_value_grid,
    paged_data_table,
    register_fonts,
    styles,
    text_paragraph,
)
from app.reports.pdf.return_report_pdf import form_meta
from app.services.failure_history import SOURCE_LABELS, SOURCES
from app.services.settings_service import FormSettings
from app.services.summary_data import FailureEntry, FailureHistory

FORM_KEY = "failure_history"

CONTENT_WIDTH = LANDSCAPE_CONTENT_WIDTH
_SIGNATURE_WIDTH = 60 * mm  # three boxes at the right, as on the paper form
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
    # a part with years of failures runs to many pages: laid out a page at a time
    rows = (_row(t, entry, widths) for entry in history.entries)
    return [
        paged_data_table(
            headers,
            rows,
            widths,
            aligns=[a for _h, _w, a in columns],
            empty_text=t("没有该零件的失败记录", "No failures recorded for this part"),
        )
    ]


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
    meta = replace(
        form_meta(t, settings, FORM_KEY, history.part, signatures),
        landscape=True,
        signature_width=_SIGNATURE_WIDTH,
    )
    story: list[Flowable] = [*_overview(t, history), *_entries(t, history)]
    return build_form_pdf(meta, story)
