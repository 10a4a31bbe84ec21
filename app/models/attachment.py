"""Photos and files attached to any record; the bytes live in the data folder, not the database."""

from __future__ import annotations

from sqlmodel import Field

from app.models.common import RecordBase


class Attachment(RecordBase, table=True):
    """A photo or file belonging to a record; the bytes live in the data folder."""

    entity: str = Field(max_length=40)
    entity_uuid: str = Field(max_length=36, index=True)
    file_name: str = Field(max_length=255)
    stored_name: str = Field(max_length=120)  # relative to the attachments folder
    size: int = Field(default=0)
    sha256: str = Field(max_length=64)
    caption: str = Field(default="", max_length=200)
    added_by: str = Field(default="", max_length=100)
    removed: bool = Field(default=False)  # hidden from the record, the file is kept
