"""Settings that belong to a data file (company, forms, clerk), stored as JSON values."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlmodel import Field, SQLModel


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=60)
    value: str


def stored_value(engine: Engine, key: str) -> str | None:
    """The stored text of one setting, read as a plain row (no ORM session: a reader that
    needs only this, such as an export from the command line, does not set the ORM up)."""
    column = Setting.__table__.c
    with engine.connect() as connection:
        return connection.execute(select(column.value).where(column.key == key)).scalar()
