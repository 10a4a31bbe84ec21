"""Data safety in the window: start-up backup, the Data menu, restore, a damaged data file at
start, one writer (a real second process holds the lock), a data folder on a network share,
the backup folder setting and the backup before an import."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSysInfo
from PySide6.QtWidgets import QMessageBox

from app.config import Preferences, database_path
from app.data_lock import lock_path
from app.db import open_database
from app.services import audit_service, backup_service, customer_service, storage_location
from app.services.customer_service import ContactData, CustomerData
from app.services.restore_record import DATA_FILE_UUID
from app.services.storage_location import NETWORK, StorageLocation
from app.ui.app_controller import AppController
from app.ui.application import start_application
from app.ui.customers.import_dialog import ImportCustomersDialog
from app.ui.data_safety.damaged_dialog import DamagedFileDialog
from app.ui.data_safety.restore_dialog import RestoreDialog
from app.ui.data_safety.trail_dialog import TrailExportDialog, TrailRequest
from app.ui.settings.dialog import SettingsDialog
from tests.cli_runner import run
from tests.test_data_lock import holding, kill_hard


def add_customer(data_dir: Path, code: str, name: str = "顾客") -> None:
    engine = open_database(data_dir)
    try:
        customer_service.create(engine, CustomerData(code=code, name=name), "t")
    finally:
        engine.dispose()


def codes_in(path: Path) -> list[str]:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        return [row[0] for row in connection.execute("SELECT code FROM customer ORDER BY code")]


def set_backup_folder(db_path: Path, folder: Path | None) -> None:
    prefs = Preferences.load()
    prefs.set_backup_folder(db_path, folder)
    prefs.save()


@pytest.fixture
def start(answers):
    """start_application on a data folder; every controller is shut down (lock released) after."""
    controllers: list[AppController] = []

    def started(data_dir: Path) -> AppController | None:
        controller = start_application(str(data_dir), "zh_CN")
        if controller is not None:
            controllers.append(controller)
        return controller

    yield started
    for controller in controllers:  # windows replaced by a restore are deleted by then
        controller.window.close()
        controller.window.deleteLater()
        controller.shut_down()


def wait_for_start_backup(qtbot, controller: AppController) -> str:
    qtbot.waitUntil(lambda: "备份" in controller.window.statusBar().currentMessage()
                    or "没有变化" in controller.window.statusBar().currentMessage(), timeout=20000)  # fmt: skip
    qtbot.waitUntil(
        lambda: "正在备份" not in controller.window.statusBar().currentMessage(), timeout=20000
    )
    return controller.window.statusBar().currentMessage()


# ---------------------------------------------------------------- the start-up backup


def test_a_backup_is_made_at_start_only_when_the_data_changed(qtbot, start, data_dir):
    add_customer(data_dir, "KH001")
    folder = backup_service.default_folder(database_path(data_dir))

    first = start(data_dir)
    message = wait_for_start_backup(qtbot, first)
    made = backup_service.list_backups(folder)
    assert [info.reason for info in made] == ["start"]
    assert str(made[0].path) in message and "启动时已备份" in message
    assert codes_in(made[0].path) == ["KH001"]
    first.window.close()
    first.shut_down()

    second = start(data_dir)
    assert "没有变化" in wait_for_start_backup(qtbot, second)
    assert len(backup_service.list_backups(folder)) == 1
    customer_service.create(second.engine, CustomerData(code="KH002", name="新顾客"), "t")
    second.window.close()
    second.shut_down()

    third = start(data_dir)
    assert "启动时已备份" in wait_for_start_backup(qtbot, third)
    newest = backup_service.list_backups(folder)[0]
    assert codes_in(newest.path) == ["KH001", "KH002"]


def test_a_failed_start_up_backup_is_told_and_the_window_stays(qtbot, start, data_dir, answers):
    _queue, asked = answers
    add_customer(data_dir, "KH001")
    blocked = data_dir.parent / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    set_backup_folder(database_path(data_dir), blocked)
    try:
        controller = start(data_dir)
        qtbot.waitUntil(lambda: any("自动备份失败" in text for text in asked), timeout=20000)
        assert controller.window.isVisible()
        assert "自动备份失败" in controller.window.statusBar().currentMessage()
        assert str(blocked) in next(text for text in asked if "自动备份失败" in text)
    finally:
        set_backup_folder(database_path(data_dir), None)


def test_a_nearly_full_disk_is_told_at_start_and_nothing_is_written(
    qtbot, start, data_dir, answers, monkeypatch
):
    _queue, asked = answers
    add_customer(data_dir, "KH001")
    folder = backup_service.default_folder(database_path(data_dir))
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=30 * 1024**2))

    controller = start(data_dir)
    qtbot.waitUntil(lambda: any("自动备份失败" in text for text in asked), timeout=20000)
    told = next(text for text in asked if "自动备份失败" in text)
    assert f"{folder} 所在磁盘空间不足" in told and "现仅剩 30.0 MB" in told
    assert "在“设置”中把备份文件夹改到空间更大的磁盘" in told
    assert controller.window.isVisible()
    assert backup_service.list_backups(folder) == [] and not list(folder.glob("*.tmp"))
    assert codes_in(database_path(data_dir)) == ["KH001"]


# ---------------------------------------------------------------- the Data menu


def test_the_data_menu_offers_backup_restore_and_check(window):
    texts = [action.text() for action in window.data_menu.actions() if action.text()]
    assert window.menuBar().actions()[1].text() == "数据(&D)"
    assert texts == [
        "立即备份", "备份到…", "从备份恢复…", "检查数据文件", "导出审计记录…",
        "导出给办公室…", "重新导出全部记录给办公室…", "从笔记本电脑导入…", "为笔记本电脑制作初始文件…", "导入初始文件…",
    ]  # fmt: skip


def test_the_audit_trail_is_exported_from_the_data_menu(qtbot, window, save_path, tmp_path):
    customer_service.create(window.engine, CustomerData(code="KH001", name="一汽"), "clerk")
    save_path["path"] = str(tmp_path / "trail.xlsx")
    op = window.data_file_actions.export_audit_trail(TrailRequest(None, None))
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    rows = list(openpyxl.load_workbook(tmp_path / "trail.xlsx").active.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "时间", "用户")
    assert {row[4] for row in rows[1:]} == {"KH001"} and {row[2] for row in rows[1:]} == {"clerk"}
    assert "审计记录已导出" in window.statusBar().currentMessage()


def test_the_trail_export_asks_for_a_period_and_a_record(qtbot, window, save_path, tmp_path):
    for code in ("KH001", "KH002"):
        customer_service.create(window.engine, CustomerData(code=code, name="一汽"), "clerk")
    today = date.today()
    dialog = TrailExportDialog(window.engine, today)
    qtbot.addWidget(dialog)
    # this year's entries unless told otherwise: a big plant's whole trail is millions of lines
    assert dialog.since.date() == date(today.year, 1, 1) and dialog.until.date() is None
    dialog.until.line.setText("2020-13-01")
    dialog.accept()
    assert dialog.result_value is None
    assert dialog.fields["until"].error.text() == "日期格式不正确(例:2024-03-15)。"
    dialog.until.line.setText(str(today - timedelta(days=400)))
    dialog.accept()
    assert dialog.fields["until"].error.text() == "结束日期不能早于开始日期。"
    dialog.since.line.setText("")
    dialog.accept()  # nothing written then: told before a file is chosen
    assert dialog.fields["until"].error.text() == "此期间没有写入任何审计记录。"
    dialog.until.line.setText("")
    dialog.record.setText("KH999")
    dialog.accept()
    assert dialog.result_value is None
    assert dialog.fields["record"].error.text() == "审计记录中没有 KH999。"
    assert dialog.fields["until"].error.text() == ""
    dialog.since.line.setText(str(today + timedelta(days=1)))
    dialog.record.setText("kh002")
    dialog.accept()
    assert dialog.fields["record"].error.text() == "kh002 在此期间没有审计记录。"
    dialog.since.line.setText(str(today))
    dialog.accept()
    request = dialog.result_value
    assert request == TrailRequest(today, None, "kh002")

    save_path["path"] = str(tmp_path / "kh002.xlsx")
    op = window.data_file_actions.export_audit_trail(request)
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    ws = openpyxl.load_workbook(tmp_path / "kh002.xlsx").active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows and {row[4] for row in rows} == {"KH002"}
    assert f"kh002 {today} – …" in ws.oddHeader.left.text  # the header names the choice


def test_back_up_now_goes_into_the_chosen_folder_checked(qtbot, window, data_dir, answers):
    _queue, asked = answers
    stick = data_dir.parent / "stick"
    set_backup_folder(window.database_file, stick)
    try:
        customer_service.create(window.engine, CustomerData(code="KH001", name="一汽"), "t")
        op = window.data_file_actions.back_up_now()
        qtbot.waitUntil(lambda: op.done, timeout=20000)
        made = backup_service.list_backups(stick)
        assert [info.reason for info in made] == ["manual"]
        backup_service.verify_backup(made[0].path)
        assert codes_in(made[0].path) == ["KH001"]
        assert str(made[0].path) in asked[-1] and "完整性检查" in asked[-1]
        assert str(made[0].path) in window.statusBar().currentMessage()
    finally:
        set_backup_folder(window.database_file, None)


def test_back_up_to_a_file_of_ones_choosing(qtbot, window, data_dir, save_path, answers):
    customer_service.create(window.engine, CustomerData(code="KH001", name="一汽"), "t")
    target = data_dir.parent / "usb" / "copy"
    target.parent.mkdir()
    save_path["path"] = str(target)
    op = window.data_file_actions.back_up_to()
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    written = target.with_name("copy.sqlite3")  # the suffix is added
    backup_service.verify_backup(written)
    assert codes_in(written) == ["KH001"]
    assert not (data_dir / "backups").exists()


def test_a_failed_backup_is_told_and_changes_nothing(qtbot, window, data_dir, answers):
    _queue, asked = answers
    blocked = data_dir.parent / "not-a-folder"
    blocked.write_text("x")
    set_backup_folder(window.database_file, blocked)
    try:
        op = window.data_file_actions.back_up_now()
        qtbot.waitUntil(lambda: op.done, timeout=20000)
        assert "未能备份" in asked[-1] and str(blocked) in asked[-1]
        assert blocked.read_text() == "x"
    finally:
        set_backup_folder(window.database_file, None)


def test_check_the_data_file_says_ok_or_names_the_problems(qtbot, window, answers):
    _queue, asked = answers
    customer_service.create(
        window.engine, CustomerData(code="KH001", name="一汽", contacts=[ContactData("张伟")]), "t"
    )
    op = window.data_file_actions.check_data_file()
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    assert "未发现问题" in asked[-1]

    with closing(sqlite3.connect(window.database_file)) as connection:  # foreign keys off
        connection.execute("DELETE FROM customer WHERE code = 'KH001'")
        connection.commit()
    op = window.data_file_actions.check_data_file()
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    assert "检查发现以下问题" in asked[-1] and "customer_contact" in asked[-1]
    assert "1 个问题" in window.statusBar().currentMessage() or "问题" in asked[-1]


# ---------------------------------------------------------------- restore


def _backups_of_every_kind(db_path: Path) -> list[backup_service.BackupInfo]:
    now = datetime.now(UTC).replace(microsecond=0)
    made = []
    for minutes, reason in ((30, "start"), (20, "before-import"), (10, "manual")):
        made.append(
            backup_service.make_backup(
                db_path, reason=reason, now=now - timedelta(minutes=minutes), rotation=None
            )
        )
    return made


def test_the_restore_dialog_lists_date_size_kind_and_asks_first(qtbot, engine, data_dir, answers):
    queue, asked = answers
    db_path = database_path(data_dir)
    customer_service.create(engine, CustomerData(code="KH001", name="一汽"), "t")
    made = _backups_of_every_kind(db_path)
    dialog = RestoreDialog(db_path)
    qtbot.addWidget(dialog)
    rows = [
        [dialog.table.item(row, column).text() for column in range(4)]
        for row in range(dialog.table.rowCount())
    ]
    assert [row[2] for row in rows] == ["手动备份", "导入前", "自动(启动时)"]
    assert rows[0][0] == made[2].made_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert rows[0][1].endswith("KB") and rows[0][3] == made[2].path.name

    dialog.table.selectRow(1)
    queue.append(QMessageBox.StandardButton.No)
    assert not dialog.restore_selected() and dialog.chosen is None
    assert (
        "before-restore" in asked[-1] and str(backup_service.default_folder(db_path)) in asked[-1]
    )
    assert made[1].path.as_posix() in Path(asked[-1].split("(")[1].split(")")[0]).as_posix()
    queue.append(QMessageBox.StandardButton.Yes)
    assert dialog.restore_selected()
    assert dialog.chosen == made[1].path and dialog.result() == 1


def test_the_restore_dialog_can_look_in_another_folder(qtbot, engine, data_dir, monkeypatch):
    db_path = database_path(data_dir)
    customer_service.create(engine, CustomerData(code="KH001", name="一汽"), "t")
    stick = data_dir.parent / "stick"
    backup_service.make_backup(db_path, stick)
    dialog = RestoreDialog(db_path)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and dialog.empty_note.isVisibleTo(dialog)
    try:
        assert dialog.folder_field.set_folder(stick)
        assert dialog.table.rowCount() == 1 and not dialog.empty_note.isVisibleTo(dialog)
        assert backup_service.backup_folder_for(db_path) == stick  # remembered for this PC
    finally:
        set_backup_folder(db_path, None)


def test_restore_from_the_menu_reopens_the_data_and_reloads_the_tabs(
    qtbot, start, data_dir, answers, monkeypatch, wait_list
):
    queue, asked = answers
    add_customer(data_dir, "KH001")
    controller = start(data_dir)
    wait_for_start_backup(qtbot, controller)  # the start-up backup holds KH001 only
    customer_service.create(controller.engine, CustomerData(code="KH002", name="后来的"), "t")
    old_window, old_engine = controller.window, controller.engine
    old_window.customers_tab.refresh()
    assert wait_list(old_window.customers_tab).rowCount() == 2

    monkeypatch.setattr(RestoreDialog, "exec", lambda self: int(self.restore_selected()))
    queue.append(QMessageBox.StandardButton.Yes)
    chosen = old_window.data_file_actions.choose_backup_to_restore()
    assert chosen is not None and "start" in chosen.name
    qtbot.waitUntil(lambda: controller.window is not old_window, timeout=20000)

    assert controller.engine is not old_engine
    assert customer_service.get_by_code(controller.engine, "KH002") is None
    assert wait_list(controller.window.customers_tab).rowCount() == 1
    safety = backup_service.list_backups(backup_service.default_folder(controller.database_file))
    before = next(info for info in safety if info.reason == "before-restore")
    assert codes_in(before.path) == ["KH001", "KH002"]  # the state before, kept
    assert str(before.path) in asked[-1] and "已恢复" in asked[-1]
    assert controller.lock.is_held()
    trail = {
        r.field: r.new_value
        for r in audit_service.history(controller.engine, "data_file", DATA_FILE_UUID)
    }
    assert trail == {"restored_from": str(chosen), "data_before_kept_in": str(before.path)}


def test_a_damaged_backup_is_refused_and_the_data_stay(qtbot, start, data_dir, answers):
    _queue, asked = answers
    add_customer(data_dir, "KH001")
    controller = start(data_dir)
    wait_for_start_backup(qtbot, controller)
    bad = data_dir.parent / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    window = controller.window
    op = controller.restore_backup(bad)
    qtbot.waitUntil(lambda: op.done, timeout=20000)
    assert controller.window is window and "备份未恢复" in asked[-1]
    assert customer_service.get_by_code(controller.engine, "KH001") is not None


# ---------------------------------------------------------------- a damaged data file at start


@pytest.fixture
def damaged_folder(data_dir) -> tuple[Path, backup_service.BackupInfo]:
    """KH001 in a backup, KH002 added since; then the data file's header is overwritten."""
    add_customer(data_dir, "KH001")
    backup = backup_service.make_backup(database_path(data_dir), reason="start")
    add_customer(data_dir, "KH002")
    db_path = database_path(data_dir)
    raw = bytearray(db_path.read_bytes())
    raw[:100] = b"\x00" * 100
    db_path.write_bytes(bytes(raw))
    return data_dir, backup


def choosing(monkeypatch, button: str) -> list[DamagedFileDialog]:
    shown: list[DamagedFileDialog] = []

    def exec_(self: DamagedFileDialog) -> int:
        shown.append(self)
        getattr(self, button).click()
        return 0

    monkeypatch.setattr(DamagedFileDialog, "exec", exec_)
    return shown


def test_a_damaged_file_is_set_aside_and_the_newest_backup_restored(
    qtbot, start, damaged_folder, monkeypatch, wait_list
):
    data_dir, backup = damaged_folder
    shown = choosing(monkeypatch, "restore_button")
    controller = start(data_dir)
    assert controller is not None and len(shown) == 1
    told = shown[0].text() + shown[0].informativeText()
    moved = data_dir / "qualitydesk.sqlite3.damaged"
    assert str(moved) in told and moved.exists()
    assert str(backup.path) in told
    assert backup.made_at.astimezone().strftime("%Y-%m-%d %H:%M") in told
    assert customer_service.get_by_code(controller.engine, "KH001") is not None
    assert customer_service.get_by_code(controller.engine, "KH002") is None
    assert wait_list(controller.window.customers_tab).rowCount() == 1
    rows = audit_service.history(controller.engine, "data_file", DATA_FILE_UUID)
    trail = {r.field: r.new_value for r in rows}
    assert trail["restored_from"] == str(backup.path) and "损坏" in trail["reason"]
    assert str(moved) in trail["reason"]


def test_a_damaged_file_can_give_way_to_an_empty_one(qtbot, start, damaged_folder, monkeypatch):
    data_dir, _backup = damaged_folder
    damaged_bytes = database_path(data_dir).read_bytes()
    choosing(monkeypatch, "empty_button")
    controller = start(data_dir)
    assert controller is not None
    assert customer_service.count(controller.engine) == 0
    assert (data_dir / "qualitydesk.sqlite3.damaged").read_bytes() == damaged_bytes


def test_quitting_at_a_damaged_file_creates_nothing(qtbot, start, damaged_folder, monkeypatch):
    data_dir, _backup = damaged_folder
    choosing(monkeypatch, "quit_button")
    assert start(data_dir) is None
    assert not database_path(data_dir).exists()
    assert (data_dir / "qualitydesk.sqlite3.damaged").exists()
    assert not lock_path(database_path(data_dir)).exists()


def test_without_a_backup_only_empty_or_quit_are_offered(qtbot, start, data_dir, monkeypatch):
    database_path(data_dir).write_bytes(b"this is not a database at all" * 100)
    shown = choosing(monkeypatch, "quit_button")
    assert start(data_dir) is None
    assert shown[0].restore_button is None and "没有找到完好的备份" in shown[0].informativeText()


# ---------------------------------------------------------------- one writer


def test_a_second_copy_is_told_who_holds_the_file_and_opens_nothing(
    qtbot, start, data_dir, answers
):
    _queue, asked = answers
    add_customer(data_dir, "KH001")
    db_path = database_path(data_dir)
    before = db_path.read_bytes()
    with holding(db_path) as child:
        assert start(data_dir) is None
        message = asked[-1]
        assert str(child.pid) in message and QSysInfo.machineHostName() in message
        assert "python" in message and "关闭" in message
        assert db_path.read_bytes() == before
        assert not (data_dir / "backups").exists()  # not even the start-up backup

        kill_hard(child)  # a crash leaves the lock file behind
        controller = start(data_dir)
    assert controller is not None and controller.lock.is_held()
    assert lock_path(db_path).exists()


def test_commands_that_write_refuse_while_the_window_is_open(qtbot, start, data_dir):
    add_customer(data_dir, "KH001")
    controller = start(data_dir)
    wait_for_start_backup(qtbot, controller)
    result = run("--data-dir", str(data_dir), "demo", "--customers", "2")
    assert result.returncode == 1
    assert f"process {os.getpid()}" in result.stderr
    assert QSysInfo.machineHostName() in result.stderr
    assert customer_service.count(controller.engine) == 1
    listed = run("--data-dir", str(data_dir), "list", "customers")
    assert listed.returncode == 0 and "KH001" in listed.stdout


# ---------------------------------------------------------------- where the file lives


def test_a_data_folder_on_a_network_share_is_warned_about_and_gets_no_wal(
    qtbot, start, data_dir, answers, monkeypatch
):
    _queue, asked = answers
    monkeypatch.setattr(
        storage_location, "classify", lambda _folder: StorageLocation(NETWORK, "cifs //fs/qa")
    )
    controller = start(data_dir)
    assert controller is not None and not controller.wal
    assert any("网络共享" in text and "WAL" in text for text in asked)
    with controller.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"


# ---------------------------------------------------------------- settings and imports


def test_the_backup_folder_is_set_in_the_settings(qtbot, engine, data_dir):
    db_path = database_path(data_dir)
    dialog = SettingsDialog(engine)
    qtbot.addWidget(dialog)
    field = dialog.backups.backup_folder
    assert field.folder() == data_dir / "backups" and not field.default_button.isEnabled()

    blocked = data_dir.parent / "not-a-folder"
    blocked.write_text("x")
    assert not field.set_folder(blocked)
    assert str(blocked) in field.error.text() and field.folder() == data_dir / "backups"

    stick = data_dir.parent / "stick"
    try:
        assert field.set_folder(stick) and field.default_button.isEnabled()
        dialog.company.company_name.setText("浙江精工")
        dialog.save()
        assert backup_service.backup_folder_for(db_path) == stick
        info = backup_service.make_backup(db_path)
        assert info.path.parent == stick
    finally:
        set_backup_folder(db_path, None)


def _register(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["客户编号", "客户名称"])
    sheet.append(["KH900", "导入的顾客"])
    workbook.save(path)
    return path


def test_an_import_is_preceded_by_a_verified_backup(qtbot, engine, window, data_dir, tmp_path):
    customer_service.create(engine, CustomerData(code="KH001", name="一汽"), "t")
    dialog = ImportCustomersDialog(engine, window.hub, window)
    qtbot.addWidget(dialog)
    assert dialog.load_file(_register(tmp_path / "register.xlsx"))
    dialog.check()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    dialog.import_rows(only_valid=False)
    qtbot.waitUntil(lambda: dialog.imported == 1, timeout=20000)
    made = backup_service.list_backups(data_dir / "backups")
    assert [info.reason for info in made] == ["before-import"]
    assert codes_in(made[0].path) == ["KH001"]  # the state right before the import
    assert str(made[0].path) in dialog.summary.text()


def test_no_backup_no_import(qtbot, engine, window, data_dir, tmp_path, answers):
    _queue, asked = answers
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    set_backup_folder(database_path(data_dir), blocked)
    try:
        dialog = ImportCustomersDialog(engine, window.hub, window)
        qtbot.addWidget(dialog)
        assert dialog.load_file(_register(tmp_path / "register.xlsx"))
        dialog.check()
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
        dialog.import_rows(only_valid=False)
        qtbot.waitUntil(lambda: any("未导入任何数据" in text for text in asked), timeout=20000)
        assert str(blocked) in asked[-1]
        assert customer_service.count(engine) == 0
    finally:
        set_backup_folder(database_path(data_dir), None)
