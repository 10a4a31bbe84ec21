"""What the complaint ledger 客户抱怨处理总表 shows of each ticket, read for a big export.

The ledger needs 35 cells of a ticket, not the whole ticket: its own columns, the customer's
code and name, the number it was reopened from and, for an open ticket only, its deadlines
(which need the open ticket's actions). `iter_ledger` reads just those columns as plain rows,
a small chunk of tickets at a time in number order, and hands out one LedgerTicket after the
other: memory stays flat and small however many tickets there are (an export of whole
tickets, complaint_service.iter_complaints, holds 500 tickets with their 8D steps, actions,
history and photos, and the ORM rows they came from).

The cells are the same as for whole tickets: `LedgerTicket.of` makes one from a ComplaintData
(complaint_ledger_xlsx takes either), and a test compares the two readings cell for cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from sqlalchemy import Engine, bindparam, column, select, table, tuple_
from sqlalchemy.sql.annotation import _deep_deannotate

from app.models import Complaint, ComplaintStatus, CorrectiveAction, Customer
from app.models.common import utcnow
from app.services import complaint_service, complaint_settings, deadlines
from app.services.complaint_data import LEDGER_FIELDS, ComplaintFilter, LedgerTicket
from app.services.complaint_settings import ComplaintSettings
from app.services.deadlines import Deadline

LEDGER_CHUNK = 50  # tickets read at a time (one IN list; ~100 kB of rows; 200 held ~0.8 MB more)
ID_PAGE = 1000  # ids read at a time, in number order (~40 kB; all 100,000 at once were 0.4 MB)
ACTION_LABEL = 40  # characters of an action's description naming its deadline (as the form)

_OPEN = ComplaintStatus.OPEN.value

# what an open ticket's deadlines are computed from (deadlines.Milestones), besides those
_MILESTONES = (
    "customer_deadline", "first_reply_at", "containment_reply_at", "action_reply_at",
)  # fmt: skip
# a row of _ledger_query: id, LEDGER_FIELDS, customer code and name, origin number, _MILESTONES
_CUSTOMER = 1 + len(LEDGER_FIELDS)
_MILESTONE = _CUSTOMER + 3
# the ledger's order, the list's by number (with the id last: one place per ticket)
_ORDER = tuple(key.key for key in complaint_service.SORT_KEYS["number"])


def _id_pages(
    engine: Engine,
    flt: ComplaintFilter | None,
    now: datetime,
    limit: int | None = None,
    *,
    page: int = ID_PAGE,
) -> Iterator[list[int]]:
    """The matching tickets' ids in number order, `page` at a time: each page continues after
    the last ticket of the one before (by its place in that order, which the list's index
    ix_complaint_list_order serves), so no more than a page of ids is ever held."""
    complaint = Complaint.__table__
    # the list's query on its tables' columns, without the ORM's entities: an export that
    # reads only plain rows never sets the ORM up (its mappers take ~2 MB when first used)
    first = _deep_deannotate(
        complaint_service.ids_query(engine, flt, "number", False, now)
    ).add_columns(*(complaint.c[name] for name in _ORDER))
    after = first.where(
        tuple_(*(complaint.c[name] for name in _ORDER), complaint.c.id)
        > tuple_(*(bindparam(name) for name in _ORDER), bindparam("last_id"))
    )
    left = limit
    last: dict[str, object] | None = None
    while left is None or left > 0:
        size = page if left is None else min(page, left)
        ids: list[int] = []
        row = None
        with engine.connect() as connection:
            query = first.limit(size) if last is None else after.limit(size)
            for row in connection.execute(query, last or {}):  # one row object at a time
                ids.append(row[0])
        if row is None:
            return
        last = dict(zip(_ORDER, row[1:], strict=True))
        last["last_id"] = row[0]
        del row
        yield ids
        if len(ids) < size:
            return
        if left is not None:
            left -= len(ids)


def _matching(engine: Engine, flt: ComplaintFilter | None, now: datetime) -> int:
    """How many tickets the ledger will have (for the progress): the list's count, on the
    tables' columns."""
    with engine.connect() as connection:
        query = _deep_deannotate(complaint_service.count_query(engine, flt, now))
        return connection.execute(query).scalar_one()


def iter_ledger(
    engine: Engine,
    flt: ComplaintFilter | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    chunk: int = LEDGER_CHUNK,
    limit: int | None = None,
) -> Iterator[LedgerTicket]:
    """The ledger's tickets in number order, read `chunk` tickets at a time (a short
    connection each, as complaint_service.iter_complaints); `progress(done, total)` is called
    as each chunk has been read. A ticket deleted meanwhile is left out. `limit`: only the
    first tickets (the ledger reads its first 1,000 twice: once to size the columns)."""
    now = utcnow()
    total = _matching(engine, flt, now) if progress else 0
    if limit is not None:
        total = min(total, limit)
    settings = complaint_settings.load(engine)
    ledger, due_actions = _ledger_query(), _actions_query()
    done = 0
    for ids in _id_pages(engine, flt, now, limit):
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            with engine.connect() as connection:
                rows = {row[0]: row for row in connection.execute(ledger, {"ids": part})}
                any_open = any(row.status == _OPEN for row in rows.values())
                actions = _open_actions(connection, due_actions, part) if any_open else {}
            done += len(part)
            if progress:
                progress(done, max(total, done))
            for ticket_id in part:
                row = rows.get(ticket_id)
                if row is None:
                    continue
                ticket = LedgerTicket(*row[1:_CUSTOMER])
                ticket.customer_code, ticket.customer_name, origin = row[_CUSTOMER:_MILESTONE]
                ticket.origin_number = origin or ""
                if ticket.status == _OPEN:
                    ticket.deadlines = _deadlines(ticket, row, actions.get(ticket_id, ()), settings)
                yield ticket


def _ledger_query():  # noqa: ANN202
    """The ledger's columns of the tickets whose ids are bound as `ids`: one statement for
    every chunk (compiled once), on the tables' own columns (plain Core, no ORM entities)."""
    complaint, customer = Complaint.__table__, Customer.__table__
    # the origin's number alone: an alias of the whole table would make (and keep, with the
    # compiled statement) a copy of every one of its ~60 columns (~0.3 MB)
    origin = table(complaint.name, column("id"), column("number")).alias("origin")
    return (
        select(
            complaint.c.id,
            *(complaint.c[name] for name in LEDGER_FIELDS),
            customer.c.code,
            customer.c.name,
            origin.c.number,
            *(complaint.c[name] for name in _MILESTONES),
        )
        .join_from(complaint, customer, customer.c.id == complaint.c.customer_id)
        .outerjoin(origin, origin.c.id == complaint.c.origin_id)
        .where(complaint.c.id.in_(bindparam("ids", expanding=True)))
    )


def _actions_query():  # noqa: ANN202
    """(ticket, description, due, done_on) of the actions with a due day of the open tickets
    among those bound as `ids`, in the form's order: what an open ticket's deadlines are made
    of. A chunk's ids are bound, not its open ones: one statement for every chunk, where an IN
    list of each length would be another statement for SQLite to prepare and keep."""
    action, complaint = CorrectiveAction.__table__, Complaint.__table__
    return (
        select(action.c.complaint_id, action.c.description, action.c.due, action.c.done_on)
        .join_from(action, complaint, complaint.c.id == action.c.complaint_id)
        .where(action.c.complaint_id.in_(bindparam("ids", expanding=True)))
        .where(complaint.c.status == _OPEN)
        .where(action.c.due.is_not(None))
        .order_by(action.c.position, action.c.id)
    )


def _open_actions(connection, query, ids: list[int]) -> dict[int, list[tuple]]:  # noqa: ANN001
    """(description's first characters, due, done_on) of the open tickets' actions with a due
    date, in the form's order: what their deadlines are made of."""
    result: dict[int, list[tuple]] = {}
    for owner, description, due, done_on in connection.execute(query, {"ids": ids}):
        result.setdefault(owner, []).append((description[:ACTION_LABEL], due, done_on))
    return result


def _deadlines(
    ticket: LedgerTicket,
    row,
    actions,
    settings: ComplaintSettings,  # noqa: ANN001
) -> list[Deadline]:
    """As complaint_service computes them for a whole ticket (its _milestones)."""
    customer_deadline, first_reply_at, containment_reply_at, action_reply_at = row[_MILESTONE:]
    milestones = deadlines.Milestones(
        received_at=ticket.received_at or utcnow(),
        urgency=ticket.urgency,
        customer_deadline=customer_deadline,
        first_reply_at=first_reply_at,
        containment_reply_at=containment_reply_at,
        action_reply_at=action_reply_at,
        reply_at=ticket.reply_at,
        visit_at=ticket.visit_at,
        open_actions=tuple(actions),
    )
    return deadlines.compute(milestones, settings)
