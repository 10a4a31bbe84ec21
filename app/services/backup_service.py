"""Backups of the data file: made, verified, rotated, listed and restored.

Every copy goes through SQLite's online backup API (never a file copy of an open database),
is written under a temporary name, checked with ``PRAGMA integrity_check`` and only then
renamed to ``qualitydesk-YYYYMMDD-HHMMSS[-reason].sqlite3``. The time in the name is UTC, so
names sort in the order the backups were made whatever the PC's time zone or summer time.
Older backups are pruned only after the new one passed its check, and only files with that
name pattern are ever deleted.

A PostgreSQL server is backed up the same way into a new data file: database_copy writes every
table (attachment bytes in stored_file) into the temporary file, verified table by table by
counts and checksums, then the same integrity check and rename. Such a file opens in the app
like any data file and goes back to a server with `qualitydesk migrate-to`. The server's
administrator keeps backing up the server itself (pg_dump; see the README).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, wait
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.db import GARBLED, DatabaseError, alembic_config, is_damage, read_only_connection
from app.i18n import pick
from app.services import integrity_check, worker_thread

BACKUP_FOLDER = "backups"
NAME_PREFIX = "qualitydesk-"
NAME_SUFFIX = ".sqlite3"
NAME_PATTERN = re.compile(r"^qualitydesk-(\d{8})-(\d{6})(?:-([a-z0-9][a-z0-9-]*))?\.sqlite3$")
_REASON = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MANUAL = "manual"
SAFETY_PREFIX = "before-"  # before-restore, before-migration, before-import …
MARKER_NAME = "last-backup.json"
BUSY_TIMEOUT = 30.0  # seconds to wait for another program's lock before giving up
# left free when a backup goes to the data file's own disk: a backup of ten years of records
# is over a gigabyte, and written into the disk's last free space it would make the next save fail
HEADROOM = 100 * 1024 * 1024


class BackupError(DatabaseError):
    """A backup could not be made, verified or restored; the message says why."""


class DamagedBackup(BackupError):
    """A backup file is damaged or is not a QualityDesk database."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime  # UTC, aware
    size: int
    reason: str


@dataclass(frozen=True)
class Rotation:
    """How many generations prune keeps: the newest of each of the last N days, weeks, months."""

    daily: int = 14
    weekly: int = 8
    monthly: int = 12


DEFAULT_ROTATION = Rotation()


# ---------------------------------------------------------------- names and listing


def default_folder(db_path: Path) -> Path:
    """backups/ beside the data file."""
    return Path(db_path).parent / BACKUP_FOLDER


def backup_folder_for(db_path: Path) -> Path:
    """The data file's backup folder: the one chosen on this PC (Preferences), else backups/."""
    from app.config import Preferences

    return Preferences.load().backup_folder_for(db_path) or default_folder(db_path)


def backup_name(made_at: datetime, reason: str = "") -> str:
    stamp = made_at.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    return f"{NAME_PREFIX}{stamp}{'-' + reason if reason else ''}{NAME_SUFFIX}"


def parse_name(path: Path) -> tuple[datetime, str] | None:
    """(UTC time, reason) of a backup file name, None for any other file."""
    match = NAME_PATTERN.match(path.name)
    if not match:
        return None
    try:
        made_at = datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None
    return made_at, match[3] or ""


def _info(path: Path) -> BackupInfo | None:
    parsed = parse_name(path)
    if parsed is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    if not path.is_file():
        return None
    return BackupInfo(path=path, made_at=parsed[0], size=stat.st_size, reason=parsed[1])


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in folder, newest first (by the time in their names)."""
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    found = [info for entry in entries if (info := _info(entry)) is not None]
    return sorted(found, key=lambda info: (info.made_at, info.path.name), reverse=True)


# ---------------------------------------------------------------- connections and checks


def _read_only(path: Path) -> sqlite3.Connection:
    return read_only_connection(path, timeout=BUSY_TIMEOUT)


def integrity_problems(path: Path, pragma: str = "integrity_check") -> list[str]:
    """What PRAGMA integrity_check (or quick_check) reports on a file; empty when it is fine.
    The integrity check is spread over the PC's cores (integrity_check.file_problems)."""
    try:
        if pragma == integrity_check.WHOLE_FILE:
            return integrity_check.file_problems(partial(_read_only, path))
        with closing(_read_only(path)) as connection:
            return integrity_check.problems(connection, pragma)
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return [str(exc)]
        raise BackupError(f"{path}: {exc}") from exc
    except UnicodeDecodeError:
        return [GARBLED]


def audit_trail_problems(db_path: Path) -> list[str]:
    """What audit_service.verify_chain finds in the file's audit trail, read without writing."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError

    from app.services import audit_service

    engine = create_engine("sqlite://", creator=lambda: _read_only(Path(db_path)))
    try:
        return [problem.message() for problem in audit_service.verify_chain(engine)]
    except DBAPIError as exc:
        if isinstance(exc.orig, sqlite3.DatabaseError) and is_damage(exc.orig):
            return [str(exc.orig)]
        raise BackupError(f"{db_path}: {exc.orig}") from exc
    finally:
        engine.dispose()


def server_problems(engine: Engine) -> list[str]:
    """What can be wrong in a server's database that the server does not check itself: the
    audit trail's hash chain and its append-only guard (audit_service.verify_chain)."""
    from app.services import audit_service

    return [problem.message() for problem in audit_service.verify_chain(engine)]


def check_database(db_path: Path) -> list[str]:
    """Problems found by integrity_check, foreign_key_check and in the audit trail's hash chain.

    An empty list means fine. The audit trail is checked only in a file that passed the
    integrity check: each altered, missing or slipped-in entry is one line naming it.
    """
    path = Path(db_path)
    if not path.is_file():
        raise BackupError(pick(f"没有数据文件:{path}", f"there is no data file at {path}"))
    problems = integrity_problems(path)
    if problems:
        return problems
    try:
        with closing(_read_only(path)) as connection:
            for table, rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check"):
                problems.append(
                    pick(
                        f"{table} 第 {rowid} 行:引用的 {parent} 记录不存在",
                        f"{table} row {rowid}: refers to a {parent} row that does not exist",
                    )
                )
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return [str(exc)]
        raise BackupError(f"{path}: {exc}") from exc
    except UnicodeDecodeError:
        return [GARBLED]
    return problems + audit_trail_problems(path)


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {
        script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }


def verify_backup(path: Path) -> None:
    """Raise DamagedBackup unless path is an intact QualityDesk database this program can open."""
    path = Path(path)
    if not path.is_file():
        raise DamagedBackup(pick(f"{path} 不是文件", f"{path} is not a file"))
    problems = integrity_problems(path)
    if problems:
        found = "; ".join(problems[:3])
        raise DamagedBackup(pick(f"{path} 已损坏:{found}", f"{path} is damaged: {found}"))
    try:
        with closing(_read_only(path)) as connection:
            has_version = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()
            revision = (
                connection.execute("SELECT version_num FROM alembic_version").fetchone()
                if has_version
                else None
            )
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise BackupError(pick(f"无法读取 {path}:{exc}", f"cannot read {path}: {exc}")) from exc
    if revision is None:
        raise DamagedBackup(
            pick(f"{path} 不是 QualityDesk 数据文件", f"{path} is not a QualityDesk database")
        )
    if revision[0] not in _known_revisions():
        raise DamagedBackup(
            pick(
                f"{path} 由较新版本的 QualityDesk 生成(结构 {revision[0]}),请先更新程序",
                f"{path} was made by a newer QualityDesk (schema {revision[0]}); "
                "update the program first",
            )
        )


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The newest backup in folder that passes verify_backup, or None."""
    for info in list_backups(folder):
        try:
            verify_backup(info.path)
        except BackupError:
            continue
        return info
    return None


# ---------------------------------------------------------------- the content fingerprint


def content_fingerprint(path: Path) -> str:
    """A SHA-256 over the schema and every row, read in one snapshot.

    needs_backup compares the data file with its newest backup by content, not by file size or
    time: a WAL checkpoint, a copy to a USB stick or a coarse FAT clock change those without
    changing a record, and two files holding the same records always give the same fingerprint
    (page layout, journal mode and header counters do not enter it).
    """
    digest = hashlib.sha256()
    with closing(_read_only(path)) as connection:
        connection.text_factory = bytes  # the stored bytes exactly, valid UTF-8 or not
        connection.execute("BEGIN")  # one read snapshot for every table
        schema = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        digest.update(repr(schema).encode())
        for kind, name, _table, sql in schema:
            if kind != b"table" or name.startswith(b"sqlite_stat"):
                continue
            quoted = '"' + name.decode("utf-8", "replace").replace('"', '""') + '"'
            if b"WITHOUT ROWID" in (sql or b"").upper():
                width = len(connection.execute(f"SELECT * FROM {quoted} LIMIT 0").description)
                order = ", ".join(str(i + 1) for i in range(width))
            else:
                order = "rowid"
            digest.update(b"\x00" + name + b"\x00")
            cursor = connection.execute(f"SELECT * FROM {quoted} ORDER BY {order}")
            while rows := cursor.fetchmany(500):
                digest.update(repr(rows).encode())
        connection.rollback()
    return digest.hexdigest()


def data_file_state(path: Path) -> dict[str, object]:
    """What changes when anything writes the data file: size, times and inode of the file and its
    journals (-wal, -journal), and the headers SQLite changes on every commit (the file's change
    counter; the WAL's checkpoint sequence and salts), so a write within a coarse clock tick or
    a WAL restarted at the same size is seen too."""
    path = Path(path)
    state: dict[str, object] = {}
    for suffix, head in (("", 100), ("-wal", 32), ("-journal", 0)):
        side = path.with_name(path.name + suffix)
        try:
            st = side.stat()
            with open(side, "rb") as handle:
                header = handle.read(head).hex() if head else ""
        except FileNotFoundError:
            state[suffix or "file"] = None
            continue
        if suffix and st.st_size == 0:  # an empty journal holds nothing (a reader makes one)
            state[suffix] = None
            continue
        # not the journals' ctime: SQLite run as root gives an opened journal the data file's
        # owner (fchown), which changes its ctime without a write
        changed = st.st_ctime_ns if not suffix else None
        state[suffix or "file"] = [st.st_size, st.st_mtime_ns, changed, st.st_ino, header]
    return state


def _read_marker(folder: Path) -> dict:
    try:
        marker = json.loads((folder / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return marker if isinstance(marker, dict) else {}


def _write_marker(folder: Path, info: BackupInfo, **facts: object) -> None:
    """Remember what is known of the newest backup: the data file's state when it was made
    (source) and, once computed, its content fingerprint, so needs_backup need not read the
    data file or the backup again."""
    marker = folder / MARKER_NAME
    tmp = folder / f".{MARKER_NAME}.{os.getpid()}.tmp"
    try:
        tmp.write_text(
            json.dumps({"backup": info.path.name, "size": info.size, **facts}), encoding="utf-8"
        )
        tmp.replace(marker)
    except OSError:  # only a cache: without it needs_backup reads the files themselves
        tmp.unlink(missing_ok=True)


def _marker_for(info: BackupInfo) -> dict:
    """The marker's facts when it describes this backup file, else {}."""
    marker = _read_marker(info.path.parent)
    if marker.get("backup") == info.path.name and marker.get("size") == info.size:
        return marker
    return {}


def _backup_fingerprint(info: BackupInfo, marker: dict) -> str:
    if isinstance(marker.get("fingerprint"), str):
        return marker["fingerprint"]
    fingerprint = content_fingerprint(info.path)
    if marker:  # computed once per backup: kept with what the marker knew
        _write_marker(info.path.parent, info, source=marker.get("source"), fingerprint=fingerprint)
    return fingerprint


def needs_backup(db_path: Path, folder: Path | None = None) -> bool:
    """True when the data file holds something its newest backup does not.

    Nothing is read when the file (and its journal) is exactly as it was when that backup was
    made; otherwise the contents are compared, so a checkpoint or a copy that changed the file
    but not a record needs no new backup (and is remembered as such).
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        return False
    backups = list_backups(folder or backup_folder_for(db_path))
    if not backups:
        return True
    marker = _marker_for(backups[0])
    try:
        state = data_file_state(db_path)
        if marker.get("source") is not None and marker["source"] == state:
            return False
        # the state is taken before the rows are read: a write in between makes it stale
        fingerprint = content_fingerprint(db_path)
        backup = _backup_fingerprint(backups[0], marker)
    except (sqlite3.Error, UnicodeDecodeError, OSError):
        return True
    if fingerprint != backup:
        return True
    _write_marker(backups[0].path.parent, backups[0], source=state, fingerprint=backup)
    return False


# ---------------------------------------------------------------- making backups


def _source_path(source: Engine | Path | str) -> Path:
    if isinstance(source, Engine):
        database = source.url.database
        if source.dialect.name != "sqlite" or not database or database == ":memory:":
            raise BackupError(
                pick(
                    "只能这样备份 SQLite 数据文件",
                    "only a SQLite data file can be backed up this way",
                )
            )
        return Path(database)
    return Path(source)


def _give_up_after(seconds: float) -> Callable[[int, int, int], None]:
    """A backup progress callback that ends the copy after seconds of waiting for a lock.

    Python's backup loop retries a busy database for ever; an exception from the callback is
    the way to stop it, so a file held by a hung program cannot hang a backup or restore.
    """
    deadline = time.monotonic() + seconds

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise BackupError(
                pick(
                    "数据文件一直被其他程序锁定,请稍后再试",
                    "the data file stayed locked by another program; try again later",
                )
            )

    return progress


def size_text(size: int) -> str:
    """1.2 GB, 640.0 MB, 12 KB: a file's size as a user reads it."""
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GB"
    if size >= 1024**2:
        return f"{size / 1024**2:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def _free_bytes(folder: Path) -> int | None:
    """Free space on folder's disk; None when the disk does not say (some network shares)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _same_disk(a: Path, b: Path) -> bool:
    try:
        return os.stat(a).st_dev == os.stat(b).st_dev
    except OSError:
        return True  # cannot tell: keep the headroom


def _ensure_room(src: sqlite3.Connection, source: Path, folder: Path) -> None:
    """Refuse, before writing, a backup that does not fit on its disk, or that would leave less
    than HEADROOM free on the data file's own disk.

    The copy takes the data file's pages (page_count × page_size, as the backup API copies
    them). A disk that does not tell its free space is tried: a full one fails the copy."""
    (pages,) = src.execute("PRAGMA page_count").fetchone()
    (page_size,) = src.execute("PRAGMA page_size").fetchone()
    needed, free = pages * page_size, _free_bytes(folder)
    keep = HEADROOM if _same_disk(folder, source) else 0
    if free is None or free >= needed + keep:
        return
    held = sum(info.size for info in list_backups(folder))
    raise BackupError(
        pick(
            f"{folder} 所在磁盘空间不足:备份约需 {size_text(needed)},"
            + (f"另需留出 {size_text(keep)} 供数据文件继续保存," if keep else "")
            + f"现仅剩 {size_text(free)}"
            + (f"(该文件夹中已有的备份共占 {size_text(held)})" if held else "")
            + "。请腾出磁盘空间,或在“设置”中把备份文件夹改到空间更大的磁盘。",
            f"not enough free space for a backup in {folder}: the backup needs about "
            f"{size_text(needed)}"
            + (
                f" and {size_text(keep)} is left free on the data file's disk so that saving goes on"
                if keep
                else ""
            )
            + f", but only {size_text(free)} is free"
            + (f" (the backups kept there take {size_text(held)})" if held else "")
            + ". Free some disk space, or choose a backup folder on a larger disk in Settings.",
        )
    )


def _copy(source: Path, target: Path) -> None:
    """Copy source into a new file target through the backup API, as a one-file (non-WAL) database."""
    with closing(_read_only(source)) as src:
        _ensure_room(src, source, target.parent)
        with closing(sqlite3.connect(target, timeout=BUSY_TIMEOUT)) as dst:
            # the copy is a temporary file until it is checked and renamed, so SQLite need not
            # journal or sync it: one fsync before the rename (_check_and_place) makes it durable
            dst.execute("PRAGMA synchronous=OFF")
            dst.execute("PRAGMA journal_mode=MEMORY")
            # pages=-1: one step in one read transaction, so the copy is one consistent
            # snapshot even while another connection keeps writing (WAL lets it go on meanwhile)
            src.backup(dst, pages=-1, progress=_give_up_after(BUSY_TIMEOUT))
            # a backup is a single self-contained file, readable on a USB stick or network share
            dst.execute("PRAGMA journal_mode=DELETE")


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_verified(source: Path, target: Path) -> None:
    """Copy source to target via a temporary file checked before the rename (integrity_check).

    No fingerprint of the copy: reading every row again in Python took longer than the copy
    and its check together (10 s of a sync into ten years of records); needs_backup computes
    it only when it must compare contents."""
    _check_and_place(source, _copy_to_temp(source, target), target)


@contextmanager
def _backup_errors(source: Path, target: Path, tmp: Path, keep: bool = False) -> Iterator[None]:
    """SQLite and file errors as BackupError; the temporary file removed (kept when keep and
    nothing went wrong)."""
    kept = False
    try:
        yield
        kept = keep
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise BackupError(
            pick(f"无法备份 {source}:{exc}", f"could not back up {source}: {exc}")
        ) from exc
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise BackupError(
            pick(f"无法写入 {target}:{why}", f"could not write {target}: {why}")
        ) from exc
    finally:
        for leftover in (Path(f"{tmp}-journal"),) if kept else (tmp, Path(f"{tmp}-journal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass


def _copy_to_temp(source: Path, target: Path) -> Path:
    """The online copy of source (one snapshot) under a temporary name beside target."""
    if not source.is_file():
        raise BackupError(pick(f"没有数据文件:{source}", f"there is no data file at {source}"))
    tmp = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with _backup_errors(source, target, tmp, keep=True):
        _copy(source, tmp)
    return tmp


def _check_and_place(source: Path, tmp: Path, target: Path) -> None:
    """integrity_check of the temporary copy, then its rename to target.

    The copy goes to the disk (fsync) while it is checked, which reads it from the cache: on a
    data file of ten years the two take ~0.5 s and ~2.3 s, one after the other they were the
    longest part of a sync. The copy is durable before it gets its name."""
    with _backup_errors(source, target, tmp):
        flushing = worker_thread.start(partial(_fsync_file, tmp), "backup-fsync")
        try:
            problems = integrity_problems(tmp)
        finally:
            wait((flushing,))  # the file stays until its fsync ended, whatever the check did
        if problems:
            found = "; ".join(problems[:3])
            raise BackupError(
                pick(
                    f"{source} 的新备份未通过完整性检查({found}),数据文件可能已损坏",
                    f"the new backup of {source} failed its integrity check ({found});"
                    " the data file may be damaged",
                )
            )
        flushing.result()  # raises the fsync's OSError
        os.replace(tmp, target)
    _fsync_folder(target.parent)


# ---------------------------------------------------------------- a database server


def server_engine(source: Engine | Path | str) -> Engine | None:
    """The engine when source is a database server (PostgreSQL), else None (a data file)."""
    if isinstance(source, Engine) and source.dialect.name != "sqlite":
        return source
    return None


def server_backup_folder(engine: Engine) -> Path:
    """backups/<host>-<port>-<database>/ in this PC's data folder: a server's backups."""
    from app.config import resolve_data_dir

    url = engine.url
    key = re.sub(
        r"[^A-Za-z0-9._-]+", "_", f"{url.host or 'local'}-{url.port or 5432}-{url.database or ''}"
    )
    return resolve_data_dir() / BACKUP_FOLDER / key


def _write_server_copy(engine: Engine, target: Path) -> str:
    """The whole server database into the new data file target, verified; its fingerprint."""
    from app.services import database_copy

    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    where = engine.url.render_as_string(hide_password=True)
    try:
        tmp.unlink(missing_ok=True)
        report = database_copy.copy_to_new_file(engine, tmp)
        # what the database itself holds (a fault in its audit trail …) is kept as it is,
        # for check_database to show; a copy that reads back differently is no backup
        if report.differences:
            found = ", ".join(check.table for check in report.differences)
            raise BackupError(
                pick(
                    f"{where} 的备份与数据库不一致({found})",
                    f"the backup of {where} does not match the database ({found})",
                )
            )
        problems = integrity_problems(tmp)
        if problems:
            found = "; ".join(problems[:3])
            raise BackupError(
                pick(
                    f"{where} 的新备份未通过完整性检查({found})",
                    f"the new backup of {where} failed its integrity check ({found})",
                )
            )
        fingerprint = content_fingerprint(tmp)
        _fsync_file(tmp)
        os.replace(tmp, target)
    except (database_copy.CopyError, SQLAlchemyError, sqlite3.Error) as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        raise BackupError(
            pick(f"无法备份 {where}:{reason}", f"could not back up {where}: {reason}")
        ) from exc
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise BackupError(
            pick(f"无法写入 {target}:{why}", f"could not write {target}: {why}")
        ) from exc
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
    _fsync_folder(target.parent)
    return fingerprint


def is_deliberate(reason: str) -> bool:
    """A backup asked for by the user, or a safety copy before a restore, migration, import."""
    return reason == MANUAL or reason.startswith(SAFETY_PREFIX)


def _new_target(folder: Path, reason: str, now: datetime | None) -> tuple[datetime, Path]:
    """(the time, the file name) of a new backup in folder (made if missing)."""
    made_at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise BackupError(
            pick(
                f"无法创建备份文件夹 {folder}:{why}",
                f"cannot create the backup folder {folder}: {why}",
            )
        ) from exc
    # two backups within one second: the later one is named a second on, so names stay unique
    # and still sort in the order the backups were made
    taken = {info.made_at for info in list_backups(folder)}
    while made_at in taken or (folder / backup_name(made_at, reason)).exists():
        made_at += timedelta(seconds=1)
    target = folder / backup_name(made_at, reason)
    return made_at, target


def make_backup(
    engine_or_db_path: Engine | Path | str,
    folder: Path | None = None,
    reason: str = MANUAL,
    *,
    now: datetime | None = None,
    rotation: Rotation | None = DEFAULT_ROTATION,
) -> BackupInfo:
    """Back up the data file into folder (default backup_folder_for), then prune by rotation.

    A PostgreSQL engine: the whole server database into a new data file (default folder:
    server_backup_folder).
    """
    if reason and not _REASON.match(reason):
        raise ValueError(f"a backup reason is lower-case letters, digits and '-': {reason!r}")
    server = server_engine(engine_or_db_path)
    if server is not None:
        source = None
        folder = Path(folder) if folder is not None else server_backup_folder(server)
    else:
        source = _source_path(engine_or_db_path)
        folder = Path(folder) if folder is not None else backup_folder_for(source)
    made_at, target = _new_target(folder, reason, now)
    if server is not None:
        facts: dict[str, object] = {"fingerprint": _write_server_copy(server, target)}
    else:
        # the state before the copy: a write during or after it makes the state differ
        facts = {"source": data_file_state(source)}  # type: ignore[arg-type]
        _write_verified(source, target)  # type: ignore[arg-type]
    info = BackupInfo(path=target, made_at=made_at, size=target.stat().st_size, reason=reason)
    _write_marker(folder, info, **facts)
    if rotation is not None:
        prune(folder, rotation.daily, rotation.weekly, rotation.monthly, now=made_at)
    return info


def backup_before(
    engine_or_db_path: Engine | Path | str, action: str, folder: Path | None = None
) -> BackupInfo | None:
    """The verified safety backup "before-<action>" (import, sync …) into the backup folder.

    None for a database that is not a SQLite file (PostgreSQL keeps its own backups).
    """
    if isinstance(engine_or_db_path, Engine):
        database = engine_or_db_path.url.database
        if engine_or_db_path.dialect.name != "sqlite" or not database or database == ":memory:":
            return None
    return make_backup(engine_or_db_path, folder, reason=f"{SAFETY_PREFIX}{action}")


class PendingBackup:
    """A safety backup whose copy is made and whose check is still running (begin_backup_before)."""

    def __init__(self, check: Future[BackupInfo] | None = None) -> None:
        self._check = check  # None: nothing to back up (a server)

    def result(self) -> BackupInfo | None:
        """The verified backup (None: a server); raises BackupError as backup_before does."""
        return self._check.result() if self._check is not None else None


def begin_backup_before(
    engine_or_db_path: Engine | Path | str, action: str, folder: Path | None = None
) -> PendingBackup:
    """backup_before in two halves: the copy (the snapshot of the data) now; its integrity
    check, its fsync, rename and rotation on a worker thread. The caller may prepare its writes
    meanwhile and must commit only after result() returned (it raises as backup_before would)."""
    if isinstance(engine_or_db_path, Engine):
        database = engine_or_db_path.url.database
        if engine_or_db_path.dialect.name != "sqlite" or not database or database == ":memory:":
            return PendingBackup()
    reason = f"{SAFETY_PREFIX}{action}"
    if not _REASON.match(reason):
        raise ValueError(f"a backup reason is lower-case letters, digits and '-': {reason!r}")
    source = _source_path(engine_or_db_path)
    folder = Path(folder) if folder is not None else backup_folder_for(source)
    made_at, target = _new_target(folder, reason, None)
    state = data_file_state(source)  # before the copy: a write during or after it changes it
    tmp = _copy_to_temp(source, target)

    def finish() -> BackupInfo:
        _check_and_place(source, tmp, target)
        info = BackupInfo(path=target, made_at=made_at, size=target.stat().st_size, reason=reason)
        _write_marker(folder, info, source=state)
        rotation = DEFAULT_ROTATION
        prune(folder, rotation.daily, rotation.weekly, rotation.monthly, now=made_at)
        return info

    return PendingBackup(worker_thread.start(finish, "backup-check"))


def backup_to(engine_or_db_path: Engine | Path | str, target: Path) -> BackupInfo:
    """Back up the data file (or a server's database) to a file of the user's choosing (replaced
    only once verified)."""
    target = Path(target)
    server = server_engine(engine_or_db_path)
    if server is not None:
        made_at = datetime.now(UTC).replace(microsecond=0)
        _write_server_copy(server, target)
        return BackupInfo(path=target, made_at=made_at, size=target.stat().st_size, reason=MANUAL)
    source = _source_path(engine_or_db_path)
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError(
            pick("备份不能覆盖数据文件本身", "a backup cannot be written over the data file itself")
        )
    made_at = datetime.now(UTC).replace(microsecond=0)
    _write_verified(source, target)
    return BackupInfo(path=target, made_at=made_at, size=target.stat().st_size, reason=MANUAL)


# ---------------------------------------------------------------- rotation


def _months_back(today: date, count: int) -> set[tuple[int, int]]:
    year, month, months = today.year, today.month, set()
    for _ in range(count):
        months.add((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


def prune(
    folder: Path,
    daily: int = 14,
    weekly: int = 8,
    monthly: int = 12,
    now: datetime | None = None,
) -> list[BackupInfo]:
    """Delete backups outside the rotation; returns the deleted ones.

    Kept: the newest backup of each of the last `daily` days, of each of the last `weekly` ISO
    weeks and of each of the last `monthly` months (days, weeks and months as on the PC's clock,
    or in now's time zone); every deliberate backup (manual, before-restore, before-migration …)
    from the last `daily` days, so the state before a restore or a manual backup survives the
    next start-up backup of the same day; any backup dated after now (a clock set wrong); and
    always the newest backup.
    """
    backups = list_backups(folder)
    if not backups:
        return []
    if now is None or now.tzinfo is None:
        now = (now or datetime.now()).astimezone()  # the PC's clock and time zone
    zone = now.tzinfo
    today = now.date()
    wanted = (
        {("day", today - timedelta(days=i)) for i in range(daily)}
        | {("week", tuple((today - timedelta(weeks=i)).isocalendar())[:2]) for i in range(weekly)}
        | {("month", month) for month in _months_back(today, monthly)}
    )
    first_kept_day = today - timedelta(days=max(daily, 1) - 1)
    keep = {backups[0].path}
    newest_in: dict[tuple[str, object], Path] = {}
    for info in backups:  # newest first, so the first one seen in a bucket is its newest
        if info.made_at > now:
            keep.add(info.path)
            continue
        local = info.made_at.astimezone(zone)
        day = local.date()
        if is_deliberate(info.reason) and day >= first_kept_day:
            keep.add(info.path)
        for bucket in (
            ("day", day),
            ("week", tuple(day.isocalendar())[:2]),
            ("month", (day.year, day.month)),
        ):
            newest_in.setdefault(bucket, info.path)
    keep |= {path for bucket, path in newest_in.items() if bucket in wanted}
    deleted = []
    for info in backups:
        if info.path in keep or parse_name(info.path) is None:
            continue
        try:
            info.path.unlink()
        except FileNotFoundError:
            continue
        except OSError:  # a read-only stick: keep it rather than fail the backup just made
            continue
        deleted.append(info)
    return deleted


# ---------------------------------------------------------------- restore


def restore(backup_path: Path, db_path: Path, folder: Path | None = None) -> BackupInfo | None:
    """Replace the data file's content with a backup's, after a safety backup of the current state.

    The backup is verified first; a damaged or foreign file is refused and nothing is touched.
    The current data file is backed up with reason "before-restore" (into folder, default
    backup_folder_for) and that backup's info is returned. A current data file that is itself
    damaged cannot be backed up: it is moved aside as *.damaged and an info for that file is
    returned instead (reason "damaged"). None when there was no data file.
    The backup is then copied into the data file through the backup API (source: the backup,
    target: a connection to the data file), so its WAL and locks stay consistent for anyone
    who has it open.
    """
    from app.db import DamagedDatabase, check_data_file

    backup_path, db_path = Path(backup_path), Path(db_path)
    verify_backup(backup_path)
    if db_path.exists() and backup_path.resolve() == db_path.resolve():
        raise BackupError(
            pick("所给的备份就是数据文件本身", "the backup given is the data file itself")
        )
    folder = Path(folder) if folder is not None else backup_folder_for(db_path)
    before: BackupInfo | None = None
    try:
        check_data_file(db_path, folder)
    except DamagedDatabase as damaged:
        moved = damaged.moved_to
        before = BackupInfo(
            path=moved,
            made_at=datetime.now(UTC).replace(microsecond=0),
            size=moved.stat().st_size if moved.exists() else 0,
            reason="damaged",
        )
    if before is None and db_path.is_file():
        # no rotation here: it could delete the very backup being restored (today's automatic
        # one, no longer the newest of its day); the next backup thins the folder out
        before = make_backup(db_path, folder, reason="before-restore", rotation=None)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with (
            closing(_read_only(backup_path)) as src,
            closing(sqlite3.connect(db_path, timeout=BUSY_TIMEOUT)) as dst,
        ):
            src.backup(dst, pages=-1, progress=_give_up_after(BUSY_TIMEOUT))
            problems = integrity_check.problems(dst)
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise BackupError(
            pick(f"无法恢复 {backup_path}:{exc}", f"could not restore {backup_path}: {exc}")
        ) from exc
    if problems:
        found, kept = "; ".join(problems[:3]), before.path if before else "-"
        raise BackupError(
            pick(
                f"恢复后的数据文件未通过检查({found});之前的状态在 {kept}",
                f"the restored data file failed its check ({found}); the previous state is in {kept}",
            )
        )
    return before
