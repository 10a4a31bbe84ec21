"""Sample field-service records (service report, visit, month) for the report tests."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from PIL import Image

from app.services.complaint_data import ActionEventData
from app.services.field_data import (
    ActionData,
    AttachmentData,
    CustomerMonth,
    EngineerMonth,
    LinkedComplaintRef,
    MonthlyService,
    PartData,
    ServiceReportData,
    VisitReportData,
)

HOSTILE = '<b>&amp;</b> <font size=40>大</font> ]]> "&"'
FORMULA = "=1+1"


def png(width: int, height: int, color: str = "steelblue") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def photo(stored_name: str, caption: str, file_name: str = "photo.jpg") -> AttachmentData:
    return AttachmentData(file_name, stored_name, 1000, "0" * 64, caption=caption)


PHOTOS = {
    "p-blue": png(800, 600),
    "p-green": png(300, 500, "seagreen"),
    "p-broken": b"not an image",
    "p-pdf": b"%PDF-1.4",
}


def make_service_report(**overrides: object) -> ServiceReportData:
    """A report from a day at a customer's plant: two engineers, two parts, a temporary fix."""
    data = ServiceReportData(
        customer_id=1,
        site_address="吉林省长春市绿园区西新工业园东风大街 2088 号 总装二车间",
        complaint_id=5,
        requested_on=date(2025, 3, 10),
        engineers="张伟\n李强",
        arrived_at=datetime(2025, 3, 12, 9, 0).astimezone(),
        departed_at=datetime(2025, 3, 12, 16, 30).astimezone(),
        product_model="QD-200 制动钳总成",
        serial_no="SN-250215-0032",
        problem_found="制动时异响，拆检发现活塞密封圈装配错位。",
        work_done="更换密封圈及导向销，重新装配后台架测试 20 次无异响。",
        result="temporary",
        customer_opinion="处理及时，希望尽快提供根本对策。",
        customer_rating=4,
        customer_signatory="王建国",
        travel_cost=860.5,
        labour_cost=1200,
        notes="下周回访确认。",
        parts=[
            PartData("SEAL-200-01", "活塞密封圈", 2, charged=False),
            PartData("PIN-200-07", "导向销", 4, charged=True),
        ],
        attachments=[
            photo("p-blue", "拆检：密封圈错位"),
            photo("p-green", "更换后"),
            photo("p-broken", "损坏的照片"),
            photo("p-missing", "未提供的照片"),
            AttachmentData("测试记录.pdf", "p-pdf", 10, "1" * 64, caption="测试记录"),
        ],
        number="FW-L1-2025-0007",
        prefix="FW-L1",
        complaint=LinkedComplaintRef(5, "KS-2025-0007", "open", "制动异响"),
        customer_code="KH001",
        customer_name="长春华通汽车有限公司",
        id=7,
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def make_visit_report(**overrides: object) -> VisitReportData:
    """A quarterly visit with three follow-ups: one done and verified, one open, one rescheduled."""
    data = VisitReportData(
        customer_id=1,
        visited_on=date(2025, 3, 18),
        visitors="赵敏\n周小红",
        attendees="王建国(质量部经理)\n李娜(采购部)",
        topics="一季度质量表现回顾；制动钳异响问题的根本对策进展。",
        feedback="异响问题处理及时；包装箱有破损，希望改进。",
        requests="4 月起每批附出厂检验报告。",
        next_visit_on=date(2025, 6, 18),
        notes="",
        actions=[
            ActionData(
                kind="follow_up",
                description="改进包装箱内衬，防止运输破损",
                department="生产部",
                owner="李强",
                due=date(2025, 4, 10),
                done_on=date(2025, 4, 8),
                verification="effective",
                verified_by="周小红",
                verified_on=date(2025, 4, 15),
            ),
            ActionData(
                kind="follow_up",
                description="每批附出厂检验报告",
                department="质量部",
                owner="周小红",
                due=date(2025, 4, 1),
            ),
            ActionData(
                kind="follow_up",
                description="提交异响问题 8D 报告",
                department="技术部",
                owner="王工",
                due=date(2025, 4, 20),
                history=[
                    ActionEventData(
                        datetime(2025, 3, 30, tzinfo=UTC),
                        "周小红",
                        "rescheduled",
                        old_due=date(2025, 3, 31),
                        new_due=date(2025, 4, 20),
                    )
                ],
            ),
        ],
        number="ZF-2025-0003",
        prefix="ZF",
        customer_code="KH001",
        customer_name="长春华通汽车有限公司",
        id=3,
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def make_month(**overrides: object) -> MonthlyService:
    """March 2025: six service reports and two visits by three engineers at three customers."""
    data = MonthlyService(
        year=2025,
        month=3,
        reports=6,
        visits=2,
        hours=41.5,
        parts_charged=9,
        parts_warranty=14,
        solved=4,
        temporary=1,
        not_solved=1,
        open_actions=2,
        open_reports=2,
        travel_cost=3860.5,
        labour_cost=7200,
        per_engineer=[
            EngineerMonth("张伟", reports=4, visits=0, hours=27.5, solved=3, temporary=1),
            EngineerMonth("李强", reports=3, visits=1, hours=20.0, solved=2, not_solved=1),
            EngineerMonth(FORMULA, reports=1, visits=1, hours=6.0, solved=1),
        ],
        per_customer=[
            CustomerMonth(
                1,
                "KH001",
                "长春华通汽车有限公司",
                reports=3,
                visits=1,
                hours=22.5,
                parts_charged=4,
                parts_warranty=10,
                travel_cost=1860.5,
                labour_cost=3600,
                open_items=3,
            ),
            CustomerMonth(
                2,
                "KH002",
                "一汽解放青岛汽车有限公司",
                reports=2,
                visits=1,
                hours=13.0,
                parts_charged=5,
                parts_warranty=4,
                travel_cost=1500,
                labour_cost=2400,
                open_items=1,
            ),
            CustomerMonth(
                3,
                "KH003",
                FORMULA,
                reports=1,
                visits=0,
                hours=6.0,
                travel_cost=500,
                labour_cost=1200,
            ),
        ],  # fmt: skip
        service_numbers=[f"FW-2025-00{n:02d}" for n in range(1, 5)]
        + ["FW-L1-2025-0001", "FW-L1-2025-0007"],
        visit_numbers=["ZF-2025-0002", "ZF-2025-0003"],
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data
