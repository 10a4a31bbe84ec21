"""The counts the management summaries and the overview share, done in SQL with GROUP BY.

The rules are stated once in app/services/summary_data.py. Days are the PC's local calendar
days: a period runs from local midnight of its first day to local midnight after its last day
(aware datetimes; the database compares them in UTC).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select
from sqlmodel import Session

from app.models import (
    Complaint,
    ComplaintStatus,
    CorrectiveAction,
    Customer,
    ReturnReceipt,
    ReturnStatus,
    SurveyCampaign,
    SurveyInvitee,
    SurveyResponse,
)
from app.services import deadlines
from app.services.complaint_settings import ComplaintSettings
from app.services.summary_data import (
    CountRow,
    DepartmentActions,
    MonthPoint,
    ParetoRow,
    SatisfactionFigure,
)

_c = Complaint.__table__.c
_a = CorrectiveAction.__table__.c
_r = ReturnReceipt.__table__.c

VITAL_FEW_PCT = 80.0  # Pareto: the categories that make up the first 80 %


def day_start(day: date) -> datetime:
    """Local midnight at the start of `day`, aware."""
    return datetime.combine(day, time.min).astimezone()


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start of the first day, start of the day after the last)."""
    return day_start(start), day_start(end + timedelta(days=1))


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after day's month (negative: before)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    return add_months(day, 1) - timedelta(days=1)


# ---------------------------------------------------------------- which tickets


def not_cancelled() -> ColumnElement[bool]:
    return _c.status != ComplaintStatus.CANCELLED.value


def complaints_received(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Original tickets (not -1/-2 reopenings), not cancelled, received in [start, end)."""
    return and_(
        _c.reopen_index == 0, not_cancelled(), _c.received_at >= start, _c.received_at < end
    )


def tickets_received(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Every ticket, reopenings included, not cancelled, received in [start, end)."""
    return and_(not_cancelled(), _c.received_at >= start, _c.received_at < end)


def tickets_closed(start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(not_cancelled(), _c.closed_at >= start, _c.closed_at < end)


def tickets_open_at(moment: datetime) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """Received before `moment`, not cancelled, not closed by then: never closed, or closed
    later. Two conditions, each read through the closed_at index (with OR, SQLite would read
    every ticket received before the moment); count them apart and add."""
    received = and_(not_cancelled(), _c.received_at < moment)
    return and_(received, _c.closed_at.is_(None)), and_(received, _c.closed_at >= moment)


def count_open_at(session: Session, moment: datetime) -> int:
    return sum(count(session, part) for part in tickets_open_at(moment))


def count(session: Session, condition: ColumnElement[bool]) -> int:
    return session.execute(
        select(func.count()).select_from(Complaint).where(condition)
    ).scalar_one()


def overdue_at(session: Session, moment: datetime, settings: ComplaintSettings) -> int:
    """Tickets open at `moment`, not answered by then, whose answer to the customer (答复顾客)
    was due before it. A ticket answered and waiting for its return visit is not overdue."""
    calendar = settings.calendar()
    dues: dict[tuple[datetime, str], datetime] = {}
    overdue = 0
    rows = [
        row
        for part in tickets_open_at(moment)
        for row in session.execute(
            select(_c.received_at, _c.urgency).where(
                part, or_(_c.reply_at.is_(None), _c.reply_at >= moment)
            )
        )
    ]
    for received_at, urgency in rows:
        key = (received_at, urgency)
        if key not in dues:
            dues[key] = answer_due(received_at, urgency, settings, calendar)
        overdue += dues[key] < moment
    return overdue


def local(moment: datetime) -> datetime:
    return moment.astimezone() if moment.tzinfo else moment


def answer_due(
    received_at: datetime, urgency: str, settings: ComplaintSettings, calendar
) -> datetime:  # noqa: ANN001
    """When the answer to the customer is due, by the ticket's own rule (urgent or normal)."""
    rule = settings.rules["answer_urgent" if urgency == "urgent" else "answer_normal"]
    return deadlines.apply_rule(local(received_at), rule, calendar)[0]


# ---------------------------------------------------------------- months


def month_points(session: Session, last_month: date, months: int) -> list[MonthPoint]:
    """Complaints received and tickets closed in each of `months` months up to last_month."""
    firsts = [add_months(last_month, -i) for i in range(months - 1, -1, -1)]
    edges = [day_start(first) for first in firsts] + [day_start(add_months(last_month, 1))]
    received = _bucketed(session, _c.received_at, edges, _c.reopen_index == 0)
    closed = _bucketed(session, _c.closed_at, edges, literal(True))
    return [
        MonthPoint(
            month=f"{first:%Y-%m}",
            start=first,
            end=month_end(first),
            received=received.get(i, 0),
            closed=closed.get(i, 0),
        )
        for i, first in enumerate(firsts)
    ]


def bucket_counts(
    session: Session, edges: Sequence[datetime], *, originals: bool = True
) -> dict[int, int]:
    """Complaints received per bucket [edges[i], edges[i+1])."""
    condition = _c.reopen_index == 0 if originals else literal(True)
    return _bucketed(session, _c.received_at, edges, condition)


def _bucketed(
    session: Session,
    column,
    edges: Sequence[datetime],
    extra: ColumnElement[bool],  # noqa: ANN001
) -> dict[int, int]:
    """Rows per bucket of `column` between consecutive edges, in one query over the range."""
    bucket = case(*((column < edge, i) for i, edge in enumerate(edges[1:])), else_=-1)
    query = (
        select(bucket, func.count())
        .where(not_cancelled(), extra, column >= edges[0], column < edges[-1])
        .group_by(bucket)
    )
    return {int(i): n for i, n in session.execute(query) if i >= 0}


# ---------------------------------------------------------------- breakdowns


def _share(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def by_customer(
    session: Session, condition: ColumnElement[bool], total: int, limit: int | None = None
) -> list[CountRow]:
    query = (
        select(Customer.id, Customer.code, Customer.name, func.count(), func.sum(_c.qty_defective))
        .select_from(Complaint)
        .join(Customer, Customer.id == _c.customer_id)
        .where(condition)
        .group_by(Customer.id, Customer.code, Customer.name)
        .order_by(func.count().desc(), Customer.code)
        .limit(limit)
    )
    return [
        CountRow(code, name, n, _share(n, total), float(qty or 0), ref_id=cid)
        for cid, code, name, n, qty in session.execute(query)
    ]


def item_of():  # noqa: ANN201
    """The part no., else the product model: what a complaint is about."""
    return case((func.trim(_c.part_no) != "", _c.part_no), else_=_c.product_model)


def by_column(
    session: Session,
    condition: ColumnElement[bool],
    total: int,
    column,  # noqa: ANN001
    label_of,  # noqa: ANN001  (key -> label)
) -> list[CountRow]:
    """Complaints per value of `column`, the most first."""
    query = (
        select(column, func.count(), func.sum(_c.qty_defective))
        .where(condition)
        .group_by(column)
        .order_by(func.count().desc(), column)
    )
    return [
        CountRow(value or "", label_of(value or ""), n, _share(n, total), float(qty or 0))
        for value, n, qty in session.execute(query)
    ]


def by_item(session: Session, condition: ColumnElement[bool], total: int, named) -> list[CountRow]:  # noqa: ANN001
    """Complaints per part (else product model), Ab-1 and AB-1 together; the label names the
    product model a part belongs to."""
    item = item_of()
    model = func.max(case((func.trim(_c.part_no) != "", _c.product_model), else_=""))
    query = (
        select(func.min(item), model, func.count(), func.sum(_c.qty_defective))
        .where(condition)
        .group_by(func.lower(item))
        .order_by(func.count().desc(), func.lower(item))
    )
    return [
        CountRow(key or "", model or named(key or ""), n, _share(n, total), float(qty or 0))
        for key, model, n, qty in session.execute(query)
    ]


def pareto(session: Session, condition: ColumnElement[bool], label_of) -> list[ParetoRow]:  # noqa: ANN001
    rows = by_column(session, condition, 0, _c.defect_category, label_of)
    total = sum(row.count for row in rows)
    result: list[ParetoRow] = []
    running = 0
    for row in sorted(rows, key=lambda r: (-r.count, r.key == "", r.key)):
        before = _share(running, total)
        running += row.count
        result.append(
            ParetoRow(
                row.key,
                row.label,
                row.count,
                _share(row.count, total),
                _share(running, total),
                vital_few=before < VITAL_FEW_PCT,
            )
        )
    return result


# ---------------------------------------------------------------- actions


def _owner_not_cancelled() -> ColumnElement[bool]:
    """Actions of cancelled tickets and returns no longer count."""
    # aliases: a caller may join the owners' tables itself, and must not be correlated with
    ticket, receipt = Complaint.__table__.alias(), ReturnReceipt.__table__.alias()
    cancelled_ticket = (
        select(ticket.c.id)
        .where(ticket.c.id == _a.complaint_id)
        .where(ticket.c.status == ComplaintStatus.CANCELLED.value)
    ).exists()
    cancelled_return = (
        select(receipt.c.id)
        .where(receipt.c.id == _a.return_id)
        .where(receipt.c.status == ReturnStatus.CANCELLED.value)
    ).exists()
    return and_(~cancelled_ticket, ~cancelled_return)


def actions_open_at(as_of: date) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """Created by the end of `as_of` and not done by then: not done at all, or done later.
    Two conditions, each read through the done_on index; count them apart and add."""
    created = and_(_a.created_at < day_start(as_of + timedelta(days=1)), _owner_not_cancelled())
    return and_(created, _a.done_on.is_(None)), and_(created, _a.done_on > as_of)


def actions_by_department(session: Session, as_of: date, label_of) -> list[DepartmentActions]:  # noqa: ANN001
    overdue = func.sum(case((and_(_a.due.is_not(None), _a.due < as_of), 1), else_=0))
    totals: dict[str, list[int]] = {}
    # grouped by an expression: on the bare column SQLite would walk the department index
    # through every action instead of the few found through done_on
    department = func.coalesce(_a.department, "")
    for part in actions_open_at(as_of):
        query = select(department, func.count(), overdue).where(part).group_by(department)
        for dept, n, late in session.execute(query):
            both = totals.setdefault(dept or "", [0, 0])
            both[0] += n
            both[1] += int(late or 0)
    return [
        DepartmentActions(dept, label_of(dept), n, late)
        for dept, (n, late) in sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0]))
    ]


# ---------------------------------------------------------------- returns, claims, surveys


def returns_quantity(session: Session, start: date, end: date) -> float:
    """Pieces returned in returns received from start to end (bulk included, cancelled not)."""
    query = select(func.coalesce(func.sum(_r.qty_returned), 0.0)).where(
        _r.status != ReturnStatus.CANCELLED.value, _r.received_on >= start, _r.received_on <= end
    )
    return float(session.execute(query).scalar_one())


def claimed_amount(session: Session, start: datetime, end: datetime) -> float:
    query = select(func.coalesce(func.sum(_c.claim_amount), 0.0)).where(
        tickets_received(start, end), _c.claim_status != "none"
    )
    return float(session.execute(query).scalar_one())


def satisfaction(session: Session, by: date) -> SatisfactionFigure | None:
    """The newest campaign whose period ended by `by`, with its index (mean of the answers')."""
    campaign = session.execute(
        select(SurveyCampaign)
        .where(SurveyCampaign.period_end <= by)
        .order_by(SurveyCampaign.period_end.desc(), SurveyCampaign.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if campaign is None:
        return None
    index, answered = session.execute(
        select(func.avg(SurveyResponse.index_pct), func.count()).where(
            SurveyResponse.campaign_id == campaign.id
        )
    ).one()
    invited = session.execute(
        select(func.count()).where(SurveyInvitee.campaign_id == campaign.id)
    ).scalar_one()
    return SatisfactionFigure(
        campaign_id=campaign.id,
        number=campaign.number,
        period_start=campaign.period_start,
        period_end=campaign.period_end,
        index_pct=float(index) if index is not None else None,
        target_pct=float(campaign.target_pct),
        answered=answered,
        invited=invited,
    )
