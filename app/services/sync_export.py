"""Files that leave a machine: the laptop's export for the office, the office's starter file.

export_for_office (laptop): every service and visit report whose content hash differs from
the one the office last got (SyncBase, peer = the office's machine id, known from the starter
file, else "office"), with its parts, actions and photos, plus tombstones of the reports
deleted since; SyncBase is brought up to date only once the file is written.

make_starter (office): customers with contacts, products and volumes, and the complaints not
closed or cancelled, as references, the machine code the laptop is to use and the office's
number prefixes (Settings → Numbering).
import_starter (laptop): adds and updates those references by uuid (reports written on the
laptop are never touched), sets the machine code and the prefixes and remembers the office's
id; one transaction after a verified backup, every change in the audit trail (action "sync").
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import Session, SQLModel, select

from app.models import (
    Attachment,
    Complaint,
    Customer,
    CustomerAnnualVolume,
    CustomerContact,
    CustomerProduct,
    Setting,
    SyncBase,
    SyncTombstone,
)
from app.models.complaint import ComplaintStatus
from app.services import audit_service, backup_service, machine, number_prefixes
from app.services.attachment_service import read_stored
from app.services.sync_format import KIND_EXPORT, KIND_STARTER, SyncFileError, read, refuse, write
from app.services.sync_records import KINDS, fields_from, local_rows, record_hash, row_fields
from app.services.sync_records import serialize as serialize_record
from app.services.validation import FieldError

OFFICE_KEY = "sync_office"  # on a laptop: {"id", "code"} of the office that gave the starter
DEFAULT_OFFICE = "office"  # the office's id until a starter file told it
_CUSTOMER_CHILDREN = {
    "contacts": CustomerContact,
    "products": CustomerProduct,
    "volumes": CustomerAnnualVolume,
}
_COMPLAINT_SKIP = frozenset({"uuid", "customer_id", "origin_id", "root_id"})


@dataclass(frozen=True)
class ExportResult:
    path: Path
    counts: dict[str, int]  # entity -> records written
    tombstones: int
    photos: int


@dataclass(frozen=True)
class StarterResult:
    machine_code: str
    added: dict[str, int] = field(default_factory=dict)  # "customer" / "complaint" -> n
    updated: dict[str, int] = field(default_factory=dict)


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


# ---------------------------------------------------------------- office → laptop


def _open_complaints(session: Session) -> list[Complaint]:
    done = (ComplaintStatus.CLOSED.value, ComplaintStatus.CANCELLED.value)
    return list(
        session.exec(
            select(Complaint).where(Complaint.status.not_in(done)).order_by(Complaint.number)  # type: ignore[attr-defined]
        ).all()
    )


def make_starter(
    engine: Engine, path: str | Path, *, machine_code: str, user: str
) -> dict[str, int]:
    """The starter file for a laptop that is to number its records with machine_code."""
    code = machine.normalize_code(machine_code)
    if not code or machine.check_code(code) is not None:
        raise refuse("sync_machine_code", code=machine_code)
    me = machine.get_machine(engine)
    if code == me.code:
        raise refuse("sync_machine_code_own", code=code)
    with Session(engine) as session:
        customers = []
        for customer in session.exec(select(Customer).order_by(Customer.code)).all():
            item: dict[str, object] = {"uuid": customer.uuid, "fields": row_fields(customer, {"uuid"})}  # fmt: skip
            for key, table in _CUSTOMER_CHILDREN.items():
                children = session.exec(
                    select(table).where(table.customer_id == customer.id)  # type: ignore[attr-defined]
                ).all()
                item[key] = [row_fields(c, {"customer_id"}) for c in children]
            customers.append(item)
        by_id = {c.id: c.uuid for c in session.exec(select(Customer)).all()}
        complaints = [
            {
                "uuid": c.uuid,
                "customer": by_id[c.customer_id],
                "fields": row_fields(c, _COMPLAINT_SKIP),
            }
            for c in _open_complaints(session)
        ]
    records = {
        "customers": customers,
        "complaints": complaints,
        # the laptop numbers its reports with the office's prefixes and its own code
        "assign": {"machine_code": code, "prefixes": asdict(number_prefixes.load(engine))},
        "user": user,
    }
    write(
        Path(path),
        kind=KIND_STARTER,
        machine_id=me.id,
        machine_code=me.code,
        records=records,
        attachments={},
    )
    return {"customer": len(customers), "complaint": len(complaints)}


def _starter_contents(sync_file):  # noqa: ANN001, ANN202
    """The assigned code and number prefixes (None from a starter file made before the
    prefixes were set in Settings), customers and complaints, every value checked;
    malformed → refused."""
    records, name = sync_file.records, sync_file.path.name
    try:
        code = machine.normalize_code(records["assign"]["machine_code"])
        if not code or machine.check_code(code) is not None:
            raise ValueError("machine code")
        raw_prefixes = records["assign"].get("prefixes")
        prefixes = None if raw_prefixes is None else number_prefixes.from_raw(raw_prefixes)
        customers = []
        for item in records["customers"]:
            parsed = {"uuid": str(item["uuid"]), "fields": fields_from(Customer, item["fields"], {"uuid"})}  # fmt: skip
            for key, table in _CUSTOMER_CHILDREN.items():
                parsed[key] = [fields_from(table, c, {"customer_id"}) for c in item[key]]
            customers.append(parsed)
        complaints = [
            {
                "uuid": str(item["uuid"]),
                "customer": str(item["customer"]),
                "fields": fields_from(Complaint, item["fields"], _COMPLAINT_SKIP),
            }
            for item in records["complaints"]
        ]
    except (KeyError, TypeError, ValueError) as exc:
        raise refuse("sync_malformed", path=name, reason=str(exc)[:80]) from exc
    return code, prefixes, customers, complaints


def _changes(row: SQLModel | None, values: dict[str, object]) -> list:
    old = {k: getattr(row, k) for k in values} if row is not None else {}
    return audit_service.diff(old, values)


def _apply_values(row: SQLModel, values: dict[str, object]) -> None:
    for key, value in values.items():
        setattr(row, key, value)


def _sync_children(session: Session, table: type[SQLModel], parent_id: int, items: list[dict]) -> list:  # fmt: skip
    """Make the customer's contacts/products/volumes those of the file; the changes as text."""
    existing = {
        c.uuid: c
        for c in session.exec(select(table).where(table.customer_id == parent_id)).all()  # type: ignore[attr-defined]
    }
    wanted = {str(item["uuid"]) for item in items}
    changes = []
    for uuid, child in existing.items():
        if uuid not in wanted:
            changes.append((table.__tablename__, audit_service.as_text(uuid), None))  # type: ignore[attr-defined]
            session.delete(child)
    session.flush()  # a volume's (customer, year) is free again before it comes back
    for item in items:
        child = existing.get(str(item["uuid"]))
        if child is None:
            child = table(customer_id=parent_id, **item)
            changes.append((table.__tablename__, None, str(item["uuid"])))  # type: ignore[attr-defined]
        elif _changes(child, item):
            changes += [(f"{table.__tablename__}.{k}", o, n) for k, o, n in _changes(child, item)]  # type: ignore[attr-defined]
        _apply_values(child, item)
        session.add(child)
    return changes


def import_starter(engine: Engine, path: str | Path, user: str) -> StarterResult:
    """Take the office's customers and open complaints; set the code; remember the office."""
    sync_file = read(path)
    name = sync_file.path.name
    me = machine.get_machine(engine)
    if sync_file.manifest.kind != KIND_STARTER:
        raise refuse("sync_export_not_starter", path=name)
    if sync_file.manifest.machine_id == me.id:
        raise refuse("sync_own_file", path=name)
    code, prefixes, customers, complaints = _starter_contents(sync_file)
    _backup(engine)
    added = {"customer": 0, "complaint": 0}
    updated = {"customer": 0, "complaint": 0}
    with Session(engine) as session:
        ids: dict[str, int] = {c.uuid: c.id for c in session.exec(select(Customer)).all()}  # type: ignore[misc]
        for item in customers:
            values = item["fields"]
            row = session.exec(select(Customer).where(Customer.uuid == item["uuid"])).first()
            clash = session.exec(
                select(Customer).where(func.lower(Customer.code) == str(values["code"]).lower())
            ).first()
            if clash is not None and clash.uuid != item["uuid"]:
                raise refuse("sync_code_taken", code=values["code"], name=clash.name)
            changes = _changes(row, values)
            bucket = added if row is None else updated
            if row is None:
                row = Customer(uuid=item["uuid"], **values)
            _apply_values(row, values)
            session.add(row)
            session.flush()
            ids[row.uuid] = row.id  # type: ignore[assignment]
            for key, table in _CUSTOMER_CHILDREN.items():
                changes += _sync_children(session, table, row.id, item[key])  # type: ignore[arg-type]
            if changes:
                bucket["customer"] += 1
                audit_service.record(
                    session, entity="customer", entity_uuid=row.uuid, label=row.code,
                    action="sync", changes=changes, user=user,
                )  # fmt: skip
        for item in complaints:
            values = item["fields"]
            customer_id = ids.get(item["customer"])
            if customer_id is None:
                raise refuse("sync_malformed", path=name, reason=f"customer {item['customer']}")
            values = {**values, "customer_id": customer_id}
            row = session.exec(select(Complaint).where(Complaint.uuid == item["uuid"])).first()
            clash = session.exec(select(Complaint).where(Complaint.number == values["number"])).first()  # fmt: skip
            if clash is not None and clash.uuid != item["uuid"]:
                raise refuse("sync_number_taken", number=values["number"], machine=sync_file.manifest.machine_code or "office")  # fmt: skip
            changes = _changes(row, values)
            if not changes:
                continue
            bucket = updated if row is not None else added
            bucket["complaint"] += 1
            if row is None:
                row = Complaint(uuid=item["uuid"], **values)
            _apply_values(row, values)
            session.add(row)
            audit_service.record(
                session, entity="complaint", entity_uuid=row.uuid, label=row.number,
                action="sync", changes=changes, user=user,
            )  # fmt: skip
        _set_machine(session, me, code, user)
        if prefixes is not None:
            number_prefixes.store_in(session, prefixes, user, action="sync")
        office = {"id": sync_file.manifest.machine_id, "code": sync_file.manifest.machine_code}
        setting = session.get(Setting, OFFICE_KEY) or Setting(key=OFFICE_KEY, value="")
        setting.value = json.dumps(office)
        session.add(setting)
        session.commit()
    return StarterResult(code, added, updated)


def _set_machine(session: Session, me: machine.Machine, code: str, user: str) -> None:
    if me.code == code:
        return
    row = session.get(Setting, "machine") or Setting(key="machine", value="")
    row.value = json.dumps({"id": me.id, "code": code})
    session.add(row)
    audit_service.record(
        session, entity="setting", entity_uuid="machine", label="machine", action="sync",
        changes=[("code", me.code or None, code)], user=user,
    )  # fmt: skip


def _backup(engine: Engine) -> None:
    """A verified backup "before-sync" before anything is written; no backup, no import."""
    try:
        backup_service.backup_before(engine, "sync")
    except backup_service.DatabaseError as exc:
        raise SyncFileError(FieldError("sync_no_backup", {"reason": exc})) from exc
