"""Property tests: user text never becomes an Excel formula or ReportLab markup, whatever it is."""

from __future__ import annotations

import io
import re

import openpyxl
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from reportlab.platypus import Paragraph

from app.reports.excel.complaint_ledger_xlsx import SheetColumn, SheetLine, write_titled_sheet
from app.reports.excel.sheet import (
    Column,
    clean_text,
    header_footer_text,
    set_text,
    text_cell,
    text_value,
    write_table_sheet,
)
from app.reports.pdf.layout import FormMeta, build_form_pdf, markup, styles, text_paragraph

# what spreadsheet programs treat as the start of a formula or a command (CSV injection),
# Excel's error values, and the control characters XML and Excel refuse
DANGEROUS_STARTS = [
    "=", "+", "-", "@", "=1+1", '=HYPERLINK("http://evil","x")', "=cmd|' /C calc'!A0",
    "+41 1234", "-2+3", "@SUM(A1)", "#N/A", "#DIV/0!", "\t=1", "\r=1", "\x00=1", "\x1b=1",
    "=\x07", " =1",
]  # fmt: skip
user_text = st.one_of(
    st.text(max_size=60),
    st.builds(str.__add__, st.sampled_from(DANGEROUS_STARTS), st.text(max_size=20)),
    st.text(alphabet=st.characters(max_codepoint=0x1F) | st.sampled_from("=+-@#"), max_size=12),
)


def _expected(text: str) -> str | None:
    """What a cell must read back as: the text, sanitized (control characters dropped)."""
    # XML reads CR LF and a bare CR as one line break
    cleaned = clean_text(text).replace("\r\n", "\n").replace("\r", "\n")
    return cleaned or None


def _read_back(wb: Workbook) -> openpyxl.Workbook:
    buffer = io.BytesIO()
    wb.save(buffer)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))


def _assert_text(cell, text: str) -> None:  # noqa: ANN001
    expected = _expected(text)
    if expected is None:
        assert cell.value in (None, ""), repr(cell.value)
        return
    assert cell.data_type == "s", (repr(text), cell.data_type, repr(cell.value))
    assert cell.value == expected, (repr(text), repr(cell.value))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(user_text)
@example("=1+1")
@example("\x00")
def test_no_excel_helper_turns_user_text_into_a_formula(text):
    normal = Workbook()
    ws = normal.active
    set_text(ws["A1"], text)
    write_table_sheet(normal, "表", [Column("名称")], [[text]], lang="zh_CN", header_left=text)

    fast = Workbook(write_only=True)
    sheet = fast.create_sheet("快")
    sheet.append([text_cell(sheet, text), text_value(sheet, text)])
    write_table_sheet(fast, "表", [Column(text or "x")], [[text]], lang="zh_CN")
    write_titled_sheet(
        fast,
        "台账",
        text,
        [SheetColumn("说明"), SheetColumn("备注", wrap=True)],
        [SheetLine([text, text])],
        lang="zh_CN",
    )

    back = _read_back(normal)
    _assert_text(back.active["A1"], text)
    _assert_text(back["表"]["A2"], text)
    back = _read_back(fast)
    _assert_text(back["快"]["A1"], text)
    _assert_text(back["快"]["B1"], text)
    _assert_text(back["表"]["A1"], text or "x")  # a header is user text too
    _assert_text(back["表"]["A2"], text)
    _assert_text(back["台账"]["A1"], text)  # the title row
    _assert_text(back["台账"]["A3"], text)
    _assert_text(back["台账"]["B3"], text)


@given(st.text(max_size=40))
def test_header_footer_text_holds_no_code(text):
    literal = header_footer_text(text)
    assert "&" not in literal.replace("&&", "")
    assert literal.replace("&&", "&") == clean_text(text).replace("\n", " ")


# ---------------------------------------------------------------- PDF

MARKUP_PIECES = [
    "<b>", "</b>", "<i>", "<font size=40>", '<font color="red">', "</font>", "<para>",
    "</para>", "<br/>", "<img src='x'/>", '<a href="http://x">', "</a>", "&", "&amp;", "&lt;",
    "&#60;", "&nbsp;", "<", ">", "<<", "<b", "</", "<![CDATA[", "]]>", '"', "'", "\n", "\x07",
]  # fmt: skip
pdf_text = st.lists(
    st.one_of(
        st.sampled_from(MARKUP_PIECES),
        st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=8),
        st.sampled_from(["顾客", "不良", "制动钳", "质量部"]),
    ),
    max_size=12,
).map("".join)


def _shown(text: str) -> str:
    """The characters a reader must see: control characters are dropped, line breaks kept."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text.replace("\r\n", "\n"))


@settings(max_examples=120, deadline=None)
@given(pdf_text)
@example("<b>unbalanced")
@example("</font></para>&")
@example(" ")
def test_markup_is_parsed_as_plain_text(text):
    paragraph = Paragraph(markup(text), styles().cell)
    paragraph.wrap(300, 1000)  # parses and lays out without error
    shown = "".join(getattr(frag, "text", "") for frag in paragraph.frags)
    # every character literally, in order (ReportLab collapses and trims whitespace)
    assert "".join(shown.split()) == "".join(_shown(text).split())
    plain = _look(Paragraph("x", styles().cell).frags[0])
    assert all(_look(frag) == plain for frag in paragraph.frags), text  # no bold, size, link …


def _look(frag) -> tuple:  # noqa: ANN001
    """How a fragment is drawn: font, size, colour, and any styling or link markup can add."""
    keys = ("fontName", "fontSize", "textColor", "bold", "italic", "underline", "strike", "link")
    keys += ("rise", "backColor", "greek", "cbDefn")
    return tuple(repr(getattr(frag, key, None)) for key in keys)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pdf_text)
@example('<font size=40>X</font> & <b>&amp;</b> <para>"\x07')
def test_pdf_shows_user_text_literally(pdftotext, text):
    pdf = build_form_pdf(
        FormMeta(company_name="公司", title="表", form_code="Q/JL", revision="A/0"),
        [text_paragraph(text)],
    )
    extracted = "".join(pdftotext(pdf).split())
    assert "".join(_shown(text).split()) in extracted
