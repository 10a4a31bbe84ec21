"""The field-service tab: one list of service reports and visits, its filters, opening and
deleting, the overdue visits with a customer's own interval, the printed forms."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.services import customer_service, field_service, visit_service
from app.services.customer_service import CustomerData
from app.services.field_data import ActionData, PartData, ServiceReportData, VisitReportData
from app.ui.field_service.overdue_dialog import OverdueVisitsDialog
from app.ui.field_service.tab import FieldServiceTab
from app.ui.field_service.table_model import FieldTableModel
from app.ui.signals import DataHub
from app.ui.widgets.action_dialogs import ReasonDialog

M = FieldTableModel


def _last_month() -> date:
    """The tenth of last month: a day in the month before today's."""
    return (date.today().replace(day=1) - timedelta(days=1)).replace(day=10)


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour).astimezone()


@pytest.fixture
def records(engine):
    """Two customers; a solved and a temporary service report, a visit with an open follow-up;
    a third customer last visited long ago (overdue)."""
    hengxin = customer_service.create(
        engine, CustomerData(code="KH-0001", name="温州恒信汽车部件有限公司"), "t"
    )
    yuanhang = customer_service.create(
        engine, CustomerData(code="KH-0002", name="上海远航汽车电器有限公司"), "t"
    )
    distant = customer_service.create(
        engine,
        CustomerData(code="KH-0003", name="郑州瑞丰汽车部件有限公司",
                     cooperation_since=date.today() - timedelta(days=900)),
        "t",
    )  # fmt: skip
    solved = field_service.create(
        engine,
        ServiceReportData(
            customer_id=hengxin.id, engineers="张伟", arrived_at=_at(_last_month(), 9),
            departed_at=_at(_last_month(), 12), problem_found="起动机异响", product_model="QDJ1525",
            parts=[PartData("FD-3302", "单向器", 1, True)],
        ),
        "t",
    )  # fmt: skip
    temporary = field_service.create(
        engine,
        ServiceReportData(
            customer_id=yuanhang.id, engineers="李强\n黄勇", arrived_at=_at(date.today(), 8),
            departed_at=_at(date.today(), 9) if datetime.now().hour >= 10 else None,
            problem_found="发电机不发电", result="temporary",
        ),
        "t",
    )  # fmt: skip
    visit = visit_service.create(
        engine,
        VisitReportData(
            customer_id=hengxin.id, visited_on=date.today(), visitors="黄勇", topics="季度质量回顾",
            actions=[ActionData(description="改进包装", owner="刘洋", due=date.today() + timedelta(days=7))],
        ),
        "t",
    )  # fmt: skip
    old = visit_service.create(
        engine,
        VisitReportData(customer_id=distant.id, visited_on=date.today() - timedelta(days=200),
                        visitors="陈静", topics="年度供货计划"),
        "t",
    )  # fmt: skip
    return {"hengxin": hengxin, "yuanhang": yuanhang, "distant": distant, "solved": solved,
            "temporary": temporary, "visit": visit, "old": old}  # fmt: skip


@pytest.fixture
def tab(qtbot, engine, records, wait_list):
    widget = FieldServiceTab(engine, DataHub())
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    wait_list(widget)
    return widget


def _numbers(model) -> set[str]:
    return {model.index(r, M.COL_NUMBER).data() for r in range(model.rowCount())}


def test_one_list_of_reports_and_visits(tab, records):
    model = tab.model
    assert model.rowCount() == 4
    assert model.headers()[M.COL_OPEN] == "未完成跟进"
    row = model.row_of(("service", records["temporary"].id))
    assert model.index(row, M.COL_KIND).data() == "现场服务"
    assert model.index(row, M.COL_CUSTOMER).data() == "上海远航汽车电器有限公司"
    assert model.index(row, M.COL_PEOPLE).data() == "李强, 黄勇"
    assert model.index(row, M.COL_RESULT).data() == "临时解决"
    assert model.index(row, M.COL_OPEN).data() == "1"
    row = model.row_of(("visit", records["visit"].id))
    assert model.index(row, M.COL_KIND).data() == "走访"
    assert model.index(row, M.COL_SUMMARY).data() == "季度质量回顾"
    assert model.index(row, M.COL_OPEN).data() == "1"
    assert tab.count_label.text() == "4 条记录"


def test_the_filters(qtbot, tab, records, wait_list):
    model = tab.model
    tab.kind_filter.setCurrentIndex(tab.kind_filter.findData("visit"))
    wait_list(tab)
    assert _numbers(model) == {records["visit"].number, records["old"].number}
    tab.kind_filter.setCurrentIndex(0)
    wait_list(tab)
    tab.open_filter.setChecked(True)
    wait_list(tab)
    assert _numbers(model) == {records["temporary"].number, records["visit"].number}
    tab.open_filter.setChecked(False)
    wait_list(tab)
    tab.month_filter.setCurrentIndex(
        tab.month_filter.findData(f"{_last_month().year}-{_last_month().month:02d}")
    )
    wait_list(tab)
    assert _numbers(model) == {records["solved"].number}
    tab.month_filter.setCurrentIndex(0)
    wait_list(tab)
    tab.customer_filter.set_customer(records["hengxin"].id, "KH-0001  温州恒信汽车部件有限公司")
    wait_list(tab)
    assert _numbers(model) == {records["solved"].number, records["visit"].number}
    tab.clear_filters()
    wait_list(tab)
    assert model.rowCount() == 4
    # text waits until the typing stops
    tab.engineer_filter.setText("黄勇")
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)
    assert _numbers(model) == {records["temporary"].number, records["visit"].number}
    tab.clear_filters()
    wait_list(tab)
    tab.search.setText("QDJ1525")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)
    assert _numbers(model) == {records["solved"].number}


def test_open_with_enter_double_click_and_new_from_the_menu(qtbot, tab, records, monkeypatch):
    opened: list = []
    monkeypatch.setattr(tab, "_open_dialog", lambda key, customer_id=None: opened.append(key))
    key = ("visit", records["visit"].id)
    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.model.index(tab.model.row_of(key), 0))
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert opened == [key]
    other = ("service", records["solved"].id)
    tab.view.doubleClicked.emit(tab.model.index(tab.model.row_of(other), 2))
    assert opened[-1] == other
    texts = [a.text() for a in tab.new_menu.actions()]
    assert texts == ["现场服务报告…", "走访报告…"]
    tab.new_menu.actions()[0].trigger()
    assert opened[-1] == ("service", 0)
    tab.new_menu.actions()[1].trigger()
    assert opened[-1] == ("visit", 0)


def test_open_builds_the_dialog_of_that_record(qtbot, tab, records, monkeypatch):
    from app.ui.field_service.service_report_dialog import ServiceReportDialog
    from app.ui.field_service.visit_dialog import VisitReportDialog

    shown: list = []
    for cls in (ServiceReportDialog, VisitReportDialog):
        monkeypatch.setattr(cls, "exec", lambda dialog: shown.append(dialog) or 0)
    tab.open_key(("service", records["solved"].id))
    tab.open_key(("visit", records["visit"].id))
    for dialog in shown:
        qtbot.addWidget(dialog)
    assert shown[0].data.number == records["solved"].number
    assert shown[0].form.parts.table.rowCount() == 1
    assert shown[1].data.number == records["visit"].number
    assert shown[1].form.actions.table.rowCount() == 1


def _answer(cls, fill, results: list) -> None:
    tries = {"left": 200}

    def handle() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, cls):
            tries["left"] -= 1
            if tries["left"]:
                QTimer.singleShot(10, handle)
            return
        fill(modal)
        modal.accept()
        if modal.isVisible():
            results.append({k: f.error.text() for k, f in modal.fields.items() if f.error.text()})
            modal.reject()
        else:
            results.append("accepted")

    QTimer.singleShot(0, handle)


def test_delete_asks_for_a_reason(qtbot, engine, tab, records, wait_list):
    tab.select_record(("service", records["solved"].id))
    results: list = []
    _answer(ReasonDialog, lambda d: None, results)  # no reason: refused
    assert not tab.delete_current()
    assert results == [{"delete_reason": "必填。"}]
    assert field_service.get(engine, records["solved"].id) is not None
    _answer(ReasonDialog, lambda d: d.reason.setPlainText("重复录入"), results)
    assert tab.delete_current()
    assert field_service.get(engine, records["solved"].id) is None
    wait_list(tab)
    assert tab.model.rowCount() == 3


def test_overdue_visits_and_a_customers_interval(qtbot, engine, tab, records, monkeypatch):
    overdue = visit_service.overdue_visits(engine)
    assert [o.customer_code for o in overdue] == ["KH-0003"]
    assert tab.overdue_button.text() == "逾期走访 (1)"
    new_visits: list[int] = []
    dialog = OverdueVisitsDialog(engine, new_visits.append)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, dialog.COL_NAME).text() == "郑州瑞丰汽车部件有限公司"
    assert dialog.table.item(0, dialog.COL_DAYS).text() == str(overdue[0].days_overdue)
    assert int(dialog.table.item(0, dialog.COL_DAYS).text()) > 0
    # visit this customer every 12 months: no longer overdue
    dialog.use_cadence.setChecked(False)
    dialog.every.setValue(12)
    assert dialog.apply_interval()
    assert visit_service.visit_plan(engine, records["distant"].id) == 12
    assert dialog.table.rowCount() == 0
    assert tab.update_overdue() == 0 and tab.overdue_button.text() == "逾期走访 (0)"
    # back to the general cadence: overdue again, a new visit from the list
    visit_service.set_visit_plan(engine, records["distant"].id, None, "t")
    dialog.reload()
    assert dialog.table.rowCount() == 1
    dialog.new_visit()
    assert new_visits == [records["distant"].id]


def test_registered_after_the_surveys_tab(qtbot, window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles.index("现场服务") == titles.index(window.surveys_tab.title()) + 1
    assert window.field_service_tab in window.record_tabs()


def test_print_the_forms(qtbot, tab, records, save_path, tmp_path, answers):
    from pypdf import PdfReader

    tab.select_record(("service", records["solved"].id))
    save_path["path"] = str(tmp_path / "service.pdf")
    tab.export_selected()
    qtbot.waitUntil(lambda: tab.last_export is not None, timeout=20000)
    text = PdfReader(tab.last_export).pages[0].extract_text()
    assert records["solved"].number in text

    tab.select_record(("visit", records["visit"].id))
    tab.last_export = None
    save_path["path"] = str(tmp_path / "visit.pdf")
    tab.export_selected()
    qtbot.waitUntil(lambda: tab.last_export is not None, timeout=20000)
    assert records["visit"].number in PdfReader(tab.last_export).pages[0].extract_text()

    tab.last_export = None
    save_path["path"] = str(tmp_path / "blank.pdf")
    tab.export_blank()
    qtbot.waitUntil(lambda: tab.last_export is not None, timeout=20000)
    assert (tmp_path / "blank.pdf").read_bytes().startswith(b"%PDF")

    month = (_last_month().year, _last_month().month)
    tab.last_export = None
    save_path["path"] = str(tmp_path / "monthly")
    tab.export_monthly(True, month)
    qtbot.waitUntil(lambda: tab.last_export is not None, timeout=20000)
    assert tab.last_export == tmp_path / "monthly.xlsx"
    assert load_workbook(tab.last_export).sheetnames
    tab.last_export = None
    save_path["path"] = str(tmp_path / "monthly.pdf")
    tab.export_monthly(False, month)
    qtbot.waitUntil(lambda: tab.last_export is not None, timeout=20000)
    assert (tmp_path / "monthly.pdf").read_bytes().startswith(b"%PDF")
