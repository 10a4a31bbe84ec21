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


def delete_customer_as_before_0008(engine, code: str, user: str) -> None:  # noqa: ANN001
    """A customer deleted the way releases before field service did: its values into the
    trail, then the row (today's delete also counts service and visit reports, tables an
    older file does not have)."""
    from sqlmodel import Session

    from app.models import Customer
    from app.services import customer_service

    data = customer_service.get_by_code(engine, code)
    with Session(engine) as session:
        audit_service.record(
            session,
            entity=customer_service.ENTITY,
            entity_uuid=data.uuid,
            label=data.code,
            action="delete",
            changes=audit_service.diff(customer_service._flat(data), {}),
            user=user,
        )
        session.execute(sa.delete(Customer).where(Customer.id == data.id))
        session.commit()
