"""The department's yearly complaint targets, judged in the annual summary (seed 002 §5.2.4).

Kept in the data file; a target left empty is not judged. The satisfaction index target is the
survey's own (app/services/survey_settings.py) and is not repeated here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from sqlalchemy import Engine
from sqlmodel import Session

from app.models import Setting
from app.services import audit_service
from app.services.validation import FieldError, ValidationError

_KEY = "summary_targets"
MAX_COUNT = 1_000_000
MAX_AMOUNT = 1e12


@dataclass
class SummaryTargets:
    max_complaints: int | None = None  # complaints in the year, at most
    containment_on_time_pct: float | None = 95.0  # containment replies on time, at least
    answer_on_time_pct: float | None = 90.0  # answers to the customer on time, at least
    max_reopen_rate_pct: float | None = 5.0  # closed tickets reopened, at most
    max_external_loss: float | None = None  # claims paid less charged back (元), at most


def load_targets(engine: Engine) -> SummaryTargets:
    with Session(engine) as session:
        row = session.get(Setting, _KEY)
    targets = SummaryTargets()
    if row is None:
        return targets
    raw = json.loads(row.value)
    for f in fields(SummaryTargets):
        if f.name in raw:
            value = raw[f.name]
            kind = int if f.name == "max_complaints" else float
            setattr(targets, f.name, None if value is None else kind(value))
    return targets


def validate_targets(targets: SummaryTargets) -> None:
    """Percentages 0–100, a count and an amount not negative; empty means no target."""
    limits = {
        "max_complaints": (0, MAX_COUNT),
        "containment_on_time_pct": (0, 100),
        "answer_on_time_pct": (0, 100),
        "max_reopen_rate_pct": (0, 100),
        "max_external_loss": (0, MAX_AMOUNT),
    }
    errors: dict[str, FieldError] = {}
    for name, (low, high) in limits.items():
        value = getattr(targets, name)
        if value is not None and not low <= value <= high:
            errors[name] = FieldError("range", {"min": low, "max": high})
    if errors:
        raise ValidationError(errors)


def _flat(targets: SummaryTargets) -> dict[str, object]:
    return {name: audit_service.as_text(value) for name, value in asdict(targets).items()}


def save_targets(engine: Engine, targets: SummaryTargets, user: str) -> None:
    """Validate and store; every changed target goes to the audit trail."""
    validate_targets(targets)
    old = load_targets(engine)
    with Session(engine) as session:
        row = session.get(Setting, _KEY) or Setting(key=_KEY, value="")
        row.value = json.dumps(asdict(targets))
        session.add(row)
        audit_service.record(
            session,
            entity="setting",
            entity_uuid=_KEY,
            label="summary targets",
            action="update",
            changes=audit_service.diff(_flat(old), _flat(targets)),
            user=user,
        )
        session.commit()
