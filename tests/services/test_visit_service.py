"""Visit reports: validation, numbers, follow-ups through action_service, cadence and overdue."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from app.models import AuditEntry, CorrectiveAction, SyncTombstone
from app.services import customer_service, machine, visit_service
from app.services.validation import ValidationError
from app.services.visit_service import VisitSettings
from tests.services.complaint_factory import customer
from tests.services.field_factory import TODAY, follow_up, visit_data, write_visit
from tests.trail import trail_changes


def errors_of(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.messages("en")


def create(engine, data):
    return visit_service.create(engine, data, "engineer", today=TODAY)


def trail(engine, uuid, action=None):
    rows = trail_changes(
        engine, AuditEntry.entity == "visit_report", AuditEntry.entity_uuid == uuid
    )
    return [r for r in rows if action is None or r.action == action]


# ---------------------------------------------------------------- validation and numbers


def test_required_and_date_rules(engine):
    c = customer(engine)
    empty = visit_service.blank_visit(engine, today=TODAY)
    empty.visited_on = None
    assert errors_of(lambda: create(engine, empty)) == {
        "customer_id": "Required.",
        "visited_on": "Required.",
        "visitors": "Required.",
    }
    future = visit_data(c, visited_on=date(2026, 10, 21))
    assert errors_of(lambda: create(engine, future)) == {
        "visited_on": "The date cannot be later than today."
    }
    next_same_day = visit_data(c, next_visit_on=date(2026, 10, 8), topics="T" * 4001)
    assert errors_of(lambda: create(engine, next_same_day)) == {
        "next_visit_on": "The next visit must be after this visit.",
        "topics": "Too long (at most 4000 characters).",
    }
    assert errors_of(lambda: create(engine, visit_data(424242))) == {
        "customer_id": "This customer does not exist; pick again."
    }


def test_follow_ups_are_validated_next_to_their_fields(engine):
    c = customer(engine)
    data = visit_data(
        c,
        actions=[
            follow_up(due=date(2026, 10, 1)),
            follow_up(description="", due=None, owner="王芳"),
            follow_up(done_on=date(2026, 10, 25)),
        ],
    )
    assert errors_of(lambda: create(engine, data)) == {
        "actions[0].due": "Cannot be before the visit.",
        "actions[1].description": "Required.",
        "actions[1].due": "Required.",
        "actions[2].done_on": "The date cannot be later than today.",
    }


def test_numbers_with_and_without_machine_code(engine):
    c = customer(engine)
    first, second = write_visit(engine, c), write_visit(engine, c)
    machine.set_machine_code(engine, "L2", "admin")
    laptop = write_visit(engine, c, visited_on=date(2025, 6, 3))
    assert [first.number, second.number, laptop.number] == [
        "ZF-2026-0001",
        "ZF-2026-0002",
        "ZF-L2-2025-0001",
    ]
    assert visit_service.get_by_number(engine, "zf-l2-2025-0001").id == laptop.id


def test_create_update_and_the_trail(engine):
    c = customer(engine)
    visit = write_visit(engine, c, visitors="李强、赵敏", actions=[follow_up()])
    assert visit.visitor_list == ["李强", "赵敏"]
    created = {r.field: r.new_value for r in trail(engine, visit.uuid, "create")}
    assert created["number"] == "ZF-2026-0001"
    assert created["actions[1].description"] == "提供装配指导书"
    assert created["actions[1].due"] == "2026-10-30"
    visit.feedback = "交付及时,包装需改进"
    visit.actions[0].due = date(2026, 11, 15)
    visit.actions.append(follow_up(description="包装改进方案", due=date(2026, 11, 30)))
    updated = visit_service.update(engine, visit, "boss", today=TODAY)
    changes = {(r.field, r.old_value, r.new_value) for r in trail(engine, visit.uuid, "update")}
    assert changes == {
        ("feedback", "交付及时", "交付及时,包装需改进"),
        ("actions[1].due", "2026-10-30", "2026-11-15"),
        ("actions[2].kind", None, "corrective"),
        ("actions[2].description", None, "包装改进方案"),
        ("actions[2].owner", None, "李强"),
        ("actions[2].due", None, "2026-11-30"),
    }
    assert [a.first_due for a in updated.actions] == [date(2026, 10, 30), date(2026, 11, 30)]
    assert len(updated.open_actions) == 2


def test_verify_and_reschedule_follow_ups(engine):
    c = customer(engine)
    visit = write_visit(engine, c, actions=[follow_up(), follow_up(description="第二项")])
    first, second = visit.actions
    visit.actions[0].done_on = date(2026, 10, 15)
    visit = visit_service.update(engine, visit, "engineer", today=TODAY)
    visit = visit_service.verify_action(
        engine, first.id, effective=True, verified_by="品保 陈静",
        verified_on=date(2026, 10, 18), user="qa",
    )  # fmt: skip
    assert visit.actions[0].verification == "effective"
    assert [a.description for a in visit.open_actions] == ["第二项"]
    visit = visit_service.reschedule_action(
        engine, second.id, new_due=date(2099, 1, 31), reason="顾客停产检修", user="qa"
    )
    assert visit.actions[1].due == date(2099, 1, 31)
    assert visit.actions[1].first_due == date(2026, 10, 30)
    fields = {(r.field, r.new_value) for r in trail(engine, visit.uuid, "update")}
    assert ("actions[1].verification", "effective") in fields
    assert ("actions[2].reschedule_reason", "顾客停产检修") in fields
    with pytest.raises(ValueError):
        visit_service.verify_action(
            engine, 999999, effective=True, verified_by="x", verified_on=TODAY, user="qa"
        )


def test_add_action_names_fields_without_row_prefix(engine):
    c = customer(engine)
    visit = write_visit(engine, c)
    with pytest.raises(ValidationError) as caught:
        visit_service.add_action(engine, visit.id, description="", due=date(2026, 11, 1), user="u")
    assert caught.value.messages("en") == {"description": "Required."}
    added = visit_service.add_action(
        engine, visit.id, description="寄送样件", due=date(2026, 11, 1), user="u", owner="赵敏"
    )
    assert [(a.description, a.owner) for a in added.actions] == [("寄送样件", "赵敏")]


def test_delete_keeps_values_and_leaves_a_tombstone(engine):
    c = customer(engine)
    visit = write_visit(engine, c, actions=[follow_up()])
    visit_service.delete(engine, visit.id, "boss", reason="录错顾客")
    assert visit_service.get(engine, visit.id) is None
    with Session(engine) as session:
        assert session.exec(select(CorrectiveAction)).all() == []
        stones = session.exec(select(SyncTombstone)).all()
    assert [(s.entity, s.uuid, s.label) for s in stones] == [
        ("visit_report", visit.uuid, "ZF-2026-0001")
    ]
    deleted = {r.field: (r.old_value, r.new_value) for r in trail(engine, visit.uuid, "delete")}
    assert deleted["topics"] == ("季度质量回顾", None)
    assert deleted["actions[1].description"] == ("提供装配指导书", None)
    assert deleted["delete_reason"] == (None, "录错顾客")
    assert write_visit(engine, c).number == "ZF-2026-0002"


# ---------------------------------------------------------------- cadence


def since(engine, code, cooperation_since, **kwargs):
    return customer(
        engine, code=code, name=f"顾客 {code}", cooperation_since=cooperation_since, **kwargs
    )


def test_first_year_monthly_later_quarterly(engine):
    new = since(engine, "NEW", date(2026, 3, 1))
    old = since(engine, "OLD", date(2015, 5, 1))
    write_visit(engine, new, visited_on=date(2026, 8, 31))  # first year: due 30 Sep
    write_visit(engine, old, visited_on=date(2026, 7, 10))  # later: due 10 Oct
    overdue = visit_service.overdue_visits(engine, TODAY)
    assert [
        (o.customer_code, o.last_visit, o.every_months, o.due, o.days_overdue) for o in overdue
    ] == [
        ("NEW", date(2026, 8, 31), 1, date(2026, 9, 30), 20),
        ("OLD", date(2026, 7, 10), 3, date(2026, 10, 10), 10),
    ]
    assert overdue[0].last_visit_number == "ZF-2026-0001"
    # due today is not overdue yet
    assert visit_service.overdue_visits(engine, date(2026, 9, 30)) == []
    assert [o.customer_code for o in visit_service.overdue_visits(engine, date(2026, 10, 1))] == [
        "NEW"
    ]


def test_the_first_year_ends_twelve_months_after_cooperation_began(engine):
    c = since(engine, "C1", date(2025, 10, 15))
    write_visit(engine, c, visited_on=date(2026, 10, 14))  # still the first year
    assert visit_service.overdue_visits(engine, date(2026, 11, 15))[0].due == date(2026, 11, 14)
    write_visit(engine, c, visited_on=date(2026, 10, 15))  # the second year: quarterly
    assert visit_service.overdue_visits(engine, date(2027, 1, 15)) == []
    assert visit_service.overdue_visits(engine, date(2027, 1, 16))[0].every_months == 3


def test_a_plan_overrides_the_settings_and_can_be_removed(engine):
    c = since(engine, "KEY", date(2010, 1, 1))
    write_visit(engine, c, visited_on=date(2026, 9, 10))
    assert visit_service.overdue_visits(engine, TODAY) == []
    visit_service.set_visit_plan(engine, c, 1, "boss")
    overdue = visit_service.overdue_visits(engine, TODAY)
    assert [(o.due, o.every_months, o.planned) for o in overdue] == [(date(2026, 10, 10), 1, True)]
    assert visit_service.visit_plan(engine, c) == 1
    visit_service.set_visit_plan(engine, c, None, "boss")
    assert visit_service.visit_plan(engine, c) is None
    assert visit_service.overdue_visits(engine, TODAY) == []
    customer_uuid = customer_service.get(engine, c).uuid
    rows = trail_changes(engine, AuditEntry.entity_uuid == customer_uuid)
    changes = [(r.old_value, r.new_value) for r in rows if r.field == "visit_every_months"]
    assert changes == [(None, "1"), ("1", None)]
    with pytest.raises(ValidationError) as caught:
        visit_service.set_visit_plan(engine, c, 0, "boss")
    assert caught.value.messages("en") == {"every_months": "Must be between 1 and 36."}


def test_settings_change_the_cadence(engine):
    c = since(engine, "S", date(2010, 1, 1))
    write_visit(engine, c, visited_on=date(2026, 6, 1))
    assert [o.due for o in visit_service.overdue_visits(engine, TODAY)] == [date(2026, 9, 1)]
    visit_service.save_visit_settings(engine, VisitSettings(1, 6), "boss")
    assert visit_service.load_visit_settings(engine) == VisitSettings(1, 6)
    assert visit_service.overdue_visits(engine, TODAY) == []
    assert visit_service.overdue_visits(engine, date(2026, 12, 2))[0].due == date(2026, 12, 1)
    with pytest.raises(ValidationError) as caught:
        visit_service.save_visit_settings(engine, VisitSettings(0, 99), "boss")
    assert set(caught.value.errors) == {"first_year_months", "later_months"}


def test_never_visited_lost_and_unknown_start(engine):
    never = since(engine, "NEVER", date(2026, 8, 1))  # a new customer: first visit in a month
    since(engine, "OLD", date(2015, 3, 1))  # long-standing, never visited: starts with a visit
    since(engine, "NODATE", None)
    lost = since(engine, "LOST", date(2015, 1, 1), status="lost")
    write_visit(engine, lost, visited_on=date(2025, 1, 1))
    overdue = visit_service.overdue_visits(engine, TODAY)
    assert [(o.customer_id, o.last_visit, o.due, o.days_overdue) for o in overdue] == [
        (never, None, date(2026, 9, 1), 49)
    ]
    assert visit_service.overdue_visits(engine, date(2026, 9, 1)) == []
    # past its first year a never-visited customer is no longer counted from its start
    assert visit_service.overdue_visits(engine, date(2027, 8, 1)) == []


def test_blank_visit_suggests_the_next_visit(engine):
    c = since(engine, "B", date(2026, 1, 31))
    blank = visit_service.blank_visit(engine, c, today=date(2026, 1, 31))
    assert (blank.visited_on, blank.next_visit_on) == (date(2026, 1, 31), date(2026, 2, 28))
    assert visit_service.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert visit_service.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
