"""The customer-loss analysis 客户流失分析 as a workbook (SPEC §2.4, §3; seed 001).

Volume 万元 year on year per customer. 汇总 states the years compared, when and from which data
file it was made, the totals and the count and volumes per kind (lost, fell, stable, grew, new);
明细 lists every customer, the biggest decline first; 下降前十 the ten biggest declines with a
native bar chart.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime

from openpyxl.chart import BarChart, Reference
from openpyxl.workbook import Workbook

from app.i18n import pick
from app.models.common import utcnow
from app.reports.excel.complaint_ledger_xlsx import (
    QUANTITY_FORMAT,
    SheetColumn,
    SheetLine,
    new_workbook,
    workbook_bytes,
    write_titled_sheet,
)
from app.reports.excel.sheet import AMOUNT_FORMAT
from app.reports.excel.survey_summary_xlsx import CHART_HEIGHT_CM, Figure, write_summary_sheet
from app.reports.files import write_atomically
from app.services.complaint_data import label
from app.services.customer_service import status_label
from app.services.survey_data import LOSS_KIND_LABELS, CustomerLoss, LossRow

TOP_DECLINES = 10
CHART_WIDTH_CM = 20.0


def _pct(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _declines(rows: Sequence[LossRow]) -> list[LossRow]:
    """The customers whose volume fell (lost ones included), biggest decline first."""
    return sorted((r for r in rows if r.change_wan < 0), key=lambda r: r.change_wan)


def _summary(
    wb: Workbook,
    loss: CustomerLoss,
    *,
    lang: str,
    made_at: datetime,
    source_file: str,
    company: str,
    report: str,
) -> None:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    previous, current = loss.year - 1, loss.year
    change = loss.current_total - loss.previous_total
    facts: list[Figure] = [
        (
            t("对比年度", "Years compared"),
            t(f"{current} 年对比 {previous} 年", f"{current} against {previous}"),
            None,
        ),
        (t("制表时间", "Made at"), made_at, None),
        (t("数据文件", "Data file"), source_file, None),
    ]
    figures: list[Figure] = [
        (t("顾客数", "Customers"), len(loss.rows), QUANTITY_FORMAT),
        (
            t(f"{previous} 年用量合计(万元)", f"{previous} volume (10k CNY)"),
            _round(loss.previous_total),
            AMOUNT_FORMAT,
        ),
        (
            t(f"{current} 年用量合计(万元)", f"{current} volume (10k CNY)"),
            _round(loss.current_total),
            AMOUNT_FORMAT,
        ),
        (t("变化(万元)", "Change (10k CNY)"), _round(change), AMOUNT_FORMAT),
        (t("变化(%)", "Change (%)"), _pct(change, loss.previous_total), AMOUNT_FORMAT),
    ]
    for kind, (zh, en) in LOSS_KIND_LABELS.items():
        rows = [r for r in loss.rows if r.kind == kind]
        figures.append((t(f"{zh}：顾客数", f"{en}: customers"), len(rows), QUANTITY_FORMAT))
        figures.append(
            (
                t(f"{zh}：用量变化(万元)", f"{en}: change (10k CNY)"),
                _round(sum(r.change_wan for r in rows)),
                AMOUNT_FORMAT,
            )
        )
    write_summary_sheet(
        wb,
        t("汇总", "Summary"),
        f"{company} {report}".strip(),
        facts,
        figures,
        lang=lang,
        company=company,
        header=(t("项目", "Figure"), t("数值", "Value")),
    )


def _columns(loss: CustomerLoss, lang: str, *, rank: bool = False) -> list[SheetColumn]:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    previous, current = loss.year - 1, loss.year
    columns = [SheetColumn(t("名次", "Rank"), "quantity")] if rank else []
    return [
        *columns,
        SheetColumn(t("顾客编号", "Customer code")),
        SheetColumn(t("顾客名称", "Customer"), max_width=30, wrap=True),
        SheetColumn(t("状态", "Status")),
        SheetColumn(t("业务员", "Sales rep")),
        SheetColumn(t(f"{previous} 年用量(万元)", f"{previous} (10k CNY)"), "number"),
        SheetColumn(t(f"{current} 年用量(万元)", f"{current} (10k CNY)"), "number"),
        SheetColumn(t("变化(万元)", "Change (10k CNY)"), "number"),
        SheetColumn(t("变化(%)", "Change (%)"), "number"),
        SheetColumn(t("类别", "Kind")),
    ]


def _values(row: LossRow, lang: str) -> list[object]:
    return [
        row.customer_code,
        row.customer_name,
        status_label(row.status, lang),
        row.sales_rep,
        row.previous_wan,
        row.current_wan,
        _round(row.change_wan),
        _round(row.change_pct),
        label(LOSS_KIND_LABELS, row.kind, lang),
    ]


def _line(row: LossRow, lang: str, first: int = 0) -> SheetLine:
    """Lost customers in red; a decline marks its change and kind."""
    values = _values(row, lang)
    if row.kind == "lost":
        return SheetLine(values, highlight=True)
    marked = {first + 6, first + 7, first + 8} if row.kind == "fell" else set()
    return SheetLine(values, marked=marked)


def customer_loss_xlsx(
    loss: CustomerLoss,
    path: str | os.PathLike[str] | None = None,
    *,
    lang: str = "zh_CN",
    made_at: datetime | None = None,
    source_file: str | os.PathLike[str] = "",
    company: str = "",
) -> bytes:
    """The customer-loss analysis as .xlsx bytes; also written atomically to `path` if given."""
    made_at = made_at or utcnow()

    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    report = t(f"客户流失分析 {loss.year}", f"Customer loss analysis {loss.year}")
    compared = t(f"{loss.year} 年对比 {loss.year - 1} 年", f"{loss.year} against {loss.year - 1}")
    wb = new_workbook(report)
    _summary(
        wb,
        loss,
        lang=lang,
        made_at=made_at,
        source_file=os.fspath(source_file),
        company=company,
        report=report,
    )

    name = t("明细", "Customers")
    write_titled_sheet(
        wb,
        name,
        f"{report} — {name}    {compared}",
        _columns(loss, lang),
        [_line(row, lang) for row in loss.rows],
        lang=lang,
        header_left=company,
    )

    name = t("下降前十", "Top declines")
    top = _declines(loss.rows)[:TOP_DECLINES]
    lines = []
    for rank, row in enumerate(top, start=1):
        line = _line(row, lang, first=1)
        line.values.insert(0, rank)
        lines.append(line)
    write_titled_sheet(
        wb,
        name,
        f"{report} — {name}    {compared}",
        _columns(loss, lang, rank=True),
        lines,
        lang=lang,
        header_left=company,
    )
    if top:
        ws = wb.worksheets[-1]
        chart = BarChart()
        chart.type = "bar"  # horizontal: long customer names stay readable
        chart.title = t("用量下降最多的顾客(万元)", "Biggest declines in volume (10k CNY)")
        chart.legend = None
        chart.add_data(
            Reference(ws, min_col=8, min_row=2, max_row=2 + len(top)), titles_from_data=True
        )
        chart.set_categories(Reference(ws, min_col=3, min_row=3, max_row=2 + len(top)))
        chart.x_axis.scaling.orientation = "maxMin"  # the biggest decline on top
        chart.x_axis.tickLblPos = "low"  # names left of the (negative) bars, not over them
        chart.y_axis.number_format = "0"
        chart.series[0].graphicalProperties.solidFill = "C0504D"
        chart.series[0].graphicalProperties.line.solidFill = "C0504D"
        chart.width, chart.height = CHART_WIDTH_CM, CHART_HEIGHT_CM
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        ws.add_chart(chart, f"A{len(top) + 4}")

    content = workbook_bytes(wb)
    if path is not None:
        write_atomically(path, content)
    return content
