"""The tracking list 客户抱怨处理追踪一览表 (SPEC §2.2, §3; seed 002 §6.2.1, §6.3.1).

Sheet 1: one row per corrective/preventive action (a ticket without actions gets one row), so
the quality department follows every action to its verification; overdue actions are red.
Sheet 2: the deadlines of the open tickets (first reply, containment, action reply, answer,
return visit), overdue ones marked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sized
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook

from app.i18n import pick
from app.models.common import utcnow
from app.reports.excel.complaint_ledger_xlsx import (
    SheetColumn,
    SheetLine,
    TitledSheetWriter,
    new_workbook,
    sheet_title,
    workbook_bytes,
    yes_no,
)
from app.reports.excel.sheet import PROGRESS_EVERY, discard_workbook, save_workbook
from app.services.complaint_data import (
    ACTION_KIND_LABELS,
    CAUSE_LABELS,
    STATUS_LABELS,
    URGENCY_LABELS,
    VERIFICATION_LABELS,
    ActionData,
    ComplaintData,
    label,
)
from app.services.deadlines import deadline_label

TICKET_DEADLINES = ("first_reply", "containment", "action_reply", "answer", "return_visit")

ACTION_STATE_LABELS = {
    "none": ("尚无措施", "No action yet"),
    "in_progress": ("进行中", "In progress"),
    "awaiting_verification": ("已完成待验证", "Done, awaiting verification"),
    "not_effective": ("验证无效,需重新实施", "Not effective, to be redone"),
    "effective": ("已验证有效", "Verified effective"),
}


def _today(now: datetime) -> date:
    return (now.astimezone() if now.tzinfo else now).date()


def action_state(action: ActionData) -> str:
    if action.verification == "effective":
        return "effective"
    if action.verification == "not_effective":
        return "not_effective"
    return "awaiting_verification" if action.done_on else "in_progress"


def action_overdue(complaint: ComplaintData, action: ActionData, today: date) -> bool:
    """Due day passed while the action is not done and verified effective (open tickets only)."""
    return (
        complaint.status == "open"
        and action.due is not None
        and action.due < today
        and action.verification != "effective"
    )


def times_rescheduled(action: ActionData) -> int:
    return sum(1 for event in action.history if event.kind == "rescheduled")


def _cause(complaint: ComplaintData, lang: str) -> str:
    category = label(CAUSE_LABELS, complaint.occurrence_category, lang)
    if category and complaint.occurrence_cause:
        return f"[{category}] {complaint.occurrence_cause}"
    return category or complaint.occurrence_cause


# ---------------------------------------------------------------- sheet 1: actions


def action_columns(lang: str) -> list[SheetColumn]:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    return [
        SheetColumn(t("编号", "Number")),
        SheetColumn(t("顾客", "Customer"), max_width=20, wrap=True),
        SheetColumn(t("产品型号", "Product")),
        SheetColumn(t("不良类别", "Defect category")),
        SheetColumn(t("问题描述", "Problem"), max_width=30, wrap=True),
        SheetColumn(t("原因分析", "Cause"), max_width=30, wrap=True),
        SheetColumn(t("措施类型", "Action type")),
        SheetColumn(t("措施内容", "Action"), max_width=30, wrap=True),
        SheetColumn(t("责任部门", "Department")),
        SheetColumn(t("负责人", "Owner")),
        SheetColumn(t("原定完成日期", "First due"), "date"),
        SheetColumn(t("当前完成日期", "Current due"), "date"),
        SheetColumn(t("实际完成日期", "Done on"), "date"),
        SheetColumn(t("验证结果", "Verification")),
        SheetColumn(t("验证人", "Verified by")),
        SheetColumn(t("验证日期", "Verified on"), "date"),
        SheetColumn(t("改期次数", "Times rescheduled"), "quantity"),
        SheetColumn(t("措施状态", "Action status"), max_width=14, wrap=True),
        SheetColumn(t("逾期", "Overdue")),
        SheetColumn(t("抱怨单状态", "Ticket status")),
    ]


def action_lines(complaint: ComplaintData, lang: str, today: date) -> list[SheetLine]:
    c = complaint
    ticket = [
        c.number,
        c.customer_name,
        c.product_model,
        c.defect_category,
        c.description,
        _cause(c, lang),
    ]
    status = label(STATUS_LABELS, c.status, lang)
    if not c.actions:
        empty: list[object] = [None] * 11  # action type … times rescheduled
        values = [*ticket, *empty, pick(*ACTION_STATE_LABELS["none"], lang), "", status]
        return [SheetLine(values)]
    lines = []
    for a in c.actions:
        overdue = action_overdue(c, a, today)
        values = [
            *ticket,
            label(ACTION_KIND_LABELS, a.kind, lang),
            a.description,
            a.department,
            a.owner,
            a.first_due,
            a.due,
            a.done_on,
            label(VERIFICATION_LABELS, a.verification, lang),
            a.verified_by,
            a.verified_on,
            times_rescheduled(a),
            pick(*ACTION_STATE_LABELS[action_state(a)], lang),
            yes_no(overdue, lang),
            status,
        ]
        lines.append(SheetLine(values, highlight=overdue))
    return lines


# ---------------------------------------------------------------- sheet 2: ticket deadlines


def deadline_columns(lang: str) -> list[SheetColumn]:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    columns = [
        SheetColumn(t("编号", "Number")),
        SheetColumn(t("顾客", "Customer"), max_width=30),
        SheetColumn(t("接收时间", "Received"), "datetime"),
        SheetColumn(t("紧急度", "Urgency")),
        SheetColumn(t("负责人", "Owner")),
    ]
    for key in TICKET_DEADLINES:
        name = deadline_label(key, lang)
        columns.append(SheetColumn(t(f"{name}期限", f"{name}: due"), "datetime"))
        columns.append(SheetColumn(t(f"{name}完成", f"{name}: done"), "datetime"))
    columns.append(SheetColumn(t("逾期事项", "Overdue"), wrap=True))
    columns.append(SheetColumn(t("备注", "Notes"), wrap=True))
    return columns


def deadline_line(complaint: ComplaintData, lang: str, now: datetime) -> SheetLine:
    c = complaint
    by_key = {d.key: d for d in c.deadlines if d.key in TICKET_DEADLINES}
    values: list[object] = [
        c.number,
        c.customer_name,
        c.received_at,
        label(URGENCY_LABELS, c.urgency, lang),
        c.owner,
    ]
    marked: set[int] = set()
    overdue_names: list[str] = []
    for key in TICKET_DEADLINES:
        d = by_key.get(key)
        if d is not None and d.overdue(now):
            marked.add(len(values))
            overdue_names.append(deadline_label(key, lang))
        values += [d.due if d else None, d.done_at if d else None]
    notes = []
    action_reply = by_key.get("action_reply")
    if action_reply is not None and action_reply.detail == "customer":
        notes.append(
            pick("措施回复按顾客要求期限", "Action reply by the customer's deadline", lang)
        )
    estimated = sorted({y for d in c.deadlines if not d.done for y in d.estimated_years})
    if estimated:
        years = ", ".join(str(y) for y in estimated)
        notes.append(
            pick(
                f"{years} 年节假日未确认,工作日按周一至周五估算",
                f"holidays of {years} not confirmed; working days estimated as Mon–Fri",
                lang,
            )
        )
    separator = pick(";", "; ", lang)
    values += [separator.join(overdue_names), separator.join(notes)]
    if overdue_names:
        marked.add(len(values) - 2)
        marked.add(0)
    return SheetLine(values, marked=marked)


# ---------------------------------------------------------------- the workbook


@dataclass(frozen=True)
class TrackingCount:
    """What a tracking list holds: tickets listed and their actions."""

    tickets: int
    actions: int


def _tracking_workbook(
    complaints: Iterable[ComplaintData],
    lang: str,
    now: datetime | None,
    company: str,
    progress: Callable[[int, int], None] | None,
    total: int | None,
    is_cancelled: Callable[[], bool] | None,
) -> tuple[Workbook, TrackingCount]:
    """Both sheets filled in one pass over the tickets (a generator is read once)."""
    now = now or utcnow()
    today = _today(now)
    report = pick("客户抱怨处理追踪一览表", "Customer complaint tracking list", lang)
    if total is None and isinstance(complaints, Sized):
        total = len(complaints)
    wb = new_workbook(report)
    try:
        action_sheet = TitledSheetWriter(
            wb,
            pick("追踪一览表", "Tracking list", lang),
            sheet_title(company, report, "", now, lang),
            action_columns(lang),
            lang=lang,
            header_left=company,
            is_cancelled=is_cancelled,
        )
        deadline_sheet = TitledSheetWriter(
            wb,
            pick("未结案期限", "Open deadlines", lang),
            sheet_title(
                company, pick("未结案抱怨单期限", "Deadlines of open tickets", lang), "", now, lang
            ),
            deadline_columns(lang),
            lang=lang,
            header_left=company,
        )
        tickets = actions = 0
        for c in complaints:
            if progress is not None and total is not None and tickets % PROGRESS_EVERY == 0:
                progress(tickets, total)
            for line in action_lines(c, lang, today):
                action_sheet.add(line)
            if c.status == "open":
                deadline_sheet.add(deadline_line(c, lang, now))
            tickets += 1
            actions += len(c.actions)
        action_sheet.close()
        deadline_sheet.close()
    except BaseException:
        discard_workbook(wb)
        raise
    if progress is not None:
        progress(tickets, tickets)
    return wb, TrackingCount(tickets, actions)


def tracking_list_xlsx(
    complaints: Iterable[ComplaintData],
    lang: str = "zh_CN",
    now: datetime | None = None,
    *,
    company: str = "",
    progress: Callable[[int, int], None] | None = None,
    total: int | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The tracking list workbook as .xlsx bytes; `now` decides what is overdue.

    `complaints` may be a generator, read once; `progress(done, total)` counts tickets.
    """
    wb, _count = _tracking_workbook(complaints, lang, now, company, progress, total, is_cancelled)
    return workbook_bytes(wb)


def write_tracking_list(
    path: str | os.PathLike[str],
    complaints: Iterable[ComplaintData],
    lang: str = "zh_CN",
    now: datetime | None = None,
    *,
    company: str = "",
    progress: Callable[[int, int], None] | None = None,
    total: int | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> TrackingCount:
    """The tracking list written straight into the file at `path` (atomically), ticket by
    ticket, so memory stays flat with a generator of tickets; returns what it holds."""
    wb, count = _tracking_workbook(complaints, lang, now, company, progress, total, is_cancelled)
    save_workbook(wb, path)
    return count
