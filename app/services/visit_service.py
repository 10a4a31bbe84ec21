"""Customer visit reports 走访服务报告 (Q/JL081306-C), their follow-ups, and the visit cadence.

Numbers ZF[-MACHINE]-YYYY-NNNN per machine prefix and year (never reused after a deletion).
Follow-up actions go through action_service (owner column visit_id) and are recorded as fields
of the visit in the audit trail (entity "visit_report").

Cadence (settings key "visits" = {"first_year_months": 1, "later_months": 3}; a customer's
VisitPlan.every_months overrides both): the next visit is due at the last visit + the interval,
the first-year interval while the last visit lies in the first year of cooperation (counted from
customer.cooperation_since). A customer never visited is due from cooperation_since (no date,
no due). Overdue when the due day is before today. Lost and potential customers are left out.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from app.models import (
    ActionEvent,
    CorrectiveAction,
    Customer,
    CustomerStatus,
    Setting,
    SyncTombstone,
    VisitPlan,
    VisitReport,
)
from app.models.common import utcnow
from app.services import action_service, audit_service, conflicts, machine
from app.services.field_data import (
    ActionData,
    OverdueVisit,
    VisitReportData,
    join_names,
    split_names,
)
from app.services.field_service import EARLIEST, next_seq
from app.services.validation import FieldError, ValidationError, check_length

ENTITY = "visit_report"
FIELDS = (
    "customer_id", "visited_on", "visitors", "attendees", "topics", "feedback", "requests",
    "next_visit_on", "notes",
)  # fmt: skip
_LIMITS = {
    "visitors": 200, "attendees": 300, "topics": 4000, "feedback": 4000, "requests": 4000,
    "notes": 2000,
}  # fmt: skip
_SETTINGS_KEY = "visits"
MAX_MONTHS = 36


# ---------------------------------------------------------------- cadence settings


@dataclass
class VisitSettings:
    first_year_months: int = 1
    later_months: int = 3


def load_visit_settings(engine: Engine) -> VisitSettings:
    with Session(engine) as session:
        row = session.get(Setting, _SETTINGS_KEY)
    settings = VisitSettings()
    if row is None:
        return settings
    try:
        raw = json.loads(row.value)
        settings.first_year_months = int(raw.get("first_year_months", 1))
        settings.later_months = int(raw.get("later_months", 3))
    except (ValueError, TypeError, AttributeError):
        return VisitSettings()
    return settings


def _check_months(value: int | None) -> FieldError | None:
    if value is None:
        return FieldError("required")
    if not 1 <= value <= MAX_MONTHS:
        return FieldError("range", {"min": 1, "max": MAX_MONTHS})
    return None


def save_visit_settings(engine: Engine, settings: VisitSettings, user: str) -> None:
    """Validate and store the cadence; each changed value goes to the trail."""
    errors = {
        name: error
        for name in ("first_year_months", "later_months")
        if (error := _check_months(getattr(settings, name))) is not None
    }
    if errors:
        raise ValidationError(errors)
    old = load_visit_settings(engine)
    payload = {
        "first_year_months": int(settings.first_year_months),
        "later_months": int(settings.later_months),
    }
    with Session(engine) as session:
        row = session.get(Setting, _SETTINGS_KEY) or Setting(key=_SETTINGS_KEY, value="")
        row.value = json.dumps(payload)
        session.add(row)
        audit_service.record(
            session,
            entity="setting",
            entity_uuid=_SETTINGS_KEY,
            label="visit settings",
            action="update",
            changes=audit_service.diff(old.__dict__, payload),
            user=user,
        )
        session.commit()


def visit_plan(engine: Engine, customer_id: int) -> int | None:
    """The customer's own interval in months; None: the settings' cadence."""
    with Session(engine) as session:
        plan = session.exec(select(VisitPlan).where(VisitPlan.customer_id == customer_id)).first()
        return plan.every_months if plan else None


def set_visit_plan(engine: Engine, customer_id: int, months: int | None, user: str) -> None:
    """Visit this customer every `months` months; None: back to the settings' cadence."""
    if months is not None and (error := _check_months(months)) is not None:
        raise ValidationError({"every_months": error})
    with Session(engine) as session:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise ValidationError({"customer_id": FieldError("customer_unknown")})
        plan = session.exec(select(VisitPlan).where(VisitPlan.customer_id == customer_id)).first()
        old = plan.every_months if plan else None
        if old == months:
            return
        if months is None:
            session.delete(plan)
        else:
            plan = plan or VisitPlan(customer_id=customer_id, every_months=months)
            plan.every_months = months
            session.add(plan)
        audit_service.record(
            session,
            entity="customer",
            entity_uuid=customer.uuid,
            label=customer.code,
            action="update",
            changes=[
                ("visit_every_months", audit_service.as_text(old), audit_service.as_text(months))
            ],  # fmt: skip
            user=user,
        )
        session.commit()


def add_months(day: date, months: int) -> date:
    """The same day `months` later, the month's last day when it is shorter (31 Jan + 1 → 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def interval_months(
    settings: VisitSettings, plan_months: int | None, cooperation_since: date | None, after: date
) -> int:
    """Months until the next visit after a visit on `after`."""
    if plan_months:
        return plan_months
    if cooperation_since is not None and after < add_months(cooperation_since, 12):
        return settings.first_year_months
    return settings.later_months


def next_due(
    settings: VisitSettings,
    plan_months: int | None,
    cooperation_since: date | None,
    last_visit: date | None,
    today: date | None = None,
) -> tuple[date, int] | None:
    """(due day, interval in months) of the next visit; None when there is nothing to go by.

    A customer never visited is due one interval after the cooperation started only while it
    is in its first year (new customers are visited monthly, seed 002 §5.1.1); for an older
    customer the cadence starts with its first visit report, so a file of long-standing
    customers does not open with every one of them years overdue.
    """
    if last_visit is None:
        if cooperation_since is None:
            return None
        if today is not None and add_months(cooperation_since, 12) <= today:
            return None
        months = interval_months(settings, plan_months, cooperation_since, cooperation_since)
        return add_months(cooperation_since, months), months
    months = interval_months(settings, plan_months, cooperation_since, last_visit)
    return add_months(last_visit, months), months


def suggested_next_visit(engine: Engine, customer_id: int, visited_on: date) -> date | None:
    """The next visit day the cadence gives after a visit on `visited_on`."""
    settings = load_visit_settings(engine)
    with Session(engine) as session:
        customer = session.get(Customer, customer_id)
        if customer is None:
            return None
        plan = session.exec(select(VisitPlan).where(VisitPlan.customer_id == customer_id)).first()
    due = next_due(
        settings, plan.every_months if plan else None, customer.cooperation_since, visited_on
    )
    return due[0] if due else None


def overdue_visits(engine: Engine, today: date | None = None) -> list[OverdueVisit]:
    """Customers whose next visit was due before today, most overdue first."""
    today = today or date.today()
    settings = load_visit_settings(engine)
    with Session(engine) as session:
        # the four columns needed, not whole customers: 5,000 of them are read at every start
        customers = session.exec(
            select(Customer.id, Customer.code, Customer.name, Customer.cooperation_since)
            .where(Customer.status != CustomerStatus.LOST.value)
            .where(col(Customer.potential).is_(False))
        ).all()
        plans = dict(session.exec(select(VisitPlan.customer_id, VisitPlan.every_months)).all())
        last: dict[int, tuple[date, str]] = {}
        for customer_id, visited_on, number in session.exec(
            select(VisitReport.customer_id, VisitReport.visited_on, VisitReport.number).order_by(
                VisitReport.visited_on, VisitReport.id
            )
        ):
            last[customer_id] = (visited_on, number)
    result = []
    for c in customers:
        visited, number = last.get(c.id, (None, ""))
        due = next_due(settings, plans.get(c.id), c.cooperation_since, visited, today)
        if due is None or due[0] >= today:
            continue
        result.append(
            OverdueVisit(
                customer_id=c.id,
                customer_code=c.code,
                customer_name=c.name,
                last_visit=visited,
                last_visit_number=number,
                every_months=due[1],
                due=due[0],
                days_overdue=(today - due[0]).days,
                planned=c.id in plans,
            )
        )
    result.sort(key=lambda o: (-o.days_overdue, o.customer_code))
    return result


# ---------------------------------------------------------------- validation


def normalize(data: VisitReportData) -> VisitReportData:
    for name in FIELDS:
        value = getattr(data, name)
        if isinstance(value, str):
            setattr(data, name, value.strip())
    data.visitors = join_names(split_names(data.visitors))
    data.actions = action_service.normalize(data.actions)
    return data


def validate(data: VisitReportData, today: date | None = None) -> None:
    """Raise ValidationError with one message per bad field; data must be normalized."""
    today = today or date.today()
    errors: dict[str, FieldError] = {}

    def put(path: str, error: FieldError | None) -> None:
        if error and path not in errors:
            errors[path] = error

    if data.customer_id is None:
        put("customer_id", FieldError("required"))
    visited = data.visited_on
    if visited is None:
        put("visited_on", FieldError("required"))
    elif visited > today:
        put("visited_on", FieldError("date_future"))
    elif visited < EARLIEST:
        put("visited_on", FieldError("date_too_old", {"min": EARLIEST.isoformat()}))
    if not data.visitors:
        put("visitors", FieldError("required"))
    for name, limit in _LIMITS.items():
        put(name, check_length(getattr(data, name), limit))
    if data.next_visit_on is not None and visited is not None and data.next_visit_on <= visited:
        put("next_visit_on", FieldError("next_visit_before_visit"))
    for i, a in enumerate(data.actions):
        if visited is not None and a.due is not None and a.due < visited:
            put(f"actions[{i}].due", FieldError("before_visit"))
        if visited is not None and a.done_on is not None and a.done_on < visited:
            put(f"actions[{i}].done_on", FieldError("before_visit"))
    action_service.validate(data.actions, put, earliest=None, today=today)
    if errors:
        raise ValidationError(errors)


def _check_references(session: Session, data: VisitReportData) -> None:
    if data.customer_id is not None and session.get(Customer, data.customer_id) is None:
        raise ValidationError({"customer_id": FieldError("customer_unknown")})


def check(engine: Engine, data: VisitReportData, today: date | None = None) -> None:
    data = normalize(data)
    validate(data, today)
    with Session(engine) as session:
        _check_references(session, data)


def blank_visit(
    engine: Engine, customer_id: int | None = None, today: date | None = None
) -> VisitReportData:
    """A new visit of today, with the next visit the cadence gives."""
    today = today or date.today()
    data = VisitReportData(customer_id=customer_id, visited_on=today)
    if customer_id is not None:
        with Session(engine) as session:
            customer = session.get(Customer, customer_id)
            if customer is not None:
                data.customer_code, data.customer_name = customer.code, customer.name
        data.next_visit_on = suggested_next_visit(engine, customer_id, today)
    return data


# ---------------------------------------------------------------- reading


def flat(data: VisitReportData) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(data, name) for name in FIELDS}
    values.update(action_service.flat(data.actions))
    return values


def _load_many(session: Session, visits: list[VisitReport]) -> list[VisitReportData]:
    ids = [v.id for v in visits]
    actions = action_service.load(session, "visit_id", ids)
    customer_ids = list({v.customer_id for v in visits})
    customers = {
        c.id: c for c in session.exec(select(Customer).where(col(Customer.id).in_(customer_ids)))
    }
    result = []
    for v in visits:
        data = VisitReportData(**{name: getattr(v, name) for name in FIELDS})
        for name in ("number", "prefix", "origin", "id", "uuid", "created_at", "updated_at"):
            setattr(data, name, getattr(v, name))
        data.version = v.version
        if customer := customers.get(v.customer_id):
            data.customer_code, data.customer_name = customer.code, customer.name
        data.actions = actions[v.id]
        result.append(data)
    return result


def get(engine: Engine, visit_id: int) -> VisitReportData | None:
    with Session(engine) as session:
        visit = session.get(VisitReport, visit_id)
        return _load_many(session, [visit])[0] if visit else None


def get_by_number(engine: Engine, number: str) -> VisitReportData | None:
    with Session(engine) as session:
        visit = session.exec(
            select(VisitReport).where(func.upper(VisitReport.number) == number.strip().upper())
        ).first()
        return _load_many(session, [visit])[0] if visit else None


def get_by_uuid(engine: Engine, uuid: str) -> VisitReportData | None:
    with Session(engine) as session:
        visit = session.exec(select(VisitReport).where(VisitReport.uuid == uuid)).first()
        return _load_many(session, [visit])[0] if visit else None


def get_many(engine: Engine, ids: list[int]) -> list[VisitReportData]:
    """Whole visits in the order of ids."""
    result: list[VisitReportData] = []
    with Session(engine) as session:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            by_id = {
                v.id: v
                for v in session.exec(select(VisitReport).where(col(VisitReport.id).in_(chunk)))
            }
            result.extend(_load_many(session, [by_id[i] for i in chunk if i in by_id]))
    return result


def history(engine: Engine, data: VisitReportData) -> list[audit_service.AuditRow]:
    return audit_service.history(engine, ENTITY, data.uuid or "")


def count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(VisitReport)).one()


def customer_visits(engine: Engine, customer_id: int) -> list[VisitReportData]:
    """A customer's visits, newest first."""
    with Session(engine) as session:
        ids = list(
            session.exec(
                select(VisitReport.id)
                .where(VisitReport.customer_id == customer_id)
                .order_by(col(VisitReport.visited_on).desc(), col(VisitReport.id).desc())
            )
        )
    return get_many(engine, ids)


# ---------------------------------------------------------------- writing


def creation_changes(
    number: str, data: VisitReportData
) -> list[tuple[str, str | None, str | None]]:
    """The trail's entries for a visit report as it is written: each field that has a value,
    its actions included."""
    return audit_service.diff({}, {"number": number, **flat(data)})


def create(
    engine: Engine, data: VisitReportData, user: str, *, today: date | None = None
) -> VisitReportData:
    """Validate and store a new visit with this machine's next number of the visit's year."""
    data = normalize(data)
    data.id = None
    for a in data.actions:  # a new visit's follow-ups are new, never verified
        a.id, a.verification, a.verified_by, a.verified_on = None, "", "", None
    validate(data, today)
    here = machine.get_machine(engine)
    prefix = machine.prefix_for(engine, machine.VISIT_PREFIX)  # the prefix set, this machine's code
    year = data.visited_on.year  # type: ignore[union-attr]
    with Session(engine) as session:
        _check_references(session, data)
        seq = next_seq(session, VisitReport, ENTITY, prefix, year)
        v = VisitReport(
            **{name: getattr(data, name) for name in FIELDS},
            number=machine.format_number(prefix, year, seq),
            prefix=prefix,
            year=year,
            seq=seq,
            origin=here.id,
        )
        session.add(v)
        session.flush()
        action_service.write(session, "visit_id", v.id, data.actions, user)
        audit_service.record(
            session,
            entity=ENTITY,
            entity_uuid=v.uuid,
            label=v.number,
            action="create",
            changes=creation_changes(v.number, data),
            user=user,
        )
        session.commit()
        visit_id = v.id
    return get(engine, visit_id)  # type: ignore[return-value]


def update(
    engine: Engine, data: VisitReportData, user: str, *, today: date | None = None
) -> VisitReportData:
    """Validate and store changes; verifications are kept (only verify_action sets them).

    data.version is the version the form loaded: RecordConflict when someone saved in between.
    """
    if data.id is None:
        raise ValueError("update needs a stored visit")
    data = normalize(data)
    before = get(engine, data.id)
    if before is None:
        raise ValidationError(
            {"number": FieldError("visit_report_not_found", {"number": data.number})}
        )
    validate(data, today)
    action_service.keep_verification(data.actions, before.actions)
    changes = audit_service.diff(flat(before), flat(data))
    if not changes:
        return before
    with Session(engine) as session:
        _check_references(session, data)
        v = session.get(VisitReport, data.id)
        v.version = conflicts.claim(
            session, VisitReport, v.id, data.version, entity=ENTITY, label=v.number,
            loaded_at=data.updated_at,
        )  # fmt: skip
        for name in FIELDS:
            setattr(v, name, getattr(data, name))
        action_service.write(session, "visit_id", v.id, data.actions, user)
        conflicts.trail(session, v, entity=ENTITY, label=v.number, changes=changes, user=user)
        session.commit()
    return get(engine, data.id)  # type: ignore[return-value]


def delete(engine: Engine, visit_id: int, user: str, *, reason: str = "") -> None:
    """Delete a visit written in error with its follow-ups: every value stays in the trail, and
    a tombstone tells the next sync; its number is not given again."""
    data = get(engine, visit_id)
    if data is None:
        raise ValueError(f"no visit report {visit_id}")
    with Session(engine) as session:
        changes = audit_service.diff({"number": data.number, **flat(data)}, {})
        if reason.strip():
            changes.append(("delete_reason", None, reason.strip()))
        action_ids = [a.id for a in data.actions]
        if action_ids:
            for event in session.exec(
                select(ActionEvent).where(col(ActionEvent.action_id).in_(action_ids))
            ):
                session.delete(event)
            session.flush()
            for action in session.exec(
                select(CorrectiveAction).where(CorrectiveAction.visit_id == visit_id)
            ):
                session.delete(action)
            session.flush()
        session.delete(session.get(VisitReport, visit_id))
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


# ---------------------------------------------------------------- follow-up actions


def add_action(
    engine: Engine,
    visit_id: int,
    *,
    description: str,
    due: date,
    user: str,
    owner: str = "",
    department: str = "",
    kind: str = "corrective",
) -> VisitReportData:
    """Add one follow-up to a stored visit (errors named without the row prefix)."""
    data = get(engine, visit_id)
    if data is None:
        raise ValueError(f"no visit report {visit_id}")
    data.actions.append(
        ActionData(kind=kind, description=description, department=department, owner=owner, due=due)
    )
    try:
        return update(engine, data, user)
    except ValidationError as error:
        prefix = f"actions[{len(data.actions) - 1}]."
        raise ValidationError(
            {path.removeprefix(prefix): e for path, e in error.errors.items()}
        ) from error


def _action_and_visit(session: Session, action_id: int) -> tuple[CorrectiveAction, VisitReport]:
    action = session.get(CorrectiveAction, action_id)
    if action is None or action.visit_id is None:
        raise ValueError(f"no visit follow-up {action_id}")
    return action, session.get(VisitReport, action.visit_id)  # type: ignore[return-value]


def _touch(session: Session, v: VisitReport, changes, user: str) -> None:  # noqa: ANN001
    conflicts.bump(v)  # a form open elsewhere must not overwrite this
    conflicts.trail(session, v, entity=ENTITY, label=v.number, changes=changes, user=user)


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
) -> VisitReportData:
    """Record the verification of a follow-up; not effective → due again on new_due."""
    owner_id = action_service.verify_for_owner(
        engine,
        action_id,
        _action_and_visit,
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
) -> VisitReportData:
    """A late follow-up gets a new due date; the old one stays in its history."""
    owner_id = action_service.reschedule_for_owner(
        engine, action_id, _action_and_visit, _touch, new_due=new_due, reason=reason, user=user
    )
    return get(engine, owner_id)  # type: ignore[return-value]
