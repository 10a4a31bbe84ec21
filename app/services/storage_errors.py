"""Plain words for the failures of the disk under the data file: full, read-only, locked, broken.

SQLite reports them as OperationalError with its own short text ("database or disk is full",
"attempt to write a readonly database" …); the forms show this module's message instead and
keep what was typed. Nothing here changes data: SQLite has already rolled the transaction back.
"""

from __future__ import annotations

import errno
import sqlite3

from sqlalchemy.exc import DBAPIError

from app.i18n import pick

# SQLite's primary result codes (sqlite3.h); Python ≥ 3.11 exposes them as sqlite_errorcode
_FULL, _READONLY, _IOERR, _BUSY, _LOCKED, _CANTOPEN, _PERM = 13, 8, 10, 5, 6, 14, 3

_MESSAGES = {
    "full": (
        "磁盘已满,未能保存。请腾出磁盘空间后再点“保存”;已输入的内容仍在窗口中,数据文件未受影响。",
        "The disk is full, so nothing was saved. Free some disk space and press Save again; "
        "what you typed is still in the window and the data file is unharmed.",
    ),
    "read_only": (
        "数据文件或其文件夹为只读(没有写入权限),未能保存。请向管理员申请写入权限;"
        "已输入的内容仍在窗口中,数据文件未受影响。",
        "The data file or its folder is read-only (no write permission), so nothing was saved. "
        "Ask for write access; what you typed is still in the window and the data file is unharmed.",
    ),
    "busy": (
        "数据文件正被其他程序使用,未能保存。请稍后再点“保存”;已输入的内容仍在窗口中。",
        "The data file is busy in another program, so nothing was saved. Press Save again in a "
        "moment; what you typed is still in the window.",
    ),
    "io": (
        "读写数据文件时磁盘出错,未能保存。请检查磁盘或 U 盘/网络连接,并在“文件”菜单中检查数据文件;"
        "已输入的内容仍在窗口中。",
        "The disk failed while writing the data file, so nothing was saved. Check the disk (or the "
        "USB stick / network connection) and check the data file from the File menu; what you "
        "typed is still in the window.",
    ),
}
STORAGE_ERRORS: tuple[type[BaseException], ...] = (DBAPIError, sqlite3.Error, OSError)


def kind(error: BaseException) -> str | None:
    """full / read_only / busy / io for a storage failure; None for anything else."""
    if isinstance(error, DBAPIError):
        error = error.orig or error
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        text = str(error).lower()
        if primary == _FULL or "disk is full" in text:
            return "full"
        if primary in (_READONLY, _PERM) or "readonly" in text or "read-only" in text:
            return "read_only"
        if primary in (_BUSY, _LOCKED) or "locked" in text:
            return "busy"
        if primary in (_IOERR, _CANTOPEN) or "i/o error" in text or "unable to open" in text:
            return "io"
        return None
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return "full"
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "read_only"
        return "io"
    return None


def message(error: BaseException, lang: str | None = None) -> str | None:
    """The message for a storage failure, or None when the error is something else."""
    found = kind(error)
    return pick(*_MESSAGES[found], lang) if found else None
