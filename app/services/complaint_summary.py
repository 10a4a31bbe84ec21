"""The monthly complaint summary 顾客投诉/抱怨汇总处理表 (顾客管理程序 §4.1.7; SPEC §2.6).

For a month, any range of days or a year: counts by customer, product, defect category
(Pareto), responsible department, severity, month (trend) and season; repeat vs one-off
problems; containment and the answer to the customer against their deadlines; closure and
reopenings; claims; returns; satisfaction; open and overdue actions. The counting rules are
in app/services/summary_data.py.

Everything is judged as at one moment: the end of the period, or now while the period runs.
A reply made after that moment does not count yet, so a report of a past month stays the same
whenever it is made (except for reopenings since, which are what the reopen rate is about).
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from statistics import fmean

from sqlalchemy import Engine, and_, case, func, select
from sqlmodel import Session

from app.i18n import pick
from app.models import Complaint, ComplaintStatus, Customer
from app.services import complaint_counts as counts
from app.services import complaint_settings, deadlines
from app.services.complaint_data import SEVERITY_LABELS, label
from app.services.return_summary import not_given, returns_summary
from app.services.summary_data import (
    ClaimTotals,
    Closure,
    ComplaintSummary,
    DeadlineFigures,
    Frequency,
    Period,
    RepeatProblem,
    SeasonRow,
    SummaryTotals,
)

_c = Complaint.__table__.c
TREND_MONTHS = 24
SEASON_YEARS = 3
QUARTER_LABELS = (
    ("第一季度(1–3月)", "Q1 (Jan–Mar)"),
    ("第二季度(4–6月)", "Q2 (Apr–Jun)"),
    ("第三季度(7–9月)", "Q3 (Jul–Sep)"),
    ("第四季度(10–12月)", "Q4 (Oct–Dec)"),
)


# ---------------------------------------------------------------- periods


def month_period(year: int, month: int) -> Period:
    return Period(
        date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"
    )


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def range_period(start: date, end: date) -> Period:
    """Any days; a whole calendar month or year is labelled as one."""
    if start > end:
        raise ValueError(f"the period starts ({start}) after it ends ({end})")
    if start == date(start.year, 1, 1) and end == date(start.year, 12, 31):
        return year_period(start.year)
    if start.day == 1 and end == counts.month_end(start):
        return month_period(start.year, start.month)
    return Period(start, end, "range")


def shift_months(day: date, months: int) -> date:
    """The same day `months` months later (earlier when negative), clamped to the month's end."""
    first = counts.add_months(day, months)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))


def as_at(period_end: date, today: date | None) -> tuple[date, datetime]:
    """(the as-of day, the moment figures are judged at).

    A finished period is judged at its end; a running one now (or at the end of `today` when
    a caller fixes the day, as tests do).
    """
    if today is None:
        now = datetime.now(UTC)
        today = now.astimezone().date()
    else:
        now = counts.day_start(today + timedelta(days=1))
    if period_end < today:
        return period_end, counts.day_start(period_end + timedelta(days=1))
    return today, now


# ---------------------------------------------------------------- the summary


def complaint_summary(
    engine: Engine, period: Period, *, today: date | None = None, lang: str | None = None
) -> ComplaintSummary:
    settings = complaint_settings.load(engine)
    as_of, moment = as_at(period.end, today)
    start, end = counts.bounds(period.start, period.end)
    received = counts.complaints_received(start, end)

    def named(value: str) -> str:
        return value or not_given(lang)

    with Session(engine) as session:
        total = counts.count(session, received)
        summary = ComplaintSummary(
            period=period,
            as_of=as_of,
            totals=_totals(session, start, end, moment, settings, total),
            by_customer=counts.by_customer(session, received, total),
            by_product=counts.by_item(session, received, total, named),
            by_department=counts.by_column(
                session, received, total, _c.responsible_department, named
            ),
            by_severity=counts.by_column(
                session, received, total, _c.severity, lambda v: label(SEVERITY_LABELS, v, lang)
            ),
            pareto=counts.pareto(session, received, named),
            trend=counts.month_points(session, counts.month_start(period.end), TREND_MONTHS),
            seasons=_seasons(session, period.end, lang),
            frequency=_frequency(session, period, settings.recurrence_months),
            containment=_deadline(session, "containment", start, end, moment, settings),
            answer=_deadline(session, "answer", start, end, moment, settings),
            closure=_closure(session, start, end),
            claims=_claims(session, start, end),
            returns=returns_summary(engine, period.start, period.end, lang=lang),
            satisfaction=counts.satisfaction(session, period.end),
            actions=counts.actions_by_department(session, as_of, named),
        )
    return summary


def _totals(
    session: Session,
    start: datetime,
    end: datetime,
    moment: datetime,
    settings: complaint_settings.ComplaintSettings,
    received: int,
) -> SummaryTotals:
    in_period = counts.complaints_received(start, end)
    major, stopped, qty = session.execute(
        select(
            func.count().filter(_c.severity == "major"),
            func.count().filter(_c.line_stopped.is_(True)),
            func.coalesce(func.sum(_c.qty_defective), 0.0),
        ).where(in_period)
    ).one()
    return SummaryTotals(
        received=received,
        reopenings=counts.count(
            session, and_(counts.tickets_received(start, end), _c.reopen_index > 0)
        ),
        closed=counts.count(session, counts.tickets_closed(start, end)),
        open_at_end=counts.count_open_at(session, moment),
        overdue_at_end=counts.overdue_at(session, moment, settings),
        major=major,
        line_stopped=stopped,
        qty_defective=float(qty),
    )


def _seasons(session: Session, period_end: date, lang: str | None) -> list[SeasonRow]:
    """Complaints per quarter of the period's year and the two before, up to the period's end."""
    year = period_end.year
    years = list(range(year - SEASON_YEARS + 1, year + 1))
    last = counts.day_start(period_end + timedelta(days=1))
    edges = [
        min(counts.day_start(date(y, month, 1)), last) for y in years for month in (1, 4, 7, 10)
    ] + [last]
    buckets = counts.bucket_counts(session, edges)
    return [
        SeasonRow(
            quarter=q + 1,
            label=pick(*QUARTER_LABELS[q], lang),
            counts=tuple((y, buckets.get(i * 4 + q, 0)) for i, y in enumerate(years)),
        )
        for q in range(4)
    ]


def _frequency(session: Session, period: Period, months: int) -> Frequency:
    """Repeat problems (经常): same customer, item and defect ≥ 2 times within the window.

    Grouped in SQL over the window, keeping only the groups with a complaint in the period;
    only the repeat groups' ticket numbers are read.
    """
    window_start = min(period.start, shift_months(period.end + timedelta(days=1), -months))
    start, end = counts.bounds(period.start, period.end)
    in_window = counts.complaints_received(counts.day_start(window_start), end)
    item = func.lower(func.trim(counts.item_of()))
    known = and_(func.trim(counts.item_of()) != "", _c.defect_category != "")
    in_period = func.sum(case((and_(_c.received_at >= start, _c.received_at < end), 1), else_=0))
    groups = session.execute(
        select(_c.customer_id, item, _c.defect_category, in_period, func.count())
        .where(in_window, known)
        .group_by(_c.customer_id, item, _c.defect_category)
        .having(in_period > 0, func.count() >= 2)
    ).all()
    found = {
        (cid, what, defect): (n_period, n_window)
        for cid, what, defect, n_period, n_window in groups
    }
    tickets: dict[tuple[int, str, str], list] = {key: [] for key in found}
    if found:
        rows = session.execute(
            select(
                _c.customer_id,
                Customer.code,
                Customer.name,
                counts.item_of(),
                _c.defect_category,
                _c.number,
            )  # fmt: skip
            .join(Customer, Customer.id == _c.customer_id)
            .where(in_window, known, _c.customer_id.in_({key[0] for key in found}))
            .order_by(_c.received_at, _c.number)
        )
        for cid, code, name, what, defect, number in rows:
            key = (cid, what.strip().lower(), defect)
            if key in tickets:
                tickets[key].append((code, name, what.strip(), number))
    problems = [
        RepeatProblem(
            rows[-1][0], rows[-1][1], rows[-1][2], key[2], *found[key], tuple(r[3] for r in rows)
        )
        for key, rows in tickets.items()
    ]
    problems.sort(key=lambda p: (-p.in_window, -p.in_period, p.customer_code, p.item.lower()))
    repeat = sum(p.in_period for p in problems)
    received = counts.count(session, counts.complaints_received(start, end))
    return Frequency(months, repeat, received - repeat, tuple(problems))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _deadline(
    session: Session,
    key: str,
    start: datetime,
    end: datetime,
    moment: datetime,
    settings: complaint_settings.ComplaintSettings,
) -> DeadlineFigures:
    """Containment (临时对策回复) or the answer to the customer, for the period's complaints."""
    work_calendar = settings.calendar()
    done_column = _c.containment_reply_at if key == "containment" else _c.reply_at
    rows = session.execute(
        select(_c.received_at, _c.urgency, done_column).where(
            counts.complaints_received(start, end)
        )
    )
    on_time = late = overdue = pending = 0
    hours: list[float] = []
    for received_at, urgency, done_at in rows:
        if key == "containment":
            due = deadlines.apply_rule(
                counts.local(received_at), settings.rules["containment"], work_calendar
            )[0]
        else:
            due = counts.answer_due(received_at, urgency, settings, work_calendar)
        if done_at is not None and done_at < moment:
            hours.append((done_at - received_at).total_seconds() / 3600)
            if done_at <= due:
                on_time += 1
            else:
                late += 1
        elif due < moment:
            overdue += 1
        else:
            pending += 1
    return DeadlineFigures(key, on_time, late, overdue, pending, fmean(hours) if hours else None)


def _closure(session: Session, start: datetime, end: datetime) -> Closure:
    rows = session.execute(
        select(_c.received_at, _c.closed_at, _c.status).where(counts.tickets_closed(start, end))
    ).all()
    days = [(closed - received).total_seconds() / 86400 for received, closed, _ in rows]
    reopened = sum(1 for *_, status in rows if status == ComplaintStatus.REOPENED.value)
    return Closure(len(rows), fmean(days) if days else None, reopened)


def _claims(session: Session, start: datetime, end: datetime) -> ClaimTotals:
    def total(column) -> object:  # noqa: ANN001
        return func.coalesce(func.sum(column), 0.0)

    tickets, claimed, agreed, paid, back = session.execute(
        select(
            func.count(),
            total(_c.claim_amount),
            total(_c.agreed_amount),
            total(_c.paid_amount),
            total(_c.chargeback_amount),
        ).where(counts.tickets_received(start, end), _c.claim_status != "none")
    ).one()
    return ClaimTotals(tickets, float(claimed), float(agreed), float(paid), float(back))
