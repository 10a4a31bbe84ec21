"""Deadlines of a complaint ticket, computed from the configurable rules and the work calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.i18n import pick
from app.services.complaint_settings import RULE_LABELS, ComplaintSettings, DeadlineRule
from app.services.work_calendar import WorkCalendar

# a due date without a time (an action's due day, the customer's own deadline) ends that day
END_OF_DAY = time(23, 59, 59)

LABELS: dict[str, tuple[str, str]] = {
    "first_reply": RULE_LABELS["first_reply"],
    "containment": RULE_LABELS["containment"],
    "action_reply": RULE_LABELS["action_reply"],
    "answer": ("答复顾客", "Answer to the customer"),
    "return_visit": ("回访", "Return visit"),
    "action": ("措施到期", "Action due"),
}


def deadline_label(key: str, lang: str | None = None) -> str:
    return pick(*LABELS[key], lang)


@dataclass(frozen=True)
class Deadline:
    key: str  # first_reply / containment / action_reply / answer / return_visit / action
    due: datetime
    done_at: datetime | None
    estimated_years: tuple[int, ...] = ()  # the calendar had to guess these years
    detail: str = ""  # e.g. which action

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def overdue(self, now: datetime) -> bool:
        return not self.done and self.due < now

    def late(self) -> bool:
        """Done, but after the deadline."""
        return self.done_at is not None and self.done_at > self.due


def apply_rule(
    start: datetime, rule: DeadlineRule, calendar: WorkCalendar
) -> tuple[datetime, set[int]]:
    if rule.unit == "hours":
        return start + timedelta(hours=rule.amount), set()
    if rule.unit == "days":
        return start + timedelta(days=rule.amount), set()
    return calendar.add_working_days(start, rule.amount)


def end_of_day(day: date, tz_like: datetime) -> datetime:
    """The end of a calendar day in the same time zone as tz_like."""
    local = datetime.combine(day, END_OF_DAY)
    return local.replace(tzinfo=tz_like.tzinfo) if tz_like.tzinfo else local


@dataclass(frozen=True)
class Milestones:
    """What a deadline needs to know about a ticket."""

    received_at: datetime
    urgency: str
    customer_deadline: date | None
    first_reply_at: datetime | None
    containment_reply_at: datetime | None
    action_reply_at: datetime | None
    reply_at: datetime | None
    visit_at: datetime | None
    open_actions: tuple[tuple[str, date, date | None], ...] = ()  # (label, due, done_on)


def compute(m: Milestones, settings: ComplaintSettings) -> list[Deadline]:
    """All deadlines of a ticket in the order the procedure runs them."""
    calendar = settings.calendar()
    # count in the PC's local time: working days are local calendar days
    received = m.received_at.astimezone() if m.received_at.tzinfo else m.received_at
    result: list[Deadline] = []

    def add(key: str, start: datetime, rule_key: str, done_at: datetime | None) -> None:
        due, estimated = apply_rule(start, settings.rules[rule_key], calendar)
        result.append(Deadline(key, due, done_at, tuple(sorted(estimated))))

    add("first_reply", received, "first_reply", m.first_reply_at)
    add("containment", received, "containment", m.containment_reply_at)
    if m.customer_deadline is not None:
        result.append(
            Deadline(
                "action_reply",
                end_of_day(m.customer_deadline, received),
                m.action_reply_at,
                detail="customer",
            )
        )
    else:
        add("action_reply", received, "action_reply", m.action_reply_at)
    answer_rule = "answer_urgent" if m.urgency == "urgent" else "answer_normal"
    add("answer", received, answer_rule, m.reply_at)
    if m.reply_at is not None:
        reply = m.reply_at.astimezone() if m.reply_at.tzinfo else m.reply_at
        add("return_visit", reply, "return_visit", m.visit_at)
    for label, due, done_on in m.open_actions:
        done_at = end_of_day(done_on, received) if done_on else None
        result.append(Deadline("action", end_of_day(due, received), done_at, detail=label))
    return result


def next_open(deadlines: list[Deadline]) -> Deadline | None:
    """The earliest deadline not yet met."""
    pending = [d for d in deadlines if not d.done]
    return min(pending, key=lambda d: d.due) if pending else None
