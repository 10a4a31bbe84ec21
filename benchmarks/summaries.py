"""Management summaries at 100,000 tickets, as ratios to the same work at 1,000 (same run).

Times the overview tab's figures (and, when Qt can start offscreen, building the tab itself),
the monthly complaint summary, the annual review, and the summary workbook. Every figure is
the median of several runs.

uv run python benchmarks/summaries.py [--baseline 1000] [--large 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from complaint_list import NOW, fill  # beside this script: the same 100,000 tickets
from sqlalchemy import Engine, insert, select

from app.db import open_database
from app.models import Complaint, CorrectiveAction
from app.models.common import new_uuid
from app.services.complaint_settings import DEFAULT_DEPARTMENTS

MONTH = date(2026, 5, 1)  # the newest whole month of the data set (it ends mid-June 2026)


def _complete(engine: Engine, seed: int) -> None:
    """Give the bulk tickets what the summaries read: replies, closures and actions."""
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE complaint SET containment_reply_at = datetime(received_at, '+20 hours'),"
            " reply_at = datetime(received_at, '+5 days') WHERE status = 'closed'"
        )
        connection.exec_driver_sql(
            "UPDATE complaint SET closed_at = datetime(received_at, '+12 days')"
            " WHERE status = 'closed'"
        )
        rng = random.Random(seed)
        tickets = connection.execute(select(Complaint.id, Complaint.received_at, Complaint.status))
        rows = []
        for ticket_id, received, status in tickets:
            for position in range(rng.choice([0, 1, 1, 2])):
                due = (received + timedelta(days=rng.randint(5, 40))).date()
                done = status == "closed" or rng.random() < 0.3
                rows.append(
                    {
                        "uuid": new_uuid(), "created_at": received, "updated_at": received,
                        "complaint_id": ticket_id, "position": position, "kind": "corrective",
                        "description": "更换模具并首件确认", "department": rng.choice(DEFAULT_DEPARTMENTS),
                        "owner": "王工", "due": due, "done_on": due if done else None,
                        "verification": "effective" if done else "", "verified_by": "",
                        "survey_item_key": "",
                    }
                )  # fmt: skip
        for start in range(0, len(rows), 5000):
            connection.execute(insert(CorrectiveAction.__table__), rows[start : start + 5000])
        connection.exec_driver_sql("ANALYZE")


def _median(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm: imports, caches, SQLite pages
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _tab_opener(engine: Engine) -> Callable[[], object] | None:
    """Building the overview tab with its charts, if the GUI can start here."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication

        from app.ui.overview.tab import OverviewTab
        from app.ui.signals import DataHub
    except ImportError:
        return None
    app = QApplication.instance() or QApplication([])

    def open_tab() -> None:
        """From construction to the figures painted (they are counted off the GUI thread)."""
        tab = OverviewTab(engine, DataHub())
        tab.resize(1366, 700)
        shown: list[bool] = []
        tab.loaded.connect(lambda: shown.append(True))
        tab.show()
        while not shown:
            app.processEvents()
            time.sleep(0.001)
        tab.grab()  # paint the charts
        tab.close()
        tab.deleteLater()
        app.processEvents()

    return open_tab


def measure(count: int, repeat: int) -> dict[str, float]:
    from app.reports.excel.complaint_summary_xlsx import complaint_summary_xlsx
    from app.services.annual_summary import annual_summary
    from app.services.complaint_summary import complaint_summary, month_period
    from app.services.overview import overview

    folder = Path(tempfile.mkdtemp(prefix="qd-bench-summaries-"))
    engine = open_database(folder)
    fill(engine, count)
    _complete(engine, seed=7)
    today = NOW.date()
    period = month_period(MONTH.year, MONTH.month)
    results = {
        "overview figures": _median(lambda: overview(engine, MONTH, today=today), repeat),
        "monthly summary": _median(lambda: complaint_summary(engine, period, today=today), repeat),
        "monthly summary workbook": _median(
            lambda: complaint_summary_xlsx(complaint_summary(engine, period, today=today)),
            repeat,
        ),
        "annual summary (two years)": _median(
            lambda: annual_summary(engine, 2025, today=today), repeat
        ),
    }
    opener = _tab_opener(engine)
    if opener is not None:
        results["overview tab opened (offscreen)"] = _median(opener, repeat)
    engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    base = measure(args.baseline, args.repeat)
    large = measure(args.large, args.repeat)
    print(f"{'figure':36} {args.baseline:>10,} {args.large:>10,}   ratio")
    for name, seconds in large.items():
        ratio = seconds / base[name] if base.get(name) else float("nan")
        print(f"{name:36} {base.get(name, 0) * 1000:8.1f}ms {seconds * 1000:8.1f}ms {ratio:6.1f}x")


if __name__ == "__main__":
    main()
