"""A list knows its rows by id: who else is editing them, read in one go by id."""

from __future__ import annotations

from app.models import Customer
from app.services import customer_service
from app.services import editing_presence as presence
from app.services.customer_service import CustomerData

PC_A, PC_B = "pc-a/1", "pc-b/2"


def test_the_editors_of_a_lists_rows_by_record_id(engine):
    made = [
        customer_service.create(engine, CustomerData(code=f"KH-{i:04d}", name=f"顾客{i}"), "t")
        for i in range(3)
    ]
    presence.begin(engine, customer_service.ENTITY, made[0].uuid, user="李四", client=PC_B)
    presence.begin(engine, customer_service.ENTITY, made[1].uuid, user="我", client=PC_A)
    presence.begin(engine, "complaint", made[2].uuid, user="李四", client=PC_B)  # another kind
    ids = [c.id for c in made] + [9999]  # a row deleted meanwhile is simply not there
    found = presence.editing_by_id(engine, Customer, customer_service.ENTITY, ids, client=PC_A)
    assert {i: [e.user for e in editors] for i, editors in found.items()} == {made[0].id: ["李四"]}
    assert presence.editing_by_id(engine, Customer, customer_service.ENTITY, [], client=PC_A) == {}
