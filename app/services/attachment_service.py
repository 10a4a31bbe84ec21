"""Photos and files attached to records, stored safely next to the data file.

The bytes go to `<data folder>/attachments/<ab>/<sha256><ext>`: written to a temporary file,
checked against their hash, then renamed, so a failed copy never leaves a half file. The same
file attached twice is stored once. Removing an attachment hides it from the record and keeps
the file and a trail entry (quality records are never silently changed).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from app.config import resolve_data_dir
from app.models import Attachment
from app.services import audit_service
from app.services.complaint_data import AttachmentData
from app.services.validation import FieldError, ValidationError

MAX_BYTES = 100 * 1024 * 1024
FOLDER = "attachments"


def attachments_dir(engine: Engine) -> Path:
    """The attachments folder of this data file (beside the SQLite file)."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        return Path(database).resolve().parent / FOLDER
    return resolve_data_dir() / FOLDER


def file_path(engine: Engine, attachment: AttachmentData) -> Path:
    return attachments_dir(engine) / attachment.stored_name


def read_bytes(engine: Engine, attachment: AttachmentData) -> bytes | None:
    """The stored bytes, or None when the file is missing or does not match its hash."""
    try:
        content = file_path(engine, attachment).read_bytes()
    except OSError:
        return None
    return content if hashlib.sha256(content).hexdigest() == attachment.sha256 else None


def _store(root: Path, content: bytes, suffix: str) -> tuple[str, str]:
    digest = hashlib.sha256(content).hexdigest()
    relative = f"{digest[:2]}/{digest}{suffix.lower()[:10]}"
    target = root / relative
    if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == digest:
        return relative, digest
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=suffix)
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
    return relative, digest


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
    """Copy a file into the data folder and attach it to a record."""
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
    stored_name, digest = _store(attachments_dir(engine), content, source.suffix)
    with Session(engine) as session:
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
