"""The first page of a short search of the complaint list, without reading every ticket's text.

A search for one or two characters (碳刷, 异响) cannot use the trigram index: finding every match
scans the text of all tickets (~30 ms for 100,000), and the list waited for that scan before it
showed anything. But a common short word fills the first page within the first few thousand
tickets of the list's order (碳刷 is in one ticket of 18), so the list looks there first: the
first HEAD tickets in list order, each one's text looked up by id, the matches in list order.
When at least a page of them match, they are exactly the list's first page (every ticket before
the last of them was looked at); the list shows them while the whole scan counts the rest. When
fewer match (a rare word), the answer is None and the whole scan decides, as before.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import Engine, select

from app.models.common import utcnow
from app.models.complaint import Complaint
from app.models.customer import Customer
from app.services import text_search
from app.services.complaint_data import ComplaintFilter
from app.services.complaint_service import SORT_KEYS, _where
from app.services.list_query import QueryCancel, cancellable, sort_order

HEAD = 4000  # tickets looked through in list order (5–10 ms; 碳刷 fills a page in ~3,600)
# sort keys without an index: the head itself would sort every ticket, as long as the scan takes
UNINDEXED_SORTS = ("urgency", "step", "owner")


def first_page_ids(
    engine: Engine,
    flt: ComplaintFilter | None,
    sort: str = "number",
    descending: bool = True,
    now: datetime | None = None,
    *,
    limit: int,
    cancel: QueryCancel | None = None,
) -> list[int] | None:
    """The first `limit` ids of the list for a search that scans (one or two characters),
    found among the first HEAD tickets in list order; None when fewer match there or the
    search does not scan, or the list is sorted by a column without an index (the list's own
    queries answer it then)."""
    flt = flt or ComplaintFilter()
    text = flt.text.strip()
    if limit <= 0 or sort in UNINDEXED_SORTS:
        return None
    if not text_search.usable(engine, text) or not text_search.scans(engine, text):
        return None
    keys = SORT_KEYS.get(sort, SORT_KEYS["number"])
    # the list's head without its text condition, in list order, with the keys to sort it again
    head = select(
        Complaint.id.label("id"),
        Complaint.customer_id.label("customer_id"),
        *(key.label(f"key{i}") for i, key in enumerate(keys)),
    )
    if sort == "customer":
        head = head.join(Customer, Customer.id == Complaint.customer_id)
    order = sort_order(engine, keys, descending, Complaint.__table__)
    order.append(Complaint.id.desc() if descending else Complaint.id.asc())
    head = (
        head.where(_where(replace(flt, text=""), now or utcnow(), indexed=True))
        .order_by(*order)
        .limit(HEAD)
        .subquery("head")
    )
    # what the list's search matches (complaint_service._where): the ticket's own text or its
    # customer's code/name/short name
    customers = text_search.ids_matching(text_search.CUSTOMER, text, ("names",))
    matching = text_search.contains(
        text_search.COMPLAINT, text, head.c.id
    ) | head.c.customer_id.in_(customers)
    again = sort_order(engine, [head.c[f"key{i}"] for i in range(len(keys))], descending)
    again.append(head.c.id.desc() if descending else head.c.id.asc())
    query = select(head.c.id).where(matching).order_by(*again).limit(limit)
    with cancellable(engine, cancel) as connection:
        ids = list(connection.execute(query).scalars())
    return ids if len(ids) == limit else None
