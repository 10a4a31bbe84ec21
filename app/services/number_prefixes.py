"""The number prefixes of returns, service reports and visit reports, kept in the data file.

Settings key "number_prefixes" = {"returns": "TH", "service": "FW", "visit": "ZF"} (the
complaint prefix is the complaint settings' own). A prefix is used for NEW numbers only: a
stored record keeps its number, and the sequence counts per prefix and year. A laptop numbers
its service and visit reports with the office's prefixes and its machine code (FW-L1-2026-0001):
the office's starter file carries the prefixes (app/services/sync_starter.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

from sqlalchemy import Engine
from sqlmodel import Session

from app.models import Setting
from app.services import audit_service
from app.services.validation import FieldError, ValidationError

_KEY = "number_prefixes"
_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,9}$")
# the survey campaigns' numbers (MY-2026-01) have a fixed prefix no other record may take
RESERVED = ("MY",)


@dataclass
class NumberPrefixes:
    returns: str = "TH"  # 退货 TH-2026-0001
    service: str = "FW"  # 现场服务报告 FW-2026-0001, on a laptop FW-L1-2026-0001
    visit: str = "ZF"  # 走访服务报告 ZF-2026-0001


FIELDS = ("returns", "service", "visit")


def check_prefix(prefix: str) -> FieldError | None:
    """1–10 letters or digits starting with a letter (every record prefix, the complaints' too)."""
    if not _PREFIX.match(prefix or ""):
        return FieldError("prefix_shape")
    return None


def from_raw(raw: object) -> NumberPrefixes:
    """The prefixes of a stored or received dict; ValueError when one is not a prefix."""
    if not isinstance(raw, dict):
        raise ValueError("number prefixes")
    prefixes = NumberPrefixes()
    for name in FIELDS:
        value = raw.get(name, getattr(prefixes, name))
        if not isinstance(value, str) or check_prefix(value) is not None:
            raise ValueError(f"number prefix {name}")
        setattr(prefixes, name, value)
    return prefixes


def load_in(session: Session) -> NumberPrefixes:
    """The prefixes as the caller's transaction sees them (the defaults when never set)."""
    row = session.get(Setting, _KEY)
    if row is None:
        return NumberPrefixes()
    try:
        return from_raw(json.loads(row.value))
    except ValueError:
        return NumberPrefixes()


def load(engine: Engine) -> NumberPrefixes:
    with Session(engine) as session:
        return load_in(session)


def normalize(prefixes: NumberPrefixes) -> NumberPrefixes:
    for name in FIELDS:
        setattr(prefixes, name, getattr(prefixes, name).strip())
    return prefixes


def validate(prefixes: NumberPrefixes, complaint_prefix: str | None = None) -> None:
    """Each prefix shaped like the complaint prefix, and no two record kinds numbered alike
    (a return TH-2026-0001 and a visit TH-2026-0001 could not be told apart)."""
    errors: dict[str, FieldError] = {}
    taken = {r.upper() for r in RESERVED}
    if complaint_prefix:
        taken.add(complaint_prefix.upper())
    for name in FIELDS:
        value = getattr(prefixes, name)
        if (error := check_prefix(value)) is not None:
            errors[name] = error
        elif value.upper() in taken:
            errors[name] = FieldError("prefix_taken", {"prefix": value})
        taken.add(value.upper())
    if errors:
        raise ValidationError(errors)


def others(prefixes: NumberPrefixes) -> list[str]:
    """The prefixes a complaint prefix must differ from."""
    return [*RESERVED, *(getattr(prefixes, name) for name in FIELDS)]


def store_in(session: Session, prefixes: NumberPrefixes, user: str, action: str = "update") -> int:
    """Write the prefixes in the caller's transaction; each change goes to the audit trail.
    Returns how many changed."""
    old = load_in(session)
    changes = audit_service.diff(asdict(old), asdict(prefixes))
    if not changes:
        return 0
    row = session.get(Setting, _KEY) or Setting(key=_KEY, value="")
    row.value = json.dumps(asdict(prefixes))
    session.add(row)
    audit_service.record(
        session,
        entity="setting",
        entity_uuid=_KEY,
        label="number prefixes",
        action=action,
        changes=changes,
        user=user,
    )
    return len(changes)


def save(
    engine: Engine, prefixes: NumberPrefixes, user: str, complaint_prefix: str | None = None
) -> None:
    """Validate (against complaint_prefix, by default the stored one) and store."""
    normalize(prefixes)
    if complaint_prefix is None:
        from app.services import complaint_settings  # it checks its prefix against these

        complaint_prefix = complaint_settings.load(engine).number_prefix
    validate(prefixes, complaint_prefix)
    with Session(engine) as session:
        store_in(session, prefixes, user)
        session.commit()
