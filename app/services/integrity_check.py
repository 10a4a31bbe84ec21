"""PRAGMA integrity_check of a data file, spread over the PC's cores.

A whole-file integrity_check runs on one core: on ten years of records it is ~2.3 s on an
office PC (5.5 s on a slower one), and a sync waits for it on its safety backup before it may
commit. It is split here into checks that together do the same work and run side by side,
each on its own read-only connection:

- ``quick_check`` of the whole file: every b-tree's pages and cells, the freelist, pages used
  twice or never, NOT NULL and CHECK constraints;
- ``integrity_check(<table>)`` of each table: what quick_check leaves out, that every index
  holds exactly its table's rows and that UNIQUE holds.

Where there is only one core, the file is small (SPLIT_FROM_BYTES), or the split cannot be made
(a file too damaged to list its tables), the whole file is checked with one integrity_check.
"""

from __future__ import annotations

import os
import sqlite3
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing

WHOLE_FILE = "integrity_check"
PAGES_AND_CELLS = "quick_check"
MOST_WORKERS = 4  # beyond this, the largest table's check is the wall time
MOST_PROBLEMS = 100  # as SQLite's own integrity_check stops after 100
# below this a whole-file check is ~0.2 s or less and the split gains nothing: on a 12.5 MB file
# 36 ms whole against 42 ms split; 117 MB: 391 against 294 ms; 1.16 GB: 4.7 against 3.3 s (two cores)
SPLIT_FROM_BYTES = 64 * 1024 * 1024


def problems(connection: sqlite3.Connection, pragma: str = WHOLE_FILE) -> list[str]:
    """What one PRAGMA integrity_check / quick_check on connection reports; empty when fine."""
    rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    return [] if rows == [("ok",)] else [str(row[0]) for row in rows]


def file_problems(
    connect: Callable[[], sqlite3.Connection],
    workers: int | None = None,
    split_from: int = SPLIT_FROM_BYTES,
) -> list[str]:
    """What PRAGMA integrity_check reports on the file that connect() opens read-only, the work
    spread over workers threads (default: the PC's cores, at most MOST_WORKERS) when the file
    holds split_from bytes or more.

    Each part reads its own snapshot: on a file another program writes meanwhile, each still
    checks a consistent state. Raises sqlite3.DatabaseError as the pragma would."""
    workers = min(workers or os.cpu_count() or 1, MOST_WORKERS)
    with closing(connect()) as connection:
        tables = None
        try:
            if workers > 1 and _stored_bytes(connection) >= split_from:
                tables = _tables_largest_first(connection)
        except sqlite3.DatabaseError:
            pass  # the whole-file check says what is wrong (or raises as it would)
        if tables is None:
            return problems(connection)
    parts = deque(
        enumerate([PAGES_AND_CELLS, *(f"{WHOLE_FILE}({_quoted(name)})" for name in tables)])
    )

    def check_parts() -> list[tuple[int, list[str]]]:
        # one connection a thread, the parts taken largest first: opening one reads the schema
        reports = []
        with closing(connect()) as own:
            while True:
                try:
                    index, pragma = parts.popleft()  # atomic: no part is checked twice
                except IndexError:
                    return reports
                reports.append((index, problems(own, pragma)))

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="integrity") as pool:
        running = [pool.submit(check_parts) for _ in range(min(workers, len(parts)))]
        reports = sorted(report for future in running for report in future.result())
    return [problem for _index, report in reports for problem in report][:MOST_PROBLEMS]


def _stored_bytes(connection: sqlite3.Connection) -> int:
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    return pages * connection.execute("PRAGMA page_size").fetchone()[0]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables_largest_first(connection: sqlite3.Connection) -> list[str]:
    """The file's stored tables (a text index's own <name>_data, _idx … included; not virtual
    tables, which have no pages), those with the most rows times their b-trees first, so that
    the longest checks start first."""
    schema = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    indexes: dict[str, int] = {}
    for kind, _name, table, _sql in schema:
        if kind == "index":
            indexes[table] = indexes.get(table, 0) + 1
    virtual = [
        name
        for kind, name, _table, sql in schema
        if kind == "table" and (sql or "").upper().startswith("CREATE VIRTUAL TABLE")
    ]

    def rows(name: str) -> int:
        # a text index's tables grow with its documents, counted in its _docsize; the rowids of
        # its _data encode segment numbers, not counts
        owner = next((t for t in virtual if name.startswith(f"{t}_")), None)
        counted = f"{owner}_docsize" if owner is not None else name
        try:  # the largest rowid: one b-tree descent, where count(*) would read the table
            found = connection.execute(f"SELECT max(rowid) FROM {_quoted(counted)}").fetchone()
        except sqlite3.OperationalError:  # WITHOUT ROWID, or a text index without _docsize
            return 0
        return found[0] or 0

    stored = [name for kind, name, _table, sql in schema if kind == "table" and name not in virtual]
    return sorted(stored, key=lambda name: rows(name) * (1 + indexes.get(name, 0)), reverse=True)
