"""Customer files: validation, create/update/delete with audit trail, search and paging."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine, and_, func, insert, or_
from sqlmodel import Session, col, delete, select

from app.i18n import pick
from app.models import (
    CUSTOMER_GRADES,
    Complaint,
    Customer,
    CustomerAnnualVolume,
    CustomerContact,
    CustomerProduct,
    CustomerStatus,
    CustomerType,
    ReturnReceipt,
    ServiceReport,
    SurveyInvitee,
    VisitReport,
)
from app.models.common import new_uuid, utcnow
from app.services import audit_service, conflicts, text_search, wal_checkpoint
from app.services.list_query import QueryCancel, cancellable, sort_order
from app.services.validation import (
    FieldError,
    ValidationError,
    check_code,
    check_email,
    check_length,
    check_past_date,
    check_phone,
)

ENTITY = "customer"

TYPE_LABELS: dict[str, tuple[str, str]] = {
    CustomerType.OEM: ("主机厂", "OEM"),
    CustomerType.AFTERMARKET: ("备件市场", "Aftermarket"),
    CustomerType.DISTRIBUTOR: ("代理商", "Distributor"),
    CustomerType.END_USER: ("终端用户", "End user"),
}
STATUS_LABELS: dict[str, tuple[str, str]] = {
    CustomerStatus.ACTIVE: ("合作中", "Active"),
    CustomerStatus.LOST: ("已流失", "Lost"),
}
MAX_VOLUME_WAN = 10_000_000.0


def type_label(value: str, lang: str | None = None) -> str:
    pair = TYPE_LABELS.get(value)
    return pick(*pair, lang) if pair else value


def status_label(value: str, lang: str | None = None) -> str:
    pair = STATUS_LABELS.get(value)
    return pick(*pair, lang) if pair else value


@dataclass
class ContactData:
    name: str = ""
    department: str = ""
    title: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class ProductData:
    model: str = ""
    spec: str = ""
    notes: str = ""


@dataclass
class VolumeData:
    year: int = 0
    amount_wan: float = 0.0


@dataclass
class CustomerData:
    """A whole customer file as plain data, as the form and the reports see it."""

    code: str = ""
    name: str = ""
    short_name: str = ""
    type: str = CustomerType.OEM.value
    address: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    sales_rep: str = ""
    cooperation_since: date | None = None
    grade: str = ""
    status: str = CustomerStatus.ACTIVE.value
    potential: bool = False
    notes: str = ""
    contacts: list[ContactData] = field(default_factory=list)
    products: list[ProductData] = field(default_factory=list)
    volumes: list[VolumeData] = field(default_factory=list)
    id: int | None = None
    uuid: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int | None = None  # as loaded; a save from an older one is refused (conflicts)


SCALAR_FIELDS = (
    "code", "name", "short_name", "type", "address", "phone", "fax", "email",
    "sales_rep", "cooperation_since", "grade", "status", "potential", "notes",
)  # fmt: skip
_TEXT_LIMITS = {
    "code": 32, "name": 200, "short_name": 100, "address": 300, "phone": 60, "fax": 60,
    "email": 200, "sales_rep": 60, "notes": 4000,
}  # fmt: skip


@dataclass(frozen=True)
class CustomerRow:
    """One line of the customer list."""

    id: int
    code: str
    name: str
    short_name: str
    type: str
    status: str
    grade: str
    phone: str
    contact: str
    contact_phone: str
    sales_rep: str
    cooperation_since: date | None
    latest_volume_year: int | None
    latest_volume_wan: float | None


@dataclass
class CustomerFilter:
    text: str = ""
    type: str | None = None
    status: str | None = None
    grade: str | None = None


# list column -> SQL expression used for ORDER BY
SORT_KEYS = {
    "code": Customer.code,
    "name": Customer.name,
    "short_name": Customer.short_name,
    "type": Customer.type,
    "status": Customer.status,
    "grade": Customer.grade,
    "phone": Customer.phone,
    "sales_rep": Customer.sales_rep,
    "cooperation_since": Customer.cooperation_since,
    "updated_at": Customer.updated_at,
}


# ---------------------------------------------------------------- validation


def normalize(data: CustomerData) -> CustomerData:
    """Trim surrounding blanks and drop wholly empty child rows (never changes inner text)."""
    for name in SCALAR_FIELDS:
        value = getattr(data, name)
        if isinstance(value, str):
            setattr(data, name, value.strip())
    data.contacts = [
        ContactData(**{k: v.strip() for k, v in asdict(c).items()})
        for c in data.contacts
        if any(str(v).strip() for v in asdict(c).values())
    ]
    data.products = [
        ProductData(**{k: v.strip() for k, v in asdict(p).items()})
        for p in data.products
        if any(str(v).strip() for v in asdict(p).values())
    ]
    return data


def validate(
    data: CustomerData,
    *,
    existing_code_owner: Callable[[str], tuple[int, str] | None] | None = None,
) -> None:
    """Raise ValidationError with one message per bad field; data must be normalized."""
    errors: dict[str, FieldError] = {}

    def put(path: str, error: FieldError | None) -> None:
        if error and path not in errors:
            errors[path] = error

    put("code", check_code(data.code))
    if not data.name:
        put("name", FieldError("required"))
    for name, limit in _TEXT_LIMITS.items():
        put(name, check_length(getattr(data, name), limit))
    if data.type not in TYPE_LABELS:
        put(
            "type", FieldError("choice", {"value": data.type, "allowed": choices_text(TYPE_LABELS)})
        )
    if data.status not in STATUS_LABELS:
        put(
            "status",
            FieldError("choice", {"value": data.status, "allowed": choices_text(STATUS_LABELS)}),
        )
    if data.grade and data.grade not in CUSTOMER_GRADES:
        put(
            "grade",
            FieldError("choice", {"value": data.grade, "allowed": ", ".join(CUSTOMER_GRADES)}),
        )
    put("email", check_email(data.email))
    put("phone", check_phone(data.phone))
    put("fax", check_phone(data.fax))
    put("cooperation_since", check_past_date(data.cooperation_since))

    for i, contact in enumerate(data.contacts):
        if not contact.name:
            put(f"contacts[{i}].name", FieldError("required"))
        put(f"contacts[{i}].phone", check_phone(contact.phone))
        put(f"contacts[{i}].email", check_email(contact.email))
        for name in ("name", "department", "title"):
            put(f"contacts[{i}].{name}", check_length(getattr(contact, name), 60))
    for i, product in enumerate(data.products):
        if not product.model:
            put(f"products[{i}].model", FieldError("required"))
        put(f"products[{i}].model", check_length(product.model, 100))
        put(f"products[{i}].spec", check_length(product.spec, 200))
    seen_years: set[int] = set()
    last_year = date.today().year + 1
    for i, volume in enumerate(data.volumes):
        if not 1950 <= volume.year <= last_year:
            put(f"volumes[{i}].year", FieldError("year_range", {"min": 1950, "max": last_year}))
        elif volume.year in seen_years:
            put(f"volumes[{i}].year", FieldError("year_duplicate", {"year": volume.year}))
        seen_years.add(volume.year)
        if volume.amount_wan < 0:
            put(f"volumes[{i}].amount_wan", FieldError("negative"))
        elif volume.amount_wan > MAX_VOLUME_WAN:
            put(
                f"volumes[{i}].amount_wan",
                FieldError("too_large", {"max": f"{MAX_VOLUME_WAN:,.0f}"}),
            )

    if "code" not in errors and existing_code_owner is not None:
        owner = existing_code_owner(data.code)
        if owner is not None and owner[0] != data.id:
            put("code", FieldError("code_taken", {"code": data.code, "name": owner[1]}))
    if errors:
        raise ValidationError(errors)


def check(engine: Engine, data: CustomerData) -> None:
    """Validate as saving would (including the unique code), without saving."""
    with Session(engine) as session:
        validate(normalize(data), existing_code_owner=_code_owner(session))


def choices_text(labels: dict[str, tuple[str, str]]) -> str:
    """Allowed values as the user knows them: 主机厂/OEM、备件市场/Aftermarket …"""
    return "、".join(f"{zh}/{en}" for zh, en in labels.values())


def _code_owner(session: Session) -> Callable[[str], tuple[int, str] | None]:
    def lookup(code: str) -> tuple[int, str] | None:
        row = session.exec(
            select(Customer.id, Customer.name).where(func.lower(Customer.code) == code.lower())
        ).first()
        return (row[0], row[1]) if row else None

    return lookup


# ---------------------------------------------------------------- snapshots for the trail


def _flat(data: CustomerData) -> dict[str, object]:
    """One level of keys, so the trail says e.g. contacts[2].phone: old → new."""
    flat: dict[str, object] = {name: getattr(data, name) for name in SCALAR_FIELDS}
    for i, contact in enumerate(data.contacts):
        for key, value in asdict(contact).items():
            flat[f"contacts[{i + 1}].{key}"] = value
    for i, product in enumerate(data.products):
        for key, value in asdict(product).items():
            flat[f"products[{i + 1}].{key}"] = value
    for volume in data.volumes:
        flat[f"volumes[{volume.year}]"] = volume.amount_wan
    return flat


# ---------------------------------------------------------------- reading


def _load_children(session: Session, customers: Sequence[Customer]) -> list[CustomerData]:
    ids = [c.id for c in customers]
    contacts: dict[int, list[ContactData]] = {i: [] for i in ids}
    products: dict[int, list[ProductData]] = {i: [] for i in ids}
    volumes: dict[int, list[VolumeData]] = {i: [] for i in ids}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        for c in session.exec(
            select(CustomerContact)
            .where(col(CustomerContact.customer_id).in_(chunk))
            .order_by(CustomerContact.customer_id, CustomerContact.position)
        ):
            contacts[c.customer_id].append(
                ContactData(c.name, c.department, c.title, c.phone, c.email)
            )
        for p in session.exec(
            select(CustomerProduct)
            .where(col(CustomerProduct.customer_id).in_(chunk))
            .order_by(CustomerProduct.customer_id, CustomerProduct.position)
        ):
            products[p.customer_id].append(ProductData(p.model, p.spec, p.notes))
        for v in session.exec(
            select(CustomerAnnualVolume)
            .where(col(CustomerAnnualVolume.customer_id).in_(chunk))
            .order_by(CustomerAnnualVolume.customer_id, CustomerAnnualVolume.year)
        ):
            volumes[v.customer_id].append(VolumeData(v.year, v.amount_wan))
    result = []
    for c in customers:
        data = CustomerData(**{name: getattr(c, name) for name in SCALAR_FIELDS})
        data.id, data.uuid, data.created_at, data.updated_at, data.version = (
            c.id,
            c.uuid,
            c.created_at,
            c.updated_at,
            c.version,
        )
        data.contacts, data.products, data.volumes = contacts[c.id], products[c.id], volumes[c.id]
        result.append(data)
    return result


def get(engine: Engine, customer_id: int) -> CustomerData | None:
    with Session(engine) as session:
        customer = session.get(Customer, customer_id)
        return _load_children(session, [customer])[0] if customer else None


def get_by_code(engine: Engine, code: str) -> CustomerData | None:
    with Session(engine) as session:
        customer = session.exec(
            select(Customer).where(func.lower(Customer.code) == code.strip().lower())
        ).first()
        return _load_children(session, [customer])[0] if customer else None


def _where(flt: CustomerFilter, indexed: bool = False):  # noqa: ANN202
    """The filter as SQL; indexed: search the text index."""
    conditions = []
    text = flt.text.strip()
    if text and indexed:
        conditions.append(
            col(Customer.id).in_(text_search.ids_matching(text_search.CUSTOMER, text))
        )
    elif text:
        # IN (one scan of the contacts) rather than a correlated EXISTS per customer
        contact_match = col(Customer.id).in_(
            select(CustomerContact.customer_id).where(
                or_(
                    col(CustomerContact.name).icontains(text, autoescape=True),
                    col(CustomerContact.phone).icontains(text, autoescape=True),
                )
            )
        )
        conditions.append(
            or_(
                col(Customer.code).icontains(text, autoescape=True),
                col(Customer.name).icontains(text, autoescape=True),
                col(Customer.short_name).icontains(text, autoescape=True),
                col(Customer.phone).icontains(text, autoescape=True),
                contact_match,
            )
        )
    if flt.type:
        conditions.append(Customer.type == flt.type)
    if flt.status:
        conditions.append(Customer.status == flt.status)
    if flt.grade:
        conditions.append(Customer.grade == flt.grade)
    return and_(True, *conditions)


def search_ids(
    engine: Engine,
    flt: CustomerFilter | None = None,
    sort: str = "code",
    descending: bool = False,
    *,
    limit: int | None = None,
    cancel: QueryCancel | None = None,
) -> list[int]:
    """Ids of the matching customers in list order; filtering and sorting happen in SQL.

    limit: only the first ids (the list's first page); cancel: stop it from another thread.
    """
    key = SORT_KEYS.get(sort, Customer.code)
    order = [*sort_order(engine, [key], descending, Customer.__table__), Customer.id.asc()]
    flt = flt or CustomerFilter()
    query = select(Customer.id).where(_where(flt, text_search.usable(engine, flt.text.strip())))
    query = query.order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    with cancellable(engine, cancel) as connection:
        return list(connection.execute(query).scalars())


def count_matching(
    engine: Engine, flt: CustomerFilter | None = None, *, cancel: QueryCancel | None = None
) -> int:
    """How many customers the list shows for this filter."""
    flt = flt or CustomerFilter()
    indexed = text_search.usable(engine, flt.text.strip())
    query = select(func.count()).select_from(Customer).where(_where(flt, indexed))
    with cancellable(engine, cancel) as connection:
        return connection.execute(query).scalar_one()


def rows_for_ids(engine: Engine, ids: Sequence[int]) -> dict[int, CustomerRow]:
    """List lines for a page of ids (three queries, whatever the page size)."""
    if not ids:
        return {}
    with Session(engine) as session:
        customers = session.exec(select(Customer).where(col(Customer.id).in_(ids))).all()
        first_contact: dict[int, CustomerContact] = {}
        for contact in session.exec(
            select(CustomerContact)
            .where(col(CustomerContact.customer_id).in_(ids))
            .order_by(CustomerContact.customer_id, col(CustomerContact.position).desc())
        ):
            first_contact[contact.customer_id] = (
                contact  # the last one written wins: lowest position
            )
        latest: dict[int, CustomerAnnualVolume] = {}
        for volume in session.exec(
            select(CustomerAnnualVolume)
            .where(col(CustomerAnnualVolume.customer_id).in_(ids))
            .order_by(CustomerAnnualVolume.customer_id, CustomerAnnualVolume.year)
        ):
            latest[volume.customer_id] = volume
        rows = {}
        for c in customers:
            contact = first_contact.get(c.id)
            volume = latest.get(c.id)
            rows[c.id] = CustomerRow(
                id=c.id,
                code=c.code,
                name=c.name,
                short_name=c.short_name,
                type=c.type,
                status=c.status,
                grade=c.grade,
                phone=c.phone,
                contact=contact.name if contact else "",
                contact_phone=contact.phone if contact else "",
                sales_rep=c.sales_rep,
                cooperation_since=c.cooperation_since,
                latest_volume_year=volume.year if volume else None,
                latest_volume_wan=volume.amount_wan if volume else None,
            )
        return rows


EXPORT_CHUNK = 500  # customer files read at a time for an export


def iter_customers(
    engine: Engine,
    flt: CustomerFilter | None = None,
    sort: str = "code",
    progress: Callable[[int, int], None] | None = None,
    *,
    chunk: int = EXPORT_CHUNK,
) -> Iterator[CustomerData]:
    """Whole customer files for export, in list order, read a chunk at a time;
    `progress(done, total)` is called as each chunk has been read."""
    ids = search_ids(engine, flt, sort)
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        with Session(engine) as session:
            by_id = {
                c.id: c for c in session.exec(select(Customer).where(col(Customer.id).in_(part)))
            }
            loaded = _load_children(session, [by_id[i] for i in part if i in by_id])
        if progress:
            progress(start + len(part), len(ids))
        yield from loaded


def list_customers(
    engine: Engine, flt: CustomerFilter | None = None, sort: str = "code"
) -> list[CustomerData]:
    """Whole customer files in list order, all in memory (exports stream with iter_customers)."""
    return list(iter_customers(engine, flt, sort))


def volume_years(engine: Engine, flt: CustomerFilter | None = None) -> list[int]:
    """The years with a purchase volume among the matching customers (the customer list's
    volume columns), known before their files are read."""
    ids = search_ids(engine, flt)
    years: set[int] = set()
    with Session(engine) as session:
        for start in range(0, len(ids), 500):
            query = (
                select(CustomerAnnualVolume.year)
                .where(col(CustomerAnnualVolume.customer_id).in_(ids[start : start + 500]))
                .distinct()
            )
            years.update(session.exec(query))
    return sorted(years)


def count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Customer)).one()


def history(engine: Engine, data: CustomerData) -> list[audit_service.AuditRow]:
    return audit_service.history(engine, ENTITY, data.uuid or "")


# ---------------------------------------------------------------- writing


def _write_children(session: Session, customer_id: int, data: CustomerData) -> None:
    session.exec(delete(CustomerContact).where(CustomerContact.customer_id == customer_id))
    session.exec(delete(CustomerProduct).where(CustomerProduct.customer_id == customer_id))
    session.exec(
        delete(CustomerAnnualVolume).where(CustomerAnnualVolume.customer_id == customer_id)
    )
    for i, c in enumerate(data.contacts):
        session.add(CustomerContact(customer_id=customer_id, position=i, **asdict(c)))
    for i, p in enumerate(data.products):
        session.add(CustomerProduct(customer_id=customer_id, position=i, **asdict(p)))
    for v in data.volumes:
        session.add(
            CustomerAnnualVolume(
                customer_id=customer_id, year=v.year, amount_wan=round(v.amount_wan, 2)
            )
        )


def _insert(session: Session, data: CustomerData, user: str) -> Customer:
    customer = Customer(**{name: getattr(data, name) for name in SCALAR_FIELDS})
    session.add(customer)
    session.flush()
    _write_children(session, customer.id, data)
    audit_service.record(
        session,
        entity=ENTITY,
        entity_uuid=customer.uuid,
        label=data.code,
        action="create",
        changes=creation_changes(data),
        user=user,
    )
    return customer


def creation_changes(data: CustomerData) -> list[tuple[str, str | None, str | None]]:
    """The trail's entries for a customer file as it is created: each field that has a value,
    its contacts, products and volumes included."""
    return audit_service.diff({}, _flat(data))


def create(engine: Engine, data: CustomerData, user: str) -> CustomerData:
    """Validate and store a new customer; returns it as stored."""
    data = normalize(data)
    data.id = None
    with Session(engine) as session:
        validate(data, existing_code_owner=_code_owner(session))
        customer = _insert(session, data, user)
        session.commit()
        new_id = customer.id
    return get(engine, new_id)  # type: ignore[return-value]


def create_many(
    engine: Engine,
    items: Iterable[CustomerData],
    user: str,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Store many customers in one transaction: all of them or, on any error, none.

    Rows go in with executemany batches (no ORM objects, no per-row code query), so 20,000
    customers with their trail take seconds; validation and trail are the same as create().
    """
    stored = 0
    # thousands of customers: the log's copy into the data file follows the commit on a worker
    with wal_checkpoint.large_write_session(engine) as session:
        taken = {
            code.lower(): (cid, name)
            for cid, code, name in session.exec(select(Customer.id, Customer.code, Customer.name))
        }
        batch: list[CustomerData] = []
        for data in items:
            data = normalize(data)
            data.id = None
            validate(data, existing_code_owner=lambda code: taken.get(code.lower()))
            taken[data.code.lower()] = (-1, data.name)  # a later row with this code is refused
            batch.append(data)
            if len(batch) == _BATCH:
                _insert_batch(session, batch, user)
                stored += len(batch)
                batch = []
                if progress:
                    progress(stored)
        if batch:
            _insert_batch(session, batch, user)
            stored += len(batch)
        session.commit()
    return stored


_BATCH = 500


def _insert_batch(session: Session, batch: list[CustomerData], user: str) -> None:
    now = utcnow()
    stamp = {"created_at": now, "updated_at": now}
    uuids = [new_uuid() for _ in batch]
    session.execute(
        insert(Customer.__table__),
        [
            {**{name: getattr(d, name) for name in SCALAR_FIELDS}, "uuid": u, **stamp}
            for d, u in zip(batch, uuids, strict=True)
        ],
    )
    ids = dict(
        session.execute(
            select(Customer.uuid, Customer.id).where(col(Customer.uuid).in_(uuids))
        ).all()
    )
    contacts, products, volumes, trail = [], [], [], []
    for d, u in zip(batch, uuids, strict=True):
        cid = ids[u]
        contacts += [
            {"customer_id": cid, "position": i, "uuid": new_uuid(), **stamp, **asdict(c)}
            for i, c in enumerate(d.contacts)
        ]
        products += [
            {"customer_id": cid, "position": i, "uuid": new_uuid(), **stamp, **asdict(p)}
            for i, p in enumerate(d.products)
        ]
        volumes += [
            {
                "customer_id": cid,
                "year": v.year,
                "amount_wan": round(v.amount_wan, 2),
                "uuid": new_uuid(),
                **stamp,
            }
            for v in d.volumes
        ]
        trail += audit_service.rows(
            entity=ENTITY,
            entity_uuid=u,
            label=d.code,
            action="create",
            changes=creation_changes(d),
            user=user,
            at=now,
        )
    for table, rows in (
        (CustomerContact, contacts),
        (CustomerProduct, products),
        (CustomerAnnualVolume, volumes),
    ):
        if rows:
            session.execute(insert(table.__table__), rows)
    audit_service.append(session, trail)


def update(engine: Engine, data: CustomerData, user: str) -> CustomerData:
    """Validate and store changes; each changed field goes to the audit trail.

    data.version is the version the form loaded: RecordConflict when someone saved in between.
    """
    if data.id is None:
        raise ValueError("update needs a stored customer")
    data = normalize(data)
    before = get(engine, data.id)
    if before is None:
        raise ValidationError({"code": FieldError("not_found", {"code": data.code})})
    with Session(engine) as session:
        validate(data, existing_code_owner=_code_owner(session))
        changes = audit_service.diff(_flat(before), _flat(data))
        if changes:
            version = conflicts.claim(
                session, Customer, data.id, data.version, entity=ENTITY, label=before.code,
                loaded_at=data.updated_at,
            )  # fmt: skip
            customer = session.get(Customer, data.id)
            for name in SCALAR_FIELDS:
                setattr(customer, name, getattr(data, name))
            customer.version = version
            _write_children(session, customer.id, data)
            conflicts.trail(
                session, customer, entity=ENTITY, label=data.code, changes=changes, user=user
            )
            session.commit()
    return get(engine, data.id)  # type: ignore[return-value]


def delete_customer(engine: Engine, customer_id: int, user: str) -> None:
    """Remove a customer file; every value it held is kept in the audit trail."""
    before = get(engine, customer_id)
    if before is None:
        return
    with Session(engine) as session:
        tickets = session.exec(
            select(func.count()).select_from(Complaint).where(Complaint.customer_id == customer_id)
        ).one()
        returns = session.exec(
            select(func.count())
            .select_from(ReturnReceipt)
            .where(ReturnReceipt.customer_id == customer_id)
        ).one()
        surveys = session.exec(
            select(func.count())
            .select_from(SurveyInvitee)
            .where(SurveyInvitee.customer_id == customer_id)
        ).one()
        field = sum(
            session.exec(
                select(func.count()).select_from(table).where(table.customer_id == customer_id)
            ).one()
            for table in (ServiceReport, VisitReport)
        )
        if tickets or returns or surveys or field:
            # quality records point at the customer; the file stays (mark it lost instead)
            raise ValidationError(
                {
                    "code": FieldError(
                        "customer_has_records",
                        {
                            "name": before.name,
                            "tickets": tickets,
                            "returns": returns,
                            "surveys": surveys,
                            "field": field,
                        },
                    )
                }
            )
        audit_service.record(
            session,
            entity=ENTITY,
            entity_uuid=before.uuid or "",
            label=before.code,
            action="delete",
            changes=audit_service.diff(_flat(before), {}),
            user=user,
        )
        session.exec(delete(Customer).where(Customer.id == customer_id))
        session.commit()
