"""Backups: verified copies made through the backup API, rotation, restore, the change test."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.config import database_path
from app.db import open_database
from app.i18n import set_language
from app.services import backup_service, customer_service
from app.services.backup_service import BackupError, DamagedBackup
from app.services.customer_service import CustomerData
from tests.server_fixtures import server_engine
from tests.services.complaint_factory import customer

TIMEOUT = 60  # seconds; a hang fails the test instead of stalling the run


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read with plain sqlite3."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        tables = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
        # the search index's FTS5 tables include some WITHOUT ROWID: those in key order
        order = {t: "" if "WITHOUT ROWID" in (sql or "").upper() else " ORDER BY rowid" for t, sql in tables}  # fmt: skip
        return {t: connection.execute(f'SELECT * FROM "{t}"{order[t]}').fetchall() for t in order}  # fmt: skip


def codes(path: Path) -> list[str]:
    return [row[0] for row in dump_table(path, "SELECT code FROM customer ORDER BY code")]


def dump_table(path: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return connection.execute(sql).fetchall()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_timeout(fn, *args, **kwargs):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result(timeout=TIMEOUT)


# the tests with the engine fixture are about the SQLite data file itself; a server's backups
# have their own tests at the end (server_engine)
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def db_path(engine, data_dir) -> Path:
    for i in range(1, 31):
        customer(engine, code=f"KH{i:03}", name=f"顾客{i}")
    return database_path(data_dir)


# ---------------------------------------------------------------- making backups


def test_a_backup_is_a_verified_single_file_copy_with_every_row(engine, db_path, data_dir):
    info = backup_service.make_backup(engine)

    assert info.path.parent == data_dir / "backups"
    assert backup_service.NAME_PATTERN.match(info.path.name)
    assert info.path.name.endswith("-manual.sqlite3") and info.reason == "manual"
    assert info.size == info.path.stat().st_size > 0
    assert dump(info.path) == dump(db_path)
    assert len(codes(info.path)) == 30
    with closing(sqlite3.connect(info.path)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # one self-contained file: no -wal needed beside it on a USB stick or share
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert backup_service.list_backups(data_dir / "backups") == [info]
    assert not [p for p in (data_dir / "backups").iterdir() if p.name.endswith(".tmp")]


def test_the_copy_opens_as_a_data_file(engine, db_path, tmp_path):
    info = backup_service.make_backup(db_path, tmp_path / "usb")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    database_path(elsewhere).write_bytes(info.path.read_bytes())
    reopened = open_database(elsewhere)
    try:
        assert customer_service.count(reopened) == 30
        assert customer_service.get_by_code(reopened, "KH007").name == "顾客7"
    finally:
        reopened.dispose()


def test_backup_while_another_connection_holds_an_open_write_transaction(engine, db_path):
    writer = sqlite3.connect(db_path, timeout=5)
    writer.isolation_level = None
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE customer SET name = '未提交' WHERE code = 'KH001'")
        info = with_timeout(backup_service.make_backup, db_path)
        writer.execute("COMMIT")
    finally:
        writer.close()
    # the copy is the last committed state; the open transaction neither blocked nor leaked in
    assert dump_table(info.path, "SELECT name FROM customer WHERE code = 'KH001'") == [("顾客1",)]
    assert customer_service.get_by_code(engine, "KH001").name == "未提交"


def test_backups_under_write_load_are_consistent_snapshots(engine, db_path, tmp_path):
    stop, started = threading.Event(), threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        n = 100
        while not stop.is_set() and n < 2000:
            customer_service.create(engine, CustomerData(code=f"W{n}", name=f"写入{n}"), "w")
            written.append(n)
            started.set()
            n += 1

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        assert started.wait(TIMEOUT)
        counts = []
        for _ in range(6):
            info = with_timeout(backup_service.make_backup, db_path, tmp_path / "b", rotation=None)
            assert backup_service.check_database(info.path) == []
            count = dump_table(info.path, "SELECT count(*) FROM customer")[0][0]
            without_trail = dump_table(
                info.path,
                "SELECT count(*) FROM customer c WHERE NOT EXISTS (SELECT 1 FROM audit_entry a"
                " WHERE a.entity_uuid = c.uuid AND a.action = 'create')",
            )[0][0]
            assert without_trail == 0  # one snapshot: no customer copied without its trail row
            counts.append(count)
    finally:
        stop.set()
        thread.join(TIMEOUT)
    assert not thread.is_alive()
    assert counts == sorted(counts)
    assert 30 <= counts[0] and counts[-1] <= 30 + len(written)


def test_two_backups_in_one_second_keep_their_order(db_path, tmp_path):
    moment = datetime(2026, 3, 1, 8, 0, 0, tzinfo=UTC)
    first = backup_service.make_backup(db_path, tmp_path, now=moment)
    second = backup_service.make_backup(db_path, tmp_path, reason="before-restore", now=moment)
    assert second.made_at == first.made_at + timedelta(seconds=1)
    assert backup_service.list_backups(tmp_path) == [second, first]


def test_a_reason_cannot_become_a_path(db_path, tmp_path):
    with pytest.raises(ValueError):
        backup_service.make_backup(db_path, tmp_path / "b", reason="../x")
    assert not (tmp_path / "b").exists() and not (tmp_path / "x").exists()


def test_a_failed_verification_leaves_older_backups_alone(engine, db_path, tmp_path):
    folder = tmp_path / "b"
    good = backup_service.make_backup(db_path, folder, now=datetime(2026, 1, 1, tzinfo=UTC))
    engine.dispose()
    _damage_customer_table(db_path)
    before = {p.name: digest(p) for p in folder.iterdir()}

    set_language("en")
    with pytest.raises(BackupError, match="integrity"):
        backup_service.make_backup(db_path, folder, now=datetime(2026, 6, 1, tzinfo=UTC))

    assert {p.name: digest(p) for p in folder.iterdir()} == before  # no partial file either
    assert backup_service.list_backups(folder) == [good]


def test_the_copy_goes_to_the_disk_while_it_is_checked(db_path, tmp_path, monkeypatch):
    # each side waits for the other to have begun: one after the other, the first one waits
    # in vain and the backup fails
    checking, flushing = threading.Event(), threading.Event()
    check, fsync = backup_service.integrity_problems, os.fsync

    def check_meeting_the_fsync(path, *args, **kwargs):
        checking.set()
        assert flushing.wait(10), "the copy was not written to the disk while it was checked"
        return check(path, *args, **kwargs)

    def fsync_meeting_the_check(fd):
        flushing.set()
        assert checking.wait(10), "the copy was not checked while it was written to the disk"
        fsync(fd)

    monkeypatch.setattr(backup_service, "integrity_problems", check_meeting_the_fsync)
    monkeypatch.setattr(os, "fsync", fsync_meeting_the_check)
    info = with_timeout(backup_service.make_backup, db_path, tmp_path / "b")
    assert checking.is_set() and flushing.is_set()
    assert dump(info.path) == dump(db_path)


def test_a_copy_that_cannot_be_written_to_the_disk_is_no_backup(db_path, tmp_path, monkeypatch):
    folder = tmp_path / "b"

    def failing_fsync(_fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    set_language("en")
    with pytest.raises(BackupError, match="Input/output error"):
        backup_service.make_backup(db_path, folder)
    assert list(folder.iterdir()) == []  # neither the copy nor its temporary file


# ---------------------------------------------------------------- a disk without room


def copy_size(path: Path) -> int:
    """What a backup of path takes: every page of the data file."""
    ((pages, size),) = dump_table(
        path, "SELECT page_count, page_size FROM pragma_page_count(), pragma_page_size()"
    )
    return pages * size


def free_space(monkeypatch, free: int | None) -> list[Path]:
    """The disk reports `free` bytes (None: it cannot tell); returns the folders asked about."""
    asked: list[Path] = []
    real = shutil.disk_usage

    def disk_usage(path):
        asked.append(Path(path))
        if free is None:
            raise OSError(95, "Operation not supported")
        return real(path)._replace(free=free)

    monkeypatch.setattr(shutil, "disk_usage", disk_usage)
    return asked


def test_a_backup_that_would_fill_the_disk_is_refused_before_a_byte_is_written(
    db_path, tmp_path, monkeypatch
):
    folder = tmp_path / "b"
    kept = backup_service.make_backup(db_path, folder, now=datetime(2026, 1, 1, tzinfo=UTC))
    before = {p.name: digest(p) for p in folder.iterdir()}
    data = digest(db_path)
    needed = copy_size(db_path)
    asked = free_space(monkeypatch, needed + backup_service.HEADROOM - 1)

    set_language("en")
    with pytest.raises(BackupError) as refused:
        backup_service.make_backup(db_path, folder, now=datetime(2026, 6, 1, tzinfo=UTC))

    message = str(refused.value)
    assert asked == [folder]
    assert message.startswith(f"not enough free space for a backup in {folder}")
    assert backup_service.size_text(needed) in message
    assert "100.0 MB is left free on the data file's disk" in message
    assert f"the backups kept there take {backup_service.size_text(kept.size)}" in message
    assert "choose a backup folder on a larger disk in Settings" in message
    assert {p.name: digest(p) for p in folder.iterdir()} == before  # no temporary file
    assert digest(db_path) == data

    set_language("zh_CN")
    with pytest.raises(BackupError, match="磁盘空间不足"):
        backup_service.make_backup(db_path, folder)


def test_a_backup_that_leaves_the_headroom_free_is_made(db_path, tmp_path, monkeypatch):
    free_space(monkeypatch, copy_size(db_path) + backup_service.HEADROOM)
    info = backup_service.make_backup(db_path, tmp_path / "b")
    assert dump(info.path) == dump(db_path)


def test_a_disk_that_does_not_tell_its_free_space_is_tried(db_path, tmp_path, monkeypatch):
    asked = free_space(monkeypatch, None)
    info = backup_service.make_backup(db_path, tmp_path / "b")
    assert asked and dump(info.path) == dump(db_path)


def a_usb_stick(tmp_path, monkeypatch) -> Path:
    """A folder on another disk than the data file's."""
    stick = tmp_path / "stick"
    stick.mkdir()
    same_disk = backup_service._same_disk
    monkeypatch.setattr(
        backup_service, "_same_disk", lambda a, b: stick not in (a, b) and same_disk(a, b)
    )
    return stick


def test_a_full_usb_stick_keeps_the_copy_already_on_it(db_path, tmp_path, monkeypatch):
    stick = a_usb_stick(tmp_path, monkeypatch)
    target = stick / "qualitydesk.sqlite3"
    backup_service.backup_to(db_path, target)
    old = digest(target)
    asked = free_space(monkeypatch, copy_size(db_path) - 1)
    set_language("en")
    with pytest.raises(BackupError, match="not enough free space") as refused:
        backup_service.backup_to(db_path, target)
    assert asked == [stick] and "left free" not in str(refused.value)
    assert digest(target) == old and sorted(stick.iterdir()) == [target]


def test_a_backup_on_another_disk_needs_room_for_the_copy_alone(db_path, tmp_path, monkeypatch):
    stick = a_usb_stick(tmp_path, monkeypatch)
    free_space(monkeypatch, copy_size(db_path))
    info = backup_service.make_backup(db_path, stick)
    assert dump(info.path) == dump(db_path)
    set_language("en")
    with pytest.raises(BackupError, match="left free on the data file's disk"):
        backup_service.make_backup(db_path, tmp_path / "b")  # the data file's own disk


def test_sizes_read_as_a_user_reads_them():
    size_text = backup_service.size_text
    assert [size_text(n) for n in (1, 12_345, 5 * 1024**2, 1_250_000_000)] == [
        "1 KB", "12 KB", "5.0 MB", "1.2 GB",
    ]  # fmt: skip


def _damage_customer_table(db_path: Path) -> None:
    """Scribble over the customer table's root page: the file still opens, its tree is broken."""
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'customer'"
        ).fetchone()[0]
    with open(db_path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d" + b"\xff" * 40)


def test_a_backup_to_a_chosen_file_is_verified_and_never_the_data_file(db_path, tmp_path):
    target = tmp_path / "copy.sqlite3"
    target.write_text("an old copy")
    info = backup_service.backup_to(db_path, target)
    assert info.path == target and dump(target) == dump(db_path)
    with pytest.raises(BackupError):
        backup_service.backup_to(db_path, db_path)
    assert dump_table(db_path, "SELECT count(*) FROM customer") == [(30,)]


# ---------------------------------------------------------------- has the data changed?


def test_needs_backup_follows_the_content_not_the_file_times(engine, db_path, data_dir):
    folder = data_dir / "backups"
    assert backup_service.needs_backup(db_path, folder)
    backup_service.make_backup(db_path, folder)
    assert not backup_service.needs_backup(db_path, folder)

    # a checkpoint rewrites the data file and its WAL without changing a record
    engine.dispose()
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert not backup_service.needs_backup(db_path, folder)
    (folder / backup_service.MARKER_NAME).unlink()  # the marker is only a cache
    assert not backup_service.needs_backup(db_path, folder)

    customer_service.update(
        engine, _renamed(customer_service.get_by_code(engine, "KH002"), "改名"), "t"
    )
    assert backup_service.needs_backup(db_path, folder)
    backup_service.make_backup(db_path, folder)
    assert not backup_service.needs_backup(db_path, folder)


def _renamed(data: CustomerData, name: str) -> CustomerData:
    data.name = name
    return data


def test_needs_backup_without_a_data_file_is_false(tmp_path):
    assert not backup_service.needs_backup(tmp_path / "none.sqlite3", tmp_path)
    assert not (tmp_path / "none.sqlite3").exists()


# ---------------------------------------------------------------- restore


def test_restore_round_trip_with_the_state_before_in_a_safety_backup(engine, db_path, data_dir):
    kept = backup_service.make_backup(db_path)
    customer(engine, code="LATE1", name="恢复前新增")
    customer_service.delete_customer(engine, customer_service.get_by_code(engine, "KH003").id, "t")
    state_before = dump(db_path)
    assert state_before != dump(kept.path)

    safety = with_timeout(backup_service.restore, kept.path, db_path)

    assert safety.reason == "before-restore"
    assert safety.path.parent == data_dir / "backups"
    assert dump(safety.path) == state_before
    assert dump(db_path) == dump(kept.path)
    # the engine that stayed open sees the restored data, and the file is still in WAL mode
    assert customer_service.get_by_code(engine, "LATE1") is None
    assert customer_service.get_by_code(engine, "KH003") is not None
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert backup_service.check_database(db_path) == []


def test_restoring_todays_automatic_backup_does_not_prune_it_away(engine, db_path, data_dir):
    start = backup_service.make_backup(db_path, reason="start")  # not kept once not the newest
    customer(engine, code="LATE1", name="恢复前新增")
    safety = with_timeout(backup_service.restore, start.path, db_path)
    assert start.path.exists() and safety.path.exists()
    assert dump(db_path) == dump(start.path)


def test_restore_into_a_folder_without_data_file(db_path, tmp_path):
    backup = backup_service.make_backup(db_path, tmp_path / "b")
    target = database_path(tmp_path / "new")
    assert backup_service.restore(backup.path, target) is None
    assert dump(target) == dump(backup.path)


def test_restore_over_a_damaged_data_file_keeps_it_aside(engine, db_path, data_dir):
    backup = backup_service.make_backup(db_path)
    engine.dispose()
    db_path.write_text("overwritten by accident")

    before = backup_service.restore(backup.path, db_path)

    assert before.reason == "damaged"
    assert before.path == data_dir / "qualitydesk.sqlite3.damaged"
    assert before.path.read_text() == "overwritten by accident"
    assert dump(db_path) == dump(backup.path)


def _text_file(path: Path) -> None:
    path.write_text("code,name\nKH001,顾客1\n" * 50, encoding="utf-8")


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _foreign_database(path: Path) -> None:
    path.unlink()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE notes (text)")
        connection.execute("INSERT INTO notes VALUES ('hello')")
        connection.commit()


def _newer_schema(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.commit()


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (_text_file, "not a database"),
        (_truncated, "damaged"),
        (_foreign_database, "not a QualityDesk database"),
        (_newer_schema, "newer QualityDesk"),
    ],
)
def test_restore_refuses_a_bad_backup_and_leaves_the_data_file_alone(
    engine, db_path, tmp_path, spoil, reason
):
    backup = backup_service.make_backup(db_path, tmp_path / "b")
    spoil(backup.path)
    engine.dispose()
    before = {p.name: digest(p) for p in db_path.parent.iterdir() if p.is_file()}
    set_language("en")

    with pytest.raises(DamagedBackup, match=reason):
        backup_service.restore(backup.path, db_path)

    assert {p.name: digest(p) for p in db_path.parent.iterdir() if p.is_file()} == before
    assert not (db_path.parent / "backups").exists()  # not even a safety backup was needed
    assert len(codes(db_path)) == 30


def test_restore_refuses_the_data_file_itself(db_path):
    with pytest.raises(BackupError):
        backup_service.restore(db_path, db_path)
    assert len(codes(db_path)) == 30


# ---------------------------------------------------------------- rotation


def _touch(folder: Path, made_at: datetime, reason: str = "start") -> Path:
    path = folder / backup_service.backup_name(made_at, reason)
    path.write_bytes(b"")
    return path


def test_prune_keeps_the_generations_and_touches_nothing_else(tmp_path):
    now = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
    for days in range(400):
        _touch(tmp_path, now - timedelta(days=days, hours=1))
    strangers = [
        "notes.txt",
        "qualitydesk.sqlite3",
        "qualitydesk-20250101-000000-start.sqlite3.123.tmp",
        "qualitydesk-2025-01-01.sqlite3",
        "Qualitydesk-20250101-000000.sqlite3",
    ]
    for name in strangers:
        (tmp_path / name).write_text("keep me")

    deleted = backup_service.prune(tmp_path, now=now)

    kept = {info.made_at.date() for info in backup_service.list_backups(tmp_path)}
    assert len(deleted) + len(kept) == 400
    days = {date(2026, 6, 30) - timedelta(days=i) for i in range(14)}
    assert days <= kept
    # ISO weeks: the newest of each week is its Sunday (the current week: today)
    sundays = {date(2026, 6, 28) - timedelta(weeks=i) for i in range(7)}
    assert sundays <= kept
    month_ends = {date(2026, m, 1) - timedelta(days=1) for m in range(2, 7)}
    month_ends |= {date(2025, m, 1) - timedelta(days=1) for m in range(8, 13)}
    month_ends |= {date(2025, 12, 31)}
    assert month_ends <= kept
    assert kept == days | sundays | month_ends | {date(2026, 6, 30)}
    for name in strangers:
        assert (tmp_path / name).read_text() == "keep me"


def test_prune_never_deletes_the_newest_and_keeps_recent_deliberate_backups(tmp_path):
    now = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
    ancient = _touch(tmp_path, datetime(2020, 1, 1, tzinfo=UTC))
    older = _touch(tmp_path, datetime(2019, 1, 1, tzinfo=UTC))
    assert [i.path for i in backup_service.prune(tmp_path, now=now)] == [older]
    assert ancient.exists()

    safety = _touch(tmp_path, now - timedelta(hours=3), "before-restore")
    manual = _touch(tmp_path, now - timedelta(hours=2), "manual")
    routine = _touch(tmp_path, now - timedelta(hours=1, minutes=30), "start")
    newest = _touch(tmp_path, now - timedelta(hours=1), "start")
    old_safety = _touch(tmp_path, now - timedelta(days=40, hours=1), "before-migration")
    deleted = {i.path for i in backup_service.prune(tmp_path, now=now)}
    assert deleted == {routine, ancient}  # ancient is no longer the newest, and out of range
    assert safety.exists() and manual.exists() and newest.exists()
    assert old_safety.exists()  # the newest of its day, week and month (May 2026)
    same_day = _touch(tmp_path, now - timedelta(days=40, hours=3), "before-migration")
    assert [i.path for i in backup_service.prune(tmp_path, now=now)] == [same_day]
    assert old_safety.exists()


def test_a_simulated_year_of_daily_backups_and_a_restore_drill(engine, db_path, tmp_path):
    """One backup a day for a year (each after a day's change), pruned as it goes."""
    folder = tmp_path / "backups"
    first = datetime(2025, 1, 1, 2, 0, tzinfo=UTC)
    made: dict[date, str] = {}
    for day in range(365):
        moment = first + timedelta(days=day)
        stamp = moment.date().isoformat()
        with engine.begin() as connection:
            connection.exec_driver_sql("UPDATE customer SET notes = ? WHERE code = 'KH001'", (stamp,))  # fmt: skip
        info = backup_service.make_backup(db_path, folder, reason="start", now=moment)
        made[moment.date()] = stamp
        assert backup_service.list_backups(folder)[0] == info

    kept = backup_service.list_backups(folder)
    dec = [date(2025, 12, d) for d in range(18, 32)]
    weeks = [date(2025, 12, 14), date(2025, 12, 7), date(2025, 11, 30), date(2025, 11, 23), date(2025, 11, 16)]  # fmt: skip
    months = [date(2025, m + 1, 1) - timedelta(days=1) for m in range(1, 11)]  # Jan … Oct ends
    assert sorted(info.made_at.date() for info in kept) == sorted(dec + weeks + months)

    # the drill: every kept generation restores, opens, passes the check and holds its day
    drill = tmp_path / "drill"
    for info in kept:
        backup_service.restore(info.path, database_path(drill), folder=tmp_path / "drill-safety")
        reopened = open_database(drill)
        try:
            assert backup_service.check_database(database_path(drill)) == []
            assert customer_service.count(reopened) == 30
            assert customer_service.get_by_code(reopened, "KH001").notes == made[info.made_at.date()]  # fmt: skip
        finally:
            reopened.dispose()


# ---------------------------------------------------------------- a PostgreSQL server


@pytest.fixture
def server(tmp_path, monkeypatch):
    """A server database with 30 customers and a photo; the PC's data folder in tmp_path."""
    monkeypatch.setenv("QUALITYDESK_DATA_DIR", str(tmp_path / "pc"))
    with server_engine() as engine:
        for i in range(1, 31):
            customer(engine, code=f"KH{i:03}", name=f"顾客{i}")
        photo = tmp_path / "照片.png"
        photo.write_bytes(b"\x89PNG a photo on the server")
        owner = customer_service.get_by_code(engine, "KH001")
        from app.services import attachment_service

        attachment_service.add(
            engine, entity="customer", entity_uuid=owner.uuid, label="KH001", source=photo,
            user="t",
        )  # fmt: skip
        yield engine


def test_a_server_backup_is_a_verified_data_file_with_every_row(server, tmp_path):
    from app.services import attachment_service, audit_service, database_copy

    info = backup_service.make_backup(server)
    assert info.path.parent == backup_service.server_backup_folder(server)
    assert info.path.parent.is_relative_to(tmp_path / "pc" / "backups")
    assert backup_service.NAME_PATTERN.match(info.path.name) and info.reason == "manual"
    assert backup_service.list_backups(info.path.parent) == [info]
    assert backup_service.check_database(info.path) == []  # integrity, foreign keys, trail
    assert not [p for p in info.path.parent.iterdir() if ".tmp" in p.name]
    # it opens in the app like any data file, the photo included
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    database_path(elsewhere).write_bytes(info.path.read_bytes())
    reopened = open_database(elsewhere)
    try:
        assert database_copy.checksums(reopened) == database_copy.checksums(server)
        assert customer_service.count(reopened) == 30
        assert customer_service.get_by_code(reopened, "KH007").name == "顾客7"
        assert audit_service.verify_chain(reopened) == []
        photo = customer_service.get_by_code(reopened, "KH001")
        [attached] = attachment_service.list_for(reopened, "customer", photo.uuid)
        assert attachment_service.read_bytes(reopened, attached) == b"\x89PNG a photo on the server"
    finally:
        reopened.dispose()


def test_a_server_backup_to_a_chosen_file_and_rotation(server, tmp_path):
    with pytest.raises(BackupError):  # no such folder: a clear refusal
        backup_service.backup_to(server, tmp_path / "usb" / "server.sqlite3")
    (tmp_path / "usb").mkdir()
    chosen = backup_service.backup_to(server, tmp_path / "usb" / "server.sqlite3")
    backup_service.verify_backup(chosen.path)
    assert codes(chosen.path)[:2] == ["KH001", "KH002"]
    folder = tmp_path / "backups"
    folder.mkdir()
    old = _touch(folder, datetime(2020, 1, 1, tzinfo=UTC), "manual")
    info = backup_service.make_backup(server, folder)
    assert not old.exists()  # thinned out by the rotation, as for a data file
    assert backup_service.newest_good_backup(folder) == info


def test_a_server_backup_that_does_not_verify_is_not_kept(server, tmp_path, monkeypatch):
    from app.services import database_copy

    real = database_copy.checksums

    def read_back_wrong(engine, *args, **kwargs):
        found = real(engine, *args, **kwargs)
        if engine.dialect.name == "sqlite":  # the new file reads back without one customer
            rows, _sum = found["customer"]
            found["customer"] = (rows - 1, "0" * 64)
        return found

    monkeypatch.setattr(database_copy, "checksums", read_back_wrong)
    folder = tmp_path / "backups"
    with pytest.raises(BackupError) as refused:
        backup_service.make_backup(server, folder)
    assert "customer" in str(refused.value)
    assert list(folder.iterdir()) == []  # no backup, no temporary file left


def test_a_server_whose_trail_was_altered_is_still_backed_up_as_it_is(server):
    with server.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE audit_entry DISABLE TRIGGER USER")
        connection.exec_driver_sql("UPDATE audit_entry SET new_value = 'forged' WHERE id = 3")
        connection.exec_driver_sql("ALTER TABLE audit_entry ENABLE TRIGGER USER")
    info = backup_service.make_backup(server)
    problems = backup_service.check_database(info.path)
    assert len(problems) == 1 and "3" in problems[0]  # the backup shows what the server holds
