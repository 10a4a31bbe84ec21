"""Building returns for tests through the real services."""

from __future__ import annotations

from datetime import date

from app.services import return_service
from app.services.return_data import ReturnData, ReturnLineData


def line(**kwargs) -> ReturnLineData:
    values = dict(
        material_no="P-1001",
        material_name="制动钳总成",
        batch_no="B2609",
        quantity=100,
        customer_reason="装车异响",
    )
    values.update(kwargs)
    return ReturnLineData(**values)


def inspected(defective: float = 10, quantity: float = 100, **kwargs) -> ReturnLineData:
    """A line inspected in full: `defective` of `quantity` pieces bad, our fault."""
    values = dict(
        quantity=quantity,
        inspector="王检验",
        inspected_on=date(2026, 10, 9),
        qty_inspected=quantity,
        qty_good=quantity - defective,
        qty_defective=defective,
        defect_found="活塞密封圈划伤",
        defect_category="异响",
        responsibility="ours",
    )
    values.update(kwargs)
    return line(**values)


def return_data(customer_id: int, *lines: ReturnLineData, **kwargs) -> ReturnData:
    values = dict(
        customer_id=customer_id,
        received_on=date(2026, 10, 8),
        warehouse_receipt_no="RK-261008-01",
        received_by="李仓管",
        lines=list(lines) or [line()],
    )
    values.update(kwargs)
    return ReturnData(**values)


def book(engine, customer_id: int, *lines: ReturnLineData, **kwargs) -> ReturnData:
    return return_service.create(engine, return_data(customer_id, *lines, **kwargs), "clerk")
