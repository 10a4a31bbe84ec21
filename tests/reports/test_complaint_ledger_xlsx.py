"""The complaint ledger 客户抱怨处理总表, read back with openpyxl and with LibreOffice."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from datetime import UTC, date, datetime, time, timedelta

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from app.reports.excel.complaint_ledger_xlsx import complaint_ledger_xlsx, period_text
from app.services.complaint_data import ComplaintData, TicketRef
from app.services.deadlines import Deadline

NOW = datetime(2024, 5, 10, 2, 0, tzinfo=UTC)
LONG = "制动钳安装孔尺寸超差,导致顾客装配线停线两小时,需要立即挑选库存并更换。" * 3


def local(value: datetime) -> datetime:
    """What Excel shows: the PC's wall-clock time, without a zone."""
    return value.astimezone().replace(tzinfo=None)


def _tickets() -> list[ComplaintData]:
    received = datetime(2024, 5, 6, 1, 30, tzinfo=UTC)
    overdue = ComplaintData(
        number="KS-2024-0001",
        customer_code="KH001",
        customer_name="长春华通汽车有限公司",
        contact_name="王伟",
        contact_phone="13812345678",
        channel="email",
        kind="complaint",
        received_at=received,
        product_model="QD-200",
        part_no="P-100",
        batch_no="B2405",
        qty_delivered=1200,
        qty_defective=12.5,
        defect_category="尺寸不良",
        description=LONG,
        severity="major",
        urgency="urgent",
        responsibility="ours",
        responsible_department="生产部",
        owner="张伟",
        current_step=3,
        deadlines=[
            Deadline("first_reply", received + timedelta(hours=8), received + timedelta(hours=2)),
            Deadline("containment", received + timedelta(hours=24), None),
            Deadline("answer", received + timedelta(days=2), None),
        ],
    )
    in_time = ComplaintData(
        number="KS-2024-0002",
        customer_code="KH002",
        customer_name="十堰宏达汽配商行",
        received_at=datetime(2024, 5, 9, 8, 0, tzinfo=UTC),
        defect_category="外观不良",
        description="=1+1",  # a clerk's text that looks like a formula
        contact_name="#N/A",
        current_step=1,
        deadlines=[Deadline("first_reply", datetime(2024, 5, 10, 8, 0, tzinfo=UTC), None)],
    )
    closed = ComplaintData(
        number="KS-2024-0003-1",
        customer_code="KH001",
        customer_name="长春华通汽车有限公司",
        received_at=datetime(2024, 3, 1, 6, 0, tzinfo=UTC),
        defect_category="异响",
        description="异响",
        status="closed",
        closed_at=datetime(2024, 4, 20, 6, 0, tzinfo=UTC),
        reply_at=datetime(2024, 3, 10, 6, 0, tzinfo=UTC),
        reply_content="已更换单向器,附 8D 报告",
        visit_at=datetime(2024, 3, 11, 6, 0, tzinfo=UTC),
        visit_satisfied=True,
        claim_status="agreed",
        claim_amount=5000.0,
        agreed_amount=3000.0,
        origin=TicketRef(9, "KS-2024-0003", "reopened", datetime(2024, 2, 1, tzinfo=UTC)),
        current_step=9,
        # a deadline missed long ago does not make a closed ticket overdue
        deadlines=[Deadline("containment", datetime(2024, 3, 2, 6, 0, tzinfo=UTC), None)],
    )
    return [overdue, in_time, closed]


def _load(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def _headers(ws) -> list[str]:
    return [cell.value for cell in ws[2]]


def _row(ws, number: str) -> dict[str, openpyxl.cell.Cell]:
    headers = _headers(ws)
    for r in range(3, ws.max_row + 1):
        if ws.cell(r, 1).value == number:
            return {h: ws.cell(r, i + 1) for i, h in enumerate(headers)}
    raise AssertionError(number)


HEADERS = [
    "编号", "接收时间", "顾客编号", "顾客名称", "联系人", "联系电话", "受理方式", "抱怨类型",
    "产品型号", "零件号", "批次号", "交货数量", "不良数量", "不良类别", "问题描述", "严重度",
    "紧急度", "责任归属", "责任部门", "负责人", "8D进度", "状态", "下一期限事项", "下一期限",
    "逾期", "答复顾客日期", "答复内容", "回访日期", "回访满意", "索赔状态", "索赔金额",
    "确认金额", "已付金额", "结案日期", "重开自",
]  # fmt: skip


def test_ledger_content_and_layout():
    content = complaint_ledger_xlsx(
        _tickets(),
        title_period="2024-01-01 至 2024-12-31",
        now=NOW,
        company="宁波精工汽车部件股份有限公司",
    )
    wb = _load(content)
    assert wb.sheetnames == ["客户抱怨处理总表"]
    ws = wb.active
    title = ws["A1"].value
    assert title.startswith("宁波精工汽车部件股份有限公司 客户抱怨处理总表")
    assert "期间:2024-01-01 至 2024-12-31" in title
    assert f"统计截至 {local(NOW):%Y-%m-%d %H:%M}" in title
    assert ws["A1"].font.b
    assert _headers(ws) == HEADERS
    assert ws.max_row == 2 + 3

    # title and header frozen, header filtered and bold
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == f"A2:{get_column_letter(len(HEADERS))}5"
    assert all(cell.font.b for cell in ws[2])

    first = _row(ws, "KS-2024-0001")
    assert first["顾客名称"].value == "长春华通汽车有限公司"
    assert first["受理方式"].value == "电子邮件"
    assert first["抱怨类型"].value == "投诉"
    assert first["严重度"].value == "重大" and first["紧急度"].value == "急件"
    assert first["责任归属"].value == "本公司"
    assert first["8D进度"].value == "D3 临时围堵措施"
    assert first["状态"].value == "处理中"
    assert (first["交货数量"].value, first["不良数量"].value) == (1200, 12.5)
    # the earliest deadline not yet met
    assert first["下一期限事项"].value == "临时对策回复"
    # dates and times are real Excel dates, in the PC's local time
    received = first["接收时间"]
    assert received.value == local(datetime(2024, 5, 6, 1, 30, tzinfo=UTC))
    assert received.number_format == "yyyy-mm-dd hh:mm"
    assert first["下一期限"].value == local(datetime(2024, 5, 7, 1, 30, tzinfo=UTC))

    # the overdue open ticket: marked and filled red across the row
    assert first["逾期"].value == "是"
    assert all(cell.fill.fgColor.rgb == "00FFC7CE" for cell in first.values())
    second = _row(ws, "KS-2024-0002")
    assert second["逾期"].value == "否"
    assert second["问题描述"].fill.fill_type is None
    closed = _row(ws, "KS-2024-0003-1")
    assert closed["逾期"].value == "否" and closed["状态"].value == "已结案"
    assert closed["编号"].fill.fill_type is None
    assert closed["下一期限"].value is None

    # user text never becomes a formula or an error value
    assert (second["问题描述"].value, second["问题描述"].data_type) == ("=1+1", "s")
    assert (second["联系人"].value, second["联系人"].data_type) == ("#N/A", "s")

    # the answer, the return visit and the claim
    answered = closed["答复顾客日期"]
    answer_day = local(datetime(2024, 3, 10, 6, 0, tzinfo=UTC)).date()
    assert answered.value == datetime.combine(answer_day, time(0, 0))
    assert answered.number_format == "yyyy-mm-dd"
    assert closed["答复内容"].value == "已更换单向器,附 8D 报告"
    assert closed["回访满意"].value == "满意"
    assert closed["索赔状态"].value == "已确认"
    assert closed["索赔金额"].value == 5000 and closed["索赔金额"].number_format == "#,##0.00"
    assert closed["确认金额"].value == 3000
    assert closed["已付金额"].value is None
    assert closed["结案日期"].number_format == "yyyy-mm-dd"
    assert closed["重开自"].value == "KS-2024-0003"
    assert second["索赔状态"].value is None  # no claim: left blank

    # widths fit Chinese; long text wraps and its row is tall enough to show it
    width = {h: ws.column_dimensions[get_column_letter(i + 1)].width for i, h in enumerate(HEADERS)}
    assert width["顾客名称"] > width["顾客编号"]
    assert width["顾客名称"] >= len("长春华通汽车有限公司") * 2
    assert max(width.values()) <= 60
    assert first["问题描述"].alignment.wrap_text
    assert ws.row_dimensions[first["问题描述"].row].height >= 4 * 15
    assert not ws.row_dimensions[second["问题描述"].row].height

    # print setup: landscape A3, one page wide, title and header rows on every page
    assert ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 8  # A3
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.oddHeader.left.text == "宁波精工汽车部件股份有限公司"
    assert ws.oddFooter.center.text == "第 &P 页 / 共 &N 页"


def test_english_ledger():
    ws = _load(complaint_ledger_xlsx(_tickets(), lang="en", now=NOW)).active
    assert ws.title == "Complaint ledger"
    assert ws["A1"].value.startswith("Customer complaint ledger")
    headers = _headers(ws)
    assert headers[:4] == ["Number", "Received", "Customer code", "Customer"]
    values = {h: cell.value for h, cell in _row(ws, "KS-2024-0001").items()}
    assert values["Severity"] == "Major" and values["Overdue"] == "Yes"
    assert values["Next deadline for"] == "Containment reply"
    assert ws.oddFooter.center.text == "Page &P of &N"


def test_empty_ledger_has_title_and_headers_and_reports_progress():
    calls: list[tuple[int, int]] = []
    ws = _load(
        complaint_ledger_xlsx([], now=NOW, progress=lambda d, t: calls.append((d, t)))
    ).active
    assert ws.max_row == 2
    assert _headers(ws) == HEADERS
    assert ws.auto_filter.ref == f"A2:{get_column_letter(len(HEADERS))}2"
    assert calls == [(0, 0)]


def test_progress_over_many_tickets():
    calls: list[tuple[int, int]] = []
    tickets = _tickets() * 150
    complaint_ledger_xlsx(tickets, now=NOW, progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 450) and calls[-1] == (450, 450)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls) and len(calls) >= 3


def test_period_text():
    assert period_text(date(2024, 1, 1), date(2024, 6, 30), "zh_CN") == "2024-01-01 至 2024-06-30"
    assert period_text(date(2024, 1, 1), None, "en") == "from 2024-01-01"
    assert period_text(None, date(2024, 6, 30), "zh_CN") == "至 2024-06-30"
    assert period_text(None, None, "zh_CN") == ""


def _soffice() -> str:
    import shutil

    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice is not installed")
    return path


def convert(source, target_format: str, tmp_path) -> subprocess.CompletedProcess:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [
            _soffice(),
            "--headless",
            f"-env:UserInstallation=file://{home / 'lo-profile'}",
            "--convert-to",
            target_format,
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "HOME": str(home)},
        timeout=300,
    )


def test_libreoffice_reads_the_ledger(tmp_path):
    source = tmp_path / "ledger.xlsx"
    source.write_bytes(complaint_ledger_xlsx(_tickets(), now=NOW, company="宁波精工"))
    # 44 = comma, 34 = quote, 76 = UTF-8
    convert(source, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path)
    with open(tmp_path / "out" / "ledger.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0].startswith("宁波精工 客户抱怨处理总表")
    header = rows[1]
    assert header[:4] == ["编号", "接收时间", "顾客编号", "顾客名称"]
    assert len(rows) == 2 + 3
    by_number = {r[0]: dict(zip(header, r, strict=False)) for r in rows[2:]}
    assert by_number["KS-2024-0002"]["问题描述"] == "=1+1"  # still text, not 2
    assert by_number["KS-2024-0002"]["联系人"] == "#N/A"
    received = local(datetime(2024, 5, 6, 1, 30, tzinfo=UTC))
    assert by_number["KS-2024-0001"]["接收时间"] == f"{received:%Y-%m-%d %H:%M}"
    assert by_number["KS-2024-0003-1"]["索赔金额"] == "5,000.00"
    assert by_number["KS-2024-0001"]["逾期"] == "是"


def test_libreoffice_prints_the_ledger_on_one_page_wide(tmp_path, require_tool):
    source = tmp_path / "ledger.xlsx"
    source.write_bytes(complaint_ledger_xlsx(_tickets() * 30, now=NOW, company="宁波精工"))
    convert(source, "pdf", tmp_path)
    pdf = tmp_path / "out" / "ledger.pdf"
    info = subprocess.run(
        [require_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "(A3)" in info
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.split("\f")
    # every page carries the title and the header, and the last column made it onto page 1
    printed = [p for p in pages if p.strip()]
    assert len(printed) >= 2
    for page in printed:
        assert "客户抱怨处理总表" in page and "接收时间" in page
    assert "重开自" in printed[0]
