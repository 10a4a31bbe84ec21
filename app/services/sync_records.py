"""Field records as the sync file carries them: one canonical form, its hash, a flat view.

A service report (with its parts and photos) or a visit report (with its follow-up actions)
becomes {"uuid", "content", "refs", "created_at", "updated_at"}. content holds every column
but the local ids and timestamps, the customer and complaint by uuid, the children by uuid in
a stable order; its sha256 (sync_format.content_hash) is what the three-way merge compares,
so both machines get the same hash for the same record. refs carry the customer's code and
name and the complaint's number, for messages and the side-by-side view only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session, SQLModel, col, select

from app.models import (
    Attachment,
    Complaint,
    CorrectiveAction,
    Customer,
    ServicePart,
    ServiceReport,
    VisitReport,
)
from app.services.audit_service import as_text
from app.services.sync_format import content_hash

SERVICE = "service_report"
VISIT = "visit_report"
# not content: local ids, timestamps, and the version each database counts its own saves with
_TIMESTAMPS = {"id", "created_at", "updated_at", "version"}
_HIDDEN = {"prefix", "year", "seq", "origin"}  # not shown side by side: the number says it


@dataclass(frozen=True)
class RecordKind:
    entity: str
    table: type[SQLModel]
    children_key: str  # "parts" / "actions"
    child_table: type[SQLModel]
    child_fk: str
    child_skip: frozenset[str]


KINDS = {
    SERVICE: RecordKind(
        SERVICE, ServiceReport, "parts", ServicePart, "report_id", frozenset({"report_id"})
    ),  # fmt: skip
    VISIT: RecordKind(
        VISIT,
        VisitReport,
        "actions",
        CorrectiveAction,
        "visit_id",
        frozenset({"complaint_id", "return_id", "campaign_id", "visit_id"}),
    ),  # fmt: skip
}


# ---------------------------------------------------------------- values


def to_json(value: object) -> object:
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return float(value)
    return value


def from_json(table: type[SQLModel], name: str, value: object) -> object:
    """A value of column name as stored; ValueError when it cannot be one."""
    if value is None:
        return None
    column_type = table.__table__.columns[name].type  # type: ignore[attr-defined]
    kind = getattr(column_type, "impl", column_type).python_type  # UTCDateTime: its DateTime
    if kind is datetime:
        if not isinstance(value, str):
            raise ValueError(name)
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if kind is date:
        if not isinstance(value, str):
            raise ValueError(name)
        return date.fromisoformat(value)
    if kind is bool:
        if not isinstance(value, bool):
            raise ValueError(name)
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(name)
        return float(value)
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(name)
        return value
    if not isinstance(value, str):
        raise ValueError(name)
    return value


def columns(table: type[SQLModel], skip: set[str] | frozenset[str]) -> list[str]:
    names = [c.name for c in table.__table__.columns]  # type: ignore[attr-defined]
    return [n for n in names if n not in skip and n not in _TIMESTAMPS]


def row_fields(row: SQLModel, skip: set[str] | frozenset[str] = frozenset()) -> dict[str, object]:
    return fields_of(type(row), row, skip)


def fields_of(table: type[SQLModel], row: object, skip: set[str] | frozenset[str] = frozenset()) -> dict[str, object]:  # fmt: skip
    """A row of table (a model instance, or a row read from the table as a mapping) as JSON
    values."""
    if isinstance(row, Mapping):
        return {name: to_json(row[name]) for name in columns(table, skip)}
    return {name: to_json(getattr(row, name)) for name in columns(table, skip)}


def fields_from(
    table: type[SQLModel], data: object, skip: set[str] | frozenset[str] = frozenset()
) -> dict[str, object]:
    """Column values from a record's JSON; ValueError when one is missing or of the wrong type."""
    if not isinstance(data, dict):
        raise ValueError("not an object")
    values = {}
    for name in columns(table, skip):
        if name not in data:
            raise ValueError(f"{name} missing")
        values[name] = from_json(table, name, data[name])
    return values


# ---------------------------------------------------------------- records


def _photos(session: Session, entity: str, uuid: str) -> list[dict[str, object]]:
    rows = session.exec(
        select(Attachment)
        .where(Attachment.entity == entity, Attachment.entity_uuid == uuid)
        .where(Attachment.removed == False)  # noqa: E712  (SQL comparison)
    ).all()
    photos = [
        {
            "uuid": a.uuid,
            "sha256": a.sha256,
            "file_name": a.file_name,
            "caption": a.caption,
            "size": a.size,
            "added_by": a.added_by,
        }
        for a in rows
    ]
    return sorted(photos, key=lambda p: str(p["uuid"]))


def serialize(session: Session, kind: RecordKind, row: SQLModel) -> dict[str, object]:
    """The record as the sync file carries it."""
    fields = row_fields(row, {"uuid", "customer_id", "complaint_id"})
    customer = session.get(Customer, row.customer_id)  # type: ignore[attr-defined]
    complaint_id = getattr(row, "complaint_id", None)
    complaint = session.get(Complaint, complaint_id) if complaint_id else None
    children = session.exec(
        select(kind.child_table)
        .where(getattr(kind.child_table, kind.child_fk) == row.id)  # type: ignore[attr-defined]
        .order_by(col(kind.child_table.position), col(kind.child_table.uuid))  # type: ignore[attr-defined]
    ).all()
    content = {
        "fields": fields,
        "customer": customer.uuid if customer else None,
        "complaint": complaint.uuid if complaint else None,
        kind.children_key: [row_fields(c, kind.child_skip) for c in children],
        "photos": _photos(session, kind.entity, row.uuid),  # type: ignore[attr-defined]
    }
    return {
        "uuid": row.uuid,  # type: ignore[attr-defined]
        "content": content,
        "refs": {
            "customer_code": customer.code if customer else "",
            "customer_name": customer.name if customer else "",
            "complaint_number": complaint.number if complaint else "",
        },
        "created_at": to_json(row.created_at),  # type: ignore[attr-defined]
        "updated_at": to_json(row.updated_at),  # type: ignore[attr-defined]
    }


def record_hash(record: dict) -> str:
    return content_hash(record["content"])


def local_rows(session: Session, kind: RecordKind) -> dict[str, SQLModel]:
    return {r.uuid: r for r in session.exec(select(kind.table)).all()}  # type: ignore[attr-defined]


def number_of(record: dict | None) -> str:
    if not record:
        return ""
    fields = record.get("content", {}).get("fields", {})
    return str(fields.get("number", "")) if isinstance(fields, dict) else ""


def flat(kind: RecordKind, record: dict | None) -> dict[str, str]:
    """field -> readable value, for the side-by-side view and the audit trail."""
    if record is None:
        return {}
    content, refs = record["content"], record.get("refs", {})
    view = {k: as_text(v) or "" for k, v in content["fields"].items() if k not in _HIDDEN}
    view["customer"] = " ".join(
        p for p in (refs.get("customer_code", ""), refs.get("customer_name", "")) if p
    )
    if kind.entity == SERVICE:
        view["complaint"] = refs.get("complaint_number", "") or ""
        view["parts"] = "\n".join(
            f"{p.get('part_no', '')} {p.get('name', '')} × {as_text(p.get('quantity'))}"
            f" ({'charged' if p.get('charged') else 'warranty'})"
            for p in content.get("parts", [])
        )
    else:
        view["actions"] = "\n".join(
            f"{a.get('description', '')} — {a.get('owner', '')} {a.get('due') or ''}".strip()
            for a in content.get("actions", [])
        )
    view["photos"] = "\n".join(str(p.get("file_name", "")) for p in content.get("photos", []))
    return view
