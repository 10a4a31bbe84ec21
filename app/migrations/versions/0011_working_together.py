"""working together on one database: record versions, who is editing, attachment bytes

- version on every record a clerk saves from a form (customer, complaint, return receipt,
  service report, visit report, survey campaign): a save made from a stale copy is refused
  instead of overwriting another clerk's change (optimistic locking).
- record_editing: which client has which record open, shown to the others.
- stored_file: attachment bytes kept in the database, for a PostgreSQL server that several PCs
  share (a SQLite data file keeps them in its attachments folder).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.services import text_search

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

VERSIONED = (
    "customer",
    "complaint",
    "return_receipt",
    "service_report",
    "visit_report",
    "survey_campaign",
)


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy): the search triggers of 0010 stay as they are
    for table in VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "record_editing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("record_uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("user", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("client", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("seen_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entity", "record_uuid", "client"),
    )
    op.create_index("ix_record_editing_record_uuid", "record_editing", ["record_uuid"])
    op.create_table(
        "stored_file",
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("stored_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )


def downgrade() -> None:
    op.drop_table("stored_file")
    op.drop_index("ix_record_editing_record_uuid", table_name="record_editing")
    op.drop_table("record_editing")
    # a batch copy renames tables under the search triggers of 0010: take them off meanwhile
    text_search.drop_triggers(op.get_bind())
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
    text_search.create_triggers(op.get_bind())
