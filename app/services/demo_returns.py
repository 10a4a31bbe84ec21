"""Demo returns in every state: just received, inspected, disposed, archived, bulk, urgent, cancelled.

Returns belong to the demo customers already in the data file and go through the real services
(validation, numbering, audit trail); some are linked to a demo complaint of the same customer,
some lines carry a generated defect photo. The same seed gives the same returns; running it
again only tops the count up.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from app.models import Complaint, ComplaintStatus
from app.services import attachment_service, return_service
from app.services.demo_complaints import PEOPLE, PROBLEMS, customers_with_products, demo_photo
from app.services.return_data import ReturnData, ReturnLineData

_REASONS = ("装车异响", "不能正常工作", "外观不良", "尺寸超差,无法装配", "季度统退", "渗油")
_MATERIALS = (
    ("QD-1021", "起动机总成"),
    ("FD-3302", "发电机总成"),
    ("ZQ-2001", "制动钳总成"),
    ("SB-0450", "水泵总成"),
    ("LH-7710", "离合器压盘"),
    ("DK-1180", "电控单元支架"),
)
_STATES = ("received", "inspected", "disposed", "archived", "bulk", "urgent", "not_ours", "cancelled")  # fmt: skip
_WEIGHTS = (10, 12, 25, 30, 8, 5, 7, 3)


def load_demo_returns(
    engine: Engine,
    count: int = 40,
    seed: int = 1,
    user: str = "demo",
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add demo returns until the data file holds `count`; returns how many were added."""
    customers = customers_with_products(engine)
    if not customers:
        return 0
    have = return_service.count(engine)
    if have >= count:
        return 0
    today = today or date.today()
    rng = random.Random(seed * 104729 + have)
    complaints = _complaints_by_customer(engine)
    for i in range(have, count):
        # the first returns show every state once; the rest follow a plausible mix
        state = _STATES[i] if i < len(_STATES) else rng.choices(_STATES, _WEIGHTS)[0]
        age = rng.randint(0, 3) if state in ("received", "inspected") else rng.randint(5, 600)
        customer = rng.choice(customers[:200])
        data = _receipt(rng, customer[0], today - timedelta(days=age), state)
        if state not in ("received", "cancelled"):
            for line in data.lines:
                fault = {"not_ours": "not_ours", "urgent": "ours"}.get(state)
                _inspect(rng, line, data.received_on, today, fault)  # type: ignore[arg-type]
        if state in ("disposed", "archived", "urgent", "not_ours", "bulk"):
            for line in data.lines:
                _dispose(rng, line, today, urgent=state == "urgent")
        if state == "bulk":
            data.bulk = True
            data.lines[0].customer_reason = "季度统退"
        earlier = [c for c, day in complaints.get(customer[0], []) if day <= data.received_on]
        if earlier and state in ("disposed", "archived") and i % 2:
            data.complaint_id = earlier[-1]
        if state == "archived":
            data.analysis_result = "制造部分析:" + rng.choice(PROBLEMS)[1] + ";已修模并加严首件检验"
            data.analysis_by = "制造部 " + rng.choice(PEOPLE)
            data.analysis_on = min(data.received_on + timedelta(days=4), today)  # type: ignore[operator]
        booked = return_service.create(engine, data, user)
        if i % 3 == 0 and booked.lines[0].inspected:
            _attach_photo(engine, booked, seed * 1000 + i, user)
        if state == "archived":
            return_service.archive(
                engine, booked.id, user=user,
                archived_on=min(booked.analysis_on + timedelta(days=1), today),  # type: ignore[operator]
            )  # fmt: skip
        if state == "cancelled":
            return_service.cancel(engine, booked.id, reason="入库单录重,见上一单", user=user)
        if progress:
            progress(i - have + 1)
    return return_service.count(engine) - have


def _complaints_by_customer(engine: Engine) -> dict[int, list[tuple[int, date]]]:
    """The complaint tickets a demo return may be linked to: (id, day received), oldest first."""
    by_customer: dict[int, list[tuple[int, date]]] = {}
    with Session(engine) as session:
        rows = session.exec(
            select(Complaint.customer_id, Complaint.id, Complaint.received_at)
            .where(Complaint.status != ComplaintStatus.CANCELLED.value)
            .order_by(Complaint.received_at)
        )
        for customer_id, complaint_id, received_at in rows:
            by_customer.setdefault(customer_id, []).append(
                (complaint_id, received_at.astimezone().date())
            )
    return by_customer


def _receipt(rng: random.Random, customer_id: int, received: date, state: str) -> ReturnData:
    lines = []
    for material_no, name in rng.sample(_MATERIALS, rng.choice((1, 1, 2, 3))):
        lines.append(
            ReturnLineData(
                material_no=material_no,
                material_name=name,
                batch_no=f"B{received:%y%m}{rng.randint(1, 9):02d}",
                quantity=rng.choice((5, 10, 20, 50, 120)),
                customer_reason=rng.choice(_REASONS),
            )
        )
    return ReturnData(
        customer_id=customer_id,
        received_on=received,
        warehouse_receipt_no=f"RK{received:%y%m%d}-{rng.randint(1, 40):02d}",
        received_by="仓管 " + rng.choice(PEOPLE),
        lines=lines,
    )


def _inspect(
    rng: random.Random, line: ReturnLineData, received: date, today: date, fault: str | None
) -> None:
    quantity = line.quantity or 0
    defective = max(1, round(quantity * rng.uniform(0.1, 0.8)))
    category, found = rng.choice(PROBLEMS)
    line.inspector = "品保 " + rng.choice(PEOPLE)
    line.inspected_on = min(received + timedelta(days=1), today)
    line.qty_inspected, line.qty_good, line.qty_defective = (
        quantity,
        quantity - defective,
        defective,
    )
    line.defect_found, line.defect_category = found, category
    line.responsibility = fault or rng.choice(("ours", "ours", "not_ours"))
    if line.responsibility == "not_ours":
        line.explanation = rng.choice(("顾客装配扭矩过大,非产品质量问题", "运输途中挤压变形"))


def _dispose(rng: random.Random, line: ReturnLineData, today: date, *, urgent: bool) -> None:
    defective = line.qty_defective or 0
    line.disposed_by, line.disposed_on = "生管 " + rng.choice(PEOPLE), line.inspected_on
    if urgent:
        line.qty_replace, line.stock_short, line.warranty = defective, True, "replace"
        return
    if line.responsibility == "not_ours":
        line.qty_return = defective
        return
    rework = round(defective * rng.choice((0, 0.5, 1)))
    line.qty_rework, line.qty_scrap = rework, defective - rework
    if rework:
        line.rework_instruction = rng.choice(("rework", "full_inspection"))
        line.rework_notes = "按重工作业指导书拆检,更换不良零件后 100% 功能测试"
        line.warranty = "repair"
    if line.qty_scrap:
        line.scrap_report_no = f"BHG-{today:%y}{rng.randint(1, 999):03d}"


def _attach_photo(engine: Engine, booked: ReturnData, seed: int, user: str) -> None:
    line = booked.lines[0]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{booked.number} {line.material_no}.png"
        path.write_bytes(demo_photo(seed, f"{booked.number} {line.defect_category}"))
        attachment_service.add(
            engine, entity=return_service.LINE_ENTITY, entity_uuid=line.uuid,
            label=booked.number, source=path, user=user,
        )  # fmt: skip
