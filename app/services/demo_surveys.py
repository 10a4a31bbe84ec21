"""Demo satisfaction surveys: two years of half-yearly campaigns with answers, and the current one.

Campaigns go through the real services (coverage proposal, numbering, validation, audit trail).
The template changes once between the years, so the first year's campaigns keep version 1 and
the later ones use version 2. Most invited customers answer; a few answer late or leave an item
out; a weak item of a closed campaign gets an improvement action. The same seed gives the same
answers; running it again adds only the campaigns that are missing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import Engine

from app.services import survey_service
from app.services.demo_complaints import PEOPLE
from app.services.survey_data import CampaignData, ResponseData, TemplateData, TemplateItemData

_METHODS = ("phone", "phone", "phone", "email", "visit", "paper")
_TITLES = ("采购经理", "质量经理", "技术部长", "设备科长", "采购员")
_COMMENTS = (
    "",
    "",
    "",
    "交货期偶有延误,希望提前通知。",
    "技术支持响应及时,满意。",
    "包装箱在运输中有破损。",
    "价格偏高,希望年度降价。",
    "投诉处理速度有改进。",
)
_DEPARTMENTS = ("生产部", "品质部", "营业部", "技术部", "物流部")


def _halves(today: date, count: int) -> list[tuple[int, str]]:
    """The last `count` half-years up to and including the one `today` is in, oldest first."""
    year, half = today.year, ("h1" if today.month <= 6 else "h2")
    periods = []
    for _ in range(count):
        periods.append((year, half))
        year, half = (year, "h1") if half == "h2" else (year - 1, "h2")
    return periods[::-1]


def load_demo_surveys(
    engine: Engine,
    campaigns: int = 4,
    seed: int = 1,
    user: str = "demo",
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add the demo campaigns that are missing (the last `campaigns` half-years); returns how many."""
    today = today or date.today()
    existing = {row.name for row in survey_service.list_campaigns(engine)}
    periods = _halves(today, campaigns)
    added = 0
    for done, (year, period) in enumerate(periods, start=1):
        data = survey_service.new_campaign(engine, year, period, user=user)
        if data.name not in existing and data.invitees:
            if year == periods[-1][0] and year != periods[0][0]:
                data.template_id = _second_version(engine, data.template_id, user)
            rng = random.Random(seed * 7919 + year * 10 + done)
            _run_campaign(engine, data, rng, user, today)
            added += 1
        if progress:
            progress(done)
    return added


def _second_version(engine: Engine, template_id: int | None, user: str) -> int | None:
    """The later year asks about packaging separately: a new version of the used template."""
    template = survey_service.get_template(engine, template_id) if template_id else None
    if template is None or not template.frozen:
        return template_id
    if any(item.name == "响应速度" for item in template.items):
        return template_id
    changed = replace(template, items=[replace(item) for item in template.items])
    heaviest = max(changed.items, key=lambda item: item.weight or 0)
    heaviest.weight = (heaviest.weight or 0) - 5
    changed.items.append(TemplateItemData(name="响应速度", weight=5))
    return survey_service.save_template(engine, changed, user).id


def _run_campaign(
    engine: Engine, data: CampaignData, rng: random.Random, user: str, today: date
) -> None:
    campaign = survey_service.create_campaign(engine, data, user)
    current = campaign.period_start <= today <= (campaign.answer_by or campaign.period_end)
    template = survey_service.get_template(engine, campaign.template_id)
    share = rng.uniform(0.35, 0.6) if current else rng.uniform(0.86, 0.97)
    mood = {inv.customer_id: rng.gauss(0.8, 0.6) for inv in campaign.invitees}
    for invitee in campaign.invitees:
        if rng.random() > share:
            continue
        response = survey_service.blank_response(engine, campaign.id, invitee.customer_id)
        _fill(response, rng, mood[invitee.customer_id], campaign, template, today)
        survey_service.save_response(engine, response, user)
    if current:
        return
    _improve_weakest(engine, campaign.id, rng, user)
    survey_service.close_campaign(engine, campaign.id, user)


def _fill(
    response: ResponseData,
    rng: random.Random,
    mood: float,
    campaign: CampaignData,
    template: TemplateData | None,
    today: date,
) -> None:
    end = min(campaign.answer_by or campaign.period_end, today)
    start = max(campaign.period_start, end - timedelta(days=45))
    late = campaign.answer_by is not None and campaign.answer_by < today and rng.random() < 0.08
    if late:
        start = campaign.answer_by + timedelta(days=1)  # type: ignore[operator]
        end = min(campaign.answer_by + timedelta(days=20), today)  # type: ignore[operator]
    response.answered_on = start + timedelta(days=rng.randint(0, max(0, (end - start).days)))
    response.respondent = response.respondent or rng.choice(PEOPLE)
    response.respondent_title = rng.choice(_TITLES)
    response.method = rng.choice(_METHODS)
    response.surveyor = rng.choice(PEOPLE[:4])
    response.comments = rng.choice(_COMMENTS)
    ten = template is not None and template.scale == "ten"
    partial = rng.random() < 0.07
    for i, answer in enumerate(response.answers):
        if partial and i == len(response.answers) - 1:
            answer.level = None
            continue
        # most answers are 满意 or 很满意; delivery and price are the usual complaints
        drift = -0.7 if i in (1, 2) else 0.0
        level = round(4 + mood + drift + rng.gauss(0, 0.7))
        answer.level = max(1, min(10 if ten else 5, level * 2 if ten else level))
        if template is not None and template.ask_importance:
            answer.importance = rng.randint(3, 5)
        if template is not None and template.ask_competitor:
            answer.competitor = rng.choices(("better", "same", "worse", ""), (3, 5, 1, 1))[0]
    if template is not None and template.ask_loyalty:
        response.keep_buying = "yes" if mood > -0.3 else rng.choice(("maybe", "no"))
        response.recommend = max(0, min(10, round(8 + 1.5 * mood + rng.gauss(0, 1))))


def _improve_weakest(engine: Engine, campaign_id: int, rng: random.Random, user: str) -> None:
    from app.services.survey_results import campaign_results

    results = campaign_results(engine, campaign_id)
    rated = [item for item in results.items if item.average_pct is not None]
    if not rated:
        return
    weakest = min(rated, key=lambda item: item.average_pct or 0)
    due = results.campaign.period_end + timedelta(days=60)
    survey_service.open_action(
        engine,
        campaign_id,
        item_key=weakest.key,
        description=f"{weakest.name}满意度 {weakest.average_pct:.0f} %:分析原因并制定改进计划",
        due=due,
        user=user,
        department=rng.choice(_DEPARTMENTS),
        owner=rng.choice(PEOPLE),
    )
