"""Working days and deadlines: Golden Week, a make-up Saturday 调休, unknown years, overrides."""

from __future__ import annotations

from datetime import date, datetime

from app.services import deadlines
from app.services.complaint_settings import ComplaintSettings, DeadlineRule
from app.services.work_calendar import DayOverride, WorkCalendar, library_years


def local(*args: int) -> datetime:
    return datetime(*args).astimezone()


def milestones(received: datetime, **kwargs) -> deadlines.Milestones:
    values = dict(
        received_at=received,
        urgency="normal",
        customer_deadline=None,
        first_reply_at=None,
        containment_reply_at=None,
        action_reply_at=None,
        reply_at=None,
        visit_at=None,
    )
    values.update(kwargs)
    return deadlines.Milestones(**values)


def by_key(result: list[deadlines.Deadline]) -> dict[str, deadlines.Deadline]:
    return {d.key: d for d in result}


def test_the_library_knows_2026_golden_week_and_the_make_up_saturday():
    calendar = WorkCalendar()
    assert calendar.is_workday(date(2026, 10, 1)) == (False, True)  # National Day
    assert calendar.is_workday(date(2026, 10, 10)) == (True, True)  # 调休: a working Saturday
    assert calendar.is_workday(date(2026, 10, 11)) == (False, True)  # an ordinary Sunday
    assert library_years()[1] >= 2026


def test_three_working_days_across_golden_week_end_on_the_make_up_saturday():
    calendar = WorkCalendar()
    due, estimated = calendar.add_working_days(local(2026, 9, 30, 10, 0), 3)
    # 10-01…10-07 are holidays; 10-08 Thu, 10-09 Fri, 10-10 Sat (调休)
    assert due == local(2026, 10, 10, 10, 0)
    assert estimated == set()


def test_a_ticket_received_on_a_holiday_counts_from_the_next_working_day():
    due, _ = WorkCalendar().add_working_days(local(2026, 10, 3, 15, 30), 1)
    assert due == local(2026, 10, 8, 15, 30)


def test_the_make_up_saturday_is_followed_by_an_ordinary_weekend():
    due, _ = WorkCalendar().add_working_days(local(2026, 10, 9, 9, 0), 2)
    assert due == local(2026, 10, 12, 9, 0)  # Sat 10-10 works, Sun 10-11 does not


def test_an_unknown_year_is_counted_monday_to_friday_and_said_so():
    calendar = WorkCalendar()
    unknown = library_years()[1] + 1
    start = local(unknown - 1, 12, 30, 9, 0)
    due, estimated = calendar.add_working_days(start, 3)
    assert estimated == {unknown}
    assert calendar.unknown_years(start.date(), due.date()) == [unknown]
    assert not calendar.knows_year(unknown)


def test_company_overrides_and_a_confirmed_year_replace_the_guess():
    unknown = library_years()[1] + 1
    new_year = date(unknown, 1, 1)
    calendar = WorkCalendar.build([DayOverride(new_year, False, "元旦")], [unknown])
    assert calendar.is_workday(new_year) == (False, True)
    assert calendar.knows_year(unknown)
    shutdown = WorkCalendar.build([DayOverride(date(2026, 10, 8), False, "停产检修")])
    due, _ = shutdown.add_working_days(local(2026, 9, 30, 10, 0), 3)
    assert due == local(2026, 10, 12, 10, 0)  # 10-08 off, so 10-09, 10-10, 10-12


def test_rules_give_every_deadline_of_a_ticket():
    settings = ComplaintSettings()
    received = local(2026, 9, 30, 10, 0)
    result = by_key(deadlines.compute(milestones(received), settings))
    assert result["first_reply"].due == local(2026, 9, 30, 18, 0)  # 8 h
    assert result["containment"].due == local(2026, 10, 1, 10, 0)  # 24 h
    assert result["action_reply"].due == local(2026, 10, 10, 10, 0)  # 3 working days
    assert result["answer"].due == local(2026, 10, 7, 10, 0)  # 普通件 7 days
    assert "return_visit" not in result  # only once the customer was answered
    urgent = by_key(deadlines.compute(milestones(received, urgency="urgent"), settings))
    assert urgent["answer"].due == local(2026, 10, 2, 10, 0)  # 急件 2 days


def test_the_customers_own_deadline_replaces_the_three_working_days():
    result = by_key(
        deadlines.compute(
            milestones(local(2026, 9, 30, 10, 0), customer_deadline=date(2026, 10, 5)),
            ComplaintSettings(),
        )
    )
    assert result["action_reply"].due == local(2026, 10, 5, 23, 59, 59)


def test_the_return_visit_is_due_a_day_after_the_answer_and_late_is_late():
    reply = local(2026, 10, 9, 16, 0)
    result = by_key(
        deadlines.compute(
            milestones(
                local(2026, 9, 30, 10, 0),
                first_reply_at=local(2026, 9, 30, 19, 0),
                reply_at=reply,
                visit_at=local(2026, 10, 10, 15, 0),
            ),
            ComplaintSettings(),
        )
    )
    assert result["return_visit"].due == local(2026, 10, 10, 16, 0)
    assert result["return_visit"].done and not result["return_visit"].late()
    assert result["first_reply"].late()
    assert result["containment"].overdue(local(2026, 10, 2, 0, 0))


def test_a_changed_rule_changes_the_deadline():
    settings = ComplaintSettings()
    settings.rules["action_reply"] = DeadlineRule(5, "working_days")
    result = by_key(deadlines.compute(milestones(local(2026, 9, 30, 10, 0)), settings))
    assert result["action_reply"].due == local(2026, 10, 13, 10, 0)
