"""Who else has a record open: each record window says so while it is open (record_editing).

A window calls begin() when it opens a stored record, heartbeat() every half minute or so while
it stays open, and end() when it closes. others() names the other clients editing the same
record; a row whose client stopped sending heartbeats (the PC crashed, the network went away)
stops counting after STALE_AFTER and is cleared by the next begin(). One client is one running
app (CLIENT), so the same user in two windows of one app is not "someone else", but the same
user on two PCs is.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, exc, update
from sqlmodel import Session, col, select

from app.models import RecordEditing
from app.models.common import utcnow

STALE_AFTER = timedelta(minutes=2)  # no heartbeat for this long: the editor is gone
HEARTBEAT = timedelta(seconds=30)  # how often an open window says it is still there


def _new_client() -> str:
    host = (socket.gethostname() or "pc").split(".")[0][:60]
    return f"{host}/{uuid.uuid4().hex[:8]}"


CLIENT = _new_client()  # this running app


@dataclass(frozen=True)
class Editor:
    user: str
    client: str
    started_at: datetime
    seen_at: datetime


def begin(
    engine: Engine,
    entity: str,
    record_uuid: str,
    *,
    user: str,
    client: str = CLIENT,
    now: datetime | None = None,
) -> None:
    """This client has the record open from now on (again: the start time is renewed)."""
    now = now or utcnow()
    with Session(engine) as session:
        session.execute(delete(RecordEditing).where(col(RecordEditing.seen_at) < now - STALE_AFTER))
        session.execute(
            delete(RecordEditing).where(
                RecordEditing.entity == entity,
                RecordEditing.record_uuid == record_uuid,
                RecordEditing.client == client,
            )
        )
        session.add(
            RecordEditing(
                entity=entity,
                record_uuid=record_uuid,
                user=user,
                client=client,
                started_at=now,
                seen_at=now,
            )
        )
        session.commit()


def heartbeat(
    engine: Engine,
    entity: str,
    record_uuid: str,
    *,
    user: str,
    client: str = CLIENT,
    now: datetime | None = None,
) -> None:
    """Still open; a row cleared meanwhile (after a long sleep of the PC) is written again."""
    now = now or utcnow()
    with Session(engine) as session:
        result = session.execute(
            update(RecordEditing)
            .where(
                RecordEditing.entity == entity,
                RecordEditing.record_uuid == record_uuid,
                RecordEditing.client == client,
            )
            .values(seen_at=now, user=user)
        )
        if result.rowcount:
            session.commit()
            return
        session.add(
            RecordEditing(
                entity=entity,
                record_uuid=record_uuid,
                user=user,
                client=client,
                started_at=now,
                seen_at=now,
            )
        )
        try:
            session.commit()
        except exc.IntegrityError:  # another window of this client wrote it at the same moment
            session.rollback()


def end(engine: Engine, entity: str, record_uuid: str, *, client: str = CLIENT) -> None:
    """The window closed."""
    with Session(engine) as session:
        session.execute(
            delete(RecordEditing).where(
                RecordEditing.entity == entity,
                RecordEditing.record_uuid == record_uuid,
                RecordEditing.client == client,
            )
        )
        session.commit()


def end_client(engine: Engine, client: str = CLIENT) -> None:
    """The app closes: none of its records is open any more."""
    with Session(engine) as session:
        session.execute(delete(RecordEditing).where(RecordEditing.client == client))
        session.commit()


def others(
    engine: Engine,
    entity: str,
    record_uuid: str,
    *,
    client: str = CLIENT,
    now: datetime | None = None,
) -> list[Editor]:
    """The other clients that have the record open now, who came first first."""
    return editing(engine, entity, [record_uuid], client=client, now=now).get(record_uuid, [])


def editing(
    engine: Engine,
    entity: str,
    record_uuids: Iterable[str],
    *,
    client: str = CLIENT,
    now: datetime | None = None,
) -> dict[str, list[Editor]]:
    """record uuid -> the other clients editing it, for the rows a list shows."""
    uuids = list(dict.fromkeys(u for u in record_uuids if u))
    if not uuids:
        return {}
    fresh_since = (now or utcnow()) - STALE_AFTER
    result: dict[str, list[Editor]] = {}
    with Session(engine) as session:
        for start in range(0, len(uuids), 500):
            rows = session.exec(
                select(RecordEditing)
                .where(
                    RecordEditing.entity == entity,
                    col(RecordEditing.record_uuid).in_(uuids[start : start + 500]),
                    RecordEditing.client != client,
                    col(RecordEditing.seen_at) >= fresh_since,
                )
                .order_by(col(RecordEditing.started_at), col(RecordEditing.id))
            )
            for row in rows:
                result.setdefault(row.record_uuid, []).append(
                    Editor(row.user, row.client, row.started_at, row.seen_at)
                )
    return result


def editing_by_id(
    engine: Engine,
    model: type,
    entity: str,
    ids: Iterable[int],
    *,
    client: str = CLIENT,
    now: datetime | None = None,
) -> dict[int, list[Editor]]:
    """record id -> the other clients editing it, for a list that knows its rows by id (model:
    the record's table class, with id and uuid)."""
    wanted = list(dict.fromkeys(i for i in ids if i is not None))
    if not wanted:
        return {}
    uuid_of: dict[str, int] = {}
    with Session(engine) as session:
        for start in range(0, len(wanted), 500):
            rows = session.exec(
                select(model.id, model.uuid).where(  # type: ignore[attr-defined]
                    col(model.id).in_(wanted[start : start + 500])  # type: ignore[attr-defined]
                )
            )
            for record_id, record_uuid in rows:
                if record_uuid:
                    uuid_of[record_uuid] = record_id
    found = editing(engine, entity, uuid_of, client=client, now=now)
    return {uuid_of[u]: editors for u, editors in found.items()}
