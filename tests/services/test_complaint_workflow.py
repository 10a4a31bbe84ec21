"""The 8D workflow: verification history, closing rules, reopen -1/-2, cancel."""

from __future__ import annotations

from datetime import date

import pytest

from app.services import complaint_service, complaint_workflow, customer_service
from app.services.complaint_data import ActionData
from app.services.complaint_service import RecordLocked
from app.services.validation import ValidationError
from tests.services.complaint_factory import customer, local, register


def worked_ticket(engine, **kwargs):
    """A ticket with both kinds of action done, answered and visited (but not verified)."""
    code = f"KH{customer_service.count(engine) + 1:03d}"
    ticket = register(engine, customer(engine, code), **kwargs)
    ticket.responsibility = "ours"
    ticket.responsible_department = "生产部"
    ticket.actions = [
        ActionData("corrective", "修复模具型腔", "生产部", "王工", date(2026, 10, 12), date(2026, 10, 10)),
        ActionData("preventive", "更新 PFMEA 与控制计划", "技术部", "赵工", date(2026, 10, 20), date(2026, 10, 15)),
    ]  # fmt: skip
    ticket.reply_at = local(2026, 10, 16, 9, 0)
    ticket.reply_content = "已更换模具,附 8D 报告"
    ticket.visit_at = local(2026, 10, 17, 9, 0)
    ticket.visit_satisfied = True
    return complaint_service.update(engine, ticket, "qe")


def verify_all(engine, ticket):
    for action in ticket.actions:
        ticket = complaint_workflow.verify_action(
            engine, action.id, effective=True, verified_by="品保 陈", verified_on=date(2026, 10, 18), user="qe"
        )  # fmt: skip
    return ticket


def test_not_effective_sets_a_new_due_and_keeps_the_old_in_history(engine):
    ticket = worked_ticket(engine)
    action = ticket.actions[0]
    with pytest.raises(ValidationError) as refused:
        complaint_workflow.verify_action(
            engine, action.id, effective=False, verified_by="陈", verified_on=date(2026, 10, 11), user="qe"
        )  # fmt: skip
    assert refused.value.errors["new_due"].code == "required"
    ticket = complaint_workflow.verify_action(
        engine, action.id, effective=False, verified_by="陈", verified_on=date(2026, 10, 11),
        user="qe", note="仍有毛刺", new_due=date(2026, 10, 25),
    )  # fmt: skip
    action = ticket.actions[0]
    assert (action.due, action.done_on, action.verification) == (date(2026, 10, 25), None, "")
    assert action.first_due == date(2026, 10, 12)
    event = action.history[-1]
    assert (event.kind, event.result, event.old_due, event.new_due, event.note) == (
        "verified", "not_effective", date(2026, 10, 12), date(2026, 10, 25), "仍有毛刺",
    )  # fmt: skip
    # not done again yet: it cannot be verified, only rescheduled
    with pytest.raises(ValidationError) as refused:
        complaint_workflow.verify_action(
            engine, action.id, effective=True, verified_by="陈", verified_on=date(2026, 10, 12), user="qe"
        )  # fmt: skip
    assert refused.value.errors["verified_on"].code == "action_not_done"
    ticket = complaint_workflow.reschedule_action(
        engine, action.id, new_due=date(2026, 12, 1), reason="模具厂交期延后", user="qe"
    )
    dues = [(e.old_due, e.new_due) for e in ticket.actions[0].history]
    assert dues == [
        (date(2026, 10, 12), date(2026, 10, 25)),
        (date(2026, 10, 25), date(2026, 12, 1)),
    ]
    fields = {r.field for r in complaint_service.history(engine, ticket)}
    assert {"actions[1].verification", "actions[1].reschedule_reason"} <= fields


def test_a_ticket_closes_only_when_every_rule_is_met(engine):
    ticket = register(engine, customer(engine))
    problems = complaint_workflow.close_problems(ticket)
    assert set(problems) == {"responsibility", "reply_content", "visit_satisfied"}
    ticket.responsibility = "ours"
    ticket = complaint_service.update(engine, ticket, "qe")
    problems = complaint_workflow.close_problems(ticket)
    assert problems["actions"].code == "close_no_corrective"
    assert problems["prevention_waived"].code == "close_no_prevention"

    ticket = worked_ticket(engine)
    with pytest.raises(ValidationError) as refused:
        complaint_workflow.close(engine, ticket.id, user="qe")
    assert refused.value.errors["actions"].code == "close_unverified"
    assert "1, 2" in refused.value.errors["actions"].message("zh_CN")
    ticket = verify_all(engine, ticket)
    ticket.visit_satisfied = False
    ticket = complaint_service.update(engine, ticket, "qe")
    assert complaint_workflow.close_problems(ticket)["visit_satisfied"].code == "close_unsatisfied"
    ticket.visit_satisfied = True
    ticket = complaint_service.update(engine, ticket, "qe")
    closed = complaint_workflow.close(engine, ticket.id, user="qe", note="效果确认,结案")
    assert closed.status == "closed" and not closed.editable
    assert closed.step(8).done_on == date.today() and closed.step(8).content == "效果确认,结案"
    row = complaint_service.rows_for_ids(engine, [closed.id])[closed.id]
    assert row.next_due is None and row.status == "closed"
    closed.description = "改动"
    with pytest.raises(RecordLocked):
        complaint_service.update(engine, closed, "qe")
    with pytest.raises(RecordLocked):
        complaint_workflow.reschedule_action(
            engine, closed.actions[0].id, new_due=date(2027, 1, 1), reason="x", user="qe"
        )


def test_prevention_may_be_waived_only_with_the_general_managers_approval(engine):
    ticket = worked_ticket(engine)
    ticket.actions = ticket.actions[:1]
    ticket.prevention_waived = True
    with pytest.raises(ValidationError) as refused:
        complaint_service.update(engine, ticket, "qe")
    assert set(refused.value.errors) == {"waiver_approved_by", "waiver_approved_on"}
    ticket.waiver_approved_by = "总经理 刘"
    ticket.waiver_approved_on = date(2026, 10, 16)
    ticket.waiver_reason = "无同类产品,不具经济效益"
    ticket = verify_all(engine, complaint_service.update(engine, ticket, "qe"))
    assert complaint_workflow.close(engine, ticket.id, user="qe").status == "closed"


def test_customer_misuse_needs_no_capa_but_an_answer_and_a_visit(engine):
    ticket = register(engine, customer(engine))
    ticket.responsibility = "customer_misuse"
    ticket.reply_at, ticket.reply_content = local(2026, 10, 2, 9, 0), "非我司责任,已说明"
    ticket.visit_at, ticket.visit_satisfied = local(2026, 10, 3, 9, 0), True
    ticket = complaint_service.update(engine, ticket, "qe")
    assert complaint_workflow.close_problems(ticket) == {}


def test_reopen_gives_minus_one_then_minus_two_with_fresh_deadlines(engine):
    ticket = verify_all(engine, worked_ticket(engine))
    original = complaint_workflow.close(engine, ticket.id, user="qe")
    with pytest.raises(ValidationError) as refused:
        complaint_workflow.reopen(engine, original.id, reason=" ", user="sales")
    assert "reopen_reason" in refused.value.errors
    now = local(2026, 11, 20, 9, 0)
    first = complaint_workflow.reopen(
        engine, original.id, reason="顾客仍发现异响", user="sales", now=now
    )
    assert first.number == f"{original.number}-1"
    assert first.origin.number == original.number and first.reopen_reason == "顾客仍发现异响"
    assert first.received_at == now and first.editable and first.actions == []
    assert first.step(1).content == original.step(1).content
    assert {d.key: d.due for d in first.deadlines}["first_reply"] == local(2026, 11, 20, 17, 0)
    origin = complaint_service.get(engine, original.id)
    assert origin.status == "reopened" and not origin.editable
    assert [r.number for r in origin.reopenings] == [first.number]
    with pytest.raises(ValidationError) as refused:  # not answered yet
        complaint_workflow.reopen(engine, first.id, reason="再次", user="sales")
    assert refused.value.errors["status"].code == "reopen_not_answered"
    first.reply_at, first.reply_content = local(2026, 11, 20, 10, 0), "再次答复"
    first.visit_at, first.visit_satisfied = local(2026, 11, 20, 11, 0), False
    first = complaint_service.update(engine, first, "sales")
    second = complaint_workflow.reopen(engine, first.id, reason="仍不满意", user="sales")
    assert second.number == f"{original.number}-2"
    assert second.origin.number == first.number
    root = complaint_service.get(engine, original.id)
    assert [r.number for r in root.reopenings] == [first.number, second.number]
    trail = {(r.field, r.new_value) for r in complaint_service.history(engine, root)}
    assert ("reopened_as", first.number) in trail
