"""A record's window offers every customer to pick, and opens as fast with 5,000 customers as
with 50: it reads their codes and names in one statement, not each one's contacts and volumes."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlmodel import Session

from app.models import Customer
from app.ui.complaints.complaint_dialog import ComplaintDialog
from app.ui.field_service.service_report_dialog import ServiceReportDialog
from app.ui.field_service.visit_dialog import VisitReportDialog
from app.ui.returns.return_dialog import ReturnDialog
from app.ui.signals import DataHub

CUSTOMERS = 1200  # more than the customer list reads in one page of lines (500)

WINDOWS = {
    "complaint": (lambda engine, hub: ComplaintDialog(engine, hub), lambda d: d.form.customer_edit),
    "return": (lambda engine, hub: ReturnDialog(engine, hub), lambda d: d.form.customer),
    "service report": (lambda engine, hub: ServiceReportDialog(engine, hub), lambda d: d.form.customer),
    "visit report": (lambda engine, hub: VisitReportDialog(engine, hub), lambda d: d.form.customer),
}  # fmt: skip


@pytest.mark.parametrize("kind", list(WINDOWS))
def test_a_new_records_window_suggests_every_customer_from_one_statement(qtbot, engine, kind):
    with Session(engine) as session:
        session.add_all(
            Customer(code=f"KH{i:04}", name=f"顾客{i}") for i in range(1, CUSTOMERS + 1)
        )
        session.commit()
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    make, picker_of = WINDOWS[kind]
    event.listen(engine, "before_cursor_execute", seen)
    try:
        dialog = make(engine, DataHub())
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    qtbot.addWidget(dialog)

    suggested = picker_of(dialog).completer().model()
    assert suggested.rowCount() == CUSTOMERS
    assert suggested.index(0, 0).data() == "KH0001  顾客1"
    read = [s for s in statements if "FROM customer" in s]
    assert len(read) == 1, read
    assert not [s for s in statements if "customer_contact" in s or "customer_annual_volume" in s]
