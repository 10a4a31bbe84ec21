"""The complaint-tickets tab, its list model, the due list and the complaint settings, driven like a clerk would."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.config import database_path
from app.services import complaint_service, complaint_settings, complaint_workflow, customer_service
from app.services.complaint_data import ComplaintData
from app.services.customer_service import CustomerData
from app.ui.complaints.due_dialog import DueDialog
from app.ui.complaints.tab import ComplaintsTab
from app.ui.complaints.table_model import (
    DUE_TODAY_BACKGROUND,
    OVERDUE_BACKGROUND,
    OVERDUE_FOREGROUND,
    PAGE_SIZE,
    ComplaintTableModel,
)
from app.ui.main_window import MainWindow
from app.ui.settings.dialog import SettingsDialog
from app.ui.signals import DataHub

# noon on a Tuesday, in the PC's own time zone: "due today" means the same local day
NOW = datetime(2026, 3, 10, 12, 0).astimezone()
M = ComplaintTableModel


def _clock() -> datetime:
    return NOW


def _local(value: datetime) -> str:
    """A moment as the Chinese list shows it: local time, the date as a Chinese PC writes it."""
    local = value.astimezone()
    return f"{local.year}/{local.month}/{local.day} {local:%H:%M}"


def _customer(engine, code, name):
    return customer_service.create(engine, CustomerData(code=code, name=name), "test")


def _ticket(engine, customer, received, **extra):
    extra.setdefault("description", "外径超差 0.05 mm")
    extra.setdefault("defect_category", "尺寸不良")
    data = ComplaintData(customer_id=customer.id, received_at=received, **extra)
    return complaint_service.create(engine, data, "test")


@pytest.fixture
def tickets(engine):
    """Overdue, due today, due tomorrow, and a cancelled one (first reply rule: 8 hours)."""
    hengtong = _customer(engine, "KH-0001", "浙江恒通汽车部件有限公司")
    yuanhang = _customer(engine, "KH-0002", "江苏远航机械制造有限公司")
    overdue = _ticket(
        engine,
        hengtong,
        NOW - timedelta(hours=30),
        severity="major",
        product_model="JG-2000 制动卡钳",
        part_no="BK-20013-A",
        owner="王工",
        responsible_department="生产部",
    )
    due_today = _ticket(
        engine,
        yuanhang,
        NOW - timedelta(hours=6),
        defect_category="外观不良",
        responsible_department="技术部",
        description="表面划伤",
    )
    tomorrow = _ticket(
        engine,
        hengtong,
        NOW - timedelta(hours=1),
        first_reply_at=NOW - timedelta(minutes=30),
        responsible_department="技术部",
    )
    cancelled = _ticket(engine, yuanhang, NOW - timedelta(days=10), responsible_department="生产部")
    complaint_workflow.cancel(engine, cancelled.id, reason="重复登记", user="test")
    return {
        "overdue": overdue,
        "due_today": due_today,
        "tomorrow": tomorrow,
        "cancelled": cancelled,
        "hengtong": hengtong,
        "yuanhang": yuanhang,
    }


@pytest.fixture
def tab(qtbot, engine, tickets, wait_list):
    widget = ComplaintsTab(engine, DataHub(), now=_clock)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    wait_list(widget)
    return widget


def _numbers(model) -> list[str]:
    return [model.index(r, M.COL_NUMBER).data() for r in range(model.rowCount())]


# ---------------------------------------------------------------- the model, without a view


def test_model_shows_the_ledger_columns_and_colours_what_is_late(qtbot, engine, tickets, wait_list):
    model = ComplaintTableModel(engine, now=_clock)
    model.reload()
    wait_list(model)
    assert _numbers(model) == ["KS-2026-0004", "KS-2026-0003", "KS-2026-0002", "KS-2026-0001"]
    assert model.overdue == 1

    late = model.row_of(tickets["overdue"].id)

    def cell(row, column, role=Qt.ItemDataRole.DisplayRole):
        return model.index(row, column).data(role)

    assert cell(late, M.COL_CUSTOMER) == "浙江恒通汽车部件有限公司"
    assert cell(late, M.COL_PRODUCT) == "JG-2000 制动卡钳 / BK-20013-A"
    assert cell(late, M.COL_RECEIVED) == _local(NOW - timedelta(hours=30))
    assert cell(late, M.COL_SEVERITY) == "重大"
    assert cell(late, M.COL_URGENCY) == "普通件"
    assert cell(late, M.COL_STATUS) == "处理中"
    assert cell(late, M.COL_STEP) == "D1 成立小组"
    assert cell(late, M.COL_NEXT_DUE) == f"{_local(NOW - timedelta(hours=22))} 首次回复"
    assert cell(late, M.COL_OWNER) == "王工"
    assert cell(late, M.COL_DEFECT) == "尺寸不良"
    assert cell(late, M.COL_DEPARTMENT) == "生产部"
    assert cell(late, M.COL_NUMBER, Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert cell(late, M.COL_OWNER, Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_FOREGROUND
    tip = cell(late, M.COL_NUMBER, Qt.ItemDataRole.ToolTipRole)
    assert "已超期" in tip and "首次回复" in tip and "22 小时" in tip

    today = model.row_of(tickets["due_today"].id)
    assert cell(today, M.COL_NEXT_DUE) == f"{_local(NOW + timedelta(hours=2))} 首次回复"
    assert cell(today, M.COL_NUMBER, Qt.ItemDataRole.BackgroundRole).color() == (
        DUE_TODAY_BACKGROUND
    )
    assert "今日到期" in cell(today, M.COL_NEXT_DUE, Qt.ItemDataRole.ToolTipRole)

    later = model.row_of(tickets["tomorrow"].id)
    assert cell(later, M.COL_NEXT_DUE).endswith("临时对策回复")
    assert cell(later, M.COL_NUMBER, Qt.ItemDataRole.BackgroundRole) is None
    void = model.row_of(tickets["cancelled"].id)
    assert cell(void, M.COL_STATUS) == "已作废"
    assert cell(void, M.COL_NEXT_DUE) == "" and cell(void, M.COL_STEP) == ""
    assert cell(void, M.COL_NUMBER, Qt.ItemDataRole.BackgroundRole) is None

    # an hour later nothing is queried again, yet the colours follow the clock
    clock = {"now": NOW}
    moving = ComplaintTableModel(engine, now=lambda: clock["now"])
    moving.reload()
    wait_list(moving)
    row = moving.row_of(tickets["due_today"].id)
    # read once before the clock moves: the row's texts and colours are kept until it does
    assert moving.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color() == (
        DUE_TODAY_BACKGROUND
    )
    clock["now"] = NOW + timedelta(hours=3)
    with qtbot.waitSignal(moving.extraLoaded, timeout=10_000):
        moving.tick()  # recounted off the GUI thread
    assert moving.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color() == (OVERDUE_BACKGROUND)
    assert moving.overdue == 2


def test_model_sorts_in_sql_by_every_column(qtbot, engine, tickets, wait_list):
    model = ComplaintTableModel(engine, now=_clock)
    model.reload()
    wait_list(model)
    model.sort(M.COL_RECEIVED, Qt.SortOrder.AscendingOrder)
    wait_list(model)
    assert _numbers(model) == ["KS-2026-0004", "KS-2026-0001", "KS-2026-0002", "KS-2026-0003"]
    model.sort(M.COL_CUSTOMER, Qt.SortOrder.AscendingOrder)
    wait_list(model)
    names = [model.index(r, M.COL_CUSTOMER).data() for r in range(4)]
    assert names == sorted(names)
    model.sort(M.COL_NEXT_DUE, Qt.SortOrder.DescendingOrder)
    wait_list(model)
    assert _numbers(model)[:3] == ["KS-2026-0003", "KS-2026-0002", "KS-2026-0001"]
    every = {"KS-2026-0001", "KS-2026-0002", "KS-2026-0003", "KS-2026-0004"}
    for column in range(M.COLUMN_COUNT):  # none of them fails or loses a ticket
        model.sort(column, Qt.SortOrder.DescendingOrder)
        wait_list(model)
        assert set(_numbers(model)) == every and model.rowCount() == 4
    model.sort(M.COL_SEVERITY, Qt.SortOrder.DescendingOrder)
    wait_list(model)
    assert _numbers(model)[0] == "KS-2026-0001"  # the only major one


def test_model_fetches_only_the_pages_shown(qtbot, engine, wait_list):
    customer = _customer(engine, "KH-9", "测试顾客")
    complaint_service.create_many(
        engine,
        (
            (
                ComplaintData(
                    customer_id=customer.id,
                    received_at=NOW - timedelta(days=30, minutes=i),
                    description=f"问题 {i}",
                    defect_category="其他",
                ),
                None,
            )
            for i in range(PAGE_SIZE + 10)
        ),
        "test",
    )
    model = ComplaintTableModel(engine, now=_clock)
    model.reload()
    wait_list(model)
    assert model.rowCount() == PAGE_SIZE + 10 and model.fetches == 0
    assert model.index(0, M.COL_NUMBER).data() == f"KS-2026-{PAGE_SIZE + 10:04d}"
    assert model.index(PAGE_SIZE - 1, M.COL_CUSTOMER).data() == "测试顾客"
    assert model.fetches == 0  # the first page came with the list
    assert model.index(PAGE_SIZE + 9, M.COL_NUMBER).data() == "KS-2026-0001"
    assert model.fetches == 1


def test_estimated_deadline_says_which_year_the_calendar_does_not_know(qtbot, engine, wait_list):
    customer = _customer(engine, "KH-7", "老顾客")
    # the built-in holidays start in 2004: working days of 2003 are only estimated
    old = _ticket(engine, customer, datetime(2003, 12, 29, 9, 0).astimezone())
    model = ComplaintTableModel(engine, now=_clock)
    model.reload()
    wait_list(model)
    row = model.row_of(old.id)
    assert model.index(row, M.COL_NEXT_DUE).data().startswith("2003/12/29 17:00*")
    tip = model.index(row, M.COL_NEXT_DUE).data(Qt.ItemDataRole.ToolTipRole)
    assert "估算" in tip and "2003" in tip


# ---------------------------------------------------------------- the tab


def test_filters_narrow_the_list_and_the_count(qtbot, tab, tickets, wait_list):
    assert tab.count_label.text() == "共 4 张抱怨单,1 张超期"
    assert tab.overdue_total == 1

    tab.status_filter.setCurrentIndex(tab.status_filter.findData("cancelled"))
    wait_list(tab)
    assert _numbers(tab.model) == ["KS-2026-0004"]
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("open"))
    wait_list(tab)
    assert tab.model.rowCount() == 3

    tab.overdue_filter.setChecked(True)
    wait_list(tab)
    assert _numbers(tab.model) == ["KS-2026-0001"]
    assert tab.count_label.text() == "共 1 张抱怨单,1 张超期"
    tab.overdue_filter.setChecked(False)
    wait_list(tab)

    tab.severity_filter.setCurrentIndex(tab.severity_filter.findData("major"))
    wait_list(tab)
    assert _numbers(tab.model) == ["KS-2026-0001"]
    tab.severity_filter.setCurrentIndex(0)
    wait_list(tab)

    tab.department_filter.setCurrentIndex(tab.department_filter.findData("技术部"))
    wait_list(tab)
    assert _numbers(tab.model) == ["KS-2026-0003", "KS-2026-0002"]
    tab.defect_filter.setCurrentIndex(tab.defect_filter.findData("外观不良"))
    wait_list(tab)
    assert _numbers(tab.model) == ["KS-2026-0002"]
    tab.clear_filters()
    wait_list(tab)
    assert tab.model.rowCount() == 4 and tab.status_filter.currentIndex() == 0

    # received on the local calendar days typed, both ends included, either may stay empty
    tab.received_from.line.setText(NOW.date().isoformat())
    qtbot.waitUntil(lambda: _numbers(tab.model) == ["KS-2026-0003", "KS-2026-0002"], timeout=2000)
    tab.received_from.line.setText("")
    tab.received_to.line.setText((NOW.date() - timedelta(days=1)).isoformat())
    qtbot.waitUntil(lambda: _numbers(tab.model) == ["KS-2026-0004", "KS-2026-0001"], timeout=2000)
    tab.received_to.line.setText("2026-13-45")  # not a date: marked, and the bound is ignored
    qtbot.waitUntil(lambda: tab.model.rowCount() == 4, timeout=10_000)
    assert "c0392b" in tab.received_to.line.styleSheet()
    tab.received_to.line.setText("")

    tab.search.insert("划伤")  # description; Chinese arrives through the input method
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert _numbers(tab.model) == ["KS-2026-0002"]
    tab.search.clear()
    tab.search.insert("远航")  # customer name
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10_000)
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 4, timeout=10_000)


def test_customer_filter_suggests_by_code_or_name(qtbot, tab, tickets, wait_list):
    box = tab.customer_filter
    box.setFocus()
    qtbot.keyClicks(box, "KH-0002")
    suggestions = box.completer().model().stringList()
    assert suggestions == ["KH-0002  江苏远航机械制造有限公司"]
    assert tab.model.rowCount() == 4  # typing alone does not filter
    box.choose_text(suggestions[0])
    wait_list(tab)
    assert box.customer_id == tickets["yuanhang"].id
    assert _numbers(tab.model) == ["KS-2026-0004", "KS-2026-0002"]
    box.clear()  # the clear button does the same
    wait_list(tab)
    assert box.customer_id is None and tab.model.rowCount() == 4

    box.setText("")
    box.insert("恒通")
    box.textEdited.emit("恒通")
    assert box.completer().model().stringList() == ["KH-0001  浙江恒通汽车部件有限公司"]


def test_sorting_by_clicking_headers(qtbot, tab, wait_list):
    tab.view.sortByColumn(M.COL_RECEIVED, Qt.SortOrder.AscendingOrder)
    wait_list(tab)
    assert _numbers(tab.model) == ["KS-2026-0004", "KS-2026-0001", "KS-2026-0002", "KS-2026-0003"]
    tab.view.sortByColumn(M.COL_NUMBER, Qt.SortOrder.AscendingOrder)
    wait_list(tab)
    assert _numbers(tab.model) == ["KS-2026-0001", "KS-2026-0002", "KS-2026-0003", "KS-2026-0004"]


def test_open_with_enter_double_click_and_new_with_ctrl_n(qtbot, tab, tickets, monkeypatch):
    opened: list[int | None] = []
    monkeypatch.setattr(tab, "_open_dialog", opened.append)
    row = tab.model.row_of(tickets["due_today"].id)
    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.model.index(row, 0))
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert opened == [tickets["due_today"].id]
    tab.view.doubleClicked.emit(tab.model.index(tab.model.row_of(tickets["overdue"].id), 3))
    assert opened[-1] == tickets["overdue"].id
    qtbot.keyClick(tab.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened[-1] is None
    tab.open_button.click()
    assert opened[-1] == tickets["due_today"].id


def test_list_follows_the_hub(qtbot, engine, tab, tickets, wait_list):
    newer = _ticket(engine, tickets["hengtong"], NOW - timedelta(minutes=5))
    assert tab.model.rowCount() == 4
    tab.hub.dataChanged.emit("complaint", newer.id)
    wait_list(tab)
    assert tab.model.rowCount() == 5
    assert tab.selected_ids() == [newer.id]
    renamed = replace(customer_service.get(engine, tickets["hengtong"].id), name="恒通汽车部件集团")
    customer_service.update(engine, renamed, "test")
    tab.hub.dataChanged.emit("customer", tickets["hengtong"].id)
    wait_list(tab)
    assert tab.model.index(0, M.COL_CUSTOMER).data() == "恒通汽车部件集团"
    assert tab.selected_ids() == [newer.id]


def test_export_ledger_and_tracking_list(qtbot, tab, tickets, save_path, tmp_path, wait_list):
    pytest.importorskip("app.reports.excel.complaint_ledger_xlsx")
    pytest.importorskip("app.reports.excel.tracking_list_xlsx")
    import openpyxl

    tab.received_from.line.setText(NOW.date().isoformat())
    tab.apply_filter()
    wait_list(tab)
    ledger = tmp_path / "ledger.xlsx"
    save_path["path"] = str(ledger)
    tab.export_ledger()
    qtbot.waitUntil(lambda: tab.last_export == ledger, timeout=20000)
    cells = {
        str(c.value)
        for ws in openpyxl.load_workbook(ledger).worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }
    assert any("KS-2026-0002" in c for c in cells) and any("KS-2026-0003" in c for c in cells)
    assert not any("KS-2026-0001" in c for c in cells)  # received before the range
    assert any(NOW.date().isoformat() in c for c in cells)  # the period in the title

    tracking = tmp_path / "tracking.xlsx"
    save_path["path"] = str(tracking)
    tab.export_tracking_list()
    qtbot.waitUntil(lambda: tab.last_export == tracking, timeout=20000)
    assert openpyxl.load_workbook(tracking).worksheets


# ---------------------------------------------------------------- due list and status bar


def test_due_dialog_lists_overdue_and_soon_due_and_opens_a_ticket(qtbot, engine, tickets):
    opened: list[int] = []
    dialog = DueDialog(engine, DataHub(), opened.append, now=_clock)
    qtbot.addWidget(dialog)
    assert dialog.texts() == [
        [
            "KS-2026-0001",
            "KH-0001 浙江恒通汽车部件有限公司",
            "首次回复",
            _local(NOW - timedelta(hours=22)),
            "已超期 22 小时 0 分钟",
        ],
        [
            "KS-2026-0002",
            "KH-0002 江苏远航机械制造有限公司",
            "首次回复",
            _local(NOW + timedelta(hours=2)),
            "还剩 2 小时 0 分钟",
        ],
        [
            "KS-2026-0003",
            "KH-0001 浙江恒通汽车部件有限公司",
            "临时对策回复",
            _local(NOW + timedelta(hours=23)),
            "还剩 23 小时 0 分钟",
        ],
    ]
    assert dialog.summary.text().startswith("1 张抱怨单已超期,2 张将在 24 小时内到期。")
    assert dialog.table.item(0, 0).background().color() == OVERDUE_BACKGROUND
    dialog.table.doubleClicked.emit(dialog.table.model().index(1, 2))
    assert opened == [tickets["due_today"].id]

    nothing = DueDialog.show_if_any(engine, DataHub(), opened.append, now=lambda: NOW - timedelta(days=30))  # fmt: skip
    assert nothing is None


def _due_dialogs() -> list[DueDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, DueDialog) and w.isVisible()]


def test_main_window_shows_the_due_list_once_and_counts_overdue(
    qtbot,
    engine,
    data_dir,
    tickets,
    answers,
    wait_list,
):
    quiet = MainWindow(engine, database_path(data_dir), "zh_CN", show_due_list=False)
    qtbot.addWidget(quiet)
    wait_list(quiet.complaints_tab)
    qtbot.wait(50)
    assert not _due_dialogs()
    assert quiet.tabs.tabText(2) == "客户抱怨" and quiet.complaints_tab in quiet.record_tabs()
    # by today's clock every open ticket of March is overdue
    assert quiet.overdue_indicator.message == "3 张客户抱怨超期"

    main = MainWindow(engine, database_path(data_dir), "zh_CN")
    qtbot.addWidget(main)
    qtbot.waitUntil(lambda: len(_due_dialogs()) == 1, timeout=2000)
    shown = _due_dialogs()[0]
    assert len(shown.rows) == 3
    shown.close()
    again = MainWindow(engine, database_path(data_dir), "zh_CN")  # e.g. after a language switch
    qtbot.addWidget(again)
    qtbot.wait(50)
    assert not _due_dialogs()

    complaint_workflow.cancel(engine, tickets["overdue"].id, reason="登记错误", user="test")
    main.hub.dataChanged.emit("complaint", tickets["overdue"].id)
    wait_list(main.complaints_tab)
    assert main.overdue_indicator.message == "2 张客户抱怨超期"
    menus = {a.text(): a.menu() for a in main.menuBar().actions()}
    entries = [a.text() for a in menus["设置(&S)"].actions()]
    assert "设置…" in entries


# ---------------------------------------------------------------- complaint settings


def test_settings_save_rules_and_calendar_and_recompute_open_tickets(qtbot, engine, tickets):
    hub = DataHub()
    heard: list[tuple[str, int]] = []
    hub.dataChanged.connect(lambda family, record_id: heard.append((family, record_id)))
    settings = SettingsDialog(engine, hub=hub, page="calendar", now=_clock)
    settings.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # looked at after saving
    qtbot.addWidget(settings)
    dialog = settings.complaints
    # 2026 is built in; 2027 is not
    assert "2027 年的法定节假日尚未收录,工作日按周一至周五估算" in dialog.warning.text()
    assert not dialog.warning.isHidden()
    dialog.year_boxes[2027].setChecked(True)
    assert dialog.warning.isHidden()

    dialog.rule_amounts["first_reply"].setValue(4)
    dialog.rule_units["answer_normal"].setCurrentIndex(
        dialog.rule_units["answer_normal"].findData("working_days")
    )
    dialog.due_soon_hours.setValue(48)
    dialog.add_override("2026-03-14", True, "调休上班")
    dialog.range_from.line.setText("2027-02-10")
    dialog.range_to.line.setText("2027-02-16")
    dialog.range_note.setText("春节")
    assert dialog.add_range_from_fields()
    assert dialog.overrides.rowCount() == 8
    assert dialog.overrides.item(0, dialog.COL_DATE).text() == "2026-03-14"
    assert dialog.overrides.item(0, dialog.COL_WEEKDAY).text() == "周六"
    assert dialog.overrides.cellWidget(0, dialog.COL_WORKING).currentData() is True
    assert dialog.overrides.cellWidget(1, dialog.COL_WORKING).currentData() is False
    dialog.departments.setPlainText("质量保障部\n生产部\n技术部\n模具车间")

    assert settings.save()
    qtbot.waitUntil(lambda: dialog.recomputed is not None, timeout=10000)
    assert dialog.recomputed == 3  # the open tickets
    stored = complaint_settings.load(engine)
    assert stored.rules["first_reply"].amount == 4
    assert stored.rules["answer_normal"].unit == "working_days"
    assert stored.due_soon_hours == 48 and stored.confirmed_years == [2027]
    assert stored.departments[-1] == "模具车间"
    overrides = {o.day: o for o in stored.calendar_overrides}
    assert overrides[date(2026, 3, 14)].working and overrides[date(2026, 3, 14)].note == "调休上班"
    assert len(overrides) == 8 and overrides[date(2027, 2, 12)].note == "春节"
    assert not overrides[date(2027, 2, 12)].working
    # the ticket due at 14:00 under the 8-hour rule is now due at 10:00, and late
    due_today = complaint_service.get(engine, tickets["due_today"].id)
    assert complaint_service.rows_for_ids(engine, [due_today.id])[due_today.id].next_due == (
        NOW - timedelta(hours=2)
    )
    assert ("complaint_settings", 0) in heard and ("complaint", 0) in heard


def test_settings_errors_show_next_to_the_field_and_nothing_is_saved(qtbot, engine):
    settings = SettingsDialog(engine, hub=DataHub(), now=_clock)
    qtbot.addWidget(settings)
    dialog = settings.complaints
    dialog.number_prefix.setText("1KS")
    dialog.rule_amounts["containment"].setValue(0)
    dialog.recurrence_months.setValue(500)
    dialog.add_override("2026-10-01", False, "国庆")
    dialog.add_override("2026/10/1", True, "")
    dialog.add_override("2026-02-30", False, "")
    dialog.defect_categories.setPlainText("尺寸不良\n异响\n尺寸不良")

    assert not settings.save()
    assert dialog.prefix_field.error.text() == "前缀为 1–10 个字母或数字,以字母开头。"
    assert dialog.rule_errors["containment"].text() == "应在 1–999 之间。"
    assert dialog.rule_errors["first_reply"].text() == ""
    assert dialog.recurrence_field.error.text() == "应在 1–120 之间。"
    assert dialog.defect_error.text() == "“尺寸不良”重复。"
    assert dialog.overrides_error.text().splitlines() == [
        "第 2 行:“2026-10-01”重复。",
        "第 3 行:日期格式不正确(例:2024-03-15)。",
    ]
    assert settings.marked_pages() == ["numbering", "lists", "deadlines", "calendar"]
    assert settings.current_page() == "numbering"
    assert settings.result() == 0
    assert complaint_settings.load(engine) == complaint_settings.ComplaintSettings()
    # what was typed stays
    assert dialog.number_prefix.text() == "1KS"
    assert dialog.overrides.item(2, dialog.COL_DATE).text() == "2026-02-30"

    dialog.range_from.line.setText("2027-02-16")
    dialog.range_to.line.setText("2027-02-10")
    assert not dialog.add_range_from_fields()
    assert dialog.range_error.text() == "最后一天早于第一天。"


def test_open_builds_the_ticket_form_for_that_ticket(qtbot, tab, tickets, monkeypatch):
    module = pytest.importorskip("app.ui.complaints.complaint_dialog")
    shown = []
    monkeypatch.setattr(module.ComplaintDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    tab.open_complaint(tickets["overdue"].id)
    assert len(shown) == 1 and shown[0].parent() is tab
    assert "KS-2026-0001" in shown[0].windowTitle()
    shown[0].deleteLater()


def test_import_the_old_ledger_checks_rows_and_fills_the_list(
    qtbot, engine, tab, tickets, tmp_path, answers, wait_list
):
    pytest.importorskip("app.services.complaint_import")
    import openpyxl
    from PySide6.QtWidgets import QMessageBox

    from app.ui.complaints.import_dialog import ImportLedgerDialog

    queue, _asked = answers
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["客户抱怨处理总表"])
    sheet.append(["抱怨单号", "抱怨日期", "客户编号", "产品型号", "不良类别", "不良现象"])
    sheet.append(["KS-2024-0007", "2024-05-06", "KH-0001", "JG-2000", "尺寸不良", "孔位偏差"])
    sheet.append(["KS-2024-0008", "2024-05-07", "KH-9999", "JG-2000", "异响", "行驶异响"])
    sheet.append(["KS-2024-0009", "2024-05-08 14:30", "KH-0002", "HT-350", "泄漏", "接口渗油"])
    path = tmp_path / "old ledger.xlsx"
    workbook.save(path)

    dialog = ImportLedgerDialog(engine, tab.hub, tab)
    qtbot.addWidget(dialog)
    assert dialog.load_file(path)
    assert not dialog.mapping_error.text()
    assert dialog.check()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    assert dialog.report.valid == 2 and dialog.report.invalid == 1
    problems = [
        [dialog.issues.item(r, c).text() for c in range(3)] for r in range(dialog.issues.rowCount())
    ]
    assert problems[0][0] == "4" and "KH-9999" in problems[0][2]
    assert not dialog.import_all_button.isEnabled()

    queue.append(QMessageBox.StandardButton.Yes)
    dialog.import_rows(only_valid=True)
    qtbot.waitUntil(lambda: dialog.imported == 2, timeout=10000)
    imported, backed_up = dialog.summary.text().split("\n")
    assert imported == "已导入 2 张抱怨单。"
    assert backed_up == f"导入前的数据已备份:{dialog.backup.path}" and dialog.backup.path.exists()
    assert dialog.backup.reason == "before-import"
    # the tab heard about it through the hub
    wait_list(tab)
    assert "KS-2024-0007" in _numbers(tab.model) and "KS-2024-0009" in _numbers(tab.model)
    assert tab.model.rowCount() == 6
