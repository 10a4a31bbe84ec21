"""Returns 退货: book the receipt, record inspection and disposition per line, archive, cancel.

Rules (SPEC §2.3; seed 002 §7, §6.1.5, §6.2.4): numbers TH-YYYY-NNNN, gap-free per year; good +
defective = inspected ≤ returned; the disposition split (rework, scrap, return to customer,
accept as is, replace) equals the defective quantity; replacement with stock short flags urgent
production; a bulk periodic return 统退货 is never a complaint. Every change goes to the trail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time

from sqlalchemy import Engine, and_, column, func, or_, table, union_all
from sqlmodel import Session, col, select

from app.models import (
    Attachment,
    Complaint,
    ComplaintStatus,
    CorrectiveAction,
    Customer,
    ReturnLine,
    ReturnReceipt,
)
from app.models.common import utcnow
from app.models.returns import ReturnStatus
from app.services import (
    action_service,
    attachment_service,
    audit_service,
    complaint_service,
    conflicts,
    number_prefixes,
    numbering,
    text_search,
)
from app.services.complaint_data import ActionData, ComplaintData
from app.services.customer_service import choices_text
from app.services.list_query import QueryCancel, cancellable, sort_order
from app.services.return_data import (
    DISPOSITION_LABELS,
    LINE_RESPONSIBILITY_LABELS,
    REWORK_INSTRUCTION_LABELS,
    WARRANTY_LABELS,
    LinkedComplaint,
    ReturnData,
    ReturnFilter,
    ReturnLineData,
    ReturnRow,
)
from app.services.rows import rows_by_id
from app.services.validation import FieldError, RecordLocked, ValidationError, check_length

ENTITY = "return"
LINE_ENTITY = "return_line"  # photos are attached to a line
PREFIX = "TH"  # the default; Settings → Numbering sets the one new numbers take
EARLIEST = date(2000, 1, 1)

RECEIPT_FIELDS = (
    "customer_id", "received_on", "warehouse_receipt_no", "received_by", "complaint_id", "bulk",
    "notes", "analysis_result", "analysis_by", "analysis_on",
)  # fmt: skip
LINE_FIELDS = (
    "material_no", "material_name", "batch_no", "quantity", "customer_reason",
    "inspector", "inspected_on", "qty_inspected", "qty_good", "qty_defective", "defect_found",
    "defect_category", "responsibility", "explanation",
    "qty_rework", "rework_order_no", "rework_instruction", "rework_notes", "qty_scrap",
    "scrap_report_no", "qty_return", "qty_accept", "concession_by", "qty_replace", "stock_short",
    "warranty", "disposed_by", "disposed_on",
)  # fmt: skip
_RECEIPT_LIMITS = {
    "warehouse_receipt_no": 60, "received_by": 60, "notes": 2000, "analysis_result": 4000,
    "analysis_by": 60,
}  # fmt: skip
_LINE_LIMITS = {
    "material_no": 60, "material_name": 100, "batch_no": 60, "customer_reason": 1000,
    "inspector": 60, "defect_found": 2000, "defect_category": 60, "explanation": 2000,
    "rework_order_no": 60, "rework_notes": 2000, "scrap_report_no": 60, "concession_by": 60,
    "disposed_by": 60,
}  # fmt: skip
MAX_LINES = 500
MAX_QUANTITY = 10_000_000

SORT_KEYS = {
    "number": (ReturnReceipt.year, ReturnReceipt.seq, ReturnReceipt.number),
    "customer": (Customer.name,),
    "received": (ReturnReceipt.received_on,),
    "receipt_no": (ReturnReceipt.warehouse_receipt_no,),
    "items": (ReturnReceipt.items,),
    "qty_returned": (ReturnReceipt.qty_returned,),
    "qty_defective": (ReturnReceipt.qty_defective,),
    "responsibility": (ReturnReceipt.responsibility,),
    "status": (ReturnReceipt.status,),
    "bulk": (ReturnReceipt.bulk,),
    "urgent": (ReturnReceipt.urgent_production,),
    "complaint": (Complaint.number,),  # without a ticket: first going up (list_query.sort_order)
}


# ---------------------------------------------------------------- validation


def normalize(data: ReturnData) -> ReturnData:
    """Trim surrounding blanks; drop wholly empty new lines and action rows."""
    for name in RECEIPT_FIELDS:
        value = getattr(data, name)
        if isinstance(value, str):
            setattr(data, name, value.strip())
    for line in data.lines:
        for name in LINE_FIELDS:
            value = getattr(line, name)
            if isinstance(value, str):
                setattr(line, name, value.strip())
        for name in DISPOSITION_LABELS:
            if getattr(line, name) is None:
                setattr(line, name, 0)
    data.lines = [line for line in data.lines if line.id or not _blank(line)]
    data.actions = action_service.normalize(data.actions)
    return data


def _blank(line: ReturnLineData) -> bool:
    return (
        not any(getattr(line, name) not in (None, "", 0, False) for name in LINE_FIELDS)
        and not line.attachments
    )


def validate(data: ReturnData, today: date | None = None) -> None:
    """Raise ValidationError with one message per bad field; data must be normalized."""
    today = today or date.today()
    errors: dict[str, FieldError] = {}

    def put(path: str, error: FieldError | None) -> None:
        if error and path not in errors:
            errors[path] = error

    if data.customer_id is None:
        put("customer_id", FieldError("required"))
    received = data.received_on
    put("received_on", _check_day(received, None, today, required=True))
    for name, limit in _RECEIPT_LIMITS.items():
        put(name, check_length(getattr(data, name), limit))
    if data.analysis_on is not None:
        put("analysis_on", _check_day(data.analysis_on, received, today))
        if not data.analysis_result:
            put("analysis_result", FieldError("required"))
    if not data.lines:
        put("lines", FieldError("no_lines"))
    if len(data.lines) > MAX_LINES:
        put("lines", FieldError("too_many_lines", {"max": MAX_LINES}))
    for i, line in enumerate(data.lines):
        _validate_line(line, f"lines[{i}].", put, received, today)
    action_service.validate(data.actions, put, earliest=received, today=today)
    if errors:
        raise ValidationError(errors)


def _validate_line(
    line: ReturnLineData,
    at: str,
    put: Callable[[str, FieldError | None], None],
    received: date | None,
    today: date,
) -> None:
    if not line.material_no:
        put(at + "material_no", FieldError("required"))
    for name, limit in _LINE_LIMITS.items():
        put(at + name, check_length(getattr(line, name), limit))
    for name in ("quantity", "qty_inspected", "qty_good", "qty_defective", *DISPOSITION_LABELS):
        value = getattr(line, name)
        if value is not None and value < 0:
            put(at + name, FieldError("negative"))
        elif value is not None and value > MAX_QUANTITY:
            put(at + name, FieldError("too_large", {"max": MAX_QUANTITY}))
    if not line.quantity:
        put(at + "quantity", FieldError("required" if line.quantity is None else "not_positive"))
    for name, labels in (
        ("responsibility", LINE_RESPONSIBILITY_LABELS),
        ("warranty", WARRANTY_LABELS),
    ):
        if getattr(line, name) not in labels:
            put(at + name, FieldError("choice", {"value": getattr(line, name), "allowed": choices_text(labels)}))  # fmt: skip
    if line.rework_instruction and line.rework_instruction not in REWORK_INSTRUCTION_LABELS:
        put(at + "rework_instruction", FieldError("choice", {"value": line.rework_instruction, "allowed": choices_text(REWORK_INSTRUCTION_LABELS)}))  # fmt: skip

    # inspection: good + defective = inspected ≤ returned
    if line.inspected:
        put(at + "inspector", None if line.inspector else FieldError("required"))
        put(at + "inspected_on", _check_day(line.inspected_on, received, today, required=True))
        for name in ("qty_inspected", "qty_good", "qty_defective"):
            if getattr(line, name) is None:
                put(at + name, FieldError("required"))
        if line.qty_inspected is not None and line.quantity and line.qty_inspected > line.quantity:
            put(at + "qty_inspected", FieldError("more_than", {"other": _qty(line.quantity)}))
        if None not in (line.qty_inspected, line.qty_good, line.qty_defective):
            total = line.qty_good + line.qty_defective  # type: ignore[operator]
            if abs(total - line.qty_inspected) > 1e-9:  # type: ignore[operator]
                put(
                    at + "qty_defective",
                    FieldError(
                        "inspection_sum",
                        {
                            "good": _qty(line.qty_good),  # type: ignore[arg-type]
                            "defective": _qty(line.qty_defective),  # type: ignore[arg-type]
                            "sum": _qty(total),
                            "inspected": _qty(line.qty_inspected),  # type: ignore[arg-type]
                        },
                    ),
                )
        if line.qty_defective:
            put(at + "defect_found", None if line.defect_found else FieldError("required"))
            put(at + "defect_category", None if line.defect_category else FieldError("required"))
            if not line.responsibility:
                put(at + "responsibility", FieldError("required"))
    else:
        for name in ("inspector", "defect_found", "defect_category", "responsibility"):
            if getattr(line, name):
                put(at + "inspected_on", FieldError("required"))
        if line.qty_good is not None or line.qty_defective is not None:
            put(at + "qty_inspected", FieldError("required"))
    if line.responsibility == "not_ours" and not line.explanation:
        put(at + "explanation", FieldError("required"))

    # disposition: the split equals the defective quantity
    disposed = line.qty_disposed
    if disposed:
        if not line.inspected:
            put(at + "inspected_on", FieldError("inspect_first"))
        elif line.qty_defective is not None and abs(disposed - line.qty_defective) > 1e-9:
            put(
                at + "qty_rework",
                FieldError(
                    "disposition_sum",
                    {"sum": _qty(disposed), "defective": _qty(line.qty_defective)},
                ),
            )
        put(at + "disposed_on", _check_day(line.disposed_on, received, today, required=True))
        if line.inspected_on and line.disposed_on and line.disposed_on < line.inspected_on:
            put(at + "disposed_on", FieldError("before_inspection"))
    elif line.disposed_on is not None:
        put(at + "qty_rework", FieldError("disposition_missing"))
    if line.qty_rework:
        if not line.rework_instruction:
            put(at + "rework_instruction", FieldError("required"))
    elif line.rework_instruction or line.rework_order_no:
        put(at + "qty_rework", FieldError("needs_quantity"))
    if line.qty_accept and not line.concession_by:
        put(at + "concession_by", FieldError("required"))
    if line.stock_short and not line.qty_replace:
        put(at + "stock_short", FieldError("stock_short_needs_replace"))


def _check_day(
    value: date | None, earliest: date | None, today: date, *, required: bool = False
) -> FieldError | None:
    if value is None:
        return FieldError("required") if required else None
    if value > today:
        return FieldError("date_future")
    if value < EARLIEST:
        return FieldError("date_too_old", {"min": EARLIEST.isoformat()})
    if earliest and value < earliest:
        return FieldError("before_return_received")
    return None


def _qty(value: float) -> str:
    return f"{value:g}"


def check(engine: Engine, data: ReturnData) -> None:
    """Validate as saving would, without saving."""
    data = normalize(data)
    validate(data)
    with Session(engine) as session:
        _check_references(session, data)


def _check_references(session: Session, data: ReturnData) -> None:
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


# ---------------------------------------------------------------- snapshots for the trail


def _flat(data: ReturnData) -> dict[str, object]:
    flat: dict[str, object] = {name: getattr(data, name) for name in RECEIPT_FIELDS}
    if data.complaint is not None:
        flat["complaint_id"] = data.complaint.number
    for i, line in enumerate(data.lines):
        for name in LINE_FIELDS:
            flat[f"lines[{i + 1}].{name}"] = getattr(line, name)
    flat.update(action_service.flat(data.actions))
    return flat


# ---------------------------------------------------------------- reading


def _load_many(session: Session, receipts: Sequence[ReturnReceipt]) -> list[ReturnData]:
    """Whole returns with lines, photos and actions; a few queries whatever their number."""
    ids = [r.id for r in receipts]
    lines: dict[int, list[ReturnLine]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        query = (
            select(ReturnLine)
            .where(col(ReturnLine.return_id).in_(ids[start : start + 500]))
            .order_by(ReturnLine.position, ReturnLine.id)
        )
        for line in session.exec(query):
            lines[line.return_id].append(line)
    line_uuids = [line.uuid for group in lines.values() for line in group]
    photos: dict[str, list] = {u: [] for u in line_uuids}
    for start in range(0, len(line_uuids), 500):
        query = (
            select(Attachment)
            .where(Attachment.entity == LINE_ENTITY)
            .where(col(Attachment.entity_uuid).in_(line_uuids[start : start + 500]))
            .where(col(Attachment.removed).is_(False))
            .order_by(Attachment.id)
        )
        for row in session.exec(query):
            photos[row.entity_uuid].append(attachment_service.to_data(row))
    actions = action_service.load(session, "return_id", ids)
    customers = rows_by_id(session, Customer, {r.customer_id for r in receipts})
    complaints = rows_by_id(
        session, Complaint, {r.complaint_id for r in receipts if r.complaint_id}
    )

    result = []
    for r in receipts:
        data = ReturnData(**{name: getattr(r, name) for name in RECEIPT_FIELDS})
        for name in (
            "number", "status", "archived_on", "archived_by", "cancel_reason", "id", "uuid",
            "created_at", "updated_at", "version",
        ):  # fmt: skip
            setattr(data, name, getattr(r, name))
        if customer := customers.get(r.customer_id):
            data.customer_code, data.customer_name = customer.code, customer.name
        if complaint := complaints.get(r.complaint_id):
            data.complaint = LinkedComplaint(
                complaint.id, complaint.number, complaint.status, complaint.description
            )
        data.lines = [
            ReturnLineData(
                **{name: getattr(line, name) for name in LINE_FIELDS},
                attachments=photos[line.uuid],
                id=line.id,
                uuid=line.uuid,
            )
            for line in lines[r.id]
        ]
        data.actions = actions[r.id]
        result.append(data)
    return result


def get(engine: Engine, return_id: int) -> ReturnData | None:
    with Session(engine) as session:
        receipt = session.get(ReturnReceipt, return_id)
        return _load_many(session, [receipt])[0] if receipt else None


def get_by_number(engine: Engine, number: str) -> ReturnData | None:
    with Session(engine) as session:
        receipt = session.exec(
            select(ReturnReceipt).where(func.upper(ReturnReceipt.number) == number.strip().upper())
        ).first()
        return _load_many(session, [receipt])[0] if receipt else None


def history(engine: Engine, data: ReturnData) -> list[audit_service.AuditRow]:
    """The trail of the return and of its lines' photos, newest first."""
    rows = audit_service.history(engine, ENTITY, data.uuid or "")
    for line in data.lines:
        if line.uuid:
            rows.extend(audit_service.history(engine, LINE_ENTITY, line.uuid))
    return sorted(rows, key=lambda row: row.at, reverse=True)


# receipts found through their customer or ticket, as the three columns read (an alias of the
# whole table would copy all its columns at every search)
_BY_REFERENCE = table(
    ReturnReceipt.__tablename__, column("id"), column("customer_id"), column("complaint_id")
).alias("by_reference")


def _where(flt: ReturnFilter, indexed: bool = False):  # noqa: ANN202
    """The filter as SQL; indexed: search the text index (no Customer/Complaint join needed)."""
    conditions = []
    text = flt.text.strip()
    if text and indexed:
        # one set of receipt ids: their own numbers, their lines, their customer, their ticket
        lines = text_search.ids_matching(text_search.RETURN_LINE, text)
        customers = text_search.ids_matching(text_search.CUSTOMER, text, ("names",))
        tickets = text_search.ids_matching(text_search.COMPLAINT, text, ("number",))
        hits = union_all(
            text_search.ids_matching(text_search.RETURN_RECEIPT, text),
            select(ReturnLine.return_id).where(col(ReturnLine.id).in_(lines)),
            select(_BY_REFERENCE.c.id).where(_BY_REFERENCE.c.customer_id.in_(customers)),
            select(_BY_REFERENCE.c.id).where(_BY_REFERENCE.c.complaint_id.in_(tickets)),
        )
        conditions.append((ReturnReceipt.id + 0).in_(hits))
    elif text:
        # one pass over the lines (an IN list), not a correlated look-up per receipt
        in_lines = col(ReturnReceipt.id).in_(
            select(ReturnLine.return_id).where(
                or_(
                    col(ReturnLine.material_no).icontains(text, autoescape=True),
                    col(ReturnLine.material_name).icontains(text, autoescape=True),
                    col(ReturnLine.batch_no).icontains(text, autoescape=True),
                    col(ReturnLine.defect_found).icontains(text, autoescape=True),
                )
            )
        )
        conditions.append(
            or_(
                col(ReturnReceipt.number).icontains(text, autoescape=True),
                col(ReturnReceipt.warehouse_receipt_no).icontains(text, autoescape=True),
                col(Customer.code).icontains(text, autoescape=True),
                col(Customer.name).icontains(text, autoescape=True),
                col(Customer.short_name).icontains(text, autoescape=True),
                col(Complaint.number).icontains(text, autoescape=True),
                in_lines,
            )
        )
    if flt.customer_id is not None:
        conditions.append(ReturnReceipt.customer_id == flt.customer_id)
    if flt.received_from:
        conditions.append(col(ReturnReceipt.received_on) >= flt.received_from)
    if flt.received_to:
        conditions.append(col(ReturnReceipt.received_on) <= flt.received_to)
    if flt.bulk is not None:
        conditions.append(ReturnReceipt.bulk == flt.bulk)
    if flt.responsibility is not None:
        conditions.append(ReturnReceipt.responsibility == flt.responsibility)
    if flt.disposition_done is True:
        conditions.append(
            col(ReturnReceipt.status).in_(
                [ReturnStatus.DISPOSED.value, ReturnStatus.ARCHIVED.value]
            )
        )
    elif flt.disposition_done is False:
        conditions.append(ReturnReceipt.status == ReturnStatus.OPEN.value)
    if flt.status:
        conditions.append(ReturnReceipt.status == flt.status)
    if flt.linked_complaint is True:
        conditions.append(col(ReturnReceipt.complaint_id).is_not(None))
    elif flt.linked_complaint is False:
        conditions.append(col(ReturnReceipt.complaint_id).is_(None))
    if flt.complaint_id is not None:
        conditions.append(ReturnReceipt.complaint_id == flt.complaint_id)
    if flt.urgent_only:
        conditions.append(col(ReturnReceipt.urgent_production).is_(True))
    return and_(True, *conditions)


def search_ids(
    engine: Engine,
    flt: ReturnFilter | None = None,
    sort: str = "number",
    descending: bool = True,
    *,
    limit: int | None = None,
    cancel: QueryCancel | None = None,
) -> list[int]:
    """Ids of matching returns in list order; filtering and sorting happen in SQL.

    limit: only the first ids (the list's first page); cancel: stop it from another thread.
    """
    keys = SORT_KEYS.get(sort, SORT_KEYS["number"])
    order = sort_order(engine, keys, descending, ReturnReceipt.__table__)
    order.append(ReturnReceipt.id.desc() if descending else ReturnReceipt.id.asc())
    flt = flt or ReturnFilter()
    indexed = text_search.usable(engine, flt.text.strip())
    query = select(ReturnReceipt.id)
    if sort in ("customer", "complaint") or not indexed:
        query = _joined(query)
    query = query.where(_where(flt, indexed)).order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    with cancellable(engine, cancel) as connection:
        return list(connection.execute(query).scalars())


def count_matching(
    engine: Engine, flt: ReturnFilter | None = None, *, cancel: QueryCancel | None = None
) -> int:
    """How many returns the list shows for this filter."""
    flt = flt or ReturnFilter()
    indexed = text_search.usable(engine, flt.text.strip())
    query = select(func.count()).select_from(ReturnReceipt)
    if not indexed:
        query = _joined(query)
    query = query.where(_where(flt, indexed))
    with cancellable(engine, cancel) as connection:
        return connection.execute(query).scalar_one()


def _joined(query):  # noqa: ANN001, ANN202
    return query.join(Customer, Customer.id == ReturnReceipt.customer_id).outerjoin(
        Complaint, Complaint.id == ReturnReceipt.complaint_id
    )


def rows_for_ids(engine: Engine, ids: Sequence[int]) -> dict[int, ReturnRow]:
    """List lines for a page of ids (one query, whatever the page size)."""
    if not ids:
        return {}
    query = (
        select(ReturnReceipt, Customer.code, Customer.name, Complaint.number)
        .join(Customer, Customer.id == ReturnReceipt.customer_id)
        .outerjoin(Complaint, Complaint.id == ReturnReceipt.complaint_id)
        .where(col(ReturnReceipt.id).in_(ids))
    )
    with Session(engine) as session:
        return {
            r.id: ReturnRow(
                id=r.id,
                number=r.number,
                customer_code=code,
                customer_name=name,
                received_on=r.received_on,
                warehouse_receipt_no=r.warehouse_receipt_no,
                bulk=r.bulk,
                items=r.items,
                line_count=r.line_count,
                qty_returned=r.qty_returned,
                qty_defective=r.qty_defective,
                responsibility=r.responsibility,
                status=r.status,
                urgent_production=r.urgent_production,
                complaint_number=complaint_number or "",
            )
            for r, code, name, complaint_number in session.exec(query)
        }


EXPORT_CHUNK = 500  # returns read at a time for an export (IN lists of at most 500 ids)


def iter_returns(
    engine: Engine,
    flt: ReturnFilter | None = None,
    sort: str = "number",
    descending: bool = False,
    progress: Callable[[int, int], None] | None = None,
    *,
    chunk: int = EXPORT_CHUNK,
) -> Iterator[ReturnData]:
    """Whole returns for export, in list order, read a chunk at a time (a short session each);
    `progress(done, total)` is called as each chunk has been read."""
    ids = search_ids(engine, flt, sort, descending)
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        with Session(engine) as session:
            by_id = {
                r.id: r
                for r in session.exec(select(ReturnReceipt).where(col(ReturnReceipt.id).in_(part)))
            }
            loaded = _load_many(session, [by_id[i] for i in part if i in by_id])
        if progress:
            progress(start + len(part), len(ids))
        yield from loaded


def list_returns(
    engine: Engine,
    flt: ReturnFilter | None = None,
    sort: str = "number",
    descending: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[ReturnData]:
    """Whole returns in list order, all in memory (exports stream with iter_returns)."""
    return list(iter_returns(engine, flt, sort, descending, progress))


def count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(ReturnReceipt)).one()


def complaint_choices(
    engine: Engine, customer_id: int, text: str = "", limit: int = 50
) -> list[LinkedComplaint]:
    """The customer's tickets a return may be linked to, newest first (pick by number)."""
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
            LinkedComplaint(c.id, c.number, c.status, c.description) for c in session.exec(query)
        ]


# ---------------------------------------------------------------- writing


def _refresh_summary(r: ReturnReceipt, data: ReturnData) -> None:
    """Keep the list columns and the status in step with the lines."""
    r.line_count = len(data.lines)
    r.qty_returned = data.qty_returned
    r.qty_defective = data.qty_defective
    r.responsibility = data.responsibility
    r.urgent_production = data.urgent_production
    items = "、".join(dict.fromkeys(line.material_no for line in data.lines if line.material_no))
    r.items = items if len(items) <= 200 else items[:199] + "…"
    if r.status in (ReturnStatus.OPEN.value, ReturnStatus.DISPOSED.value):
        done = bool(data.lines) and all(line.disposed for line in data.lines)
        r.status = ReturnStatus.DISPOSED.value if done else ReturnStatus.OPEN.value


def _write_lines(session: Session, r: ReturnReceipt, data: ReturnData) -> None:
    """Lines keep their row (and uuid, which their photos hang on) across edits."""
    stored = {
        line.id: line
        for line in session.exec(select(ReturnLine).where(ReturnLine.return_id == r.id))
    }
    kept: set[int] = set()
    for position, line in enumerate(data.lines):
        if line.qty_rework and not line.rework_order_no:
            # the rework order 重工工令 takes the return's number and the line's position
            line.rework_order_no = f"{r.number}-{position + 1}"
        row = stored.get(line.id) if line.id is not None else None
        if row is None:
            row = ReturnLine(return_id=r.id)
        else:
            kept.add(row.id)
            row.updated_at = utcnow()
        row.position = position
        for name in LINE_FIELDS:
            setattr(row, name, getattr(line, name))
        session.add(row)
        session.flush()
        line.id, line.uuid = row.id, row.uuid
    for line_id, row in stored.items():
        if line_id not in kept:
            session.delete(row)


def creation_changes(number: str, data: ReturnData) -> list[tuple[str, str | None, str | None]]:
    """The trail's entries for a return as it is registered: each field that has a value, its
    lines and actions included."""
    return audit_service.diff({}, {"number": number, **_flat(data)})


def create(engine: Engine, data: ReturnData, user: str, *, number: str | None = None) -> ReturnData:
    """Validate and book a new return with the next number of its year."""
    data = normalize(data)
    data.id = None
    validate(data)
    with Session(engine) as session:
        _check_references(session, data)
        r = _new_receipt(session, data, number)
        session.add(r)
        session.flush()
        _write_lines(session, r, data)
        action_service.write(session, "return_id", r.id, data.actions, user)
        _refresh_summary(r, data)
        session.add(r)
        if data.complaint_id is not None:
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
        return_id = r.id
    return get(engine, return_id)  # type: ignore[return-value]


def _linked(session: Session, complaint_id: int) -> LinkedComplaint | None:
    c = session.get(Complaint, complaint_id)
    return LinkedComplaint(c.id, c.number, c.status, c.description) if c else None


def _new_receipt(session: Session, data: ReturnData, number: str | None) -> ReturnReceipt:
    values = {name: getattr(data, name) for name in RECEIPT_FIELDS}
    year = data.received_on.year  # type: ignore[union-attr]
    if number is None:  # the prefix set now (Settings → Numbering); stored numbers keep theirs
        prefix = number_prefixes.load_in(session).returns
        seq = numbering.next_seq(session, ReturnReceipt, prefix, year)
        return ReturnReceipt(
            **values,
            number=numbering.format_number(prefix, year, seq),
            prefix=prefix,
            year=year,
            seq=seq,
        )
    number = number.strip()
    taken = session.exec(
        select(ReturnReceipt.id).where(func.upper(ReturnReceipt.number) == number.upper())
    ).first()
    if taken is not None:
        raise ValidationError({"number": FieldError("number_taken", {"number": number})})
    parsed = numbering.parse(number)
    if parsed is None:
        return ReturnReceipt(**values, number=number, prefix="", year=year, seq=0)
    return ReturnReceipt(
        **values, number=number, prefix=parsed.prefix, year=parsed.year, seq=parsed.seq
    )


def update(engine: Engine, data: ReturnData, user: str) -> ReturnData:
    """Validate and store changes of an open or disposed return; each change goes to the trail.

    data.version is the version the form loaded: RecordConflict when someone saved in between.
    """
    if data.id is None:
        raise ValueError("update needs a stored return")
    data = normalize(data)
    before = get(engine, data.id)
    if before is None:
        raise ValidationError({"number": FieldError("return_not_found", {"number": data.number})})
    if not before.editable:
        raise RecordLocked(before.number, before.status)
    validate(data)
    action_service.keep_verification(data.actions, before.actions)
    with Session(engine) as session:
        _check_references(session, data)
        r = session.get(ReturnReceipt, data.id)
        data.number = r.number
        if data.complaint_id is not None:
            data.complaint = _linked(session, data.complaint_id)
        else:
            data.complaint = None
        _write_lines(session, r, data)  # fills in rework order numbers before the diff
        changes = audit_service.diff(_flat(before), _flat(data))
        if not changes:
            session.rollback()
            return before
        r.version = conflicts.claim(
            session, ReturnReceipt, r.id, data.version, entity=ENTITY, label=r.number,
            loaded_at=data.updated_at,
        )  # fmt: skip
        for name in RECEIPT_FIELDS:
            setattr(r, name, getattr(data, name))
        action_service.write(session, "return_id", r.id, data.actions, user)
        old_status = r.status
        _refresh_summary(r, data)
        if r.status != old_status:
            changes.append(("status", old_status, r.status))
        conflicts.trail(session, r, entity=ENTITY, label=r.number, changes=changes, user=user)
        session.commit()
    return get(engine, data.id)  # type: ignore[return-value]


# ---------------------------------------------------------------- workflow


def archive_problems(data: ReturnData) -> dict[str, FieldError]:
    """Why the return cannot be archived yet (seed 002 §7.3–7.4); empty when it can."""
    problems: dict[str, FieldError] = {}
    if data.status != ReturnStatus.DISPOSED.value:
        if data.status == ReturnStatus.OPEN.value:
            open_lines = [str(i + 1) for i, line in enumerate(data.lines) if not line.disposed]
            problems["lines"] = FieldError("archive_not_disposed", {"rows": ", ".join(open_lines)})
        else:
            problems["status"] = FieldError("return_locked")
        return problems
    if data.has_our_fault and not data.analysis_result:
        problems["analysis_result"] = FieldError("archive_no_analysis")
    return problems


def archive(
    engine: Engine, return_id: int, *, user: str, archived_on: date | None = None
) -> ReturnData:
    """File the disposed return with its analysis; afterwards it is read-only."""
    data = get(engine, return_id)
    if data is None:
        raise ValueError(f"no return {return_id}")
    archived_on = archived_on or date.today()
    problems = archive_problems(data)
    if (
        error := _check_day(archived_on, data.analysis_on or data.received_on, date.today())
    ) is not None:
        problems["archived_on"] = error
    if problems:
        raise ValidationError(problems)
    with Session(engine) as session:
        r = session.get(ReturnReceipt, return_id)
        changes = [
            ("status", r.status, ReturnStatus.ARCHIVED.value),
            ("archived_on", None, archived_on.isoformat()),
        ]
        r.status, r.archived_on, r.archived_by = ReturnStatus.ARCHIVED.value, archived_on, user
        r.urgent_production = False  # handled; the lines keep their stock-short mark
        _touch(session, r, changes, user)
        session.commit()
    return get(engine, return_id)  # type: ignore[return-value]


def cancel(engine: Engine, return_id: int, *, reason: str, user: str) -> ReturnData:
    """A return booked in error: kept with its reason, the number stays used."""
    if not reason.strip():
        raise ValidationError({"cancel_reason": FieldError("required")})
    with Session(engine) as session:
        r = session.get(ReturnReceipt, return_id)
        if r is None:
            raise ValueError(f"no return {return_id}")
        if r.status not in (ReturnStatus.OPEN.value, ReturnStatus.DISPOSED.value):
            raise RecordLocked(r.number, r.status)
        changes = [
            ("status", r.status, ReturnStatus.CANCELLED.value),
            ("cancel_reason", None, reason.strip()),
        ]
        r.status, r.cancel_reason, r.urgent_production = (
            ReturnStatus.CANCELLED.value,
            reason.strip(),
            False,
        )
        _touch(session, r, changes, user, action="cancel")
        session.commit()
    return get(engine, return_id)  # type: ignore[return-value]


def _touch(
    session: Session,
    r: ReturnReceipt,
    changes: list[tuple[str, str | None, str | None]],
    user: str,
    action: str = "update",
) -> None:
    conflicts.bump(r)  # a form open elsewhere must not overwrite this
    conflicts.trail(
        session, r, entity=ENTITY, label=r.number, changes=changes, user=user, action=action
    )


def _editable_receipt(session: Session, return_id: int) -> ReturnReceipt:
    r = session.get(ReturnReceipt, return_id)
    if r is None:
        raise ValueError(f"no return {return_id}")
    if r.status not in (ReturnStatus.OPEN.value, ReturnStatus.DISPOSED.value):
        raise RecordLocked(r.number, r.status)
    return r


# ---------------------------------------------------------------- complaints and actions


def complaint_problems(data: ReturnData) -> FieldError | None:
    """Why no complaint can be opened from this return; None when one can."""
    if data.bulk:
        return FieldError("bulk_not_complaint")  # seed 002 §7.1
    if data.complaint is not None:
        return FieldError("complaint_already_linked", {"number": data.complaint.number})
    if not data.has_our_fault:
        return FieldError("complaint_needs_our_fault")
    if not data.editable:
        return FieldError("return_locked")
    return None


def complaint_from_return(data: ReturnData, now: datetime | None = None) -> ComplaintData:
    """A complaint ticket prefilled from the lines found to be our fault."""
    now = now or utcnow()
    ours = [line for line in data.lines if line.responsibility == "ours"] or data.lines
    first = ours[0]
    received_at = min(datetime.combine(data.received_on, time(9)).astimezone(), now)  # type: ignore[arg-type]
    found = "\n".join(
        f"{line.material_no} {line.material_name} ×{_qty(line.qty_defective or 0)}: {line.defect_found}"
        for line in ours
    )
    return ComplaintData(
        customer_id=data.customer_id,
        channel="other",
        kind="return",
        received_at=received_at,
        received_by=data.received_by,
        product_model=first.material_name,
        part_no=first.material_no,
        batch_no=first.batch_no,
        qty_delivered=sum(line.quantity or 0 for line in ours),
        qty_defective=sum(line.qty_defective or 0 for line in ours),
        defect_category=first.defect_category,
        description=f"退货 {data.number}:\n{found}",
        customer_request="\n".join(
            dict.fromkeys(line.customer_reason for line in ours if line.customer_reason)
        ),
        responsibility="ours",
    )


def open_complaint(engine: Engine, return_id: int, *, user: str) -> ComplaintData:
    """Register a complaint ticket from a return that is our fault, and link the two."""
    data = get(engine, return_id)
    if data is None:
        raise ValueError(f"no return {return_id}")
    if (problem := complaint_problems(data)) is not None:
        raise ValidationError({"complaint_id": problem})
    ticket = complaint_service.create(engine, complaint_from_return(data), user)
    with Session(engine) as session:
        r = _editable_receipt(session, return_id)
        r.complaint_id = ticket.id
        _touch(session, r, [("complaint_id", None, ticket.number)], user)
        session.commit()
    return ticket


def open_action(
    engine: Engine,
    return_id: int,
    *,
    description: str,
    due: date,
    user: str,
    kind: str = "corrective",
    department: str = "",
    owner: str = "",
) -> ReturnData:
    """Open a corrective/preventive action straight from a return (also a bulk one)."""
    data = get(engine, return_id)
    if data is None:
        raise ValueError(f"no return {return_id}")
    if not data.editable:
        raise RecordLocked(data.number, data.status)
    data.actions.append(
        ActionData(kind=kind, description=description, department=department, owner=owner, due=due)
    )
    try:
        return update(engine, data, user)
    except ValidationError as error:  # report the new row's fields without the row prefix
        prefix = f"actions[{len(data.actions) - 1}]."
        raise ValidationError(
            {path.removeprefix(prefix): e for path, e in error.errors.items()}
        ) from error


def suggested_action(data: ReturnData) -> str:
    """The text an action opened from a return starts with."""
    ours = [line for line in data.lines if line.responsibility == "ours"] or data.lines
    found = "; ".join(f"{line.material_no} {line.defect_found}".strip() for line in ours)
    return f"退货 {data.number}:{found}"


def verify_action(
    engine: Engine,
    action_id: int,
    *,
    effective: bool,
    verified_by: str,
    verified_on: date,
    user: str,
    note: str = "",
    new_due: date | None = None,
) -> ReturnData:
    """Record the verification of an action opened from a return."""
    owner_id = action_service.verify_for_owner(
        engine,
        action_id,
        _action_and_return,
        _touch,
        effective=effective,
        verified_by=verified_by,
        verified_on=verified_on,
        user=user,
        note=note,
        new_due=new_due,
    )
    return get(engine, owner_id)  # type: ignore[return-value]


def reschedule_action(
    engine: Engine, action_id: int, *, new_due: date, reason: str, user: str
) -> ReturnData:
    owner_id = action_service.reschedule_for_owner(
        engine, action_id, _action_and_return, _touch, new_due=new_due, reason=reason, user=user
    )
    return get(engine, owner_id)  # type: ignore[return-value]


def _action_and_return(session: Session, action_id: int) -> tuple[CorrectiveAction, ReturnReceipt]:
    action = session.get(CorrectiveAction, action_id)
    if action is None or action.return_id is None:
        raise ValueError(f"no return action {action_id}")
    return action, _editable_receipt(session, action.return_id)
