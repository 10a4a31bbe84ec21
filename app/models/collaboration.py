"""Working together on one database: who has which record open, and attachment bytes that
every client can reach."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.common import utcnow


class RecordEditing(SQLModel, table=True):
    """A record open for editing in one client; seen_at is refreshed while the editor is open,
    so a row left behind by a client that died stops counting after a few minutes."""

    __tablename__ = "record_editing"
    __table_args__ = (UniqueConstraint("entity", "record_uuid", "client"),)

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=40)
    record_uuid: str = Field(max_length=36, index=True)
    user: str = Field(max_length=100)
    client: str = Field(max_length=100)  # one running app: machine name and a random tag
    started_at: datetime = Field(default_factory=utcnow)
    seen_at: datetime = Field(default_factory=utcnow)


class StoredFile(SQLModel, table=True):
    """The bytes of an attachment kept in the database itself (a PostgreSQL server shared by
    several PCs), addressed by their SHA-256 like the attachments folder of a data file."""

    __tablename__ = "stored_file"

    sha256: str = Field(primary_key=True, max_length=64)
    size: int = Field(default=0)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    stored_at: datetime = Field(default_factory=utcnow)
