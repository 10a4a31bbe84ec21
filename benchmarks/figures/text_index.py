"""The raw query of the app's text index (migration 0010), for the search baseline."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def raw_index_query(connection: sqlite3.Connection, text: str) -> tuple[Callable[[], list], str] | None:  # fmt: skip
    """(run the first page's query, how) through the data file's text index; None without one."""
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if "complaint_fts" not in tables:
        return None
    raise NotImplementedError
