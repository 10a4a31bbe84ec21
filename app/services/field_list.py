"""The field-service tab's one list over service reports and visit reports.

A line is keyed by (kind, id): kind "service" or "visit". search_ids() filters in SQL per kind
and merges the two in list order; rows_for_ids() builds the lines of one page (a few queries,
whatever the page size), as the other lazy lists do.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import Engine, and_, func, or_
from sqlmodel import Session, col, select

from app.models import CorrectiveAction, Customer, ServiceReport, VisitReport
from app.services import field_service, text_search
from app.services.field_data import FieldFilter, FieldRow, split_names
from app.services.list_query import QueryCancel, cancellable

Key = tuple[str, int]
SORT_KEYS = ("date", "number", "customer", "kind", "people", "result", "open")


def _month_days(month: tuple[int, int]) -> tuple[date, date]:
    year, number = month
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def _day_start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()).astimezone()


def _open_actions():  # noqa: ANN202
    """Open follow-ups per visit: not verified effective."""
    return (
        select(CorrectiveAction.visit_id, func.count().label("n"))
        .where(col(CorrectiveAction.visit_id).is_not(None))
        .where(CorrectiveAction.verification != "effective")
        .group_by(CorrectiveAction.visit_id)
        .subquery()
    )


def _like(column, text: str):  # noqa: ANN001, ANN202
    return col(column).icontains(text, autoescape=True)


def _service_query(flt: FieldFilter, indexed: bool = False):  # noqa: ANN202
    conditions = []
    text = flt.text.strip()
    if text and indexed:
        conditions.append(
            or_(
                col(ServiceReport.id).in_(
                    text_search.ids_matching(text_search.SERVICE_REPORT, text)
                ),
                col(ServiceReport.customer_id).in_(
                    text_search.ids_matching(text_search.CUSTOMER, text, ("names",))
                ),
            )
        )
    elif text:
        conditions.append(
            or_(
                *(
                    _like(c, text)
                    for c in (
                        ServiceReport.number,
                        ServiceReport.engineers,
                        ServiceReport.product_model,
                        ServiceReport.serial_no,
                        ServiceReport.problem_found,
                        ServiceReport.work_done,
                        ServiceReport.site_address,
                        Customer.code,
                        Customer.name,
                        Customer.short_name,
                    )
                )
            )  # fmt: skip
        )
    if flt.customer_id is not None:
        conditions.append(ServiceReport.customer_id == flt.customer_id)
    if flt.engineer.strip():
        conditions.append(_like(ServiceReport.engineers, flt.engineer.strip()))
    if flt.month is not None:
        first, last = _month_days(flt.month)
        conditions.append(col(ServiceReport.arrived_at) >= _day_start(first))
        conditions.append(col(ServiceReport.arrived_at) < _day_start(last + timedelta(days=1)))
    if flt.open_follow_ups_only:
        conditions.append(ServiceReport.result != "solved")
    return (
        select(
            ServiceReport.id,
            ServiceReport.number,
            ServiceReport.prefix,
            ServiceReport.year,
            ServiceReport.seq,
            ServiceReport.arrived_at,
            Customer.name,
            ServiceReport.engineers,
            ServiceReport.result,
        )
        .join(Customer, Customer.id == ServiceReport.customer_id)
        .where(and_(True, *conditions))
    )


def _visit_query(flt: FieldFilter, indexed: bool = False):  # noqa: ANN202
    opened = _open_actions()
    conditions = []
    text = flt.text.strip()
    if text and indexed:
        conditions.append(
            or_(
                col(VisitReport.id).in_(text_search.ids_matching(text_search.VISIT_REPORT, text)),
                col(VisitReport.customer_id).in_(
                    text_search.ids_matching(text_search.CUSTOMER, text, ("names",))
                ),
            )
        )
    elif text:
        conditions.append(
            or_(
                *(
                    _like(c, text)
                    for c in (
                        VisitReport.number,
                        VisitReport.visitors,
                        VisitReport.attendees,
                        VisitReport.topics,
                        VisitReport.feedback,
                        VisitReport.requests,
                        Customer.code,
                        Customer.name,
                        Customer.short_name,
                    )
                )
            )  # fmt: skip
        )
    if flt.customer_id is not None:
        conditions.append(VisitReport.customer_id == flt.customer_id)
    if flt.engineer.strip():
        conditions.append(_like(VisitReport.visitors, flt.engineer.strip()))
    if flt.month is not None:
        first, last = _month_days(flt.month)
        conditions.append(col(VisitReport.visited_on) >= first)
        conditions.append(col(VisitReport.visited_on) <= last)
    if flt.open_follow_ups_only:
        conditions.append(func.coalesce(opened.c.n, 0) > 0)
    return (
        select(
            VisitReport.id,
            VisitReport.number,
            VisitReport.prefix,
            VisitReport.year,
            VisitReport.seq,
            VisitReport.visited_on,
            Customer.name,
            VisitReport.visitors,
            func.coalesce(opened.c.n, 0),
        )
        .join(Customer, Customer.id == VisitReport.customer_id)
        .outerjoin(opened, opened.c.visit_id == VisitReport.id)
        .where(and_(True, *conditions))
    )


def search_ids(
    engine: Engine,
    flt: FieldFilter | None = None,
    sort: str = "date",
    descending: bool = True,
    *,
    limit: int | None = None,
    cancel: QueryCancel | None = None,
) -> list[Key]:
    """(kind, id) of the matching reports and visits, in list order.

    limit: only the first keys (the list's first page); cancel: stop it from another thread.
    """
    flt = flt or FieldFilter()
    indexed = text_search.usable(engine, flt.text.strip())
    entries: list[tuple[tuple, Key]] = []
    with cancellable(engine, cancel) as connection:
        if flt.kind in (None, "", "service"):
            for i, number, prefix, year, seq, arrived, name, people, result in connection.execute(
                _service_query(flt, indexed)
            ):
                day = field_service.local_day(arrived)
                keys = {
                    "date": (day, 0),
                    "number": (prefix, year, seq, number),
                    "customer": (name,),
                    "kind": ("service",),
                    "people": (people,),
                    "result": (result,),
                    "open": (int(result != "solved"),),
                }
                entries.append(((keys.get(sort, keys["date"]), day, "service", i), ("service", i)))
        if flt.kind in (None, "", "visit"):
            for i, number, prefix, year, seq, visited, name, people, n_open in connection.execute(
                _visit_query(flt, indexed)
            ):
                keys = {
                    "date": (visited, 0),
                    "number": (prefix, year, seq, number),
                    "customer": (name,),
                    "kind": ("visit",),
                    "people": (people,),
                    "result": ("",),
                    "open": (int(n_open),),
                }
                entries.append(((keys.get(sort, keys["date"]), visited, "visit", i), ("visit", i)))
    entries.sort(key=lambda e: e[0], reverse=descending)
    if limit is not None:
        entries = entries[:limit]
    return [key for _, key in entries]


def count_matching(
    engine: Engine, flt: FieldFilter | None = None, *, cancel: QueryCancel | None = None
) -> int:
    """How many reports and visits the list shows for this filter."""
    flt = flt or FieldFilter()
    indexed = text_search.usable(engine, flt.text.strip())
    total = 0
    with cancellable(engine, cancel) as connection:
        if flt.kind in (None, "", "service"):
            counted = select(func.count()).select_from(_service_query(flt, indexed).subquery())
            total += connection.execute(counted).scalar_one()
        if flt.kind in (None, "", "visit"):
            counted = select(func.count()).select_from(_visit_query(flt, indexed).subquery())
            total += connection.execute(counted).scalar_one()
    return total


def rows_for_ids(engine: Engine, keys: Sequence[Key]) -> dict[Key, FieldRow]:
    """List lines for a page of (kind, id) keys."""
    service_ids = [i for kind, i in keys if kind == "service"]
    visit_ids = [i for kind, i in keys if kind == "visit"]
    result: dict[Key, FieldRow] = {}
    with Session(engine) as session:
        if service_ids:
            query = (
                select(ServiceReport, Customer.code, Customer.name)
                .join(Customer, Customer.id == ServiceReport.customer_id)
                .where(col(ServiceReport.id).in_(service_ids))
            )
            for r, code, name in session.exec(query):
                result[("service", r.id)] = FieldRow(
                    kind="service",
                    id=r.id,
                    number=r.number,
                    customer_id=r.customer_id,
                    customer_code=code,
                    customer_name=name,
                    date=field_service.local_day(r.arrived_at),
                    people=", ".join(split_names(r.engineers)),
                    summary=_first_line(r.problem_found or r.work_done),
                    result=r.result,
                    open_follow_ups=int(r.result != "solved"),
                    hours=field_service.hours_on_site(r.arrived_at, r.departed_at),
                )
        if visit_ids:
            opened = _open_actions()
            query = (
                select(VisitReport, Customer.code, Customer.name, func.coalesce(opened.c.n, 0))
                .join(Customer, Customer.id == VisitReport.customer_id)
                .outerjoin(opened, opened.c.visit_id == VisitReport.id)
                .where(col(VisitReport.id).in_(visit_ids))
            )
            for v, code, name, n_open in session.exec(query):
                result[("visit", v.id)] = FieldRow(
                    kind="visit",
                    id=v.id,
                    number=v.number,
                    customer_id=v.customer_id,
                    customer_code=code,
                    customer_name=name,
                    date=v.visited_on,
                    people=", ".join(split_names(v.visitors)),
                    summary=_first_line(v.topics or v.feedback),
                    result="",
                    open_follow_ups=int(n_open),
                    next_visit_on=v.next_visit_on,
                )
    return result


EXPORT_CHUNK = 500  # lines read at a time for an export


def iter_rows(
    engine: Engine,
    flt: FieldFilter | None = None,
    sort: str = "date",
    descending: bool = True,
    progress: Callable[[int, int], None] | None = None,
    *,
    chunk: int = EXPORT_CHUNK,
) -> Iterator[FieldRow]:
    """Every matching line in list order, read a chunk at a time;
    `progress(done, total)` is called as each chunk has been read."""
    keys = search_ids(engine, flt, sort, descending)
    for start in range(0, len(keys), chunk):
        part = keys[start : start + chunk]
        rows = rows_for_ids(engine, part)
        if progress:
            progress(start + len(part), len(keys))
        yield from (rows[key] for key in part if key in rows)


def list_rows(
    engine: Engine, flt: FieldFilter | None = None, sort: str = "date", descending: bool = True
) -> list[FieldRow]:
    """Every matching line in list order (CLI `list service-reports --json`, exports)."""
    return list(iter_rows(engine, flt, sort, descending))


def _first_line(text: str, limit: int = 120) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"
