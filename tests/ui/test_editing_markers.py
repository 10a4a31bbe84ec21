"""The lists show who else has a record open: a pen in the row's first column and "李四 正在编辑
（自 10:32 起）" as its tooltip, read off the GUI thread, gone once the other window closed."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from app.services import (
    complaint_service,
    customer_service,
    editing_presence,
    field_service,
    return_service,
    visit_service,
)
from app.services.survey_campaigns import ENTITY as CAMPAIGN_ENTITY
from app.ui.complaints.table_model import ComplaintTableModel
from app.ui.customers.table_model import CustomerTableModel
from app.ui.field_service.table_model import FieldTableModel
from app.ui.returns.table_model import ReturnTableModel
from app.ui.signals import DataHub
from app.ui.surveys.campaigns_view import CampaignsView
from tests.services import complaint_factory as cf
from tests.services import field_factory as ff
from tests.services import return_factory as rf
from tests.services import survey_factory as sf

OTHER = "other-pc/1"
DECORATION, TOOLTIP = Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def reader_threads(monkeypatch):
    """The threads on which a list asked who is editing (never the GUI thread)."""
    threads: list[threading.Thread] = []
    real = editing_presence.editing_by_id

    def editing_by_id(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(editing_presence, "editing_by_id", editing_by_id)
    return threads


@pytest.fixture
def owner(qtbot) -> QWidget:
    """The tab a list model belongs to (its half-minute timer runs only then)."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _since(engine, entity: str, record_uuid: str) -> str:
    [editor] = editing_presence.others(engine, entity, record_uuid)
    return editor.started_at.astimezone().strftime("%H:%M")


def _shows_the_pen_while_another_client_edits(
    qtbot, engine, model, key, entity: str, record_uuid: str, reader_threads, wait_list
) -> None:
    wait_list(model)
    row = model.row_of(key)
    assert row >= 0
    assert model.index(row, 0).data(DECORATION) is None
    first_tooltip = model.index(row, 0).data(TOOLTIP)  # the column's own tooltip (or none)

    # this client's own window does not count
    editing_presence.begin(engine, entity, record_uuid, user="我")
    with qtbot.waitSignal(model.editorsLoaded, timeout=5000):
        model.editors_timer.timeout.emit()  # the half-minute tick
    assert model.editors_at(row) == []
    editing_presence.end(engine, entity, record_uuid)

    editing_presence.begin(engine, entity, record_uuid, user="李四", client=OTHER)
    assert model.editors_timer.isActive()
    assert model.editors_timer.interval() == editing_presence.HEARTBEAT.total_seconds() * 1000
    with qtbot.waitSignal(model.editorsLoaded, timeout=5000):
        model.editors_timer.timeout.emit()
    assert [e.user for e in model.editors_at(row)] == ["李四"]
    index = model.index(row, 0)
    assert isinstance(index.data(DECORATION), QIcon) and not index.data(DECORATION).isNull()
    since = _since(engine, entity, record_uuid)
    assert index.data(TOOLTIP) == f"李四 正在编辑(自 {since} 起)"
    assert model.index(row, 1).data(DECORATION) is None  # the first column only

    # a reload reads it again with the first page
    model.reload()
    wait_list(model)
    qtbot.waitUntil(lambda: model.editors_at(model.row_of(key)) != [], timeout=5000)

    editing_presence.end(engine, entity, record_uuid, client=OTHER)
    with qtbot.waitSignal(model.editorsLoaded, timeout=5000):
        model.editors_timer.timeout.emit()
    assert model.editors_at(model.row_of(key)) == []
    index = model.index(model.row_of(key), 0)
    assert index.data(DECORATION) is None
    assert index.data(TOOLTIP) == first_tooltip
    assert reader_threads and threading.main_thread() not in reader_threads


def test_the_customer_list(qtbot, engine, owner, reader_threads, wait_list):
    customer = customer_service.create(
        engine, customer_service.CustomerData(code="KH-0001", name="浙江恒通汽车部件有限公司"), "t"
    )
    customer_service.create(
        engine, customer_service.CustomerData(code="KH-0002", name="江苏远航机械制造有限公司"), "t"
    )
    model = CustomerTableModel(engine, owner)
    model.reload()
    _shows_the_pen_while_another_client_edits(
        qtbot, engine, model, customer.id, customer_service.ENTITY, customer.uuid,
        reader_threads, wait_list,
    )  # fmt: skip


def test_the_complaint_list(qtbot, engine, owner, reader_threads, wait_list):
    customer_id = cf.customer(engine)
    ticket = cf.register(engine, customer_id, description="制动钳异响")
    cf.register(engine, customer_id, description="发电机不发电")
    model = ComplaintTableModel(engine, owner)
    model.reload()
    _shows_the_pen_while_another_client_edits(
        qtbot, engine, model, ticket.id, complaint_service.ENTITY, ticket.uuid,
        reader_threads, wait_list,
    )  # fmt: skip


def test_the_return_list(qtbot, engine, owner, reader_threads, wait_list):
    customer_id = cf.customer(engine)
    booked = rf.book(engine, customer_id, rf.line())
    rf.book(engine, customer_id, rf.line(material_no="P-2002"))
    model = ReturnTableModel(engine, owner)
    model.reload()
    _shows_the_pen_while_another_client_edits(
        qtbot, engine, model, booked.id, return_service.ENTITY, booked.uuid,
        reader_threads, wait_list,
    )  # fmt: skip


@pytest.mark.parametrize("kind", ["service", "visit"])
def test_the_field_service_list(qtbot, engine, owner, reader_threads, wait_list, kind):
    customer_id = cf.customer(engine)
    report = ff.write_report(engine, customer_id)
    visit = visit_service.create(engine, ff.visit_data(customer_id), "t")
    record, entity = (
        (report, field_service.ENTITY) if kind == "service" else (visit, visit_service.ENTITY)
    )
    other_kind = visit if kind == "service" else report
    # the other kind with the same id must not be marked
    assert other_kind.id == record.id
    model = FieldTableModel(engine, owner)
    model.reload()
    wait_list(model)
    other_row = model.row_of(("visit" if kind == "service" else "service", other_kind.id))
    _shows_the_pen_while_another_client_edits(
        qtbot, engine, model, (kind, record.id), entity, record.uuid, reader_threads, wait_list
    )
    editing_presence.begin(engine, entity, record.uuid, user="李四", client=OTHER)
    with qtbot.waitSignal(model.editorsLoaded, timeout=5000):
        model.editors_timer.timeout.emit()
    assert model.editors_at(model.row_of((kind, record.id))) != []
    assert model.editors_at(other_row) == []


def test_the_survey_campaign_list(qtbot, engine, reader_threads, answers):
    template = sf.template(engine)
    campaign = sf.campaign(engine, template.id, sf.customer(engine, "KH-01"))
    view = CampaignsView(engine, DataHub())
    qtbot.addWidget(view)
    model = view.model
    qtbot.waitUntil(lambda: view._editors_op is not None and view._editors_op.done)
    row = model.row_of(campaign.id)
    assert row >= 0 and model.editors_at(row) == []
    assert model.index(row, 0).data(DECORATION) is None

    editing_presence.begin(engine, CAMPAIGN_ENTITY, campaign.uuid, user="李四", client=OTHER)
    assert view.editors_timer.isActive()
    assert view.editors_timer.interval() == editing_presence.HEARTBEAT.total_seconds() * 1000
    view.editors_timer.timeout.emit()
    qtbot.waitUntil(lambda: model.editors_at(row) != [], timeout=5000)
    index = model.index(row, 0)
    assert isinstance(index.data(DECORATION), QIcon)
    since = _since(engine, CAMPAIGN_ENTITY, campaign.uuid)
    assert index.data(TOOLTIP) == f"李四 正在编辑(自 {since} 起)"

    editing_presence.end(engine, CAMPAIGN_ENTITY, campaign.uuid, client=OTHER)
    view.refresh()  # a reload asks again too
    qtbot.waitUntil(lambda: model.editors_at(model.row_of(campaign.id)) == [], timeout=5000)
    assert model.index(model.row_of(campaign.id), 0).data(DECORATION) is None
    assert reader_threads and threading.main_thread() not in reader_threads
