"""Two clerks, one record: the second save of the same version is refused, never applied."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pytest

from app.services import (
    attachment_service,
    audit_service,
    complaint_service,
    complaint_workflow,
    conflicts,
    customer_service,
    field_service,
    return_service,
    survey_service,
    sync_records,
    visit_service,
)
from app.services.conflicts import RecordConflict
from app.services.customer_service import CustomerData
from tests.services import complaint_factory as cf
from tests.services import field_factory as ff
from tests.services import return_factory as rf
from tests.services import survey_factory as sf


@dataclass(frozen=True)
class Kind:
    """How to make, read and save one family of versioned records."""

    entity: str
    make: Callable[[Any, int], Any]  # engine, customer id -> stored data
    get: Callable[[Any, int], Any]
    save: Callable[[Any, Any, str], Any]  # engine, data, user -> stored data
    field: str  # a text field both clerks change
    label: Callable[[Any], str]


KINDS = {
    "customer": Kind(
        customer_service.ENTITY,
        lambda engine, customer_id: customer_service.get(engine, customer_id),
        customer_service.get,
        customer_service.update,
        "notes",
        lambda data: data.code,
    ),
    "complaint": Kind(
        complaint_service.ENTITY,
        lambda engine, customer_id: cf.register(engine, customer_id),
        complaint_service.get,
        complaint_service.update,
        "description",
        lambda data: data.number,
    ),
    "return": Kind(
        return_service.ENTITY,
        lambda engine, customer_id: rf.book(engine, customer_id),
        return_service.get,
        return_service.update,
        "notes",
        lambda data: data.number,
    ),
    "service_report": Kind(
        field_service.ENTITY,
        lambda engine, customer_id: ff.write_report(engine, customer_id),
        field_service.get,
        lambda engine, data, user: field_service.update(engine, data, user, today=ff.TODAY),
        "work_done",
        lambda data: data.number,
    ),
    "visit_report": Kind(
        visit_service.ENTITY,
        lambda engine, customer_id: ff.write_visit(engine, customer_id),
        visit_service.get,
        lambda engine, data, user: visit_service.update(engine, data, user, today=ff.TODAY),
        "feedback",
        lambda data: data.number,
    ),
    "survey_campaign": Kind(
        "survey_campaign",
        lambda engine, customer_id: sf.campaign(engine, sf.template(engine).id, customer_id),
        survey_service.get_campaign,
        survey_service.update_campaign,
        "notes",
        lambda data: data.number,
    ),
}


@pytest.fixture(params=sorted(KINDS))
def kind(request) -> Kind:
    return KINDS[request.param]


def _stored(engine, kind: Kind) -> Any:
    customer_id = cf.customer(engine, "KH001", "长春华通汽车有限公司")
    return kind.make(engine, customer_id)


def test_the_second_save_of_the_same_version_is_refused_and_names_the_first(engine, kind):
    record = _stored(engine, kind)
    first = kind.get(engine, record.id)  # 张三 opens the record …
    second = kind.get(engine, record.id)  # … and so does 李四
    assert first.version == second.version == 1
    before = getattr(first, kind.field)

    saved = kind.save(engine, replace(first, **{kind.field: "张三写的"}), "张三")
    assert saved.version == 2

    with pytest.raises(RecordConflict) as caught:
        kind.save(engine, replace(second, **{kind.field: "李四写的"}), "李四")
    conflict = caught.value
    assert conflict.label == kind.label(record)
    assert conflict.user == "张三" and conflict.users == ["张三"]
    assert conflict.at is not None
    assert (conflict.loaded_version, conflict.current_version) == (1, 2)
    assert conflicts.Change(kind.field, before or None, "张三写的") in conflict.changes
    assert all(change.field != "version" for change in conflict.changes)

    stored = kind.get(engine, record.id)  # the first save, untouched by the second
    assert getattr(stored, kind.field) == "张三写的" and stored.version == 2
    trail = audit_service.history(engine, kind.entity, record.uuid)
    assert [r.user for r in trail if r.new_value == "李四写的"] == []


def test_saving_over_theirs_from_the_new_version_keeps_every_field_in_the_trail(engine, kind):
    record = _stored(engine, kind)
    mine = kind.get(engine, record.id)
    kind.save(engine, replace(kind.get(engine, record.id), **{kind.field: "张三写的"}), "张三")
    with pytest.raises(RecordConflict):
        kind.save(engine, replace(mine, **{kind.field: "李四写的"}), "李四")

    # "Keep my changes and save over theirs": the typed values on top of the stored version
    fresh = kind.get(engine, record.id)
    typed = replace(mine, **{kind.field: "李四写的"}, version=fresh.version)
    typed.updated_at = fresh.updated_at
    stored = kind.save(engine, typed, "李四")
    assert getattr(stored, kind.field) == "李四写的" and stored.version == 3
    trail = audit_service.history(engine, kind.entity, record.uuid)
    changes = [(r.user, r.old_value, r.new_value) for r in trail if r.field == kind.field]
    assert ("张三", getattr(record, kind.field) or None, "张三写的") in changes
    assert ("李四", "张三写的", "李四写的") in changes


def test_a_save_without_changes_does_not_raise_the_version(engine, kind):
    record = _stored(engine, kind)
    again = kind.save(engine, kind.get(engine, record.id), "张三")
    assert again.version == 1


def test_a_conflict_lists_each_save_in_between_and_not_the_one_loaded(engine):
    customer_id = cf.customer(engine, "KH001", "长春华通汽车有限公司")
    data = customer_service.get(engine, customer_id)
    data = customer_service.update(engine, replace(data, phone="0431-1"), "王五")
    loaded = customer_service.get(engine, customer_id)  # after 王五's save
    customer_service.update(engine, replace(loaded, notes="张三"), "张三")
    customer_service.update(
        engine, replace(customer_service.get(engine, customer_id), grade="A"), "赵六"
    )
    with pytest.raises(RecordConflict) as caught:
        customer_service.update(engine, replace(loaded, name="李四改名"), "李四")
    saves = caught.value.saves
    assert [(s.user, [c.field for c in s.changes]) for s in saves] == [
        ("张三", ["notes"]),
        ("赵六", ["grade"]),
    ]
    assert caught.value.user == "赵六" and caught.value.users == ["张三", "赵六"]
    assert customer_service.get(engine, customer_id).name == "长春华通汽车有限公司"


def test_a_photo_added_before_the_form_loaded_is_not_named_as_a_save_in_between(engine, tmp_path):
    """Photos are stored at once and do not raise the version: they are not a save the form
    could overwrite, whenever they were added."""
    customer_id = cf.customer(engine, "KH001", "长春华通汽车有限公司")
    ticket = cf.register(engine, customer_id, description="制动钳异响")
    photo = tmp_path / "缺陷照片.png"
    photo.write_bytes(b"\x89PNG photo")
    attachment_service.add(
        engine, entity="complaint", entity_uuid=ticket.uuid, label=ticket.number,
        source=photo, user="王五",
    )  # fmt: skip
    loaded = complaint_service.get(engine, ticket.id)
    complaint_service.update(engine, replace(loaded, description="张三改的描述"), "张三")
    with pytest.raises(RecordConflict) as caught:
        complaint_service.update(engine, replace(loaded, owner="李四"), "李四")
    assert [(s.user, [c.field for c in s.changes]) for s in caught.value.saves] == [
        ("张三", ["description"])
    ]


def test_workflow_steps_raise_the_version_so_an_open_form_cannot_undo_them(engine):
    customer_id = cf.customer(engine)
    ticket = cf.register(engine, customer_id)
    in_form = complaint_service.get(engine, ticket.id)
    complaint_workflow.cancel(engine, ticket.id, reason="登记错误", user="张三")
    stored = complaint_service.get(engine, ticket.id)
    assert stored.version == 2 and stored.status == "cancelled"
    with pytest.raises((RecordConflict, complaint_service.RecordLocked)):
        complaint_service.update(engine, replace(in_form, description="改"), "李四")


def test_a_customer_saved_twice_from_one_form_needs_the_version_it_got_back(engine):
    customer_id = customer_service.create(engine, CustomerData(code="KH9", name="甲"), "t").id
    data = customer_service.get(engine, customer_id)
    data = customer_service.update(engine, replace(data, notes="一"), "张三")
    data = customer_service.update(engine, replace(data, notes="二"), "张三")
    assert data.version == 3 and data.notes == "二"


def test_the_version_is_not_part_of_a_field_records_synced_content(engine):
    from sqlmodel import Session

    from app.models import ServiceReport

    report = ff.write_report(engine, cf.customer(engine))
    kind = sync_records.KINDS[sync_records.SERVICE]
    with Session(engine) as session:
        row = session.get(ServiceReport, report.id)
        before = sync_records.serialize(session, kind, row)
        conflicts.bump(row)
        session.flush()
        after = sync_records.serialize(session, kind, row)
    assert row.version == 2
    assert "version" not in before["content"]["fields"]
    assert sync_records.record_hash(after) == sync_records.record_hash(before)
