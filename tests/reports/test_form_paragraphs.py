"""Form paragraphs are laid out once per width and short texts parsed once: the same PDFs as
before, byte for byte, with less work (what 1,000 8D reports cost)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from reportlab import rl_config
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rl_paragraph

from app.reports.pdf import layout
from app.reports.pdf.capa_pdf import capa_pdf
from app.reports.pdf.eight_d_pdf import eight_d_pdf
from app.reports.pdf.layout import FormParagraph, text_paragraph
from app.reports.pdf.prevent_recurrence_pdf import prevent_recurrence_pdf
from app.reports.pdf.quality_feedback_pdf import quality_feedback_pdf
from tests.reports.test_complaint_pdfs import _action, _make_complaint


def _count(monkeypatch, owner: object, name: str) -> list[int]:  # noqa: ANN001
    calls = [0]
    original = getattr(owner, name)

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_a_paragraph_is_laid_out_once_for_a_width(monkeypatch):
    lines = _count(monkeypatch, Paragraph, "breakLinesCJK")
    p = text_paragraph("制动钳安装孔尺寸超差,装车后异响。" * 6)
    assert isinstance(p, FormParagraph)
    first = p.wrap(120, 1000)
    assert p.wrap(120, 500) == first  # the height offered does not change the lines
    assert lines[0] == 1
    narrower = p.wrap(80, 1000)
    assert narrower[1] > first[1] and lines[0] == 2
    assert p.wrap(120, 1000) == first and lines[0] == 3  # only the last width is kept
    assert [line[1] for line in p.blPara.lines] == [
        line[1] for line in Paragraph(p.text, p.style).breakLinesCJK([120, 120]).lines
    ]


def test_a_paragraph_whose_lines_were_dropped_is_laid_out_again():
    p = text_paragraph("第一行\n第二行\n第三行")
    size = p.wrap(100, 1000)
    assert p.split(100, 5) == []  # not even one line fits: split drops the lines
    assert "blPara" not in p.__dict__
    assert p.wrap(100, 1000) == size and p.blPara.lines


def test_a_short_text_is_parsed_once_and_each_paragraph_has_its_own_fragments(monkeypatch):
    layout._parsed.clear()
    parses = _count(monkeypatch, rl_paragraph.ParaParser, "parse")
    label = "责任部门 <Dept> & 5W2H"
    first, second = text_paragraph(label), text_paragraph(label)
    assert parses[0] == 1
    assert "".join(f.text for f in second.frags) == "".join(f.text for f in first.frags) == label
    assert not {id(f) for f in second.frags} & {id(f) for f in first.frags}
    second.frags[0].text = "changed"  # what wrapping or splitting may do to a fragment
    assert "".join(f.text for f in text_paragraph(label).frags) == label
    assert parses[0] == 1
    text_paragraph(label, layout.styles().label)  # another style: parsed for it
    long_text = "长" * (layout._PARSED_LENGTH + 1)
    text_paragraph(long_text), text_paragraph(long_text)  # long texts are not kept
    assert parses[0] == 4
    assert (long_text, layout.styles().cell) not in layout._parsed


def test_the_cache_starts_afresh_when_full(monkeypatch):
    monkeypatch.setattr(layout, "_PARSED_MAX", 3)
    layout._parsed.clear()
    for n in range(4):
        text_paragraph(f"值{n}")
    assert list(layout._parsed) == [("值3", layout.styles().cell)]


FORMS: dict[str, Callable] = {
    "eight_d": eight_d_pdf,
    "quality_feedback": quality_feedback_pdf,
    "capa": capa_pdf,
    "prevent_recurrence": prevent_recurrence_pdf,
}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("lang", ["zh_CN", "bilingual"])
def test_the_forms_are_the_same_bytes_as_laid_out_afresh(monkeypatch, settings, form, lang):
    """Long steps split across pages, forty actions flowing over pages, every field filled:
    the PDF is byte for byte the one made when every paragraph is parsed and laid out again."""
    monkeypatch.setattr(rl_config, "invariant", 1)  # no time stamps or random ids in the file
    complaint = _make_complaint()
    complaint.actions = [_action(n) for n in range(1, 41)]
    complaint.step(2).content = "".join(f"第{i:03d}条:顾客现场确认不良现象。" for i in range(120))
    make = FORMS[form]
    layout._parsed.clear()
    fast = make(complaint, settings, lang)
    again = make(complaint, settings, lang)  # every short text from the cache now
    with monkeypatch.context() as plain:
        plain.setattr(layout, "_PARSED_LENGTH", -1)
        plain.setattr(FormParagraph, "wrap", Paragraph.wrap)
        afresh = make(complaint, settings, lang)
    assert fast == again == afresh
