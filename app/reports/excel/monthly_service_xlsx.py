"""The monthly service report workbook 月度服务报告 (Q/JL081305-C; SPEC §2.5, §3).

Sheet 1 states the month, when and from which data file it was made, and the month's figures
(counts, hours, parts charged / under warranty, results, costs, open items). Then one sheet per
view — per engineer (with a native chart of reports and visits per engineer), per customer (with
a chart of reports per customer) and the month's records — each with a title row over a frozen,
filtered header row.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime

from openpyxl.cell.cell import Cell, WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.workbook import Workbook

from app.i18n import pick
from app.models.common import utcnow
from app.reports.excel.complaint_ledger_xlsx import (
    DATETIME_FORMAT,
    QUANTITY_FORMAT,
    TITLE_FONT,
    TITLE_HEIGHT,
    SheetColumn,
    SheetLine,
    local_datetime,
    new_workbook,
    sheet_title,
    workbook_bytes,
    write_titled_sheet,
)
from app.reports.excel.sheet import (
    AMOUNT_FORMAT,
    apply_print_setup,
    display_width,
    set_text,
    style_header,
)
from app.reports.files import write_atomically
from app.services.field_data import MonthlyService

CHART_ROWS = 20  # bars shown at most (the sheet lists them all)
CHART_WIDTH_CM = 16.0
CHART_HEIGHT_CM = 9.0
HOURS_FORMAT = "0.0#"
NOTE_FONT = Font(italic=True, color="555555")
_BOLD = Font(bold=True)
Title = Callable[[str], str]  # a view sheet's name -> its title row


def month_text(summary: MonthlyService, lang: str) -> str:
    """'2025年3月' / '2025-03'."""
    return pick(f"{summary.year}年{summary.month}月", f"{summary.year}-{summary.month:02d}", lang)


# ---------------------------------------------------------------- sheet 1: summary


def _summary_sheet(
    wb: Workbook,
    summary: MonthlyService,
    *,
    lang: str,
    made_at: datetime,
    source_file: str,
    company: str,
    report: str,
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    ws = wb.create_sheet(t("汇总", "Summary"))
    month = month_text(summary, lang)
    figures: list[tuple[str, float | None, str]] = [
        (t("现场服务报告数", "Service reports"), summary.reports, QUANTITY_FORMAT),
        (t("走访服务报告数", "Visit reports"), summary.visits, QUANTITY_FORMAT),
        (t("服务工时(小时)", "Hours on site"), round(summary.hours, 2), HOURS_FORMAT),
        (t("已解决", "Solved"), summary.solved, QUANTITY_FORMAT),
        (t("临时解决", "Temporary fix"), summary.temporary, QUANTITY_FORMAT),
        (t("未解决", "Not solved"), summary.not_solved, QUANTITY_FORMAT),
        (t("更换零件数量", "Parts replaced"), summary.parts_total, QUANTITY_FORMAT),
        (t("其中：收费", "of which charged"), summary.parts_charged, QUANTITY_FORMAT),
        (t("其中：保修", "of which under warranty"), summary.parts_warranty, QUANTITY_FORMAT),
        (t("差旅费(元)", "Travel cost"), summary.travel_cost, AMOUNT_FORMAT),
        (t("人工费(元)", "Labour cost"), summary.labour_cost, AMOUNT_FORMAT),
        (t("费用合计(元)", "Total cost"), summary.total_cost, AMOUNT_FORMAT),
        (t("未关闭事项", "Open items"), summary.open_items, QUANTITY_FORMAT),
        (
            t("其中：临时解决或未解决的服务报告", "of which service reports not solved for good"),
            summary.open_reports,
            QUANTITY_FORMAT,
        ),
        (
            t("其中：本月走访未完成的跟进措施", "of which open follow-ups of the month's visits"),
            summary.open_actions,
            QUANTITY_FORMAT,
        ),
    ]
    facts: list[tuple[str, object]] = [
        (t("统计月份", "Month"), month),
        (t("制表时间", "Made at"), local_datetime(made_at)),
        (t("数据文件", "Data file"), source_file),
    ]
    names = [name for name, _ in facts] + [name for name, _, _ in figures]
    ws.column_dimensions["A"].width = min(60, max(display_width(n) for n in names) + 2)
    ws.column_dimensions["B"].width = min(
        60, max(display_width(v) for v in (month, source_file, "0000-00-00 00:00")) + 2
    )
    apply_print_setup(ws, lang=lang, title_rows="1:1", landscape=False, header_left=company)

    ws.row_dimensions[1].height = TITLE_HEIGHT
    title = set_text(WriteOnlyCell(ws), f"{company} {report}".strip())
    title.font = TITLE_FONT
    ws.append([title])
    for name, value in facts:
        cell = WriteOnlyCell(ws)
        if isinstance(value, datetime):
            cell.value = value
            cell.number_format = DATETIME_FORMAT
        else:
            set_text(cell, value)  # a file name is text, whatever it starts with
        cell.alignment = Alignment(horizontal="left")
        ws.append([_label_cell(ws, name), cell])
    ws.append([])
    ws.append(
        [
            style_header(set_text(WriteOnlyCell(ws), t("项目", "Figure"))),
            style_header(set_text(WriteOnlyCell(ws), t("数值", "Value"))),
        ]
    )
    for name, value, number_format in figures:
        cell = WriteOnlyCell(ws, value)
        cell.number_format = number_format
        ws.append([set_text(WriteOnlyCell(ws), name), cell])
    ws.append([])
    note = set_text(
        WriteOnlyCell(ws),
        t(
            "同一报告有多名工程师时，每人均计该报告的工时。",
            "Every engineer on a report is counted with the report's hours.",
        ),
    )
    note.font = NOTE_FONT
    ws.append([note])


def _label_cell(ws, text: str) -> Cell:  # noqa: ANN001
    cell = set_text(WriteOnlyCell(ws), text)
    cell.font = _BOLD
    return cell


# ---------------------------------------------------------------- view sheets


def _bar_chart(
    ws,  # noqa: ANN001
    *,
    title: str,
    axis_title: str,
    label_column: int,
    value_columns: list[int],
    count: int,
) -> None:
    """A native column chart of value columns against the label column, under the list."""
    if count == 0:
        return
    shown = min(count, CHART_ROWS)
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.y_axis.title = axis_title
    chart.width, chart.height = CHART_WIDTH_CM, CHART_HEIGHT_CM
    for column in value_columns:
        chart.add_data(
            Reference(ws, min_col=column, min_row=2, max_row=2 + shown), titles_from_data=True
        )
    chart.set_categories(Reference(ws, min_col=label_column, min_row=3, max_row=2 + shown))
    if len(value_columns) == 1:
        chart.legend = None
    # openpyxl leaves the axes hidden (delete=1) unless told; Excel then shows no labels
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    ws.add_chart(chart, f"A{count + 4}")


def _engineer_sheet(
    wb: Workbook, summary: MonthlyService, lang: str, title: Title, company: str
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("按工程师", "By engineer")
    columns = [
        SheetColumn(t("工程师", "Engineer"), max_width=30),
        SheetColumn(t("服务报告", "Service reports"), "quantity"),
        SheetColumn(t("走访", "Visits"), "quantity"),
        SheetColumn(t("服务工时", "Hours"), "number"),
        SheetColumn(t("已解决", "Solved"), "quantity"),
        SheetColumn(t("临时解决", "Temporary fix"), "quantity"),
        SheetColumn(t("未解决", "Not solved"), "quantity"),
    ]
    lines = [
        SheetLine(
            [
                e.engineer,
                e.reports,
                e.visits,
                round(e.hours, 2),
                e.solved,
                e.temporary,
                e.not_solved,
            ],
            marked={6} if e.not_solved else set(),
        )
        for e in summary.per_engineer
    ]
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)
    _bar_chart(
        wb.worksheets[-1],
        title=t("服务报告与走访(按工程师)", "Reports and visits per engineer"),
        axis_title=t("份数", "Count"),
        label_column=1,
        value_columns=[2, 3],
        count=len(lines),
    )


def _customer_sheet(
    wb: Workbook, summary: MonthlyService, lang: str, title: Title, company: str
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("按顾客", "By customer")
    columns = [
        SheetColumn(t("顾客编号", "Customer code")),
        SheetColumn(t("顾客名称", "Customer"), max_width=30, wrap=True),
        SheetColumn(t("服务报告", "Service reports"), "quantity"),
        SheetColumn(t("走访", "Visits"), "quantity"),
        SheetColumn(t("服务工时", "Hours"), "number"),
        SheetColumn(t("收费零件", "Parts charged"), "quantity"),
        SheetColumn(t("保修零件", "Parts under warranty"), "quantity"),
        SheetColumn(t("差旅费(元)", "Travel cost"), "number"),
        SheetColumn(t("人工费(元)", "Labour cost"), "number"),
        SheetColumn(t("未结事项", "Open items"), "quantity"),
    ]
    lines = [
        SheetLine(
            [
                c.customer_code,
                c.customer_name,
                c.reports,
                c.visits,
                round(c.hours, 2),
                c.parts_charged,
                c.parts_warranty,
                c.travel_cost,
                c.labour_cost,
                c.open_items,
            ],
            marked={9} if c.open_items else set(),
        )
        for c in summary.per_customer
    ]
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)
    _bar_chart(
        wb.worksheets[-1],
        title=t("服务报告数(按顾客)", "Service reports per customer"),
        axis_title=t("份数", "Reports"),
        label_column=2,
        value_columns=[3],
        count=len(lines),
    )


def _records_sheet(
    wb: Workbook, summary: MonthlyService, lang: str, title: Title, company: str
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    name = t("本月记录", "Records")
    columns = [SheetColumn(t("类型", "Kind")), SheetColumn(t("编号", "Number"))]
    service, visit = t("现场服务报告", "Service report"), t("走访服务报告", "Visit report")
    lines = [SheetLine([service, n]) for n in summary.service_numbers]
    lines += [SheetLine([visit, n]) for n in summary.visit_numbers]
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)


# ---------------------------------------------------------------- the workbook


def monthly_service_xlsx(
    summary: MonthlyService,
    path: str | os.PathLike[str] | None = None,
    *,
    lang: str = "zh_CN",
    made_at: datetime | None = None,
    source_file: str | os.PathLike[str] = "",
    company: str = "",
) -> bytes:
    """The monthly service report workbook as .xlsx bytes; also written atomically to `path`.

    `made_at` (default: now) and `source_file` (the data file it was counted from) are stated
    on the first sheet with the month.
    """
    made_at = made_at or utcnow()
    report = pick("月度服务报告", "Monthly service report", lang)
    wb = new_workbook(f"{report} {month_text(summary, lang)}")
    _summary_sheet(
        wb,
        summary,
        lang=lang,
        made_at=made_at,
        source_file=os.fspath(source_file),
        company=company,
        report=report,
    )
    month = month_text(summary, lang)

    def title(part: str) -> str:
        return sheet_title(company, f"{report} — {part}", month, made_at, lang)

    _engineer_sheet(wb, summary, lang, title, company)
    _customer_sheet(wb, summary, lang, title, company)
    _records_sheet(wb, summary, lang, title, company)
    content = workbook_bytes(wb)
    if path is not None:
        write_atomically(path, content)
    return content
