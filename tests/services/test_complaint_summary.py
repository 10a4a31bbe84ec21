"""Every figure of the management summaries on a known data set (tests/services/summary_factory.py).

The expected numbers are worked out by hand from the data set's comments; where a figure is
a mean, the terms are written out.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from app.models import AuditEntry, Complaint
from app.services import annual_summary, complaint_summary, overview, summary_targets
from app.services.complaint_summary import month_period, range_period, shift_months, year_period
from app.services.summary_data import Period
from app.services.validation import ValidationError
from tests.services import summary_factory
from tests.services.summary_factory import TODAY
from tests.trail import trail_changes


@pytest.fixture
def known(engine):
    return summary_factory.build(engine)


@pytest.fixture
def october(engine, known):
    return complaint_summary.complaint_summary(
        engine, month_period(2026, 10), today=TODAY, lang="zh_CN"
    )


def rows(breakdown):
    return [(row.key, row.count) for row in breakdown]


def test_periods():
    assert month_period(2026, 2) == Period(date(2026, 2, 1), date(2026, 2, 28), "month")
    assert year_period(2026).label == "2026"
    assert range_period(date(2026, 10, 1), date(2026, 10, 31)).label == "2026-10"
    assert range_period(date(2026, 1, 1), date(2026, 12, 31)).kind == "year"
    assert range_period(date(2026, 1, 5), date(2026, 3, 31)).label == "2026-01-05 – 2026-03-31"
    with pytest.raises(ValueError):
        range_period(date(2026, 3, 1), date(2026, 2, 1))
    assert shift_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert shift_months(date(2026, 11, 1), -24) == date(2024, 11, 1)


def test_totals(october):
    t = october.totals
    assert october.as_of == date(2026, 10, 31)
    # originals received in October, the cancelled KS-2026-0006 left out
    assert t.received == 6
    assert t.reopenings == 1  # KS-2026-0003-1
    assert t.closed == 4  # 0001, 0003, 0005 and 0008 (received in September)
    assert t.open_at_end == 4  # 0002, 0004, 0003-1, 0007
    assert t.overdue_at_end == 2  # 0002 (urgent, due 10-07) and 0007 (due 10-15)
    assert t.major == 1 and t.line_stopped == 1
    assert t.qty_defective == 10 + 5 + 20 + 7 + 3


def test_breakdowns(october):
    assert [(r.key, r.count, r.qty_defective) for r in october.by_customer] == [
        ("KH001", 3, 18.0),
        ("KH002", 2, 20.0),
        ("KH003", 1, 7.0),
    ]
    assert october.by_customer[0].share_pct == pytest.approx(50.0)
    assert october.by_customer[0].ref_id is not None
    # P-1 and p-1 are the same part
    assert rows(october.by_product) == [("P-1", 3), ("P-2", 1), ("P-9", 1), ("ZQ-200", 1)]
    # a part is labelled with its product model, else with itself
    assert [r.label for r in october.by_product] == ["ZQ-100", "P-2", "P-9", "ZQ-200"]
    assert rows(october.by_department) == [("生产部", 3), ("", 1), ("技术部", 1), ("质量保障部", 1)]
    assert october.by_department[1].label == "(未填写)"
    assert [(r.key, r.label, r.count) for r in october.by_severity] == [
        ("general", "一般", 5),
        ("major", "重大", 1),
    ]


def test_pareto(october):
    got = [(r.key, r.count, round(r.cumulative_pct, 2), r.vital_few) for r in october.pareto]
    assert got == [
        ("异响", 4, 66.67, True),
        ("外观不良", 1, 83.33, True),  # starts at 66.67 %, within the first 80 %
        ("尺寸不良", 1, 100.0, False),
    ]
    assert october.pareto[0].share_pct == pytest.approx(400 / 6)


def test_trend_and_seasons(october):
    assert len(october.trend) == 24
    assert october.trend[0].month == "2024-11" and october.trend[-1].month == "2026-10"
    busy = {p.month: (p.received, p.closed) for p in october.trend if p.received or p.closed}
    assert busy == {"2025-03": (1, 1), "2026-09": (1, 0), "2026-10": (6, 4)}
    seasons = {s.quarter: dict(s.counts) for s in october.seasons}
    assert seasons == {
        1: {2024: 0, 2025: 1, 2026: 0},
        2: {2024: 0, 2025: 0, 2026: 0},
        3: {2024: 0, 2025: 0, 2026: 1},
        4: {2024: 1, 2025: 0, 2026: 6},  # November's KS-2026-0009 is after the period
    }
    assert october.seasons[0].label == "第一季度(1–3月)"


def test_repeat_problems(october):
    f = october.frequency
    assert f.window_months == 24
    assert (f.repeat_complaints, f.one_off_complaints) == (3, 3)
    got = [(p.customer_code, p.item, p.defect_category, p.in_period, p.in_window, p.numbers)
           for p in f.problems]  # fmt: skip
    assert got == [
        # KS-2024-0001 is older than 24 months; KH003's P-1 is another customer
        ("KH001", "p-1", "异响", 2, 3, ("KS-2025-0001", "KS-2026-0001", "KS-2026-0002")),
        ("KH002", "ZQ-200", "尺寸不良", 1, 2, ("KS-2026-0008", "KS-2026-0003")),
    ]


def test_deadlines(october):
    c = october.containment
    assert (c.on_time, c.late, c.overdue, c.pending) == (2, 1, 2, 1)
    assert c.average_hours == pytest.approx((11 + 48 + 6) / 3)
    assert c.on_time_pct == pytest.approx(40.0)
    a = october.answer
    assert (a.on_time, a.late, a.overdue, a.pending) == (2, 1, 2, 1)
    assert a.average_hours == pytest.approx((96 + 312 + 24) / 3)


def test_closure_and_claims(october):
    closure = october.closure
    assert closure.closed == 4
    assert closure.average_days == pytest.approx((8 + 3 / 24 + 16 + 2 / 24 + 2 + 18) / 4)
    assert closure.reopened == 1 and closure.reopen_rate_pct == pytest.approx(25.0)
    claims = october.claims
    assert (claims.tickets, claims.claimed, claims.agreed, claims.paid, claims.charged_back) == (
        2,
        7000.0,
        4000.0,
        3000.0,
        1000.0,
    )
    assert claims.external_loss == 2000.0


def test_returns_satisfaction_actions(october):
    totals = october.returns.totals
    assert (totals.returns, totals.complaint_cases, totals.bulk_returns) == (2, 1, 1)
    assert (totals.qty_returned, totals.qty_defective) == (150.0, 15.0)
    s = october.satisfaction
    assert (s.number, s.index_pct, s.target_pct, s.answered, s.invited) == (
        "MY-2026-01",
        85.0,
        95.0,
        2,
        3,
    )
    assert s.target_met is False and s.response_rate_pct == pytest.approx(200 / 3)
    assert [(d.department, d.open, d.overdue) for d in october.actions] == [
        ("技术部", 2, 1),
        ("生产部", 2, 1),
        ("", 1, 1),
    ]


def test_a_past_month_reads_the_same_later(engine, known, october):
    later = complaint_summary.complaint_summary(
        engine, month_period(2026, 10), today=date(2027, 6, 1), lang="zh_CN"
    )
    assert later.totals == october.totals
    assert later.containment == october.containment
    assert later.actions == october.actions


def test_a_running_month_is_judged_today(engine, known):
    november = complaint_summary.complaint_summary(
        engine, month_period(2026, 11), today=TODAY, lang="en"
    )
    assert november.as_of == TODAY
    assert november.totals.received == 1  # KS-2026-0009
    assert november.satisfaction.number == "MY-2026-01"  # the second half-year has not ended


def test_overview(engine, known):
    view = overview.overview(engine, date(2026, 10, 17), today=TODAY, lang="zh_CN")
    assert view.month == date(2026, 10, 1)
    got = {
        c.key: (c.received, c.closed, c.open_at_end, c.overdue_at_end, c.returns_qty,
                c.claims_amount, c.satisfaction_pct)
        for c in view.columns
    }  # fmt: skip
    assert got == {
        "this_month": (6, 4, 4, 2, 150.0, 7000.0, 85.0),
        "last_month": (1, 0, 1, 1, 30.0, 0.0, 85.0),
        "last_year": (0, 0, 0, 0, 0.0, 0.0, None),
    }
    assert [c.label for c in view.columns] == ["本月 2026-10", "上月 2026-09", "去年同月 2025-10"]
    assert (view.chart_start, view.chart_end) == (date(2025, 11, 1), date(2026, 10, 31))
    assert [(p.key, p.count) for p in view.pareto] == [
        ("异响", 4),
        ("尺寸不良", 2),
        ("外观不良", 1),
    ]
    assert rows(view.by_customer) == [("KH001", 3), ("KH002", 3), ("KH003", 1)]
    assert view.trend[-1].received == 6 and len(view.trend) == 24
    # actions are as of today, not the month shown
    assert [(d.department, d.open, d.overdue) for d in view.actions] == [
        ("技术部", 2, 1),
        ("生产部", 2, 2),
        ("", 1, 1),
    ]


def test_open_actions_drill_down(engine, known):
    listed = overview.open_actions(engine, "技术部", today=TODAY)
    assert [(a.owner_kind, a.owner_number, a.due, a.overdue) for a in listed] == [
        ("complaint", "KS-2026-0003", date(2026, 11, 10), True),
        ("complaint", "KS-2026-0003", date(2026, 11, 30), False),
    ]
    production = overview.open_actions(engine, "生产部", today=TODAY)
    assert {(a.owner_kind, a.owner_number) for a in production} == {
        ("complaint", "KS-2026-0002"),
        ("return", "TH-2026-0001"),
    }
    assert [a.owner_number for a in overview.open_actions(engine, "", today=TODAY)] == [
        "KS-2026-0001"
    ]


def test_annual_summary_and_targets(engine, known):
    targets = summary_targets.load_targets(engine)
    targets.max_complaints = 5
    targets.max_external_loss = 2500
    summary_targets.save_targets(engine, targets, "质量部 王")
    review = annual_summary.annual_summary(engine, 2026, today=TODAY, lang="zh_CN")
    assert review.summary.period.label == "2026" and review.previous.period.label == "2025"
    compared = {r.key: (r.this_year, r.last_year, r.change) for r in review.comparison}
    # 2026: 0001–0005, 0007, 0008, 0009 (0006 cancelled); 2025: 0001
    assert compared["received"] == (8.0, 1.0, 7.0)
    assert compared["claimed"] == (7000.0, 0.0, 7000.0)
    assert compared["satisfaction_index_pct"] == (None, None, None)  # the second half not answered
    judged = {t.key: (t.target, t.actual, t.met) for t in review.targets}
    assert judged["max_complaints"] == (5.0, 8.0, False)
    assert judged["max_external_loss"] == (2500.0, 2000.0, True)
    assert judged["satisfaction_index_pct"] == (97.0, None, None)
    assert "containment_on_time_pct" in judged
    changed = [r.field for r in trail_changes(engine, AuditEntry.entity_uuid == "summary_targets")]
    assert sorted(changed) == ["max_complaints", "max_external_loss"]


def test_targets_refuse_bad_values(engine):
    bad = summary_targets.SummaryTargets(containment_on_time_pct=120, max_complaints=-1)
    with pytest.raises(ValidationError) as caught:
        summary_targets.save_targets(engine, bad, "t")
    assert set(caught.value.errors) == {"containment_on_time_pct", "max_complaints"}
    assert summary_targets.load_targets(engine) == summary_targets.SummaryTargets()
    empty = summary_targets.SummaryTargets(None, None, None, None, None)
    summary_targets.save_targets(engine, empty, "t")
    assert summary_targets.load_targets(engine) == empty


def test_an_empty_data_file(engine):
    summary = complaint_summary.complaint_summary(engine, month_period(2026, 10), today=TODAY)
    assert summary.totals.received == 0 and summary.pareto == []
    assert summary.containment.on_time_pct is None and summary.closure.reopen_rate_pct is None
    assert summary.satisfaction is None
    view = overview.overview(engine, TODAY, today=TODAY)
    assert [c.received for c in view.columns] == [0, 0, 0]


def test_an_answered_ticket_waiting_for_its_visit_is_not_overdue(engine, known):
    with Session(engine) as session:
        ticket = session.exec(select(Complaint).where(Complaint.number == "KS-2026-0002")).one()
        ticket.reply_at = summary_factory.at(2026, 10, 30, 9)  # answered late, before the end
        session.add(ticket)
        session.commit()
    october = complaint_summary.complaint_summary(engine, month_period(2026, 10), today=TODAY)
    assert october.totals.open_at_end == 4
    assert october.totals.overdue_at_end == 1  # only KS-2026-0007 now
