"""Merging a laptop's export into the office's data: preview → decisions → apply.

Three-way merge per record against SyncBase (peer = the laptop's machine id), with "" for a
record deleted (a tombstone from the laptop, or missing here although the two met before):
    incoming == local                 → unchanged (nothing written)
    never met and not here            → new (added)
    local == base                     → take incoming (updated / deleted / added again)
    incoming == base                  → keep local (nothing written)
    otherwise                         → conflict: both changed, or deleted on one side and
                                        changed on the other; the user keeps the office's
                                        version or takes the laptop's.
apply() writes in one transaction after a verified backup ("before-sync"): records, parts,
actions, photos (bytes checked against their sha256 before the transaction), SyncBase set to
the laptop's version for every record in the file, and every change and every conflict
decision in the audit trail with action "sync". Importing the same file again finds every
record unchanged or kept and writes nothing, not even a backup.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePath

from sqlalchemy import Engine, insert
from sqlmodel import Session, SQLModel, col, select

from app.models import Attachment, Complaint, Customer, SyncBase
from app.services import (
    audit_service,
    backup_service,
    conflicts,
    machine,
    wal_checkpoint,
    worker_thread,
)
from app.services.attachment_service import store_bytes, stored_name_for
from app.services.bulk_rows import CHUNK, by, insert_rows, insert_values, new_values
from app.services.sync_format import KIND_EXPORT, SyncFile, SyncFileError, read, refuse
from app.services.sync_records import (
    KINDS,
    RecordKind,
    fields_from,
    flat,
    from_json,
    number_of,
    record_hash,
    serialize,
)
from app.services.validation import FieldError

NEW, UNCHANGED, TAKE, KEEP, CONFLICT = "new", "unchanged", "take", "keep", "conflict"
OUTCOMES = (NEW, UNCHANGED, TAKE, KEEP, CONFLICT)
OFFICE, LAPTOP = "office", "laptop"
# why a record is in conflict
BOTH_CHANGED, DELETED_HERE, DELETED_THERE = "both_changed", "deleted_office", "deleted_laptop"
REASON_TEXT = {
    BOTH_CHANGED: "changed on both sides",
    DELETED_HERE: "deleted at the office, changed on the laptop",
    DELETED_THERE: "deleted on the laptop, changed at the office",
}
_SHA = re.compile(r"^[0-9a-f]{64}$")
_RECORD_SKIP = frozenset({"uuid", "customer_id", "complaint_id"})


@dataclass
class PlanItem:
    entity: str
    uuid: str
    number: str
    outcome: str
    reason: str = ""  # for a conflict: BOTH_CHANGED / DELETED_HERE / DELETED_THERE
    office: dict[str, str] = field(default_factory=dict)  # field -> value here ({} when absent)
    laptop: dict[str, str] = field(default_factory=dict)  # the file's ({} when deleted there)
    local_hash: str = ""  # "" when not here
    incoming_hash: str = ""  # "" for a tombstone
    record: dict | None = None  # the file's record; None for a tombstone

    def differing_fields(self) -> list[str]:
        keys = list(self.office) + [k for k in self.laptop if k not in self.office]
        return [k for k in keys if self.office.get(k, "") != self.laptop.get(k, "")]


@dataclass
class SyncPlan:
    path: Path
    file_sha256: str
    machine_id: str  # the laptop's
    machine_code: str
    made_at: str
    items: list[PlanItem]

    @property
    def conflicts(self) -> list[PlanItem]:
        return [i for i in self.items if i.outcome == CONFLICT]

    def counts(self) -> dict[str, dict[str, int]]:
        """entity -> outcome -> how many."""
        result = {entity: dict.fromkeys(OUTCOMES, 0) for entity in KINDS}
        for item in self.items:
            result[item.entity][item.outcome] += 1
        return result

    @property
    def source(self) -> str:
        return f"laptop {self.machine_code or self.machine_id[:8]}"


@dataclass(frozen=True)
class _Parsed:
    values: dict[str, object]
    children: list[dict[str, object]]
    photos: list[dict[str, object]]
    customer: str
    complaint: str | None
    created_at: datetime | None
    updated_at: datetime | None


def _parse(kind: RecordKind, record: object, sync_file: SyncFile) -> _Parsed:
    """Every value of a record checked against its column; ValueError when one is not right."""
    if not isinstance(record, dict) or not isinstance(record.get("uuid"), str):
        raise ValueError("uuid")
    content = record["content"]
    values = fields_from(kind.table, content["fields"], _RECORD_SKIP)
    children = [fields_from(kind.child_table, c, kind.child_skip) for c in content[kind.children_key]]  # fmt: skip
    photos = []
    for photo in content["photos"]:
        digest = photo["sha256"]
        if not isinstance(digest, str) or not _SHA.match(digest):
            raise ValueError("photo sha256")
        if sync_file.manifest.files.get(f"attachments/{digest}") != digest:
            raise ValueError(f"photo {digest[:12]} not in the file")
        for key in ("uuid", "file_name", "caption", "added_by"):
            if not isinstance(photo[key], str):
                raise ValueError(f"photo {key}")
        if isinstance(photo["size"], bool) or not isinstance(photo["size"], int):
            raise ValueError("photo size")
        photos.append(photo)
    customer, complaint = content["customer"], content.get("complaint")
    if not isinstance(customer, str) or not (complaint is None or isinstance(complaint, str)):
        raise ValueError("customer")
    stamps = [from_json(kind.table, k, record.get(k)) for k in ("created_at", "updated_at")]
    return _Parsed(values, children, photos, customer, complaint, *stamps)  # type: ignore[arg-type]


def _tombstones(sync_file: SyncFile) -> list[tuple[str, str, str]]:
    result = []
    for stone in sync_file.records.get("tombstones", []):
        entity, uuid = stone["entity"], stone["uuid"]
        if entity not in KINDS or not isinstance(uuid, str):
            raise ValueError("tombstone")
        result.append((entity, uuid, str(stone.get("label", ""))))
    return result


def _check_file(engine: Engine, sync_file: SyncFile) -> None:
    name = sync_file.path.name
    if sync_file.manifest.kind != KIND_EXPORT:
        raise refuse("sync_starter_not_export", path=name)
    if sync_file.manifest.machine_id == machine.get_machine(engine).id:
        raise refuse("sync_own_file", path=name)


def _outcome(local: str | None, incoming: str, base: str | None) -> str:
    """The three-way rule; local/incoming/base are hashes, "" deleted, base None never met."""
    here = local or ""
    if incoming == here:
        return UNCHANGED
    if base is None:
        return NEW if not here else CONFLICT
    if here == base:
        return TAKE
    if incoming == base:
        return KEEP
    return CONFLICT


class _Refs:
    """The customers and complaints the records refer to (by uuid, else by code / number),
    looked up together."""

    def __init__(self, session: Session, records: list[dict]) -> None:
        refs = [r.get("refs", {}) for r in records]
        self.customers = by(session, Customer, "uuid", (r["content"]["customer"] for r in records))
        self.codes = by(session, Customer, "code", (r.get("customer_code") for r in refs))
        self.complaints = by(session, Complaint, "uuid", (r["content"].get("complaint") for r in records))  # fmt: skip
        self.numbers = by(session, Complaint, "number", (r.get("complaint_number") for r in refs))

    def customer_id(self, uuid: str, refs: dict) -> int | None:
        row = self.customers.get(uuid)
        if row is None and refs.get("customer_code"):
            row = self.codes.get(refs["customer_code"])
        return row.id if row else None

    def complaint_id(self, uuid: str | None, refs: dict) -> int | None:
        row = self.complaints.get(uuid) if uuid else None
        if row is None and refs.get("complaint_number"):
            row = self.numbers.get(refs["complaint_number"])
        return row.id if row else None


def preview(engine: Engine, path: str | Path) -> SyncPlan:
    """What importing the file would do, record by record; nothing is written."""
    sync_file = read(path)
    _check_file(engine, sync_file)
    name, peer = sync_file.path.name, sync_file.manifest.machine_id
    items: list[PlanItem] = []
    try:
        incoming = {
            entity: {r["uuid"]: r for r in sync_file.records.get(entity, [])} for entity in KINDS
        }
        for entity, records in incoming.items():
            for record in records.values():
                _parse(KINDS[entity], record, sync_file)
        stones = _tombstones(sync_file)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise refuse("sync_malformed", path=name, reason=str(exc)[:80]) from exc
    with Session(engine) as session:
        bases = {
            (b.entity, b.uuid): b.content_hash
            for b in session.exec(select(SyncBase).where(SyncBase.peer == peer)).all()
        }
        for entity, kind in KINDS.items():
            named = [*incoming[entity], *(u for e, u, _label in stones if e == entity)]
            rows = by(session, kind.table, "uuid", named)
            for uuid, record in incoming[entity].items():
                local = serialize(session, kind, rows[uuid]) if uuid in rows else None
                items.append(_item(kind, uuid, local, record, bases.get((entity, uuid))))
            for stone_entity, uuid, label in stones:
                if stone_entity != entity or uuid in incoming[entity]:
                    continue
                local = serialize(session, kind, rows[uuid]) if uuid in rows else None
                item = _item(kind, uuid, local, None, bases.get((entity, uuid)))
                item.number = item.number or label
                items.append(item)
        _check_writable(session, sync_file, items)
    return SyncPlan(
        sync_file.path,
        sync_file.file_sha256,
        peer,
        sync_file.manifest.machine_code,
        sync_file.manifest.made_at,
        items,
    )


def _item(kind: RecordKind, uuid: str, local: dict | None, record: dict | None, base: str | None) -> PlanItem:  # fmt: skip
    local_hash = record_hash(local) if local else ""
    incoming_hash = record_hash(record) if record else ""
    outcome = _outcome(local_hash, incoming_hash, base)
    reason = ""
    if outcome == CONFLICT:
        reason = DELETED_HERE if not local else DELETED_THERE if not record else BOTH_CHANGED
    return PlanItem(
        kind.entity,
        uuid,
        number_of(record) or number_of(local),
        outcome,
        reason,
        flat(kind, local),
        flat(kind, record),
        local_hash,
        incoming_hash,
        record,
    )


def _check_writable(session: Session, sync_file: SyncFile, items: list[PlanItem]) -> None:
    """Records that may be written need their customer here and a number no other record has."""
    code = sync_file.manifest.machine_code or sync_file.manifest.machine_id[:8]
    writable = [i for i in items if i.record is not None and i.outcome in (NEW, TAKE, CONFLICT)]
    refs = _Refs(session, [i.record for i in writable])  # type: ignore[misc]
    holders = {
        entity: by(
            session, kind.table, "number", (i.number for i in writable if i.entity == entity)
        )  # fmt: skip
        for entity, kind in KINDS.items()
    }
    for item in writable:
        record = item.record or {}
        if refs.customer_id(record["content"]["customer"], record.get("refs", {})) is None:
            customer = record.get("refs", {}).get("customer_code") or record["content"]["customer"]
            raise refuse("sync_customer_unknown", number=item.number, customer=customer)
        holder = holders[item.entity].get(item.number)
        if holder is not None and holder.uuid != item.uuid:
            raise refuse("sync_number_taken", number=item.number, machine=code)


# ---------------------------------------------------------------- apply


def _writes(plan: SyncPlan, decisions: dict[str, str]) -> list[PlanItem]:
    """The items whose laptop version is to be written (added, updated or deleted)."""
    return [
        item
        for item in plan.items
        if item.outcome in (NEW, TAKE)
        or (item.outcome == CONFLICT and decisions.get(item.uuid) == LAPTOP)
    ]


def apply(engine: Engine, plan: SyncPlan, decisions: dict[str, str], user: str) -> dict[str, int]:
    """Carry the plan out in one transaction; returns how many records were written per outcome."""
    undecided = [i for i in plan.conflicts if decisions.get(i.uuid) not in (OFFICE, LAPTOP)]
    if undecided:
        raise refuse("sync_conflicts_open", count=len(undecided))
    sync_file = read(plan.path)
    if sync_file.file_sha256 != plan.file_sha256:
        raise refuse("sync_file_changed", path=plan.path.name)
    _check_file(engine, sync_file)
    writes = _writes(plan, decisions)
    written = {id(item) for item in writes}
    with Session(engine) as session:
        bases = {
            (b.entity, b.uuid): b
            for b in session.exec(select(SyncBase).where(SyncBase.peer == plan.machine_id)).all()
        }
    stale_bases = [
        i
        for i in plan.items
        if getattr(bases.get((i.entity, i.uuid)), "content_hash", None)
        != i.incoming_hash  # fmt: skip
    ]
    if not writes and not stale_bases and not plan.conflicts:
        return {}
    try:
        # the copy now, before anything is written; its check runs while the records are
        # prepared, and nothing is committed until it passed
        backup = backup_service.begin_backup_before(engine, "sync")
    except backup_service.DatabaseError as exc:
        raise SyncFileError(FieldError("sync_no_backup", {"reason": exc})) from exc
    photos = _photos_of(writes)
    stored = {digest: stored_name_for(digest, suffix) for digest, suffix in photos.items()}
    # the photos are written (and checked) while the records are prepared, as the backup is
    storing = worker_thread.start(lambda: _store_photos(engine, sync_file, photos), "sync-photos")
    done: Counter[str] = Counter()
    now = datetime.now(UTC)
    # the commit is the result the user waits for; the log's copy into the data file follows it
    with wal_checkpoint.large_write_session(engine) as session:
        rows = {
            (entity, uuid): row
            for entity, kind in KINDS.items()
            for uuid, row in by(
                session, kind.table, "uuid", (i.uuid for i in plan.items if i.entity == entity)
            ).items()  # fmt: skip
        }
        # every record still as the preview saw it, before anything is written
        for item in plan.items:
            row = rows.get((item.entity, item.uuid))
            here = record_hash(serialize(session, KINDS[item.entity], row)) if row is not None else ""  # fmt: skip
            if here != item.local_hash:
                raise refuse("sync_data_changed", number=item.number)
        bases = {
            (b.entity, b.uuid): b
            for b in session.exec(select(SyncBase).where(SyncBase.peer == plan.machine_id)).all()
        }
        refs = _Refs(session, [i.record for i in writes if i.record is not None])
        trail: list[dict[str, object]] = []
        filled: list[tuple[RecordKind, object, _Parsed, bool]] = []
        new_bases: list[dict[str, object]] = []  # rows of sync_base, inserted in one statement
        for item in plan.items:
            kind = KINDS[item.entity]
            row = rows.get((item.entity, item.uuid))
            changes: list[tuple[str, str | None, str | None]] = []
            if item.outcome == CONFLICT:
                winner = decisions[item.uuid]
                kept = "office version kept" if winner == OFFICE else f"{plan.source} version taken"
                changes.append(("conflict", REASON_TEXT[item.reason], kept))
            if id(item) in written:
                verb = "deleted on" if item.record is None else "added from" if row is None else "updated from"  # fmt: skip
                changes.append(("sync", None, f"{verb} {plan.source}"))
                changes += audit_service.diff(item.office, item.laptop)
                if item.record is None:
                    _delete(session, kind, row)
                else:
                    parsed = _parse(kind, item.record, sync_file)
                    filled.append((kind, _write(session, kind, row, item, parsed, refs), parsed, row is None))  # fmt: skip
                done["deleted" if item.record is None else "added" if row is None else "updated"] += 1  # fmt: skip
            if changes:
                trail += audit_service.rows(
                    entity=item.entity, entity_uuid=item.uuid, label=item.number,
                    action="sync", changes=changes, user=user, at=now,
                )  # fmt: skip
            if item.outcome == CONFLICT:
                done[f"conflict_{decisions[item.uuid]}"] += 1
            base = bases.get((item.entity, item.uuid))
            if base is None:
                new_bases.append({"peer": plan.machine_id, "entity": item.entity, "uuid": item.uuid, "content_hash": item.incoming_hash, "at": now})  # fmt: skip
            elif base.content_hash != item.incoming_hash:
                base.content_hash, base.at = item.incoming_hash, now
                session.add(base)
        session.flush()  # the records deleted and updated
        for kind in KINDS.values():  # the records added: in one statement per table
            insert_rows(
                session, [row for k, row, _p, new in filled if k is kind and new], with_ids=True
            )
        if new_bases:
            session.execute(insert(SyncBase), new_bases)
        _write_children(session, filled, stored)
        audit_service.append(session, trail)
        storing.result()  # a photo that does not match its checksum: nothing is committed
        try:
            backup.result()
        except backup_service.DatabaseError as exc:
            raise SyncFileError(FieldError("sync_no_backup", {"reason": exc})) from exc
        session.commit()
    return dict(done)


def _photos_of(writes: list[PlanItem]) -> dict[str, str]:
    """sha256 -> file suffix of every photo of the records to be written."""
    photos: dict[str, str] = {}
    for item in writes:
        for photo in (item.record or {}).get("content", {}).get("photos", []):
            photos.setdefault(photo["sha256"], PurePath(photo["file_name"]).suffix)
    return photos


def _store_photos(engine: Engine, sync_file: SyncFile, photos: dict[str, str]) -> None:
    """Photo bytes into the attachments folder (a server: its database), each checked against
    its sha256 (stored under stored_name_for)."""
    for digest, content in sync_file.attachments(photos):
        store_bytes(engine, content, photos[digest])


def _delete(session: Session, kind: RecordKind, row) -> None:  # noqa: ANN001
    for attachment in session.exec(
        select(Attachment).where(Attachment.entity == kind.entity, Attachment.entity_uuid == row.uuid)
    ).all():  # fmt: skip
        attachment.removed = True  # the file and the row stay (quality records)
        session.add(attachment)
    session.delete(row)


def _write(session: Session, kind: RecordKind, row, item: PlanItem, parsed: _Parsed, refs: _Refs):  # noqa: ANN001, ANN202  # fmt: skip
    """The record's own columns from the file (its children and photos after the flush)."""
    record_refs = item.record.get("refs", {})  # type: ignore[union-attr]
    values = dict(parsed.values)
    values["customer_id"] = refs.customer_id(parsed.customer, record_refs)
    if "complaint_id" in kind.table.__table__.columns:  # type: ignore[attr-defined]
        values["complaint_id"] = refs.complaint_id(parsed.complaint, record_refs)
    added = row is None
    if added:
        row = kind.table(uuid=item.uuid, **values)
    else:
        conflicts.bump(row)  # a form open on this record must not overwrite the import
        for key, value in values.items():
            setattr(row, key, value)
    if parsed.created_at:
        row.created_at = parsed.created_at
    if parsed.updated_at:
        row.updated_at = parsed.updated_at
    if not added:
        session.add(row)  # an added record is inserted with the others (_insert)
    return row


def _write_children(session: Session, filled: list[tuple[RecordKind, object, _Parsed, bool]], stored: dict[str, str]) -> None:  # fmt: skip
    """The parts / actions and photos of the written records, each as the file has it; what a
    record here has and the file does not is deleted (children) or marked removed (photos)."""
    existing: dict[tuple[str, int], dict[str, object]] = {}
    for kind in KINDS.values():
        ids = [row.id for k, row, _p, new in filled if k is kind and not new]  # type: ignore[attr-defined]
        fk = getattr(kind.child_table, kind.child_fk)
        for start in range(0, len(ids), CHUNK):
            for child in session.exec(select(kind.child_table).where(fk.in_(ids[start : start + CHUNK]))):  # fmt: skip
                existing.setdefault((kind.entity, getattr(child, kind.child_fk)), {})[child.uuid] = child  # type: ignore[attr-defined]  # fmt: skip
    for kind, row, parsed, _new in filled:
        wanted = {str(c["uuid"]) for c in parsed.children}
        for uuid, child in existing.get((kind.entity, row.id), {}).items():  # type: ignore[attr-defined]
            if uuid not in wanted:
                session.delete(child)
    session.flush()  # the children gone first: a uuid may move from one record to another
    by_record: dict[tuple[str, str], dict[str, Attachment]] = {}
    uuids = [row.uuid for _k, row, _p, _n in filled]  # type: ignore[attr-defined]
    for start in range(0, len(uuids), CHUNK):
        for attachment in session.exec(select(Attachment).where(col(Attachment.entity_uuid).in_(uuids[start : start + CHUNK]))):  # fmt: skip
            by_record.setdefault((attachment.entity, attachment.entity_uuid), {})[attachment.uuid] = attachment  # fmt: skip
    by_uuid = by(session, Attachment, "uuid", (p["uuid"] for _k, _r, parsed, _n in filled for p in parsed.photos))  # fmt: skip
    new_children: dict[type[SQLModel], list[dict[str, object]]] = {}
    new_photos: list[Attachment] = []
    for kind, row, parsed, _new in filled:
        fk = kind.child_fk
        children = existing.get((kind.entity, row.id), {})  # type: ignore[attr-defined]
        for values in parsed.children:
            child = children.get(str(values["uuid"]))
            if child is None:  # plain values: a model each, only to insert it, cost more
                new_children.setdefault(kind.child_table, []).append(new_values(kind.child_table, {fk: row.id, **values}))  # type: ignore[attr-defined]  # fmt: skip
                continue
            for key, value in values.items():
                setattr(child, key, value)
            session.add(child)
        photos = by_record.get((kind.entity, row.uuid), {})  # type: ignore[attr-defined]
        wanted = {str(p["uuid"]) for p in parsed.photos}
        for uuid, attachment in photos.items():
            if uuid not in wanted and not attachment.removed:
                attachment.removed = True
                session.add(attachment)
        for photo in parsed.photos:
            attachment = photos.get(photo["uuid"]) or by_uuid.get(photo["uuid"])
            if attachment is None:
                attachment = Attachment(uuid=photo["uuid"], entity=kind.entity, entity_uuid=row.uuid)  # type: ignore[attr-defined]  # fmt: skip
                by_uuid[attachment.uuid] = attachment
                new_photos.append(attachment)
            attachment.entity, attachment.entity_uuid = kind.entity, row.uuid  # type: ignore[attr-defined]
            attachment.file_name = str(photo["file_name"])[:255]
            attachment.stored_name = stored[photo["sha256"]]
            attachment.size = photo["size"]
            attachment.sha256 = photo["sha256"]
            attachment.caption = str(photo["caption"])[:200]
            attachment.added_by = str(photo["added_by"])[:100]
            attachment.removed = False
            if attachment.id is not None:
                session.add(attachment)
    session.flush()
    for table, rows in new_children.items():
        insert_values(session, table, rows)
    insert_rows(session, new_photos)
