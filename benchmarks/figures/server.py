"""The large data set on a PostgreSQL server (`--server URL`), for the list and search figures.

The database at URL is filled once by the app's own `qualitydesk migrate-to` from a copy of the
data set (verified; ~3 minutes for 100k) and reused by later runs while it holds that data set:
the same number of tickets and the same newest ticket. A database holding other records is
refused, never emptied.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from figures.datasets import DataSet

NEWEST = "SELECT count(*), max(uuid) FROM complaint"


def _held(engine) -> tuple[int, str | None]:  # noqa: ANN001
    from app.services import database_copy

    if not database_copy.records_held(engine):
        return 0, None
    with engine.connect() as connection:
        count, newest = connection.exec_driver_sql(NEWEST).one()
    return count, newest


def engine_holding(
    data: DataSet, url: str, work: Path, env: dict[str, str], log: Callable[[str], None]
):  # noqa: ANN201
    """The app's engine on the server database at url, holding the data set."""
    from app.db import make_engine, open_url

    source = sqlite3.connect(f"file:{data.database}?mode=ro", uri=True)
    try:
        wanted = source.execute(NEWEST).fetchone()
    finally:
        source.close()
    probe = make_engine(url)
    try:
        held = _held(probe)
    finally:
        probe.dispose()
    if held == tuple(wanted):
        log(f"  the server database already holds data set {data.name}")
    elif held[0]:
        raise RuntimeError(
            f"the server database holds {held[0]:,} other tickets: give an empty database"
        )
    else:
        copy = data.copy_to(work / f"server-{data.name}")
        log(f"  moving data set {data.name} to the server (qualitydesk migrate-to) …")
        done = subprocess.run(
            [sys.executable, "-c", "import sys; from app.main import main; sys.exit(main())",
             "--data-dir", str(copy), "migrate-to", url],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"migrate-to failed: {done.stdout[-2000:]}{done.stderr[-2000:]}")
    engine = open_url(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")  # as the server's autovacuum would have by now
    return engine
