"""Complaint tickets 客户抱怨 and their 8D report 客户抱怨处理单 (SPEC §2.2; seed 002 §6)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel

from app.models.common import RecordBase, utcnow


class ComplaintStatus(StrEnum):
    OPEN = "open"  # registered, the 8D is being worked
    CLOSED = "closed"  # actions verified, customer answered and satisfied
    REOPENED = "reopened"  # the customer was not satisfied; a -1/-2 ticket carries on
    CANCELLED = "cancelled"  # registered in error; the number stays used (gap-free)


class Severity(StrEnum):
    MAJOR = "major"  # 重大: stops the customer's production or a batch problem
    GENERAL = "general"  # 一般


class Urgency(StrEnum):
    URGENT = "urgent"  # 急件
    NORMAL = "normal"  # 普通件


class Complaint(RecordBase, table=True):
    # raised by every save; a save from a stale copy is refused (optimistic locking)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    # the list opens sorted by number, newest first (migration 0004); it answers "year = ?" too.
    # Only reopened tickets have an origin and a root: migration 0013 indexes origin_id and
    # root_id where set (partial indexes, made by the migration alone: declared here, their
    # PostgreSQL form would load SQLAlchemy's PostgreSQL dialect at every start)
    __table_args__ = (Index("ix_complaint_list_order", "year", "seq", "reopen_index", "number"),)

    number: str = Field(max_length=40, unique=True, index=True)
    prefix: str = Field(default="KS", max_length=12)
    year: int
    seq: int = Field(default=0)
    reopen_index: int = Field(default=0)  # 0 for an original ticket, 1 for -1, 2 for -2 …
    origin_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("complaint.id"))
    )
    root_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("complaint.id")))
    reopen_reason: str = Field(default="")

    # registration
    customer_id: int = Field(foreign_key="customer.id", ondelete="RESTRICT", index=True)
    contact_name: str = Field(default="", max_length=60)
    contact_phone: str = Field(default="", max_length=60)
    channel: str = Field(default="phone", max_length=20)
    kind: str = Field(default="complaint", max_length=20)
    received_at: datetime = Field(index=True)
    received_by: str = Field(default="", max_length=60)
    product_model: str = Field(default="", max_length=100, index=True)
    part_no: str = Field(default="", max_length=60, index=True)
    batch_no: str = Field(default="", max_length=60)
    production_date: date | None = None
    qty_delivered: float | None = None
    qty_defective: float | None = None
    # defect_category and responsible_department are not indexed: a value holds a large share of
    # the tickets, so no query reads them by it (migration 0014 dropped both indexes)
    defect_category: str = Field(default="", max_length=60)
    description: str = Field(default="")
    customer_request: str = Field(default="")
    line_stopped: bool = Field(default=False)
    severity: str = Field(default=Severity.GENERAL.value, max_length=10, index=True)
    urgency: str = Field(default=Urgency.NORMAL.value, max_length=10)
    customer_deadline: date | None = None
    owner: str = Field(default="", max_length=60)

    # D4 root cause (人机料法环测, 5-Why)
    occurrence_category: str = Field(default="", max_length=20)
    occurrence_cause: str = Field(default="")
    escape_category: str = Field(default="", max_length=20)
    escape_cause: str = Field(default="")
    five_why: str = Field(default="")  # one why per line
    # D7 prevention
    fmea_updated: bool = Field(default=False)
    control_plan_updated: bool = Field(default=False)
    work_instruction_updated: bool = Field(default=False)
    similar_products: str = Field(default="")
    prevention_waived: bool = Field(default=False)
    waiver_approved_by: str = Field(default="", max_length=60)
    waiver_approved_on: date | None = None
    waiver_reason: str = Field(default="")

    # responsibility and claim 索赔
    responsibility: str = Field(default="undetermined", max_length=20)
    responsible_department: str = Field(default="", max_length=60)
    quarantine_advice: str = Field(default="")
    claim_status: str = Field(default="none", max_length=20)
    claim_amount: float | None = None
    agreed_amount: float | None = None
    paid_amount: float | None = None
    responsible_unit: str = Field(default="", max_length=100)
    chargeback_supplier: str = Field(default="", max_length=100)
    chargeback_amount: float | None = None
    reward_penalty_no: str = Field(default="", max_length=60)

    # replies to the customer and the return visit
    first_reply_at: datetime | None = None
    containment_reply_at: datetime | None = None
    action_reply_at: datetime | None = None
    reply_at: datetime | None = None
    reply_content: str = Field(default="")
    reply_by: str = Field(default="", max_length=60)
    visit_at: datetime | None = None
    visit_satisfied: bool | None = None
    visit_notes: str = Field(default="")

    # workflow, and what the list shows without recomputing (kept up to date on every save)
    status: str = Field(default=ComplaintStatus.OPEN.value, max_length=12, index=True)
    closed_at: datetime | None = Field(default=None, index=True)  # summaries count by it
    closed_by: str = Field(default="", max_length=60)
    closing_note: str = Field(default="")
    cancel_reason: str = Field(default="")
    current_step: int = Field(default=1)  # first 8D step not done; 9 when all are done
    next_due: datetime | None = Field(default=None, index=True)
    next_due_key: str = Field(default="", max_length=20)
    calendar_estimated: bool = Field(default=False)  # a deadline falls in an unknown year


class ComplaintStep(SQLModel, table=True):
    """One step D1…D8 of a ticket's 8D: its content, who owns it, when it was done."""

    __tablename__ = "complaint_step"
    # keyed by its ticket and step number (migration 0014): the key answers every lookup by
    # complaint_id; on SQLite without a rowid, so the rows are stored in that key's b-tree
    # alone (no id column and no second b-tree for a UNIQUE (complaint_id, step) index)
    __table_args__ = {"sqlite_with_rowid": False}

    complaint_id: int = Field(foreign_key="complaint.id", ondelete="CASCADE", primary_key=True)
    step: int = Field(primary_key=True)
    content: str = Field(default="")
    owner: str = Field(default="", max_length=60)
    done_on: date | None = None


class ComplaintSorting(SQLModel, table=True):
    """D3 containment: stock sorted at the customer, in transit or in our warehouse."""

    __tablename__ = "complaint_sorting"
    # keyed by its ticket and its place in the ticket's list, without a rowid on SQLite, as
    # complaint_step (migration 0014)
    __table_args__ = {"sqlite_with_rowid": False}

    complaint_id: int = Field(foreign_key="complaint.id", ondelete="CASCADE", primary_key=True)
    position: int = Field(default=0, primary_key=True)
    location: str = Field(max_length=20)  # customer / in_transit / in_stock
    qty_checked: float = Field(default=0)
    qty_defective: float = Field(default=0)
    handled_by: str = Field(default="", max_length=60)
    done_on: date | None = None
    notes: str = Field(default="", max_length=300)


class CorrectiveAction(RecordBase, table=True):
    """A corrective or preventive action 纠正/预防措施 (form Q/JL060301-C)."""

    __tablename__ = "corrective_action"
    # most actions belong to a ticket: migration 0013 indexes return_id, campaign_id and
    # visit_id where set (partial indexes, made by the migration alone, as complaint's)

    complaint_id: int | None = Field(
        default=None, foreign_key="complaint.id", ondelete="CASCADE", index=True
    )
    return_id: int | None = Field(  # an action opened from a return (app/models/returns.py)
        default=None, foreign_key="return_receipt.id", ondelete="CASCADE"
    )
    campaign_id: int | None = Field(  # an improvement action from a survey (app/models/survey.py)
        default=None, foreign_key="survey_campaign.id", ondelete="CASCADE"
    )
    survey_item_key: str = Field(default="", max_length=36)  # the survey item it improves
    visit_id: int | None = Field(  # a follow-up of a customer visit (app/models/field_service.py)
        default=None, foreign_key="visit_report.id", ondelete="CASCADE"
    )
    position: int = Field(default=0)
    kind: str = Field(default="corrective", max_length=12)  # corrective / preventive
    description: str = Field(default="")
    # not indexed (migration 0014): the open actions of a department are found through done_on
    department: str = Field(default="", max_length=60)
    owner: str = Field(default="", max_length=60)
    due: date | None = Field(default=None)
    done_on: date | None = Field(default=None, index=True)  # open actions: not done yet
    verification: str = Field(default="", max_length=16)  # "" pending / effective
    verified_by: str = Field(default="", max_length=60)
    verified_on: date | None = None


class ActionEvent(SQLModel, table=True):
    """What happened to an action: each verification and each new due date, kept for good."""

    __tablename__ = "action_event"

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="corrective_action.id", ondelete="CASCADE", index=True)
    at: datetime = Field(default_factory=utcnow)
    user: str = Field(max_length=100)
    kind: str = Field(max_length=16)  # verified / rescheduled
    result: str = Field(default="", max_length=16)  # effective / not_effective
    verified_by: str = Field(default="", max_length=60)
    verified_on: date | None = None
    old_due: date | None = None
    new_due: date | None = None
    note: str = Field(default="")
