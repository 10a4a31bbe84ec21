"""Bringing field records home: two real data files, an office and a laptop (issue 6)."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
from sqlmodel import Session, select

from app.models import Attachment, Complaint, Customer, CustomerContact, ServiceReport, SyncBase
from app.services import (
    attachment_service,
    backup_service,
    machine,
    sync_export,
    sync_import,
    sync_starter,
)
from app.services.sync_format import SyncFileError
from tests.services.sync_factory import (
    USER,
    add_complaint,
    add_customer,
    add_photo,
    add_service_report,
    add_visit_report,
    delete,
    edit,
    get,
    open_machine,
    pair,
    sync_rows,
    trail_count,
)


@pytest.fixture
def machines(tmp_path):
    office, laptop = pair(tmp_path)
    yield office, laptop
    office.dispose()
    laptop.dispose()


def export(laptop, tmp_path, name="trip.qdsync"):
    path = tmp_path / name
    sync_export.export_for_office(laptop, path, user=USER)
    return path


def bring_home(office, path, decisions=None):
    plan = sync_import.preview(office, path)
    return plan, sync_import.apply(office, plan, decisions or {}, USER)


def outcomes(plan):
    return {item.number: item.outcome for item in plan.items}


def refusal(excinfo) -> str:
    return excinfo.value.error.code


# ---------------------------------------------------------------- merge rules


def test_new_records_arrive_with_parts_actions_and_photos_intact(machines, tmp_path):
    office, laptop = machines
    report = add_service_report(laptop)
    photo = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40
    add_photo(laptop, report, tmp_path / "漏油.jpg", photo)
    visit = add_visit_report(laptop)

    plan, done = bring_home(office, export(laptop, tmp_path))

    assert outcomes(plan) == {"FW-L1-2026-0001": "new", "ZF-L1-2026-0001": "new"}
    assert done == {"added": 2}
    arrived = get(office, report)
    assert arrived.number == "FW-L1-2026-0001" and arrived.work_done == "更换油封"
    with Session(office) as session:
        customer = session.get(Customer, arrived.customer_id)
        assert customer.code == "KH00001"
    attachments = attachment_service.list_for(office, "service_report", report)
    assert [a.file_name for a in attachments] == ["漏油.jpg"]
    assert attachment_service.read_bytes(office, attachments[0]) == photo
    assert attachments[0].sha256 == hashlib.sha256(photo).hexdigest()
    assert get(office, visit, sync_import.KINDS["visit_report"].table).topics == "季度质量回顾"
    rows = sync_rows(office, report)
    assert rows[0].field == "sync" and rows[0].new_value == "added from laptop L1"
    assert {"work_done", "parts", "photos"} <= {r.field for r in rows}
    assert any(
        b.reason == "before-sync"
        for b in backup_service.list_backups(
            backup_service.backup_folder_for(tmp_path / "office" / "qualitydesk.sqlite3")
        )
    ) or backup_service.list_backups(tmp_path / "office" / "backups")


def test_the_same_file_twice_changes_nothing(machines, tmp_path):
    office, laptop = machines
    add_service_report(laptop)
    add_visit_report(laptop)
    path = export(laptop, tmp_path)
    bring_home(office, path)
    before = trail_count(office)
    backups = list((tmp_path / "office").rglob("qualitydesk-*before-sync*"))

    plan, done = bring_home(office, path)

    assert set(outcomes(plan).values()) == {"unchanged"}
    assert done == {}
    assert trail_count(office) == before
    assert list((tmp_path / "office").rglob("qualitydesk-*before-sync*")) == backups


def test_a_lost_file_is_made_good_by_exporting_everything_again(machines, tmp_path):
    office, laptop = machines
    first = add_service_report(laptop)
    bring_home(office, export(laptop, tmp_path, "first.qdsync"))
    second = add_service_report(laptop, seq=2)
    add_visit_report(laptop)
    export(laptop, tmp_path, "lost.qdsync")  # never reaches the office
    assert len(json.loads(zipfile.ZipFile(export(laptop, tmp_path, "empty.qdsync")).read(
        "records.json"))["service_report"]) == 0  # fmt: skip

    again = tmp_path / "again.qdsync"
    sync_export.export_for_office(laptop, again, user=USER, everything=True)
    plan, _done = bring_home(office, again)

    found = {item.uuid: item.outcome for item in plan.items}
    assert found[first] == "unchanged" and found[second] == "new"
    assert get(office, second) is not None
    assert [o for o in found.values() if o == "new"] == ["new", "new"]  # the visit too


def test_an_unchanged_record_is_not_exported_again(machines, tmp_path):
    office, laptop = machines
    add_service_report(laptop)
    bring_home(office, export(laptop, tmp_path, "first.qdsync"))

    result = sync_export.export_for_office(laptop, tmp_path / "second.qdsync", user=USER)

    assert result.counts == {"service_report": 0, "visit_report": 0}
    plan, done = bring_home(office, tmp_path / "second.qdsync")
    assert plan.items == [] and done == {}


def test_changed_on_the_laptop_only_is_taken(machines, tmp_path):
    office, laptop = machines
    report = add_service_report(laptop)
    bring_home(office, export(laptop, tmp_path, "first.qdsync"))
    edit(laptop, report, work_done="更换油封和垫片", customer_rating=5)

    plan, done = bring_home(office, export(laptop, tmp_path, "second.qdsync"))

    assert outcomes(plan) == {"FW-L1-2026-0001": "take"}
    assert done == {"updated": 1}
    assert get(office, report).work_done == "更换油封和垫片"
    changed = {(r.field, r.old_value, r.new_value) for r in sync_rows(office, report)}
    assert ("work_done", "更换油封", "更换油封和垫片") in changed
    assert ("sync", None, "updated from laptop L1") in changed


def test_changed_at_the_office_only_is_kept(machines, tmp_path):
    office, laptop = machines
    report = add_service_report(laptop)
    path = export(laptop, tmp_path)
    bring_home(office, path)
    edit(office, report, notes="办公室补充:已开票")
    before = trail_count(office)

    plan, done = bring_home(office, path)

    assert outcomes(plan) == {"FW-L1-2026-0001": "keep"}
    assert done == {}
    assert get(office, report).notes == "办公室补充:已开票"
    assert trail_count(office) == before


def _both_changed(office, laptop, tmp_path):
    report = add_service_report(laptop)
    bring_home(office, export(laptop, tmp_path, "first.qdsync"))
    edit(office, report, work_done="办公室:改为更换总成")
    edit(laptop, report, work_done="现场:更换油封两次")
    return report, export(laptop, tmp_path, "second.qdsync")


def test_changed_on_both_sides_is_a_conflict_shown_side_by_side(machines, tmp_path):
    office, laptop = machines
    report, path = _both_changed(office, laptop, tmp_path)
    before = trail_count(office)

    plan = sync_import.preview(office, path)

    (item,) = plan.conflicts
    assert item.reason == sync_import.BOTH_CHANGED
    assert item.office["work_done"] == "办公室:改为更换总成"
    assert item.laptop["work_done"] == "现场:更换油封两次"
    assert item.differing_fields() == ["work_done"]
    with pytest.raises(SyncFileError) as excinfo:
        sync_import.apply(office, plan, {}, USER)
    assert refusal(excinfo) == "sync_conflicts_open"
    assert get(office, report).work_done == "办公室:改为更换总成"
    assert trail_count(office) == before


@pytest.mark.parametrize(
    ("choice", "expected", "decision"),
    [
        ("office", "办公室:改为更换总成", "office version kept"),
        ("laptop", "现场:更换油封两次", "laptop L1 version taken"),
    ],
)
def test_a_conflict_is_resolved_as_chosen_and_the_choice_is_in_the_trail(
    machines, tmp_path, choice, expected, decision
):
    office, laptop = machines
    report, path = _both_changed(office, laptop, tmp_path)
    plan = sync_import.preview(office, path)

    done = sync_import.apply(office, plan, {report: choice}, USER)

    assert done[f"conflict_{choice}"] == 1
    assert get(office, report).work_done == expected
    conflict = [r for r in sync_rows(office, report) if r.field == "conflict"]
    assert [(r.old_value, r.new_value, r.user) for r in conflict] == [
        ("changed on both sides", decision, USER)
    ]
    # decided once: the same file again changes nothing
    before = trail_count(office)
    again, done = bring_home(office, path)
    assert outcomes(again)["FW-L1-2026-0001"] in ("unchanged", "keep") and done == {}
    assert trail_count(office) == before


def test_deleted_on_the_laptop_and_unchanged_at_the_office_is_deleted(machines, tmp_path):
    office, laptop = machines
    report = add_service_report(laptop)
    add_photo(laptop, report, tmp_path / "a.jpg", b"photo-a")
    bring_home(office, export(laptop, tmp_path, "first.qdsync"))
    delete(laptop, report)

    plan, done = bring_home(office, export(laptop, tmp_path, "second.qdsync"))

    assert [(i.outcome, i.record) for i in plan.items] == [("take", None)]
    assert done == {"deleted": 1}
    assert get(office, report) is None
    assert ("sync", None, "deleted on laptop L1") in {
        (r.field, r.old_value, r.new_value) for r in sync_rows(office, report)
    }
    with Session(office) as session:  # the photo is hidden, its file and row kept
        photo = session.exec(select(Attachment).where(Attachment.entity_uuid == report)).one()
        assert photo.removed
    # the tombstone again: nothing to do
    before = trail_count(office)
    again, done = bring_home(office, tmp_path / "second.qdsync")
    assert [i.outcome for i in again.items] == ["unchanged"] and done == {}
    assert trail_count(office) == before


def test_deleted_on_the_laptop_and_changed_at_the_office_is_a_conflict(machines, tmp_path):
    office, laptop = machines
    report = add_service_report(laptop)
    bring_home(office, export(laptop, tmp_path, "first.qdsync"))
    edit(office, report, notes="办公室已审核")
    delete(laptop, report)
    path = export(laptop, tmp_path, "second.qdsync")

    plan = sync_import.preview(office, path)
    (item,) = plan.conflicts
    assert item.reason == sync_import.DELETED_THERE and item.laptop == {}
    assert item.office["notes"] == "办公室已审核"

    sync_import.apply(office, plan, {report: "office"}, USER)
    assert get(office, report).notes == "办公室已审核"
    conflict = [r for r in sync_rows(office, report) if r.field == "conflict"]
    assert conflict[0].old_value == "deleted on the laptop, changed at the office"


def test_deleted_at_the_office_and_changed_on_the_laptop_is_a_conflict(machines, tmp_path):
    office, laptop = machines
    report = add_service_report(laptop)
    bring_home(office, export(laptop, tmp_path, "first.qdsync"))
    delete(office, report)
    edit(laptop, report, work_done="回访后补充")

    plan = sync_import.preview(office, export(laptop, tmp_path, "second.qdsync"))
    (item,) = plan.conflicts
    assert item.reason == sync_import.DELETED_HERE and item.office == {}

    done = sync_import.apply(office, plan, {report: "laptop"}, USER)
    assert done == {"added": 1, "conflict_laptop": 1}
    assert get(office, report).work_done == "回访后补充"


def test_deleted_at_the_office_and_unchanged_on_the_laptop_stays_deleted(machines, tmp_path):
    office, laptop = machines
    report = add_service_report(laptop)
    path = export(laptop, tmp_path)
    bring_home(office, path)
    delete(office, report)

    plan, done = bring_home(office, path)

    assert outcomes(plan) == {"FW-L1-2026-0001": "keep"} and done == {}
    assert get(office, report) is None


# ---------------------------------------------------------------- numbers


def test_numbers_stay_unique_across_two_laptops(tmp_path):
    office, first = pair(tmp_path, "L1")
    second = open_machine(tmp_path / "laptop-L2")
    sync_starter.make_starter(office, tmp_path / "s2.qdsync", machine_code="L2", user=USER)
    sync_starter.import_starter(second, tmp_path / "s2.qdsync", USER)
    add_service_report(office)  # the office's own FW-2026-0001
    add_service_report(first)
    add_service_report(second)

    bring_home(office, export(first, tmp_path, "l1.qdsync"))
    bring_home(office, export(second, tmp_path, "l2.qdsync"))

    with Session(office) as session:
        numbers = sorted(r.number for r in session.exec(select(ServiceReport)).all())
    assert numbers == ["FW-2026-0001", "FW-L1-2026-0001", "FW-L2-2026-0001"]


def test_a_laptop_number_taken_here_by_another_record_is_refused(machines, tmp_path):
    office, laptop = machines
    add_service_report(office, code="L1")  # e.g. typed in by hand at the office
    add_service_report(laptop)
    path = export(laptop, tmp_path)
    before = trail_count(office)

    with pytest.raises(SyncFileError) as excinfo:
        sync_import.preview(office, path)

    assert refusal(excinfo) == "sync_number_taken"
    assert "FW-L1-2026-0001" in str(excinfo.value)
    assert trail_count(office) == before


# ---------------------------------------------------------------- refused files


def _rewrite(path, target, change):
    """A copy of the sync file with one member's bytes changed by change(name, bytes)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info.filename, change(info.filename, source.read(info.filename)))
    return target


@pytest.fixture
def exported(machines, tmp_path):
    office, laptop = machines
    report = add_service_report(laptop)
    add_photo(laptop, report, tmp_path / "p.jpg", b"photo bytes")
    return office, laptop, export(laptop, tmp_path)


def _refused(office, path):
    before = trail_count(office)
    with pytest.raises(SyncFileError) as excinfo:
        sync_import.preview(office, path)
    assert trail_count(office) == before
    with Session(office) as session:
        assert session.exec(select(ServiceReport)).all() == []
    return refusal(excinfo)


def test_a_truncated_file_is_refused(exported, tmp_path):
    office, _laptop, path = exported
    cut = tmp_path / "cut.qdsync"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert _refused(office, cut) == "sync_not_zip"


def test_a_tampered_record_fails_its_checksum(exported, tmp_path):
    office, _laptop, path = exported

    def tamper(name, content):
        return content.replace("更换油封".encode(), "什么都没做".encode()) if name == "records.json" else content  # fmt: skip

    assert _refused(office, _rewrite(path, tmp_path / "t.qdsync", tamper)) == "sync_checksum"


def test_a_tampered_photo_fails_its_checksum(exported, tmp_path):
    office, _laptop, path = exported

    def tamper(name, content):
        return b"other bytes" if name.startswith("attachments/") else content

    assert _refused(office, _rewrite(path, tmp_path / "t.qdsync", tamper)) == "sync_checksum"


def test_a_missing_member_is_refused(exported, tmp_path):
    office, _laptop, path = exported
    target = tmp_path / "m.qdsync"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            if not info.filename.startswith("attachments/"):
                out.writestr(info.filename, source.read(info.filename))
    assert _refused(office, target) == "sync_missing_member"


def test_foreign_and_newer_files_are_refused(exported, tmp_path):
    office, _laptop, path = exported
    text = tmp_path / "notes.qdsync"
    text.write_text("not a zip at all")
    assert _refused(office, text) == "sync_not_zip"
    workbook = tmp_path / "book.qdsync"
    with zipfile.ZipFile(workbook, "w") as out:
        out.writestr("[Content_Types].xml", "<Types/>")
    assert _refused(office, workbook) in ("sync_unexpected_member", "sync_missing_member")

    def manifest(**change):
        def rewrite(name, content):
            if name != "manifest.json":
                return content
            return json.dumps({**json.loads(content), **change}).encode()

        return rewrite

    other = _rewrite(path, tmp_path / "o.qdsync", manifest(format="someone-else"))
    assert _refused(office, other) == "sync_foreign"
    newer = _rewrite(path, tmp_path / "n.qdsync", manifest(version=2))
    assert _refused(office, newer) == "sync_newer"


def test_a_zip_bomb_is_refused_before_unpacking(exported, tmp_path):
    office, _laptop, path = exported
    bomb = tmp_path / "bomb.qdsync"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info.filename))
        out.writestr("attachments/" + "0" * 64, b"\0" * (12 * 1024 * 1024))
    assert _refused(office, bomb) == "sync_packed_too_tight"


def test_a_file_from_this_very_machine_is_refused(exported, tmp_path):
    office, laptop, path = exported
    with pytest.raises(SyncFileError) as excinfo:
        sync_import.preview(laptop, path)
    assert refusal(excinfo) == "sync_own_file"


def test_a_starter_given_to_the_office_is_refused_and_an_export_given_as_starter(exported, tmp_path):  # fmt: skip
    office, laptop, path = exported
    starter = tmp_path / "starter-again.qdsync"
    sync_starter.make_starter(office, starter, machine_code="L3", user=USER)
    assert _refused(office, starter) in ("sync_starter_not_export", "sync_own_file")
    other_office = open_machine(tmp_path / "other")
    with pytest.raises(SyncFileError) as excinfo:
        sync_import.preview(other_office, starter)
    assert refusal(excinfo) == "sync_starter_not_export"
    with pytest.raises(SyncFileError) as excinfo:
        sync_starter.import_starter(other_office, path, USER)
    assert refusal(excinfo) == "sync_export_not_starter"


def test_reasons_are_bilingual(exported, tmp_path):
    office, _laptop, path = exported
    cut = tmp_path / "cut.qdsync"
    cut.write_bytes(path.read_bytes()[:100])
    with pytest.raises(SyncFileError) as excinfo:
        sync_import.preview(office, cut)
    assert "未导入任何数据" in excinfo.value.error.message("zh_CN")
    assert "nothing was imported" in excinfo.value.error.message("en")


def test_a_file_changed_after_the_preview_is_refused(exported, tmp_path):
    office, laptop, path = exported
    plan = sync_import.preview(office, path)
    edit(laptop, plan.items[0].uuid, notes="again")
    sync_export.export_for_office(laptop, path, user=USER)
    with pytest.raises(SyncFileError) as excinfo:
        sync_import.apply(office, plan, {}, USER)
    assert refusal(excinfo) == "sync_file_changed"


# ---------------------------------------------------------------- the starter file


def test_starter_round_trip(tmp_path):
    office = open_machine(tmp_path / "office")
    laptop = open_machine(tmp_path / "laptop")
    customer = add_customer(office)
    add_customer(office, "KH00002", "东风商用车")
    open_ticket = add_complaint(office, customer, "KS-2026-0001")
    add_complaint(office, customer, "KS-2026-0002", status="closed")
    add_customer(laptop, "KH09999", "本地顾客")
    own_report = add_service_report(
        laptop, code="L9", customer="KH09999"
    )  # written on the laptop before: untouched
    starter = tmp_path / "starter.qdsync"

    made = sync_starter.make_starter(office, starter, machine_code="l1", user=USER)
    result = sync_starter.import_starter(laptop, starter, USER)

    assert made == {"customer": 2, "complaint": 1}
    assert result.machine_code == "L1"
    assert result.added == {"customer": 2, "complaint": 1}
    assert machine.machine_code(laptop) == "L1"
    assert sync_export.office_id(laptop) == machine.machine_id(office)
    with Session(laptop) as session:
        arrived = session.exec(select(Customer).where(Customer.uuid == customer)).one()
        assert arrived.code == "KH00001" and arrived.name == "一汽解放"
        contacts = session.exec(
            select(CustomerContact).where(CustomerContact.customer_id == arrived.id)
        ).all()
        assert [c.name for c in contacts] == ["王工"]
        complaints = session.exec(select(Complaint)).all()
        assert [(c.uuid, c.number) for c in complaints] == [(open_ticket, "KS-2026-0001")]
    assert get(laptop, own_report).number == "FW-L9-2026-0001"
    assert sync_rows(laptop, customer)

    # a changed customer comes along with the next starter; the same starter again changes nothing
    with Session(office) as session:
        row = session.exec(select(Customer).where(Customer.uuid == customer)).one()
        row.address = "长春市东风大街"
        session.add(row)
        session.commit()
    before = trail_count(laptop)
    sync_starter.import_starter(laptop, starter, USER)
    assert trail_count(laptop) == before
    sync_starter.make_starter(office, starter, machine_code="L1", user=USER)
    again = sync_starter.import_starter(laptop, starter, USER)
    assert again.updated == {"customer": 1, "complaint": 0}
    with Session(laptop) as session:
        assert session.exec(select(Customer).where(Customer.uuid == customer)).one().address == "长春市东风大街"  # fmt: skip


def test_a_starter_machine_code_must_be_a_laptop_code(tmp_path):
    office = open_machine(tmp_path / "office")
    for bad in ("", "L-1", "TOOLONG7"):
        with pytest.raises(SyncFileError) as excinfo:
            sync_starter.make_starter(office, tmp_path / "s.qdsync", machine_code=bad, user=USER)
        assert refusal(excinfo) == "sync_machine_code"
    assert not (tmp_path / "s.qdsync").exists()


def test_the_laptop_exports_to_the_office_it_got_the_starter_from(machines, tmp_path):
    office, laptop = machines
    report = add_service_report(laptop)
    export(laptop, tmp_path)
    with Session(laptop) as session:
        (base,) = session.exec(select(SyncBase).where(SyncBase.uuid == report)).all()
    assert base.peer == machine.machine_id(office)
