"""This data file's machine: an id made on first use and a short code for its record numbers.

Settings key "machine" = {"id": uuid4, "code": ""}. The office PC keeps the code empty
(FW-2026-0001, ZF-2026-0001); a laptop gets a code such as "L1" (FW-L1-2026-0001), so numbers
written on different machines never collide without the machines ever talking to each other.
The id goes into every field record's origin column and names the peer in a sync.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session

from app.models import Setting
from app.services import audit_service, number_prefixes
from app.services.validation import FieldError, ValidationError

_KEY = "machine"
_CODE = re.compile(r"^[A-Z0-9]{1,6}$")
SERVICE_PREFIX = "FW"
VISIT_PREFIX = "ZF"


@dataclass(frozen=True)
class Machine:
    id: str
    code: str = ""


def normalize_code(code: str) -> str:
    return (code or "").strip().upper()


def check_code(code: str) -> FieldError | None:
    """Empty (the office) or 1–6 letters/digits; expects a normalized code."""
    if code and not _CODE.match(code):
        return FieldError("machine_code_shape")
    return None


def _read(session: Session) -> dict | None:
    row = session.get(Setting, _KEY)
    if row is None:
        return None
    try:
        raw = json.loads(row.value)
    except ValueError:
        return None
    return raw if isinstance(raw, dict) and raw.get("id") else None


def get_machine(engine: Engine) -> Machine:
    """This data file's machine; the id is made and stored on first use."""
    with Session(engine) as session:
        raw = _read(session)
        if raw is None:
            raw = {"id": str(uuid.uuid4()), "code": ""}
            row = session.get(Setting, _KEY) or Setting(key=_KEY, value="")
            row.value = json.dumps(raw)
            session.add(row)
            session.commit()
    return Machine(str(raw["id"]), normalize_code(str(raw.get("code", ""))))


def machine_id(engine: Engine) -> str:
    return get_machine(engine).id


def machine_code(engine: Engine) -> str:
    return get_machine(engine).code


def set_machine_code(engine: Engine, code: str, user: str) -> Machine:
    """Give this machine its code ("" for the office PC); the change goes to the trail."""
    code = normalize_code(code)
    if (error := check_code(code)) is not None:
        raise ValidationError({"code": error})
    before = get_machine(engine)
    if code == before.code:
        return before
    with Session(engine) as session:
        row = session.get(Setting, _KEY)
        row.value = json.dumps({"id": before.id, "code": code})
        session.add(row)
        audit_service.record(
            session,
            entity="setting",
            entity_uuid=_KEY,
            label="machine",
            action="update",
            changes=[("code", before.code or None, code or None)],
            user=user,
        )
        session.commit()
    return Machine(before.id, code)


def prefix_for(engine_or_code: Engine | str, kind: str, base: str | None = None) -> str:
    """The number prefix of this machine: "FW" / "FW-L1" (kind "FW", the service reports) or
    "ZF" / "ZF-L1" (kind "ZF", the visits).

    base: the prefix set for that kind (Settings → Numbering, number_prefixes); given an
    engine it is read from its settings, given only a machine code the default (the kind)."""
    if kind not in (SERVICE_PREFIX, VISIT_PREFIX):
        raise ValueError(f"unknown prefix kind {kind!r}")
    if isinstance(engine_or_code, str):
        code = normalize_code(engine_or_code)
    else:
        code = machine_code(engine_or_code)
        if base is None:
            base = configured_prefix(engine_or_code, kind)
    base = base or kind
    return f"{base}-{code}" if code else base


def configured_prefix(engine: Engine, kind: str) -> str:
    """The prefix set for the service reports (kind "FW") or the visits (kind "ZF")."""
    prefixes = number_prefixes.load(engine)
    return prefixes.service if kind == SERVICE_PREFIX else prefixes.visit


def format_number(prefix: str, year: int, seq: int) -> str:
    """FW-2026-0001 / FW-L1-2026-0001."""
    return f"{prefix}-{year}-{seq:04d}"
