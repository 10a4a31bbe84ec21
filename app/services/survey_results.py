"""Survey results 汇总分析: the weighted satisfaction index, item averages, coverage, trend.

Scale "five": level 5 很满意 … 1 很不满意, score % = five_scores[5 − level] (best first).
Scale "ten": score % = 10 × level. A customer's index = Σ(weight·score) / Σ(weight of the items
answered), so an unanswered item does not count as zero; nothing answered → no index. The
campaign index is the plain mean of the customers' indexes (SPEC §2.4; seed 002 §5.2.2).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy import Engine, and_, func, or_
from sqlmodel import Session, col, select

from app.models import (
    CorrectiveAction,
    Customer,
    CustomerStatus,
    SurveyAnswer,
    SurveyCampaign,
    SurveyInvitee,
    SurveyResponse,
)
from app.services.survey_campaigns import campaign_in
from app.services.survey_coverage import tier_for, volumes_of
from app.services.survey_data import (
    TIER_REQUIRED_PCT,
    CampaignResults,
    CustomerResult,
    ItemResult,
    TierCoverage,
    TrendPoint,
)
from app.services.survey_templates import template_in

COVERAGE_TIERS = ("all", "most", "many", "optional")
TREND_LENGTH = 8


def level_range(scale: str) -> tuple[int, int]:
    return (1, 10) if scale == "ten" else (1, 5)


def item_score(level: int | None, scale: str, five_scores: Sequence[float]) -> float | None:
    """The score in % of one answer; None when unanswered."""
    if level is None:
        return None
    low, high = level_range(scale)
    if not low <= level <= high:
        raise ValueError(f"level {level} outside {low}–{high}")
    if scale == "ten":
        return 10.0 * level
    return float(five_scores[5 - level])


def response_index(
    levels_by_item_id: Mapping[int, int | None],
    weights_by_item_id: Mapping[int, float],
    scale: str,
    five_scores: Sequence[float],
) -> float | None:
    """Σ(weight·score) / Σ(weight of the answered items); None when no item is answered."""
    weighted = answered_weight = 0.0
    for item_id, weight in weights_by_item_id.items():
        score = item_score(levels_by_item_id.get(item_id), scale, five_scores)
        if score is None or not weight:
            continue
        weighted += weight * score
        answered_weight += weight
    return weighted / answered_weight if answered_weight else None


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def campaign_results(engine: Engine, campaign_id: int) -> CampaignResults:
    """Everything the summary analysis shows; a fixed number of queries whatever the size."""
    with Session(engine) as session:
        campaign = campaign_in(session, campaign_id)
        if campaign is None:
            raise ValueError(f"no survey campaign {campaign_id}")
        template = template_in(session, campaign.template_id)  # type: ignore[arg-type]
        if template is None:
            raise ValueError(f"no survey template {campaign.template_id}")
        tiers = {i.customer_id: i.tier for i in campaign.invitees}

        customers: list[CustomerResult] = []
        keep_buying = {"yes": 0, "maybe": 0, "no": 0}
        recommends: list[int] = []
        late = partial = 0
        for r, code, name in session.exec(
            select(SurveyResponse, Customer.code, Customer.name)
            .join(Customer, Customer.id == SurveyResponse.customer_id)
            .where(SurveyResponse.campaign_id == campaign_id)
        ):
            customers.append(
                CustomerResult(
                    customer_id=r.customer_id,
                    customer_code=code,
                    customer_name=name,
                    tier=tiers.get(r.customer_id, ""),
                    index_pct=r.index_pct,
                    answered_on=r.answered_on,
                    late=r.late,
                    partial=r.partial,
                    keep_buying=r.keep_buying,
                    recommend=r.recommend,
                )
            )
            late += r.late
            partial += r.partial
            if r.keep_buying in keep_buying:
                keep_buying[r.keep_buying] += 1
            if r.recommend is not None:
                recommends.append(r.recommend)
        customers.sort(key=lambda c: (c.index_pct is None, c.index_pct or 0.0, c.customer_code))
        indexes = [c.index_pct for c in customers if c.index_pct is not None]

        items = _item_results(session, campaign_id, template, campaign.threshold_pct or 0)
        coverage = _coverage(session, campaign, customers)
        trend = _trend(session, campaign_id)

    return CampaignResults(
        campaign=campaign,
        template=template,
        index_pct=_mean(indexes),
        invited=len(campaign.invitees),
        answered=len(customers),
        late=late,
        partial=partial,
        items=items,
        customers=customers,
        coverage=coverage,
        trend=trend,
        keep_buying=keep_buying,
        recommend_avg=_mean(recommends),
        promoters=sum(1 for r in recommends if r >= 9),
        detractors=sum(1 for r in recommends if r <= 6),
    )


def _item_results(
    session: Session, campaign_id: int, template, threshold: float
) -> list[ItemResult]:  # noqa: ANN001
    """Per item: grouped counts from SQL (at most items × levels × importance × competitor rows)."""
    scores: dict[int, list[tuple[float, int]]] = defaultdict(list)
    importance: dict[int, list[tuple[int, int]]] = defaultdict(list)
    competitor: dict[int, dict[str, int]] = defaultdict(
        lambda: {"better": 0, "same": 0, "worse": 0}
    )
    query = (
        select(
            SurveyAnswer.item_id,
            SurveyAnswer.level,
            SurveyAnswer.importance,
            SurveyAnswer.competitor,
            func.count(),
        )
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyResponse.campaign_id == campaign_id)
        .group_by(
            SurveyAnswer.item_id,
            SurveyAnswer.level,
            SurveyAnswer.importance,
            SurveyAnswer.competitor,
        )
    )
    for item_id, level, imp, comp, count in session.exec(query):
        score = item_score(level, template.scale, template.five_scores)
        if score is not None:
            scores[item_id].append((score, count))
        if imp is not None:
            importance[item_id].append((imp, count))
        if comp in ("better", "same", "worse"):
            competitor[item_id][comp] += count
    with_action = set(
        session.exec(
            select(CorrectiveAction.survey_item_key).where(
                CorrectiveAction.campaign_id == campaign_id
            )
        ).all()
    )
    result = []
    for item in template.items:
        answered = sum(n for _, n in scores[item.id])
        average = sum(s * n for s, n in scores[item.id]) / answered if answered else None
        rated = sum(n for _, n in importance[item.id])
        counts = competitor[item.id]
        result.append(
            ItemResult(
                key=item.key,
                name=item.name,
                weight=item.weight or 0.0,
                answered=answered,
                average_pct=average,
                below_threshold=average is not None and average < threshold,
                importance_avg=(
                    sum(v * n for v, n in importance[item.id]) / rated if rated else None
                ),
                better=counts["better"],
                same=counts["same"],
                worse=counts["worse"],
                has_action=item.key in with_action,
            )
        )
    return result


def _coverage(session: Session, campaign, customers: list[CustomerResult]) -> list[TierCoverage]:  # noqa: ANN001
    """Tier sizes: invitees by their stored tier, the others recomputed; lost ones not counted."""
    tiers = {i.customer_id: i.tier for i in campaign.invitees}
    in_tier: dict[str, int] = defaultdict(int)
    for tier in tiers.values():
        in_tier[tier] += 1
    volumes = volumes_of(session, campaign.volume_year)
    others = select(
        Customer.id, Customer.cooperation_since, Customer.potential, Customer.status
    ).where(
        col(Customer.status) != CustomerStatus.LOST.value,
        ~col(Customer.id).in_(
            select(SurveyInvitee.customer_id).where(SurveyInvitee.campaign_id == campaign.id)
        ),
    )
    for customer_id, since, potential, status in session.exec(others):
        in_tier[
            tier_for(volumes.get(customer_id), since, potential, status, campaign.period_start)
        ] += 1
    invited: dict[str, int] = defaultdict(int)
    for tier in tiers.values():
        invited[tier] += 1
    answered: dict[str, int] = defaultdict(int)
    for c in customers:
        answered[c.tier] += 1
    return [
        TierCoverage(
            tier=tier,
            required_pct=TIER_REQUIRED_PCT.get(tier),
            customers=in_tier[tier],
            invited=invited[tier],
            answered=answered[tier],
        )
        for tier in COVERAGE_TIERS
    ]


def _trend(session: Session, campaign_id: int) -> list[TrendPoint]:
    """Up to the last eight campaigns by period start, ending with this one, oldest first."""
    this = session.get(SurveyCampaign, campaign_id)
    earlier = or_(
        col(SurveyCampaign.period_start) < this.period_start,  # type: ignore[union-attr]
        and_(
            SurveyCampaign.period_start == this.period_start,  # type: ignore[union-attr]
            col(SurveyCampaign.id) <= campaign_id,
        ),
    )
    stats = (
        select(
            SurveyResponse.campaign_id,
            func.avg(SurveyResponse.index_pct).label("index_pct"),
            func.count().label("responses"),
        )
        .group_by(SurveyResponse.campaign_id)
        .subquery()
    )
    query = (
        select(SurveyCampaign, stats.c.index_pct, stats.c.responses)
        .outerjoin(stats, stats.c.campaign_id == SurveyCampaign.id)
        .where(earlier)
        .order_by(col(SurveyCampaign.period_start).desc(), col(SurveyCampaign.id).desc())
        .limit(TREND_LENGTH)
    )
    points = [
        TrendPoint(
            campaign_id=c.id,
            number=c.number,
            name=c.name,
            period_start=c.period_start,
            index_pct=index_pct,
            target_pct=c.target_pct,
            responses=responses or 0,
        )
        for c, index_pct, responses in session.exec(query)
    ]
    return points[::-1]
