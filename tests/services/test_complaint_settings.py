"""Complaint settings: stored with a trail, refused when bad, and deadlines follow them."""

from __future__ import annotations

from datetime import date

import pytest

from app.services import audit_service, complaint_service, complaint_settings
from app.services.complaint_settings import DeadlineRule
from app.services.validation import ValidationError
from app.services.work_calendar import DayOverride
from tests.services.complaint_factory import customer, local, register


def test_settings_round_trip_with_trail(engine):
    settings = complaint_settings.load(engine)
    settings.defect_categories.append("锈蚀")
    settings.rules["first_reply"] = DeadlineRule(4, "hours")
    settings.calendar_overrides = [DayOverride(date(2026, 10, 9), False, "停产")]
    settings.confirmed_years = [2027]
    complaint_settings.save(engine, settings, "qe")
    stored = complaint_settings.load(engine)
    assert stored.defect_categories[-1] == "锈蚀"
    assert stored.rules["first_reply"] == DeadlineRule(4, "hours")
    assert stored.calendar_overrides == [DayOverride(date(2026, 10, 9), False, "停产")]
    assert stored.calendar().knows_year(2027)
    trail = {r.field: r.new_value for r in audit_service.history(engine, "setting", "complaints")}
    assert trail["rules.first_reply"] == "4 hours" and trail["calendar.2026-10-09"] == "off 停产"


def test_bad_settings_are_refused_by_field(engine):
    settings = complaint_settings.load(engine)
    settings.number_prefix = "K S"
    settings.departments = ["生产部", "生产部"]
    settings.rules["containment"] = DeadlineRule(0, "hours")
    settings.rules["answer_normal"] = DeadlineRule(7, "weeks")
    settings.calendar_overrides = [
        DayOverride(date(2026, 1, 2), False),
        DayOverride(date(2026, 1, 2), True),
    ]
    with pytest.raises(ValidationError) as refused:
        complaint_settings.save(engine, settings, "qe")
    assert set(refused.value.errors) == {
        "number_prefix", "departments[1]", "rules.containment", "rules.answer_normal",
        "calendar_overrides[1]",
    }  # fmt: skip
    assert complaint_settings.load(engine).number_prefix == "KS"


def test_a_company_shutdown_moves_open_deadlines_after_recompute(engine):
    ticket = register(engine, customer(engine), first_reply_at=local(2026, 9, 30, 11, 0))
    ticket.containment_reply_at = local(2026, 9, 30, 12, 0)
    ticket = complaint_service.update(engine, ticket, "qe")
    row = complaint_service.rows_for_ids(engine, [ticket.id])[ticket.id]
    assert (row.next_due_key, row.next_due) == ("answer", local(2026, 10, 7, 10, 0))
    settings = complaint_settings.load(engine)
    settings.rules["answer_normal"] = DeadlineRule(7, "working_days")
    settings.calendar_overrides = [DayOverride(date(2026, 10, 9), False, "停产检修")]
    complaint_settings.save(engine, settings, "qe")
    assert complaint_service.recompute_open(engine) == 1
    row = complaint_service.rows_for_ids(engine, [ticket.id])[ticket.id]
    # action reply: 10-08, 10-10 (调休 Sat), 10-12 → due 10-12; it is now the earliest
    assert (row.next_due_key, row.next_due) == ("action_reply", local(2026, 10, 12, 10, 0))
