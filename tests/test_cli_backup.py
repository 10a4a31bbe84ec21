"""backup, restore and check on the command line, run as a user runs them: a separate process."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.config import database_path
from app.db import open_database
from app.services import audit_service, backup_service, customer_service
from app.services.customer_service import ContactData, CustomerData
from tests.cli_runner import one_line, run


def rows(path: Path, sql: str = "SELECT code, name FROM customer ORDER BY code") -> list[tuple]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def folder(tmp_path) -> Path:
    """A data folder with 12 customers, one of them with a contact; nothing left open."""
    data = tmp_path / "data"
    engine = open_database(data)
    for i in range(1, 13):
        contacts = [ContactData("张伟")] if i == 1 else []
        customer_service.create(
            engine, CustomerData(code=f"KH{i:03}", name=f"顾客{i}", contacts=contacts), "t"
        )
    engine.dispose()
    return data


def test_help_names_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for text in ("backup [-o FILE]", "restore FILE", "check"):
        assert text in result.stdout


def test_backup_goes_to_the_backup_folder_and_prints_its_path(folder):
    result = run("--data-dir", str(folder), "backup")
    assert result.returncode == 0, result.stderr
    path = Path(one_line(result.stdout))
    assert path.parent == folder / "backups"
    assert backup_service.NAME_PATTERN.match(path.name) and path.name.endswith("-manual.sqlite3")
    assert rows(path) == rows(database_path(folder)) and len(rows(path)) == 12
    assert backup_service.list_backups(folder / "backups")[0].path == path


def test_backup_to_a_file_or_into_a_folder(folder, tmp_path):
    target = tmp_path / "copy.sqlite3"
    result = run("--data-dir", str(folder), "backup", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert Path(one_line(result.stdout)) == target and len(rows(target)) == 12

    stick = tmp_path / "stick"
    stick.mkdir()
    result = run("--data-dir", str(folder), "backup", "--output", str(stick))
    assert result.returncode == 0, result.stderr
    path = Path(one_line(result.stdout))
    assert path.parent == stick and len(rows(path)) == 12


def test_backup_without_a_data_file_says_so_and_creates_nothing(tmp_path):
    empty = tmp_path / "nothing-here"
    result = run("--data-dir", str(empty), "backup")
    assert result.returncode == 1
    assert "no data file" in one_line(result.stderr)
    assert not database_path(empty).exists()


def test_check_prints_ok_on_a_sound_file(folder):
    result = run("--data-dir", str(folder), "check")
    assert (result.returncode, result.stdout) == (0, "ok\n")


def test_check_prints_one_line_per_problem_and_fails(folder):
    db_path = database_path(folder)
    with closing(sqlite3.connect(db_path)) as connection:  # foreign keys are off here
        connection.execute("DELETE FROM customer WHERE code = 'KH001'")
        connection.commit()
    result = run("--data-dir", str(folder), "check")
    assert result.returncode == 1
    assert "customer_contact row" in one_line(result.stdout)
    assert "Traceback" not in result.stderr


def test_check_reports_a_damaged_file_and_leaves_it_where_it_is(folder):
    db_path = database_path(folder)
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    result = run("--data-dir", str(folder), "check")
    assert result.returncode == 1
    assert result.stdout.strip() and "Traceback" not in result.stderr
    assert db_path.read_bytes() == data[: len(data) // 2]


def test_restore_puts_the_backup_back_after_a_safety_backup(folder):
    made = run("--data-dir", str(folder), "backup")
    backup = Path(one_line(made.stdout))
    engine = open_database(folder)
    customer_service.create(engine, CustomerData(code="LATE", name="恢复前新增"), "t")
    engine.dispose()
    state_before = rows(database_path(folder))

    result = run("--data-dir", str(folder), "restore", str(backup))

    assert result.returncode == 0, result.stderr
    safety = Path(one_line(result.stdout))
    assert safety.name.endswith("-before-restore.sqlite3")
    assert rows(safety) == state_before and ("LATE", "恢复前新增") in state_before
    assert rows(database_path(folder)) == rows(backup)
    assert one_line(run("--data-dir", str(folder), "check").stdout) == "ok"
    entries = rows(
        database_path(folder),
        "SELECT action, field, old_value, new_value FROM audit_entry WHERE entity = 'data_file'",
    )
    trail = [
        (action, name, new)
        for action, *entry in entries
        for name, _old, new in audit_service.changes_of(*entry)
    ]
    assert ("restore", "restored_from", str(backup)) in trail
    assert ("restore", "data_before_kept_in", str(safety)) in trail


@pytest.mark.parametrize("kind", ["text", "foreign", "truncated"])
def test_restore_refuses_a_damaged_or_foreign_file_in_one_line(folder, tmp_path, kind):
    bad = tmp_path / "bad.sqlite3"
    if kind == "text":
        bad.write_text("not a backup\n" * 100)
    elif kind == "foreign":
        with closing(sqlite3.connect(bad)) as connection:
            connection.execute("CREATE TABLE t (x)")
            connection.commit()
    else:
        good = backup_service.make_backup(database_path(folder), tmp_path / "b")
        bad.write_bytes(good.path.read_bytes()[:20000])
    db_path = database_path(folder)
    before = db_path.read_bytes()

    result = run("--data-dir", str(folder), "restore", str(bad))

    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "Not restored" in line and str(bad) in line
    assert result.stdout == ""
    assert db_path.read_bytes() == before
    assert not (folder / "backups").exists()


def test_a_damaged_data_file_gives_one_clear_line_with_the_newest_backup(folder):
    backup = Path(one_line(run("--data-dir", str(folder), "backup").stdout))
    db_path = database_path(folder)
    with open(db_path, "r+b") as handle:
        handle.write(b"\0" * 100)  # the header overwritten
    damaged_bytes = db_path.read_bytes()

    result = run("--data-dir", str(folder), "list", "customers")

    assert result.returncode == 1
    line = one_line(result.stderr)
    moved = folder / "qualitydesk.sqlite3.damaged"
    assert "damaged" in line and str(moved) in line and str(backup) in line
    made_at = backup_service.list_backups(folder / "backups")[0].made_at
    assert made_at.astimezone().strftime("%Y-%m-%d %H:%M") in line
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert moved.read_bytes() == damaged_bytes and not db_path.exists()

    # the backup the line names brings the data back
    restored = run("--data-dir", str(folder), "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert len(rows(db_path)) == 12


def test_the_damage_line_in_chinese(folder):
    db_path = database_path(folder)
    db_path.write_text("不是数据库")
    result = run("--lang", "zh_CN", "--data-dir", str(folder), "backup")
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "已损坏" in line and "没有可用的备份" in line
    assert (folder / "qualitydesk.sqlite3.damaged").read_text() == "不是数据库"


def _register(path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["客户编号", "客户名称"])
    sheet.append(["KH900", "导入的顾客"])
    workbook.save(path)
    return path


def test_backup_and_import_use_the_backup_folder_chosen_on_this_pc(folder, tmp_path):
    from app.config import Preferences

    stick = tmp_path / "stick" / "qd-backups"
    prefs = Preferences.load()
    prefs.set_backup_folder(database_path(folder), stick)
    prefs.save()
    try:
        result = run("--data-dir", str(folder), "backup")
        assert result.returncode == 0, result.stderr
        assert Path(one_line(result.stdout)).parent == stick
        assert not (folder / "backups").exists()

        workbook = _register(tmp_path / "register.xlsx")
        dry = run("--data-dir", str(folder), "import", "customers", str(workbook), "--dry-run")
        assert dry.returncode == 0, dry.stderr
        assert len(backup_service.list_backups(stick)) == 1  # a dry run writes nothing

        imported = run("--data-dir", str(folder), "import", "customers", str(workbook))
        assert imported.returncode == 0, imported.stderr
        before = backup_service.list_backups(stick)[0]
        assert before.reason == "before-import"
        assert f"Backup before the import: {before.path}" in imported.stdout
        assert len(rows(before.path)) == 12  # the state right before the import
        assert len(rows(database_path(folder))) == 13
    finally:
        prefs = Preferences.load()
        prefs.set_backup_folder(database_path(folder), None)
        prefs.save()


def test_no_import_without_its_backup(folder, tmp_path):
    from app.config import Preferences

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    prefs = Preferences.load()
    prefs.set_backup_folder(database_path(folder), blocked)
    prefs.save()
    try:
        workbook = _register(tmp_path / "register.xlsx")
        result = run("--data-dir", str(folder), "import", "customers", str(workbook))
        assert result.returncode == 1
        assert "nothing was imported" in result.stderr and "Traceback" not in result.stderr
        assert len(rows(database_path(folder))) == 12
    finally:
        prefs = Preferences.load()
        prefs.set_backup_folder(database_path(folder), None)
        prefs.save()
