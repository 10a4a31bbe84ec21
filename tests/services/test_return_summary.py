"""The returns summary counted in SQL: periods, cancelled returns left out, bulk returns never
complaint cases (seed 002 §7.1), every breakdown exact for a known data set."""

from __future__ import annotations

import time
from datetime import date

import pytest
from sqlalchemy import event, insert
from sqlmodel import Session

from app.models import ReturnLine, ReturnReceipt
from app.models.common import new_uuid
from app.services.return_summary import (
    BreakdownRow,
    DispositionRow,
    ReturnsTotals,
    counts_as_complaint,
    returns_summary,
)
from tests.services.complaint_factory import customer

Q1 = (date(2025, 1, 1), date(2025, 3, 31))
Q2 = (date(2025, 4, 1), date(2025, 6, 30))


def add_return(
    engine,
    number: str,
    customer_id: int,
    received_on: date,
    lines: list[dict],
    *,
    bulk: bool = False,
    status: str = "open",
) -> int:
    """A receipt with its lines written straight to the tables (the return service is not used)."""
    with Session(engine) as session:
        receipt = ReturnReceipt(
            number=number,
            year=received_on.year,
            seq=int(number[-4:]),
            customer_id=customer_id,
            received_on=received_on,
            bulk=bulk,
            status=status,
            line_count=len(lines),
        )
        session.add(receipt)
        session.flush()
        for position, values in enumerate(lines):
            session.add(ReturnLine(return_id=receipt.id, position=position, **values))
        session.commit()
        return receipt.id


def line(material_no: str, name: str, qty: float, **values: object) -> dict:
    return {"material_no": material_no, "material_name": name, "quantity": qty, **values}


def inspected(good: float, defective: float, category: str, responsibility: str) -> dict:
    return {
        "inspector": "陈强",
        "inspected_on": date(2025, 1, 12),
        "qty_inspected": good + defective,
        "qty_good": good,
        "qty_defective": defective,
        "defect_category": category,
        "responsibility": responsibility,
    }


@pytest.fixture
def known(engine):
    """Five returns: two ordinary and one bulk in Q1, one cancelled in Q1, one in Q2."""
    a = customer(engine, "KH001", "长春华通汽车有限公司")
    b = customer(engine, "KH002", "十堰宏达汽配商行")
    add_return(
        engine,
        "TH-2025-0001",
        a,
        date(2025, 1, 10),
        [
            line(
                "M-100",
                "制动钳",
                100,
                **inspected(90, 10, "尺寸不良", "ours"),
                qty_rework=6,
                qty_scrap=4,
            ),
            line("M-200", "水泵", 20, **inspected(15, 5, "泄漏", "not_ours"), qty_return=5),
        ],
        status="disposed",
    )
    add_return(
        engine,
        "TH-2025-0002",
        b,
        date(2025, 2, 15),
        [
            line(
                "M-100",
                "制动钳",
                50,
                **inspected(47, 3, "尺寸不良", "ours"),
                qty_replace=3,
                stock_short=True,
            ),
            line("M-300", "传感器", 30),  # not inspected yet
        ],
        bulk=True,
        status="archived",
    )
    add_return(
        engine,
        "TH-2025-0003",
        a,
        date(2025, 3, 20),
        [
            line(
                "M-200",
                "水泵",
                8,
                **inspected(0, 8, "泄漏", "ours"),
                qty_accept=2,
                qty_replace=6,
            )
        ],
    )
    add_return(
        engine,
        "TH-2025-0004",
        b,
        date(2025, 2, 20),
        [line("M-100", "制动钳", 999, **inspected(0, 999, "尺寸不良", "ours"), qty_scrap=999)],
        status="cancelled",
    )
    add_return(
        engine,
        "TH-2025-0005",
        b,
        date(2025, 4, 5),
        [line("M-400", "支架", 12, **inspected(0, 12, "外观不良", "ours"), qty_scrap=12)],
    )
    return engine


def by_key(rows):
    return {row.key: row for row in rows}


def test_bulk_returns_are_never_complaint_cases():
    # seed 002 §7.1: 统退货 is collected over a period and is not a complaint case
    assert counts_as_complaint(False) is True
    assert counts_as_complaint(True) is False


def test_first_quarter_totals(known):
    summary = returns_summary(known, *Q1)
    assert summary.period == Q1
    assert summary.totals == ReturnsTotals(
        returns=3,
        complaint_cases=2,  # TH-0001 and TH-0003; the bulk TH-0002 is not one
        bulk_returns=1,
        lines=5,
        qty_returned=208,
        qty_inspected=178,
        qty_defective=26,
        qty_rework=6,
        qty_scrap=4,
        qty_return=5,
        qty_accept=2,
        qty_replace=9,
        urgent_lines=1,
    )
    assert summary.totals.qty_disposed == 26


def test_second_quarter_and_everything(known):
    q2 = returns_summary(known, *Q2).totals
    assert (q2.returns, q2.complaint_cases, q2.bulk_returns, q2.lines) == (1, 1, 0, 1)
    assert (q2.qty_returned, q2.qty_defective, q2.qty_scrap, q2.urgent_lines) == (12, 12, 12, 0)

    everything = returns_summary(known).totals
    assert everything.returns == 4  # the cancelled return is never counted
    assert (everything.complaint_cases, everything.bulk_returns) == (3, 1)
    assert (everything.lines, everything.qty_returned, everything.qty_defective) == (6, 220, 38)
    assert everything.qty_scrap == 16


def test_open_ended_periods_include_their_bound(known):
    until = returns_summary(known, date_to=date(2025, 2, 15)).totals
    assert (until.returns, until.bulk_returns, until.complaint_cases) == (2, 1, 1)
    since = returns_summary(known, date_from=date(2025, 2, 16)).totals
    assert (since.returns, since.qty_returned) == (2, 20)
    one_day = returns_summary(known, date(2025, 3, 20), date(2025, 3, 20)).totals
    assert (one_day.returns, one_day.qty_defective) == (1, 8)
    assert returns_summary(known, date(2024, 1, 1), date(2024, 12, 31)).totals == ReturnsTotals()


def test_a_period_that_ends_before_it_starts_is_refused(known):
    with pytest.raises(ValueError, match="after it ends"):
        returns_summary(known, date(2025, 3, 1), date(2025, 1, 1))


def test_breakdown_by_customer(known):
    rows = returns_summary(known, *Q1).by_customer
    assert [r.key for r in rows] == ["KH001", "KH002"]  # most defective first
    assert rows[0] == BreakdownRow(
        key="KH001",
        label="长春华通汽车有限公司",
        returns=2,
        bulk_returns=0,
        lines=3,
        qty_returned=128,
        qty_defective=23,
        qty_rework=6,
        qty_scrap=4,
        qty_return=5,
        qty_accept=2,
        qty_replace=6,
    )
    hongda = rows[1]
    assert (hongda.label, hongda.returns, hongda.bulk_returns, hongda.complaint_cases) == (
        "十堰宏达汽配商行",
        1,
        1,
        0,
    )
    assert (hongda.lines, hongda.qty_returned, hongda.qty_defective, hongda.qty_replace) == (
        2,
        80,
        3,
        3,
    )
    assert hongda.defect_rate == pytest.approx(3 / 80)


def test_breakdown_by_product(known):
    rows = returns_summary(known, *Q1).by_product
    # M-100 and M-200 both have 13 defective: the larger quantity returned comes first
    assert [(r.key, r.label) for r in rows] == [
        ("M-100", "制动钳"),
        ("M-200", "水泵"),
        ("M-300", "传感器"),
    ]
    m100, m200, m300 = rows
    assert (m100.returns, m100.bulk_returns, m100.lines, m100.qty_returned) == (2, 1, 2, 150)
    assert (m100.qty_defective, m100.qty_rework, m100.qty_scrap, m100.qty_replace) == (13, 6, 4, 3)
    assert (m200.returns, m200.lines, m200.qty_returned, m200.qty_defective) == (2, 2, 28, 13)
    assert (m200.qty_return, m200.qty_accept, m200.qty_replace) == (5, 2, 6)
    assert (m300.returns, m300.qty_returned, m300.qty_defective) == (1, 30, 0)


def test_breakdown_by_defect_category(known):
    rows = by_key(returns_summary(known, *Q1).by_defect_category)
    assert set(rows) == {"尺寸不良", "泄漏", ""}
    assert (rows["尺寸不良"].returns, rows["尺寸不良"].qty_defective) == (2, 13)
    assert (rows["泄漏"].returns, rows["泄漏"].lines, rows["泄漏"].qty_returned) == (2, 2, 28)
    assert rows[""].label == "(未填写)"  # the line not inspected yet
    assert (rows[""].lines, rows[""].qty_returned, rows[""].qty_defective) == (1, 30, 0)
    assert "外观不良" not in rows  # Q2 only


def test_breakdown_by_responsibility(known):
    rows = returns_summary(known, *Q1).by_responsibility
    assert [(r.key, r.label) for r in rows] == [
        ("ours", "本公司责任"),
        ("not_ours", "非本公司责任"),
        ("", "待判定"),
    ]
    ours, not_ours, undetermined = rows
    assert (ours.returns, ours.bulk_returns, ours.lines, ours.qty_returned) == (3, 1, 3, 158)
    assert (ours.qty_defective, ours.qty_rework, ours.qty_scrap) == (21, 6, 4)
    assert (ours.qty_accept, ours.qty_replace, ours.qty_return) == (2, 9, 0)
    assert (not_ours.returns, not_ours.qty_defective, not_ours.qty_return) == (1, 5, 5)
    assert (undetermined.returns, undetermined.lines, undetermined.qty_returned) == (1, 1, 30)
    # with nothing to show, the three rows are still there
    empty = returns_summary(known, date(2024, 1, 1), date(2024, 1, 31)).by_responsibility
    assert [(r.key, r.lines) for r in empty] == [("ours", 0), ("not_ours", 0), ("", 0)]


def test_breakdown_by_disposition(known):
    rows = returns_summary(known, *Q1).by_disposition
    assert rows == [
        DispositionRow("qty_rework", "重工", 1, 1, 100, 10, 6),
        DispositionRow("qty_scrap", "报废", 1, 1, 100, 10, 4),
        DispositionRow("qty_return", "退回顾客", 1, 1, 20, 5, 5),
        DispositionRow("qty_accept", "让步接收", 1, 1, 8, 8, 2),
        DispositionRow("qty_replace", "换货", 2, 2, 58, 11, 9),
    ]


def test_english_labels(known):
    summary = returns_summary(known, *Q1, lang="en")
    assert [r.label for r in summary.by_responsibility] == ["Ours", "Not ours", "Not determined"]
    assert summary.by_disposition[0].label == "Rework"
    assert by_key(summary.by_defect_category)[""].label == "(not given)"


def test_a_return_without_lines_still_counts(engine):
    kh = customer(engine, "KH009", "无明细顾客")
    add_return(engine, "TH-2025-0009", kh, date(2025, 5, 1), [])
    summary = returns_summary(engine)
    assert (summary.totals.returns, summary.totals.lines, summary.totals.complaint_cases) == (
        1,
        0,
        1,
    )
    assert [(r.key, r.returns, r.lines) for r in summary.by_customer] == [("KH009", 1, 0)]


def test_one_hundred_thousand_lines_in_a_few_grouped_queries(engine):
    customers = [customer(engine, f"KH{i:03d}", f"顾客{i}") for i in range(20)]
    receipts, lines = [], []
    for r in range(10_000):
        bulk = r % 10 == 0
        receipts.append(
            {
                "id": r + 1,
                "uuid": new_uuid(),
                "number": f"TH-2025-{r:05d}",
                "prefix": "TH",
                "year": 2025,
                "seq": r,
                "customer_id": customers[r % 20],
                "received_on": date(2025, 1 + r % 12, 1 + r % 28),
                "bulk": bulk,
                "status": "cancelled" if r % 50 == 1 else "open",
            }
        )
        for p in range(10):
            lines.append(
                {
                    "uuid": new_uuid(),
                    "return_id": r + 1,
                    "position": p,
                    "material_no": f"M-{p * 7 % 40:03d}",
                    "material_name": f"零件{p}",
                    "quantity": 10,
                    "qty_defective": 2,
                    "defect_category": ("尺寸不良", "泄漏", "外观不良", "")[p % 4],
                    "responsibility": ("ours", "not_ours", "")[p % 3],
                    "qty_rework": 1,
                    "qty_scrap": 1,
                }
            )
    with Session(engine) as session:
        session.execute(insert(ReturnReceipt), receipts)
        session.execute(insert(ReturnLine), lines)
        session.commit()

    statements: list[str] = []

    def count(conn, cursor, statement, *args):  # noqa: ANN001, ANN202
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    started = time.perf_counter()
    try:
        summary = returns_summary(engine)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    elapsed = time.perf_counter() - started

    kept = 10_000 - 200  # every 50th return is cancelled
    assert summary.totals.returns == kept
    assert summary.totals.bulk_returns == 1_000  # r % 10 == 0 is never r % 50 == 1
    assert summary.totals.complaint_cases == kept - 1_000
    assert summary.totals.lines == kept * 10
    assert summary.totals.qty_returned == kept * 100
    assert sum(r.lines for r in summary.by_customer) == kept * 10
    assert sum(r.lines for r in summary.by_defect_category) == kept * 10
    assert len(summary.by_product) == 10
    # one query per figure group, whatever the number of rows
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 6
    assert elapsed < 10, f"{elapsed:.1f} s"
