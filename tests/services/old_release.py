"""Writing rows the way older releases did, to test that migrations bring them up to date.

An older data file has the columns of its own release, not today's: rows are written with the
columns read from the file itself (PRAGMA table_info), never through today's models, so a column
added by a later migration (version in 0011, …) cannot break a test of an older file.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from unittest.mock import patch

import sqlalchemy as sa
from sqlalchemy import Engine
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


def _column_type(declared: str) -> sa.types.TypeEngine | None:
    declared = declared.upper()
    if declared.startswith("DATETIME"):
        return UTCDateTime()
    if declared.startswith("DATE"):
        return sa.Date()
    if declared.startswith("BOOLEAN"):
        return sa.Boolean()
    return None


def _blank(declared: str) -> object:
    """What an older release stored in a NOT NULL column the caller leaves out."""
    declared = declared.upper()
    if declared.startswith("DATETIME"):
        return datetime.now(UTC)
    if declared.startswith("DATE"):
        return date.today()
    if declared.startswith("BOOLEAN"):
        return False
    if declared.startswith(("INTEGER", "FLOAT", "NUMERIC", "REAL")):
        return 0
    return ""


class OldFile:
    """A SQLite data file at an older revision, written with the columns that file has."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _columns(self, connection: sa.Connection, table: str) -> list[tuple[str, str, bool, bool]]:
        """(name, declared type, not null without default, primary key) of each column."""
        rows = connection.exec_driver_sql(f"PRAGMA table_info({table})").all()
        if not rows:
            raise LookupError(f"this file has no table {table}")
        return [(r[1], r[2], bool(r[3]) and r[4] is None, bool(r[5])) for r in rows]

    def insert(self, table: str, **values: object) -> int:
        """Add one row; NOT NULL columns left out get a blank value (uuid a new one). Returns its id."""
        with self.engine.begin() as connection:
            columns = self._columns(connection, table)
            names = {name for name, *_ in columns}
            unknown = set(values) - names
            if unknown:
                raise KeyError(f"{table} of this file has no column {sorted(unknown)}")
            row = dict(values)
            for name, declared, required, primary in columns:
                if name in row or primary or not required:
                    continue
                row[name] = str(uuid.uuid4()) if name == "uuid" else _blank(declared)
            target = sa.table(
                table, *(sa.column(name, _column_type(declared)) for name, declared, *_ in columns)
            )
            return connection.execute(sa.insert(target).values(row)).lastrowid

    def update(self, table: str, row_id: int, **values: object) -> None:
        with self.engine.begin() as connection:
            columns = self._columns(connection, table)
            target = sa.table(
                table, *(sa.column(name, _column_type(declared)) for name, declared, *_ in columns)
            )
            connection.execute(sa.update(target).where(sa.column("id") == row_id).values(**values))

    def delete(self, table: str, row_id: int) -> None:
        with self.engine.begin() as connection:
            connection.execute(sa.delete(sa.table(table)).where(sa.column("id") == row_id))

    def value(self, table: str, row_id: int, column: str) -> object:
        with self.engine.connect() as connection:
            return connection.execute(
                sa.select(sa.column(column))
                .select_from(sa.table(table))
                .where(sa.column("id") == row_id)
            ).scalar_one()

    def trail(
        self,
        *,
        entity: str,
        entity_uuid: str,
        label: str,
        action: str,
        changes: Mapping[str, tuple[object, object]],
        user: str,
    ) -> None:
        """Trail rows as a release before the hash chain (0007) wrote them: one per field."""
        for field, (old, new) in changes.items():
            self.insert(
                "audit_entry",
                at=datetime.now(UTC),
                user=user,
                entity=entity,
                entity_uuid=entity_uuid,
                record_label=label,
                action=action,
                field=field,
                old_value=audit_service.as_text(old),
                new_value=audit_service.as_text(new),
            )

    # ------------------------------------------------------------ records of older releases

    def customer(self, code: str, name: str, user: str = "old", **values: object) -> int:
        """A customer with its trail ("create", one row per field), as the first releases saved it."""
        fields = {"code": code, "name": name, "type": "oem", "status": "active", **values}
        customer_id = self.insert("customer", **fields)
        self.trail(
            entity="customer",
            entity_uuid=self.value("customer", customer_id, "uuid"),
            label=code,
            action="create",
            changes={field: (None, value) for field, value in fields.items()},
            user=user,
        )
        return customer_id

    def rename_customer(self, customer_id: int, name: str, user: str = "old") -> None:
        old = self.value("customer", customer_id, "name")
        self.update("customer", customer_id, name=name, updated_at=datetime.now(UTC))
        self.trail(
            entity="customer",
            entity_uuid=self.value("customer", customer_id, "uuid"),
            label=self.value("customer", customer_id, "code"),
            action="update",
            changes={"name": (old, name)},
            user=user,
        )

    def delete_customer(self, customer_id: int, user: str = "old") -> None:
        """Its values into the trail, then the row (as releases before field service did)."""
        code = self.value("customer", customer_id, "code")
        self.trail(
            entity="customer",
            entity_uuid=self.value("customer", customer_id, "uuid"),
            label=code,
            action="delete",
            changes={
                "code": (code, None),
                "name": (self.value("customer", customer_id, "name"), None),
            },
            user=user,
        )
        self.delete("customer", customer_id)

    def complaint(self, customer_id: int, seq: int, **values: object) -> int:
        """An open ticket KS-2026-<seq> as the releases before the search index stored it."""
        fields = {
            "number": f"KS-2026-{seq:04}",
            "prefix": "KS",
            "year": 2026,
            "seq": seq,
            "customer_id": customer_id,
            "received_at": datetime(2026, 9, 30, 2, 0, tzinfo=UTC),
            "channel": "phone",
            "kind": "complaint",
            "severity": "general",
            "urgency": "normal",
            "responsibility": "undetermined",
            "claim_status": "none",
            "status": "open",
            "current_step": 1,
            **values,
        }
        return self.insert("complaint", **fields)

    def return_receipt(self, customer_id: int, seq: int, *lines: Mapping[str, object]) -> int:
        """An open return TH-2026-<seq> with its lines (material_no, quantity …)."""
        receipt_id = self.insert(
            "return_receipt",
            number=f"TH-2026-{seq:04}",
            prefix="TH",
            year=2026,
            seq=seq,
            customer_id=customer_id,
            received_on=date(2026, 10, 8),
            status="open",
            line_count=len(lines),
            qty_returned=sum(float(line.get("quantity", 0)) for line in lines),
        )
        for position, line in enumerate(lines):
            self.insert("return_line", return_id=receipt_id, position=position, **line)
        return receipt_id
