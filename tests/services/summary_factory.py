"""A small, fully known data set for the management summaries (October 2026).

Rows are written directly so every date and amount is exactly what the tests expect; the
expected figures are worked out by hand in tests/services/test_complaint_summary.py.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from app.models import (
    Complaint,
    CorrectiveAction,
    Customer,
    ReturnLine,
    ReturnReceipt,
    SurveyCampaign,
    SurveyInvitee,
    SurveyResponse,
    SurveyTemplate,
)

TODAY = date(2026, 11, 20)  # the day the October report is made


def at(*args: int) -> datetime:
    """A local wall-clock time, aware."""
    return datetime(*args).astimezone()


def _ticket(
    session: Session, number: str, customer: Customer, received: datetime, **fields
) -> Complaint:
    year, seq = int(number[3:7]), int(number[8:12])
    ticket = Complaint(
        number=number,
        year=year,
        seq=seq,
        customer_id=customer.id,
        received_at=received,
        **fields,
    )
    session.add(ticket)
    session.flush()
    return ticket


def build(engine) -> dict[str, int]:  # noqa: ANN001
    """Write the data set; returns ids by name for tests that open records."""
    with Session(engine) as session:
        a = Customer(code="KH001", name="长春华通汽车有限公司")
        b = Customer(code="KH002", name="一汽解放青岛汽车有限公司")
        c = Customer(code="KH003", name='=HYPERLINK("x")<b>测试</b>')
        session.add_all([a, b, c])
        session.flush()

        t1 = _ticket(
            session, "KS-2026-0001", a, at(2026, 10, 2, 9), part_no="P-1", product_model="ZQ-100",
            defect_category="异响", responsible_department="生产部", severity="major",
            line_stopped=True, qty_defective=10, containment_reply_at=at(2026, 10, 2, 20),
            reply_at=at(2026, 10, 6, 9), closed_at=at(2026, 10, 10, 12), status="closed",
            claim_status="paid", claim_amount=5000, agreed_amount=4000, paid_amount=3000,
            chargeback_amount=1000,
        )  # fmt: skip
        t2 = _ticket(
            session, "KS-2026-0002", a, at(2026, 10, 5, 10), part_no="p-1",
            defect_category="异响", responsible_department="生产部", urgency="urgent",
            qty_defective=5, containment_reply_at=at(2026, 10, 7, 10),
        )  # fmt: skip
        t3 = _ticket(
            session, "KS-2026-0003", b, at(2026, 10, 12, 8), product_model="ZQ-200",
            defect_category="尺寸不良", responsible_department="技术部", qty_defective=20,
            reply_at=at(2026, 10, 25, 8), closed_at=at(2026, 10, 28, 10), status="reopened",
        )  # fmt: skip
        _ticket(
            session, "KS-2026-0004", b, at(2026, 10, 31, 20), part_no="P-2",
            defect_category="外观不良",
        )  # fmt: skip
        _ticket(
            session, "KS-2026-0005", c, at(2026, 10, 20, 9), part_no="P-1",
            defect_category="异响", responsible_department="生产部", qty_defective=7,
            containment_reply_at=at(2026, 10, 20, 15), reply_at=at(2026, 10, 21, 9),
            closed_at=at(2026, 10, 22, 9), status="closed",
        )  # fmt: skip
        t6 = _ticket(
            session, "KS-2026-0006", c, at(2026, 10, 15, 9), part_no="P-1",
            defect_category="异响", responsible_department="生产部", qty_defective=99,
            status="cancelled", claim_status="claimed", claim_amount=999,
        )  # fmt: skip
        _ticket(
            session, "KS-2026-0003-1", b, at(2026, 10, 29, 9), product_model="ZQ-200",
            defect_category="尺寸不良", reopen_index=1, origin_id=t3.id, root_id=t3.id,
            qty_defective=4,
        )  # fmt: skip
        t8 = _ticket(
            session, "KS-2026-0007", a, at(2026, 10, 8, 9), part_no="P-9",
            defect_category="异响", responsible_department="质量保障部", qty_defective=3,
            containment_reply_at=at(2026, 11, 2, 9), reply_at=at(2026, 11, 3, 9),
            claim_status="claimed", claim_amount=2000,
        )  # fmt: skip
        _ticket(
            session, "KS-2025-0001", a, at(2025, 3, 10, 9), part_no="P-1",
            defect_category="异响", closed_at=at(2025, 3, 20, 9), status="closed",
        )  # fmt: skip
        _ticket(
            session, "KS-2024-0001", a, at(2024, 10, 15, 9), part_no="P-1",
            defect_category="异响", closed_at=at(2024, 10, 25, 9), status="closed",
        )  # fmt: skip
        _ticket(
            session, "KS-2026-0008", b, at(2026, 9, 15, 9), product_model="zq-200",
            defect_category="尺寸不良", closed_at=at(2026, 10, 3, 9), status="closed",
        )  # fmt: skip
        _ticket(
            session, "KS-2026-0009", c, at(2026, 11, 5, 9), part_no="P-1",
            defect_category="异响",
        )  # fmt: skip

        r1 = ReturnReceipt(
            number="TH-2026-0001", year=2026, seq=1, customer_id=a.id,
            received_on=date(2026, 10, 10), status="disposed", responsibility="ours",
            line_count=1, qty_returned=100, qty_defective=10,
        )  # fmt: skip
        r2 = ReturnReceipt(
            number="TH-2026-0002", year=2026, seq=2, customer_id=b.id, bulk=True,
            received_on=date(2026, 10, 20), status="disposed", responsibility="not_ours",
            line_count=1, qty_returned=50, qty_defective=5,
        )  # fmt: skip
        r3 = ReturnReceipt(
            number="TH-2026-0003", year=2026, seq=3, customer_id=a.id,
            received_on=date(2026, 10, 15), status="cancelled", line_count=1, qty_returned=70,
        )  # fmt: skip
        r4 = ReturnReceipt(
            number="TH-2026-0004", year=2026, seq=4, customer_id=a.id,
            received_on=date(2026, 9, 30), line_count=1, qty_returned=30,
        )  # fmt: skip
        session.add_all([r1, r2, r3, r4])
        session.flush()
        session.add_all(
            [
                ReturnLine(
                    return_id=r1.id,
                    material_no="P-1",
                    quantity=100,
                    qty_inspected=100,
                    qty_good=90,
                    qty_defective=10,
                    defect_category="异响",
                    responsibility="ours",
                    qty_rework=4,
                    qty_scrap=6,
                ),  # fmt: skip
                ReturnLine(
                    return_id=r2.id,
                    material_no="P-2",
                    quantity=50,
                    qty_inspected=50,
                    qty_good=45,
                    qty_defective=5,
                    responsibility="not_ours",
                    qty_return=5,
                ),  # fmt: skip
                ReturnLine(return_id=r3.id, material_no="P-1", quantity=70),
                ReturnLine(return_id=r4.id, material_no="P-1", quantity=30),
            ]
        )

        def action(department: str, due: date, done: date | None = None, **owner) -> None:
            session.add(
                CorrectiveAction(
                    description=f"措施 {department} {due}",
                    department=department,
                    due=due,
                    done_on=done,
                    created_at=owner.pop("created", at(2026, 10, 1, 8)),
                    **owner,
                )
            )

        action("生产部", date(2026, 10, 20), date(2026, 10, 18), complaint_id=t1.id)
        action("生产部", date(2026, 10, 25), complaint_id=t2.id)
        action("技术部", date(2026, 11, 10), complaint_id=t3.id)
        action("技术部", date(2026, 10, 30), date(2026, 11, 5), complaint_id=t8.id)
        action("生产部", date(2026, 10, 31), return_id=r1.id)
        action("生产部", date(2026, 10, 1), complaint_id=t6.id)  # of a cancelled ticket
        action("", date(2026, 10, 1), complaint_id=t1.id)
        action("技术部", date(2026, 11, 30), complaint_id=t3.id, created=at(2026, 11, 10, 8))

        template = SurveyTemplate(lineage="L1", name="标准问卷")
        session.add(template)
        session.flush()
        h1 = SurveyCampaign(
            number="MY-2026-01", year=2026, seq=1, name="2026 上半年", period="h1",
            period_start=date(2026, 1, 1), period_end=date(2026, 6, 30),
            template_id=template.id, target_pct=95, volume_year=2025, status="closed",
        )  # fmt: skip
        h2 = SurveyCampaign(
            number="MY-2026-02", year=2026, seq=2, name="2026 下半年", period="h2",
            period_start=date(2026, 7, 1), period_end=date(2026, 12, 31),
            template_id=template.id, target_pct=97, volume_year=2025,
        )  # fmt: skip
        session.add_all([h1, h2])
        session.flush()
        for customer in (a, b, c):
            session.add(SurveyInvitee(campaign_id=h1.id, customer_id=customer.id, tier="all"))
        session.add(
            SurveyResponse(
                campaign_id=h1.id, customer_id=a.id, answered_on=date(2026, 7, 5), index_pct=90
            )
        )
        session.add(
            SurveyResponse(
                campaign_id=h1.id, customer_id=b.id, answered_on=date(2026, 7, 6), index_pct=80
            )
        )
        session.commit()
        return {"a": a.id, "b": b.id, "c": c.id, "t1": t1.id, "t2": t2.id}
