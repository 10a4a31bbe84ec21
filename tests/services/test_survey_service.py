"""Survey service: templates and their versions, settings, coverage tiers, campaigns, answers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from app.models import AuditEntry, CorrectiveAction, SurveyAnswer, SurveyInvitee
from app.services import survey_service
from app.services.survey_data import InviteeData, TemplateData, TemplateItemData
from app.services.survey_results import campaign_results
from app.services.survey_service import RecordLocked, SurveySettings, tier_for
from app.services.validation import ValidationError
from tests.services.survey_factory import (
    YEAR,
    answer,
    campaign,
    campaign_data,
    customer,
    template,
)
from tests.trail import trail_changes


def errors_of(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.messages("en")


def trail(engine, entity: str, uuid: str) -> list[tuple[str, str, str | None, str | None]]:
    """(action, field, old, new) of a record, oldest first."""
    rows = trail_changes(engine, AuditEntry.entity == entity, AuditEntry.entity_uuid == uuid)
    return [(r.action, r.field, r.old_value, r.new_value) for r in rows]


def items(**weights: float) -> list[TemplateItemData]:
    return [TemplateItemData(name=n, weight=w) for n, w in weights.items()]


# ---------------------------------------------------------------- templates


def test_default_template_is_the_seven_item_questionnaire_summing_to_100():
    data = survey_service.default_template()
    assert data.name == "顾客满意度调查表"
    assert [i.name for i in data.items][:3] == ["产品质量", "交货期", "价格"]
    assert sum(i.weight for i in data.items) == 100
    survey_service.validate_template(data)  # valid as it is


def test_weights_must_sum_to_100_and_the_message_gives_the_sum():
    data = TemplateData(name="T", items=items(质量=50, 交期=30, 价格=15))
    errors = errors_of(lambda: survey_service.validate_template(data))
    assert errors == {"items": "The item weights must add up to 100 %; they add up to 95 % now."}
    zh = ValidationError({}).__class__  # the Chinese message names the sum as well
    with pytest.raises(zh) as caught:
        survey_service.validate_template(data)
    assert "95" in caught.value.messages("zh_CN")["items"]


def test_item_names_required_and_unique_weights_positive():
    data = TemplateData(
        name="", items=[*items(质量=50, 交期=50), TemplateItemData(name="质量", weight=0)]
    )
    data.items.append(TemplateItemData(name="", weight=None))
    errors = errors_of(lambda: survey_service.validate_template(data))
    assert errors["name"] == "Required."
    assert errors["items[2].name"] == "“质量” appears twice."
    assert errors["items[2].weight"] == "Must be more than 0."
    assert errors["items[3].name"] == "Required."
    assert errors["items[3].weight"] == "Required."
    assert "items" not in errors  # no sum message while a weight itself is wrong


def test_template_needs_items():
    errors = errors_of(lambda: survey_service.validate_template(TemplateData(name="T")))
    assert errors == {"items": "Enter at least one survey item."}


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ((100, 80, 60, 40), "The 5-level scale needs 5 scores (very satisfied … very dissatisfied)."),
        ((100, 80, 60, 40, -1), "Must be between 0 and 100."),
        ((120, 80, 60, 40, 0), "Must be between 0 and 100."),
        ((100, 60, 80, 40, 0), "The 5-level scores must go from very satisfied down to very dissatisfied, none higher than the one before."),
    ],
)  # fmt: skip
def test_five_scores_are_five_numbers_0_to_100_best_first(scores, message):
    data = survey_service.default_template()
    data.five_scores = scores
    assert errors_of(lambda: survey_service.validate_template(data)) == {"five_scores": message}


def test_scale_must_be_known():
    data = survey_service.default_template()
    data.scale = "seven"
    assert "scale" in errors_of(lambda: survey_service.validate_template(data))


def test_new_template_is_version_1_with_item_keys_and_a_create_trail(engine):
    t = template(engine, {"质量": 60, "交期": 40})
    assert (t.version, t.frozen, t.retired) == (1, False, False)
    assert all(i.key for i in t.items) and len({i.key for i in t.items}) == 2
    rows = trail(engine, "survey_template", t.uuid)
    assert ("create", "items[1].name", None, "质量") in rows
    assert ("create", "items[2].weight", None, "40") in rows


def test_unused_template_is_edited_in_place(engine):
    t = template(engine, {"质量": 60, "交期": 40})
    keys = [i.key for i in t.items]
    t.items[0].weight, t.items[1].weight = 70, 30
    t.items[1].name = "交货期"
    saved = survey_service.save_template(engine, t, "q")
    assert (saved.id, saved.version) == (t.id, 1)
    assert [i.key for i in saved.items] == keys
    assert [(i.name, i.weight) for i in saved.items] == [("质量", 70), ("交货期", 30)]
    assert len(survey_service.list_templates(engine, include_retired=True)) == 1
    rows = trail(engine, "survey_template", t.uuid)
    assert ("update", "items[1].weight", "60", "70") in rows
    assert ("update", "items[2].name", "交期", "交货期") in rows


def test_used_template_is_frozen_and_saving_makes_version_2(engine):
    t = template(engine, {"质量": 60, "交期": 40})
    c1 = customer(engine, "A1", volumes={YEAR - 1: 200})
    camp = campaign(engine, t.id, c1)
    answer(engine, camp.id, c1, [5, 3])  # (60·100 + 40·60) / 100 = 84
    before = campaign_results(engine, camp.id)
    assert before.index_pct == pytest.approx(84.0)

    t = survey_service.get_template(engine, t.id)
    assert t.frozen
    t.items[0].weight, t.items[1].weight = 20, 80
    t.items.append(TemplateItemData(name="价格", weight=0))
    t.items[2].weight, t.items[1].weight = 10, 70
    v2 = survey_service.save_template(engine, t, "q")

    assert v2.id != t.id and (v2.lineage, v2.version) == (t.lineage, 2)
    assert [i.key for i in v2.items[:2]] == [i.key for i in t.items[:2]]  # trends follow items
    assert v2.items[2].key not in {i.key for i in t.items[:2]}
    old = survey_service.get_template(engine, t.id)
    assert old.retired and [(i.name, i.weight) for i in old.items] == [("质量", 60), ("交期", 40)]
    # the old campaign keeps its template and its results
    assert survey_service.get_campaign(engine, camp.id).template_id == t.id
    after = campaign_results(engine, camp.id)
    assert after.index_pct == pytest.approx(84.0)
    assert [i.weight for i in after.items] == [60, 40]
    # only the new version is offered for new campaigns
    assert survey_service.template_choices(engine) == [(v2.id, "顾客满意度调查表 v2")]
    assert [x.id for x in survey_service.list_templates(engine)] == [v2.id]
    assert ("update", "retired", "false", "true") in trail(engine, "survey_template", t.uuid)
    new_trail = trail(engine, "survey_template", v2.uuid)
    assert ("create", "based_on", None, "顾客满意度调查表 v1") in new_trail
    assert ("create", "items[1].weight", "60", "20") in new_trail


def test_saving_a_frozen_template_unchanged_makes_no_version(engine):
    t = template(engine)
    campaign(engine, t.id)
    again = survey_service.save_template(engine, survey_service.get_template(engine, t.id), "q")
    assert (again.id, again.version) == (t.id, 1)
    assert len(survey_service.list_templates(engine, include_retired=True)) == 1


def test_a_retired_version_cannot_be_saved(engine):
    t = template(engine)
    campaign(engine, t.id)
    old = survey_service.get_template(engine, t.id)
    old.notes = "v2"
    survey_service.save_template(engine, old, "q")
    stale = survey_service.get_template(engine, t.id)
    stale.notes = "v3?"
    errors = errors_of(lambda: survey_service.save_template(engine, stale, "q"))
    assert errors == {"name": "A newer version of this template exists; use that one."}


# ---------------------------------------------------------------- settings


def test_settings_default_and_round_trip_with_trail(engine):
    s = survey_service.load_settings(engine)
    assert (s.target_start_year, s.targets, s.threshold_pct) == (None, [95, 97, 98], 80)
    survey_service.save_settings(engine, SurveySettings(2024, [90, 93, 95, 97], 75), "lead")
    s = survey_service.load_settings(engine)
    assert (s.target_start_year, s.targets, s.threshold_pct) == (2024, [90, 93, 95, 97], 75)
    rows = trail(engine, "setting", "survey")
    assert ("update", "threshold_pct", "80", "75") in rows
    assert ("update", "target_start_year", None, "2024") in rows


def test_settings_validation(engine):
    errors = errors_of(
        lambda: survey_service.save_settings(engine, SurveySettings(1990, [95, 101], 0), "x")
    )
    assert errors == {
        "target_start_year": "The year must be between 2000 and 2100.",
        "targets[1]": "Must be between 1 and 100.",
        "threshold_pct": "Must be between 1 and 100.",
    }
    assert "targets" in errors_of(lambda: survey_service.save_settings(engine, SurveySettings(None, [], 80), "x"))  # fmt: skip


def test_target_rises_by_year_and_then_holds():
    s = SurveySettings(2024, [95, 97, 98], 80)
    assert [survey_service.target_for(s, y) for y in (2023, 2024, 2025, 2026, 2030)] == [
        95, 95, 97, 98, 98,
    ]  # fmt: skip
    open_start = SurveySettings(None, [95, 97, 98], 80)
    assert survey_service.target_for(open_start, 2026) == 95  # the first campaign year
    assert survey_service.target_for(open_start, 2026, first_year=2025) == 97


# ---------------------------------------------------------------- coverage tiers

ON = date(2026, 1, 1)
LONG_AGO = date(2010, 5, 1)


@pytest.mark.parametrize(
    ("volume", "since", "potential", "status", "tier"),
    [
        (100.0, LONG_AGO, False, "active", "all"),  # exactly 100万
        (250.0, None, False, "active", "all"),
        (99.99, LONG_AGO, False, "active", "most"),
        (50.0, LONG_AGO, False, "active", "most"),  # exactly 50万
        (49.99, date(2024, 1, 1), False, "active", "many"),  # two years
        (49.99, date(2024, 1, 2), False, "active", "optional"),  # one day short of two years
        (0.0, date(2024, 1, 1), False, "active", "many"),
        (None, LONG_AGO, False, "active", "many"),  # no volume recorded
        (10.0, date(2025, 1, 1), False, "active", "optional"),  # exactly one year: not daily
        (10.0, date(2025, 1, 2), False, "active", "daily"),  # one day short of a year
        (500.0, date(2025, 6, 1), False, "active", "daily"),  # new, whatever the volume
        (10.0, date(2025, 1, 1), True, "active", "many"),  # potential
        (10.0, None, True, "active", "many"),  # potential, cooperation unknown
        (10.0, None, False, "active", "optional"),  # unknown: not daily, not two years
        (500.0, LONG_AGO, False, "lost", "lost"),
        (10.0, date(2025, 12, 1), True, "lost", "lost"),
    ],
)
def test_coverage_tier_rules_and_edges(volume, since, potential, status, tier):
    assert tier_for(volume, since, potential, status, ON) == tier


def test_years_count_to_the_day_on_a_leap_day():
    assert survey_service.full_years(date(2024, 2, 29), date(2025, 2, 28)) == 0
    assert survey_service.full_years(date(2024, 2, 29), date(2025, 3, 1)) == 1
    assert survey_service.full_years(None, ON) is None


def test_propose_gives_every_customer_its_tier_from_the_volume_year(engine):
    a = customer(engine, "A", volumes={2025: 100, 2024: 10}, contact="王经理", phone="13900000001")
    customer(engine, "B", volumes={2025: 60})
    customer(engine, "C", volumes={2025: 20}, since=date(2024, 1, 1))
    customer(engine, "D", volumes={2025: 20}, since=date(2024, 1, 2))
    customer(engine, "E", since=date(2025, 6, 1))
    customer(engine, "F", volumes={2025: 300}, status="lost")
    result = survey_service.propose(engine, volume_year=2025, on=ON)
    assert [(p.customer_code, p.tier) for p in result] == [
        ("A", "all"), ("B", "most"), ("C", "many"), ("D", "optional"), ("E", "daily"),
        ("F", "lost"),
    ]  # fmt: skip
    first = result[0]
    assert (first.customer_id, first.volume_wan, first.years) == (a, 100, 10)
    assert (first.contact_name, first.contact_phone) == ("王经理", "13900000001")
    # another volume year, another tier
    by_2024 = {
        p.customer_code: p.tier for p in survey_service.propose(engine, volume_year=2024, on=ON)
    }
    assert by_2024["A"] == "many"


# ---------------------------------------------------------------- campaigns


def test_new_campaign_is_prefilled(engine):
    customer(engine, "A", volumes={2025: 150}, contact="王经理", phone="13900000001")
    customer(engine, "B", volumes={2025: 10}, since=date(2025, 3, 1))  # daily: not proposed
    customer(engine, "C", volumes={2025: 10}, since=None)  # optional: not proposed
    data = survey_service.new_campaign(engine, 2026, "h1")
    assert data.name == "2026 上半年"
    assert (data.period_start, data.period_end) == (date(2026, 1, 1), date(2026, 6, 30))
    assert data.answer_by == date(2026, 7, 30)
    assert (data.target_pct, data.threshold_pct, data.volume_year) == (95, 80, 2025)
    assert data.template_label == "顾客满意度调查表 v1"  # the default template, made on demand
    assert [(i.customer_code, i.tier, i.contact_name) for i in data.invitees] == [("A", "all", "王经理")]  # fmt: skip
    h2 = survey_service.new_campaign(engine, 2026, "h2")
    assert (h2.period_start, h2.period_end, h2.template_id) == (
        date(2026, 7, 1), date(2026, 12, 31), data.template_id,
    )  # fmt: skip
    q4 = survey_service.new_campaign(engine, 2026, "q4")
    assert (q4.period_start, q4.period_end, q4.name) == (date(2026, 10, 1), date(2026, 12, 31), "2026 第四季度")  # fmt: skip


def test_new_campaign_target_follows_the_first_campaign_year(engine):
    t = template(engine)
    campaign(engine, t.id)  # the first campaign, in YEAR
    assert survey_service.new_campaign(engine, YEAR + 1, "h1").target_pct == 97
    assert survey_service.new_campaign(engine, YEAR + 5, "h1").target_pct == 98
    survey_service.save_settings(engine, SurveySettings(YEAR + 1, [95, 97, 98], 70), "lead")
    fresh = survey_service.new_campaign(engine, YEAR + 1, "h1")
    assert (fresh.target_pct, fresh.threshold_pct) == (95, 70)


def test_campaign_numbers_are_my_year_sequence(engine):
    t = template(engine)
    first, second = campaign(engine, t.id), campaign(engine, t.id, period="h2")
    other = campaign(
        engine, t.id, year=2024, period_start=date(2024, 1, 1), period_end=date(2024, 6, 30)
    )
    assert (first.number, second.number, other.number) == ("MY-2025-01", "MY-2025-02", "MY-2024-01")
    assert survey_service.get_campaign_by_number(engine, "my-2025-02").id == second.id


def test_create_campaign_fills_tier_and_contact_and_records_the_trail(engine):
    t = template(engine)
    a = customer(engine, "A", volumes={YEAR - 1: 120}, contact="王经理", phone="13900000001")
    b = customer(engine, "B", volumes={YEAR - 1: 10}, potential=True)
    camp = campaign(engine, t.id, a, b)
    assert [(i.customer_code, i.tier, i.contact_name, i.answered) for i in camp.invitees] == [
        ("A", "all", "王经理", False), ("B", "many", "", False),
    ]  # fmt: skip
    rows = trail(engine, "survey_campaign", camp.uuid)
    assert ("create", "number", None, "MY-2025-01") in rows
    assert ("create", "invitees[A].tier", None, "all") in rows
    assert ("create", "template_id", None, "顾客满意度调查表 v1") in rows


def test_campaign_validation_messages(engine):
    t = template(engine)
    data = campaign_data(
        t.id,
        name="",
        period_start=date(2024, 12, 1),
        period_end=date(2024, 11, 1),
        answer_by=date(2024, 10, 1),
        target_pct=0,
        threshold_pct=None,
        period="h3",
    )
    errors = errors_of(lambda: survey_service.create_campaign(engine, data, "lead"))
    assert errors["name"] == "Required."
    assert errors["period_start"] == "The survey period must start in 2025."
    assert errors["period_end"] == "The end date cannot be before the start date."
    assert errors["answer_by"] == "The answer-by date cannot be before the period starts."
    assert errors["target_pct"] == "Must be between 1 and 100."
    assert errors["threshold_pct"] == "Required."
    assert errors["period"].startswith("Invalid value “h3”")
    assert survey_service.list_campaigns(engine) == []


def test_campaign_refuses_a_customer_twice_and_unknown_templates(engine):
    t = template(engine)
    a = customer(engine, "A")
    data = campaign_data(t.id, a)
    data.invitees.append(InviteeData(customer_id=a, tier="all", customer_name="顾客A"))
    errors = errors_of(lambda: survey_service.create_campaign(engine, data, "lead"))
    assert errors == {"invitees": "“顾客A” is on the list twice."}
    errors = errors_of(lambda: survey_service.create_campaign(engine, campaign_data(9999), "l"))
    assert errors == {"template_id": "This survey template does not exist."}


def test_update_adds_and_removes_invitees_with_trail(engine):
    t = template(engine)
    a, b = customer(engine, "A", volumes={YEAR - 1: 120}), customer(engine, "B")
    camp = campaign(engine, t.id, a)
    camp.invitees = [InviteeData(customer_id=b, tier="")]
    camp.notes = "电话调查为主"
    saved = survey_service.update_campaign(engine, camp, "lead")
    assert [(i.customer_code, i.tier) for i in saved.invitees] == [("B", "many")]
    rows = trail(engine, "survey_campaign", camp.uuid)
    assert ("update", "invitees[A].tier", "all", None) in rows
    assert ("update", "invitees[B].tier", None, "many") in rows
    assert ("update", "notes", None, "电话调查为主") in rows


def test_an_invitee_that_answered_cannot_be_removed(engine):
    t = template(engine)
    a, b = customer(engine, "A"), customer(engine, "B")
    camp = campaign(engine, t.id, a, b)
    answer(engine, camp.id, a, [5] * 7)
    camp = survey_service.get_campaign(engine, camp.id)
    assert [i.answered for i in camp.invitees] == [True, False]
    camp.invitees = camp.invitees[1:]
    errors = errors_of(lambda: survey_service.update_campaign(engine, camp, "lead"))
    assert errors == {"invitees": "“顾客A” has answered and cannot be removed from the list."}
    camp = survey_service.get_campaign(engine, camp.id)
    camp.invitees = camp.invitees[:1]  # removing B, who has not answered, is fine
    assert len(survey_service.update_campaign(engine, camp, "lead").invitees) == 1


def test_template_cannot_change_once_answered(engine):
    t, other = template(engine), template(engine, {"质量": 100}, name="简表")
    a = customer(engine, "A")
    camp = campaign(engine, t.id, a)
    camp.template_id = other.id  # no answer yet: allowed
    camp = survey_service.update_campaign(engine, camp, "lead")
    answer(engine, camp.id, a, [4])
    camp.template_id = t.id
    errors = errors_of(lambda: survey_service.update_campaign(engine, camp, "lead"))
    assert errors == {"template_id": "Customers have already answered, so the template cannot be changed."}  # fmt: skip


def test_list_campaigns_newest_first_with_counts_and_index(engine):
    t = template(engine, {"质量": 100})
    a, b, c = customer(engine, "A"), customer(engine, "B"), customer(engine, "C")
    older = campaign(engine, t.id, a, b, c)
    newer = campaign(
        engine, t.id, a, period="h2", period_start=date(YEAR, 7, 1), period_end=date(YEAR, 12, 31)
    )
    answer(engine, older.id, a, [5])
    answer(engine, older.id, b, [3])
    rows = survey_service.list_campaigns(engine)
    assert [r.number for r in rows] == [newer.number, older.number]
    assert (rows[1].invited, rows[1].answered, rows[1].index_pct) == (3, 2, 80.0)
    assert (rows[0].invited, rows[0].answered, rows[0].index_pct) == (1, 0, None)
    assert rows[1].template_label == "顾客满意度调查表 v1"


# ---------------------------------------------------------------- close and reopen


def test_closed_campaign_is_read_only_until_reopened_with_a_reason(engine):
    t = template(engine)
    a = customer(engine, "A")
    camp = campaign(engine, t.id, a)
    closed = survey_service.close_campaign(engine, camp.id, "lead")
    assert (closed.status, closed.closed_by, closed.editable) == ("closed", "lead", False)
    assert closed.closed_on == date.today()
    closed.notes = "改"
    with pytest.raises(RecordLocked):
        survey_service.update_campaign(engine, closed, "lead")
    with pytest.raises(RecordLocked):
        answer(engine, camp.id, a, [5] * 7)
    with pytest.raises(RecordLocked):
        survey_service.close_campaign(engine, camp.id, "lead")
    with pytest.raises(RecordLocked):
        survey_service.open_action(
            engine, camp.id, item_key=t.items[0].key, description="d",
            due=date.today(), user="q",
        )  # fmt: skip
    assert survey_service.get_response(engine, camp.id, a) is None

    assert errors_of(
        lambda: survey_service.reopen_campaign(engine, camp.id, reason="  ", user="lead")
    ) == {"reason": "Required."}
    reopened = survey_service.reopen_campaign(engine, camp.id, reason="补录一份答卷", user="lead")
    assert (reopened.status, reopened.closed_on, reopened.closed_by) == ("open", None, "")
    answer(engine, camp.id, a, [5] * 7)  # editable again
    rows = trail(engine, "survey_campaign", camp.uuid)
    assert ("close", "status", "open", "closed") in rows
    assert ("reopen", "status", "closed", "open") in rows
    assert ("reopen", "reopen_reason", None, "补录一份答卷") in rows
    assert errors_of(
        lambda: survey_service.reopen_campaign(engine, camp.id, reason="再来", user="lead")
    ) == {"status": "This survey is not closed."}


# ---------------------------------------------------------------- answers


def test_blank_response_has_one_answer_per_item_and_the_invitee_contact(engine):
    t = template(engine)
    a = customer(engine, "A", contact="王经理", phone="13900000001")
    camp = campaign(engine, t.id, a)
    blank = survey_service.blank_response(engine, camp.id, a)
    assert [x.item_id for x in blank.answers] == [i.id for i in t.items]
    assert all(x.level is None for x in blank.answers)
    assert (blank.respondent, blank.answered_on, blank.customer_code) == (
        "王经理",
        date.today(),
        "A",
    )


def test_save_response_stores_index_partial_and_late(engine):
    t = template(engine, {"质量": 50, "交期": 30, "价格": 20})
    a, b, c = customer(engine, "A"), customer(engine, "B"), customer(engine, "C")
    camp = campaign(engine, t.id, a, b, c, answer_by=date(YEAR, 7, 30))
    full = answer(engine, camp.id, a, [5, 3, 1], answered_on=date(YEAR, 7, 30))
    assert (full.index_pct, full.partial, full.late) == (pytest.approx(68.0), False, False)
    part = answer(engine, camp.id, b, [5, 3, None], answered_on=date(YEAR, 7, 31))
    assert (part.index_pct, part.partial, part.late) == (pytest.approx(85.0), True, True)
    empty = answer(engine, camp.id, c, [None, None, None])
    assert (empty.index_pct, empty.partial) == (None, True)
    rows = {r.customer_code: r for r in survey_service.response_rows(engine, camp.id)}
    assert (rows["B"].late, rows["B"].partial, rows["B"].index_pct) == (
        True,
        True,
        pytest.approx(85.0),
    )
    assert (rows["A"].late, rows["A"].partial) == (False, False)


def test_a_later_answer_by_date_remarks_the_answers_in(engine):
    t = template(engine, {"质量": 100})
    a = customer(engine, "A")
    camp = campaign(engine, t.id, a, answer_by=date(YEAR, 7, 30))
    assert answer(engine, camp.id, a, [5], answered_on=date(YEAR, 8, 5)).late
    camp.answer_by = date(YEAR, 8, 31)
    survey_service.update_campaign(engine, camp, "lead")
    assert not survey_service.get_response(engine, camp.id, a).late
    assert not survey_service.response_rows(engine, camp.id)[0].late


def test_ten_scale_and_custom_five_scores_through_the_service(engine):
    ten = template(engine, {"质量": 60, "交期": 40}, scale="ten", name="十分制")
    custom = template(
        engine, {"质量": 50, "交期": 50}, five_scores=(100, 90, 70, 30, 10), name="自定"
    )
    a = customer(engine, "A")
    c1, c2 = campaign(engine, ten.id, a), campaign(engine, custom.id, a, period="h2", period_start=date(YEAR, 7, 1), period_end=date(YEAR, 12, 31))  # fmt: skip
    assert answer(engine, c1.id, a, [8, 5], answered_on=date(YEAR, 3, 1)).index_pct == pytest.approx(68.0)  # fmt: skip
    assert answer(engine, c2.id, a, [4, 2], answered_on=date(YEAR, 8, 1)).index_pct == pytest.approx(60.0)  # fmt: skip


def test_updating_a_response_keeps_one_row_and_records_the_changes(engine):
    t = template(engine, {"质量": 50, "交期": 50})
    a = customer(engine, "A")
    camp = campaign(engine, t.id, a)
    first = answer(engine, camp.id, a, [5, 3])
    data = survey_service.get_response(engine, camp.id, a)
    data.answers[1].level = None
    data.comments = "交期需改善"
    again = survey_service.save_response(engine, data, "clerk")
    assert again.id == first.id and (again.index_pct, again.partial) == (100.0, True)
    with Session(engine) as session:
        assert len(session.exec(select(SurveyAnswer)).all()) == 1  # the blank one is gone
    rows = trail(engine, "survey_response", first.uuid)
    assert ("create", "answers[交期].level", None, "3") in rows
    assert ("update", "answers[交期].level", "3", None) in rows
    assert ("update", "comments", None, "交期需改善") in rows


def test_response_validation_messages(engine):
    t = template(engine, {"质量": 50, "交期": 50}, ask_importance=True)
    a = customer(engine, "A")
    camp = campaign(engine, t.id, a)
    data = survey_service.blank_response(engine, camp.id, a)
    data.answers[0].level, data.answers[1].level = 6, 0
    data.answers[0].importance, data.answers[1].competitor = 9, "much"
    data.recommend, data.keep_buying, data.method = 11, "never", "fax"
    data.answered_on = date(YEAR - 1, 12, 31)
    data.respondent = "x" * 61
    errors = errors_of(lambda: survey_service.save_response(engine, data, "clerk"))
    assert errors["answers[0].level"] == "Must be between 1 and 5."
    assert errors["answers[1].level"] == "Must be between 1 and 5."
    assert errors["answers[0].importance"] == "Must be between 1 and 5."
    assert errors["answers[1].competitor"].startswith("Invalid value “much”")
    assert errors["recommend"] == "Must be between 0 and 10."
    assert errors["keep_buying"].startswith("Invalid value “never”")
    assert errors["method"].startswith("Invalid value “fax”")
    assert (
        errors["answered_on"] == "The answer cannot be dated before the period starts (2025-01-01)."
    )
    assert errors["respondent"] == "Too long (at most 60 characters)."
    data.answered_on = date.today() + timedelta(days=1)
    assert errors_of(lambda: survey_service.save_response(engine, data, "c"))["answered_on"] == (
        "The date cannot be later than today."
    )
    assert survey_service.get_response(engine, camp.id, a) is None


def test_ten_scale_levels_go_to_ten(engine):
    t = template(engine, {"质量": 100}, scale="ten")
    a = customer(engine, "A")
    camp = campaign(engine, t.id, a)
    assert answer(engine, camp.id, a, [10]).index_pct == 100
    data = survey_service.get_response(engine, camp.id, a)
    data.answers[0].level = 11
    assert errors_of(lambda: survey_service.save_response(engine, data, "c")) == {
        "answers[0].level": "Must be between 1 and 10."
    }


def test_questions_the_template_does_not_ask_are_dropped(engine):
    t = template(engine, {"质量": 100}, ask_importance=False, ask_competitor=False, ask_loyalty=False)  # fmt: skip
    a = customer(engine, "A")
    camp = campaign(engine, t.id, a)
    data = survey_service.blank_response(engine, camp.id, a)
    data.answered_on = date(YEAR, 3, 1)
    data.answers[0].level, data.answers[0].importance, data.answers[0].competitor = 4, 5, "better"
    data.keep_buying, data.recommend = "yes", 9
    saved = survey_service.save_response(engine, data, "c")
    assert (saved.answers[0].importance, saved.answers[0].competitor) == (None, "")
    assert (saved.keep_buying, saved.recommend) == ("", None)


def test_an_answer_from_a_customer_not_asked_adds_it_with_its_tier(engine):
    t = template(engine, {"质量": 100})
    a = customer(engine, "A")
    extra = customer(engine, "X", volumes={YEAR - 1: 75}, contact="赵主任", phone="13700000000")
    camp = campaign(engine, t.id, a)
    saved = answer(engine, camp.id, extra, [4], answered_on=date(YEAR, 9, 1))  # late, too
    assert saved.late
    camp = survey_service.get_campaign(engine, camp.id)
    added = next(i for i in camp.invitees if i.customer_id == extra)
    assert (added.tier, added.contact_name, added.answered) == ("most", "赵主任", True)
    assert [r.customer_code for r in survey_service.response_rows(engine, camp.id)] == ["A", "X"]
    assert ("update", "invitees[X].tier", None, "most") in trail(
        engine, "survey_campaign", camp.uuid
    )


def test_response_rows_list_every_invitee_answered_or_not(engine):
    t = template(engine, {"质量": 100})
    a, b = customer(engine, "A", volumes={YEAR - 1: 120}), customer(engine, "B")
    camp = campaign(engine, t.id, b, a)
    answer(engine, camp.id, b, [3], method="visit", surveyor="周")
    rows = survey_service.response_rows(engine, camp.id)
    assert [(r.customer_code, r.tier, r.answered_on, r.method, r.index_pct) for r in rows] == [
        ("A", "all", None, "", None),
        ("B", "many", date(YEAR, 3, 10), "visit", 60.0),
    ]
    assert rows[1].surveyor == "周"


def test_delete_response_needs_a_reason_and_keeps_the_invitee(engine):
    t = template(engine, {"质量": 100})
    a = customer(engine, "A")
    camp = campaign(engine, t.id, a)
    saved = answer(engine, camp.id, a, [4])
    assert errors_of(
        lambda: survey_service.delete_response(engine, camp.id, a, reason="", user="q")
    ) == {"reason": "Required."}
    survey_service.delete_response(engine, camp.id, a, reason="录错顾客", user="q")
    assert survey_service.get_response(engine, camp.id, a) is None
    assert survey_service.response_rows(engine, camp.id)[0].answered_on is None
    with Session(engine) as session:
        assert session.exec(select(SurveyAnswer)).all() == []
        assert len(session.exec(select(SurveyInvitee)).all()) == 1
    rows = trail(engine, "survey_response", saved.uuid)
    assert ("delete", "delete_reason", None, "录错顾客") in rows
    assert ("delete", "answers[质量].level", "4", None) in rows
    assert errors_of(
        lambda: survey_service.delete_response(engine, camp.id, a, reason="再删", user="q")
    ) == {"customer_id": "This customer has not answered."}


def test_answers_of_a_closed_campaign_cannot_be_deleted(engine):
    t = template(engine, {"质量": 100})
    a = customer(engine, "A")
    camp = campaign(engine, t.id, a)
    answer(engine, camp.id, a, [4])
    survey_service.close_campaign(engine, camp.id, "lead")
    with pytest.raises(RecordLocked):
        survey_service.delete_response(engine, camp.id, a, reason="x", user="q")
    assert survey_service.get_response(engine, camp.id, a) is not None


# ---------------------------------------------------------------- improvement actions


def test_open_action_for_an_item_links_campaign_and_item(engine):
    t = template(engine, {"质量": 50, "交期": 50})
    a = customer(engine, "A")
    camp = campaign(engine, t.id, a)
    answer(engine, camp.id, a, [5, 2])
    key = t.items[1].key
    due = date.today() + timedelta(days=30)
    saved = survey_service.open_action(
        engine, camp.id, item_key=key, description="交期改善", due=due, user="q",
        department="生产部", owner="张",
    )  # fmt: skip
    action = saved.actions[0]
    assert (action.description, action.department, action.due) == ("交期改善", "生产部", due)
    assert saved.action_items == {action.id: key}
    with Session(engine) as session:
        row = session.get(CorrectiveAction, action.id)
        assert (row.campaign_id, row.survey_item_key) == (camp.id, key)
    results = campaign_results(engine, camp.id)
    assert [i.has_action for i in results.items] == [False, True]
    assert ("update", "actions[1].item", None, "交期") in trail(
        engine, "survey_campaign", camp.uuid
    )


def test_open_action_validation(engine):
    t = template(engine, {"质量": 100})
    camp = campaign(engine, t.id)
    errors = errors_of(
        lambda: survey_service.open_action(
            engine, camp.id, item_key="nope", description="", due=None, user="q"
        )
    )
    assert errors == {
        "item_key": "This item is not part of the survey's template.",
        "description": "Required.",
        "due": "Required.",
    }


def test_verify_and_reschedule_go_through_the_action_rules(engine):
    t = template(engine, {"质量": 100})
    camp = campaign(engine, t.id)
    due = date.today() + timedelta(days=10)
    saved = survey_service.open_action(
        engine, camp.id, item_key=t.items[0].key, description="改善", due=due, user="q"
    )
    action_id = saved.actions[0].id
    # not done yet: cannot be verified
    assert "verified_on" in errors_of(
        lambda: survey_service.verify_action(
            engine, action_id, effective=True, verified_by="李", verified_on=date.today(), user="q"
        )
    )
    later = due + timedelta(days=20)
    moved = survey_service.reschedule_action(
        engine, action_id, new_due=later, reason="等模具", user="q"
    )
    assert moved.actions[0].due == later and moved.actions[0].first_due == due
    saved = survey_service.get_campaign(engine, camp.id)
    saved.actions[0].done_on = date.today()
    survey_service.update_campaign(engine, saved, "q")
    verified = survey_service.verify_action(
        engine, action_id, effective=True, verified_by="李", verified_on=date.today(), user="q"
    )
    assert verified.actions[0].verification == "effective"
    assert verified.action_items == {action_id: t.items[0].key}  # the form's save kept the link
    rows = trail(engine, "survey_campaign", camp.uuid)
    assert ("update", "actions[1].reschedule_reason", None, "等模具") in rows
    assert ("update", "actions[1].verification", None, "effective") in rows
    survey_service.close_campaign(engine, camp.id, "lead")
    with pytest.raises(RecordLocked):
        survey_service.reschedule_action(
            engine, action_id, new_due=later + timedelta(days=1), reason="x", user="q"
        )


# ---------------------------------------------------------------- odds and ends


def test_the_default_template_made_on_demand_is_in_the_trail_once(engine):
    first = survey_service.new_campaign(engine, YEAR, "h1", user="lead")
    survey_service.new_campaign(engine, YEAR, "h2")
    templates = survey_service.list_templates(engine)
    assert [t.id for t in templates] == [first.template_id]
    rows = trail(engine, "survey_template", templates[0].uuid)
    assert ("create", "name", None, "顾客满意度调查表") in rows
    with Session(engine) as session:
        users = set(session.exec(select(AuditEntry.user).where(AuditEntry.entity == "survey_template")).all())  # fmt: skip
    assert users == {"lead"}


def test_template_choices_list_active_versions_by_name(engine):
    b = template(engine, {"质量": 100}, name="B 简表")
    a = template(engine, {"质量": 100}, name="A 全表")
    assert survey_service.template_choices(engine) == [(a.id, "A 全表 v1"), (b.id, "B 简表 v1")]


def test_an_answer_to_an_item_of_another_template_is_refused(engine):
    t, other = template(engine, {"质量": 100}), template(engine, {"交期": 100}, name="别的")
    a = customer(engine, "A")
    camp = campaign(engine, t.id, a)
    data = survey_service.blank_response(engine, camp.id, a)
    data.answered_on = date(YEAR, 3, 1)
    data.answers.append(survey_service.blank_response(engine, camp.id, a).answers[0])
    data.answers[0].item_id = other.items[0].id
    errors = errors_of(lambda: survey_service.save_response(engine, data, "c"))
    assert errors == {"answers[0].item_id": "This item is not part of the survey's template."}


def test_saving_the_same_settings_again_adds_no_trail(engine):
    survey_service.save_settings(engine, SurveySettings(2025, [95, 97, 98], 80), "lead")
    count = len(trail(engine, "setting", "survey"))
    survey_service.save_settings(engine, SurveySettings(2025, [95, 97, 98], 80), "lead")
    assert len(trail(engine, "setting", "survey")) == count == 1


def test_unchanged_campaign_save_adds_no_trail(engine):
    t = template(engine)
    camp = campaign(engine, t.id, customer(engine, "A"))
    count = len(trail(engine, "survey_campaign", camp.uuid))
    survey_service.update_campaign(engine, survey_service.get_campaign(engine, camp.id), "lead")
    assert len(trail(engine, "survey_campaign", camp.uuid)) == count
