"""The field-service forms (service report filled and blank, visit report, monthly service
report), read back as printed."""

from __future__ import annotations

import io
import re
import subprocess

import pypdf
import pytest

from app.reports.pdf import layout
from app.reports.pdf.monthly_service_pdf import monthly_service_pdf
from app.reports.pdf.service_report_pdf import blank_service_report_pdf, service_report_pdf
from app.reports.pdf.visit_report_pdf import visit_report_pdf
from app.services.field_data import MonthlyService, PartData, ServiceReportData, VisitReportData
from app.services.settings_service import FormCode
from tests.pdf_pages import pdf_pages
from tests.reports.field_fixtures import (
    HOSTILE,
    PHOTOS,
    make_month,
    make_service_report,
    make_visit_report,
)


def _blank(settings, lang="zh_CN"):  # noqa: ANN001, ANN202
    return blank_service_report_pdf(settings, lang)


FORMS = {
    "field_service": (
        lambda s, lang="zh_CN": service_report_pdf(make_service_report(), s, lang, PHOTOS),
        "现场服务报告",
        "Q/JL081304-C",
        "FW-L1-2025-0007",
    ),
    "blank_service": (_blank, "现场服务报告", "Q/JL081304-C", ""),
    "visit": (
        lambda s, lang="zh_CN": visit_report_pdf(make_visit_report(), s, lang),
        "走访服务报告",
        "Q/JL081306-C",
        "ZF-2025-0003",
    ),
    "monthly_service": (
        lambda s, lang="zh_CN": monthly_service_pdf(make_month(), s, lang),
        "月度服务报告",
        "Q/JL081305-C",
        "2025-03",
    ),
}


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


# ---------------------------------------------------------------- the service report


def test_service_report_shows_the_whole_visit_on_site(settings, pdftotext):
    pdf = service_report_pdf(make_service_report(), settings, photos=PHOTOS)
    pages = _pages(pdf)
    assert len(pages) == 1
    poppler = _squash(pdftotext(pdf))
    for expected in ("现场服务报告", "已解决", "临时解决", "未解决", "顾客签字", "第1页/共1页"):
        assert expected in poppler, expected
    text = _squash(pages[0])
    for expected in (
        "宁波精工汽车部件股份有限公司",
        "表单编号：Q/JL081304-C",
        "版本：A/0",
        "记录编号：FW-L1-2025-0007",
        "服务单号FW-L1-2025-0007关联抱怨单号KS-2025-0007",
        "顾客KH001长春华通汽车有限公司",
        "服务地点吉林省长春市绿园区西新工业园东风大街2088号总装二车间",
        "报修日期2025-03-10服务工程师张伟、李强",
        "到达时间2025-03-1209:00离开时间2025-03-1216:30",
        "产品型号QD-200制动钳总成序列号/批次号SN-250215-0032",
        "发现的问题制动时异响，拆检发现活塞密封圈装配错位。",
        "处理过程更换密封圈及导向销，重新装配后台架测试20次无异响。",
        "备注下周回访确认。",
        # parts with quantity and the charged / warranty split in the total row
        "1SEAL-200-01活塞密封圈2收费保修",
        "2PIN-200-07导向销4收费保修",
        "合计6收费4；保修2",
        "顾客意见处理及时，希望尽快提供根本对策。",
        "1很差2较差3一般4良好5很好",
        "顾客签字人王建国签字日期2025-03-12",
        # 7.5 hours on site; costs
        "服务工时(小时)7.5差旅费(元)860.50",
        "人工费(元)1,200.00费用合计(元)2,060.50",
        # signature boxes with the engineers and the customer's signatory
        "服务工程师年月日张伟、李强",
        "顾客签字年月日王建国",
        "第1页/共1页",
    ):
        assert expected in text, expected


def test_service_report_tick_boxes(settings, ticks):
    service_report_pdf(make_service_report(), settings)
    parts = [False, True, True, False]  # 收费/保修: warranty seal, charged pins
    result = [False, True, False]  # temporary fix
    rating = [False, False, False, True, False]  # 4 良好
    assert ticks == parts + result + rating


def test_service_report_photos_print_as_thumbnails(settings, pdftotext):
    pdf = service_report_pdf(make_service_report(), settings, photos=PHOTOS)
    images = [
        image.image for page in pypdf.PdfReader(io.BytesIO(pdf)).pages for image in page.images
    ]
    assert len(images) == 2  # the two readable photos; the PDF attachment is not a photo
    assert sorted(image.width > image.height for image in images) == [False, True]
    assert all(max(image.size) <= 600 for image in images)  # thumbnails, not the originals
    text = _squash(pdftotext(pdf))
    assert "图片无法读取" in text
    for caption in ("拆检：密封圈错位", "更换后", "损坏的照片"):
        assert caption in text
    assert "未提供的照片" not in text  # its bytes were not given
    assert "六、现场照片" in text
    # without photos: no images and no photo section
    plain = service_report_pdf(make_service_report(), settings)
    assert not any(page.images for page in pypdf.PdfReader(io.BytesIO(plain)).pages)
    assert "现场照片" not in _squash(pdftotext(plain))


def test_a_long_service_report_flows_onto_more_pages_with_the_headers_repeated(settings):
    parts = [PartData(f"P-{n:03d}", f"零件{n:02d}号", n, charged=n % 2 == 0) for n in range(1, 41)]
    work = "\n".join(f"第{n}步：检查并紧固第{n}号螺栓，扭矩符合要求。" for n in range(1, 21))
    data = make_service_report(parts=parts, work_done=work)
    pages = _pages(service_report_pdf(data, settings, photos=PHOTOS))
    assert len(pages) >= 2
    everything = _squash("".join(pages))
    for n in range(1, 41):
        assert everything.count(f"零件{n:02d}号") == 1
    assert "第20步：检查并紧固第20号螺栓" in everything
    with_parts = [p for p in pages if re.search(r"零件\d\d号", p)]
    assert len(with_parts) >= 2
    for page in with_parts:
        assert re.search(r"序号\s*零件号\s*零件名称\s*数量\s*收费/保修", page), page
    assert "合计820收费420；保修400" in everything
    for number, page in enumerate(pages, start=1):
        assert f"第 {number} 页 / 共 {len(pages)} 页" in page
        assert "记录编号：FW-L1-2025-0007" in page
        assert "现场服务报告" in page
        assert "服务工程师" in page and "顾客签字" in page  # the signature boxes on every page


def test_a_service_report_without_parts_or_times(settings, pdftotext, ticks):
    data = make_service_report(
        parts=[], arrived_at=None, departed_at=None, customer_rating=None, result="solved"
    )
    text = _squash(pdftotext(service_report_pdf(data, settings)))
    assert "未更换零件" in text
    assert "None" not in text
    assert ticks == [True, False, False, False, False, False, False, False]


def test_blank_service_report_to_fill_in_by_hand(settings, pdftotext, ticks):
    pdf = blank_service_report_pdf(
        settings, customer_name="长春华通汽车有限公司", site_address="长春市绿园区东风大街 2088 号"
    )
    pages = _pages(pdf)
    assert len(pages) == 1  # one sheet to take along and sign
    text = _squash(pages[0])
    for expected in (
        "现场服务报告",
        "表单编号：Q/JL081304-C",
        "顾客长春华通汽车有限公司",
        "服务地点长春市绿园区东风大街2088号",
        "报修日期服务工程师",
        "到达时间离开时间",
        "序号零件号零件名称数量收费/保修",
        "已解决临时解决未解决",
        "1很差2较差3一般4良好5很好",
        "服务工时(小时)差旅费(元)",
        "服务工程师",
        "顾客签字",
        "第1页/共1页",
    ):
        assert expected in text, expected
    assert text.count("收费保修") == 4  # four empty part lines, each with its boxes
    assert "None" not in text and "0.00" not in text
    assert not any(ticks) and len(ticks) == 4 * 2 + 3 + 5
    empty = _squash(pdftotext(blank_service_report_pdf(settings)))
    assert "长春华通" not in empty


# ---------------------------------------------------------------- the visit report


def test_visit_report_shows_the_visit_and_its_follow_ups(settings, pdftotext):
    pdf = visit_report_pdf(make_visit_report(), settings)
    pages = _pages(pdf)
    assert len(pages) == 1
    assert "走访服务报告" in _squash(pdftotext(pdf))
    text = _squash(pages[0])
    for expected in (
        "表单编号：Q/JL081306-C",
        "记录编号：ZF-2025-0003",
        "走访单号ZF-2025-0003走访日期2025-03-18",
        "顾客KH001长春华通汽车有限公司",
        "走访人赵敏、周小红下次走访日期2025-06-18",
        "顾客参加人员王建国(质量部经理)李娜(采购部)",
        "交流主题一季度质量表现回顾；制动钳异响问题的根本对策进展。",
        "顾客反馈异响问题处理及时；包装箱有破损，希望改进。",
        "顾客要求4月起每批附出厂检验报告。",
        "序号跟进措施责任部门/责任人计划完成完成日期验证结果",
        "1改进包装箱内衬，防止运输破损生产部李强2025-04-102025-04-08有效周小红2025-04-15",
        "2每批附出厂检验报告质量部周小红2025-04-01",
        # rescheduled: the first due date (struck through) above the current one
        "3提交异响问题8D报告技术部王工2025-03-312025-04-20",
        "走访人赵敏、周小红",
        "顾客签字",
        "审核",
        "第1页/共1页",
    ):
        assert expected in text, expected


def test_a_visit_without_follow_ups_leaves_rows_to_fill_in(settings, pdftotext):
    data = VisitReportData(number="ZF-2025-0009", visited_on=None)
    text = _squash(pdftotext(visit_report_pdf(data, settings)))
    assert "ZF-2025-0009" in text
    assert "跟进措施" in text
    assert "None" not in text


# ---------------------------------------------------------------- the monthly report


def test_monthly_service_report(settings, pdftotext):
    pdf = monthly_service_pdf(make_month(), settings)
    pages = _pages(pdf)
    assert len(pages) == 1
    assert "月度服务报告" in _squash(pdftotext(pdf))
    text = _squash(pages[0])
    for expected in (
        "表单编号：Q/JL081305-C",
        "记录编号：2025-03",
        "统计月份2025年3月服务工时(小时)41.5",
        "现场服务报告6走访服务报告2",
        "已解决4临时解决1",
        "未解决1更换零件合计23",
        "其中收费9其中保修14",
        "差旅费(元)3,860.50人工费(元)7,200.00",
        "费用合计(元)11,060.50未关闭事项4",
        "临时解决或未解决的服务报告2项；本月走访未完成的跟进措施2项",
        # per engineer
        "服务工程师服务报告走访工时(小时)已解决临时解决未解决",
        "张伟4027.5310",
        "李强3120201",
        "=1+1116100",
        # per customer, with the totals
        "KH001长春华通汽车有限公司3122.54105,460.503",
        "KH002一汽解放青岛汽车有限公司2113543,900.001",
        "合计6241.591411,060.504",
        "FW-2025-0001、FW-2025-0002",
        "FW-L1-2025-0007",
        "ZF-2025-0002、ZF-2025-0003",
        "编制年月日周小红",
        "审核",
        "批准",
    ):
        assert expected in text, expected


def test_an_empty_month(settings, pdftotext):
    text = _squash(pdftotext(monthly_service_pdf(MonthlyService(2025, 2), settings)))
    assert "2025年2月" in text
    assert "本月无记录" in text
    assert "现场服务报告0走访服务报告0" in text
    assert "None" not in text


# ---------------------------------------------------------------- every form


@pytest.mark.parametrize("key", FORMS)
def test_cjk_font_is_embedded(key, settings, tmp_path, require_tool):
    tool = require_tool("pdffonts")
    build, _title, _code, _number = FORMS[key]
    source = tmp_path / f"{key}.pdf"
    source.write_bytes(build(settings, "bilingual"))
    listing = subprocess.run(
        [tool, str(source)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    fonts = listing.splitlines()[2:]
    assert fonts, listing
    for line in fonts:
        assert "WenQuanYiMicroHei" in line, listing
        assert re.search(r"\byes\s+yes\s+yes\b", line), listing  # embedded subset, unicode


@pytest.mark.parametrize("key", FORMS)
def test_form_code_title_and_record_number(key, settings, pdftotext):
    build, title, code, number = FORMS[key]
    form_key = "field_service" if key == "blank_service" else key
    assert settings.form(form_key).code == code  # the default
    settings.forms[form_key] = FormCode("QR-ZZ-09", "B/2")
    pdf = build(settings)
    text = _squash(pdftotext(pdf))
    assert title in text
    assert "表单编号：QR-ZZ-09版本：B/2" in text
    assert f"记录编号：{number}" in _squash(_pages(pdf)[0])


@pytest.mark.parametrize("key", FORMS)
def test_english_bilingual_and_unknown_language(key, settings, pdftotext):
    build, title, _code, _number = FORMS[key]
    english = {
        "field_service": "Fieldservicereport",
        "blank_service": "Fieldservicereport",
        "visit": "Visitreport",
        "monthly_service": "Monthlyservicereport",
    }[key]
    text = _squash(pdftotext(build(settings, "en")))
    assert english in text and "Page1of1" in text
    assert title not in text
    both = _squash(pdftotext(build(settings, "bilingual")))
    assert f"{title}/{english}" in both
    with pytest.raises(ValueError, match="bilingual"):
        build(settings, "de")


def test_english_service_report_labels(settings):
    text = _squash(
        "".join(_pages(service_report_pdf(make_service_report(), settings, "en", PHOTOS)))
    )
    for expected in (
        "Problemfound",
        "ChargedWarranty",
        "Total6Charged4;Warranty2",
        "SolvedTemporaryfixNotsolved",
        "1Poor2Fair3Average4Good5Verygood",
        "Serviceengineer",
        "Customer'ssignature",
        "Theimagecannotberead",
    ):
        assert expected in text, expected


def test_user_text_appears_literally(settings):
    service = make_service_report(
        customer_name=HOSTILE,
        site_address=HOSTILE,
        problem_found=HOSTILE,
        work_done=HOSTILE,
        customer_opinion=HOSTILE,
        customer_signatory=HOSTILE,
        engineers="<u>张伟</u>",
        parts=[PartData("<b>P</b>", HOSTILE, 1)],
    )
    service.attachments[0].caption = HOSTILE
    visit = make_visit_report(topics=HOSTILE, feedback=HOSTILE, attendees=HOSTILE)
    visit.actions[0].description = HOSTILE
    month = make_month()
    month.per_engineer[0].engineer = HOSTILE
    month.per_customer[0].customer_name = HOSTILE
    settings.clerk_name = "<u>周</u>"
    for pdf in (
        service_report_pdf(service, settings, photos=PHOTOS),
        visit_report_pdf(visit, settings),
        monthly_service_pdf(month, settings),
        blank_service_report_pdf(settings, customer_name=HOSTILE, site_address=HOSTILE),
    ):
        text = _squash("".join(_pages(pdf)))  # (narrow cells wrap the text)
        assert "<b>&amp;</b>" in text
        assert "<fontsize=40>大</font>" in text
        assert '"&"' in text
    assert "<u>张伟</u>" in "".join(_pages(service_report_pdf(service, settings)))


def test_a_report_with_empty_fields_prints(settings, pdftotext):
    text = _squash(pdftotext(service_report_pdf(ServiceReportData(), settings)))
    assert "现场服务报告" in text
    assert "None" not in text
