"""Survey campaigns 顾客满意度调查: one per period, the customers asked, close and reopen, actions.

Numbers MY-YYYY-NN, gap-free per year. A closed campaign is read-only until it is reopened with
a reason. An invitee that has answered cannot be removed, and the template cannot change once
someone answered. Improvement actions for an item below the threshold follow action_service's
rules. Every change goes to the campaign's trail (SPEC §2.4; seed 002 §5.2.2).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import Engine, func, update
from sqlmodel import Session, col, select

from app.models import (
    CampaignStatus,
    CorrectiveAction,
    Customer,
    SurveyCampaign,
    SurveyInvitee,
    SurveyResponse,
    SurveyTemplate,
)
from app.models.common import utcnow
from app.services import action_service, audit_service, conflicts, numbering
from app.services.complaint_data import ActionData
from app.services.customer_service import choices_text
from app.services.survey_coverage import first_contacts, proposals, tier_for, volumes_of
from app.services.survey_data import (
    PERIOD_LABELS,
    SURVEYED_TIERS,
    TIER_LABELS,
    CampaignData,
    CampaignRow,
    InviteeData,
    Proposal,
)
from app.services.survey_settings import load_settings, target_for
from app.services.survey_templates import (
    default_template,
    insert_template,
    newest_active_id,
    template_in,
)
from app.services.validation import FieldError, RecordLocked, ValidationError, check_length

ENTITY = "survey_campaign"
PREFIX = "MY"
ANSWER_DAYS = 30  # answers are due a month after the period ends
MAX_INVITEES = 5000
FIELDS = (
    "name", "year", "period", "period_start", "period_end", "answer_by", "template_id",
    "target_pct", "threshold_pct", "volume_year", "notes",
)  # fmt: skip
_LIMITS = {"name": 100, "notes": 4000}

Put = Callable[[str, FieldError | None], None]


def format_number(year: int, seq: int) -> str:
    return f"{PREFIX}-{year}-{seq:02d}"


def period_dates(year: int, period: str) -> tuple[date, date]:
    """First and last day of a half year, quarter or the whole year."""
    if period == "h1":
        return date(year, 1, 1), date(year, 6, 30)
    if period == "h2":
        return date(year, 7, 1), date(year, 12, 31)
    if period in ("q1", "q2", "q3", "q4"):
        first_month = 3 * (int(period[1]) - 1) + 1
        start = date(year, first_month, 1)
        end = date(year + 1, 1, 1) if first_month == 10 else date(year, first_month + 3, 1)
        return start, end - timedelta(days=1)
    if period == "year":
        return date(year, 1, 1), date(year, 12, 31)
    raise ValueError(f"unknown period {period!r}")


# ---------------------------------------------------------------- prefill


def new_campaign(engine: Engine, year: int, period: str, *, user: str = "system") -> CampaignData:
    """A campaign ready to be created: dates, template, target and the customers to ask.

    With no template yet, the default questionnaire is created (version 1, by `user`) on the way.
    """
    return new_campaign_and_proposals(engine, year, period, user=user)[0]


def new_campaign_and_proposals(
    engine: Engine, year: int, period: str, *, user: str = "system"
) -> tuple[CampaignData, list[Proposal]]:
    """new_campaign, and every customer with its tier that its invitees were chosen from."""
    start, end = period_dates(year, period)
    settings = load_settings(engine)
    with Session(engine) as session:
        template_id = newest_active_id(session)
        if template_id is None:
            template_id = insert_template(session, default_template(), user)
            session.commit()
        template = template_in(session, template_id)
        first_year = session.exec(select(func.min(SurveyCampaign.year))).one()
        proposed = proposals(session, volume_year=year - 1, on=start)
        invitees = [
            InviteeData(
                customer_id=p.customer_id,
                tier=p.tier,
                contact_name=p.contact_name,
                contact_phone=p.contact_phone,
                customer_code=p.customer_code,
                customer_name=p.customer_name,
            )
            for p in proposed
            if p.tier in SURVEYED_TIERS
        ]
    campaign = CampaignData(
        name=f"{year} {PERIOD_LABELS[period][0]}",
        year=year,
        period=period,
        period_start=start,
        period_end=end,
        answer_by=end + timedelta(days=ANSWER_DAYS),
        template_id=template_id,
        target_pct=target_for(settings, year, first_year=first_year),
        threshold_pct=settings.threshold_pct,
        volume_year=year - 1,
        invitees=invitees,
        template_label=template.label if template else "",
    )
    return campaign, proposed


# ---------------------------------------------------------------- validation


def normalize_campaign(data: CampaignData) -> CampaignData:
    data.name = data.name.strip()
    data.notes = data.notes.strip()
    for invitee in data.invitees:
        invitee.tier = invitee.tier.strip()
        invitee.contact_name = invitee.contact_name.strip()
        invitee.contact_phone = invitee.contact_phone.strip()
    data.actions = action_service.normalize(data.actions)
    return data


def validate_campaign(data: CampaignData, today: date | None = None) -> None:
    """Raise ValidationError with one message per bad field."""
    today = today or date.today()
    errors: dict[str, FieldError] = {}

    def put(path: str, error: FieldError | None) -> None:
        if error and path not in errors:
            errors[path] = error

    if not data.name:
        put("name", FieldError("required"))
    for name, limit in _LIMITS.items():
        put(name, check_length(getattr(data, name), limit))
    for name in ("year", "volume_year"):
        value = getattr(data, name)
        if not value:
            put(name, FieldError("required"))
        elif not 2000 <= value <= 2100:
            put(name, FieldError("year_range", {"min": 2000, "max": 2100}))
    if data.period not in PERIOD_LABELS:
        put("period", FieldError("choice", {"value": data.period, "allowed": choices_text(PERIOD_LABELS)}))  # fmt: skip
    start, end = data.period_start, data.period_end
    if start is None:
        put("period_start", FieldError("required"))
    elif data.year and start.year != data.year:
        put("period_start", FieldError("survey_period_year", {"year": data.year}))
    if end is None:
        put("period_end", FieldError("required"))
    elif start is not None and end < start:
        put("period_end", FieldError("survey_end_before_start"))
    if data.answer_by is not None and start is not None and data.answer_by < start:
        put("answer_by", FieldError("survey_answer_by_early"))
    if data.template_id is None:
        put("template_id", FieldError("required"))
    for name in ("target_pct", "threshold_pct"):
        value = getattr(data, name)
        if value is None:
            put(name, FieldError("required"))
        elif not 0 < value <= 100:
            put(name, FieldError("range", {"min": 1, "max": 100}))
    if len(data.invitees) > MAX_INVITEES:
        put("invitees", FieldError("too_many_lines", {"max": MAX_INVITEES}))
    seen: set[int] = set()
    for i, invitee in enumerate(data.invitees):
        if invitee.customer_id in seen:
            put("invitees", FieldError("survey_invitee_twice", {"name": invitee.customer_name or invitee.customer_id}))  # fmt: skip
        seen.add(invitee.customer_id)
        if invitee.tier and invitee.tier not in TIER_LABELS:
            put(f"invitees[{i}].tier", FieldError("choice", {"value": invitee.tier, "allowed": choices_text(TIER_LABELS)}))  # fmt: skip
        put(f"invitees[{i}].contact_name", check_length(invitee.contact_name, 60))
        put(f"invitees[{i}].contact_phone", check_length(invitee.contact_phone, 60))
    action_service.validate(data.actions, put, earliest=start, today=today)
    if errors:
        raise ValidationError(errors)


def _check_references(session: Session, data: CampaignData, before: CampaignData | None) -> None:
    template = session.get(SurveyTemplate, data.template_id)
    if template is None:
        raise ValidationError({"template_id": FieldError("survey_template_not_found")})
    if template.retired and (before is None or before.template_id != data.template_id):
        raise ValidationError({"template_id": FieldError("survey_template_retired")})
    wanted = [i.customer_id for i in data.invitees]
    known: set[int] = set()
    for start in range(0, len(wanted), 500):
        known.update(
            session.exec(
                select(Customer.id).where(col(Customer.id).in_(wanted[start : start + 500]))
            ).all()
        )
    for i, invitee in enumerate(data.invitees):
        if invitee.customer_id not in known:
            raise ValidationError({f"invitees[{i}].customer_id": FieldError("customer_unknown")})


# ---------------------------------------------------------------- reading


def _answered_ids(session: Session, campaign_id: int) -> set[int]:
    return set(
        session.exec(
            select(SurveyResponse.customer_id).where(SurveyResponse.campaign_id == campaign_id)
        ).all()
    )


def campaign_in(session: Session, campaign_id: int) -> CampaignData | None:
    c = session.get(SurveyCampaign, campaign_id)
    if c is None:
        return None
    data = CampaignData(**{name: getattr(c, name) for name in FIELDS})
    for name in (
        "id",
        "uuid",
        "number",
        "status",
        "closed_on",
        "closed_by",
        "updated_at",
        "version",
    ):
        setattr(data, name, getattr(c, name))
    template = session.get(SurveyTemplate, c.template_id)
    data.template_label = f"{template.name} v{template.version}" if template else ""
    answered = _answered_ids(session, campaign_id)
    data.invitees = [
        InviteeData(
            customer_id=i.customer_id,
            tier=i.tier,
            contact_name=i.contact_name,
            contact_phone=i.contact_phone,
            customer_code=code,
            customer_name=name,
            answered=i.customer_id in answered,
        )
        for i, code, name in session.exec(
            select(SurveyInvitee, Customer.code, Customer.name)
            .join(Customer, Customer.id == SurveyInvitee.customer_id)
            .where(SurveyInvitee.campaign_id == campaign_id)
            .order_by(Customer.code)
        )
    ]
    data.actions = action_service.load(session, "campaign_id", [campaign_id])[campaign_id]
    data.action_items = dict(
        session.exec(
            select(CorrectiveAction.id, CorrectiveAction.survey_item_key).where(
                CorrectiveAction.campaign_id == campaign_id
            )
        ).all()
    )
    return data


def get_campaign(engine: Engine, campaign_id: int) -> CampaignData | None:
    with Session(engine) as session:
        return campaign_in(session, campaign_id)


def get_campaign_by_number(engine: Engine, number: str) -> CampaignData | None:
    with Session(engine) as session:
        found = session.exec(
            select(SurveyCampaign.id).where(
                func.upper(SurveyCampaign.number) == number.strip().upper()
            )
        ).first()
        return campaign_in(session, found) if found is not None else None


def list_campaigns(engine: Engine) -> list[CampaignRow]:
    """Every campaign, newest period first, with its counts and index (three queries)."""
    with Session(engine) as session:
        invited = dict(
            session.exec(
                select(SurveyInvitee.campaign_id, func.count()).group_by(SurveyInvitee.campaign_id)
            ).all()
        )
        answers = {
            campaign_id: (count, avg)
            for campaign_id, count, avg in session.exec(
                select(
                    SurveyResponse.campaign_id, func.count(), func.avg(SurveyResponse.index_pct)
                ).group_by(SurveyResponse.campaign_id)
            )
        }
        query = (
            select(SurveyCampaign, SurveyTemplate.name, SurveyTemplate.version)
            .join(SurveyTemplate, SurveyTemplate.id == SurveyCampaign.template_id)
            .order_by(col(SurveyCampaign.period_start).desc(), col(SurveyCampaign.id).desc())
        )
        return [
            CampaignRow(
                id=c.id,  # type: ignore[arg-type]
                number=c.number,
                name=c.name,
                period_start=c.period_start,
                period_end=c.period_end,
                template_label=f"{name} v{version}",
                status=c.status,
                invited=invited.get(c.id, 0),
                answered=answers.get(c.id, (0, None))[0],
                index_pct=answers.get(c.id, (0, None))[1],
                target_pct=c.target_pct,
            )
            for c, name, version in session.exec(query)
        ]


def history(engine: Engine, data: CampaignData) -> list[audit_service.AuditRow]:
    return audit_service.history(engine, ENTITY, data.uuid or "")


# ---------------------------------------------------------------- snapshots for the trail


def _flat(session: Session, data: CampaignData) -> dict[str, object]:
    flat: dict[str, object] = {name: getattr(data, name) for name in FIELDS}
    template = session.get(SurveyTemplate, data.template_id) if data.template_id else None
    if template is not None:
        flat["template_id"] = f"{template.name} v{template.version}"
    codes = _codes(session, [i.customer_id for i in data.invitees])
    for invitee in data.invitees:
        at = f"invitees[{codes.get(invitee.customer_id, invitee.customer_id)}]"
        flat[f"{at}.tier"] = invitee.tier
        flat[f"{at}.contact_name"] = invitee.contact_name
        flat[f"{at}.contact_phone"] = invitee.contact_phone
    flat.update(action_service.flat(data.actions))
    return flat


def _codes(session: Session, customer_ids: list[int]) -> dict[int, str]:
    result: dict[int, str] = {}
    for start in range(0, len(customer_ids), 500):
        chunk = customer_ids[start : start + 500]
        result.update(
            session.exec(
                select(Customer.id, Customer.code).where(col(Customer.id).in_(chunk))
            ).all()  # type: ignore[arg-type]
        )
    return result


def invitee_flat(code: str, invitee: InviteeData) -> list[tuple[str, str | None, str | None]]:
    """The trail lines of an invitee added on the way (an answer from a customer not asked)."""
    at = f"invitees[{code}]"
    return [
        (f"{at}.{name}", None, getattr(invitee, name) or None)
        for name in ("contact_name", "contact_phone", "tier")
        if getattr(invitee, name)
    ]


# ---------------------------------------------------------------- writing


def _fill_invitees(session: Session, data: CampaignData, stored: set[int]) -> None:
    """New invitees without a tier get the computed one, without a contact the first contact."""
    new = [i for i in data.invitees if i.customer_id not in stored]
    if not new:
        return
    ids = [i.customer_id for i in new]
    contacts = first_contacts(session, ids)
    volumes = volumes_of(session, data.volume_year, ids)
    customers = {
        c.id: c
        for start in range(0, len(ids), 500)
        for c in session.exec(
            select(Customer).where(col(Customer.id).in_(ids[start : start + 500]))
        )
    }
    for invitee in new:
        c = customers[invitee.customer_id]
        if not invitee.tier:
            invitee.tier = tier_for(
                volumes.get(c.id),  # type: ignore[arg-type]
                c.cooperation_since,
                c.potential,
                c.status,
                data.period_start,  # type: ignore[arg-type]
            )
        if not invitee.contact_name and not invitee.contact_phone:
            invitee.contact_name, invitee.contact_phone = contacts.get(c.id, ("", ""))  # type: ignore[arg-type]


def _write_invitees(session: Session, campaign_id: int, data: CampaignData) -> None:
    stored = {
        i.customer_id: i
        for i in session.exec(select(SurveyInvitee).where(SurveyInvitee.campaign_id == campaign_id))
    }
    wanted = {i.customer_id for i in data.invitees}
    for invitee in data.invitees:
        row = stored.get(invitee.customer_id)
        if row is None:
            row = SurveyInvitee(campaign_id=campaign_id, customer_id=invitee.customer_id, tier="")
        elif (row.tier, row.contact_name, row.contact_phone) == (
            invitee.tier,
            invitee.contact_name,
            invitee.contact_phone,
        ):
            continue
        row.tier = invitee.tier
        row.contact_name, row.contact_phone = invitee.contact_name, invitee.contact_phone
        row.updated_at = utcnow()
        session.add(row)
    for customer_id, row in stored.items():
        if customer_id not in wanted:
            session.delete(row)


def create_campaign(engine: Engine, data: CampaignData, user: str) -> CampaignData:
    """Validate and store a new campaign with the next MY number of its year."""
    data = normalize_campaign(data)
    data.id = None
    validate_campaign(data)
    with Session(engine) as session:
        _check_references(session, data, None)
        _fill_invitees(session, data, set())
        seq = numbering.next_seq(session, SurveyCampaign, PREFIX, data.year)
        c = SurveyCampaign(
            **{name: getattr(data, name) for name in FIELDS},
            number=format_number(data.year, seq),
            prefix=PREFIX,
            seq=seq,
        )
        session.add(c)
        session.flush()
        _write_invitees(session, c.id, data)  # type: ignore[arg-type]
        action_service.write(session, "campaign_id", c.id, data.actions, user)  # type: ignore[arg-type]
        audit_service.record(
            session,
            entity=ENTITY,
            entity_uuid=c.uuid,
            label=c.number,
            action="create",
            changes=audit_service.diff(
                {}, {"number": c.number, "status": c.status, **_flat(session, data)}
            ),
            user=user,
        )
        session.commit()
        return campaign_in(session, c.id)  # type: ignore[return-value, arg-type]


def update_campaign(engine: Engine, data: CampaignData, user: str) -> CampaignData:
    """Store changes of an open campaign; invitees may be added or removed (not once answered).

    data.version is the version the form loaded: RecordConflict when someone saved in between.
    """
    if data.id is None:
        raise ValueError("update needs a stored campaign")
    data = normalize_campaign(data)
    with Session(engine) as session:
        before = campaign_in(session, data.id)
        if before is None:
            raise ValidationError({"number": FieldError("survey_campaign_not_found", {"number": data.number})})  # fmt: skip
        if not before.editable:
            raise RecordLocked(before.number, before.status)
        validate_campaign(data)
        _check_references(session, data, before)
        answered = _answered_ids(session, data.id)
        wanted = {i.customer_id for i in data.invitees}
        gone = [
            i for i in before.invitees if i.customer_id in answered and i.customer_id not in wanted
        ]
        if gone:
            raise ValidationError({"invitees": FieldError("survey_invitee_answered", {"name": gone[0].customer_name})})  # fmt: skip
        if answered and data.template_id != before.template_id:
            raise ValidationError({"template_id": FieldError("survey_template_answered")})
        action_service.keep_verification(data.actions, before.actions)
        _fill_invitees(session, data, {i.customer_id for i in before.invitees})
        data.number = before.number
        changes = audit_service.diff(_flat(session, before), _flat(session, data))
        if not changes:
            return before
        version = conflicts.claim(
            session, SurveyCampaign, data.id, data.version, entity=ENTITY, label=before.number,
            loaded_at=data.updated_at,
        )  # fmt: skip
        c = session.get(SurveyCampaign, data.id)
        for name in FIELDS:
            setattr(c, name, getattr(data, name))
        c.version = version  # type: ignore[union-attr]
        _write_invitees(session, data.id, data)
        action_service.write(session, "campaign_id", data.id, data.actions, user)
        if data.answer_by != before.answer_by:
            _refresh_late(session, data.id, data.answer_by)
        conflicts.trail(session, c, entity=ENTITY, label=before.number, changes=changes, user=user)
        session.commit()
        return campaign_in(session, data.id)  # type: ignore[return-value]


def _refresh_late(session: Session, campaign_id: int, answer_by: date | None) -> None:
    """A new answer-by date re-marks the answers already in."""
    late = col(SurveyResponse.answered_on) > answer_by if answer_by is not None else False
    session.exec(  # type: ignore[call-overload]
        update(SurveyResponse)
        .where(col(SurveyResponse.campaign_id) == campaign_id)
        .values(late=late)
    )


def editable_campaign(session: Session, campaign_id: int) -> SurveyCampaign:
    c = session.get(SurveyCampaign, campaign_id)
    if c is None:
        raise ValueError(f"no survey campaign {campaign_id}")
    if c.status != CampaignStatus.OPEN.value:
        raise RecordLocked(c.number, c.status)
    return c


def touch(
    session: Session,
    c: SurveyCampaign,
    changes: list[tuple[str, str | None, str | None]],
    user: str,
    action: str = "update",
) -> None:
    conflicts.bump(c)  # a form open elsewhere must not overwrite this
    conflicts.trail(
        session, c, entity=ENTITY, label=c.number, changes=changes, user=user, action=action
    )


def close_campaign(
    engine: Engine, campaign_id: int, user: str, *, closed_on: date | None = None
) -> CampaignData:
    """Analysed: the campaign becomes read-only."""
    closed_on = closed_on or date.today()
    with Session(engine) as session:
        c = editable_campaign(session, campaign_id)
        changes = [
            ("status", c.status, CampaignStatus.CLOSED.value),
            ("closed_on", None, closed_on.isoformat()),
            ("closed_by", None, user or None),
        ]
        c.status, c.closed_on, c.closed_by = CampaignStatus.CLOSED.value, closed_on, user
        touch(session, c, changes, user, action="close")
        session.commit()
        return campaign_in(session, campaign_id)  # type: ignore[return-value]


def reopen_campaign(engine: Engine, campaign_id: int, *, reason: str, user: str) -> CampaignData:
    """A closed campaign opened again for corrections; the reason stays in the trail."""
    if not reason.strip():
        raise ValidationError({"reason": FieldError("required")})
    with Session(engine) as session:
        c = session.get(SurveyCampaign, campaign_id)
        if c is None:
            raise ValueError(f"no survey campaign {campaign_id}")
        if c.status != CampaignStatus.CLOSED.value:
            raise ValidationError({"status": FieldError("survey_not_closed")})
        changes = [
            ("status", c.status, CampaignStatus.OPEN.value),
            ("closed_on", audit_service.as_text(c.closed_on), None),
            ("closed_by", c.closed_by or None, None),
            ("reopen_reason", None, reason.strip()),
        ]
        c.status, c.closed_on, c.closed_by = CampaignStatus.OPEN.value, None, ""
        touch(session, c, changes, user, action="reopen")
        session.commit()
        return campaign_in(session, campaign_id)  # type: ignore[return-value]


# ---------------------------------------------------------------- improvement actions


def open_action(
    engine: Engine,
    campaign_id: int,
    *,
    item_key: str,
    description: str,
    due: date | None,
    user: str,
    department: str = "",
    owner: str = "",
    kind: str = "corrective",
) -> CampaignData:
    """An improvement action for one item of the campaign (an item below the threshold)."""
    action = ActionData(
        kind=kind,
        description=description.strip(),
        department=department.strip(),
        owner=owner.strip(),
        due=due,
    )
    with Session(engine) as session:
        c = editable_campaign(session, campaign_id)
        template = template_in(session, c.template_id)
        items = {i.key: i.name for i in template.items} if template else {}
        errors: dict[str, FieldError] = {}

        def put(path: str, error: FieldError | None) -> None:
            path = path.removeprefix("actions[0].")
            if error and path not in errors:
                errors[path] = error

        if item_key not in items:
            put("item_key", FieldError("survey_item_unknown"))
        action_service.validate([action], put, earliest=c.period_start, today=date.today())
        if errors:
            raise ValidationError(errors)
        position = session.exec(
            select(func.count()).where(CorrectiveAction.campaign_id == campaign_id)
        ).one()
        session.add(
            CorrectiveAction(
                campaign_id=campaign_id,
                survey_item_key=item_key,
                position=position,
                kind=kind,
                description=action.description,
                department=action.department,
                owner=action.owner,
                due=due,
            )
        )
        label = f"actions[{position + 1}]"
        changes = [
            (f"{label}.item", None, items[item_key]),
            *(
                (f"{label}.{name}", None, audit_service.as_text(getattr(action, name)))
                for name in ("kind", "description", "department", "owner", "due")
                if getattr(action, name)
            ),
        ]
        touch(session, c, changes, user)
        session.commit()
        return campaign_in(session, campaign_id)  # type: ignore[return-value]


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
) -> CampaignData:
    """Record the verification of an improvement action."""
    owner_id = action_service.verify_for_owner(
        engine,
        action_id,
        _action_and_campaign,
        touch,
        effective=effective,
        verified_by=verified_by,
        verified_on=verified_on,
        user=user,
        note=note,
        new_due=new_due,
    )
    return get_campaign(engine, owner_id)  # type: ignore[return-value]


def reschedule_action(
    engine: Engine, action_id: int, *, new_due: date, reason: str, user: str
) -> CampaignData:
    owner_id = action_service.reschedule_for_owner(
        engine, action_id, _action_and_campaign, touch, new_due=new_due, reason=reason, user=user
    )
    return get_campaign(engine, owner_id)  # type: ignore[return-value]


def _action_and_campaign(
    session: Session, action_id: int
) -> tuple[CorrectiveAction, SurveyCampaign]:
    action = session.get(CorrectiveAction, action_id)
    if action is None or action.campaign_id is None:
        raise ValueError(f"no survey action {action_id}")
    return action, editable_campaign(session, action.campaign_id)
