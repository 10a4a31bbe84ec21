"""Big exports stream: records are read a chunk at a time and written row by row into the file,
so memory does not grow with the number of rows and a generator of records is never listed."""

from __future__ import annotations

import io
import tracemalloc
import weakref
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import openpyxl
import pypdf
import pytest

from app.reports.excel import complaint_ledger_xlsx as ledger_module
from app.reports.excel import sheet as sheet_module
from app.reports.excel.audit_trail_xlsx import audit_trail_xlsx, write_audit_trail
from app.reports.excel.complaint_ledger_xlsx import complaint_ledger_xlsx, write_complaint_ledger
from app.reports.excel.customer_list_xlsx import customer_list_xlsx
from app.reports.excel.tracking_list_xlsx import tracking_list_xlsx, write_tracking_list
from app.reports.files import ExportCancelled
from app.reports.pdf.failure_history_pdf import failure_history_pdf
from app.reports.pdf.layout import data_table
from app.services import audit_export, complaint_service, customer_service, demo_scale
from app.services.audit_export import TrailLine
from app.services.complaint_data import ComplaintData
from app.services.summary_data import CountRow, FailureHistory
from tests.reports.test_complaint_ledger_xlsx import NOW, _tickets
from tests.reports.test_failure_history_reports import _entry

T = TypeVar("T")
SAMPLE = 100  # the width sample, made small so that a few thousand rows show the trend


@pytest.fixture
def small_sample(monkeypatch):
    """Columns sized by the first 100 rows instead of 1,000: the same code, smaller workbooks."""
    monkeypatch.setattr(ledger_module, "WIDTH_SAMPLE", SAMPLE)
    monkeypatch.setattr(sheet_module, "WIDTH_SAMPLE", SAMPLE)


def _many_tickets(count: int) -> Iterator[ComplaintData]:
    """Fresh tickets made one at a time (overdue, in time, closed, with long text)."""
    base = _tickets()
    for i in range(count):
        yield replace(base[i % 3], number=f"KS-2024-{i + 1:05d}")


def _trail(count: int) -> Iterator[TrailLine]:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for i in range(count):
        yield TrailLine(
            i + 1, start + timedelta(minutes=i), "周小红", "complaint", f"KS-2024-{i:05d}",
            "update", "description", "制动钳异响" * 3, "=1+1 制动钳安装孔尺寸超差",
        )  # fmt: skip


class _Alive:
    """Counts the records handed out that are still referenced somewhere."""

    def __init__(self) -> None:
        self.now = self.most = 0

    def track(self, record: T) -> T:
        self.now += 1
        self.most = max(self.most, self.now)
        weakref.finalize(record, self._gone)
        return record

    def _gone(self) -> None:
        self.now -= 1


def _peak(write: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        write()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


class _Largest:
    rows = 0  # rows of the largest ReportLab table made


def _largest_table(monkeypatch) -> _Largest:  # noqa: ANN001
    """Watch every ReportLab table made from now on for its number of rows (header included)."""
    from reportlab.platypus import tables

    largest = _Largest()
    made = tables.Table.__init__

    def counting_init(self, data, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        largest.rows = max(largest.rows, len(data))
        made(self, data, *args, **kwargs)

    monkeypatch.setattr(tables.Table, "__init__", counting_init)
    return largest


def _sheet_xml(source: bytes | Path, name: str = "xl/worksheets/sheet1.xml") -> bytes:
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
        return zf.read(name)


# ---------------------------------------------------------------- the same content


def test_a_generator_written_into_the_file_gives_the_same_ledger_as_a_list(tmp_path):
    tickets = list(_many_tickets(1200))  # more than the 1,000 rows that size the columns
    from_list = complaint_ledger_xlsx(tickets, now=NOW)
    target = tmp_path / "ledger.xlsx"
    written = write_complaint_ledger(target, iter(tickets), now=NOW)
    assert written == 1200
    for part in ("xl/worksheets/sheet1.xml", "xl/styles.xml", "xl/workbook.xml"):
        assert _sheet_xml(target, part) == _sheet_xml(from_list, part)
    ws = openpyxl.load_workbook(target).active
    assert ws.max_row == 1202 and ws.auto_filter.ref == "A2:AI1202"
    assert ws.cell(1202, 1).value == "KS-2024-01200"
    # the overdue ticket is red and its long description has a tall row, far down the list
    assert ws.cell(1200, 1).value == "KS-2024-01198"
    assert ws.cell(1200, 1).fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.row_dimensions[1200].height >= 4 * 15
    assert not ws.row_dimensions[1202].height


def test_the_tracking_list_from_a_generator_matches_the_list_one(tmp_path):
    tickets = list(_many_tickets(30))
    from_list = tracking_list_xlsx(tickets, now=NOW)
    target = tmp_path / "tracking.xlsx"
    count = write_tracking_list(target, (t for t in tickets), now=NOW)
    assert (count.tickets, count.actions) == (30, 0)
    for part in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
        assert _sheet_xml(target, part) == _sheet_xml(from_list, part)
    deadlines = openpyxl.load_workbook(target).worksheets[1]
    assert deadlines.max_row == 2 + 20  # the open tickets, two in three


def test_the_audit_trail_from_a_generator_matches_the_list_one(tmp_path):
    lines = list(_trail(1500))
    from_list = audit_trail_xlsx(lines, made_at=NOW)
    target = tmp_path / "trail.xlsx"
    assert write_audit_trail(target, iter(lines), made_at=NOW) == 1500
    assert _sheet_xml(target) == _sheet_xml(from_list)
    ws = openpyxl.load_workbook(target).active
    assert ws.cell(1501, 9).value == "=1+1 制动钳安装孔尺寸超差"  # text, never a formula
    assert ws.auto_filter.ref == "A1:I1501"


# ---------------------------------------------------------------- never listed


def test_the_ledger_reads_a_generator_once_and_never_holds_the_tickets(tmp_path):
    alive = _Alive()

    def tickets() -> Iterator[ComplaintData]:
        for ticket in _many_tickets(3000):
            yield alive.track(ticket)

    source = tickets()
    target = tmp_path / "ledger.xlsx"
    assert write_complaint_ledger(target, source, now=NOW) == 3000
    assert next(source, None) is None  # read to the end, once
    assert alive.most <= 3  # each ticket is gone once its row is written
    sheet = _sheet_xml(target).decode()
    assert sheet.count("<row ") == 3002 and "<t>KS-2024-03000</t>" in sheet


def test_customers_stream_when_the_years_are_known(make_customer, tmp_path):
    alive = _Alive()

    def customers():  # noqa: ANN202
        for i in range(1500):
            yield alive.track(make_customer(code=f"C{i:05d}"))

    target = tmp_path / "customers.xlsx"
    assert customer_list_xlsx(customers(), target, years=[2022, 2023, 2024]) == 1500
    assert alive.most <= 3
    ws = openpyxl.load_workbook(target).active
    assert ws.max_row == 1501 and ws.cell(1501, 1).value == "C01499"
    headers = [c.value for c in ws[1]]
    assert headers[17:20] == ["2022年采购额(万元)", "2023年采购额(万元)", "2024年采购额(万元)"]
    assert ws.cell(2, 20).value == 1520.75


def test_a_cancelled_streamed_export_leaves_no_file(tmp_path):
    target = tmp_path / "ledger.xlsx"
    target.write_bytes(b"yesterday's ledger")
    read = 0

    def tickets() -> Iterator[ComplaintData]:
        nonlocal read
        for ticket in _many_tickets(5000):
            read += 1
            yield ticket

    with pytest.raises(ExportCancelled):
        write_complaint_ledger(target, tickets(), now=NOW, is_cancelled=lambda: read > 1500)
    assert read < 2000  # stopped soon, not after reading everything
    assert target.read_bytes() == b"yesterday's ledger"
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.xlsx"]


# ---------------------------------------------------------------- memory stays flat


@pytest.mark.usefixtures("small_sample")
def test_ledger_memory_does_not_grow_with_the_number_of_tickets(tmp_path):
    def export(count: int) -> int:
        return _peak(
            lambda: write_complaint_ledger(
                tmp_path / f"{count}.xlsx", _many_tickets(count), now=NOW
            )
        )

    small, large = export(150), export(1500)
    assert large < 1.5 * small, (small, large)
    # as the ledger was made before: every ticket read first, then the workbook's bytes
    listed = _peak(lambda: complaint_ledger_xlsx(list(_many_tickets(1500)), now=NOW))
    assert listed > 2 * large, (large, listed)


@pytest.mark.usefixtures("small_sample")
def test_list_sheet_memory_does_not_grow_with_the_number_of_rows(tmp_path):
    def export(count: int) -> int:
        return _peak(lambda: write_audit_trail(tmp_path / f"{count}.xlsx", _trail(count)))

    small, large = export(300), export(3000)
    assert large < 1.5 * small, (small, large)


# ---------------------------------------------------------------- reading from the data file


@pytest.fixture(scope="module")
def scale_engine(tmp_path_factory):
    from app.db import open_database

    engine = open_database(tmp_path_factory.mktemp("data"))
    demo_scale.build(engine, demo_scale.ScalePlan.for_complaints(60, seed=1))
    yield engine
    engine.dispose()


def test_iter_complaints_reads_a_chunk_at_a_time_in_list_order(scale_engine):
    calls: list[tuple[int, int]] = []
    tickets = complaint_service.iter_complaints(
        scale_engine, sort="received", descending=True, progress=lambda d, t: calls.append((d, t)),
        chunk=25,
    )  # fmt: skip
    first = next(tickets)
    assert calls == [(25, 60)]  # only the first chunk has been read
    rest = list(tickets)
    assert calls == [(25, 60), (50, 60), (60, 60)]
    listed = complaint_service.list_complaints(scale_engine, sort="received", descending=True)
    assert [first, *rest] == listed
    assert any(t.actions for t in listed) and any(t.attachments for t in listed)


def test_the_ledger_streamed_from_the_data_file_matches_the_listed_one(scale_engine, tmp_path):
    target = tmp_path / "ledger.xlsx"
    tickets = complaint_service.iter_complaints(scale_engine, chunk=7)
    assert write_complaint_ledger(target, tickets, now=NOW) == 60
    listed = complaint_ledger_xlsx(complaint_service.list_complaints(scale_engine), now=NOW)
    assert _sheet_xml(target) == _sheet_xml(listed)


def test_the_other_readers_give_what_the_lists_give(scale_engine):
    from app.services import field_list, return_service

    assert list(customer_service.iter_customers(scale_engine, chunk=3)) == (
        customer_service.list_customers(scale_engine)
    )
    assert list(return_service.iter_returns(scale_engine, chunk=4)) == (
        return_service.list_returns(scale_engine)
    )
    assert list(field_list.iter_rows(scale_engine, chunk=3)) == field_list.list_rows(scale_engine)
    every = customer_service.list_customers(scale_engine)
    assert customer_service.volume_years(scale_engine) == sorted(
        {v.year for c in every for v in c.volumes}
    )
    trail = audit_export.trail_lines(scale_engine)
    assert list(audit_export.iter_trail_lines(scale_engine, chunk=9)) == trail
    assert audit_export.count_trail_lines(scale_engine) == len(trail) > 9
    number = trail[5].record
    assert list(audit_export.iter_trail_lines(scale_engine, record=number, chunk=1)) == (
        audit_export.trail_lines(scale_engine, record=number)
    )


# ---------------------------------------------------------------- the failure history PDF


def test_a_long_failure_history_is_laid_out_a_page_at_a_time(settings, monkeypatch, pdftotext):
    """The PDF has every entry, in order, on as many pages as one big table gave, but no table
    ever holds more than a page or two of rows."""
    COUNT = 200  # noqa: N806
    entries = [
        _entry(number=f"KS-2026-{i:04d}", description="制动钳异响" * (1 + i % 12))
        for i in range(COUNT)
    ]
    history = FailureHistory(part="P-1001", names=("制动钳",), entries=entries)
    largest = _largest_table(monkeypatch)
    pdf = failure_history_pdf(history, settings)
    paged_largest = largest.rows
    # the same entries as one table, as before
    from app.reports.pdf import failure_history_pdf as module

    monkeypatch.setattr(
        module,
        "paged_data_table",
        lambda headers, rows, widths, **kw: data_table(headers, list(rows), widths, **kw),
    )
    largest.rows = 0
    whole = failure_history_pdf(history, settings)
    assert largest.rows > COUNT and paged_largest < COUNT / 3
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert pages == len(pypdf.PdfReader(io.BytesIO(whole)).pages) > 10
    text = pdftotext(pdf)
    assert text == pdftotext(whole)
    numbers = [line for line in text.split() if line.startswith("KS-2026-")]
    assert numbers == [f"KS-2026-{i:04d}" for i in range(COUNT)]


# ---------------------------------------------------------------- the summary PDFs


def test_a_big_plant_s_summary_lists_are_laid_out_a_page_at_a_time(
    settings, monkeypatch, pdftotext
):
    """A year of a big plant lists thousands of customers, products and repeat problems: the
    PDF has them all, on the pages one big table each gave, but no table ever holds more than
    a page or two of rows."""
    from app.reports.pdf import complaint_summary_pdf as module
    from tests.reports.summary_fixtures import annual

    COUNT = 300  # noqa: N806
    review = annual()
    problem = review.summary.frequency.problems[0]
    this_year = replace(
        review.summary,
        by_customer=[
            CountRow(f"KH{i:05d}", f"顾客{i}汽车部件有限公司", 1, 0.1, i) for i in range(COUNT)
        ],
        by_product=[CountRow(f"P-{i:04d}", "制动钳总成", 1, 0.1, i) for i in range(COUNT)],
        frequency=replace(
            review.summary.frequency,
            problems=tuple(replace(problem, customer_code=f"KH{i:05d}") for i in range(COUNT)),
        ),
    )
    review = replace(review, summary=this_year)
    largest = _largest_table(monkeypatch)
    made_at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    pdf = module.annual_summary_pdf(review, settings, made_at=made_at)
    paged_largest = largest.rows
    # the same lists as one table each, as before
    monkeypatch.setattr(
        module,
        "long_table",
        lambda headers, rows, *args, **kw: module.table(headers, list(rows), *args, **kw),
    )
    largest.rows = 0
    whole = module.annual_summary_pdf(review, settings, made_at=made_at)
    assert largest.rows > COUNT and paged_largest < COUNT / 3
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert pages == len(pypdf.PdfReader(io.BytesIO(whole)).pages) > 20
    text = pdftotext(pdf)
    assert text == pdftotext(whole)
    for prefix in ("KH", "P-"):
        listed = [word for word in text.split() if word.startswith(prefix)]
        assert len(listed) >= COUNT
