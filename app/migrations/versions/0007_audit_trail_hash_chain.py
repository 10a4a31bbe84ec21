"""audit trail: hash chain (prev_hash, row_hash) and triggers that refuse UPDATE and DELETE

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 01:14:42.541610

The trail rows already there are chained in id order with the same hash audit_service uses
(a frozen copy below, version "qd-audit-1"), then the columns become NOT NULL (a batch that
rebuilds audit_entry on SQLite) and only then the append-only triggers are created.

For later migrations: SQLite drops a table's triggers together with the table, and an Alembic
batch migration on SQLite rebuilds the table (new table, copy, drop, rename). A later batch
on audit_entry therefore must drop and recreate the guard around it, or the trail would be
silently unguarded (`qualitydesk check` reports that). Use the helper::

    from app.models.audit import rebuilding_audit_entry

    with rebuilding_audit_entry(op.get_bind()), op.batch_alter_table("audit_entry") as batch_op:
        ...

The triggers are SQLite's. On other dialects (a PostgreSQL port) none are created here; that
port adds its own guard (a trigger function that raises, or UPDATE/DELETE revoked from the
app's role) in its own migration.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.models.audit import create_append_only_guard, drop_append_only_guard

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
TEXT_FIELDS = (
    "user", "entity", "entity_uuid", "record_label", "action", "field", "old_value", "new_value",
)  # fmt: skip


def _row_hash(row: sa.RowMapping, prev_hash: str) -> str:
    """Frozen copy of audit_service.row_hash for chain version "qd-audit-1"."""
    at: datetime = row["at"]
    at = at if at.utcoffset() is not None else at.replace(tzinfo=UTC)
    values: list[object] = [
        "qd-audit-1",
        int(row["id"]),
        at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
    ]
    values += [None if row[name] is None else str(row[name]) for name in TEXT_FIELDS]
    values.append(prev_hash)
    canonical = json.dumps(values, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _trail_table() -> sa.Table:
    return sa.table(
        "audit_entry",
        sa.column("id", sa.Integer()),
        sa.column("at", sqlmodel.sql.sqltypes.UTCDateTime()),
        *(sa.column(name, sa.String()) for name in TEXT_FIELDS),
        sa.column("prev_hash", sa.String()),
        sa.column("row_hash", sa.String()),
    )


def _chain_existing_rows() -> None:
    bind = op.get_bind()
    trail = _trail_table()
    columns = [trail.c.id, trail.c.at, *(trail.c[name] for name in TEXT_FIELDS)]
    rows = bind.execute(sa.select(*columns).order_by(trail.c.id)).mappings().all()
    prev = GENESIS
    updates = []
    for row in rows:
        row_hash = _row_hash(row, prev)
        updates.append({"entry_id": row["id"], "prev_hash": prev, "row_hash": row_hash})
        prev = row_hash
    if updates:
        bind.execute(
            trail.update()
            .where(trail.c.id == sa.bindparam("entry_id"))
            .values(prev_hash=sa.bindparam("prev_hash"), row_hash=sa.bindparam("row_hash")),
            updates,
        )


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("prev_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch_op.add_column(
            sa.Column("row_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
    _chain_existing_rows()
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column(
            "prev_hash", existing_type=sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False
        )
        batch_op.alter_column(
            "row_hash", existing_type=sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False
        )
    create_append_only_guard(op.get_bind())


def downgrade() -> None:
    drop_append_only_guard(op.get_bind())
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("row_hash")
        batch_op.drop_column("prev_hash")
