"""Complaint workflow: verify and reschedule actions, close, reopen (-1, -2 …), cancel.

Rules (SPEC §2.2; seed 002 §6.2.3, §6.3): a ticket closes only when its actions are verified,
prevention is done or waived with the general manager's approval, the customer has been
answered and the return visit found the customer satisfied. A closed, reopened or cancelled
ticket is read-only; an unsatisfied customer gets a new ticket with the origin's number
plus -1 (then -2 …) and fresh deadlines.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from sqlalchemy import Engine
from sqlmodel import Session, select

from app.models import Complaint, ComplaintStatus, ComplaintStep, CorrectiveAction
from app.models.common import utcnow
from app.services import (
    action_service,
    audit_service,
    complaint_service,
    complaint_settings,
    conflicts,
    numbering,
)
from app.services.complaint_data import STEP_COUNT, ComplaintData, StepData
from app.services.complaint_service import ENTITY, RecordLocked
from app.services.validation import FieldError, ValidationError

# responsibilities that call for our own corrective and preventive actions
NEEDS_CAPA = {"ours", "supplier"}


# ---------------------------------------------------------------- actions


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
) -> ComplaintData:
    """Record a verification. Not effective → the action is due again on new_due (seed 002 §6.3.1 B)."""
    owner_id = action_service.verify_for_owner(
        engine,
        action_id,
        _action_and_ticket,
        _touch,
        effective=effective,
        verified_by=verified_by,
        verified_on=verified_on,
        user=user,
        note=note,
        new_due=new_due,
    )
    return _refreshed(engine, owner_id)  # type: ignore[return-value]


def reschedule_action(
    engine: Engine, action_id: int, *, new_due: date, reason: str, user: str
) -> ComplaintData:
    """A late action gets a new due date; the old one stays in its history."""
    owner_id = action_service.reschedule_for_owner(
        engine, action_id, _action_and_ticket, _touch, new_due=new_due, reason=reason, user=user
    )
    return _refreshed(engine, owner_id)  # type: ignore[return-value]


def _action_and_ticket(session: Session, action_id: int) -> tuple[CorrectiveAction, Complaint]:
    action = session.get(CorrectiveAction, action_id)
    if action is None or action.complaint_id is None:
        raise ValueError(f"no action {action_id}")
    complaint = session.get(Complaint, action.complaint_id)
    if complaint.status != ComplaintStatus.OPEN.value:
        raise RecordLocked(complaint.number, complaint.status)
    return action, complaint


def _touch(
    session: Session,
    complaint: Complaint,
    changes: list[tuple[str, str | None, str | None]],
    user: str,
    action: str = "update",
) -> None:
    conflicts.bump(complaint)  # a form open elsewhere must not overwrite this
    conflicts.trail(
        session, complaint, entity=ENTITY, label=complaint.number, changes=changes, user=user,
        action=action,
    )  # fmt: skip


def _refreshed(engine: Engine, complaint_id: int) -> ComplaintData:
    """Re-read a ticket after a change and bring its list columns up to date."""
    settings = complaint_settings.load(engine)
    data = complaint_service.get(engine, complaint_id)
    with Session(engine) as session:
        c = session.get(Complaint, complaint_id)
        complaint_service.refresh_progress(c, data, settings)
        session.add(c)
        session.commit()
    return complaint_service.get(engine, complaint_id)  # type: ignore[return-value]


# ---------------------------------------------------------------- closing


def close_problems(data: ComplaintData) -> dict[str, FieldError]:
    """Why the ticket cannot be closed yet, by field path; empty when it can."""
    problems: dict[str, FieldError] = {}
    if data.status != ComplaintStatus.OPEN.value:
        problems["status"] = FieldError("not_open")
        return problems
    if data.responsibility == "undetermined":
        problems["responsibility"] = FieldError("close_responsibility")
    if data.responsibility in NEEDS_CAPA:
        if not any(a.kind == "corrective" for a in data.actions):
            problems["actions"] = FieldError("close_no_corrective")
        if not data.prevention_waived and not any(a.kind == "preventive" for a in data.actions):
            problems["prevention_waived"] = FieldError("close_no_prevention")
    unverified = [i + 1 for i, a in enumerate(data.actions) if a.verification != "effective"]
    if unverified:
        problems.setdefault(
            "actions",
            FieldError("close_unverified", {"rows": ", ".join(str(i) for i in unverified)}),
        )
    if data.prevention_waived and not (data.waiver_approved_by and data.waiver_approved_on):
        problems["waiver_approved_by"] = FieldError("close_waiver")
    if data.reply_at is None or not data.reply_content:
        problems["reply_content"] = FieldError("close_no_reply")
    if data.visit_at is None or data.visit_satisfied is None:
        problems["visit_satisfied"] = FieldError("close_no_visit")
    elif data.visit_satisfied is False:
        problems["visit_satisfied"] = FieldError("close_unsatisfied")
    return problems


def close(
    engine: Engine, complaint_id: int, *, user: str, note: str = "", closed_on: date | None = None
) -> ComplaintData:
    """Close the ticket (D8) when close_problems() finds nothing; afterwards it is read-only."""
    data = complaint_service.get(engine, complaint_id)
    if data is None:
        raise ValueError(f"no ticket {complaint_id}")
    problems = close_problems(data)
    closed_on = closed_on or date.today()
    if closed_on > date.today():
        problems["closed_on"] = FieldError("date_future")
    if problems:
        raise ValidationError(problems)
    # recorded later than it happened (e.g. from a paper file): it closed on that day
    now = (
        utcnow()
        if closed_on == date.today()
        else datetime.combine(closed_on, time(17)).astimezone()
    )
    with Session(engine) as session:
        c = session.get(Complaint, complaint_id)
        step8 = session.exec(
            select(ComplaintStep).where(
                ComplaintStep.complaint_id == complaint_id, ComplaintStep.step == STEP_COUNT
            )
        ).first() or ComplaintStep(complaint_id=complaint_id, step=STEP_COUNT)
        changes = [("status", c.status, ComplaintStatus.CLOSED.value)]
        if step8.done_on is None:
            changes.append((f"D{STEP_COUNT}.done_on", None, closed_on.isoformat()))
            step8.done_on = closed_on
        if not step8.owner:
            step8.owner = user
        if note.strip():
            changes.append(("closing_note", c.closing_note or None, note.strip()))
            c.closing_note = note.strip()
            if not step8.content:
                step8.content = note.strip()
        session.add(step8)
        c.status, c.closed_at, c.closed_by = ComplaintStatus.CLOSED.value, now, user
        c.next_due, c.next_due_key = None, ""
        c.current_step = (
            STEP_COUNT + 1 if _all_steps_done(session, complaint_id) else c.current_step
        )
        _touch(session, c, changes, user)
        session.commit()
    return complaint_service.get(engine, complaint_id)  # type: ignore[return-value]


def _all_steps_done(session: Session, complaint_id: int) -> bool:
    done = session.exec(
        select(ComplaintStep.step).where(
            ComplaintStep.complaint_id == complaint_id,
            ComplaintStep.done_on.is_not(None),  # type: ignore[union-attr]
        )
    ).all()
    return len(set(done)) == STEP_COUNT


# ---------------------------------------------------------------- reopening, cancelling


def can_reopen(data: ComplaintData) -> FieldError | None:
    if data.status == ComplaintStatus.CLOSED.value:
        return None
    if data.status == ComplaintStatus.OPEN.value and data.reply_at is not None:
        return None  # answered, and the customer is not satisfied with the answer
    if data.status == ComplaintStatus.OPEN.value:
        return FieldError("reopen_not_answered")
    return FieldError("not_open")


def reopen(
    engine: Engine, complaint_id: int, *, reason: str, user: str, now: datetime | None = None
) -> ComplaintData:
    """Open NUMBER-k for a customer not satisfied with the answer (seed 002 §6.3.2).

    The new ticket keeps the registration, team and problem description, restarts every
    deadline from now and links to its origin; the origin becomes read-only.
    """
    origin = complaint_service.get(engine, complaint_id)
    if origin is None:
        raise ValueError(f"no ticket {complaint_id}")
    errors: dict[str, FieldError] = {}
    if not reason.strip():
        errors["reopen_reason"] = FieldError("required")
    if (problem := can_reopen(origin)) is not None:
        errors["status"] = problem
    if errors:
        raise ValidationError(errors)
    now = now or utcnow()
    settings = complaint_settings.load(engine)
    fresh = ComplaintData(
        **{
            name: getattr(origin, name)
            for name in (
                "customer_id",
                "contact_name",
                "contact_phone",
                "channel",
                "kind",
                "product_model",
                "part_no",
                "batch_no",
                "production_date",
                "qty_delivered",
                "qty_defective",
                "defect_category",
                "description",
                "customer_request",
                "line_stopped",
                "severity",
                "urgency",
                "owner",
                "responsibility",
                "responsible_department",
            )
        }  # fmt: skip
    )
    fresh.received_at = now
    fresh.received_by = user
    fresh.steps = [StepData(i) for i in range(1, STEP_COUNT + 1)]
    for i in (1, 2):  # the team and the problem carry over; everything after restarts
        fresh.steps[i - 1] = replace(origin.step(i), done_on=None)
    fresh = complaint_service.normalize(fresh)
    complaint_service.validate(fresh, now=now)
    with Session(engine) as session:
        c = session.get(Complaint, complaint_id)
        root_id = c.root_id or c.id
        root = session.get(Complaint, root_id)
        index = numbering.next_reopen_index(session, root_id)
        number = numbering.format_number(root.prefix, root.year, root.seq, index) if root.seq else f"{root.number}-{index}"  # fmt: skip
        new = Complaint(
            **{name: getattr(fresh, name) for name in complaint_service.SCALAR_FIELDS},
            number=number,
            prefix=root.prefix,
            year=root.year,
            seq=root.seq,
            reopen_index=index,
            origin_id=c.id,
            root_id=root_id,
            reopen_reason=reason.strip(),
        )
        session.add(new)
        session.flush()
        for step in fresh.steps:
            if step.content or step.owner:
                session.add(
                    ComplaintStep(
                        complaint_id=new.id, step=step.step, content=step.content, owner=step.owner
                    )
                )
        complaint_service.refresh_progress(new, fresh, settings)
        session.add(new)
        audit_service.record(
            session,
            entity=ENTITY,
            entity_uuid=new.uuid,
            label=number,
            action="create",
            changes=[
                ("number", None, number),
                ("origin", None, c.number),
                ("reopen_reason", None, reason.strip()),
            ],
            user=user,
        )
        _touch(
            session,
            c,
            [("status", c.status, ComplaintStatus.REOPENED.value), ("reopened_as", None, number)],
            user,
        )
        c.status, c.next_due, c.next_due_key = ComplaintStatus.REOPENED.value, None, ""
        session.add(c)
        session.commit()
        new_id = new.id
    return complaint_service.get(engine, new_id)  # type: ignore[return-value]


def cancel(engine: Engine, complaint_id: int, *, reason: str, user: str) -> ComplaintData:
    """Void a ticket registered in error; its number stays used so numbering stays gap-free."""
    if not reason.strip():
        raise ValidationError({"cancel_reason": FieldError("required")})
    with Session(engine) as session:
        c = session.get(Complaint, complaint_id)
        if c is None:
            raise ValueError(f"no ticket {complaint_id}")
        if c.status != ComplaintStatus.OPEN.value:
            raise RecordLocked(c.number, c.status)
        _touch(
            session,
            c,
            [
                ("status", c.status, ComplaintStatus.CANCELLED.value),
                ("cancel_reason", None, reason.strip()),
            ],
            user,
        )
        c.status, c.cancel_reason = ComplaintStatus.CANCELLED.value, reason.strip()
        c.next_due, c.next_due_key = None, ""
        session.add(c)
        session.commit()
    return complaint_service.get(engine, complaint_id)  # type: ignore[return-value]
