"""The office's starter file for a laptop: made at the office, taken on the laptop.

make_starter (office): customers with contacts, products and volumes, and the complaints not
closed or cancelled, as references, the machine code the laptop is to use and the office's
number prefixes (Settings → Numbering).
import_starter (laptop): adds and updates those references by uuid (reports written on the
laptop are never touched), sets the machine code and the prefixes and remembers the office's
id; one transaction after a verified backup, every change in the audit trail (action "sync"),
every changed customer and complaint's version raised so that a form open on it cannot
overwrite what came.

Both read and write a table at a time (thousands of customers and open complaints at a big
plant), not a record at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import Engine, Table, delete, select, update
from sqlmodel import Session, SQLModel

from app.models import (
    Complaint,
    Customer,
    CustomerAnnualVolume,
    CustomerContact,
    CustomerProduct,
    Setting,
)
from app.models.common import utcnow
from app.models.complaint import ComplaintStatus
from app.services import audit_service, backup_service, machine, number_prefixes, wal_checkpoint
from app.services.bulk_rows import CHUNK, ids_by_uuid, insert_values, new_values, plain_by
from app.services.sync_export import OFFICE_KEY
from app.services.sync_format import KIND_STARTER, Manifest, SyncFileError, read, refuse, write
from app.services.sync_records import fields_from, fields_of
from app.services.validation import FieldError

_CUSTOMER_CHILDREN: dict[str, type[SQLModel]] = {
    "contacts": CustomerContact,
    "products": CustomerProduct,
    "volumes": CustomerAnnualVolume,
}
_COMPLAINT_SKIP = frozenset({"uuid", "customer_id", "origin_id", "root_id"})
_TRAIL_CHUNK = 1000  # trail entries per statement: a starter's 100,000 at once took ~200 MB


@dataclass(frozen=True)
class StarterResult:
    machine_code: str
    added: dict[str, int] = field(default_factory=dict)  # "customer" / "complaint" -> n
    updated: dict[str, int] = field(default_factory=dict)


def _table(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined, return-value]


# ---------------------------------------------------------------- office: making it


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
        customers, uuid_of = _starter_customers(session)
        complaints = _starter_complaints(session, uuid_of)
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


def _starter_customers(session: Session) -> tuple[list[dict], dict[int, str]]:
    """Every customer with its children, in code order; and customer id -> uuid."""
    children: dict[tuple[str, int], list[dict]] = {}
    for key, model in _CUSTOMER_CHILDREN.items():
        table = _table(model)
        for row in session.execute(select(table).order_by(table.c.customer_id, table.c.id)):
            children.setdefault((key, row.customer_id), []).append(fields_of(model, row._mapping, {"customer_id"}))  # fmt: skip
    customers, uuid_of = [], {}
    table = _table(Customer)
    for row in session.execute(select(table).order_by(table.c.code)):
        item: dict[str, object] = {
            "uuid": row.uuid,
            "fields": fields_of(Customer, row._mapping, {"uuid"}),
        }
        for key in _CUSTOMER_CHILDREN:
            item[key] = children.get((key, row.id), [])
        customers.append(item)
        uuid_of[row.id] = row.uuid
    return customers, uuid_of


def _starter_complaints(session: Session, uuid_of: dict[int, str]) -> list[dict]:
    """The complaints not closed or cancelled, in number order, each naming its customer."""
    table = _table(Complaint)
    done = (ComplaintStatus.CLOSED.value, ComplaintStatus.CANCELLED.value)
    rows = session.execute(select(table).where(table.c.status.not_in(done)).order_by(table.c.number))  # fmt: skip
    return [
        {
            "uuid": row.uuid,
            "customer": uuid_of[row.customer_id],
            "fields": fields_of(Complaint, row._mapping, _COMPLAINT_SKIP),
        }
        for row in rows
    ]


# ---------------------------------------------------------------- laptop: taking it


def _starter_contents(sync_file):  # noqa: ANN001, ANN202
    """The assigned code and number prefixes (None from a starter file made before the
    prefixes were set in Settings), customers and complaints, every value checked;
    malformed (a value of the wrong type, a record twice) → refused."""
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
        _once_each("customer", (c["uuid"] for c in customers))
        _once_each("complaint", (c["uuid"] for c in complaints))
    except (KeyError, TypeError, ValueError) as exc:
        raise refuse("sync_malformed", path=name, reason=str(exc)[:80]) from exc
    return code, prefixes, customers, complaints


def _once_each(what: str, uuids: Iterable[str]) -> None:
    seen: set[str] = set()
    for uuid in uuids:
        if uuid in seen:
            raise ValueError(f"{what} {uuid} twice")
        seen.add(uuid)


def _changes(old: Mapping[str, object] | None, values: Mapping[str, object]) -> list:
    before = {k: old[k] for k in values} if old is not None else {}
    return audit_service.diff(before, values)


class _Writes:
    """What the import writes, gathered while the file is compared with what is here, then
    sent a table at a time: the children going first (a volume's (customer, year) is free
    again before it comes back), then the changes, then the new rows."""

    def __init__(self) -> None:
        self.deleted: dict[type[SQLModel], list[int]] = {}
        self.changed: list[tuple[type[SQLModel], int, dict[str, object]]] = []
        self.added: dict[type[SQLModel], list[dict[str, object]]] = {}
        self.added_children: list[tuple[type[SQLModel], str, dict[str, object]]] = []  # (model, customer uuid, values)  # fmt: skip
        self.parked: list[tuple[int, str]] = []

    def change(self, model: type[SQLModel], row_id: int, values: dict[str, object], bump: bool = False) -> None:  # fmt: skip
        if bump:  # a form open on the record must not overwrite the import (conflicts.bump)
            values = {**values, "version": _table(model).c.version + 1}
        self.changed.append((model, row_id, values))

    def park_code(self, customer_id: int, uuid: str) -> None:
        """A customer whose code changes first holds its own uuid (32 hex digits, no one's
        code), so that customers swapping codes at the office do not meet on the unique index."""
        self.parked.append((customer_id, uuid.replace("-", "")))

    def send(self, session: Session, customer_ids: dict[str, int]) -> None:
        table = _table(Customer)
        for customer_id, parked in self.parked:
            session.execute(update(table).where(table.c.id == customer_id).values(code=parked))
        for model, ids in self.deleted.items():
            table = _table(model)
            for start in range(0, len(ids), CHUNK):
                session.execute(delete(table).where(table.c.id.in_(ids[start : start + CHUNK])))
        for model, row_id, values in self.changed:
            table = _table(model)
            session.execute(update(table).where(table.c.id == row_id).values(**values))
        new_customers = self.added.pop(Customer, [])
        insert_values(session, Customer, new_customers)
        customer_ids.update(ids_by_uuid(session, Customer, [str(c["uuid"]) for c in new_customers]))  # fmt: skip
        for model, customer_uuid, values in self.added_children:
            self.added.setdefault(model, []).append(new_values(model, {**values, "customer_id": customer_ids[customer_uuid]}))  # fmt: skip
        for model, rows in self.added.items():
            insert_values(session, model, rows)


def _take_customers(session: Session, customers: list[dict], writes: _Writes, counts: StarterResult) -> tuple[list, dict[str, int]]:  # fmt: skip
    """Compare the file's customers with this laptop's; the trail's changes and uuid -> id.

    The file's codes are the office's, one customer each; a code is taken only by a customer
    of this laptop the file does not list (one entered here), or by a customer listed twice."""
    table = _table(Customer)
    here = {row.uuid: dict(row._mapping) for row in session.execute(select(table))}
    listed_uuids = {item["uuid"] for item in customers}
    holder_of_code = {
        str(row["code"]).lower(): row for uuid, row in here.items() if uuid not in listed_uuids
    }
    children: dict[tuple[str, int], dict[str, dict]] = {}
    for key, model in _CUSTOMER_CHILDREN.items():
        for row in session.execute(select(_table(model))):
            children.setdefault((key, row.customer_id), {})[row.uuid] = dict(row._mapping)
    listed = []
    for item in customers:
        uuid, values = item["uuid"], item["fields"]
        code = str(values["code"]).lower()
        if (holder := holder_of_code.get(code)) is not None:
            raise refuse("sync_code_taken", code=values["code"], name=holder["name"])
        holder_of_code[code] = values
        row = here.get(uuid)
        changes = _changes(row, values)
        field_changes = bool(changes)
        for key, model in _CUSTOMER_CHILDREN.items():
            stored = children.get((key, row["id"]), {}) if row is not None else {}
            changes += _take_children(model, stored, item[key], uuid, writes)
        if row is None:
            writes.added.setdefault(Customer, []).append(new_values(Customer, {"uuid": uuid, **values}))  # fmt: skip
        elif changes:
            if str(row["code"]).lower() != code:
                writes.park_code(row["id"], uuid)
            writes.change(Customer, row["id"], values if field_changes else {}, bump=True)
        if changes:
            (counts.added if row is None else counts.updated)["customer"] += 1
            listed.append(("customer", uuid, str(values["code"]), changes))
    ids = {uuid: row["id"] for uuid, row in here.items()}
    return listed, ids


def _take_children(model: type[SQLModel], stored: dict[str, dict], items: list[dict], customer_uuid: str, writes: _Writes) -> list:  # fmt: skip
    """Make a customer's contacts/products/volumes those of the file; the changes as text."""
    name = _table(model).name
    wanted = {str(item["uuid"]) for item in items}
    changes: list = []
    for uuid, child in stored.items():
        if uuid not in wanted:
            changes.append((name, audit_service.as_text(uuid), None))
            writes.deleted.setdefault(model, []).append(child["id"])
    for item in items:
        child = stored.get(str(item["uuid"]))
        if child is None:
            changes.append((name, None, str(item["uuid"])))
            writes.added_children.append((model, customer_uuid, item))
        elif differ := _changes(child, item):
            changes += [(f"{name}.{k}", o, n) for k, o, n in differ]
            writes.change(model, child["id"], item)
    return changes


def _take_complaints(session: Session, complaints: list[dict], customer_ids: dict[str, int], writes: _Writes, counts: StarterResult, name: str, manifest: Manifest) -> list:  # fmt: skip
    """Compare the file's complaints with this laptop's; the trail's changes.

    A number is taken only by a complaint of this laptop the file does not list, or by a
    complaint listed twice."""
    here = plain_by(session, Complaint, "uuid", (c["uuid"] for c in complaints))
    numbers = (str(c["fields"]["number"]) for c in complaints)
    holders = plain_by(session, Complaint, "number", numbers)
    taken = {number for number, row in holders.items() if row["uuid"] not in here}
    listed = []
    for item in complaints:
        uuid = item["uuid"]
        customer_id = customer_ids.get(item["customer"])
        if customer_id is None:
            raise refuse("sync_malformed", path=name, reason=f"customer {item['customer']}")  # fmt: skip
        values = {**item["fields"], "customer_id": customer_id}
        if values["number"] in taken:
            raise refuse("sync_number_taken", number=values["number"], machine=manifest.machine_code or "office")  # fmt: skip
        taken.add(values["number"])
        row = here.get(uuid)
        changes = _changes(row, values)
        if not changes:
            continue
        if row is None:
            writes.added.setdefault(Complaint, []).append(new_values(Complaint, {"uuid": uuid, **values}))  # fmt: skip
        else:
            writes.change(Complaint, row["id"], values, bump=True)
        (counts.added if row is None else counts.updated)["complaint"] += 1
        listed.append(("complaint", uuid, str(values["number"]), changes))
    return listed


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
    manifest = sync_file.manifest
    del sync_file  # its records as read from the file: every value is in the parsed copies
    _backup(engine)
    result = StarterResult(code, {"customer": 0, "complaint": 0}, {"customer": 0, "complaint": 0})

    # the office's customers and open tickets: the log's copy follows the commit on a worker
    with wal_checkpoint.large_write_session(engine) as session:
        writes = _Writes()
        listed, customer_ids = _take_customers(session, customers, writes, result)
        writes.send(session, customer_ids)  # the new customers' ids, for their complaints
        writes = _Writes()
        listed += _take_complaints(
            session, complaints, customer_ids, writes, result, name, manifest
        )
        writes.send(session, customer_ids)
        _append_trail(session, listed, user)
        _set_machine(session, me, code, user)
        if prefixes is not None:
            number_prefixes.store_in(session, prefixes, user, action="sync")
        office = {"id": manifest.machine_id, "code": manifest.machine_code}
        setting = session.get(Setting, OFFICE_KEY) or Setting(key=OFFICE_KEY, value="")
        setting.value = json.dumps(office)
        session.add(setting)
        session.commit()
    return result


def _append_trail(session: Session, listed: list, user: str) -> None:
    """The trail of every record taken, one chain, a thousand entries per statement (a new
    customer is an entry per field and per contact, product and volume: ~20 each)."""
    at, entries = utcnow(), []
    for entity, uuid, label, changes in listed:
        entries += audit_service.rows(
            entity=entity, entity_uuid=uuid, label=label, action="sync",
            changes=changes, user=user, at=at,
        )  # fmt: skip
        if len(entries) >= _TRAIL_CHUNK:
            audit_service.append(session, entries)
            entries = []
    audit_service.append(session, entries)


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
