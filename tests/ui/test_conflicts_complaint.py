"""Two clerks on one ticket: the window names who saved meanwhile, and both ways out work."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.services import audit_service, complaint_service, editing_presence
from app.ui.complaints.complaint_dialog import ComplaintDialog
from app.ui.locale_format import datetime_text
from app.ui.signals import DataHub
from app.ui.widgets import record_conflict
from tests.services import complaint_factory as cf


@pytest.fixture
def ticket(engine):
    customer_id = cf.customer(engine, "KH001", "长春华通汽车有限公司")
    return cf.register(engine, customer_id, description="制动钳异响")


def _open(qtbot, engine, ticket_id) -> ComplaintDialog:
    dialog = ComplaintDialog(engine, DataHub(), ticket_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _saved_meanwhile_by_zhang(engine, ticket_id: int) -> complaint_service.ComplaintData:
    other = complaint_service.get(engine, ticket_id)
    return complaint_service.update(engine, replace(other, description="张三改的描述"), "张三")


def test_the_message_names_the_other_clerk_the_time_and_their_changes(
    qtbot, engine, ticket, conflicts_seen, answers
):
    seen, queue = conflicts_seen
    dialog = _open(qtbot, engine, ticket.id)
    dialog.form.description.setPlainText("李四的描述")
    theirs = _saved_meanwhile_by_zhang(engine, ticket.id)
    queue.append(None)  # back to the form

    assert dialog.save() is False
    [shown] = seen
    assert "张三" in shown["message"] and ticket.number in shown["message"]
    assert datetime_text(theirs.updated_at) in shown["message"]
    assert shown["rows"] == [
        [
            datetime_text(theirs.updated_at),
            "张三",
            dialog.form.history_field("description"),
            "制动钳异响",
            "张三改的描述",
        ]
    ]
    # nothing overwritten, the typed text still in the form
    assert complaint_service.get(engine, ticket.id).description == "张三改的描述"
    assert dialog.form.description.toPlainText() == "李四的描述"
    assert "张三" in dialog.message.text()


def test_keep_mine_saves_over_theirs_from_the_new_version(
    qtbot, engine, ticket, conflicts_seen, answers
):
    seen, queue = conflicts_seen
    dialog = _open(qtbot, engine, ticket.id)
    dialog.form.description.setPlainText("李四的描述")
    _saved_meanwhile_by_zhang(engine, ticket.id)
    queue.append(record_conflict.KEEP)

    assert dialog.save() is True
    stored = complaint_service.get(engine, ticket.id)
    assert stored.description == "李四的描述" and stored.version == 3
    assert dialog.complaint.version == 3 and not dialog.dirty
    trail = [
        (r.user, r.old_value, r.new_value)
        for r in audit_service.history(engine, complaint_service.ENTITY, ticket.uuid)
        if r.field == "description"
    ]
    assert ("张三", "制动钳异响", "张三改的描述") in trail
    assert (dialog.user, "张三改的描述", "李四的描述") in trail
    # saving again from the same window needs no new decision
    dialog.form.description.setPlainText("李四再改")
    assert dialog.save() is True and len(seen) == 1


def test_discard_mine_shows_theirs(qtbot, engine, ticket, conflicts_seen, answers):
    _seen, queue = conflicts_seen
    dialog = _open(qtbot, engine, ticket.id)
    dialog.form.description.setPlainText("李四的描述")
    _saved_meanwhile_by_zhang(engine, ticket.id)
    queue.append(record_conflict.DISCARD)

    assert dialog.save() is False
    assert dialog.form.description.toPlainText() == "张三改的描述"
    assert not dialog.dirty and dialog.complaint.version == 2
    assert complaint_service.get(engine, ticket.id).description == "张三改的描述"


def test_the_window_says_who_else_has_the_ticket_open(qtbot, engine, ticket, answers):
    editing_presence.begin(
        engine, complaint_service.ENTITY, ticket.uuid, user="李四", client="other-pc/1"
    )
    dialog = _open(qtbot, engine, ticket.id)
    assert dialog.editing.isVisible()
    assert "李四" in dialog.editing.text()
    # and this window is registered for the other client while it is open
    mine = editing_presence.others(
        engine, complaint_service.ENTITY, ticket.uuid, client="other-pc/1"
    )
    assert [e.user for e in mine] == [dialog.user]
    editing_presence.end(engine, complaint_service.ENTITY, ticket.uuid, client="other-pc/1")
    dialog.editing.refresh()
    assert not dialog.editing.isVisible()
    dialog.close()
    assert (
        editing_presence.others(engine, complaint_service.ENTITY, ticket.uuid, client="other-pc/1")
        == []
    )
