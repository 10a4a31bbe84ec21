"""The trail entry a restore leaves in the restored data: which backup, when, by whom, and
where the data as they were before went (ISO 9001 §7.5.3: a restore is a change of records)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from app.services import audit_service
from app.services.backup_service import BackupInfo

ENTITY = "data_file"
DATA_FILE_UUID = "00000000-0000-0000-0000-000000000000"  # the data file as one record


def record_restore(
    engine: Engine, backup: Path, before: BackupInfo | None, *, user: str, reason: str = ""
) -> None:
    """Write, into the data file just restored (and migrated), that it came from `backup`."""
    changes = [
        ("restored_from", None, str(backup)),
        ("data_before_kept_in", None, str(before.path) if before is not None else None),
        ("reason", None, reason.strip() or None),
    ]
    with Session(engine) as session:
        audit_service.record(
            session,
            entity=ENTITY,
            entity_uuid=DATA_FILE_UUID,
            label=Path(backup).name,
            action="restore",
            changes=[change for change in changes if change[2] is not None],
            user=user,
        )
        session.commit()
