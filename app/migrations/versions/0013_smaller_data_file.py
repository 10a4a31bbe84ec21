"""a smaller data file: indexes no query uses go, mostly empty ones keep only their values,
the search index keeps no positions

Measured with SQLite's dbstat on ten years of records (100,000 tickets; benchmarks/RESULTS.md):

- ix_complaint_step_complaint_id: the UNIQUE (complaint_id, step) index answers every lookup by
  complaint_id already (0.10 KB a ticket).
- ix_complaint_year: ix_complaint_list_order begins with year, so it answers "year = ?" and the
  highest number of a year (numbering) as well.
- ix_corrective_action_due: no query looks actions up by their due date (the counts add it up
  over actions found by ticket or by done_on; the ledger reads them by ticket).
- ix_complaint_origin_id / ix_complaint_root_id (set on a reopened ticket only, ~5 %) and
  ix_corrective_action_visit_id / _return_id / _campaign_id (set on the few actions that belong
  to a visit, a return or a survey): partial indexes WHERE the column IS NOT NULL. Every query by
  these columns compares them (=, IN, IS NOT NULL), which the partial index answers; the rows
  without a value are no longer listed in them.
- the FTS5 search indexes (SQLite only) are made again with detail=none, columnsize=0: only which
  records hold a trigram, no positions and no token counts (0.42 → 0.09 KB a ticket);
  app.services.text_search re-checks the candidates in the text tables, which stay as they are.
  The triggers are taken off while the FTS5 tables are remade (text_search.remake_fts).

Kept, though a first reading suggested otherwise: ix_complaint_part_no (the failure history looks
tickets up by the part numbers it found: EXPLAIN of every statement the test suite sends, on
the 10k data set, showed it; without it that report reads every ticket).

No record, column or audit entry changes; plain DROP/CREATE INDEX (no batch copy of a table).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.services import text_search

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

DROPPED = (
    ("complaint_step", "complaint_id"),
    ("complaint", "year"),
    ("corrective_action", "due"),
)
PARTIAL = (
    ("complaint", "origin_id"),
    ("complaint", "root_id"),
    ("corrective_action", "visit_id"),
    ("corrective_action", "return_id"),
    ("corrective_action", "campaign_id"),
)


def _name(table: str, column: str) -> str:
    return f"ix_{table}_{column}"


def upgrade() -> None:
    for table, column in DROPPED:
        op.drop_index(_name(table, column), table_name=table)
    for table, column in PARTIAL:
        op.drop_index(_name(table, column), table_name=table)
        present = sa.text(f"{column} IS NOT NULL")
        op.create_index(
            _name(table, column), table, [column], sqlite_where=present, postgresql_where=present
        )
    text_search.remake_fts(op.get_bind(), text_search.FTS_OPTIONS)


def downgrade() -> None:
    text_search.remake_fts(op.get_bind(), text_search.FTS_OPTIONS_0010)
    for table, column in PARTIAL:
        op.drop_index(_name(table, column), table_name=table)
        op.create_index(_name(table, column), table, [column])
    for table, column in DROPPED:
        op.create_index(_name(table, column), table, [column])
