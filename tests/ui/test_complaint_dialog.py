"""The complaint ticket form driven like the quality clerk: register a phone call, work the 8D,
verify actions, answer the customer, close, reopen; bad input explained next to the field."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)

from app.services import attachment_service, complaint_service, complaint_workflow, customer_service
from app.services.complaint_data import ActionData, ComplaintData
from app.services.customer_service import ContactData, CustomerData, ProductData
from app.ui.complaints.action_dialogs import CloseTicketDialog
from app.ui.complaints.complaint_dialog import ComplaintDialog
from app.ui.complaints.complaint_pages import PAGE_ACTIONS
from app.ui.signals import DataHub
from app.ui.widgets.action_dialogs import ReasonDialog, VerifyActionDialog


@pytest.fixture
def hub():
    return DataHub()


@pytest.fixture
def customer(engine):
    return customer_service.create(
        engine,
        CustomerData(
            code="KH-0101",
            name="浙江恒通汽车部件有限公司",
            short_name="恒通",
            type="oem",
            contacts=[
                ContactData(name="王立新", department="质量部", phone="138 0571 2233"),
                ContactData(name="李娜", department="采购部", phone="0571-8888 6666"),
            ],
            products=[ProductData(model="ZQ-200", spec="前制动钳")],
        ),
        "test",
    )


def _open(qtbot, engine, hub, complaint_id=None) -> ComplaintDialog:
    dialog = ComplaintDialog(engine, hub, complaint_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _answer(cls, fill, results: list) -> None:
    """When a `cls` dialog runs modally, fill it and press OK; a refused OK is recorded and
    the dialog is cancelled so the test never hangs."""
    tries = {"left": 200}

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, cls):
            tries["left"] -= 1
            if tries["left"]:
                QTimer.singleShot(10, handle)
            return
        fill(dialog)
        dialog.accept()
        if dialog.isVisible():
            results.append(
                {k: f.error.text() for k, f in dialog.fields.items() if f.error.text()}
                | ({"": dialog.message.text()} if dialog.message.text() else {})
            )
            dialog.reject()
        else:
            results.append("accepted")

    QTimer.singleShot(0, handle)


def _pick_customer_with_the_keyboard(qtbot, form) -> None:
    form.customer_edit.clear()
    form.window().activateWindow()
    form.customer_edit.setFocus()
    qtbot.waitUntil(form.customer_edit.hasFocus, timeout=2000)
    qtbot.keyClicks(form.customer_edit, "kh-01")
    popup = form.customer_edit.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def _errors(form) -> dict[str, str]:
    return {key: f.error.text() for key, f in form.fields.items() if not f.error.isHidden()}


def _set_combo(combo: QComboBox, value) -> None:
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())


def _action_rows(form) -> list[dict[str, str]]:
    return form.actions.rows()


def _editable_widgets(root: QWidget, allowed: tuple[QWidget, ...] = ()) -> list[str]:
    """Every widget under root that still takes input (calendar pop-ups aside)."""

    def in_calendar(widget: QWidget) -> bool:
        while widget is not None:
            if isinstance(widget, QCalendarWidget):
                return True
            widget = widget.parentWidget()
        return False

    found = []
    for widget in root.findChildren(QWidget):
        corner = type(widget) is QAbstractButton and isinstance(widget.parentWidget(), QTableWidget)
        if in_calendar(widget) or widget in allowed or corner:
            continue
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            if widget.isEnabled() and not widget.isReadOnly():
                found.append(
                    f"{type(widget).__name__} {widget.objectName()} {widget.placeholderText()}"
                )
        elif isinstance(widget, QComboBox | QAbstractButton):
            if widget.isEnabled() and not type(widget).__name__.startswith("QScroll"):
                found.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()}")
        elif isinstance(widget, QTableWidget):
            if widget.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers:
                found.append(f"table {widget.horizontalHeaderItem(0).text()}")
    return found


# ---------------------------------------------------------------- the whole life of a ticket


def test_register_work_the_8d_and_close(qtbot, engine, hub, customer, answers, save_path, tmp_path):
    queue, asked = answers
    earlier = complaint_service.create(
        engine,
        ComplaintData(
            customer_id=customer.id,
            received_at=datetime.now().astimezone() - timedelta(days=40),
            description="制动钳异响,装车后发现",
            defect_category="异响",
            part_no="P-1001",
        ),
        "test",
    )
    changed: list[tuple[str, int]] = []
    hub.dataChanged.connect(lambda family, record: changed.append((family, record)))
    dialog = _open(qtbot, engine, hub)
    form = dialog.form
    assert dialog.windowTitle() == "新建客户抱怨单"
    assert form.received_by.text()  # the clerk, by default
    assert form.received_at.text().startswith(date.today().isoformat())

    # registration from a phone call, by keyboard
    _pick_customer_with_the_keyboard(qtbot, form)
    assert form.customer_edit.text().startswith("KH-0101")
    assert [form.contact.itemText(i) for i in range(form.contact.count())] == ["王立新", "李娜"]
    form.contact.setCurrentIndex(1)
    assert form.contact_phone.text() == "0571-8888 6666"  # the contact's phone comes along
    assert form.product_model.itemText(0) == "ZQ-200"
    form.product_model.setCurrentIndex(0)
    qtbot.keyClicks(form.part_no, "P-1001")
    qtbot.keyClicks(form.batch_no, "B2611")
    qtbot.keyClicks(form.qty_delivered, "500")
    qtbot.keyClicks(form.qty_defective, "12")
    form.defect_category.setCurrentIndex(form.defect_category.findData("异响"))
    form.description.setPlainText("装车后制动异响,顾客总装线发现 12 件")
    form.customer_request.setPlainText("8D 报告,换货")
    qtbot.mouseClick(form.line_stopped, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert form.severity.currentData() == "major"  # a stopped line is a major complaint

    # the earlier ticket of the same customer, part and defect is flagged at once
    qtbot.waitUntil(lambda: bool(form.recurrence.refs), timeout=2000)
    assert "重复发生" in form.recurrence.title.text() and "1 单" in form.recurrence.title.text()
    assert form.recurrence.table.item(0, 0).text() == earlier.number
    assert dialog.dirty and dialog.windowTitle().endswith("*")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    number = dialog.complaint.number
    assert number == f"KS-{date.today().year}-0002"
    assert number in dialog.windowTitle() and "已登记" in dialog.message.text()
    assert ("complaint", dialog.complaint.id) in changed
    stored = complaint_service.get(engine, dialog.complaint.id)
    assert stored.contact_name == "李娜" and stored.qty_defective == 12
    assert stored.severity == "major" and stored.line_stopped
    assert [d.key for d in stored.deadlines][:2] == ["first_reply", "containment"]
    assert form.deadlines_panel.table.rowCount() == len(stored.deadlines)

    # double-click on the recurrence opens the earlier ticket, read-only
    item = form.recurrence.table.item(0, 1)
    form.recurrence.table.itemDoubleClicked.emit(item)
    other = dialog.linked[-1]
    assert other.complaint.number == earlier.number and other.read_only
    assert other.form.description.isReadOnly() and other.banner.isVisible()
    other.close()

    # D1–D7
    texts = {1: "张伟(质量保障部,组长);李强(生产部)", 2: "5W2H:装车后低速制动异响",
             3: "顾客处及在途库存全部挑选", 4: "摩擦片倒角不足", 5: "增加倒角工序",
             6: "实施后连续 3 批无异响", 7: "同类制动钳 FMEA 更新"}  # fmt: skip
    for step, text in texts.items():
        form.step_editors[step].content.setPlainText(text)
        form.step_editors[step].owner.setText("张伟")
    for step in (1, 2, 3):
        form.step_editors[step].done_on.line.setText(date.today().isoformat())
    form.sorting.add_row({"location": "customer", "qty_checked": "300", "qty_defective": "8",
                          "handled_by": "李强", "done_on": date.today().isoformat()})  # fmt: skip
    form.sorting.changed.emit()
    _set_combo(form.occurrence_category, "method")
    form.occurrence_cause.setPlainText("倒角工序漏做")
    form.why_edits[0].setText("为什么异响?摩擦片边缘接触")
    form.why_edits[1].setText("为什么接触?倒角不足")
    form.fmea_updated.setChecked(True)
    _set_combo(form.responsibility, "ours")
    assert "B2611" in form.quarantine_advice.toPlainText()  # our fault in a batch → quarantine
    form.responsible_department.setEditText("生产部")

    # a corrective and a preventive action
    form.show_page(PAGE_ACTIONS)
    row = form.actions.add_row()
    for key, value in {"description": "增加倒角工序", "department": "生产部", "owner": "李强",
                       "due": (date.today() + timedelta(days=5)).isoformat()}.items():  # fmt: skip
        form.actions.set_value(row, key, value)
    qtbot.mouseClick(form.add_preventive_button, Qt.MouseButton.LeftButton)
    row = form.actions.table.rowCount() - 1
    for key, value in {"description": "同类产品推广倒角检查", "owner": "王芳",
                       "due": (date.today() + timedelta(days=6)).isoformat()}.items():  # fmt: skip
        form.actions.set_value(row, key, value)
    assert dialog.save(), dialog.message.text()
    stored = complaint_service.get(engine, dialog.complaint.id)
    assert [a.kind for a in stored.actions] == ["corrective", "preventive"]
    assert stored.step(1).content.startswith("张伟") and stored.five_why.count("\n") == 1
    assert stored.sorting[0].qty_defective == 8 and stored.fmea_updated
    assert stored.current_step == 4

    # both done; the corrective one is not effective the first time
    for row in (0, 1):
        form.actions.set_value(row, "done_on", date.today().isoformat())
    assert dialog.save()
    first_due = date.today() + timedelta(days=5)
    new_due = date.today() + timedelta(days=12)
    results: list = []
    form.actions.table.selectRow(0)
    _answer(
        VerifyActionDialog,
        lambda d: (
            d.not_effective.setChecked(True),
            d.new_due.line.setText(new_due.isoformat()),
            d.note.setPlainText("仍有轻微异响"),
        ),  # fmt: skip
        results,
    )
    qtbot.mouseClick(form.actions_panel.verify_button, Qt.MouseButton.LeftButton)
    assert results == ["accepted"]
    action = complaint_service.get(engine, dialog.complaint.id).actions[0]
    assert action.due == new_due and action.done_on is None and action.first_due == first_due
    assert form.actions.value(0, "due") == new_due.isoformat()
    history = [
        form.actions_panel.history.item(i).text() for i in range(form.actions_panel.history.count())
    ]
    assert any(first_due.isoformat() in line and "无效" in line for line in history), history

    # done again, then effective
    form.actions.set_value(0, "done_on", date.today().isoformat())
    assert dialog.save()
    for row in (0, 1):
        form.actions.table.selectRow(row)
        _answer(VerifyActionDialog, lambda d: d.verified_by.setText("赵敏"), results)
        dialog.verify_action()
    assert results[-2:] == ["accepted", "accepted"]
    actions = complaint_service.get(engine, dialog.complaint.id).actions
    assert [a.verification for a in actions] == ["effective", "effective"]
    assert form.actions.value(0, "verification").startswith("有效")

    # too early to close: the customer has not been answered yet
    assert not dialog.close_ticket()
    errors = _errors(form)
    assert errors["reply_content"] == "结案前须记录答复顾客的时间和内容。"
    assert errors["visit_satisfied"] == "结案前须完成回访并记录顾客是否满意。"
    assert "本单尚不能结案" in asked[-1]

    # replies and a satisfied return visit
    for editor in (form.first_reply_at, form.containment_reply_at, form.action_reply_at,
                   form.reply_at, form.visit_at):  # fmt: skip
        qtbot.mouseClick(editor.now_button, Qt.MouseButton.LeftButton)
    assert form.reply_by.text() == form.user  # "now" on the answer fills who answered
    form.reply_content.setPlainText("已更换 12 件,8D 报告已发送")
    form.visit_satisfied.setCurrentIndex(1)
    form.visit_notes.setPlainText("顾客满意")
    assert dialog.save(), dialog.message.text()
    assert not _errors(form)

    _answer(CloseTicketDialog, lambda d: d.note.setPlainText("措施有效,顾客满意"), results)
    assert dialog.close_ticket()
    closed = complaint_service.get(engine, dialog.complaint.id)
    assert closed.status == "closed" and closed.closing_note == "措施有效,顾客满意"
    assert dialog.read_only and dialog.banner.isVisible() and "结案" in dialog.banner.text()
    assert "只读" in dialog.windowTitle()
    assert _editable_widgets(dialog.form) == []
    assert not dialog.save_button.isEnabled() and not dialog.close_ticket_button.isEnabled()
    assert dialog.reopen_button.isEnabled() and dialog.print_button.isEnabled()
    history_fields = {form.history.item(r, 3).text() for r in range(form.history.rowCount())}
    assert {"状态", "D8 结案 · 完成日期", "效果验证"} & history_fields

    # the 8D report prints bilingual for an OEM customer
    assert dialog.print_language() == "bilingual"
    save_path["path"] = str(tmp_path / "8D.pdf")
    op = dialog.export_pdf("eight_d")
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    assert (tmp_path / "8D.pdf").read_bytes().startswith(b"%PDF")


# ---------------------------------------------------------------- reopening


def _closed_ticket(engine, customer_id: int) -> ComplaintData:
    now = datetime.now().astimezone().replace(microsecond=0)
    data = ComplaintData(
        customer_id=customer_id,
        received_at=now - timedelta(hours=3),
        description="外径超差",
        defect_category="尺寸不良",
        part_no="P-2002",
        responsibility="customer_misuse",
        reply_at=now - timedelta(hours=1),
        reply_content="经分析为顾客安装不当",
        visit_at=now,
        visit_satisfied=True,
        actions=[ActionData(description="培训顾客安装", due=date.today(), done_on=date.today())],
    )
    ticket = complaint_service.create(engine, data, "test")
    complaint_workflow.verify_action(
        engine,
        ticket.actions[0].id,
        effective=True,
        verified_by="赵敏",
        verified_on=date.today(),
        user="t",
    )
    return complaint_workflow.close(engine, ticket.id, user="test", note="顾客满意")


def test_reopen_a_closed_ticket_gives_number_minus_1(qtbot, engine, hub, customer, answers):
    closed = _closed_ticket(engine, customer.id)
    dialog = _open(qtbot, engine, hub, closed.id)
    assert dialog.read_only and "已于" in dialog.banner.text()
    assert not dialog.cancel_ticket_button.isEnabled()
    results: list = []
    _answer(ReasonDialog, lambda d: None, results)  # no reason: refused next to the field
    assert not dialog.reopen_ticket()
    assert results == [{"reopen_reason": "必填。"}]
    _answer(ReasonDialog, lambda d: d.reason.setPlainText("顾客再次发现异响"), results)
    assert dialog.reopen_ticket()

    assert dialog.complaint.number == f"{closed.number}-1"
    assert not dialog.read_only and not dialog.banner.isVisible()
    assert closed.number in dialog.links.text()  # the origin, as a link
    assert dialog.form.description.toPlainText() == "外径超差"
    assert complaint_service.get(engine, closed.id).status == "reopened"
    origin = dialog.open_ticket(closed.id)
    assert origin.read_only and f"{closed.number}-1" in origin.banner.text()
    assert f"{closed.number}-1" in origin.links.text()


def test_not_satisfied_offers_to_reopen(qtbot, engine, hub, customer, answers):
    queue, asked = answers
    ticket = complaint_service.create(
        engine,
        ComplaintData(
            customer_id=customer.id,
            received_at=datetime.now().astimezone() - timedelta(hours=2),
            description="漏油",
            defect_category="泄漏",
            reply_at=datetime.now().astimezone() - timedelta(hours=1),
            reply_content="已更换密封件",
        ),
        "test",
    )
    dialog = _open(qtbot, engine, hub, ticket.id)
    qtbot.mouseClick(dialog.form.visit_at.now_button, Qt.MouseButton.LeftButton)
    dialog.form.visit_satisfied.setCurrentIndex(2)
    dialog.form.visit_notes.setPlainText("仍漏油")
    queue.append(QMessageBox.StandardButton.Yes)
    results: list = []
    _answer(ReasonDialog, lambda d: None, results)  # the visit notes are offered as the reason
    assert dialog.save()
    assert "不满意" in asked[-1]
    assert results == ["accepted"]
    assert dialog.complaint.number == f"{ticket.number}-1"
    assert complaint_service.get(engine, ticket.id).reopen_reason == ""
    assert dialog.complaint.reopen_reason == "仍漏油"


# ---------------------------------------------------------------- refused input


def test_bad_quantity_is_explained_next_to_the_field_and_the_text_stays(
    qtbot, engine, hub, customer, answers
):
    dialog = _open(qtbot, engine, hub)
    form = dialog.form
    form.customer_edit.setText("恒通")
    form.description.setPlainText("端面划伤")
    form.defect_category.setCurrentIndex(form.defect_category.findData("外观不良"))
    qtbot.keyClicks(form.qty_delivered, "100")
    qtbot.keyClicks(form.qty_defective, "120")
    form.received_at.line.setText("2026-02-30 10:00")
    form.step_editors[3].done_on.line.setText("明天")

    assert not dialog.save()
    errors = _errors(form)
    assert errors["qty_defective"] == "不能大于 100。"
    assert errors["received_at"] == "日期时间格式不正确(例:2026-03-15 14:30)。"
    assert errors["steps[3].done_on"] == "日期格式不正确(例:2024-03-15)。"
    assert form.qty_defective.text() == "120" and form.description.toPlainText() == "端面划伤"
    assert form.customer_edit.text().startswith("KH-0101")  # the only match was taken
    assert "未保存" in dialog.message.text() and dialog.complaint is None
    assert form.step_list.item(0).foreground().color() == QColor("#c0392b")

    form.qty_defective.setText("12")
    form.received_at.line.setText(f"{date.today().isoformat()} 00:01")
    form.step_editors[3].done_on.line.clear()
    form.customer_edit.setText("无此顾客")
    form.customer_edit.editingFinished.emit()
    assert not dialog.save()
    assert "没有与“无此顾客”相符的顾客" in _errors(form)["customer_id"]
    assert "qty_defective" not in _errors(form)
    _pick_customer_with_the_keyboard(qtbot, form)
    assert dialog.save(), dialog.message.text()

    # a bad table cell is marked in its row and listed under the table
    form.actions.add_row({"description": "", "owner": "李强", "due": "2020-01-01"})
    form.actions.changed.emit()
    assert not dialog.save()
    assert (
        "第 1 行" in form.actions.error.text() and "不能早于接收时间" in form.actions.error.text()
    )
    assert form.actions.item(0, "due").background().color() == QColor("#f8d7da")
    assert form.pages.currentIndex() == PAGE_ACTIONS

    # unsaved changes are not lost silently
    queue, asked = answers
    queue.append(QMessageBox.StandardButton.Cancel)
    dialog.close()
    assert dialog.isVisible() and "未保存" in asked[-1]


# ---------------------------------------------------------------- photos and files


def test_attachments_add_open_and_remove(
    qtbot, engine, hub, customer, answers, tmp_path, monkeypatch
):
    queue, asked = answers
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("darkred"))
    photo = tmp_path / "异响部位.png"
    assert image.save(str(photo))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(photo)], ""))
    )
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()))
    )

    dialog = _open(qtbot, engine, hub)
    form = dialog.form
    form.customer_edit.setText("KH-0101")
    form.description.setPlainText("异响")
    form.defect_category.setCurrentIndex(form.defect_category.findData("异响"))
    assert "先登记" in form.attachments.hint.text()
    qtbot.mouseClick(form.attachments.add_button, Qt.MouseButton.LeftButton)
    assert dialog.complaint is not None  # registered first, so the photo has a ticket
    qtbot.waitUntil(lambda: form.attachments.count() == 1, timeout=5000)
    item = form.attachments.list.item(0)
    assert not item.icon().isNull() and item.text() == "异响部位.png"
    assert "1" in form.step_list.item(10).text()
    stored = attachment_service.list_for(engine, "complaint", dialog.complaint.uuid)
    assert [a.file_name for a in stored] == ["异响部位.png"]
    assert attachment_service.read_bytes(engine, stored[0]) == photo.read_bytes()

    form.attachments.list.setCurrentRow(0)
    form.attachments.list.itemDoubleClicked.emit(item)
    assert opened == [str(attachment_service.file_path(engine, stored[0]))]

    queue.append(QMessageBox.StandardButton.No)
    qtbot.mouseClick(form.attachments.remove_button, Qt.MouseButton.LeftButton)
    assert form.attachments.count() == 1 and "异响部位.png" in asked[-1]
    queue.append(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(form.attachments.remove_button, Qt.MouseButton.LeftButton)
    assert form.attachments.count() == 0
    assert attachment_service.list_for(engine, "complaint", dialog.complaint.uuid) == []
    assert attachment_service.file_path(engine, stored[0]).exists()  # the file itself is kept
    trail = [(form.history.item(r, 4).text(), form.history.item(r, 5).text())
             for r in range(form.history.rowCount())]  # fmt: skip
    assert ("- 异响部位.png", "") in trail and ("", "+ 异响部位.png") in trail


def test_cancel_a_ticket_registered_in_error(qtbot, engine, hub, customer, answers):
    dialog = _open(qtbot, engine, hub)
    form = dialog.form
    _pick_customer_with_the_keyboard(qtbot, form)
    form.description.setPlainText("误登记")
    form.defect_category.setCurrentIndex(0)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves
    assert dialog.complaint is not None and not dialog.dirty
    results: list = []
    _answer(ReasonDialog, lambda d: d.reason.setPlainText("重复登记"), results)
    assert dialog.cancel_ticket()
    stored = complaint_service.get(engine, dialog.complaint.id)
    assert stored.status == "cancelled" and stored.cancel_reason == "重复登记"
    assert dialog.read_only and "重复登记" in dialog.banner.text()
    assert not dialog.reopen_button.isEnabled()  # a cancelled ticket is not reopened
    assert _editable_widgets(dialog.form) == []


def test_late_action_gets_a_new_due_date_with_a_reason(qtbot, engine, hub, customer, answers):
    from app.ui.widgets.action_dialogs import RescheduleActionDialog

    ticket = complaint_service.create(
        engine,
        ComplaintData(
            customer_id=customer.id,
            received_at=datetime.now().astimezone() - timedelta(hours=1),
            description="漏装卡簧",
            defect_category="漏装/错装",
            actions=[ActionData(description="增加防错工装", owner="李强", due=date.today())],
        ),
        "test",
    )
    dialog = _open(qtbot, engine, hub, ticket.id)
    form = dialog.form
    form.show_page(PAGE_ACTIONS)
    form.actions.table.selectRow(0)
    new_due = date.today() + timedelta(days=14)
    results: list = []
    _answer(RescheduleActionDialog, lambda d: d.new_due.line.setText(new_due.isoformat()), results)
    dialog.reschedule_action()
    assert results == [{"reason": "必填。"}]  # the reason is required, the date stays typed
    _answer(
        RescheduleActionDialog,
        lambda d: (
            d.new_due.line.setText(new_due.isoformat()),
            d.reason.setPlainText("工装延期到货"),
        ),
        results,
    )
    dialog.reschedule_action()
    action = complaint_service.get(engine, ticket.id).actions[0]
    assert action.due == new_due and action.first_due == date.today()
    assert form.actions.value(0, "due") == new_due.isoformat()
    lines = [
        form.actions_panel.history.item(i).text() for i in range(form.actions_panel.history.count())
    ]
    assert lines[0] == f"原定期限 {date.today().isoformat()}"
    assert (
        f"{date.today().isoformat()} → {new_due.isoformat()}" in lines[1]
        and "工装延期到货" in lines[1]
    )
    assert form.actions.item(0, "due").toolTip() == f"原定期限 {date.today().isoformat()}"


def test_deadlines_panel_colours_states_and_warns_about_guessed_holidays(qtbot):
    from app.services.deadlines import Deadline
    from app.ui.complaints.complaint_panels import AMBER, GREEN, RED, DeadlinesPanel

    now = datetime(2026, 12, 28, 10, 0).astimezone()
    panel = DeadlinesPanel()
    qtbot.addWidget(panel)
    panel.show_deadlines(
        [
            Deadline("first_reply", now - timedelta(hours=2), now - timedelta(hours=3)),
            Deadline("containment", now - timedelta(hours=1), None),
            Deadline("action_reply", now + timedelta(days=3), None, (2027,)),
            Deadline("answer", now - timedelta(hours=5), now - timedelta(hours=4)),
        ],
        now=now,
    )
    states = [(panel.table.item(r, 2).text(), panel.table.item(r, 2).foreground().color().name())
              for r in range(4)]  # fmt: skip
    assert states == [
        ("已完成", GREEN),
        ("已逾期", RED),
        ("未到期", "#000000"),
        ("逾期完成", AMBER),
    ]
    assert not panel.warning.isHidden()
    assert panel.warning.text().startswith("2027 年节假日未知,按周一至周五估算")
