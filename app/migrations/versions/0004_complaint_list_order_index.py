"""complaint list order index

The complaint list opens sorted by number, newest first (year, seq, reopen index). Without an
index SQLite sorts every ticket in a temporary B-tree on each keystroke; with it the list is
read in index order (benchmarks/complaint_list.py: at 100,000 tickets the ids of the whole
list came back in about 90 ms instead of about 215 ms).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_complaint_list_order", "complaint", ["year", "seq", "reopen_index", "number"]
    )


def downgrade() -> None:
    op.drop_index("ix_complaint_list_order", table_name="complaint")
