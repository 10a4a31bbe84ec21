"""Corrective/preventive actions 纠正/预防措施 (Q/JL060301-C), whichever record they belong to.

A complaint ticket and a return both own actions through a column of corrective_action
(complaint_id, return_id). The rules live here once: what a valid action is, how the rows are
stored, and how a verification or a new due date is recorded without losing the old one
(seed 002 §6.3.1 B). The owning service records the trail under its own record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, col, select

from app.models import ActionEvent, CorrectiveAction
from app.models.common import utcnow
from app.services import audit_service
from app.services.complaint_data import ACTION_KIND_LABELS, ActionData, ActionEventData
from app.services.customer_service import choices_text
from app.services.validation import FieldError, ValidationError, check_length

Changes = list[tuple[str, str | None, str | None]]
OWNER_COLUMNS = ("complaint_id", "return_id", "campaign_id", "visit_id")


def normalize(actions: list[ActionData]) -> list[ActionData]:
    """Trim text; drop wholly empty new rows."""
    for action in actions:
        action.description = action.description.strip()
        action.department = action.department.strip()
        action.owner = action.owner.strip()
    return [a for a in actions if a.id or a.description or a.owner or a.due or a.department]


def validate(
    actions: Sequence[ActionData],
    put: Callable[[str, FieldError | None], None],
    *,
    earliest: date | None,
    today: date,
) -> None:
    """Report bad fields as actions[i].field through put()."""
    for i, a in enumerate(actions):
        if a.kind not in ACTION_KIND_LABELS:
            put(f"actions[{i}].kind", FieldError("choice", {"value": a.kind, "allowed": choices_text(ACTION_KIND_LABELS)}))  # fmt: skip
        if not a.description:
            put(f"actions[{i}].description", FieldError("required"))
        put(f"actions[{i}].description", check_length(a.description, 2000))
        if not a.due:
            put(f"actions[{i}].due", FieldError("required"))
        elif earliest and a.due < earliest:
            put(f"actions[{i}].due", FieldError("before_received"))
        put(f"actions[{i}].department", check_length(a.department, 60))
        put(f"actions[{i}].owner", check_length(a.owner, 60))
        if a.done_on is not None:
            if a.done_on > today:
                put(f"actions[{i}].done_on", FieldError("date_future"))
            elif earliest and a.done_on < earliest:
                put(f"actions[{i}].done_on", FieldError("before_received"))


def flat(actions: Sequence[ActionData]) -> dict[str, object]:
    """The fields of the actions as the audit trail sees them."""
    result: dict[str, object] = {}
    for i, a in enumerate(actions):
        for key in ("kind", "description", "department", "owner", "due", "done_on"):
            result[f"actions[{i + 1}].{key}"] = getattr(a, key)
        result[f"actions[{i + 1}].verification"] = a.verification
    return result


def keep_verification(actions: Sequence[ActionData], stored: Sequence[ActionData]) -> None:
    """A form never sets a verification; only verify() does."""
    by_id = {a.id: a for a in stored}
    for a in actions:
        if (old := by_id.get(a.id)) is not None:
            a.verification, a.verified_by, a.verified_on = (
                old.verification,
                old.verified_by,
                old.verified_on,
            )
        else:
            a.id, a.verification, a.verified_by, a.verified_on = None, "", "", None


def load(
    session: Session, owner_column: str, owner_ids: Sequence[int]
) -> dict[int, list[ActionData]]:
    """The actions of many records with their history, by owner id."""
    owner = getattr(CorrectiveAction, owner_column)
    rows: dict[int, list[CorrectiveAction]] = {i: [] for i in owner_ids}
    for start in range(0, len(owner_ids), 500):
        chunk = list(owner_ids[start : start + 500])
        query = (
            select(CorrectiveAction)
            .where(col(owner).in_(chunk))
            .order_by(CorrectiveAction.position, CorrectiveAction.id)
        )
        for row in session.exec(query):
            rows[getattr(row, owner_column)].append(row)
    action_ids = [a.id for group in rows.values() for a in group]
    events: dict[int, list[ActionEvent]] = {i: [] for i in action_ids}
    for start in range(0, len(action_ids), 500):
        query = (
            select(ActionEvent)
            .where(col(ActionEvent.action_id).in_(action_ids[start : start + 500]))
            .order_by(ActionEvent.at, ActionEvent.id)
        )
        for event in session.exec(query):
            events[event.action_id].append(event)
    return {
        owner_id: [_to_data(a, events[a.id]) for a in group] for owner_id, group in rows.items()
    }


def _to_data(a: CorrectiveAction, events: Sequence[ActionEvent]) -> ActionData:
    return ActionData(
        a.kind, a.description, a.department, a.owner, a.due, a.done_on, a.verification,
        a.verified_by, a.verified_on, a.id, a.uuid,
        [
            ActionEventData(
                e.at, e.user, e.kind, e.result, e.verified_by, e.verified_on, e.old_due,
                e.new_due, e.note,
            )
            for e in events
        ],
    )  # fmt: skip


def write(
    session: Session, owner_column: str, owner_id: int, actions: Sequence[ActionData], user: str
) -> None:
    """Store the actions of one record: update in place, add new ones, delete removed ones.

    A changed due date adds a 'rescheduled' event; an action with a verification or history
    cannot be deleted (the record is kept).
    """
    owner = getattr(CorrectiveAction, owner_column)
    stored = {a.id: a for a in session.exec(select(CorrectiveAction).where(owner == owner_id))}
    kept: set[int] = set()
    for i, a in enumerate(actions):
        row = stored.get(a.id) if a.id is not None else None
        if row is None:
            row = CorrectiveAction(**{owner_column: owner_id})
        else:
            kept.add(row.id)
            if row.due is not None and a.due is not None and a.due != row.due:
                session.add(
                    ActionEvent(
                        action_id=row.id,
                        user=user,
                        kind="rescheduled",
                        old_due=row.due,
                        new_due=a.due,
                    )  # fmt: skip
                )
        row.position, row.kind, row.description = i, a.kind, a.description
        row.department, row.owner, row.due, row.done_on = a.department, a.owner, a.due, a.done_on
        row.updated_at = utcnow()
        session.add(row)
    for action_id, row in stored.items():
        if action_id not in kept:
            if (
                row.verification
                or session.exec(
                    select(ActionEvent.id).where(ActionEvent.action_id == action_id)
                ).first()
            ):
                raise ValidationError({"actions": FieldError("action_has_history")})
            session.delete(row)


def verify(
    session: Session,
    action: CorrectiveAction,
    *,
    effective: bool,
    verified_by: str,
    verified_on: date,
    user: str,
    note: str = "",
    new_due: date | None = None,
) -> Changes:
    """Record a verification; not effective → due again on new_due. Returns the trail changes."""
    errors: dict[str, FieldError] = {}
    if not verified_by.strip():
        errors["verified_by"] = FieldError("required")
    if verified_on > date.today():
        errors["verified_on"] = FieldError("date_future")
    if action.done_on is None:
        errors["verified_on"] = FieldError("action_not_done")
    elif verified_on < action.done_on:
        errors["verified_on"] = FieldError("before_done")
    if action.verification == "effective":
        errors["verified_on"] = FieldError("already_verified")
    if not effective:
        if new_due is None:
            errors["new_due"] = FieldError("required")
        elif new_due <= verified_on:
            errors["new_due"] = FieldError("due_after_verification")
    if errors:
        raise ValidationError(errors)
    event = ActionEvent(
        action_id=action.id,
        user=user,
        kind="verified",
        result="effective" if effective else "not_effective",
        verified_by=verified_by.strip(),
        verified_on=verified_on,
        note=note.strip(),
    )
    label = f"actions[{action.position + 1}]"
    if effective:
        changes: Changes = [
            (f"{label}.verification", None, "effective"),
            (f"{label}.verified_by", None, verified_by.strip()),
            (f"{label}.verified_on", None, verified_on.isoformat()),
        ]
        action.verification, action.verified_by = "effective", verified_by.strip()
        action.verified_on = verified_on
    else:
        event.old_due, event.new_due = action.due, new_due
        changes = [
            (f"{label}.verification", None, "not_effective"),
            (f"{label}.due", audit_service.as_text(action.due), new_due.isoformat()),  # type: ignore[union-attr]
            (f"{label}.done_on", audit_service.as_text(action.done_on), None),
        ]
        action.due, action.done_on = new_due, None
    if note.strip():
        changes.append((f"{label}.verification_note", None, note.strip()))
    action.updated_at = utcnow()
    session.add_all([action, event])
    return changes


def reschedule(
    session: Session, action: CorrectiveAction, *, new_due: date, reason: str, user: str
) -> Changes:
    """A late action gets a new due date; the old one stays in its history."""
    errors: dict[str, FieldError] = {}
    if not reason.strip():
        errors["reason"] = FieldError("required")
    if action.verification == "effective":
        errors["new_due"] = FieldError("already_verified")
    elif new_due == action.due:
        errors["new_due"] = FieldError("same_due")
    elif new_due < date.today():
        errors["new_due"] = FieldError("due_in_past")
    if errors:
        raise ValidationError(errors)
    session.add(
        ActionEvent(
            action_id=action.id,
            user=user,
            kind="rescheduled",
            old_due=action.due,
            new_due=new_due,
            note=reason.strip(),
        )
    )
    label = f"actions[{action.position + 1}]"
    changes: Changes = [
        (f"{label}.due", audit_service.as_text(action.due), new_due.isoformat()),
        (f"{label}.reschedule_reason", None, reason.strip()),
    ]
    action.due, action.updated_at = new_due, utcnow()
    session.add(action)
    return changes


# ---------------------------------------------------------------- on behalf of the owning record

Owner = TypeVar("Owner", bound=SQLModel)
LoadAction = Callable[[Session, int], tuple[CorrectiveAction, Owner]]
Touch = Callable[[Session, Owner, Changes, str], None]


def verify_for_owner(
    engine: Engine,
    action_id: int,
    load: LoadAction,
    touch: Touch,
    *,
    effective: bool,
    verified_by: str,
    verified_on: date,
    user: str,
    note: str = "",
    new_due: date | None = None,
) -> int:
    """verify() in one transaction with the trail under the owning record; returns its id.

    `load` finds the action and its owner (refusing a locked owner); `touch` records the
    changes in the owner's trail.
    """
    with Session(engine) as session:
        action, owner = load(session, action_id)
        changes = verify(
            session,
            action,
            effective=effective,
            verified_by=verified_by,
            verified_on=verified_on,
            user=user,
            note=note,
            new_due=new_due,
        )
        touch(session, owner, changes, user)
        session.commit()
        return owner.id  # type: ignore[attr-defined, no-any-return]


def reschedule_for_owner(
    engine: Engine,
    action_id: int,
    load: LoadAction,
    touch: Touch,
    *,
    new_due: date,
    reason: str,
    user: str,
) -> int:
    """reschedule() in one transaction with the trail under the owning record; returns its id."""
    with Session(engine) as session:
        action, owner = load(session, action_id)
        changes = reschedule(session, action, new_due=new_due, reason=reason, user=user)
        touch(session, owner, changes, user)
        session.commit()
        return owner.id  # type: ignore[attr-defined, no-any-return]
