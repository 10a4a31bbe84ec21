"""Complaint tickets of the large demo (demo_scale): ten years of them, as the services store them.

Each ticket lives a plausible life from its own random stream: received (more each year, on
working days), first reply, containment, root cause and actions, the answer and the return
visit, actions done and verified (now and then not effective the first time), closed; a few
are cancelled, a few stay stuck and overdue, some closed ones are reopened as -1 (and -2).
What happened by now is what the ticket shows: the last weeks' tickets are open at every 8D
step, older ones closed. Every ticket is a ComplaintData that complaint_service normalises and
validates; its list columns come from complaint_service.refresh_progress and a closed one
passes complaint_workflow.close_problems, as if the services had done the work.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from app.models import ActionEvent, Complaint, ComplaintSorting, ComplaintStep, CorrectiveAction
from app.services import complaint_service, complaint_settings, complaint_workflow, numbering
from app.services import demo_scale_text as words
from app.services.complaint_data import STEP_COUNT, ActionData, ComplaintData, SortingData
from app.services.demo_scale import Context, attach

BATCH = 2_000
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
GROWTH = 0.08  # a few more tickets every year
REOPEN_SHARE = (0.045, 0.10)  # of closed originals, of closed -1 tickets
_DEPARTMENT_OF_CAUSE = {
    "man": "生产部",
    "machine": "生产部",
    "material": "采购部",
    "method": "技术部",
    "environment": "物流部",
    "measurement": "质量保障部",
}


@dataclass(slots=True)
class _Action:
    kind: str
    due: date  # as first agreed
    done: date
    verify1: date
    effective1: bool
    new_due: date | None = None
    redone: date | None = None
    verify2: date | None = None

    @property
    def verified(self) -> date:
        return self.verify2 or self.verify1


@dataclass(slots=True)
class _Timeline:
    """When each thing happens to a ticket; what happened by `limit` is what it shows."""

    received: datetime
    urgent: bool
    major: bool
    responsibility: str
    customer_deadline: date | None
    first_reply: datetime
    containment: datetime
    d4: datetime
    answer: datetime
    visit: datetime
    actions: list[_Action]
    waived: bool
    closed_at: datetime
    cancelled: bool
    limit: datetime  # now, or the moment work stopped (cancelled, stuck)
    reopen_at: datetime | None

    def by_limit(self, moment: datetime) -> bool:
        return moment <= self.limit

    def day_by_limit(self, day: date) -> bool:
        return day <= self.limit.date()

    @property
    def closed(self) -> bool:
        return not self.cancelled and self.closed_at <= self.limit


@dataclass(slots=True)
class _Ticket:
    key: str  # names the ticket's random streams
    received: datetime
    root: int  # index of the original ticket in the originals list
    reopen_index: int
    customer: int = -1
    problem: str = ""  # key of the ticket whose problem this one is about
    id: int = 0
    number: str = ""
    year: int = 0
    seq: int = 0
    origin_id: int | None = None
    root_id: int | None = None


# ---------------------------------------------------------------- when things happen


def _working(ctx: Context, moment: datetime) -> datetime:
    """The same moment, or the next working hour when it falls at night or on a Sunday."""
    local = moment.astimezone()
    day, hour = local.date(), local.hour + local.minute / 60
    if hour >= 18:
        day, hour = day + DAY, 8.5 + (hour - 18) / 6
    elif hour < 8:
        hour = 8 + hour / 8
    if day.weekday() == 6:
        day += DAY
    return ctx.local(day, hour)


def _timeline(
    ctx: Context,
    key: str,
    received: datetime,
    reopen_index: int,
    inherited: tuple[bool, bool, str] | None = None,
) -> _Timeline:
    rng = ctx.rng("ks-time", key)
    if inherited is None:  # an original ticket
        urgent = rng.random() < 0.25
        major = rng.random() < (0.45 if urgent else 0.12)
        responsibility = rng.choices(
            ("ours", "supplier", "customer_misuse", "transport"), (70, 13, 11, 6)
        )[0]
        deadline = received.date() + timedelta(days=rng.randint(2, 10)) if rng.random() < 0.12 else None  # fmt: skip
    else:  # a reopening keeps the origin's registration (complaint_workflow.reopen)
        urgent, major, responsibility = inherited
        deadline = None
    late = rng.random
    first_reply = received + HOUR * (rng.uniform(0.3, 7.5) if late() < 0.9 else rng.uniform(8, 30))
    containment = max(
        first_reply + HOUR * rng.uniform(0.2, 3),
        received + HOUR * (rng.uniform(4, 22) if late() < 0.88 else rng.uniform(24, 72)),
    )
    d4 = max(
        containment + HOUR,
        _working(ctx, received + DAY * (rng.uniform(1, 4) if late() < 0.85 else rng.uniform(4, 12))),
    )  # fmt: skip
    if late() < 0.85:
        answer_days = rng.uniform(1, 2) if urgent else rng.uniform(2, 7)
    else:
        answer_days = rng.uniform(7, 15)
    answer = max(d4 + HOUR * rng.uniform(1, 20), _working(ctx, received + DAY * answer_days))
    visit = _working(ctx, answer + HOUR * rng.uniform(2, 48))
    actions: list[_Action] = []
    waived = False
    last = visit.date()
    if responsibility in complaint_workflow.NEEDS_CAPA:
        start = d4.date()
        kinds = ["corrective"] * (2 if rng.random() < 0.3 else 1)
        waived = rng.random() < 0.05
        if not waived:
            kinds.append("preventive")
        latest = start
        for kind in kinds:
            if kind == "corrective":
                due = start + timedelta(days=rng.randint(7, 25))
                latest = max(latest, due)
            else:  # prevention follows the corrections
                due = latest + timedelta(days=rng.randint(5, 20))
            done = max(start, due + timedelta(days=rng.randint(-5, 4)))
            verify1 = done + timedelta(days=rng.randint(1, 7))
            action = _Action(kind, due, done, verify1, kind == "preventive" or rng.random() > 0.07)
            if not action.effective1:
                action.new_due = verify1 + timedelta(days=rng.randint(7, 14))
                action.redone = max(verify1 + DAY, action.new_due - timedelta(days=rng.randint(0, 4)))  # fmt: skip
                action.verify2 = action.redone + timedelta(days=rng.randint(1, 5))
            actions.append(action)
            last = max(last, action.verified)
    closed_on = max(visit.date() + DAY, last) + timedelta(days=rng.randint(0, 4))
    closed_at = ctx.local(closed_on, 17)
    roll = rng.random()
    cancelled = roll < 0.015
    stop = None
    if cancelled:  # registered in error, cancelled soon
        stop = received + HOUR * rng.uniform(0.5, 48)
    elif roll < 0.019:  # stuck: waiting for something that never came; open and overdue
        stop = received + DAY * rng.uniform(0.5, 25)
    limit = min(ctx.now, stop) if stop else ctx.now
    reopen_at = None
    if (
        not cancelled
        and stop is None
        and closed_at <= ctx.now
        and reopen_index < len(REOPEN_SHARE)
        and rng.random() < REOPEN_SHARE[reopen_index]
    ):
        at = _working(ctx, ctx.local(closed_on + timedelta(days=rng.randint(3, 45)), rng.uniform(8.5, 17)))  # fmt: skip
        reopen_at = at if at <= ctx.now else None
    first_reply, containment, d4 = (
        m.replace(microsecond=0) for m in (first_reply, containment, d4)
    )
    answer, visit = answer.replace(microsecond=0), visit.replace(microsecond=0)
    limit = limit.replace(microsecond=0)
    if reopen_at is not None:
        reopen_at = reopen_at.replace(microsecond=0)
    return _Timeline(
        received, urgent, major, responsibility, deadline, first_reply, containment, d4, answer,
        visit, actions, waived, closed_at, cancelled, limit, reopen_at,
    )  # fmt: skip


def _received_times(ctx: Context, count: int) -> list[datetime]:
    """count receipt times over the years, more each year, on working days and hours."""
    rng = ctx.rng("ks-received")
    years = list(range(ctx.first_day.year, ctx.today.year + 1))
    year_start = {y: date(y, 1, 1) for y in years}
    year_days = {y: ((ctx.today - year_start[y]).days + 1 if y == ctx.today.year else (date(y + 1, 1, 1) - year_start[y]).days) for y in years}  # fmt: skip
    weights = [(1 + GROWTH) ** i * year_days[y] for i, y in enumerate(years)]
    times: list[datetime] = []
    while len(times) < count:
        year = rng.choices(years, weights)[0]
        day = year_start[year] + timedelta(days=rng.randrange(year_days[year]))
        if day.weekday() == 6 and rng.random() < 0.85 or day.weekday() == 5 and rng.random() < 0.4:
            continue
        hour = rng.uniform(8, 18) if rng.random() < 0.9 else rng.uniform(18, 22)
        at = ctx.local(day, hour)
        if at <= ctx.now:
            times.append(at)
    times.sort()
    return times


def _chain(ctx: Context, index: int, received: datetime) -> list[datetime]:
    """Receipt times of the reopenings (-1, -2) that follow original ticket `index`."""
    times = []
    timeline = _timeline(ctx, str(index), received, 0)
    inherited = (timeline.urgent, timeline.major, timeline.responsibility)
    while timeline.reopen_at is not None:
        times.append(timeline.reopen_at)
        reopen_index = len(times)
        timeline = _timeline(ctx, f"{index}-{reopen_index}", timeline.reopen_at, reopen_index, inherited)  # fmt: skip
    return times


def _plan_tickets(ctx: Context, count: int) -> list[_Ticket]:
    """Exactly `count` tickets: originals spread over the years and their reopenings."""
    received = _received_times(ctx, count)
    chains = [_chain(ctx, i, at) for i, at in enumerate(received)]
    total = sum(1 + len(c) for c in chains)
    keep = [True] * len(received)
    order = list(range(len(received)))
    ctx.rng("ks-thin").shuffle(order)
    for i in order:  # drop originals at random until the count is right
        if total == count:
            break
        if total - 1 - len(chains[i]) >= count:
            keep[i] = False
            total -= 1 + len(chains[i])
    for i in order:  # still over (every original left has a chain): shorten chains
        while total > count and keep[i] and chains[i]:
            chains[i].pop()
            total -= 1
    tickets: list[_Ticket] = []
    for i, at in enumerate(received):
        if keep[i]:
            tickets.append(_Ticket(str(i), at, i, 0))
            tickets += [_Ticket(f"{i}-{k}", t, i, k) for k, t in enumerate(chains[i], start=1)]
    return tickets


def _assign(ctx: Context, tickets: list[_Ticket], prefix: str) -> None:
    """Customers and problems in the order tickets arrive; ids, numbers in that order too."""
    originals: dict[int, _Ticket] = {}
    earlier: dict[int, list[_Ticket]] = {}  # customer -> its original tickets so far
    tickets.sort(key=lambda t: (t.received, t.reopen_index, t.key))
    next_id = ctx.writer.next_id(Complaint)
    seqs: dict[int, int] = {}
    last_of_chain: dict[int, int] = {}
    for position, ticket in enumerate(tickets):
        ticket.id = next_id + position
        if ticket.reopen_index == 0:
            rng = ctx.rng("ks-who", ticket.key)
            ticket.customer = ctx.pick_customer(rng, ticket.received.date())
            before = [
                t for t in earlier.get(ticket.customer, [])[-30:]
                if (ticket.received - t.received).days < 730
            ]  # fmt: skip
            # about one in five is a problem the customer had before (经常 in the summaries)
            ticket.problem = rng.choice(before).problem if before and rng.random() < 0.2 else ticket.key  # fmt: skip
            earlier.setdefault(ticket.customer, []).append(ticket)
            ticket.year = year = ticket.received.year
            seqs[year] = ticket.seq = seqs.get(year, 0) + 1
            ticket.number = numbering.format_number(prefix, year, ticket.seq)
            originals[ticket.root] = ticket
        else:
            root = originals[ticket.root]
            ticket.customer, ticket.problem = root.customer, root.problem
            ticket.year, ticket.seq = root.year, root.seq
            ticket.number = numbering.format_number(
                prefix, root.year, root.seq, ticket.reopen_index
            )
            ticket.origin_id = last_of_chain[ticket.root]
            ticket.root_id = root.id
        last_of_chain[ticket.root] = ticket.id


# ---------------------------------------------------------------- what the ticket says


def _registration(
    ctx: Context, ticket: _Ticket, root: _Ticket, t: _Timeline
) -> tuple[ComplaintData, str]:
    """What the clerk registered (a reopening keeps its origin's registration); the symptom."""
    customer = ctx.customers[ticket.customer]
    rng = ctx.rng("ks-reg", root.key)
    problem = ctx.rng("ks-problem", ticket.problem)
    model = problem.choice(customer.models)
    product, family = words.PRODUCTS[model]
    if problem.random() < 0.12:
        category, symptom = problem.choice(words.COMMON_PROBLEMS)
        part_no = ""
    else:
        part, suffix, failures = problem.choice(words.PARTS[family])
        category, symptom = problem.choice(failures)
        part_no = f"{model}-{suffix}"
    contacts = customer.data.contacts
    contact = rng.choice(contacts) if contacts else None
    delivered = rng.choice((50, 100, 200, 500, 1000, 2000, 5000))
    defective = rng.randint(1, max(1, delivered // 25))
    produced = root.received.date() - timedelta(days=rng.randint(10, 150))
    owner = ctx.engineer(rng)
    data = ComplaintData(
        customer_id=customer.id,
        contact_name=contact.name if contact else "",
        contact_phone=contact.phone if contact else "",
        channel=rng.choices(
            ("phone", "email", "fax", "visit", "letter", "other"), (45, 30, 5, 12, 3, 5)
        )[0],  # fmt: skip
        kind=rng.choices(("complaint", "return", "opinion", "suggestion"), (75, 12, 8, 5))[0],
        received_at=root.received,
        received_by=ctx.clerk(root.received.date()),
        product_model=model,
        part_no=part_no,
        batch_no=f"B{produced:%y%m%d}-{rng.randint(1, 12):02d}",
        production_date=produced,
        qty_delivered=float(delivered),
        qty_defective=float(defective),
        defect_category=category,
        description=f"{rng.choice(words.FOUND_AT)}反馈:{model} {product},{symptom},不良 {defective} 台。",
        customer_request=rng.choice(words.CUSTOMER_REQUESTS),
        line_stopped=t.major and rng.random() < 0.4,
        severity="major" if t.major else "general",
        urgency="urgent" if t.urgent else "normal",
        customer_deadline=t.customer_deadline,
        owner=owner,
    )
    members = rng.sample(ctx.staff[4:32], 3)
    data.step(1).content = f"组长:{owner};成员:{'、'.join(members)}"
    data.step(1).owner = owner
    data.step(2).content = (
        f"What:{symptom};Where:{customer.data.short_name or customer.name};"
        f"When:{root.received:%Y-%m-%d};How many:{defective}/{delivered}"
    )
    data.step(2).owner = owner
    if ticket.reopen_index:  # complaint_workflow.reopen: registered anew, D1 and D2 carried over
        data.received_at = ticket.received
        data.received_by = ctx.clerk(ticket.received.date())
        data.customer_deadline = None
        data.responsibility = t.responsibility
        data.responsible_department = _department(ctx, root)
    return data, symptom


def _department(ctx: Context, root: _Ticket) -> str:
    rng = ctx.rng("ks-cause", root.key)
    return _DEPARTMENT_OF_CAUSE[rng.choice(list(words.OCCURRENCE_CAUSES))]


def _work(
    ctx: Context, ticket: _Ticket, root: _Ticket, data: ComplaintData, t: _Timeline, symptom: str
) -> list[tuple[int, dict]]:
    """The 8D as far as it got by the timeline's limit; the verification events with it."""
    rng = ctx.rng("ks-work", ticket.key)
    limit_day = t.limit.date()
    events: list[tuple[int, dict]] = []  # (action position, ActionEvent values)
    if not t.by_limit(t.first_reply):
        return events
    data.first_reply_at = t.first_reply
    for step in (1, 2):
        data.step(step).done_on = t.first_reply.date()
    if not t.by_limit(t.containment):
        return events
    data.containment_reply_at = t.containment
    d3 = min(t.containment.date() + timedelta(days=rng.randint(0, 1)), limit_day)
    data.step(3).content = rng.choice(words.CONTAINMENT)
    data.step(3).owner = ctx.inspector(rng)
    data.step(3).done_on = d3
    for location in rng.sample(("customer", "in_transit", "in_stock"), rng.randint(1, 3)):
        checked = float(rng.choice((50, 100, 200, 300, 500, 800, 1200)))
        data.sorting.append(
            SortingData(
                location, checked, float(rng.randint(0, max(1, int(checked) // 40))),
                ("售后 " if location == "customer" else "品保 ") + ctx.inspector(rng), d3,
                rng.choice(("", "", "不良品已隔离", "挑选合格品贴绿色标签")),
            )
        )  # fmt: skip
    if not t.by_limit(t.d4):
        return events
    cause = ctx.rng("ks-cause", root.key)
    occurrence = cause.choice(list(words.OCCURRENCE_CAUSES))
    occurrence_text = cause.choice(words.OCCURRENCE_CAUSES[occurrence])
    escape = cause.choice(list(words.ESCAPE_CAUSES))
    escape_text = cause.choice(words.ESCAPE_CAUSES[escape])
    capa = t.responsibility in complaint_workflow.NEEDS_CAPA
    data.action_reply_at = t.d4
    data.responsibility = t.responsibility
    data.responsible_department = _DEPARTMENT_OF_CAUSE[occurrence]
    d4_day = t.d4.date()
    if capa:
        data.occurrence_category, data.occurrence_cause = occurrence, occurrence_text
        data.escape_category, data.escape_cause = escape, escape_text
        data.five_why = "\n".join(
            line.format(symptom=symptom, cause=occurrence_text) for line in words.FIVE_WHY
        )
        data.step(4).content = f"发生原因:{occurrence_text};流出原因:{escape_text}"
        if t.responsibility == "supplier":
            supplier = cause.choice(words.SUPPLIERS)
            data.responsible_unit = data.chargeback_supplier = supplier
            data.step(4).content += f";责任供应商:{supplier}"
    else:
        data.step(4).content = rng.choice(words.NOT_OURS_REPLY)
        data.quarantine_advice = "无需隔离,已向顾客说明"
    data.step(4).owner = data.owner
    data.step(4).done_on = d4_day
    for position, planned in enumerate(t.actions):
        pool = (
            words.CORRECTIVE_ACTIONS if planned.kind == "corrective" else words.PREVENTIVE_ACTIONS
        )
        action = ActionData(
            kind=planned.kind,
            description=rng.choice(pool),
            department=data.responsible_department if planned.kind == "corrective" else "技术部",
            owner=ctx.engineer(rng),
            due=planned.due,
        )
        verifier = "品保 " + ctx.inspector(rng)
        if t.day_by_limit(planned.done):
            action.done_on = planned.done
        if t.day_by_limit(planned.verify1):
            events.append((position, _verified(ctx, planned.verify1, verifier, planned.effective1, planned.due, planned.new_due, rng)))  # fmt: skip
            if planned.effective1:
                action.verification, action.verified_by = "effective", verifier
                action.verified_on = planned.verify1
            else:
                action.due = planned.new_due
                action.done_on = planned.redone if t.day_by_limit(planned.redone) else None  # type: ignore[arg-type]
                if t.day_by_limit(planned.verify2):  # type: ignore[arg-type]
                    events.append((position, _verified(ctx, planned.verify2, verifier, True, None, None, rng)))  # type: ignore[arg-type]  # fmt: skip
                    action.verification, action.verified_by = "effective", verifier
                    action.verified_on = planned.verify2
        data.actions.append(action)
    data.step(5).content = (
        ";".join(a.description for a in data.actions) if capa else "非本公司责任,无需纠正措施"
    )
    data.step(5).owner = data.owner
    data.step(5).done_on = d4_day
    if capa and rng.random() < 0.18:
        data.claim_status = "claimed"
        data.claim_amount = float(rng.randint(2, 80) * 500)
    if t.by_limit(t.answer):
        data.reply_at = t.answer
        data.reply_content = rng.choice(words.REPLY_CONTENT if capa else words.NOT_OURS_REPLY)
        data.reply_by = data.owner
        if data.claim_status == "claimed":
            data.claim_status = "negotiating"
    if t.by_limit(t.visit):
        data.visit_at, data.visit_satisfied = t.visit, True
        data.visit_notes = rng.choice(words.VISIT_NOTES)
    verified = [a.verified_on for a in data.actions]
    if capa and all(verified) and data.reply_at is not None:
        data.step(6).content = "措施已实施,连续三批验证无不良"
        data.step(6).owner = data.owner
        data.step(6).done_on = max(verified)  # type: ignore[type-var]
    elif not capa and data.reply_at is not None:
        data.step(6).content = "不适用(非本公司责任)"
        data.step(6).owner = data.owner
        data.step(6).done_on = data.reply_at.date()
    preventive = [a for a in data.actions if a.kind == "preventive"]
    if capa and t.waived:
        approved = min(d4_day + DAY, limit_day)
        data.prevention_waived = True
        data.waiver_approved_by = "总经理 " + ctx.staff[39]
        data.waiver_approved_on = approved
        data.waiver_reason = "一次性来料问题,供应商已整改,无需修订体系文件"
        data.step(7).content, data.step(7).done_on = "经总经理批准免于预防措施", approved
        data.step(7).owner = data.owner
    elif capa and preventive and preventive[0].done_on is not None:
        data.fmea_updated = data.control_plan_updated = data.work_instruction_updated = True
        data.similar_products = rng.choice(words.SIMILAR_PRODUCTS)
        data.step(7).content = preventive[0].description
        data.step(7).owner, data.step(7).done_on = data.owner, preventive[0].done_on
    elif not capa and data.reply_at is not None:
        data.step(7).content = "不适用(非本公司责任)"
        data.step(7).owner, data.step(7).done_on = data.owner, data.reply_at.date()
    return events


def _verified(
    ctx: Context,
    day: date,
    verifier: str,
    effective: bool,
    old_due: date | None,
    new_due: date | None,
    rng: random.Random,
) -> dict:
    """An ActionEvent as action_service.verify records it."""
    return {
        "at": min(ctx.local(day, rng.uniform(9, 17)), ctx.now),
        "user": ctx.clerk(day),
        "kind": "verified",
        "result": "effective" if effective else "not_effective",
        "verified_by": verifier,
        "verified_on": day,
        "old_due": old_due,
        "new_due": new_due,
        "note": "" if effective else rng.choice(words.VERIFY_NOTES_NOT_EFFECTIVE),
    }


def _close(ctx: Context, ticket: _Ticket, data: ComplaintData, t: _Timeline) -> None:
    """complaint_workflow.close, once close_problems finds nothing, as of t.closed_at."""
    problems = complaint_workflow.close_problems(data)
    if problems:
        raise AssertionError(f"demo ticket cannot close: {sorted(problems)}")
    if data.claim_status == "negotiating":
        data.claim_status = "agreed"
        data.agreed_amount = round((data.claim_amount or 0) * 0.8, 2)
        if ctx.now - t.closed_at > timedelta(days=60):
            data.claim_status, data.paid_amount = "paid", data.agreed_amount
    closer = ctx.clerk(t.closed_at.date())
    note = ctx.rng("ks-close", ticket.key).choice(words.CLOSING_NOTES)
    data.status, data.closed_at = "closed", t.closed_at
    data.closed_by, data.closing_note = closer, note
    step8 = data.step(STEP_COUNT)
    step8.done_on, step8.owner, step8.content = t.closed_at.date(), closer, note


# ---------------------------------------------------------------- writing


def build_complaints(ctx: Context) -> None:
    count = ctx.plan.complaints
    if not count:
        ctx.writer.counts.update(complaints=0, complaint_actions=0, complaint_attachments=0)
        return
    settings = complaint_settings.load(ctx.engine)
    tickets = _plan_tickets(ctx, count)
    prefix = settings.number_prefix
    _assign(ctx, tickets, prefix)
    by_root = {t.root: t for t in tickets if t.reopen_index == 0}
    inherited: dict[int, tuple[bool, bool, str]] = {}
    totals = {"actions": 0, "attachments": 0}
    for done, ticket in enumerate(tickets, start=1):
        root = by_root[ticket.root]
        t = _timeline(ctx, ticket.key, ticket.received, ticket.reopen_index, inherited.get(ticket.root))  # fmt: skip
        if ticket.reopen_index == 0:
            inherited[ticket.root] = (t.urgent, t.major, t.responsibility)
        data, symptom = _registration(ctx, ticket, root, t)
        events = _work(ctx, ticket, root, data, t, symptom)
        data = complaint_service.normalize(data)
        complaint_service.validate(data, now=ctx.now)
        progress = SimpleNamespace(status="open")
        complaint_service.refresh_progress(progress, data, settings)  # type: ignore[arg-type]
        milestones = (data.first_reply_at, data.containment_reply_at, data.action_reply_at)
        updated = max([t.received, *(m for m in (*milestones, data.reply_at, data.visit_at) if m)])
        if t.cancelled:
            data.status = "cancelled"
            data.cancel_reason = ctx.rng("ks-cancel", ticket.key).choice(words.CANCEL_REASONS)
            updated = t.limit
        elif t.closed:
            _close(ctx, ticket, data, t)
            if all(step.done_on for step in data.steps):
                progress.current_step = STEP_COUNT + 1
            updated = t.closed_at
            if t.reopen_at is not None:
                data.status, updated = "reopened", t.reopen_at
        if data.status != "open":
            progress.next_due, progress.next_due_key = None, ""
        _write_ticket(ctx, ticket, prefix, data, t, progress, events, updated, totals)
        if data.status != "cancelled":
            ctx.complaints_of.setdefault(ticket.customer, []).append(
                (ticket.id, ticket.received.date(), ticket.number)
            )
        if done % BATCH == 0:
            ctx.writer.flush()
            ctx.report("complaints", done, count)
    ctx.writer.flush()
    ctx.report("complaints", count, count)
    ctx.writer.counts.update(complaints=count, **{f"complaint_{k}": v for k, v in totals.items()})


def _write_ticket(
    ctx: Context,
    ticket: _Ticket,
    prefix: str,
    data: ComplaintData,
    t: _Timeline,
    progress: SimpleNamespace,
    events: list[tuple[int, dict]],
    updated: datetime,
    totals: dict[str, int],
) -> None:
    writer = ctx.writer
    rng = ctx.rng("ks-files", ticket.key)
    reason = ""
    if ticket.reopen_index:
        reason = ctx.rng("ks-reopen", ticket.key).choice(words.REOPEN_REASONS)
    values = {name: getattr(data, name) for name in complaint_service.SCALAR_FIELDS}
    row = writer.record(Complaint, {
        **values, "id": ticket.id, "uuid": None, "number": ticket.number,
        "prefix": prefix, "year": ticket.year, "seq": ticket.seq,
        "reopen_index": ticket.reopen_index, "origin_id": ticket.origin_id,
        "root_id": ticket.root_id, "reopen_reason": reason, "status": data.status,
        "closed_at": data.closed_at, "closed_by": data.closed_by,
        "closing_note": data.closing_note, "cancel_reason": data.cancel_reason,
        "current_step": progress.current_step, "next_due": progress.next_due,
        "next_due_key": progress.next_due_key, "calendar_estimated": progress.calendar_estimated,
    }, ticket.received, updated)  # fmt: skip
    for step in data.steps:
        if step.content or step.owner or step.done_on:
            writer.add(ComplaintStep, {
                "complaint_id": ticket.id, "step": step.step, "content": step.content,
                "owner": step.owner, "done_on": step.done_on,
            })  # fmt: skip
    for position, s in enumerate(data.sorting):
        writer.add(ComplaintSorting, {
            "complaint_id": ticket.id, "position": position, "location": s.location,
            "qty_checked": s.qty_checked, "qty_defective": s.qty_defective,
            "handled_by": s.handled_by, "done_on": s.done_on, "notes": s.notes,
        })  # fmt: skip
    action_ids = []
    for position, a in enumerate(data.actions):
        changed = [data.action_reply_at or ticket.received]
        changed += [ctx.local(d, 17) for d in (a.done_on, a.verified_on) if d]
        action = writer.record(CorrectiveAction, {
            "uuid": None, "complaint_id": ticket.id, "position": position, "kind": a.kind,
            "description": a.description, "department": a.department, "owner": a.owner,
            "due": a.due, "done_on": a.done_on, "verification": a.verification,
            "verified_by": a.verified_by, "verified_on": a.verified_on,
        }, data.action_reply_at or ticket.received, max(changed))  # fmt: skip
        action_ids.append(action["id"])
    for position, event in events:
        writer.add(ActionEvent, {"action_id": action_ids[position], **event})
    totals["actions"] += len(action_ids)
    # what the services write for a ticket entered whole (an imported ledger): every field
    ledger = {"status": data.status, "closed_at": data.closed_at}
    writer.created(
        complaint_service.ENTITY, row["uuid"], ticket.number, ticket.received,
        data.received_by, complaint_service.creation_changes(ticket.number, data, ledger),
    )  # fmt: skip
    if rng.random() < 0.15:  # photos of the defect, sent by the customer or taken at receipt
        photos = rng.choice((1, 1, 2, 3))
        for k in range(1, photos + 1):
            at = min(ticket.received + HOUR * rng.uniform(0.2, 30), t.limit).replace(microsecond=0)
            name = f"{ticket.number} 缺陷照片{k if photos > 1 else ''}.png"
            totals["attachments"] += attach(
                ctx, rng, complaint_service.ENTITY, row["uuid"], ticket.number, name, at,
                data.received_by, "顾客提供的不良照片" if k == 1 else "",
            )  # fmt: skip
