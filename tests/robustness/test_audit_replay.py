"""Replaying the audit trail reproduces every record: random work through the real services.

A Hypothesis state machine creates, edits and deletes customers, registers, edits and cancels
complaint tickets, and runs survey campaigns (answers saved and deleted, campaigns closed and
reopened). After every step the trail is replayed field by field — create and update set a
value, delete forgets the record — and must give exactly what the services read back. A change
that bypassed the trail, or a trail row that says something else than what was stored, fails.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule
from sqlmodel import Session

from app.db import open_database
from app.models.common import utcnow
from app.services import (
    audit_service,
    complaint_service,
    complaint_workflow,
    customer_service,
    field_service,
    survey_campaigns,
    survey_responses,
    survey_service,
)
from app.services.complaint_data import ComplaintData
from app.services.customer_service import ContactData, CustomerData, VolumeData
from app.services.field_data import PartData, ServiceReportData
from app.services.validation import RecordLocked, ValidationError
from tests.trail import trail_changes

TEXT = (
    st.text(alphabet=st.sampled_from("质量交货期abcXYZ 0123=+-@<>&\"'"), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)
PHONES = st.sampled_from(["", "0571-88886666", "138 0571 2233"])


EVENT_NOTES = {"reopen_reason", "delete_reason", "reason"}


def replay(engine) -> dict[tuple[str, str], dict[str, str]]:
    """Every record as the trail tells it: (entity, uuid) -> field -> text."""
    state: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for row in trail_changes(engine):
        key = (row.entity, row.entity_uuid)
        if row.action == "delete":
            state.pop(key, None)
            continue
        if row.field in EVENT_NOTES:
            continue  # why something happened, not a value the record keeps
        if row.new_value is None:
            state[key].pop(row.field, None)
        else:
            state[key][row.field] = row.new_value
    return state


def as_texts(flat: dict[str, object]) -> dict[str, str]:
    texts = {key: audit_service.as_text(value) for key, value in flat.items()}
    return {key: value for key, value in texts.items() if value is not None}


class QualityRecords(RuleBasedStateMachine):
    customers = Bundle("customers")
    tickets = Bundle("tickets")
    campaigns = Bundle("campaigns")
    reports = Bundle("reports")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="qd-replay-"))
        self.engine = open_database(self.folder)
        self.codes = 0

    def teardown(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    # ------------------------------------------------------------ customers

    @rule(target=customers, name=TEXT, phone=PHONES, volume=st.integers(0, 300))
    def create_customer(self, name, phone, volume):
        self.codes += 1
        data = CustomerData(
            code=f"R{self.codes:04d}",
            name=name,
            phone=phone,
            cooperation_since=date(date.today().year - 3, 5, 1),
            contacts=[ContactData(name="王" + name[:5], phone=phone)],
            volumes=[VolumeData(year=date.today().year - 1, amount_wan=float(volume))],
        )
        return customer_service.create(self.engine, data, "clerk").id

    @rule(customer=customers, name=TEXT, notes=TEXT, drop_contact=st.booleans())
    def edit_customer(self, customer, name, notes, drop_contact):
        data = customer_service.get(self.engine, customer)
        if data is None:
            return
        data.name, data.notes = name, notes
        if drop_contact:
            data.contacts = data.contacts[1:]
        else:
            data.contacts.append(ContactData(name="李" + name[:5]))
        customer_service.update(self.engine, data, "clerk")

    @rule(customer=consumes(customers))
    def delete_customer(self, customer):
        try:
            customer_service.delete_customer(self.engine, customer, "clerk")
        except ValidationError:
            pass  # it has tickets or survey answers: the file stays

    # ------------------------------------------------------------ complaint tickets

    @rule(target=tickets, customer=customers, description=TEXT)
    def register_ticket(self, customer, description):
        if customer_service.get(self.engine, customer) is None:
            return None
        data = ComplaintData(
            customer_id=customer,
            received_at=utcnow(),
            description=description,
            defect_category="异响",
            product_model="ZQ-200",
        )
        return complaint_service.create(self.engine, data, "clerk").id

    @rule(ticket=tickets, request=TEXT, owner=TEXT)
    def edit_ticket(self, ticket, request, owner):
        data = ticket and complaint_service.get(self.engine, ticket)
        if not data or data.status != "open":
            return
        data.customer_request, data.owner = request, owner
        complaint_service.update(self.engine, data, "quality")

    @rule(ticket=tickets, reason=TEXT)
    def cancel_ticket(self, ticket, reason):
        if ticket is None:
            return
        try:
            complaint_workflow.cancel(self.engine, ticket, reason=reason, user="quality")
        except RecordLocked:
            pass

    # ------------------------------------------------------------ field service reports

    @rule(target=reports, customer=customers, problem=TEXT, quantity=st.integers(1, 9))
    def write_service_report(self, customer, problem, quantity):
        if customer_service.get(self.engine, customer) is None:
            return None
        arrived = utcnow().replace(microsecond=0) - timedelta(hours=3)
        data = ServiceReportData(
            customer_id=customer,
            engineers="张工",
            arrived_at=arrived,
            departed_at=arrived + timedelta(hours=2),
            problem_found=problem,
            parts=[PartData(part_no="P-1", name="油封", quantity=quantity)],
        )
        return field_service.create(self.engine, data, "engineer").id

    @rule(report=reports, work=TEXT, result=st.sampled_from(["solved", "temporary", "not_solved"]))
    def edit_service_report(self, report, work, result):
        data = report and field_service.get(self.engine, report)
        if not data:
            return
        data.work_done, data.result = work, result
        data.parts = data.parts[:1] + [PartData(name="垫片", quantity=2, charged=True)]
        field_service.update(self.engine, data, "engineer")

    @rule(report=consumes(reports), reason=TEXT)
    def delete_service_report(self, report, reason):
        if report and field_service.get(self.engine, report):
            field_service.delete(self.engine, report, "engineer", reason=reason)

    # ------------------------------------------------------------ surveys

    @rule(target=campaigns, period=st.sampled_from(["h1", "h2", "q1", "q3"]))
    def start_campaign(self, period):
        data = survey_service.new_campaign(self.engine, date.today().year - 1, period)
        return survey_service.create_campaign(self.engine, data, "sales").id

    @rule(
        campaign=campaigns,
        customer=customers,
        levels=st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=7, max_size=7),
        comments=TEXT,
    )
    def answer(self, campaign, customer, levels, comments):
        if customer_service.get(self.engine, customer) is None:
            return
        if not survey_service.get_campaign(self.engine, campaign).editable:
            return
        response = survey_service.get_response(
            self.engine, campaign, customer
        ) or survey_service.blank_response(self.engine, campaign, customer)
        for answer, level in zip(response.answers, levels, strict=False):
            answer.level = level
        response.comments = comments
        response.answered_on = date(date.today().year - 1, 12, 31)
        survey_service.save_response(self.engine, response, "sales")

    @rule(campaign=campaigns, customer=customers, reason=TEXT)
    def delete_answer(self, campaign, customer, reason):
        if survey_service.get_response(self.engine, campaign, customer) is None:
            return
        try:
            survey_service.delete_response(
                self.engine, campaign, customer, reason=reason, user="sales"
            )
        except RecordLocked:
            pass

    @rule(campaign=campaigns, reason=TEXT)
    def close_or_reopen(self, campaign, reason):
        if survey_service.get_campaign(self.engine, campaign).editable:
            survey_service.close_campaign(self.engine, campaign, "sales")
        else:
            survey_service.reopen_campaign(self.engine, campaign, reason=reason, user="sales")

    # ------------------------------------------------------------ the invariant

    def current(self) -> dict[tuple[str, str], dict[str, str]]:
        now: dict[tuple[str, str], dict[str, str]] = {}
        for data in customer_service.list_customers(self.engine):
            now[(customer_service.ENTITY, data.uuid)] = as_texts(customer_service._flat(data))
        for ticket in complaint_service.list_complaints(self.engine):
            # the number is given once; the status changes by registering, cancelling, closing
            flat = {
                "number": ticket.number,
                "status": ticket.status,
                "cancel_reason": ticket.cancel_reason,
                **complaint_service._flat(ticket),
            }
            now[(complaint_service.ENTITY, ticket.uuid)] = as_texts(flat)
        for report in field_service.list_reports(self.engine):
            flat = {"number": report.number, **field_service.flat(report)}  # number: once
            now[(field_service.ENTITY, report.uuid)] = as_texts(flat)
        for row in survey_service.list_campaigns(self.engine):
            campaign = survey_service.get_campaign(self.engine, row.id)
            with Session(self.engine) as session:
                flat = survey_campaigns._flat(session, campaign)
            # given at creation, and by closing / reopening
            flat.update(
                number=campaign.number,
                status=campaign.status,
                closed_on=campaign.closed_on,
                closed_by=campaign.closed_by,
            )
            now[(survey_campaigns.ENTITY, campaign.uuid)] = as_texts(flat)
            template = survey_service.get_template(self.engine, campaign.template_id)
            for invitee in campaign.invitees:
                response = survey_service.get_response(self.engine, row.id, invitee.customer_id)
                if response is not None:
                    now[(survey_responses.ENTITY, response.uuid)] = as_texts(
                        survey_responses._flat(response, template)
                    )
        return now

    @invariant()
    def the_trail_replays_to_the_stored_records(self):
        if not hasattr(self, "engine"):
            return
        replayed = {k: v for k, v in replay(self.engine).items() if k[0] in ENTITIES}
        current = self.current()
        assert replayed.keys() == current.keys()
        for key, fields in current.items():
            assert replayed[key] == fields, key


ENTITIES = {
    customer_service.ENTITY,
    field_service.ENTITY,
    complaint_service.ENTITY,
    survey_campaigns.ENTITY,
    survey_responses.ENTITY,
}

QualityRecords.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_replaying_the_audit_trail_reproduces_the_records = QualityRecords.TestCase
