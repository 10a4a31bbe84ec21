"""Returns, surveys and field work of the large demo (demo_scale), as the services store them.

Returns 退货 over the years (most inspected, disposed and archived, the last days' still open,
some bulk 统退货, some linked to a complaint of the same customer); half-yearly satisfaction
campaigns whose biggest customers answer; field service reports and the key customers' visits
every few months. Each record is the service's data class, normalised and validated by the
service; the list columns come from the service's own functions.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from app.models import (
    ActionEvent,
    CorrectiveAction,
    ReturnLine,
    ReturnReceipt,
    ServicePart,
    ServiceReport,
    SurveyAnswer,
    SurveyCampaign,
    SurveyInvitee,
    SurveyItem,
    SurveyResponse,
    SurveyTemplate,
    VisitReport,
)
from app.services import demo_scale_text as words
from app.services import (
    field_service,
    numbering,
    return_service,
    survey_campaigns,
    survey_responses,
    survey_settings,
    survey_templates,
    visit_service,
)
from app.services.complaint_data import ActionData
from app.services.demo_scale import Context, DemoCustomer, attach
from app.services.field_data import (
    LinkedComplaintRef,
    PartData,
    ServiceReportData,
    VisitReportData,
)
from app.services.return_data import LinkedComplaint, ReturnData, ReturnLineData
from app.services.survey_coverage import TIER_ORDER, tier_for
from app.services.survey_data import (
    PERIOD_LABELS,
    AnswerData,
    CampaignData,
    InviteeData,
    ResponseData,
)

BATCH = 2_000
DAY = timedelta(days=1)


def _days_over_the_years(ctx: Context, rng: random.Random, count: int, growth: float = 0.06) -> list[date]:  # fmt: skip
    """count working days between the first day and today, a few more each year, sorted."""
    span = (ctx.today - ctx.first_day).days + 1
    days: list[date] = []
    while len(days) < count:
        offset = rng.randrange(span)
        if rng.random() > (1 + growth) ** (offset / 365) / (1 + growth) ** (span / 365):
            continue  # thinning: later years are denser
        day = ctx.first_day + timedelta(days=offset)
        if day.weekday() == 6 or day.weekday() == 5 and rng.random() < 0.6:
            continue
        days.append(day)
    days.sort()
    return days


def _verified_event(ctx: Context, rng: random.Random, day: date, verifier: str) -> dict:
    return {
        "at": min(ctx.local(day, rng.uniform(9, 17)), ctx.now),
        "user": ctx.clerk(day),
        "kind": "verified",
        "result": "effective",
        "verified_by": verifier,
        "verified_on": day,
    }


def _write_actions(
    ctx: Context,
    owner_column: str,
    owner_id: int,
    actions: list[ActionData],
    created: datetime,
    extra: dict | None = None,
) -> None:
    """CorrectiveAction rows as action_service.write stores them, with their verifications."""
    for position, a in enumerate(actions):
        changed = [created, *(ctx.local(d, 17) for d in (a.done_on, a.verified_on) if d)]
        row = ctx.writer.record(CorrectiveAction, {
            "uuid": None, owner_column: owner_id, "position": position, "kind": a.kind,
            "description": a.description, "department": a.department, "owner": a.owner,
            "due": a.due, "done_on": a.done_on, "verification": a.verification,
            "verified_by": a.verified_by, "verified_on": a.verified_on, **(extra or {}),
        }, created, max(changed))  # fmt: skip
        if a.verified_on is not None:
            rng = ctx.rng("verify", owner_column, owner_id, position)
            ctx.writer.add(ActionEvent, {"action_id": row["id"], **_verified_event(ctx, rng, a.verified_on, a.verified_by)})  # fmt: skip


def _action(
    ctx: Context, rng: random.Random, description: str, department: str, start: date, due_days: int
) -> ActionData:
    """An action opened on `start`: done and verified when that lies in the past."""
    due = start + timedelta(days=due_days)
    action = ActionData("corrective", description, department, ctx.engineer(rng), due)
    done = due - timedelta(days=rng.randint(0, max(0, due_days - 1)))
    if done <= ctx.today and rng.random() < 0.95:
        action.done_on = done
        verified = done + timedelta(days=rng.randint(1, 10))
        if verified <= ctx.today:
            action.verification, action.verified_on = "effective", verified
            action.verified_by = "品保 " + ctx.inspector(rng)
    return action


# ---------------------------------------------------------------- returns


def _line_counts(ctx: Context, total: int) -> list[tuple[bool, int]]:
    """(bulk, number of lines) of each return until the lines add up to total."""
    result: list[tuple[bool, int]] = []
    left = total
    while left > 0:
        rng = ctx.rng("th-size", len(result))
        bulk = rng.random() < 0.08
        lines = rng.randint(4, 12) if bulk else rng.choices((1, 2, 3, 4, 5, 6), (45, 25, 15, 7, 5, 3))[0]  # fmt: skip
        lines = min(lines, left)
        result.append((bulk, lines))
        left -= lines
    return result


def _return_state(rng: random.Random, age: int) -> str:
    if rng.random() < 0.02:
        return "cancelled"
    if age <= 2:
        return rng.choices(("received", "inspected"), (60, 40))[0]
    if age <= 10:
        return rng.choices(("inspected", "disposed"), (40, 60))[0]
    if age <= 60:
        return rng.choices(("disposed", "archived"), (60, 40))[0]
    return rng.choices(("disposed", "archived"), (12, 88))[0]


def _return_customer(ctx: Context, rng: random.Random, day: date, bulk: bool) -> int:
    """A bulk periodic return 统退货 comes from a trader; any customer sends single ones."""
    choice = ctx.pick_customer(rng, day)
    for _ in range(12):
        if not bulk or ctx.customers[choice].data.type in ("aftermarket", "distributor"):
            break
        choice = ctx.pick_customer(rng, day)
    return choice


def _inspect(ctx: Context, rng: random.Random, line: ReturnLineData, received: date, bulk: bool) -> None:  # fmt: skip
    quantity = int(line.quantity or 0)
    share = rng.uniform(0, 0.35) if bulk else rng.uniform(0.3, 1)
    defective = min(quantity, max(0 if bulk else 1, round(quantity * share)))
    line.inspector = "品保 " + ctx.inspector(rng)
    line.inspected_on = min(received + timedelta(days=rng.randint(0, 3)), ctx.today)
    line.qty_inspected, line.qty_good, line.qty_defective = (
        float(quantity), float(quantity - defective), float(defective),
    )  # fmt: skip
    if not defective:
        return
    family = words.PRODUCTS.get(line.material_no, ("", "starter"))[1]
    part, _suffix, failures = rng.choice(words.PARTS[family])
    line.defect_category, found = rng.choice(failures)
    line.defect_found = f"{part}:{found}"
    line.responsibility = "ours" if rng.random() < (0.5 if bulk else 0.68) else "not_ours"
    if line.responsibility == "not_ours":
        line.explanation = rng.choice(words.NOT_OURS_EXPLANATIONS)


def _dispose(ctx: Context, rng: random.Random, line: ReturnLineData, number: str, position: int) -> None:  # fmt: skip
    defective = line.qty_defective or 0
    if not defective:  # every piece good: nothing to dispose of
        return
    line.disposed_by = "生管 " + ctx.inspector(rng)
    line.disposed_on = min((line.inspected_on or ctx.today) + timedelta(days=rng.randint(0, 3)), ctx.today)  # fmt: skip
    if line.responsibility == "not_ours":
        if rng.random() < 0.2:
            line.qty_accept, line.concession_by = defective, "营业部 " + ctx.engineer(rng)
        else:
            line.qty_return = defective
        return
    if rng.random() < 0.12:  # a replacement; now and then not in stock → urgent production
        line.qty_replace, line.warranty = defective, "replace"
        line.stock_short = rng.random() < 0.25
        return
    rework = round(defective * rng.choice((0, 0.5, 1, 1)))
    line.qty_rework, line.qty_scrap = float(rework), float(defective - rework)
    if rework:
        line.rework_instruction = rng.choice(("rework", "full_inspection"))
        line.rework_order_no = f"{number}-{position + 1}"  # as return_service._write_lines names it
        line.rework_notes = rng.choice(words.REWORK_NOTES)
        line.warranty = "repair"
    if line.qty_scrap:
        line.scrap_report_no = f"BHG-{line.disposed_on:%y}{rng.randint(1, 999):03d}"


def _linked_complaint(
    ctx: Context, customer: int, day: date, within: int = 90
) -> tuple[int, str] | None:
    """(id, number) of the customer's latest ticket received on or before `day` (not
    cancelled), if recent."""
    tickets = ctx.complaints_of.get(customer, [])
    at = bisect_right(tickets, day, key=lambda t: t[1])
    if at and (day - tickets[at - 1][1]).days <= within:
        return tickets[at - 1][0], tickets[at - 1][2]
    return None


def build_returns(ctx: Context) -> None:
    writer = ctx.writer
    sizes = _line_counts(ctx, ctx.plan.return_lines)
    days = _days_over_the_years(ctx, ctx.rng("th-days"), len(sizes))
    seqs: dict[int, int] = {}
    lines_done = attachments = 0
    for i, ((bulk, count), day) in enumerate(zip(sizes, days, strict=True)):
        rng = ctx.rng("th", i)
        customer_index = _return_customer(ctx, rng, day, bulk)
        customer = ctx.customers[customer_index]
        state = _return_state(rng, (ctx.today - day).days)
        models = customer.models if not bulk else list(words.PRODUCTS)
        data = ReturnData(
            customer_id=customer.id,
            received_on=day,
            warehouse_receipt_no=f"RK{day:%y%m%d}-{rng.randint(1, 60):02d}",
            received_by="仓管 " + ctx.inspector(rng),
            bulk=bulk,
            notes=rng.choice(("", "", "", "随货附顾客索赔单", "外箱破损")),
            lines=[],
        )
        seqs[day.year] = seq = seqs.get(day.year, 0) + 1
        number = numbering.format_number(return_service.PREFIX, day.year, seq)
        for position in range(count):
            model = rng.choice(models)
            produced = day - timedelta(days=rng.randint(20, 400))
            line = ReturnLineData(
                material_no=model,
                material_name=words.PRODUCTS[model][0],
                batch_no=f"B{produced:%y%m%d}-{rng.randint(1, 12):02d}",
                quantity=float(
                    rng.randint(5, 60) if bulk else rng.choice((1, 1, 2, 3, 5, 10, 20, 50))
                ),  # fmt: skip
                customer_reason=words.BULK_REASON if bulk else rng.choice(words.RETURN_REASONS),
            )
            if state not in ("received", "cancelled"):
                _inspect(ctx, rng, line, day, bulk)
            if state in ("disposed", "archived"):
                _dispose(ctx, rng, line, number, position)
            data.lines.append(line)
        data.number = number
        ours = any(line.responsibility == "ours" for line in data.lines)
        if not bulk and ours and state in ("disposed", "archived") and rng.random() < 0.35:
            linked = _linked_complaint(ctx, customer_index, day)
            if linked:  # the trail names the ticket by its number, as the service's does
                data.complaint_id = linked[0]
                data.complaint = LinkedComplaint(*linked, status="")
        if state == "archived" and ours:
            found = next(line.defect_found for line in data.lines if line.responsibility == "ours")
            data.analysis_result = rng.choice(words.ANALYSIS).format(found=found)
            data.analysis_by = "制造部 " + ctx.engineer(rng)
            data.analysis_on = min(day + timedelta(days=rng.randint(2, 10)), ctx.today)
        if ours and data.complaint_id is None and not bulk and rng.random() < 0.03:
            data.actions = [
                _action(
                    ctx,
                    rng,
                    return_service.suggested_action(data),
                    "质量保障部",
                    day,
                    rng.randint(14, 30),
                )  # fmt: skip
            ]
        data = return_service.normalize(data)
        return_service.validate(data, ctx.today)
        summary = SimpleNamespace(status="open")
        return_service._refresh_summary(summary, data)  # type: ignore[arg-type]  # the service's rule
        archived_on = archived_by = None
        if state == "archived" and summary.status == "disposed":
            archived_on = min(max(data.analysis_on or day, max(line.disposed_on or day for line in data.lines)) + timedelta(days=rng.randint(1, 15)), ctx.today)  # fmt: skip
            archived_by = ctx.clerk(archived_on)
            summary.status, summary.urgent_production = "archived", False
        cancel_reason = ""
        if state == "cancelled":
            cancel_reason = rng.choice(("入库单录重,见上一单", "顾客取消退货", "非本公司产品"))
            summary.status, summary.urgent_production = "cancelled", False
        created = min(ctx.local(day, rng.uniform(8.5, 17)), ctx.now)
        last = max([d for line in data.lines for d in (line.inspected_on, line.disposed_on) if d] + [archived_on or day])  # fmt: skip
        values = {name: getattr(data, name) for name in return_service.RECEIPT_FIELDS}
        row = writer.record(ReturnReceipt, {
            **values, "uuid": None, "number": number, "prefix": return_service.PREFIX,
            "year": day.year, "seq": seq, "archived_on": archived_on, "archived_by": archived_by or "",
            "cancel_reason": cancel_reason, "status": summary.status,
            "responsibility": summary.responsibility, "urgent_production": summary.urgent_production,
            "line_count": summary.line_count, "qty_returned": summary.qty_returned,
            "qty_defective": summary.qty_defective, "items": summary.items,
        }, created, ctx.local(last, 17))  # fmt: skip
        user = ctx.clerk(day)
        for position, line in enumerate(data.lines):
            line_row = writer.record(ReturnLine, {
                "uuid": None, "return_id": row["id"], "position": position,
                **{name: getattr(line, name) for name in return_service.LINE_FIELDS},
            }, created, ctx.local(line.disposed_on or line.inspected_on or day, 17))  # fmt: skip
            if position == 0 and line.inspected_on and rng.random() < 0.12:
                attachments += attach(
                    ctx, rng, return_service.LINE_ENTITY, line_row["uuid"], number,
                    f"{number} {line.material_no}.png", ctx.local(line.inspected_on, 15), user,
                )  # fmt: skip
        _write_actions(ctx, "return_id", row["id"], data.actions, created)
        writer.created(return_service.ENTITY, row["uuid"], number, created, user, return_service.creation_changes(number, data))  # fmt: skip
        lines_done += count
        if (i + 1) % BATCH == 0:
            writer.flush()
            ctx.report("return lines", lines_done, ctx.plan.return_lines)
    writer.flush()
    ctx.report("return lines", lines_done, ctx.plan.return_lines)
    writer.counts.update(
        returns=len(sizes), return_lines=lines_done, return_attachments=attachments
    )


# ---------------------------------------------------------------- surveys

ITEMS = 7  # the default questionnaire's items


def _halves(today: date, count: int) -> list[tuple[int, str]]:
    """The last `count` half-years up to and including today's, oldest first."""
    year, half = today.year, "h1" if today.month <= 6 else "h2"
    periods = []
    for _ in range(count):
        periods.append((year, half))
        year, half = (year, "h1") if half == "h2" else (year - 1, "h2")
    return periods[::-1]


def _template(ctx: Context, at: datetime):  # noqa: ANN202  (a TemplateData with ids)
    """The department's questionnaire, version 1, as survey_templates.insert_template stores it."""
    template = survey_templates.normalize_template(survey_templates.default_template())
    survey_templates.validate_template(template)
    writer = ctx.writer
    lineage = writer.uuid()
    row = writer.record(SurveyTemplate, {
        "uuid": lineage, "lineage": lineage, "version": 1, "name": template.name,
        "scale": template.scale, "five_scores": survey_templates.scores_text(template.five_scores),
        "ask_importance": template.ask_importance, "ask_competitor": template.ask_competitor,
        "ask_loyalty": template.ask_loyalty, "notes": template.notes,
    }, at, at)  # fmt: skip
    for position, item in enumerate(template.items):
        item.key = writer.uuid()
        item_row = writer.record(SurveyItem, {
            "uuid": None, "template_id": row["id"], "position": position, "key": item.key,
            "name": item.name, "weight": float(item.weight or 0),
        }, at, at)  # fmt: skip
        item.id = item_row["id"]
    template.id, template.uuid, template.lineage = row["id"], row["uuid"], row["uuid"]
    template.frozen = True
    writer.created(survey_templates.ENTITY, row["uuid"], f"{template.name} v1", at, ctx.clerk(at.date()))  # fmt: skip
    return template


def _ranked_customers(ctx: Context, volume_year: int, on: date) -> list[tuple[DemoCustomer, str]]:
    """Every customer with its coverage tier, in the order survey_coverage.proposals lists them."""
    ranked = []
    for c in ctx.customers:
        volume = next((v.amount_wan for v in c.data.volumes if v.year == volume_year), None)
        tier = tier_for(volume, c.data.cooperation_since, c.data.potential, c.data.status, on)
        ranked.append((TIER_ORDER.index(tier), -(volume or 0), c.code, c, tier))
    ranked.sort(key=lambda r: r[:3])
    return [(c, tier) for *_, c, tier in ranked]


def build_surveys(ctx: Context) -> None:
    target = ctx.plan.survey_answers
    counts = {"survey_campaigns": 0, "survey_responses": 0, "survey_answers": 0}
    if not target:
        ctx.writer.counts.update(counts)
        return
    responses_needed = math.ceil(target / ITEMS)
    campaigns = min(
        2 * ctx.plan.years,
        max(
            1 if responses_needed < 20 else 2,  # a past campaign and the current one
            math.ceil(responses_needed / 350),
            math.ceil(responses_needed / (0.8 * len(ctx.customers))),
        ),
    )
    periods = _halves(ctx.today, campaigns)
    settings = survey_settings.load_settings(ctx.engine)
    first_start = survey_campaigns.period_dates(*periods[0])[0]
    template = _template(ctx, ctx.local(first_start - timedelta(days=20), 10))
    weights = {item.id: float(item.weight or 0) for item in template.items}
    shares = []
    for year, period in periods:
        start, end = survey_campaigns.period_dates(year, period)
        shares.append(
            1.0 if end + timedelta(days=survey_campaigns.ANSWER_DAYS) < ctx.today else 0.5
        )
    quotas = [math.floor(target * s / sum(shares)) for s in shares]
    quotas[0] += target - sum(quotas)
    carried = 0
    seqs: dict[int, int] = {}
    for (year, period), quota in zip(periods, quotas, strict=True):
        quota += carried
        start, end = survey_campaigns.period_dates(year, period)
        answer_by = end + timedelta(days=survey_campaigns.ANSWER_DAYS)
        current = ctx.today <= answer_by
        rng = ctx.rng("my", year, period)
        share = rng.uniform(0.45, 0.6) if current else rng.uniform(0.86, 0.95)
        ranked = [
            (c, tier) for c, tier in _ranked_customers(ctx, year - 1, start) if tier != "lost"
        ]
        invited = ranked[: min(survey_campaigns.MAX_INVITEES, math.ceil(quota / ITEMS / share) + 1)]
        seqs[year] = seq = seqs.get(year, 0) + 1
        data = CampaignData(
            name=f"{year} {PERIOD_LABELS[period][0]}", year=year, period=period,
            period_start=start, period_end=end, answer_by=answer_by, template_id=template.id,
            target_pct=survey_settings.target_for(settings, year, first_year=periods[0][0]),
            threshold_pct=settings.threshold_pct, volume_year=year - 1,
            invitees=[
                InviteeData(c.id, tier, *(_first_contact(c)), c.code, c.name) for c, tier in invited
            ],
        )  # fmt: skip
        data = survey_campaigns.normalize_campaign(data)
        survey_campaigns.validate_campaign(data, ctx.today)
        opened = ctx.local(start - timedelta(days=rng.randint(5, 15)), 10)
        number = survey_campaigns.format_number(year, seq)
        closed_on = (
            None if current else min(answer_by + timedelta(days=rng.randint(5, 20)), ctx.today)
        )
        writer = ctx.writer
        row = writer.record(SurveyCampaign, {
            "uuid": None, "number": number, "prefix": survey_campaigns.PREFIX, "seq": seq,
            **{name: getattr(data, name) for name in survey_campaigns.FIELDS},
            "status": "open" if current else "closed", "closed_on": closed_on,
            "closed_by": "" if closed_on is None else ctx.clerk(closed_on),
        }, opened, ctx.local(closed_on, 16) if closed_on else opened)  # fmt: skip
        user = ctx.clerk(start)
        writer.created(survey_campaigns.ENTITY, row["uuid"], number, opened, user, [("number", None, number)])  # fmt: skip
        for invitee in data.invitees:
            writer.record(SurveyInvitee, {
                "uuid": None, "campaign_id": row["id"], "customer_id": invitee.customer_id,
                "tier": invitee.tier, "contact_name": invitee.contact_name,
                "contact_phone": invitee.contact_phone,
            }, opened, opened)  # fmt: skip
        answered, levels_of_items = _responses(
            ctx, rng, row, data, template, weights, quota, number
        )
        counts["survey_campaigns"] += 1
        counts["survey_responses"] += answered[0]
        counts["survey_answers"] += answered[1]
        carried = quota - answered[1]
        if closed_on is not None and levels_of_items:
            _improvement(ctx, rng, row["id"], template, levels_of_items, end, opened)
        writer.flush()
        ctx.report("survey answers", counts["survey_answers"], target)
    ctx.writer.counts.update(counts)


def _first_contact(c: DemoCustomer) -> tuple[str, str]:
    contact = c.data.contacts[0] if c.data.contacts else None
    return (contact.name, contact.phone) if contact else ("", "")


def _responses(
    ctx: Context,
    rng: random.Random,
    campaign: dict,
    data: CampaignData,
    template,  # noqa: ANN001
    weights: dict[int, float],
    quota: int,
    number: str,
) -> tuple[tuple[int, int], dict[int, list[int]]]:
    """Answers from the invitees until the quota of answers is met; (responses, answers)."""
    order = list(data.invitees)
    rng.shuffle(order)
    end = min(data.answer_by, ctx.today)  # type: ignore[type-var]
    first = max(data.period_start, end - timedelta(days=45))  # type: ignore[type-var]
    levels_of_items: dict[int, list[int]] = {}
    responses = answers = 0
    for invitee in order:
        if answers >= quota:
            break
        mood = rng.gauss(0.8, 0.6)
        late = data.answer_by < ctx.today and rng.random() < 0.08  # type: ignore[operator]
        low, high = (data.answer_by + DAY, min(data.answer_by + timedelta(days=20), ctx.today)) if late else (first, end)  # type: ignore[operator]  # fmt: skip
        response = ResponseData(
            campaign_id=campaign["id"],
            customer_id=invitee.customer_id,
            answered_on=low + timedelta(days=rng.randint(0, max(0, (high - low).days))),
            respondent=invitee.contact_name or words.people(rng, 1)[0],
            respondent_title=rng.choice(words.SURVEY_TITLES),
            method=rng.choice(("phone", "phone", "phone", "email", "visit", "paper")),
            surveyor=rng.choice(ctx.staff[32:38]),
            comments=rng.choice(words.SURVEY_COMMENTS),
        )
        asked = min(ITEMS - (1 if rng.random() < 0.07 else 0), quota - answers)
        for i, item in enumerate(template.items):
            answer = AnswerData(item.id)
            if i < asked:
                drift = -0.7 if i in (1, 2) else 0.0  # delivery and price: the usual complaints
                answer.level = max(1, min(5, round(4 + mood + drift + rng.gauss(0, 0.7))))
                answer.competitor = rng.choices(("better", "same", "worse", ""), (3, 5, 1, 1))[0]
            response.answers.append(answer)
        response.keep_buying = "yes" if mood > -0.3 else rng.choice(("maybe", "no"))
        response.recommend = max(0, min(10, round(8 + 1.5 * mood + rng.gauss(0, 1))))
        response = survey_responses.normalize_response(response, template)
        survey_responses.validate_response(response, template, ctx.today, period_start=data.period_start)  # fmt: skip
        survey_responses._marks(response, template, data.answer_by)  # the service's own rule
        at = min(ctx.local(response.answered_on, rng.uniform(9, 17)), ctx.now)  # type: ignore[arg-type]
        row = ctx.writer.record(SurveyResponse, {
            "uuid": None, "campaign_id": campaign["id"], "customer_id": invitee.customer_id,
            **{name: getattr(response, name) for name in survey_responses.FIELDS},
            "late": response.late, "partial": response.partial, "index_pct": response.index_pct,
        }, at, at)  # fmt: skip
        for answer in response.answers:
            if answer.level is None and answer.importance is None and not answer.competitor:
                continue
            ctx.writer.record(SurveyAnswer, {
                "uuid": None, "response_id": row["id"], "item_id": answer.item_id,
                "level": answer.level, "importance": answer.importance,
                "competitor": answer.competitor,
            }, at, at)  # fmt: skip
            answers += 1
            if answer.level is not None:
                levels_of_items.setdefault(answer.item_id, []).append(answer.level)
        code = ctx.customers_by_id[invitee.customer_id].code
        ctx.writer.created(survey_responses.ENTITY, row["uuid"], f"{number} {code}", at, response.surveyor)  # fmt: skip
        responses += 1
    return (responses, answers), levels_of_items


def _improvement(
    ctx: Context,
    rng: random.Random,
    campaign_id: int,
    template,  # noqa: ANN001
    levels_of_items: dict[int, list[int]],
    end: date,
    opened: datetime,
) -> None:
    """An improvement action for the campaign's weakest item (survey_campaigns.open_action)."""
    averages = {item_id: sum(v) / len(v) for item_id, v in levels_of_items.items()}
    weakest = min(template.items, key=lambda item: averages.get(item.id, 5))
    pct = (averages.get(weakest.id, 5) - 1) / 4 * 100
    action = _action(
        ctx, rng, f"{weakest.name}满意度 {pct:.0f} %:分析原因并制定改进计划",
        rng.choice(words.SURVEY_DEPARTMENTS), end, 60,
    )  # fmt: skip
    _write_actions(ctx, "campaign_id", campaign_id, [action], max(opened, ctx.local(min(end + timedelta(days=35), ctx.today), 10)), {"survey_item_key": weakest.key})  # fmt: skip


# ---------------------------------------------------------------- field service and visits


def build_field(ctx: Context) -> None:
    _service_reports(ctx)
    _visits(ctx)


def _service_reports(ctx: Context) -> None:
    writer = ctx.writer
    total = ctx.plan.service_reports
    days = _days_over_the_years(ctx, ctx.rng("fw-days"), total)
    seqs: dict[int, int] = {}
    attachments = 0
    for i, day in enumerate(days):
        rng = ctx.rng("fw", i)
        customer_index = ctx.pick_customer(rng, day)
        customer = ctx.customers[customer_index]
        model = rng.choice(customer.models)
        family = words.PRODUCTS[model][1]
        part, suffix, failures = rng.choice(words.PARTS[family])
        arrived = ctx.local(day, rng.choice((8, 8.5, 9, 10, 13, 14)))
        if arrived > ctx.now:
            arrived = ctx.now - timedelta(hours=1)
        result = rng.choices(("solved", "temporary", "not_solved"), (8, 2, 1))[0]
        data = ServiceReportData(
            customer_id=customer.id,
            site_address=customer.data.address,
            requested_on=arrived.date() - timedelta(days=rng.randint(0, 3)),
            engineers="\n".join(rng.sample(ctx.staff[4:24], rng.choice((1, 1, 2)))),
            arrived_at=arrived,
            departed_at=min(
                arrived + timedelta(minutes=rng.choice((60, 90, 150, 240, 330, 420))), ctx.now
            ),  # fmt: skip
            product_model=model,
            serial_no=f"SN{day:%y%m}{rng.randint(1, 999):03d}",
            problem_found=f"{part}:{rng.choice(failures)[1]}",
            work_done={"temporary": words.WORK_TEMPORARY, "not_solved": words.WORK_NOT_SOLVED}.get(
                result
            )
            or rng.choice(words.WORK_DONE),  # fmt: skip
            result=result,
            customer_opinion=rng.choice(words.OPINIONS),
            customer_rating=rng.choice((3, 4, 4, 5, 5)),
            customer_signatory="设备科 " + words.people(rng, 1)[0],
            travel_cost=float(rng.choice((0, 120, 260, 480, 800))),
            labour_cost=float(rng.choice((0, 0, 300, 600))),
        )
        if data.departed_at is not None and data.departed_at <= arrived:
            data.departed_at = None
        parts = rng.sample(
            words.PARTS[family], min(len(words.PARTS[family]), rng.choice((0, 1, 1, 2, 3)))
        )
        data.parts = [
            PartData(f"{model}-{p[1]}", p[0], float(rng.choice((1, 1, 2, 4))), rng.random() < 0.4)
            for p in parts
        ]
        if rng.random() < 0.3:
            linked = _linked_complaint(ctx, customer_index, day, within=60)
            if linked:  # the trail names the ticket by its number, as the service's does
                data.complaint_id = linked[0]
                data.complaint = LinkedComplaintRef(*linked, status="")
        data = field_service.normalize(data)
        field_service.validate(data, ctx.today)
        year = field_service.local_day(arrived).year
        seqs[year] = seq = seqs.get(year, 0) + 1
        number = f"{ctx.service_prefix}-{year}-{seq:04d}"
        written = data.departed_at or arrived
        row = writer.record(ServiceReport, {
            "uuid": None, "number": number, "prefix": ctx.service_prefix, "year": year,
            "seq": seq, "origin": ctx.machine_id,
            **{name: getattr(data, name) for name in field_service.FIELDS},
        }, written, written)  # fmt: skip
        for position, p in enumerate(data.parts):
            writer.record(ServicePart, {
                "uuid": None, "report_id": row["id"], "position": position, "part_no": p.part_no,
                "name": p.name, "quantity": float(p.quantity or 0), "charged": bool(p.charged),
            }, written, written)  # fmt: skip
        user = data.engineers.split("\n")[0]
        writer.created(field_service.ENTITY, row["uuid"], number, written, user, field_service.creation_changes(number, data))  # fmt: skip
        if rng.random() < 0.15:
            attachments += attach(
                ctx, rng, field_service.ENTITY, row["uuid"], number, f"{number} 现场.png",
                written, user, "现场照片",
            )  # fmt: skip
        if (i + 1) % BATCH == 0:
            writer.flush()
            ctx.report("service reports", i + 1, total)
    writer.flush()
    ctx.report("service reports", total, total)
    writer.counts.update(service_reports=total, service_attachments=attachments)


def _visit_days(ctx: Context, total: int) -> list[tuple[date, int]]:
    """(day, customer index) of the key customers' visits, about every three months each."""
    ranked = sorted(
        (i for i, c in enumerate(ctx.customers) if c.data.status == "active" and not c.data.potential),
        key=lambda i: (-ctx.customers[i].weight, ctx.customers[i].code),
    ) or list(range(len(ctx.customers)))  # fmt: skip
    schedule: list[tuple[date, int]] = []
    taken = 0
    while len(schedule) < total and taken < len(ranked) * 20:
        index = ranked[taken % len(ranked)]
        rng = ctx.rng("zf-plan", taken)
        start = max(ctx.first_day, ctx.customers[index].since)
        day = start + timedelta(days=rng.randint(0, 90))
        while day <= ctx.today:
            schedule.append((day, index))
            day += timedelta(days=rng.randint(70, 110))
        taken += 1
    rng = ctx.rng("zf-trim")
    while len(schedule) > total:  # drop visits at random until the count is right
        schedule.pop(rng.randrange(len(schedule)))
    schedule.sort(key=lambda v: (v[0], ctx.customers[v[1]].code))
    return schedule


def _visits(ctx: Context) -> None:
    writer = ctx.writer
    total = ctx.plan.visits
    schedule = _visit_days(ctx, total) if total else []
    seqs: dict[int, int] = {}
    for i, (day, customer_index) in enumerate(schedule):
        rng = ctx.rng("zf", i)
        customer = ctx.customers[customer_index]
        a, b = words.surname(rng), words.surname(rng)
        data = VisitReportData(
            customer_id=customer.id,
            visited_on=day,
            visitors="\n".join(rng.sample(ctx.staff[32:40] + ctx.staff[4:8], rng.choice((1, 2)))),
            attendees=rng.choice(words.ATTENDEES).format(a=a, b=b),
            topics=rng.choice(words.VISIT_TOPICS),
            feedback=rng.choice(words.VISIT_FEEDBACK),
            requests=rng.choice(words.VISIT_REQUESTS),
            next_visit_on=visit_service.add_months(day, 3) if rng.random() < 0.7 else None,
            notes=rng.choice(("", "", "顾客对上季度交付表示满意")),
        )
        data.actions = [
            _action(
                ctx,
                rng,
                request,
                rng.choice(("质量保障部", "技术部", "营业部")),
                day,
                rng.choice((7, 14, 30)),
            )  # fmt: skip
            for request in rng.sample(words.VISIT_REQUESTS, rng.choice((0, 0, 1, 2)))
        ]
        data = visit_service.normalize(data)
        visit_service.validate(data, ctx.today)
        seqs[day.year] = seq = seqs.get(day.year, 0) + 1
        number = f"{ctx.visit_prefix}-{day.year}-{seq:04d}"
        written = min(ctx.local(day, rng.uniform(15, 19)), ctx.now)
        row = writer.record(VisitReport, {
            "uuid": None, "number": number, "prefix": ctx.visit_prefix, "year": day.year,
            "seq": seq, "origin": ctx.machine_id,
            **{name: getattr(data, name) for name in visit_service.FIELDS},
        }, written, written)  # fmt: skip
        _write_actions(ctx, "visit_id", row["id"], data.actions, written)
        user = data.visitors.split("\n")[0]
        writer.created(visit_service.ENTITY, row["uuid"], number, written, user, visit_service.creation_changes(number, data))  # fmt: skip
        if (i + 1) % BATCH == 0:
            writer.flush()
            ctx.report("visits", i + 1, total)
    writer.flush()
    ctx.report("visits", len(schedule), total)
    writer.counts["visits"] = len(schedule)
