"""Returned goods 退货: the warehouse receipt, and the inspection and disposition of each line.

SPEC §2.3; seed 002 §7 (receipt 入库单, rework order 重工工令, nonconforming procedure,
manufacturing analysis archived by quality) and §6.2.4 / §6.1.5 (urgent production).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field

from app.models.common import RecordBase


class ReturnStatus(StrEnum):
    OPEN = "open"  # received; lines still to inspect or dispose of
    DISPOSED = "disposed"  # every line inspected and its defective quantity disposed of
    ARCHIVED = "archived"  # the analysis is archived by quality (seed 002 §7.3–7.4); read-only
    CANCELLED = "cancelled"  # registered in error; the number stays used


class ReturnReceipt(RecordBase, table=True):
    # raised by every save; a save from a stale copy is refused (optimistic locking)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    __tablename__ = "return_receipt"

    number: str = Field(max_length=40, unique=True, index=True)
    prefix: str = Field(default="TH", max_length=12)
    year: int = Field(index=True)
    seq: int = Field(default=0)

    customer_id: int = Field(foreign_key="customer.id", ondelete="RESTRICT", index=True)
    received_on: date = Field(index=True)
    warehouse_receipt_no: str = Field(default="", max_length=60)  # 入库单
    received_by: str = Field(default="", max_length=60)
    complaint_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("complaint.id", ondelete="SET NULL"), index=True),
    )
    bulk: bool = Field(default=False, index=True)  # 统退货: never a complaint (seed 002 §7.1)
    notes: str = Field(default="")

    # the manufacturing analysis, archived by quality (seed 002 §7.3–7.4)
    analysis_result: str = Field(default="")
    analysis_by: str = Field(default="", max_length=60)
    analysis_on: date | None = None
    archived_on: date | None = None
    archived_by: str = Field(default="", max_length=60)
    cancel_reason: str = Field(default="")

    # what the list shows without reading the lines (kept up to date on every save)
    status: str = Field(default=ReturnStatus.OPEN.value, max_length=12, index=True)
    responsibility: str = Field(
        default="", max_length=12, index=True
    )  # "" / ours / not_ours / mixed
    urgent_production: bool = Field(default=False, index=True)
    line_count: int = Field(default=0)
    qty_returned: float = Field(default=0)
    qty_defective: float = Field(default=0)
    items: str = Field(default="", max_length=200)  # material numbers, for the list and search


class ReturnLine(RecordBase, table=True):
    """One returned item: what came back, what inspection found, where every piece went."""

    __tablename__ = "return_line"

    return_id: int = Field(foreign_key="return_receipt.id", ondelete="CASCADE", index=True)
    position: int = Field(default=0)
    material_no: str = Field(default="", max_length=60, index=True)
    material_name: str = Field(default="", max_length=100)
    batch_no: str = Field(default="", max_length=60)
    quantity: float = Field(default=0)
    customer_reason: str = Field(default="")

    # inspection
    inspector: str = Field(default="", max_length=60)
    inspected_on: date | None = None
    qty_inspected: float | None = None
    qty_good: float | None = None
    qty_defective: float | None = None
    defect_found: str = Field(default="")
    defect_category: str = Field(default="", max_length=60, index=True)
    responsibility: str = Field(default="", max_length=12)  # "" / ours / not_ours
    explanation: str = Field(default="")  # for the customer when it is not our fault

    # disposition of the defective pieces
    qty_rework: float = Field(default=0)
    rework_order_no: str = Field(default="", max_length=60)
    rework_instruction: str = Field(default="", max_length=20)  # rework / full_inspection
    rework_notes: str = Field(default="")
    qty_scrap: float = Field(default=0)
    scrap_report_no: str = Field(default="", max_length=60)  # nonconforming report
    qty_return: float = Field(default=0)  # sent back to the customer
    qty_accept: float = Field(default=0)  # accepted as is (concession)
    concession_by: str = Field(default="", max_length=60)
    qty_replace: float = Field(default=0)
    stock_short: bool = Field(default=False)  # replacement not in stock → urgent production
    warranty: str = Field(default="", max_length=10)  # 三包: repair / replace / refund
    disposed_by: str = Field(default="", max_length=60)
    disposed_on: date | None = None
