"""Settings that belong to a data file (company, forms, clerk), stored as JSON values."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=60)
    value: str
