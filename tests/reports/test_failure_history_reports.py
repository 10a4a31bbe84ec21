"""The product failure history 产品失败履历表 as PDF and as workbook, read back as printed."""

from __future__ import annotations

import base64
import io
import subprocess
from collections import Counter
from datetime import UTC, date, datetime

import openpyxl
import pypdf
import pytest
from openpyxl.utils import get_column_letter
from PIL import Image

from app.reports.excel.failure_history_xlsx import failure_history_xlsx
from app.reports.pdf.failure_history_pdf import failure_history_pdf
from app.services.failure_history import failure_history
from app.services.settings_service import FormCode
from app.services.summary_data import FailureEntry, FailureHistory
from tests.reports.field_fixtures import FORMULA, HOSTILE, png
from tests.services.test_failure_history import expected_entries, known_data

MADE_AT = datetime(2026, 10, 21, 2, 30, tzinfo=UTC)
SOURCE = "D:/质量部/qualitydesk.db"
COMPANY = "宁波精工汽车部件股份有限公司"


def _squash(text: str) -> str:
    return "".join(text.split())


def _entry(**kwargs) -> FailureEntry:
    values = dict(
        on=date(2026, 3, 2),
        source="complaint",
        number="KS-2026-0001",
        record_id=1,
        customer_code="KH001",
        customer_name="长春华通汽车有限公司",
        item="P-1001",
        batch="B2603",
        quantity=12.0,
        defect="异响",
        description="制动钳异响",
        cause="刀具磨损",
        action="更换刀具",
        responsibility="本公司",
        status="已结案",
    )
    values.update(kwargs)
    return FailureEntry(**values)


@pytest.fixture
def history(engine) -> FailureHistory:
    known_data(engine)
    return failure_history(engine, "P-1001", lang="zh_CN")


def _render(pdf: bytes, tmp_path, require_tool) -> list[Image.Image]:  # noqa: ANN001
    tool = require_tool("pdftoppm")
    source = tmp_path / "history.pdf"
    source.write_bytes(pdf)
    subprocess.run([tool, "-png", "-r", "60", str(source), str(tmp_path / "page")], check=True)
    return [Image.open(path) for path in sorted(tmp_path.glob("page-*.png"))]


# ---------------------------------------------------------------- PDF


def test_pdf_lists_every_entry_with_the_form_frame(history, settings, pdftotext):
    pdf = failure_history_pdf(history, settings)
    text = pdftotext(pdf)
    flat = _squash(text)
    for expected in (
        COMPANY,
        "产品失败履历表",
        "表单编号：Q/JL081302-C",
        "版本：A/0",
        "记录编号：P-1001",
        "编制",
        "审核",
        "批准",
        "周小红",
        "第1页/共",
        # the part, its names and the count of every source
        "零件号/产品型号",
        "名称",
        "ZQ-200、制动钳总成、QD-1、制动钳",
        "客户抱怨：4；退货：2；现场服务：2；合计：8",
    ):
        assert _squash(expected) in flat, expected
    assert len(history.entries) == 8
    for entry in history.entries:
        for value in (
            entry.on.isoformat(),
            entry.number,
            entry.customer_code,
            entry.customer_name,
            entry.batch,
            entry.defect,
            entry.description,
            entry.cause,
            entry.action,
            entry.responsibility,
            entry.status,
        ):
            assert _squash(value) in flat, (entry.number, value)
    # the entries in date order
    positions = [flat.index(e.number) for e in history.entries]
    assert positions == sorted(positions)


def test_the_pdf_holds_what_the_test_worked_out(engine, settings, pdftotext):
    k = known_data(engine)
    history = FailureHistory(part="P-1001", names=("制动钳总成",), entries=expected_entries(k))
    flat = _squash(pdftotext(failure_history_pdf(history, settings)))
    assert _squash("第 1 次重开(原单 KS-2026-0001):顾客仍发现异响") in flat
    assert _squash("重工 3(RW-2603-01)、报废 2(NCR-07);三包:包换") in flat
    assert _squash("P-1001 制动钳总成 ×1(保修)") in flat


def test_pdf_is_a4_landscape_with_page_x_of_y(history, settings, tmp_path, require_tool):
    many = FailureHistory(
        part=history.part, names=history.names, entries=history.entries * 6
    )  # 48 rows: more than one page
    pdf = failure_history_pdf(many, settings)
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (842, 595)
        text = _squash(page.extract_text())
        assert f"第{number}页/共{len(pages)}页" in text
        assert "记录编号：P-1001" in text and "批准" in text
        assert "问题描述" in text  # the header row repeats on every page
    images = _render(pdf, tmp_path, require_tool)
    assert len(images) == len(pages)
    assert all(image.width > image.height for image in images)


def test_long_text_wraps_and_continues_on_the_next_page(settings, pdftotext):
    long = "".join(f"第{i}段异响描述" for i in range(400)) + "结尾标记"
    history = FailureHistory(
        part="P-1001",
        names=(),
        entries=[_entry(description=long, cause="原因" * 300, action="措施" * 300)],
    )
    pdf = failure_history_pdf(history, settings)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) > 1
    flat = _squash(pdftotext(pdf))
    # every character printed, none clipped (page breaks fall between them, with the frame)
    printed = Counter(flat)
    assert all(printed[ch] >= n for ch, n in Counter(long).items())
    assert "结尾标记" in flat
    assert flat.count("原因") >= 300 and flat.count("措施") >= 300


def test_user_text_is_printed_literally(settings, pdftotext):
    history = FailureHistory(
        part="<b>P&1</b>",
        names=(HOSTILE,),
        entries=[
            _entry(
                customer_name=HOSTILE,
                description=HOSTILE + "\x01",
                cause=FORMULA,
                action="<para>x</para>",
                batch="<br/>",
            )
        ],
    )
    flat = _squash(pdftotext(failure_history_pdf(history, settings)))
    assert _squash(HOSTILE) in flat
    assert "<b>P&1</b>" in flat and "<para>x</para>" in flat and "<br/>" in flat
    assert FORMULA in flat


def test_empty_history_says_so(settings, pdftotext):
    flat = _squash(pdftotext(failure_history_pdf(FailureHistory("X-1", ()), settings)))
    assert "没有该零件的失败记录" in flat
    assert "客户抱怨：0；退货：0；现场服务：0；合计：0" in flat


def test_pdf_in_english_and_bilingual(history, settings, pdftotext):
    flat = _squash(pdftotext(failure_history_pdf(history, settings, "en")))
    for expected in (
        "Productfailurehistory",
        "FormNo.:Q/JL081302-C",
        "RecordNo.:P-1001",
        "Preparedby",
        "Reviewedby",
        "Approvedby",
        "Page1of",
        "Complaint:4;Return:2;Fieldservice:2;Total:8",
        "Description",
        "Responsibility",
    ):
        assert expected in flat, expected
    flat = _squash(pdftotext(failure_history_pdf(history, settings, "bilingual")))
    assert "产品失败履历表/Productfailurehistory" in flat
    assert "客户抱怨/Complaint：4" in flat


def test_pdf_uses_the_configured_form_code(history, settings, pdftotext):
    settings.forms["failure_history"] = FormCode(code="QR-FH-01", revision="B/2")
    flat = _squash(pdftotext(failure_history_pdf(history, settings)))
    assert "表单编号：QR-FH-01" in flat and "版本：B/2" in flat


def test_pdf_prints_the_company_logo(history, settings, pdftotext):
    settings.logo_png_base64 = base64.b64encode(png(300, 120)).decode()
    pdf = failure_history_pdf(history, settings)
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 1
    assert COMPANY in pdftotext(pdf)
    settings.logo_png_base64 = base64.b64encode(b"not a picture").decode()
    broken = failure_history_pdf(history, settings)  # printed without the logo
    assert len(pypdf.PdfReader(io.BytesIO(broken)).pages[0].images) == 0


# ---------------------------------------------------------------- workbook


def _read(content: bytes):  # noqa: ANN202
    return openpyxl.load_workbook(io.BytesIO(content))


def test_workbook_lists_every_entry_with_dates_as_dates(history):
    wb = _read(failure_history_xlsx(history, made_at=MADE_AT, source_file=SOURCE, company=COMPANY))
    assert wb.sheetnames == ["产品失败履历表"]
    ws = wb.active
    title = ws["A1"].value
    made = MADE_AT.astimezone().strftime("%Y-%m-%d %H:%M")
    assert title.startswith(f"{COMPANY} 产品失败履历表 P-1001") and made in title
    headers = [c.value for c in ws[2]]
    assert headers == [
        "日期",
        "来源",
        "编号",
        "顾客编号",
        "顾客名称",
        "零件号/产品型号",
        "批次/序列号",
        "数量",
        "不良类别",
        "问题描述",
        "原因",
        "处理措施",
        "责任",
        "状态",
    ]
    sources = {"complaint": "客户抱怨", "return": "退货", "field": "现场服务"}
    for row, entry in enumerate(history.entries, start=3):
        values = [c.value for c in ws[row]]
        assert values == [
            datetime.combine(entry.on, datetime.min.time()),
            sources[entry.source],
            entry.number,
            entry.customer_code,
            entry.customer_name,
            entry.item,
            entry.batch or None,
            entry.quantity,
            entry.defect or None,
            entry.description or None,
            entry.cause or None,
            entry.action or None,
            entry.responsibility or None,
            entry.status,
        ], entry.number
        assert ws.cell(row, 1).number_format == "yyyy-mm-dd"
        assert ws.cell(row, 1).is_date
    last = 2 + len(history.entries)
    assert ws.cell(last + 1, 1).value is None  # a blank row, then what the list is about
    facts = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(last + 2, ws.max_row + 1)}
    assert facts["零件号/产品型号"] == "P-1001"
    assert facts["名称"] == "ZQ-200、制动钳总成、QD-1、制动钳"
    assert (facts["客户抱怨"], facts["退货"], facts["现场服务"], facts["合计"]) == (4, 2, 2, 8)
    assert facts["数据文件"] == SOURCE
    assert "统退货" in ws.cell(ws.max_row, 1).value


def test_workbook_is_ready_to_filter_and_print(history):
    ws = _read(failure_history_xlsx(history, made_at=MADE_AT, company=COMPANY)).active
    width = 14
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == f"A2:{get_column_letter(width)}{2 + len(history.entries)}"
    assert ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert COMPANY in ws.oddHeader.left.text
    # widths fit Chinese text: the customer names (2 units a character) and the numbers
    assert ws.column_dimensions["E"].width >= 2 * len("一汽解放青岛汽车有限公司") or (
        ws.cell(3, 5).alignment.wrap_text
    )
    assert ws.column_dimensions["C"].width >= len("KS-2026-0001-1")
    assert ws.column_dimensions["J"].width <= 40 and ws.cell(3, 10).alignment.wrap_text


def test_workbook_user_text_never_becomes_a_formula(tmp_path):
    history = FailureHistory(
        part=FORMULA,
        names=('=HYPERLINK("http://x")',),
        entries=[
            _entry(
                number="=A1",
                customer_name=FORMULA,
                description="=cmd|' /C calc'!A0",
                cause="#N/A",
                action="@SUM(1)",
                batch="+1",
            )
        ],
    )
    path = tmp_path / "fh.xlsx"
    content = failure_history_xlsx(history, path, source_file="=evil.db", lang="en")
    assert path.read_bytes() == content
    ws = _read(content).active
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s", (cell.coordinate, cell.value)
    assert ws["C3"].value == "=A1" and ws["J3"].value == "=cmd|' /C calc'!A0"
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "=evil.db" in values and FORMULA in values
    assert ws.title == "Product failure history"
