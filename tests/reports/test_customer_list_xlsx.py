"""The customer list workbook, read back with openpyxl and with LibreOffice."""

from __future__ import annotations

import csv
import os
import subprocess
import time
import zipfile
from dataclasses import replace
from datetime import datetime

import openpyxl
import pytest

from app.reports import ExportCancelled
from app.reports.excel.customer_list_xlsx import customer_list_xlsx
from app.services.customer_service import VolumeData


def _customers(make_customer, n: int = 5):
    customers = []
    for i in range(n):
        c = make_customer(n_contacts=2, code=f"C-{i:04d}", name=f"宁波华东汽车零部件有限公司{i}")
        customers.append(c)
    customers[1].type, customers[1].status, customers[1].potential = "distributor", "lost", False
    customers[2].notes = "=1+1"
    customers[2].short_name = "#N/A"
    customers[3].volumes = [VolumeData(2019, 12.0)]  # a year nobody else has
    customers[4].contacts, customers[4].products, customers[4].cooperation_since = [], [], None
    return customers


def _headers(ws) -> list[str]:
    return [cell.value for cell in ws[1]]


def _column(ws, header: str) -> int:
    return _headers(ws).index(header) + 1


def test_workbook_content_and_layout(make_customer, tmp_path):
    path = tmp_path / "顾客清单.xlsx"
    customer_list_xlsx(_customers(make_customer), path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["顾客清单"]
    ws = wb["顾客清单"]
    headers = _headers(ws)
    assert headers[:17] == [
        "顾客编号", "顾客名称", "简称", "顾客类型", "状态", "等级", "潜在顾客", "地址", "电话", "传真",
        "电子邮箱", "联系人", "联系人电话", "联系人数", "采购产品", "业务员", "合作起始日期",
    ]  # fmt: skip
    assert headers[17:] == [
        "2019年采购额(万元)",
        "2022年采购额(万元)",
        "2023年采购额(万元)",
        "2024年采购额(万元)",
        "备注",
        "更新日期",
    ]
    assert ws.max_row == 6

    # header row frozen, bold, filtered
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headers))}6"
    assert all(cell.font.b for cell in ws[1])

    row = {h: ws.cell(2, i + 1) for i, h in enumerate(headers)}
    assert row["顾客编号"].value == "C-0000"
    assert row["顾客名称"].value == "宁波华东汽车零部件有限公司0"
    assert row["顾客类型"].value == "主机厂"
    assert row["状态"].value == "合作中"
    assert row["潜在顾客"].value == "是"
    assert row["联系人"].value == "王建国00"
    assert row["联系人电话"].value == "13800130000"
    assert row["联系人数"].value == 2
    assert row["采购产品"].value == "QD-200 (制动钳总成); QD-310A (真空助力器); QD-88 (制动主缸)"
    assert row["2022年采购额(万元)"].value == 1234.5
    assert row["2022年采购额(万元)"].number_format == "#,##0.00"
    assert row["2019年采购额(万元)"].value is None

    # dates are dates
    since = row["合作起始日期"]
    assert isinstance(since.value, datetime) and since.value.date().isoformat() == "2015-03-01"
    assert since.number_format == "yyyy-mm-dd"
    updated = row["更新日期"]
    assert isinstance(updated.value, datetime) and updated.number_format == "yyyy-mm-dd"
    assert ws.cell(6, _column(ws, "合作起始日期")).value is None

    # user text never becomes a formula or an error value
    notes = ws.cell(4, _column(ws, "备注"))
    assert (notes.value, notes.data_type) == ("=1+1", "s")
    short = ws.cell(4, _column(ws, "简称"))
    assert (short.value, short.data_type) == ("#N/A", "s")
    assert ws.cell(3, _column(ws, "顾客类型")).value == "代理商"
    assert ws.cell(3, _column(ws, "状态")).value == "已流失"
    assert ws.cell(6, _column(ws, "联系人数")).value == 0

    # widths fit Chinese text: the Chinese name column is wider than the ASCII code column
    width = {
        h: ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
        for i, h in enumerate(headers)
    }
    assert width["顾客名称"] >= 2 * len("宁波华东汽车零部件有限公司0") - 1
    assert width["顾客名称"] > width["顾客编号"]
    assert width["地址"] > width["电话"]
    assert max(width.values()) <= 60

    # print setup
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.oddFooter.center.text == "第 &P 页 / 共 &N 页"
    assert ws.oddHeader.center.text == "&A"


def test_english_workbook(make_customer, tmp_path):
    path = tmp_path / "customers.xlsx"
    customer_list_xlsx(_customers(make_customer), path, lang="en")
    ws = openpyxl.load_workbook(path)["Customers"]
    headers = _headers(ws)
    assert headers[0] == "Code" and "2024 purchases (10k CNY)" in headers
    assert ws.cell(2, _column(ws, "Type")).value == "OEM"
    assert ws.cell(3, _column(ws, "Status")).value == "Lost"
    assert ws.oddFooter.center.text == "Page &P of &N"


def test_empty_list_still_has_headers(tmp_path):
    path = tmp_path / "empty.xlsx"
    customer_list_xlsx([], path)
    ws = openpyxl.load_workbook(path).active
    assert ws.max_row == 1
    assert ws["A1"].value == "顾客编号"


def test_progress_is_reported(make_customer, tmp_path):
    customer = make_customer()
    calls: list[tuple[int, int]] = []
    customer_list_xlsx(
        [customer] * 450, tmp_path / "p.xlsx", progress=lambda d, t: calls.append((d, t))
    )
    assert calls[0] == (0, 450)
    assert calls[-1] == (450, 450)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) >= 3


def test_cancel_leaves_no_file_and_keeps_the_old_one(make_customer, tmp_path):
    customers = [make_customer()] * 1000
    fresh = tmp_path / "fresh.xlsx"
    seen: list[int] = []

    def cancel_after_first_batch() -> bool:
        return len(seen) > 1

    with pytest.raises(ExportCancelled):
        customer_list_xlsx(
            customers,
            fresh,
            progress=lambda d, t: seen.append(d),
            is_cancelled=cancel_after_first_batch,
        )
    assert list(tmp_path.iterdir()) == []

    old = tmp_path / "old.xlsx"
    old.write_bytes(b"yesterday's workbook")
    with pytest.raises(ExportCancelled):
        customer_list_xlsx(customers, old, is_cancelled=lambda: True)
    assert old.read_bytes() == b"yesterday's workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["old.xlsx"]


def test_libreoffice_reads_the_workbook(make_customer, tmp_path):
    soffice = _soffice()
    customers = _customers(make_customer)
    source = tmp_path / "customers.xlsx"
    customer_list_xlsx(customers, source)
    out_dir = tmp_path / "csv"
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home)}
    # 44 = comma, 34 = quote, 76 = UTF-8
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{home / 'lo-profile'}",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=300,
    )
    with open(out_dir / "customers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == 1 + len(customers)
    assert rows[0][0] == "顾客编号"
    assert rows[1][1] == "宁波华东汽车零部件有限公司0"
    header = rows[0]
    assert rows[3][header.index("备注")] == "=1+1"  # still text, not 2
    assert rows[1][header.index("合作起始日期")] == "2015-03-01"
    assert rows[1][header.index("2022年采购额(万元)")] == "1,234.50"


def _soffice() -> str:
    import shutil

    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice is not installed")
    return path


def test_twenty_thousand_customers_in_reasonable_time(make_customer, tmp_path):
    base = make_customer()
    customers = [replace(base, code=f"C{i:06d}", name=f"{base.name}{i}") for i in range(20_000)]
    path = tmp_path / "big.xlsx"
    started = time.perf_counter()
    customer_list_xlsx(customers, path)
    elapsed = time.perf_counter() - started
    assert elapsed < 120, f"{elapsed:.1f} s"
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert sheet.count("<row ") == 20_001
    assert '<row r="20001"' in sheet
    assert "<t>C019999</t>" in sheet
    assert '<pane ySplit="1" topLeftCell="A2"' in sheet and "<autoFilter" in sheet
