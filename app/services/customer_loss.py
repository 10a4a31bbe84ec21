"""Customer-loss analysis 顾客流失分析: annual volume year on year (seed 001, every half year).

previous = year − 1. Lost: bought the year before and nothing this year, or marked lost (with
volume in either year); fell, stable, grew: this year's volume against last year's; new: nothing
the year before. Customers without volume in either year are left out. Biggest decline first.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from app.models import Customer, CustomerAnnualVolume, CustomerStatus
from app.services.survey_data import CustomerLoss, LossRow

_EPSILON = 1e-9


def loss_kind(previous: float | None, current: float | None, status: str) -> str | None:
    """The row's kind; None when the customer bought nothing in either year."""
    before, now = previous or 0.0, current or 0.0
    if before <= _EPSILON and now <= _EPSILON:
        return None
    if status == CustomerStatus.LOST.value or now <= _EPSILON:
        return "lost"  # marked lost by the sales department, or bought nothing this year
    if before <= _EPSILON:
        return "new"
    if abs(now - before) <= _EPSILON:
        return "stable"
    return "fell" if now < before else "grew"


def customer_loss(engine: Engine, year: int) -> CustomerLoss:
    """Every customer with volume in year − 1 or year, by kind; two queries."""
    volumes: dict[int, dict[int, float]] = {}
    with Session(engine) as session:
        for customer_id, y, amount in session.exec(
            select(
                CustomerAnnualVolume.customer_id,
                CustomerAnnualVolume.year,
                CustomerAnnualVolume.amount_wan,
            ).where(col(CustomerAnnualVolume.year).in_([year - 1, year]))
        ):
            volumes.setdefault(customer_id, {})[y] = amount
        customers = (
            session.exec(select(Customer).where(col(Customer.id).in_(list(volumes)))).all()
            if volumes
            else []
        )
    rows = []
    for c in customers:
        by_year = volumes[c.id]  # type: ignore[index]
        previous, current = by_year.get(year - 1), by_year.get(year)
        kind = loss_kind(previous, current, c.status)
        if kind is None:
            continue
        rows.append(
            LossRow(
                customer_id=c.id,  # type: ignore[arg-type]
                customer_code=c.code,
                customer_name=c.name,
                status=c.status,
                sales_rep=c.sales_rep,
                previous_wan=previous,
                current_wan=current,
                kind=kind,
            )
        )
    rows.sort(key=lambda r: (r.change_wan, r.customer_code))
    return CustomerLoss(
        year=year,
        rows=rows,
        previous_total=sum(r.previous_wan or 0.0 for r in rows),
        current_total=sum(r.current_wan or 0.0 for r in rows),
    )
