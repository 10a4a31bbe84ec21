"""Shared helpers for every workbook: safe text cells, dates, widths for Chinese text, print setup.

A list sheet is written with `write_table_sheet`, which works on write-only workbooks (fast, low
memory) and keeps what a clerk expects: bold frozen header row, autofilter, column widths that fit
Chinese text, real dates, landscape A4 fit to one page wide with the header row repeated.
"""

from __future__ import annotations

import contextlib
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain, islice
from typing import Literal

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from app.i18n import pick
from app.reports.files import ExportCancelled, write_atomically

MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 6
EXCEL_MAX_TEXT = 32767
EXCEL_MAX_SHEET_TITLE = 31
# rows of an Excel sheet, its header row included: a longer list goes on in another sheet
SHEET_MAX_ROWS = 1_048_576
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
AMOUNT_FORMAT = "#,##0.00"
INTEGER_FORMAT = "0"
PROGRESS_EVERY = 200
# rows a streamed list sheet sizes its columns by: they are held until the widths are written,
# which in the file come before the first row (all rows of a shorter list)
WIDTH_SAMPLE = 1000

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE2EA")
HEADER_BORDER = Border(bottom=Side(style="thin", color="808080"))
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center")

ColumnKind = Literal["text", "date", "datetime", "number", "integer"]


# ---------------------------------------------------------------- cell values


def clean_text(value: object) -> str:
    """User text as a string Excel accepts: no control characters, at most 32,767 characters."""
    text = "" if value is None else str(value)
    text = ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n"))
    return text[:EXCEL_MAX_TEXT]


def set_text(cell: Cell, value: object) -> Cell:
    """Put user text into a cell as a string, never a formula (text like `=1+1` stays text)."""
    cell.value = clean_text(value)
    # openpyxl turns any string starting with "=" into a formula; force the string type
    cell.data_type = "s"
    return cell


def text_cell(ws, value: object) -> Cell:  # noqa: ANN001  (Worksheet or WriteOnlyWorksheet)
    """A detached cell holding user text as a string, for `ws.append` (also in write-only mode)."""
    return set_text(WriteOnlyCell(ws), value)


def text_value(ws, value: object) -> str | Cell:  # noqa: ANN001
    """User text for `ws.append`, stored as a string: the plain str where openpyxl keeps it as
    text anyway (faster for big sheets), a string-typed cell where it would not (`=…`, `#N/A`)."""
    text = clean_text(value)
    if text.startswith("=") or text in ERROR_CODES:
        return set_text(WriteOnlyCell(ws), text)
    return text


def to_date(value: date | datetime | None) -> date | None:
    """A calendar date for Excel: timestamps become the PC's local date (Excel has no time zones)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return (value.astimezone() if value.tzinfo else value).date()
    return value


def date_cell(ws, value: date | datetime | None) -> Cell:  # noqa: ANN001
    """A real Excel date shown as yyyy-mm-dd (empty when None)."""
    cell = WriteOnlyCell(ws, to_date(value))
    cell.number_format = DATE_FORMAT
    return cell


def number_cell(ws, value: float | int | None, number_format: str = AMOUNT_FORMAT) -> Cell:  # noqa: ANN001
    cell = WriteOnlyCell(ws, value)
    cell.number_format = number_format
    return cell


# ---------------------------------------------------------------- widths


def display_width(text: object) -> int:
    """Width of text in Excel character units: East Asian wide characters count as 2."""
    value = "" if text is None else str(text)
    widest = 0
    for line in value.split("\n"):
        if line.isascii():
            width = len(line)
        else:
            width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        widest = max(widest, width)
    return widest


def column_width(
    header: str, values: Sequence[str], *, max_width: float = MAX_COLUMN_WIDTH
) -> float:
    """A column width that fits the header and the widest value, within sensible limits."""
    widest = max([display_width(header), *(display_width(v) for v in values)])
    # +2 for the filter button and some air
    return float(min(max_width, max(MIN_COLUMN_WIDTH, widest + 2)))


# ---------------------------------------------------------------- sheet setup


def header_footer_text(text: str) -> str:
    """Literal text for a header/footer section ('&' starts a code there)."""
    return clean_text(text).replace("\n", " ").replace("&", "&&")


def apply_print_setup(
    ws,  # noqa: ANN001
    *,
    lang: str,
    title_rows: str | None = "1:1",
    landscape: bool = True,
    header_left: str = "",
) -> None:
    """Landscape A4, one page wide, repeated title rows, sheet name and page x/y printed."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    if title_rows:
        ws.print_title_rows = title_rows
    if header_left:
        ws.oddHeader.left.text = header_footer_text(header_left)
    ws.oddHeader.center.text = "&A"  # the sheet name
    ws.oddHeader.right.text = pick("打印日期 &D", "Printed &D", lang)
    ws.oddFooter.center.text = pick("第 &P 页 / 共 &N 页", "Page &P of &N", lang)


def style_header(cell: Cell) -> Cell:
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.border = HEADER_BORDER
    cell.alignment = HEADER_ALIGNMENT
    return cell


# ---------------------------------------------------------------- list sheets


@dataclass(frozen=True)
class Column:
    """One column of a list sheet: its header and how its values are written."""

    header: str
    kind: ColumnKind = "text"
    number_format: str | None = None  # default: yyyy-mm-dd, #,##0.00 or 0 by kind
    max_width: float = MAX_COLUMN_WIDTH

    @property
    def format(self) -> str | None:
        if self.number_format:
            return self.number_format
        return {
            "date": DATE_FORMAT,
            "datetime": DATETIME_FORMAT,
            "number": AMOUNT_FORMAT,
            "integer": INTEGER_FORMAT,
        }.get(self.kind)


def _shown(value: object, column: Column) -> str:
    """Roughly what Excel shows for a value, to size the column."""
    if value is None:
        return ""
    if column.kind == "date":
        return "0000-00-00"
    if column.kind == "datetime":
        return "0000-00-00 00:00:00"
    if column.kind == "number" and isinstance(value, int | float):
        return f"{value:,.2f}"
    return str(value)


def write_table_sheet(
    wb: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    *,
    lang: str,
    header_left: str = "",
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    total: int | None = None,
) -> list[Worksheet | WriteOnlyWorksheet]:
    """Add a list sheet (header row + one row per item) to `wb`, write-only or not.

    Text columns are always written as strings; dates as real dates; numbers as numbers.
    `rows` may be a generator: it is read once, row by row, and on a write-only workbook
    only the first WIDTH_SAMPLE rows (which size the columns) are held at a time.
    A list longer than a sheet holds (SHEET_MAX_ROWS with its header) goes on in further
    sheets named "title (2)", "title (3)" …, each with the same header and setup; the sheets
    are returned in order.
    `progress(done, total)` is called every 200 rows when the total is known (the length of
    a list, else `total`) and once at the end; when `is_cancelled()` turns true,
    ExportCancelled is raised.
    """
    if total is None and isinstance(rows, Sized):
        total = len(rows)
    pending = iter(rows)
    head = list(islice(pending, WIDTH_SAMPLE))
    widths = [
        column_width(
            column.header,
            [_shown(row[index], column) for row in head],
            max_width=column.max_width,
        )
        for index, column in enumerate(columns)
    ]
    formats = [column.format for column in columns]
    last_column = get_column_letter(max(1, len(columns)))
    per_sheet = SHEET_MAX_ROWS - 1  # below the header row
    remaining = chain(head, pending)
    sheets: list[Worksheet | WriteOnlyWorksheet] = []
    done = 0
    while True:
        name = title if not sheets else continued_title(title, len(sheets) + 1)
        ws = _list_sheet(wb, name, columns, widths, lang=lang, header_left=header_left)
        sheets.append(ws)
        on_sheet = 0
        for row in islice(remaining, per_sheet):
            if done % PROGRESS_EVERY == 0:
                if is_cancelled is not None and is_cancelled():
                    for written in sheets:
                        discard_sheet(written)
                    raise ExportCancelled
                if progress is not None and total is not None:
                    progress(done, total)
            ws.append(
                [
                    _data_cell(ws, value, column.kind, fmt)
                    for value, column, fmt in zip(row, columns, formats, strict=True)
                ]
            )
            done += 1
            on_sheet += 1
        # the filter range is written after the rows (write-only sheets too): the count is known
        ws.auto_filter.ref = f"A1:{last_column}{on_sheet + 1}"
        following = next(remaining, None) if on_sheet == per_sheet else None
        if following is None:
            break
        remaining = chain([following], remaining)
    if progress is not None:
        progress(done, done)
    return sheets


def continued_title(title: str, number: int) -> str:
    """The name of a list's sheet `number` (2, 3 …), within Excel's 31 characters."""
    suffix = f" ({number})"
    return title[: EXCEL_MAX_SHEET_TITLE - len(suffix)] + suffix


def _list_sheet(
    wb: Workbook,
    title: str,
    columns: Sequence[Column],
    widths: Sequence[float],
    *,
    lang: str,
    header_left: str,
) -> Worksheet | WriteOnlyWorksheet:
    """A new sheet with the list's widths, frozen bold header row and print setup."""
    ws = wb.create_sheet(title=title)
    # everything that goes before the cells in the file must be set before the first append
    for index, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    ws.freeze_panes = "A2"
    apply_print_setup(ws, lang=lang, header_left=header_left)
    ws.append([style_header(text_cell(ws, column.header)) for column in columns])
    return ws


def _data_cell(ws, value: object, kind: ColumnKind, fmt: str | None) -> Cell | str | None:  # noqa: ANN001
    if value is None or value == "":
        return None
    if kind == "text":
        return text_value(ws, value)
    if kind == "date":
        return date_cell(ws, value)  # type: ignore[arg-type]
    if kind == "datetime":  # a naive local timestamp (Excel has no time zones)
        return number_cell(ws, value, fmt or DATETIME_FORMAT)  # type: ignore[arg-type]
    return number_cell(ws, value, fmt or AMOUNT_FORMAT)  # type: ignore[arg-type]


def discard_sheet(ws) -> None:  # noqa: ANN001
    """Finish and delete the temporary file a write-only sheet streams its rows into."""
    if not isinstance(ws, WriteOnlyWorksheet):
        return
    with contextlib.suppress(Exception):
        ws.close()
    with contextlib.suppress(Exception):
        ws._writer.cleanup()  # noqa: SLF001  (openpyxl only removes it at interpreter exit)


def discard_workbook(wb: Workbook) -> None:
    """Delete the temporary files of a write-only workbook that will not be saved."""
    for ws in wb.worksheets:
        discard_sheet(ws)


def save_workbook(wb: Workbook, path: str | os.PathLike[str]) -> None:
    """Save `wb` straight into the file at `path`, atomically (app.reports.files), without the
    whole workbook in memory as bytes: a write-only sheet's rows go from its temporary file
    into the zip file in pieces. On failure the temporary files go too."""
    try:
        write_atomically(path, wb.save)
    except BaseException:
        discard_workbook(wb)
        raise
