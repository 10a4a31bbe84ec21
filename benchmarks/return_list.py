"""Returns list speed at 100,000 return lines, as ratios to the same work at 1,000 (same run).

One keystroke in the returns tab costs the matching ids in list order and the first page of rows
the view shows. Receipts carry one to five lines (three on average), so 100,000 lines are about
33,000 returns.

uv run python benchmarks/return_list.py [--baseline 1000] [--large 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert

from app.db import open_database
from app.models import ReturnLine, ReturnReceipt
from app.models.common import new_uuid
from app.services import customer_service, demo_service, return_service
from app.services.return_data import ReturnFilter

PAGE = 200
YEARS = range(2017, 2027)
MATERIALS = [
    ("BK-2001", "制动卡钳"), ("ST-3501", "转向拉杆"), ("WP-1203", "水泵总成"),
    ("FC-8002", "风扇离合器"), ("CP-4510", "离合器压盘"), ("SA-0707", "减震器"),
]  # fmt: skip
CATEGORIES = ["尺寸不良", "外观不良", "功能失效", "异响", "泄漏", "包装不良"]


def keystroke_queries(customer_id: int) -> list[tuple[str, ReturnFilter, str, bool]]:
    return [
        ("all, newest first", ReturnFilter(), "number", True),
        ("search number 'TH-2024-01'", ReturnFilter(text="TH-2024-01"), "number", True),
        ("search material name '卡钳'", ReturnFilter(text="卡钳"), "number", True),
        ("search customer '汽车'", ReturnFilter(text="汽车"), "number", True),
        ("search no match", ReturnFilter(text="不存在的内容"), "number", True),
        ("disposition open", ReturnFilter(disposition_done=False), "number", True),
        ("bulk only", ReturnFilter(bulk=True), "number", True),
        ("responsibility ours", ReturnFilter(responsibility="ours"), "number", True),
        ("urgent only", ReturnFilter(urgent_only=True), "number", True),
        ("one customer", ReturnFilter(customer_id=customer_id), "number", True),
        (
            "received in one month",
            ReturnFilter(received_from=date(2024, 3, 1), received_to=date(2024, 3, 31)),
            "number",
            True,
        ),
        ("all, by customer name", ReturnFilter(), "customer", False),
        ("all, by qty defective", ReturnFilter(), "qty_defective", True),
    ]


def _median_of(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fill(engine: Engine, line_count: int, seed: int = 7) -> int:
    """Customers through the service, receipts and lines in bulk; returns a customer id."""
    demo_service.load_demo(engine, customers=max(line_count // 300, 50), seed=seed)
    customer_ids = customer_service.search_ids(engine)
    rng = random.Random(seed)
    receipts, lines = [], []
    seq: dict[int, int] = {}
    made = 0
    while made < line_count:
        year = YEARS[min(made * len(YEARS) // line_count, len(YEARS) - 1)]
        seq[year] = seq.get(year, 0) + 1
        received = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        count = min(rng.randint(1, 5), line_count - made)
        stamp = datetime.combine(received, datetime.min.time(), UTC)
        receipt_id = len(receipts) + 1
        status = rng.choices(["open", "disposed", "archived", "cancelled"], [10, 30, 58, 2])[0]
        chosen = [rng.choice(MATERIALS) for _ in range(count)]
        qty = [rng.choice([5, 10, 20, 50]) for _ in range(count)]
        bad = [rng.randint(0, q) for q in qty]
        receipts.append(
            {
                "id": receipt_id, "uuid": new_uuid(), "created_at": stamp, "updated_at": stamp,
                "number": f"TH-{year}-{seq[year]:04d}", "prefix": "TH", "year": year,
                "seq": seq[year], "customer_id": rng.choice(customer_ids), "received_on": received,
                "warehouse_receipt_no": f"RK{received:%y%m%d}-{rng.randrange(99):02d}",
                "received_by": "仓管", "bulk": rng.random() < 0.1, "notes": "",
                "analysis_result": "", "analysis_by": "", "archived_by": "", "cancel_reason": "",
                "status": status, "responsibility": rng.choice(["ours", "not_ours", "mixed", ""]),
                "urgent_production": rng.random() < 0.01, "line_count": count,
                "qty_returned": sum(qty), "qty_defective": sum(bad),
                "items": "、".join(dict.fromkeys(m for m, _ in chosen)),
            }
        )  # fmt: skip
        for position, ((material_no, name), q, b) in enumerate(zip(chosen, qty, bad, strict=True)):
            lines.append(
                {
                    "uuid": new_uuid(), "created_at": stamp, "updated_at": stamp,
                    "return_id": receipt_id, "position": position, "material_no": material_no,
                    "material_name": name, "batch_no": f"B{received:%y%m}-{rng.randrange(99)}",
                    "quantity": q, "customer_reason": "装车不良", "inspector": "品保",
                    "inspected_on": received, "qty_inspected": q, "qty_good": q - b,
                    "qty_defective": b, "defect_found": "检验确认不良",
                    "defect_category": rng.choice(CATEGORIES), "responsibility": "ours",
                    "explanation": "", "qty_rework": b, "rework_order_no": "",
                    "rework_instruction": "rework" if b else "", "rework_notes": "",
                    "qty_scrap": 0, "scrap_report_no": "", "qty_return": 0, "qty_accept": 0,
                    "concession_by": "", "qty_replace": 0, "stock_short": False, "warranty": "",
                    "disposed_by": "", "disposed_on": received,
                }
            )  # fmt: skip
        made += count
    with engine.begin() as connection:
        for start in range(0, len(receipts), 5000):
            connection.execute(insert(ReturnReceipt.__table__), receipts[start : start + 5000])
        for start in range(0, len(lines), 5000):
            connection.execute(insert(ReturnLine.__table__), lines[start : start + 5000])
        connection.exec_driver_sql("ANALYZE")
    return customer_ids[len(customer_ids) // 2]


def measure(line_count: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="qd-bench-"))
    engine = open_database(folder)
    customer_id = fill(engine, line_count)
    results: dict[str, float] = {}
    for label, flt, sort, descending in keystroke_queries(customer_id):

        def keystroke(flt=flt, sort=sort, descending=descending):
            ids = return_service.search_ids(engine, flt, sort, descending)
            return_service.rows_for_ids(engine, ids[:PAGE])

        results[label] = _median_of(keystroke)
    some = return_service.search_ids(engine)[:20]
    results["open one return (whole)"] = _median_of(lambda: return_service.get(engine, some[7]))
    engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", type=int, default=1000, help="return lines")
    parser.add_argument("--large", type=int, default=100000, help="return lines")
    args = parser.parse_args()
    base = measure(args.baseline)
    large = measure(args.large)
    print(f"{'one keystroke / query':32} {args.baseline:>8} ms {args.large:>8} ms   ratio")
    for label in base:
        print(
            f"{label:32} {base[label] * 1000:11.1f} {large[label] * 1000:11.1f}   {large[label] / base[label]:6.1f}x"
        )


if __name__ == "__main__":
    main()
