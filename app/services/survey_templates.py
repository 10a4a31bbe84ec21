"""Survey templates: weighted items on one scale, versioned once a campaign uses them.

A template used by a campaign is frozen: saving it stores version + 1 in the same lineage (the
items keep their keys, so trends follow them) and retires the old version, whose campaigns keep
their answers' meaning. A template no campaign uses is edited in place.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from app.models import SurveyCampaign, SurveyItem, SurveyTemplate
from app.models.common import new_uuid, utcnow
from app.services import audit_service
from app.services.customer_service import choices_text
from app.services.survey_data import (
    DEFAULT_FIVE_SCORES,
    DEFAULT_ITEMS,
    SCALE_LABELS,
    TemplateData,
    TemplateItemData,
)
from app.services.validation import FieldError, ValidationError, check_length

ENTITY = "survey_template"
DEFAULT_NAME = "顾客满意度调查表"
MAX_ITEMS = 50
_FIELDS = ("name", "scale", "ask_importance", "ask_competitor", "ask_loyalty", "notes")


def default_template() -> TemplateData:
    """The department's questionnaire Q/JL090101-C: seven items on the 5-level scale."""
    return TemplateData(
        name=DEFAULT_NAME,
        items=[TemplateItemData(name=name, weight=weight) for name, weight in DEFAULT_ITEMS],
    )


def scores_text(scores: Sequence[float]) -> str:
    return ",".join(audit_service.as_text(float(s)) or "0" for s in scores)


def parse_scores(text: str) -> tuple[float, ...]:
    try:
        scores = tuple(float(part) for part in text.split(","))
    except ValueError:
        return DEFAULT_FIVE_SCORES
    return scores if len(scores) == 5 else DEFAULT_FIVE_SCORES


# ---------------------------------------------------------------- validation


def normalize_template(data: TemplateData) -> TemplateData:
    """Trim text; drop wholly empty new item rows."""
    data.name = data.name.strip()
    data.notes = data.notes.strip()
    for item in data.items:
        item.name = item.name.strip()
    data.items = [i for i in data.items if i.id or i.key or i.name or i.weight is not None]
    return data


def validate_template(data: TemplateData) -> None:
    """Raise ValidationError with one message per bad field."""
    errors: dict[str, FieldError] = {}

    def put(path: str, error: FieldError | None) -> None:
        if error and path not in errors:
            errors[path] = error

    if not data.name.strip():
        put("name", FieldError("required"))
    put("name", check_length(data.name, 100))
    put("notes", check_length(data.notes, 2000))
    if data.scale not in SCALE_LABELS:
        put("scale", FieldError("choice", {"value": data.scale, "allowed": choices_text(SCALE_LABELS)}))  # fmt: skip
    if not data.items:
        put("items", FieldError("survey_no_items"))
    elif len(data.items) > MAX_ITEMS:
        put("items", FieldError("survey_too_many_items", {"max": MAX_ITEMS}))
    seen: set[str] = set()
    total = 0.0
    weights_ok = True
    for i, item in enumerate(data.items):
        name = item.name.strip()
        if not name:
            put(f"items[{i}].name", FieldError("required"))
        elif name in seen:
            put(f"items[{i}].name", FieldError("duplicate_entry", {"value": name}))
        put(f"items[{i}].name", check_length(name, 100))
        seen.add(name)
        if item.weight is None:
            put(f"items[{i}].weight", FieldError("required"))
            weights_ok = False
        elif item.weight <= 0:
            put(f"items[{i}].weight", FieldError("not_positive"))
            weights_ok = False
        elif item.weight > 100:
            put(f"items[{i}].weight", FieldError("range", {"min": 0, "max": 100}))
            weights_ok = False
        else:
            total += item.weight
    if data.items and weights_ok and abs(total - 100) > 1e-6:
        put("items", FieldError("weights_sum", {"sum": audit_service.as_text(total)}))
    scores = tuple(data.five_scores or ())
    if len(scores) != 5 or any(s is None for s in scores):
        put("five_scores", FieldError("five_scores_count"))
    elif any(not 0 <= s <= 100 for s in scores):
        put("five_scores", FieldError("range", {"min": 0, "max": 100}))
    elif any(a < b for a, b in zip(scores, scores[1:], strict=False)):
        put("five_scores", FieldError("five_scores_order"))
    if errors:
        raise ValidationError(errors)


# ---------------------------------------------------------------- reading


def _used_ids(session: Session, template_ids: Sequence[int]) -> set[int]:
    used: set[int] = set()
    for start in range(0, len(template_ids), 500):
        chunk = list(template_ids[start : start + 500])
        used.update(
            session.exec(
                select(SurveyCampaign.template_id)
                .where(col(SurveyCampaign.template_id).in_(chunk))
                .distinct()
            ).all()
        )
    return used


def load_templates(session: Session, rows: Sequence[SurveyTemplate]) -> list[TemplateData]:
    """Whole templates with their items; a few queries whatever their number."""
    ids = [t.id for t in rows]
    items: dict[int, list[SurveyItem]] = {i: [] for i in ids}  # type: ignore[misc]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for item in session.exec(
            select(SurveyItem)
            .where(col(SurveyItem.template_id).in_(chunk))
            .order_by(SurveyItem.position, SurveyItem.id)
        ):
            items[item.template_id].append(item)
    used = _used_ids(session, ids)  # type: ignore[arg-type]
    return [
        TemplateData(
            name=t.name,
            scale=t.scale,
            five_scores=parse_scores(t.five_scores),
            ask_importance=t.ask_importance,
            ask_competitor=t.ask_competitor,
            ask_loyalty=t.ask_loyalty,
            notes=t.notes,
            items=[
                TemplateItemData(name=i.name, weight=i.weight, key=i.key, id=i.id)
                for i in items[t.id]  # type: ignore[index]
            ],
            id=t.id,
            uuid=t.uuid,
            lineage=t.lineage,
            version=t.version,
            frozen=t.id in used,
            retired=t.retired,
        )
        for t in rows
    ]


def template_in(session: Session, template_id: int) -> TemplateData | None:
    row = session.get(SurveyTemplate, template_id)
    return load_templates(session, [row])[0] if row else None


def get_template(engine: Engine, template_id: int) -> TemplateData | None:
    with Session(engine) as session:
        return template_in(session, template_id)


def list_templates(engine: Engine, *, include_retired: bool = False) -> list[TemplateData]:
    """Templates by name, each lineage's versions newest first."""
    query = select(SurveyTemplate).order_by(
        SurveyTemplate.name, SurveyTemplate.lineage, col(SurveyTemplate.version).desc()
    )
    if not include_retired:
        query = query.where(col(SurveyTemplate.retired).is_(False))
    with Session(engine) as session:
        return load_templates(session, session.exec(query).all())


def template_choices(engine: Engine) -> list[tuple[int, str]]:
    """Active templates a campaign may use: (id, "name vN")."""
    query = (
        select(SurveyTemplate.id, SurveyTemplate.name, SurveyTemplate.version)
        .where(col(SurveyTemplate.retired).is_(False))
        .order_by(SurveyTemplate.name, SurveyTemplate.version)
    )
    with Session(engine) as session:
        return [(i, f"{name} v{version}") for i, name, version in session.exec(query)]


def newest_active_id(session: Session) -> int | None:
    return session.exec(
        select(SurveyTemplate.id)
        .where(col(SurveyTemplate.retired).is_(False))
        .order_by(col(SurveyTemplate.created_at).desc(), col(SurveyTemplate.id).desc())
    ).first()


def history(engine: Engine, data: TemplateData) -> list[audit_service.AuditRow]:
    return audit_service.history(engine, ENTITY, data.uuid or "")


# ---------------------------------------------------------------- writing


def _flat(data: TemplateData) -> dict[str, object]:
    flat: dict[str, object] = {name: getattr(data, name) for name in _FIELDS}
    flat["five_scores"] = scores_text(data.five_scores)
    for i, item in enumerate(data.items):
        flat[f"items[{i + 1}].name"] = item.name
        flat[f"items[{i + 1}].weight"] = float(item.weight or 0)
    return flat


def _set_fields(row: SurveyTemplate, data: TemplateData) -> None:
    for name in _FIELDS:
        setattr(row, name, getattr(data, name))
    row.five_scores = scores_text(data.five_scores)
    row.updated_at = utcnow()


def _write_items(session: Session, template_id: int, data: TemplateData, *, keep_ids: bool) -> None:
    """Store the items; keys stay (a new item gets one); removed items go."""
    stored = (
        {
            i.id: i
            for i in session.exec(select(SurveyItem).where(SurveyItem.template_id == template_id))
        }
        if keep_ids
        else {}
    )
    kept: set[int] = set()
    keys: set[str] = set()
    for position, item in enumerate(data.items):
        if not item.key or item.key in keys:
            item.key = new_uuid()
        keys.add(item.key)
        row = stored.get(item.id) if item.id is not None else None
        if row is None:
            row = SurveyItem(template_id=template_id, key=item.key)
        else:
            kept.add(row.id)  # type: ignore[arg-type]
            row.updated_at = utcnow()
        row.position, row.name, row.weight, row.key = (
            position,
            item.name,
            float(item.weight),
            item.key,
        )  # type: ignore[arg-type]
        session.add(row)
        session.flush()
        item.id = row.id
    for item_id, row in stored.items():
        if item_id not in kept:
            session.delete(row)


def insert_template(session: Session, data: TemplateData, user: str) -> int:
    """A new lineage at version 1 (the caller validated)."""
    row = SurveyTemplate(lineage=new_uuid(), version=1, name=data.name)
    _set_fields(row, data)
    session.add(row)
    session.flush()
    _write_items(session, row.id, data, keep_ids=False)  # type: ignore[arg-type]
    data.version = 1
    audit_service.record(
        session,
        entity=ENTITY,
        entity_uuid=row.uuid,
        label=f"{row.name} v1",
        action="create",
        changes=audit_service.diff({}, _flat(data)),
        user=user,
    )
    return row.id  # type: ignore[return-value]


def save_template(engine: Engine, data: TemplateData, user: str) -> TemplateData:
    """Create (version 1), edit in place (not used yet) or store a new version (frozen)."""
    data = normalize_template(data)
    validate_template(data)
    with Session(engine) as session:
        if data.id is None:
            template_id = insert_template(session, data, user)
            session.commit()
            return template_in(session, template_id)  # type: ignore[return-value]
        before = template_in(session, data.id)
        if before is None:
            raise ValidationError({"name": FieldError("survey_template_not_found")})
        if before.retired:
            raise ValidationError({"name": FieldError("survey_template_retired")})
        changes = audit_service.diff(_flat(before), _flat(data))
        if not changes:
            return before
        old = session.get(SurveyTemplate, data.id)
        if not before.frozen:
            _set_fields(old, data)  # type: ignore[arg-type]
            session.add(old)
            _write_items(session, old.id, data, keep_ids=True)  # type: ignore[arg-type, union-attr]
            audit_service.record(
                session,
                entity=ENTITY,
                entity_uuid=old.uuid,  # type: ignore[union-attr]
                label=f"{old.name} v{old.version}",  # type: ignore[union-attr]
                action="update",
                changes=changes,
                user=user,
            )
            session.commit()
            return template_in(session, data.id)  # type: ignore[return-value]
        return _new_version(session, old, before, data, changes, user)  # type: ignore[arg-type]


def _new_version(
    session: Session,
    old: SurveyTemplate,
    before: TemplateData,
    data: TemplateData,
    changes: list[tuple[str, str | None, str | None]],
    user: str,
) -> TemplateData:
    """Version + 1 of a frozen template; the old version is retired, its campaigns untouched."""
    highest = session.exec(
        select(func.max(SurveyTemplate.version)).where(SurveyTemplate.lineage == old.lineage)
    ).one()
    row = SurveyTemplate(lineage=old.lineage, version=(highest or old.version) + 1, name=data.name)
    _set_fields(row, data)
    session.add(row)
    session.flush()
    known_keys = {i.key for i in before.items}
    for item in data.items:
        item.id = None  # the old version keeps its own item rows for its answers
        if item.key not in known_keys:
            item.key = ""
    _write_items(session, row.id, data, keep_ids=False)  # type: ignore[arg-type]
    old.retired, old.updated_at = True, utcnow()
    session.add(old)
    old_label, new_label = f"{old.name} v{old.version}", f"{row.name} v{row.version}"
    audit_service.record(
        session,
        entity=ENTITY,
        entity_uuid=row.uuid,
        label=new_label,
        action="create",
        changes=[("version", None, str(row.version)), ("based_on", None, old_label), *changes],
        user=user,
    )
    audit_service.record(
        session,
        entity=ENTITY,
        entity_uuid=old.uuid,
        label=old_label,
        action="update",
        changes=[("retired", "false", "true"), ("replaced_by", None, new_label)],
        user=user,
    )
    session.commit()
    return template_in(session, row.id)  # type: ignore[return-value]
