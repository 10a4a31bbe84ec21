"""The product failure history workbook 产品失败履历表 (Q/JL081302-C; SPEC §2.6, §3).

One sheet: a title row naming the part and when the sheet was made, a frozen, filtered header
row, one row per failure (complaint, returned line, field-service report) oldest first, and
below them what the part is called, how many entries each source gave and the data file they
were read from.
"""

from __future__ import annotations

import os
from datetime import datetime

from openpyxl.cell.cell import WriteOnlyCell
from openpyxl.styles import Font

from app.i18n import pick
from app.models.common import utcnow
from app.reports.excel.complaint_ledger_xlsx import (
    SheetColumn,
    SheetLine,
    new_workbook,
    sheet_title,
    workbook_bytes,
    write_titled_sheet,
)
from app.reports.excel.sheet import set_text
from app.reports.files import write_atomically
from app.services.complaint_data import label
from app.services.failure_history import SOURCE_LABELS, SOURCES, bulk_mark
from app.services.summary_data import FailureEntry, FailureHistory

NOTE_FONT = Font(italic=True, color="555555")
_BOLD = Font(bold=True)


def columns(lang: str) -> list[SheetColumn]:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    return [
        SheetColumn(t("日期", "Date"), "date"),
        SheetColumn(t("来源", "Source")),
        SheetColumn(t("编号", "Number")),
        SheetColumn(t("顾客编号", "Customer code")),
        SheetColumn(t("顾客名称", "Customer"), max_width=24, wrap=True),
        SheetColumn(t("零件号/产品型号", "Part / product")),
        SheetColumn(t("批次/序列号", "Batch / serial")),
        SheetColumn(t("数量", "Quantity"), "quantity"),
        SheetColumn(t("不良类别", "Defect category")),
        SheetColumn(t("问题描述", "Description"), max_width=32, wrap=True),
        SheetColumn(t("原因", "Cause"), max_width=32, wrap=True),
        SheetColumn(t("处理措施", "Action"), max_width=32, wrap=True),
        SheetColumn(t("责任", "Responsibility"), max_width=20, wrap=True),
        SheetColumn(t("状态", "Status")),
    ]


def line(entry: FailureEntry, lang: str) -> SheetLine:
    return SheetLine(
        [
            entry.on,
            label(SOURCE_LABELS, entry.source, lang),
            entry.number,
            entry.customer_code,
            entry.customer_name,
            entry.item,
            entry.batch,
            entry.quantity,
            entry.defect,
            entry.description,
            entry.cause,
            entry.action,
            entry.responsibility,
            entry.status,
        ]
    )


def facts(history: FailureHistory, lang: str, source_file: str) -> list[tuple[str, object]]:
    """What the rows under the list state: (label, value)."""

    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    counts = history.counts
    names = (", " if lang == "en" else "、").join(history.names)
    return [
        (t("零件号/产品型号", "Part / product"), history.part),
        (t("名称", "Name"), names),
        *((label(SOURCE_LABELS, s, lang), counts[s]) for s in SOURCES),
        (t("合计", "Total"), len(history.entries)),
        (t("数据文件", "Data file"), source_file),
    ]


def failure_history_xlsx(
    history: FailureHistory,
    path: str | os.PathLike[str] | None = None,
    *,
    lang: str = "zh_CN",
    made_at: datetime | None = None,
    source_file: str | os.PathLike[str] = "",
    company: str = "",
) -> bytes:
    """The failure history of one part as .xlsx bytes; also written atomically to `path` if given.

    `made_at` (default: now) is stated in the title row, `source_file` (the data file the
    entries were read from) under the list.
    """
    made_at = made_at or utcnow()
    report = pick("产品失败履历表", "Product failure history", lang)
    wb = new_workbook(f"{report} {history.part}".strip())
    write_titled_sheet(
        wb,
        report,
        sheet_title(company, f"{report} {history.part}".strip(), "", made_at, lang),
        columns(lang),
        (line(entry, lang) for entry in history.entries),
        lang=lang,
        header_left=company,
    )
    ws = wb.worksheets[-1]
    ws.append([])
    for name, value in facts(history, lang, os.fspath(source_file)):
        title = set_text(WriteOnlyCell(ws), name)
        title.font = _BOLD
        cell = WriteOnlyCell(ws)
        if isinstance(value, int):
            cell.value = value
        else:
            set_text(cell, value)  # a path or a part number is text, whatever it starts with
        # the label runs on over the empty source column; the value starts in the number column
        ws.append([title, None, cell])
    note = set_text(
        WriteOnlyCell(ws),
        pick(
            f"已作废的客户抱怨和退货不计入；统退货计入并标注{bulk_mark(lang)}。",
            f"Cancelled complaints and returns are left out; bulk returns are in, marked "
            f"{bulk_mark(lang)}.",
            lang,
        ),
    )
    note.font = NOTE_FONT
    ws.append([note])
    content = workbook_bytes(wb)
    if path is not None:
        write_atomically(path, content)
    return content
