"""Photos and files attached to records, kept safely where every client of the data can reach them.

A SQLite data file keeps the bytes in `<data folder>/attachments/<ab>/<sha256><ext>`: written to
a temporary file, checked against their hash, then renamed, so a failed copy never leaves a
half file. A PostgreSQL server keeps them in the database itself (table stored_file, keyed by
the SHA-256), so every PC that reaches the server reaches the photos, and they are in the
server's own backups (pg_dump) with the records; a client opens one from a local copy in
server-attachments/ in its data folder. A SQLite file that came from a server (a backup made
by backup_service) holds its bytes in stored_file too: they are read from there when the folder
lacks them. The same file attached twice is stored once. Removing an attachment hides it from
the record and keeps the bytes and a trail entry (quality records are never silently changed).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from sqlalchemy import Connection, Engine, insert
from sqlalchemy import select as core_select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from app.config import resolve_data_dir
from app.models import Attachment, StoredFile
from app.models.common import utcnow
from app.services import audit_service
from app.services.complaint_data import AttachmentData
from app.services.validation import FieldError, ValidationError

MAX_BYTES = 100 * 1024 * 1024
FOLDER = "attachments"
SERVER_COPIES = "server-attachments"  # local copies of a server's files, for the PC's viewer


def in_database(engine: Engine | Connection) -> bool:
    """True when attachment bytes live in the database (a server), not in a folder."""
    return engine.dialect.name != "sqlite"


def attachments_dir(engine: Engine) -> Path:
    """The attachments folder of this data file (beside the SQLite file)."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        return Path(database).resolve().parent / FOLDER
    return resolve_data_dir() / FOLDER


def server_copies_dir(engine: Engine) -> Path:
    """Where this PC keeps local copies of a server's attachments (one folder per database)."""
    url = engine.url
    key = f"{url.host or 'local'}-{url.port or 5432}-{url.database or ''}"
    return resolve_data_dir() / SERVER_COPIES / re.sub(r"[^A-Za-z0-9._-]+", "_", key)


def stored_name_for(digest: str, suffix: str) -> str:
    """The name an attachment's bytes are stored under: <ab>/<sha256><ext>."""
    return f"{digest[:2]}/{digest}{suffix.lower()[:10]}"


def _matches(content: bytes | None, digest: str) -> bool:
    return content is not None and hashlib.sha256(content).hexdigest() == digest


def stored_content(engine: Engine | Connection, digest: str) -> bytes | None:
    """The bytes held in the database under digest (None when there are none)."""
    query = core_select(StoredFile.__table__.c.content).where(  # type: ignore[attr-defined]
        StoredFile.__table__.c.sha256 == digest  # type: ignore[attr-defined]
    )
    try:
        if isinstance(engine, Connection):
            content = engine.execute(query).scalar()
        else:
            with engine.connect() as connection:
                content = connection.execute(query).scalar()
    except SQLAlchemyError:
        return None
    return bytes(content) if content is not None else None


def put_content(connection: Connection, content: bytes, digest: str | None = None) -> str:
    """Keep content in the database's stored_file (once per SHA-256); its digest.

    Runs in the caller's transaction: the bytes and the attachment row are committed together.
    """
    digest = digest or hashlib.sha256(content).hexdigest()
    table = StoredFile.__table__  # type: ignore[attr-defined]
    exists = connection.execute(core_select(table.c.sha256).where(table.c.sha256 == digest))
    if exists.first() is None:
        row = {"sha256": digest, "size": len(content), "content": content, "stored_at": utcnow()}
        if connection.dialect.name == "postgresql":  # another client storing the same bytes
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            connection.execute(pg_insert(table).values(row).on_conflict_do_nothing())
        else:
            connection.execute(insert(table), row)
    return digest


def read_stored(engine: Engine, stored_name: str, digest: str) -> bytes | None:
    """The bytes stored under stored_name/digest, or None when missing or not matching the hash."""
    if in_database(engine):
        content = stored_content(engine, digest)
        return content if _matches(content, digest) else None
    try:
        content: bytes | None = (attachments_dir(engine) / stored_name).read_bytes()
    except OSError:
        content = None
    if not _matches(content, digest):
        content = stored_content(engine, digest)  # a data file made from a server's database
    return content if _matches(content, digest) else None


def read_bytes(engine: Engine, attachment: AttachmentData) -> bytes | None:
    """The stored bytes, or None when they are missing or do not match their hash."""
    return read_stored(engine, attachment.stored_name, attachment.sha256)


def file_path(engine: Engine, attachment: AttachmentData) -> Path:
    """A file of the attachment the PC's own viewer can open.

    For a data file: the file in its attachments folder (written there from stored_file when
    the folder lacks it and the data file holds the bytes). For a server: a local copy in
    server-attachments/, written from the database when missing. The path may not exist when
    the bytes are nowhere to be found; the caller says so.
    """
    if in_database(engine):
        path = server_copies_dir(engine) / attachment.stored_name
    else:
        path = attachments_dir(engine) / attachment.stored_name
    try:
        if path.is_file() and path.stat().st_size == attachment.size:
            return path
    except OSError:
        return path
    content = stored_content(engine, attachment.sha256)
    if _matches(content, attachment.sha256):
        try:
            _write_checked(path, content, attachment.sha256)  # type: ignore[arg-type]
        except OSError:
            pass  # the caller finds no file and says so
    return path


def _write_checked(target: Path, content: bytes, digest: str) -> None:
    """Write content to target through a temporary file checked against digest, then rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if hashlib.sha256(Path(tmp).read_bytes()).hexdigest() != digest:
            raise OSError("the copy does not match the original")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _store(root: Path, content: bytes, suffix: str) -> tuple[str, str]:
    digest = hashlib.sha256(content).hexdigest()
    relative = stored_name_for(digest, suffix)
    target = root / relative
    if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == digest:
        return relative, digest
    _write_checked(target, content, digest)
    return relative, digest


def store_bytes(engine: Engine, content: bytes, suffix: str) -> tuple[str, str]:
    """Keep content where this database keeps attachments; (stored name, SHA-256)."""
    if in_database(engine):
        digest = hashlib.sha256(content).hexdigest()
        with engine.begin() as connection:
            put_content(connection, content, digest)
        return stored_name_for(digest, suffix), digest
    return _store(attachments_dir(engine), content, suffix)


def add(
    engine: Engine,
    *,
    entity: str,
    entity_uuid: str,
    label: str,
    source: Path,
    user: str,
    caption: str = "",
) -> AttachmentData:
    """Copy a file into the data folder (or the server's database) and attach it to a record."""
    source = Path(source)
    try:
        size = source.stat().st_size
        if size > MAX_BYTES:
            raise ValidationError(
                {"attachment": FieldError("file_too_large", {"max": MAX_BYTES // (1024 * 1024)})}
            )
        content = source.read_bytes()
    except FileNotFoundError as error:
        raise ValidationError(
            {"attachment": FieldError("file_not_found", {"path": source})}
        ) from error
    except OSError as error:
        raise ValidationError(
            {"attachment": FieldError("file_unreadable", {"path": source, "reason": error})}
        ) from error
    on_server = in_database(engine)
    if on_server:
        digest = hashlib.sha256(content).hexdigest()
        stored_name = stored_name_for(digest, source.suffix)
    else:
        stored_name, digest = _store(attachments_dir(engine), content, source.suffix)
    with Session(engine) as session:
        if on_server:
            put_content(session.connection(), content, digest)
        row = Attachment(
            entity=entity,
            entity_uuid=entity_uuid,
            file_name=source.name[:255],
            stored_name=stored_name,
            size=len(content),
            sha256=digest,
            caption=caption.strip()[:200],
            added_by=user,
        )
        session.add(row)
        audit_service.record(
            session,
            entity=entity,
            entity_uuid=entity_uuid,
            label=label,
            action="update",
            changes=[("attachments", None, f"+ {row.file_name}")],
            user=user,
        )
        session.commit()
        session.refresh(row)
        return to_data(row)


def remove(engine: Engine, attachment_id: int, *, label: str, user: str) -> None:
    """Hide an attachment from its record; the file stays and the trail says who removed it."""
    with Session(engine) as session:
        row = session.get(Attachment, attachment_id)
        if row is None or row.removed:
            return
        row.removed = True
        session.add(row)
        audit_service.record(
            session,
            entity=row.entity,
            entity_uuid=row.entity_uuid,
            label=label,
            action="update",
            changes=[("attachments", f"- {row.file_name}", None)],
            user=user,
        )
        session.commit()


def list_for(engine: Engine, entity: str, entity_uuid: str) -> list[AttachmentData]:
    with Session(engine) as session:
        rows = session.exec(
            select(Attachment)
            .where(Attachment.entity == entity, Attachment.entity_uuid == entity_uuid)
            .where(Attachment.removed == False)  # noqa: E712  (SQL comparison)
            .order_by(Attachment.id)
        ).all()
        return [to_data(r) for r in rows]


def to_data(row: Attachment) -> AttachmentData:
    return AttachmentData(
        row.file_name,
        row.stored_name,
        row.size,
        row.sha256,
        row.caption,
        row.added_by,
        row.created_at,
        row.id,
        row.uuid,
    )
