"""The audit trail: who changed which field of which record, when, from what to what."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from app.models.common import utcnow


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user: str = Field(max_length=100)
    entity: str = Field(max_length=40)
    entity_uuid: str = Field(max_length=36, index=True)
    record_label: str = Field(default="", max_length=200)
    action: str = Field(max_length=10)  # create / update / delete
    field: str = Field(default="", max_length=100)
    old_value: str | None = None
    new_value: str | None = None
