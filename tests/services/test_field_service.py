"""Field service reports: validation, machine-coded numbers, trail, tombstones, photos, list."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from app.db import open_database
from app.models import AuditEntry, ServicePart, ServiceReport, SyncTombstone
from app.services import field_list, field_service, machine
from app.services.field_data import FieldFilter, PartData
from app.services.validation import ValidationError
from tests.services.complaint_factory import customer, register
from tests.services.field_factory import (
    TODAY,
    at,
    follow_up,
    part,
    report_data,
    write_report,
    write_visit,
)
from tests.trail import trail_changes


def errors_of(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.messages("en")


def create(engine, data):
    return field_service.create(engine, data, "engineer", today=TODAY)


# ---------------------------------------------------------------- validation


def test_required_fields_are_named(engine):
    data = field_service.blank_report(engine)
    errors = errors_of(lambda: create(engine, data))
    assert errors == {
        "customer_id": "Required.",
        "engineers": "Required.",
        "arrived_at": "Required.",
    }
    assert field_service.count(engine) == 0


def test_departure_must_follow_arrival(engine):
    c = customer(engine)
    same = report_data(c, departed_at=at(2026, 10, 6, 9, 0))
    assert errors_of(lambda: create(engine, same)) == {
        "departed_at": "The departure must be after the arrival."
    }
    before = report_data(c, departed_at=at(2026, 10, 6, 8, 0))
    assert "departed_at" in errors_of(lambda: create(engine, before))


def test_times_beyond_today_and_request_after_arrival_are_refused(engine):
    c = customer(engine)
    data = report_data(
        c,
        requested_on=date(2026, 10, 21),
        arrived_at=at(2026, 10, 21, 8, 0),
        departed_at=at(2026, 10, 21, 9, 0),
    )
    errors = errors_of(lambda: create(engine, data))
    assert errors["arrived_at"] == "The date cannot be later than today."
    assert errors["departed_at"] == "The date cannot be later than today."
    assert errors["requested_on"] == "The date cannot be later than today."
    late_request = report_data(c, requested_on=date(2026, 10, 7))
    assert errors_of(lambda: create(engine, late_request)) == {
        "requested_on": "The request date cannot be after the arrival."
    }
    # later on the day of today is fine: the day counts, not the hour
    create(engine, report_data(c, arrived_at=at(2026, 10, 20, 8), departed_at=at(2026, 10, 20, 23)))


def test_rating_costs_result_parts_and_lengths(engine):
    c = customer(engine)
    data = report_data(
        c,
        customer_rating=6,
        travel_cost=-1,
        labour_cost=-0.5,
        result="fixed",
        serial_no="S" * 101,
        parts=[
            PartData(part_no="", name="", quantity=2),  # wholly empty: dropped
            part(part_no="", name="", quantity=2, id=None, charged=True),
            part(quantity=0),
            part(quantity=None),
            part(name="N" * 101),
        ],
    )
    errors = errors_of(lambda: create(engine, data))
    assert (
        errors
        == {
            "customer_rating": "Must be between 1 and 5.",
            "travel_cost": "Cannot be negative.",
            "labour_cost": "Cannot be negative.",
            "result": "Invalid value “fixed”; allowed: solved (已解决), temporary (临时解决), "
            "not_solved (未解决).",
            "serial_no": "Too long (at most 100 characters).",
            "parts[0].quantity": "Must be more than 0.",
            "parts[1].quantity": "Required.",
            "parts[2].name": "Too long (at most 100 characters).",
        }
        or errors
    )


def test_a_part_needs_a_number_or_a_name(engine):
    c = customer(engine)
    data = report_data(c, parts=[PartData(part_no="", name="", quantity=3, charged=True)])
    data.parts[0].id = 99  # a stored row emptied in the form is not dropped silently
    assert errors_of(lambda: create(engine, data)) == {
        "parts[0].name": "Enter a part number or a name."
    }
    only_name = write_report(engine, c, parts=[part(part_no="", name="碳刷")])
    assert only_name.parts[0].name == "碳刷"


def test_unknown_customer_and_complaint_of_another_customer(engine):
    a, b = customer(engine), customer(engine, code="KH002", name="吉林通达")
    assert errors_of(lambda: create(engine, report_data(9999))) == {
        "customer_id": "This customer does not exist; pick again."
    }
    ticket = register(engine, b)
    data = report_data(a, complaint_id=ticket.id)
    assert errors_of(lambda: create(engine, data)) == {
        "complaint_id": f"Complaint ticket {ticket.number} belongs to another customer."
    }
    own = register(engine, a)
    linked = write_report(engine, a, complaint_id=own.id)
    assert linked.complaint.number == own.number
    assert [c.number for c in field_service.complaint_choices(engine, a)] == [own.number]


def test_chinese_messages(engine):
    c = customer(engine)
    data = report_data(c, departed_at=at(2026, 10, 6, 8, 0))
    with pytest.raises(ValidationError) as caught:
        create(engine, data)
    assert caught.value.messages("zh_CN") == {"departed_at": "离开时间应晚于到达时间。"}


# ---------------------------------------------------------------- the form's helpers


def test_blank_report_takes_the_site_from_the_customer_file(engine):
    c = customer(engine, address="长春市 一汽大街 1 号")
    blank = field_service.blank_report(engine, c)
    assert (blank.site_address, blank.customer_code) == ("长春市 一汽大街 1 号", "KH001")
    blank.engineers, blank.arrived_at = "张伟", at(2026, 10, 6, 9)
    blank.site_address = "长春市 二号工厂"  # editable
    assert create(engine, blank).site_address == "长春市 二号工厂"


def test_hours_engineers_and_parts_are_stored(engine):
    c = customer(engine)
    report = write_report(
        engine,
        c,
        engineers="张伟、王芳,  张伟 ",
        parts=[part(quantity=2, charged=True), part(part_no="FD-3302", quantity=1.5)],
        travel_cost=300,
        labour_cost=850.5,
        customer_rating=4,
    )
    assert report.number == "FW-2026-0001"
    assert report.engineer_list == ["张伟", "王芳", "张伟"]
    assert report.hours == 6.5
    assert field_service.hours_on_site(report.arrived_at, report.departed_at) == 6.5
    assert (report.qty_charged, report.qty_warranty, report.total_cost) == (2, 1.5, 1150.5)
    assert report.arrived_at == at(2026, 10, 6, 9, 0)
    assert report.origin == machine.machine_id(engine)
    again = field_service.get_by_number(engine, "fw-2026-0001")
    assert again == report


# ---------------------------------------------------------------- numbers


def test_numbers_per_prefix_and_year_without_machine_code(engine):
    c = customer(engine)
    first, second = write_report(engine, c), write_report(engine, c)
    earlier = write_report(
        engine, c, requested_on=None, arrived_at=at(2025, 12, 31, 22), departed_at=at(2026, 1, 1, 2)
    )
    assert [first.number, second.number, earlier.number] == [
        "FW-2026-0001",
        "FW-2026-0002",
        "FW-2025-0001",
    ]
    with Session(engine) as session:
        stored = session.get(ServiceReport, earlier.id)
        assert (stored.prefix, stored.year, stored.seq) == ("FW", 2025, 1)


def test_a_laptop_code_goes_into_the_number(engine):
    c = customer(engine)
    office = write_report(engine, c)
    machine.set_machine_code(engine, " l1 ", "admin")
    assert machine.machine_code(engine) == "L1"
    laptop = write_report(engine, c)
    assert (office.number, laptop.number) == ("FW-2026-0001", "FW-L1-2026-0001")
    assert laptop.prefix == "FW-L1"
    assert machine.prefix_for("L1", "ZF") == "ZF-L1"
    assert machine.prefix_for(engine, "FW") == "FW-L1"
    trail = audit_rows(engine, "setting", "machine")
    assert [(r.field, r.old_value, r.new_value) for r in trail] == [("code", None, "L1")]


def test_two_data_files_with_different_codes_never_collide(tmp_path):
    numbers, ids = [], set()
    for code in ("", "L1", "L2"):
        folder = tmp_path / (code or "office")
        folder.mkdir()
        eng = open_database(folder)
        try:
            if code:
                machine.set_machine_code(eng, code, "admin")
            c = customer(eng)
            numbers += [write_report(eng, c).number, write_report(eng, c).number]
            ids.add(machine.machine_id(eng))
        finally:
            eng.dispose()
    assert numbers == [
        "FW-2026-0001", "FW-2026-0002", "FW-L1-2026-0001", "FW-L1-2026-0002",
        "FW-L2-2026-0001", "FW-L2-2026-0002",
    ]  # fmt: skip
    assert len(ids) == 3


def test_machine_code_shape_and_id_kept(engine):
    first = machine.get_machine(engine)
    assert first.code == "" and len(first.id) == 36
    assert machine.get_machine(engine).id == first.id
    for bad in ("L-1", "ABCDEFG", "笔记本"):
        with pytest.raises(ValidationError) as caught:
            machine.set_machine_code(engine, bad, "admin")
        assert caught.value.messages("en") == {
            "code": "The machine code is 1–6 letters or digits (empty on the office PC)."
        }
    assert machine.set_machine_code(engine, "abc123", "admin").code == "ABC123"
    assert machine.set_machine_code(engine, "", "admin").code == ""
    assert machine.get_machine(engine).id == first.id
    with pytest.raises(ValueError):
        machine.prefix_for("L1", "XX")


def test_a_deleted_number_is_not_given_again(engine):
    c = customer(engine)
    write_report(engine, c)
    last = write_report(engine, c)
    field_service.delete(engine, last.id, "engineer")
    assert write_report(engine, c).number == "FW-2026-0003"


# ---------------------------------------------------------------- trail, update, delete


def audit_rows(engine, entity, uuid):
    return trail_changes(engine, AuditEntry.entity == entity, AuditEntry.entity_uuid == uuid)


def test_create_and_update_go_to_the_trail(engine):
    c = customer(engine)
    report = write_report(engine, c, parts=[part(quantity=2)])
    created = {r.field: r.new_value for r in audit_rows(engine, "service_report", report.uuid)}
    assert created["number"] == "FW-2026-0001"
    assert created["engineers"] == "张伟"
    assert created["parts[1].part_no"] == "QD-1021"
    assert created["parts[1].quantity"] == "2"
    assert created["arrived_at"] == at(2026, 10, 6, 9).isoformat()

    report.result = "temporary"
    report.parts.append(part(part_no="FD-3302", charged=True))
    report.departed_at = at(2026, 10, 6, 17)
    updated = field_service.update(engine, report, "boss", today=TODAY)
    assert updated.number == "FW-2026-0001"
    assert updated.hours == 8
    changes = {
        r.field: (r.old_value, r.new_value)
        for r in audit_rows(engine, "service_report", report.uuid)
        if r.action == "update"
    }
    assert changes == {
        "result": ("solved", "temporary"),
        "departed_at": (at(2026, 10, 6, 15, 30).isoformat(), at(2026, 10, 6, 17).isoformat()),
        "parts[2].part_no": (None, "FD-3302"),
        "parts[2].name": (None, "单向器"),
        "parts[2].quantity": (None, "1"),
        "parts[2].charged": (None, "true"),
    }
    unchanged = field_service.update(engine, updated, "boss", today=TODAY)
    assert unchanged == updated
    assert len(field_service.history(engine, updated)) == len(
        audit_rows(engine, "service_report", report.uuid)
    )


def test_delete_keeps_every_value_in_the_trail_and_leaves_a_tombstone(engine, tmp_path):
    c = customer(engine)
    report = write_report(engine, c, parts=[part(quantity=2)], notes="误录")
    photo = tmp_path / "site.png"
    photo.write_bytes(b"\x89PNG fake")
    field_service.add_photo(engine, report.id, photo, "engineer")
    field_service.delete(engine, report.id, "boss", reason="重复录入")
    assert field_service.get(engine, report.id) is None
    with Session(engine) as session:
        assert session.exec(select(ServicePart)).all() == []
        assert session.exec(select(ServiceReport)).all() == []
        stones = session.exec(select(SyncTombstone)).all()
    assert [(s.entity, s.uuid, s.label) for s in stones] == [
        ("service_report", report.uuid, "FW-2026-0001")
    ]
    deleted = {
        r.field: (r.old_value, r.new_value)
        for r in audit_rows(engine, "service_report", report.uuid)
        if r.action == "delete"
    }
    assert deleted["number"] == ("FW-2026-0001", None)
    assert deleted["notes"] == ("误录", None)
    assert deleted["parts[1].quantity"] == ("2", None)
    assert deleted["problem_found"] == ("起动机异响", None)
    assert deleted["attachments[1]"] == ("site.png", None)
    assert deleted["delete_reason"] == (None, "重复录入")
    assert all(r.user == "boss" for r in audit_rows(engine, "service_report", report.uuid)[-3:])


def test_photos_are_attachments_of_the_report(engine, tmp_path):
    c = customer(engine)
    report = write_report(engine, c)
    photo = tmp_path / "before.png"
    photo.write_bytes(b"\x89PNG before")
    added = field_service.add_photo(engine, report.id, photo, "engineer", caption="维修前")
    stored = field_service.get(engine, report.id)
    assert [(a.file_name, a.caption) for a in stored.attachments] == [("before.png", "维修前")]
    assert stored.attachments[0].is_image
    field_service.remove_photo(engine, report.id, added.id, "engineer")
    assert field_service.get(engine, report.id).attachments == []
    trail = [(r.field, r.old_value, r.new_value) for r in field_service.history(engine, stored)]
    assert ("attachments", None, "+ before.png") in trail
    assert ("attachments", "- before.png", None) in trail


# ---------------------------------------------------------------- the combined list


def test_list_combines_reports_and_visits_with_filters(engine):
    a = customer(engine)
    b = customer(engine, code="KH002", name="吉林通达")
    r1 = write_report(engine, a, engineers="张伟\n王芳", result="temporary")
    r2 = write_report(
        engine,
        b,
        requested_on=None,
        arrived_at=at(2026, 9, 28, 9),
        departed_at=at(2026, 9, 28, 11),
        problem_found="发电机不发电",
    )
    v1 = write_visit(engine, a, actions=[follow_up()])
    v2 = write_visit(engine, b, visited_on=date(2026, 9, 15), visitors="张伟")

    def keys(**kwargs):
        return field_list.search_ids(engine, FieldFilter(**kwargs))

    assert keys() == [("visit", v1.id), ("service", r1.id), ("service", r2.id), ("visit", v2.id)]
    assert keys(kind="service") == [("service", r1.id), ("service", r2.id)]
    assert keys(kind="visit", customer_id=b) == [("visit", v2.id)]
    assert keys(engineer="张伟") == [("service", r1.id), ("service", r2.id), ("visit", v2.id)]
    assert keys(engineer="王芳") == [("service", r1.id)]
    assert keys(month=(2026, 9)) == [("service", r2.id), ("visit", v2.id)]
    assert keys(open_follow_ups_only=True) == [("visit", v1.id), ("service", r1.id)]
    assert keys(text="发电机") == [("service", r2.id)]
    assert keys(text="吉林") == [("service", r2.id), ("visit", v2.id)]
    assert keys(text="ZF-2026") == [("visit", v1.id), ("visit", v2.id)]
    by_number = field_list.search_ids(engine, None, sort="number", descending=False)
    assert by_number == [("service", r1.id), ("service", r2.id), ("visit", v1.id), ("visit", v2.id)]

    rows = field_list.rows_for_ids(engine, keys())
    service = rows[("service", r1.id)]
    assert (service.number, service.customer_code, service.people) == (
        "FW-2026-0001",
        "KH001",
        "张伟, 王芳",
    )
    assert (service.result, service.open_follow_ups, service.hours) == ("temporary", 1, 6.5)
    assert service.date == date(2026, 10, 6) and service.summary == "起动机异响"
    visit = rows[("visit", v1.id)]
    assert (visit.kind, visit.number, visit.open_follow_ups, visit.summary) == (
        "visit", "ZF-2026-0001", 1, "季度质量回顾",
    )  # fmt: skip
    assert rows[("visit", v2.id)].open_follow_ups == 0
    assert [r.number for r in field_list.list_rows(engine, FieldFilter(kind="service"))] == [
        "FW-2026-0001",
        "FW-2026-0002",
    ]


def test_month_filter_uses_the_local_day_of_arrival(engine):
    c = customer(engine)
    late = write_report(
        engine,
        c,
        requested_on=None,
        arrived_at=at(2026, 9, 30, 23, 30),
        departed_at=at(2026, 10, 1, 1),
    )
    assert field_list.search_ids(engine, FieldFilter(month=(2026, 9))) == [("service", late.id)]
    assert field_list.search_ids(engine, FieldFilter(month=(2026, 10))) == []


def test_a_customer_with_field_reports_cannot_be_deleted(engine):
    from app.services import customer_service

    kept = customer(engine, "KH-F1")
    write_report(engine, kept)
    with pytest.raises(ValidationError) as refused:
        customer_service.delete_customer(engine, kept, "clerk")
    assert "1 份现场服务或走访报告" in refused.value.errors["code"].message("zh_CN")
    assert customer_service.get(engine, kept) is not None
