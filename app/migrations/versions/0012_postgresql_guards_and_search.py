"""PostgreSQL: the audit trail's append-only guard and the lists' trigram search index

Nothing on SQLite (its guard is from 0007, its FTS5 search index from 0010). On PostgreSQL:

- the append-only guard of audit_entry: a plpgsql function that raises "audit trail is
  append-only", called before every UPDATE, DELETE and TRUNCATE (a database made by a release
  before this one has none; 0007 now makes it on a new database, this step on every other).
- the search index: pg_trgm, ascii_lower() (SQLite's lower(): A–Z only), the text tables of
  app.services.text_search filled from the records, the triggers that keep them in step and a
  GIN trigram index on each text column. pg_trgm is a trusted extension: the database's owner
  may create it; the server needs PostgreSQL's contrib modules (Debian: part of postgresql).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op

from app.models.audit import create_append_only_guard
from app.services import text_search

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    create_append_only_guard(bind)
    text_search.create_postgresql(bind)


def downgrade() -> None:
    # the guard stays: 0007 makes it on PostgreSQL too, and a trail is never left unguarded
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    text_search.drop_postgresql(bind)
