"""The returns summary workbook 退货汇总表 (SPEC §2.6, §3; seed 002 §7).

Sheet 1 states the period, when and from which data file it was made, the totals, and how many
returns are complaint cases against bulk periodic returns 统退货 (never complaint cases, seed 002
§7.1). Then one sheet per breakdown — customer, product, defect category, responsibility,
disposition — each with a title row over a frozen, filtered header row; the defect category
and disposition sheets carry a native bar chart.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import datetime

from openpyxl.cell.cell import Cell, WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.workbook import Workbook

from app.i18n import pick
from app.models.common import utcnow
from app.reports.excel.complaint_ledger_xlsx import (
    DATETIME_FORMAT,
    LINE_HEIGHT,
    QUANTITY_FORMAT,
    TITLE_FONT,
    TITLE_HEIGHT,
    SheetColumn,
    SheetLine,
    local_datetime,
    new_workbook,
    period_text,
    sheet_title,
    text_lines,
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
from app.services.complaint_data import label
from app.services.return_data import DISPOSITION_LABELS, LINE_RESPONSIBILITY_LABELS
from app.services.return_summary import (
    BreakdownRow,
    DispositionRow,
    ReturnsSummary,
    not_given,
)

CHART_ROWS = 15  # bars shown at most (the largest groups; the sheet lists them all)
CHART_WIDTH_CM = 16.0
CHART_HEIGHT_CM = 9.0
NOTE_FONT = Font(italic=True, color="555555")
_BOLD = Font(bold=True)


def _percent(part: float, whole: float) -> float | None:
    """part as a percentage of whole, rounded to 0.01; None when whole is 0."""
    return round(part / whole * 100, 2) if whole else None


# ---------------------------------------------------------------- sheet 1: summary


def _summary_sheet(
    wb: Workbook,
    summary: ReturnsSummary,
    *,
    lang: str,
    made_at: datetime,
    source_file: str,
    company: str,
    report: str,
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    totals = summary.totals
    ws = wb.create_sheet(t("汇总", "Summary"))
    period = period_text(summary.date_from, summary.date_to, lang) or t("全部", "everything")
    figures: list[tuple[str, float | None, str]] = [
        (t("退货单数", "Returns"), totals.returns, QUANTITY_FORMAT),
        (
            t("其中：客户抱怨案件(非统退货)", "of which complaint cases (not bulk)"),
            totals.complaint_cases,
            QUANTITY_FORMAT,
        ),
        (
            t("其中：统退货(不作为客户抱怨案件)", "of which bulk periodic returns (no complaint)"),
            totals.bulk_returns,
            QUANTITY_FORMAT,
        ),
        (t("退货行数", "Return lines"), totals.lines, QUANTITY_FORMAT),
        (t("退货数量", "Quantity returned"), totals.qty_returned, QUANTITY_FORMAT),
        (t("检验数量", "Quantity inspected"), totals.qty_inspected, QUANTITY_FORMAT),
        (t("不良数量", "Quantity defective"), totals.qty_defective, QUANTITY_FORMAT),
        (
            t("不良率(%)", "Defective share (%)"),
            _percent(totals.qty_defective, totals.qty_returned),
            AMOUNT_FORMAT,
        ),
        *(
            (
                t(f"处置：{zh}", f"Disposition: {en}"),
                getattr(totals, key),
                QUANTITY_FORMAT,
            )
            for key, (zh, en) in DISPOSITION_LABELS.items()
        ),
        (
            t("紧急生产行数(换货库存不足)", "Urgent production lines (stock short)"),
            totals.urgent_lines,
            QUANTITY_FORMAT,
        ),
    ]
    facts = [
        (t("统计期间(接收日期)", "Period (received on)"), period),
        (t("制表时间", "Made at"), local_datetime(made_at)),
        (t("数据文件", "Data file"), source_file),
    ]
    names = [name for name, _ in facts] + [name for name, _, _ in figures]
    values = [period, source_file, "0000-00-00 00:00"]
    ws.column_dimensions["A"].width = min(60, max(display_width(n) for n in names) + 2)
    ws.column_dimensions["B"].width = min(60, max(display_width(v) for v in values) + 2)
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
            set_text(cell, value)  # a file path or a period is text, whatever it starts with
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
            "统退货为顾客依季或在一段期间内整理的退货，不作为客户抱怨案件(客户抱怨处理程序 7.1)；"
            "已作废的退货不计入。",
            "Bulk periodic returns, collected by the customer over a season or period, are not "
            "complaint cases (complaint procedure 7.1); cancelled returns are left out.",
        ),
    )
    note.font = NOTE_FONT
    note.alignment = Alignment(vertical="top", wrap_text=True)
    # wrapped in column A: text running over empty cells would widen the printed page
    ws.row_dimensions[len(facts) + len(figures) + 5].height = LINE_HEIGHT * text_lines(
        note.value, ws.column_dimensions["A"].width
    )
    ws.append([note])


def _label_cell(ws, text: str) -> Cell:  # noqa: ANN001
    cell = set_text(WriteOnlyCell(ws), text)
    cell.font = _BOLD
    return cell


# ---------------------------------------------------------------- breakdown sheets


def _count_columns(lang: str, *, bulk: bool = True) -> list[SheetColumn]:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    columns = [SheetColumn(t("退货单数", "Returns"), "quantity")]
    if bulk:
        columns += [
            SheetColumn(t("客户抱怨案件", "Complaint cases"), "quantity"),
            SheetColumn(t("统退货", "Bulk returns"), "quantity"),
        ]
    return [
        *columns,
        SheetColumn(t("退货行数", "Lines"), "quantity"),
        SheetColumn(t("退货数量", "Qty returned"), "quantity"),
        SheetColumn(t("不良数量", "Qty defective"), "quantity"),
    ]


def _disposition_columns(lang: str) -> list[SheetColumn]:
    return [
        SheetColumn(label(DISPOSITION_LABELS, key, lang), "quantity") for key in DISPOSITION_LABELS
    ]


def _counts(row: BreakdownRow, *, bulk: bool = True) -> list[object]:
    values: list[object] = [row.returns]
    if bulk:
        values += [row.complaint_cases, row.bulk_returns]
    return [*values, row.lines, row.qty_returned, row.qty_defective]


def _dispositions(row: BreakdownRow) -> list[object]:
    return [getattr(row, key) for key in DISPOSITION_LABELS]


def _group_lines(
    rows: Sequence[BreakdownRow], keys: Callable[[BreakdownRow], list[object]]
) -> list[SheetLine]:
    return [
        SheetLine(
            [
                *keys(row),
                *_counts(row),
                _percent(row.qty_defective, row.qty_returned),
                *_dispositions(row),
            ]
        )
        for row in rows
    ]


def _rate_column(lang: str) -> SheetColumn:
    return SheetColumn(pick("不良率(%)", "Defective share (%)", lang), "number")


def _bar_chart(
    ws,  # noqa: ANN001
    *,
    title: str,
    axis_title: str,
    label_column: int,
    value_column: int,
    count: int,
) -> None:
    """A native column chart of one value column against the label column (rows 3 …).

    It sits under the list, so that printing one page wide keeps the list's own width.
    """
    if count == 0:
        return
    shown = min(count, CHART_ROWS)
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.y_axis.title = axis_title
    chart.legend = None
    chart.width, chart.height = CHART_WIDTH_CM, CHART_HEIGHT_CM
    data = Reference(ws, min_col=value_column, min_row=2, max_row=2 + shown)
    categories = Reference(ws, min_col=label_column, min_row=3, max_row=2 + shown)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    # openpyxl leaves the axes hidden (delete=1) unless told; Excel then shows no labels
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    ws.add_chart(chart, f"A{count + 4}")


def _breakdown_sheets(
    wb: Workbook,
    summary: ReturnsSummary,
    *,
    lang: str,
    made_at: datetime,
    company: str,
    report: str,
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    period = period_text(summary.date_from, summary.date_to, lang)

    def title(part: str) -> str:
        return sheet_title(company, f"{report} — {part}", period, made_at, lang)

    common = [*_count_columns(lang), _rate_column(lang), *_disposition_columns(lang)]

    name = t("按顾客", "By customer")
    write_titled_sheet(
        wb,
        name,
        title(name),
        [
            SheetColumn(t("顾客编号", "Customer code")),
            SheetColumn(t("顾客名称", "Customer"), max_width=30, wrap=True),
            *common,
        ],
        _group_lines(summary.by_customer, lambda r: [r.key, r.label]),
        lang=lang,
        header_left=company,
    )

    name = t("按产品", "By product")
    write_titled_sheet(
        wb,
        name,
        title(name),
        [
            SheetColumn(t("料号", "Material no.")),
            SheetColumn(t("品名", "Name"), max_width=30, wrap=True),
            *common,
        ],
        _group_lines(summary.by_product, lambda r: [r.key or not_given(lang), r.label]),
        lang=lang,
        header_left=company,
    )

    # defect categories in Pareto order, with each one's share and the running total
    name = t("按不良类别", "By defect category")
    total_defective = summary.totals.qty_defective
    lines: list[SheetLine] = []
    running = 0.0
    for row in summary.by_defect_category:
        running += row.qty_defective
        lines.append(
            SheetLine(
                [
                    row.key or not_given(lang),
                    *_counts(row),
                    _percent(row.qty_defective, total_defective),
                    _percent(running, total_defective),
                    *_dispositions(row),
                ]
            )
        )
    columns = [
        SheetColumn(t("不良类别", "Defect category"), max_width=30, wrap=True),
        *_count_columns(lang),
        SheetColumn(t("占不良总数(%)", "Share of defective (%)"), "number"),
        SheetColumn(t("累计占比(%)", "Cumulative share (%)"), "number"),
        *_disposition_columns(lang),
    ]
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)
    ws = wb.worksheets[-1]
    _bar_chart(
        ws,
        title=t("不良数量(按不良类别)", "Defective quantity by category"),
        axis_title=t("不良数量", "Qty defective"),
        label_column=1,
        value_column=1 + len(_count_columns(lang)),  # 不良数量, the last count column
        count=len(lines),
    )

    name = t("按责任", "By responsibility")
    write_titled_sheet(
        wb,
        name,
        title(name),
        [SheetColumn(t("责任判定", "Responsibility")), *common],
        _group_lines(
            summary.by_responsibility,
            lambda r: [label(LINE_RESPONSIBILITY_LABELS, r.key, lang)],
        ),
        lang=lang,
        header_left=company,
    )

    name = t("按处置方式", "By disposition")
    disposed = sum(row.quantity for row in summary.by_disposition)
    columns = [
        SheetColumn(t("处置方式", "Disposition")),
        SheetColumn(t("处置数量", "Quantity disposed"), "quantity"),
        SheetColumn(t("占处置总量(%)", "Share (%)"), "number"),
        SheetColumn(t("退货单数", "Returns"), "quantity"),
        SheetColumn(t("退货行数", "Lines"), "quantity"),
        SheetColumn(t("所在行退货数量", "Qty returned on those lines"), "quantity"),
        SheetColumn(t("所在行不良数量", "Qty defective on those lines"), "quantity"),
    ]
    lines = [_disposition_line(row, disposed, lang) for row in summary.by_disposition]
    write_titled_sheet(wb, name, title(name), columns, lines, lang=lang, header_left=company)
    _bar_chart(
        wb.worksheets[-1],
        title=t("处置数量(按处置方式)", "Quantity by disposition"),
        axis_title=t("数量", "Quantity"),
        label_column=1,
        value_column=2,
        count=len(lines),
    )


def _disposition_line(row: DispositionRow, disposed: float, lang: str) -> SheetLine:
    return SheetLine(
        [
            label(DISPOSITION_LABELS, row.key, lang),
            row.quantity,
            _percent(row.quantity, disposed),
            row.returns,
            row.lines,
            row.qty_returned,
            row.qty_defective,
        ]
    )


# ---------------------------------------------------------------- the workbook


def returns_summary_xlsx(
    summary: ReturnsSummary,
    path: str | os.PathLike[str] | None = None,
    *,
    lang: str = "zh_CN",
    made_at: datetime | None = None,
    source_file: str | os.PathLike[str] = "",
    company: str = "",
) -> bytes:
    """The returns summary workbook as .xlsx bytes; also written atomically to `path` if given.

    `made_at` (default: now) and `source_file` (the data file it was counted from) are stated
    on the first sheet.
    """
    made_at = made_at or utcnow()
    report = pick("退货汇总表", "Returns summary", lang)
    wb = new_workbook(report)
    _summary_sheet(
        wb,
        summary,
        lang=lang,
        made_at=made_at,
        source_file=os.fspath(source_file),
        company=company,
        report=report,
    )
    _breakdown_sheets(wb, summary, lang=lang, made_at=made_at, company=company, report=report)
    content = workbook_bytes(wb)
    if path is not None:
        write_atomically(path, content)
    return content
