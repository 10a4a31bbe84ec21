"""The customer file card 顾客档案, read back as a user would see it."""

from __future__ import annotations

import re
import subprocess

from app.reports.pdf.customer_card_pdf import customer_card_pdf
from app.services.customer_service import ContactData, ProductData
from tests.pdf_pages import pdf_pages


def _pages(pdf: bytes) -> list[str]:
    return pdf_pages(pdf)


def _squash(text: str) -> str:
    return "".join(text.split())


def test_card_shows_every_field(customer, settings, pdftotext):
    pdf = customer_card_pdf(customer, settings)
    pages = _pages(pdf)
    assert len(pages) == 1
    text = pages[0]
    for expected in (
        "宁波精工汽车部件股份有限公司",
        "顾客档案",
        "Q/JL081301-C",
        "版本：A/0",
        "记录编号：C-0001",
        "第 1 页 / 共 1 页",
        # general data with Chinese labels
        "顾客编号",
        "C-0001",
        "上海华东汽车零部件制造有限公司",
        "华东汽配",
        "主机厂",
        "合作中",
        "上海市嘉定区安亭镇墨玉南路888号",
        "021-69581234",
        "021-69581235",
        "purchase@huadong-auto.com.cn",
        "赵敏",
        "2015-03-01",
        "每月第一周对账；质量问题请先联系质量部。",
        "2020-05-06",
        "2024-11-02",
        # contacts, products, volumes
        "王建国00",
        "李娜01",
        "张伟02",
        "13800130001",
        "user2@huadong-auto.com.cn",
        "采购部",
        "QD-310A",
        "真空助力器",
        "2023年起停供",
        "1,234.50",
        "1,520.75",
        # signature boxes: the clerk is prefilled
        "填表人/日期",
        "审核/日期",
        "周小红",
    ):
        assert expected in text, expected
    assert re.search(r"顾客等级\s*A", text)
    assert re.search(r"潜在顾客\s*是", text)
    # volumes in year order, each with its amount
    assert re.search(r"2022\s*1,234\.50\s*2023\s*986\.00\s*2024\s*1,520\.75", text)

    poppler = _squash(pdftotext(pdf))
    for expected in ("顾客档案", "上海华东汽车零部件制造有限公司", "Q/JL081301-C", "C-0001"):
        assert expected in poppler
    assert "第1页/共1页" in poppler


def test_cjk_font_is_embedded(customer, settings, tmp_path, require_tool):
    tool = require_tool("pdffonts")
    source = tmp_path / "card.pdf"
    source.write_bytes(customer_card_pdf(customer, settings))
    listing = subprocess.run(
        [tool, str(source)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    fonts = listing.splitlines()[2:]
    assert fonts, listing
    for line in fonts:
        # name type encoding emb sub uni ...: every font is the embedded WenQuanYi subset
        assert "WenQuanYiMicroHei" in line, listing
        assert re.search(r"\byes\s+yes\s+yes\b", line), listing


def test_forty_contacts_run_over_pages(make_customer, settings, pdftotext):
    customer = make_customer(n_contacts=40)
    pdf = customer_card_pdf(customer, settings)
    pages = _pages(pdf)
    total = len(pages)
    assert total >= 2
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页 / 共 {total} 页" in text
        assert "记录编号：C-0001" in text
        assert "周小红" in text  # signature boxes on every page
    everything = "".join(pages)
    for contact in customer.contacts:
        assert contact.name in everything
        assert everything.count(contact.phone) == 1
    # the contacts table's header row repeats on each page the list runs over
    for text in pages:
        if "王建国" in text:
            assert re.search(r"序号\s*姓名\s*部门\s*职务\s*电话\s*电子邮箱", text), text
    assert f"第{total}页/共{total}页" in _squash(pdftotext(pdf))


def test_hostile_text_appears_literally(make_customer, settings):
    customer = make_customer(
        name="<b>&</b> =1+1",
        short_name="<font size=40>大</font>",
        notes='<para>注意 & "引号" </para>\n第二行 =SUM(A1:A3)',
        contacts=[ContactData(name="<i>王</i>", department="&amp;", email="a&b@x.cn")],
        products=[ProductData(model="<br/>QD", spec="]]>")],
    )
    settings.clerk_name = "<u>周</u>"
    pdf = customer_card_pdf(customer, settings)
    text = "".join(_pages(pdf))
    for literal in (
        "<b>&</b> =1+1",
        "<font size=40>大</font>",
        '<para>注意 & "引号" </para>',
        "第二行 =SUM(A1:A3)",
        "<i>王</i>",
        "&amp;",
        "a&b@x.cn",
        "<br/>QD",
        "]]>",
        "<u>周</u>",
    ):
        assert literal in text, literal


def test_empty_lists_say_none(make_customer, settings):
    customer = make_customer(contacts=[], products=[], volumes=[], notes="")
    text = _pages(customer_card_pdf(customer, settings))[0]
    # one 无 row each for contacts, products and volumes
    assert len(re.findall(r"^\s*无\s*$", text, flags=re.MULTILINE)) == 3


def test_english_card(customer, settings):
    text = _pages(customer_card_pdf(customer, settings, lang="en"))[0]
    for expected in (
        "Customer file",
        "Customer code",
        "OEM",
        "Active",
        "Contacts",
        "Purchases (10k CNY)",
        "Prepared by / Date",
        "Reviewed by / Date",
        "Page 1 of 1",
        "上海华东汽车零部件制造有限公司",
    ):
        assert expected in text, expected
    assert "顾客编号" not in text


def test_very_long_notes_continue_on_the_next_page(make_customer, settings):
    notes = "".join(f"第{i:03d}条：来料检验要求按协议执行。" for i in range(200))
    pdf = customer_card_pdf(make_customer(notes=notes), settings)
    pages = _pages(pdf)
    assert len(pages) >= 2
    everything = _squash("".join(pages))
    for i in (0, 100, 199):
        assert f"第{i:03d}条" in everything
