"""What the audit trail's hash chain costs on the demo load, as a ratio to the same load unchained.

uv run python benchmarks/demo_load.py [--customers 2000] [--complaints 60] [--returns 40] [--runs 3]

Both variants run in this process, alternately, on fresh data files. The baseline writes the
same trail rows with one plain insert and empty hashes (what writing the trail cost before the
chain); the chained variant is audit_service.append as the app uses it: lock, read the trail's
end, hash every row. Medians of --runs; CPU seconds are less disturbed by other programs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from unittest.mock import patch

from sqlalchemy import insert, text

from app.db import open_database
from app.models import AuditEntry
from app.services import audit_service, demo_complaints, demo_returns, demo_service

PARTS = ("customers", "complaints", "returns")


def _unchained(session, entries) -> None:  # noqa: ANN001
    """The baseline: the same rows in one insert, no lock, no read, no hashing."""
    if entries:
        rows = [{**entry, "prev_hash": "", "row_hash": ""} for entry in entries]
        session.execute(insert(AuditEntry.__table__), rows)


def measure(args: argparse.Namespace, chained: bool) -> dict[str, tuple[float, float]]:
    folder = Path(tempfile.mkdtemp(prefix="qd-bench-"))
    engine = open_database(folder)
    loads = {
        "customers": lambda: demo_service.load_demo(engine, customers=args.customers, seed=3),
        "complaints": lambda: demo_complaints.load_demo_complaints(engine, count=args.complaints),
        "returns": lambda: demo_returns.load_demo_returns(engine, count=args.returns),
    }
    timings = {}
    with patch.object(audit_service, "append", audit_service.append if chained else _unchained):
        for part in PARTS:
            wall, cpu = time.perf_counter(), time.process_time()
            loads[part]()
            timings[part] = (time.perf_counter() - wall, time.process_time() - cpu)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT count(*) FROM audit_entry")).scalar()
    if chained:
        assert audit_service.verify_chain(engine) == [], "the chain must verify"
    engine.dispose()
    timings["rows"] = (rows, rows)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--complaints", type=int, default=60)
    parser.add_argument("--returns", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs: dict[bool, list] = {False: [], True: []}
    for _ in range(args.runs):
        for chained in (False, True):
            runs[chained].append(measure(args, chained))
    print(f"{'part':12} {'unchained s':>12} {'chained s':>10}  {'ratio':>6}  (CPU s: ratio)")
    for part in (*PARTS, "total"):

        def median(chained: bool, kind: int, part: str = part) -> float:
            if part == "total":
                return statistics.median(sum(r[p][kind] for p in PARTS) for r in runs[chained])
            return statistics.median(r[part][kind] for r in runs[chained])

        base, chain = median(False, 0), median(True, 0)
        base_cpu, chain_cpu = median(False, 1), median(True, 1)
        print(
            f"{part:12} {base:12.2f} {chain:10.2f}  {chain / base:6.2f}"
            f"  ({base_cpu:.2f} → {chain_cpu:.2f}: {chain_cpu / base_cpu:.2f})"
        )
    print(f"trail rows: {runs[True][0]['rows'][0]:,}")


if __name__ == "__main__":
    main()
