"""Returns summary 退货汇总 for management (SPEC §2.6; seed 002 §7): totals and breakdowns.

Everything is counted in the database with GROUP BY, so a data file with 100,000 return lines
costs a handful of queries, not 100,000 objects. Cancelled returns are left out; the period
filters on the day the goods were received.

Bulk periodic returns 统退货 are returns the customer collects over a season or a period; they
are never complaint cases (seed 002 §7.1). `complaint_cases` counts the other returns only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    and_,
    case,
    distinct,
    false,
    func,
    select,
    true,
)
from sqlmodel import Session

from app.i18n import pick
from app.models import Customer, ReturnLine, ReturnReceipt, ReturnStatus
from app.services.complaint_data import label
from app.services.return_data import DISPOSITION_LABELS, LINE_RESPONSIBILITY_LABELS

DISPOSITIONS = tuple(
    DISPOSITION_LABELS
)  # qty_rework, qty_scrap, qty_return, qty_accept, qty_replace
RESPONSIBILITY_ORDER = ("ours", "not_ours", "")

_receipt = ReturnReceipt.__table__
_line = ReturnLine.__table__
_customer = Customer.__table__


def counts_as_complaint(bulk: bool) -> bool:
    """A return is a complaint case unless it is a bulk periodic return 统退货 (seed 002 §7.1)."""
    return not bulk


# the same rule in SQL: only returns that are not bulk count as complaint cases (seed 002 §7.1)
_COUNTS_AS_COMPLAINT: ColumnElement[bool] = _receipt.c.bulk == false()
_IS_BULK: ColumnElement[bool] = _receipt.c.bulk == true()


# ---------------------------------------------------------------- the result


@dataclass(frozen=True)
class ReturnsTotals:
    """Figures over every return in the period (cancelled ones left out)."""

    returns: int = 0
    complaint_cases: int = 0  # returns that are not bulk returns (seed 002 §7.1)
    bulk_returns: int = 0  # 统退货: never complaint cases
    lines: int = 0
    qty_returned: float = 0.0
    qty_inspected: float = 0.0
    qty_defective: float = 0.0
    qty_rework: float = 0.0
    qty_scrap: float = 0.0
    qty_return: float = 0.0
    qty_accept: float = 0.0
    qty_replace: float = 0.0
    urgent_lines: int = 0  # replacement needed and stock short → urgent production (§6.1.5)

    @property
    def qty_disposed(self) -> float:
        return sum(getattr(self, name) for name in DISPOSITIONS)


@dataclass(frozen=True)
class BreakdownRow:
    """One group of a breakdown (a customer, a product, a defect category, a responsibility)."""

    key: str  # customer code, material no., defect category or ours / not_ours / ""
    label: str  # customer name, material name, category (or "(未填写)"), responsibility label
    returns: int = 0
    bulk_returns: int = 0
    lines: int = 0
    qty_returned: float = 0.0
    qty_defective: float = 0.0
    qty_rework: float = 0.0
    qty_scrap: float = 0.0
    qty_return: float = 0.0
    qty_accept: float = 0.0
    qty_replace: float = 0.0

    @property
    def complaint_cases(self) -> int:
        return self.returns - self.bulk_returns

    @property
    def defect_rate(self) -> float | None:
        """Defective share of the quantity returned (0–1); None when nothing was returned."""
        return self.qty_defective / self.qty_returned if self.qty_returned else None


@dataclass(frozen=True)
class DispositionRow:
    """Where defective pieces went: one row per disposition (rework, scrap, …)."""

    key: str  # a field of ReturnLine: qty_rework, qty_scrap, qty_return, qty_accept, qty_replace
    label: str
    returns: int = 0  # returns with at least one line disposed of this way
    lines: int = 0
    qty_returned: float = 0.0  # of those lines
    qty_defective: float = 0.0  # of those lines
    quantity: float = 0.0  # pieces disposed of this way


@dataclass(frozen=True)
class ReturnsSummary:
    date_from: date | None
    date_to: date | None
    totals: ReturnsTotals
    by_customer: list[BreakdownRow]
    by_product: list[BreakdownRow]
    by_defect_category: list[BreakdownRow]
    by_responsibility: list[BreakdownRow]
    by_disposition: list[DispositionRow]

    @property
    def period(self) -> tuple[date | None, date | None]:
        """(from, to); None is an open end."""
        return self.date_from, self.date_to


# ---------------------------------------------------------------- queries


def not_given(lang: str | None = None) -> str:
    """The label of an empty key (no material number, no defect category)."""
    return pick("(未填写)", "(not given)", lang)


def _in_period(date_from: date | None, date_to: date | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [_receipt.c.status != ReturnStatus.CANCELLED.value]
    if date_from is not None:
        conditions.append(_receipt.c.received_on >= date_from)
    if date_to is not None:
        conditions.append(_receipt.c.received_on <= date_to)
    return conditions


def _total(column: ColumnElement) -> ColumnElement:
    return func.coalesce(func.sum(column), 0)


def _line_measures() -> list[ColumnElement]:
    """returns, bulk returns, lines, qty returned, qty defective, then the five dispositions."""
    return [
        func.count(distinct(_line.c.return_id)),
        func.count(distinct(case((_IS_BULK, _line.c.return_id)))),
        func.count(_line.c.id),
        _total(_line.c.quantity),
        _total(_line.c.qty_defective),
        *(_total(_line.c[name]) for name in DISPOSITIONS),
    ]


def _row(key: str, label_text: str, measures: Sequence) -> BreakdownRow:
    returns, bulk, lines, returned, defective, *disposed = measures
    return BreakdownRow(
        key=key,
        label=label_text,
        returns=int(returns),
        bulk_returns=int(bulk),
        lines=int(lines),
        qty_returned=float(returned),
        qty_defective=float(defective),
        **{name: float(value) for name, value in zip(DISPOSITIONS, disposed, strict=True)},
    )


def _by_size(rows: list[BreakdownRow]) -> list[BreakdownRow]:
    """Largest defective quantity first (a Pareto order), then quantity returned, then key."""
    return sorted(rows, key=lambda r: (-r.qty_defective, -r.qty_returned, r.key))


def _lines_query(conditions: list[ColumnElement[bool]], *group: ColumnElement) -> Select:
    return (
        select(*group, *_line_measures())
        .select_from(_line.join(_receipt, _line.c.return_id == _receipt.c.id))
        .where(and_(*conditions))
        .group_by(*group)
    )


def _totals(session: Session, conditions: list[ColumnElement[bool]]) -> ReturnsTotals:
    # from the receipts, so that a return without lines still counts as a return
    receipts = (
        select(
            func.count(distinct(_receipt.c.id)),
            func.count(distinct(case((_COUNTS_AS_COMPLAINT, _receipt.c.id)))),
            func.count(distinct(case((_IS_BULK, _receipt.c.id)))),
            func.count(_line.c.id),
            _total(_line.c.quantity),
            _total(_line.c.qty_inspected),
            _total(_line.c.qty_defective),
            *(_total(_line.c[name]) for name in DISPOSITIONS),
            func.coalesce(
                func.sum(
                    case(
                        (and_(_line.c.qty_replace > 0, _line.c.stock_short == true()), 1),
                        else_=0,
                    )
                ),
                0,
            ),
        )
        .select_from(_receipt.outerjoin(_line, _line.c.return_id == _receipt.c.id))
        .where(and_(*conditions))
    )
    returns, complaints, bulk, lines, returned, inspected, defective, *rest = session.execute(
        receipts
    ).one()
    *disposed, urgent = rest
    return ReturnsTotals(
        returns=int(returns),
        complaint_cases=int(complaints),
        bulk_returns=int(bulk),
        lines=int(lines),
        qty_returned=float(returned),
        qty_inspected=float(inspected),
        qty_defective=float(defective),
        urgent_lines=int(urgent),
        **{name: float(value) for name, value in zip(DISPOSITIONS, disposed, strict=True)},
    )


def _by_customer(session: Session, conditions: list[ColumnElement[bool]]) -> list[BreakdownRow]:
    query = (
        select(
            _customer.c.code,
            _customer.c.name,
            func.count(distinct(_receipt.c.id)),
            func.count(distinct(case((_IS_BULK, _receipt.c.id)))),
            func.count(_line.c.id),
            _total(_line.c.quantity),
            _total(_line.c.qty_defective),
            *(_total(_line.c[name]) for name in DISPOSITIONS),
        )
        .select_from(
            _receipt.join(_customer, _receipt.c.customer_id == _customer.c.id).outerjoin(
                _line, _line.c.return_id == _receipt.c.id
            )
        )
        .where(and_(*conditions))
        .group_by(_receipt.c.customer_id, _customer.c.code, _customer.c.name)
    )
    rows = [_row(code, name, measures) for code, name, *measures in session.execute(query)]
    return _by_size(rows)


def _by_product(session: Session, conditions: list[ColumnElement[bool]]) -> list[BreakdownRow]:
    # one row per material number, labelled with its name (the alphabetically last one given)
    query = _lines_query(conditions, _line.c.material_no).add_columns(
        func.max(_line.c.material_name)
    )
    rows = [
        _row(material_no, name or "", measures)
        for material_no, *measures, name in session.execute(query)
    ]
    return _by_size(rows)


def _by_category(
    session: Session, conditions: list[ColumnElement[bool]], lang: str | None
) -> list[BreakdownRow]:
    query = _lines_query(conditions, _line.c.defect_category)
    rows = [
        _row(category, category or not_given(lang), measures)
        for category, *measures in session.execute(query)
    ]
    return _by_size(rows)


def _by_responsibility(
    session: Session, conditions: list[ColumnElement[bool]], lang: str | None
) -> list[BreakdownRow]:
    query = _lines_query(conditions, _line.c.responsibility)
    found = {key: measures for key, *measures in session.execute(query)}
    # ours / not ours / not determined always shown, in that order; unknown values after them
    keys = [*RESPONSIBILITY_ORDER, *sorted(k for k in found if k not in RESPONSIBILITY_ORDER)]
    empty = [0] * (5 + len(DISPOSITIONS))
    return [
        _row(key, label(LINE_RESPONSIBILITY_LABELS, key, lang), found.get(key, empty))
        for key in keys
    ]


def _by_disposition(
    session: Session, conditions: list[ColumnElement[bool]], lang: str | None
) -> list[DispositionRow]:
    columns: list[ColumnElement] = []
    for name in DISPOSITIONS:
        used = _line.c[name] > 0
        columns += [
            func.count(distinct(case((used, _line.c.return_id)))),
            _total(case((used, 1), else_=0)),
            _total(case((used, _line.c.quantity), else_=0)),
            _total(case((used, _line.c.qty_defective), else_=0)),
            _total(_line.c[name]),
        ]
    query = (
        select(*columns)
        .select_from(_line.join(_receipt, _line.c.return_id == _receipt.c.id))
        .where(and_(*conditions))
    )
    values = list(session.execute(query).one())
    rows = []
    for i, name in enumerate(DISPOSITIONS):
        returns, lines, returned, defective, quantity = values[i * 5 : i * 5 + 5]
        rows.append(
            DispositionRow(
                key=name,
                label=label(DISPOSITION_LABELS, name, lang),
                returns=int(returns),
                lines=int(lines),
                qty_returned=float(returned),
                qty_defective=float(defective),
                quantity=float(quantity),
            )
        )
    return rows


def returns_summary(
    engine: Engine,
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    lang: str | None = None,
) -> ReturnsSummary:
    """Totals and breakdowns of the returns received from `date_from` to `date_to` (inclusive).

    A None bound leaves that end open; no bounds = every return. Cancelled returns are left out.
    Labels are in `lang` (default: the current language).
    """
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ValueError(f"the period starts ({date_from}) after it ends ({date_to})")
    conditions = _in_period(date_from, date_to)
    with Session(engine) as session:
        return ReturnsSummary(
            date_from=date_from,
            date_to=date_to,
            totals=_totals(session, conditions),
            by_customer=_by_customer(session, conditions),
            by_product=_by_product(session, conditions),
            by_defect_category=_by_category(session, conditions, lang),
            by_responsibility=_by_responsibility(session, conditions, lang),
            by_disposition=_by_disposition(session, conditions, lang),
        )
