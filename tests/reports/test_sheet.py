"""Shared workbook helpers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from app.reports.excel import sheet as sheet_module
from app.reports.excel.sheet import (
    Column,
    clean_text,
    column_width,
    continued_title,
    display_width,
    set_text,
    text_cell,
    to_date,
    write_table_sheet,
)
from app.reports.files import ExportCancelled


def test_display_width_counts_chinese_double():
    assert display_width("ABC") == 3
    assert display_width("顾客") == 4
    assert display_width("QD-200 制动钳") == 13
    assert display_width("ＡＢ") == 4  # full-width Latin
    assert display_width("第一行\nlonger line") == 11  # the widest line
    assert display_width(None) == 0


def test_column_width_is_capped():
    assert column_width("名称", ["x" * 500]) == 60
    assert column_width("名称", ["上海华东汽车零部件制造有限公司"]) > column_width("名称", ["ABC"])


def test_clean_text_drops_control_characters():
    assert clean_text("a\x07b\x00c\r\nd") == "abc\nd"
    assert len(clean_text("x" * 40000)) == 32767


def test_to_date_uses_local_calendar_day():
    assert to_date(date(2024, 1, 2)) == date(2024, 1, 2)
    aware = datetime(2024, 1, 2, 23, 30, tzinfo=UTC)
    assert to_date(aware) == aware.astimezone().date()
    east8 = datetime(2024, 1, 3, 0, 30, tzinfo=timezone(timedelta(hours=8)))
    assert to_date(east8) == east8.astimezone().date()


def test_text_helpers_in_a_normal_workbook(tmp_path):
    wb = Workbook()
    ws = wb.active
    set_text(ws["A1"], "=1+1")
    set_text(ws["A2"], "#N/A")
    ws.append([text_cell(ws, "=SUM(A1:A2)"), text_cell(ws, "0012")])
    path = tmp_path / "normal.xlsx"
    wb.save(path)
    ws = openpyxl.load_workbook(path).active
    assert (ws["A1"].value, ws["A1"].data_type) == ("=1+1", "s")
    assert (ws["A2"].value, ws["A2"].data_type) == ("#N/A", "s")
    assert (ws["A3"].value, ws["A3"].data_type) == ("=SUM(A1:A2)", "s")
    assert ws["B3"].value == "0012"


@pytest.mark.parametrize("write_only", [True, False])
def test_table_sheet_features_survive_both_modes(tmp_path, write_only):
    wb = Workbook(write_only=write_only)
    if not write_only:
        wb.remove(wb.active)
    columns = [Column("名称"), Column("日期", kind="date"), Column("金额", kind="number")]
    rows = [["=1+1", date(2024, 5, 6), 1234.5], ["顾客", None, None]]
    write_table_sheet(wb, "清单", columns, rows, lang="zh_CN")
    path = tmp_path / "t.xlsx"
    wb.save(path)
    ws = openpyxl.load_workbook(path)["清单"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:C3"
    assert ws.print_title_rows == "$1:$1"
    assert ws["A1"].font.b
    assert (ws["A2"].value, ws["A2"].data_type) == ("=1+1", "s")
    assert ws["B2"].value == datetime(2024, 5, 6)
    assert ws["B2"].number_format == "yyyy-mm-dd"
    assert ws["C2"].value == 1234.5
    assert ws["C2"].number_format == "#,##0.00"
    assert ws["B3"].value is None


def test_table_sheet_cancel_raises(tmp_path):
    wb = Workbook(write_only=True)
    with pytest.raises(ExportCancelled):
        write_table_sheet(
            wb, "x", [Column("a")], [["1"]] * 1000, lang="en", is_cancelled=lambda: True
        )


@pytest.mark.parametrize(("count", "sheet_rows"), [(7, [3, 3, 1]), (6, [3, 3]), (2, [2])])
def test_a_list_longer_than_a_sheet_goes_on_in_further_sheets(
    tmp_path, monkeypatch, count, sheet_rows
):
    # Excel's 1,048,576 rows, made small: three rows under each header
    monkeypatch.setattr(sheet_module, "SHEET_MAX_ROWS", 4)
    wb = Workbook(write_only=True)
    rows = ([f"第{n}行", n] for n in range(count))  # a generator, read once
    seen: list[tuple[int, int]] = []
    sheets = write_table_sheet(
        wb,
        "审计记录",
        [Column("内容"), Column("序号", kind="integer")],
        rows,
        lang="zh_CN",
        progress=lambda done, total: seen.append((done, total)),
        total=count,
    )
    assert len(sheets) == len(sheet_rows)
    path = tmp_path / "long.xlsx"
    wb.save(path)
    book = openpyxl.load_workbook(path)
    names = ["审计记录", "审计记录 (2)", "审计记录 (3)"][: len(sheet_rows)]
    assert book.sheetnames == names
    read = []
    for name, expected in zip(names, sheet_rows, strict=True):
        ws = book[name]
        values = list(ws.iter_rows(values_only=True))
        assert values[0] == ("内容", "序号") and ws["A1"].font.b
        assert len(values) == expected + 1
        assert ws.auto_filter.ref == f"A1:B{expected + 1}"
        assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
        read.extend(values[1:])
    assert read == [(f"第{n}行", n) for n in range(count)]  # every row once, in order
    assert seen[-1] == (count, count)


def test_a_continued_sheet_name_stays_within_excel_s_31_characters():
    long_title = "顾" * 40
    assert continued_title(long_title, 12) == "顾" * 26 + " (12)"
    assert len(continued_title(long_title, 12)) == 31
    assert continued_title("Audit trail", 2) == "Audit trail (2)"


def test_cancelling_a_long_list_leaves_no_temporary_sheet_files(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_module, "SHEET_MAX_ROWS", 3)
    wb = Workbook(write_only=True)
    asked = iter([False, False, True])  # asked every 2 rows: cancelled on the third sheet
    monkeypatch.setattr(sheet_module, "PROGRESS_EVERY", 2)
    with pytest.raises(ExportCancelled):
        write_table_sheet(
            wb, "x", [Column("a")], [["1"]] * 10, lang="en", is_cancelled=lambda: next(asked)
        )
    assert len(wb.worksheets) == 3
    assert all(not Path(ws._writer.out).exists() for ws in wb.worksheets)  # noqa: SLF001
