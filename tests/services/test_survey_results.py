"""Survey results: the index arithmetic, item averages, coverage by tier, the trend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.services import survey_service
from app.services.survey_results import campaign_results, item_score, response_index
from tests.services.survey_factory import YEAR, answer, campaign, customer, template

DEFAULT = (100.0, 80.0, 60.0, 40.0, 0.0)


# ---------------------------------------------------------------- one answer


@pytest.mark.parametrize(
    ("level", "score"), [(5, 100.0), (4, 80.0), (3, 60.0), (2, 40.0), (1, 0.0)]
)
def test_five_levels_map_to_the_default_scores_best_first(level, score):
    assert item_score(level, "five", DEFAULT) == score


def test_five_levels_use_the_templates_own_scores():
    custom = (100.0, 90.0, 70.0, 30.0, 10.0)
    assert [item_score(lv, "five", custom) for lv in (5, 4, 3, 2, 1)] == [100, 90, 70, 30, 10]


@pytest.mark.parametrize(("level", "score"), [(1, 10.0), (7, 70.0), (10, 100.0)])
def test_ten_scale_is_ten_times_the_level(level, score):
    assert item_score(level, "ten", DEFAULT) == score


def test_unanswered_item_has_no_score():
    assert item_score(None, "five", DEFAULT) is None


@pytest.mark.parametrize(("level", "scale"), [(0, "five"), (6, "five"), (0, "ten"), (11, "ten")])
def test_a_level_outside_the_scale_is_refused(level, scale):
    with pytest.raises(ValueError):
        item_score(level, scale, DEFAULT)


# ---------------------------------------------------------------- one customer's index


def test_index_is_the_weighted_mean_of_the_scores():
    weights = {1: 50.0, 2: 30.0, 3: 20.0}
    # 0.5·100 + 0.3·60 + 0.2·0 = 68
    assert response_index({1: 5, 2: 3, 3: 1}, weights, "five", DEFAULT) == pytest.approx(68.0)


def test_weights_matter_not_just_the_plain_mean():
    levels = {1: 5, 2: 1}
    assert response_index(levels, {1: 90.0, 2: 10.0}, "five", DEFAULT) == pytest.approx(90.0)
    assert response_index(levels, {1: 10.0, 2: 90.0}, "five", DEFAULT) == pytest.approx(10.0)


def test_missing_answers_renormalize_over_the_items_answered():
    weights = {1: 50.0, 2: 30.0, 3: 20.0}
    # item 3 unanswered: (50·100 + 30·60) / 80 = 85, not (5000 + 1800) / 100 = 68
    assert response_index({1: 5, 2: 3, 3: None}, weights, "five", DEFAULT) == pytest.approx(85.0)
    assert response_index({1: 5, 2: 3}, weights, "five", DEFAULT) == pytest.approx(85.0)


def test_nothing_answered_gives_no_index():
    weights = {1: 50.0, 2: 50.0}
    assert response_index({1: None, 2: None}, weights, "five", DEFAULT) is None
    assert response_index({}, weights, "five", DEFAULT) is None


def test_index_on_the_ten_scale():
    # (60·80 + 40·50) / 100 = 68
    assert response_index({1: 8, 2: 5}, {1: 60.0, 2: 40.0}, "ten", DEFAULT) == pytest.approx(68.0)


def test_index_with_custom_five_scores():
    custom = (100.0, 90.0, 70.0, 30.0, 10.0)
    # (50·90 + 50·30) / 100 = 60 (the default scores would give 60 too: use 4 and 3)
    assert response_index({1: 4, 2: 2}, {1: 50.0, 2: 50.0}, "five", custom) == pytest.approx(60.0)
    assert response_index({1: 4, 2: 3}, {1: 50.0, 2: 50.0}, "five", custom) == pytest.approx(80.0)
    assert response_index({1: 4, 2: 3}, {1: 50.0, 2: 50.0}, "five", DEFAULT) == pytest.approx(70.0)


# ---------------------------------------------------------------- a campaign's results


def test_campaign_results_items_customers_and_loyalty(engine):
    t = template(engine, {"质量": 50, "交期": 30, "价格": 20}, ask_importance=True)
    a, b, c, d = (customer(engine, code) for code in ("A", "B", "C", "D"))
    camp = campaign(engine, t.id, a, b, c, d, threshold_pct=80)

    def save(cust, levels, **kwargs):
        data = survey_service.blank_response(engine, camp.id, cust)
        data.answered_on = kwargs.pop("answered_on", date(YEAR, 3, 1))
        for ans, (level, imp, comp) in zip(data.answers, levels, strict=True):
            ans.level, ans.importance, ans.competitor = level, imp, comp
        for name, value in kwargs.items():
            setattr(data, name, value)
        return survey_service.save_response(engine, data, "clerk")

    # A: 100·.5 + 80·.3 + 60·.2 = 86; B: 80·.5 + 40·.3 + 60·.2 = 64; C: only 价格 → 100
    save(a, [(5, 5, "better"), (4, 4, "same"), (3, 3, "")], keep_buying="yes", recommend=10)
    save(b, [(4, 3, "worse"), (2, 5, "worse"), (3, None, "")], keep_buying="maybe", recommend=6,
         answered_on=date(YEAR, 8, 15))  # fmt: skip
    save(c, [(None, None, ""), (None, None, ""), (5, None, "same")], keep_buying="yes", recommend=8)  # fmt: skip
    r = campaign_results(engine, camp.id)

    assert r.index_pct == pytest.approx((86 + 64 + 100) / 3)
    assert (r.invited, r.answered, r.late, r.partial) == (4, 3, 1, 1)
    assert r.response_rate_pct == pytest.approx(75.0)
    assert [(c.customer_code, c.index_pct) for c in r.customers] == [
        ("B", pytest.approx(64.0)), ("A", pytest.approx(86.0)), ("C", pytest.approx(100.0)),
    ]  # fmt: skip
    quality, delivery, price = r.items
    assert (quality.answered, quality.average_pct, quality.below_threshold) == (2, 90.0, False)
    assert (delivery.answered, delivery.average_pct, delivery.below_threshold) == (2, 60.0, True)
    assert (price.answered, price.average_pct, price.below_threshold) == (3, pytest.approx(220 / 3), True)  # fmt: skip
    assert (quality.importance_avg, delivery.importance_avg, price.importance_avg) == (
        4.0,
        4.5,
        3.0,
    )
    assert (quality.better, quality.same, quality.worse) == (1, 0, 1)
    assert (delivery.better, delivery.same, delivery.worse) == (0, 1, 1)
    assert (price.better, price.same, price.worse) == (0, 1, 0)
    assert [i.weight for i in r.items] == [50, 30, 20]
    assert r.keep_buying == {"yes": 2, "maybe": 1, "no": 0}
    assert r.recommend_avg == pytest.approx(8.0)
    assert (r.promoters, r.detractors) == (1, 1)
    assert r.nps == pytest.approx(0.0)
    assert r.target_met is False


def test_an_item_exactly_at_the_threshold_is_not_below(engine):
    t = template(engine, {"质量": 100})
    a = customer(engine, "A")
    camp = campaign(engine, t.id, a, threshold_pct=80)
    answer(engine, camp.id, a, [4])  # 80 %
    assert campaign_results(engine, camp.id).items[0].below_threshold is False


def test_campaign_with_no_answers(engine):
    t = template(engine)
    a = customer(engine, "A")
    r = campaign_results(engine, campaign(engine, t.id, a).id)
    assert (r.index_pct, r.answered, r.customers, r.recommend_avg, r.nps) == (
        None,
        0,
        [],
        None,
        None,
    )
    assert all(i.average_pct is None and not i.below_threshold for i in r.items)
    assert r.target_met is None and r.response_rate_pct == 0


def test_a_customer_with_nothing_answered_counts_as_answered_but_not_in_the_index(engine):
    t = template(engine, {"质量": 100})
    a, b = customer(engine, "A"), customer(engine, "B")
    camp = campaign(engine, t.id, a, b)
    answer(engine, camp.id, a, [3])
    answer(engine, camp.id, b, [None])
    r = campaign_results(engine, camp.id)
    assert (r.answered, r.index_pct) == (2, 60.0)
    assert [c.customer_code for c in r.customers] == ["A", "B"]  # no index: last


def test_coverage_counts_each_tier_with_the_required_answers_rounded_up(engine):
    t = template(engine, {"质量": 100})
    big = [customer(engine, f"A{i}", volumes={YEAR - 1: 150}) for i in range(3)]
    mid = [customer(engine, f"M{i}", volumes={YEAR - 1: 60}) for i in range(11)]
    many = [customer(engine, f"N{i}", volumes={YEAR - 1: 10}) for i in range(6)]
    customer(engine, "O1", volumes={YEAR - 1: 10}, since=None)  # optional, not asked
    customer(engine, "D1", since=date(YEAR - 1, 6, 1))  # daily: not in the coverage
    customer(engine, "L1", volumes={YEAR - 1: 500}, status="lost")  # lost: not counted
    camp = campaign(engine, t.id, *big, *mid[:10], *many[:5])
    for cust in big[:2] + mid[:10] + many[:5]:
        answer(engine, camp.id, cust, [5])
    coverage = {c.tier: c for c in campaign_results(engine, camp.id).coverage}
    assert list(coverage) == ["all", "most", "many", "optional"]
    all_, most, many_, optional = (coverage[t] for t in ("all", "most", "many", "optional"))
    assert (all_.customers, all_.invited, all_.answered, all_.required, all_.met) == (3, 3, 2, 3, False)  # fmt: skip
    # 90 % of 11 = 9.9 → 10 needed
    assert (most.customers, most.invited, most.answered, most.required, most.met) == (11, 10, 10, 10, True)  # fmt: skip
    # 80 % of 6 = 4.8 → 5 needed
    assert (many_.customers, many_.answered, many_.required, many_.met) == (6, 5, 5, True)
    assert (optional.customers, optional.required_pct, optional.required) == (1, None, 0)
    assert most.achieved_pct == pytest.approx(1000 / 11)


def test_coverage_uses_the_tier_stored_for_an_invitee(engine):
    """A customer's volume corrected after the proposal does not move it between tiers."""
    from app.services import customer_service
    from app.services.customer_service import VolumeData

    t = template(engine, {"质量": 100})
    a = customer(engine, "A", volumes={YEAR - 1: 150})
    camp = campaign(engine, t.id, a)
    data = customer_service.get(engine, a)
    data.volumes = [VolumeData(YEAR - 1, 20)]
    customer_service.update(engine, data, "t")
    coverage = {c.tier: c for c in campaign_results(engine, camp.id).coverage}
    assert (coverage["all"].customers, coverage["many"].customers) == (1, 0)


def test_trend_ends_with_this_campaign_and_holds_at_most_eight(engine):
    t = template(engine, {"质量": 100})
    a = customer(engine, "A")
    ids = []
    for i in range(10):  # quarters of 2023–2025 (10 of them)
        year, quarter = 2023 + i // 4, i % 4 + 1
        start = date(year, 3 * quarter - 2, 1)
        camp = campaign(
            engine, t.id, a, year=year, period=f"q{quarter}", period_start=start,
            period_end=start + timedelta(days=80), answer_by=None, target_pct=90 + i % 4,
        )  # fmt: skip
        answer(engine, camp.id, a, [5 - i % 3], answered_on=start + timedelta(days=5))
        ids.append(camp.id)
    trend = campaign_results(engine, ids[8]).trend
    assert [p.campaign_id for p in trend] == ids[1:9]  # eight, oldest first, this one last
    assert [p.index_pct for p in trend[-3:]] == [100.0, 80.0, 60.0]
    assert trend[-1].responses == 1 and trend[-1].target_pct == 90
    short = campaign_results(engine, ids[2]).trend
    assert [p.campaign_id for p in short] == ids[:3]


def _queries(engine, call, *args) -> int:
    from sqlalchemy import event

    count = 0

    def listener(*_args) -> None:
        nonlocal count
        count += 1

    event.listen(engine, "before_cursor_execute", listener)
    try:
        call(*args)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return count


def test_results_and_lists_take_the_same_number_of_queries_for_3_or_30_customers(engine):
    """No query per customer or per answer (a campaign can ask about a thousand customers)."""
    t = template(engine, {"质量": 60, "交期": 40})

    def build(prefix: str, size: int, period: str, start: date) -> int:
        ids = [customer(engine, f"{prefix}{i}", volumes={YEAR - 1: 60}) for i in range(size)]
        camp = campaign(engine, t.id, *ids, period=period, period_start=start,
                        period_end=start + timedelta(days=90))  # fmt: skip
        for i in ids:
            answer(engine, camp.id, i, [4, 3], answered_on=start + timedelta(days=10))
        survey_service.open_action(engine, camp.id, item_key=t.items[1].key,
                                   description="交期", due=date.today(), user="q")  # fmt: skip
        return camp.id

    small = build("S", 3, "q1", date(YEAR, 1, 1))
    large = build("L", 30, "q2", date(YEAR, 4, 1))
    for call in (
        lambda c: campaign_results(engine, c),
        lambda c: survey_service.response_rows(engine, c),
        lambda c: survey_service.get_campaign(engine, c),
    ):
        assert _queries(engine, call, small) == _queries(engine, call, large)
    assert campaign_results(engine, large).answered == 30
