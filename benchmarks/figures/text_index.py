"""The raw queries of the app's text index (migration 0010), for the search baseline.

As the issue names it: the raw text-index query through sqlite3, i.e. what the index answers
for the typed text — the ids of the tickets whose own text contains it and the ids of the
customers whose code/name/short name contain it (the complaint list searches both). FTS5
trigram queries for 3+ characters (every trigram, re-checked with instr() where needed);
instr() over the compact lower-cased text tables below that, as the app does. No ordering,
no page, no rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def raw_index_query(connection: sqlite3.Connection, text: str) -> tuple[Callable[[], list], str] | None:  # fmt: skip
    """(run the index's queries for text, how); None when the data file has no text index."""
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if not {"complaint_text_fts", "customer_text_fts"} <= tables:
        return None
    needle = text.strip().lower()
    if len(needle) >= 3:
        # the records holding every trigram (migration 0013 keeps no positions), re-checked where
        # the trigrams alone do not prove a match: as app.services.text_search asks
        trigrams = [needle[i : i + 3] for i in range(len(needle) - 2)]
        holding = " AND ".join('"' + t.replace('"', '""') + '"' for t in trigrams)
        tickets = "SELECT rowid FROM complaint_text_fts WHERE complaint_text_fts MATCH ?"
        if len(needle) > 3:
            tickets = (f"SELECT id FROM complaint_text WHERE id IN ({tickets}) "
                       "AND (instr(number, ?) > 0 OR instr(body, ?) > 0)")  # fmt: skip
        queries = [
            (tickets, (holding,) if len(needle) == 3 else (holding, needle, needle)),
            ("SELECT id FROM customer_text WHERE id IN (SELECT rowid FROM customer_text_fts "
             "WHERE customer_text_fts MATCH ?) AND instr(names, ?) > 0", (holding, needle)),
        ]  # fmt: skip
        how = "FTS5 trigram queries via sqlite3"
    else:
        queries = [
            ("SELECT id FROM complaint_text WHERE instr(number, ?) > 0 OR instr(body, ?) > 0",
             (needle, needle)),
            ("SELECT id FROM customer_text WHERE instr(names, ?) > 0", (needle,)),
        ]  # fmt: skip
        how = "instr() over the text tables via sqlite3 (< 3 characters)"

    def run() -> list:
        return [connection.execute(sql, params).fetchall() for sql, params in queries]

    return run, how
