"""Building field service reports and visits for tests through the real services."""

from __future__ import annotations

from datetime import date, datetime

from app.services import field_service, visit_service
from app.services.field_data import ActionData, PartData, ServiceReportData, VisitReportData

TODAY = date(2026, 10, 20)


def at(*args: int) -> datetime:
    """A local time, aware."""
    return datetime(*args).astimezone()


def part(**kwargs) -> PartData:
    values = dict(part_no="QD-1021", name="单向器", quantity=1, charged=False)
    values.update(kwargs)
    return PartData(**values)


def report_data(customer_id: int, **kwargs) -> ServiceReportData:
    values = dict(
        customer_id=customer_id,
        site_address="长春市绿园区 一汽大街 88 号",
        requested_on=date(2026, 10, 5),
        engineers="张伟",
        arrived_at=at(2026, 10, 6, 9, 0),
        departed_at=at(2026, 10, 6, 15, 30),
        product_model="QD-1",
        serial_no="SN-2609-001",
        problem_found="起动机异响",
        work_done="更换单向器",
        result="solved",
    )
    values.update(kwargs)
    return ServiceReportData(**values)


def write_report(engine, customer_id: int, **kwargs) -> ServiceReportData:
    return field_service.create(engine, report_data(customer_id, **kwargs), "engineer", today=TODAY)


def visit_data(customer_id: int, **kwargs) -> VisitReportData:
    values = dict(
        customer_id=customer_id,
        visited_on=date(2026, 10, 8),
        visitors="李强",
        attendees="质量部 王经理",
        topics="季度质量回顾",
        feedback="交付及时",
        requests="希望提供装配指导",
    )
    values.update(kwargs)
    return VisitReportData(**values)


def follow_up(**kwargs) -> ActionData:
    values = dict(description="提供装配指导书", owner="李强", due=date(2026, 10, 30))
    values.update(kwargs)
    return ActionData(**values)


def write_visit(engine, customer_id: int, **kwargs) -> VisitReportData:
    return visit_service.create(engine, visit_data(customer_id, **kwargs), "engineer", today=TODAY)
