"""The scale demo: exact counts, the same file for the same seed, a sound trail, and records the
services go on working with (search, open, edit, close, summaries, the next number)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from app.db import open_database
from app.models import (
    Complaint,
    Customer,
    ReturnLine,
    ReturnReceipt,
    ServiceReport,
    SurveyAnswer,
    VisitReport,
)
from app.services import (
    attachment_service,
    audit_service,
    complaint_service,
    complaint_workflow,
    customer_service,
    demo_service,
    field_service,
    overview,
    return_service,
    visit_service,
)
from app.services.complaint_data import ComplaintData, ComplaintFilter
from app.services.complaint_summary import complaint_summary, month_period
from app.services.customer_service import CustomerData
from app.services.deadlines import next_open
from app.services.demo_scale import NotEmpty, ScalePlan, build
from app.services.return_data import ReturnFilter
from tests.cli_runner import one_line, run

NOW = datetime(2026, 6, 15, 6, 30, tzinfo=UTC)
PLAN = replace(ScalePlan.for_complaints(300, seed=5), now=NOW, photos=4, survey_answers=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale")
    engine = open_database(folder)
    seen: list[str] = []
    counts = build(engine, PLAN, progress=lambda kind, done, total: seen.append(kind))
    yield engine, counts, seen, folder
    engine.dispose()


def _count(engine, model) -> int:
    with Session(engine) as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_every_kind_is_made_in_the_planned_number(built):
    engine, counts, seen, _folder = built
    assert counts["customers"] == _count(engine, Customer) == PLAN.customers
    assert counts["complaints"] == _count(engine, Complaint) == 300
    assert counts["return_lines"] == _count(engine, ReturnLine) == PLAN.return_lines
    assert counts["returns"] == _count(engine, ReturnReceipt) < PLAN.return_lines
    assert counts["survey_answers"] == _count(engine, SurveyAnswer) == PLAN.survey_answers
    assert counts["service_reports"] == _count(engine, ServiceReport) == PLAN.service_reports
    assert counts["visits"] == _count(engine, VisitReport) == PLAN.visits
    assert counts["survey_campaigns"] >= 2
    assert set(seen) >= {"customers", "complaints", "return lines", "survey answers"}


def test_the_trail_is_chained_and_every_reference_holds(built):
    engine, counts, _seen, _folder = built
    assert audit_service.verify_chain(engine) == []
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        created = dict(
            connection.exec_driver_sql(
                "SELECT entity, count(DISTINCT entity_uuid) FROM audit_entry"
                " WHERE action = 'create' GROUP BY entity"
            ).fetchall()
        )
    assert created["customer"] == PLAN.customers
    assert created["complaint"] == 300
    assert created["return"] == counts["returns"]
    assert created["service_report"] == PLAN.service_reports
    assert created["visit_report"] == PLAN.visits
    assert created["survey_response"] == counts["survey_responses"]


def _created(engine, entity: str, uuid: str) -> list[tuple[str, str | None, str | None]]:
    trail = audit_service.history(engine, entity, uuid)
    return sorted(
        (row.field, row.old_value, row.new_value) for row in trail if row.action == "create"
    )


def test_each_record_s_trail_is_what_the_services_write_as_it_is_entered(built):
    """Every field of a record in the trail, as a user's entry would leave it (the data file's
    size and its backups depend on it), not one line per record."""
    engine, _counts, _seen, _folder = built
    with Session(engine) as session:
        ticket_id = (
            session.execute(
                select(Complaint.id).where(Complaint.status == "closed").order_by(Complaint.id)
            )
            .scalars()
            .first()
        )
        customer_id = session.execute(select(Customer.id).order_by(Customer.id)).scalars().first()
        return_id = session.execute(select(ReturnReceipt.id).order_by(ReturnReceipt.id)).scalars().first()  # fmt: skip
        report_id = session.execute(select(ServiceReport.id).order_by(ServiceReport.id)).scalars().first()  # fmt: skip
        visit_id = session.execute(select(VisitReport.id).order_by(VisitReport.id)).scalars().first()  # fmt: skip
    ticket = complaint_service.get(engine, ticket_id)
    ledger = {"status": ticket.status, "closed_at": ticket.closed_at}
    expected = complaint_service.creation_changes(ticket.number, ticket, ledger)
    assert len(expected) > 40
    assert _created(engine, complaint_service.ENTITY, ticket.uuid) == expected
    customer = customer_service.get(engine, customer_id)
    assert _created(engine, customer_service.ENTITY, customer.uuid) == customer_service.creation_changes(customer)  # fmt: skip
    returned = return_service.get(engine, return_id)
    assert _created(engine, return_service.ENTITY, returned.uuid) == return_service.creation_changes(returned.number, returned)  # fmt: skip
    report = field_service.get(engine, report_id)
    assert _created(engine, field_service.ENTITY, report.uuid) == field_service.creation_changes(report.number, report)  # fmt: skip
    visit = visit_service.get(engine, visit_id)
    assert _created(engine, visit_service.ENTITY, visit.uuid) == visit_service.creation_changes(visit.number, visit)  # fmt: skip


def test_ten_years_of_tickets_in_every_state_numbered_without_gaps(built):
    engine, _counts, _seen, _folder = built
    with Session(engine) as session:
        rows = session.execute(
            select(Complaint.year, Complaint.seq, Complaint.reopen_index, Complaint.status)
        ).all()
    originals: dict[int, list[int]] = {}
    for year, seq, reopen_index, _status in rows:
        if reopen_index == 0:
            originals.setdefault(year, []).append(seq)
    assert sorted(originals) == list(range(2017, 2027))
    for seqs in originals.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))
    states = Counter(status for *_, status in rows)
    assert {"open", "closed", "reopened", "cancelled"} <= set(states)
    assert states["closed"] > 0.8 * 300
    assert any(reopen_index == 1 for _y, _s, reopen_index, _st in rows)


def test_open_tickets_show_the_deadline_the_services_compute(built):
    engine, _counts, _seen, _folder = built
    ids = complaint_service.search_ids(engine, ComplaintFilter(status="open"))
    assert ids
    for ticket_id in ids:
        ticket = complaint_service.get(engine, ticket_id)
        with Session(engine) as session:
            stored = session.get(Complaint, ticket_id)
        pending = next_open(ticket.deadlines)
        assert stored.next_due == (pending.due if pending else None)
        assert stored.next_due_key == (pending.key if pending else "")
        first_open = next((s.step for s in ticket.steps if s.done_on is None), 9)
        assert stored.current_step == first_open
    overdue = complaint_service.search_ids(engine, ComplaintFilter(overdue_only=True), now=NOW)
    assert overdue  # some work got stuck


def test_the_same_seed_gives_the_same_file_and_another_seed_another(built, tmp_path):
    engine, _counts, _seen, folder = built
    again = open_database(tmp_path / "again")
    build(again, PLAN)
    other = open_database(tmp_path / "other")
    build(other, replace(PLAN, seed=6))
    assert _digest(again) == _digest(engine)
    assert _digest(other) != _digest(engine)
    photos = sorted(p.name for p in (folder / "attachments").rglob("*.png"))
    assert photos == sorted(p.name for p in (tmp_path / "again" / "attachments").rglob("*.png"))
    assert len(photos) == PLAN.photos
    again.dispose()
    other.dispose()


def _digest(engine) -> str:
    """Every row of every table but the machine's own id (field records' origin, its setting)."""
    digest = hashlib.sha256()
    with engine.connect() as connection:
        tables = [
            name
            for (name,) in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for table in tables:
            result = connection.exec_driver_sql(f'SELECT * FROM "{table}"')
            columns = list(result.keys())
            rows = []
            for row in result:
                values = dict(zip(columns, row, strict=True))
                values.pop("origin", None)
                if table != "setting" or values.get("key") != "machine":
                    rows.append(repr(sorted(values.items())))
            digest.update(repr((table, sorted(rows))).encode())
    return digest.hexdigest()


def test_the_services_go_on_with_the_generated_records(built):
    engine, _counts, _seen, _folder = built
    # search, a whole ticket with its photos, the summaries
    found = complaint_service.search_ids(engine, ComplaintFilter(text="起动机"))
    assert found
    tickets = [complaint_service.get(engine, i) for i in found[:60]]
    assert all(t.customer_name and t.steps for t in tickets)
    with_photo = next(t for t in (complaint_service.get(engine, i) for i in found) if t.attachments)
    assert attachment_service.read_bytes(engine, with_photo.attachments[0]) is not None
    summary = complaint_summary(engine, month_period(2026, 5), today=NOW.date())
    assert summary.totals.received > 0
    assert overview.overview(engine, NOW.date(), today=NOW.date()) is not None
    assert return_service.search_ids(engine, ReturnFilter(text="QDJ"))
    assert customer_service.search_ids(engine) and field_service.count(engine)

    # the next ticket of the year takes the next number
    received = datetime.now(UTC) - timedelta(minutes=5)
    year = received.astimezone().year
    with Session(engine) as session:
        last = session.execute(
            select(func.max(Complaint.seq)).where(Complaint.year == year)
        ).scalar_one()
        customer_id = session.execute(select(Customer.id).limit(1)).scalar_one()
    assert year != 2026 or last > 10
    fresh = complaint_service.create(
        engine,
        ComplaintData(
            customer_id=customer_id,
            received_at=received,
            defect_category="异响",
            description="装车后起动机异响",
        ),
        "tester",
    )
    assert fresh.number == f"KS-{year}-{(last or 0) + 1:04d}"

    # an open generated ticket is edited, its actions done and verified, answered and closed
    open_id = complaint_service.search_ids(engine, ComplaintFilter(status="open"))[-1]
    ticket = complaint_service.get(engine, open_id)
    today = date.today()
    ticket.responsibility = ticket.responsibility if ticket.responsibility != "undetermined" else "transport"  # fmt: skip
    for action in ticket.actions:
        action.done_on = action.done_on or today
    ticket.reply_at = ticket.reply_at or datetime.now(UTC) - timedelta(minutes=2)
    ticket.reply_content = ticket.reply_content or "已答复顾客"
    ticket.visit_at = ticket.visit_at or datetime.now(UTC) - timedelta(minutes=1)
    ticket.visit_satisfied = True
    ticket.prevention_waived = ticket.prevention_waived or not any(
        a.kind == "preventive" for a in ticket.actions
    )
    if ticket.prevention_waived and not ticket.waiver_approved_by:
        ticket.waiver_approved_by, ticket.waiver_approved_on = "总经理", today
    ticket = complaint_service.update(engine, ticket, "tester")
    for action in ticket.actions:
        if action.verification != "effective":
            ticket = complaint_workflow.verify_action(
                engine, action.id, effective=True, verified_by="品保", verified_on=today,
                user="tester",
            )  # fmt: skip
    closed = complaint_workflow.close(engine, open_id, user="tester")
    assert closed.status == "closed"

    # a disposed return is archived, a visit is added after the generated ones
    disposed = return_service.search_ids(engine, ReturnFilter(status="disposed"))
    archivable = next(
        r for r in (return_service.get(engine, i) for i in disposed)
        if not return_service.archive_problems(r)
    )  # fmt: skip
    assert return_service.archive(engine, archivable.id, user="tester").status == "archived"
    visit = visit_service.blank_visit(engine, customer_id, today=today)
    visit.visitors = "tester"
    assert visit_service.create(engine, visit, "tester", today=today).number.startswith("ZF-")
    assert audit_service.verify_chain(engine) == []


def test_a_data_file_with_records_is_refused(engine):
    demo_service.load_demo(engine, customers=1)
    with pytest.raises(NotEmpty) as refused:
        build(engine, PLAN)
    assert refused.value.counts == {"customer": 1}
    assert _count(engine, Complaint) == 0


def test_the_command_builds_reports_and_refuses_the_second_time(tmp_path):
    args = ("--data-dir", str(tmp_path), "demo", "--scale", "small", "--complaints", "120")
    first = run(*args, "--seed", "3", "--as-of", "2025-12-31")
    assert first.returncode == 0, first.stderr
    assert "120 complaint tickets" in first.stdout
    engine = open_database(tmp_path)
    with Session(engine) as session:
        newest = session.execute(select(func.max(Complaint.received_at))).scalar_one()
    engine.dispose()
    assert newest.year == 2025
    assert re.search(r"in \d+ s; data file \d+ MB", first.stdout)
    second = run(*args)
    assert second.returncode == 1
    assert "already holds records" in one_line(second.stderr)
    wrong = run("--data-dir", str(tmp_path / "x"), "demo", "--service-reports", "5")
    assert wrong.returncode == 1 and "--scale" in one_line(wrong.stderr)


def test_records_added_after_the_generated_ones_get_fresh_ids(engine):
    # the generator writes its rows with their ids; a server's id sequences must follow them
    build(engine, replace(ScalePlan.for_complaints(40, seed=2), now=NOW, photos=1))
    customer = customer_service.create(
        engine, CustomerData(code="KH-NEW-1", name="新增顾客有限公司"), "tester"
    )
    ticket = complaint_service.create(
        engine,
        ComplaintData(
            customer_id=customer.id,
            received_at=datetime.now(UTC) - timedelta(minutes=5),
            defect_category="异响",
            description="生成数据之后新录入的抱怨",
        ),
        "tester",
    )
    with Session(engine) as session:
        assert customer.id > session.execute(select(func.min(Customer.id))).scalar_one()
        assert session.get(Complaint, ticket.id).customer_id == customer.id
