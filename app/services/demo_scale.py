"""The large demo: ten years of a big plant's quality records, written in bulk, in minutes.

``qualitydesk demo --scale large`` and the benchmarks (``build(engine, ScalePlan.large())``)
fill an empty data file with 5,000 customers, 100,000 complaint tickets with their 8D, actions
and reopenings, 100,000 returned lines, survey campaigns with 20,000 answers, 10,000 field
service reports with customer visits, and photos. The other demo modules go through the
services one record at a time; that would take hours here. This one writes with SQLAlchemy Core
executemany batches, but every record is what the services would have stored: each one is
built as the services' data class, normalised and validated by the service, its list columns
computed by the service's own functions (deadlines, 8D step, return status, survey index), its
number gap-free per year, and its creation chained onto the audit trail through
audit_service.append with the entry the service writes (one a record, holding each field that
has a value).

The same plan (seed, counts, ``now``) gives the same file content: ids, uuids, numbers, times
and texts all come from the seed. Only the machine id of the data file (the origin column of
field reports, which must differ between data files for the laptop sync) is its own. With
``now`` left open, the ten years end at the moment the build starts, so a build on another day
spreads the same records over other dates.

Refuses a data file that already holds customers, complaints, returns, surveys or field
records: numbering and customer codes start at 1.
"""

from __future__ import annotations

import random
import uuid
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import Engine, func, insert, select
from sqlmodel import Session, SQLModel

from app.models import (
    ActionEvent,
    Attachment,
    Complaint,
    ComplaintSorting,
    ComplaintStep,
    CorrectiveAction,
    Customer,
    CustomerAnnualVolume,
    CustomerContact,
    CustomerProduct,
    ReturnLine,
    ReturnReceipt,
    ServicePart,
    ServiceReport,
    SurveyAnswer,
    SurveyCampaign,
    SurveyInvitee,
    SurveyItem,
    SurveyResponse,
    SurveyTemplate,
    VisitReport,
)
from app.models.common import utcnow
from app.services import (
    attachment_service,
    audit_service,
    customer_service,
    database_copy,
    machine,
)
from app.services import demo_scale_text as words
from app.services.customer_service import CustomerData
from app.services.demo_complaints import demo_photo
from app.services.demo_service import generate_customers

Progress = Callable[[str, int, int], None]  # (kind, done, total)

# the tables a scale demo fills, in an order that keeps every foreign key satisfied
_TABLES: tuple[type[SQLModel], ...] = (
    Customer, CustomerContact, CustomerProduct, CustomerAnnualVolume,
    Complaint, ComplaintStep, ComplaintSorting,
    ReturnReceipt, ReturnLine,
    SurveyTemplate, SurveyItem, SurveyCampaign, SurveyInvitee, SurveyResponse, SurveyAnswer,
    ServiceReport, ServicePart, VisitReport,
    CorrectiveAction, ActionEvent, Attachment,
)  # fmt: skip
# a data file holding any of these is refused (numbers and customer codes start at 1)
_REFUSED_IF_FILLED: tuple[type[SQLModel], ...] = (
    Customer, Complaint, ReturnReceipt, SurveyCampaign, SurveyResponse, ServiceReport, VisitReport,
)  # fmt: skip
MAX_CUSTOMERS = 99_999  # customer codes KH00001 … KH99999
# raised whenever the same plan would give other records (a cache of built files keys on it)
VERSION = 3  # 2: each record's trail as the services write it; 3: one entry per save


class NotEmpty(ValueError):
    """The data file already holds records of the kinds the scale demo writes."""

    def __init__(self, counts: dict[str, int]):
        self.counts = counts
        held = ", ".join(f"{name} {count}" for name, count in counts.items())
        super().__init__(f"the data file already holds records ({held})")


@dataclass(frozen=True)
class ScalePlan:
    """How many records of each kind, the seed, and the moment the ten years end.

    Equal plans give equal data files (see the module docstring); ``now`` None means the
    moment the build starts.
    """

    customers: int = 5_000
    complaints: int = 100_000
    return_lines: int = 100_000
    survey_answers: int = 20_000
    service_reports: int = 10_000
    visits: int = 6_000
    photos: int = 24  # the pool of generated photo files the attachments point at
    years: int = 10
    seed: int = 1
    now: datetime | None = None

    @classmethod
    def large(cls, seed: int = 1) -> ScalePlan:
        """The large plant of issue 9: 5,000 customers, 100,000 tickets over ten years."""
        return cls(seed=seed)

    @classmethod
    def for_complaints(cls, n: int, seed: int = 1) -> ScalePlan:
        """The large plant's mix scaled to n tickets (the benchmarks' 1k, 10k, 100k)."""
        share = n / 100_000
        return cls(
            customers=min(MAX_CUSTOMERS, max(20, round(5_000 * share))),
            complaints=n,
            return_lines=round(100_000 * share),
            survey_answers=round(20_000 * share),
            service_reports=round(10_000 * share),
            visits=round(6_000 * share),
            seed=seed,
        )

    def validate(self) -> None:
        counts = {
            "customers": self.customers,
            "complaints": self.complaints,
            "return_lines": self.return_lines,
            "survey_answers": self.survey_answers,
            "service_reports": self.service_reports,
            "visits": self.visits,
            "photos": self.photos,
        }
        for name, value in counts.items():
            if value < 0:
                raise ValueError(f"{name} must not be negative")
        if not 1 <= self.customers <= MAX_CUSTOMERS:
            raise ValueError(f"customers must be between 1 and {MAX_CUSTOMERS}")
        if not 1 <= self.years <= 20:
            raise ValueError("years must be between 1 and 20")


# ---------------------------------------------------------------- writing in bulk


def _column_defaults(model: type[SQLModel]) -> dict[str, Any]:
    """Every column of a table with the model's default (None where it has none)."""
    defaults: dict[str, Any] = {}
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        info = model.model_fields.get(column.name)
        value = None if info is None or info.default is PydanticUndefined else info.default
        defaults[column.name] = value
    return defaults


class Writer:
    """Ids, seeded uuids, rows waiting for their batch insert, and trail entries to chain."""

    def __init__(self, session: Session, seed: int, now: datetime):
        self.session = session
        self.now = now
        self._uuids = random.Random(f"qualitydesk-scale:{seed}:uuid")
        self._defaults = {model: _column_defaults(model) for model in _TABLES}
        self._next_id: dict[type[SQLModel], int] = {}
        for model in _TABLES:
            if "id" not in model.__table__.c:  # type: ignore[attr-defined]
                continue  # keyed by its columns (complaint_step: ticket and step)
            highest = session.execute(select(func.max(model.id))).scalar()  # type: ignore[attr-defined]
            self._next_id[model] = (highest or 0) + 1
        self._rows: dict[type[SQLModel], list[dict[str, Any]]] = {m: [] for m in _TABLES}
        self._trail: list[dict[str, object]] = []
        self.counts: dict[str, int] = {}
        self.trail_entries = 0

    def uuid(self) -> str:
        return str(uuid.UUID(int=self._uuids.getrandbits(128), version=4))

    def add(self, model: type[SQLModel], values: dict[str, Any]) -> dict[str, Any]:
        """Queue one row (every column; an id is given when the values have none and the table
        has one)."""
        row = {**self._defaults[model], **values}
        if model in self._next_id:
            if row.get("id") is None:
                row["id"] = self._next_id[model]
            self._next_id[model] = max(self._next_id[model], row["id"] + 1)
        if "uuid" in row and row["uuid"] is None:
            row["uuid"] = self.uuid()
        self._rows[model].append(row)
        return row

    def record(
        self, model: type[SQLModel], values: dict[str, Any], at: datetime, updated: datetime
    ) -> dict[str, Any]:
        """A RecordBase row created at `at` and last changed at `updated` (not after now)."""
        updated = max(at, min(updated, self.now))
        return self.add(model, {**values, "created_at": at, "updated_at": updated})

    def next_id(self, model: type[SQLModel]) -> int:
        return self._next_id[model]

    def created(
        self,
        entity: str,
        entity_uuid: str,
        label: str,
        at: datetime,
        user: str,
        changes: list[tuple[str, str | None, str | None]] | None = None,
        action: str = "create",
    ) -> None:
        """One trail entry (by default: the record was created), chained at the next flush."""
        self._trail += audit_service.rows(
            entity=entity,
            entity_uuid=entity_uuid,
            label=label,
            action=action,
            changes=changes or [],
            user=user,
            at=at,
        )

    def flush(self) -> None:
        """Insert the queued rows table by table (parents first), then chain the trail."""
        for model in _TABLES:
            rows = self._rows[model]
            if rows:
                self.session.execute(insert(model.__table__), rows)  # type: ignore[attr-defined]
                self._rows[model] = []
        if self._trail:
            audit_service.append(self.session, self._trail)
            self.trail_entries += len(self._trail)
            self._trail = []


# ---------------------------------------------------------------- what every builder shares


@dataclass
class DemoCustomer:
    id: int
    code: str
    name: str
    uuid: str
    data: CustomerData
    since: date
    weight: float
    models: list[str]


@dataclass
class Photo:
    stored_name: str
    size: int
    sha256: str


@dataclass
class Context:
    """The plan, the clock, the writer and what one kind of record needs from another."""

    plan: ScalePlan
    engine: Engine
    writer: Writer
    now: datetime  # aware, local
    first_day: date
    progress: Progress | None
    customers: list[DemoCustomer] = field(default_factory=list)
    customers_by_id: dict[int, DemoCustomer] = field(default_factory=dict)
    staff: list[str] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    machine_id: str = ""
    service_prefix: str = machine.SERVICE_PREFIX
    visit_prefix: str = machine.VISIT_PREFIX
    # customer index -> [(complaint id, day received, number)] of tickets not cancelled
    complaints_of: dict[int, list[tuple[int, date, str]]] = field(default_factory=dict)
    # customers sorted by cooperation start, with cumulative weights, for picking by date
    _by_since: list[int] = field(default_factory=list)
    _sinces: list[date] = field(default_factory=list)
    _cumulative: list[float] = field(default_factory=list)

    @property
    def today(self) -> date:
        return self.now.date()

    def rng(self, *key: object) -> random.Random:
        return random.Random(":".join(["qualitydesk-scale", str(self.plan.seed), *map(str, key)]))

    def report(self, kind: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(kind, done, total)

    def clerk(self, day: date) -> str:
        """Who kept the records that year (the clerk changes every few years)."""
        return self.staff[(day.year // 3) % 4]

    def engineer(self, rng: random.Random) -> str:
        return rng.choice(self.staff[4:24])

    def inspector(self, rng: random.Random) -> str:
        return rng.choice(self.staff[24:32])

    def local(self, day: date, hour: float) -> datetime:
        """A local time on a day, as an aware datetime (seconds, no microseconds)."""
        naive = datetime.combine(day, datetime.min.time()) + timedelta(seconds=round(hour * 3600))
        return naive.astimezone()

    def index_customers(self) -> None:
        self.customers_by_id = {c.id: c for c in self.customers}
        order = sorted(range(len(self.customers)), key=lambda i: self.customers[i].since)
        self._by_since = order
        self._sinces = [self.customers[i].since for i in order]
        self._cumulative = list(accumulate(self.customers[i].weight for i in order))

    def pick_customer(self, rng: random.Random, day: date) -> int:
        """A customer already buying on `day`, the big ones more often."""
        known = bisect_right(self._sinces, day) or 1  # the oldest customer when none yet
        point = rng.random() * self._cumulative[known - 1]
        return self._by_since[min(bisect_left(self._cumulative, point), known - 1)]


# ---------------------------------------------------------------- customers

_NAME_WORDS = ("新", "东方", "联合", "永盛", "兴达", "金桥", "环宇", "华源", "同创", "宏图")
_GRADE_WEIGHT = {"A": 8.0, "B": 4.0, "C": 2.0, "D": 1.0}
_TYPE_WEIGHT = {"oem": 2.0, "end_user": 1.2, "distributor": 1.0, "aftermarket": 0.7}


def _another_name(data: CustomerData, word: str) -> str:
    """The name with a word after its city: 长春华通汽车有限公司 → 长春新华通汽车有限公司."""
    for length in (4, 3, 2):
        city = data.name[:length]
        if f"{city}市" in data.address:
            return city + word + data.name[length:]
    return word + data.name


def _customers(ctx: Context) -> None:
    plan, writer = ctx.plan, ctx.writer
    go_live = ctx.local(ctx.first_day, 9)
    names: set[str] = set()
    generated = generate_customers(plan.customers, plan.seed, today=ctx.today)
    for number, data in enumerate(generated, start=1):
        rng = ctx.rng("customer-name", number)
        while data.name in names:  # a big file must not hold two customers of the same name
            data.name = _another_name(data, rng.choice(_NAME_WORDS))
        names.add(data.name)
        data = customer_service.normalize(data)
        customer_service.validate(data)
        since = data.cooperation_since or ctx.first_day
        # customers older than the data file were entered when it went live
        at = max(go_live, ctx.local(since, 9 + rng.random() * 8))
        row = writer.record(
            Customer,
            {name: getattr(data, name) for name in customer_service.SCALAR_FIELDS},
            at,
            at,
        )
        stamp = {"created_at": at, "updated_at": at}
        for position, contact in enumerate(data.contacts):
            writer.add(CustomerContact, {
                "customer_id": row["id"], "position": position, "uuid": None, **stamp,
                "name": contact.name, "department": contact.department, "title": contact.title,
                "phone": contact.phone, "email": contact.email,
            })  # fmt: skip
        for position, product in enumerate(data.products):
            writer.add(CustomerProduct, {
                "customer_id": row["id"], "position": position, "uuid": None, **stamp,
                "model": product.model, "spec": product.spec, "notes": product.notes,
            })  # fmt: skip
        for volume in data.volumes:
            writer.add(CustomerAnnualVolume, {
                "customer_id": row["id"], "year": volume.year, "uuid": None, **stamp,
                "amount_wan": round(volume.amount_wan, 2),
            })  # fmt: skip
        writer.created(
            customer_service.ENTITY, row["uuid"], data.code, at, ctx.clerk(at.date()),
            customer_service.creation_changes(data),
        )  # fmt: skip
        weight = _GRADE_WEIGHT.get(data.grade, 1.0) * _TYPE_WEIGHT.get(data.type, 1.0)
        ctx.customers.append(
            DemoCustomer(
                id=row["id"],
                code=data.code,
                name=data.name,
                uuid=row["uuid"],
                data=data,
                since=since,
                weight=weight,
                models=[p.model for p in data.products if p.model in words.PRODUCTS] or ["QDJ2542"],
            )
        )
        if number % 500 == 0:
            writer.flush()
            ctx.report("customers", number, plan.customers)
    writer.flush()
    ctx.report("customers", plan.customers, plan.customers)
    writer.counts["customers"] = plan.customers
    ctx.index_customers()


# ---------------------------------------------------------------- photos


def _photos(ctx: Context) -> None:
    """A small pool of drawn defect photos stored in the data folder's attachments/ (a server:
    its database)."""
    for i in range(ctx.plan.photos):
        rng = ctx.rng("photo", i)
        model = rng.choice(list(words.PRODUCTS))
        family = words.PRODUCTS[model][1]
        part = rng.choice(words.PARTS[family])
        caption = f"{model} {part[0]} {rng.choice(part[2])[0]}"
        content = demo_photo(ctx.plan.seed * 100_000 + i, caption)
        stored_name, digest = attachment_service.store_bytes(ctx.engine, content, ".png")
        ctx.photos.append(Photo(stored_name, len(content), digest))


def attach(
    ctx: Context,
    rng: random.Random,
    entity: str,
    entity_uuid: str,
    label: str,
    file_name: str,
    at: datetime,
    user: str,
    caption: str = "",
) -> int:
    """An attachment row pointing at a pool photo, with the trail entry attachment_service writes."""
    if not ctx.photos:
        return 0
    photo = rng.choice(ctx.photos)
    ctx.writer.record(Attachment, {
        "uuid": None, "entity": entity, "entity_uuid": entity_uuid, "file_name": file_name,
        "stored_name": photo.stored_name, "size": photo.size, "sha256": photo.sha256,
        "caption": caption, "added_by": user,
    }, at, at)  # fmt: skip
    ctx.writer.created(
        entity, entity_uuid, label, at, user, [("attachments", None, f"+ {file_name}")], "update"
    )
    return 1


# ---------------------------------------------------------------- the build


def held_records(engine: Engine) -> dict[str, int]:
    """The kinds of record the scale demo writes that the data file holds already, with counts."""
    with Session(engine) as session:
        counts = {
            model.__tablename__: session.execute(  # type: ignore[attr-defined]
                select(func.count()).select_from(model)
            ).scalar_one()
            for model in _REFUSED_IF_FILLED
        }
    return {name: count for name, count in counts.items() if count}


def build(engine: Engine, plan: ScalePlan, progress: Progress | None = None) -> dict[str, int]:
    """Fill an empty data file with the plan's records in one transaction; counts per kind.

    Raises NotEmpty when the file holds customers, complaints, returns, surveys or field
    records already, ValueError for a plan that cannot be built. progress(kind, done, total)
    is called as each kind advances.
    """
    from app.services import demo_scale_complaints, demo_scale_records  # they use Context

    plan.validate()
    held = held_records(engine)
    if held:
        raise NotEmpty(held)
    now = (plan.now or utcnow()).astimezone().replace(microsecond=0)
    here = machine.get_machine(engine)  # made and stored on first use, outside the build
    with Session(engine) as session:
        ctx = Context(
            plan=plan,
            engine=engine,
            writer=Writer(session, plan.seed, now),
            now=now,
            first_day=date(now.year - plan.years + 1, 1, 1),
            progress=progress,
        )
        ctx.staff = words.people(ctx.rng("staff"), 40)
        ctx.machine_id = here.id
        ctx.service_prefix = machine.prefix_for(engine, machine.SERVICE_PREFIX)
        ctx.visit_prefix = machine.prefix_for(engine, machine.VISIT_PREFIX)
        _photos(ctx)
        _customers(ctx)
        demo_scale_complaints.build_complaints(ctx)
        demo_scale_records.build_returns(ctx)
        demo_scale_records.build_surveys(ctx)
        demo_scale_records.build_field(ctx)
        ctx.writer.flush()
        # the records were written with their ids: a server's id sequences must continue after them
        database_copy.advance_sequences(session.connection())
        session.commit()
    counts = dict(ctx.writer.counts)
    counts["photo_files"] = len(ctx.photos)
    counts["audit_entries"] = ctx.writer.trail_entries
    return counts
