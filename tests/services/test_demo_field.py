"""Demo field work: a month of reports and visits through the services, idempotent."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from app.services import field_list, field_service, visit_service
from app.services.demo_complaints import load_demo_complaints
from app.services.demo_field import SERVICE_REPORTS, VISITS, load_demo_field
from app.services.demo_service import load_demo
from app.services.field_data import FieldFilter
from app.services.monthly_service import monthly_service

TODAY = date(2026, 10, 20)


def test_a_month_of_field_work_once(engine):
    load_demo(engine, 30)
    load_demo_complaints(engine, 20, seed=2)
    assert load_demo_field(engine, seed=3, today=TODAY) == SERVICE_REPORTS + VISITS + 1
    reports = field_service.list_reports(engine)
    assert len(reports) == SERVICE_REPORTS
    assert all(
        TODAY - timedelta(days=30) <= field_service.local_day(r.arrived_at) <= TODAY
        for r in reports
    )
    assert set(Counter(r.result for r in reports)) == {"solved", "temporary", "not_solved"}
    assert any(p.charged for r in reports for p in r.parts)
    assert any(not p.charged for r in reports for p in r.parts)
    assert any(r.attachments for r in reports)
    assert any(r.complaint is not None for r in reports)
    assert all(r.hours > 0 and r.engineers for r in reports)
    visits = field_list.list_rows(engine, FieldFilter(kind="visit"))
    assert len(visits) == VISITS + 1
    whole = visit_service.get_many(engine, [v.id for v in visits])
    assert any(a.verification == "effective" for v in whole for a in v.actions)
    assert any(v.open_actions for v in whole)
    overdue = visit_service.overdue_visits(engine, TODAY)
    visited_long_ago = [o for o in overdue if o.last_visit is not None]
    assert [o.last_visit for o in visited_long_ago] == [TODAY - timedelta(days=150)]
    month = monthly_service(engine, 2026, 10)
    assert month.reports + monthly_service(engine, 2026, 9).reports == SERVICE_REPORTS
    assert load_demo_field(engine, seed=3, today=TODAY) == 0
    assert field_service.count(engine) == SERVICE_REPORTS


def test_no_customers_no_field_work(engine):
    assert load_demo_field(engine, today=TODAY) == 0
