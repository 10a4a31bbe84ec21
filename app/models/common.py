"""Columns every record carries: a local id, a uuid that stays the same across machines, timestamps."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlmodel import Field, SQLModel


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """Aware UTC; sqlmodel stores it as UTC and returns it aware, on SQLite and PostgreSQL alike."""
    return datetime.now(UTC)


class RecordBase(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, max_length=36, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
