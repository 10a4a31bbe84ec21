"""The benchmark command (README, benchmarks/run.py) keeps working as the app changes.

Every figure is run once on two small data sets built into a fresh cache, as on a fresh
checkout; what is checked is that each figure was measured and the tables were printed, never
a time (the figures themselves are read in benchmarks/RESULTS.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests import pg_server

ROOT = Path(__file__).resolve().parent.parent

# one row (or more) of the table for each of the command's steps
FIGURES = (
    "cold start to painted main window, 60 data file",
    "complaint list: first page shown after opening the tab, 60",
    "search keystroke → first page shown, '",
    "one 8D PDF (warm), 60",
    "12 8D PDFs, 60",
    "complaint ledger, 60 rows to .xlsx: peak memory of the process",
    "memory the export adds above the process before it",
    "monthly summary workbook on 60",
    "overview tab open on 60",
    "a stored ticket's window opened and painted, 60",
    "laptop sync import, 1,000 records + 200 photos, into 60",
    "data file size per complaint (with actions, no photos), 60",
    "tickets entered through the services",
    "resident memory after visiting every tab, 60",
)
GROWTH = (
    "complaint list, first page shown",
    "(3 characters), first page shown",
    "(2 characters), first page shown",
    "complaint ledger, every ticket to .xlsx",
)


@pytest.fixture
def server_database():
    """An empty database on the tests' PostgreSQL server, when one is given (CI gives one)."""
    if not pg_server.server_url():
        yield None
        return
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


def test_every_figure_is_measured_on_small_data_sets(tmp_path: Path, server_database) -> None:
    markdown = tmp_path / "results.md"
    server = ["--server", server_database] if server_database else []
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--sizes", "30", "60", "--runs", "1",
         "--cache", str(tmp_path / "cache"), "--markdown", str(markdown), *server],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert "NOT MEASURED" not in done.stdout, done.stdout
    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    for row in FIGURES + GROWTH:
        assert row in done.stdout, f"no row {row!r} in:\n{done.stdout}"
    # the data sets were built into the fresh cache and named by their size
    assert "30 = 30 complaints" in done.stdout and "60 = 60 complaints" in done.stdout
    if server_database:  # the list and searches again, the data set moved to the server
        on_server = [line for line in done.stdout.splitlines() if ", 60 on PostgreSQL " in line]
        assert len(on_server) == 3, done.stdout
        assert all("the same on the data file (SQLite), above" in line for line in on_server)
    # each figure has a value (the Markdown copy: figure | target | measured | …)
    rows = [line.split(" | ") for line in markdown.read_text(encoding="utf-8").splitlines()]
    measured = {row[0].lstrip("| "): row[2] for row in rows if len(row) == 6}
    for row in FIGURES:
        value = next(v for name, v in measured.items() if row in name)
        assert value[0].isdigit(), f"{row}: {value!r}"


def test_sizes_are_refused_unless_two_of_them(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--sizes", "60", "--cache", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "at least two different sizes" in done.stderr
    assert not any(tmp_path.iterdir())  # nothing built
