"""Import dialog, settings dialog and language switching, driven through the real widgets."""

from __future__ import annotations

import openpyxl
from PySide6.QtWidgets import QMessageBox

from app.config import Preferences, database_path
from app.services import customer_service, settings_service
from app.ui.customers.import_dialog import ImportCustomersDialog
from app.ui.settings.dialog import SettingsDialog


def _register(path, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["客户编号", "客户名称", "联系人", "联系电话", "邮箱", "2025年采购额(万元)"])
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text typed by a clerk, not a formula
    workbook.save(path)
    return path


def test_import_refuses_bad_rows_unless_asked(qtbot, engine, window, tmp_path, answers):
    queue, _asked = answers
    path = _register(
        tmp_path / "old.xlsx",
        [
            ["KH001", "上海汽车零部件有限公司", "陈静", "021-55556666", "chen@saic.cn", 320],
            ["KH002", "", "刘洋", "13812345678", "liu@", 80],
            ["KH003", '=HYPERLINK("x")', "", "", "", 12],
            ["KH004", "广州汽配商行", "", "", "", "abc"],
        ],
    )
    dialog = ImportCustomersDialog(engine, window.hub, window)
    qtbot.addWidget(dialog)
    assert dialog.load_file(path)
    assert dialog.current_mapping()[0] == "code" and dialog.current_mapping()[1] == "name"
    assert dialog.check()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    assert dialog.report.valid == 2 and dialog.report.invalid == 2
    problems = [dialog.issues.item(r, 2).text() for r in range(dialog.issues.rowCount())]
    rows = [dialog.issues.item(r, 0).text() for r in range(dialog.issues.rowCount())]
    assert "必填。" in problems and set(rows) == {"3", "5"}
    assert not dialog.import_all_button.isEnabled()
    assert dialog.import_valid_button.isEnabled()

    queue.append(QMessageBox.StandardButton.No)
    dialog.import_rows(only_valid=True)
    assert customer_service.count(engine) == 0

    queue.append(QMessageBox.StandardButton.Yes)
    dialog.import_rows(only_valid=True)
    qtbot.waitUntil(lambda: dialog.imported == 2, timeout=10000)
    assert customer_service.get_by_code(engine, "KH001").volumes[0].amount_wan == 320
    assert customer_service.get_by_code(engine, "KH003").name == '=HYPERLINK("x")'
    qtbot.waitUntil(lambda: window.customers_tab.model.rowCount() == 2, timeout=10_000)


def test_import_shows_a_clear_message_for_a_file_that_is_not_a_workbook(
    qtbot, engine, window, tmp_path
):
    bad = tmp_path / "register.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    dialog = ImportCustomersDialog(engine, window.hub, window)
    qtbot.addWidget(dialog)
    assert not dialog.load_file(bad)
    assert dialog.file_error.text() and not dialog.check_button.isEnabled()


def test_import_mapping_requires_code_and_name(qtbot, engine, window, tmp_path):
    path = _register(tmp_path / "old.xlsx", [["KH001", "上海汽车零部件有限公司", "", "", "", 1]])
    dialog = ImportCustomersDialog(engine, window.hub, window)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    dialog.set_mapping(1, "")
    assert "名称" in dialog.mapping_error.text()
    assert not dialog.check_button.isEnabled()


def test_settings_are_validated_and_stored(qtbot, engine, tmp_path):
    from PySide6.QtGui import QColor, QImage

    dialog = SettingsDialog(engine)
    qtbot.addWidget(dialog)
    page = dialog.company
    page.company_name.setText("  ")
    dialog.save()
    assert page.company_field.error.text() == "必填。"
    assert dialog.result() == 0

    image = QImage(400, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("navy"))
    logo = tmp_path / "logo.png"
    image.save(str(logo))
    assert page.logo_field.load_file(str(logo))
    assert not page.logo_field.load_file(str(tmp_path / "missing.png"))
    page.company_name.setText("浙江精工汽车部件股份有限公司")
    page.clerk_name.setText("李静")
    page.forms_table.item(0, 2).setText("B/1")
    dialog.save()
    stored = settings_service.load(engine)
    assert stored.company_name == "浙江精工汽车部件股份有限公司"
    assert stored.clerk_name == "李静"
    assert stored.form("customer_card").revision == "B/1"
    assert stored.logo_png.startswith(b"\x89PNG")
    assert settings_service.current_user(engine) == "李静"


def test_language_switch_rebuilds_the_window_and_is_remembered(qtbot, engine, data_dir, answers):
    from PySide6.QtWidgets import QApplication

    from app.ui.app_controller import AppController

    prefs = Preferences.load()
    prefs.language = "zh_CN"
    prefs.save()
    controller = AppController(QApplication.instance(), engine, database_path(data_dir))
    qtbot.addWidget(controller.window)
    assert controller.window.tabs.tabText(1) == "顾客档案"
    controller.switch_language("en")
    qtbot.addWidget(controller.window)
    assert controller.window.tabs.tabText(1) == "Customer files"
    assert Preferences.load().language == "en"
    controller.switch_language("zh_CN")
    qtbot.addWidget(controller.window)
    assert controller.window.tabs.tabText(1) == "顾客档案"


def test_import_shows_why_a_hostile_workbook_is_refused(qtbot, engine, window, tmp_path):
    import zipfile

    plain = _register(tmp_path / "plain.xlsx", [["KH001", "甲", "", "", "", 1]])
    macro = tmp_path / "带宏.xlsx"
    with zipfile.ZipFile(plain) as old, zipfile.ZipFile(macro, "w") as new:
        for name in old.namelist():
            new.writestr(name, old.read(name))
        new.writestr("xl/vbaProject.bin", b"VBA")
    dialog = ImportCustomersDialog(engine, window.hub, window)
    qtbot.addWidget(dialog)
    assert not dialog.load_file(macro)
    assert dialog.file_error.text() == (
        "带宏.xlsx 含有宏(.xlsm / VBA),不予导入。请在 Excel 中另存为“Excel 工作簿(*.xlsx)”后再导入。"
    )
    assert not dialog.check_button.isEnabled()
    assert customer_service.count(engine) == 0
