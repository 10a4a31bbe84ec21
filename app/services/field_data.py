"""Field service 现场服务 and customer visits 走访 as plain data, and their labels.

What the form, the reports (PDF/Excel), the CLI and the sync see; no Qt, no sessions.
Service reports: app/services/field_service.py; visits: app/services/visit_service.py;
the month: app/services/monthly_service.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.services.complaint_data import ActionData, AttachmentData

__all__ = [
    "ActionData",
    "AttachmentData",
    "CustomerMonth",
    "EngineerMonth",
    "FIELD_KIND_LABELS",
    "FieldFilter",
    "FieldRow",
    "LinkedComplaintRef",
    "MonthlyService",
    "OverdueVisit",
    "PART_CHARGE_LABELS",
    "PartData",
    "RATING_LABELS",
    "SERVICE_RESULT_LABELS",
    "ServiceReportData",
    "VisitReportData",
    "split_names",
    "join_names",
]

# value -> (Chinese, English)
FIELD_KIND_LABELS = {
    "service": ("现场服务", "Service report"),
    "visit": ("走访", "Visit report"),
}
# the fields of a report as the side-by-side view of a sync conflict names them
FIELD_NAME_LABELS = {
    "number": ("编号", "Number"),
    "customer": ("顾客", "Customer"),
    "site_address": ("服务地点", "Site"),
    "complaint": ("关联抱怨单", "Complaint"),
    "requested_on": ("报修日期", "Requested"),
    "engineers": ("服务工程师", "Engineers"),
    "arrived_at": ("到达时间", "Arrived"),
    "departed_at": ("离开时间", "Departed"),
    "product_model": ("产品型号", "Product"),
    "serial_no": ("序列号/批次号", "Serial / batch"),
    "problem_found": ("发现的问题", "Problem found"),
    "work_done": ("处理过程", "Work done"),
    "parts": ("更换零件", "Parts replaced"),
    "result": ("服务结果", "Result"),
    "customer_opinion": ("顾客意见", "Customer opinion"),
    "customer_rating": ("顾客评分", "Rating"),
    "customer_signatory": ("顾客签字人", "Signatory"),
    "travel_cost": ("差旅费(元)", "Travel cost"),
    "labour_cost": ("人工费(元)", "Labour cost"),
    "notes": ("备注", "Notes"),
    "photos": ("照片", "Photos"),
    "visited_on": ("走访日期", "Visited on"),
    "visitors": ("走访人", "Visitors"),
    "attendees": ("顾客参加人员", "Attendees"),
    "topics": ("走访内容", "Topics"),
    "feedback": ("顾客反馈", "Feedback"),
    "requests": ("顾客要求", "Requests"),
    "next_visit_on": ("下次走访日期", "Next visit"),
    "actions": ("跟进措施", "Follow-up actions"),
}
SERVICE_RESULT_LABELS = {
    "solved": ("已解决", "Solved"),
    "temporary": ("临时解决", "Temporary fix"),
    "not_solved": ("未解决", "Not solved"),
}
PART_CHARGE_LABELS = {  # ServicePart.charged
    True: ("收费", "Charged"),
    False: ("保修", "Warranty"),
}
RATING_LABELS = {
    1: ("很差", "Poor"),
    2: ("较差", "Fair"),
    3: ("一般", "Average"),
    4: ("良好", "Good"),
    5: ("很好", "Very good"),
}


def split_names(text: str) -> list[str]:
    """Engineers / visitors are stored one per line; also accept commas and 、 when typed."""
    for sep in (",", "，", "、", ";", "；"):
        text = text.replace(sep, "\n")
    return [name.strip() for name in text.splitlines() if name.strip()]


def join_names(names: list[str]) -> str:
    return "\n".join(name.strip() for name in names if name.strip())


@dataclass
class PartData:
    """A part replaced on site."""

    part_no: str = ""
    name: str = ""
    quantity: float | None = 1
    charged: bool = False  # False: warranty
    id: int | None = None
    uuid: str | None = None


@dataclass(frozen=True)
class LinkedComplaintRef:
    id: int
    number: str
    status: str
    description: str = ""


@dataclass
class ServiceReportData:
    """A field service report 现场服务报告 (Q/JL081304-C)."""

    customer_id: int | None = None
    site_address: str = ""
    complaint_id: int | None = None
    requested_on: date | None = None
    engineers: str = ""  # one name per line
    arrived_at: datetime | None = None  # aware
    departed_at: datetime | None = None  # aware, after arrival
    product_model: str = ""
    serial_no: str = ""
    problem_found: str = ""
    work_done: str = ""
    result: str = "solved"  # solved / temporary / not_solved
    customer_opinion: str = ""
    customer_rating: int | None = None  # 1–5
    customer_signatory: str = ""
    travel_cost: float | None = 0
    labour_cost: float | None = 0
    notes: str = ""
    parts: list[PartData] = field(default_factory=list)
    # set by the service (read-only for the form)
    attachments: list[AttachmentData] = field(default_factory=list)  # photos
    number: str = ""
    prefix: str = ""
    origin: str = ""
    complaint: LinkedComplaintRef | None = None
    customer_code: str = ""
    customer_name: str = ""
    id: int | None = None
    uuid: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int | None = None  # as loaded; a save from an older one is refused (conflicts)

    @property
    def engineer_list(self) -> list[str]:
        return split_names(self.engineers)

    @property
    def hours(self) -> float:
        """Hours on site (0 until both times are known)."""
        if self.arrived_at is None or self.departed_at is None:
            return 0.0
        seconds = (self.departed_at - self.arrived_at).total_seconds()
        return max(seconds, 0) / 3600

    @property
    def total_cost(self) -> float:
        return (self.travel_cost or 0) + (self.labour_cost or 0)

    @property
    def qty_charged(self) -> float:
        return sum(p.quantity or 0 for p in self.parts if p.charged)

    @property
    def qty_warranty(self) -> float:
        return sum(p.quantity or 0 for p in self.parts if not p.charged)

    @property
    def open(self) -> bool:
        """A temporary fix or an unsolved problem is an open item."""
        return self.result != "solved"


@dataclass
class VisitReportData:
    """A customer visit report 走访服务报告 (Q/JL081306-C) with its follow-up actions."""

    customer_id: int | None = None
    visited_on: date | None = None
    visitors: str = ""  # one name per line
    attendees: str = ""  # the customer's people
    topics: str = ""
    feedback: str = ""
    requests: str = ""
    next_visit_on: date | None = None
    notes: str = ""
    actions: list[ActionData] = field(default_factory=list)  # follow-ups (action_service)
    # set by the service (read-only for the form)
    attachments: list[AttachmentData] = field(default_factory=list)
    number: str = ""
    prefix: str = ""
    origin: str = ""
    customer_code: str = ""
    customer_name: str = ""
    id: int | None = None
    uuid: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int | None = None  # as loaded; a save from an older one is refused (conflicts)

    @property
    def visitor_list(self) -> list[str]:
        return split_names(self.visitors)

    @property
    def open_actions(self) -> list[ActionData]:
        """Follow-ups not yet verified effective."""
        return [a for a in self.actions if a.verification != "effective"]


@dataclass(frozen=True)
class FieldRow:
    """One line of the field-service list: a service report or a visit."""

    kind: str  # "service" / "visit"
    id: int
    number: str
    customer_id: int
    customer_code: str
    customer_name: str
    date: date  # arrival day / visit day
    people: str  # engineers / visitors, joined with ", "
    summary: str  # problem found / topics (first line)
    result: str  # service: solved/temporary/not_solved; visit: ""
    open_follow_ups: int  # visit: open actions; service: 1 when not solved, else 0
    hours: float = 0.0  # service only
    next_visit_on: date | None = None  # visit only


@dataclass
class FieldFilter:
    text: str = ""  # number, customer code/name, people, product, serial, summary
    kind: str | None = None  # "service" / "visit" / None: both
    customer_id: int | None = None
    engineer: str = ""  # one of the engineers / visitors (case-insensitive, part of the name)
    month: tuple[int, int] | None = None  # (year, month)
    open_follow_ups_only: bool = False


@dataclass(frozen=True)
class OverdueVisit:
    customer_id: int
    customer_code: str
    customer_name: str
    last_visit: date | None  # None: never visited
    last_visit_number: str
    every_months: int
    due: date
    days_overdue: int
    planned: bool = False  # the customer's own VisitPlan, not the settings' cadence


@dataclass
class EngineerMonth:
    engineer: str
    reports: int = 0
    visits: int = 0
    hours: float = 0.0  # every engineer on a report gets the report's hours
    solved: int = 0
    temporary: int = 0
    not_solved: int = 0


@dataclass
class CustomerMonth:
    customer_id: int
    customer_code: str
    customer_name: str
    reports: int = 0
    visits: int = 0
    hours: float = 0.0
    parts_charged: float = 0.0
    parts_warranty: float = 0.0
    travel_cost: float = 0.0
    labour_cost: float = 0.0
    open_items: int = 0  # temporary/not-solved reports + open follow-ups of the month's visits


@dataclass
class MonthlyService:
    """月度服务报告 (Q/JL081305-C) for one month."""

    year: int
    month: int
    reports: int = 0
    visits: int = 0
    hours: float = 0.0
    parts_charged: float = 0.0  # quantities
    parts_warranty: float = 0.0
    solved: int = 0
    temporary: int = 0
    not_solved: int = 0
    open_actions: int = 0  # open follow-up actions of the month's visits
    open_reports: int = 0  # temporary + not solved
    travel_cost: float = 0.0
    labour_cost: float = 0.0
    per_engineer: list[EngineerMonth] = field(default_factory=list)
    per_customer: list[CustomerMonth] = field(default_factory=list)
    service_numbers: list[str] = field(default_factory=list)
    visit_numbers: list[str] = field(default_factory=list)

    @property
    def open_items(self) -> int:
        return self.open_actions + self.open_reports

    @property
    def total_cost(self) -> float:
        return self.travel_cost + self.labour_cost

    @property
    def parts_total(self) -> float:
        return self.parts_charged + self.parts_warranty
