"""Every customer's code and names, for picking a record's customer by typing part of them.

A record's window loads them once as it opens: four columns of every customer in one statement,
made into tuples (5,000 customers in 10–30 ms on a slow PC). It used to read the customer
list's lines, each with its first contact and latest volume: ~0.9 s for 5,000 customers, every
time a ticket, return, service or visit report was opened.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import Engine, func, select

from app.models import Customer
from app.services.list_query import sort_order


class CustomerName(NamedTuple):
    """A customer as the pickers suggest it: a tuple, as 5,000 of them are made each time a
    record's window opens (a frozen dataclass took three times as long to make)."""

    id: int
    code: str
    name: str
    short_name: str

    @property
    def display(self) -> str:
        """“code  name(short name)”, as the suggestions show it."""
        text = f"{self.code}  {self.name}"
        if self.short_name and self.short_name not in self.name:
            text += f"({self.short_name})"
        return text


class CustomerNames:
    """The customers a picker suggests, in the customer list's order (by code)."""

    def __init__(self, names: Iterable[CustomerName]) -> None:
        self._by_id = {name.id: name for name in names}
        self.by_text = {name.display: customer_id for customer_id, name in self._by_id.items()}

    def display(self, customer_id: int | None) -> str:
        """The suggestion's text of a customer; "" for no or an unknown id (deleted meanwhile)."""
        name = self._by_id.get(customer_id) if customer_id else None
        return name.display if name is not None else ""

    def texts(self) -> list[str]:
        return list(self.by_text)

    def match(self, text: str) -> tuple[int | None, int]:
        """(customer id, number of matches) for what was typed: a suggestion's text, or a code,
        name or short name in full, or else a part of one suggestion only."""
        if text in self.by_text:
            return self.by_text[text], 1
        wanted = text.casefold()
        exact = [
            name.id
            for name in self._by_id.values()
            if wanted in (name.code.casefold(), name.name.casefold(), name.short_name.casefold())
        ]
        if len(exact) == 1:
            return exact[0], 1
        partial = {cid for shown, cid in self.by_text.items() if wanted in shown.casefold()}
        return (partial.pop(), 1) if len(partial) == 1 else (None, len(partial))


def load(engine: Engine) -> CustomerNames:
    """Every customer's code and names, in one statement."""
    columns = (Customer.id, Customer.code, Customer.name, func.coalesce(Customer.short_name, ""))
    query = select(*columns).order_by(
        *sort_order(engine, [Customer.code], False, Customer.__table__), Customer.id
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return CustomerNames(map(CustomerName._make, rows))
