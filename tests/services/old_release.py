"""Writing rows the way older releases did, to test that migrations bring them up to date."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest.mock import patch

import sqlalchemy as sa
from sqlmodel.sql.sqltypes import UTCDateTime

from app.services import audit_service


@contextmanager
def trail_written_as_before_0007() -> Iterator[None]:
    """Trail rows as releases before the hash chain wrote them: no prev_hash/row_hash columns."""
    old_table = sa.table(
        "audit_entry",
        *(sa.column(name) for name in audit_service.TEXT_FIELDS),
        sa.column("at", UTCDateTime()),
    )

    def plain_insert(session, entries) -> None:  # noqa: ANN001
        if entries:
            session.execute(sa.insert(old_table), [dict(entry) for entry in entries])

    with patch.object(audit_service, "append", plain_insert):
        yield
