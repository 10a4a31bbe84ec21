"""Killing the app while it writes, filling the disk, a read-only folder: nothing is lost.

Each scenario runs a real writer process (tests/robustness/writer.py) on a real data file in the
mode the app uses, then checks: the file passes integrity_check, every record the writer
acknowledged is there, and no record lacks its audit rows.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from app.config import database_path
from app.db import open_database
from app.services import storage_errors

WRITER = Path(__file__).with_name("writer.py")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and limits")


def start_writer(folder: Path, *extra: str, preexec=None) -> subprocess.Popen:  # noqa: ANN001
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(folder), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        preexec_fn=preexec,
    )


def wait_ready(process: subprocess.Popen) -> None:
    line = process.stdout.readline()
    assert line.strip() == "READY", line + process.stderr.read()


def acknowledged(output: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines() if line.startswith("ACK ")]


def check_file(path: Path, acked: list[str]) -> None:
    """Integrity, every acknowledged record present, every record with its audit rows."""
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        codes = {row[0] for row in db.execute("SELECT code FROM customer")}
        missing = [code for code in acked if code not in codes]
        assert not missing, f"acknowledged but lost: {missing[:5]}"
        unaudited = db.execute(
            "SELECT code FROM customer c WHERE NOT EXISTS (SELECT 1 FROM audit_entry a "
            "WHERE a.entity = 'customer' AND a.entity_uuid = c.uuid AND a.action = 'create' "
            "AND json_extract(a.new_value, '$.code') = c.code AND a.field = '*')"
        ).fetchall()
        assert unaudited == [], f"records without their audit rows: {unaudited[:5]}"
        edited_without_trail = db.execute(
            "SELECT code FROM customer c WHERE address != '' AND NOT EXISTS (SELECT 1 FROM "
            "audit_entry a WHERE a.entity_uuid = c.uuid AND a.action = 'update' "
            "AND a.field = 'address')"
        ).fetchall()
        assert edited_without_trail == []


@pytest.fixture
def data_dir(tmp_path) -> Path:
    folder = tmp_path / "data"
    open_database(folder).dispose()  # created and migrated, as after the first start
    return folder


def test_kill_9_at_random_moments_loses_nothing_acknowledged(data_dir):
    rng = random.Random(20261121)
    path = database_path(data_dir)
    all_acked: list[str] = []
    trials = 25
    for _ in range(trials):
        writer = start_writer(data_dir)
        wait_ready(writer)
        time.sleep(rng.uniform(0.0, 0.35))  # anywhere in a transaction, a commit or a checkpoint
        writer.send_signal(signal.SIGKILL)
        out, err = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL, err
        all_acked += acknowledged(out)
        check_file(path, all_acked)  # the next start finds a sound file every time
    assert len(all_acked) > trials  # the writer really was writing when killed
    engine = open_database(data_dir)  # the app starts normally on it afterwards
    engine.dispose()


def _limit_file_size(limit: int):  # noqa: ANN202
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_stops_the_writer_with_a_clear_reason_and_keeps_the_file_sound(data_dir):
    path = database_path(data_dir)
    limit = path.stat().st_size + 400_000  # room for a few dozen records, then "disk full"
    writer = start_writer(data_dir, "100000", "200", preexec=_limit_file_size(limit))
    out, err = writer.communicate(timeout=120)
    assert writer.returncode == 3, out[-2000:] + err[-2000:]
    failure = out.strip().splitlines()[-1]
    # a real full disk is SQLITE_FULL; a file-size limit reaches SQLite as a failed write
    assert failure.startswith(("FAIL full ", "FAIL io ")), failure
    acked = acknowledged(out)
    assert len(acked) > 5
    check_file(path, acked)
    # and once there is room again, the app goes on writing where it stopped
    writer = start_writer(data_dir, "3")
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    check_file(path, acked + acknowledged(out))


def test_the_full_disk_message_is_plain_words(data_dir):
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = 13
    assert storage_errors.kind(error) == "full"
    assert "磁盘已满" in storage_errors.message(error, "zh_CN")
    assert "disk is full" in storage_errors.message(error, "en")
    assert storage_errors.kind(OSError(28, "No space left on device")) == "full"
    assert storage_errors.kind(ValueError("x")) is None


def _can_drop_privileges() -> bool:
    return os.geteuid() != 0 or shutil.which("setpriv") is not None


def unprivileged(*command: str) -> list[str]:
    """Run as a user without write permission on root's files.

    As root, drop the capabilities that bypass file permissions (what a non-root user lacks);
    otherwise run as is.
    """
    if os.geteuid() != 0:
        return list(command)
    caps = "-dac_override,-dac_read_search,-fowner"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", *command]


@pytest.mark.skipif(not _can_drop_privileges(), reason="needs setpriv to act as a normal user")
def test_a_read_only_data_folder_gives_a_clear_message_and_stays_unchanged(data_dir):
    path = database_path(data_dir)
    writer = start_writer(data_dir, "5")
    assert writer.wait(timeout=60) == 0
    before = path.read_bytes()
    os.chmod(path, 0o444)
    os.chmod(data_dir, 0o555)
    try:
        for args in (("list", "customers"), ("demo", "--customers", "3")):
            result = subprocess.run(
                unprivileged(sys.executable, "-m", "app.cli", "--data-dir", str(data_dir), *args),
                capture_output=True,
                text=True,
                encoding="utf-8",
                env={**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
                cwd=Path(__file__).resolve().parents[2],
                timeout=120,
            )
            assert result.returncode == 1, result.stdout + result.stderr
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and "read-only" in lines[0], result.stderr
            assert "Traceback" not in result.stderr
    finally:
        os.chmod(data_dir, 0o755)
        os.chmod(path, 0o644)
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir() if p.is_file()) == [path.name]
