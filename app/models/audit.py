"""The audit trail: who changed which field of which record, when, from what to what.

Append-only and tamper-evident: the database refuses UPDATE and DELETE on the table (triggers
from migration 0007, on PostgreSQL also 0012), and every row carries a SHA-256 hash chain
(row_hash over the row's fields and prev_hash, the previous row's row_hash in id order) that
audit_service.verify_chain checks. Rows are only ever written through audit_service, which computes the chain.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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
    # the hash chain (audit_service.row_hash): the row_hash of the entry before in id order
    # (zeros for the first), and the SHA-256 of this entry's fields above and prev_hash
    prev_hash: str = Field(max_length=64)
    row_hash: str = Field(max_length=64)


# ---------------------------------------------------------------- the append-only guard

APPEND_ONLY_MESSAGE = "audit trail is append-only"
# trigger name -> DDL on SQLite (see append_only_guard_sql)
APPEND_ONLY_TRIGGERS = {
    "audit_entry_no_update": (
        "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
    ),
    "audit_entry_no_delete": (
        "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
    ),
}

# PostgreSQL: one trigger function that raises (SQLSTATE 23001 restrict_violation: an
# IntegrityError, as SQLite's RAISE(ABORT) is), called before each row is changed or deleted
# and before a TRUNCATE, which SQLite does not have
POSTGRESQL_GUARD_FUNCTION = (
    "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    f"RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}' USING ERRCODE = 'restrict_violation'; "
    "END $$"
)
POSTGRESQL_APPEND_ONLY_TRIGGERS = {
    "audit_entry_no_update": (
        "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()"
    ),
    "audit_entry_no_delete": (
        "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()"
    ),
    "audit_entry_no_truncate": (
        "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()"
    ),
}


def append_only_guard_sql(dialect: str) -> dict[str, str]:
    """The triggers that make audit_entry refuse UPDATE and DELETE on this database dialect.

    SQLite (migration 0007) and PostgreSQL (0007 for a new database, 0012 for one migrated
    before PostgreSQL had the guard); other dialects get none and rely on the hash chain alone.
    """
    triggers = {"sqlite": APPEND_ONLY_TRIGGERS, "postgresql": POSTGRESQL_APPEND_ONLY_TRIGGERS}
    return triggers.get(dialect, {})


def create_append_only_guard(connection) -> None:  # noqa: ANN001  (a Connection; alembic's bind)
    """Create the append-only triggers (idempotent: a trigger already there is replaced)."""
    dialect = connection.dialect.name
    if dialect == "postgresql":
        connection.exec_driver_sql(POSTGRESQL_GUARD_FUNCTION)
    for name, ddl in append_only_guard_sql(dialect).items():
        connection.exec_driver_sql(_drop_trigger(dialect, name))
        connection.exec_driver_sql(ddl)


def drop_append_only_guard(connection) -> None:  # noqa: ANN001
    """Drop the append-only triggers; only for a migration that must rebuild audit_entry."""
    dialect = connection.dialect.name
    for name in append_only_guard_sql(dialect):
        connection.exec_driver_sql(_drop_trigger(dialect, name))
    if dialect == "postgresql":
        connection.exec_driver_sql("DROP FUNCTION IF EXISTS audit_entry_append_only()")


def _drop_trigger(dialect: str, name: str) -> str:
    on = " ON audit_entry" if dialect == "postgresql" else ""
    return f"DROP TRIGGER IF EXISTS {name}{on}"


@contextmanager
def rebuilding_audit_entry(connection) -> Iterator[None]:  # noqa: ANN001
    """Around a migration step that recreates audit_entry (an Alembic batch on SQLite).

    SQLite drops a table's triggers with the table, so a batch migration that copies
    audit_entry into a new table would silently leave the trail unguarded. Wrap it::

        with rebuilding_audit_entry(op.get_bind()), op.batch_alter_table("audit_entry") as b:
            ...

    The batch runs when the inner block ends; the guard is created again after it.
    """
    drop_append_only_guard(connection)
    yield
    create_append_only_guard(connection)
