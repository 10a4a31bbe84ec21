"""The raw query of the app's text index (migration 0010), for the search baseline.

The first page of tickets whose text contains the typed text, as the complaint list finds them
(the ticket's own fields, or its customer's code/name/short name), written out in SQL and run
through sqlite3: FTS5 trigram phrase queries for 3+ characters, instr() over the compact
lower-cased text tables below that.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from figures.lists import PAGE, PAGE_SQL


def raw_index_query(connection: sqlite3.Connection, text: str) -> tuple[Callable[[], list], str] | None:  # fmt: skip
    """(run the first page's query, how) through the data file's text index; None without one."""
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if not {"complaint_text_fts", "customer_text_fts"} <= tables:
        return None
    needle = text.strip().lower()
    if len(needle) >= 3:
        phrase = '"' + needle.replace('"', '""') + '"'
        where = (
            "WHERE c.id IN (SELECT rowid FROM complaint_text_fts WHERE complaint_text_fts MATCH ?)"
            " OR c.customer_id IN (SELECT rowid FROM customer_text_fts"
            " WHERE customer_text_fts MATCH ?)"
        )
        params: tuple = (phrase, "{names} : " + phrase)
        how = "FTS5 trigram query via sqlite3"
    else:
        where = (
            "WHERE c.id IN (SELECT id FROM complaint_text WHERE instr(number, ?) > 0"
            " OR instr(body, ?) > 0)"
            " OR c.customer_id IN (SELECT id FROM customer_text WHERE instr(names, ?) > 0)"
        )
        params = (needle, needle, needle)
        how = "instr() over the text table via sqlite3 (< 3 characters)"
    sql = PAGE_SQL.format(where=where, limit=PAGE)
    return (lambda: connection.execute(sql, params).fetchall()), how
