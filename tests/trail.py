"""The audit trail as tests read it: one change per row, whether an entry holds one or several."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Engine
from sqlmodel import Session, col, select

from app.models import AuditEntry
from app.models.audit import APPEND_ONLY_TRIGGERS
from app.services.audit_service import lines_of


@dataclass(frozen=True)
class TrailChange:
    id: int
    at: datetime
    user: str
    entity: str
    entity_uuid: str
    record_label: str
    action: str
    field: str
    old_value: str | None
    new_value: str | None


def trail_changes(engine: Engine, *where: ColumnElement[bool]) -> list[TrailChange]:
    """The changes of the entries matching `where`, oldest first; an entry without a field is
    one row with field ""."""
    with Session(engine) as session:
        entries = session.exec(select(AuditEntry).where(*where).order_by(col(AuditEntry.id))).all()
        return [
            TrailChange(
                e.id or 0, e.at, e.user, e.entity, e.entity_uuid, e.record_label, e.action, *change
            )
            for e in entries
            for change in lines_of(e.field, e.old_value, e.new_value)
        ]


def tamper_trail(engine: Engine, *statements: str) -> None:
    """What a hex editor or a SQLite browser can do to a file, or a server's superuser to a
    database: the guard taken off, the rows changed, the guard put back by a careful forger."""
    if engine.dialect.name == "sqlite":
        with closing(sqlite3.connect(engine.url.database)) as connection:
            for name in APPEND_ONLY_TRIGGERS:
                connection.execute(f"DROP TRIGGER {name}")
            for statement in statements:
                connection.execute(statement)
            for ddl in APPEND_ONLY_TRIGGERS.values():
                connection.execute(ddl)
            connection.commit()
        return
    with engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE audit_entry DISABLE TRIGGER USER")
        for statement in statements:
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql("ALTER TABLE audit_entry ENABLE TRIGGER USER")
