"""Survey answers: one customer's response to a campaign, entered from the phone or the paper form.

Seed 001: who answered, when, how (phone / e-mail / visit / paper) and who asked. An answer after
the campaign's answer-by date is accepted and marked late; an item left out makes it partial and
does not count in the index. A customer not on the list who answers is added to it with the tier
the coverage rules give it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from app.models import Customer, SurveyAnswer, SurveyCampaign, SurveyInvitee, SurveyResponse
from app.models.common import utcnow
from app.services import audit_service
from app.services.customer_service import choices_text
from app.services.survey_campaigns import editable_campaign, invitee_flat, touch
from app.services.survey_coverage import first_contacts, tier_of_customer
from app.services.survey_data import (
    COMPETITOR_LABELS,
    KEEP_BUYING_LABELS,
    METHOD_LABELS,
    AnswerData,
    InviteeData,
    ResponseData,
    ResponseRow,
    TemplateData,
)
from app.services.survey_results import level_range, response_index
from app.services.survey_templates import template_in
from app.services.validation import FieldError, ValidationError, check_length

ENTITY = "survey_response"
FIELDS = (
    "answered_on", "respondent", "respondent_title", "method", "surveyor", "keep_buying",
    "recommend", "comments",
)  # fmt: skip
_LIMITS = {"respondent": 60, "respondent_title": 60, "surveyor": 60, "comments": 4000}


def blank_response(engine: Engine, campaign_id: int, customer_id: int) -> ResponseData:
    """A response to fill in: one empty answer per item, the invitee's contact as respondent."""
    with Session(engine) as session:
        c = session.get(SurveyCampaign, campaign_id)
        if c is None:
            raise ValueError(f"no survey campaign {campaign_id}")
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise ValueError(f"no customer {customer_id}")
        template = template_in(session, c.template_id)
        invitee = session.exec(
            select(SurveyInvitee).where(
                SurveyInvitee.campaign_id == campaign_id, SurveyInvitee.customer_id == customer_id
            )
        ).first()
        respondent = (
            invitee.contact_name
            if invitee is not None
            else first_contacts(session, [customer_id]).get(customer_id, ("", ""))[0]
        )
        return ResponseData(
            campaign_id=campaign_id,
            customer_id=customer_id,
            answered_on=date.today(),
            respondent=respondent,
            answers=[AnswerData(item_id=i.id) for i in template.items],  # type: ignore[union-attr, arg-type]
            customer_code=customer.code,
            customer_name=customer.name,
        )


def normalize_response(data: ResponseData, template: TemplateData) -> ResponseData:
    """Trim text; drop what the template does not ask."""
    for name in ("respondent", "respondent_title", "surveyor", "comments", "method", "keep_buying"):
        setattr(data, name, getattr(data, name).strip())
    for answer in data.answers:
        answer.competitor = answer.competitor.strip()
        if not template.ask_importance:
            answer.importance = None
        if not template.ask_competitor:
            answer.competitor = ""
    if not template.ask_loyalty:
        data.keep_buying, data.recommend = "", None
    return data


def validate_response(
    data: ResponseData,
    template: TemplateData,
    today: date | None = None,
    *,
    period_start: date | None = None,
) -> None:
    """Raise ValidationError with one message per bad field; items may be left unanswered."""
    today = today or date.today()
    errors: dict[str, FieldError] = {}

    def put(path: str, error: FieldError | None) -> None:
        if error and path not in errors:
            errors[path] = error

    if data.answered_on is None:
        put("answered_on", FieldError("required"))
    elif data.answered_on > today:
        put("answered_on", FieldError("date_future"))
    elif period_start is not None and data.answered_on < period_start:
        put("answered_on", FieldError("survey_before_period", {"date": period_start.isoformat()}))
    if data.method not in METHOD_LABELS:
        put("method", FieldError("choice", {"value": data.method, "allowed": choices_text(METHOD_LABELS)}))  # fmt: skip
    if data.keep_buying and data.keep_buying not in KEEP_BUYING_LABELS:
        put("keep_buying", FieldError("choice", {"value": data.keep_buying, "allowed": choices_text(KEEP_BUYING_LABELS)}))  # fmt: skip
    if data.recommend is not None and not 0 <= data.recommend <= 10:
        put("recommend", FieldError("range", {"min": 0, "max": 10}))
    for name, limit in _LIMITS.items():
        put(name, check_length(getattr(data, name), limit))
    items = {i.id for i in template.items}
    low, high = level_range(template.scale)
    seen: set[int] = set()
    for i, answer in enumerate(data.answers):
        at = f"answers[{i}]."
        if answer.item_id not in items:
            put(at + "item_id", FieldError("survey_item_unknown"))
        elif answer.item_id in seen:
            put(at + "item_id", FieldError("survey_item_twice"))
        seen.add(answer.item_id)
        if answer.level is not None and not low <= answer.level <= high:
            put(at + "level", FieldError("range", {"min": low, "max": high}))
        if answer.importance is not None and not 1 <= answer.importance <= 5:
            put(at + "importance", FieldError("range", {"min": 1, "max": 5}))
        if answer.competitor and answer.competitor not in COMPETITOR_LABELS:
            put(at + "competitor", FieldError("choice", {"value": answer.competitor, "allowed": choices_text(COMPETITOR_LABELS)}))  # fmt: skip
    if errors:
        raise ValidationError(errors)


def _marks(data: ResponseData, template: TemplateData, answer_by: date | None) -> None:
    """late, partial and the index, as stored on the row for the lists."""
    levels = {a.item_id: a.level for a in data.answers}
    data.partial = any(levels.get(i.id) is None for i in template.items)
    data.late = bool(answer_by and data.answered_on and data.answered_on > answer_by)
    data.index_pct = response_index(
        levels,
        {i.id: i.weight or 0.0 for i in template.items},  # type: ignore[misc]
        template.scale,
        template.five_scores,
    )


def _flat(data: ResponseData, template: TemplateData) -> dict[str, object]:
    flat: dict[str, object] = {name: getattr(data, name) for name in FIELDS}
    by_item = {a.item_id: a for a in data.answers}
    for item in template.items:
        answer = by_item.get(item.id)  # type: ignore[arg-type]
        if answer is None:
            continue
        flat[f"answers[{item.name}].level"] = answer.level
        flat[f"answers[{item.name}].importance"] = answer.importance
        flat[f"answers[{item.name}].competitor"] = answer.competitor
    return flat


def _response_in(
    session: Session, campaign_id: int, customer_id: int, template: TemplateData
) -> ResponseData | None:
    row = session.exec(
        select(SurveyResponse).where(
            SurveyResponse.campaign_id == campaign_id, SurveyResponse.customer_id == customer_id
        )
    ).first()
    if row is None:
        return None
    stored = {
        a.item_id: a
        for a in session.exec(select(SurveyAnswer).where(SurveyAnswer.response_id == row.id))
    }
    customer = session.get(Customer, customer_id)
    answers = []
    for item in template.items:
        a = stored.get(item.id)  # type: ignore[arg-type]
        answers.append(
            AnswerData(item.id, a.level, a.importance, a.competitor)  # type: ignore[arg-type]
            if a is not None
            else AnswerData(item.id)  # type: ignore[arg-type]
        )
    data = ResponseData(
        campaign_id=campaign_id,
        customer_id=customer_id,
        **{name: getattr(row, name) for name in FIELDS},
        answers=answers,
    )
    data.id, data.uuid = row.id, row.uuid
    data.late, data.partial, data.index_pct = row.late, row.partial, row.index_pct
    data.customer_code, data.customer_name = customer.code, customer.name  # type: ignore[union-attr]
    return data


def get_response(engine: Engine, campaign_id: int, customer_id: int) -> ResponseData | None:
    with Session(engine) as session:
        c = session.get(SurveyCampaign, campaign_id)
        if c is None:
            return None
        template = template_in(session, c.template_id)
        return _response_in(session, campaign_id, customer_id, template)  # type: ignore[arg-type]


def save_response(engine: Engine, data: ResponseData, user: str) -> ResponseData:
    """Create or update a customer's response; late, partial and the index are recomputed."""
    with Session(engine) as session:
        c = editable_campaign(session, data.campaign_id)
        template = template_in(session, c.template_id)
        data = normalize_response(data, template)  # type: ignore[arg-type]
        validate_response(data, template, date.today(), period_start=c.period_start)  # type: ignore[arg-type]
        customer = session.get(Customer, data.customer_id)
        if customer is None:
            raise ValidationError({"customer_id": FieldError("customer_unknown")})
        _marks(data, template, c.answer_by)  # type: ignore[arg-type]
        _ensure_invitee(session, c, customer, user)
        before = _response_in(session, c.id, customer.id, template)  # type: ignore[arg-type]
        row = session.exec(
            select(SurveyResponse).where(
                SurveyResponse.campaign_id == c.id, SurveyResponse.customer_id == customer.id
            )
        ).first()
        if row is None:
            row = SurveyResponse(
                campaign_id=c.id, customer_id=customer.id, answered_on=data.answered_on
            )  # type: ignore[arg-type]
            action = "create"
            changes = audit_service.diff({}, _flat(data, template))  # type: ignore[arg-type]
        else:
            action = "update"
            changes = audit_service.diff(_flat(before, template), _flat(data, template))  # type: ignore[arg-type]
            if not changes:
                return before  # type: ignore[return-value]
        for name in FIELDS:
            setattr(row, name, getattr(data, name))
        row.late, row.partial, row.index_pct = data.late, data.partial, data.index_pct
        row.updated_at = utcnow()
        session.add(row)
        session.flush()
        _write_answers(session, row.id, data)  # type: ignore[arg-type]
        audit_service.record(
            session,
            entity=ENTITY,
            entity_uuid=row.uuid,
            label=f"{c.number} {customer.code}",
            action=action,
            changes=changes,
            user=user,
        )
        session.commit()
        return _response_in(session, c.id, customer.id, template)  # type: ignore[return-value, arg-type]


def _ensure_invitee(session: Session, c, customer: Customer, user: str) -> None:  # noqa: ANN001
    """A customer not on the list who answers is added to it, with its computed tier."""
    exists = session.exec(
        select(SurveyInvitee.id).where(
            SurveyInvitee.campaign_id == c.id, SurveyInvitee.customer_id == customer.id
        )
    ).first()
    if exists is not None:
        return
    name, phone = first_contacts(session, [customer.id]).get(customer.id, ("", ""))  # type: ignore[arg-type]
    invitee = InviteeData(
        customer_id=customer.id,  # type: ignore[arg-type]
        tier=tier_of_customer(session, customer.id, volume_year=c.volume_year, on=c.period_start),  # type: ignore[arg-type]
        contact_name=name,
        contact_phone=phone,
    )
    session.add(
        SurveyInvitee(
            campaign_id=c.id,
            customer_id=customer.id,  # type: ignore[arg-type]
            tier=invitee.tier,
            contact_name=name,
            contact_phone=phone,
        )
    )
    touch(session, c, invitee_flat(customer.code, invitee), user)


def _write_answers(session: Session, response_id: int, data: ResponseData) -> None:
    """Answers keep their row; an answer wholly blank is not stored."""
    stored = {
        a.item_id: a
        for a in session.exec(select(SurveyAnswer).where(SurveyAnswer.response_id == response_id))
    }
    kept: set[int] = set()
    for answer in data.answers:
        if answer.level is None and answer.importance is None and not answer.competitor:
            continue
        row = stored.get(answer.item_id)
        if row is None:
            row = SurveyAnswer(response_id=response_id, item_id=answer.item_id)
        else:
            kept.add(answer.item_id)
            row.updated_at = utcnow()
        row.level, row.importance, row.competitor = (
            answer.level,
            answer.importance,
            answer.competitor,
        )
        session.add(row)
    for item_id, row in stored.items():
        if item_id not in kept:
            session.delete(row)


def response_rows(engine: Engine, campaign_id: int) -> list[ResponseRow]:
    """Every invitee with its answer, if any, by customer code (one query)."""
    query = (
        select(SurveyInvitee, Customer.code, Customer.name, SurveyResponse)
        .join(Customer, Customer.id == SurveyInvitee.customer_id)
        .outerjoin(
            SurveyResponse,
            (SurveyResponse.campaign_id == SurveyInvitee.campaign_id)
            & (SurveyResponse.customer_id == SurveyInvitee.customer_id),
        )
        .where(SurveyInvitee.campaign_id == campaign_id)
        .order_by(Customer.code)
    )
    with Session(engine) as session:
        return [
            ResponseRow(
                customer_id=i.customer_id,
                customer_code=code,
                customer_name=name,
                tier=i.tier,
                answered_on=r.answered_on if r else None,
                method=r.method if r else "",
                surveyor=r.surveyor if r else "",
                index_pct=r.index_pct if r else None,
                late=r.late if r else False,
                partial=r.partial if r else False,
            )
            for i, code, name, r in session.exec(query)
        ]


def delete_response(
    engine: Engine, campaign_id: int, customer_id: int, *, reason: str, user: str
) -> None:
    """Remove an answer entered in error; the customer stays invited, the reason in the trail."""
    if not reason.strip():
        raise ValidationError({"reason": FieldError("required")})
    with Session(engine) as session:
        c = editable_campaign(session, campaign_id)
        template = template_in(session, c.template_id)
        before = _response_in(session, campaign_id, customer_id, template)  # type: ignore[arg-type]
        if before is None:
            raise ValidationError({"customer_id": FieldError("survey_no_response")})
        customer = session.get(Customer, customer_id)
        changes = [
            (field, old, None)
            for field, old, _ in audit_service.diff(_flat(before, template), {})  # type: ignore[arg-type]
        ]
        changes.append(("delete_reason", None, reason.strip()))
        session.exec(delete(SurveyAnswer).where(col(SurveyAnswer.response_id) == before.id))  # type: ignore[call-overload]
        session.exec(delete(SurveyResponse).where(col(SurveyResponse.id) == before.id))  # type: ignore[call-overload]
        audit_service.record(
            session,
            entity=ENTITY,
            entity_uuid=before.uuid or "",
            label=f"{c.number} {customer.code}",  # type: ignore[union-attr]
            action="delete",
            changes=changes,
            user=user,
        )
        session.commit()


def history(engine: Engine, data: ResponseData) -> list[audit_service.AuditRow]:
    return audit_service.history(engine, ENTITY, data.uuid or "")
