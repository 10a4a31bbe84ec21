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

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SAWarning

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


def make_engine(url: str | URL, wal: bool = True) -> Engine:
    """Create an engine; SQLite connections get the pragmas quality records need.

    wal=False keeps the rollback journal (journal_mode=DELETE): for a data file on a network
    share or a removable drive, where WAL's shared-memory index does not work reliably.
    A server's connections are tested before use (pool_pre_ping): a server restarted while the
    window is open would otherwise hand out dead connections.
    """
    url = make_url(url)
    is_sqlite = url.get_backend_name() == "sqlite"
    if is_sqlite:
        engine = create_engine(url, connect_args={"timeout": 30})
    else:
        connect_args = {} if "connect_timeout" in url.query else {"connect_timeout": 10}
        engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    if is_sqlite:
        in_memory = url.database in (None, "", ":memory:")

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
    with engine.connect() as connection:
        _upgrade(connection)


def _upgrade(connection: Connection) -> None:
    """Alembic's upgrade to head on this connection (the caller checked it is needed)."""
    from alembic import command

    is_sqlite = connection.dialect.name == "sqlite"
    if is_sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    with warnings.catch_warnings():
        # batch migrations reflect tables; SQLite cannot reflect the expression index on
        # customer codes (migration 0002 owns it), which is expected and harmless
        warnings.filterwarnings("ignore", message=".*expression-based index", category=SAWarning)
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


def _file_revision(path: Path) -> tuple[bool, str | None]:
    """(the file holds tables, the revision its schema is at) read with a plain read-only
    connection; (False, None) for a missing or empty file."""
    if not path.is_file() or path.stat().st_size == 0:
        return False, None
    try:
        connection = read_only_connection(path)
        try:
            listed = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = {row[0] for row in listed}
            revision = None
            if "alembic_version" in tables:
                rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
                revision = rows[0][0] if len(rows) == 1 else None
        finally:
            connection.close()
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise DatabaseError(f"{path}: {exc}") from exc
    return bool(tables), revision


def open_database(
    data_dir: Path,
    backup_folder: Path | None = None,
    wal: bool | None = None,
    *,
    reading: bool = False,
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

    reading: the caller only reads (an export or a list from the command line). The note of a
    clean close is then kept: a reader leaves the file as it found it, and whatever writes to
    the file changes its state (or removes the note when it opens it, as the app and every
    writing command do), so the next start still sees whether anything touched it. A file
    that needs a migration is written to, and the note goes as for a writer.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    return open_data_file(database_path(data_dir), backup_folder, wal, reading=reading)


def open_data_file(
    path: Path, backup_folder: Path | None = None, wal: bool | None = None, *, reading: bool = False
) -> Engine:
    """open_database for a data file of any name (--db-url sqlite:///…); its folder exists."""
    check_writable(path)
    if not untouched_since_clean_close(path):
        check_data_file(path, backup_folder)
    has_tables, revision = _file_revision(path)
    up_to_date = has_tables and revision == head_revision()
    if not (reading and up_to_date):
        _forget_clean_close(path)
    if has_tables and not up_to_date:
        from app.services import backup_service

        backup_service.make_backup(path, backup_folder, reason="before-migration")
    if wal is None:
        from app.services import storage_location

        wal = storage_location.classify(path.parent).wal_safe
    engine = make_engine(sqlite_url(path), wal=wal)
    if not up_to_date:
        migrate(engine)  # at the newest revision already: nothing to ask the engine
    return engine


# ---------------------------------------------------------------- a database server

# pg_advisory_lock key held while a client migrates a server's database ("QDmigrat" as a
# big-endian bigint): a second client starting at the same moment waits, then finds it at head
MIGRATION_LOCK_KEY = int.from_bytes(b"QDmigrat", "big", signed=True)
SERVER_BACKENDS = ("postgresql",)


class ServerError(DatabaseError):
    """The database server cannot be used; kind is unreachable, authentication, no_database,
    no_role, bad_url, unsupported or other. The message never holds the password."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


def parse_url(url: str | URL) -> URL:
    """The URL parsed; ServerError(bad_url) for text that is not a database URL."""
    if isinstance(url, URL):
        return url
    try:
        return make_url(url.strip())
    except (ArgumentError, ValueError) as exc:
        raise ServerError(
            "bad_url",
            pick(
                "数据库地址格式不对,应类似 postgresql+psycopg://用户@服务器:5432/qualitydesk。",
                "This is not a database URL; it should look like "
                "postgresql+psycopg://user@server:5432/qualitydesk.",
            ),
        ) from exc


def safe_url(url: str | URL) -> str:
    """The URL as it may be shown or logged: any password replaced by ***."""
    try:
        return parse_url(url).render_as_string(hide_password=True)
    except ServerError:
        return "?"  # text that is not a URL may hold anything, a password included


def is_server_url(url: str | URL) -> bool:
    return parse_url(url).get_backend_name() != "sqlite"


def describe_database(url: str | URL) -> str:
    """Which database this is, for the title bar: the data file's path, or
    PostgreSQL user@host:port/database (never a password)."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    user = f"{parsed.username}@" if parsed.username else ""
    host = parsed.host or "localhost"
    port = f":{parsed.port or 5432}"
    name = {"postgresql": "PostgreSQL"}.get(parsed.get_backend_name(), parsed.get_backend_name())
    return f"{name} {user}{host}{port}/{parsed.database or ''}"


def server_url(url: str | URL) -> URL:
    """A server URL as the engine needs it: plain postgresql:// uses psycopg 3 (installed)."""
    parsed = parse_url(url)
    backend = parsed.get_backend_name()
    if backend not in SERVER_BACKENDS:
        raise ServerError(
            "unsupported",
            pick(
                f"不支持这种数据库({backend}):请使用 PostgreSQL 或本机的数据文件。",
                f"This kind of database ({backend}) is not supported: use PostgreSQL or "
                "this PC's data file.",
            ),
        )
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def server_problem(error: BaseException, url: str | URL) -> ServerError:
    """What went wrong talking to the server, in the user's language, without the password."""
    parsed = parse_url(url)
    reason = " ".join(str(getattr(error, "orig", None) or error).split())
    if parsed.password:
        reason = reason.replace(str(parsed.password), "***")
    low = reason.lower()
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    user, database = parsed.username or "?", parsed.database or "?"
    if (
        "password authentication failed" in low
        or "no password supplied" in low
        or ("authentication failed" in low)
    ):
        return ServerError(
            "authentication",
            pick(
                f"数据库服务器 {where} 拒绝了用户 {user} 的登录(身份验证失败)。请检查用户名和密码;"
                "密码请放在 PGPASSWORD 环境变量或 pgpass 文件中。",
                f"The database server {where} refused user {user} (authentication failed). "
                "Check the user name and the password; give the password in the PGPASSWORD "
                "environment variable or a pgpass file.",
            ),
        )
    if "role" in low and "does not exist" in low:
        return ServerError(
            "no_role",
            pick(
                f"数据库服务器 {where} 上没有用户 {user},请管理员创建。",
                f"The database server {where} has no user {user}; ask its administrator "
                "to create it.",
            ),
        )
    if "database" in low and "does not exist" in low:
        return ServerError(
            "no_database",
            pick(
                f"数据库服务器 {where} 上没有数据库 {database},请管理员创建(CREATE DATABASE)。",
                f"The database server {where} has no database {database}; ask its "
                "administrator to create it (CREATE DATABASE).",
            ),
        )
    unreachable = (
        "connection refused", "could not connect", "timeout expired", "timed out",
        "could not translate host name", "name or service not known", "no route to host",
        "network is unreachable", "connection failed", "server closed the connection",
    )  # fmt: skip
    if any(part in low for part in unreachable):
        return ServerError(
            "unreachable",
            pick(
                f"无法连接数据库服务器 {where}。请检查服务器是否在运行、地址和端口是否正确、"
                f"网络是否通畅。({reason})",
                f"The database server {where} cannot be reached. Check that it is running, "
                f"that the address and port are right and that the network is up. ({reason})",
            ),
        )
    return ServerError(
        "other",
        pick(
            f"数据库服务器 {where} 报告错误:{reason}",
            f"The database server {where} reported an error: {reason}",
        ),
    )


def migrate_server(engine: Engine) -> None:
    """migrate() for a server several clients share: under a PostgreSQL advisory lock, so that
    of two clients starting at once one migrates and the other waits, then finds it done."""
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()
        try:
            if _revision_on(connection) != head_revision():
                _upgrade(connection)
        finally:
            connection.rollback()  # a failed migration leaves its transaction aborted
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
            connection.commit()


def _revision_on(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return rows[0][0] if len(rows) == 1 else None


def open_url(
    url: str | URL,
    backup_folder: Path | None = None,
    wal: bool | None = None,
    *,
    reading: bool = False,
) -> Engine:
    """Open the database a URL names, migrated to the newest schema.

    sqlite:///path: that data file, exactly as open_database opens its folder's file (check,
    backup before a migration, WAL or not). A PostgreSQL server: migrated under an advisory
    lock (migrate_server); the steps that are about a file (quick_check, the clean-close note,
    the data lock, the start-up backup) do not apply to it. Problems reaching the server raise
    ServerError with a message in the user's language that never holds the password.
    reading: as for open_database.
    """
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            engine = make_engine(parsed)
            migrate(engine)
            return engine
        path = Path(parsed.database).expanduser().absolute()
        path.parent.mkdir(parents=True, exist_ok=True)
        return open_data_file(path, backup_folder, wal, reading=reading)
    from sqlalchemy.exc import DBAPIError

    engine = make_engine(server_url(parsed))
    try:
        migrate_server(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise server_problem(exc, parsed) from None
    except Exception:
        engine.dispose()
        raise
    return engine
