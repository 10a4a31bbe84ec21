"""The start-up check: a damaged data file is moved aside, never replaced, and a backup offered."""

from __future__ import annotations

import os
import random
import re
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

import app.db
from app.config import database_path
from app.db import (
    DamagedDatabase,
    DatabaseError,
    alembic_config,
    make_engine,
    open_database,
    sqlite_url,
)
from app.i18n import set_language
from app.services import backup_service, customer_service
from app.services.customer_service import ContactData, CustomerData
from tests.services.complaint_factory import customer

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60  # seconds; a hang fails the test instead of stalling the run
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def open_in_time(data_dir: Path):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(open_database, data_dir).result(timeout=TIMEOUT)


def side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


@pytest.fixture
def filled(data_dir) -> tuple[Path, backup_service.BackupInfo]:
    """A data file with 30 customers and a good backup of it; no connection left open."""
    engine = open_database(data_dir)
    for i in range(1, 31):
        customer(engine, code=f"KH{i:03}", name=f"顾客{i}")
    backup = backup_service.make_backup(engine)
    engine.dispose()
    return database_path(data_dir), backup


# ---------------------------------------------------------------- files that are fine


def test_a_fresh_folder_gets_a_new_data_file(tmp_path):
    folder = tmp_path / "new"
    engine = open_in_time(folder)
    try:
        assert customer_service.count(engine) == 0
    finally:
        engine.dispose()
    assert database_path(folder).stat().st_size > 0
    assert sorted(p.name for p in folder.iterdir()) == ["qualitydesk.sqlite3"]


def test_a_healthy_file_opens_as_before_without_a_new_backup(filled, data_dir):
    db_path, backup = filled
    engine = open_in_time(data_dir)
    try:
        assert customer_service.count(engine) == 30
    finally:
        engine.dispose()
    assert backup_service.list_backups(data_dir / "backups") == [backup]
    assert not list(data_dir.glob("*.damaged*"))


# ---------------------------------------------------------------- damaged files


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _header_zeroed(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.write(b"\0" * 100)


def _text_file(path: Path) -> None:
    path.write_text("这不是数据库 / this is not a database\n" * 200, encoding="utf-8")


def _emptied(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize("spoil", [_truncated, _header_zeroed, _text_file, _emptied])
def test_a_damaged_file_is_moved_aside_unchanged_and_the_backup_offered(filled, data_dir, spoil):
    db_path, backup = filled
    spoil(db_path)
    original = db_path.read_bytes()

    with pytest.raises(DamagedDatabase) as caught:
        open_in_time(data_dir)

    damaged = caught.value
    assert damaged.moved_to == data_dir / "qualitydesk.sqlite3.damaged"
    assert damaged.moved_to.read_bytes() == original
    assert not db_path.exists()  # no new empty database in its place
    assert damaged.newest_backup == backup
    message = str(damaged)
    assert "\n" not in message
    assert str(damaged.moved_to) in message and str(backup.path) in message
    assert backup.made_at.astimezone().strftime("%Y-%m-%d %H:%M") in message
    # nothing was backed up or migrated on the way
    assert backup_service.list_backups(data_dir / "backups") == [backup]

    # and nothing is lost: the offered backup brings the data back
    assert backup_service.restore(damaged.newest_backup.path, db_path) is None
    engine = open_in_time(data_dir)
    try:
        assert customer_service.count(engine) == 30
    finally:
        engine.dispose()


def test_random_byte_flips_are_flagged_or_harmless_never_a_crash_or_an_empty_file(
    filled, data_dir, tmp_path
):
    db_path, _backup = filled
    pristine = db_path.read_bytes()
    outcomes = []
    for seed in range(8):
        folder = tmp_path / f"flips-{seed}"
        folder.mkdir()
        rng = random.Random(seed)
        data = bytearray(pristine)
        for _ in range(64):
            at = rng.randrange(len(data) // 4, 3 * len(data) // 4)
            data[at] ^= rng.randrange(1, 256)
        database_path(folder).write_bytes(bytes(data))
        try:
            engine = open_in_time(folder)
        except DamagedDatabase as damaged:
            assert damaged.moved_to.read_bytes() == bytes(data)
            assert not database_path(folder).exists()
            outcomes.append("moved")
        else:
            # the flips hit no structure quick_check reads; the file opened and check reports
            try:
                assert isinstance(backup_service.check_database(database_path(folder)), list)
            finally:
                engine.dispose()
            outcomes.append("opened")
    assert "moved" in outcomes, outcomes


def test_the_journal_moves_with_the_damaged_file(data_dir):
    # a program that wrote and then died: the data file and its -wal, never checkpointed
    code = (
        "import os, sys; from pathlib import Path\n"
        "from app.db import open_database\n"
        "from tests.services.complaint_factory import customer\n"
        "engine = open_database(Path(sys.argv[1]))\n"
        "for i in range(20): customer(engine, code=f'KH{i:03}')\n"
        "with engine.connect() as c: c.exec_driver_sql('PRAGMA wal_checkpoint(TRUNCATE)')\n"
        "for i in range(20, 25): customer(engine, code=f'KH{i:03}')\n"
        "os._exit(0)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code, str(data_dir)], env=env, check=True, timeout=TIMEOUT)  # fmt: skip
    db_path = database_path(data_dir)
    wal = side(db_path, "-wal")
    assert wal.stat().st_size > 0
    # the data file's pages are lost; what the -wal holds is not (it must stay with the file)
    db_path.write_bytes(b"\0" * db_path.stat().st_size)
    main_bytes, wal_bytes = db_path.read_bytes(), wal.read_bytes()

    with pytest.raises(DamagedDatabase) as caught:
        open_in_time(data_dir)

    moved = caught.value.moved_to
    assert moved.read_bytes() == main_bytes and side(moved, "-wal").read_bytes() == wal_bytes
    assert not db_path.exists() and not wal.exists() and not side(db_path, "-shm").exists()
    assert caught.value.newest_backup is None
    assert "no good backup" in str(caught.value) or "没有可用的备份" in str(caught.value)


def test_a_journal_without_its_data_file_is_not_taken_by_a_new_one(filled, data_dir):
    db_path, backup = filled
    stray = b"\x37\x7f\x06\x82" + bytes(range(256)) * 20
    side(db_path, "-wal").write_bytes(stray)
    db_path.unlink()

    with pytest.raises(DamagedDatabase) as caught:
        open_in_time(data_dir)

    assert caught.value.moved_to.read_bytes() == stray
    assert not db_path.exists() and not side(db_path, "-wal").exists()
    assert caught.value.newest_backup == backup


def test_a_second_damaged_file_gets_a_time_stamped_name(filled, data_dir):
    db_path, _backup = filled
    earlier = data_dir / "qualitydesk.sqlite3.damaged"
    earlier.write_text("from last week")
    _text_file(db_path)

    with pytest.raises(DamagedDatabase) as caught:
        open_in_time(data_dir)

    assert re.fullmatch(r"qualitydesk\.sqlite3\.\d{8}-\d{6}\.damaged", caught.value.moved_to.name)
    assert earlier.read_text() == "from last week"


def test_a_file_locked_by_another_program_is_not_taken_for_damage(filled, data_dir, monkeypatch):
    db_path, _backup = filled
    monkeypatch.setattr(app.db, "CHECK_TIMEOUT", 0.2)
    holder = sqlite3.connect(db_path)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseError) as caught:
            open_in_time(data_dir)
        assert not isinstance(caught.value, DamagedDatabase)
        assert db_path.exists() and not list(data_dir.glob("*.damaged*"))
    finally:
        holder.close()
    engine = open_in_time(data_dir)
    try:
        assert customer_service.count(engine) == 30
    finally:
        engine.dispose()


# ---------------------------------------------------------------- migrations


def _revision(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_a_migration_of_a_file_with_data_is_preceded_by_a_backup(data_dir):
    db_path = database_path(data_dir)
    engine = make_engine(sqlite_url(db_path))
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0004")
        connection.commit()
    from tests.services.old_release import OldFile

    OldFile(engine).customer("KH001", "一汽解放")  # rows as a 0004 release wrote them
    engine.dispose()
    assert _revision(db_path) == "0004" != HEAD

    engine = open_in_time(data_dir)
    engine.dispose()

    backups = backup_service.list_backups(data_dir / "backups")
    assert [b.reason for b in backups] == ["before-migration"]
    assert _revision(backups[0].path) == "0004"
    with closing(sqlite3.connect(backups[0].path)) as connection:
        assert connection.execute("SELECT code, name FROM customer").fetchall() == [
            ("KH001", "一汽解放")
        ]
    assert _revision(db_path) == HEAD
    open_in_time(data_dir).dispose()  # up to date now: no further backup
    assert len(backup_service.list_backups(data_dir / "backups")) == 1


# ---------------------------------------------------------------- check_database


@pytest.mark.sqlite_only  # the data file's own check
def test_check_database_reports_broken_foreign_keys(engine, data_dir):
    customer_service.create(
        engine, CustomerData(code="KH001", name="甲", contacts=[ContactData("张伟")]), "t"
    )
    db_path = database_path(data_dir)
    assert backup_service.check_database(db_path) == []
    engine.dispose()
    with closing(sqlite3.connect(db_path)) as connection:  # foreign keys are off here
        connection.execute("DELETE FROM customer WHERE code = 'KH001'")
        connection.commit()

    assert backup_service.check_database(db_path) == ["customer_contact 第 1 行:引用的 customer 记录不存在"]  # fmt: skip
    set_language("en")
    problems = backup_service.check_database(db_path)
    assert problems == ["customer_contact row 1: refers to a customer row that does not exist"]


def test_check_database_reports_damage_without_moving_anything(filled):
    db_path, _backup = filled
    _truncated(db_path)
    problems = backup_service.check_database(db_path)
    assert problems and db_path.exists()
