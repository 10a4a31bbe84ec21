"""The office's import reads and writes records in batches: as many statements for 40 records
as for 4, every record, child, photo and trail row still written."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing

import pytest
from sqlmodel import Session, func, select

from app.i18n import set_language
from app.models import (
    Attachment,
    AuditEntry,
    CorrectiveAction,
    ServicePart,
    ServiceReport,
    SyncBase,
)
from app.services import (
    attachment_service,
    audit_service,
    backup_service,
    sync_export,
    sync_format,
    sync_import,
    sync_starter,
)
from app.services.sync_format import SyncFileError
from tests.services.sync_factory import (
    USER,
    add_customer,
    add_photo,
    add_service_report,
    add_visit_report,
    counting_statements,
    get,
    open_machine,
    pair,
    trail_count,
)


def _trip(office, tmp_path, code: str, count: int):  # noqa: ANN001, ANN202
    """A laptop (starter from office) that wrote count service and visit reports, two photos."""
    starter = tmp_path / f"starter-{code}.qdsync"
    sync_starter.make_starter(office, starter, machine_code=code, user=USER)
    laptop = open_machine(tmp_path / f"laptop-{code}")
    try:
        sync_starter.import_starter(laptop, starter, USER)
        for seq in range(1, count + 1):
            report = add_service_report(laptop, seq=seq)
            add_visit_report(laptop, seq=seq)
            if seq <= 2:  # as many photos in each trip: a photo is stored one by one
                add_photo(laptop, report, tmp_path / f"{code}-{seq}.jpg", b"\xff\xd8" + code.encode() * 300 + bytes([seq]))  # fmt: skip
        path = tmp_path / f"trip-{code}.qdsync"
        sync_export.export_for_office(laptop, path, user=USER)
    finally:
        laptop.dispose()
    return path


def _import_counting(office, path):  # noqa: ANN001, ANN202
    def import_it():  # noqa: ANN202
        return sync_import.apply(office, sync_import.preview(office, path), {}, USER)

    return counting_statements(office, import_it)


def test_the_statements_of_an_import_do_not_grow_with_its_records(engine, tmp_path):
    office = engine  # a data file, or a server
    add_customer(office)
    small_path, large_path = _trip(office, tmp_path, "L1", 4), _trip(office, tmp_path, "L2", 40)

    small, small_statements = _import_counting(office, small_path)
    large, large_statements = _import_counting(office, large_path)

    assert small == {"added": 8} and large == {"added": 80}
    assert len(large_statements) == len(small_statements)
    with Session(office) as session:  # nothing left out by the batches
        assert session.exec(select(func.count()).select_from(ServicePart)).one() == 44
        assert session.exec(select(func.count()).select_from(CorrectiveAction)).one() == 44
        assert session.exec(select(func.count()).select_from(SyncBase)).one() == 88
        photos = session.exec(select(Attachment).where(Attachment.removed == False)).all()  # noqa: E712
        assert len(photos) == 4
        synced = session.exec(
            select(func.count(func.distinct(AuditEntry.entity_uuid))).where(
                AuditEntry.action == "sync"
            )
        ).one()
        assert synced == 88
    for photo in photos:
        report = get(office, photo.entity_uuid)
        assert report.work_done == "更换油封" and report.customer_id is not None
        assert attachment_service.read_bytes(office, photo)[:2] == b"\xff\xd8"
    assert audit_service.verify_chain(office) == []


def test_a_trips_photos_are_read_from_one_opening_of_its_file(tmp_path, monkeypatch):
    # opening a sync file reads its whole directory: ~4 ms each time for a trip of 200 photos
    office, laptop = pair(tmp_path)
    try:
        report = add_service_report(laptop)
        for seq in range(1, 7):
            add_photo(laptop, report, tmp_path / f"{seq}.jpg", b"\xff\xd8" + bytes([seq]) * 500)
        path = tmp_path / "trip.qdsync"
        sync_export.export_for_office(laptop, path, user=USER)
        plan = sync_import.preview(office, path)
        openings = []
        real = sync_format.zipfile.ZipFile

        class Counted(real):
            def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
                openings.append(args[0])
                super().__init__(*args, **kwargs)

        monkeypatch.setattr(sync_format.zipfile, "ZipFile", Counted)
        assert sync_import.apply(office, plan, {}, USER) == {"added": 1}
        assert len(openings) <= 2  # the file read and checked once, its photos once
        with Session(office) as session:
            photos = session.exec(select(Attachment).where(Attachment.removed == False)).all()  # noqa: E712
        assert sorted(attachment_service.read_bytes(office, p)[2] for p in photos) == [
            1,
            2,
            3,
            4,
            5,
            6,
        ]
    finally:
        office.dispose()
        laptop.dispose()


# ---------------------------------------------------------------- the backup before the sync


def _damaged_copy(monkeypatch) -> None:
    # the copy is checked while the records are prepared: a damaged copy stops the commit
    monkeypatch.setattr(backup_service, "integrity_problems", lambda *_a, **_k: ["damaged"])


def _a_nearly_full_disk(monkeypatch) -> None:
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=50 * 1024**2))


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (_damaged_copy, "failed its integrity check (damaged)"),
        (_a_nearly_full_disk, "not enough free space for a backup"),
    ],
)
def test_a_sync_without_its_backup_writes_nothing_and_says_why(
    tmp_path, monkeypatch, failure, reason
):
    office, laptop = pair(tmp_path)
    try:
        add_service_report(laptop)
        path = tmp_path / "trip.qdsync"
        sync_export.export_for_office(laptop, path, user=USER)
        plan = sync_import.preview(office, path)
        before = trail_count(office)
        failure(monkeypatch)
        set_language("en")
        with pytest.raises(SyncFileError) as excinfo:
            sync_import.apply(office, plan, {}, USER)
        assert excinfo.value.error.code == "sync_no_backup"
        assert reason in excinfo.value.error.message()
        assert trail_count(office) == before
        with Session(office) as session:
            assert session.exec(select(func.count()).select_from(ServiceReport)).one() == 0
            assert session.exec(select(func.count()).select_from(SyncBase)).one() == 0
        folder = backup_service.backup_folder_for(tmp_path / "office" / "qualitydesk.sqlite3")
        assert not [p for p in folder.glob("*") if p.name.endswith((".tmp", "-sync.sqlite3"))]
    finally:
        office.dispose()
        laptop.dispose()


def test_the_backup_before_a_sync_holds_the_office_as_it_was(tmp_path):
    office, laptop = pair(tmp_path)
    try:
        add_service_report(laptop)
        path = tmp_path / "trip.qdsync"
        sync_export.export_for_office(laptop, path, user=USER)
        plan = sync_import.preview(office, path)
        assert sync_import.apply(office, plan, {}, USER) == {"added": 1}
        folder = backup_service.backup_folder_for(tmp_path / "office" / "qualitydesk.sqlite3")
        [backup] = [b for b in backup_service.list_backups(folder) if b.reason == "before-sync"]
        backup_service.verify_backup(backup.path)
        with closing(sqlite3.connect(backup.path)) as copy:
            assert copy.execute("SELECT count(*) FROM service_report").fetchone() == (0,)
            assert copy.execute("SELECT count(*) FROM customer").fetchone() == (1,)
        with Session(office) as session:
            assert session.exec(select(func.count()).select_from(ServiceReport)).one() == 1
    finally:
        office.dispose()
        laptop.dispose()
