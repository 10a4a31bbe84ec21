"""The return forms (receipt/inspection/disposition report, rework order, 三包件 feedback form),
read back as printed."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import UTC, date, datetime

import pypdf
import pytest
from PIL import Image

from app.reports.pdf import layout
from app.reports.pdf.return_report_pdf import return_report_pdf
from app.reports.pdf.rework_order_pdf import rework_order_pdf
from app.reports.pdf.three_guarantees_pdf import three_guarantees_pdf
from app.services.complaint_data import ActionData, ActionEventData, AttachmentData
from app.services.return_data import LinkedComplaint, ReturnData, ReturnLineData
from app.services.settings_service import FormCode
from tests.pdf_pages import pdf_pages

FORMS = {
    "return_report": (return_report_pdf, "退货接收及检验处置报告", "QR-TH"),
    "rework_order": (rework_order_pdf, "重工工令", "QR-CG"),
    "three_guarantees": (three_guarantees_pdf, "不良品(三包件)信息反馈表", "Q/JL100101-C"),
}
HOSTILE = '<b>&</b> <font size=40>大</font> ]]> "&amp;"'


def _png(width: int, height: int, color: str = "steelblue") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def _photo(stored_name: str, caption: str, file_name: str = "photo.jpg") -> AttachmentData:
    return AttachmentData(file_name, stored_name, 1000, "0" * 64, caption=caption)


def _lines() -> list[ReturnLineData]:
    return [
        ReturnLineData(
            material_no="BRK-200-01",
            material_name="制动钳总成",
            batch_no="L250215-03",
            quantity=120,
            customer_reason="装车后制动异响",
            inspector="陈强",
            inspected_on=date(2025, 3, 12),
            qty_inspected=120,
            qty_good=100,
            qty_defective=20,
            defect_found="活塞密封圈装配错位",
            defect_category="装配不良",
            responsibility="ours",
            qty_rework=12,
            rework_order_no="CG-2025-031",
            rework_instruction="rework",
            rework_notes="拆检密封圈，重新装配后100%气密测试",
            qty_scrap=5,
            scrap_report_no="NC-2025-077",
            qty_replace=3,
            stock_short=True,
            warranty="replace",
            disposed_by="周小红",
            disposed_on=date(2025, 3, 14),
            attachments=[
                _photo("s-blue", "密封圈错位"),
                _photo("s-broken", "<b>损坏&件</b>"),
                _photo("s-missing", "未提供的照片"),
                AttachmentData("检验记录.pdf", "s-pdf", 10, "1" * 64, caption="检验记录"),
            ],
        ),
        ReturnLineData(
            material_no="WP-1203",
            material_name="水泵总成",
            batch_no="B2502",
            quantity=30,
            customer_reason="漏水",
            inspector="陈强",
            inspected_on=date(2025, 3, 12),
            qty_inspected=30,
            qty_good=30,
            qty_defective=0,
            defect_found="未发现不良",
            responsibility="not_ours",
            explanation="系安装时未放置密封垫所致，请按安装说明书操作。",
        ),
        ReturnLineData(
            material_no="SA-0707",
            material_name="减震器",
            batch_no="S2501",
            quantity=10,
            customer_reason="漏油",
            inspector="李静",
            inspected_on=date(2025, 3, 13),
            qty_inspected=10,
            qty_good=2,
            qty_defective=8,
            defect_found="油封划伤",
            defect_category="泄漏",
            responsibility="ours",
            qty_rework=8,
            rework_order_no="CG-2025-032",
            rework_instruction="full_inspection",
            warranty="repair",
        ),
    ]


def _make_return(**overrides: object) -> ReturnData:
    data = ReturnData(
        number="TH-2025-0012",
        customer_code="C-0001",
        customer_name="上海华东汽车零部件制造有限公司",
        received_on=date(2025, 3, 10),
        warehouse_receipt_no="RK-20250310-05",
        received_by="王仓管",
        bulk=True,
        notes="顾客季度统退",
        analysis_result="密封圈装配工位防错失效，已加装视觉检测。",
        analysis_by="生产部李强",
        analysis_on=date(2025, 3, 20),
        archived_on=date(2025, 3, 25),
        archived_by="周小红",
        status="archived",
        complaint=LinkedComplaint(5, "KS-2025-0007", "open"),
        lines=_lines(),
        actions=[
            ActionData(
                kind="corrective",
                description="密封圈装配工位增加视觉防错",
                department="生产部",
                owner="李强",
                due=date(2025, 4, 1),
                done_on=date(2025, 3, 30),
                verification="effective",
                verified_by="周小红",
                verified_on=date(2025, 4, 5),
                history=[
                    ActionEventData(
                        datetime(2025, 3, 22, tzinfo=UTC),
                        "周小红",
                        "rescheduled",
                        old_due=date(2025, 3, 28),
                        new_due=date(2025, 4, 1),
                    )
                ],
            ),
            ActionData(
                kind="preventive",
                description="同类产品水平展开",
                department="技术部",
                owner="王工",
                due=date(2025, 4, 20),
            ),
        ],
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


@pytest.fixture
def returned() -> ReturnData:
    return _make_return()


PHOTOS = {"s-blue": _png(800, 600), "s-broken": b"not an image", "s-pdf": b"%PDF-1.4"}


def _pages(pdf: bytes) -> list[str]:
    return pdf_pages(pdf)


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def ticks(monkeypatch):  # noqa: ANN001, ANN201
    """The checked state of every tick box drawn, in the order they are drawn."""
    drawn: list[bool] = []
    original = layout.draw_tick_box

    def record(canv, x, y, size, checked):  # noqa: ANN001, ANN202
        drawn.append(checked)
        original(canv, x, y, size, checked)

    monkeypatch.setattr(layout, "draw_tick_box", record)
    return drawn


# ---------------------------------------------------------------- the return report


def test_return_report_shows_the_whole_return(returned, settings, pdftotext):
    pdf = return_report_pdf(returned, settings, photos=PHOTOS)
    poppler = _squash(pdftotext(pdf))
    for expected in (
        "退货接收及检验处置报告",
        "统退货不作为客户抱怨案件",
        "对顾客说明",
        "紧急生产",
    ):
        assert expected in poppler, expected
    text = _squash("".join(_pages(pdf)))
    for expected in (
        "宁波精工汽车部件股份有限公司",
        "退货接收及检验处置报告",
        "表单编号：QR-TH",
        "版本：A/0",
        "记录编号：TH-2025-0012",
        # receipt
        "退货单号TH-2025-0012状态已归档",
        "顾客C-0001上海华东汽车零部件制造有限公司",
        "接收日期2025-03-10入库单号RK-20250310-05",
        "收料人王仓管关联抱怨单号KS-2025-0007",
        "统退货",
        "统退货不作为客户抱怨案件",
        "顾客季度统退",
        "【紧急生产】换货库存不足",
        # lines, with the total returned
        "1BRK-200-01制动钳总成L250215-03120装车后制动异响",
        "2WP-1203水泵总成B250230漏水",
        "3SA-0707减震器S250110漏油",
        "合计160",
        # inspection
        "陈强2025-03-1212010020活塞密封圈装配错位装配不良",
        "对顾客说明：系安装时未放置密封垫所致，请按安装说明书操作。",
        "李静2025-03-131028油封划伤泄漏",
        "合计16013228",
        # disposition
        "重工工令：CG-2025-031（重工）",
        "重工说明：拆检密封圈，重新装配后100%气密测试",
        "不合格品报告：NC-2025-077",
        "三包：包换",
        "重工工令：CG-2025-032（100%全检）",
        "三包：包修",
        "周小红2025-03-14",
        # analysis and archiving
        "密封圈装配工位防错失效，已加装视觉检测。",
        "分析人生产部李强分析日期2025-03-20",
        "归档日期2025-03-25归档人周小红",
        # actions: first due struck through above the current one
        "纠正密封圈装配工位增加视觉防错生产部李强2025-03-282025-04-012025-03-30有效周小红2025-04-05",
        "预防同类产品水平展开技术部王工2025-04-20",
        # signature boxes: the receiver and the inspectors printed
        "收料",
        "检验",
        "审核",
        "批准",
        "王仓管",
        "陈强、李静",
    ):
        assert expected in text, expected
    # per line: rework 12, scrap 5, replace 3 with the urgent marker; the totals row
    assert "11253重工工令：CG-2025-031" in text
    assert "238重工工令：CG-2025-032" in text
    assert "合计205003" in text
    pages = _pages(pdf)
    for number, page in enumerate(pages, start=1):
        assert f"第 {number} 页 / 共 {len(pages)} 页" in page
        assert "记录编号：TH-2025-0012" in page


def test_return_report_tick_boxes(returned, settings, ticks):
    return_report_pdf(returned, settings)
    # 统退货; then 本公司 / 非本公司 per line
    assert ticks == [True, True, False, False, True, True, False]


def test_an_ordinary_return_has_no_bulk_note(settings, ticks, pdftotext):
    data = _make_return(bulk=False)
    text = _squash(pdftotext(return_report_pdf(data, settings)))
    assert "统退货" in text  # the box is there, not ticked
    assert "统退货不作为客户抱怨案件" not in text
    assert ticks[0] is False


def test_line_photos_print_as_thumbnails_under_their_line(returned, settings, pdftotext):
    pdf = return_report_pdf(returned, settings, photos=PHOTOS)
    images = [
        image.image for page in pypdf.PdfReader(io.BytesIO(pdf)).pages for image in page.images
    ]
    assert len(images) == 1  # the readable photo; the PDF attachment is not a photo
    assert images[0].width > images[0].height
    assert max(images[0].size) <= 600  # a thumbnail, not the original 800 px
    assert "图片无法读取" in _squash(pdftotext(pdf))
    text = _squash("".join(_pages(pdf)))
    assert "<b>损坏&件</b>" in text
    assert "未提供的照片" not in text  # its bytes were not given
    # under the first line, before the second
    assert text.index("活塞密封圈装配错位") < text.index("密封圈错位") < text.index("2陈强")


def test_without_photos_there_are_no_images(returned, settings):
    pdf = return_report_pdf(returned, settings)
    assert not any(page.images for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "图片无法读取" not in "".join(_pages(pdf))


def test_forty_lines_flow_over_pages_with_the_headers_repeated(settings):
    base = _lines()[2]
    lines = [
        ReturnLineData(
            material_no=f"M-{n:03d}",
            material_name=f"零件{n:02d}",
            batch_no=f"B{n:02d}",
            quantity=n,
            customer_reason=f"退货原因{n:02d}号",
            inspector="陈强",
            qty_inspected=n,
            qty_good=n - 1,
            qty_defective=1,
            defect_found=f"不良现象{n:02d}号",
            defect_category="外观不良",
            responsibility="ours",
            qty_scrap=1,
            scrap_report_no=f"NC-{n:03d}",
        )
        for n in range(1, 41)
    ]
    data = _make_return(lines=[base, *lines])
    pages = _pages(return_report_pdf(data, settings))
    assert len(pages) >= 3
    everything = _squash("".join(pages))
    for n in range(1, 41):
        assert everything.count(f"退货原因{n:02d}号") == 1
        assert everything.count(f"不良现象{n:02d}号") == 1
        assert everything.count(f"NC-{n:03d}") == 1
    with_lines = [p for p in pages if re.search(r"退货原因\d\d号", p)]
    with_inspection = [p for p in pages if re.search(r"不良现象\d\d号", p)]
    with_disposition = [p for p in pages if re.search(r"NC-\d\d\d", p)]
    assert len(with_lines) >= 2 and len(with_inspection) >= 2 and len(with_disposition) >= 2
    for page in with_lines:
        assert re.search(r"序号\s*料号\s*品名\s*批次号\s*退货数量", page), page
    for page in with_inspection:
        assert re.search(r"序号\s*检验员/日期\s*检验数\s*良品数\s*不良数", page), page
    for page in with_disposition:
        assert re.search(r"序号\s*重工\s*报废\s*退回顾客\s*让步接收\s*换货", page), page
    assert "合计" in pages[-1] or "合计" in pages[-2]
    for number, page in enumerate(pages, start=1):
        assert f"第 {number} 页 / 共 {len(pages)} 页" in page
        # no empty page: every one carries part of the form besides its frame
        assert re.search(r"退货原因|不良现象|NC-|分析|措施", page), number


def test_english_and_bilingual_return_report(returned, settings, pdftotext):
    english = _squash(pdftotext(return_report_pdf(returned, settings, lang="en")))
    for expected in (
        "Returnreceipt,inspectionanddispositionreport",
        "1.Receipt",
        "Bulkperiodicreturn",
        "Abulkperiodicreturnisnotacomplaintcase",
        "Reworkorder:CG-2025-031(Rework)",
        "Warranty:Replace",
        "[URGENTPRODUCTION]",
        "Page1of",
    ):
        assert expected in english, expected
    assert "退货明细" not in english
    both = _squash(pdftotext(return_report_pdf(returned, settings, lang="bilingual")))
    for expected in (
        "退货接收及检验处置报告/Returnreceipt",
        "退货明细/2.Itemsreturned",
        "收料/Received",
    ):
        assert expected in both, expected


# ---------------------------------------------------------------- the rework order


def test_rework_order_one_page_per_line_with_rework(returned, settings, pdftotext, ticks):
    pdf = rework_order_pdf(returned, settings)
    pages = _pages(pdf)
    assert len(pages) == 2  # lines 1 and 3; line 2 has nothing to rework
    first, second = (_squash(p) for p in pages)
    for expected in (
        "重工工令",
        "表单编号：QR-CG",
        "记录编号：TH-2025-0012",  # two orders: the return's number in the frame
        "重工工令号CG-2025-031",
        "退货单号/行TH-2025-0012/1",
        "顾客C-0001上海华东汽车零部件制造有限公司",
        "料号BRK-200-01品名制动钳总成",
        "批次号L250215-03重工数量12",
        "不良现象活塞密封圈装配错位",
        "拆检密封圈，重新装配后100%气密测试",
        "要求完成日期",
        "生管/PMC开立",
        "制造单位接收与完成",
        "重工后品质检验",
        "合格数量",
        "不合格数量",
        "第1页/共2页",
    ):
        assert expected in first, expected
    for expected in ("重工工令号CG-2025-032", "TH-2025-0012/3", "重工数量8", "第2页/共2页"):
        assert expected in second, expected
    assert "CG-2025-032" not in first
    # per page: 重工 / 100%全检 (the chosen one ticked), then the blank 合格 / 不合格 verdict
    assert ticks == [True, False, False, False, False, True, False, False]
    assert "100%全检" in _squash(pdftotext(pdf))


def test_rework_order_for_one_line_prints_its_number_in_the_frame(returned, settings):
    pages = _pages(rework_order_pdf(returned, settings, line_positions=[2]))
    assert len(pages) == 1
    assert "记录编号：CG-2025-032" in pages[0]


def test_rework_order_for_a_chosen_line_without_rework_is_a_blank_order(returned, settings):
    text = _squash("".join(_pages(rework_order_pdf(returned, settings, line_positions=[1]))))
    assert "料号WP-1203品名水泵总成" in text
    assert "重工数量" in text


def test_rework_order_refuses_a_return_without_rework(returned, settings):
    for line in returned.lines:
        line.qty_rework = 0
    with pytest.raises(ValueError, match="TH-2025-0012 has no line with a quantity to rework"):
        rework_order_pdf(returned, settings)
    with pytest.raises(ValueError, match="line position 3 does not exist"):
        rework_order_pdf(returned, settings, line_positions=[3])
    with pytest.raises(ValueError, match="no line chosen"):
        rework_order_pdf(returned, settings, line_positions=[])


# ---------------------------------------------------------------- the 三包件 feedback form


def test_three_guarantees_form(returned, settings, pdftotext, ticks):
    pdf = three_guarantees_pdf(returned, settings)
    pages = _pages(pdf)
    assert len(pages) == 1
    assert "不良品(三包件)信息反馈表" in _squash(pdftotext(pdf))
    text = _squash(pages[0])
    for expected in (
        "不良品(三包件)信息反馈表",
        "表单编号：Q/JL100101-C",
        "记录编号：TH-2025-0012",
        "顾客C-0001上海华东汽车零部件制造有限公司",
        "退货单号TH-2025-0012接收日期2025-03-10",
        "关联抱怨单号KS-2025-0007入库单号RK-20250310-05",
        "BRK-200-01制动钳总成批次：L250215-03",
        "顾客反映：装车后制动异响",
        "检验发现：活塞密封圈装配错位",
        "本公司责任装配不良",
        "非本公司责任系安装时未放置密封垫所致",
        "重工12报废5换货3",
        "【紧急生产】换货库存不足",
        "合计160",
        "密封圈装配工位防错失效，已加装视觉检测。",
        "质量部意见",
        "填表人",
        "审核",
        "批准",
        "顾客确认",
        "周小红",
    ):
        assert expected in text, expected
    # 包修 / 包换 / 包退 per line: replace, nothing recorded (nothing guessed), repair
    assert ticks == [False, True, False, False, False, False, True, False, False]


# ---------------------------------------------------------------- every form


@pytest.mark.parametrize("key", FORMS)
def test_cjk_font_is_embedded(key, returned, settings, tmp_path, require_tool):
    tool = require_tool("pdffonts")
    build, _title, _code = FORMS[key]
    source = tmp_path / f"{key}.pdf"
    source.write_bytes(build(returned, settings, lang="bilingual"))
    listing = subprocess.run(
        [tool, str(source)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    fonts = listing.splitlines()[2:]
    assert fonts, listing
    for line in fonts:
        assert "WenQuanYiMicroHei" in line, listing
        assert re.search(r"\byes\s+yes\s+yes\b", line), listing


@pytest.mark.parametrize("key", FORMS)
def test_hostile_text_appears_literally(key, settings):
    data = _make_return(customer_name=HOSTILE, notes=HOSTILE, analysis_result=HOSTILE)
    for line in data.lines:
        line.material_name = HOSTILE
        line.customer_reason = HOSTILE
        line.defect_found = HOSTILE
        line.rework_notes = HOSTILE
        line.explanation = HOSTILE
    data.actions[0].description = HOSTILE
    settings.clerk_name = "<u>周</u>"
    build, _title, _code = FORMS[key]
    text = "".join(_pages(build(data, settings)))
    assert "<b>&</b>" in text
    assert "<font size=40>大</font>" in text
    assert '"&amp;"' in text


@pytest.mark.parametrize("key", FORMS)
def test_form_code_and_title_from_the_settings(key, returned, settings, pdftotext):
    build, title, code = FORMS[key]
    assert settings.form(key).code == code  # the default
    settings.forms[key] = FormCode("QR-ZZ-09", "B/2")
    text = _squash(pdftotext(build(returned, settings)))
    assert title in text
    assert "表单编号：QR-ZZ-09版本：B/2" in text


@pytest.mark.parametrize("key", ["return_report", "three_guarantees"])
def test_a_return_without_lines_prints_a_blank_form(key, settings, pdftotext):
    build, title, code = FORMS[key]
    text = _squash(pdftotext(build(ReturnData(number="TH-2025-0001", lines=[]), settings)))
    assert title in text
    assert code in text
    assert "TH-2025-0001" in text
    assert "None" not in text
    if key == "three_guarantees":  # rows to fill in by hand, warranty boxes included
        assert "包修包换包退" in text


@pytest.mark.parametrize("key", FORMS)
def test_english_titles_and_unknown_language(key, returned, settings, pdftotext):
    build, _title, _code = FORMS[key]
    english = {
        "return_report": "Returnreceipt,inspectionanddispositionreport",
        "rework_order": "Reworkorder",
        "three_guarantees": "Defective(warranty)partfeedback",
    }[key]
    assert english in _squash(pdftotext(build(returned, settings, lang="en")))
    with pytest.raises(ValueError, match="bilingual"):
        build(returned, settings, lang="de")
