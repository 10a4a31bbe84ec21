"""The service report and visit report windows driven like the field engineer: write a report with
parts through the widgets, bad input shown next to its field and nothing stored, a visit with a
follow-up action verified, the PDF written."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.services import field_service, visit_service
from app.services.customer_service import CustomerData, create
from app.ui.field_service.service_report_dialog import (
    PAGE_REPORT,
    PAGE_RESULT,
    ServiceReportDialog,
)
from app.ui.field_service.visit_dialog import PAGE_ACTIONS, VisitReportDialog
from app.ui.signals import DataHub
from app.ui.widgets.action_dialogs import VerifyActionDialog


@pytest.fixture
def hub():
    return DataHub()


@pytest.fixture
def customer(engine):
    return create(
        engine,
        CustomerData(
            code="KH-0201",
            name="温州恒信汽车部件有限公司",
            short_name="恒信",
            address="浙江省温州市瓯海区工业路 8 号",
            cooperation_since=date.today() - timedelta(days=800),
        ),
        "t",
    )


def _open(qtbot, cls, engine, hub, record_id=None):
    dialog = cls(engine, hub, record_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _stamp(day: date, hour: int, minute: int = 0) -> str:
    return f"{day.isoformat()} {hour:02d}:{minute:02d}"


def _fill_service(form, arrival: str, departure: str) -> None:
    form.customer.setText("恒信")
    form.resolve_customer()
    form.engineers.setPlainText("张伟, 李强")
    form.arrived_at.line.setText(arrival)
    form.departed_at.line.setText(departure)
    form.product_model.setText("QDJ1525")
    form.serial_no.setText("SN2611811")
    form.problem_found.setPlainText("起动机异响")
    form.work_done.setPlainText("更换单向器")
    for values in (
        {"part_no": "FD-3302", "name": "单向器", "quantity": "2", "charged": "charged"},
        {"part_no": "", "name": "垫片", "quantity": "5", "charged": "warranty"},
    ):
        form.add_part()
        row = form.parts.table.rowCount() - 1
        for key, value in values.items():
            form.parts.set_value(row, key, value)


def _errors(form) -> dict[str, str]:
    shown = {k: f.error.text() for k, f in form.fields.fields.items() if not f.error.isHidden()}
    for key, field in (("customer_id", form.customer_field), ("arrived_at", form.arrived_field),
                       ("departed_at", form.departed_field)):  # fmt: skip
        if not field.error.isHidden():
            shown[key] = field.error.text()
    return shown


def test_write_a_service_report_through_the_widgets(qtbot, engine, hub, customer, answers):
    dialog = _open(qtbot, ServiceReportDialog, engine, hub)
    form = dialog.form
    assert dialog.windowTitle() == "新建现场服务报告"
    day = date.today() - timedelta(days=1)
    _fill_service(form, _stamp(day, 8, 30), _stamp(day, 11, 0))
    # the site comes from the customer file, and stays editable
    assert form.site_address.text() == "浙江省温州市瓯海区工业路 8 号"
    form.site_address.setText("温州恒信二厂 总装车间")
    form.setCurrentIndex(PAGE_RESULT)
    form.result.setCurrentIndex(form.result.findData("temporary"))
    form.customer_rating.setCurrentIndex(form.customer_rating.findData(4))
    form.customer_signatory.setText("王经理")
    form.travel_cost.setText("350")
    assert dialog.dirty and dialog.windowTitle().endswith("*")
    assert form.hours.text() == "现场 2.5 小时"

    assert dialog.save(), dialog.message.text()
    assert re.fullmatch(rf"FW-{day.year}-\d{{4}}", dialog.data.number)
    stored = field_service.get_by_number(engine, dialog.data.number)
    assert stored.customer_id == customer.id
    assert stored.site_address == "温州恒信二厂 总装车间"
    assert stored.engineer_list == ["张伟", "李强"]
    assert stored.arrived_at == datetime(day.year, day.month, day.day, 8, 30).astimezone()
    assert stored.hours == 2.5
    assert stored.result == "temporary" and stored.customer_rating == 4
    assert stored.travel_cost == 350 and stored.labour_cost == 0
    assert [(p.part_no, p.name, p.quantity, p.charged) for p in stored.parts] == [
        ("FD-3302", "单向器", 2, True),
        ("", "垫片", 5, False),
    ]
    assert not dialog.dirty
    assert dialog.data.number in dialog.header.text()
    assert dialog.form.history.rowCount() > 0  # the trail is shown

    # change: remove a part, Ctrl+S stores it, the number stays
    form.parts.table.selectRow(1)
    form.parts.remove_selected()
    assert dialog.save()
    again = field_service.get(engine, stored.id)
    assert again.number == stored.number and len(again.parts) == 1


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_stored(
    qtbot, engine, hub, customer, answers
):
    dialog = _open(qtbot, ServiceReportDialog, engine, hub)
    form = dialog.form
    day = date.today() - timedelta(days=2)
    _fill_service(form, _stamp(day, 14, 0), _stamp(day, 9, 0))  # departure before arrival
    form.parts.set_value(0, "quantity", "0")
    form.travel_cost.setText("-5")
    assert not dialog.save()
    assert field_service.count(engine) == 0
    errors = _errors(form)
    assert errors["departed_at"] == "离开时间应晚于到达时间。"
    assert errors["travel_cost"]
    quantity = form.parts.item(0, "quantity")
    assert quantity.toolTip() == "应大于 0。"
    assert "第 1 行" in form.parts.error.text()
    assert "未保存" in dialog.message.text()
    # the typed text stays; the report page with the errors is shown
    assert form.departed_at.text() == _stamp(day, 9, 0)
    assert form.currentIndex() == PAGE_REPORT

    # a time that is no time, and a quantity that is no number: explained too
    form.departed_at.line.setText("明天下午")
    form.parts.set_value(1, "quantity", "五")
    assert not dialog.save()
    errors = _errors(form)
    assert "日期和时间" in errors["departed_at"]
    assert form.parts.item(1, "quantity").toolTip()
    assert field_service.count(engine) == 0

    # corrected, it saves
    form.departed_at.line.setText(_stamp(day, 16, 0))
    form.parts.set_value(0, "quantity", "1")
    form.parts.set_value(1, "quantity", "5")
    form.travel_cost.setText("")
    assert dialog.save(), dialog.message.text()
    assert field_service.count(engine) == 1


def test_unsaved_changes_prompt_on_close(qtbot, engine, hub, customer, answers):
    from PySide6.QtWidgets import QMessageBox

    queue, asked = answers
    dialog = _open(qtbot, ServiceReportDialog, engine, hub)
    dialog.form.problem_found.setPlainText("异响")
    queue.append(QMessageBox.StandardButton.Cancel)
    dialog.close()
    assert dialog.isVisible() and "未保存" in asked[-1]
    queue.append(QMessageBox.StandardButton.Discard)
    dialog.close()
    assert not dialog.isVisible()
    assert field_service.count(engine) == 0


def test_service_report_pdf(qtbot, engine, hub, customer, answers, save_path, tmp_path):
    dialog = _open(qtbot, ServiceReportDialog, engine, hub)
    day = date.today() - timedelta(days=1)
    _fill_service(dialog.form, _stamp(day, 8), _stamp(day, 10))
    assert dialog.save()
    target = tmp_path / "报告"
    save_path["path"] = str(target)
    dialog.export_pdf()
    qtbot.waitUntil(lambda: dialog.last_export is not None, timeout=20000)
    assert dialog.last_export == tmp_path / "报告.pdf"
    assert dialog.last_export.read_bytes().startswith(b"%PDF")


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


def test_visit_with_a_follow_up_action_verified(qtbot, engine, hub, customer, answers):
    dialog = _open(qtbot, VisitReportDialog, engine, hub)
    form = dialog.form
    assert form.visited_on.text() == date.today().isoformat()
    form.customer.setText("恒信")
    form.resolve_customer()
    # the next visit follows the cadence (after the first year: every 3 months)
    expected = visit_service.suggested_next_visit(engine, customer.id, date.today())
    assert expected is not None and form.next_visit_on.text() == expected.isoformat()
    form.visitors.setPlainText("销售 黄勇\n品保 陈静")
    form.attendees.setPlainText("采购部 刘主管")
    form.topics.setPlainText("季度质量回顾")
    form.feedback.setPlainText("包装需改进")
    form.requests.setPlainText("提供装配指导书")
    form.setCurrentIndex(PAGE_ACTIONS)
    table = form.actions
    table.add_row()
    for key, value in {"description": "改进包装,增加护角", "owner": "刘洋",
                       "due": date.today().isoformat(), "done_on": date.today().isoformat()}.items():  # fmt: skip
        table.set_value(0, key, value)
    assert dialog.save(), dialog.message.text()
    assert re.fullmatch(rf"ZF-{date.today().year}-\d{{4}}", dialog.data.number)
    stored = visit_service.get(engine, dialog.data.id)
    assert stored.visitor_list == ["销售 黄勇", "品保 陈静"]
    assert stored.next_visit_on == expected
    assert [(a.description, a.owner, a.due) for a in stored.actions] == [
        ("改进包装,增加护角", "刘洋", date.today())
    ]
    assert len(stored.open_actions) == 1
    assert form.tabText(PAGE_ACTIONS).endswith("(1)")

    # verify through the widgets
    form.actions.table.selectRow(0)
    results: list = []
    _answer(VerifyActionDialog, lambda d: d.verified_by.setText("品保 陈静"), results)
    dialog.verify_action()
    assert results == ["accepted"]
    assert visit_service.get(engine, stored.id).open_actions == []
    assert "有效" in form.actions.item(0, "verification").text()

    # a follow-up due before the visit is refused next to its cell
    table.add_row()
    table.set_value(1, "description", "回访")
    table.set_value(1, "due", (date.today() - timedelta(days=3)).isoformat())
    assert not dialog.save()
    assert form.actions.item(1, "due").toolTip() == "不能早于走访日期。"
    assert len(visit_service.get(engine, stored.id).actions) == 1


# A 1920×1080 screen at 150 % is 1280×720 logical pixels; Windows' taskbar leaves about 649.
SMALL_SCREEN_HEIGHT = 649


@pytest.mark.parametrize("cls", [ServiceReportDialog, VisitReportDialog])
def test_report_windows_fit_a_small_screen_at_150_percent(qtbot, engine, hub, cls):
    dialog = _open(qtbot, cls, engine, hub)
    frame = dialog.frameGeometry().height() - dialog.geometry().height()
    assert dialog.minimumSizeHint().height() + frame <= SMALL_SCREEN_HEIGHT
