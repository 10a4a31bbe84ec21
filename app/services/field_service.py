"""Field service reports 现场服务报告 (Q/JL081304-C): write, change, delete, read.

Rules (SPEC §2.5; seeds 001, 003, 004): numbers FW[-MACHINE]-YYYY-NNNN per machine prefix and
year (app/services/machine.py), so a laptop's numbers never collide with the office's; the
number of a deleted report is never given again. The customer must exist; arrival is required,
departure after arrival, neither beyond today; the request date not after the arrival; rating
1–5; costs ≥ 0; a part needs a number or a name and a quantity > 0. Every change goes to the
audit trail (entity "service_report"); a deletion keeps every value in the trail and leaves a
SyncTombstone so the next sync tells the other machine. Photos are attachments of the report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from app.models import (
    Attachment,
    Complaint,
    ComplaintStatus,
    Customer,
    ServicePart,
    ServiceReport,
    SyncTombstone,
)
from app.models.common import utcnow
from app.services import attachment_service, audit_service, conflicts, machine, numbering
from app.services.customer_service import choices_text
from app.services.field_data import (
    SERVICE_RESULT_LABELS,
    AttachmentData,
    LinkedComplaintRef,
    PartData,
    ServiceReportData,
    join_names,
    split_names,
)
from app.services.rows import rows_by_id
from app.services.validation import FieldError, ValidationError, check_length

ENTITY = "service_report"
EARLIEST = date(2000, 1, 1)

FIELDS = (
    "customer_id", "site_address", "complaint_id", "requested_on", "engineers", "arrived_at",
    "departed_at", "product_model", "serial_no", "problem_found", "work_done", "result",
    "customer_opinion", "customer_rating", "customer_signatory", "travel_cost", "labour_cost",
    "notes",
)  # fmt: skip
PART_FIELDS = ("part_no", "name", "quantity", "charged")
_LIMITS = {
    "site_address": 300, "engineers": 200, "product_model": 100, "serial_no": 100,
    "problem_found": 4000, "work_done": 4000, "customer_opinion": 2000, "customer_signatory": 60,
    "notes": 2000,
}  # fmt: skip
_PART_LIMITS = {"part_no": 60, "name": 100}
MAX_PARTS = 200
MAX_QUANTITY = 1_000_000
MAX_COST = 100_000_000


# ---------------------------------------------------------------- validation


def _aware(value: datetime | None) -> datetime | None:
    """A time typed without a zone is the PC's local time."""
    if value is None:
        return None
    return value.astimezone() if value.tzinfo is None else value


def local_day(value: datetime) -> date:
    return _aware(value).astimezone().date()  # type: ignore[union-attr]


def hours_on_site(arrived_at: datetime | None, departed_at: datetime | None) -> float:
    """Departure − arrival in hours; 0 while either is missing."""
    if arrived_at is None or departed_at is None:
        return 0.0
    seconds = (_aware(departed_at) - _aware(arrived_at)).total_seconds()  # type: ignore[operator]
    return max(seconds, 0) / 3600


def normalize(data: ServiceReportData) -> ServiceReportData:
    """Trim text, one engineer per line, local zone for bare times; drop empty new parts."""
    for name in FIELDS:
        value = getattr(data, name)
        if isinstance(value, str):
            setattr(data, name, value.strip())
    data.engineers = join_names(split_names(data.engineers))
    data.result = data.result or "solved"
    data.arrived_at, data.departed_at = _aware(data.arrived_at), _aware(data.departed_at)
    data.travel_cost = 0 if data.travel_cost is None else data.travel_cost
    data.labour_cost = 0 if data.labour_cost is None else data.labour_cost
    for part in data.parts:
        part.part_no, part.name = part.part_no.strip(), part.name.strip()
    data.parts = [p for p in data.parts if p.id or p.part_no or p.name]
    return data


def validate(data: ServiceReportData, today: date | None = None) -> None:
    """Raise ValidationError with one message per bad field; data must be normalized."""
    today = today or date.today()
    errors: dict[str, FieldError] = {}

    def put(path: str, error: FieldError | None) -> None:
        if error and path not in errors:
            errors[path] = error

    if data.customer_id is None:
        put("customer_id", FieldError("required"))
    if not data.engineers:
        put("engineers", FieldError("required"))
    arrived = data.arrived_at
    if arrived is None:
        put("arrived_at", FieldError("required"))
    else:
        put("arrived_at", _check_day(local_day(arrived), today))
    if data.departed_at is not None:
        put("departed_at", _check_day(local_day(data.departed_at), today))
        if arrived is not None and data.departed_at <= arrived:
            put("departed_at", FieldError("departure_before_arrival"))
    if data.requested_on is not None:
        put("requested_on", _check_day(data.requested_on, today))
        if arrived is not None and data.requested_on > local_day(arrived):
            put("requested_on", FieldError("requested_after_arrival"))
    if data.result not in SERVICE_RESULT_LABELS:
        put("result", FieldError("choice", {"value": data.result, "allowed": choices_text(SERVICE_RESULT_LABELS)}))  # fmt: skip
    if data.customer_rating is not None and not 1 <= data.customer_rating <= 5:
        put("customer_rating", FieldError("range", {"min": 1, "max": 5}))
    for name in ("travel_cost", "labour_cost"):
        value = getattr(data, name)
        if value < 0:
            put(name, FieldError("negative"))
        elif value > MAX_COST:
            put(name, FieldError("too_large", {"max": MAX_COST}))
    for name, limit in _LIMITS.items():
        put(name, check_length(getattr(data, name), limit))
    if len(data.parts) > MAX_PARTS:
        put("parts", FieldError("too_many_parts", {"max": MAX_PARTS}))
    for i, part in enumerate(data.parts):
        at = f"parts[{i}]."
        if not part.part_no and not part.name:
            put(at + "name", FieldError("part_name_required"))
        for name, limit in _PART_LIMITS.items():
            put(at + name, check_length(getattr(part, name), limit))
        if part.quantity is None:
            put(at + "quantity", FieldError("required"))
        elif part.quantity <= 0:
            put(at + "quantity", FieldError("not_positive"))
        elif part.quantity > MAX_QUANTITY:
            put(at + "quantity", FieldError("too_large", {"max": MAX_QUANTITY}))
    if errors:
        raise ValidationError(errors)


def _check_day(value: date, today: date) -> FieldError | None:
    if value > today:
        return FieldError("date_future")
    if value < EARLIEST:
        return FieldError("date_too_old", {"min": EARLIEST.isoformat()})
    return None


def _check_references(session: Session, data: ServiceReportData) -> None:
    if data.customer_id is not None and session.get(Customer, data.customer_id) is None:
        raise ValidationError({"customer_id": FieldError("customer_unknown")})
    if data.complaint_id is not None:
        complaint = session.get(Complaint, data.complaint_id)
        if complaint is None:
            raise ValidationError({"complaint_id": FieldError("complaint_unknown")})
        if complaint.customer_id != data.customer_id:
            raise ValidationError(
                {
                    "complaint_id": FieldError(
                        "complaint_other_customer", {"number": complaint.number}
                    )
                }
            )


def check(engine: Engine, data: ServiceReportData, today: date | None = None) -> None:
    """Validate as saving would, without saving."""
    data = normalize(data)
    validate(data, today)
    with Session(engine) as session:
        _check_references(session, data)


# ---------------------------------------------------------------- the form's helpers


def blank_report(engine: Engine, customer_id: int | None = None) -> ServiceReportData:
    """A new report; with a customer, its code, name and address (the site) filled in."""
    data = ServiceReportData(customer_id=customer_id)
    if customer_id is not None:
        with Session(engine) as session:
            customer = session.get(Customer, customer_id)
            if customer is not None:
                data.site_address = customer.address
                data.customer_code, data.customer_name = customer.code, customer.name
    return data


def complaint_choices(
    engine: Engine, customer_id: int, text: str = "", limit: int = 50
) -> list[LinkedComplaintRef]:
    """The customer's tickets a report may be linked to, newest first."""
    query = (
        select(Complaint)
        .where(Complaint.customer_id == customer_id)
        .where(Complaint.status != ComplaintStatus.CANCELLED.value)
        .order_by(col(Complaint.received_at).desc())
        .limit(limit)
    )
    if text.strip():
        query = query.where(col(Complaint.number).icontains(text.strip(), autoescape=True))
    with Session(engine) as session:
        return [
            LinkedComplaintRef(c.id, c.number, c.status, c.description) for c in session.exec(query)
        ]


# ---------------------------------------------------------------- snapshots for the trail


def flat(data: ServiceReportData) -> dict[str, object]:
    """The report's values as the audit trail (and the sync's content hash) see them."""
    values: dict[str, object] = {name: getattr(data, name) for name in FIELDS}
    for name in ("arrived_at", "departed_at"):
        if values[name] is not None:
            values[name] = _aware(values[name]).astimezone()  # type: ignore[union-attr]
    values["travel_cost"] = float(data.travel_cost or 0)
    values["labour_cost"] = float(data.labour_cost or 0)
    if data.complaint is not None:
        values["complaint_id"] = data.complaint.number
    for i, part in enumerate(data.parts):
        for name in PART_FIELDS:
            value = getattr(part, name)
            values[f"parts[{i + 1}].{name}"] = float(value) if name == "quantity" else value
    return values


# ---------------------------------------------------------------- reading


def _load_many(session: Session, reports: Sequence[ServiceReport]) -> list[ServiceReportData]:
    ids = [r.id for r in reports]
    parts: dict[int, list[ServicePart]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        query = (
            select(ServicePart)
            .where(col(ServicePart.report_id).in_(ids[start : start + 500]))
            .order_by(ServicePart.position, ServicePart.id)
        )
        for part in session.exec(query):
            parts[part.report_id].append(part)
    uuids = [r.uuid for r in reports]
    photos: dict[str, list[AttachmentData]] = {u: [] for u in uuids}
    for start in range(0, len(uuids), 500):
        query = (
            select(Attachment)
            .where(Attachment.entity == ENTITY)
            .where(col(Attachment.entity_uuid).in_(uuids[start : start + 500]))
            .where(col(Attachment.removed).is_(False))
            .order_by(Attachment.id)
        )
        for row in session.exec(query):
            photos[row.entity_uuid].append(attachment_service.to_data(row))
    customers = rows_by_id(session, Customer, {r.customer_id for r in reports})
    complaints = rows_by_id(session, Complaint, {r.complaint_id for r in reports if r.complaint_id})
    result = []
    for r in reports:
        data = ServiceReportData(**{name: getattr(r, name) for name in FIELDS})
        data.arrived_at, data.departed_at = _aware(r.arrived_at), _aware(r.departed_at)
        for name in ("number", "prefix", "origin", "id", "uuid", "created_at", "updated_at"):
            setattr(data, name, getattr(r, name))
        data.version = r.version
        if customer := customers.get(r.customer_id):
            data.customer_code, data.customer_name = customer.code, customer.name
        if complaint := complaints.get(r.complaint_id):
            data.complaint = LinkedComplaintRef(
                complaint.id, complaint.number, complaint.status, complaint.description
            )
        data.parts = [
            PartData(p.part_no, p.name, p.quantity, p.charged, p.id, p.uuid) for p in parts[r.id]
        ]
        data.attachments = photos[r.uuid]
        result.append(data)
    return result


def get(engine: Engine, report_id: int) -> ServiceReportData | None:
    with Session(engine) as session:
        report = session.get(ServiceReport, report_id)
        return _load_many(session, [report])[0] if report else None


def get_by_number(engine: Engine, number: str) -> ServiceReportData | None:
    with Session(engine) as session:
        report = session.exec(
            select(ServiceReport).where(func.upper(ServiceReport.number) == number.strip().upper())
        ).first()
        return _load_many(session, [report])[0] if report else None


def get_by_uuid(engine: Engine, uuid: str) -> ServiceReportData | None:
    with Session(engine) as session:
        report = session.exec(select(ServiceReport).where(ServiceReport.uuid == uuid)).first()
        return _load_many(session, [report])[0] if report else None


def get_many(engine: Engine, ids: Sequence[int]) -> list[ServiceReportData]:
    """Whole reports in the order of ids (for exports and the monthly report)."""
    result: list[ServiceReportData] = []
    with Session(engine) as session:
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            by_id = {
                r.id: r
                for r in session.exec(select(ServiceReport).where(col(ServiceReport.id).in_(chunk)))
            }
            result.extend(_load_many(session, [by_id[i] for i in chunk if i in by_id]))
    return result


def history(engine: Engine, data: ServiceReportData) -> list[audit_service.AuditRow]:
    """The report's trail (photos included), newest first."""
    return audit_service.history(engine, ENTITY, data.uuid or "")


def count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(ServiceReport)).one()


# ---------------------------------------------------------------- numbers


def next_seq(session: Session, table, entity: str, prefix: str, year: int) -> int:  # noqa: ANN001
    """The next number of a prefix and year; numbers of deleted records are not given again."""
    seq = numbering.next_seq(session, table, prefix, year)
    start = f"{prefix}-{year}-"
    labels = session.exec(
        select(SyncTombstone.label)
        .where(SyncTombstone.entity == entity)
        .where(col(SyncTombstone.label).startswith(start, autoescape=True))
    )
    for label in labels:
        rest = label[len(start) :]
        if rest.isdigit():
            seq = max(seq, int(rest) + 1)
    return seq


# ---------------------------------------------------------------- writing


def _write_parts(session: Session, report_id: int, parts: Sequence[PartData]) -> None:
    """Parts keep their row (and uuid) across edits; removed ones are deleted."""
    stored = {
        p.id: p for p in session.exec(select(ServicePart).where(ServicePart.report_id == report_id))
    }
    kept: set[int] = set()
    for position, part in enumerate(parts):
        row = stored.get(part.id) if part.id is not None else None
        if row is None:
            row = ServicePart(report_id=report_id)
        else:
            kept.add(row.id)
            row.updated_at = utcnow()
        row.position = position
        row.part_no, row.name = part.part_no, part.name
        row.quantity, row.charged = float(part.quantity or 0), bool(part.charged)
        session.add(row)
        session.flush()
        part.id, part.uuid = row.id, row.uuid
    for part_id, row in stored.items():
        if part_id not in kept:
            session.delete(row)


def _linked(session: Session, complaint_id: int | None) -> LinkedComplaintRef | None:
    c = session.get(Complaint, complaint_id) if complaint_id is not None else None
    return LinkedComplaintRef(c.id, c.number, c.status, c.description) if c else None


def creation_changes(
    number: str, data: ServiceReportData
) -> list[tuple[str, str | None, str | None]]:
    """The trail's entries for a service report as it is written: each field that has a value,
    its parts included."""
    return audit_service.diff({}, {"number": number, **flat(data)})


def create(
    engine: Engine, data: ServiceReportData, user: str, *, today: date | None = None
) -> ServiceReportData:
    """Validate and store a new report with this machine's next number of the arrival year."""
    data = normalize(data)
    data.id = None
    validate(data, today)
    here = machine.get_machine(engine)
    prefix = machine.prefix_for(engine, machine.SERVICE_PREFIX)  # prefix set, machine code
    year = local_day(data.arrived_at).year  # type: ignore[arg-type]
    with Session(engine) as session:
        _check_references(session, data)
        seq = next_seq(session, ServiceReport, ENTITY, prefix, year)
        r = ServiceReport(
            **{name: getattr(data, name) for name in FIELDS},
            number=machine.format_number(prefix, year, seq),
            prefix=prefix,
            year=year,
            seq=seq,
            origin=here.id,
        )
        session.add(r)
        session.flush()
        _write_parts(session, r.id, data.parts)
        data.complaint = _linked(session, data.complaint_id)
        audit_service.record(
            session,
            entity=ENTITY,
            entity_uuid=r.uuid,
            label=r.number,
            action="create",
            changes=creation_changes(r.number, data),
            user=user,
        )
        session.commit()
        report_id = r.id
    return get(engine, report_id)  # type: ignore[return-value]


def update(
    engine: Engine, data: ServiceReportData, user: str, *, today: date | None = None
) -> ServiceReportData:
    """Validate and store changes; each changed value goes to the trail. The number stays.

    data.version is the version the form loaded: RecordConflict when someone saved in between.
    """
    if data.id is None:
        raise ValueError("update needs a stored report")
    data = normalize(data)
    before = get(engine, data.id)
    if before is None:
        raise ValidationError(
            {"number": FieldError("service_report_not_found", {"number": data.number})}
        )
    validate(data, today)
    with Session(engine) as session:
        _check_references(session, data)
        r = session.get(ServiceReport, data.id)
        data.number = r.number
        data.complaint = _linked(session, data.complaint_id)
        _write_parts(session, r.id, data.parts)
        changes = audit_service.diff(flat(before), flat(data))
        if not changes:
            session.rollback()
            return before
        r.version = conflicts.claim(
            session, ServiceReport, r.id, data.version, entity=ENTITY, label=r.number,
            loaded_at=data.updated_at,
        )  # fmt: skip
        for name in FIELDS:
            setattr(r, name, getattr(data, name))
        conflicts.trail(session, r, entity=ENTITY, label=r.number, changes=changes, user=user)
        session.commit()
    return get(engine, data.id)  # type: ignore[return-value]


def delete(engine: Engine, report_id: int, user: str, *, reason: str = "") -> None:
    """Delete a report written in error: every value stays in the trail, and a tombstone
    tells the next sync. Its photos stay in the attachments folder; its number is not reused."""
    data = get(engine, report_id)
    if data is None:
        raise ValueError(f"no service report {report_id}")
    with Session(engine) as session:
        changes = audit_service.diff({"number": data.number, **flat(data)}, {})
        for i, photo in enumerate(data.attachments):
            changes.append((f"attachments[{i + 1}]", photo.file_name, None))
        if reason.strip():
            changes.append(("delete_reason", None, reason.strip()))
        for part in session.exec(select(ServicePart).where(ServicePart.report_id == report_id)):
            session.delete(part)
        session.flush()
        session.delete(session.get(ServiceReport, report_id))
        tombstone = session.exec(
            select(SyncTombstone).where(
                SyncTombstone.entity == ENTITY, SyncTombstone.uuid == data.uuid
            )
        ).first() or SyncTombstone(entity=ENTITY, uuid=data.uuid or "", deleted_at=utcnow())
        tombstone.label, tombstone.deleted_at = data.number, utcnow()
        session.add(tombstone)
        audit_service.record(
            session,
            entity=ENTITY,
            entity_uuid=data.uuid or "",
            label=data.number,
            action="delete",
            changes=changes,
            user=user,
        )
        session.commit()


# ---------------------------------------------------------------- photos


def add_photo(
    engine: Engine, report_id: int, source: Path, user: str, caption: str = ""
) -> AttachmentData:
    """Attach a photo (or any file) to the report; the trail says who added it."""
    with Session(engine) as session:
        r = session.get(ServiceReport, report_id)
        if r is None:
            raise ValueError(f"no service report {report_id}")
        uuid, number = r.uuid, r.number
    return attachment_service.add(
        engine, entity=ENTITY, entity_uuid=uuid, label=number, source=source, user=user,
        caption=caption,
    )  # fmt: skip


def photo_bytes(engine: Engine, data: ServiceReportData) -> dict[str, bytes]:
    """The report's images by stored name, as its PDF prints them."""
    photos: dict[str, bytes] = {}
    for attachment in data.attachments:
        if attachment.is_image:
            content = attachment_service.read_bytes(engine, attachment)
            if content is not None:
                photos[attachment.stored_name] = content
    return photos


def remove_photo(engine: Engine, report_id: int, attachment_id: int, user: str) -> None:
    with Session(engine) as session:
        r = session.get(ServiceReport, report_id)
        row = session.get(Attachment, attachment_id)
        if r is None or row is None or row.entity != ENTITY or row.entity_uuid != r.uuid:
            raise ValueError(f"no photo {attachment_id} on service report {report_id}")
        number = r.number
    attachment_service.remove(engine, attachment_id, label=number, user=user)


def list_reports(
    engine: Engine, progress: Callable[[int, int], None] | None = None
) -> list[ServiceReportData]:
    """Every report, oldest number first (for exports)."""
    with Session(engine) as session:
        ids = list(
            session.exec(
                select(ServiceReport.id).order_by(
                    ServiceReport.prefix, ServiceReport.year, ServiceReport.seq
                )
            )
        )
    result = get_many(engine, ids)
    if progress:
        progress(len(result), len(ids))
    return result
