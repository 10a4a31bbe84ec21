"""The complaint ledger 客户抱怨处理总表 (SPEC §2.2, §3; seed 002 §6.1.2, §6.3.2).

One row per ticket, a title row (company, period, as-of time) above a frozen, filtered header
row. Open tickets with a deadline passed are filled red and marked in the "overdue" column.
`write_titled_sheet` is shared with the tracking list.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.i18n import pick
from app.models.common import utcnow
from app.reports.excel.sheet import (
    AMOUNT_FORMAT,
    DATE_FORMAT,
    MAX_COLUMN_WIDTH,
    MIN_COLUMN_WIDTH,
    PROGRESS_EVERY,
    WIDTH_SAMPLE,
    apply_print_setup,
    discard_sheet,
    discard_workbook,
    display_width,
    save_workbook,
    set_text,
    style_header,
    to_date,
)
from app.reports.files import ExportCancelled
from app.services.complaint_data import (
    CHANNEL_LABELS,
    CLAIM_LABELS,
    KIND_LABELS,
    RESPONSIBILITY_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    URGENCY_LABELS,
    ComplaintData,
    LedgerTicket,
    label,
    step_label,
)
from app.services.deadlines import Deadline, deadline_label, next_open

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
QUANTITY_FORMAT = "General"  # 1200 and 12.5 alike, without a trailing dot
WRAP_WIDTH = 40
LINE_HEIGHT = 15.0  # points per line of 11 pt text, Chinese included
MAX_LINES = 20  # a row never grows beyond this (Excel allows 409 pt)
TITLE_HEIGHT = 22.0

OVERDUE_FILL = PatternFill("solid", fgColor="FFC7CE")  # Excel's "bad" red
OVERDUE_FONT = Font(color="9C0006")
OVERDUE_MARK_FONT = Font(color="9C0006", bold=True)
TITLE_FONT = Font(bold=True, size=14)
_TOP = Alignment(vertical="top")
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
# a data cell's fill and font: plain, in a highlighted row, a marked cell
_STATES = ((None, None), (OVERDUE_FILL, OVERDUE_FONT), (OVERDUE_FILL, OVERDUE_MARK_FONT))

_FORMATS = {
    "date": DATE_FORMAT,
    "datetime": DATETIME_FORMAT,
    "number": AMOUNT_FORMAT,
    "quantity": QUANTITY_FORMAT,
}
_SHOWN_AS = {"date": "0000-00-00", "datetime": "0000-00-00 00:00"}


# ---------------------------------------------------------------- a list sheet with a title


@dataclass(frozen=True)
class SheetColumn:
    """A column of a titled list sheet."""

    header: str
    kind: str = "text"  # text / date / datetime / number / quantity
    max_width: float = MAX_COLUMN_WIDTH
    wrap: bool = False  # long text: wrapped, narrower


@dataclass
class SheetLine:
    """One data row: its values, whether the whole row is highlighted, single marked cells."""

    values: list[object]
    highlight: bool = False
    marked: set[int] = field(default_factory=set)  # column indexes


def local_datetime(value: datetime | None) -> datetime | None:
    """A timestamp as the PC's local wall-clock time (Excel has no time zones)."""
    if value is None:
        return None
    return value.astimezone().replace(tzinfo=None) if value.tzinfo else value


def _shown(value: object, column: SheetColumn) -> str:
    """Roughly what Excel shows, to size the column."""
    if value is None:
        return ""
    if column.kind in _SHOWN_AS:
        return _SHOWN_AS[column.kind]
    if column.kind == "number" and isinstance(value, int | float):
        return f"{value:,.2f}"
    return str(value)


def cell_style(
    ws,  # noqa: ANN001
    column: SheetColumn,
    fill: PatternFill | None,
    font: Font | None,
) -> StyleArray:
    """The style of a column's data cells: its number format, aligned to the top (wrapped if
    the column wraps), filled if asked. Made once per sheet and handed to every such cell:
    setting the style objects cell by cell costs more than writing the cells."""
    cell = WriteOnlyCell(ws)
    if column.kind in _FORMATS:
        cell.number_format = _FORMATS[column.kind]
    cell.alignment = _TOP_WRAP if column.wrap else _TOP
    if fill is not None:
        cell.fill = fill
    if font is not None:
        cell.font = font
    return cell._style  # noqa: SLF001  (openpyxl's own indexes into the workbook's styles)


def _cell(ws, value: object, column: SheetColumn, style: StyleArray) -> Cell:  # noqa: ANN001
    """A data cell: text as a string, dates as dates, with the column's style."""
    cell = Cell(ws, row=1, column=1, style_array=style)  # as WriteOnlyCell, styled
    if value is None or value == "":
        pass
    elif column.kind == "text":
        set_text(cell, value)  # never a formula
    elif column.kind == "date":
        cell.value = to_date(value)  # type: ignore[arg-type]
    elif column.kind == "datetime":
        cell.value = (
            local_datetime(value) if isinstance(value, datetime) else value  # a bare date
        )
    else:
        cell.value = value
    return cell


def fit_width(column: SheetColumn, values: Iterable[str]) -> float:
    """A width for the values; a header longer than them wraps onto two lines instead."""
    return _fitted(column, max((display_width(v) for v in values), default=0))


def _fitted(column: SheetColumn, widest: int) -> float:
    """fit_width for values whose widest is `widest` display columns."""
    header = display_width(column.header)
    if header > widest:
        widest = max(widest, math.ceil(header / 2) + 1)
    limit = min(column.max_width, WRAP_WIDTH) if column.wrap else column.max_width
    return float(min(limit, max(MIN_COLUMN_WIDTH, widest + 2)))


def text_lines(text: object, width: float) -> int:
    """How many lines text takes in a wrapped cell of this width (an estimate)."""
    usable = max(1.0, width - 1.5)
    return sum(
        max(1, math.ceil(display_width(part) / usable)) for part in str(text or "").split("\n")
    )


class TitledSheetWriter:
    """A titled list sheet written row by row: `add(line)` for each data row, then `close()`.

    Nothing waits for the last row: the first WIDTH_SAMPLE lines (all of a shorter list) are
    held to size the columns, which the file states before the first row, then every line goes
    straight into the write-only sheet's temporary file; the filter range, which comes after
    the rows, is set on close. So memory does not grow with the number of rows, and several
    sheets of one workbook can be filled in the same pass over the records. A source that can
    read its first lines twice hands them to `size_from` first: then no line is held at all.
    """

    def __init__(
        self,
        wb: Workbook,
        sheet_name: str,
        title: str,
        columns: Sequence[SheetColumn],
        *,
        lang: str,
        header_left: str = "",
        paper_size: int = Worksheet.PAPERSIZE_A4,
        progress: Callable[[int, int], None] | None = None,
        total: int | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.ws = wb.create_sheet(title=sheet_name)
        self._title = title
        self._columns = list(columns)
        self._lang, self._header_left, self._paper_size = lang, header_left, paper_size
        self._progress, self._total, self._is_cancelled = progress, total, is_cancelled
        self._head: list[SheetLine] | None = []  # None once the column widths are written
        self._widths: list[float] = []
        self._styles: dict[tuple[int, int], StyleArray] = {}
        self._wrapped = [i for i, c in enumerate(self._columns) if c.wrap]
        self.written = 0

    def size_from(self, sample: Iterable[SheetLine]) -> None:
        """Size the columns from `sample`, the first WIDTH_SAMPLE lines read ahead (the same
        lines `add` will get, read a second time), one at a time: `add` then writes every line
        at once. Call it before the first `add`."""
        if self._head != []:
            raise RuntimeError("size_from comes before the first line")
        widest = [0] * len(self._columns)
        lines = iter(sample)
        for line in islice(lines, WIDTH_SAMPLE):
            for i, column in enumerate(self._columns):
                widest[i] = max(widest[i], display_width(_shown(line.values[i], column)))
        if hasattr(lines, "close"):
            lines.close()  # a generator stopped early lets go of what it read at once
        self._start([_fitted(c, w) for c, w in zip(self._columns, widest, strict=True)])

    def add(self, line: SheetLine) -> None:
        if self._head is None:
            self._write(line)
            return
        self._head.append(line)
        if len(self._head) >= WIDTH_SAMPLE:
            self._start()

    def close(self) -> int:
        """Finish the sheet (the workbook is saved later); returns the number of data rows."""
        if self._head is not None:
            self._start()
        last = get_column_letter(max(1, len(self._columns)))
        self.ws.auto_filter.ref = f"A2:{last}{self.written + 2}"
        if self._progress is not None:
            self._progress(self.written, self.written)
        return self.written

    def _start(self, widths: list[float] | None = None) -> None:
        """Widths, frozen header, print setup, the title and header rows, then the held lines."""
        ws, columns, head = self.ws, self._columns, self._head or []
        self._head = None
        self._widths = widths = widths or [
            fit_width(column, [_shown(line.values[i], column) for line in head])
            for i, column in enumerate(columns)
        ]
        for index, width in enumerate(widths):
            ws.column_dimensions[get_column_letter(index + 1)].width = width
        ws.freeze_panes = "A3"
        apply_print_setup(ws, lang=self._lang, title_rows="1:2", header_left=self._header_left)
        ws.page_setup.paperSize = self._paper_size

        ws.row_dimensions[1].height = TITLE_HEIGHT
        title_cell = set_text(WriteOnlyCell(ws), self._title)
        title_cell.font = TITLE_FONT
        ws.append([title_cell])
        header_lines = max(
            (text_lines(c.header, w) for c, w in zip(columns, widths, strict=True)), default=1
        )
        ws.row_dimensions[2].height = LINE_HEIGHT * min(header_lines, 3)
        ws.append([_header_cell(ws, c.header) for c in columns])
        for line in head:
            self._write(line)

    def _style(self, state: int, index: int) -> StyleArray:
        """The style of column `index` in a plain (0) or highlighted (1) row, or of a marked
        cell (2), made when first needed (so the workbook's style list is as it always was)."""
        style = self._styles.get((state, index))
        if style is None:
            fill, font = _STATES[state]
            style = self._styles[state, index] = cell_style(
                self.ws, self._columns[index], fill, font
            )
        return style

    def _write(self, line: SheetLine) -> None:
        ws, done = self.ws, self.written
        if done % PROGRESS_EVERY == 0:
            if self._is_cancelled is not None and self._is_cancelled():
                discard_sheet(ws)
                raise ExportCancelled
            if self._progress is not None and self._total is not None:
                self._progress(done, self._total)
        height = max(
            (text_lines(line.values[i], self._widths[i]) for i in self._wrapped if line.values[i]),
            default=1,
        )
        row_number = done + 3
        if height > 1:
            ws.row_dimensions[row_number].height = LINE_HEIGHT * min(height, MAX_LINES)
        plain = 1 if line.highlight else 0
        row = [
            _cell(ws, value, column, self._style(2 if index in line.marked else plain, index))
            for index, (value, column) in enumerate(zip(line.values, self._columns, strict=True))
        ]
        ws.append(row)
        # the height is in the file now; a write-only sheet would keep it until saved
        ws.row_dimensions.pop(row_number, None)
        self.written += 1


def write_titled_sheet(
    wb: Workbook,
    sheet_name: str,
    title: str,
    columns: Sequence[SheetColumn],
    lines: Iterable[SheetLine],
    *,
    lang: str,
    header_left: str = "",
    paper_size: int = Worksheet.PAPERSIZE_A4,
    progress: Callable[[int, int], None] | None = None,
    total: int | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    sample: Iterable[SheetLine] | None = None,
) -> int:
    """A title row, a frozen and filtered header row, then the data rows (write-only friendly).

    Text is always written as a string; dates and times as real Excel dates. Highlighted rows
    and marked cells get the overdue fill. Rows with wrapped text get a height that shows it
    (Excel and LibreOffice do not grow rows of a generated file by themselves). Printing:
    landscape, fit to width, title and header rows repeated. `lines` may be a generator, read
    once (TitledSheetWriter); `progress(done, total)` is called every 200 rows when the total
    is known (a list's length, else `total`) and at the end. Returns the number of data rows.
    `sample`: the first lines of `lines` read a second time, to size the columns from
    (TitledSheetWriter.size_from) instead of holding the first WIDTH_SAMPLE lines.
    """
    if total is None and isinstance(lines, Sized):
        total = len(lines)
    sheet = TitledSheetWriter(
        wb,
        sheet_name,
        title,
        columns,
        lang=lang,
        header_left=header_left,
        paper_size=paper_size,
        progress=progress,
        total=total,
        is_cancelled=is_cancelled,
    )
    if sample is not None:
        sheet.size_from(sample)
    for line in lines:
        sheet.add(line)
    return sheet.close()


def _header_cell(ws, text: str) -> Cell:  # noqa: ANN001
    cell = style_header(set_text(WriteOnlyCell(ws), text))
    cell.alignment = HEADER_ALIGNMENT
    return cell


def workbook_bytes(wb: Workbook) -> bytes:
    stream = io.BytesIO()
    wb.save(stream)
    return stream.getvalue()


def new_workbook(title: str) -> Workbook:
    wb = Workbook(write_only=True)
    wb.properties.title = title
    wb.properties.creator = "QualityDesk"
    return wb


def sheet_title(company: str, report: str, period: str, now: datetime, lang: str) -> str:
    """'宁波精工… 客户抱怨处理总表  期间:…  统计截至 2024-05-06 10:00'."""
    as_of = local_datetime(now)
    parts = [f"{company} {report}".strip()]
    if period:
        parts.append(pick(f"期间:{period}", f"Period: {period}", lang))
    parts.append(pick(f"统计截至 {as_of:%Y-%m-%d %H:%M}", f"As of {as_of:%Y-%m-%d %H:%M}", lang))
    return "    ".join(parts)


# ---------------------------------------------------------------- the ledger


def ticket_overdue(complaint: ComplaintData | LedgerTicket, now: datetime) -> bool:
    """An open ticket with any deadline passed and not met (actions included)."""
    return complaint.status == "open" and any(d.overdue(now) for d in complaint.deadlines)


def next_deadline(complaint: ComplaintData | LedgerTicket) -> Deadline | None:
    return next_open(complaint.deadlines) if complaint.status == "open" else None


def yes_no(value: bool | None, lang: str) -> str:
    if value is None:
        return ""
    return pick("是", "Yes", lang) if value else pick("否", "No", lang)


def ledger_columns(lang: str) -> list[SheetColumn]:
    def t(zh: str, en: str) -> str:
        return pick(zh, en, lang)

    return [
        SheetColumn(t("编号", "Number")),
        SheetColumn(t("接收时间", "Received"), "datetime"),
        SheetColumn(t("顾客编号", "Customer code")),
        SheetColumn(t("顾客名称", "Customer"), max_width=24, wrap=True),
        SheetColumn(t("联系人", "Contact")),
        SheetColumn(t("联系电话", "Contact phone")),
        SheetColumn(t("受理方式", "Channel")),
        SheetColumn(t("抱怨类型", "Kind")),
        SheetColumn(t("产品型号", "Product")),
        SheetColumn(t("零件号", "Part no.")),
        SheetColumn(t("批次号", "Batch")),
        SheetColumn(t("交货数量", "Qty delivered"), "quantity"),
        SheetColumn(t("不良数量", "Qty defective"), "quantity"),
        SheetColumn(t("不良类别", "Defect category")),
        SheetColumn(t("问题描述", "Description"), max_width=36, wrap=True),
        SheetColumn(t("严重度", "Severity")),
        SheetColumn(t("紧急度", "Urgency")),
        SheetColumn(t("责任归属", "Responsibility")),
        SheetColumn(t("责任部门", "Responsible department")),
        SheetColumn(t("负责人", "Owner")),
        SheetColumn(t("8D进度", "8D step"), max_width=14, wrap=True),
        SheetColumn(t("状态", "Status")),
        SheetColumn(t("下一期限事项", "Next deadline for"), max_width=16, wrap=True),
        SheetColumn(t("下一期限", "Next deadline"), "datetime"),
        SheetColumn(t("逾期", "Overdue")),
        SheetColumn(t("答复顾客日期", "Answered on"), "date"),
        SheetColumn(t("答复内容", "Answer"), max_width=30, wrap=True),
        SheetColumn(t("回访日期", "Return visit"), "date"),
        SheetColumn(t("回访满意", "Satisfied at return visit")),
        SheetColumn(t("索赔状态", "Claim status")),
        SheetColumn(t("索赔金额", "Claimed amount"), "number"),
        SheetColumn(t("确认金额", "Agreed amount"), "number"),
        SheetColumn(t("已付金额", "Paid amount"), "number"),
        SheetColumn(t("结案日期", "Closed on"), "date"),
        SheetColumn(t("重开自", "Reopened from")),
    ]


def ledger_line(complaint: ComplaintData | LedgerTicket, lang: str, now: datetime) -> SheetLine:
    """A ticket's ledger row: from what ledger_data.iter_ledger reads, or a whole ticket."""
    c = complaint if isinstance(complaint, LedgerTicket) else LedgerTicket.of(complaint)
    pending = next_deadline(c)
    overdue = ticket_overdue(c, now)
    satisfied = (
        ""
        if c.visit_satisfied is None
        else pick("满意", "Satisfied", lang)
        if c.visit_satisfied
        else pick("不满意", "Not satisfied", lang)
    )
    due_for = ""
    if pending is not None:
        due_for = deadline_label(pending.key, lang)
        if pending.key == "action" and pending.detail:
            due_for += f":{pending.detail}" if lang == "zh_CN" else f": {pending.detail}"
    values: list[object] = [
        c.number,
        c.received_at,
        c.customer_code,
        c.customer_name,
        c.contact_name,
        c.contact_phone,
        label(CHANNEL_LABELS, c.channel, lang),
        label(KIND_LABELS, c.kind, lang),
        c.product_model,
        c.part_no,
        c.batch_no,
        c.qty_delivered,
        c.qty_defective,
        c.defect_category,
        c.description,
        label(SEVERITY_LABELS, c.severity, lang),
        label(URGENCY_LABELS, c.urgency, lang),
        label(RESPONSIBILITY_LABELS, c.responsibility, lang),
        c.responsible_department,
        c.owner,
        step_label(c.current_step, lang),
        label(STATUS_LABELS, c.status, lang),
        due_for,
        pending.due if pending else None,
        yes_no(overdue, lang),
        c.reply_at,
        c.reply_content,
        c.visit_at,
        satisfied,
        label(CLAIM_LABELS, c.claim_status, lang) if c.claim_status != "none" else "",
        c.claim_amount,
        c.agreed_amount,
        c.paid_amount,
        c.closed_at,
        c.origin_number,
    ]
    return SheetLine(values, highlight=overdue)


def _ledger_workbook(
    complaints: Iterable[ComplaintData | LedgerTicket],
    lang: str,
    title_period: str,
    now: datetime | None,
    progress: Callable[[int, int], None] | None,
    company: str,
    total: int | None,
    is_cancelled: Callable[[], bool] | None,
    read_first: Callable[[int], Iterable[ComplaintData | LedgerTicket]] | None = None,
) -> tuple[Workbook, int]:
    now = now or utcnow()
    report = pick("客户抱怨处理总表", "Customer complaint ledger", lang)
    wb = new_workbook(report)
    if total is None and isinstance(complaints, Sized):
        total = len(complaints)
    try:
        count = write_titled_sheet(
            wb,
            pick("客户抱怨处理总表", "Complaint ledger", lang),
            sheet_title(company, report, title_period, now, lang),
            ledger_columns(lang),
            (ledger_line(c, lang, now) for c in complaints),
            lang=lang,
            header_left=company,
            # 34 columns: on A3 they stay readable; a printer with A4 only scales it down
            paper_size=Worksheet.PAPERSIZE_A3,
            progress=progress,
            total=total,
            is_cancelled=is_cancelled,
            sample=(
                (ledger_line(c, lang, now) for c in read_first(WIDTH_SAMPLE))
                if read_first is not None
                else None
            ),
        )
    except BaseException:
        discard_workbook(wb)
        raise
    return wb, count


def complaint_ledger_xlsx(
    complaints: Iterable[ComplaintData | LedgerTicket],
    lang: str = "zh_CN",
    title_period: str = "",
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    company: str = "",
    total: int | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The ledger workbook as .xlsx bytes; `now` decides what is overdue (default: now).

    `complaints` may be a generator (complaint_service.iter_complaints), read once; for a big
    ledger write_complaint_ledger saves into the file instead of returning the bytes.
    """
    wb, _count = _ledger_workbook(
        complaints, lang, title_period, now, progress, company, total, is_cancelled
    )
    return workbook_bytes(wb)


def write_complaint_ledger(
    path: str | os.PathLike[str],
    complaints: Iterable[ComplaintData | LedgerTicket],
    lang: str = "zh_CN",
    title_period: str = "",
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    company: str = "",
    total: int | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    read_first: Callable[[int], Iterable[ComplaintData | LedgerTicket]] | None = None,
) -> int:
    """The ledger written straight into the file at `path` (atomically), ticket by ticket:
    with a generator of tickets, memory stays flat however many there are. Returns how many
    tickets were written; ExportCancelled (from `is_cancelled`) leaves no file behind.

    `read_first(n)`: the first n of `complaints` read again (ledger_data.iter_ledger with a
    limit); the columns are sized from them before the first row, so no ticket is held
    (without it the first 1,000 rows are held until the widths are known)."""
    wb, count = _ledger_workbook(
        complaints, lang, title_period, now, progress, company, total, is_cancelled, read_first
    )
    save_workbook(wb, path)
    return count


def period_text(start: date | None, end: date | None, lang: str) -> str:
    """'2024-01-01 至 2024-06-30', '2024-01-01 起', '至 2024-06-30', '' (everything)."""
    if start and end:
        return pick(f"{start} 至 {end}", f"{start} to {end}", lang)
    if start:
        return pick(f"{start} 起", f"from {start}", lang)
    if end:
        return pick(f"至 {end}", f"until {end}", lang)
    return ""
