"""The monthly service report 月度服务报告 (Q/JL081305-C; SPEC §2.5, seed 003 §8).

A month of field work from its records: how many service reports and visits, hours on site,
parts replaced (charged / under warranty), results, costs and what is still open; then the
same per engineer and per customer, and the numbers of the records it was counted from.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from app.reports.pdf.eight_d_pdf import grid, heading, kept, table, titled
from app.reports.pdf.form_text import FormText, format_money, format_qty, joined, labels
from app.reports.pdf.layout import CellContent, GridField, build_form_pdf, styles, text_paragraph
from app.reports.pdf.return_report_pdf import form_meta
from app.reports.pdf.service_report_pdf import format_hours
from app.services.field_data import MonthlyService
from app.services.settings_service import FormSettings

FORM_KEY = "monthly_service"


def month_text(data: MonthlyService, t: FormText) -> str:
    """2025年3月 / March 2025 / 2025-03."""
    if t.lang == "zh_CN":
        return f"{data.year}年{data.month}月"
    return f"{data.year}-{data.month:02d}"


def record_no(data: MonthlyService) -> str:
    return f"{data.year}-{data.month:02d}"


def _count(value: float | int) -> str:
    return format_qty(value) if value else "0"


def _overview(t: FormText, data: MonthlyService) -> list[Flowable]:
    rows = [
        [
            GridField(t("统计月份", "Month"), month_text(data, t)),
            GridField(t("服务工时(小时)", "Hours on site"), format_hours(data.hours) or "0"),
        ],
        [
            GridField(t("现场服务报告", "Service reports"), _count(data.reports)),
            GridField(t("走访服务报告", "Visit reports"), _count(data.visits)),
        ],
        [
            GridField(t("已解决", "Solved"), _count(data.solved)),
            GridField(t("临时解决", "Temporary fix"), _count(data.temporary)),
        ],
        [
            GridField(t("未解决", "Not solved"), _count(data.not_solved)),
            GridField(t("更换零件合计", "Parts replaced"), _count(data.parts_total)),
        ],
        [
            GridField(t("其中收费", "of which charged"), _count(data.parts_charged)),
            GridField(t("其中保修", "of which warranty"), _count(data.parts_warranty)),
        ],
        [
            GridField(t("差旅费(元)", "Travel cost"), format_money(data.travel_cost)),
            GridField(t("人工费(元)", "Labour cost"), format_money(data.labour_cost)),
        ],
        [
            GridField(t("费用合计(元)", "Total cost"), format_money(data.total_cost)),
            GridField(t("未关闭事项", "Open items"), _count(data.open_items)),
        ],
        [
            GridField(
                t("未关闭事项说明", "Open items are"),
                t(
                    f"临时解决或未解决的服务报告 {data.open_reports} 项；"
                    f"本月走访未完成的跟进措施 {data.open_actions} 项",
                    f"{data.open_reports} service report(s) fixed temporarily or not solved; "
                    f"{data.open_actions} open follow-up action(s) of the month's visits",
                ),
            )
        ],
    ]
    return kept(heading(t("一、本月概况", "1. The month")), grid(t, rows))


def _engineers(t: FormText, data: MonthlyService) -> list[Flowable]:
    headers = [
        t("服务工程师", "Engineer"),
        t("服务报告", "Reports"),
        t("走访", "Visits"),
        t("工时(小时)", "Hours"),
        t("已解决", "Solved"),
        t("临时解决", "Temporary"),
        t("未解决", "Not solved"),
    ]
    rows: list[list[CellContent]] = [
        [
            e.engineer,
            _count(e.reports),
            _count(e.visits),
            format_hours(e.hours) or "0",
            _count(e.solved),
            _count(e.temporary),
            _count(e.not_solved),
        ]
        for e in data.per_engineer
    ]
    widths = [None, 22 * mm, 20 * mm, 24 * mm, 22 * mm, 22 * mm, 22 * mm]
    aligns = ["LEFT", *["RIGHT"] * 6]
    listing = table(headers, rows, widths, aligns, empty_text=t("本月无记录", "No records"))
    note = t(
        "同一报告有多名工程师时，每人均计该报告的工时。",
        "Every engineer on a report is counted with the report's hours.",
    )
    return [*titled(t("二、按服务工程师", "2. Per engineer"), listing, True), *_note(note)]


def _note(text: str) -> list[Flowable]:
    style = ParagraphStyle("qd-month-note", parent=styles().small, spaceBefore=2 * mm)
    return [text_paragraph(text, style)]


def _customers(t: FormText, data: MonthlyService) -> list[Flowable]:
    headers = [
        t("顾客", "Customer"),
        t("服务报告", "Reports"),
        t("走访", "Visits"),
        t("工时(小时)", "Hours"),
        t("收费零件", "Parts charged"),
        t("保修零件", "Parts warranty"),
        t("费用(元)", "Cost"),
        t("未关闭事项", "Open items"),
    ]
    rows: list[list[CellContent]] = [
        [
            joined(c.customer_code, c.customer_name, sep="\n"),
            _count(c.reports),
            _count(c.visits),
            format_hours(c.hours) or "0",
            _count(c.parts_charged),
            _count(c.parts_warranty),
            format_money(c.travel_cost + c.labour_cost),
            _count(c.open_items),
        ]
        for c in data.per_customer
    ]
    if rows:
        rows.append(
            [
                t("合计", "Total"),
                _count(sum(c.reports for c in data.per_customer)),
                _count(sum(c.visits for c in data.per_customer)),
                format_hours(sum(c.hours for c in data.per_customer)) or "0",
                _count(sum(c.parts_charged for c in data.per_customer)),
                _count(sum(c.parts_warranty for c in data.per_customer)),
                format_money(sum(c.travel_cost + c.labour_cost for c in data.per_customer)),
                _count(sum(c.open_items for c in data.per_customer)),
            ]
        )
    widths = [None, 17 * mm, 14 * mm, 18 * mm, 18 * mm, 18 * mm, 24 * mm, 21 * mm]
    aligns = ["LEFT", *["RIGHT"] * 7]
    listing = table(headers, rows, widths, aligns, empty_text=t("本月无记录", "No records"))
    return titled(t("三、按顾客", "3. Per customer"), listing, True)


def _records(t: FormText, data: MonthlyService) -> list[Flowable]:
    sep = ", " if t.lang == "en" else "、"
    rows = [
        [
            GridField(
                t("现场服务报告", "Service reports"),
                sep.join(data.service_numbers) or t("无", "None"),
            )
        ],
        [
            GridField(
                t("走访服务报告", "Visit reports"), sep.join(data.visit_numbers) or t("无", "None")
            )
        ],
    ]
    return kept(heading(t("四、本月记录", "4. The month's records")), grid(t, rows))


def monthly_service_pdf(data: MonthlyService, settings: FormSettings, lang: str = "zh_CN") -> bytes:
    """The monthly service report as PDF bytes (A4; "zh_CN", "en" or "bilingual")."""
    t = labels(lang)
    signatures = [
        (t("编制", "Prepared by"), settings.clerk_name),
        (t("审核", "Reviewed by"), ""),
        (t("批准", "Approved by"), ""),
    ]
    meta = form_meta(t, settings, FORM_KEY, record_no(data), signatures)
    story: list[Flowable] = [
        *_overview(t, data),
        *_engineers(t, data),
        *_customers(t, data),
        *_records(t, data),
    ]
    return build_form_pdf(meta, story)
