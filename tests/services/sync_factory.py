"""Two real data files, an office and a laptop, and field records written straight into them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import event
from sqlmodel import Session, func, select

from app.db import open_database
from app.models import (
    AuditEntry,
    Complaint,
    CorrectiveAction,
    Customer,
    CustomerContact,
    ServicePart,
    ServiceReport,
    VisitReport,
)
from app.services import attachment_service, machine, sync_starter
from tests.trail import TrailChange, trail_changes

USER = "tester"


def open_machine(folder: Path):  # noqa: ANN201
    folder.mkdir(parents=True, exist_ok=True)
    return open_database(folder)


def add_customer(engine, code: str = "KH00001", name: str = "一汽解放") -> str:  # noqa: ANN001
    with Session(engine) as session:
        customer = Customer(code=code, name=name, cooperation_since=date(2020, 1, 1))
        session.add(customer)
        session.flush()
        session.add(CustomerContact(customer_id=customer.id, name="王工", phone="0431-1234567"))
        session.commit()
        return customer.uuid


def add_complaint(engine, customer_uuid: str, number: str, status: str = "open") -> str:  # noqa: ANN001
    with Session(engine) as session:
        customer = session.exec(select(Customer).where(Customer.uuid == customer_uuid)).one()
        complaint = Complaint(
            number=number,
            prefix="KS",
            year=int(number.split("-")[1]),
            seq=int(number.split("-")[2]),
            customer_id=customer.id,
            received_at=datetime(2026, 3, 1, 8, tzinfo=UTC),
            description="异响",
            status=status,
        )
        session.add(complaint)
        session.commit()
        return complaint.uuid


def customer_id(session: Session, code: str = "KH00001") -> int:
    return session.exec(select(Customer).where(Customer.code == code)).one().id


def add_service_report(
    engine,  # noqa: ANN001
    seq: int = 1,
    code: str | None = None,
    customer: str = "KH00001",
    **values,
) -> str:
    """A service report numbered as the machine numbers it (FW-L1-2026-0001 on laptop L1)."""
    me = machine.get_machine(engine)
    prefix = machine.prefix_for(code if code is not None else me.code, "FW")
    with Session(engine) as session:
        report = ServiceReport(
            number=machine.format_number(prefix, 2026, seq),
            prefix=prefix,
            year=2026,
            seq=seq,
            origin=me.id,
            customer_id=customer_id(session, customer),
            arrived_at=datetime(2026, 3, 2, 8, 30, tzinfo=UTC),
            departed_at=datetime(2026, 3, 2, 16, 0, tzinfo=UTC),
            engineers="张工",
            product_model="CA-100",
            problem_found="漏油",
            work_done="更换油封",
            **values,
        )
        session.add(report)
        session.flush()
        session.add(ServicePart(report_id=report.id, part_no="OS-12", name="油封", quantity=2))
        session.commit()
        return report.uuid


def add_visit_report(engine, seq: int = 1) -> str:  # noqa: ANN001
    me = machine.get_machine(engine)
    prefix = machine.prefix_for(me.code, "ZF")
    with Session(engine) as session:
        visit = VisitReport(
            number=machine.format_number(prefix, 2026, seq),
            prefix=prefix,
            year=2026,
            seq=seq,
            origin=me.id,
            customer_id=customer_id(session),
            visited_on=date(2026, 3, 5),
            visitors="李经理",
            topics="季度质量回顾",
        )
        session.add(visit)
        session.flush()
        session.add(
            CorrectiveAction(
                visit_id=visit.id, description="提供检验报告", owner="质量部", due=date(2026, 4, 1)
            )  # fmt: skip
        )
        session.commit()
        return visit.uuid


def add_photo(engine, report_uuid: str, path: Path, content: bytes) -> None:  # noqa: ANN001
    path.write_bytes(content)
    attachment_service.add(
        engine, entity="service_report", entity_uuid=report_uuid, label="", source=path, user=USER
    )


def edit(engine, uuid: str, table=ServiceReport, **values) -> None:  # noqa: ANN001
    with Session(engine) as session:
        row = session.exec(select(table).where(table.uuid == uuid)).one()
        for key, value in values.items():
            setattr(row, key, value)
        session.add(row)
        session.commit()


def delete(engine, uuid: str, table=ServiceReport) -> None:  # noqa: ANN001
    with Session(engine) as session:
        session.delete(session.exec(select(table).where(table.uuid == uuid)).one())
        session.commit()


def get(engine, uuid: str, table=ServiceReport):  # noqa: ANN001, ANN201
    with Session(engine) as session:
        return session.exec(select(table).where(table.uuid == uuid)).first()


def trail_count(engine) -> int:  # noqa: ANN001
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(AuditEntry)).one()


def sync_rows(engine, uuid: str) -> list[TrailChange]:  # noqa: ANN001
    return trail_changes(engine, AuditEntry.entity_uuid == uuid, AuditEntry.action == "sync")


def pair(tmp_path: Path, code: str = "L1"):  # noqa: ANN201
    """An office with a customer and a laptop that got the office's starter file."""
    office = open_machine(tmp_path / "office")
    laptop = open_machine(tmp_path / f"laptop-{code}")
    add_customer(office)
    starter = tmp_path / f"starter-{code}.qdsync"
    sync_starter.make_starter(office, starter, machine_code=code, user=USER)
    sync_starter.import_starter(laptop, starter, USER)
    return office, laptop


def counting_statements(engine, call):  # noqa: ANN001, ANN201
    """call()'s result and the SQL statements it sent to engine."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, _params, _context, _many):  # noqa: ANN001, ANN202
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        result = call()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return result, statements
