"""Returns: numbering, quantity rules, status, links to complaints and actions, the list."""

from __future__ import annotations

from datetime import date

import pytest

from app.services import audit_service, complaint_service, customer_service, return_service
from app.services.return_data import ReturnFilter
from app.services.return_service import RecordLocked
from app.services.validation import ValidationError
from tests.services.complaint_factory import customer, register
from tests.services.return_factory import book, inspected, line, return_data


def errors_of(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.messages("en")


def disposed(defective: float = 10, **kwargs):
    values = dict(
        qty_rework=6, rework_instruction="rework", qty_scrap=4, disposed_on=date(2026, 10, 10)
    )
    values.update(kwargs)
    return inspected(defective, **values)


# ---------------------------------------------------------------- numbers


def test_numbers_are_th_year_sequence_and_gap_free_per_year(engine):
    c = customer(engine)
    first = book(engine, c)
    second = book(engine, c)
    next_year = book(engine, c, received_on=date(2025, 12, 30))
    assert (first.number, second.number) == ("TH-2026-0001", "TH-2026-0002")
    assert next_year.number == "TH-2025-0001"
    return_service.cancel(engine, second.id, reason="重复登记", user="clerk")
    assert book(engine, c).number == "TH-2026-0003"  # a cancelled number stays used


# ---------------------------------------------------------------- quantity rules


def test_good_plus_defective_must_equal_inspected(engine):
    c = customer(engine)
    data = return_data(c, inspected(10, qty_good=85))
    errors = errors_of(lambda: return_service.create(engine, data, "clerk"))
    assert errors == {
        "lines[0].qty_defective": "Good 85 + defective 10 = 95; it must equal the 100 inspected."
    }
    assert return_service.count(engine) == 0


def test_cannot_inspect_more_than_returned(engine):
    c = customer(engine)
    data = return_data(c, inspected(5, quantity=50, qty_inspected=60, qty_good=55))
    errors = errors_of(lambda: return_service.create(engine, data, "clerk"))
    assert errors["lines[0].qty_inspected"] == "Cannot be more than 50."


def test_partial_inspection_is_allowed(engine):
    c = customer(engine)
    booked = book(engine, c, inspected(2, quantity=100, qty_inspected=20, qty_good=18))
    assert booked.lines[0].qty_inspected == 20
    assert booked.status == "open"  # the 2 defective are not disposed of yet


def test_disposition_split_must_equal_defective(engine):
    c = customer(engine)
    data = return_data(c, disposed(10, qty_scrap=3))
    errors = errors_of(lambda: return_service.create(engine, data, "clerk"))
    assert errors == {
        "lines[0].qty_rework": "The disposition adds up to 9; it must equal the 10 defective."
    }


def test_every_disposition_counts_towards_the_split(engine):
    c = customer(engine)
    line_data = inspected(
        15, qty_rework=1, rework_instruction="full_inspection", qty_scrap=2, qty_return=3,
        qty_accept=4, concession_by="总经理 刘", qty_replace=5, disposed_on=date(2026, 10, 10),
    )  # fmt: skip
    booked = book(engine, c, line_data)
    assert booked.lines[0].disposed and booked.status == "disposed"


def test_disposition_needs_inspection_first(engine):
    c = customer(engine)
    data = return_data(c, line(qty_scrap=3, disposed_on=date(2026, 10, 10)))
    errors = errors_of(lambda: return_service.create(engine, data, "clerk"))
    assert errors["lines[0].inspected_on"] == "Record the inspection before the disposition."


def test_rework_needs_instruction_and_gets_an_order_number(engine):
    c = customer(engine)
    data = return_data(c, line(), disposed(10, rework_instruction=""))
    errors = errors_of(lambda: return_service.create(engine, data, "clerk"))
    assert errors == {"lines[1].rework_instruction": "Required."}
    booked = book(engine, c, line(), disposed(10))
    assert booked.lines[1].rework_order_no == f"{booked.number}-2"
    assert booked.lines[0].rework_order_no == ""
    kept = book(engine, c, disposed(10, rework_order_no="CG-2610-77"))
    assert kept.lines[0].rework_order_no == "CG-2610-77"


def test_concession_needs_approval_and_stock_short_needs_replacement(engine):
    c = customer(engine)
    data = return_data(
        c,
        inspected(4, qty_accept=4, disposed_on=date(2026, 10, 10)),
        inspected(4, qty_scrap=4, stock_short=True, disposed_on=date(2026, 10, 10)),
    )
    errors = errors_of(lambda: return_service.create(engine, data, "clerk"))
    assert errors == {
        "lines[0].concession_by": "Required.",
        "lines[1].stock_short": "Stock short applies only when pieces are replaced.",
    }


def test_not_our_fault_needs_an_explanation_for_the_customer(engine):
    c = customer(engine)
    data = return_data(c, inspected(3, responsibility="not_ours"))
    assert errors_of(lambda: return_service.create(engine, data, "clerk")) == {
        "lines[0].explanation": "Required."
    }
    book(engine, c, inspected(3, responsibility="not_ours", explanation="顾客装配扭矩过大"))


def test_dates_in_order_and_not_in_the_future(engine):
    c = customer(engine)
    data = return_data(
        c,
        inspected(10, inspected_on=date(2026, 10, 1)),
        disposed(10, inspected_on=date(2026, 10, 9), disposed_on=date(2026, 10, 8)),
        received_on=date(2026, 10, 8),
    )
    errors = errors_of(lambda: return_service.create(engine, data, "clerk"))
    assert errors == {
        "lines[0].inspected_on": "Cannot be before the return was received.",
        "lines[1].disposed_on": "Cannot be before the inspection.",
    }
    future = return_data(c, received_on=date(2999, 1, 1))
    assert errors_of(lambda: return_service.create(engine, future, "clerk")) == {
        "received_on": "The date cannot be later than today."
    }


def test_quantity_required_and_positive_and_one_line_at_least(engine):
    c = customer(engine)
    data = return_data(c, line(quantity=0), line(quantity=-2, material_no=""))
    assert errors_of(lambda: return_service.create(engine, data, "clerk")) == {
        "lines[0].quantity": "Must be more than 0.",
        "lines[1].material_no": "Required.",
        "lines[1].quantity": "Cannot be negative.",
    }
    empty = return_data(
        c, line(material_no="", material_name="", batch_no="", quantity=None, customer_reason="")
    )
    assert errors_of(lambda: return_service.create(engine, empty, "clerk")) == {
        "lines": "Enter at least one returned item."
    }


# ---------------------------------------------------------------- status and list columns


def test_status_follows_the_lines(engine):
    c = customer(engine)
    booked = book(engine, c, line(), line(material_no="P-2002"))
    assert booked.status == "open" and booked.responsibility == ""
    booked.lines[0] = disposed(10, id=booked.lines[0].id)
    booked = return_service.update(engine, booked, "qe")
    assert booked.status == "open" and booked.responsibility == "ours"
    booked.lines[1] = inspected(0, id=booked.lines[1].id, material_no="P-2002", responsibility="")
    booked = return_service.update(engine, booked, "qe")
    assert booked.status == "disposed"  # all good pieces: nothing to dispose of
    row = return_service.rows_for_ids(engine, [booked.id])[booked.id]
    assert (row.status, row.qty_returned, row.qty_defective, row.items) == (
        "disposed", 200, 10, "P-1001、P-2002"
    )  # fmt: skip


def test_urgent_production_when_replacement_is_short(engine):
    c = customer(engine)
    booked = book(engine, c, disposed(10, qty_rework=0, rework_instruction="", qty_scrap=0, qty_replace=10, stock_short=True))  # fmt: skip
    assert booked.urgent_production
    assert return_service.search_ids(engine, ReturnFilter(urgent_only=True)) == [booked.id]
    return_service.cancel(engine, booked.id, reason="录错", user="clerk")
    assert return_service.search_ids(engine, ReturnFilter(urgent_only=True)) == []
    handled = book(engine, c, disposed(10, qty_rework=0, rework_instruction="", qty_scrap=0, qty_replace=10, stock_short=True))  # fmt: skip
    handled.analysis_result, handled.analysis_by = "密封圈供应商批次问题", "制造部 张"
    handled = return_service.update(engine, handled, "qe")
    archived = return_service.archive(engine, handled.id, user="qe")
    assert archived.lines[0].stock_short  # the record keeps what happened
    assert return_service.search_ids(engine, ReturnFilter(urgent_only=True)) == []


def test_lines_keep_their_identity_and_photos_across_edits(engine, tmp_path):
    from app.services import attachment_service

    c = customer(engine)
    booked = book(engine, c, line(), line(material_no="P-2002"))
    photo = tmp_path / "划伤.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo")
    attachment_service.add(
        engine, entity=return_service.LINE_ENTITY, entity_uuid=booked.lines[1].uuid,
        label=booked.number, source=photo, user="qe",
    )  # fmt: skip
    booked.lines.pop(0)
    booked = return_service.update(engine, booked, "qe")
    assert [ln.material_no for ln in booked.lines] == ["P-2002"]
    assert [a.file_name for a in booked.lines[0].attachments] == ["划伤.jpg"]


# ---------------------------------------------------------------- audit trail and locking


def test_every_change_goes_to_the_trail(engine):
    c = customer(engine)
    booked = book(engine, c)
    booked.lines[0] = inspected(10, id=booked.lines[0].id)
    booked = return_service.update(engine, booked, "qe")
    trail = {
        (row.action, row.field, row.new_value) for row in return_service.history(engine, booked)
    }
    assert ("create", "number", "TH-2026-0001") in trail
    assert ("update", "lines[1].qty_defective", "10") in trail
    assert ("update", "lines[1].responsibility", "ours") in trail
    unchanged = return_service.update(engine, booked, "qe")
    assert unchanged.updated_at == booked.updated_at


def test_archive_needs_disposition_and_analysis_then_locks(engine):
    c = customer(engine)
    booked = book(engine, c, line(), disposed(10))
    assert errors_of(lambda: return_service.archive(engine, booked.id, user="qe")) == {
        "lines": "Line(s) 1 are not yet inspected and disposed of; the return cannot be archived."
    }
    booked.lines[0] = inspected(0, id=booked.lines[0].id, responsibility="")
    booked = return_service.update(engine, booked, "qe")
    assert errors_of(lambda: return_service.archive(engine, booked.id, user="qe")) == {
        "analysis_result": "A return that is our fault needs the manufacturing analysis before it is archived."
    }
    booked.analysis_result, booked.analysis_by = "模具型腔磨损,已修模", "制造部 张"
    booked.analysis_on = date(2026, 10, 12)
    booked = return_service.update(engine, booked, "qe")
    archived = return_service.archive(engine, booked.id, user="qe", archived_on=date(2026, 10, 13))
    assert (archived.status, archived.archived_on, archived.editable) == (
        "archived",
        date(2026, 10, 13),
        False,
    )
    with pytest.raises(RecordLocked):
        return_service.update(engine, archived, "qe")
    with pytest.raises(RecordLocked):
        return_service.cancel(engine, archived.id, reason="x", user="qe")


def test_cancel_needs_a_reason(engine):
    c = customer(engine)
    booked = book(engine, c)
    assert errors_of(
        lambda: return_service.cancel(engine, booked.id, reason=" ", user="clerk")
    ) == {"cancel_reason": "Required."}
    cancelled = return_service.cancel(engine, booked.id, reason="重复登记", user="clerk")
    assert (cancelled.status, cancelled.cancel_reason) == ("cancelled", "重复登记")


# ---------------------------------------------------------------- complaints and actions


def test_link_to_a_complaint_of_the_same_customer_only(engine):
    c, other = customer(engine), customer(engine, "KH002", "一汽解放")
    ticket = register(engine, c)
    foreign = register(engine, other)
    linked = book(engine, c, complaint_id=ticket.id)
    assert linked.complaint.number == ticket.number
    assert return_service.search_ids(engine, ReturnFilter(text=ticket.number)) == [linked.id]
    assert return_service.search_ids(engine, ReturnFilter(linked_complaint=True)) == [linked.id]
    errors = errors_of(lambda: book(engine, c, complaint_id=foreign.id))
    assert errors == {
        "complaint_id": f"Complaint ticket {foreign.number} belongs to another customer."
    }
    assert [t.number for t in return_service.complaint_choices(engine, c)] == [ticket.number]


def test_open_complaint_from_a_return_that_is_our_fault(engine):
    c = customer(engine)
    booked = book(engine, c, line(), inspected(12, defect_category="外观"))
    ticket = return_service.open_complaint(engine, booked.id, user="qe")
    assert ticket.kind == "return" and ticket.responsibility == "ours"
    assert (ticket.part_no, ticket.qty_defective, ticket.defect_category) == ("P-1001", 12, "外观")
    assert booked.number in ticket.description
    again = return_service.get(engine, booked.id)
    assert again.complaint.number == ticket.number
    assert errors_of(lambda: return_service.open_complaint(engine, booked.id, user="qe")) == {
        "complaint_id": f"Already linked to complaint ticket {ticket.number}."
    }


def test_bulk_return_never_becomes_a_complaint(engine):
    c = customer(engine)
    bulk = book(engine, c, inspected(12), bulk=True)
    assert errors_of(lambda: return_service.open_complaint(engine, bulk.id, user="qe")) == {
        "complaint_id": "A bulk periodic return is not a complaint; open a corrective action instead."
    }
    assert complaint_service.count(engine) == 0
    with_action = return_service.open_action(
        engine, bulk.id, description=return_service.suggested_action(bulk), due=date(2026, 12, 1),
        user="qe", department="生产部",
    )  # fmt: skip
    assert [a.department for a in with_action.actions] == ["生产部"]


def test_not_our_fault_cannot_open_a_complaint(engine):
    c = customer(engine)
    booked = book(engine, c, inspected(2, responsibility="not_ours", explanation="运输挤压"))
    assert errors_of(lambda: return_service.open_complaint(engine, booked.id, user="qe")) == {
        "complaint_id": "No line is judged to be our fault, so no complaint ticket can be opened."
    }


def test_actions_of_a_return_are_verified_with_history(engine):
    c = customer(engine)
    booked = book(engine, c, inspected(5))
    booked = return_service.open_action(
        engine, booked.id, description="修模", due=date(2026, 10, 20), user="qe"
    )
    assert errors_of(
        lambda: return_service.open_action(
            engine, booked.id, description="", due=date(2026, 10, 20), user="qe"
        )
    ) == {"description": "Required."}
    booked.actions[0].done_on = date(2026, 10, 15)
    booked = return_service.update(engine, booked, "qe")
    action_id = booked.actions[0].id
    booked = return_service.verify_action(
        engine, action_id, effective=False, verified_by="品保 陈", verified_on=date(2026, 10, 16),
        user="qe", new_due=date(2026, 11, 30),
    )  # fmt: skip
    action = booked.actions[0]
    assert (action.due, action.done_on, action.first_due) == (
        date(2026, 11, 30),
        None,
        date(2026, 10, 20),
    )
    fields = {row.field for row in return_service.history(engine, booked)}
    assert {"actions[1].verification", "actions[1].due"} <= fields


# ---------------------------------------------------------------- list


def test_filters(engine):
    c, other = customer(engine), customer(engine, "KH002", "一汽解放")
    a = book(engine, c, disposed(10))
    b = book(
        engine,
        other,
        line(material_no="X-9", batch_no="B-77"),
        bulk=True,
        received_on=date(2026, 9, 1),
    )
    d = book(engine, c, inspected(1, responsibility="not_ours", explanation="运输"))

    def ids(**kwargs):
        return set(return_service.search_ids(engine, ReturnFilter(**kwargs)))

    assert ids() == {a.id, b.id, d.id}
    assert ids(customer_id=other) == {b.id}
    assert ids(bulk=True) == {b.id} and ids(bulk=False) == {a.id, d.id}
    assert ids(responsibility="ours") == {a.id}
    assert ids(responsibility="") == {b.id}
    assert ids(disposition_done=True) == {a.id}
    assert ids(disposition_done=False) == {b.id, d.id}
    assert ids(received_from=date(2026, 10, 1)) == {a.id, d.id}
    assert ids(received_to=date(2026, 9, 30)) == {b.id}
    assert ids(text="b-77") == {b.id}  # a line's batch
    assert ids(text="一汽") == {b.id}
    assert return_service.search_ids(engine, sort="customer", descending=False)[0] == b.id


def test_customer_with_returns_cannot_be_deleted(engine):
    c = customer(engine)
    book(engine, c)
    errors = errors_of(lambda: customer_service.delete_customer(engine, c, "clerk"))
    assert "1 return(s)" in errors["code"]
    assert audit_service.history(engine, "customer", customer_service.get(engine, c).uuid)
