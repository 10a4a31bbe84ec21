"""The returns tab and its list model: columns, SQL sorting and filtering, lazy pages, the hub,
opening returns, exports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.services import complaint_service, customer_service
from app.services.complaint_data import ComplaintData
from app.services.customer_service import CustomerData
from app.services.return_data import ReturnFilter
from app.ui.returns.tab import ReturnsTab
from app.ui.returns.table_model import ReturnTableModel
from app.ui.signals import DataHub
from app.ui.widgets.paged_model import PAGE_SIZE
from tests.services import return_factory as rf

M = ReturnTableModel
DAY = date(2026, 10, 8)


@pytest.fixture
def returns(engine):
    """Four returns of two customers: disposed + urgent, bulk, open with a complaint, not ours."""
    hengtong = customer_service.create(
        engine, CustomerData(code="KH-0001", name="浙江恒通汽车部件有限公司"), "t"
    )
    yuanhang = customer_service.create(
        engine, CustomerData(code="KH-0002", name="江苏远航机械制造有限公司"), "t"
    )
    urgent = rf.book(
        engine, hengtong.id,
        rf.inspected(5, qty_replace=5, stock_short=True, disposed_on=date(2026, 10, 10),
                     disposed_by="张主管"),
        received_on=date(2026, 10, 9), warehouse_receipt_no="RK-0009",
    )  # fmt: skip
    bulk = rf.book(engine, yuanhang.id, rf.line(quantity=300, material_no="P-3003"), bulk=True)
    ticket = complaint_service.create(engine, _ticket(hengtong.id), "t")
    linked = rf.book(
        engine, hengtong.id, rf.inspected(20), rf.line(material_no="P-2002"),
        complaint_id=ticket.id, received_on=date(2026, 10, 1),
    )  # fmt: skip
    not_ours = rf.book(
        engine, yuanhang.id,
        rf.inspected(2, responsibility="not_ours", explanation="顾客装配不当"),
        received_on=date(2026, 9, 20),
    )  # fmt: skip
    return {"urgent": urgent, "bulk": bulk, "linked": linked, "not_ours": not_ours,
            "ticket": ticket, "hengtong": hengtong, "yuanhang": yuanhang}  # fmt: skip


def _ticket(customer_id: int) -> ComplaintData:
    return ComplaintData(
        customer_id=customer_id,
        received_at=datetime(2026, 10, 1, 9).astimezone(),
        description="装车异响",
        defect_category="异响",
    )


@pytest.fixture
def tab(qtbot, engine, returns, wait_list):
    widget = ReturnsTab(engine, DataHub())
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    wait_list(widget)
    return widget


def _numbers(model) -> list[str]:
    return [model.index(r, M.COL_NUMBER).data() for r in range(model.rowCount())]


# ---------------------------------------------------------------- the model, without a view


def test_model_shows_the_list_columns(qtbot, engine, returns, wait_list):
    model = ReturnTableModel(engine)
    model.reload()
    wait_list(model)
    assert model.columnCount() == M.COLUMN_COUNT == len(model.headers())
    assert model.headerData(M.COL_URGENT, Qt.Orientation.Horizontal) == "紧急生产"
    assert _numbers(model) == ["TH-2026-0004", "TH-2026-0003", "TH-2026-0002", "TH-2026-0001"]

    def cell(record, column, role=Qt.ItemDataRole.DisplayRole):
        return model.index(model.row_of(returns[record].id), column).data(role)

    assert cell("urgent", M.COL_CUSTOMER) == "浙江恒通汽车部件有限公司"
    assert cell("urgent", M.COL_CUSTOMER, Qt.ItemDataRole.ToolTipRole).startswith("KH-0001")
    assert cell("urgent", M.COL_RECEIVED) == "2026/10/9"  # as a Chinese PC writes dates
    assert cell("urgent", M.COL_RECEIPT_NO) == "RK-0009"
    assert cell("urgent", M.COL_STATUS) == "已处置"
    assert cell("urgent", M.COL_URGENT) == "紧急生产"
    assert cell("urgent", M.COL_URGENT, Qt.ItemDataRole.ForegroundRole).color().name() == "#c0392b"
    assert cell("urgent", M.COL_URGENT, Qt.ItemDataRole.FontRole).bold()
    assert cell("bulk", M.COL_BULK) == "统退货" and cell("urgent", M.COL_BULK) == ""
    assert "不计为客户抱怨" in cell("bulk", M.COL_BULK, Qt.ItemDataRole.ToolTipRole)
    assert cell("linked", M.COL_ITEMS) == "P-1001、P-2002"
    assert cell("linked", M.COL_LINES) == "2"
    assert cell("linked", M.COL_QTY_RETURNED) == "200"
    assert cell("linked", M.COL_QTY_DEFECTIVE) == "20"
    assert cell("linked", M.COL_COMPLAINT) == returns["ticket"].number
    assert cell("linked", M.COL_STATUS) == "处理中"
    assert cell("not_ours", M.COL_RESPONSIBILITY) == "非本公司责任"
    assert cell("bulk", M.COL_RESPONSIBILITY) == "待判定"
    assert cell("bulk", M.COL_URGENT) == "" and cell("bulk", M.COL_COMPLAINT) == ""


def test_model_sorts_and_filters_in_sql(qtbot, engine, returns, wait_list):
    model = ReturnTableModel(engine)
    model.reload()
    wait_list(model)
    model.sort(M.COL_QTY_RETURNED, Qt.SortOrder.DescendingOrder)
    wait_list(model)
    assert model.sort_field == "qty_returned" and model.descending
    assert _numbers(model)[0] == returns["bulk"].number  # 300 pieces
    model.sort(M.COL_RECEIVED, Qt.SortOrder.AscendingOrder)
    wait_list(model)
    assert _numbers(model) == [returns[k].number for k in ("not_ours", "linked", "bulk", "urgent")]
    model.sort(M.COL_LINES, Qt.SortOrder.DescendingOrder)  # no index: the order stays
    wait_list(model)
    assert model.sort_field == "received"

    model.set_filter(ReturnFilter(bulk=True))
    wait_list(model)
    assert _numbers(model) == [returns["bulk"].number]
    model.set_filter(ReturnFilter(urgent_only=True))
    wait_list(model)
    assert _numbers(model) == [returns["urgent"].number]
    model.set_filter(ReturnFilter(linked_complaint=True))
    wait_list(model)
    assert _numbers(model) == [returns["linked"].number]
    model.set_filter(ReturnFilter(responsibility="not_ours"))
    wait_list(model)
    assert _numbers(model) == [returns["not_ours"].number]
    model.set_filter(ReturnFilter(text="P-3003"))  # a material of a line
    wait_list(model)
    assert _numbers(model) == [returns["bulk"].number]


def test_model_fetches_rows_a_page_at_a_time(qtbot, engine, returns, wait_list):
    customer = returns["hengtong"]
    for _ in range(PAGE_SIZE + 10):
        rf.book(engine, customer.id)
    model = ReturnTableModel(engine)
    model.reload()
    wait_list(model)
    assert model.rowCount() == PAGE_SIZE + 14 and model.fetches == 0
    model.index(0, M.COL_NUMBER).data()
    model.index(PAGE_SIZE - 1, M.COL_NUMBER).data()
    assert model.fetches == 0  # the first page came with the list
    assert model.index(PAGE_SIZE + 13, M.COL_NUMBER).data() == "TH-2026-0001"
    assert model.fetches == 1


# ---------------------------------------------------------------- the tab


def test_filters_narrow_the_list(qtbot, tab, returns, wait_list):
    assert tab.model.rowCount() == 4 and tab.count_label.text() == "4 张退货单"

    def choose(combo, value) -> None:
        combo.setCurrentIndex(combo.findData(value))

    choose(tab.bulk_filter, True)
    wait_list(tab)
    assert _numbers(tab.model) == [returns["bulk"].number]
    choose(tab.bulk_filter, False)
    wait_list(tab)
    assert returns["bulk"].number not in _numbers(tab.model) and tab.model.rowCount() == 3
    choose(tab.disposition_filter, True)
    wait_list(tab)
    assert _numbers(tab.model) == [returns["urgent"].number]
    choose(tab.disposition_filter, False)
    wait_list(tab)
    choose(tab.complaint_filter, True)
    wait_list(tab)
    assert _numbers(tab.model) == [returns["linked"].number]
    tab.clear_filters()
    wait_list(tab)
    assert tab.model.rowCount() == 4

    tab.urgent_filter.setChecked(True)
    wait_list(tab)
    assert _numbers(tab.model) == [returns["urgent"].number]
    tab.urgent_filter.setChecked(False)
    wait_list(tab)
    choose(tab.responsibility_filter, "ours")
    wait_list(tab)
    assert set(_numbers(tab.model)) == {returns["urgent"].number, returns["linked"].number}
    choose(tab.responsibility_filter, None)
    wait_list(tab)

    tab.customer_filter.set_customer(returns["yuanhang"].id, "KH-0002  江苏远航机械制造有限公司")
    wait_list(tab)
    assert set(_numbers(tab.model)) == {returns["bulk"].number, returns["not_ours"].number}
    tab.customer_filter.clear()  # editing the chosen name drops the customer again
    wait_list(tab)
    assert tab.model.rowCount() == 4

    # dates and text wait until the typing stops
    tab.received_from.line.setText("2026-10-01")
    tab.received_to.line.setText("2026-10-08")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10_000)
    assert set(_numbers(tab.model)) == {returns["linked"].number, returns["bulk"].number}
    tab.received_to.line.setText("2026-10-")  # half typed: marked and ignored
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=10_000)
    assert "#c0392b" in tab.received_to.line.styleSheet()
    tab.clear_filters()
    wait_list(tab)
    tab.search.setText(returns["ticket"].number)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert _numbers(tab.model) == [returns["linked"].number]
    assert tab.count_label.text() == "1 张退货单"


def test_sorting_by_a_header_click_runs_in_sql(qtbot, tab, returns, wait_list):
    header = tab.view.horizontalHeader()
    header.setSortIndicator(M.COL_CUSTOMER, Qt.SortOrder.AscendingOrder)
    wait_list(tab)
    assert tab.model.sort_field == "customer"
    customers = [tab.model.index(r, M.COL_CUSTOMER).data() for r in range(4)]
    assert customers == sorted(customers)


def test_list_follows_the_hub(qtbot, engine, tab, returns, wait_list):
    newer = rf.book(engine, returns["hengtong"].id, rf.line(material_no="P-9009"))
    assert tab.model.rowCount() == 4
    tab.hub.dataChanged.emit("return", newer.id)
    wait_list(tab)
    assert tab.model.rowCount() == 5 and tab.selected_ids() == [newer.id]
    renamed = replace(customer_service.get(engine, returns["yuanhang"].id), name="远航机械集团")
    customer_service.update(engine, renamed, "t")
    tab.hub.dataChanged.emit("customer", renamed.id)
    wait_list(tab)
    row = tab.model.row_of(returns["bulk"].id)
    assert tab.model.index(row, M.COL_CUSTOMER).data() == "远航机械集团"
    assert tab.selected_ids() == [newer.id]  # the selection stays


def test_open_with_enter_double_click_and_new_with_ctrl_n(qtbot, tab, returns, monkeypatch):
    opened: list[int | None] = []
    monkeypatch.setattr(tab, "_open_dialog", opened.append)
    assert not tab.open_button.isEnabled()
    row = tab.model.row_of(returns["bulk"].id)
    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.model.index(row, 0))
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert opened == [returns["bulk"].id]
    tab.view.doubleClicked.emit(tab.model.index(tab.model.row_of(returns["urgent"].id), 3))
    assert opened[-1] == returns["urgent"].id
    qtbot.keyClick(tab.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened[-1] is None
    assert tab.open_button.isEnabled()
    tab.open_button.click()
    assert opened[-1] == returns["bulk"].id


def test_open_builds_the_return_form_for_that_return(qtbot, tab, returns, monkeypatch):
    from app.ui.returns import return_dialog as module

    shown: list = []
    monkeypatch.setattr(module.ReturnDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    tab.open_return(returns["linked"].id)
    dialog = shown[0]
    qtbot.addWidget(dialog)
    assert dialog.data.number == returns["linked"].number
    assert dialog.form.lines.row_count() == 2
    assert dialog.form.complaint.currentData() == returns["ticket"].id


def test_returns_tab_follows_complaints_in_the_main_window(qtbot, window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles.index("退货") == titles.index(window.complaints_tab.title()) + 1
    assert window.returns_tab in window.record_tabs()


def test_export_summary_and_a_form(qtbot, tab, returns, save_path, tmp_path, answers, wait_list):
    save_path["path"] = str(tmp_path / "汇总")
    tab.received_from.line.setText("2026-09-01")
    tab.apply_filter()
    wait_list(tab)
    tab.export_summary()
    qtbot.waitUntil(lambda: tab.last_export is not None, timeout=20000)
    assert tab.last_export.suffix == ".xlsx"
    workbook = load_workbook(tab.last_export)
    assert workbook.sheetnames

    tab.select_return(returns["urgent"].id)
    wait_list(tab)
    tab.last_export = None
    save_path["path"] = str(tmp_path / "report.pdf")
    tab.export_pdf("return_report")
    qtbot.waitUntil(lambda: tab.last_export is not None, timeout=20000)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    _queue, asked = answers
    tab.export_pdf("rework_order")  # no line is reworked: said, nothing written
    assert "没有需要重工的明细" in asked[-1]
