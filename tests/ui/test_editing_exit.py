"""Closing the app says at once that none of its records is open any more (the other clients'
lists and windows stop naming its user then, not after two minutes without a heartbeat)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.services import complaint_service, customer_service, editing_presence
from tests.services import complaint_factory as cf

OTHER = "other-pc/1"


def _open_here(engine, entity: str, record_uuid: str) -> list[str]:
    """The users another client sees editing the record."""
    return [e.user for e in editing_presence.others(engine, entity, record_uuid, client=OTHER)]


def test_closing_the_window_ends_every_record_this_client_has_open(qtbot, engine, window, answers):
    customer_id = cf.customer(engine, "KH-0001", "浙江恒通汽车部件有限公司")
    customer = customer_service.get(engine, customer_id)
    ticket = cf.register(engine, customer_id, description="制动钳异响")
    dialog = window.customers_tab.open_customer(customer_id)
    qtbot.addWidget(dialog)
    # a record this client still counts as open (its window's end was lost)
    editing_presence.begin(engine, complaint_service.ENTITY, ticket.uuid, user=dialog.editing.user)
    # another clerk's window on the same ticket is theirs to end
    editing_presence.begin(engine, complaint_service.ENTITY, ticket.uuid, user="李四", client=OTHER)
    assert _open_here(engine, customer_service.ENTITY, customer.uuid) == [dialog.editing.user]
    assert _open_here(engine, complaint_service.ENTITY, ticket.uuid) == [dialog.editing.user]

    # a refused close (an unsaved form, the clerk cancels) leaves everything open
    dialog.name.setText("浙江恒通")
    dialog.name.textEdited.emit("浙江恒通")
    queue, _asked = answers
    queue.append(QMessageBox.StandardButton.Cancel)
    assert window.close() is False
    assert _open_here(engine, customer_service.ENTITY, customer.uuid) == [dialog.editing.user]
    assert _open_here(engine, complaint_service.ENTITY, ticket.uuid) == [dialog.editing.user]

    queue.append(QMessageBox.StandardButton.Discard)
    assert window.close() is True
    assert _open_here(engine, customer_service.ENTITY, customer.uuid) == []
    assert _open_here(engine, complaint_service.ENTITY, ticket.uuid) == []
    # the other clerk still has the ticket open
    assert [
        e.user for e in editing_presence.others(engine, complaint_service.ENTITY, ticket.uuid)
    ] == ["李四"]
