"""Field service 现场服务 and customer visits 走访 (forms Q/JL081304-C, Q/JL081306-C).

SPEC §2.5; seed 001 (调试维修报告, return visits), seed 003 (现场服务报告, 走访服务报告,
月度服务报告), seed 004 (on-site service). Reports are written on a laptop without network
and merged into the office data file later (app/services/sync_*.py): every record keeps its
uuid everywhere, and a laptop's numbers carry its machine code (FW-L1-2026-0001).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.common import RecordBase


class ServiceResult(StrEnum):
    SOLVED = "solved"
    TEMPORARY = "temporary"  # running again, a permanent fix still to come
    NOT_SOLVED = "not_solved"


class ServiceReport(RecordBase, table=True):
    # raised by every save; a save from a stale copy is refused (optimistic locking)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    __tablename__ = "service_report"

    number: str = Field(max_length=40, unique=True, index=True)  # FW-[MACHINE-]YYYY-NNNN
    prefix: str = Field(default="FW", max_length=20)  # with the machine code: FW-L1
    year: int = Field(index=True)
    seq: int = Field(default=0)
    origin: str = Field(default="", max_length=36)  # the machine id that wrote it

    customer_id: int = Field(foreign_key="customer.id", ondelete="RESTRICT", index=True)
    site_address: str = Field(default="", max_length=300)
    complaint_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("complaint.id", ondelete="SET NULL"), index=True),
    )
    requested_on: date | None = None
    engineers: str = Field(default="", max_length=200)  # one name per line
    arrived_at: datetime = Field(index=True)
    departed_at: datetime | None = None
    product_model: str = Field(default="", max_length=100, index=True)
    serial_no: str = Field(default="", max_length=100)  # serial or batch
    problem_found: str = Field(default="")
    work_done: str = Field(default="")
    result: str = Field(default=ServiceResult.SOLVED.value, max_length=12, index=True)
    customer_opinion: str = Field(default="")
    customer_rating: int | None = None  # 1 (poor) – 5 (very good)
    customer_signatory: str = Field(default="", max_length=60)
    travel_cost: float = Field(default=0)
    labour_cost: float = Field(default=0)
    notes: str = Field(default="")


class ServicePart(RecordBase, table=True):
    """A part replaced on site: charged to the customer or under warranty."""

    __tablename__ = "service_part"

    report_id: int = Field(foreign_key="service_report.id", ondelete="CASCADE", index=True)
    position: int = Field(default=0)
    part_no: str = Field(default="", max_length=60, index=True)
    name: str = Field(default="", max_length=100)
    quantity: float = Field(default=1)
    charged: bool = Field(default=False)  # False: warranty


class VisitReport(RecordBase, table=True):
    # raised by every save; a save from a stale copy is refused (optimistic locking)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    __tablename__ = "visit_report"

    number: str = Field(max_length=40, unique=True, index=True)  # ZF-[MACHINE-]YYYY-NNNN
    prefix: str = Field(default="ZF", max_length=20)
    year: int = Field(index=True)
    seq: int = Field(default=0)
    origin: str = Field(default="", max_length=36)

    customer_id: int = Field(foreign_key="customer.id", ondelete="RESTRICT", index=True)
    visited_on: date = Field(index=True)
    visitors: str = Field(default="", max_length=200)  # one name per line
    attendees: str = Field(default="", max_length=300)  # the customer's people
    topics: str = Field(default="")
    feedback: str = Field(default="")  # the customer's feedback
    requests: str = Field(default="")  # and requests
    next_visit_on: date | None = Field(default=None, index=True)
    notes: str = Field(default="")


class VisitPlan(SQLModel, table=True):
    """How often a customer is to be visited, when not the settings' cadence (seed 002 §5.1.1)."""

    __tablename__ = "visit_plan"

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", ondelete="CASCADE", unique=True, index=True)
    every_months: int


class SyncBase(SQLModel, table=True):
    """The version of a record two machines agreed on when they last met (for three-way merge).

    One row per (peer machine, entity, record uuid): the content hash both sides had right after
    the last export (laptop side) or import (office side).
    """

    __tablename__ = "sync_base"
    __table_args__ = (UniqueConstraint("peer", "entity", "uuid"),)

    id: int | None = Field(default=None, primary_key=True)
    peer: str = Field(max_length=36, index=True)
    entity: str = Field(max_length=40)
    uuid: str = Field(max_length=36, index=True)
    content_hash: str = Field(max_length=64)  # "" for a record deleted on both sides
    at: datetime


class SyncTombstone(SQLModel, table=True):
    """A synced record deleted here, so the next export can tell the other machine."""

    __tablename__ = "sync_tombstone"
    __table_args__ = (UniqueConstraint("entity", "uuid"),)

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=40)
    uuid: str = Field(max_length=36, index=True)
    label: str = Field(default="", max_length=200)
    deleted_at: datetime
