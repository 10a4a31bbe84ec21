"""Audit trail: every change of a quality record, field by field (ISO 9001 §7.5.3)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from app.models import AuditEntry
from app.models.common import utcnow


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


def record(
    session: Session,
    *,
    entity: str,
    entity_uuid: str,
    label: str,
    action: str,
    changes: Iterable[tuple[str, str | None, str | None]],
    user: str,
) -> int:
    """Add one trail row per changed field to the caller's transaction; returns how many."""
    entries = rows(
        entity=entity,
        entity_uuid=entity_uuid,
        label=label,
        action=action,
        changes=changes,
        user=user,
        at=utcnow(),
    )
    session.add_all(AuditEntry(**entry) for entry in entries)
    return len(entries)


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
    """The trail rows record() would add, as plain dicts for a bulk insert."""
    base = {
        "at": at,
        "user": user,
        "entity": entity,
        "entity_uuid": entity_uuid,
        "record_label": label,
        "action": action,
    }
    result = [{**base, "field": f, "old_value": old, "new_value": new} for f, old, new in changes]
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
            AuditRow(e.at, e.user, e.action, e.field, e.old_value, e.new_value) for e in entries
        ]
