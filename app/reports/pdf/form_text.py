"""Labels in the form's language (Chinese, English or both) and the small pieces forms share.

Complaint forms print in Chinese, in English, or bilingual for OEM customers: there every label
reads "中文 / English" while the values stay as they were entered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.reports.pdf.layout import FONT_NAME, CellContent, TickBox, styles, text_paragraph
from app.services.settings_service import DEFAULT_FORMS

LANGUAGES = ("zh_CN", "en", "bilingual")

# the height one handwritten line needs on a printed form
HANDWRITING_LINE = 7 * mm
# a table cell's top + bottom padding in layout.py's tables
_CELL_PADDING_Y = 6
_TICK = 3.2 * mm
_TICK_GAP = 1.2 * mm


@dataclass(frozen=True)
class FormText:
    """t(zh, en): the label in the form's language; bilingual gives "中文 / English"."""

    lang: str

    def __call__(self, zh: str, en: str) -> str:
        if self.lang == "bilingual":
            return f"{zh} / {en}"
        return zh if self.lang == "zh_CN" else en

    def of(self, labels: Mapping[object, tuple[str, str]], value: object) -> str:
        """The label of a stored value from a (Chinese, English) dictionary; unknown as is."""
        pair = labels.get(value)
        return self(*pair) if pair else str(value or "")

    def title(self, form_key: str) -> str:
        _code, _revision, zh, en = DEFAULT_FORMS[form_key]
        return self(zh, en)

    @property
    def colon(self) -> str:
        return ": " if self.lang == "en" else "："

    def paren(self, text: str) -> str:
        """Text in brackets after a value: full-width in Chinese."""
        return f" ({text})" if self.lang == "en" else f"（{text}）"

    @property
    def page_lang(self) -> str:
        """The language of the page frame (page x/y, form code line): Chinese unless English."""
        return "en" if self.lang == "en" else "zh_CN"

    @property
    def bilingual(self) -> bool:
        return self.lang == "bilingual"


def labels(lang: str) -> FormText:
    """The label helper for a form printed in `lang` ("zh_CN", "en" or "bilingual")."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown form language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return FormText(lang)


# ---------------------------------------------------------------- values


def format_date(value: date | datetime | None) -> str:
    """yyyy-mm-dd; a timestamp is shown as its day in the PC's local time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (value.astimezone() if value.tzinfo else value).date().isoformat()
    return value.isoformat()


def format_datetime(value: datetime | None) -> str:
    """yyyy-mm-dd HH:MM in the PC's local time."""
    if value is None:
        return ""
    return (value.astimezone() if value.tzinfo else value).strftime("%Y-%m-%d %H:%M")


def format_qty(value: float | None) -> str:
    """A quantity without needless decimals: 120, 2.5; nothing when unknown."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.3f}".rstrip("0").rstrip(".")


def format_money(value: float | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def wrap_words(text: str, width: float, font_size: float = 9) -> str:
    """Label text with line breaks between words so that each line fits `width`.

    Cells wrap with CJK line breaking, which would split English words anywhere ("Effec|tive");
    breaking at spaces first avoids that. A bilingual label breaks after its " / " first.
    """

    def fits(line: str) -> bool:
        return pdfmetrics.stringWidth(line, FONT_NAME, font_size) <= width

    if fits(text):
        return text
    parts = text.split(" / ", 1)
    if len(parts) == 2 and fits(parts[0] + " /"):
        return parts[0] + " /\n" + wrap_words(parts[1], width, font_size)
    lines: list[str] = []
    for word in text.split(" "):
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def joined(*parts: str, sep: str = "  ") -> str:
    """The non-empty parts, separated."""
    return sep.join(p for p in parts if p)


# ---------------------------------------------------------------- cells


def fill_in(text: str | None, lines: int = 1) -> Flowable:
    """The text, or room to write `lines` lines by hand when it is empty."""
    if text and text.strip():
        return text_paragraph(text)
    return Spacer(1, lines * HANDWRITING_LINE - _CELL_PADDING_Y)


def blank_rows(columns: int, count: int) -> list[list[CellContent]]:
    """Empty table rows tall enough to write in by hand."""
    return [[Spacer(1, HANDWRITING_LINE - _CELL_PADDING_Y)] + [""] * (columns - 1)] * count


def column_widths(total: float, widths: Sequence[float | None]) -> list[float]:
    """Fixed column widths; the one None column takes what is left of `total`."""
    fixed = sum(w for w in widths if w is not None)
    return [w if w is not None else total - fixed for w in widths]


def tick_options(options: Sequence[tuple[str, bool]], width: float) -> list[Flowable]:
    """Tick boxes with their labels, as many per line as fit in `width` (the cell's inner width).

    Each line is its own small table, so a long option list wraps instead of running out of
    the cell; a label wider than the whole line wraps inside its own column.
    """
    style = styles().cell
    box = _TICK + _TICK_GAP
    lines: list[list[tuple[str, bool, float]]] = [[]]
    used = 0.0
    for label, checked in options:
        text = pdfmetrics.stringWidth(label, FONT_NAME, style.fontSize) + 2
        need = min(box + text + 3 * mm, width)
        if lines[-1] and used + need > width:
            lines.append([])
            used = 0.0
        lines[-1].append((label, checked, need - box))
        used += need
    flows: list[Flowable] = []
    for line in lines:
        cells: list[object] = []
        widths: list[float] = []
        for label, checked, label_width in line:
            text = wrap_words(label, label_width, style.fontSize)
            cells.extend([TickBox(checked, _TICK), text_paragraph(text, style)])
            widths.extend([box, label_width])
        table = Table([cells], colWidths=widths, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ]
            )
        )
        flows.append(table)
    return flows


def yes_no(t: FormText, value: bool | None, width: float) -> list[Flowable]:
    """是 / 否 tick boxes; neither is ticked when the answer is not known yet."""
    return tick_options([(t("是", "Yes"), value is True), (t("否", "No"), value is False)], width)
