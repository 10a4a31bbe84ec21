"""The laptop's export for the office.

export_for_office (laptop): every service and visit report whose content hash differs from
the one the office last got (SyncBase, peer = the office's machine id, known from the starter
file, else "office"), with its parts, actions and photos, plus tombstones of the reports
deleted since; SyncBase is brought up to date only once the file is written.

The office's starter file for a laptop is sync_starter's.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from app.models import (
    Attachment,
    Setting,
    SyncBase,
    SyncTombstone,
)
from app.services import machine
from app.services.attachment_service import read_stored
from app.services.sync_format import KIND_EXPORT, refuse, write
from app.services.sync_records import KINDS, local_rows, record_hash
from app.services.sync_records import serialize as serialize_record

OFFICE_KEY = "sync_office"  # on a laptop: {"id", "code"} of the office that gave the starter
DEFAULT_OFFICE = "office"  # the office's id until a starter file told it


@dataclass(frozen=True)
class ExportResult:
    path: Path
    counts: dict[str, int]  # entity -> records written
    tombstones: int
    photos: int


def office_id(engine: Engine) -> str:
    """The office's machine id as this laptop knows it (from the starter file), else "office"."""
    with Session(engine) as session:
        row = session.get(Setting, OFFICE_KEY)
    try:
        value = json.loads(row.value) if row else {}
    except ValueError:
        value = {}
    return str(value.get("id") or DEFAULT_OFFICE) if isinstance(value, dict) else DEFAULT_OFFICE


def _upsert_base(session: Session, peer: str, entity: str, uuid: str, digest: str) -> None:
    row = session.exec(
        select(SyncBase).where(
            SyncBase.peer == peer, SyncBase.entity == entity, SyncBase.uuid == uuid
        )
    ).first()
    if row is None:
        row = SyncBase(peer=peer, entity=entity, uuid=uuid, content_hash=digest, at=datetime.now(UTC))  # fmt: skip
    elif row.content_hash == digest:
        return
    row.content_hash, row.at = digest, datetime.now(UTC)
    session.add(row)


def _photo_bytes(session: Session, engine: Engine, photo: dict, number: str) -> bytes:
    row = session.exec(select(Attachment).where(Attachment.uuid == photo["uuid"])).first()
    content = (read_stored(engine, row.stored_name, photo["sha256"]) if row else None) or b""
    if hashlib.sha256(content).hexdigest() != photo["sha256"]:
        raise refuse("sync_photo_missing", number=number, name=photo["file_name"])
    return content


# ---------------------------------------------------------------- laptop → office


def export_for_office(
    engine: Engine, path: str | Path, *, user: str, everything: bool = False
) -> ExportResult:
    """Write the reports new or changed since the last export; SyncBase follows once written.

    everything: every report and every deletion again (when an earlier file was lost before
    the office imported it); what the office already has is skipped there as unchanged.
    """
    path = Path(path)
    me = machine.get_machine(engine)
    peer = office_id(engine)
    with Session(engine) as session:
        bases = {
            (b.entity, b.uuid): b.content_hash
            for b in session.exec(select(SyncBase).where(SyncBase.peer == peer)).all()
        }
        graves = {(t.entity, t.uuid): t.label for t in session.exec(select(SyncTombstone)).all()}
        records: dict[str, list] = {entity: [] for entity in KINDS}
        tombstones: list[dict[str, str]] = []
        exported: list[tuple[str, str, str]] = []
        attachments: dict[str, bytes] = {}
        for entity, kind in KINDS.items():
            rows = local_rows(session, kind)
            for uuid, row in sorted(rows.items(), key=lambda item: item[1].number):  # type: ignore[attr-defined]
                record = serialize_record(session, kind, row)
                digest = record_hash(record)
                if not everything and bases.get((entity, uuid)) == digest:
                    continue
                records[entity].append(record)
                exported.append((entity, uuid, digest))
                for photo in record["content"]["photos"]:  # type: ignore[index]
                    if photo["sha256"] not in attachments:
                        attachments[photo["sha256"]] = _photo_bytes(session, engine, photo, row.number)  # type: ignore[attr-defined]  # fmt: skip
            gone = {u for (e, u), h in bases.items() if e == entity and h and u not in rows}
            gone |= {
                u
                for (e, u) in graves
                if e == entity and u not in rows and (everything or bases.get((e, u)) != "")
            }
            for uuid in sorted(gone):
                tombstones.append({"entity": entity, "uuid": uuid, "label": graves.get((entity, uuid), "")})  # fmt: skip
                exported.append((entity, uuid, ""))
        content = {**records, "tombstones": tombstones, "user": user}
        write(
            path,
            kind=KIND_EXPORT,
            machine_id=me.id,
            machine_code=me.code,
            records=content,
            attachments=attachments,
        )
        for entity, uuid, digest in exported:
            _upsert_base(session, peer, entity, uuid, digest)
        session.commit()
    return ExportResult(
        path, {e: len(r) for e, r in records.items()}, len(tombstones), len(attachments)
    )
