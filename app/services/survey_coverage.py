"""Survey coverage 顾客满意度测量的范围: which customers a campaign must ask (seed 001, §2.4).

A customer's tier comes from its annual volume (万元) of the campaign's volume year and its full
years of cooperation at the start of the period: lost → lost; under one year → daily contact
instead; ≥ 100 → all; 50–100 → most; otherwise ≥ 2 years or potential → many; else optional.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from app.models import Customer, CustomerAnnualVolume, CustomerContact, CustomerStatus
from app.services.survey_data import Proposal

ALL_WAN = 100.0  # 100万
MOST_WAN = 50.0  # 50万
MANY_YEARS = 2
TIER_ORDER = ("all", "most", "many", "optional", "daily", "lost")


def full_years(since: date | None, on: date) -> int | None:
    """Whole years from since to on (an anniversary counts on its day); None when unknown."""
    if since is None:
        return None
    return on.year - since.year - ((on.month, on.day) < (since.month, since.day))


def tier_for(
    volume_wan: float | None,
    cooperation_since: date | None,
    potential: bool,
    status: str,
    on: date,
) -> str:
    """The coverage tier of one customer for a campaign starting on `on`."""
    if status == CustomerStatus.LOST.value:
        return "lost"
    years = full_years(cooperation_since, on)
    if years is not None and years < 1:
        return "daily"
    volume = volume_wan or 0.0
    if volume >= ALL_WAN:
        return "all"
    if volume >= MOST_WAN:
        return "most"
    if (years is not None and years >= MANY_YEARS) or potential:
        return "many"
    return "optional"


def volumes_of(
    session: Session, year: int, customer_ids: Iterable[int] | None = None
) -> dict[int, float]:
    """Annual volumes of one year by customer id (all customers, or the ones given)."""
    query = select(CustomerAnnualVolume.customer_id, CustomerAnnualVolume.amount_wan).where(
        CustomerAnnualVolume.year == year
    )
    if customer_ids is None:
        return dict(session.exec(query).all())
    ids = list(customer_ids)
    result: dict[int, float] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        result.update(
            session.exec(query.where(col(CustomerAnnualVolume.customer_id).in_(chunk))).all()
        )
    return result


def first_contacts(
    session: Session, customer_ids: Iterable[int] | None = None
) -> dict[int, tuple[str, str]]:
    """(name, phone) of each customer's first contact."""
    query = select(
        CustomerContact.customer_id, CustomerContact.name, CustomerContact.phone
    ).order_by(
        CustomerContact.customer_id, CustomerContact.position.desc(), CustomerContact.id.desc()
    )
    rows: list[tuple[int, str, str]] = []
    if customer_ids is None:
        rows = list(session.exec(query).all())
    else:
        ids = list(customer_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows.extend(
                session.exec(query.where(col(CustomerContact.customer_id).in_(chunk))).all()
            )
    # ordered last-first within a customer, so the first contact is written last and wins
    return {customer_id: (name, phone) for customer_id, name, phone in rows}


def proposals(session: Session, *, volume_year: int, on: date) -> list[Proposal]:
    """Every customer with its tier; three queries whatever the number of customers."""
    volumes = volumes_of(session, volume_year)
    contacts = first_contacts(session)
    result = []
    # the columns the tier needs, not whole customers: 5,000 of them at every prefill
    columns = (Customer.id, Customer.code, Customer.name, Customer.cooperation_since,
               Customer.potential, Customer.status)  # fmt: skip
    for c in session.exec(select(*columns).order_by(Customer.code)):
        volume = volumes.get(c.id)  # type: ignore[arg-type]
        name, phone = contacts.get(c.id, ("", ""))  # type: ignore[arg-type]
        result.append(
            Proposal(
                customer_id=c.id,  # type: ignore[arg-type]
                customer_code=c.code,
                customer_name=c.name,
                tier=tier_for(volume, c.cooperation_since, c.potential, c.status, on),
                volume_wan=volume,
                years=full_years(c.cooperation_since, on),
                potential=c.potential,
                contact_name=name,
                contact_phone=phone,
            )
        )
    result.sort(key=lambda p: (TIER_ORDER.index(p.tier), -(p.volume_wan or 0), p.customer_code))
    return result


def propose(engine: Engine, *, volume_year: int, on: date) -> list[Proposal]:
    """Every customer with its tier for a campaign starting on `on`, the surveyed tiers first."""
    with Session(engine) as session:
        return proposals(session, volume_year=volume_year, on=on)


def tier_of_customer(session: Session, customer_id: int, *, volume_year: int, on: date) -> str:
    c = session.get(Customer, customer_id)
    if c is None:
        raise ValueError(f"no customer {customer_id}")
    volume = volumes_of(session, volume_year, [customer_id]).get(customer_id)
    return tier_for(volume, c.cooperation_since, c.potential, c.status, on)
