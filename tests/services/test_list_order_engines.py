"""Lists sort empty values where SQLite puts them, on every engine: first going up, last down."""

from __future__ import annotations

from datetime import date

from app.services import customer_service, return_service
from app.services.customer_service import CustomerData
from tests.services import complaint_factory as cf
from tests.services import return_factory as rf


def test_customers_without_a_start_date_come_first_going_up_and_last_going_down(engine):
    for code, since in (("KH001", date(2019, 5, 1)), ("KH002", None), ("KH003", date(2015, 1, 1))):
        customer_service.create(
            engine, CustomerData(code=code, name=code, cooperation_since=since), "t"
        )

    def codes(descending: bool) -> list[str]:
        ids = customer_service.search_ids(engine, sort="cooperation_since", descending=descending)
        return [customer_service.get(engine, i).code for i in ids]

    assert codes(False) == ["KH002", "KH003", "KH001"]
    assert codes(True) == ["KH001", "KH003", "KH002"]


def test_returns_without_a_ticket_come_first_going_up(engine):
    customer_id = cf.customer(engine, "KH001", "长春华通汽车有限公司")
    ticket = cf.register(engine, customer_id, description="异响")
    with_ticket = return_service.create(
        engine, rf.return_data(customer_id, complaint_id=ticket.id), "t"
    )
    without = return_service.create(engine, rf.return_data(customer_id), "t")
    assert return_service.search_ids(engine, sort="complaint", descending=False) == [
        without.id,
        with_ticket.id,
    ]
    assert return_service.search_ids(engine, sort="complaint", descending=True) == [
        with_ticket.id,
        without.id,
    ]
