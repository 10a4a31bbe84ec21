"""The office's starter file at a big plant's size: made and taken a table at a time, with the
same records and trail, and a form open on the laptop cannot overwrite what it brought."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import Session, select

from app.models import (
    Complaint,
    Customer,
    CustomerAnnualVolume,
    CustomerContact,
    CustomerProduct,
)
from app.services import audit_service, complaint_service, customer_service, sync_format
from app.services.conflicts import RecordConflict
from app.services.sync_format import SyncFileError
from app.services.sync_records import fields_of
from app.services.sync_starter import import_starter, make_starter
from tests.services import complaint_factory as cf
from tests.services.sync_factory import (
    USER,
    add_complaint,
    add_customer,
    counting_statements,
    open_machine,
    trail_count,
)

CHILDREN = (CustomerContact, CustomerProduct, CustomerAnnualVolume)


def _customers(engine, numbers: range) -> list[str]:  # noqa: ANN001
    """Customers KH00001 … with a contact, a product and two years' volumes, each with one open
    and one closed complaint."""
    uuids = []
    with Session(engine) as session:
        for n in numbers:
            customer = Customer(code=f"KH{n:05d}", name=f"顾客{n}", cooperation_since=date(2020, 1, 1))  # fmt: skip
            session.add(customer)
            session.flush()
            session.add(CustomerContact(customer_id=customer.id, name=f"联系人{n}", phone="0431-1234567"))  # fmt: skip
            session.add(CustomerProduct(customer_id=customer.id, model=f"ZQ-{n}"))
            session.add(CustomerAnnualVolume(customer_id=customer.id, year=2024, amount_wan=10.0 * n))  # fmt: skip
            session.add(CustomerAnnualVolume(customer_id=customer.id, year=2025, amount_wan=11.0 * n))  # fmt: skip
            uuids.append(customer.uuid)
        session.commit()
    for n, uuid in zip(numbers, uuids, strict=True):
        add_complaint(engine, uuid, f"KS-2026-{2 * n:04d}")
        add_complaint(engine, uuid, f"KS-2026-{2 * n + 1:04d}", status="closed")
    return uuids


def _records(engine) -> dict[str, list]:  # noqa: ANN001
    """Every customer with its children and every complaint, as the starter file carries them."""
    with Session(engine) as session:
        uuid_of = dict(session.exec(select(Customer.id, Customer.uuid)).all())
        found: dict[str, list] = {}
        for model in (Customer, *CHILDREN, Complaint):
            skip = {"customer_id", "origin_id", "root_id"}
            rows = session.exec(select(model)).all()
            found[model.__tablename__] = sorted(
                (
                    {
                        **fields_of(model, r, skip),
                        "customer": uuid_of.get(getattr(r, "customer_id", None)),
                    }
                    for r in rows
                ),  # fmt: skip
                key=lambda f: f["uuid"],
            )
    return found


def _open_only(records: dict[str, list]) -> dict[str, list]:
    records = dict(records)
    records["complaint"] = [c for c in records["complaint"] if c["status"] != "closed"]
    return records


def test_making_and_taking_a_starter_take_as_many_statements_for_30_customers_as_for_3(engine, tmp_path):  # fmt: skip
    office = engine  # a data file, or a server
    _customers(office, range(1, 4))
    small, large = tmp_path / "small.qdsync", tmp_path / "large.qdsync"
    make_starter(office, small, machine_code="L1", user=USER)  # the office's machine id made once
    made_small, make_small = counting_statements(office, lambda: make_starter(office, small, machine_code="L1", user=USER))  # fmt: skip
    _customers(office, range(4, 31))
    made_large, make_large = counting_statements(office, lambda: make_starter(office, large, machine_code="L2", user=USER))  # fmt: skip
    assert made_small == {"customer": 3, "complaint": 3}
    assert made_large == {"customer": 30, "complaint": 30}
    assert len(make_large) == len(make_small)

    laptops = [open_machine(tmp_path / "laptop-1"), open_machine(tmp_path / "laptop-2")]
    taken_small, take_small = counting_statements(laptops[0], lambda: import_starter(laptops[0], small, USER))  # fmt: skip
    taken_large, take_large = counting_statements(laptops[1], lambda: import_starter(laptops[1], large, USER))  # fmt: skip
    assert taken_small.added == {"customer": 3, "complaint": 3}
    assert taken_large.added == {"customer": 30, "complaint": 30}
    assert len(take_large) == len(take_small)
    # nothing left out by the batches: the laptop has what the office has, and its trail
    assert _records(laptops[1]) == _open_only(_records(office))
    with Session(laptops[1]) as session:
        customer = session.exec(select(Customer).where(Customer.code == "KH00030")).one()
    entries = audit_service.history(laptops[1], "customer", customer.uuid)
    assert [(e.action, e.user) for e in entries] == [("sync", USER)] * len(entries)
    fields = {e.field for e in entries}
    assert {"code", "name", "customer_contact", "customer_product", "customer_annual_volume"} <= fields  # fmt: skip
    assert audit_service.verify_chain(laptops[1]) == []
    for laptop in laptops:
        laptop.dispose()


def test_a_later_starter_brings_the_offices_changes_and_raises_their_versions(tmp_path):
    office, laptop = open_machine(tmp_path / "office"), open_machine(tmp_path / "laptop")
    first, second, third = _customers(office, range(1, 4))
    starter = tmp_path / "starter.qdsync"
    make_starter(office, starter, machine_code="L1", user=USER)
    import_starter(laptop, starter, USER)
    with Session(laptop) as session:
        ids = {c.uuid: c.id for c in session.exec(select(Customer)).all()}
        ticket_id = session.exec(select(Complaint.id).where(Complaint.number == "KS-2026-0002")).one()  # fmt: skip
    open_customer = customer_service.get(laptop, ids[first])  # the engineer has these open
    untouched_before = customer_service.get(laptop, ids[third])

    with Session(office) as session:  # the office changes a customer, its children, a ticket
        customer = session.exec(select(Customer).where(Customer.uuid == first)).one()
        customer.phone = "0431-7654321"
        session.add(customer)
        contact = session.exec(select(CustomerContact).where(CustomerContact.customer_id == customer.id)).one()  # fmt: skip
        contact.phone = "13900000000"
        session.add(contact)
        for product in session.exec(select(CustomerProduct).where(CustomerProduct.customer_id == customer.id)):  # fmt: skip
            session.delete(product)
        session.add(CustomerAnnualVolume(customer_id=customer.id, year=2026, amount_wan=30.0))
        other = session.exec(select(Customer).where(Customer.uuid == second)).one()
        volume = session.exec(select(CustomerAnnualVolume).where(CustomerAnnualVolume.customer_id == other.id, CustomerAnnualVolume.year == 2024)).one()  # fmt: skip
        volume.amount_wan = 99.0
        session.add(volume)
        ticket = session.exec(select(Complaint).where(Complaint.number == "KS-2026-0002")).one()
        ticket.description = "办公室补充:异响伴随抖动"
        session.add(ticket)
        closed_now = session.exec(select(Complaint).where(Complaint.number == "KS-2026-0004")).one()  # fmt: skip
        closed_now.status = "closed"  # no longer in the starter: the laptop keeps its copy
        session.add(closed_now)
        session.commit()
    make_starter(office, starter, machine_code="L1", user=USER)
    before = trail_count(laptop)
    result = import_starter(laptop, starter, USER)

    assert result.added == {"customer": 0, "complaint": 0}
    assert result.updated == {"customer": 2, "complaint": 1}
    taken, there = _records(laptop), _records(office)
    for name in ("customer", "customer_contact", "customer_product", "customer_annual_volume"):
        assert taken[name] == there[name], name
    by_number = {c["number"]: c for c in taken["complaint"]}
    assert by_number["KS-2026-0002"]["description"] == "办公室补充:异响伴随抖动"
    assert by_number["KS-2026-0004"]["status"] == "open"
    assert trail_count(laptop) > before
    changes = [
        (entry.field, entry.new_value)
        for entry in audit_service.history(laptop, "customer", first)
        if entry.at == audit_service.history(laptop, "customer", first)[0].at
    ]
    assert ("phone", "0431-7654321") in changes
    assert ("customer_contact.phone", "13900000000") in changes
    assert ("customer_product", None) in changes  # the product gone
    assert ("customer_annual_volume", next(v["uuid"] for v in taken["customer_annual_volume"] if v["year"] == 2026)) in changes  # fmt: skip

    again = import_starter(laptop, starter, USER)  # the same file again changes nothing
    assert again.updated == {"customer": 0, "complaint": 0}

    # a form opened before the import cannot overwrite it; one on a record it left alone can
    with pytest.raises(RecordConflict):
        customer_service.update(laptop, replace(open_customer, notes="现场补充"), "engineer")
    assert customer_service.get(laptop, ids[second]).version == 2  # only its volume changed
    customer_service.update(laptop, replace(untouched_before, notes="现场补充"), "engineer")
    with Session(laptop) as session:
        assert session.get(Complaint, ticket_id).version == 2

    assert audit_service.verify_chain(laptop) == []


def test_a_ticket_form_open_on_the_laptop_cannot_overwrite_what_the_starter_brought(tmp_path):
    office, laptop = open_machine(tmp_path / "office"), open_machine(tmp_path / "laptop")
    ticket = cf.register(office, cf.customer(office))
    starter = tmp_path / "starter.qdsync"
    make_starter(office, starter, machine_code="L1", user=USER)
    import_starter(laptop, starter, USER)
    with Session(laptop) as session:
        here = session.exec(select(Complaint).where(Complaint.uuid == ticket.uuid)).one()
    loaded = complaint_service.get(laptop, here.id)
    complaint_service.update(office, replace(complaint_service.get(office, ticket.id), description="办公室改的"), "clerk")  # fmt: skip
    make_starter(office, starter, machine_code="L1", user=USER)
    import_starter(laptop, starter, USER)
    with pytest.raises(RecordConflict) as caught:
        complaint_service.update(laptop, replace(loaded, description="现场改的"), "engineer")
    assert caught.value.users == [USER]
    assert complaint_service.get(laptop, here.id).description == "办公室改的"


def _rewritten(starter, target, change):  # noqa: ANN001, ANN202
    """The starter file with its records changed by change(records)."""
    read = sync_format.read(starter)
    records = copy.deepcopy(read.records)
    change(records)
    sync_format.write(
        target,
        kind=read.manifest.kind,
        machine_id=read.manifest.machine_id,
        machine_code=read.manifest.machine_code,
        records=records,
        attachments={},
    )
    return target


def test_customers_swapping_codes_at_the_office_swap_them_on_the_laptop(tmp_path):
    office, laptop = open_machine(tmp_path / "office"), open_machine(tmp_path / "laptop")
    _customers(office, range(1, 4))
    starter = tmp_path / "starter.qdsync"
    make_starter(office, starter, machine_code="L1", user=USER)
    import_starter(laptop, starter, USER)

    def swap(records: dict) -> None:
        one, two = records["customers"][0]["fields"], records["customers"][1]["fields"]
        one["code"], two["code"] = two["code"], one["code"]

    result = import_starter(laptop, _rewritten(starter, tmp_path / "swapped.qdsync", swap), USER)

    assert result.updated == {"customer": 2, "complaint": 0}
    with Session(laptop) as session:
        names = dict(session.exec(select(Customer.code, Customer.name)).all())
    assert names == {"KH00001": "顾客2", "KH00002": "顾客1", "KH00003": "顾客3"}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda r: r["customers"].append(copy.deepcopy(r["customers"][0])), "sync_malformed"),
        (lambda r: r["complaints"].append(copy.deepcopy(r["complaints"][0])), "sync_malformed"),
        (lambda r: r["customers"][1]["fields"].update(code="kh09999"), "sync_code_taken"),
        (
            lambda r: r["complaints"][1]["fields"].update(number="KS-2026-9999"),
            "sync_number_taken",
        ),  # fmt: skip
    ],
    ids=[
        "customer twice",
        "complaint twice",
        "code of a laptop customer",
        "number of a laptop ticket",
    ],  # fmt: skip
)
def test_a_refused_starter_writes_nothing(tmp_path, change, reason):
    office, laptop = open_machine(tmp_path / "office"), open_machine(tmp_path / "laptop")
    _customers(office, range(1, 4))
    local = add_customer(laptop, "KH09999", "本地顾客")  # entered on the laptop
    add_complaint(laptop, local, "KS-2026-9999")
    starter = tmp_path / "starter.qdsync"
    make_starter(office, starter, machine_code="L1", user=USER)
    before, count = _records(laptop), trail_count(laptop)

    with pytest.raises(SyncFileError) as caught:
        import_starter(laptop, _rewritten(starter, tmp_path / "bad.qdsync", change), USER)

    assert caught.value.error.code == reason
    assert _records(laptop) == before and trail_count(laptop) == count
