"""Customer list speed at 20,000 customers, as ratios to the same work at 200 (same run, same machine).

uv run python benchmarks/customer_list.py [--large 20000]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from app.db import open_database
from app.services import customer_service, demo_service
from app.services.customer_service import CustomerFilter

QUERIES = [
    ("all, by code", CustomerFilter()),
    ("search '汽车'", CustomerFilter(text="汽车")),
    ("search phone digits '0571'", CustomerFilter(text="0571")),
    ("search no match", CustomerFilter(text="不存在的名字")),
    ("type=oem, grade A", CustomerFilter(type="oem", grade="A")),
]


def _best_of(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(count: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="qd-bench-"))
    engine = open_database(folder)
    demo_service.load_demo(engine, customers=count, seed=7)
    results = {}
    for label, flt in QUERIES:

        def keystroke(flt=flt):  # what one keystroke costs: the ids, then the first visible page
            ids = customer_service.search_ids(engine, flt, "name")
            customer_service.rows_for_ids(engine, ids[:200])

        results[label] = _best_of(keystroke)
    engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", type=int, default=200)
    parser.add_argument("--large", type=int, default=20000)
    args = parser.parse_args()
    base = measure(args.baseline)
    large = measure(args.large)
    print(f"{'query':32} {args.baseline:>8} ms {args.large:>8} ms   ratio")
    for label, _ in QUERIES:
        print(
            f"{label:32} {base[label] * 1000:11.1f} {large[label] * 1000:11.1f}   {large[label] / base[label]:6.1f}x"
        )


if __name__ == "__main__":
    main()
