"""The satisfaction survey forms — questionnaire 顾客满意度调查表 (blank and filled, one per
customer) and the summary analysis 客户满意度调查汇总分析表 — read back as printed."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest

from app.reports.files import ExportCancelled
from app.reports.pdf import survey_questionnaire_pdf as questionnaire_module
from app.reports.pdf.survey_questionnaire_pdf import questionnaire_pdf
from app.reports.pdf.survey_summary_pdf import survey_summary_pdf
from app.services.settings_service import FormCode
from app.services.survey_data import TemplateItemData
from tests.pdf_pages import pdf_pages
from tests.reports.survey_fixtures import (
    HOSTILE,
    campaign,
    invitee,
    invitees,
    response,
    results,
    template,
)


def _pages(pdf: bytes) -> list[str]:
    return pdf_pages(pdf)


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def boxes(monkeypatch):  # noqa: ANN001, ANN201
    """The ticked state of the boxes of every table drawn, one list per table."""
    drawn: list[list[bool]] = []
    original = questionnaire_module.draw_boxes

    def record(canv, found):  # noqa: ANN001, ANN202
        if found:
            drawn.append([checked for _x, _y, checked in found])
        original(canv, found)

    monkeypatch.setattr(questionnaire_module, "draw_boxes", record)
    return drawn


def _ticks(flags: list[bool]) -> str:
    return "".join("1" if f else "0" for f in flags)


def _grid_rows(flags: list[bool], per_row: int) -> list[str]:
    return [_ticks(flags[i : i + per_row]) for i in range(0, len(flags), per_row)]


# ---------------------------------------------------------------- the questionnaire


def test_one_questionnaire_per_customer_each_with_its_own_page_numbers(settings, pdftotext):
    survey = campaign()
    pdf = questionnaire_pdf(template(), survey, survey.invitees, settings)
    pages = _pages(pdf)
    assert len(pages) == 4
    for page, customer in zip(pages, survey.invitees, strict=True):
        text = _squash(page)
        assert "第 1 页 / 共 1 页" in page  # every questionnaire is its own form
        assert f"记录编号：MY-2025-02/{customer.customer_code}" in text
        assert _squash(customer.customer_name) in text
        assert "顾客满意度调查表" in text
        assert "表单编号：Q/JL090101-C版本：A/0" in text
        assert "宁波精工汽车部件股份有限公司" in text
        assert "调查活动MY-2025-022025上半年调查期间2025-01-01至2025-06-30" in text
        assert "请于2025-07-30前反馈" in text
        for expected in (
            "调查方式电话电子邮件走访纸质问卷",
            "很满意满意一般不满意很不满意12345优于同行相当不如同行",
            "1产品质量",
            "7包装",
            "今后是否会继续采购我公司的产品？会不确定不会",
            "012345678910",
            "意见与建议",
            "调查人",
            "受访人/顾客签字",
        ):
            assert expected in text, expected
    first = _squash(pages[0])
    assert "联系人王建国联系电话13800130001" in first
    # no contact on file: the lines stay empty to write on, nothing like "None" printed
    third = _squash(pages[2])
    assert "联系人联系电话受访人" in third
    assert "None" not in _squash(pdftotext(pdf))


def test_blank_questionnaires_tick_nothing(settings, boxes):
    survey = campaign()
    questionnaire_pdf(template(), survey, survey.invitees[:1], settings)
    assert boxes  # method, items, keep buying, recommend
    assert not any(any(flags) for flags in boxes)
    # 7 items × (5 levels + 5 importance + 3 competitor)
    assert [len(flags) for flags in boxes] == [4, 7 * 13, 3, 11]


def test_filled_questionnaire_ticks_the_answers(settings, boxes, pdftotext):
    survey = campaign()
    answers = {2: response(2, [5, 4, 3, None, 4, 5, 2], late=True, partial=True)}
    pdf = questionnaire_pdf(template(), survey, survey.invitees[1:2], settings, responses=answers)
    method, grid, keep, recommend = boxes
    assert _ticks(method) == "0010"  # 走访
    assert _grid_rows(grid, 13) == [
        # 很满意…很不满意 | importance 1–5 | better, same, worse
        "10000" + "00001" + "100",
        "01000" + "00010" + "010",
        "00100" + "00100" + "001",
        "00000" + "00000" + "000",  # not answered
        "01000" + "10000" + "100",
        "10000" + "00001" + "010",
        "00010" + "00010" + "001",
    ]
    assert _ticks(keep) == "100"  # 会
    assert _ticks(recommend) == "00000000100"  # 8
    text = _squash(pdftotext(pdf))
    for expected in (
        "受访人张经理职务质量部经理",
        "调查日期2025-07-12调查人周小红",
        "【迟到】回复日期2025-07-12，晚于回复截止日2025-07-30",
        "【部分】1项未回答",
        "交货期偶有延误，希望改进。",
    ):
        assert expected in text, expected
    # the surveyor and the respondent printed in their signature boxes
    assert re.search(r"调查人\s*周小红", pdftotext(pdf, layout=True))


def test_only_late_or_partial_answers_are_marked(settings, pdftotext):
    survey = campaign()
    answers = {
        1: response(1, [5, 5, 4, 4, 5, 5, 5]),
        2: response(2, [5, 5, 4, 4, 5, 5, 5], late=True),
        3: response(3, [5, None, None, 4, 5, 5, 5], partial=True),
    }
    pdf = questionnaire_pdf(template(), survey, survey.invitees, settings, responses=answers)
    pages = [_squash(p) for p in _pages(pdf)]
    assert "【迟到】" not in pages[0] and "【部分】" not in pages[0]
    assert "【迟到】" in pages[1] and "【部分】" not in pages[1]
    assert "【迟到】" not in pages[2] and "【部分】2项未回答" in pages[2]
    assert "张经理" not in pages[3]  # KH004 did not answer: a blank questionnaire


def test_long_questionnaire_continues_with_its_own_page_count(settings):
    items = [TemplateItemData(f"调查项目{n:02d}", 2.5, f"k{n}", n) for n in range(1, 41)]
    pdf = questionnaire_pdf(template(items=items), campaign(), invitees(3), settings)
    pages = _pages(pdf)
    per_customer = len(pages) // 3
    assert per_customer >= 2 and len(pages) == 3 * per_customer
    labels = [re.search(r"第 (\d+) 页 / 共 (\d+) 页", page).groups() for page in pages]
    expected = [(str(n), str(per_customer)) for n in range(1, per_customer + 1)]
    assert labels == expected * 3
    for number, page in enumerate(pages):
        customer = invitees(3)[number // per_customer]
        assert customer.customer_code in page  # the record number on every page
    everything = _squash("".join(pages))
    assert everything.count("调查项目40") == 3
    # the grid's header repeats on the page it continues on
    continued = [p for p in pages if "调查项目40" in p and "一、顾客信息" not in p]
    assert continued and all("很满意" in _squash(p) for p in continued)


def test_no_invitees_prints_one_blank_questionnaire(settings, pdftotext):
    pdf = questionnaire_pdf(template(), None, [], settings)
    pages = _pages(pdf)
    assert len(pages) == 1
    text = _squash(pdftotext(pdf))
    assert "顾客名称联系人联系电话" in text  # lines to write on
    assert "调查活动" not in text
    assert "记录编号：" in text
    assert "None" not in text


def test_ten_scale_and_questions_left_out(settings, boxes, pdftotext):
    plain = template(scale="ten", ask_importance=False, ask_competitor=False, ask_loyalty=False)
    answers = {1: response(1, [10, 9, 7, 1, 8, 6, 5])}
    pdf = questionnaire_pdf(plain, campaign(), [invitee(1)], settings, responses=answers)
    text = _squash(pdftotext(pdf))
    assert "满意程度(1=很不满意，10=很满意)" in text
    assert "12345678910" in text
    for absent in ("重要程度", "与同行比较", "顾客忠诚度", "继续采购"):
        assert absent not in text, absent
    assert "三、意见与建议" in text
    method, grid = boxes
    assert _grid_rows(grid, 10)[:4] == ["0000000001", "0000000010", "0000001000", "1000000000"]


def test_user_text_is_printed_literally(settings):
    people = [invitee(1)]
    people[0].customer_name = HOSTILE
    people[0].contact_name = HOSTILE
    form = template()
    form.items[0].name = HOSTILE
    answers = {1: response(1, [5] * 7, comments=HOSTILE, respondent="<u>张</u>")}
    text = "".join(_pages(questionnaire_pdf(form, campaign(), people, settings, responses=answers)))
    # customer, contact, item, comments (wrapped in the narrow item column)
    assert _squash(text).count(_squash(HOSTILE)) == 4
    assert "<u>张</u>" in text


def test_progress_and_cancel(settings):
    calls: list[tuple[int, int]] = []
    questionnaire_pdf(
        template(), campaign(), invitees(4), settings, progress=lambda d, t: calls.append((d, t))
    )
    assert calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]

    calls.clear()
    with pytest.raises(ExportCancelled):
        questionnaire_pdf(
            template(),
            campaign(),
            invitees(4),
            settings,
            progress=lambda d, t: calls.append((d, t)),
            cancelled=lambda: len(calls) >= 2,
        )
    assert calls == [(0, 4), (1, 4)]


def test_a_big_batch_is_one_page_per_customer(settings):
    pdf = questionnaire_pdf(template(), campaign(), invitees(120), settings)
    pages = _pages(pdf)
    assert len(pages) == 120
    assert all("第 1 页 / 共 1 页" in page for page in pages)
    assert "KH120" in pages[-1]


def test_a_batch_hands_each_page_to_the_document_encoded_as_it_ends(settings, monkeypatch):
    """Hundreds of questionnaires are not held page by page until the end for their page x/y."""
    seen = []
    begin = questionnaire_module._Start.draw

    def noting_the_pages(start) -> None:  # noqa: ANN001
        pages = start.canv._doc.Pages.pages
        seen.append([page.stream is None and page.Contents is not None for page in pages])
        begin(start)

    monkeypatch.setattr(questionnaire_module._Start, "draw", noting_the_pages)
    items = [TemplateItemData(f"调查项目{n:02d}", 2.5, f"k{n}", n) for n in range(1, 41)]
    pages = _pages(questionnaire_pdf(template(items=items), campaign(), invitees(3), settings))
    each = len(pages) // 3
    assert each >= 2 and seen == [[True] * (each * i) for i in range(3)]
    assert [re.search(r"第 (\d+) 页 / 共 (\d+) 页", page).groups() for page in pages] == [
        (str(n), str(each)) for n in range(1, each + 1)
    ] * 3


@pytest.mark.parametrize("lang", ["en", "bilingual"])
def test_english_and_bilingual(lang, settings, pdftotext):
    survey = campaign()
    answers = {2: response(2, [5, 4, 3, None, 4, 5, 2], late=True, partial=True)}
    pdf = questionnaire_pdf(template(), survey, survey.invitees, settings, lang, responses=answers)
    assert len(_pages(pdf)) == 4  # still one page per customer
    text = _squash(pdftotext(pdf))
    assert "Customersatisfactionsurvey" in text
    assert "[LATE]answeredon2025-07-12" in text
    if lang == "en":
        assert "Page1of1" in text and "1.Customer" in text
        assert all(word in text for word in ("Satisfied", "Neutral", "Dissatisfied", "Worse"))
    else:
        assert "顾客名称/Customer" in text and "第1页/共1页" in text
        assert "二、满意度评价/Yourrating" in text


def test_form_code_from_settings_and_unknown_language(settings, pdftotext):
    settings.forms["survey"] = FormCode("QR-ZZ-01", "B/2")
    text = _squash(pdftotext(questionnaire_pdf(template(), campaign(), invitees(1), settings)))
    assert "表单编号：QR-ZZ-01版本：B/2" in text
    with pytest.raises(ValueError, match="bilingual"):
        questionnaire_pdf(template(), campaign(), invitees(1), settings, "de")


def test_cjk_font_is_embedded(settings, tmp_path, require_tool):
    source = tmp_path / "questionnaire.pdf"
    source.write_bytes(
        questionnaire_pdf(template(), campaign(), invitees(2), settings, "bilingual")
    )
    listing = subprocess.run(
        [require_tool("pdffonts"), str(source)], check=True, capture_output=True, text=True
    ).stdout
    fonts = listing.splitlines()[2:]
    assert fonts, listing
    for line in fonts:
        assert "WenQuanYiMicroHei" in line, listing
        assert re.search(r"\byes\s+yes\s+yes\b", line), listing


# ---------------------------------------------------------------- the summary analysis

TODAY = date(2025, 10, 8)


def test_summary_states_the_whole_campaign(settings, pdftotext):
    pdf = survey_summary_pdf(results(), settings, today=TODAY)
    pages = _pages(pdf)
    text = _squash("".join(pages))
    for expected in (
        "宁波精工汽车部件股份有限公司",
        "客户满意度调查汇总分析表",
        "表单编号：QR-MY版本：A/0",
        "记录编号：MY-2025-02",
        # overview
        "调查活动MY-2025-022025上半年状态进行中",
        "问卷顾客满意度调查表v2调查期间2025-01-01至2025-06-30",
        "回复截止2025-07-30分层依据2024年用量",
        "邀请4家，回复3家，回复率75.0%",
        "迟到1份，部分回答1份",
        "满意度指数88.5%目标95.0%（未达成）",
        "项目阈值80.0%低于阈值的项目交货期",
        # coverage: tier, required, customers, needed, invited, answered, coverage, met
        "年用量≥100万:100%100%222150.0%否",
        "年用量50–100万:≥90%90%1111100.0%是",
        "<50万,合作≥2年或有潜力:≥80%80%541120.0%否",
        "其他(不作要求)不作要求3—000.0%—",
        # items: weight, answers, average, rating, importance, better/same/worse, action
        "1产品质量25%393.3%合格4.67210—",
        "2交货期20%373.3%低于阈值4012有",
        "4=1+110%290.0%合格2.5110有",
        "7包装10%0—无回答—000—",
        # trend, oldest first
        "MY-2024-012024上半年2024-01-011290.5%95.0%否",
        "MY-2024-022024下半年2024-07-010—95.0%—",
        "MY-2025-022025上半年2025-01-01388.5%97.0%否",
        # loyalty
        "会继续采购2（66.7%）不确定1（33.3%）",
        "推荐意愿平均(0–10)8",
        "推荐者(9–10)2贬损者(0–6)1",
        "净推荐值NPS+33.3",
        # customers, lowest index first
        "1KH003=1+1<50万76.0%2025-08-02迟到不确定5",
        "2KH002上海华东汽车零部件制造有限公司50–100万91.6%2025-07-12部分会9",
        "3KH001长春华通汽车有限公司≥100万98.0%2025-07-05会10",
        # improvement actions, with the item each is for
        "1交货期交货期：增加安全库存，每周评审交付计划生产部李强2025-09-30已逾期",
        "已验证有效2025-09-05",
        # signature boxes
        "编制",
        "审核",
        "批准",
        "周小红",
    ):
        assert expected in text, expected
    # both charts are drawn, with their titles
    assert "各项目平均得分(%)，虚线为阈值80%" in text
    assert "满意度指数趋势(%)" in text
    assert "页/共" in text
    for number, page in enumerate(pages, start=1):
        assert f"第 {number} 页 / 共 {len(pages)} 页" in page
    assert "None" not in _squash(pdftotext(pdf))


def test_summary_marks_what_needs_attention(settings):
    data = results()
    data.items[1].has_action = False  # 交货期 is below the threshold and has no action
    data.campaign.actions = []
    data.campaign.status = "closed"
    data.campaign.closed_on = date(2025, 9, 1)
    data.campaign.closed_by = "周小红"
    text = _squash("".join(_pages(survey_summary_pdf(data, settings, today=TODAY))))
    assert "2交货期20%373.3%低于阈值4012待制定" in text
    assert "低于阈值、尚无改进措施的项目：交货期" in text
    assert "状态已关闭（2025-09-01周小红）" in text


def test_summary_of_a_met_target_and_of_no_answers(settings):
    met = results(index_pct=96.0)
    assert "目标95.0%（已达成）" in _squash("".join(_pages(survey_summary_pdf(met, settings))))

    empty = results(
        index_pct=None, answered=0, late=0, partial=0, customers=[], trend=[],
        keep_buying={}, recommend_avg=None, promoters=0, detractors=0,
    )  # fmt: skip
    for item in empty.items:
        item.answered, item.average_pct, item.below_threshold = 0, None, False
    text = _squash("".join(_pages(survey_summary_pdf(empty, settings, today=TODAY))))
    assert "满意度指数—目标95.0%（无回复）" in text
    assert "尚无回复" in text
    assert "满意度指数趋势" not in text  # no chart without campaigns
    assert "净推荐值NPS—" in text


def test_summary_without_the_optional_questions(settings):
    data = results()
    data.template = template(ask_importance=False, ask_competitor=False, ask_loyalty=False)
    text = _squash("".join(_pages(survey_summary_pdf(data, settings, today=TODAY))))
    for absent in ("重要程度", "优于同行", "顾客忠诚度", "继续采购", "净推荐值"):
        assert absent not in text, absent
    assert "五、各顾客满意度" in text and "六、改进措施" in text
    assert "2交货期20%373.3%低于阈值有" in text


def test_summary_prints_user_text_literally(settings):
    data = results()
    data.customers[1].customer_name = HOSTILE
    text = "".join(_pages(survey_summary_pdf(data, settings, today=TODAY)))
    assert _squash(text).count(_squash(HOSTILE)) == 2  # the customer and an action
    assert "=1+1" in text


@pytest.mark.parametrize("lang", ["en", "bilingual"])
def test_summary_in_english_and_bilingual(lang, settings, pdftotext):
    text = _squash(pdftotext(survey_summary_pdf(results(), settings, lang, today=TODAY)))
    assert "Customersatisfactionsurveysummaryanalysis" in text
    assert "Overdue" in text and "Verifiedeffective" in text
    if lang == "bilingual":
        assert "客户满意度调查汇总分析表" in text and "一、调查概况/1.Overview" in text


def test_summary_form_code_from_settings_and_fonts(settings, tmp_path, require_tool):
    settings.forms["survey_summary"] = FormCode("QR-MY-02", "B/1")
    pdf = survey_summary_pdf(results(), settings, "bilingual", today=TODAY)
    assert "表单编号：QR-MY-02版本：B/1" in _squash(_pages(pdf)[0])
    source = tmp_path / "summary.pdf"
    source.write_bytes(pdf)
    listing = subprocess.run(
        [require_tool("pdffonts"), str(source)], check=True, capture_output=True, text=True
    ).stdout
    fonts = listing.splitlines()[2:]
    assert fonts, listing
    for line in fonts:  # the charts' text too: no Helvetica slips in
        assert "WenQuanYiMicroHei" in line, listing
        assert re.search(r"\byes\s+yes\s+yes\b", line), listing
