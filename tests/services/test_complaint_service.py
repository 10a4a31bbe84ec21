"""Complaint tickets: numbering, validation, trail, search, recurrence, attachments."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.models.common import utcnow
from app.services import (
    attachment_service,
    complaint_service,
    complaint_settings,
    complaint_workflow,
    customer_service,
)
from app.services.complaint_data import ActionData, ComplaintFilter, SortingData
from app.services.complaint_service import RecordLocked
from app.services.validation import ValidationError
from tests.services.complaint_factory import customer, local, register, ticket_data


def test_numbers_are_gap_free_per_year_and_follow_the_prefix(engine):
    cid = customer(engine)
    assert register(engine, cid, received_at=local(2025, 12, 31, 23, 0)).number == "KS-2025-0001"
    assert register(engine, cid).number == "KS-2026-0001"
    second = register(engine, cid)
    assert second.number == "KS-2026-0002"
    complaint_workflow.cancel(engine, second.id, reason="重复登记", user="t")
    assert register(engine, cid).number == "KS-2026-0003"  # a cancelled number stays used
    settings = complaint_settings.load(engine)
    settings.number_prefix = "QC"
    complaint_settings.save(engine, settings, "t")
    assert register(engine, cid).number == "QC-2026-0001"


def test_an_old_number_is_kept_and_numbering_continues_after_it(engine):
    cid = customer(engine)
    old = complaint_service.create(engine, ticket_data(cid), "t", number="KS-2026-0050")
    assert old.number == "KS-2026-0050"
    assert register(engine, cid).number == "KS-2026-0051"
    with pytest.raises(ValidationError) as refused:
        complaint_service.create(engine, ticket_data(cid), "t", number="ks-2026-0050")
    assert "number" in refused.value.errors
    odd = complaint_service.create(engine, ticket_data(cid), "t", number="2019客诉-7")
    assert odd.number == "2019客诉-7"


def test_bad_input_is_refused_field_by_field(engine):
    cid = customer(engine)
    data = ticket_data(
        cid,
        qty_delivered=100,
        qty_defective=120,
        description="",
        first_reply_at=local(2026, 9, 29, 8, 0),
        reply_at=local(2026, 10, 2, 8, 0),
        visit_at=local(2026, 10, 1, 8, 0),
        sorting=[SortingData("customer", 10, 11)],
        actions=[ActionData(description="更换模具")],
    )
    with pytest.raises(ValidationError) as refused:
        complaint_service.create(engine, data, "t")
    errors = refused.value.errors
    assert errors["qty_defective"].code == "more_than"
    assert errors["description"].code == "required"
    assert errors["first_reply_at"].code == "before_received"
    assert errors["reply_content"].code == "required"
    assert errors["visit_at"].code == "before_reply"
    assert errors["sorting[0].qty_defective"].code == "more_than"
    assert errors["actions[0].due"].code == "required"
    assert "不能大于 100" in errors["qty_defective"].message("zh_CN")
    assert complaint_service.count(engine) == 0
    future = ticket_data(cid, received_at=utcnow() + timedelta(days=1))
    with pytest.raises(ValidationError, match="received_at"):
        complaint_service.create(engine, future, "t")


def test_every_change_goes_to_the_trail_and_a_new_due_keeps_the_old_one(engine):
    cid = customer(engine)
    ticket = register(engine, cid)
    ticket.step(1).content = "张工、李工"
    ticket.actions = [ActionData(description="修模", department="生产部", due=date(2026, 10, 20))]
    ticket = complaint_service.update(engine, ticket, "qe")
    ticket.actions[0].due = date(2026, 10, 30)
    ticket.qty_defective = 5
    ticket = complaint_service.update(engine, ticket, "qe")
    action = ticket.actions[0]
    assert action.due == date(2026, 10, 30) and action.first_due == date(2026, 10, 20)
    assert [(e.kind, e.old_due, e.new_due) for e in action.history] == [
        ("rescheduled", date(2026, 10, 20), date(2026, 10, 30))
    ]
    trail = {
        (row.field, row.old_value, row.new_value)
        for row in complaint_service.history(engine, ticket)
    }
    assert ("D1.content", None, "张工、李工") in trail
    assert ("actions[1].due", "2026-10-20", "2026-10-30") in trail
    assert ("qty_defective", None, "5") in trail


def test_verification_cannot_be_set_through_a_plain_update(engine):
    cid = customer(engine)
    ticket = register(engine, cid, actions=[ActionData(description="修模", due=date(2026, 10, 20))])
    ticket.actions[0].verification = "effective"
    ticket.actions[0].verified_by = "自己"
    ticket = complaint_service.update(engine, ticket, "qe")
    assert ticket.actions[0].verification == ""


def test_the_list_shows_step_and_next_deadline_and_filters_in_sql(engine):
    a, b = customer(engine), customer(engine, "KH002", "一汽解放")
    first = register(engine, a, received_at=local(2026, 9, 30, 10, 0), severity="major")
    second = register(
        engine, b, received_at=local(2026, 11, 2, 9, 0), description="漏油", defect_category="泄漏"
    )
    second.responsible_department = "生产部"
    second.step(1).done_on = date(2026, 11, 2)
    second.first_reply_at = local(2026, 11, 2, 10, 0)
    second = complaint_service.update(engine, second, "t")
    rows = complaint_service.rows_for_ids(engine, [first.id, second.id])
    assert rows[first.id].next_due_key == "first_reply" and rows[first.id].current_step == 1
    assert rows[second.id].current_step == 2 and rows[second.id].next_due_key == "containment"
    now = local(2026, 11, 2, 12, 0)

    def ids(**kwargs):
        return set(complaint_service.search_ids(engine, ComplaintFilter(**kwargs), now=now))

    assert ids(text="漏油") == {second.id}
    assert ids(text="华通") == {first.id}
    assert ids(severity="major") == {first.id}
    assert ids(department="生产部") == {second.id}
    assert ids(overdue_only=True) == {first.id}
    # the overdue count of the list and of the status bar: with a filter, and of every ticket
    assert complaint_service.count_overdue(engine, now=now) == 1
    assert complaint_service.count_overdue(engine, ComplaintFilter(customer_id=b), now) == 0
    assert complaint_service.count_overdue(engine, ComplaintFilter(customer_id=a), now) == 1
    assert ids(received_from=date(2026, 11, 1), received_to=date(2026, 11, 30)) == {second.id}
    assert ids(customer_id=b) == {second.id}
    assert complaint_service.search_ids(engine, sort="number", descending=False) == [
        first.id,
        second.id,
    ]
    due = complaint_service.due_rows(engine, now=now)
    assert [r.number for r in due] == [first.number, second.number]


def test_recurrence_finds_the_same_customer_part_and_defect_only(engine):
    a, b = customer(engine), customer(engine, "KH002", "一汽解放")
    earlier = register(engine, a, received_at=local(2026, 3, 1, 9, 0))
    register(engine, a, received_at=local(2026, 4, 1, 9, 0), defect_category="外观不良")
    register(engine, b, received_at=local(2026, 5, 1, 9, 0))
    cancelled = register(engine, a, received_at=local(2026, 6, 1, 9, 0))
    complaint_workflow.cancel(engine, cancelled.id, reason="误登", user="t")
    found = complaint_service.recurrences(engine, a, "ZQ-200", "p-1001", "异响")
    assert [r.number for r in found] == [earlier.number]
    assert complaint_service.recurrences(engine, a, "ZQ-200", "", "异响")  # by product
    assert not complaint_service.recurrences(engine, a, "ZQ-200", "P-9", "异响")
    assert not complaint_service.recurrences(engine, a, "", "", "异响")
    # a ticket's own reopenings are the same problem, not a recurrence
    assert not complaint_service.recurrences(engine, a, "", "P-1001", "异响", exclude_id=earlier.id)


def test_a_customer_with_tickets_cannot_be_deleted(engine):
    cid = customer(engine)
    register(engine, cid)
    with pytest.raises(ValidationError) as refused:
        customer_service.delete_customer(engine, cid, "t")
    assert "已流失" in refused.value.errors["code"].message("zh_CN")
    assert customer_service.get(engine, cid) is not None


@pytest.mark.sqlite_only  # the folder beside the data file (a server: test_attachment_storage)
def test_attachments_are_stored_by_hash_beside_the_data_file(engine, data_dir, tmp_path):
    cid = customer(engine)
    ticket = register(engine, cid)
    photo = tmp_path / "缺陷照片.png"
    photo.write_bytes(b"\x89PNG fake image bytes")
    kwargs = dict(entity="complaint", entity_uuid=ticket.uuid, label=ticket.number, user="t")
    first = attachment_service.add(engine, source=photo, **kwargs)
    second = attachment_service.add(engine, source=photo, caption="again", **kwargs)
    assert first.stored_name == second.stored_name  # stored once
    stored = data_dir / "attachments" / first.stored_name
    assert stored.read_bytes() == photo.read_bytes()
    assert attachment_service.read_bytes(engine, first) == photo.read_bytes()
    stored.write_bytes(b"tampered")
    assert attachment_service.read_bytes(engine, first) is None
    attachment_service.remove(engine, first.id, label=ticket.number, user="t")
    shown = complaint_service.get(engine, ticket.id).attachments
    assert [a.id for a in shown] == [second.id] and shown[0].is_image
    trail = [r.new_value or r.old_value for r in complaint_service.history(engine, ticket)]
    assert "+ 缺陷照片.png" in trail and "- 缺陷照片.png" in trail
    with pytest.raises(ValidationError) as refused:
        attachment_service.add(engine, source=tmp_path / "missing.jpg", **kwargs)
    assert refused.value.errors["attachment"].code == "file_not_found"


def test_a_locked_ticket_refuses_changes(engine):
    cid = customer(engine)
    ticket = register(engine, cid)
    complaint_workflow.cancel(engine, ticket.id, reason="误登", user="t")
    ticket.description = "改"
    with pytest.raises(RecordLocked):
        complaint_service.update(engine, ticket, "t")
    assert complaint_service.get(engine, ticket.id).description == "制动钳异响,装车后发现"
