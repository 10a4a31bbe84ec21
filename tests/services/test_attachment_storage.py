"""Attachment bytes: in the folder beside a data file, in the database on a server."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select, update

from app.models import StoredFile
from app.services import attachment_service, complaint_service
from tests.services.complaint_factory import customer, register

PHOTO = b"\x89PNG fake defect photo bytes"


def _attach(engine, tmp_path, name="缺陷照片.png", content=PHOTO, **extra):
    cid = customer(engine)
    ticket = register(engine, cid)
    photo = tmp_path / name
    photo.write_bytes(content)
    added = attachment_service.add(
        engine, entity="complaint", entity_uuid=ticket.uuid, label=ticket.number,
        source=photo, user="t", **extra,
    )  # fmt: skip
    return ticket, added


def _stored_rows(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(StoredFile)).scalar_one()


def test_an_attachment_reads_back_and_opens_from_a_file_on_either_engine(engine, tmp_path):
    ticket, added = _attach(engine, tmp_path)
    assert added.sha256 == hashlib.sha256(PHOTO).hexdigest()
    assert attachment_service.read_bytes(engine, added) == PHOTO
    shown = complaint_service.get(engine, ticket.id).attachments
    assert [a.file_name for a in shown] == ["缺陷照片.png"]
    path = attachment_service.file_path(engine, shown[0])
    assert path.read_bytes() == PHOTO and path.suffix == ".png"


def test_on_a_server_the_bytes_are_in_the_database_once(engine, tmp_path, data_dir):
    if not attachment_service.in_database(engine):
        pytest.skip("a data file keeps its attachments in the folder beside it")
    ticket, first = _attach(engine, tmp_path)
    photo = tmp_path / "again.png"
    photo.write_bytes(PHOTO)
    second = attachment_service.add(
        engine, entity="complaint", entity_uuid=ticket.uuid, label=ticket.number,
        source=photo, user="t",
    )  # fmt: skip
    assert first.stored_name == second.stored_name
    assert _stored_rows(engine) == 1
    assert not (data_dir / "attachments").exists()  # nothing in a folder only this PC sees
    # the PC's viewer opens a local copy, written from the database
    path = attachment_service.file_path(engine, first)
    assert path.is_relative_to(attachment_service.server_copies_dir(engine))
    assert path.read_bytes() == PHOTO
    # bytes altered in the database no longer match their hash: not handed out
    with engine.begin() as connection:
        connection.execute(update(StoredFile).values(content=b"tampered"))
    assert attachment_service.read_bytes(engine, first) is None


@pytest.mark.sqlite_only
def test_a_data_file_made_from_a_server_reads_its_bytes_from_the_database(engine, tmp_path):
    """A backup of a server database holds the bytes in stored_file, not in a folder."""
    _ticket, added = _attach(engine, tmp_path)
    folder_file = attachment_service.attachments_dir(engine) / added.stored_name
    with engine.begin() as connection:
        attachment_service.put_content(connection, PHOTO)
    folder_file.unlink()
    assert attachment_service.read_bytes(engine, added) == PHOTO
    path = attachment_service.file_path(engine, added)
    assert path == folder_file and path.read_bytes() == PHOTO


def test_store_bytes_keeps_them_where_the_engine_keeps_attachments(engine):
    name, digest = attachment_service.store_bytes(engine, PHOTO, ".PNG")
    assert name == f"{digest[:2]}/{digest}.png"
    assert attachment_service.read_stored(engine, name, digest) == PHOTO
    assert _stored_rows(engine) == (1 if attachment_service.in_database(engine) else 0)
