"""The return form driven like the quality clerk: book a return, inspect and dispose of its lines,
photos, archive, cancel; bad input explained next to the field; a bulk return is no complaint."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.services import attachment_service, complaint_service, customer_service, return_service
from app.services.customer_service import CustomerData
from app.ui.returns.line_editor import PAGE_DISPOSITION, PAGE_INSPECTION
from app.ui.returns.return_dialog import ReturnDialog
from app.ui.returns.return_dialogs import ArchiveReturnDialog, OpenActionDialog
from app.ui.returns.return_form import PAGE_ANALYSIS, PAGE_RECEIPT
from app.ui.returns.tab import ReturnsTab
from app.ui.returns.table_model import ReturnTableModel
from app.ui.signals import DataHub
from app.ui.widgets.action_dialogs import ReasonDialog, VerifyActionDialog
from tests.services import return_factory as rf

RED = QColor("#c0392b")


@pytest.fixture
def hub():
    return DataHub()


@pytest.fixture
def customer(engine):
    return customer_service.create(
        engine,
        CustomerData(code="KH-0101", name="浙江恒通汽车部件有限公司", short_name="恒通"),
        "t",
    )


def _open(qtbot, engine, hub, return_id=None) -> ReturnDialog:
    dialog = ReturnDialog(engine, hub, return_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _answer(cls, fill, results: list) -> None:
    """When a `cls` dialog runs modally, fill it and press OK; a refusal is recorded and the
    dialog cancelled, so the test never hangs."""
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
            results.append({k: f.error.text() for k, f in dialog.fields.items() if f.error.text()})
            dialog.reject()
        else:
            results.append("accepted")

    QTimer.singleShot(0, handle)


def _pick(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _errors(fields) -> dict[str, str]:
    return {key: f.error.text() for key, f in fields.items() if not f.error.isHidden()}


def _book_a_line(form, customer_text: str) -> None:
    form.customer.setText(customer_text)
    form.warehouse_receipt_no.setText("RK-0001")
    table = form.lines.table
    for key, value in {"material_no": "P-1001", "material_name": "制动钳总成", "batch_no": "B2609",
                       "quantity": "100", "customer_reason": "装车异响"}.items():  # fmt: skip
        table.item(0, key).setText(value)


def test_book_inspect_dispose_and_the_list_shows_it_disposed(
    qtbot, engine, hub, customer, answers, monkeypatch, wait_list
):
    tab = ReturnsTab(engine, hub)
    qtbot.addWidget(tab)
    tab.show()
    opened: list[ReturnDialog] = []
    monkeypatch.setattr(ReturnDialog, "exec", lambda dialog: opened.append(dialog) or dialog.show())
    _click(qtbot, tab.new_button)
    dialog = opened[0]
    qtbot.addWidget(dialog)
    form, editor = dialog.form, dialog.form.lines.editor
    assert dialog.windowTitle() == "新建退货单"
    assert form.received_on.text() == date.today().isoformat() and form.received_by.text()
    assert not dialog.complaint_button.isEnabled() and not dialog.archive_button.isEnabled()

    # the receipt and one line; "恒通" is the only customer it can mean
    _book_a_line(form, "恒通")
    assert dialog.dirty and dialog.windowTitle().endswith("*")
    # photos only once the line is saved
    assert not editor.attachments.add_button.isEnabled()
    assert "保存" in editor.attachments.hint.text()

    # inspection of the line
    editor.setCurrentIndex(PAGE_INSPECTION)
    editor.inspector.setText("王检验")
    editor.inspected_on.line.setText(date.today().isoformat())
    editor.qty_inspected.setText("100")
    editor.qty_good.setText("90")
    editor.qty_defective.setText("10")
    editor.defect_found.setPlainText("活塞密封圈划伤")
    _pick(editor.defect_category, "异响")
    assert not editor.explanation.isEnabled()  # only when it is not our fault
    _pick(editor.responsibility, "not_ours")
    assert editor.explanation.isEnabled() and editor.captions["explanation"].text().endswith("*")
    _pick(editor.responsibility, "ours")
    assert form.lines.table.value(0, "state") == "待处置"

    # disposition: the indicator follows the quantities as they are typed
    editor.setCurrentIndex(PAGE_DISPOSITION)
    editor.qty_rework.setText("6")
    assert editor.indicator.text() == "已处置 6 / 不良 10"
    assert RED.name() in editor.indicator.styleSheet()
    _pick(editor.rework_instruction, "rework")
    editor.qty_replace.setText("4")
    assert "#1e7e34" in editor.indicator.styleSheet()
    assert editor.urgent_label.isHidden()
    editor.stock_short.setChecked(True)
    assert not editor.urgent_label.isHidden() and editor.urgent_label.text() == "紧急生产"
    editor.disposed_by.setText("张主管")
    editor.disposed_on.line.setText(date.today().isoformat())
    assert form.lines.table.value(0, "state") == "已处置 · 紧急生产"

    _click(qtbot, dialog.save_button)
    assert dialog.data is not None, dialog.message.text()
    number = dialog.data.number
    assert number == f"TH-{date.today().year}-0001" and "已登记" in dialog.message.text()
    assert not dialog.dirty and number in dialog.windowTitle()
    stored = return_service.get(engine, dialog.data.id)
    line = stored.lines[0]
    assert stored.status == "disposed" and stored.customer_id == customer.id
    assert (line.qty_rework, line.qty_replace, line.stock_short) == (6, 4, True)
    assert editor.rework_order_no.text() == f"{number}-1"  # the service numbers the rework order
    assert "紧急生产" in dialog.header.text()
    assert editor.attachments.add_button.isEnabled()  # the saved line takes photos now

    # the list heard about it: disposed, urgent production in red
    model = wait_list(tab)
    assert model.rowCount() == 1
    cell = lambda column, role=Qt.ItemDataRole.DisplayRole: model.index(0, column).data(role)  # noqa: E731
    assert cell(ReturnTableModel.COL_NUMBER) == number
    assert cell(ReturnTableModel.COL_STATUS) == "已处置"
    assert cell(ReturnTableModel.COL_URGENT) == "紧急生产"
    assert cell(ReturnTableModel.COL_URGENT, Qt.ItemDataRole.ForegroundRole).color() == RED
    assert cell(ReturnTableModel.COL_QTY_DEFECTIVE) == "10"
    assert tab.selected_ids() == [dialog.data.id]

    # the history names the fields as the form does
    fields = {form.history.item(r, 3).text() for r in range(form.history.rowCount())}
    assert "第 1 行 · 不良数" in fields and "入库单号" in fields


def test_wrong_inspection_sum_is_shown_next_to_the_field_and_the_values_stay(
    qtbot, engine, hub, customer, answers
):
    earlier = rf.book(engine, customer.id, rf.line(), rf.line(material_no="P-2002"))
    dialog = ReturnDialog(engine, hub, earlier.id)  # closed (and deleted) by the test itself
    dialog.show()
    form, lines, editor = dialog.form, dialog.form.lines, dialog.form.lines.editor
    lines.select_row(1)
    editor.inspector.setText("王检验")
    editor.inspected_on.line.setText(date.today().isoformat())
    editor.qty_inspected.setText("100")
    editor.qty_good.setText("90")
    editor.qty_defective.setText("20")
    editor.defect_found.setPlainText("划伤")
    _pick(editor.defect_category, "外观不良")
    _pick(editor.responsibility, "ours")
    editor.qty_scrap.setText("abc")  # not a number: reported with the rest
    lines.select_row(0)  # the clerk looks at another line before saving

    assert not dialog.save()
    assert lines.current_row() == 1  # the bad line is selected again
    errors = _errors(editor.fields.fields)
    assert errors["qty_defective"] == "合格数 90 + 不良数 20 = 110,应等于检验数 100。"
    assert errors["qty_scrap"] == "不是数字。"
    assert editor.currentIndex() == PAGE_INSPECTION
    assert editor.tabBar().tabTextColor(PAGE_INSPECTION) == RED
    assert lines.table.item(1, "state").background().color() == QColor("#f8d7da")
    assert "第 2 行" in lines.table.error.text() and "不良数" in lines.table.error.text()
    assert form.currentIndex() == PAGE_RECEIPT and "未保存" in dialog.message.text()
    # nothing typed is lost
    assert (editor.qty_good.text(), editor.qty_defective.text()) == ("90", "20")
    assert editor.qty_scrap.text() == "abc" and editor.defect_found.toPlainText() == "划伤"
    assert return_service.get(engine, earlier.id).lines[1].qty_inspected is None

    lines.select_row(0)
    assert _errors(editor.fields.fields) == {}  # the first line is fine
    lines.select_row(1)
    editor.qty_defective.setText("10")
    editor.qty_scrap.setText("10")
    editor.disposed_on.line.setText(date.today().isoformat())
    assert dialog.save(), dialog.message.text()
    assert _errors(editor.fields.fields) == {}
    assert lines.table.error.isHidden()
    assert return_service.get(engine, earlier.id).lines[1].qty_scrap == 10

    # unsaved changes are not lost silently
    queue, asked = answers
    editor.inspector.setText("李检验")
    queue.append(QMessageBox.StandardButton.Cancel)
    dialog.close()
    assert dialog.isVisible() and "未保存" in asked[-1]
    queue.append(QMessageBox.StandardButton.Discard)
    with qtbot.waitSignal(dialog.destroyed, timeout=2000):
        dialog.close()
    assert return_service.get(engine, earlier.id).lines[1].inspector == "王检验"  # discarded


def test_customer_and_lines_are_checked_before_booking(qtbot, engine, hub, customer, answers):
    dialog = _open(qtbot, engine, hub)
    form = dialog.form
    form.customer.setText("无此顾客")
    form.lines.table.item(0, "quantity").setText("十")
    assert not dialog.save()
    assert "没有与“无此顾客”相符的顾客" in form.customer_field.error.text()
    assert (
        "第 1 行" in form.lines.table.error.text() and "不是数字" in form.lines.table.error.text()
    )
    assert form.tabBar().tabTextColor(PAGE_RECEIPT) == RED
    assert dialog.data is None and form.customer.text() == "无此顾客"


def test_bulk_return_cannot_open_a_complaint_but_an_action(qtbot, engine, hub, customer, answers):
    bulk = rf.book(engine, customer.id, rf.inspected(10), bulk=True)
    dialog = _open(qtbot, engine, hub, bulk.id)
    assert dialog.form.bulk.isChecked()
    assert not dialog.complaint_button.isEnabled()
    assert dialog.complaint_button.toolTip().startswith("统退货不作为客户抱怨案件")
    assert "统退货" in dialog.header.text()

    # an action is opened from it instead, prefilled with what was found
    results: list = []
    due = date.today() + timedelta(days=10)
    texts: list[str] = []

    def fill(d: OpenActionDialog) -> None:
        texts.append(d.description.toPlainText())
        d.owner.setText("李强")
        d.due.line.setText(due.isoformat())

    _answer(OpenActionDialog, fill, results)
    _click(qtbot, dialog.action_button)
    assert results == ["accepted"]
    assert texts[0].startswith(f"退货 {bulk.number}") and "活塞密封圈划伤" in texts[0]
    stored = return_service.get(engine, bulk.id)
    assert [(a.owner, a.due) for a in stored.actions] == [("李强", due)]
    assert dialog.form.currentIndex() == PAGE_ANALYSIS
    assert dialog.form.actions.value(0, "owner") == "李强"

    # done, then verified effective
    dialog.form.actions.set_value(0, "done_on", date.today().isoformat())
    assert dialog.save(), dialog.message.text()
    dialog.form.actions.table.selectRow(0)
    _answer(VerifyActionDialog, lambda d: d.verified_by.setText("赵敏"), results)
    _click(qtbot, dialog.form.actions_panel.verify_button)
    assert results[-1] == "accepted"
    assert return_service.get(engine, bulk.id).actions[0].verification == "effective"


def test_open_complaint_from_a_return_that_is_our_fault(qtbot, engine, hub, customer, answers):
    ours = rf.book(engine, customer.id, rf.inspected(10))
    changed: list[tuple[str, int]] = []
    hub.dataChanged.connect(lambda family, record: changed.append((family, record)))
    dialog = _open(qtbot, engine, hub, ours.id)
    assert dialog.complaint_button.isEnabled()
    _click(qtbot, dialog.complaint_button)
    ticket = complaint_service.get(engine, return_service.get(engine, ours.id).complaint_id)
    assert ticket is not None and ticket.part_no == "P-1001"
    assert ("complaint", ticket.id) in changed and ("return", ours.id) in changed
    assert dialog.linked and dialog.linked[-1].complaint.number == ticket.number
    assert dialog.form.complaint.currentData() == ticket.id
    assert not dialog.complaint_button.isEnabled()  # already linked
    assert ticket.number in dialog.complaint_button.toolTip()
    dialog.linked[-1].close()


def test_line_photos_archive_and_read_only(
    qtbot, engine, hub, customer, answers, tmp_path, monkeypatch
):
    queue, asked = answers
    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(QColor("darkred"))
    photo = tmp_path / "划伤.png"
    assert image.save(str(photo))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(photo)], ""))
    )
    done = rf.book(
        engine, customer.id,
        rf.inspected(10, qty_scrap=10, disposed_on=date.today(), disposed_by="张主管"),
        rf.line(material_no="P-2002"),
    )  # fmt: skip
    dialog = _open(qtbot, engine, hub, done.id)
    form, editor = dialog.form, dialog.form.lines.editor

    # a photo for the first line; the second has none
    _click(qtbot, editor.attachments.add_button)
    qtbot.waitUntil(lambda: editor.attachments.count() == 1, timeout=5000)
    first_uuid = return_service.get(engine, done.id).lines[0].uuid
    stored = attachment_service.list_for(engine, return_service.LINE_ENTITY, first_uuid)
    assert [a.file_name for a in stored] == ["划伤.png"]
    assert editor.tabText(2) == "照片 (1)"
    form.lines.select_row(1)
    assert editor.attachments.count() == 0
    form.lines.select_row(0)
    assert editor.attachments.count() == 1

    # not archived while a line is open; the line is marked
    assert not dialog.archive()
    assert "第 2 行尚未检验并处置完毕" in form.lines.table.error.text()
    assert "不能归档" in asked[-1]

    form.lines.table.table.selectRow(1)
    _click(qtbot, form.lines.table.remove_button)
    form.analysis_result.setPlainText("密封圈装配工装磨损,已更换")
    form.analysis_by.setText("生产部 李强")
    results: list = []
    queue.append(QMessageBox.StandardButton.Save)  # save the changes first
    _answer(ArchiveReturnDialog, lambda d: None, results)
    assert dialog.archive()
    assert results == ["accepted"]
    archived = return_service.get(engine, done.id)
    assert archived.status == "archived" and len(archived.lines) == 1
    assert dialog.read_only and dialog.banner.isVisible() and "归档" in dialog.banner.text()
    assert not dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    assert form.analysis_result.isReadOnly() and editor.qty_scrap.isReadOnly()
    assert not form.lines.table.add_button.isEnabled()
    assert not editor.attachments.add_button.isEnabled()
    assert editor.attachments.count() == 1  # the photo still opens
    editor.attachments.list.setCurrentRow(0)
    assert editor.attachments.open_button.isEnabled()
    assert not editor.attachments.remove_button.isEnabled()
    # reopened from the list, it stays read-only
    again = _open(qtbot, engine, hub, done.id)
    assert again.read_only and "只读" in again.windowTitle()


def test_cancel_a_return_booked_in_error(qtbot, engine, hub, customer, answers):
    booked = rf.book(engine, customer.id)
    dialog = _open(qtbot, engine, hub, booked.id)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # nothing to save
    results: list = []
    _answer(ReasonDialog, lambda d: d.reason.setPlainText("重复登记"), results)
    assert dialog.cancel_return()
    assert return_service.get(engine, booked.id).status == "cancelled"
    assert dialog.read_only and "重复登记" in dialog.banner.text()
    assert not dialog.cancel_button.isEnabled() and not dialog.archive_button.isEnabled()


def test_print_the_forms_of_a_return(qtbot, engine, hub, customer, answers, save_path, tmp_path):
    _queue, asked = answers
    reworked = rf.book(
        engine, customer.id,
        rf.inspected(10, qty_rework=10, rework_instruction="full_inspection",
                     disposed_on=date.today(), disposed_by="张主管"),
    )  # fmt: skip
    dialog = _open(qtbot, engine, hub, reworked.id)
    assert [a.text() for a in dialog.print_actions.values()] == [
        "退货接收及检验处置报告…", "重工工令…", "不良品(三包件)信息反馈表…",
    ]  # fmt: skip
    for key in ("return_report", "rework_order", "three_guarantees"):
        save_path["path"] = str(tmp_path / f"{key}.pdf")
        op = dialog.export_pdf(key, "zh_CN")
        qtbot.waitUntil(lambda op=op: op.done, timeout=20000)
        assert (tmp_path / f"{key}.pdf").read_bytes().startswith(b"%PDF")
    assert dialog.last_export == tmp_path / "three_guarantees.pdf"

    plain = rf.book(engine, customer.id)
    other = _open(qtbot, engine, hub, plain.id)
    assert other.export_pdf("rework_order") is None
    assert asked[-1] == "本退货单没有需要重工的明细。"
