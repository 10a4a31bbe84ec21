"""The four complaint forms (8D, quality feedback, CAPA, prevent recurrence), read back as printed."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import UTC, date, datetime, timedelta

import pypdf
import pytest
from PIL import Image
from reportlab.lib.units import mm

from app.reports.pdf import layout
from app.reports.pdf.capa_pdf import capa_pdf
from app.reports.pdf.eight_d_pdf import eight_d_pdf, first_due
from app.reports.pdf.form_text import labels, tick_options, wrap_words
from app.reports.pdf.prevent_recurrence_pdf import prevent_recurrence_pdf
from app.reports.pdf.quality_feedback_pdf import quality_feedback_pdf
from app.services.complaint_data import (
    ActionData,
    ActionEventData,
    ComplaintData,
    SortingData,
    TicketRef,
)
from app.services.deadlines import Deadline
from tests.pdf_pages import pdf_pages

FORMS = {
    "eight_d": (eight_d_pdf, "客户抱怨处理单(8D报告)", "QR-8D"),
    "quality_feedback": (quality_feedback_pdf, "质量信息反馈表", "Q/JL090201-C"),
    "capa": (capa_pdf, "纠正/预防措施记录表", "Q/JL060301-C"),
    "prevent_recurrence": (prevent_recurrence_pdf, "防止不合格品再发生报告", "Q/JL081303-C"),
}
FIVE_WHY = [
    "为什么孔径偏大？刀具磨损",
    "为什么刀具磨损未被发现？无刀具寿命管理",
    "为什么没有寿命管理？作业指导书未规定",
    "为什么未规定？PFMEA未识别该失效模式",
    "为什么未识别？新产品导入评审遗漏",
]


def _action(n: int, kind: str = "corrective", **overrides: object) -> ActionData:
    action = ActionData(
        kind=kind,
        description=f"措施{n:02d}：镗孔工序导入刀具寿命管理，每 500 件强制换刀并记录。",
        department="生产部",
        owner="李强",
        due=date(2024, 3, 20),
        done_on=date(2024, 3, 18),
        verification="effective",
        verified_by="周小红",
        verified_on=date(2024, 3, 28),
    )
    for key, value in overrides.items():
        setattr(action, key, value)
    return action


def _make_complaint(**overrides: object) -> ComplaintData:
    """A reopened, closed major complaint with every part of the 8D filled in."""
    c = ComplaintData(
        number="KS-2024-0012-1",
        customer_code="C-0001",
        customer_name="上海华东汽车零部件制造有限公司",
        contact_name="王建国",
        contact_phone="13800138000",
        channel="email",
        kind="complaint",
        received_at=datetime(2024, 3, 4, 1, 30, tzinfo=UTC),
        received_by="赵敏",
        product_model="QD-200",
        part_no="BRK-200-01",
        batch_no="L240215-03",
        production_date=date(2024, 2, 15),
        qty_delivered=12000,
        qty_defective=37.5,
        defect_category="尺寸不良",
        description="装配线发现制动钳安装孔径偏大 0.05mm，导致螺栓松动。",
        customer_request="24小时内提供临时措施，在途及库存全检。",
        line_stopped=True,
        severity="major",
        urgency="urgent",
        customer_deadline=date(2024, 3, 8),
        owner="周小红",
        occurrence_category="machine",
        occurrence_cause="镗孔刀具磨损超出寿命。",
        escape_category="measurement",
        escape_cause="终检塞规抽检频次不足。",
        five_why="\n".join(FIVE_WHY),
        fmea_updated=True,
        control_plan_updated=True,
        work_instruction_updated=False,
        similar_products="QD-210、QD-220 同一镗孔工序，已同步导入。",
        responsibility="ours",
        responsible_department="生产部",
        quarantine_advice="批次 L240215-03 全部隔离。",
        claim_status="agreed",
        claim_amount=15000,
        agreed_amount=8000.5,
        responsible_unit="生产部二车间",
        chargeback_supplier="宁波刀具有限公司",
        chargeback_amount=2000,
        reward_penalty_no="JC-2024-007",
        reply_at=datetime(2024, 3, 7, 9, 0, tzinfo=UTC),
        reply_content="已按8D报告答复顾客。",
        reply_by="赵敏",
        visit_at=datetime(2024, 3, 8, 2, 0, tzinfo=UTC),
        visit_satisfied=True,
        visit_notes="顾客确认整改有效。",
        status="closed",
        closed_at=datetime(2024, 4, 2, 8, 0, tzinfo=UTC),
        closed_by="李强",
        closing_note="措施验证有效，结案。",
        reopen_index=1,
        reopen_reason="顾客对首次答复不满意",
        origin=TicketRef(1, "KS-2024-0012", "reopened", datetime(2024, 2, 20, tzinfo=UTC)),
    )
    for n, text in {
        1: "组长：周小红；成员：李强、陈静",
        2: "What：安装孔径偏大；Where：顾客总装线",
        3: "在途及库存全检，顾客处派员挑选。",
        4: "刀具磨损 + 检验频次不足。",
        5: "导入刀具寿命管理。",
        6: "连续 3 批跟踪，孔径 CPK 1.67。",
        7: "PFMEA、控制计划更新。",
        8: "同意结案。",
    }.items():
        c.step(n).content, c.step(n).owner, c.step(n).done_on = (
            text,
            f"负责人D{n}",
            date(2024, 3, n),
        )
    c.sorting = [
        SortingData("customer", 3000, 12, "李强", date(2024, 3, 5), "顾客处挑选"),
        SortingData("in_transit", 2000, 5, "王五", date(2024, 3, 5)),
        SortingData("in_stock", 7000, 20, "仓库", date(2024, 3, 5)),
    ]
    c.actions = [
        _action(
            1,
            history=[
                ActionEventData(
                    datetime(2024, 3, 12, tzinfo=UTC),
                    "周小红",
                    "rescheduled",
                    old_due=date(2024, 3, 14),
                    new_due=date(2024, 3, 20),
                    note="刀具供应商交期延误",
                ),
                ActionEventData(
                    datetime(2024, 3, 28, tzinfo=UTC),
                    "周小红",
                    "verified",
                    result="effective",
                    verified_by="周小红",
                    verified_on=date(2024, 3, 28),
                ),
            ],
        ),
        _action(2, description="终检塞规检验频次改为每小时 5 件。", due=date(2024, 3, 15)),
        _action(3, kind="preventive", description="QD-210、QD-220 同步导入刀具寿命管理。"),
    ]
    c.deadlines = [
        Deadline(
            "first_reply",
            datetime(2024, 3, 4, 9, 30, tzinfo=UTC),
            datetime(2024, 3, 4, 3, 0, tzinfo=UTC),
        ),
        Deadline(
            "containment",
            datetime(2024, 3, 5, 1, 30, tzinfo=UTC),
            datetime(2024, 3, 5, 6, 0, tzinfo=UTC),
        ),
        Deadline("action_reply", datetime(2024, 3, 8, 15, 59, tzinfo=UTC), None, detail="customer"),
        Deadline("return_visit", datetime.now(UTC) + timedelta(days=3), None),
    ]
    for key, value in overrides.items():
        setattr(c, key, value)
    return c


@pytest.fixture
def complaint() -> ComplaintData:
    return _make_complaint()


def _pages(pdf: bytes) -> list[str]:
    return pdf_pages(pdf)


def _squash(text: str) -> str:
    return "".join(text.split())


def _local(value: datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def _png(width: int, height: int, color: str = "steelblue") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def _color_name(image: Image.Image) -> str:
    red, _green, blue = image.convert("RGB").getpixel((image.width // 2, image.height // 2))
    return "blue" if blue > red else "orange"


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


# ---------------------------------------------------------------- the 8D report


def test_eight_d_shows_the_whole_ticket(complaint, settings, pdftotext):
    pdf = eight_d_pdf(complaint, settings)
    pages = _pages(pdf)
    poppler = _squash(pdftotext(pdf))
    for expected in (
        "客户抱怨处理单(8D报告)",
        "KS-2024-0012-1",
        "D4根本原因分析",
        "顾客确认整改有效。",
    ):
        assert expected in poppler, expected
    text = _squash("".join(pages))
    for expected in (
        "宁波精工汽车部件股份有限公司",
        "客户抱怨处理单(8D报告)",
        "表单编号：QR-8D",
        "记录编号：KS-2024-0012-1",
        # reopened from the original ticket, with the reason
        "重开自",
        "KS-2024-0012（原因：顾客对首次答复不满意）",
        # registration
        "C-0001上海华东汽车零部件制造有限公司",
        "王建国",
        "13800138000",
        f"受理时间{_squash(_local(complaint.received_at))}",
        "电子邮件",
        "投诉",
        "BRK-200-01",
        "L240215-03",
        "生产日期2024-02-15",
        "交付数量12000",
        "不良数量37.5",
        "顾客要求期限2024-03-08",
        "装配线发现制动钳安装孔径偏大0.05mm，导致螺栓松动。",
        # every D step with its content, owner and date
        *(f"负责人D{n}完成日期2024-03-0{n}" for n in range(1, 9)),
        "D1成立小组",
        "D2问题描述(5W2H)",
        "D3临时围堵措施",
        "D4根本原因分析",
        "D5永久纠正措施",
        "D6实施与效果验证",
        "D7预防再发生",
        "D8结案",
        "组长：周小红；成员：李强、陈静",
        # D3 sorting
        "顾客处300012李强2024-03-05顾客处挑选",
        "在途20005王五2024-03-05",
        "本公司库存700020仓库2024-03-05",
        # D4
        "镗孔刀具磨损超出寿命。",
        "终检塞规抽检频次不足。",
        *(f"Why{i}{_squash(line)}" for i, line in enumerate(FIVE_WHY, start=1)),
        # D5/D6 and D7 actions: the first due date and the current one
        "措施01：镗孔工序导入刀具寿命管理",
        "2024-03-142024-03-20",
        "QD-210、QD-220同步导入刀具寿命管理。",
        "QD-210、QD-220同一镗孔工序，已同步导入。",
        # responsibility and claim
        "生产部二车间",
        "批次L240215-03全部隔离。",
        "已确认",
        "15,000.00",
        "8,000.50",
        "宁波刀具有限公司2,000.00",
        "JC-2024-007",
        # deadlines
        "首次回复",
        "临时对策回复",
        "纠正预防措施回复（顾客要求期限）",
        "逾期完成",
        "已逾期",
        "未完成",
        # answer, visit, closure
        "已按8D报告答复顾客。",
        "顾客确认整改有效。",
        f"结案时间{_squash(_local(complaint.closed_at))}结案人李强",
        "措施验证有效，结案。",
        # signature boxes, the clerk printed in the first
        "填表人/编制",
        "审核",
        "批准(总经理核决)",
        "周小红",
    ):
        assert expected in text, expected
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"第 {number} 页 / 共 {total} 页" in page
        assert "记录编号：KS-2024-0012-1" in page
        assert "批准(总经理核决)" in page


def test_eight_d_tick_boxes(complaint, settings, ticks):
    eight_d_pdf(complaint, settings)
    # severity 重大/一般, urgency 急件/普通件, line stopped 是/否
    assert ticks[:6] == [True, False, True, False, True, False]
    # D4: occurrence 人机料法环测 (机), escape (测)
    assert ticks[6:12] == [False, True, False, False, False, False]
    assert ticks[12:18] == [False, False, False, False, False, True]
    # D7: FMEA, control plan, work instruction; prevention waived 是/否
    assert ticks[18:23] == [True, True, False, False, True]
    # responsibility 本公司 … 待定; return visit satisfied 是/否
    assert ticks[23:28] == [True, False, False, False, False]
    assert ticks[28:30] == [True, False]
    assert len(ticks) == 30


def test_cjk_font_is_embedded_in_every_form(complaint, settings, tmp_path, require_tool):
    tool = require_tool("pdffonts")
    for key, (build, _title, _code) in FORMS.items():
        source = tmp_path / f"{key}.pdf"
        source.write_bytes(build(complaint, settings, lang="bilingual"))
        listing = subprocess.run(
            [tool, str(source)], check=True, capture_output=True, text=True, timeout=60
        ).stdout
        fonts = listing.splitlines()[2:]
        assert fonts, listing
        for line in fonts:
            assert "WenQuanYiMicroHei" in line, (key, listing)
            assert re.search(r"\byes\s+yes\s+yes\b", line), (key, listing)


def test_forty_actions_flow_over_pages_with_the_header_repeated(complaint, settings):
    complaint.actions = [_action(n) for n in range(1, 41)]
    pages = _pages(eight_d_pdf(complaint, settings))
    total = len(pages)
    with_actions = [p for p in pages if "措施" in p and re.search(r"措施\d\d：", p)]
    assert len(with_actions) >= 2
    for page in with_actions:
        assert re.search(r"序号\s*措施内容\s*责任部门\s*责任人\s*计划完成", page), page
    everything = _squash("".join(pages))
    for n in range(1, 41):
        assert everything.count(f"措施{n:02d}：") == 1
    for number, page in enumerate(pages, start=1):
        assert f"第 {number} 页 / 共 {total} 页" in page


def test_a_step_longer_than_a_page_continues(complaint, settings):
    complaint.step(2).content = "".join(f"第{i:03d}条：顾客现场确认不良现象。" for i in range(300))
    pages = _pages(eight_d_pdf(complaint, settings))
    everything = _squash("".join(pages))
    for i in (0, 150, 299):
        assert f"第{i:03d}条" in everything


def test_photos_are_embedded_upright_and_a_broken_one_is_a_note(complaint, settings, pdftotext):
    # a landscape JPEG whose EXIF says "rotate 90°": it prints as portrait
    rotated = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (400, 200), "darkorange").save(rotated, "JPEG", exif=exif)
    photos = [
        ("孔径测量", _png(800, 600)),
        ("<b>损坏&件</b>", b"not an image"),
        ("竖拍照片", rotated.getvalue()),
    ]
    pdf = eight_d_pdf(complaint, settings, photos=photos)
    images = [
        image.image for page in pypdf.PdfReader(io.BytesIO(pdf)).pages for image in page.images
    ]
    assert len(images) == 2
    shapes = {_color_name(image): (image.width, image.height) for image in images}
    assert shapes["blue"][0] > shapes["blue"][1]
    assert shapes["orange"][0] < shapes["orange"][1]
    text = _squash(pdftotext(pdf))
    for expected in ("照片", "1.孔径测量", "2.<b>损坏&件</b>", "图片无法读取", "3.竖拍照片"):
        assert expected in text, expected


def test_without_photos_there_is_no_photo_section(complaint, settings):
    pdf = eight_d_pdf(complaint, settings)
    assert not any(page.images for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "照片" not in "".join(_pages(pdf))


def test_deadline_done_in_time_and_rescheduled_action(settings):
    """An action only moved by a failed verification still shows its first due date."""
    action = _action(
        1,
        due=date(2024, 4, 10),
        done_on=None,
        verification="",
        verified_by="",
        verified_on=None,
        history=[
            ActionEventData(
                datetime(2024, 3, 28, tzinfo=UTC),
                "周小红",
                "verified",
                result="not_effective",
                verified_by="周小红",
                verified_on=date(2024, 3, 28),
                old_due=date(2024, 3, 20),
                new_due=date(2024, 4, 10),
                note="复查仍有超差",
            )
        ],
    )
    assert first_due(action) == date(2024, 3, 20)
    complaint = _make_complaint(actions=[action])
    text = _squash("".join(_pages(eight_d_pdf(complaint, settings))))
    assert "2024-03-202024-04-10" in text
    capa = _squash("".join(_pages(capa_pdf(complaint, settings))))
    assert "无效" in capa
    assert "2024-03-20→2024-04-10" in capa
    assert "复查仍有超差" in capa


# ---------------------------------------------------------------- languages


def test_bilingual_labels(complaint, settings, pdftotext):
    pdf = eight_d_pdf(complaint, settings, lang="bilingual")
    text = _squash(pdftotext(pdf))
    for expected in (
        "客户抱怨处理单(8D报告)/Customercomplaintreport(8D)",
        "抱怨登记/Registration",
        "顾客/Customer",
        "交付数量/Qtydelivered",
        "严重度/Severity",
        "重大/Major",
        "急件/Urgent",
        "D1成立小组/Team",
        "D4根本原因分析/Rootcause",
        "机/Machine",
        "措施内容/Action",
        "填表人/编制/Preparedby",
        "批准(总经理核决)/Approved(GM)",
        "第1页/共",
        # values stay as entered
        "上海华东汽车零部件制造有限公司",
        "组长：周小红；成员：李强、陈静",
    ):
        assert expected in text, expected
    for key, (build, title, _code) in FORMS.items():
        text = _squash("".join(_pages(build(complaint, settings, lang="bilingual"))))
        assert f"{title}/" in text, key
        assert "顾客/Customer" in text, key


def test_english_forms(complaint, settings):
    text = "".join(_pages(eight_d_pdf(complaint, settings, lang="en")))
    for expected in (
        "Customer complaint report (8D)",
        "Registration",
        "Reopened from",
        "KS-2024-0012 (reason: 顾客对首次答复不满意)",
        "D3 Containment",
        "Prepared by",
        "Page 1 of",
    ):
        assert expected in text, expected
    assert "抱怨登记" not in text
    assert "Quality information feedback" in "".join(
        _pages(quality_feedback_pdf(complaint, settings, lang="en"))
    )


def test_unknown_language_is_refused(complaint, settings):
    with pytest.raises(ValueError, match="bilingual"):
        eight_d_pdf(complaint, settings, lang="de")


def test_english_words_are_not_split_inside_a_cell():
    # CJK wrapping would break "Effective" anywhere; the label breaks at its " / " instead
    assert wrap_words("有效 / Effective", 20 * mm) == "有效 /\nEffective"
    assert wrap_words("有效", 20 * mm) == "有效"
    t = labels("bilingual")
    assert t("顾客", "Customer") == "顾客 / Customer"
    assert labels("en")("顾客", "Customer") == "Customer"
    boxes = tick_options([("A", True), ("B", False)], 100)
    assert len(boxes) == 1  # both fit on one line


# ---------------------------------------------------------------- the other forms


def test_quality_feedback_form(complaint, settings, pdftotext, ticks):
    pdf = quality_feedback_pdf(complaint, settings)
    pages = _pages(pdf)
    assert len(pages) == 1
    assert "质量信息反馈表" in _squash(pdftotext(pdf))
    text = _squash(pages[0])
    for expected in (
        "质量信息反馈表",
        "表单编号：Q/JL090201-C",
        "记录编号：KS-2024-0012-1",
        "C-0001上海华东汽车零部件制造有限公司",
        "QD-200",
        "37.5",
        "装配线发现制动钳安装孔径偏大0.05mm，导致螺栓松动。",
        "24小时内提供临时措施，在途及库存全检。",
        "刀具磨损+检验频次不足。",
        "发生原因（机）：镗孔刀具磨损超出寿命。",
        "流出原因（测）：终检塞规抽检频次不足。",
        "在途及库存全检，顾客处派员挑选。",
        "1.措施01：镗孔工序导入刀具寿命管理",
        "已按8D报告答复顾客。",
        "顾客确认整改有效。",
        # signatures: the sales clerk who took it and the ticket owner are printed
        "反馈人",
        "接收人",
        "处理人",
        "赵敏",
        "周小红",
        "第1页/共1页",
    ):
        assert expected in text, expected
    # line stopped, severity, urgency, responsibility, satisfied
    assert ticks[:6] == [True, False, True, False, True, False]
    assert ticks[6:11] == [True, False, False, False, False]
    assert ticks[11:13] == [True, False]


def test_capa_form(complaint, settings, pdftotext, ticks):
    pdf = capa_pdf(complaint, settings)
    assert "纠正/预防措施记录表" in _squash(pdftotext(pdf))
    text = _squash("".join(_pages(pdf)))
    for expected in (
        "纠正/预防措施记录表",
        "表单编号：Q/JL060301-C",
        "来源客户抱怨（投诉）",
        "抱怨单号KS-2024-0012-1",
        "装配线发现制动钳安装孔径偏大0.05mm",
        "镗孔刀具磨损超出寿命。",
        "为什么孔径偏大？刀具磨损",
        "1纠正措施01：镗孔工序导入刀具寿命管理",
        "生产部李强",
        "3预防QD-210、QD-220同步导入刀具寿命管理。",
        # history: the reschedule with its old and new date and reason, then the verification
        "验证及改期记录",
        "改期2024-03-14→2024-03-20",
        "刀具供应商交期延误",
        "验证有效周小红2024-03-28",
        "连续3批跟踪，孔径CPK1.67。",
        "填表人/编制",
        "批准(总经理核决)",
    ):
        assert expected in text, expected
    assert f"{_squash(_local(datetime(2024, 3, 12, tzinfo=UTC)))}改期" in text
    # after the 2 × 6 cause categories: 有效/无效 per action
    assert ticks[12:18] == [True, False, True, False, True, False]


def test_prevent_recurrence_form(complaint, settings, pdftotext, ticks):
    pdf = prevent_recurrence_pdf(complaint, settings)
    assert "防止不合格品再发生报告" in _squash(pdftotext(pdf))
    text = _squash("".join(_pages(pdf)))
    for expected in (
        "防止不合格品再发生报告",
        "表单编号：Q/JL081303-C",
        "抱怨单号KS-2024-0012-1",
        "37.5/12000",
        "What：安装孔径偏大；Where：顾客总装线",
        "镗孔刀具磨损超出寿命。",
        "终检塞规抽检频次不足。",
        "为什么未识别？新产品导入评审遗漏",
        "三、纠正措施",
        "措施01：镗孔工序导入刀具寿命管理",
        "四、预防措施",
        "QD-210、QD-220同步导入刀具寿命管理。",
        "五、水平展开",
        "QD-210、QD-220同一镗孔工序，已同步导入。",
        "六、文件更新",
        "七、效果确认",
        "连续3批跟踪，孔径CPK1.67。",
        "措施验证有效3/3",
        "结案日期2024-04-02",
    ):
        assert expected in text, expected
    # severity, 2 × 人机料法环测, waiver 是/否, FMEA/CP/WI
    assert ticks[:2] == [True, False]
    assert ticks[14:16] == [False, True]
    assert ticks[16:19] == [True, True, False]


@pytest.mark.parametrize("key", FORMS)
def test_hostile_text_appears_literally(key, settings):
    hostile = '<b>&</b> <font size=40>大</font> ]]> "&amp;"'
    complaint = _make_complaint(
        customer_name=hostile,
        description=hostile,
        five_why=f"{hostile}\n第二行",
        occurrence_cause=hostile,
        similar_products=hostile,
        reply_content=hostile,
        reopen_reason=hostile,
    )
    complaint.actions[0].description = hostile
    complaint.step(6).content = hostile
    settings.clerk_name = "<u>周</u>"
    build, _title, _code = FORMS[key]
    text = "".join(_pages(build(complaint, settings)))
    assert "<b>&</b>" in text
    assert "<font size=40>大</font>" in text
    assert '"&amp;"' in text


@pytest.mark.parametrize("key", FORMS)
def test_an_empty_ticket_prints_a_blank_form(key, settings, pdftotext):
    build, title, code = FORMS[key]
    pdf = build(ComplaintData(number="KS-2024-0001"), settings)
    text = _squash(pdftotext(pdf))
    assert title in text
    assert code in text
    assert "KS-2024-0001" in text
    assert "None" not in text
    if key == "eight_d":
        # the three places to sort and five whys are there to be filled in by hand
        for expected in ("顾客处", "在途", "本公司库存", "Why1", "Why5"):
            assert expected in text, expected


def test_forms_from_a_stored_ticket(engine, make_customer, settings, pdftotext):
    from app.services import complaint_service, complaint_workflow, customer_service

    customer = customer_service.create(engine, make_customer(), "tester")
    data = ComplaintData(
        customer_id=customer.id,
        received_at=datetime.now(UTC) - timedelta(days=2),
        description="异响",
        defect_category="异响",
        actions=[ActionData(description="更换衬套", owner="李强", due=date.today())],
    )
    stored = complaint_service.create(engine, data, "tester")
    stored = complaint_workflow.reschedule_action(
        engine,
        stored.actions[0].id,
        new_due=date.today() + timedelta(days=7),
        reason="备件未到",
        user="tester",
    )
    for key, (build, title, _code) in FORMS.items():
        text = _squash(pdftotext(build(stored, settings)))
        assert stored.number in text, key
        assert title in text, key
        assert "上海华东汽车零部件制造有限公司" in text, key
    eight_d = _squash(pdftotext(eight_d_pdf(stored, settings)))
    for expected in ("首次回复", "临时对策回复", "措施到期：更换衬套"):
        assert expected in eight_d, expected
    capa = _squash(pdftotext(capa_pdf(stored, settings)))
    assert "备件未到" in capa
    assert f"{date.today().isoformat()}→{(date.today() + timedelta(days=7)).isoformat()}" in capa
