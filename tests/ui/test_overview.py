"""The overview tab 概览 on a known data set: the key figures, the charts, the drill-down into the
complaint list and the department's open actions, the targets dialog and the report exports."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import Session, select

from app.models import Complaint, CorrectiveAction
from app.services import summary_targets
from app.services.complaint_data import ActionData
from app.ui.complaints.table_model import ComplaintTableModel
from app.ui.overview.export_dialogs import (
    AnnualRequest,
    FailureHistoryDialog,
    FailureHistoryRequest,
    MonthlySummaryDialog,
    SummaryRequest,
)
from app.ui.overview.kpi_table import (
    COL_CHANGE_LAST,
    COL_CHANGE_YEAR,
    COL_LAST,
    COL_THIS,
    COL_YEAR,
)
from tests.services.complaint_factory import customer, local, register
from tests.services.return_factory import book, line

MARCH = date(2026, 3, 1)
TODAY = date(2026, 3, 20)  # figures of this month are judged at the end of this day


def _close(engine, ticket, on: datetime) -> None:
    with Session(engine) as session:
        row = session.get(Complaint, ticket.id)
        row.status, row.closed_at = "closed", on
        session.add(row)
        session.commit()


def _cancel(engine, ticket) -> None:
    with Session(engine) as session:
        row = session.get(Complaint, ticket.id)
        row.status = "cancelled"
        session.add(row)
        session.commit()


@pytest.fixture
def known(engine):
    """Tickets, returns and actions around March 2026; every figure below is counted by hand."""
    hua = customer(engine, "KH001", "长春华通汽车有限公司")
    yuan = customer(engine, "KH002", "江苏远航机械制造有限公司")
    heng = customer(engine, "KH003", "浙江恒通汽车部件有限公司")
    t = {}
    t["open"] = register(
        engine,
        hua,
        received_at=local(2026, 3, 2, 9, 0),
        defect_category="异响",
        actions=[
            ActionData(
                description="更换密封圈供应商",
                department="生产部",
                owner="王工",
                due=date(2026, 3, 10),
            ),  # fmt: skip
            ActionData(
                description="增加气密检验", department="生产部", owner="李工", due=date(2026, 3, 30)
            ),  # fmt: skip
            ActionData(
                description="培训装配工",
                department="生产部",
                owner="赵工",
                due=date(2026, 3, 5),
                done_on=date(2026, 3, 15),
            ),  # fmt: skip
        ],
    )
    t["closed"] = register(engine, hua, received_at=local(2026, 3, 10, 10, 0),
                           defect_category="异响")  # fmt: skip
    t["claim"] = register(
        engine,
        yuan,
        received_at=local(2026, 3, 5, 10, 0),
        defect_category="尺寸不良",
        claim_status="claimed",
        claim_amount=1200.5,
        actions=[
            ActionData(
                description="修改图纸公差", department="技术部", owner="陈工", due=date(2026, 4, 1)
            )
        ],  # fmt: skip
    )
    t["february"] = register(engine, hua, received_at=local(2026, 2, 2, 10, 0),
                             defect_category="异响")  # fmt: skip
    t["last_year"] = register(engine, yuan, received_at=local(2025, 3, 15, 10, 0),
                              defect_category="外观不良")  # fmt: skip
    t["cancelled"] = register(engine, heng, received_at=local(2026, 3, 12, 10, 0),
                              defect_category="尺寸不良")  # fmt: skip
    t["june"] = register(engine, heng, received_at=local(2025, 6, 1, 10, 0),
                         defect_category="外观不良")  # fmt: skip
    _close(engine, t["closed"], local(2026, 3, 15, 16, 0))
    _close(engine, t["february"], local(2026, 3, 3, 11, 0))
    _close(engine, t["last_year"], local(2025, 3, 25, 11, 0))
    _close(engine, t["june"], local(2025, 6, 10, 11, 0))
    _cancel(engine, t["cancelled"])
    with Session(engine) as session:  # the actions were written in time, not today
        for action in session.exec(select(CorrectiveAction)).all():
            action.created_at = local(2026, 3, 2, 12, 0)
            session.add(action)
        session.commit()
    book(engine, yuan, line(quantity=40), received_on=date(2026, 3, 8))
    book(engine, yuan, line(quantity=15), received_on=date(2026, 2, 20))
    book(engine, hua, line(quantity=5), received_on=date(2025, 3, 9))
    t["customers"] = {"hua": hua, "yuan": yuan, "heng": heng}
    return t


@pytest.fixture
def overview_tab(window, known):
    tab = window.overview_tab
    tab.today = lambda: TODAY
    tab.set_month(MARCH)
    tab.refresh()
    assert tab.overview is not None and tab.overview.month == MARCH
    return tab


def _listed_numbers(window, wait_list) -> set[str]:
    model = wait_list(window.complaints_tab)  # the list loads off the GUI thread
    return {model.index(r, ComplaintTableModel.COL_NUMBER).data() for r in range(model.rowCount())}


def test_the_overview_is_the_first_tab_and_opens_first(window):
    assert window.tabs.widget(0) is window.overview_tab
    # an empty database opens on its welcome page (test_welcome.py) until it is skipped
    window.welcome.skip()
    assert window.tabs.currentWidget() is window.overview_tab
    assert window.tabs.tabText(0) == "概览"
    assert window.overview_tab.month() == date.today().replace(day=1)


def test_key_figures_of_a_known_month(overview_tab):
    kpi = overview_tab.kpi
    expected = {  # this month (to the 20th), February 2026, March 2025
        "received": ("3", "1", "1"),  # the cancelled ticket is no complaint
        "closed": ("2", "0", "1"),
        "open_at_end": ("2", "1", "0"),
        "overdue_at_end": ("2", "1", "0"),  # the answer (7 days) is past due for all open ones
        "returns_qty": ("40", "15", "5"),
        "claims_amount": ("1,200.50", "0.00", "0.00"),
        "satisfaction_pct": ("—", "—", "—"),  # no survey yet
    }
    for key, values in expected.items():
        shown = tuple(kpi.text_at(key, c) for c in (COL_THIS, COL_LAST, COL_YEAR))
        assert shown == values, key
    header = [kpi.horizontalHeaderItem(c).text() for c in (COL_THIS, COL_LAST, COL_YEAR)]
    assert header == ["本月\n2026-03", "上月\n2026-02", "去年同月\n2025-03"]
    # more complaints is worse, more closed is better
    assert kpi.text_at("received", COL_CHANGE_LAST) == "+2"
    assert kpi.item(0, COL_CHANGE_LAST).data(256) == "worse"
    assert kpi.text_at("closed", COL_CHANGE_LAST) == "+2"
    assert kpi.item(1, COL_CHANGE_LAST).data(256) == "better"
    assert kpi.text_at("closed", COL_CHANGE_YEAR) == "+1"
    assert kpi.text_at("returns_qty", COL_CHANGE_YEAR) == "+35"
    assert kpi.item(4, COL_CHANGE_YEAR).data(256) == "worse"
    assert kpi.text_at("satisfaction_pct", COL_CHANGE_LAST) == ""
    assert "重开" in kpi.item(0, COL_THIS).toolTip()  # how the figure is counted


def test_the_charts_show_the_known_series(overview_tab):
    trend = overview_tab.trend_chart
    assert [p.month for p in trend.points][0] == "2024-04"
    assert [p.month for p in trend.points][-1] == "2026-03"
    received = [trend.received_set.at(i) for i in range(trend.received_set.count())]
    closed = [p.y() for p in trend.closed_line.points()]
    by_month = {p.month: (received[i], closed[i]) for i, p in enumerate(trend.points)}
    assert by_month["2026-03"] == (3, 2)
    assert by_month["2026-02"] == (1, 0)
    assert by_month["2025-03"] == (1, 1)
    assert by_month["2025-06"] == (1, 1)
    assert sum(received) == 6 and sum(closed) == 4

    pareto = overview_tab.pareto_chart  # April 2025 – March 2026
    labels = pareto.chart().axes()[0].categories()
    assert labels == ["异响", "尺寸不良", "外观不良"] or labels == ["异响", "外观不良", "尺寸不良"]
    assert [pareto.count_set.at(i) for i in range(3)] == [3, 1, 1]
    assert [round(p.y()) for p in pareto.cumulative_line.points()] == [60, 80, 100]
    percent_axis = [a for a in pareto.chart().axes() if a.alignment().name == "AlignRight"][0]
    assert (percent_axis.min(), percent_axis.max()) == (0, 100)

    customers = overview_tab.customer_chart
    rows = {r.label: r.count for r in customers.rows}
    assert rows == {"长春华通汽车有限公司": 3, "江苏远航机械制造有限公司": 1,
                    "浙江恒通汽车部件有限公司": 1}  # fmt: skip
    assert customers.rows[0].label == "长春华通汽车有限公司"
    top_bar = customers.bar_index(0)  # drawn at the top
    assert customers.count_set.at(top_bar) == 3

    departments = overview_tab.department_chart
    shown = {
        r.label: (departments.open_set.at(i), departments.overdue_set.at(i))
        for i, r in enumerate(departments.rows)
    }
    assert shown == {"生产部": (2, 1), "技术部": (1, 0)}


def test_a_month_bar_opens_the_complaints_of_that_month(window, overview_tab, known, wait_list):
    trend = overview_tab.trend_chart
    march = [p.month for p in trend.points].index("2026-03")
    trend.received_set.clicked.emit(march)
    assert window.tabs.currentWidget() is window.complaints_tab
    flt = window.complaints_tab.current_filter()
    assert (flt.received_from, flt.received_to) == (date(2026, 3, 1), date(2026, 3, 31))
    assert flt.customer_id is None and flt.defect_category is None
    # the list shows every ticket received then; the cancelled one with its status
    numbers = {known[k].number for k in ("open", "closed", "claim", "cancelled")}
    assert _listed_numbers(window, wait_list) == numbers


def test_a_pareto_bar_opens_that_category_over_the_charts_year(
    window, overview_tab, known, wait_list
):
    window.complaints_tab.search.setText("something typed before")
    window.complaints_tab.apply_filter()
    index = [r.key for r in overview_tab.overview.pareto].index("异响")
    overview_tab.pareto_chart.count_set.clicked.emit(index)
    assert window.tabs.currentWidget() is window.complaints_tab
    flt = window.complaints_tab.current_filter()
    assert flt.defect_category == "异响" and flt.text == ""
    assert (flt.received_from, flt.received_to) == (date(2025, 4, 1), date(2026, 3, 31))
    assert window.complaints_tab.defect_filter.currentText() == "异响"
    assert _listed_numbers(window, wait_list) == {
        known[k].number for k in ("open", "closed", "february")
    }


def test_a_customer_bar_opens_that_customers_complaints(window, overview_tab, known, wait_list):
    chart = overview_tab.customer_chart
    row = [r.label for r in chart.rows].index("江苏远航机械制造有限公司")
    chart.count_set.clicked.emit(chart.bar_index(row))
    assert window.tabs.currentWidget() is window.complaints_tab
    tab = window.complaints_tab
    assert tab.current_filter().customer_id == known["customers"]["yuan"]
    assert "江苏远航机械制造有限公司" in tab.customer_filter.text()
    # March 2025 is before the charts' year
    assert _listed_numbers(window, wait_list) == {known["claim"].number}


def test_a_department_bar_lists_its_open_actions(overview_tab, known, qtbot):
    chart = overview_tab.department_chart
    index = [r.department for r in chart.rows].index("生产部")
    opened = []
    overview_tab.open_record = lambda kind, rid: opened.append((kind, rid))
    dialog = overview_tab.drill_department(index)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2  # the done one is not listed
    first, second = dialog.row_texts(0), dialog.row_texts(1)
    number = known["open"].number
    assert first == ["客户抱怨 " + number, "更换密封圈供应商", "王工", "2026/3/10", "超期"]
    assert second == ["客户抱怨 " + number, "增加气密检验", "李工", "2026/3/30", ""]
    assert "2" in dialog.summary.text() and "1" in dialog.summary.text()
    dialog.open_row(0)
    assert opened == [("complaint", known["open"].id)]


def test_clicking_the_department_bar_opens_the_dialog(overview_tab, qtbot):
    from PySide6.QtWidgets import QApplication

    from app.ui.overview.actions_dialog import OpenActionsDialog

    index = [r.department for r in overview_tab.department_chart.rows].index("技术部")
    overview_tab.department_chart.overdue_set.clicked.emit(index)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, OpenActionsDialog)]
    assert any(d.isVisible() and d.row_texts(0)[1] == "修改图纸公差" for d in dialogs)
    for dialog in dialogs:
        dialog.close()


def test_the_overview_follows_changes_while_shown_and_when_shown_again(
    window, overview_tab, known, qtbot
):
    hua = known["customers"]["hua"]
    ticket = register(window.engine, hua, received_at=local(2026, 3, 18, 9, 0))
    window.hub.dataChanged.emit("complaint", ticket.id)
    qtbot.waitUntil(lambda: overview_tab.kpi.text_at("received", COL_THIS) == "4")

    window.tabs.setCurrentWidget(window.customers_tab)  # hidden: read again when shown
    ticket = register(window.engine, hua, received_at=local(2026, 3, 19, 9, 0))
    window.hub.dataChanged.emit("complaint", ticket.id)
    assert overview_tab.kpi.text_at("received", COL_THIS) == "4"
    window.tabs.setCurrentWidget(overview_tab)
    qtbot.waitUntil(lambda: overview_tab.kpi.text_at("received", COL_THIS) == "5")


def test_the_month_chooser_steps_months(overview_tab, qtbot):
    overview_tab.previous_button.click()
    qtbot.waitUntil(lambda: overview_tab.overview.month == date(2026, 2, 1))
    assert overview_tab.kpi.text_at("received", COL_THIS) == "1"
    assert overview_tab.kpi.horizontalHeaderItem(COL_LAST).text() == "上月\n2026-01"
    overview_tab.next_button.click()
    overview_tab.next_button.click()
    qtbot.waitUntil(lambda: overview_tab.overview.month == date(2026, 4, 1))
    assert overview_tab.kpi.text_at("received", COL_LAST) == "3"


def test_targets_refuse_bad_input_next_to_the_field_and_save_good_input(
    qtbot, engine, overview_tab
):
    settings = overview_tab.edit_targets()
    qtbot.addWidget(settings)
    assert settings.current_page() == "management_targets"
    dialog = settings.summary_targets
    dialog.edits["max_complaints"].setText("2.5")
    dialog.edits["containment_on_time_pct"].setText("120")
    dialog.edits["answer_on_time_pct"].setText("abc")
    assert not settings.save()
    assert settings.isVisible()
    assert dialog.fields["max_complaints"].error.text() == "抱怨数应为整数。"
    assert dialog.fields["answer_on_time_pct"].error.text() == "不是数字。"
    dialog.edits["max_complaints"].setText("24")
    dialog.edits["answer_on_time_pct"].setText("90")
    assert not settings.save()  # the service's range check
    assert settings.isVisible()
    assert "0–100" in dialog.fields["containment_on_time_pct"].error.text()
    assert dialog.fields["max_complaints"].error.text() == ""
    assert summary_targets.load_targets(engine) == summary_targets.SummaryTargets()

    dialog.edits["containment_on_time_pct"].setText("98 %")
    dialog.edits["max_reopen_rate_pct"].setText("")
    dialog.edits["max_external_loss"].setText("50,000")
    assert settings.save()
    assert not settings.isVisible()
    assert summary_targets.load_targets(engine) == summary_targets.SummaryTargets(
        max_complaints=24,
        containment_on_time_pct=98.0,
        answer_on_time_pct=90.0,
        max_reopen_rate_pct=None,
        max_external_loss=50000.0,
    )
    again = overview_tab.edit_targets()
    qtbot.addWidget(again)
    assert again.summary_targets.edits["max_complaints"].text() == "24"
    assert again.summary_targets.edits["max_reopen_rate_pct"].text() == ""


def test_the_summary_dialog_takes_a_month_or_a_checked_range(qtbot):
    dialog = MonthlySummaryDialog(MARCH)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result_value == SummaryRequest(date(2026, 3, 1), date(2026, 3, 31), False)

    dialog = MonthlySummaryDialog(MARCH)
    qtbot.addWidget(dialog)
    dialog.a_range.setChecked(True)
    dialog.start.line.setText("2026-03-01")
    dialog.end.line.setText("2026-01-31")
    dialog.format.pdf.setChecked(True)
    dialog.accept()
    assert dialog.result_value is None
    assert dialog.fields["end"].error.text() == "结束日期不能早于开始日期。"
    dialog.start.line.setText("2026-01-01")
    dialog.accept()
    assert dialog.result_value == SummaryRequest(date(2026, 1, 1), date(2026, 1, 31), True)


def test_the_failure_history_dialog_needs_a_part_and_suggests_known_ones(qtbot, engine, known):
    dialog = FailureHistoryDialog(engine)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.fields["part"].error.text() == "必填。"
    assert "P-1001" in dialog.part.suggest("p-10")
    dialog.part.setText("NO-SUCH-PART")  # an empty history is refused next to the field
    dialog.accept()
    assert dialog.result_value is None
    assert (
        dialog.fields["part"].error.text() == "没有任何投诉、退货或现场服务记录提到 NO-SUCH-PART。"
    )
    dialog.part.setText("P-1001")
    dialog.accept()
    assert dialog.result_value == FailureHistoryRequest("P-1001", True)


def _wait_export(qtbot, op, answers):
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=60_000)
    _queue, asked = answers
    assert not asked, asked  # no failure message


@pytest.mark.parametrize("as_pdf", [False, True])
def test_monthly_summary_export_writes_the_file(
    qtbot, overview_tab, save_path, tmp_path, answers, as_pdf
):
    suffix = ".pdf" if as_pdf else ".xlsx"
    save_path["path"] = str(tmp_path / f"summary{suffix}")
    op = overview_tab.export_monthly_summary(SummaryRequest(MARCH, date(2026, 3, 31), as_pdf))
    _wait_export(qtbot, op, answers)
    written = tmp_path / f"summary{suffix}"
    assert overview_tab.last_export == written
    _check_file(written, as_pdf, "2026-03")


@pytest.mark.parametrize("as_pdf", [False, True])
def test_annual_summary_export_writes_the_file(
    qtbot, overview_tab, save_path, tmp_path, answers, as_pdf
):
    suffix = ".pdf" if as_pdf else ".xlsx"
    save_path["path"] = str(tmp_path / f"annual{suffix}")
    op = overview_tab.export_annual_summary(AnnualRequest(2026, as_pdf))
    _wait_export(qtbot, op, answers)
    _check_file(tmp_path / f"annual{suffix}", as_pdf, "2026")


@pytest.mark.parametrize("as_pdf", [False, True])
def test_failure_history_export_writes_the_file(
    qtbot, overview_tab, save_path, tmp_path, answers, as_pdf
):
    suffix = ".pdf" if as_pdf else ".xlsx"
    save_path["path"] = str(tmp_path / f"history{suffix}")
    op = overview_tab.export_failure_history(FailureHistoryRequest("P-1001", as_pdf))
    _wait_export(qtbot, op, answers)
    _check_file(tmp_path / f"history{suffix}", as_pdf, "P-1001")


def _check_file(path, as_pdf: bool, expected_text: str) -> None:
    assert path.exists() and path.stat().st_size > 0
    if as_pdf:
        from pypdf import PdfReader

        text = "".join(page.extract_text() for page in PdfReader(path).pages)
    else:
        from openpyxl import load_workbook

        book_ = load_workbook(path)
        text = " ".join(
            str(cell.value)
            for sheet in book_.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        )
    assert expected_text in text
