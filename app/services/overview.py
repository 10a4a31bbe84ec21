"""The overview tab's figures: a month against the month before and the same month last year.

A handful of GROUP BY queries over indexed columns, so it opens at once on 100,000 tickets.
The counting rules are in app/services/summary_data.py.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, or_, select
from sqlmodel import Session

from app.i18n import pick
from app.models import Complaint, CorrectiveAction, ReturnReceipt, SurveyCampaign, VisitReport
from app.services import complaint_counts as counts
from app.services import complaint_settings
from app.services.complaint_summary import as_at
from app.services.return_summary import not_given
from app.services.summary_data import KpiColumn, OpenAction, Overview

TREND_MONTHS = 24
CHART_MONTHS = 12  # the Pareto and the customers count the last year
TOP_CUSTOMERS = 10

_COLUMNS = (
    ("this_month", 0, ("本月", "This month")),
    ("last_month", -1, ("上月", "Last month")),
    ("last_year", -12, ("去年同月", "Same month last year")),
)


def overview(
    engine: Engine, month: date, *, today: date | None = None, lang: str | None = None
) -> Overview:
    """The month containing `month`, with its comparison columns and the charts."""
    first = counts.month_start(month)
    settings = complaint_settings.load(engine)
    chart_start = counts.add_months(first, 1 - CHART_MONTHS)
    chart_end = counts.month_end(first)
    in_charts = counts.complaints_received(*counts.bounds(chart_start, chart_end))

    def named(value: str) -> str:
        return value or not_given(lang)

    with Session(engine) as session:
        columns = [
            _column(
                session, key, counts.add_months(first, shift), pick(*words, lang), today, settings
            )
            for key, shift, words in _COLUMNS
        ]
        in_chart_total = counts.count(session, in_charts)
        action_day, _moment = as_at(date.max, today)
        return Overview(
            month=first,
            columns=columns,
            trend=counts.month_points(session, first, TREND_MONTHS),
            chart_start=chart_start,
            chart_end=chart_end,
            pareto=counts.pareto(session, in_charts, named),
            by_customer=counts.by_customer(session, in_charts, in_chart_total, TOP_CUSTOMERS),
            actions=counts.actions_by_department(session, action_day, named),
        )


def _column(
    session: Session,
    key: str,
    first: date,
    word: str,
    today: date | None,
    settings: complaint_settings.ComplaintSettings,
) -> KpiColumn:
    last = counts.month_end(first)
    start, end = counts.bounds(first, last)
    _as_of, moment = as_at(last, today)
    satisfaction = counts.satisfaction(session, last)
    return KpiColumn(
        key=key,
        label=f"{word} {first:%Y-%m}",
        start=first,
        end=last,
        received=counts.count(session, counts.complaints_received(start, end)),
        closed=counts.count(session, counts.tickets_closed(start, end)),
        open_at_end=counts.count_open_at(session, moment),
        overdue_at_end=counts.overdue_at(session, moment, settings),
        returns_qty=counts.returns_quantity(session, first, last),
        claims_amount=counts.claimed_amount(session, start, end),
        satisfaction_pct=satisfaction.index_pct if satisfaction else None,
    )


# ---------------------------------------------------------------- drill-down


def open_actions(engine: Engine, department: str, *, today: date | None = None) -> list[OpenAction]:
    """The actions of a department ("" = none given) open today, the most overdue first."""
    as_of, _moment = as_at(date.max, today)
    a = CorrectiveAction.__table__.c
    c, r = Complaint.__table__.c, ReturnReceipt.__table__.c
    s, v = SurveyCampaign.__table__.c, VisitReport.__table__.c
    query = (
        select(
            a.id,
            a.complaint_id,
            a.return_id,
            a.campaign_id,
            a.visit_id,
            c.number,
            r.number,
            s.number,
            v.number,
            a.description,
            a.department,
            a.owner,
            a.due,
        )  # fmt: skip
        .select_from(CorrectiveAction.__table__)
        .outerjoin(Complaint.__table__, c.id == a.complaint_id)
        .outerjoin(ReturnReceipt.__table__, r.id == a.return_id)
        .outerjoin(SurveyCampaign.__table__, s.id == a.campaign_id)
        .outerjoin(VisitReport.__table__, v.id == a.visit_id)
        .where(or_(*counts.actions_open_at(as_of)))
        .where(
            a.department == department
            if department
            else or_(a.department == "", a.department.is_(None))
        )
    )
    result: list[OpenAction] = []
    with Session(engine) as session:
        for row in session.execute(query):
            action_id, *owner_ids = row[:5]
            numbers = row[5:9]
            description, dept, owner, due = row[9:]
            kind, owner_id, number = next(
                (
                    (kind, oid, num)
                    for kind, oid, num in zip(
                        ("complaint", "return", "campaign", "visit"),
                        owner_ids,
                        numbers,
                        strict=True,
                    )
                    if oid is not None
                ),
                ("", 0, ""),
            )
            result.append(
                OpenAction(
                    action_id=action_id,
                    owner_kind=kind,
                    owner_id=owner_id,
                    owner_number=number or "",
                    description=description,
                    department=dept or "",
                    owner=owner,
                    due=due,
                    overdue=due is not None and due < as_of,
                )
            )
    result.sort(key=lambda x: (not x.overdue, x.due or date.max, x.owner_number))
    return result
