"""Audit trail: every change of a quality record, field by field (ISO 9001 §7.5.3).

One entry per save: a save that changes one field names it (field, old_value, new_value); a
save that changes several writes field GROUPED and the changes as two JSON objects, field →
new value in new_value and field → old value (those that had one) in old_value. A ticket's
ninety fields then cost one entry's identity, time, hashes and index rows instead of ninety.
Readers take the changes through changes_of(); entries written one per field stay readable.

The trail is append-only and tamper-evident. The database refuses UPDATE and DELETE on it
(triggers, migration 0007), and the rows form a SHA-256 hash chain in id order: each row's
row_hash covers its own fields and prev_hash, the row_hash of the row before it. append() is
the only writer of trail rows; verify_chain() finds a row altered, removed or slipped in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Engine, String, insert, type_coerce
from sqlmodel import Session, col, select

from app.i18n import pick
from app.models import AuditEntry
from app.models.common import utcnow
from app.services.validation import MESSAGES


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    user: str
    action: str
    field: str
    old_value: str | None
    new_value: str | None


def as_text(value: object) -> str | None:
    """How a value is written into the trail: stable, readable, language-neutral."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def diff(
    old: Mapping[str, object], new: Mapping[str, object]
) -> list[tuple[str, str | None, str | None]]:
    """Fields whose text differs between two flat snapshots, in a stable order."""
    changes = []
    for key in sorted(set(old) | set(new)):
        before, after = as_text(old.get(key)), as_text(new.get(key))
        if before != after:
            changes.append((key, before, after))
    return changes


GROUPED = "*"  # the field of an entry holding several changes


def _json(values: Mapping[str, str | None]) -> str:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def changes_of(
    field: str, old_value: str | None, new_value: str | None
) -> list[tuple[str, str | None, str | None]]:
    """The (field, old, new) changes one trail entry holds, in the order they were written.

    An entry without a field (a record created or deleted with nothing to list) holds none.
    One whose values do not read as written (altered behind the trail's guard, which the check
    names) is given as it is stored.
    """
    if field != GROUPED:
        return [(field, old_value, new_value)] if field else []
    try:
        olds = json.loads(old_value) if old_value else {}
        news = json.loads(new_value or "{}")
        return [(str(name), _text(olds.get(name)), _text(new)) for name, new in news.items()]
    except (ValueError, AttributeError):
        return [(field, old_value, new_value)]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def lines_of(
    field: str, old_value: str | None, new_value: str | None
) -> list[tuple[str, str | None, str | None]]:
    """The entry as the lines a reader shows: its changes, or one line without a field for an
    entry that holds none (a record created or deleted with nothing to list)."""
    return changes_of(field, old_value, new_value) or [("", None, None)]


def record(
    session: Session,
    *,
    entity: str,
    entity_uuid: str,
    label: str,
    action: str,
    changes: Iterable[tuple[str, str | None, str | None]],
    user: str,
) -> None:
    """Add the trail entry of one save to the caller's transaction."""
    entries = rows(
        entity=entity,
        entity_uuid=entity_uuid,
        label=label,
        action=action,
        changes=changes,
        user=user,
        at=utcnow(),
    )
    append(session, entries)


def rows(
    *,
    entity: str,
    entity_uuid: str,
    label: str,
    action: str,
    changes: Iterable[tuple[str, str | None, str | None]],
    user: str,
    at: datetime,
) -> list[dict[str, object]]:
    """The trail entry record() would add for one save, as plain dicts for append().

    Nothing for an update that changed nothing; an entry without a field for a record created,
    closed or deleted with no field to list.
    """
    base = {
        "at": at,
        "user": user,
        "entity": entity,
        "entity_uuid": entity_uuid,
        "record_label": label,
        "action": action,
    }
    listed = list(changes)
    news = {name: new for name, _old, new in listed}
    if len(listed) > 1 and len(news) == len(listed):
        olds = {name: old for name, old, _new in listed if old is not None}
        grouped = {"field": GROUPED, "old_value": _json(olds) if olds else None}
        return [{**base, **grouped, "new_value": _json(news)}]
    # one change; or a field listed twice, which one object cannot hold: an entry a change
    result = [{**base, "field": f, "old_value": old, "new_value": new} for f, old, new in listed]
    if not result and action != "update":
        result.append({**base, "field": "", "old_value": None, "new_value": None})
    return result


def history(engine: Engine, entity: str, entity_uuid: str) -> list[AuditRow]:
    """The trail of one record, newest first."""
    with Session(engine) as session:
        entries = session.exec(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_uuid == entity_uuid)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        ).all()
        return [
            AuditRow(e.at, e.user, e.action, *change)
            for e in entries
            for change in lines_of(e.field, e.old_value, e.new_value)
        ]


# ---------------------------------------------------------------- the hash chain

GENESIS = "0" * 64  # prev_hash of the first entry
CHAIN_VERSION = "qd-audit-1"  # part of every hash: a changed canonical form needs a new name
CHAINED_FIELDS = (
    "id", "at", "user", "entity", "entity_uuid", "record_label", "action", "field",
    "old_value", "new_value",
)  # fmt: skip
TEXT_FIELDS = CHAINED_FIELDS[2:]
MAX_PROBLEMS = 20  # verify_chain names at most this many; the rest are counted
TRAIL_BATCH = 1000  # entries verify_chain reads at a time


def _utc_text(value: object) -> str:
    if isinstance(value, datetime):
        aware = value if value.utcoffset() is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return str(value)


def _stored_text(value: object) -> str | None:
    """What a text column gives back for value: the chain must hash what is read, not what is meant."""
    return None if value is None else value if isinstance(value, str) else str(value)


def row_hash(entry: Mapping[str, object], prev_hash: str) -> str:
    """SHA-256 (hex) of one entry's fields and the hash before it, in a canonical JSON form.

    ASCII JSON of [version, id, at as UTC text with microseconds, the text fields, prev_hash]:
    stable across Python versions, platforms and database dialects. Migration 0007 holds a
    frozen copy; change neither without a new CHAIN_VERSION that verify_chain still knows.
    """
    texts = [_stored_text(entry.get(name)) for name in TEXT_FIELDS]
    return _digest(int(entry["id"]), _utc_text(entry["at"]), texts, prev_hash)  # type: ignore[call-overload]


_CANONICAL = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"))


def _digest(entry_id: int, at_text: str, texts: list[str | None], prev_hash: str) -> str:
    canonical = _CANONICAL.encode([CHAIN_VERSION, entry_id, at_text, *texts, prev_hash])
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _lock_trail(connection: Connection) -> None:
    """Hold the database's write lock from here to the caller's commit, so the trail's end stays put.

    Two programs appending at once would both chain onto the same last entry. SQLite has one
    writer at a time: an insert of no rows takes its write lock (waiting busy_timeout for it)
    without writing anything. PostgreSQL needs a table lock that lets readers through.
    """
    dialect = connection.dialect.name
    if dialect == "sqlite":
        connection.exec_driver_sql(
            "INSERT INTO audit_entry (id) SELECT id FROM audit_entry WHERE 0"
        )
    elif dialect == "postgresql":
        connection.exec_driver_sql("LOCK TABLE audit_entry IN SHARE ROW EXCLUSIVE MODE")


def append(session: Session, entries: Sequence[Mapping[str, object]]) -> None:
    """Chain trail rows onto the end of the trail inside the caller's transaction.

    The one writer of audit_entry rows (record() and the bulk paths use it): ids are given
    here, one after the last, each row's prev_hash is the row_hash before it. One statement
    for all rows, so a bulk import pays one lock, one read and a hash per row.
    """
    if not entries:
        return
    connection = session.connection()
    _lock_trail(connection)
    last = connection.execute(
        select(AuditEntry.id, AuditEntry.row_hash).order_by(col(AuditEntry.id).desc()).limit(1)
    ).first()
    last_id, prev = (last[0], last[1]) if last else (0, GENESIS)
    at_texts: dict[object, str] = {}  # a bulk insert shares one time: format it once
    chained = []
    for entry in entries:
        last_id += 1
        row: dict[str, object] = {name: _stored_text(entry.get(name)) for name in TEXT_FIELDS}
        row["record_label"] = row["record_label"] or ""
        row["field"] = row["field"] or ""
        at = entry.get("at") or utcnow()
        if at not in at_texts:
            at_texts[at] = _utc_text(at)
        texts = [row[name] for name in TEXT_FIELDS]
        row["id"], row["at"], row["prev_hash"] = last_id, at, prev
        row["row_hash"] = prev = _digest(last_id, at_texts[at], texts, prev)  # type: ignore[arg-type]
        chained.append(row)
    connection.execute(insert(AuditEntry.__table__), chained)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ChainProblem:
    """One fault in the trail: code (a validation.MESSAGES key), the entry it is found at."""

    code: str
    entry_id: int | None = None
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        zh, en = MESSAGES[self.code]
        return pick(zh, en, lang).format(id=self.entry_id, **self.params)


def _trail_columns(connection: Connection) -> set[str]:
    from sqlalchemy import inspect

    inspector = inspect(connection)
    if not inspector.has_table("audit_entry"):
        return set()
    return {column["name"] for column in inspector.get_columns("audit_entry")}


def _guard_problems(connection: Connection) -> list[ChainProblem]:
    from app.models.audit import append_only_guard_sql

    wanted = append_only_guard_sql(connection.dialect.name)
    if not wanted:
        return []
    if connection.dialect.name == "postgresql":
        # a disabled trigger guards nothing; nor does a function that no longer raises
        found = {
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT t.tgname FROM pg_trigger AS t JOIN pg_proc AS p ON p.oid = t.tgfoid "
                "WHERE t.tgrelid = 'audit_entry'::regclass AND NOT t.tgisinternal "
                "AND t.tgenabled <> 'D' AND p.proname = 'audit_entry_append_only' "
                "AND strpos(p.prosrc, 'RAISE EXCEPTION') > 0 AND strpos(p.prosrc, 'append-only') > 0"
            )
        }
    else:
        found = {
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'"
            )
        }
    missing = sorted(set(wanted) - found)
    return [ChainProblem("audit_unguarded", None, {"names": ", ".join(missing)})] if missing else []


def chain_problems(rows: Iterable[Mapping[str, object]]) -> list[ChainProblem]:
    """The faults in trail rows given in id order (each with CHAINED_FIELDS, prev_hash, row_hash).

    An altered row no longer matches its own hash; a removed row leaves a gap in the ids and
    the next row's prev_hash pointing at nothing; a row slipped in or re-hashed breaks the link
    to the row after it. The first entry's prev_hash is zeros and ids start at 1.
    """
    problems: list[ChainProblem] = []
    prev_id, prev_hash = 0, GENESIS
    for entry in rows:
        entry_id = int(entry["id"])  # type: ignore[call-overload]
        stored_prev, stored_hash = entry.get("prev_hash"), entry.get("row_hash")
        if entry_id != prev_id + 1:
            first, last = prev_id + 1, entry_id - 1
            problems.append(ChainProblem("audit_missing", entry_id, {"first": first, "last": last}))
        elif stored_prev != prev_hash:
            problems.append(ChainProblem("audit_chain_broken", entry_id, {"prev": prev_id}))
        if stored_prev is None or stored_hash != row_hash(entry, str(stored_prev)):
            problems.append(ChainProblem("audit_changed", entry_id))
        prev_id, prev_hash = entry_id, str(stored_hash)
    return problems


def verify_chain(engine: Engine | Connection) -> list[ChainProblem]:
    """Check the whole trail without changing anything; an empty list means it is intact.

    Reports a missing append-only guard, each altered entry, each run of missing entries and
    each broken link, first ones first (at most MAX_PROBLEMS, then a count of the rest).
    A data file older than the chain (schema before 0007) has nothing to check yet.
    """
    if isinstance(engine, Engine):
        with engine.connect() as connection:
            return verify_chain(connection)
    connection = engine
    columns = _trail_columns(connection)
    if not columns:
        return []
    if not {"prev_hash", "row_hash"} <= columns:
        return [] if _before_the_chain(connection) else [ChainProblem("audit_no_chain")]
    problems = _guard_problems(connection)
    table = AuditEntry.__table__  # type: ignore[attr-defined]
    selected = [table.c[name] for name in (*CHAINED_FIELDS, "prev_hash", "row_hash")]
    raw_at = connection.dialect.name == "sqlite"
    if raw_at:
        # the stored text, parsed here: a damaged or edited time is a finding, not a crash
        selected[1] = type_coerce(table.c.at, String).label("at")
    # read in batches: a server would otherwise send the whole trail (~200,000 entries on a
    # big plant's database, ~85 MB) before the first one is checked
    query = select(*selected).order_by(table.c.id).execution_options(yield_per=TRAIL_BATCH)
    result = connection.execute(query).mappings()
    rows = ({**row, "at": _parse_stored_at(row["at"])} for row in result) if raw_at else result
    problems += chain_problems(rows)
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], ChainProblem("audit_more", None, {"count": rest})]
    return problems


def _parse_stored_at(text: object) -> object:
    """A time as SQLite holds it ("2026-11-21 01:12:41.789405", UTC) as an aware datetime.

    Anything that is not such a time is returned as it is: it cannot match its hash.
    """
    if not isinstance(text, str):
        return text
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return text
    return parsed if parsed.utcoffset() is not None else parsed.replace(tzinfo=UTC)


def _before_the_chain(connection: Connection) -> bool:
    """True when the file's schema predates migration 0007 (the chain comes with the upgrade)."""
    from sqlalchemy import inspect

    if not inspect(connection).has_table("alembic_version"):
        return False
    revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return revision in {"0001", "0002", "0003", "0004", "0005", "0006"}
