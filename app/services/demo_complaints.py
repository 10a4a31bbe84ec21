"""Demo complaint tickets in every state: new, in the 8D, overdue, closed, reopened, cancelled.

Tickets belong to the demo customers already in the data file, go through the real services
(validation, numbering, workflow, audit trail) and carry generated defect photos. The same
seed gives the same tickets; running it again only tops the count up.
"""

from __future__ import annotations

import io
import random
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import Engine
from sqlmodel import Session, select

from app.config import font_path
from app.models import Customer, CustomerProduct
from app.models.common import utcnow
from app.services import attachment_service, complaint_service, complaint_workflow
from app.services.complaint_data import ActionData, ComplaintData, SortingData
from app.services.complaint_settings import DEFAULT_DEPARTMENTS

PROBLEMS = (
    ("异响", "装车路试时起动机有异响,拆检发现单向器磨损"),
    ("功能失效", "发电机不发电,仪表充电指示灯常亮"),
    ("尺寸不良", "安装孔位置偏差 0.8 mm,无法装配"),
    ("外观不良", "壳体表面有砂眼与划伤"),
    ("泄漏", "密封处渗油,长期放置后油迹明显"),
    ("漏装/错装", "缺少防尘罩,同批次抽查另有 3 件"),
    ("包装不良", "运输中包装破损,产品磕碰"),
    ("标识错误", "产品标签型号与实物不符"),
)
_REQUESTS = ("退货并补发", "8D 报告三个工作日内回复", "现场挑选并索赔", "更换同批次库存")
PEOPLE = ("张伟", "王芳", "李强", "刘洋", "陈静", "杨磊", "赵敏", "黄勇")
_CAUSES = (
    ("machine", "模具磨损未及时更换", "method", "终检未覆盖该特性"),
    ("man", "新员工未按作业指导书操作", "measurement", "检具精度不足,漏检"),
    ("material", "供应商来料硬度不足", "method", "进货检验抽样数量不够"),
    ("environment", "车间湿度高导致锈蚀", "measurement", "出货检验未检查外观"),
)


def demo_photo(seed: int, caption: str) -> bytes:
    """A drawn stand-in for a defect photo (grey part, red ring round the defect, a label)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (480, 360), (rng.randint(150, 200),) * 3)
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 60, 420, 300), fill=(120, 124, 130), outline=(60, 60, 60), width=4)
    x, y = rng.randint(120, 360), rng.randint(110, 250)
    draw.ellipse((x - 40, y - 40, x + 40, y + 40), outline=(220, 30, 30), width=6)
    font = ImageFont.truetype(str(font_path()), 22, index=0)
    draw.text((20, 320), caption, fill=(20, 20, 20), font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def customers_with_products(engine: Engine) -> list[tuple[int, str, list[str]]]:
    with Session(engine) as session:
        customers = session.exec(select(Customer.id, Customer.name).order_by(Customer.id)).all()
        products: dict[int, list[str]] = {}
        for customer_id, model in session.exec(
            select(CustomerProduct.customer_id, CustomerProduct.model)
        ):
            products.setdefault(customer_id, []).append(model)
    return [(cid, name, products.get(cid, ["QD-1"])) for cid, name in customers]


def _ticket(rng: random.Random, customer: tuple[int, str, list[str]], received: datetime):
    category, description = rng.choice(PROBLEMS)
    person = rng.choice(PEOPLE)
    delivered = rng.choice((200, 500, 1000, 2000))
    data = ComplaintData(
        customer_id=customer[0],
        contact_name=person,
        contact_phone=f"139{rng.randint(10000000, 99999999)}",
        channel=rng.choice(("phone", "phone", "email", "fax", "visit")),
        kind=rng.choice(("complaint", "complaint", "complaint", "return", "opinion")),
        received_at=received,
        received_by=rng.choice(PEOPLE),
        product_model=rng.choice(customer[2]),
        part_no=f"P-{rng.randint(1000, 1030)}",
        batch_no=f"B{received:%y%m}{rng.randint(1, 9):02d}",
        production_date=(received - timedelta(days=rng.randint(10, 60))).date(),
        qty_delivered=delivered,
        qty_defective=rng.randint(1, delivered // 20),
        defect_category=category,
        description=description,
        customer_request=rng.choice(_REQUESTS),
        line_stopped=rng.random() < 0.15,
        severity="major" if rng.random() < 0.25 else "general",
        urgency="urgent" if rng.random() < 0.3 else "normal",
        owner=rng.choice(PEOPLE),
    )
    data.step(1).content = "、".join(rng.sample(PEOPLE, 3))
    data.step(2).content = f"问题：{description}；地点：顾客装配线；数量：{data.qty_defective}"
    return data


def _same_problem(data: ComplaintData, earlier: ComplaintData) -> None:
    """The customer complains again about the same part and defect."""
    data.customer_id = earlier.customer_id
    data.product_model, data.part_no = earlier.product_model, earlier.part_no
    data.defect_category, data.description = earlier.defect_category, earlier.description


def _work_8d(rng: random.Random, data: ComplaintData, upto: int, now: datetime) -> None:
    """Fill the 8D up to step `upto` with dates between receipt and now."""
    start = data.received_at
    # most tickets are worked within weeks; old ones are not dragged out to today
    span = min(max((now - start).total_seconds(), 3600), 40 * 86400)

    def at(fraction: float) -> datetime:
        return start + timedelta(seconds=span * fraction)

    data.first_reply_at = at(0.01)
    for step in range(1, min(upto, 7) + 1):
        data.step(step).owner = data.step(step).owner or rng.choice(PEOPLE)
        data.step(step).done_on = at(0.05 * step).date()
    if upto >= 3:
        data.containment_reply_at = at(0.02)
        data.step(3).content = "顾客处与在库品 100% 挑选,在途品拦截"
        data.sorting = [
            SortingData("customer", 300, rng.randint(0, 9), "售后 " + rng.choice(PEOPLE), at(0.05).date()),
            SortingData("in_stock", 800, rng.randint(0, 5), "品保 " + rng.choice(PEOPLE), at(0.05).date()),
        ]  # fmt: skip
    if upto >= 4:
        occ_cat, occ, esc_cat, esc = rng.choice(_CAUSES)
        data.occurrence_category, data.occurrence_cause = occ_cat, occ
        data.escape_category, data.escape_cause = esc_cat, esc
        data.five_why = "\n".join(f"为什么{i}:…" for i in range(1, 6))
        data.step(4).content = occ
        data.responsibility = "ours" if rng.random() < 0.8 else "supplier"
        data.responsible_department = rng.choice(DEFAULT_DEPARTMENTS[:4])
        data.action_reply_at = at(0.06)
        data.actions = [
            ActionData("corrective", "修复/更换模具并首件确认", data.responsible_department,
                       rng.choice(PEOPLE), at(0.3).date(), at(0.25).date() if upto >= 6 else None),
            ActionData("preventive", "更新 PFMEA、控制计划与作业指导书", "技术部",
                       rng.choice(PEOPLE), at(0.4).date(), at(0.35).date() if upto >= 7 else None),
        ]  # fmt: skip
    if upto >= 7:
        data.fmea_updated = data.control_plan_updated = data.work_instruction_updated = True
        data.similar_products = "同平台 QD 系列共 3 个型号一并整改"
        data.reply_at = at(0.5)
        data.reply_content = "已完成纠正预防措施,附 8D 报告与验证数据"
        data.reply_by = rng.choice(PEOPLE)
        data.visit_at = at(0.55)
        data.visit_satisfied = True
        if rng.random() < 0.3:
            data.claim_status = "agreed"
            data.claim_amount = float(rng.randint(2, 50) * 1000)
            data.agreed_amount = data.claim_amount * 0.8


def load_demo_complaints(
    engine: Engine,
    count: int = 60,
    seed: int = 1,
    user: str = "demo",
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add demo tickets until the data file holds `count`; returns how many were added."""
    customers = customers_with_products(engine)
    if not customers:
        return 0
    have = complaint_service.count(engine)
    if have >= count:
        return 0
    now = now or utcnow()
    rng = random.Random(seed * 7919 + have)
    added = 0
    repeats = random.Random(seed * 104729 + have)  # apart, so the other choices stay the same
    made: list[ComplaintData] = []
    for i in range(have, count):
        age_days = rng.uniform(0.2, 720) if i % 4 else rng.uniform(0.1, 20)
        received = (now - timedelta(days=age_days)).replace(microsecond=0)
        data = _ticket(rng, rng.choice(customers[:200]), received)
        if made and repeats.random() < 0.2:  # the same problem again: 经常 in the summaries
            _same_problem(data, repeats.choice(made))
        made.append(data)
        states = ("new", "containment", "actions", "answered", "closed", "reopened", "cancelled")
        # the first tickets show every state once; the rest follow a plausible mix
        state = states[i] if i < len(states) else rng.choices(states, (10, 12, 18, 8, 40, 8, 4))[0]
        if state == "closed" and age_days < 10:
            state = "actions"
        upto = {"new": 0, "containment": 3, "actions": 5, "answered": 7}.get(state, 7)
        _work_8d(rng, data, upto, now)
        ticket = complaint_service.create(engine, data, user)
        if i % 3 == 0:
            _attach_photo(engine, ticket, seed * 1000 + i, user)
        if state in ("closed", "reopened"):
            ticket = _close(engine, ticket, rng, user, now, not_effective_first=i % 5 == 0)
        if state == "reopened":
            reopened = complaint_workflow.reopen(
                engine, ticket.id, reason="顾客反馈同一问题再次发生,对处理不满意", user=user,
                now=ticket.closed_at + (now - ticket.closed_at) / 2,
            )  # fmt: skip
            if i % 2 == 0:
                _attach_photo(engine, reopened, seed * 1000 + i + 500, user)
        if state == "cancelled":
            complaint_workflow.cancel(engine, ticket.id, reason="重复登记,见上一单", user=user)
        added += 1
        if progress:
            progress(added)
        if complaint_service.count(engine) >= count:
            break
    return complaint_service.count(engine) - have


def _close(engine: Engine, ticket, rng, user: str, now: datetime, not_effective_first: bool):
    for action in ticket.actions:
        done = action.done_on or ticket.reply_at.date()
        if not_effective_first and action.kind == "corrective":
            ticket = complaint_workflow.verify_action(
                engine, action.id, effective=False, verified_by="品保 " + rng.choice(PEOPLE),
                verified_on=done, user=user, note="抽检仍有不良,重新整改",
                new_due=done + timedelta(days=7),
            )  # fmt: skip
            redone = ticket.actions[0]
            redone.done_on = min(done + timedelta(days=5), now.date())
            ticket = complaint_service.update(engine, ticket, user)
            done = ticket.actions[0].done_on
        ticket = complaint_workflow.verify_action(
            engine, action.id, effective=True, verified_by="品保 " + rng.choice(PEOPLE),
            verified_on=min(done + timedelta(days=2), now.date()), user=user,
        )  # fmt: skip
    closed_on = min((ticket.visit_at + timedelta(days=1)).date(), now.date())
    return complaint_workflow.close(
        engine, ticket.id, user=user, note="措施有效,结案", closed_on=closed_on
    )


def _attach_photo(engine: Engine, ticket: ComplaintData, seed: int, user: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{ticket.number} 缺陷照片.png"
        path.write_bytes(demo_photo(seed, f"{ticket.number} {ticket.defect_category}"))
        attachment_service.add(
            engine, entity=complaint_service.ENTITY, entity_uuid=ticket.uuid,
            label=ticket.number, source=path, user=user,
        )  # fmt: skip
