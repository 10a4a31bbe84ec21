"""The import from a laptop in the window: the plan, a conflict side by side, a choice, apply."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from app.services import sync_export, sync_import, sync_starter
from app.ui.field_service.sync_dialog import DIFFERENT, SyncImportDialog
from tests.services.sync_factory import USER, add_service_report, edit, get, pair, sync_rows


@pytest.fixture
def conflict(tmp_path):
    """An office and a laptop that both changed the same report since they last met."""
    office, laptop = pair(tmp_path)
    report = add_service_report(laptop)
    add_service_report(laptop, seq=2)
    first = tmp_path / "first.qdsync"
    sync_export.export_for_office(laptop, first, user=USER)
    plan = sync_import.preview(office, first)
    sync_import.apply(office, plan, {}, USER)
    edit(office, report, work_done="办公室版本")
    edit(laptop, report, work_done="笔记本版本")
    add_service_report(laptop, seq=3)
    second = tmp_path / "second.qdsync"
    sync_export.export_for_office(laptop, second, user=USER)
    yield office, report, second
    office.dispose()
    laptop.dispose()


def test_a_conflict_is_resolved_through_the_widgets(qtbot, conflict, answers):
    office, report, path = conflict
    dialog = SyncImportDialog(office, sync_import.preview(office, path))
    qtbot.addWidget(dialog)
    dialog.show()

    counts = dialog.counts_table
    assert counts.verticalHeaderItem(0).text() == "现场服务报告"
    assert [counts.horizontalHeaderItem(c).text() for c in range(5)] == [
        "新增", "未变", "采用笔记本电脑版本", "保留办公室版本", "冲突",
    ]  # fmt: skip
    assert [counts.item(0, c).text() for c in range(5)] == ["1", "0", "0", "0", "1"]
    assert dialog.conflict_list.count() == 1
    assert dialog.conflict_list.item(0).text().startswith("FW-L1-2026-0001\n双方都已修改")
    table = dialog.comparison
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == ["字段", "办公室", "笔记本电脑"]  # fmt: skip
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    row = rows["处理过程"]
    assert (table.item(row, 1).text(), table.item(row, 2).text()) == ("办公室版本", "笔记本版本")
    assert table.item(row, 1).background().color() == DIFFERENT
    assert table.item(rows["服务工程师"], 1).background().color() != DIFFERENT
    assert table.item(rows["服务结果"], 1).text() == "已解决"  # words, not stored codes
    arrived = table.item(rows["到达时间"], 2).text()
    # local time as a Chinese PC writes it (2026/3/2 08:30), no offset or ISO "T"
    assert re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2} \d{2}:\d{2}", arrived), arrived
    assert not dialog.apply_button.isEnabled()

    qtbot.mouseClick(dialog.take_laptop, Qt.MouseButton.LeftButton)
    assert dialog.apply_button.isEnabled()
    assert dialog.conflict_list.item(0).text().endswith("采用笔记本电脑版本")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)

    assert dialog.result == {"added": 1, "updated": 1, "conflict_laptop": 1}
    assert get(office, report).work_done == "笔记本版本"
    decision = [r for r in sync_rows(office, report) if r.field == "conflict"]
    assert [r.new_value for r in decision] == ["laptop L1 version taken"]


def test_keeping_the_office_version_through_the_widgets(qtbot, conflict, answers):
    office, report, path = conflict
    dialog = SyncImportDialog(office, sync_import.preview(office, path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.keep_office, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert get(office, report).work_done == "办公室版本"


def test_a_refused_file_shows_its_reason(qtbot, window, tmp_path, answers):
    _queue, told = answers
    damaged = tmp_path / "damaged.qdsync"
    damaged.write_bytes(b"PK\x03\x04 cut short")
    op = window.data_file_actions.sync_actions.import_from_laptop(damaged)
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    assert any("不是 QualityDesk 同步文件" in text for text in told)
    assert window.data_file_actions.sync_actions.dialog is None


def test_the_import_from_the_menu_opens_the_plan(qtbot, window, tmp_path, answers):
    office, laptop = pair(tmp_path / "pair")
    add_service_report(laptop)
    path = tmp_path / "trip.qdsync"
    sync_export.export_for_office(laptop, path, user=USER)
    # the window's own data file gets the same customer through a starter of the same office
    starter = tmp_path / "starter.qdsync"
    sync_starter.make_starter(office, starter, machine_code="L7", user=USER)
    op = window.data_file_actions.sync_actions.import_starter(starter)
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    window_code = window.data_file_actions.sync_actions.last_message
    assert "L7" in window_code
    op = window.data_file_actions.sync_actions.import_from_laptop(path)
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    dialog = window.data_file_actions.sync_actions.dialog
    assert dialog is not None and dialog.counts_table.item(0, 0).text() == "1"
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert "1" in window.statusBar().currentMessage()
    office.dispose()
    laptop.dispose()
