"""One writer per data file: a lock file beside it (QLockFile), taken by the window and by the
commands that write (import, demo, restore).

This is the one module outside app/ui that imports Qt, and it imports QtCore only (no widgets,
no QApplication needed): the window and the command line must take the very same lock, and
QLockFile already does what a home-made lock would get wrong — the holder's pid, program and
host name in the file, and a lock left by a crashed process (pid gone on this host, or a reboot
since) recognised as stale and taken over. A lock held from another computer (a shared folder)
is never taken over: its process cannot be checked from here.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLockFile, QSysInfo

from app.i18n import pick

LOCK_SUFFIX = ".lock"
UNREADABLE_LOCK_AGE = 10.0  # seconds; a live holder writes its pid right after creating the file


def _process_running(pid: int) -> bool:
    """False only when this computer certainly has no process pid (POSIX; elsewhere True)."""
    if os.name != "posix" or pid <= 0:
        return True  # os.kill(pid, 0) on Windows would send CTRL_C_EVENT
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # e.g. another user's process
    return True


def lock_path(db_path: Path) -> Path:
    """qualitydesk.sqlite3.lock beside the data file."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


@dataclass(frozen=True)
class LockHolder:
    """Who holds the lock, as written in the lock file."""

    pid: int
    host: str
    program: str

    def on_this_computer(self) -> bool:
        return not self.host or self.host == QSysInfo.machineHostName()


class DataLockError(RuntimeError):
    """The lock file cannot be made (a read-only folder, no permission); the message says where."""


class DataFileInUse(DataLockError):
    """Another copy of QualityDesk (or a writing command) holds the data file."""

    def __init__(self, db_path: Path, holder: LockHolder | None) -> None:
        self.db_path = Path(db_path)
        self.holder = holder
        super().__init__(self.describe())

    def describe(self, lang: str | None = None) -> str:
        holder = self.holder
        if holder is None:
            who = pick("另一个程序", "another program", lang)
        else:
            program = holder.program or "QualityDesk"
            who = pick(
                f"计算机“{holder.host or '?'}”上的 {program}(进程号 {holder.pid})",
                f"{program} (process {holder.pid}) on the computer “{holder.host or '?'}”",
                lang,
            )
        return pick(
            f"数据文件 {self.db_path} 正被{who}使用。请先关闭那边的 QualityDesk;这里没有写入任何内容。",
            f"The data file {self.db_path} is in use by {who}. Close QualityDesk there first; "
            "nothing was written here.",
            lang,
        )


class DataLock:
    """The lock on one data file; acquire() or `with DataLock(path):`."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._lock = QLockFile(str(self.path))
        # never stale by age: a long session must not lose its lock; a crashed holder is
        # recognised by its pid (same host) instead
        self._lock.setStaleLockTime(0)

    def holder(self) -> LockHolder | None:
        """Who holds the lock now, read from the lock file; None when nobody does."""
        info = QLockFile(str(self.path)).getLockInfo()
        if not isinstance(info, tuple) or len(info) != 3 or not info[0]:
            return None
        pid, host, program = info
        return LockHolder(int(pid), str(host), str(program))

    def acquire(self) -> None:
        """Take the lock or raise DataFileInUse (naming the holder) or DataLockError."""
        if self.is_held():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._cannot_lock(exc.strerror or str(exc)) from exc
        if self._lock.tryLock(0):
            return
        error = self._lock.error()
        if error == QLockFile.LockError.LockFailedError:
            holder = self.holder()
            if self._stale(holder) and self._lock.removeStaleLockFile() and self._lock.tryLock(0):
                return
            raise DataFileInUse(self.db_path, self.holder() or holder)
        if error == QLockFile.LockError.PermissionError:
            raise self._cannot_lock(pick("没有写入权限", "no permission to write there"))
        raise self._cannot_lock(pick("未知错误", "unknown error"))

    def _stale(self, holder: LockHolder | None) -> bool:
        """A lock file QLockFile did not take over although nobody can be holding it.

        tryLock takes over the lock of a process that is gone by itself; what is left is a lock
        file without readable content (a crash while it was written), which QLockFile with no
        stale time never takes over, and a holder that died between tryLock and this check.
        """
        if holder is None:
            try:
                age = time.time() - self.path.stat().st_mtime
            except OSError:
                return False
            return age > UNREADABLE_LOCK_AGE
        return holder.on_this_computer() and not _process_running(holder.pid)

    def _cannot_lock(self, why: str) -> DataLockError:
        folder = self.path.parent
        return DataLockError(
            pick(
                f"无法在数据文件夹 {folder} 中建立锁文件({why})。该文件夹可能是只读的;"
                "请选择可写入的数据文件夹。",
                f"Cannot create the lock file in the data folder {folder} ({why}). The folder "
                "may be read-only; choose a data folder that can be written to.",
            )
        )

    def is_held(self) -> bool:
        return self._lock.isLocked()

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    def __enter__(self) -> DataLock:
        self.acquire()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.release()
