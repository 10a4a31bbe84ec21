"""Survey settings kept in the data file: the index targets by year and the item threshold.

控制程序汇总 §4.1.5: the satisfaction index target rises 95 % → 97 % → 98 % over three years;
after the last step the last target holds. An item averaging below the threshold needs an
improvement action (seed 002 §5.2.2).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlmodel import Session

from app.models import Setting
from app.services import audit_service
from app.services.validation import FieldError, ValidationError

_KEY = "survey"
DEFAULT_TARGETS = (95.0, 97.0, 98.0)
DEFAULT_THRESHOLD = 80.0
MAX_TARGETS = 10


@dataclass
class SurveySettings:
    target_start_year: int | None = None  # the year of the first target; None: the first campaign
    targets: list[float] = field(default_factory=lambda: list(DEFAULT_TARGETS))
    threshold_pct: float = DEFAULT_THRESHOLD


def target_for(settings: SurveySettings, year: int, *, first_year: int | None = None) -> float:
    """The index target of a year: targets[year − start], held at both ends.

    Without a start year the targets start with the first campaign's year (first_year, or
    `year` itself when there is no campaign yet).
    """
    targets = settings.targets or list(DEFAULT_TARGETS)
    start = settings.target_start_year
    if start is None:
        start = first_year if first_year is not None else year
    step = min(max(year - start, 0), len(targets) - 1)
    return float(targets[step])


def load_settings(engine: Engine) -> SurveySettings:
    with Session(engine) as session:
        row = session.get(Setting, _KEY)
    settings = SurveySettings()
    if row is None:
        return settings
    raw = json.loads(row.value)
    start = raw.get("target_start_year")
    settings.target_start_year = int(start) if start is not None else None
    settings.targets = [float(t) for t in raw.get("targets", settings.targets)]
    settings.threshold_pct = float(raw.get("threshold_pct", settings.threshold_pct))
    return settings


def validate_settings(settings: SurveySettings) -> None:
    errors: dict[str, FieldError] = {}
    start = settings.target_start_year
    if start is not None and not 2000 <= start <= 2100:
        errors["target_start_year"] = FieldError("year_range", {"min": 2000, "max": 2100})
    if not settings.targets:
        errors["targets"] = FieldError("required")
    elif len(settings.targets) > MAX_TARGETS:
        errors["targets"] = FieldError("too_many_targets", {"max": MAX_TARGETS})
    for i, target in enumerate(settings.targets):
        if target is None:
            errors[f"targets[{i}]"] = FieldError("required")
        elif not 0 < target <= 100:
            errors[f"targets[{i}]"] = FieldError("range", {"min": 1, "max": 100})
    if settings.threshold_pct is None:
        errors["threshold_pct"] = FieldError("required")
    elif not 0 < settings.threshold_pct <= 100:
        errors["threshold_pct"] = FieldError("range", {"min": 1, "max": 100})
    if errors:
        raise ValidationError(errors)


def _flat(settings: SurveySettings) -> dict[str, object]:
    return {
        "target_start_year": settings.target_start_year,
        "targets": ", ".join(audit_service.as_text(float(t)) or "0" for t in settings.targets),
        "threshold_pct": float(settings.threshold_pct),
    }


def save_settings(engine: Engine, settings: SurveySettings, user: str) -> None:
    """Validate and store; every changed value goes to the audit trail."""
    validate_settings(settings)
    old = load_settings(engine)
    payload = {
        "target_start_year": settings.target_start_year,
        "targets": [float(t) for t in settings.targets],
        "threshold_pct": float(settings.threshold_pct),
    }
    with Session(engine) as session:
        row = session.get(Setting, _KEY) or Setting(key=_KEY, value="")
        row.value = json.dumps(payload)
        session.add(row)
        audit_service.record(
            session,
            entity="setting",
            entity_uuid=_KEY,
            label="survey settings",
            action="update",
            changes=audit_service.diff(_flat(old), _flat(settings)),
            user=user,
        )
        session.commit()
