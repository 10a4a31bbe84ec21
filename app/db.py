"""Database engine, SQLite pragmas, the start-up check and migrations applied at start-up."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
import warnings
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import SAWarning

from app.config import database_path
from app.i18n import pick

if TYPE_CHECKING:
    from alembic.config import Config

    from app.services.backup_service import BackupInfo

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
CHECK_TIMEOUT = 5.0  # seconds the start-up check waits for another program's lock
SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite keeps beside a data file
# SQLite's own message quoted bytes of the file that are not text: only a damaged file does that
GARBLED = "database disk image is malformed (garbled names)"


class DatabaseError(RuntimeError):
    """The data file cannot be opened or brought up to date."""


class DamagedDatabase(DatabaseError):
    """The data file was damaged; it has been moved aside (never overwritten) to moved_to."""

    def __init__(
        self, path: Path, moved_to: Path, problem: str, newest_backup: BackupInfo | None
    ) -> None:
        self.path = path
        self.moved_to = moved_to
        self.problem = problem
        self.newest_backup = newest_backup
        super().__init__(self.describe())

    def describe(self) -> str:
        """One line: what was wrong, where the file went, which backup to restore."""
        problem = " ".join(self.problem.split())
        if self.newest_backup is None:
            offer = pick("没有可用的备份。", "There is no good backup.")
        else:
            when = self.newest_backup.made_at.astimezone().strftime("%Y-%m-%d %H:%M")
            path = self.newest_backup.path
            offer = pick(
                f"最新的完好备份:{path}({when}),可用 qualitydesk restore 恢复。",
                f"The newest good backup is {path} of {when} "
                "(qualitydesk restore with that file puts it back).",
            )
        return pick(
            f"数据文件已损坏({problem}),已移至 {self.moved_to},未作任何改动。{offer}",
            f"The data file is damaged ({problem}); it was moved unchanged to {self.moved_to}. "
            f"{offer}",
        )


class ReadOnlyDataFolder(DatabaseError):
    """The data file or its folder cannot be written (permissions, a read-only medium)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            pick(
                f"数据文件夹 {path.parent} 是只读的(没有写入权限:{reason})。请向管理员申请写入权限,"
                "或把数据文件复制到可写的文件夹;数据文件未作任何改动。",
                f"The data folder {path.parent} is read-only (no write permission: {reason}). "
                "Ask for write access or copy the data file to a folder you can write to; "
                "the data file was not changed.",
            )
        )


def check_writable(path: Path) -> None:
    """SQLite needs to write the file and create its journal beside it; say so before it fails."""
    try:
        with tempfile.TemporaryFile(dir=path.parent, prefix=".qd-write-test-"):
            pass
        if path.exists():
            os.close(os.open(path, os.O_RDWR))
    except OSError as error:
        raise ReadOnlyDataFolder(path, error.strerror or str(error)) from error


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).as_posix()}"


def make_engine(url: str, wal: bool = True) -> Engine:
    """Create an engine; SQLite connections get the pragmas quality records need.

    wal=False keeps the rollback journal (journal_mode=DELETE): for a data file on a network
    share or a removable drive, where WAL's shared-memory index does not work reliably.
    """
    is_sqlite = url.startswith("sqlite")
    engine = create_engine(url, connect_args={"timeout": 30} if is_sqlite else {})
    if is_sqlite:
        in_memory = url in ("sqlite://", "sqlite:///:memory:")

        @event.listens_for(engine, "connect")
        def _set_pragmas(dbapi_connection, _record):  # noqa: ANN001
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.execute("PRAGMA synchronous=FULL")
            if not in_memory and wal:
                cursor.execute("PRAGMA journal_mode=WAL")
            elif not in_memory:
                try:
                    cursor.execute("PRAGMA journal_mode=DELETE")
                except sqlite3.OperationalError:
                    pass  # leaving WAL needs the file to itself: another program has it open
            cursor.close()

    return engine


def alembic_config() -> Config:
    from alembic.config import Config  # Alembic loads in ~0.3 s: only when a migration runs

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


_REVISION_LINE = re.compile(
    r"""^(revision|down_revision)\s*(?::[^=]*)?=\s*(?:None|"([^"]*)"|'([^']*)')\s*$""", re.M
)


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration, read from the migration files; Alembic is asked only when they do
    not form one plain line (a merge, a missing file), so a normal start never loads it."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = {m[0]: m[1] or m[2] for m in _REVISION_LINE.findall(path.read_text("utf-8"))}
        if "revision" not in found or "down_revision" not in found:
            return _alembic_head()
        revisions.add(found["revision"])
        if found["down_revision"]:
            parents.add(found["down_revision"])
    heads = revisions - parents
    if len(heads) != 1 or not parents <= revisions:
        return _alembic_head()
    return heads.pop()


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def schema_revision(engine: Engine) -> str | None:
    """The revision the data file's schema is at; None for a file without one (new, foreign)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return rows[0][0] if len(rows) == 1 else None


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision.

    Batch migrations on SQLite copy and drop tables; with foreign keys on, that would delete
    child rows through ON DELETE CASCADE. So foreign keys are off during the migration and the
    result is checked with foreign_key_check before they are switched back on.
    """
    if schema_revision(engine) == head_revision():
        return  # up to date: nothing for Alembic to do (and nothing to load it for)
    from alembic import command

    is_sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if is_sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        with warnings.catch_warnings():
            # batch migrations reflect tables; SQLite cannot reflect the expression index on
            # customer codes (migration 0002 owns it), which is expected and harmless
            warnings.filterwarnings(
                "ignore", message=".*expression-based index", category=SAWarning
            )
            command.upgrade(cfg, "head")
        connection.commit()
        if is_sqlite:
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
            if problems:
                raise DatabaseError(f"foreign key check failed after migration: {problems[:5]}")


# ---------------------------------------------------------------- the start-up check


def read_only_connection(path: Path, timeout: float | None = None) -> sqlite3.Connection:
    """A plain connection that can neither create nor change the file, nor checkpoint it on close."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    connection = sqlite3.connect(
        uri, uri=True, timeout=CHECK_TIMEOUT if timeout is None else timeout
    )
    # a damaged file can hold names that are not UTF-8; the check must report them, not crash
    connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
    return connection


def is_damage(exc: sqlite3.Error) -> bool:
    """SQLITE_CORRUPT or SQLITE_NOTADB: the bytes are wrong, not merely locked or unreadable."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    return "malformed" in str(exc) or "not a database" in str(exc)


def _side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def startup_problem(path: Path) -> str | None:
    """What is wrong with the data file at path as found by PRAGMA quick_check; None when fine.

    A missing file is fine (a new one is made). A file that is locked or unreadable raises
    DatabaseError: that is not damage, and such a file must not be moved.
    """
    wal = _side_file(path, "-wal")
    if not path.exists():
        if wal.exists() and wal.stat().st_size > 0:
            # a new data file would take this journal's pages as its own
            return pick("只有日志文件(-wal),没有数据文件", "a journal (-wal) without its data file")
        return None
    if path.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size > 0):
        return pick("文件为空(0 字节)", "the file is empty (0 bytes)")
    try:
        connection = read_only_connection(path)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return str(exc)
        raise DatabaseError(f"{path}: {exc}") from exc
    except UnicodeDecodeError:
        return GARBLED
    if rows == [("ok",)]:
        return None
    return "; ".join(str(row[0]) for row in rows[:3])


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged data file (and its -wal/-shm/-journal) to <name>.damaged; the new path.

    When <name>.damaged exists already, the new one is <name>.<UTC time>.damaged. The data file
    is renamed first: a -wal left behind on failure is caught by the next start-up check.
    """
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    names = [f"{path.name}.damaged"]
    names += [f"{path.name}.{stamp}{n}.damaged" for n in ("", "-2", "-3", "-4", "-5")]
    free = (
        path.with_name(name)
        for name in names
        if not any(path.with_name(name + s).exists() for s in ("", *SIDE_FILES))
    )
    target = next(free, None)
    if target is None:
        raise DatabaseError(f"{path} is damaged, but there is no free name to move it aside")
    moved = None
    try:
        if path.exists():
            os.rename(path, target)
            moved = target
        for suffix in SIDE_FILES:
            side = _side_file(path, suffix)
            if side.exists():
                os.rename(side, _side_file(target, suffix))
                moved = moved or _side_file(target, suffix)
    except OSError as exc:
        raise DatabaseError(
            f"{path} is damaged and could not be moved aside: {exc.strerror or exc}"
        ) from exc
    return moved or target


def check_data_file(path: Path, backup_folder: Path | None = None) -> None:
    """The start-up check: a damaged file is moved aside and DamagedDatabase raised."""
    problem = startup_problem(path)
    if problem is None:
        return
    moved = set_aside(path)
    from app.services import backup_service

    folder = backup_folder or backup_service.backup_folder_for(path)
    raise DamagedDatabase(path, moved, problem, backup_service.newest_good_backup(folder))


# ---------------------------------------------------------------- closed cleanly, untouched since

CLOSED_SUFFIX = ".closed"  # beside the data file: how the app left it at its last clean close


def _closed_stamp(path: Path) -> Path:
    return path.with_name(path.name + CLOSED_SUFFIX)


def _file_state(path: Path) -> dict[str, int]:
    """What changes when anything writes, replaces or copies the file (ctime: even a tool
    that puts the modification time back)."""
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns,
            "inode": st.st_ino}  # fmt: skip


def _journal_pending(path: Path) -> bool:
    """A -wal with content or a -journal: writes not folded into the file (a crash, another
    program)."""
    wal, journal = _side_file(path, "-wal"), _side_file(path, "-journal")
    return (wal.exists() and wal.stat().st_size > 0) or journal.exists()


def record_clean_close(path: Path) -> None:
    """The app has closed the data file (every connection, the journal folded in): remember how
    the file looks, so the next start can see that nothing touched it since and skip the
    start-up check, which reads the whole file (seconds for ten years of records)."""
    path = Path(path)
    try:
        if not path.is_file() or _journal_pending(path):
            return
        stamp = _closed_stamp(path)
        tmp = stamp.with_name(stamp.name + ".tmp")
        tmp.write_text(json.dumps(_file_state(path)), encoding="utf-8")
        tmp.replace(stamp)
    except OSError:
        pass  # without the note the next start checks the file, as it always did


def untouched_since_clean_close(path: Path) -> bool:
    """True when the file is exactly as the app left it at its last clean close."""
    try:
        recorded = json.loads(_closed_stamp(path).read_text(encoding="utf-8"))
        return not _journal_pending(path) and recorded == _file_state(path)
    except (OSError, ValueError):
        return False


def _forget_clean_close(path: Path) -> None:
    """Opened again: until the next clean close, the note says nothing about the file."""
    try:
        _closed_stamp(path).unlink(missing_ok=True)
    except OSError:
        pass


def _needs_migration_backup(path: Path) -> bool:
    """True when the file holds tables and its schema is not the newest one."""
    if not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        connection = read_only_connection(path)
        try:
            listed = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = {row[0] for row in listed}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            connection.close()
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise DatabaseError(f"{path}: {exc}") from exc
    if not tables:
        return False
    return revision != head_revision()


def open_database(
    data_dir: Path, backup_folder: Path | None = None, wal: bool | None = None
) -> Engine:
    """Open (creating if needed) the data file in data_dir, migrated to the newest schema.

    Before anything writes, an existing file is checked (quick_check); a damaged one is moved
    aside and DamagedDatabase raised, never replaced by a new empty file. The check is skipped
    when the file is exactly as the app left it at its last clean close (record_clean_close):
    nothing has written to it since, and checking would read every page of it again. (The
    backup made at start from changed data is checked in full, integrity_check, off the GUI
    thread; Data → Check the data file checks it on demand.) A file with data
    that needs a migration is backed up first (reason "before-migration"), into backup_folder
    (default: the folder chosen on this PC, else backups/ beside the file). wal=None uses WAL
    unless the folder is on a network share or a removable drive (storage_location).
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = database_path(data_dir)
    check_writable(path)
    if not untouched_since_clean_close(path):
        check_data_file(path, backup_folder)
    _forget_clean_close(path)
    if _needs_migration_backup(path):
        from app.services import backup_service

        backup_service.make_backup(path, backup_folder, reason="before-migration")
    if wal is None:
        from app.services import storage_location

        wal = storage_location.classify(data_dir).wal_safe
    engine = make_engine(sqlite_url(path), wal=wal)
    migrate(engine)
    return engine
