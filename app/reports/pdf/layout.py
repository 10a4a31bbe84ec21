"""The page frame every PDF form shares: CJK font, styles, header, page x/y, signature boxes, tables.

Forms are A4 portrait; a form with a wide table (FormMeta.landscape) is A4 landscape, with the
same frame drawn at the wider page's width.
"""

from __future__ import annotations

import io
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from itertools import chain
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)
from reportlab.rl_config import _FUZZ

from app.config import font_path
from app.i18n import pick

log = logging.getLogger(__name__)

FONT_NAME = "WQYMicroHei"
PAGE_SIZE = A4
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 15 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
LANDSCAPE_PAGE_SIZE = landscape(A4)
LANDSCAPE_CONTENT_WIDTH = LANDSCAPE_PAGE_SIZE[0] - 2 * MARGIN_X

GRID_COLOR = colors.HexColor("#555555")
LABEL_BACKGROUND = colors.HexColor("#EDF0F4")
HEADER_BACKGROUND = colors.HexColor("#DCE2EA")
MUTED_TEXT = colors.HexColor("#555555")

# header: company name, title, form code line and a rule, measured down from the page top
_HEADER_BELOW_TOP = 10 * mm
TOP_MARGIN = 37 * mm
# footer: page x/y line; signature boxes sit just above it
_FOOTER_BASELINE = 8 * mm
FOOTER_FONT_SIZE = 9
_SIGNATURE_BOTTOM = 12 * mm
_SIGNATURE_HEIGHT = 18 * mm
_SIGNATURE_GAP = 4 * mm
BOTTOM_MARGIN_WITH_SIGNATURES = _SIGNATURE_BOTTOM + _SIGNATURE_HEIGHT + 4 * mm
BOTTOM_MARGIN_PLAIN = 15 * mm

_font_lock = threading.Lock()
# C0 control characters other than tab and newline break ReportLab's paragraph parser
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def register_fonts() -> str:
    """Register the embedded CJK font (once, safe from any thread) and return its name."""
    with _font_lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=0))
            # the font has no bold or italic face; map them to itself so <b>/<i> markup works
            pdfmetrics.registerFontFamily(
                FONT_NAME, normal=FONT_NAME, bold=FONT_NAME, italic=FONT_NAME, boldItalic=FONT_NAME
            )
    return FONT_NAME


# ---------------------------------------------------------------- styles and text


@dataclass(frozen=True)
class FormStyles:
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    label: ParagraphStyle
    table_header: ParagraphStyle
    heading: ParagraphStyle
    small: ParagraphStyle


_styles: FormStyles | None = None


def styles() -> FormStyles:
    """Paragraph styles for forms, all in the CJK font with CJK line breaking."""
    global _styles
    if _styles is None:
        font = register_fonts()
        base = ParagraphStyle(
            "qd-body", fontName=font, fontSize=9.5, leading=13, wordWrap="CJK", alignment=TA_LEFT
        )
        cell = ParagraphStyle("qd-cell", parent=base, fontSize=9, leading=12)
        _styles = FormStyles(
            body=base,
            cell=cell,
            cell_center=ParagraphStyle("qd-cell-center", parent=cell, alignment=TA_CENTER),
            cell_right=ParagraphStyle("qd-cell-right", parent=cell, alignment=TA_RIGHT),
            label=ParagraphStyle("qd-label", parent=cell, textColor=colors.HexColor("#222222")),
            table_header=ParagraphStyle("qd-th", parent=cell, alignment=TA_CENTER),
            heading=ParagraphStyle(
                "qd-heading",
                parent=base,
                fontSize=11,
                leading=15,
                spaceBefore=7,
                spaceAfter=3,
            ),
            small=ParagraphStyle("qd-small", parent=base, fontSize=8, leading=10),
        )
    return _styles


def markup(text: object) -> str:
    """User text as safe paragraph markup: escaped, control characters dropped, newlines kept."""
    value = "" if text is None else str(text)
    value = _CONTROL_CHARS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return escape(value).replace("\n", "<br/>")


class FormParagraph(Paragraph):
    """A Paragraph that is not laid out again for the width it was just laid out for.

    A table wraps each cell's paragraph to measure the row, and again to draw it (and a frame
    again when the table is split across pages): the lines come out the same every time for the
    same width. The last width's lines are kept (a paragraph whose lines were dropped, as split
    does when nothing fits, is laid out afresh)."""

    _wrapped_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availWidth == self._wrapped_for and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_for = availWidth if availWidth >= _FUZZ else None
        return size


# Parsed short texts (labels, headers, codes, dates …): a form shows the same ones on every
# report, and ReportLab parses a paragraph's markup with html.parser each time (~1/8 of an 8D).
_PARSED_LENGTH = 120  # characters of markup; longer texts are rarely the same twice
_PARSED_MAX = 4096  # entries; the cache starts afresh when full
_parsed: dict[tuple[str, ParagraphStyle], tuple[str, ParagraphStyle, object, list]] = {}


def text_paragraph(text: object, style: ParagraphStyle | None = None) -> Paragraph:
    """A Paragraph showing `text` literally (ReportLab markup in user text is never interpreted).

    A short text's parse is kept and handed out as fresh copies of its fragments (wrapping and
    splitting may change a paragraph's fragments): the Paragraph is the one parsing makes."""
    source, style = markup(text), style or styles().cell
    if len(source) > _PARSED_LENGTH:
        return FormParagraph(source, style)
    key = (source, style)
    parsed = _parsed.get(key)
    if parsed is None:
        paragraph = FormParagraph(source, style)
        if len(_parsed) >= _PARSED_MAX:
            _parsed.clear()
        _parsed[key] = (
            paragraph.text,
            paragraph.style,
            paragraph.bulletText,
            [f.clone() for f in paragraph.frags],
        )
        return paragraph
    cleaned, parsed_style, bullet, frags = parsed
    return FormParagraph(cleaned, parsed_style, bullet, frags=[f.clone() for f in frags])


def section_heading(text: str, min_space: float = 28 * mm) -> list[Flowable]:
    """A section title, moved to the next page when less than `min_space` is left below it.

    (keepWithNext would move a long table that follows it to the next page as a whole.)
    """
    return [CondPageBreak(min_space), Paragraph(markup(text), styles().heading)]


# ---------------------------------------------------------------- tables

CellContent = str | Flowable | list[Flowable] | None


def _cell(value: CellContent, style: ParagraphStyle) -> Flowable | list[Flowable] | str:
    if value is None:
        return ""
    if isinstance(value, str):
        return text_paragraph(value, style)
    return value


_BASE_TABLE_COMMANDS = [
    # plain-string cells (span placeholders) would otherwise pull in a non-embedded Helvetica
    ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
    ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
    # TOP: ReportLab mis-draws MIDDLE-aligned cells that are split across pages
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]


@dataclass(frozen=True)
class GridField:
    """One label and its value in a label/value grid; `span` = how many label/value pairs it uses."""

    label: str
    value: CellContent
    span: int = 1


def label_value_grid(
    rows: Sequence[Sequence[GridField]],
    *,
    pairs_per_row: int = 2,
    label_width: float = 26 * mm,
    width: float = CONTENT_WIDTH,
) -> list[Table]:
    """A bordered grid of label | value cells with fixed column widths, one Table per row.

    Each row holds up to `pairs_per_row` label/value pairs; a field with a larger span (or the last
    field of a short row) gets a value cell as wide as the columns it covers, so the column lines
    of all rows stay aligned. The rows are separate tables whose borders meet because ReportLab
    re-wraps a split SPAN cell at the width of its first column only: this way a value taller
    than a page (long notes) continues on the next page at the right width.
    """
    st = styles()
    value_width = (width - pairs_per_row * label_width) / pairs_per_row
    tables: list[Table] = []
    for fields in rows:
        line: list[object] = []
        widths: list[float] = []
        commands: list[tuple] = list(_BASE_TABLE_COMMANDS)
        used = 0
        for i, item in enumerate(fields):
            span = max(1, item.span)
            if i == len(fields) - 1:
                span = pairs_per_row - used  # the last field fills the row
            if span <= 0:
                raise ValueError("too many fields in a label/value grid row")
            col = len(line)
            commands.append(("BACKGROUND", (col, 0), (col, 0), LABEL_BACKGROUND))
            line.extend([text_paragraph(item.label, st.label), _cell(item.value, st.cell)])
            widths.extend([label_width, span * value_width + (span - 1) * label_width])
            used += span
        if not fields:
            line, widths = [""], [width]
        table = Table([line], colWidths=widths, splitInRow=1)
        table.setStyle(TableStyle(commands))
        tables.append(table)
    return tables


def data_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[CellContent]],
    col_widths: Sequence[float],
    *,
    empty_text: str | None = None,
    aligns: Sequence[str] | None = None,
) -> Table:
    """A bordered list table whose header row repeats on every page.

    `aligns` gives "LEFT", "CENTER" or "RIGHT" per column; with no rows the table shows one
    row spanning all columns with `empty_text` (default 无 / None).
    """
    st = styles()
    if len(col_widths) != len(headers):
        raise ValueError("one column width per header is needed")
    by_align = {"LEFT": st.cell, "CENTER": st.cell_center, "RIGHT": st.cell_right}
    cell_styles = [by_align[a.upper()] for a in aligns] if aligns else [st.cell] * len(headers)
    data: list[list[object]] = [[text_paragraph(h, st.table_header) for h in headers]]
    commands: list[tuple] = list(_BASE_TABLE_COMMANDS)
    commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND))
    if rows:
        for row in rows:
            if len(row) != len(headers):
                raise ValueError("every row needs one value per column")
            data.append([_cell(v, s) for v, s in zip(row, cell_styles, strict=True)])
    else:
        text = empty_text if empty_text is not None else pick("无", "None")
        data.append([text_paragraph(text, st.cell_center)] + [""] * (len(headers) - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(data, colWidths=list(col_widths), repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle(commands))
    return table


class _PageTable(Table):
    """A Table that measures itself once for a given space: the frame asks for its size and
    then splits it at the same size, and ReportLab would measure every cell twice."""

    def _calc(self, availWidth: float, availHeight: float) -> None:  # noqa: N803
        if getattr(self, "_calculated_for", None) == (availWidth, availHeight):
            return
        super()._calc(availWidth, availHeight)
        self._calculated_for = (availWidth, availHeight)


class _PagedTable(Flowable):
    """The rows of a long list table laid out a page at a time (paged_data_table).

    Each page gets its own Table: the header and about a page of rows pulled from the row
    iterator (as many as fitted on the page before, and more if they fit); ReportLab splits it
    where the page ends, and what did not fit (a row split inside included) goes on to the next
    page's table with the following rows. So a long list is never one giant Table: memory and
    layout time follow the page, not the number of rows.
    """

    def __init__(
        self,
        header: list[object],
        rows: Iterator[list[object]],
        col_widths: list[float],
        commands: list[tuple],
        page_rows: int,
        pending: list[list[object]] | None = None,
        exhausted: bool = False,
    ) -> None:
        super().__init__()
        self._header, self._rows = header, rows
        self._widths, self._commands, self._page_rows = col_widths, commands, page_rows
        self._pending = pending or []  # rows read but not laid out yet, in order
        self._exhausted = exhausted
        self._table: Table | None = None
        self._wrapped_for: tuple[float, float] | None = None

    def _pull(self, count: int) -> None:
        while len(self._pending) < count and not self._exhausted:
            row = next(self._rows, None)
            if row is None:
                self._exhausted = True
            else:
                self._pending.append(row)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """A table of the held rows, with more rows until it is taller than the space left
        (then the frame splits it) or the rows run out."""
        want = self._page_rows
        while True:
            self._pull(want)
            table = _PageTable(
                [self._header, *self._pending],
                colWidths=self._widths,
                repeatRows=1,
                splitInRow=1,
                # the parts of a split keep the measured row heights instead of measuring again
                longTableOptimize=1,
            )
            table.setStyle(TableStyle(self._commands))
            width, height = table.wrap(avail_width, avail_height)
            if height > avail_height or self._exhausted:
                self._table, self._wrapped_for = table, (avail_width, avail_height)
                self.width, self.height = width, height
                return width, height
            want = len(self._pending) * 2

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self._table is None or self._wrapped_for != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        assert self._table is not None
        parts = self._table.split(avail_width, avail_height)
        if len(parts) < 2:
            return parts  # nothing fits here (next frame), or all of it does
        first, rest = parts
        # the rest starts with the repeated header; its rows (a split row's second half
        # included) lead the next page
        pending = [list(row) for row in rest._cellvalues[1:]]  # noqa: SLF001
        placed = len(first._cellvalues) - 1  # noqa: SLF001
        return [
            first,
            _PagedTable(
                self._header,
                self._rows,
                self._widths,
                self._commands,
                # a page holds about as many rows as the last one: read a few more than that
                max(4, placed + placed // 2 + 2),
                pending,
                self._exhausted,
            ),
        ]

    def draw(self) -> None:
        assert self._table is not None
        self._table.drawOn(self.canv, 0, 0)


def paged_data_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[CellContent]],
    col_widths: Sequence[float],
    *,
    empty_text: str | None = None,
    aligns: Sequence[str] | None = None,
    page_rows: int = 20,
) -> Flowable:
    """data_table for lists of any length: the same look (header repeated on every page, rows
    split inside when taller than what is left), but `rows` (a generator is fine) are read and
    laid out a page at a time instead of becoming one Table of every row."""
    st = styles()
    if len(col_widths) != len(headers):
        raise ValueError("one column width per header is needed")
    pending = iter(rows)
    first = next(pending, None)
    if first is None:
        return data_table(headers, [], col_widths, empty_text=empty_text, aligns=aligns)
    by_align = {"LEFT": st.cell, "CENTER": st.cell_center, "RIGHT": st.cell_right}
    cell_styles = [by_align[a.upper()] for a in aligns] if aligns else [st.cell] * len(headers)

    def cells() -> Iterator[list[object]]:
        for row in chain([first], pending):
            if len(row) != len(headers):
                raise ValueError("every row needs one value per column")
            yield [_cell(v, s) for v, s in zip(row, cell_styles, strict=True)]

    commands: list[tuple] = list(_BASE_TABLE_COMMANDS)
    commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND))
    header = [text_paragraph(h, st.table_header) for h in headers]
    return _PagedTable(header, cells(), list(col_widths), commands, page_rows)


def leading_rows_height(listing: Flowable, rows: int) -> float:
    """The height of the first `rows` rows (the header and the first row) of a list table,
    data_table or paged_data_table, once it has been wrapped."""
    table = listing._table if isinstance(listing, _PagedTable) else listing  # noqa: SLF001
    return sum(table._rowHeights[:rows])  # noqa: SLF001


# ---------------------------------------------------------------- tick boxes


def draw_tick_box(canv: pdfcanvas.Canvas, x: float, y: float, size: float, checked: bool) -> None:
    """Draw a square box with its lower left corner at (x, y), ticked if `checked`.

    Drawn as shapes: the CJK font has no ☐/☑ glyphs.
    """
    canv.saveState()
    canv.setStrokeColor(colors.black)
    canv.setLineWidth(max(0.5, size / 14))
    canv.rect(x, y, size, size, stroke=1, fill=0)
    if checked:
        canv.setLineWidth(max(0.8, size / 8))
        canv.setLineCap(1)
        canv.setLineJoin(1)
        path = canv.beginPath()
        path.moveTo(x + size * 0.18, y + size * 0.52)
        path.lineTo(x + size * 0.42, y + size * 0.22)
        path.lineTo(x + size * 0.84, y + size * 0.82)
        canv.drawPath(path, stroke=1, fill=0)
    canv.restoreState()


class TickBox(Flowable):
    """A tick box as a flowable (e.g. in a table cell next to its label)."""

    def __init__(self, checked: bool, size: float = 3.2 * mm) -> None:
        super().__init__()
        self.checked = checked
        self.size = size
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_tick_box(self.canv, 0, 0, self.size, self.checked)


def tick_choices(
    options: Sequence[tuple[str, bool]], *, label_width: float = 18 * mm, box: float = 3.2 * mm
) -> Table:
    """A row of choices, each a tick box followed by its label (e.g. 是 ☑  否 ☐)."""
    st = styles()
    data: list[object] = []
    widths: list[float] = []
    for label, checked in options:
        data.extend([TickBox(checked, box), text_paragraph(label, st.cell)])
        widths.extend([box + 3, label_width])
    table = Table([data], colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


# ---------------------------------------------------------------- the page frame


@dataclass
class FormMeta:
    """What the page frame prints around a form's content."""

    company_name: str
    title: str
    form_code: str
    revision: str
    record_no: str = ""
    logo_png: bytes | None = None
    # (label, prefilled name or "") per signature box, e.g. ("填表人/日期", "张三")
    signatures: list[tuple[str, str]] = field(default_factory=list)
    lang: str = "zh_CN"
    printed_on: date | None = None  # shown in the footer; today when None
    landscape: bool = False  # A4 landscape instead of portrait (tables too wide for portrait)
    # width of each signature box: None = the boxes share the content width; a width = the boxes
    # have that width and sit at the right end of the page
    signature_width: float | None = None

    @property
    def page_size(self) -> tuple[float, float]:
        return LANDSCAPE_PAGE_SIZE if self.landscape else PAGE_SIZE

    @property
    def content_width(self) -> float:
        return self.page_size[0] - 2 * MARGIN_X


def _fit_text(text: str, size: float, max_width: float, min_size: float) -> tuple[str, float]:
    """Shrink the font size (down to min_size), then shorten with an ellipsis, to fit max_width."""
    while size > min_size and pdfmetrics.stringWidth(text, FONT_NAME, size) > max_width:
        size -= 0.5
    if pdfmetrics.stringWidth(text, FONT_NAME, size) <= max_width:
        return text, size
    while text and pdfmetrics.stringWidth(text + "…", FONT_NAME, size) > max_width:
        text = text[:-1]
    return text + "…", size


def _single_line(text: str) -> str:
    return " ".join(_CONTROL_CHARS.sub("", str(text or "")).split())


def _logo_reader(logo_png: bytes | None) -> ImageReader | None:
    if not logo_png:
        return None
    try:
        reader = ImageReader(io.BytesIO(logo_png))
        reader.getSize()
    except Exception:  # noqa: BLE001  (a broken logo must not stop the form from printing)
        log.warning("company logo cannot be read; printing without it", exc_info=True)
        return None
    return reader


def _draw_header(canv: pdfcanvas.Canvas, meta: FormMeta, logo: ImageReader | None) -> None:
    page_width, page_height = meta.page_size
    content_width = meta.content_width
    top = page_height - _HEADER_BELOW_TOP
    canv.saveState()
    reserved = 0.0
    if logo is not None:
        iw, ih = logo.getSize()
        max_w, max_h = 32 * mm, 15 * mm
        scale = min(max_w / iw, max_h / ih)
        w, h = iw * scale, ih * scale
        canv.drawImage(logo, MARGIN_X, top - h, width=w, height=h, mask="auto")
        reserved = w + 3 * mm
    center_x = page_width / 2
    centered_width = content_width - 2 * reserved

    company, size = _fit_text(_single_line(meta.company_name), 11, centered_width, 7)
    canv.setFont(FONT_NAME, size)
    canv.drawCentredString(center_x, top - 5 * mm, company)

    title, size = _fit_text(_single_line(meta.title), 17, centered_width, 10)
    canv.saveState()
    text = canv.beginText()
    text.setTextOrigin(center_x - pdfmetrics.stringWidth(title, FONT_NAME, size) / 2, top - 14 * mm)
    text.setFont(FONT_NAME, size)
    # fill and stroke the glyphs: the font has no bold face
    text.setTextRenderMode(2)
    canv.setLineWidth(0.35)
    text.textLine(title)
    text.setTextRenderMode(0)  # the text render mode outlives the text object
    canv.drawText(text)
    canv.restoreState()

    lang = meta.lang
    code_line = (
        f"{pick('表单编号：', 'Form No.: ', lang)}{_single_line(meta.form_code)}"
        f"    {pick('版本：', 'Rev.: ', lang)}{_single_line(meta.revision)}"
    )
    record = f"{pick('记录编号：', 'Record No.: ', lang)}{_single_line(meta.record_no)}"
    half = content_width / 2 - 2 * mm
    baseline = top - 21.5 * mm
    code_line, size = _fit_text(code_line, 8.5, half, 6)
    canv.setFont(FONT_NAME, size)
    canv.drawString(MARGIN_X, baseline, code_line)
    record, size = _fit_text(record, 8.5, half, 6)
    canv.setFont(FONT_NAME, size)
    canv.drawRightString(page_width - MARGIN_X, baseline, record)

    canv.setLineWidth(0.8)
    canv.line(MARGIN_X, top - 23.5 * mm, page_width - MARGIN_X, top - 23.5 * mm)
    canv.restoreState()


def _draw_signatures(canv: pdfcanvas.Canvas, meta: FormMeta) -> None:
    boxes = meta.signatures
    if not boxes:
        return
    n = len(boxes)
    if meta.signature_width is None:
        width = (meta.content_width - (n - 1) * _SIGNATURE_GAP) / n
        left = MARGIN_X
    else:
        width = meta.signature_width
        left = meta.page_size[0] - MARGIN_X - n * width - (n - 1) * _SIGNATURE_GAP
    bottom, height = _SIGNATURE_BOTTOM, _SIGNATURE_HEIGHT
    date_hint = pick("年      月      日", "Date:", meta.lang)
    canv.saveState()
    canv.setStrokeColor(GRID_COLOR)
    canv.setLineWidth(0.6)
    for i, (label, name) in enumerate(boxes):
        x = left + i * (width + _SIGNATURE_GAP)
        canv.rect(x, bottom, width, height, stroke=1, fill=0)
        label_text, size = _fit_text(_single_line(label), 8.5, width - 4 * mm, 6)
        canv.setFillColor(MUTED_TEXT)
        canv.setFont(FONT_NAME, size)
        canv.drawString(x + 2 * mm, bottom + height - 4.5 * mm, label_text)
        hint_size = 8
        canv.setFont(FONT_NAME, hint_size)
        canv.drawRightString(x + width - 3 * mm, bottom + 2.5 * mm, date_hint)
        if name:
            name_text, size = _fit_text(_single_line(name), 11, width - 6 * mm, 7)
            canv.setFillColor(colors.black)
            canv.setFont(FONT_NAME, size)
            canv.drawString(x + 4 * mm, bottom + height - 11 * mm, name_text)
    canv.restoreState()


class PageCountingCanvas(pdfcanvas.Canvas):
    """Hands every page to the document as soon as it ends, its drawing already encoded.

    "Page x of y" needs y before the last page exists, so y is a form XObject per numbered part
    (a batch of questionnaires numbers each questionnaire on its own), drawn on every page and
    filled in at save, when the totals are known. A long document therefore costs what its
    compressed pages take, not every page's drawing operations kept to the end (a failure
    history of 1,000 pages held ~85 MB of them).

    Subclasses draw the page frame in `finish_page(part, number)`, just before the page ends.
    """

    def __init__(self, *args, total_text: Callable[[int], str], **kwargs):  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self._total_text = total_text
        self._totals: dict[object, int] = {}  # pages so far, per part
        self._total_forms: dict[object, str] = {}  # the form that shows each part's total

    def finish_page(self, part: object, number: int) -> None:
        raise NotImplementedError

    def page_part(self) -> object:
        """Which numbered part the page that is ending belongs to (one part by default)."""
        return 0

    def draw_page_total(self, part: object, x: float, y: float) -> None:
        """The total number of pages of `part` at (x, y) on this page, as the label's end."""
        self.saveState()
        self.translate(x, y)
        self.doForm(self._total_form(part))
        self.restoreState()

    def _total_form(self, part: object) -> str:
        if part not in self._total_forms:
            self._total_forms[part] = f"qdPageTotal{len(self._total_forms)}"
        return self._total_forms[part]

    def showPage(self) -> None:  # noqa: N802  (ReportLab API)
        part = self.page_part()
        self._totals[part] = number = self._totals.get(part, 0) + 1
        self.finish_page(part, number)
        super().showPage()
        _compress_now(self._doc.Pages.pages[-1])

    def save(self) -> None:
        for part, total in self._totals.items():
            self.beginForm(self._total_form(part))
            self.setFillColor(colors.black)
            self.setFont(FONT_NAME, FOOTER_FONT_SIZE)
            self.drawString(0, 0, self._total_text(total))
            self.endForm()
        super().save()


def _compress_now(page: pdfdoc.PDFPage) -> None:
    """Encode a finished page's drawing at once rather than when the file is written.

    ReportLab keeps the page's text until save; this applies the filters it would apply then
    (PDFPage.check_format), in the same order, and names them in the stream's dictionary, which
    tells save that they are applied already."""
    if page.Contents or not page.stream or not page.compression:
        return
    filters = (
        [pdfdoc.PDFBase85Encode, pdfdoc.PDFZCompress] if rl_config.useA85 else [pdfdoc.PDFZCompress]
    )
    content = page.stream
    for step in reversed(filters):
        content = step.encode(content)
    names = pdfdoc.PDFArray([pdfdoc.PDFName(step.pdfname) for step in filters])
    stream = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Filter": names}), content)
    stream.__Comment__ = "page stream"
    page.Contents, page.stream = stream, None


class _FormCanvas(PageCountingCanvas):
    """A form's canvas: its footer drawn on each page as the page ends."""

    def __init__(self, *args, meta: FormMeta, **kwargs):  # noqa: ANN002, ANN003
        super().__init__(*args, total_text=partial(page_total_text, lang=meta.lang), **kwargs)
        self._meta = meta

    def finish_page(self, part: object, number: int) -> None:
        draw_footer(self, part, number, self._meta)


def page_label_start(number: int, lang: str) -> str:
    """The page label up to its total: "第 3 页 / 共 " (the total follows: "12 页")."""
    return pick(f"第 {number} 页 / 共 ", f"Page {number} of ", lang)


def page_total_text(total: int, lang: str) -> str:
    return pick(f"{total} 页", f"{total}", lang)


def draw_footer(canv: PageCountingCanvas, part: object, number: int, meta: FormMeta) -> None:
    """Page x of y in the middle, the form code at the left, the day printed at the right."""
    page_width = meta.page_size[0]
    canv.saveState()
    canv.setFillColor(colors.black)
    canv.setFont(FONT_NAME, FOOTER_FONT_SIZE)
    start = page_label_start(number, meta.lang)
    start_width = pdfmetrics.stringWidth(start, FONT_NAME, FOOTER_FONT_SIZE)
    # centred as if the total had this page's digits: exact on the last page; an earlier one is
    # off by half the width of the digits the total has beyond this page's number
    total_width = pdfmetrics.stringWidth(
        page_total_text(number, meta.lang), FONT_NAME, FOOTER_FONT_SIZE
    )
    x = page_width / 2 - (start_width + total_width) / 2
    canv.drawString(x, _FOOTER_BASELINE, start)
    canv.draw_page_total(part, x + start_width, _FOOTER_BASELINE)
    printed = (meta.printed_on or date.today()).isoformat()
    canv.setFillColor(MUTED_TEXT)
    canv.setFont(FONT_NAME, 7.5)
    canv.drawString(
        MARGIN_X, _FOOTER_BASELINE, _fit_text(_single_line(meta.form_code), 7.5, 60 * mm, 6)[0]
    )
    canv.drawRightString(
        page_width - MARGIN_X,
        _FOOTER_BASELINE,
        f"{pick('打印日期：', 'Printed: ', meta.lang)}{printed}",
    )
    canv.restoreState()


def build_form_pdf(meta: FormMeta, story: list[Flowable]) -> bytes:
    """Lay out `story` on A4 pages (landscape with meta.landscape) inside the shared form frame.

    Returns the PDF bytes. The story's tables should be at most meta.content_width wide.
    """
    register_fonts()
    logo = _logo_reader(meta.logo_png)
    buffer = io.BytesIO()
    title = " ".join(
        part for part in (_single_line(meta.title), _single_line(meta.record_no)) if part
    )
    doc = SimpleDocTemplate(
        buffer,
        pagesize=meta.page_size,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN_WITH_SIGNATURES if meta.signatures else BOTTOM_MARGIN_PLAIN,
        title=title,
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
        canvasmaker=partial(_FormCanvas, meta=meta),
    )
    return buffer.getvalue()
