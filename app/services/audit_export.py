"""The audit trail as a list to export: every entry, or one record's, or one period's.

Read straight from the trail table in id order (the order the entries were written), so the
export shows exactly what `qualitydesk check` verifies.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import JSON, Engine, case, cast, func, or_
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from app.i18n import pick
from app.models import AuditEntry
from app.services import audit_service
from app.services.validation import FieldError, ValidationError

# entity -> (Chinese, English)
ENTITY_LABELS = {
    "customer": ("顾客档案", "Customer"),
    "complaint": ("抱怨单", "Complaint"),
    "return": ("退货单", "Return"),
    "return_line": ("退货明细", "Return line"),
    "survey_template": ("调查表模板", "Survey template"),
    "survey_campaign": ("满意度调查", "Survey campaign"),
    "survey_response": ("调查答卷", "Survey answer"),
    "setting": ("设置", "Settings"),
    "data_file": ("数据文件", "Data file"),
}
ACTION_LABELS = {
    "create": ("新建", "Create"),
    "update": ("修改", "Update"),
    "delete": ("删除", "Delete"),
    "close": ("关闭", "Close"),
    "reopen": ("重开", "Reopen"),
    "cancel": ("作废", "Cancel"),
    "archive": ("归档", "Archive"),
    "restore": ("恢复备份", "Restore"),
    "import": ("导入", "Import"),
}


@dataclass(frozen=True)
class TrailLine:
    id: int
    at: datetime
    user: str
    entity: str
    record: str
    action: str
    field: str
    old_value: str | None
    new_value: str | None


def label(labels: dict[str, tuple[str, str]], value: str, lang: str | None = None) -> str:
    return pick(*labels[value], lang) if value in labels else value


EXPORT_CHUNK = 1000  # entries read at a time for an export


def _trail_query(since: date | None, until: date | None, record: str):  # noqa: ANN202
    query = select(AuditEntry).order_by(col(AuditEntry.id))
    if since is not None:
        query = query.where(AuditEntry.at >= _local_midnight(since))
    if until is not None:
        query = query.where(AuditEntry.at < _local_midnight(until + timedelta(days=1)))
    if record.strip():
        wanted = record.strip().lower()
        uuids = select(AuditEntry.entity_uuid).where(func.lower(AuditEntry.record_label) == wanted)
        query = query.where(
            or_(
                func.lower(AuditEntry.record_label) == wanted,
                col(AuditEntry.entity_uuid).in_(uuids),
            )
        )
    return query


def _lines(e: AuditEntry) -> list[TrailLine]:
    """One line per change the entry holds (a save of several fields is one entry), one for
    an entry without a field."""
    return [
        TrailLine(e.id or 0, e.at, e.user, e.entity, e.record_label, e.action, *line)
        for line in audit_service.lines_of(e.field, e.old_value, e.new_value)
    ]


def check_request(
    engine: Engine,
    *,
    since: date | None = None,
    until: date | None = None,
    record: str = "",
) -> None:
    """Refuse, before a file is chosen, a period that ends before it starts and a request
    that finds no entry: a record the trail does not know, or nothing written in the period.
    The keys are the request's: "until", "record"."""
    if since is not None and until is not None and until < since:
        raise ValidationError({"until": FieldError("survey_end_before_start")})
    if _any_entry(engine, _trail_query(since, until, record)):
        return
    wanted = record.strip()
    if not wanted:
        raise ValidationError({"until": FieldError("trail_empty_period")})
    if (since is None and until is None) or not _any_entry(
        engine, _trail_query(None, None, wanted)
    ):
        raise ValidationError({"record": FieldError("trail_no_record", {"record": wanted})})
    raise ValidationError({"record": FieldError("trail_no_record_in_period", {"record": wanted})})


def _any_entry(engine: Engine, query) -> bool:  # noqa: ANN001  (a select of AuditEntry)
    with Session(engine) as session:
        first = query.with_only_columns(col(AuditEntry.id)).order_by(None).limit(1)
        return session.exec(first).first() is not None


def iter_trail_lines(
    engine: Engine,
    *,
    since: date | None = None,
    until: date | None = None,
    record: str = "",
    chunk: int = EXPORT_CHUNK,
) -> Iterator[TrailLine]:
    """The same entries as trail_lines, read a chunk at a time in id order (a short session
    each, the next chunk starting after the last id read), so a long trail is never all in
    memory."""
    query = _trail_query(since, until, record)
    last = 0
    while True:
        with Session(engine) as session:
            entries = session.exec(query.where(col(AuditEntry.id) > last).limit(chunk)).all()
            lines = [line for e in entries for line in _lines(e)]
        yield from lines
        if len(entries) < chunk:
            return
        last = lines[-1].id


def count_trail_lines(
    engine: Engine,
    *,
    since: date | None = None,
    until: date | None = None,
    record: str = "",
) -> int:
    """How many lines iter_trail_lines gives (for a progress bar): an entry holding several
    changes counts each, counted by the database (the keys of its JSON object). A trail with
    an entry altered into something that is not JSON is counted entry by entry in Python."""
    inner = _trail_query(since, until, record).order_by(None).subquery()
    grouped = inner.c.field == audit_service.GROUPED
    if engine.dialect.name == "postgresql":
        keys = func.json_object_keys(cast(inner.c.new_value, JSON)).table_valued("key")
    else:
        keys = func.json_each(inner.c.new_value).table_valued("key")
    changes = select(func.count()).select_from(keys).scalar_subquery()
    lines = func.coalesce(func.sum(case((grouped, changes), else_=1)), 0)
    try:
        with Session(engine) as session:
            return session.exec(select(lines).select_from(inner)).one()
    except DBAPIError:
        pass
    values = select(inner.c.field, inner.c.old_value, inner.c.new_value)
    with Session(engine) as session:
        rows = session.exec(values.execution_options(yield_per=EXPORT_CHUNK))  # type: ignore[call-overload]
        return sum(len(audit_service.lines_of(*row)) for row in rows)


def trail_lines(
    engine: Engine,
    *,
    since: date | None = None,
    until: date | None = None,
    record: str = "",
) -> list[TrailLine]:
    """Entries written on or after `since` and on or before `until` (the PC's days), of the
    records whose number or code is `record` (any case; a customer's entries by its code)."""
    with Session(engine) as session:
        return [
            line for e in session.exec(_trail_query(since, until, record)) for line in _lines(e)
        ]


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()
