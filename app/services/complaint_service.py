"""Complaint tickets: register, edit, read, search; deadlines and 8D progress kept up to date.

Workflow transitions (close, reopen, cancel, verify an action) live in complaint_workflow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, replace
from datetime import date, datetime, timedelta

from sqlalchemy import Engine, and_, column, func, or_, table, union_all
from sqlmodel import Session, col, delete, select

from app.models import (
    Attachment,
    Complaint,
    ComplaintSorting,
    ComplaintStatus,
    ComplaintStep,
    Customer,
)
from app.models.common import utcnow
from app.services import (
    action_service,
    attachment_service,
    audit_service,
    complaint_settings,
    conflicts,
    deadlines,
    numbering,
    text_search,
    wal_checkpoint,
)
from app.services.complaint_data import (
    CAUSE_LABELS,
    CHANNEL_LABELS,
    CLAIM_LABELS,
    KIND_LABELS,
    RESPONSIBILITY_LABELS,
    SEVERITY_LABELS,
    SORTING_LABELS,
    STEP_COUNT,
    URGENCY_LABELS,
    ComplaintData,
    ComplaintFilter,
    ComplaintRow,
    SortingData,
    StepData,
    TicketRef,
)
from app.services.complaint_settings import ComplaintSettings
from app.services.customer_service import choices_text
from app.services.list_query import QueryCancel, cancellable, sort_order
from app.services.validation import FieldError, RecordLocked, ValidationError, check_length

ENTITY = "complaint"

# fields the form edits, stored 1:1 on the complaint table
SCALAR_FIELDS = (
    "customer_id", "contact_name", "contact_phone", "channel", "kind", "received_at",
    "received_by", "product_model", "part_no", "batch_no", "production_date", "qty_delivered",
    "qty_defective", "defect_category", "description", "customer_request", "line_stopped",
    "severity", "urgency", "customer_deadline", "owner",
    "occurrence_category", "occurrence_cause", "escape_category", "escape_cause", "five_why",
    "fmea_updated", "control_plan_updated", "work_instruction_updated", "similar_products",
    "prevention_waived", "waiver_approved_by", "waiver_approved_on", "waiver_reason",
    "responsibility", "responsible_department", "quarantine_advice", "claim_status",
    "claim_amount", "agreed_amount", "paid_amount", "responsible_unit", "chargeback_supplier",
    "chargeback_amount", "reward_penalty_no",
    "first_reply_at", "containment_reply_at", "action_reply_at", "reply_at", "reply_content",
    "reply_by", "visit_at", "visit_satisfied", "visit_notes",
)  # fmt: skip
_TEXT_LIMITS = {
    "contact_name": 60, "contact_phone": 60, "received_by": 60, "product_model": 100,
    "part_no": 60, "batch_no": 60, "defect_category": 60, "description": 4000,
    "customer_request": 2000, "owner": 60, "occurrence_cause": 4000, "escape_cause": 4000,
    "five_why": 4000, "similar_products": 2000, "waiver_approved_by": 60, "waiver_reason": 2000,
    "responsible_department": 60, "quarantine_advice": 2000, "responsible_unit": 100,
    "chargeback_supplier": 100, "reward_penalty_no": 60, "reply_content": 4000, "reply_by": 60,
    "visit_notes": 2000,
}  # fmt: skip
_CHOICES = {
    "channel": CHANNEL_LABELS,
    "kind": KIND_LABELS,
    "severity": SEVERITY_LABELS,
    "urgency": URGENCY_LABELS,
    "responsibility": RESPONSIBILITY_LABELS,
    "claim_status": CLAIM_LABELS,
}
_AMOUNTS = ("claim_amount", "agreed_amount", "paid_amount", "chargeback_amount")
# the milestones, in the order they happen, and what each must not precede
_MILESTONES = ("first_reply_at", "containment_reply_at", "action_reply_at", "reply_at", "visit_at")
CLOCK_TOLERANCE = timedelta(minutes=10)  # two PCs' clocks may differ a little

SORT_KEYS = {
    "number": (Complaint.year, Complaint.seq, Complaint.reopen_index, Complaint.number),
    "customer": (Customer.name,),
    "product": (Complaint.product_model,),
    "received": (Complaint.received_at,),
    "severity": (Complaint.severity,),
    "urgency": (Complaint.urgency,),
    "status": (Complaint.status,),
    "step": (Complaint.current_step,),
    "next_due": (Complaint.next_due,),
    "owner": (Complaint.owner,),
    "defect": (Complaint.defect_category,),
    "department": (Complaint.responsible_department,),
}


# ---------------------------------------------------------------- validation


def normalize(data: ComplaintData) -> ComplaintData:
    """Trim surrounding blanks; drop wholly empty sorting and action rows."""
    for name in SCALAR_FIELDS:
        value = getattr(data, name)
        if isinstance(value, str):
            setattr(data, name, value.strip())
    for step in data.steps:
        step.content, step.owner = step.content.strip(), step.owner.strip()
    data.sorting = [
        replace(s, handled_by=s.handled_by.strip(), notes=s.notes.strip())
        for s in data.sorting
        if s.qty_checked or s.qty_defective or s.handled_by.strip() or s.notes.strip()
    ]
    data.actions = action_service.normalize(data.actions)
    return data


def validate(data: ComplaintData, now: datetime | None = None) -> None:
    """Raise ValidationError with one message per bad field; data must be normalized."""
    now = now or utcnow()
    errors: dict[str, FieldError] = {}

    def put(path: str, error: FieldError | None) -> None:
        if error and path not in errors:
            errors[path] = error

    if data.customer_id is None:
        put("customer_id", FieldError("required"))
    for name in ("description", "defect_category"):
        if not getattr(data, name):
            put(name, FieldError("required"))
    for name, limit in _TEXT_LIMITS.items():
        put(name, check_length(getattr(data, name), limit))
    for name, labels in _CHOICES.items():
        if getattr(data, name) not in labels:
            put(name, FieldError("choice", {"value": getattr(data, name), "allowed": choices_text(labels)}))  # fmt: skip
    for name in ("occurrence_category", "escape_category"):
        value = getattr(data, name)
        if value and value not in CAUSE_LABELS:
            put(name, FieldError("choice", {"value": value, "allowed": choices_text(CAUSE_LABELS)}))

    received = data.received_at
    if received is None:
        put("received_at", FieldError("required"))
    elif received > now + CLOCK_TOLERANCE:
        put("received_at", FieldError("date_future"))
    elif received.year < 2000:
        put("received_at", FieldError("date_too_old", {"min": "2000-01-01"}))
    received_day = _local_day(received) if received else None
    today = _local_day(now)

    for name in ("qty_delivered", "qty_defective"):
        value = getattr(data, name)
        if value is not None and value < 0:
            put(name, FieldError("negative"))
    if (
        data.qty_delivered is not None
        and data.qty_defective is not None
        and data.qty_defective > data.qty_delivered
    ):
        put("qty_defective", FieldError("more_than", {"other": _qty(data.qty_delivered)}))
    for name in _AMOUNTS:
        value = getattr(data, name)
        if value is not None and value < 0:
            put(name, FieldError("negative"))
    if data.production_date and data.production_date > today:
        put("production_date", FieldError("date_future"))
    if data.customer_deadline and received_day and data.customer_deadline < received_day:
        put("customer_deadline", FieldError("before_received"))

    for name in _MILESTONES:
        value = getattr(data, name)
        if value is None:
            continue
        if value > now + CLOCK_TOLERANCE:
            put(name, FieldError("date_future"))
        elif received and value < received:
            put(name, FieldError("before_received"))
        elif name == "visit_at" and data.reply_at and value < data.reply_at:
            put(name, FieldError("before_reply"))
    if data.reply_at and not data.reply_content:
        put("reply_content", FieldError("required"))
    if data.reply_content and not data.reply_at:
        put("reply_at", FieldError("required"))
    if data.visit_at and not data.reply_at:
        put("visit_at", FieldError("needs_reply"))
    if data.visit_satisfied is not None and not data.visit_at:
        put("visit_at", FieldError("required"))
    if data.prevention_waived:
        if not data.waiver_approved_by:
            put("waiver_approved_by", FieldError("required"))
        if not data.waiver_approved_on:
            put("waiver_approved_on", FieldError("required"))
    if data.waiver_approved_on and data.waiver_approved_on > today:
        put("waiver_approved_on", FieldError("date_future"))

    if [s.step for s in data.steps] != list(range(1, STEP_COUNT + 1)):
        raise ValueError("a ticket has exactly the steps D1…D8 in order")
    for step in data.steps:
        put(f"steps[{step.step}].content", check_length(step.content, 8000))
        put(f"steps[{step.step}].owner", check_length(step.owner, 60))
        put(f"steps[{step.step}].done_on", _check_day(step.done_on, received_day, today))
    for i, s in enumerate(data.sorting):
        if s.location not in SORTING_LABELS:
            put(f"sorting[{i}].location", FieldError("choice", {"value": s.location, "allowed": choices_text(SORTING_LABELS)}))  # fmt: skip
        for name in ("qty_checked", "qty_defective"):
            if getattr(s, name) < 0:
                put(f"sorting[{i}].{name}", FieldError("negative"))
        if s.qty_defective > s.qty_checked:
            put(f"sorting[{i}].qty_defective", FieldError("more_than", {"other": _qty(s.qty_checked)}))  # fmt: skip
        put(f"sorting[{i}].done_on", _check_day(s.done_on, received_day, today))
        put(f"sorting[{i}].handled_by", check_length(s.handled_by, 60))
        put(f"sorting[{i}].notes", check_length(s.notes, 300))
    action_service.validate(data.actions, put, earliest=received_day, today=today)
    if errors:
        raise ValidationError(errors)


def _check_day(value: date | None, received_day: date | None, today: date) -> FieldError | None:
    if value is None:
        return None
    if value > today:
        return FieldError("date_future")
    if received_day and value < received_day:
        return FieldError("before_received")
    return None


def _qty(value: float) -> str:
    return f"{value:g}"


def _local_day(value: datetime) -> date:
    return (value.astimezone() if value.tzinfo else value).date()


def check(engine: Engine, data: ComplaintData) -> None:
    """Validate as saving would, without saving."""
    data = normalize(data)
    validate(data)
    with Session(engine) as session:
        _check_customer(session, data)


def _check_customer(session: Session, data: ComplaintData) -> None:
    if data.customer_id is not None and session.get(Customer, data.customer_id) is None:
        raise ValidationError({"customer_id": FieldError("customer_unknown")})


# ---------------------------------------------------------------- snapshots for the trail


def _flat(data: ComplaintData) -> dict[str, object]:
    flat: dict[str, object] = {name: getattr(data, name) for name in SCALAR_FIELDS}
    for step in data.steps:
        flat[f"D{step.step}.content"] = step.content
        flat[f"D{step.step}.owner"] = step.owner
        flat[f"D{step.step}.done_on"] = step.done_on
    for i, s in enumerate(data.sorting):
        for key, value in asdict(s).items():
            flat[f"sorting[{i + 1}].{key}"] = value
    flat.update(action_service.flat(data.actions))
    return flat


def creation_changes(
    number: str, data: ComplaintData, ledger: Mapping[str, object]
) -> list[tuple[str, str | None, str | None]]:
    """The trail's entries for a ticket as it is registered: each field that has a value, the
    8D steps, sorting and actions included; `ledger` the status (and closing) it starts with."""
    return audit_service.diff({}, {"number": number, **_flat(data), **ledger})


# ---------------------------------------------------------------- reading


def _ref(c: Complaint) -> TicketRef:
    return TicketRef(
        c.id, c.number, c.status, c.received_at, c.defect_category, c.product_model,
        c.part_no, c.description,
    )  # fmt: skip


def _to_data(session: Session, c: Complaint, settings: ComplaintSettings) -> ComplaintData:
    return _load_many(session, [c], settings)[0]


def _grouped(session: Session, query, key: str, ids: list[int]) -> dict[int, list]:  # noqa: ANN001
    """Rows of a child table for many tickets at once (IN lists of at most 500 ids)."""
    grouped: dict[int, list] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in session.exec(query(chunk)):
            grouped[getattr(row, key)].append(row)
    return grouped


def _load_many(
    session: Session, complaints: Sequence[Complaint], settings: ComplaintSettings
) -> list[ComplaintData]:
    """Whole tickets with their children; a handful of queries whatever the number of tickets."""
    ids = [c.id for c in complaints]
    customer_ids = list({c.customer_id for c in complaints})
    customers = {
        row.id: row
        for start in range(0, len(customer_ids), 500)
        for row in session.exec(
            select(Customer).where(col(Customer.id).in_(customer_ids[start : start + 500]))
        )
    }
    steps = _grouped(
        session,
        lambda chunk: select(ComplaintStep).where(col(ComplaintStep.complaint_id).in_(chunk)),
        "complaint_id",
        ids,
    )
    sortings = _grouped(
        session,
        lambda chunk: (
            select(ComplaintSorting)
            .where(col(ComplaintSorting.complaint_id).in_(chunk))
            .order_by(ComplaintSorting.position)
        ),
        "complaint_id",
        ids,
    )
    actions = action_service.load(session, "complaint_id", ids)
    uuids = [c.uuid for c in complaints]
    attachments = _grouped(
        session,
        lambda chunk: (
            select(Attachment)
            .where(Attachment.entity == ENTITY, col(Attachment.entity_uuid).in_(chunk))
            .where(col(Attachment.removed).is_(False))
            .order_by(Attachment.id)
        ),
        "entity_uuid",
        uuids,
    )
    # reopen chains: origins and reopenings of the tickets in hand
    roots = list({c.root_id or c.id for c in complaints})
    related: dict[int, Complaint] = {}
    for start in range(0, len(roots), 500):
        chunk = roots[start : start + 500]
        for row in session.exec(
            select(Complaint).where(
                or_(col(Complaint.root_id).in_(chunk), col(Complaint.id).in_(chunk))
            )
        ):
            related[row.id] = row
    reopenings: dict[int, list[Complaint]] = {}  # root id -> its reopenings
    for row in related.values():
        if row.root_id is not None:
            reopenings.setdefault(row.root_id, []).append(row)

    result = []
    for c in complaints:
        data = ComplaintData(**{name: getattr(c, name) for name in SCALAR_FIELDS})
        for name in (
            "number", "status", "closed_at", "closed_by", "closing_note", "cancel_reason",
            "reopen_index", "reopen_reason", "current_step", "id", "uuid", "created_at",
            "updated_at", "version",
        ):  # fmt: skip
            setattr(data, name, getattr(c, name))
        if customer := customers.get(c.customer_id):
            data.customer_code, data.customer_name = customer.code, customer.name
            data.customer_type = customer.type
        stored_steps = {s.step: s for s in steps[c.id]}
        data.steps = [
            StepData(i, s.content, s.owner, s.done_on)
            if (s := stored_steps.get(i))
            else StepData(i)
            for i in range(1, STEP_COUNT + 1)
        ]
        data.sorting = [
            SortingData(
                s.location, s.qty_checked, s.qty_defective, s.handled_by, s.done_on, s.notes
            )
            for s in sortings[c.id]
        ]
        data.actions = actions[c.id]
        if c.origin_id and (
            origin := related.get(c.origin_id) or session.get(Complaint, c.origin_id)
        ):
            data.origin = _ref(origin)
        root = c.root_id or c.id
        later = [r for r in reopenings.get(root, ()) if r.reopen_index > c.reopen_index]
        data.reopenings = [_ref(r) for r in sorted(later, key=lambda r: r.reopen_index)]
        data.attachments = [attachment_service.to_data(a) for a in attachments[c.uuid]]
        data.deadlines = deadlines.compute(_milestones(data), settings)
        result.append(data)
    return result


def get(engine: Engine, complaint_id: int) -> ComplaintData | None:
    settings = complaint_settings.load(engine)
    with Session(engine) as session:
        c = session.get(Complaint, complaint_id)
        return _to_data(session, c, settings) if c else None


def get_by_number(engine: Engine, number: str) -> ComplaintData | None:
    settings = complaint_settings.load(engine)
    with Session(engine) as session:
        c = session.exec(
            select(Complaint).where(func.upper(Complaint.number) == number.strip().upper())
        ).first()
        return _to_data(session, c, settings) if c else None


def history(engine: Engine, data: ComplaintData) -> list[audit_service.AuditRow]:
    return audit_service.history(engine, ENTITY, data.uuid or "")


# the tickets of a search's customers, as the two columns read (an alias of the whole table
# would copy its ~70 columns at every search)
_BY_CUSTOMER = table(Complaint.__tablename__, column("id"), column("customer_id")).alias(
    "by_customer"
)


def _where(flt: ComplaintFilter, now: datetime, indexed: bool = False, dialect: str = "sqlite"):  # noqa: ANN202
    """The filter as SQL; indexed: search the text index (the query needs no Customer join),
    written for the dialect's planner."""
    conditions = []
    text = flt.text.strip()
    if text and indexed:
        # the ticket's own text or its customer's names, tested while the list's order index
        # is read (+ 0: not looked up one by one and sorted), so the first page of a common
        # word comes without a sort
        customers = text_search.ids_matching(text_search.CUSTOMER, text, ("names",))
        own = text_search.ids_matching(text_search.COMPLAINT, text)
        if dialect == "postgresql":
            # two sets, each hashed once: PostgreSQL does not pull an IN under OR into a join
            # (one IN of their union it joins, and sorts every match for the first page)
            conditions.append((Complaint.id + 0).in_(own) | (Complaint.customer_id + 0).in_(customers))  # fmt: skip
        else:
            # one set of ids: SQLite then reads only the order index (customer_id is not in it)
            by_customer = select(_BY_CUSTOMER.c.id).where(_BY_CUSTOMER.c.customer_id.in_(customers))
            conditions.append((Complaint.id + 0).in_(union_all(own, by_customer)))
    elif text:
        like = [
            col(Complaint.number).icontains(text, autoescape=True),
            col(Customer.code).icontains(text, autoescape=True),
            col(Customer.name).icontains(text, autoescape=True),
            col(Customer.short_name).icontains(text, autoescape=True),
            col(Complaint.product_model).icontains(text, autoescape=True),
            col(Complaint.part_no).icontains(text, autoescape=True),
            col(Complaint.batch_no).icontains(text, autoescape=True),
            col(Complaint.description).icontains(text, autoescape=True),
            col(Complaint.owner).icontains(text, autoescape=True),
        ]
        conditions.append(or_(*like))
    if flt.status:
        conditions.append(Complaint.status == flt.status)
    if flt.customer_id is not None:
        conditions.append(Complaint.customer_id == flt.customer_id)
    if flt.severity:
        conditions.append(Complaint.severity == flt.severity)
    if flt.overdue_only:
        conditions.append(Complaint.status == ComplaintStatus.OPEN.value)
        conditions.append(col(Complaint.next_due) < now)
    if flt.received_from:
        conditions.append(col(Complaint.received_at) >= _day_start(flt.received_from))
    if flt.received_to:
        conditions.append(
            col(Complaint.received_at) < _day_start(flt.received_to + timedelta(days=1))
        )
    if flt.department:
        conditions.append(Complaint.responsible_department == flt.department)
    if flt.defect_category:
        conditions.append(Complaint.defect_category == flt.defect_category)
    return and_(True, *conditions)


def _day_start(day: date) -> datetime:
    """Midnight of a local calendar day, as an aware time (the PC's time zone)."""
    return datetime.combine(day, datetime.min.time()).astimezone()


def search_ids(
    engine: Engine,
    flt: ComplaintFilter | None = None,
    sort: str = "number",
    descending: bool = True,
    now: datetime | None = None,
    *,
    limit: int | None = None,
    cancel: QueryCancel | None = None,
) -> list[int]:
    """Ids of matching tickets in list order; filtering and sorting happen in SQL.

    limit: only the first ids (the list's first page); cancel: stop it from another thread.
    """
    query = ids_query(engine, flt, sort, descending, now)
    if limit is not None:
        query = query.limit(limit)
    with cancellable(engine, cancel) as connection:
        return list(connection.execute(query).scalars())


def ids_query(
    engine: Engine,
    flt: ComplaintFilter | None = None,
    sort: str = "number",
    descending: bool = True,
    now: datetime | None = None,
):  # noqa: ANN201  (a Select of Complaint.id)
    """The SELECT of the matching tickets' ids in list order (search_ids runs it)."""
    keys = SORT_KEYS.get(sort, SORT_KEYS["number"])
    order = sort_order(engine, keys, descending, Complaint.__table__)
    order.append(Complaint.id.desc() if descending else Complaint.id.asc())
    flt = flt or ComplaintFilter()
    indexed = text_search.usable(engine, flt.text.strip())
    query = select(Complaint.id)
    if sort == "customer" or not indexed:
        query = query.join(Customer, Customer.id == Complaint.customer_id)
    where = _where(flt, now or utcnow(), indexed, engine.dialect.name)
    return query.where(where).order_by(*order)


def count_matching(
    engine: Engine,
    flt: ComplaintFilter | None = None,
    now: datetime | None = None,
    *,
    cancel: QueryCancel | None = None,
) -> int:
    """How many tickets the list shows for this filter."""
    with cancellable(engine, cancel) as connection:
        return connection.execute(count_query(engine, flt, now)).scalar_one()


def count_query(
    engine: Engine,
    flt: ComplaintFilter | None = None,
    now: datetime | None = None,
):  # noqa: ANN201  (a Select of one count)
    """The SELECT of how many tickets match the filter (count_matching runs it)."""
    flt = flt or ComplaintFilter()
    indexed = text_search.usable(engine, flt.text.strip())
    query = select(func.count()).select_from(Complaint)
    if not indexed:
        query = query.join(Customer, Customer.id == Complaint.customer_id)
    return query.where(_where(flt, now or utcnow(), indexed, engine.dialect.name))


def count_overdue(
    engine: Engine,
    flt: ComplaintFilter | None = None,
    now: datetime | None = None,
    *,
    cancel: QueryCancel | None = None,
) -> int:
    """Overdue tickets matching flt, every overdue ticket without one (a count that the
    next_due index serves): the list's and the status bar's overdue figure."""
    flt = replace(flt or ComplaintFilter(), overdue_only=True)
    return count_matching(engine, flt, now, cancel=cancel)


_ROW_COLUMNS = tuple(
    Customer.code if name == "customer_code"
    else Customer.name if name == "customer_name"
    else getattr(Complaint, name)
    for name in ComplaintRow.__dataclass_fields__
)  # fmt: skip


def rows_for_ids(engine: Engine, ids: Sequence[int]) -> dict[int, ComplaintRow]:
    """List lines for a page of ids (one query, whatever the page size): only the list's
    columns, as plain rows (a page of whole tickets as ORM objects took five times as long)."""
    if not ids:
        return {}
    query = (
        select(*_ROW_COLUMNS)
        .join(Customer, Customer.id == Complaint.customer_id)
        .where(col(Complaint.id).in_(ids))
    )
    with engine.connect() as connection:
        return {row[0]: ComplaintRow(*row) for row in connection.execute(query)}


def _row(c: Complaint, code: str, name: str) -> ComplaintRow:
    return ComplaintRow(
        id=c.id,
        number=c.number,
        customer_code=code,
        customer_name=name,
        product_model=c.product_model,
        part_no=c.part_no,
        received_at=c.received_at,
        severity=c.severity,
        urgency=c.urgency,
        status=c.status,
        current_step=c.current_step,
        next_due=c.next_due,
        next_due_key=c.next_due_key,
        owner=c.owner,
        defect_category=c.defect_category,
        responsible_department=c.responsible_department,
        calendar_estimated=c.calendar_estimated,
    )


EXPORT_CHUNK = 500  # tickets read at a time for an export (IN lists of at most 500 ids)


def iter_complaints(
    engine: Engine,
    flt: ComplaintFilter | None = None,
    sort: str = "number",
    descending: bool = False,
    progress: Callable[[int, int], None] | None = None,
    *,
    chunk: int = EXPORT_CHUNK,
) -> Iterator[ComplaintData]:
    """Whole tickets for export, in list order, read a chunk at a time (a short session each).

    Only one chunk of tickets is in memory at once, whatever the number of tickets;
    `progress(done, total)` is called as each chunk has been read.
    """
    ids = search_ids(engine, flt, sort, descending)
    settings = complaint_settings.load(engine)
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        with Session(engine) as session:
            by_id = {
                c.id: c for c in session.exec(select(Complaint).where(col(Complaint.id).in_(part)))
            }
            loaded = _load_many(session, [by_id[i] for i in part if i in by_id], settings)
        if progress:
            progress(start + len(part), len(ids))
        yield from loaded


def list_complaints(
    engine: Engine,
    flt: ComplaintFilter | None = None,
    sort: str = "number",
    descending: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[ComplaintData]:
    """Whole tickets in list order, all in memory (exports stream with iter_complaints)."""
    return list(iter_complaints(engine, flt, sort, descending, progress))


def count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Complaint)).one()


def due_rows(engine: Engine, now: datetime | None = None) -> list[ComplaintRow]:
    """Open tickets whose next deadline has passed or falls within the due-soon window."""
    now = now or utcnow()
    soon = now + timedelta(hours=complaint_settings.load(engine).due_soon_hours)
    query = (
        select(Complaint, Customer.code, Customer.name)
        .join(Customer, Customer.id == Complaint.customer_id)
        .where(Complaint.status == ComplaintStatus.OPEN.value)
        .where(col(Complaint.next_due).is_not(None), col(Complaint.next_due) <= soon)
        .order_by(Complaint.next_due)
    )
    with Session(engine) as session:
        return [_row(c, code, name) for c, code, name in session.exec(query)]


def recurrences(
    engine: Engine,
    customer_id: int | None,
    product_model: str,
    part_no: str,
    defect_category: str,
    exclude_id: int | None = None,
    months: int | None = None,
) -> list[TicketRef]:
    """Earlier tickets of the same customer, part (or product) and defect (IATF 16949 §10.2.3).

    A ticket's own reopen chain is not a recurrence; it is the same problem.
    """
    part_no, product_model = part_no.strip(), product_model.strip()
    if customer_id is None or not defect_category or not (part_no or product_model):
        return []
    months = months or complaint_settings.load(engine).recurrence_months
    since = utcnow() - timedelta(days=round(months * 30.44))
    same_item = (
        func.lower(Complaint.part_no) == part_no.lower()
        if part_no
        else func.lower(Complaint.product_model) == product_model.lower()
    )
    query = (
        select(Complaint)
        .where(Complaint.customer_id == customer_id, same_item)
        .where(Complaint.defect_category == defect_category)
        .where(Complaint.status != ComplaintStatus.CANCELLED.value)
        .where(col(Complaint.received_at) >= since)
        .order_by(col(Complaint.received_at).desc())
    )
    with Session(engine) as session:
        chain: set[int] = set()
        if exclude_id is not None:
            own = session.get(Complaint, exclude_id)
            if own is not None:
                root = own.root_id or own.id
                chain = set(
                    session.exec(
                        select(Complaint.id).where(
                            or_(Complaint.id == root, Complaint.root_id == root)
                        )
                    )
                )
        return [_ref(c) for c in session.exec(query) if c.id not in chain]


# ---------------------------------------------------------------- writing


def _milestones(data: ComplaintData) -> deadlines.Milestones:
    return deadlines.Milestones(
        received_at=data.received_at or utcnow(),
        urgency=data.urgency,
        customer_deadline=data.customer_deadline,
        first_reply_at=data.first_reply_at,
        containment_reply_at=data.containment_reply_at,
        action_reply_at=data.action_reply_at,
        reply_at=data.reply_at,
        visit_at=data.visit_at,
        open_actions=tuple(
            (a.description[:40], a.due, a.done_on) for a in data.actions if a.due is not None
        ),
    )


def refresh_progress(c: Complaint, data: ComplaintData, settings: ComplaintSettings) -> None:
    """Keep the list columns (8D step, next deadline) in step with the ticket."""
    c.current_step = next((s.step for s in data.steps if s.done_on is None), STEP_COUNT + 1)
    computed = deadlines.compute(_milestones(data), settings)
    pending = deadlines.next_open(computed) if c.status == ComplaintStatus.OPEN.value else None
    c.next_due = pending.due if pending else None
    c.next_due_key = pending.key if pending else ""
    c.calendar_estimated = any(d.estimated_years for d in computed if not d.done)


def _write_children(session: Session, c: Complaint, data: ComplaintData, user: str) -> None:
    session.exec(delete(ComplaintStep).where(ComplaintStep.complaint_id == c.id))
    session.exec(delete(ComplaintSorting).where(ComplaintSorting.complaint_id == c.id))
    for s in data.steps:
        if s.content or s.owner or s.done_on:
            session.add(ComplaintStep(complaint_id=c.id, **asdict(s)))
    for i, s in enumerate(data.sorting):
        session.add(ComplaintSorting(complaint_id=c.id, position=i, **asdict(s)))
    action_service.write(session, "complaint_id", c.id, data.actions, user)


def create(
    engine: Engine, data: ComplaintData, user: str, *, number: str | None = None
) -> ComplaintData:
    """Validate and register a new ticket with the next number of its year.

    `number` keeps an old number (ledger import); it must not be taken.
    """
    # one ticket: an ordinary commit, whose automatic checkpoint has little or nothing to copy
    with Session(engine) as session:
        stored_id = _insert_all(session, [(data, number)], user, complaint_settings.load(engine))[0]
        session.commit()
    return get(engine, stored_id)  # type: ignore[return-value]


def create_many(
    engine: Engine,
    items: Iterable[tuple[ComplaintData, str | None]],
    user: str,
    progress: Callable[[int], None] | None = None,
    *,
    keep_ledger_status: bool = False,
) -> list[int]:
    """Register many tickets in one transaction: all of them or, on any error, none.

    keep_ledger_status (importing an old ledger): the tickets keep the status the ledger gave
    them (closed, cancelled, reopened; data.closed_at, data.cancel_reason), and an old number
    NUMBER-k is linked to its origin NUMBER(-k-1) when that ticket is in the data file.
    """
    settings = complaint_settings.load(engine)
    # thousands of tickets: the log's copy into the data file follows the commit on a worker
    with wal_checkpoint.large_write_session(engine) as session:
        ids = _insert_all(session, items, user, settings, progress, keep_ledger_status)
        session.commit()
    return ids


def _insert_all(
    session: Session,
    items: Iterable[tuple[ComplaintData, str | None]],
    user: str,
    settings: complaint_settings.ComplaintSettings,
    progress: Callable[[int], None] | None = None,
    keep_ledger_status: bool = False,
) -> list[int]:
    """The tickets validated and inserted with their parts and trail; the caller commits."""
    ids: list[int] = []
    for data, number in items:
        data = normalize(data)
        data.id = None
        validate(data)
        _check_customer(session, data)
        c = _new_complaint(session, data, number, settings)
        ledger: dict[str, object] = {"status": c.status}  # the trail knows every state
        if keep_ledger_status and data.status in {s.value for s in ComplaintStatus}:
            c.status, c.closed_at = data.status, data.closed_at
            c.cancel_reason = data.cancel_reason
            ledger = {"status": c.status, "closed_at": c.closed_at}
        session.add(c)
        session.flush()
        if keep_ledger_status and c.reopen_index:
            _link_to_origin(session, c, user)
        _write_children(session, c, data, user)
        refresh_progress(c, data, settings)
        session.add(c)
        data.number = c.number
        audit_service.record(
            session,
            entity=ENTITY,
            entity_uuid=c.uuid,
            label=c.number,
            action="create",
            changes=creation_changes(c.number, data, ledger),
            user=user,
        )
        ids.append(c.id)
        if progress and len(ids) % 100 == 0:
            progress(len(ids))
    return ids


def _link_to_origin(session: Session, c: Complaint, user: str) -> None:
    """An imported NUMBER-k points at NUMBER-(k-1) (or NUMBER), which is then 'reopened'."""
    base = c.number.rsplit("-", 1)[0]
    origin_number = base if c.reopen_index == 1 else f"{base}-{c.reopen_index - 1}"
    origin = session.exec(
        select(Complaint).where(func.upper(Complaint.number) == origin_number.upper())
    ).first()
    if origin is None:
        return
    c.origin_id, c.root_id = origin.id, origin.root_id or origin.id
    if origin.status in (ComplaintStatus.OPEN.value, ComplaintStatus.CLOSED.value):
        audit_service.record(
            session,
            entity=ENTITY,
            entity_uuid=origin.uuid,
            label=origin.number,
            action="update",
            changes=[
                ("status", origin.status, ComplaintStatus.REOPENED.value),
                ("reopened_as", None, c.number),
            ],
            user=user,
        )
        origin.status, origin.next_due, origin.next_due_key = "reopened", None, ""
        conflicts.bump(origin)
        session.add(origin)


def _new_complaint(
    session: Session, data: ComplaintData, number: str | None, settings: ComplaintSettings
) -> Complaint:
    values = {name: getattr(data, name) for name in SCALAR_FIELDS}
    year = _local_day(data.received_at).year  # type: ignore[arg-type]
    if number is None:
        prefix = settings.number_prefix
        seq = numbering.next_complaint_seq(session, prefix, year)
        return Complaint(
            **values,
            number=numbering.format_number(prefix, year, seq),
            prefix=prefix,
            year=year,
            seq=seq,
        )
    number = number.strip()
    taken = session.exec(
        select(Complaint.id).where(func.upper(Complaint.number) == number.upper())
    ).first()
    if taken is not None:
        raise ValidationError({"number": FieldError("number_taken", {"number": number})})
    parsed = numbering.parse(number)
    if parsed is None:  # an old number of another shape is kept as it is
        return Complaint(**values, number=number, prefix="", year=year, seq=0)
    return Complaint(
        **values,
        number=number,
        prefix=parsed.prefix,
        year=parsed.year,
        seq=parsed.seq,
        reopen_index=parsed.reopen_index,
    )


def update(engine: Engine, data: ComplaintData, user: str) -> ComplaintData:
    """Validate and store changes of an open ticket; each changed field goes to the trail.

    data.version is the version the form loaded: RecordConflict when someone saved in between.
    """
    if data.id is None:
        raise ValueError("update needs a stored ticket")
    data = normalize(data)
    before = get(engine, data.id)
    if before is None:
        raise ValidationError({"number": FieldError("ticket_not_found", {"number": data.number})})
    if not before.editable:
        raise RecordLocked(before.number, before.status)
    validate(data)
    # verification is recorded only through complaint_workflow.verify_action
    action_service.keep_verification(data.actions, before.actions)
    settings = complaint_settings.load(engine)
    with Session(engine) as session:
        _check_customer(session, data)
        changes = audit_service.diff(_flat(before), _flat(data))
        if changes:
            version = conflicts.claim(
                session, Complaint, data.id, data.version, entity=ENTITY, label=before.number,
                loaded_at=data.updated_at,
            )  # fmt: skip
            c = session.get(Complaint, data.id)
            for name in SCALAR_FIELDS:
                setattr(c, name, getattr(data, name))
            c.version = version
            _write_children(session, c, data, user)
            refresh_progress(c, data, settings)
            conflicts.trail(session, c, entity=ENTITY, label=c.number, changes=changes, user=user)
            session.commit()
    return get(engine, data.id)  # type: ignore[return-value]


def recompute_open(engine: Engine) -> int:
    """Recompute the deadlines of every open ticket (after the rules or the calendar changed)."""
    settings = complaint_settings.load(engine)
    with Session(engine) as session:
        open_tickets = session.exec(
            select(Complaint).where(Complaint.status == ComplaintStatus.OPEN.value)
        ).all()
        for start in range(0, len(open_tickets), 500):
            chunk = open_tickets[start : start + 500]
            for c, data in zip(chunk, _load_many(session, chunk, settings), strict=True):
                refresh_progress(c, data, settings)
                session.add(c)
        session.commit()
    return len(open_tickets)


def preview_deadlines(data: ComplaintData, settings: ComplaintSettings) -> list[deadlines.Deadline]:
    """The deadlines of a ticket as the form stands, before it is saved."""
    return deadlines.compute(_milestones(data), settings)
