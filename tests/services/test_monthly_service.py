"""The monthly service report against a known month: every figure checked."""

from __future__ import annotations

from datetime import date

from app.services import visit_service
from app.services.field_data import CustomerMonth, EngineerMonth
from app.services.monthly_service import monthly_service
from tests.services.complaint_factory import customer
from tests.services.field_factory import at, follow_up, part, write_report, write_visit


def known_month(engine) -> tuple[int, int]:
    a = customer(engine, code="KH001", name="华通")
    b = customer(engine, code="KH002", name="通达")
    write_report(
        engine, a, engineers="张伟\n王芳", result="temporary",
        arrived_at=at(2026, 10, 6, 9), departed_at=at(2026, 10, 6, 15, 30),
        parts=[part(quantity=2, charged=True), part(part_no="FD-3302", quantity=1.5)],
        travel_cost=300, labour_cost=500,
    )  # fmt: skip
    write_report(
        engine, a, engineers="张伟", requested_on=None,
        arrived_at=at(2026, 10, 1, 0, 0), departed_at=at(2026, 10, 1, 2),
        parts=[part(quantity=3)], travel_cost=100, labour_cost=0,
    )  # fmt: skip
    write_report(
        engine, b, engineers="王芳", result="not_solved", requested_on=None,
        arrived_at=at(2026, 10, 31, 8), departed_at=at(2026, 10, 31, 9, 30), labour_cost=200,
    )  # fmt: skip
    # outside the month: the day before and the day after
    write_report(
        engine, b, engineers="张伟", requested_on=None,
        arrived_at=at(2026, 9, 30, 23, 59), departed_at=at(2026, 10, 1, 3), parts=[part()],
    )  # fmt: skip
    write_report(
        engine, b, engineers="张伟", requested_on=None,
        arrived_at=at(2026, 11, 1, 0, 0), departed_at=at(2026, 11, 1, 3),
    )  # fmt: skip
    visit = write_visit(
        engine, a, visited_on=date(2026, 10, 8), visitors="李强",
        actions=[follow_up(done_on=date(2026, 10, 9)), follow_up(description="第二项")],
    )  # fmt: skip
    visit_service.verify_action(
        engine, visit.actions[0].id, effective=True, verified_by="陈静",
        verified_on=date(2026, 10, 10), user="qa",
    )  # fmt: skip
    write_visit(engine, b, visited_on=date(2026, 10, 31), visitors="张伟、李强")
    write_visit(engine, b, visited_on=date(2026, 9, 30), visitors="李强", actions=[follow_up()])
    return a, b


def test_every_figure_of_a_known_month(engine, monkeypatch):
    import tests.services.field_factory as factory

    monkeypatch.setattr(factory, "TODAY", date(2026, 11, 2))
    a, b = known_month(engine)
    month = monthly_service(engine, 2026, 10)
    assert (month.year, month.month) == (2026, 10)
    assert (month.reports, month.visits) == (3, 2)
    assert month.hours == 10.0
    assert (month.parts_charged, month.parts_warranty, month.parts_total) == (2, 4.5, 6.5)
    assert (month.solved, month.temporary, month.not_solved) == (1, 1, 1)
    assert (month.open_reports, month.open_actions, month.open_items) == (2, 1, 3)
    assert (month.travel_cost, month.labour_cost, month.total_cost) == (400, 700, 1100)
    assert month.service_numbers == ["FW-2026-0002", "FW-2026-0001", "FW-2026-0003"]
    assert month.visit_numbers == ["ZF-2026-0001", "ZF-2026-0002"]
    assert month.per_engineer == [
        EngineerMonth("张伟", reports=2, visits=1, hours=8.5, solved=1, temporary=1),
        EngineerMonth("王芳", reports=2, visits=0, hours=8.0, temporary=1, not_solved=1),
        EngineerMonth("李强", reports=0, visits=2, hours=0.0),
    ]
    assert month.per_customer == [
        CustomerMonth(
            a, "KH001", "华通", reports=2, visits=1, hours=8.5, parts_charged=2,
            parts_warranty=4.5, travel_cost=400, labour_cost=500, open_items=2,
        ),
        CustomerMonth(
            b, "KH002", "通达", reports=1, visits=1, hours=1.5, parts_charged=0,
            parts_warranty=0, travel_cost=0, labour_cost=200, open_items=1,
        ),
    ]  # fmt: skip


def test_the_neighbouring_months_and_an_empty_one(engine, monkeypatch):
    import tests.services.field_factory as factory

    monkeypatch.setattr(factory, "TODAY", date(2026, 11, 2))
    known_month(engine)
    september = monthly_service(engine, 2026, 9)
    assert (september.reports, september.visits, september.open_actions) == (1, 1, 1)
    assert september.hours == 3 + 1 / 60
    assert september.parts_warranty == 1
    november = monthly_service(engine, 2026, 11)
    assert (november.reports, november.hours, november.open_items) == (1, 3, 0)
    empty = monthly_service(engine, 2026, 12)
    assert (empty.reports, empty.visits, empty.hours, empty.per_engineer, empty.per_customer) == (
        0, 0, 0, [], [],
    )  # fmt: skip
