"""Building survey data for tests through the real services."""

from __future__ import annotations

from datetime import date

from app.services import customer_service, survey_service
from app.services.customer_service import ContactData, CustomerData, VolumeData
from app.services.survey_data import (
    CampaignData,
    InviteeData,
    ResponseData,
    TemplateData,
    TemplateItemData,
)

YEAR = 2025  # a past year, so answers dated in it are never in the future
START = date(YEAR, 1, 1)


def customer(
    engine,
    code: str,
    *,
    volumes: dict[int, float] | None = None,
    since: date | None = date(2015, 3, 1),
    potential: bool = False,
    status: str = "active",
    contact: str = "",
    phone: str = "",
    name: str = "",
    sales_rep: str = "",
) -> int:
    """A customer with annual volumes {year: 万元}, cooperating since `since`."""
    data = CustomerData(
        code=code,
        name=name or f"顾客{code}",
        cooperation_since=since,
        potential=potential,
        status=status,
        sales_rep=sales_rep,
        volumes=[VolumeData(y, v) for y, v in (volumes or {}).items()],
        contacts=[ContactData(name=contact, phone=phone)] if contact else [],
    )
    return customer_service.create(engine, data, "t").id


def template(
    engine, weights: dict[str, float] | None = None, *, scale: str = "five", **kwargs
) -> TemplateData:
    """A stored template; items {name: weight} (the default questionnaire without weights)."""
    data = survey_service.default_template()
    if weights is not None:
        data.items = [TemplateItemData(name=n, weight=w) for n, w in weights.items()]
    data.scale = scale
    for name, value in kwargs.items():
        setattr(data, name, value)
    return survey_service.save_template(engine, data, "q")


def campaign_data(template_id: int, *customer_ids: int, **kwargs) -> CampaignData:
    """The first half of YEAR asking the customers given (tier computed by the service)."""
    values = dict(
        name=f"{YEAR} 上半年",
        year=YEAR,
        period="h1",
        period_start=START,
        period_end=date(YEAR, 6, 30),
        answer_by=date(YEAR, 7, 30),
        template_id=template_id,
        target_pct=95.0,
        threshold_pct=80.0,
        volume_year=YEAR - 1,
        invitees=[InviteeData(customer_id=c, tier="") for c in customer_ids],
    )
    values.update(kwargs)
    return CampaignData(**values)


def campaign(engine, template_id: int, *customer_ids: int, **kwargs) -> CampaignData:
    return survey_service.create_campaign(
        engine, campaign_data(template_id, *customer_ids, **kwargs), "lead"
    )


def answer(
    engine,
    campaign_id: int,
    customer_id: int,
    levels: list[int | None] | dict[str, int | None],
    *,
    answered_on: date = date(YEAR, 3, 10),
    **kwargs,
) -> ResponseData:
    """Save a response: levels in item order, or {item name: level}."""
    data = survey_service.blank_response(engine, campaign_id, customer_id)
    template = survey_service.get_template(
        engine, survey_service.get_campaign(engine, campaign_id).template_id
    )
    names = {i.id: i.name for i in template.items}
    for i, a in enumerate(data.answers):
        if isinstance(levels, dict):
            a.level = levels.get(names[a.item_id])
        elif i < len(levels):
            a.level = levels[i]
    data.answered_on = answered_on
    data.surveyor = kwargs.pop("surveyor", "刘调查")
    for name, value in kwargs.items():
        setattr(data, name, value)
    return survey_service.save_response(engine, data, "clerk")
