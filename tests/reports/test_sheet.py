"""Shared workbook helpers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import openpyxl
import pytest
from openpyxl import Workbook

from app.reports.excel.sheet import (
    Column,
    clean_text,
    column_width,
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
