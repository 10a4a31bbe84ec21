"""Complaint settings kept in the data file: number prefix, lists, deadline rules, calendar."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from app.i18n import pick
from app.models import Setting
from app.models.setting import stored_value
from app.services import audit_service, number_prefixes
from app.services.validation import FieldError, ValidationError, check_length
from app.services.work_calendar import DayOverride, WorkCalendar

_KEY = "complaints"

DEFAULT_DEFECT_CATEGORIES = [
    "尺寸不良", "外观不良", "功能失效", "装配不良", "材料不良",
    "漏装/错装", "包装不良", "标识错误", "异响", "泄漏", "其他",
]  # fmt: skip
DEFAULT_DEPARTMENTS = ["质量保障部", "生产部", "技术部", "采购部", "物流部", "营业部", "售后服务部"]

UNITS: dict[str, tuple[str, str]] = {
    "hours": ("小时", "hours"),
    "days": ("天(日历日)", "calendar days"),
    "working_days": ("工作日", "working days"),
}

# rule key -> (Chinese, English) label; the order is the order of the settings page
RULE_LABELS: dict[str, tuple[str, str]] = {
    "first_reply": ("首次回复", "First reply"),
    "containment": ("临时对策回复", "Containment reply"),
    "action_reply": ("纠正预防措施回复", "Corrective-action reply"),
    "answer_urgent": ("答复顾客(急件)", "Answer to the customer (urgent)"),
    "answer_normal": ("答复顾客(普通件)", "Answer to the customer (normal)"),
    "return_visit": ("答复后回访", "Return visit after the answer"),
}


@dataclass
class DeadlineRule:
    amount: int
    unit: str  # hours / days / working_days


def default_rules() -> dict[str, DeadlineRule]:
    """Seed 001 (8 h, visit 24 h), seed 002 §6.4 (24 h, 3 working days), 服务控制程序 §5.2.3."""
    return {
        "first_reply": DeadlineRule(8, "hours"),
        "containment": DeadlineRule(24, "hours"),
        "action_reply": DeadlineRule(3, "working_days"),
        "answer_urgent": DeadlineRule(2, "days"),
        "answer_normal": DeadlineRule(7, "days"),
        "return_visit": DeadlineRule(24, "hours"),
    }


@dataclass
class ComplaintSettings:
    number_prefix: str = "KS"
    defect_categories: list[str] = field(default_factory=lambda: list(DEFAULT_DEFECT_CATEGORIES))
    departments: list[str] = field(default_factory=lambda: list(DEFAULT_DEPARTMENTS))
    rules: dict[str, DeadlineRule] = field(default_factory=default_rules)
    calendar_overrides: list[DayOverride] = field(default_factory=list)
    confirmed_years: list[int] = field(default_factory=list)
    recurrence_months: int = 24  # how far back the recurrence check looks
    due_soon_hours: int = 24  # listed at start-up as due soon

    def calendar(self) -> WorkCalendar:
        return WorkCalendar.build(self.calendar_overrides, self.confirmed_years)


def rule_label(key: str, lang: str | None = None) -> str:
    return pick(*RULE_LABELS[key], lang)


def load(engine: Engine) -> ComplaintSettings:
    value = stored_value(engine, _KEY)
    settings = ComplaintSettings()
    if value is None:
        return settings
    raw = json.loads(value)
    settings.number_prefix = raw.get("number_prefix", settings.number_prefix)
    settings.defect_categories = list(raw.get("defect_categories", settings.defect_categories))
    settings.departments = list(raw.get("departments", settings.departments))
    for key, value in raw.get("rules", {}).items():
        if key in settings.rules:
            settings.rules[key] = DeadlineRule(int(value["amount"]), str(value["unit"]))
    settings.calendar_overrides = [
        DayOverride(date.fromisoformat(o["day"]), bool(o["working"]), o.get("note", ""))
        for o in raw.get("calendar_overrides", [])
    ]
    settings.confirmed_years = [int(y) for y in raw.get("confirmed_years", [])]
    settings.recurrence_months = int(raw.get("recurrence_months", settings.recurrence_months))
    settings.due_soon_hours = int(raw.get("due_soon_hours", settings.due_soon_hours))
    return settings


def validate(settings: ComplaintSettings, other_prefixes: Collection[str] = ()) -> None:
    """other_prefixes: those of the other records (number_prefixes), which the complaint
    prefix must differ from."""
    errors: dict[str, FieldError] = {}
    if (prefix_error := number_prefixes.check_prefix(settings.number_prefix)) is not None:
        errors["number_prefix"] = prefix_error
    elif settings.number_prefix.upper() in {p.upper() for p in other_prefixes}:
        errors["number_prefix"] = FieldError("prefix_taken", {"prefix": settings.number_prefix})
    for name in ("defect_categories", "departments"):
        items = getattr(settings, name)
        if not items:
            errors[name] = FieldError("required")
        seen: set[str] = set()
        for i, item in enumerate(items):
            if err := check_length(item, 60):
                errors[f"{name}[{i}]"] = err
            elif item in seen:
                errors[f"{name}[{i}]"] = FieldError("duplicate_entry", {"value": item})
            seen.add(item)
    for key, rule in settings.rules.items():
        if rule.unit not in UNITS:
            allowed = "、".join(pick(*label) for label in UNITS.values())
            errors[f"rules.{key}"] = FieldError("choice", {"value": rule.unit, "allowed": allowed})
        elif not 1 <= rule.amount <= 999:
            errors[f"rules.{key}"] = FieldError("range", {"min": 1, "max": 999})
    seen_days: set[date] = set()
    for i, override in enumerate(settings.calendar_overrides):
        if override.day in seen_days:
            errors[f"calendar_overrides[{i}]"] = FieldError(
                "duplicate_entry", {"value": override.day.isoformat()}
            )
        seen_days.add(override.day)
    for i, year in enumerate(settings.confirmed_years):
        if not 2000 <= year <= 2100:
            errors[f"confirmed_years[{i}]"] = FieldError("range", {"min": 2000, "max": 2100})
    if not 1 <= settings.recurrence_months <= 120:
        errors["recurrence_months"] = FieldError("range", {"min": 1, "max": 120})
    if not 1 <= settings.due_soon_hours <= 720:
        errors["due_soon_hours"] = FieldError("range", {"min": 1, "max": 720})
    if errors:
        raise ValidationError(errors)


def _payload(settings: ComplaintSettings) -> dict[str, object]:
    raw = asdict(settings)
    raw["calendar_overrides"] = [
        {"day": o.day.isoformat(), "working": o.working, "note": o.note}
        for o in sorted(settings.calendar_overrides, key=lambda o: o.day)
    ]
    return raw


def _flat(settings: ComplaintSettings) -> dict[str, object]:
    flat: dict[str, object] = {
        "number_prefix": settings.number_prefix,
        "defect_categories": "、".join(settings.defect_categories),
        "departments": "、".join(settings.departments),
        "confirmed_years": ", ".join(str(y) for y in sorted(settings.confirmed_years)),
        "recurrence_months": settings.recurrence_months,
        "due_soon_hours": settings.due_soon_hours,
    }
    for key, rule in settings.rules.items():
        flat[f"rules.{key}"] = f"{rule.amount} {rule.unit}"
    for o in settings.calendar_overrides:
        flat[f"calendar.{o.day.isoformat()}"] = ("working" if o.working else "off") + (
            f" {o.note}" if o.note else ""
        )
    return flat


def normalize(settings: ComplaintSettings) -> ComplaintSettings:
    """Without surrounding blanks and empty lines, as it is validated and stored."""
    settings.number_prefix = settings.number_prefix.strip()
    settings.defect_categories = [c.strip() for c in settings.defect_categories if c.strip()]
    settings.departments = [d.strip() for d in settings.departments if d.strip()]
    return settings


def save(engine: Engine, settings: ComplaintSettings, user: str) -> None:
    """Validate and store; every changed value goes to the audit trail."""
    normalize(settings)
    validate(settings, number_prefixes.others(number_prefixes.load(engine)))
    old = load(engine)
    with Session(engine) as session:
        row = session.get(Setting, _KEY) or Setting(key=_KEY, value="")
        row.value = json.dumps(_payload(settings), ensure_ascii=False)
        session.add(row)
        audit_service.record(
            session,
            entity="setting",
            entity_uuid=_KEY,
            label="complaint settings",
            action="update",
            changes=audit_service.diff(_flat(old), _flat(settings)),
            user=user,
        )
        session.commit()
