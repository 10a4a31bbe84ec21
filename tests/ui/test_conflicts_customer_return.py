"""Two clerks on one customer file or one return: the window names who saved meanwhile and what
they changed (with the form's labels), and both ways out work."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.services import audit_service, customer_service, return_service
from app.ui.customers.customer_dialog import CustomerDialog
from app.ui.locale_format import datetime_text
from app.ui.returns.return_dialog import ReturnDialog
from app.ui.signals import DataHub
from app.ui.widgets import record_conflict
from tests.services import complaint_factory as cf
from tests.services import return_factory as rf


def _trail(engine, entity: str, record_uuid: str, field: str) -> list[tuple]:
    """The field's changes after the record was made."""
    return [
        (r.user, r.old_value, r.new_value)
        for r in audit_service.history(engine, entity, record_uuid)
        if r.field == field and r.old_value is not None
    ]


# ---------------------------------------------------------------- customer files


@pytest.fixture
def customer(engine):
    customer_id = cf.customer(engine, "KH-0001", "浙江恒通汽车部件有限公司")
    return customer_service.get(engine, customer_id)


def _open_customer(qtbot, engine, customer_id) -> CustomerDialog:
    dialog = CustomerDialog(engine, DataHub(), customer_id, lambda *_: None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type_customer_name(dialog: CustomerDialog, text: str) -> None:
    dialog.name.setText(text)
    dialog.name.textEdited.emit(text)


def _customer_saved_meanwhile_by_zhang(engine, customer_id: int) -> customer_service.CustomerData:
    other = customer_service.get(engine, customer_id)
    return customer_service.update(engine, replace(other, name="恒通汽车部件(张三改)"), "张三")


def test_customer_the_message_names_the_other_clerk_and_their_change(
    qtbot, engine, customer, conflicts_seen, answers
):
    seen, queue = conflicts_seen
    dialog = _open_customer(qtbot, engine, customer.id)
    _type_customer_name(dialog, "恒通汽车部件(李四改)")
    theirs = _customer_saved_meanwhile_by_zhang(engine, customer.id)
    queue.append(None)  # back to the form

    assert dialog.save() is False
    [shown] = seen
    assert "张三" in shown["message"] and "KH-0001" in shown["message"]
    assert datetime_text(theirs.updated_at) in shown["message"]
    assert dialog.field_text("name") == "名称"  # the form's own label
    assert shown["rows"] == [
        [
            datetime_text(theirs.updated_at),
            "张三",
            dialog.field_text("name"),
            "浙江恒通汽车部件有限公司",
            "恒通汽车部件(张三改)",
        ]
    ]
    # nothing overwritten, the typed text still in the form
    assert customer_service.get(engine, customer.id).name == "恒通汽车部件(张三改)"
    assert dialog.name.text() == "恒通汽车部件(李四改)" and dialog.dirty
    assert "张三" in dialog.message.text()


def test_customer_keep_mine_saves_over_theirs_with_the_trail(
    qtbot, engine, customer, conflicts_seen, answers
):
    seen, queue = conflicts_seen
    dialog = _open_customer(qtbot, engine, customer.id)
    _type_customer_name(dialog, "恒通汽车部件(李四改)")
    _customer_saved_meanwhile_by_zhang(engine, customer.id)
    queue.append(record_conflict.KEEP)

    assert dialog.save() is True
    stored = customer_service.get(engine, customer.id)
    assert stored.name == "恒通汽车部件(李四改)" and stored.version == 3
    assert dialog.customer.version == 3 and not dialog.dirty
    trail = _trail(engine, customer_service.ENTITY, customer.uuid, "name")
    assert ("张三", "浙江恒通汽车部件有限公司", "恒通汽车部件(张三改)") in trail
    assert (dialog.editing.user, "恒通汽车部件(张三改)", "恒通汽车部件(李四改)") in trail
    # saving again from the same window needs no new decision
    _type_customer_name(dialog, "恒通汽车部件(李四再改)")
    assert dialog.save() is True and len(seen) == 1


def test_customer_discard_mine_shows_theirs(qtbot, engine, customer, conflicts_seen, answers):
    _seen, queue = conflicts_seen
    dialog = _open_customer(qtbot, engine, customer.id)
    _type_customer_name(dialog, "恒通汽车部件(李四改)")
    _customer_saved_meanwhile_by_zhang(engine, customer.id)
    queue.append(record_conflict.DISCARD)

    assert dialog.save() is False
    assert dialog.name.text() == "恒通汽车部件(张三改)"
    assert not dialog.dirty and dialog.customer.version == 2
    assert customer_service.get(engine, customer.id).name == "恒通汽车部件(张三改)"
    assert _trail(engine, customer_service.ENTITY, customer.uuid, "name") == [
        ("张三", "浙江恒通汽车部件有限公司", "恒通汽车部件(张三改)")
    ]


# ---------------------------------------------------------------- returns


@pytest.fixture
def booked(engine):
    customer_id = cf.customer(engine, "KH-0001", "浙江恒通汽车部件有限公司")
    return rf.book(engine, customer_id, rf.line(), notes="仓库已点数")


def _open_return(qtbot, engine, return_id) -> ReturnDialog:
    dialog = ReturnDialog(engine, DataHub(), return_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _return_saved_meanwhile_by_zhang(engine, return_id: int) -> return_service.ReturnData:
    other = return_service.get(engine, return_id)
    return return_service.update(engine, replace(other, notes="张三:包装破损"), "张三")


def test_return_the_message_names_the_other_clerk_and_their_change(
    qtbot, engine, booked, conflicts_seen, answers
):
    seen, queue = conflicts_seen
    dialog = _open_return(qtbot, engine, booked.id)
    dialog.form.notes.setPlainText("李四:少两件")
    assert dialog.dirty
    theirs = _return_saved_meanwhile_by_zhang(engine, booked.id)
    queue.append(None)  # back to the form

    assert dialog.save() is False
    [shown] = seen
    assert "张三" in shown["message"] and booked.number in shown["message"]
    assert datetime_text(theirs.updated_at) in shown["message"]
    assert dialog.form.history_field("notes") == "备注"
    assert shown["rows"] == [
        [
            datetime_text(theirs.updated_at),
            "张三",
            dialog.form.history_field("notes"),
            "仓库已点数",
            "张三:包装破损",
        ]
    ]
    assert return_service.get(engine, booked.id).notes == "张三:包装破损"
    assert dialog.form.notes.toPlainText() == "李四:少两件" and dialog.dirty
    assert "张三" in dialog.message.text()


def test_return_keep_mine_saves_over_theirs_with_the_trail(
    qtbot, engine, booked, conflicts_seen, answers
):
    seen, queue = conflicts_seen
    dialog = _open_return(qtbot, engine, booked.id)
    dialog.form.notes.setPlainText("李四:少两件")
    _return_saved_meanwhile_by_zhang(engine, booked.id)
    queue.append(record_conflict.KEEP)

    assert dialog.save() is True
    stored = return_service.get(engine, booked.id)
    assert stored.notes == "李四:少两件" and stored.version == 3
    assert dialog.data.version == 3 and not dialog.dirty
    trail = _trail(engine, return_service.ENTITY, booked.uuid, "notes")
    assert ("张三", "仓库已点数", "张三:包装破损") in trail
    assert (dialog.user, "张三:包装破损", "李四:少两件") in trail
    dialog.form.notes.setPlainText("李四:少三件")
    assert dialog.save() is True and len(seen) == 1


def test_return_discard_mine_shows_theirs(qtbot, engine, booked, conflicts_seen, answers):
    _seen, queue = conflicts_seen
    dialog = _open_return(qtbot, engine, booked.id)
    dialog.form.notes.setPlainText("李四:少两件")
    _return_saved_meanwhile_by_zhang(engine, booked.id)
    queue.append(record_conflict.DISCARD)

    assert dialog.save() is False
    assert dialog.form.notes.toPlainText() == "张三:包装破损"
    assert not dialog.dirty and dialog.data.version == 2
    assert return_service.get(engine, booked.id).notes == "张三:包装破损"
    assert _trail(engine, return_service.ENTITY, booked.uuid, "notes") == [
        ("张三", "仓库已点数", "张三:包装破损")
    ]
