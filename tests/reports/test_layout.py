"""The shared PDF page frame: header, page x/y, signature boxes, tables, tick boxes."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from PIL import Image
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Flowable, PageBreak

from app.reports.pdf import layout
from app.reports.pdf.layout import (
    FormMeta,
    GridField,
    build_form_pdf,
    data_table,
    draw_tick_box,
    label_value_grid,
    section_heading,
    text_paragraph,
    tick_choices,
)
from tests.pdf_pages import page_text

REPORTS_DIR = Path(layout.__file__).resolve().parents[1]


def _meta(**overrides) -> FormMeta:
    meta = FormMeta(
        company_name="宁波精工汽车部件股份有限公司",
        title="客户抱怨处理单",
        form_code="Q/JL000000-C",
        revision="B/1",
        record_no="KS-2024-0007",
        signatures=[("编制/日期", "李四"), ("审核/日期", ""), ("批准/日期", "")],
    )
    for key, value in overrides.items():
        setattr(meta, key, value)
    return meta


def _png(width: int = 120, height: int = 40) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_reports_do_not_import_qt():
    offenders = [
        str(path.relative_to(REPORTS_DIR))
        for path in REPORTS_DIR.rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
    code = (
        "import sys, app.reports.files, app.reports.pdf.layout, app.reports.pdf.customer_card_pdf, "
        "app.reports.excel.sheet, app.reports.excel.customer_list_xlsx; "
        "print('PySide6' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_font_registration_is_idempotent():
    assert layout.register_fonts() == layout.register_fonts() == layout.FONT_NAME


def test_frame_on_every_page_with_page_x_of_y(pdftotext):
    story = [text_paragraph("第一页内容"), PageBreak(), text_paragraph("第二页内容"), PageBreak()]
    story.append(text_paragraph("第三页内容"))
    pdf = build_form_pdf(_meta(), story)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3
    for number, page in enumerate(reader.pages, start=1):
        text = page_text(page)
        for expected in ("宁波精工汽车部件股份有限公司", "客户抱怨处理单", "Q/JL000000-C", "B/1"):
            assert expected in text
        assert "KS-2024-0007" in text
        assert f"第 {number} 页 / 共 3 页" in text
        for label in ("编制/日期", "审核/日期", "批准/日期"):
            assert label in text
        assert "李四" in text
    assert reader.metadata.title == "客户抱怨处理单 KS-2024-0007"
    assert reader.metadata.author == "宁波精工汽车部件股份有限公司"
    assert reader.metadata.creator == "QualityDesk"
    # poppler drops the spaces between CJK characters
    assert "第3页/共3页" in "".join(pdftotext(pdf).split())


def _finished_pages(canv: pdfcanvas.Canvas) -> list[bool]:
    """For each page the document holds: whether its drawing is encoded already."""
    return [page.stream is None and page.Contents is not None for page in canv._doc.Pages.pages]


class _PagesSoFar(Flowable):
    """Notes, where it is drawn, the pages the document holds by then."""

    def __init__(self, seen: list) -> None:
        super().__init__()
        self.seen = seen

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.seen.append(_finished_pages(self.canv))


def test_each_page_goes_to_the_document_encoded_as_it_ends():
    """A long form is not held page by page until the end for its "page x of y"."""
    seen: list = []
    story = []
    for number in range(1, 6):
        story += [_PagesSoFar(seen), text_paragraph(f"第{number}页内容"), PageBreak()]
    pdf = build_form_pdf(_meta(), story[:-1])
    assert seen == [[True] * done for done in range(5)]
    pages = [page_text(page) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert [f"第 {n} 页 / 共 5 页" in text for n, text in enumerate(pages, start=1)] == [True] * 5


def test_english_frame():
    pdf = build_form_pdf(_meta(lang="en", title="Complaint report"), [text_paragraph("x")])
    text = page_text(pypdf.PdfReader(io.BytesIO(pdf)).pages[0])
    assert "Page 1 of 1" in text
    assert "Rev.: B/1" in text
    assert "Record No.: KS-2024-0007" in text


def test_content_stays_above_the_signature_boxes():
    """Text filling many pages never runs into the signature boxes or the header."""
    story = [text_paragraph(f"第{i}行 内容 content line") for i in range(300)]
    pdf = build_form_pdf(_meta(), story)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 3
    heights: list[float] = []

    def visit(text, cm, tm, font, size):  # noqa: ANN001
        if text.strip().startswith("第") and "行" in text:
            heights.append(tm[5] * cm[3] + cm[5])

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert len(heights) >= 300
    signature_top = layout.BOTTOM_MARGIN_WITH_SIGNATURES - 4 * mm
    assert min(heights) > signature_top
    assert max(heights) < layout.PAGE_HEIGHT - layout.TOP_MARGIN


def _signature_boxes(page) -> list[tuple[float, float, float, float]]:  # noqa: ANN001
    """The (x, y, width, height) of the rectangles drawn as signature boxes on a page."""
    operations = pypdf.generic.ContentStream(page.get_contents(), page.pdf).operations
    boxes = [tuple(float(v) for v in operands) for operands, op in operations if op == b"re"]
    return [b for b in boxes if abs(b[3] - 18 * mm) < 0.1 and abs(b[1] - 12 * mm) < 0.1]


def _size(page) -> tuple[float, float]:  # noqa: ANN001
    return float(page.mediabox.width), float(page.mediabox.height)


def _frame_text_x(page, wanted: str) -> float:  # noqa: ANN001
    found: list[float] = []

    def visit(text, cm, tm, font, size):  # noqa: ANN001
        if wanted in text:
            found.append(tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    assert found, wanted
    return found[0]


def test_portrait_is_the_default_with_boxes_across_the_content_width():
    meta = _meta()
    assert meta.page_size == layout.PAGE_SIZE and meta.content_width == layout.CONTENT_WIDTH
    page = pypdf.PdfReader(io.BytesIO(build_form_pdf(meta, [text_paragraph("x")]))).pages[0]
    assert _size(page) == pytest.approx(layout.PAGE_SIZE, abs=0.01)
    boxes = sorted(_signature_boxes(page))
    assert len(boxes) == 3
    assert abs(boxes[0][0] - layout.MARGIN_X) < 0.1
    assert abs(boxes[-1][0] + boxes[-1][2] - (layout.PAGE_WIDTH - layout.MARGIN_X)) < 0.1


def test_landscape_frame_is_drawn_at_the_page_width():
    story = [text_paragraph(f"第{i}行 内容") for i in range(120)]
    pdf = build_form_pdf(_meta(landscape=True), story)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    width, height = layout.LANDSCAPE_PAGE_SIZE
    assert width > height
    assert (width, height) == (layout.PAGE_HEIGHT, layout.PAGE_WIDTH)
    assert layout.LANDSCAPE_CONTENT_WIDTH == width - 2 * layout.MARGIN_X
    assert len(reader.pages) > 1
    for number, page in enumerate(reader.pages, start=1):
        assert _size(page) == pytest.approx((width, height), abs=0.01)
        text = page_text(page)
        assert "客户抱怨处理单" in text and f"第 {number} 页 / 共 {len(reader.pages)} 页" in text
        # the record no. ends at the right margin, the page label sits in the middle
        record_x = _frame_text_x(page, "KS-2024-0007")
        assert layout.PAGE_WIDTH < record_x < width - layout.MARGIN_X
        label_x = _frame_text_x(page, f"第 {number} 页")
        assert width / 2 - 30 * mm < label_x < width / 2
        boxes = sorted(_signature_boxes(page))
        assert len(boxes) == 3
        assert abs(boxes[0][0] - layout.MARGIN_X) < 0.1
        assert abs(boxes[-1][0] + boxes[-1][2] - (width - layout.MARGIN_X)) < 0.1


def test_signature_boxes_of_a_set_width_sit_at_the_right():
    pdf = build_form_pdf(_meta(landscape=True, signature_width=60 * mm), [text_paragraph("x")])
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    width = layout.LANDSCAPE_PAGE_SIZE[0]
    boxes = sorted(_signature_boxes(page))
    assert [round(b[2] / mm, 3) for b in boxes] == [60, 60, 60]
    assert abs(boxes[-1][0] + boxes[-1][2] - (width - layout.MARGIN_X)) < 0.1
    assert abs(boxes[0][0] - (width - layout.MARGIN_X - 3 * 60 * mm - 2 * 4 * mm)) < 0.1
    for x, _y, w, _h in boxes:
        assert layout.MARGIN_X <= x and x + w <= width - layout.MARGIN_X + 0.1


def test_user_text_is_shown_literally():
    hostile = "<b>&</b> <font size=40>X</font> & =1+1 <para> \"'\x07"
    pdf = build_form_pdf(_meta(record_no="<i>R&D</i>"), [text_paragraph(hostile)])
    text = page_text(pypdf.PdfReader(io.BytesIO(pdf)).pages[0])
    assert "<b>&</b> <font size=40>X</font> & =1+1 <para>" in text
    assert "<i>R&D</i>" in text


def test_broken_logo_is_left_out_and_a_good_one_is_drawn():
    bad = build_form_pdf(_meta(logo_png=b"not a png"), [text_paragraph("x")])
    assert len(pypdf.PdfReader(io.BytesIO(bad)).pages[0].images) == 0
    good = build_form_pdf(_meta(logo_png=_png()), [text_paragraph("x")])
    assert len(pypdf.PdfReader(io.BytesIO(good)).pages[0].images) == 1


def test_tables_grid_and_empty_rows():
    story = [
        *section_heading("一、基本信息"),
        *label_value_grid(
            [
                [GridField("编号", "A-1"), GridField("状态", "合作中")],
                [GridField("备注", "很长的备注" * 400, span=2)],  # taller than a page
            ]
        ),
        data_table(["序号", "名称"], [], [20 * mm, 60 * mm]),
        data_table(
            ["序号", "名称"], [[str(i), f"名称{i}"] for i in range(120)], [20 * mm, 60 * mm]
        ),
        tick_choices([("是", True), ("否", False)]),
    ]
    pdf = build_form_pdf(_meta(), story)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "无" in text  # the empty table says so
    assert "名称119" in text
    assert text.replace("\n", "").count("很长的备注") == 400  # nothing lost across the page break
    # the list's header row repeats on every page it runs over
    pages_with_list = [p.extract_text() for p in reader.pages if "名称5" in p.extract_text()]
    assert all("序号" in t for t in pages_with_list)


def _render_gray(pdf: bytes, tmp_path, require_tool) -> Image.Image:  # noqa: ANN001
    tool = require_tool("pdftoppm")
    source = tmp_path / "ticks.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [tool, "-r", "72", "-gray", "-png", "-singlefile", str(source), str(tmp_path / "ticks")],
        check=True,
        timeout=60,
    )
    return Image.open(tmp_path / "ticks.png").convert("L")


def _dark_pixels(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    return sum(1 for value in image.crop(box).tobytes() if value < 128)


def test_tick_box_is_drawn_not_a_glyph(tmp_path, require_tool):
    out = io.BytesIO()
    canv = pdfcanvas.Canvas(out, pagesize=(300, 200))
    draw_tick_box(canv, 50, 50, 40, checked=True)
    draw_tick_box(canv, 150, 50, 40, checked=False)
    canv.save()
    pdf = out.getvalue()
    assert pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().strip() == ""
    image = _render_gray(pdf, tmp_path, require_tool)
    # 72 dpi: one point is one pixel; PDF y runs up, image rows run down (page height 200),
    # so both boxes cover image rows 110-150
    ticked_inside = _dark_pixels(image, (55, 115, 85, 145))
    empty_inside = _dark_pixels(image, (155, 115, 185, 145))
    empty_outline = _dark_pixels(image, (148, 115, 153, 145))  # the left edge of the empty box
    assert ticked_inside > 40
    assert empty_inside == 0
    assert empty_outline > 20
