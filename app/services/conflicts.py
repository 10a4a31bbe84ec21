"""Two clerks, one record: a save made from a stale copy is refused, never silently applied.

Every record a clerk edits in a form (customer, complaint, return receipt, service report,
visit report, survey campaign) carries a version (migration 0011). A save states the version its
form was loaded with; ``claim()`` raises it by one with ``UPDATE … WHERE id = :id AND version =
:loaded`` inside the save's transaction, so of two clerks saving the same version only the first
one gets through (the row stays locked until that transaction ends). The second gets a
``RecordConflict`` naming who saved in between, when, and what they changed, read from the audit
trail since the moment the form was loaded (the record's updated_at then: a save stamps the
record and its trail rows with the same instant, see ``trail()``).

Writes that do not come from a form (closing, verifying an action, a sync import) do not check a
loaded version but still raise it with ``bump()``, so a form open elsewhere cannot overwrite them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from app.models import AuditEntry
from app.models.common import utcnow
from app.services import audit_service


@dataclass(frozen=True)
class Change:
    field: str  # the trail's field path, e.g. "name", "contacts[2].phone", "D4.content"
    old: str | None
    new: str | None


@dataclass(frozen=True)
class OtherSave:
    """One save another clerk made after the form was loaded."""

    user: str
    at: datetime
    action: str
    changes: tuple[Change, ...]


class RecordConflict(Exception):
    """The record was saved by someone else after this form loaded it; nothing was written."""

    def __init__(
        self,
        *,
        entity: str,
        record_id: int,
        label: str,
        loaded_version: int,
        current_version: int,
        saves: Iterable[OtherSave] = (),
    ) -> None:
        self.entity, self.record_id, self.label = entity, record_id, label
        self.loaded_version, self.current_version = loaded_version, current_version
        self.saves = tuple(saves)
        super().__init__(
            f"{label} was saved by {', '.join(self.users) or 'someone else'} in the meantime "
            f"(version {loaded_version} loaded, {current_version} stored)"
        )

    @property
    def users(self) -> list[str]:
        """Who saved in between, each once, in the order they saved."""
        return list(dict.fromkeys(s.user for s in self.saves))

    @property
    def user(self) -> str:
        """The last one who saved (what a message names first)."""
        return self.saves[-1].user if self.saves else ""

    @property
    def at(self) -> datetime | None:
        return self.saves[-1].at if self.saves else None

    @property
    def changes(self) -> list[Change]:
        """Every field changed in between, oldest first."""
        return [change for save in self.saves for change in save.changes]


def claim(
    session: Session,
    model: Any,  # noqa: ANN401 — a versioned SQLModel table class
    record_id: int,
    loaded_version: int | None,
    *,
    entity: str,
    label: str,
    loaded_at: datetime | None,
) -> int:
    """Raise the record's version from the one the form loaded; returns the new version.

    Raises RecordConflict when the stored version is another (someone saved in between). Call
    it inside the save's transaction, before writing: it holds the row until the commit.
    """
    table = model.__table__
    if loaded_version is None:
        raise ValueError(f"a save of {label} must say which version of it the form loaded")
    result = session.execute(
        update(table)
        .where(table.c.id == record_id, table.c.version == loaded_version)
        .values(version=table.c.version + 1)
    )
    if result.rowcount == 1:
        return loaded_version + 1
    row = session.execute(
        select(table.c.version, table.c.uuid).where(table.c.id == record_id)
    ).first()
    if row is None:
        raise ValueError(f"no {entity} {record_id}")
    raise RecordConflict(
        entity=entity,
        record_id=record_id,
        label=label,
        loaded_version=loaded_version,
        current_version=row.version,
        saves=saves_since(session, entity, row.uuid, loaded_at),
    )


def bump(record: Any) -> None:  # noqa: ANN401
    """Raise the version of a record changed by a write that does not come from a form."""
    record.version = (record.version or 0) + 1


ATTACHMENTS_FIELD = "attachments"  # attachment_service's trail rows


def saves_since(
    session: Session, entity: str, entity_uuid: str, since: datetime | None
) -> list[OtherSave]:
    """The saves of a record the trail holds after `since` (its updated_at when loaded).

    Photos and files are stored at once and leave the record's version and updated_at alone:
    they are no save a form could overwrite, so they are not listed (else a photo added before
    the form was loaded would show as made behind the clerk's back)."""
    query = select(AuditEntry).where(
        AuditEntry.entity == entity,
        AuditEntry.entity_uuid == entity_uuid,
        AuditEntry.action != "create",
        AuditEntry.field != ATTACHMENTS_FIELD,
    )
    if since is not None:
        query = query.where(col(AuditEntry.at) > since)
    saves: list[OtherSave] = []
    for entry in session.exec(query.order_by(col(AuditEntry.id))):
        changes = tuple(
            Change(*change)
            for change in audit_service.changes_of(entry.field, entry.old_value, entry.new_value)
        )
        last = saves[-1] if saves else None
        if last and (last.at, last.user, last.action) == (entry.at, entry.user, entry.action):
            # a save written one entry per field (before entries held several changes)
            saves[-1] = OtherSave(last.user, last.at, last.action, (*last.changes, *changes))
        else:
            saves.append(OtherSave(entry.user, entry.at, entry.action, changes))
    return saves


def trail(
    session: Session,
    record: Any,  # noqa: ANN401
    *,
    entity: str,
    label: str,
    changes: Iterable[tuple[str, str | None, str | None]],
    user: str,
    action: str = "update",
) -> None:
    """Stamp the record's updated_at and its trail rows with the same instant, so a form
    loaded after this save does not count the save as one made behind its back."""
    now = utcnow()
    record.updated_at = now
    session.add(record)
    audit_service.append(
        session,
        audit_service.rows(
            entity=entity,
            entity_uuid=record.uuid,
            label=label,
            action=action,
            changes=changes,
            user=user,
            at=now,
        ),
    )
