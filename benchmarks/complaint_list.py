"""Complaint list speed at 100,000 tickets, as ratios to the same work at 1,000 (same run, same machine).

One keystroke in the complaints tab costs: the matching ids in list order, the overdue count of
that filter (the count label), and the first page of rows the view shows. The status-bar count
and the start-up due list are timed too.

uv run python benchmarks/complaint_list.py [--baseline 1000] [--large 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert

from app.db import open_database
from app.models import Complaint
from app.models.common import new_uuid
from app.services import complaint_service, customer_service, demo_service
from app.services.complaint_data import ComplaintFilter
from app.services.complaint_settings import DEFAULT_DEFECT_CATEGORIES, DEFAULT_DEPARTMENTS

PAGE = 200
NOW = datetime(2026, 6, 15, 2, 0, tzinfo=UTC)
YEARS = range(2019, 2027)  # the list keeps every year: quality records are never thrown away
PRODUCTS = [
    ("JG-2000 制动卡钳", "BK-2001"), ("HT-350 转向拉杆", "ST-3501"), ("WP-12 水泵总成", "WP-1203"),
    ("FD-80 风扇离合器", "FC-8002"), ("CL-45 离合器压盘", "CP-4510"), ("SA-7 减震器", "SA-0707"),
    ("EG-11 发动机支架", "EM-1100"), ("TB-6 涡轮增压器", "TC-0601"),
]  # fmt: skip
DEFECTS = {
    "尺寸不良": "外径超差", "外观不良": "表面划伤", "功能失效": "装车后无法工作",
    "装配不良": "螺栓未拧紧", "材料不良": "材质硬度不足", "漏装/错装": "少装垫片",
    "包装不良": "包装破损", "标识错误": "标签批号错误", "异响": "行驶中异响",
    "泄漏": "接口处渗油", "其他": "其他问题",
}  # fmt: skip
OWNERS = ["王工", "李静", "陈强", "张伟", "刘洋", "赵敏"]


def keystroke_queries(customer_id: int, one_month: tuple[date, date]) -> list[tuple[str, ComplaintFilter, str, bool]]:  # fmt: skip
    start, end = one_month
    return [
        ("all, newest first", ComplaintFilter(), "number", True),
        ("search product '卡钳'", ComplaintFilter(text="卡钳"), "number", True),
        ("search number '2024-01'", ComplaintFilter(text="2024-01"), "number", True),
        ("search customer '汽车'", ComplaintFilter(text="汽车"), "number", True),
        ("search no match", ComplaintFilter(text="不存在的内容"), "number", True),
        ("status open", ComplaintFilter(status="open"), "number", True),
        ("overdue only", ComplaintFilter(overdue_only=True), "next_due", False),
        ("one customer", ComplaintFilter(customer_id=customer_id), "number", True),
        (
            "received in one month",
            ComplaintFilter(received_from=start, received_to=end),
            "number",
            True,
        ),  # fmt: skip
        (
            "dept + defect category",
            ComplaintFilter(department="生产部", defect_category="异响"),
            "number",
            True,
        ),  # fmt: skip
        ("all, by customer name", ComplaintFilter(), "customer", False),
        ("all, by next deadline", ComplaintFilter(), "next_due", False),
        ("all, by received", ComplaintFilter(), "received", True),
    ]


def _best_of(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _rows(count: int, customer_ids: list[int], rng: random.Random) -> list[dict]:
    """Valid complaint rows, numbered per year, mostly closed; the open ones have a deadline."""
    per_year = max(count // len(YEARS), 1)
    rows = []
    seq: dict[int, int] = {}
    now = NOW
    for i in range(count):
        year = YEARS[min(i // per_year, len(YEARS) - 1)]
        seq[year] = seq.get(year, 0) + 1
        start = datetime(year, 1, 1, tzinfo=UTC)
        span = (min(datetime(year + 1, 1, 1, tzinfo=UTC), now) - start).total_seconds()
        received = start + timedelta(seconds=span * seq[year] / (per_year + 1))
        category = rng.choice(list(DEFECTS))
        product, part = rng.choice(PRODUCTS)
        recent = now - received < timedelta(days=60)
        status = "open" if recent and rng.random() < 0.7 else ("cancelled" if rng.random() < 0.02 else "closed")  # fmt: skip
        next_due = received + timedelta(hours=rng.choice([8, 24, 72, 168])) if status == "open" else None  # fmt: skip
        stamp = received + timedelta(minutes=5)
        rows.append(
            {
                "uuid": new_uuid(),
                "created_at": stamp,
                "updated_at": stamp,
                "number": f"KS-{year}-{seq[year]:04d}",
                "prefix": "KS",
                "year": year,
                "seq": seq[year],
                "reopen_index": 0,
                "reopen_reason": "",
                "customer_id": rng.choice(customer_ids),
                "contact_name": rng.choice(OWNERS),
                "contact_phone": f"138{rng.randrange(10**8):08d}",
                "channel": rng.choice(["phone", "email", "fax", "visit"]),
                "kind": "complaint",
                "received_at": received,
                "received_by": rng.choice(OWNERS),
                "product_model": product,
                "part_no": part,
                "batch_no": f"{year}{rng.randrange(1, 13):02d}-{rng.randrange(1000):03d}",
                "defect_category": category,
                "description": f"{DEFECTS[category]},{product} 批次抽检发现 {rng.randrange(1, 50)} 件",
                "customer_request": "8D 报告,退换货",
                "line_stopped": rng.random() < 0.05,
                "severity": "major" if rng.random() < 0.15 else "general",
                "urgency": "urgent" if rng.random() < 0.25 else "normal",
                "owner": rng.choice(OWNERS),
                "occurrence_category": "",
                "occurrence_cause": "",
                "escape_category": "",
                "escape_cause": "",
                "five_why": "",
                "fmea_updated": False,
                "control_plan_updated": False,
                "work_instruction_updated": False,
                "similar_products": "",
                "prevention_waived": False,
                "waiver_approved_by": "",
                "waiver_reason": "",
                "responsibility": "ours",
                "responsible_department": rng.choice(DEFAULT_DEPARTMENTS),
                "quarantine_advice": "",
                "claim_status": "none",
                "responsible_unit": "",
                "chargeback_supplier": "",
                "reward_penalty_no": "",
                "reply_content": "" if status == "open" else "已完成 8D 并答复顾客",
                "reply_by": "",
                "visit_notes": "",
                "status": status,
                "closed_by": "",
                "closing_note": "",
                "cancel_reason": "登记错误" if status == "cancelled" else "",
                "current_step": rng.randrange(1, 9) if status == "open" else 9,
                "next_due": next_due,
                "next_due_key": "first_reply" if next_due else "",
                "calendar_estimated": False,
            }
        )
    assert set(DEFECTS) <= set(DEFAULT_DEFECT_CATEGORIES)
    return rows


def fill(engine: Engine, count: int, seed: int = 7) -> int:
    """Customers through the service, tickets in bulk with core inserts; returns a customer id."""
    demo_service.load_demo(engine, customers=max(count // 100, 50), seed=seed)
    customer_ids = customer_service.search_ids(engine)
    rng = random.Random(seed)
    rows = _rows(count, customer_ids, rng)
    with engine.begin() as connection:
        for start in range(0, len(rows), 5000):
            connection.execute(insert(Complaint.__table__), rows[start : start + 5000])
        connection.exec_driver_sql("ANALYZE")
    return customer_ids[len(customer_ids) // 2]


def measure(count: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="qd-bench-"))
    engine = open_database(folder)
    customer_id = fill(engine, count)
    month = (date(2024, 3, 1), date(2024, 3, 31))
    results: dict[str, float] = {}
    for label, flt, sort, descending in keystroke_queries(customer_id, month):

        def keystroke(flt=flt, sort=sort, descending=descending):
            ids = complaint_service.search_ids(engine, flt, sort, descending, NOW)
            if not flt.overdue_only:  # the count label "n tickets, m overdue"
                complaint_service.search_ids(
                    engine, replace(flt, overdue_only=True), "next_due", False, NOW
                )
            complaint_service.rows_for_ids(engine, ids[:PAGE])

        results[label] = _best_of(keystroke)
    results["status bar: all overdue"] = _best_of(
        lambda: complaint_service.search_ids(
            engine, ComplaintFilter(overdue_only=True), "next_due", False, NOW
        )
    )
    results["start-up due list"] = _best_of(lambda: complaint_service.due_rows(engine, NOW))
    engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100000)
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
