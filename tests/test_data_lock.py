"""One writer per data file: a real second process holds the QLockFile; writers refuse and name it.

The holder is a plain `python -c` with QLockFile (not app.data_lock), so the test also shows that
the lock is the one any Qt program takes. kill -9 leaves its lock file behind, as a crash does;
the next writer must take it over without asking.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSysInfo

from app.config import database_path
from app.data_lock import DataFileInUse, DataLock, lock_path
from app.db import open_database
from app.services import backup_service, customer_service
from app.services.customer_service import CustomerData
from tests.cli_runner import run

HOLDER = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
if not lock.tryLock(0):
    sys.exit(3)
print("locked", flush=True)
time.sleep(600)
"""


@contextmanager
def holding(db_path: Path) -> Iterator[subprocess.Popen]:
    """Another process holding the data file's lock until it is killed."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path(db_path))],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)


def kill_hard(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)


@pytest.fixture
def folder(tmp_path) -> Path:
    data = tmp_path / "data"
    engine = open_database(data)
    customer_service.create(engine, CustomerData(code="KH001", name="一汽"), "t")
    engine.dispose()
    return data


def test_a_second_writer_is_told_who_holds_the_file_then_takes_over_a_crashed_holder(folder):
    db_path = database_path(folder)
    with holding(db_path) as child:
        lock = DataLock(db_path)
        with pytest.raises(DataFileInUse) as refused:
            lock.acquire()
        holder = refused.value.holder
        assert holder is not None
        assert holder.pid == child.pid
        assert holder.host == QSysInfo.machineHostName()
        assert holder.program.startswith("python")
        message = refused.value.describe("en")
        assert str(child.pid) in message and QSysInfo.machineHostName() in message
        assert not lock.is_held() and lock.holder() == holder

        kill_hard(child)  # a crash: the lock file stays behind
        assert lock_path(db_path).exists()
        lock.acquire()
    try:
        assert lock.is_held()
        assert lock.holder().pid == os.getpid()
    finally:
        lock.release()
    assert not lock_path(db_path).exists()


def test_the_same_file_cannot_be_locked_twice_in_one_process(folder):
    first, second = DataLock(database_path(folder)), DataLock(database_path(folder))
    with first:
        with pytest.raises(DataFileInUse) as refused:
            second.acquire()
        assert refused.value.holder.pid == os.getpid()
    second.acquire()
    second.release()


def test_a_lock_file_left_unwritten_by_a_crash_is_taken_over_once_old(folder):
    path = lock_path(database_path(folder))
    path.write_bytes(b"")
    lock = DataLock(database_path(folder))
    with pytest.raises(DataFileInUse):  # it may be a holder that is writing its pid just now
        lock.acquire()
    old = time.time() - 60
    os.utime(path, (old, old))
    lock.acquire()
    assert lock.is_held()
    lock.release()


def _as_a_normal_user(*command: str) -> list[str]:
    """As root, drop the capabilities that let root write anywhere (setpriv); else as is."""
    if os.geteuid() != 0:
        return list(command)
    caps = "-dac_override,-dac_read_search,-fowner"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", *command]


@pytest.mark.skipif(
    os.name != "posix" or (os.geteuid() == 0 and shutil.which("setpriv") is None),
    reason="needs a normal user (or setpriv) for a folder that cannot be written",
)
def test_a_read_only_folder_is_named_not_mistaken_for_a_holder(folder):
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.data_lock import DataFileInUse, DataLock, DataLockError\n"
        "try:\n"
        "    DataLock(Path(sys.argv[1])).acquire()\n"
        "except DataFileInUse:\n"
        "    sys.exit(3)\n"
        "except DataLockError as error:\n"
        "    print(error)\n"
        "    sys.exit(1)\n"
    )
    folder.chmod(0o555)
    try:
        result = subprocess.run(
            _as_a_normal_user(sys.executable, "-c", script, str(database_path(folder))),
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
            timeout=60,
        )
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1, result.stdout + result.stderr
    assert str(folder) in result.stdout and "只读" in result.stdout
    assert not lock_path(database_path(folder)).exists()


def _register(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["客户编号", "客户名称"])
    sheet.append(["KH777", "锁定期间导入"])
    workbook.save(path)
    return path


def _codes(folder: Path) -> list[str]:
    engine = open_database(folder)
    try:
        return sorted(c.code for c in customer_service.list_customers(engine))
    finally:
        engine.dispose()


def test_commands_that_write_refuse_while_another_process_holds_the_file(folder, tmp_path):
    db_path = database_path(folder)
    workbook = _register(tmp_path / "register.xlsx")
    backup = backup_service.make_backup(db_path, tmp_path / "b")
    host = QSysInfo.machineHostName()
    with holding(db_path) as child:
        attempts = {
            "import": run("--data-dir", str(folder), "import", "customers", str(workbook)),
            "demo": run("--data-dir", str(folder), "demo", "--customers", "3"),
            "restore": run("--data-dir", str(folder), "restore", str(backup.path)),
        }
        for name, result in attempts.items():
            assert result.returncode == 1, (name, result.stdout, result.stderr)
            assert f"process {child.pid}" in result.stderr, (name, result.stderr)
            assert host in result.stderr and "Traceback" not in result.stderr
        # reading needs no lock; a dry run writes nothing and is allowed
        dry = run("--data-dir", str(folder), "import", "customers", str(workbook), "--dry-run")
        assert dry.returncode == 0, dry.stderr
        listed = run("--data-dir", str(folder), "list", "customers")
        assert listed.returncode == 0 and "KH001" in listed.stdout
        assert _codes(folder) == ["KH001"]
        assert backup_service.list_backups(backup_service.default_folder(db_path)) == []

        kill_hard(child)
        imported = run("--data-dir", str(folder), "import", "customers", str(workbook))
        assert imported.returncode == 0, imported.stderr
    assert _codes(folder) == ["KH001", "KH777"]
    assert not lock_path(db_path).exists()  # the command let go of its lock


# ---------------------------------------------------------------- the layer rule for the lock


def _pyside_imports(path: Path) -> set[str]:
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("PySide6")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6"):
            found.add(node.module)
    return found


def test_outside_app_ui_only_the_lock_imports_qt_and_only_qtcore():
    """The rule: no Qt below app/ui, except QtCore's QLockFile in app/data_lock.py (window + CLI)."""
    app_dir = Path(__file__).resolve().parents[1] / "app"
    ui_dir = app_dir / "ui"
    users = {
        path.relative_to(app_dir).as_posix(): modules
        for path in sorted(app_dir.rglob("*.py"))
        if ui_dir not in path.parents and (modules := _pyside_imports(path))
    }
    assert users == {"data_lock.py": {"PySide6.QtCore"}}


def test_taking_the_lock_loads_no_widgets():
    script = (
        "import sys, tempfile, pathlib\n"
        "from app.data_lock import DataLock\n"
        "with DataLock(pathlib.Path(tempfile.mkdtemp()) / 'x.sqlite3'):\n"
        "    pass\n"
        "gui = [m for m in sys.modules if m.startswith(('PySide6.QtWidgets', 'PySide6.QtGui'))]\n"
        "sys.exit(1 if gui else 0)\n"
    )
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True)
    assert result.returncode == 0, result.stderr
