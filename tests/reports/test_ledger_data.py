"""The complaint ledger read as just its columns (ledger_data.iter_ledger) is the ledger made
from whole tickets, cell for cell, and holds only a few tickets at a time while it is written."""

from __future__ import annotations

import io
import subprocess
import sys
import weakref
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from app.models.common import utcnow
from app.reports.excel import complaint_ledger_xlsx as ledger_module
from app.reports.excel.complaint_ledger_xlsx import (
    TitledSheetWriter,
    complaint_ledger_xlsx,
    ledger_columns,
    ledger_line,
    new_workbook,
    write_complaint_ledger,
)
from app.reports.excel.sheet import WIDTH_SAMPLE, discard_workbook
from app.services import complaint_service, complaint_workflow, demo_scale, ledger_data
from app.services.complaint_data import ActionData, ComplaintFilter, LedgerTicket
from tests.services.complaint_factory import customer, local, register
from tests.services.test_complaint_workflow import verify_all, worked_ticket

# overdue is judged against the time of the test: the tickets received in 2025 are overdue
NOW = datetime.now(UTC).replace(microsecond=0)
ROOT = Path(__file__).resolve().parents[2]
TOTAL = 80  # tickets in demo_engine
PARTS = ("xl/worksheets/sheet1.xml", "xl/styles.xml", "xl/workbook.xml", "xl/sharedStrings.xml")


def _parts(source: bytes | Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
        names = set(zf.namelist())
        return {name: zf.read(name) for name in PARTS if name in names}


def _own_tickets(engine) -> None:  # noqa: ANN001
    """Tickets whose ledger cells are computed: open and overdue, with actions (one done, one
    not) and answered (a return visit due), with the customer's own deadline, urgent and fresh,
    reopened from a closed one, cancelled."""
    reopened = verify_all(engine, worked_ticket(engine))
    complaint_workflow.close(engine, reopened.id, user="qe")
    complaint_workflow.reopen(engine, reopened.id, reason="顾客仍发现异响", user="sales")
    cid = customer(engine, code="KH-L01", name="宁波汽配")
    long_ago = local(2025, 3, 3, 9, 0)
    register(engine, cid, received_at=long_ago, description="异响,未答复")
    register(
        engine,
        cid,
        received_at=long_ago,
        first_reply_at=local(2025, 3, 3, 12, 0),
        containment_reply_at=local(2025, 3, 4, 12, 0),
        action_reply_at=local(2025, 3, 8, 12, 0),
        reply_at=local(2025, 3, 9, 12, 0),
        reply_content="已更换模具",
        actions=[
            ActionData(description="更换模具" * 12, due=date(2025, 3, 20), done_on=date(2025, 3, 19)),
            ActionData(description="加严来料检验", due=date(2025, 3, 9)),
        ],
    )  # fmt: skip
    register(engine, cid, customer_deadline=date(2025, 3, 5), received_at=long_ago)
    register(engine, cid, urgency="urgent", received_at=utcnow() - timedelta(hours=2))
    cancelled = register(engine, cid)
    complaint_workflow.cancel(engine, cancelled.id, reason="重复登记", user="t")


def _whole(engine, **kwargs) -> list[LedgerTicket]:  # noqa: ANN001, ANN003
    """The ledger's view of whole tickets; only an open ticket's deadlines count."""
    return [
        replace(t, deadlines=t.deadlines if t.status == "open" else [])
        for t in map(LedgerTicket.of, complaint_service.list_complaints(engine, **kwargs))
    ]


@pytest.fixture(scope="module")
def demo_engine(tmp_path_factory):
    """Demo data (closed, reopened, cancelled and open tickets of ten years) and our own."""
    from app.db import open_database

    engine = open_database(tmp_path_factory.mktemp("data"))
    demo_scale.build(engine, demo_scale.ScalePlan.for_complaints(TOTAL - 7, seed=3))
    _own_tickets(engine)
    yield engine
    engine.dispose()


def test_the_lean_tickets_are_the_whole_tickets_view_on_both_engines(engine, monkeypatch):
    _own_tickets(engine)
    lean = list(ledger_data.iter_ledger(engine, chunk=3))
    assert lean == _whole(engine)
    reading = ledger_data._id_pages  # ids two at a time: each page after the one before
    monkeypatch.setattr(
        ledger_data, "_id_pages", lambda *args, **kwargs: reading(*args, **kwargs, page=2)
    )
    assert list(ledger_data.iter_ledger(engine, chunk=3)) == lean
    for flt in (ComplaintFilter(status="open"), ComplaintFilter(text="宁波汽配")):
        filtered = list(ledger_data.iter_ledger(engine, flt, chunk=3))
        assert filtered == _whole(engine, flt=flt)
        assert 1 < len(filtered) < len(lean), (flt, [t.status for t in filtered])
    assert len(lean) == 7
    # what the ledger's computed cells need: open tickets with deadlines (answer, return
    # visit, actions), reopened ones with their origin, the customer columns
    assert any(t.status == "open" and t.deadlines for t in lean)
    assert any(d.key == "action" for t in lean for d in t.deadlines)
    assert any(d.key == "return_visit" for t in lean for d in t.deadlines)
    assert any(d.detail == "customer" for t in lean for d in t.deadlines)
    assert any(t.origin_number for t in lean)
    assert all(t.customer_code and t.customer_name for t in lean)
    assert not any(t.deadlines for t in lean if t.status != "open")


def test_the_ledger_from_its_columns_is_the_ledger_of_whole_tickets(demo_engine, tmp_path):
    target = tmp_path / "ledger.xlsx"
    written = write_complaint_ledger(
        target,
        ledger_data.iter_ledger(demo_engine, chunk=9),
        now=NOW,
        company="宁波精工",
        read_first=lambda count: ledger_data.iter_ledger(demo_engine, limit=count),
    )
    whole = complaint_ledger_xlsx(
        complaint_service.list_complaints(demo_engine), now=NOW, company="宁波精工"
    )
    assert written == TOTAL
    assert _parts(target) == _parts(whole)
    rows = list(openpyxl.load_workbook(target).active.iter_rows(min_row=3, values_only=True))
    assert len(rows) == TOTAL
    assert {"是", "否"} <= {row[24] for row in rows}  # some tickets are overdue, some not
    assert any(str(row[22]).startswith("措施到期:") for row in rows)  # an action's deadline
    assert any(row[34] for row in rows)  # reopened from


@pytest.mark.parametrize(
    "flt",
    [
        ComplaintFilter(status="open"),
        ComplaintFilter(overdue_only=True),
        ComplaintFilter(text="异响"),
        ComplaintFilter(received_from=date(2020, 1, 1), received_to=date(2023, 12, 31)),
    ],
)
def test_filters_are_the_lists(demo_engine, flt):
    lean = list(ledger_data.iter_ledger(demo_engine, flt, chunk=4))
    assert lean == _whole(demo_engine, flt=flt)
    assert lean  # each filter matches something in the demo data
    first = list(ledger_data.iter_ledger(demo_engine, flt, limit=3))
    assert first == lean[:3]


@pytest.mark.parametrize("page", [1, 2, 3, 7, TOTAL - 1, TOTAL, TOTAL + 1])
def test_ids_are_read_a_page_at_a_time_each_after_the_last(demo_engine, monkeypatch, page):
    """Each page of ids starts after the last ticket of the page before, in number order:
    every ticket once, a reopened ticket after its origin (same year and sequence number),
    whichever ticket a page ends on; no more than a page of ids is ever held."""
    pages: list[int] = []
    reading = ledger_data._id_pages

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        for ids in reading(*args, **kwargs, page=page):
            pages.append(len(ids))
            yield ids

    monkeypatch.setattr(ledger_data, "_id_pages", counted)
    whole = _whole(demo_engine)
    assert any(t.origin_number for t in whole)  # reopened tickets among them
    assert list(ledger_data.iter_ledger(demo_engine, chunk=3)) == whole
    assert max(pages) <= page and sum(pages) == TOTAL
    pages.clear()
    assert list(ledger_data.iter_ledger(demo_engine, limit=5, chunk=2)) == whole[:5]
    assert sum(pages) == 5


def test_the_ledger_is_read_a_few_tickets_at_a_time(demo_engine):
    calls: list[tuple[int, int]] = []
    tickets = ledger_data.iter_ledger(
        demo_engine, progress=lambda done, total: calls.append((done, total)), chunk=25
    )
    next(tickets)
    assert calls == [(25, TOTAL)]  # only the first chunk has been read
    rest = list(tickets)
    assert len(rest) == TOTAL - 1
    assert calls == [(25, TOTAL), (50, TOTAL), (75, TOTAL), (80, TOTAL)]


def test_each_chunk_is_read_with_the_same_statements(demo_engine):
    """However many of a chunk's tickets are open, its actions are read with the same
    statement (the chunk's ids bound): SQLite prepares and keeps each distinct text."""
    from sqlalchemy import event

    texts: set[str] = set()

    def seen(conn, cursor, statement, *args) -> None:  # noqa: ANN001, ANN002
        texts.add(statement)

    event.listen(demo_engine, "before_cursor_execute", seen)
    try:
        tickets = list(ledger_data.iter_ledger(demo_engine, chunk=2))  # 40 full chunks
    finally:
        event.remove(demo_engine, "before_cursor_execute", seen)
    assert len(tickets) == TOTAL == 80
    opened = [sum(t.status == "open" for t in tickets[i : i + 2]) for i in range(0, TOTAL, 2)]
    assert {1, 2} <= set(opened)  # chunks with different numbers of open tickets
    actions = {text for text in texts if "FROM corrective_action" in text}
    assert len(actions) == 1
    assert len(texts) <= 5  # count, first page, next page (none here), ledger, actions


def test_the_origins_number_is_read_without_a_copy_of_the_whole_table():
    """The reopened ticket's origin is joined as its two columns: an alias of the complaint
    table would copy its ~60 columns, kept with the compiled statement (~0.3 MB)."""
    from sqlalchemy.sql import visitors
    from sqlalchemy.sql.selectable import Alias

    query = ledger_data._ledger_query()
    aliases = {id(e): e for e in visitors.iterate(query) if isinstance(e, Alias)}
    assert [sorted(a.c.keys()) for a in aliases.values()] == [["id", "number"]]


def test_a_ticket_deleted_while_the_ledger_is_written_is_left_out(demo_engine, monkeypatch):
    reading = ledger_data._id_pages

    def with_a_deleted_one(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        pages = reading(*args, **kwargs)
        ids = next(pages)
        # listed when the page was read, deleted before its chunk is read
        yield [ids[0], max(ids) + 1000, *ids[1:]]
        yield from pages

    monkeypatch.setattr(ledger_data, "_id_pages", with_a_deleted_one)
    tickets = list(ledger_data.iter_ledger(demo_engine, chunk=5))
    assert tickets == _whole(demo_engine)
    assert len(tickets) == TOTAL


def test_a_ticket_registered_while_the_ledger_is_written_comes_in_its_place(tmp_path, monkeypatch):
    """Pages continue after the last ticket read: one registered meanwhile with a later
    number is in the ledger (its total grows with it), nothing is read twice."""
    from app.db import open_database

    reading = ledger_data._id_pages
    monkeypatch.setattr(
        ledger_data, "_id_pages", lambda *args, **kwargs: reading(*args, **kwargs, page=2)
    )

    engine = open_database(tmp_path)
    cid = customer(engine, code="KH-L02", name="宁波汽配")
    for _ in range(4):
        register(engine, cid)
    calls: list[tuple[int, int]] = []
    tickets = ledger_data.iter_ledger(engine, progress=lambda *call: calls.append(call), chunk=2)
    first = [next(tickets), next(tickets)]
    register(engine, cid)
    rest = list(tickets)
    numbers = [t.number for t in first + rest]
    assert len(numbers) == 5 == len(set(numbers))
    assert numbers == sorted(numbers)
    assert calls[-1] == (5, 5)
    engine.dispose()


def test_the_ledger_is_read_without_setting_the_orm_up(data_dir):
    """The command line's ledger export reads plain rows: the ORM's mappers (~2 MB when first
    used) are never configured in its process."""
    from app.db import open_database

    engine = open_database(data_dir)
    _own_tickets(engine)
    engine.dispose()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.db import open_database\n"
        "from app.models import Complaint\n"
        "from app.services import ledger_data, settings_service\n"
        "engine = open_database(Path(sys.argv[1]), reading=True)\n"
        "settings_service.load(engine)\n"
        "tickets = list(ledger_data.iter_ledger(engine))\n"
        "first = list(ledger_data.iter_ledger(engine, limit=2))\n"
        "print(len(tickets), len(first), Complaint.__mapper__.configured)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["7", "2", "False"]


def test_the_command_line_ledger_keeps_the_note_of_a_clean_close(data_dir, tmp_path):
    """An export only reads: the data file is as it was, so the next start need not check it."""
    from app import cli, db
    from app.config import database_path

    engine = db.open_database(data_dir)
    _own_tickets(engine)
    engine.dispose()
    path = database_path(data_dir)
    db.record_clean_close(path)
    target = tmp_path / "ledger.xlsx"
    code = cli.main(["--data-dir", str(data_dir), "export", "complaint-ledger", "-o", str(target)])
    assert code == 0
    assert db.untouched_since_clean_close(path)
    assert len(list(openpyxl.load_workbook(target).active.iter_rows(min_row=3))) == 7


def test_sized_from_a_second_reading_no_row_waits(demo_engine, tmp_path, monkeypatch):
    """With read_first the columns are sized from the first tickets read again, so each row
    goes into the file as it is made; without it the first 1,000 rows wait for the widths."""
    alive = {"now": 0, "most": 0}

    def gone() -> None:
        alive["now"] -= 1

    def tracked(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        line = ledger_line(*args, **kwargs)
        alive["now"] += 1
        alive["most"] = max(alive["most"], alive["now"])
        weakref.finalize(line, gone)
        return line

    monkeypatch.setattr(ledger_module, "ledger_line", tracked)
    monkeypatch.setattr(ledger_module, "WIDTH_SAMPLE", 50)
    monkeypatch.setattr("app.reports.excel.sheet.WIDTH_SAMPLE", 50)

    def export(name: str, **kwargs) -> bytes:  # noqa: ANN003
        alive["now"] = alive["most"] = 0
        target = tmp_path / name
        write_complaint_ledger(target, ledger_data.iter_ledger(demo_engine), now=NOW, **kwargs)
        return target.read_bytes()

    held = export("held.xlsx")
    assert alive["most"] >= 50
    streamed = export(
        "streamed.xlsx", read_first=lambda n: ledger_data.iter_ledger(demo_engine, limit=n)
    )
    assert alive["most"] <= 2
    assert _parts(streamed) == _parts(held)


def test_size_from_gives_the_widths_of_the_held_lines():
    lines = [
        ledger_line(t, "zh_CN", NOW)
        for t in [
            _ticket("KS-2024-0001", "短"),
            _ticket("KS-2024-0002", "制动钳异响,安装孔尺寸超差" * 4),
            _ticket("KS-2024-000003", ""),
        ]
    ]
    widths = {}
    for sized in (False, True):
        wb = new_workbook("t")
        sheet = TitledSheetWriter(wb, "s", "title", ledger_columns("zh_CN"), lang="zh_CN")
        if sized:
            sheet.size_from(iter(lines))
            sheet.add(lines[0])
            assert sheet.written == 1  # written at once, not held
        else:
            sheet.add(lines[0])
            assert sheet.written == 0  # held until the widths are known
        for line in lines[1:]:
            sheet.add(line)
        sheet.close()
        widths[sized] = sheet._widths
        discard_workbook(wb)
    assert widths[True] == widths[False]
    assert widths[True][14] > widths[True][5]  # the description is wider than the phone
    with pytest.raises(RuntimeError):
        sheet = TitledSheetWriter(new_workbook("t"), "s", "t", ledger_columns("en"), lang="en")
        sheet.add(lines[0])
        sheet.size_from(lines)


def test_whole_tickets_still_make_the_ledger():
    """complaint_ledger_xlsx takes whole tickets (ComplaintData) as before."""
    ticket = _ticket("KS-2024-0009", "异响")
    assert (
        ledger_line(ticket, "en", NOW).values
        == ledger_line(LedgerTicket.of(ticket), "en", NOW).values
    )
    ws = openpyxl.load_workbook(io.BytesIO(complaint_ledger_xlsx([ticket], now=NOW))).active
    assert ws.cell(3, 1).value == "KS-2024-0009"
    assert WIDTH_SAMPLE == 1000


def _ticket(number: str, description: str):  # noqa: ANN202
    from app.services.complaint_data import ComplaintData, TicketRef

    return ComplaintData(
        number=number,
        received_at=datetime(2024, 3, 1, 8, 0, tzinfo=UTC),
        customer_code="C001",
        customer_name="宁波汽配",
        description=description,
        contact_phone="0574-88888888",
        origin=TicketRef(1, "KS-2024-0001", "reopened", datetime(2024, 1, 1, tzinfo=UTC)),
    )
