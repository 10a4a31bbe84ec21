"""Complaint tickets as plain data (what the form, the reports and the CLI see) and their labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.i18n import pick
from app.services.deadlines import Deadline

STEP_COUNT = 8

# value -> (Chinese, English)
STEP_LABELS: dict[int, tuple[str, str]] = {
    1: ("D1 成立小组", "D1 Team"),
    2: ("D2 问题描述(5W2H)", "D2 Problem (5W2H)"),
    3: ("D3 临时围堵措施", "D3 Containment"),
    4: ("D4 根本原因分析", "D4 Root cause"),
    5: ("D5 永久纠正措施", "D5 Permanent corrective actions"),
    6: ("D6 实施与效果验证", "D6 Implementation and verification"),
    7: ("D7 预防再发生", "D7 Prevent recurrence"),
    8: ("D8 结案", "D8 Closure"),
}
STATUS_LABELS = {
    "open": ("处理中", "Open"),
    "closed": ("已结案", "Closed"),
    "reopened": ("已重开", "Reopened"),
    "cancelled": ("已作废", "Cancelled"),
}
SEVERITY_LABELS = {"major": ("重大", "Major"), "general": ("一般", "General")}
URGENCY_LABELS = {"urgent": ("急件", "Urgent"), "normal": ("普通件", "Normal")}
CHANNEL_LABELS = {
    "phone": ("电话", "Phone"),
    "email": ("电子邮件", "E-mail"),
    "fax": ("传真", "Fax"),
    "visit": ("来访/走访", "Visit"),
    "letter": ("信函", "Letter"),
    "other": ("其他", "Other"),
}
KIND_LABELS = {  # seed 000 §4.2
    "opinion": ("意见", "Opinion"),
    "suggestion": ("建议", "Suggestion"),
    "complaint": ("投诉", "Complaint"),
    "return": ("退货", "Return"),
}
RESPONSIBILITY_LABELS = {
    "ours": ("本公司", "Ours"),
    "supplier": ("供应商", "Supplier"),
    "customer_misuse": ("顾客使用不当", "Customer misuse"),
    "transport": ("运输", "Transport"),
    "undetermined": ("待定", "Undetermined"),
}
CAUSE_LABELS = {  # 人机料法环测
    "man": ("人", "Man"),
    "machine": ("机", "Machine"),
    "material": ("料", "Material"),
    "method": ("法", "Method"),
    "environment": ("环", "Environment"),
    "measurement": ("测", "Measurement"),
}
SORTING_LABELS = {
    "customer": ("顾客处", "At the customer"),
    "in_transit": ("在途", "In transit"),
    "in_stock": ("本公司库存", "In our warehouse"),
}
CLAIM_LABELS = {
    "none": ("无索赔", "No claim"),
    "claimed": ("已提出", "Claimed"),
    "negotiating": ("协商中", "Negotiating"),
    "agreed": ("已确认", "Agreed"),
    "paid": ("已支付", "Paid"),
    "rejected": ("不予索赔", "Rejected"),
}
ACTION_KIND_LABELS = {
    "corrective": ("纠正措施", "Corrective"),
    "preventive": ("预防措施", "Preventive"),
}
VERIFICATION_LABELS = {
    "": ("待验证", "Not verified"),
    "effective": ("有效", "Effective"),
    "not_effective": ("无效", "Not effective"),
}


def label(labels: dict, value: object, lang: str | None = None) -> str:
    """The word a user knows for a stored value; unknown values are shown as they are."""
    pair = labels.get(value)
    return pick(*pair, lang) if pair else str(value or "")


def step_label(step: int, lang: str | None = None) -> str:
    return (
        label(STEP_LABELS, step, lang) if step <= STEP_COUNT else pick("全部完成", "All done", lang)
    )


@dataclass
class StepData:
    step: int
    content: str = ""
    owner: str = ""
    done_on: date | None = None


@dataclass
class SortingData:
    location: str = "in_stock"
    qty_checked: float = 0.0
    qty_defective: float = 0.0
    handled_by: str = ""
    done_on: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class ActionEventData:
    at: datetime
    user: str
    kind: str  # verified / rescheduled
    result: str = ""
    verified_by: str = ""
    verified_on: date | None = None
    old_due: date | None = None
    new_due: date | None = None
    note: str = ""


@dataclass
class ActionData:
    kind: str = "corrective"
    description: str = ""
    department: str = ""
    owner: str = ""
    due: date | None = None
    done_on: date | None = None
    verification: str = ""  # set only through complaint_workflow.verify_action
    verified_by: str = ""
    verified_on: date | None = None
    id: int | None = None
    uuid: str | None = None
    history: list[ActionEventData] = field(default_factory=list)

    @property
    def first_due(self) -> date | None:
        """The due date first agreed (before any rescheduling)."""
        for event in self.history:
            if event.old_due is not None:  # rescheduled, or verified not effective
                return event.old_due
        return self.due


@dataclass
class AttachmentData:
    file_name: str
    stored_name: str
    size: int
    sha256: str
    caption: str = ""
    added_by: str = ""
    added_at: datetime | None = None
    id: int | None = None
    uuid: str | None = None

    @property
    def is_image(self) -> bool:
        return self.file_name.lower().rsplit(".", 1)[-1] in {"jpg", "jpeg", "png", "bmp", "gif"}


@dataclass(frozen=True)
class TicketRef:
    """Another ticket mentioned on this one (its origin, its reopenings, a recurrence)."""

    id: int
    number: str
    status: str
    received_at: datetime
    defect_category: str = ""
    product_model: str = ""
    part_no: str = ""
    description: str = ""


@dataclass
class ComplaintData:
    """A whole complaint ticket with its 8D, actions and attachments."""

    customer_id: int | None = None
    contact_name: str = ""
    contact_phone: str = ""
    channel: str = "phone"
    kind: str = "complaint"
    received_at: datetime | None = None
    received_by: str = ""
    product_model: str = ""
    part_no: str = ""
    batch_no: str = ""
    production_date: date | None = None
    qty_delivered: float | None = None
    qty_defective: float | None = None
    defect_category: str = ""
    description: str = ""
    customer_request: str = ""
    line_stopped: bool = False
    severity: str = "general"
    urgency: str = "normal"
    customer_deadline: date | None = None
    owner: str = ""
    # D4
    occurrence_category: str = ""
    occurrence_cause: str = ""
    escape_category: str = ""
    escape_cause: str = ""
    five_why: str = ""
    # D7
    fmea_updated: bool = False
    control_plan_updated: bool = False
    work_instruction_updated: bool = False
    similar_products: str = ""
    prevention_waived: bool = False
    waiver_approved_by: str = ""
    waiver_approved_on: date | None = None
    waiver_reason: str = ""
    # responsibility and claim
    responsibility: str = "undetermined"
    responsible_department: str = ""
    quarantine_advice: str = ""
    claim_status: str = "none"
    claim_amount: float | None = None
    agreed_amount: float | None = None
    paid_amount: float | None = None
    responsible_unit: str = ""
    chargeback_supplier: str = ""
    chargeback_amount: float | None = None
    reward_penalty_no: str = ""
    # replies and return visit
    first_reply_at: datetime | None = None
    containment_reply_at: datetime | None = None
    action_reply_at: datetime | None = None
    reply_at: datetime | None = None
    reply_content: str = ""
    reply_by: str = ""
    visit_at: datetime | None = None
    visit_satisfied: bool | None = None
    visit_notes: str = ""
    # children
    steps: list[StepData] = field(
        default_factory=lambda: [StepData(i) for i in range(1, STEP_COUNT + 1)]
    )
    sorting: list[SortingData] = field(default_factory=list)
    actions: list[ActionData] = field(default_factory=list)
    # set by the service (read-only for the form)
    number: str = ""
    status: str = "open"
    closed_at: datetime | None = None
    closed_by: str = ""
    closing_note: str = ""
    cancel_reason: str = ""
    reopen_index: int = 0
    reopen_reason: str = ""
    origin: TicketRef | None = None
    reopenings: list[TicketRef] = field(default_factory=list)
    customer_code: str = ""
    customer_name: str = ""
    customer_type: str = ""
    current_step: int = 1
    deadlines: list[Deadline] = field(default_factory=list)
    attachments: list[AttachmentData] = field(default_factory=list)
    id: int | None = None
    uuid: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int | None = None  # as loaded; a save from an older one is refused (conflicts)

    @property
    def editable(self) -> bool:
        """Closed, reopened and cancelled tickets are read-only (quality records)."""
        return self.status == "open"

    def step(self, number: int) -> StepData:
        return self.steps[number - 1]


# the complaint table's columns the ledger shows, in LedgerTicket's order
LEDGER_FIELDS = (
    "number", "received_at", "contact_name", "contact_phone", "channel", "kind",
    "product_model", "part_no", "batch_no", "qty_delivered", "qty_defective",
    "defect_category", "description", "severity", "urgency", "responsibility",
    "responsible_department", "owner", "current_step", "status", "reply_at", "reply_content",
    "visit_at", "visit_satisfied", "claim_status", "claim_amount", "agreed_amount",
    "paid_amount", "closed_at",
)  # fmt: skip


@dataclass(slots=True)
class LedgerTicket:
    """One ticket as the ledger shows it (stored values; the labels are the report's)."""

    number: str
    received_at: datetime | None
    contact_name: str
    contact_phone: str
    channel: str
    kind: str
    product_model: str
    part_no: str
    batch_no: str
    qty_delivered: float | None
    qty_defective: float | None
    defect_category: str
    description: str
    severity: str
    urgency: str
    responsibility: str
    responsible_department: str
    owner: str
    current_step: int
    status: str
    reply_at: datetime | None
    reply_content: str
    visit_at: datetime | None
    visit_satisfied: bool | None
    claim_status: str
    claim_amount: float | None
    agreed_amount: float | None
    paid_amount: float | None
    closed_at: datetime | None
    customer_code: str = ""
    customer_name: str = ""
    origin_number: str = ""
    # computed for open tickets only: a closed, reopened or cancelled one has none due
    deadlines: list[Deadline] = field(default_factory=list)

    @classmethod
    def of(cls, c: ComplaintData) -> LedgerTicket:
        """The ledger's view of a whole ticket (its deadlines as the ticket has them)."""
        ticket = cls(*(getattr(c, name) for name in LEDGER_FIELDS))
        ticket.customer_code, ticket.customer_name = c.customer_code, c.customer_name
        ticket.origin_number = c.origin.number if c.origin else ""
        ticket.deadlines = c.deadlines
        return ticket


@dataclass(frozen=True)
class ComplaintRow:
    """One line of the complaint ledger list."""

    id: int
    number: str
    customer_code: str
    customer_name: str
    product_model: str
    part_no: str
    received_at: datetime
    severity: str
    urgency: str
    status: str
    current_step: int
    next_due: datetime | None
    next_due_key: str
    owner: str
    defect_category: str
    responsible_department: str
    calendar_estimated: bool


@dataclass
class ComplaintFilter:
    text: str = ""
    status: str | None = None  # open / closed / reopened / cancelled
    customer_id: int | None = None
    severity: str | None = None
    overdue_only: bool = False
    received_from: date | None = None
    received_to: date | None = None
    department: str | None = None
    defect_category: str | None = None
