"""Building tickets for tests through the real services."""

from __future__ import annotations

from datetime import datetime

from app.services import complaint_service, customer_service
from app.services.complaint_data import ComplaintData
from app.services.customer_service import CustomerData


def local(*args: int) -> datetime:
    return datetime(*args).astimezone()


def customer(engine, code: str = "KH001", name: str = "长春华通汽车有限公司", **kwargs) -> int:
    return customer_service.create(engine, CustomerData(code=code, name=name, **kwargs), "t").id


def ticket_data(customer_id: int, **kwargs) -> ComplaintData:
    values = dict(
        customer_id=customer_id,
        received_at=local(2026, 9, 30, 10, 0),
        description="制动钳异响,装车后发现",
        defect_category="异响",
        product_model="ZQ-200",
        part_no="P-1001",
        batch_no="B2609",
    )
    values.update(kwargs)
    return ComplaintData(**values)


def register(engine, customer_id: int, **kwargs) -> ComplaintData:
    return complaint_service.create(engine, ticket_data(customer_id, **kwargs), "clerk")
