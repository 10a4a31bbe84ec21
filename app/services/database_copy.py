"""Copying a whole QualityDesk database into another, verified table by table.

Two uses: `qualitydesk migrate-to URL` moves a SQLite data file to a PostgreSQL server, and a
backup of a server is the same copy in the other direction, into a new data file.

The data file is never changed: it is first copied through SQLite's backup API (read-only, one
consistent snapshot) into a temporary file, which is brought to the newest schema if it is
older. The target must be at the newest schema and hold no records. Every table of the models
is copied in dependency order with its ids, in batches, inside one transaction on the target
(a failure leaves the target as empty as it was); the audit trail row by row as it is, so its
hash chain verifies on the target; every attachment file of the data file's attachments/ folder
into stored_file (where a server keeps attachment bytes). On PostgreSQL the id sequences are
then set past the copied ids.

The copy is verified afterwards by reading the target back: per table the number of rows and a
SHA-256 over a canonical text of each row in key order (times in UTC with microseconds, bytes
by their SHA-256), which reads the same on SQLite and PostgreSQL. Any difference, a missing or
altered attachment file, or a fault in the target's audit trail is a problem in the report.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, func, insert, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers every table)
from app.db import DatabaseError, make_engine, migrate, read_only_connection, sqlite_url
from app.i18n import pick

BATCH = 1000
STORED_FILE = "stored_file"
STORED_FILE_BATCH = 20  # rows of attachment bytes held in memory at a time
ATTACHMENTS = "attachments"

# (table, rows copied so far, rows in the table): called after each batch
CopyProgress = Callable[[str, int, int], None]


class CopyError(DatabaseError):
    """The copy could not be made; the target was left as it was."""


class TargetNotEmpty(CopyError):
    """The target already holds records: a copy would mix two databases."""

    def __init__(self, tables: dict[str, int]) -> None:
        self.tables = tables
        listed = ", ".join(f"{name} ({count})" for name, count in sorted(tables.items()))
        super().__init__(
            pick(
                f"目标数据库已有记录:{listed}。只能迁移到空数据库,目标未作任何改动。",
                f"The target database already holds records: {listed}. A data file can only "
                "be moved into an empty database; the target was not changed.",
            )
        )


@dataclass(frozen=True)
class TableCheck:
    """One table: rows and checksum in the source and read back from the target."""

    table: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def ok(self) -> bool:
        return (self.source_rows, self.source_checksum) == (self.target_rows, self.target_checksum)


@dataclass
class CopyReport:
    """What was copied and what the verification found; ok when nothing differs."""

    tables: list[TableCheck] = field(default_factory=list)
    attachment_files: int = 0  # files of the attachments folder copied into stored_file
    # found in the data itself (the source holds them too): attachment files missing or
    # altered, faults in the audit trail, bytes in stored_file that do not match their hash
    problems: list[str] = field(default_factory=list)

    @property
    def differences(self) -> list[TableCheck]:
        """Tables whose copy does not read back as the source: the copy itself went wrong."""
        return [check for check in self.tables if not check.ok]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.differences

    @property
    def rows(self) -> int:
        return sum(check.target_rows for check in self.tables)

    def lines(self) -> list[str]:
        """The report as text: one line per table, then the attachment files and the problems."""
        out = []
        for check in self.tables:
            if check.ok:
                verdict = pick("一致", "match")
            elif check.source_rows != check.target_rows:
                verdict = pick("行数不同", "ROW COUNTS DIFFER")
            else:
                verdict = pick("校验和不同", "CHECKSUMS DIFFER")
            out.append(
                f"{check.table:<24} {check.source_rows:>9} → {check.target_rows:<9} "
                f"{check.target_checksum[:12]}  {verdict}"
            )
        out.append(
            pick(
                f"附件文件:{self.attachment_files} 个已存入数据库",
                f"attachment files: {self.attachment_files} stored in the database",
            )
        )
        out.extend(self.problems)
        out.append(
            pick("核对无误。", "Verified: no differences.")
            if self.ok
            else pick("核对发现差异。", "Verification found differences.")
        )
        return out


# ---------------------------------------------------------------- canonical rows and checksums


def tables() -> list[Table]:
    """Every table of the models, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def _canonical(value: object) -> object:
    if isinstance(value, datetime):
        aware = value if value.utcoffset() is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return str(value.normalize())
    return value


def canonical_row(table: Table, row: dict) -> str:
    """A row as text that reads the same from SQLite and PostgreSQL."""
    values = [_canonical(row[column.name]) for column in table.columns]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _integer_key(table: Table) -> bool:
    keys = list(table.primary_key.columns)
    return len(keys) == 1 and keys[0].type.python_type is int


def _ordered_alike(table: Table) -> bool:
    """Read in key order, the rows come in the same order from SQLite and PostgreSQL: every
    key column is an integer (an id; a ticket and its step)."""
    return all(c.type.python_type is int for c in table.primary_key.columns)


class _Checksum:
    """Rows counted and hashed in key order: as they come for integer keys (read in key order,
    nothing held: a 100k file's ~800,000 8D steps would take ~300 MB), sorted here for a text
    key (SQLite and PostgreSQL order text differently)."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.streamed = _ordered_alike(table)
        self.digest = hashlib.sha256()
        self.keyed: list[tuple[tuple, str]] = []
        self.count = 0

    def add(self, row: dict) -> None:
        line = canonical_row(self.table, row)
        self.count += 1
        if self.streamed:
            self.digest.update(line.encode() + b"\n")
        else:
            key = tuple(str(row[c.name]) for c in self.table.primary_key.columns)
            self.keyed.append((key, line))

    def hexdigest(self) -> str:
        digest = self.digest.copy()
        for _key, line in sorted(self.keyed):
            digest.update(line.encode() + b"\n")
        return digest.hexdigest()


def _batch_for(table: Table, batch: int) -> int:
    return min(batch, STORED_FILE_BATCH) if table.name == STORED_FILE else batch


def _rows(connection: Connection, table: Table, batch: int) -> Iterator[list[dict]]:
    query = select(table).order_by(*table.primary_key.columns)
    result = connection.execute(query.execution_options(yield_per=batch))
    for part in result.mappings().partitions(batch):
        yield [dict(row) for row in part]


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction over every table: a consistent picture of a database in use."""
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    with engine.connect().execution_options(**options) as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN")
        try:
            yield connection
        finally:
            connection.rollback()


def checksums(engine: Engine, batch: int = BATCH) -> dict[str, tuple[int, str]]:
    """Per table of the models: (rows, checksum), read in one snapshot."""
    found = {}
    with _snapshot(engine) as connection:
        for table in tables():
            check = _Checksum(table)
            for part in _rows(connection, table, _batch_for(table, batch)):
                for row in part:
                    check.add(row)
            found[table.name] = (check.count, check.hexdigest())
    return found


def records_held(engine: Engine | Connection) -> dict[str, int]:
    """Tables of the models that exist in the database and hold rows: name -> rows."""
    if isinstance(engine, Engine):
        with engine.connect() as connection:
            return records_held(connection)
    existing = set(inspect(engine).get_table_names())
    held = {}
    for table in tables():
        if table.name in existing:
            count = engine.execute(select(func.count()).select_from(table)).scalar_one()
            if count:
                held[table.name] = count
    return held


# ---------------------------------------------------------------- the copy


def _attachment_files(
    source: Connection, out: Connection, folder: Path, stored: set[str], check: _Checksum
) -> tuple[int, list[str]]:
    """Copy the attachments folder's files into the target's stored_file; (copied, problems)."""
    from app.models import Attachment, StoredFile

    table = StoredFile.__table__  # type: ignore[attr-defined]
    attachments = Attachment.__table__  # type: ignore[attr-defined]
    query = select(
        attachments.c.sha256, attachments.c.stored_name, attachments.c.file_name
    ).order_by(attachments.c.id)
    copied, problems = 0, []
    for digest, stored_name, file_name in source.execute(query).all():
        if digest in stored:
            continue
        try:
            content = (folder / stored_name).read_bytes()
        except OSError:
            content = None
        if content is None or hashlib.sha256(content).hexdigest() != digest:
            problems.append(
                pick(
                    f"附件文件缺失或已改变:{folder / stored_name}({file_name})",
                    f"attachment file missing or altered: {folder / stored_name} ({file_name})",
                )
            )
            continue
        row = {
            "sha256": digest,
            "size": len(content),
            "content": content,
            "stored_at": datetime.now(UTC),
        }
        out.execute(insert(table), row)
        check.add(row)
        stored.add(digest)
        copied += 1
    return copied, problems


def advance_sequences(out: Connection) -> None:
    """PostgreSQL: each id sequence continues after the highest id written with explicit ids
    (a copy, the large demo data); nothing to do on SQLite, whose ids follow the table."""
    if out.dialect.name != "postgresql":
        return
    for table in tables():
        if not _integer_key(table):
            continue
        key = next(iter(table.primary_key.columns)).name
        sequence = out.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": key},
        ).scalar()
        if sequence:
            out.execute(
                text(
                    f'SELECT setval(:seq, COALESCE(MAX("{key}"), 0) + 1, false) FROM "{table.name}"'
                ),
                {"seq": sequence},
            )


def copy_database(
    source: Engine,
    target: Engine,
    *,
    attachments_from: Path | None = None,
    progress: CopyProgress | None = None,
    batch: int = BATCH,
) -> CopyReport:
    """Copy every table of source into the empty target (both at the newest schema), verified.

    attachments_from: the attachments folder whose files go into the target's stored_file
    (a data file's, when moving it to a server). Raises TargetNotEmpty when the target holds
    records, CopyError when a row cannot be written (the target is then left unchanged).
    """
    report = CopyReport()
    expected: dict[str, tuple[int, str]] = {}
    try:
        with target.begin() as out, _snapshot(source) as src:
            held = records_held(out)
            if held:
                raise TargetNotEmpty(held)
            for table in tables():
                total = src.execute(select(func.count()).select_from(table)).scalar_one()
                check, done = _Checksum(table), 0
                for part in _rows(src, table, _batch_for(table, batch)):
                    out.execute(insert(table), part)
                    for row in part:
                        check.add(row)
                    done += len(part)
                    if progress:
                        progress(table.name, done, total)
                if table.name == STORED_FILE and attachments_from is not None:
                    stored = {row_key[0][0] for row_key in check.keyed}
                    copied, problems = _attachment_files(src, out, attachments_from, stored, check)
                    report.attachment_files, report.problems = copied, problems
                if progress and total == 0:
                    progress(table.name, 0, 0)
                expected[table.name] = (check.count, check.hexdigest())
            advance_sequences(out)
    except SQLAlchemyError as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        raise CopyError(
            pick(
                f"复制未完成,目标未作任何改动:{reason}",
                f"The copy failed and the target was left unchanged: {reason}",
            )
        ) from exc
    report.problems += _verify(target, expected, report)
    return report


def _verify(target: Engine, expected: dict[str, tuple[int, str]], report: CopyReport) -> list[str]:
    from app.services import audit_service

    found = checksums(target)
    for name, (rows, checksum) in expected.items():
        got_rows, got_checksum = found.get(name, (0, ""))
        report.tables.append(TableCheck(name, rows, got_rows, checksum, got_checksum))
    problems = [
        pick(f"审计记录:{problem.message()}", f"audit trail: {problem.message()}")
        for problem in audit_service.verify_chain(target)
    ]
    problems += _stored_file_problems(target)
    return problems


def _stored_file_problems(engine: Engine) -> list[str]:
    """Bytes in stored_file that do not match the SHA-256 they are kept under."""
    from app.models import StoredFile

    table = StoredFile.__table__  # type: ignore[attr-defined]
    problems = []
    with engine.connect() as connection:
        query = select(table.c.sha256, table.c.content).execution_options(yield_per=50)
        for digest, content in connection.execute(query):
            if hashlib.sha256(bytes(content)).hexdigest() != digest:
                problems.append(
                    pick(f"附件内容与哈希不符:{digest}", f"attachment bytes do not match: {digest}")
                )
    return problems


# ---------------------------------------------------------------- a data file to a server


def _reader(path: Path) -> sqlite3.Connection:
    """A connection that only reads path. A file closed cleanly (no journal beside it) is read
    as immutable, so not even SQLite's -shm/-wal side files appear beside it; a file with a
    journal is read through it (read-only, which may leave those side files, never a change to
    the data)."""
    wal, journal = (path.with_name(path.name + suffix) for suffix in ("-wal", "-journal"))
    if (wal.exists() and wal.stat().st_size > 0) or journal.exists():
        return read_only_connection(path)
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def snapshot_of_data_file(path: Path, folder: Path) -> Path:
    """A copy of the data file at path in folder, at the newest schema; the file is only read."""
    from app.services import backup_service

    path = Path(path)
    if not path.is_file():
        raise CopyError(pick(f"没有数据文件:{path}", f"there is no data file at {path}"))
    copy = folder / "snapshot.sqlite3"
    try:
        with closing(_reader(path)) as source, closing(sqlite3.connect(copy)) as target:
            source.backup(target, pages=-1)  # one step: one consistent snapshot
            target.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        raise CopyError(pick(f"无法读取 {path}:{exc}", f"cannot read {path}: {exc}")) from exc
    problems = backup_service.integrity_problems(copy)
    if problems:
        found = "; ".join(problems[:3])
        raise CopyError(pick(f"数据文件已损坏:{found}", f"the data file is damaged: {found}"))
    engine = make_engine(sqlite_url(copy), wal=False)
    try:
        migrate(engine)
    finally:
        engine.dispose()
    return copy


def move_file_to(
    path: Path, target: Engine, progress: CopyProgress | None = None, batch: int = BATCH
) -> CopyReport:
    """Copy the data file at path, with its attachments folder, into the empty target."""
    path = Path(path)
    work = Path(tempfile.mkdtemp(prefix="qualitydesk-copy-"))
    try:
        source = make_engine(sqlite_url(snapshot_of_data_file(path, work)), wal=False)
        try:
            return copy_database(
                source,
                target,
                attachments_from=path.parent / ATTACHMENTS,
                progress=progress,
                batch=batch,
            )
        finally:
            source.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def copy_to_new_file(
    source: Engine, path: Path, progress: CopyProgress | None = None, batch: int = BATCH
) -> CopyReport:
    """Copy the database source into a new data file at path (attachment bytes in stored_file)."""
    path = Path(path)
    if path.exists():
        raise CopyError(pick(f"文件已存在:{path}", f"the file exists already: {path}"))
    engine = make_engine(sqlite_url(path), wal=False)
    try:
        migrate(engine)
        return copy_database(source, engine, progress=progress, batch=batch)
    finally:
        engine.dispose()
