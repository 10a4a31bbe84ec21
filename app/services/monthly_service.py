"""The monthly service report 月度服务报告 (Q/JL081305-C), figured from the month's records.

A service report belongs to the month of its arrival (local day), a visit to the month of its
visit day. Per engineer: a report with two engineers counts for both, and each gets the report's
hours on site; a visit counts for each of its visitors. Open items: the month's reports fixed
only temporarily or not solved, and the follow-ups of the month's visits not yet verified
effective.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from app.models import ServiceReport, VisitReport
from app.services import field_service, visit_service
from app.services.field_data import CustomerMonth, EngineerMonth, MonthlyService


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def monthly_service(engine: Engine, year: int, month: int) -> MonthlyService:
    first, last = _month_bounds(year, month)
    start = datetime.combine(first, datetime.min.time()).astimezone()
    end = datetime.combine(last + timedelta(days=1), datetime.min.time()).astimezone()
    with Session(engine) as session:
        report_ids = list(
            session.exec(
                select(ServiceReport.id)
                .where(col(ServiceReport.arrived_at) >= start)
                .where(col(ServiceReport.arrived_at) < end)
                .order_by(ServiceReport.arrived_at, ServiceReport.id)
            )
        )
        visit_ids = list(
            session.exec(
                select(VisitReport.id)
                .where(col(VisitReport.visited_on) >= first)
                .where(col(VisitReport.visited_on) <= last)
                .order_by(VisitReport.visited_on, VisitReport.id)
            )
        )
    reports = field_service.get_many(engine, report_ids)
    visits = visit_service.get_many(engine, visit_ids)

    result = MonthlyService(year=year, month=month)
    engineers: dict[str, EngineerMonth] = {}
    customers: dict[int, CustomerMonth] = {}

    def customer(data) -> CustomerMonth:  # noqa: ANN001
        if data.customer_id not in customers:
            customers[data.customer_id] = CustomerMonth(
                data.customer_id, data.customer_code, data.customer_name
            )
        return customers[data.customer_id]

    def engineer(name: str) -> EngineerMonth:
        return engineers.setdefault(name, EngineerMonth(name))

    for r in reports:
        hours = r.hours
        result.reports += 1
        result.hours += hours
        result.parts_charged += r.qty_charged
        result.parts_warranty += r.qty_warranty
        setattr(result, r.result, getattr(result, r.result) + 1)
        result.open_reports += int(r.open)
        result.travel_cost += r.travel_cost or 0
        result.labour_cost += r.labour_cost or 0
        result.service_numbers.append(r.number)
        for name in dict.fromkeys(r.engineer_list):
            e = engineer(name)
            e.reports += 1
            e.hours += hours
            setattr(e, r.result, getattr(e, r.result) + 1)
        c = customer(r)
        c.reports += 1
        c.hours += hours
        c.parts_charged += r.qty_charged
        c.parts_warranty += r.qty_warranty
        c.travel_cost += r.travel_cost or 0
        c.labour_cost += r.labour_cost or 0
        c.open_items += int(r.open)
    for v in visits:
        open_actions = len(v.open_actions)
        result.visits += 1
        result.open_actions += open_actions
        result.visit_numbers.append(v.number)
        for name in dict.fromkeys(v.visitor_list):
            engineer(name).visits += 1
        c = customer(v)
        c.visits += 1
        c.open_items += open_actions
    result.per_engineer = sorted(
        engineers.values(), key=lambda e: (-e.hours, -e.reports, e.engineer)
    )
    result.per_customer = sorted(
        customers.values(), key=lambda c: (-(c.reports + c.visits), c.customer_code)
    )
    return result
