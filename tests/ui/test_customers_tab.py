"""The customer-files tab driven like a clerk would: create, validate, search, export."""

from __future__ import annotations

import subprocess
from datetime import date

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.services import customer_service
from app.services.customer_service import ContactData, CustomerData, VolumeData


def _fill(dialog, **values):
    for key, text in values.items():
        getattr(dialog, key).setText(text)
        getattr(dialog, key).textEdited.emit(text)


def _add_contact(dialog, name, phone="", email=""):
    dialog.contacts.add_row({"name": name, "phone": phone, "email": email})
    dialog.contacts.changed.emit()


def _make(engine, code, name, **extra):
    return customer_service.create(engine, CustomerData(code=code, name=name, **extra), "test")


def test_create_customer_with_chinese_text_appears_in_search(qtbot, window, engine, wait_list):
    tab = window.customers_tab
    dialog = tab.new_customer()
    qtbot.addWidget(dialog)
    _fill(
        dialog,
        code="KH-0101",
        name="浙江恒通汽车部件有限公司",
        short_name="恒通",
        phone="0571-88886666",
    )
    _add_contact(dialog, "王立新", phone="138 0571 2233", email="wang@hengtong.cn")
    dialog.volumes.add_row({"year": "2025", "amount_wan": "1,250.5"})
    assert dialog.save()
    assert dialog.windowTitle().startswith("客户") or "KH-0101" in dialog.windowTitle()

    stored = customer_service.get_by_code(engine, "KH-0101")
    assert stored.name == "浙江恒通汽车部件有限公司"
    assert stored.contacts[0].phone == "138 0571 2233"
    assert stored.volumes == [VolumeData(2025, 1250.5)]

    _make(engine, "KH-0102", "江苏远航机械制造有限公司")
    tab.refresh()
    wait_list(tab)
    assert tab.model.rowCount() == 2
    tab.search.insert("恒通")  # Chinese arrives through the input method, not key events
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert tab.model.index(0, tab.model.COL_NAME).data() == "浙江恒通汽车部件有限公司"
    tab.search.clear()
    tab.search.insert("王立")  # contact name
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert "2 " not in tab.count_label.text() and "1" in tab.count_label.text()


def test_bad_input_is_explained_next_to_the_field_and_kept(qtbot, window, engine):
    _make(engine, "KH-0001", "一汽解放")
    dialog = window.customers_tab.new_customer()
    qtbot.addWidget(dialog)
    _fill(dialog, code="kh-0001", email="wang@", phone="abc")
    dialog.cooperation_since.line.setText("2024-02-30")
    dialog.volumes.add_row({"year": "2025", "amount_wan": "-3"})
    _add_contact(dialog, "", phone="123")

    assert not dialog.save()
    errors = {
        key: field.error.text()
        for key, field in dialog.fields.items()
        if field.error.isVisibleTo(dialog)
    }
    assert errors["name"] == "必填。"
    assert "一汽解放" in errors["code"]  # the unique code names its owner
    assert "电子邮箱" in errors["email"]
    assert "电话" in errors["phone"]
    assert "日期" in errors["cooperation_since"]
    assert "负数" in dialog.volumes.error.text()
    assert "第 1 行" in dialog.contacts.error.text()
    # nothing saved, nothing typed lost
    assert customer_service.count(engine) == 1
    assert dialog.email.text() == "wang@"
    assert dialog.cooperation_since.text() == "2024-02-30"

    _fill(dialog, code="KH-0002", name="东风商用车", email="qc@dfcv.com.cn", phone="027-84285555")
    dialog.cooperation_since.line.setText("2019/3/1")
    dialog.volumes.set_rows([{"year": "2025", "amount_wan": "30"}])
    dialog.contacts.set_rows([{"name": "李娜", "phone": "13900001111"}])
    assert dialog.save()
    assert not dialog.fields["name"].error.isVisibleTo(dialog)
    assert customer_service.get_by_code(engine, "KH-0002").cooperation_since == date(2019, 3, 1)


def test_unsaved_changes_prompt_on_close(qtbot, window, engine, answers):
    queue, asked = answers
    customer = _make(engine, "KH-0001", "一汽解放")
    dialog = window.customers_tab.open_customer(customer.id)
    qtbot.addWidget(dialog)
    _fill(dialog, name="一汽解放青岛汽车有限公司")
    queue.append(QMessageBox.StandardButton.Cancel)
    assert not dialog.close()
    assert dialog.isVisible() and asked
    queue.append(QMessageBox.StandardButton.Save)
    assert dialog.close()
    assert customer_service.get(engine, customer.id).name == "一汽解放青岛汽车有限公司"


def test_main_window_refuses_to_close_over_unsaved_form(qtbot, window, engine, answers):
    queue, _asked = answers
    dialog = window.customers_tab.new_customer()
    qtbot.addWidget(dialog)
    _fill(dialog, code="KH-9")
    queue.append(QMessageBox.StandardButton.Cancel)
    assert not window.close()
    queue.append(QMessageBox.StandardButton.Discard)
    assert window.close()
    assert customer_service.count(engine) == 0


def test_history_shows_who_changed_what(qtbot, window, engine):
    customer = _make(engine, "KH-0001", "一汽解放", phone="0431-85900000")
    dialog = window.customers_tab.open_customer(customer.id)
    qtbot.addWidget(dialog)
    _fill(dialog, phone="0431-85901234")
    dialog.type.setCurrentIndex(dialog.type.findData("distributor"))
    dialog.potential.setChecked(True)
    _add_contact(dialog, "王经理", phone="0431-85900001")
    assert dialog.save()
    rows = [
        [dialog.history.item(r, c).text() for c in range(dialog.history.columnCount())]
        for r in range(dialog.history.rowCount())
    ]
    assert any(r[3] == "电话" and r[4] == "0431-85900000" and r[5] == "0431-85901234" for r in rows)
    assert any(r[3] == "编号" and r[5] == "KH-0001" for r in rows)
    # fields and values as the form names them, not as the data are stored
    assert ["类型", "主机厂", "代理商"] in [r[3:] for r in rows]
    assert ["潜在顾客", "否", "是"] in [r[3:] for r in rows]
    assert ["联系人 1 · 电话", "", "0431-85900001"] in [r[3:] for r in rows]


def test_list_filters_sort_and_open_with_enter(qtbot, window, engine, wait_list):
    _make(engine, "B-2", "乙公司", type="distributor", grade="B")
    _make(engine, "A-1", "甲公司", type="oem", grade="A", status="lost")
    _make(engine, "C-3", "丙公司", type="oem", grade="A")
    tab = window.customers_tab
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    wait_list(tab)
    assert [tab.model.index(r, 0).data() for r in range(3)] == ["A-1", "B-2", "C-3"]
    tab.view.sortByColumn(tab.model.COL_CODE, Qt.SortOrder.DescendingOrder)
    wait_list(tab)
    assert [tab.model.index(r, 0).data() for r in range(3)] == ["C-3", "B-2", "A-1"]
    tab.type_filter.setCurrentIndex(tab.type_filter.findData("oem"))
    wait_list(tab)
    assert tab.model.rowCount() == 2
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("active"))
    wait_list(tab)
    assert [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())] == ["C-3"]
    tab.grade_filter.setCurrentIndex(tab.grade_filter.findData("B"))
    wait_list(tab)
    assert tab.model.rowCount() == 0
    tab.grade_filter.setCurrentIndex(0)
    wait_list(tab)

    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert any(d.customer and d.customer.code == "C-3" for d in tab.editors.values())


def test_lazy_model_fetches_only_visible_pages(qtbot, engine, wait_list):
    from app.ui.customers.table_model import CustomerTableModel
    from app.ui.widgets.paged_model import PAGE_SIZE

    customer_service.create_many(
        engine, (CustomerData(code=f"K{i:05d}", name=f"测试顾客{i}") for i in range(1000)), "test"
    )
    model = CustomerTableModel(engine)
    model.reload()
    wait_list(model)
    assert model.rowCount() == 1000 and model.fetches == 0
    assert model.index(0, 0).data() == "K00000"  # the first page came with the list
    assert model.index(PAGE_SIZE - 1, 1).data() == f"测试顾客{PAGE_SIZE - 1}"
    assert model.fetches == 0
    assert model.index(999, 0).data() == "K00999"
    assert model.fetches == 1


def test_exports_card_pdf_and_list_workbook(qtbot, window, engine, save_path, tmp_path, wait_list):
    customer = _make(
        engine,
        "KH-0001",
        "一汽解放汽车有限公司",
        contacts=[ContactData("张伟", "质量部", "经理", "13800000000")],
        volumes=[VolumeData(2024, 860.0)],
    )
    tab = window.customers_tab
    tab.refresh()
    tab.select_customer(customer.id)
    wait_list(tab)

    pdf = tmp_path / "card.pdf"
    save_path["path"] = str(pdf)
    tab.export_current_card()
    qtbot.waitUntil(lambda: tab.last_export == pdf, timeout=20000)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "一汽解放汽车有限公司" in text and "张伟" in text

    xlsx = tmp_path / "list"  # the .xlsx suffix is added
    save_path["path"] = str(xlsx)
    tab.export_list()
    qtbot.waitUntil(lambda: tab.last_export == tmp_path / "list.xlsx", timeout=20000)
    sheet = openpyxl.load_workbook(tmp_path / "list.xlsx").active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "一汽解放汽车有限公司" in values and "KH-0001" in values


def test_ctrl_shortcuts(qtbot, window):
    tab = window.customers_tab
    window.tabs.setCurrentWidget(tab)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()
    qtbot.keyClick(tab.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialogs = list(tab.editors.values())
    assert len(dialogs) == 1 and dialogs[0].customer is None


def test_delete_asks_first_and_keeps_the_values_in_the_trail(
    qtbot, window, engine, answers, wait_list
):
    queue, asked = answers
    customer = _make(engine, "KH-0001", "一汽解放", phone="0431-85900000")
    tab = window.customers_tab
    tab.refresh()
    tab.select_customer(customer.id)
    wait_list(tab)
    queue.append(QMessageBox.StandardButton.No)
    tab.delete_selected()
    assert customer_service.count(engine) == 1 and "KH-0001 一汽解放" in asked[-1]
    queue.append(QMessageBox.StandardButton.Yes)
    tab.delete_selected()
    wait_list(tab)
    assert customer_service.count(engine) == 0 and tab.model.rowCount() == 0
    trail = customer_service.history(engine, customer)
    assert any(
        r.action == "delete" and r.field == "phone" and r.old_value == "0431-85900000"
        for r in trail
    )
