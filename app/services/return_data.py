"""Returns 退货 as plain data (what the form, the reports and the CLI see) and their labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.services.complaint_data import ActionData, AttachmentData

# value -> (Chinese, English)
RETURN_STATUS_LABELS = {
    "open": ("处理中", "Open"),
    "disposed": ("已处置", "Disposed"),
    "archived": ("已归档", "Archived"),
    "cancelled": ("已作废", "Cancelled"),
}
LINE_RESPONSIBILITY_LABELS = {
    "": ("待判定", "Not determined"),
    "ours": ("本公司责任", "Ours"),
    "not_ours": ("非本公司责任", "Not ours"),
}
# the receipt's summary over its lines
RETURN_RESPONSIBILITY_LABELS = {
    **LINE_RESPONSIBILITY_LABELS,
    "mixed": ("部分本公司责任", "Partly ours"),
}
REWORK_INSTRUCTION_LABELS = {
    "rework": ("重工", "Rework"),
    "full_inspection": ("100%全检", "100 % inspection"),
}
# where the defective pieces of a line go, in the order the form shows them
DISPOSITION_LABELS = {
    "qty_rework": ("重工", "Rework"),
    "qty_scrap": ("报废", "Scrap"),
    "qty_return": ("退回顾客", "Return to customer"),
    "qty_accept": ("让步接收", "Accept as is"),
    "qty_replace": ("换货", "Replace"),
}
WARRANTY_LABELS = {  # 三包 (seed 003 §3.6)
    "": ("—", "—"),
    "repair": ("包修", "Repair"),
    "replace": ("包换", "Replace"),
    "refund": ("包退", "Refund"),
}


@dataclass
class ReturnLineData:
    material_no: str = ""
    material_name: str = ""
    batch_no: str = ""
    quantity: float | None = None
    customer_reason: str = ""
    # inspection
    inspector: str = ""
    inspected_on: date | None = None
    qty_inspected: float | None = None
    qty_good: float | None = None
    qty_defective: float | None = None
    defect_found: str = ""
    defect_category: str = ""
    responsibility: str = ""  # "" / ours / not_ours
    explanation: str = ""
    # disposition of the defective pieces
    qty_rework: float = 0
    rework_order_no: str = ""
    rework_instruction: str = ""  # rework / full_inspection
    rework_notes: str = ""
    qty_scrap: float = 0
    scrap_report_no: str = ""
    qty_return: float = 0
    qty_accept: float = 0
    concession_by: str = ""
    qty_replace: float = 0
    stock_short: bool = False
    warranty: str = ""  # 三包: repair / replace / refund
    disposed_by: str = ""
    disposed_on: date | None = None
    # set by the service
    attachments: list[AttachmentData] = field(default_factory=list)
    id: int | None = None
    uuid: str | None = None

    @property
    def inspected(self) -> bool:
        return self.inspected_on is not None or self.qty_inspected is not None

    @property
    def qty_disposed(self) -> float:
        return sum(getattr(self, name) or 0 for name in DISPOSITION_LABELS)

    @property
    def disposed(self) -> bool:
        """Inspected, and every defective piece has somewhere to go."""
        if not self.inspected or self.qty_defective is None:
            return False
        return abs(self.qty_disposed - self.qty_defective) < 1e-9

    @property
    def urgent_production(self) -> bool:
        """Replacement needed and stock short (seed 002 §6.1.5)."""
        return bool(self.qty_replace) and self.stock_short


@dataclass(frozen=True)
class LinkedComplaint:
    id: int
    number: str
    status: str
    description: str = ""


@dataclass
class ReturnData:
    """A whole return: the receipt, its lines, the analysis and the actions opened from it."""

    customer_id: int | None = None
    received_on: date | None = None
    warehouse_receipt_no: str = ""
    received_by: str = ""
    complaint_id: int | None = None
    bulk: bool = False
    notes: str = ""
    analysis_result: str = ""
    analysis_by: str = ""
    analysis_on: date | None = None
    lines: list[ReturnLineData] = field(default_factory=lambda: [ReturnLineData()])
    actions: list[ActionData] = field(default_factory=list)
    # set by the service (read-only for the form)
    number: str = ""
    status: str = "open"
    archived_on: date | None = None
    archived_by: str = ""
    cancel_reason: str = ""
    complaint: LinkedComplaint | None = None
    customer_code: str = ""
    customer_name: str = ""
    id: int | None = None
    uuid: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int | None = None  # as loaded; a save from an older one is refused (conflicts)

    @property
    def editable(self) -> bool:
        """Archived and cancelled returns are read-only (quality records)."""
        return self.status in ("open", "disposed")

    @property
    def qty_returned(self) -> float:
        return sum(line.quantity or 0 for line in self.lines)

    @property
    def qty_defective(self) -> float:
        return sum(line.qty_defective or 0 for line in self.lines)

    @property
    def urgent_production(self) -> bool:
        return any(line.urgent_production for line in self.lines)

    @property
    def responsibility(self) -> str:
        """ "" until a line is judged; ours / not_ours when they agree, else mixed."""
        found = {line.responsibility for line in self.lines if line.responsibility}
        if not found:
            return ""
        return found.pop() if len(found) == 1 else "mixed"

    @property
    def has_our_fault(self) -> bool:
        return any(line.responsibility == "ours" for line in self.lines)


@dataclass(frozen=True)
class ReturnRow:
    """One line of the returns list."""

    id: int
    number: str
    customer_code: str
    customer_name: str
    received_on: date
    warehouse_receipt_no: str
    bulk: bool
    items: str
    line_count: int
    qty_returned: float
    qty_defective: float
    responsibility: str
    status: str
    urgent_production: bool
    complaint_number: str


@dataclass
class ReturnFilter:
    text: str = ""
    customer_id: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    bulk: bool | None = None  # None: both
    responsibility: str | None = None  # ours / not_ours / mixed / "" (not determined)
    disposition_done: bool | None = None  # False: open; True: disposed or archived
    status: str | None = None
    linked_complaint: bool | None = None  # True: only returns with a complaint
    complaint_id: int | None = None
    urgent_only: bool = False
