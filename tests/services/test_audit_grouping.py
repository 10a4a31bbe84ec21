"""One trail entry per save: a save of several fields is one entry holding them all, read back
field by field by the record's history, the trail export and the check for other saves."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from app.models import AuditEntry
from app.models.common import utcnow
from app.services import audit_service, complaint_service, conflicts, customer_service
from app.services.audit_export import count_trail_lines, iter_trail_lines, trail_lines
from app.services.customer_service import ContactData, CustomerData
from tests.services.complaint_factory import register
from tests.trail import tamper_trail


def _entries(engine, uuid: str) -> list[AuditEntry]:
    with Session(engine) as session:
        query = select(AuditEntry).where(AuditEntry.entity_uuid == uuid)
        return list(session.exec(query.order_by(col(AuditEntry.id))).all())


def _customer(engine) -> CustomerData:
    data = CustomerData(
        code="KH001", name="长春华通", address="长春", contacts=[ContactData("张伟")]
    )
    return customer_service.create(engine, data, "clerk")


def test_a_save_of_several_fields_is_one_entry_holding_them_all(engine):
    created = _customer(engine)
    [entry] = _entries(engine, created.uuid)
    assert (entry.action, entry.field, entry.old_value) == ("create", audit_service.GROUPED, None)
    assert "长春华通" in (entry.new_value or "")  # stored as it reads, not as \\u escapes
    stored = json.loads(entry.new_value or "")
    assert stored["code"] == "KH001" and stored["contacts[1].name"] == "张伟"
    expected = customer_service.creation_changes(customer_service.get(engine, created.id))
    assert audit_service.changes_of(entry.field, entry.old_value, entry.new_value) == expected

    created.address, created.notes = "", "重点顾客"
    customer_service.update(engine, created, "quality")
    update = _entries(engine, created.uuid)[-1]
    assert update.field == audit_service.GROUPED
    assert json.loads(update.old_value or "") == {"address": "长春"}  # only what had a value
    assert audit_service.changes_of(update.field, update.old_value, update.new_value) == [
        ("address", "长春", None),
        ("notes", None, "重点顾客"),
    ]


def test_a_save_of_one_field_names_it_and_a_save_of_none_writes_nothing(engine):
    created = _customer(engine)
    created.notes = "重点顾客"
    customer_service.update(engine, created, "quality")
    customer_service.update(engine, customer_service.get(engine, created.id), "quality")
    entries = _entries(engine, created.uuid)
    assert len(entries) == 2
    assert (entries[1].field, entries[1].old_value, entries[1].new_value) == (
        "notes",
        None,
        "重点顾客",
    )


def test_a_ticket_entered_and_saved_costs_an_entry_a_save(engine):
    customer = _customer(engine)
    ticket = register(engine, customer.id)
    ticket.step(2).content = "问题：外壳裂纹"
    ticket.step(3).content = "隔离在库 120 件"
    complaint_service.update(engine, ticket, "quality")
    entries = _entries(engine, ticket.uuid)
    assert [e.action for e in entries] == ["create", "update"]
    changes = audit_service.changes_of(entries[0].field, entries[0].old_value, entries[0].new_value)
    assert len(changes) >= 20  # every field entered, in the one entry


def test_the_history_lists_each_change_newest_save_first_fields_in_written_order(engine):
    created = _customer(engine)
    created.address, created.notes = "吉林", "重点顾客"
    customer_service.update(engine, created, "quality")
    rows = customer_service.history(engine, created)
    assert [(r.action, r.field, r.old_value, r.new_value) for r in rows[:2]] == [
        ("update", "address", "长春", "吉林"),
        ("update", "notes", None, "重点顾客"),
    ]
    created_rows = [r for r in rows if r.action == "create"]
    creation = _entries(engine, created.uuid)[0]
    assert [r.field for r in created_rows] == list(json.loads(creation.new_value or ""))
    assert {r.user for r in rows} == {"clerk", "quality"}


def test_the_export_gives_a_line_a_change_and_counts_them_on_the_database(engine):
    created = _customer(engine)
    created.address, created.notes = "吉林", "重点顾客"
    customer_service.update(engine, created, "quality")
    customer_service.delete_customer(engine, created.id, "quality")
    lines = trail_lines(engine)
    entries = _entries(engine, created.uuid)
    assert len(lines) > len(entries) == 3
    assert [line.id for line in lines] == sorted(line.id for line in lines)
    update_lines = [line for line in lines if line.id == entries[1].id]
    assert [(line.field, line.old_value, line.new_value) for line in update_lines] == [
        ("address", "长春", "吉林"),
        ("notes", None, "重点顾客"),
    ]
    assert count_trail_lines(engine) == len(lines)
    assert count_trail_lines(engine, record="KH001") == len(lines)
    assert count_trail_lines(engine, since=utcnow().date() + timedelta(days=2)) == 0
    assert list(iter_trail_lines(engine, chunk=2)) == lines  # chunks of entries, not of lines


def _legacy_save(engine, uuid: str, changes, at) -> None:
    """A save as the trail held it before entries held several changes: one entry a field."""
    with Session(engine) as session:
        base = {"at": at, "user": "engineer", "entity": "customer", "entity_uuid": uuid}
        rows = [
            {**base, "record_label": "KH001", "action": "update", "field": name,
             "old_value": old, "new_value": new}
            for name, old, new in changes
        ]  # fmt: skip
        audit_service.append(session, rows)
        session.commit()


def test_entries_written_one_per_field_still_read_as_one_save(engine):
    created = _customer(engine)
    loaded_at = utcnow()
    at = loaded_at + timedelta(seconds=1)
    _legacy_save(engine, created.uuid, [("address", "长春", "吉林"), ("notes", None, "旧")], at)
    rows = customer_service.history(engine, created)
    assert {(r.field, r.new_value) for r in rows if r.action == "update"} == {
        ("address", "吉林"),
        ("notes", "旧"),
    }
    with Session(engine) as session:
        [save] = conflicts.saves_since(session, "customer", created.uuid, loaded_at)
    assert save.user == "engineer" and [c.field for c in save.changes] == ["address", "notes"]
    assert count_trail_lines(engine) == len(trail_lines(engine))
    assert audit_service.verify_chain(engine) == []


def test_a_grouped_save_since_the_form_was_loaded_is_one_other_save(engine):
    created = _customer(engine)
    loaded_at = utcnow()
    other = customer_service.get(engine, created.id)
    other.address, other.notes = "吉林", "改过"
    customer_service.update(engine, other, "engineer")
    with Session(engine) as session:
        [save] = conflicts.saves_since(session, "customer", created.uuid, loaded_at)
    assert [(c.field, c.old, c.new) for c in save.changes] == [
        ("address", "长春", "吉林"),
        ("notes", None, "改过"),
    ]


def test_a_field_listed_twice_in_one_save_is_kept_as_an_entry_a_change():
    written = audit_service.rows(
        entity="customer", entity_uuid="u", label="KH001", action="update",
        changes=[("address", None, "a"), ("address", "a", "b")], user="clerk", at=utcnow(),
    )  # fmt: skip
    assert [(e["field"], e["old_value"], e["new_value"]) for e in written] == [
        ("address", None, "a"),
        ("address", "a", "b"),
    ]


@pytest.mark.parametrize("stored", ["{not json", "[1, 2]", '"text"'])
def test_an_entry_altered_into_something_unreadable_is_shown_as_stored(stored):
    assert audit_service.changes_of(audit_service.GROUPED, None, stored) == [
        (audit_service.GROUPED, None, stored)
    ]


def test_the_export_counts_and_lists_a_trail_with_an_entry_altered_out_of_json(engine):
    created = _customer(engine)
    created.address, created.notes = "吉林", "重点顾客"
    customer_service.update(engine, created, "quality")
    entry_id = _entries(engine, created.uuid)[-1].id
    forged = f"UPDATE audit_entry SET new_value = '{{not json' WHERE id = {entry_id}"
    tamper_trail(engine, forged)
    lines = trail_lines(engine)
    assert [(line.field, line.new_value) for line in lines if line.id == entry_id] == [
        (audit_service.GROUPED, "{not json")
    ]
    assert count_trail_lines(engine) == len(lines)
    assert [p.code for p in audit_service.verify_chain(engine)] == ["audit_changed"]
