"""Demo field work: a month of service reports and customer visits, through the real services.

Service reports for the demo customers (parts charged or under warranty, every result, some
with a generated site photo, some linked to a complaint of the same customer), visits with
follow-up actions (some done and verified), and one customer whose last visit lies well past
its cadence, so the overdue list has a visited customer on it. The same seed gives the same
records; a data file that already holds field records gets nothing more.
"""

from __future__ import annotations

import random
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from app.models import Complaint, ComplaintStatus, Customer, CustomerStatus
from app.services import field_service, visit_service
from app.services.demo_complaints import PEOPLE, PROBLEMS, customers_with_products, demo_photo
from app.services.field_data import ActionData, PartData, ServiceReportData, VisitReportData

_PARTS = (
    ("QD-1021", "单向器"),
    ("FD-3302", "调节器"),
    ("ZQ-2001", "制动钳密封圈"),
    ("SB-0450", "水泵轴承"),
    ("DK-1180", "线束插接件"),
)
_WORK = (
    "拆检后更换损坏零件,装车路试正常",
    "重新紧固并调整间隙,现场连续运行 2 小时无异常",
    "更换总成,旧件带回公司分析",
    "临时加装垫片恢复运行,待新零件到货后彻底处理",
)
_TOPICS = (
    "季度质量回顾与交付情况",
    "新项目样件进度与技术要求",
    "上月抱怨处理结果确认",
    "年度供货计划与价格",
)
_FEEDBACK = ("交付及时,质量稳定", "包装需改进,运输中偶有磕碰", "希望缩短售后响应时间")
_REQUESTS = ("提供装配指导书", "增加出厂检验报告", "派技术人员现场培训")
SERVICE_REPORTS = 12
VISITS = 8


def load_demo_field(
    engine: Engine, seed: int = 1, user: str = "demo", today: date | None = None
) -> int:
    """A month of field work up to `today`; returns how many records were added."""
    if field_service.count(engine) or visit_service.count(engine):
        return 0
    today = today or date.today()
    customers = _active_customers(engine)
    if not customers:
        return 0
    rng = random.Random(seed * 7919 + 6)
    complaints = _complaints_by_customer(engine)
    added = 0
    pool = customers[: max(12, len(customers) // 10)]
    for i in range(SERVICE_REPORTS):
        customer_id, models = rng.choice(pool)
        report = field_service.create(
            engine, _report(rng, engine, i, customer_id, models, complaints, today), user,
            today=today,
        )  # fmt: skip
        added += 1
        if i % 3 == 0:
            _attach_photo(engine, report, seed * 1000 + i, user)
    visited: list[int] = []
    for i in range(VISITS):
        customer_id = pool[i % len(pool)][0]
        visited.append(customer_id)
        day = today - timedelta(days=rng.randint(0, 29))
        visit = visit_service.create(engine, _visit(rng, engine, customer_id, day, i), user, today=today)  # fmt: skip
        added += 1
        done = visit.actions[0] if visit.actions else None
        if done is not None and i % 2 == 0 and done.due and done.due <= today:
            visit.actions[0].done_on = done.due
            visit = visit_service.update(engine, visit, user, today=today)
            visit_service.verify_action(
                engine, done.id, effective=True, verified_by="品保 " + rng.choice(PEOPLE),
                verified_on=min(done.due + timedelta(days=1), today), user=user,
            )  # fmt: skip
    # one customer last visited long ago: overdue under any cadence up to four months
    rest = [c for c, _ in customers if c not in visited]
    if rest:
        old = VisitReportData(
            customer_id=rest[0],
            visited_on=today - timedelta(days=150),
            visitors="销售 " + rng.choice(PEOPLE),
            attendees="采购部 经理",
            topics=_TOPICS[0],
            feedback=_FEEDBACK[0],
        )
        visit_service.create(engine, old, user, today=today)
        added += 1
    return added


def _active_customers(engine: Engine) -> list[tuple[int, list[str]]]:
    with Session(engine) as session:
        active = set(
            session.exec(
                select(Customer.id)
                .where(Customer.status == CustomerStatus.ACTIVE.value)
                .where(col(Customer.potential).is_(False))
            )
        )
    return [
        (cid, models) for cid, _name, models in customers_with_products(engine) if cid in active
    ]


def _complaints_by_customer(engine: Engine) -> dict[int, list[tuple[int, date]]]:
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


def _report(
    rng: random.Random,
    engine: Engine,
    i: int,
    customer_id: int,
    models: list[str],
    complaints: dict[int, list[tuple[int, date]]],
    today: date,
) -> ServiceReportData:
    data = field_service.blank_report(engine, customer_id)
    day = today - timedelta(days=rng.randint(1, 29))
    arrived = datetime.combine(day, time(rng.choice((8, 9, 10, 13)), rng.choice((0, 30)))).astimezone()  # fmt: skip
    data.requested_on = day - timedelta(days=rng.randint(0, 3))
    data.arrived_at = arrived
    data.departed_at = arrived + timedelta(minutes=rng.choice((60, 90, 150, 240, 330, 420)))
    data.engineers = "\n".join(rng.sample(PEOPLE, rng.choice((1, 1, 2))))
    data.product_model = rng.choice(models)
    data.serial_no = f"SN{day:%y%m}{rng.randint(1, 999):03d}"
    data.problem_found = rng.choice(PROBLEMS)[1]
    data.result = ("solved", "temporary", "not_solved")[i % 3] if i < 3 else rng.choices(
        ("solved", "temporary", "not_solved"), (8, 2, 1)
    )[0]  # fmt: skip
    data.work_done = _WORK[3] if data.result == "temporary" else rng.choice(_WORK[:3])
    data.parts = [
        PartData(part_no, name, rng.choice((1, 1, 2, 4)), charged=rng.random() < 0.4)
        for part_no, name in rng.sample(_PARTS, rng.choice((0, 1, 1, 2, 3)))
    ]
    data.customer_opinion = rng.choice(("响应及时,处理满意", "希望尽快彻底解决", "服务态度好"))
    data.customer_rating = rng.choice((3, 4, 4, 5, 5))
    data.customer_signatory = "设备科 " + rng.choice(PEOPLE)
    data.travel_cost = rng.choice((0, 120, 260, 480))
    data.labour_cost = rng.choice((0, 0, 300, 600))
    earlier = [c for c, received in complaints.get(customer_id, []) if received <= day]
    if earlier and i % 2:
        data.complaint_id = earlier[-1]
    return data


def _visit(
    rng: random.Random, engine: Engine, customer_id: int, day: date, i: int
) -> VisitReportData:
    data = visit_service.blank_visit(engine, customer_id, today=day)
    data.visitors = "\n".join(rng.sample(PEOPLE, rng.choice((1, 2))))
    data.attendees = rng.choice(("质量部 王经理", "采购部 刘主管、质量部 张工", "技术部 陈工"))
    data.topics = _TOPICS[i % len(_TOPICS)]
    data.feedback = rng.choice(_FEEDBACK)
    data.requests = rng.choice(_REQUESTS)
    data.actions = [
        ActionData(
            description=request,
            owner=rng.choice(PEOPLE),
            department=rng.choice(("质量部", "技术部", "销售部")),
            due=day + timedelta(days=rng.choice((3, 7, 14))),
        )
        for request in rng.sample(_REQUESTS, rng.choice((0, 1, 2)))
    ]
    return data


def _attach_photo(engine: Engine, report, seed: int, user: str) -> None:  # noqa: ANN001
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{report.number} 现场.png"
        path.write_bytes(demo_photo(seed, f"{report.number} {report.product_model}"))
        field_service.add_photo(engine, report.id, path, user, caption="现场照片")
