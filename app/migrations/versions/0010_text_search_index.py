"""the text search index: compact text tables, FTS5 trigram indexes and the triggers

Search as you type over 100,000 tickets: the fields each list searches, lower-cased and joined,
in one text table per record family with an FTS5 trigram index over it (app.services.text_search
says why and how they are queried). Triggers keep them in step with every write; the records
already in the file are indexed here.

For later migrations: SQLite drops a table's triggers together with the table, and an Alembic
batch migration on SQLite rebuilds the table. After a batch on complaint, customer,
customer_contact, return_receipt, return_line, service_report or visit_report, call
``text_search.create_triggers(op.get_bind())`` (and ``text_search.rebuild`` if indexed fields
changed). On other dialects nothing is created: PostgreSQL searches with LIKE (issue 10 brings
its own means).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op

from app.services import text_search

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    text_search.create_tables(bind, text_search.FTS_OPTIONS_0010)
    text_search.rebuild(bind)
    text_search.create_triggers(bind)


def downgrade() -> None:
    bind = op.get_bind()
    text_search.drop_triggers(bind)
    text_search.drop_tables(bind)
