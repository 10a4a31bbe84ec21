"""The main window builds a record tab when it is first shown or used, once: the overview alone
is built at start. Drill-downs, menus, the due list and the status bar's overdue count work on
tabs not built yet."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from app.config import database_path
from app.services import complaint_workflow
from app.ui.complaints.complaint_dialog import ComplaintDialog
from app.ui.complaints.tab import ComplaintsTab
from app.ui.complaints.table_model import ComplaintTableModel
from app.ui.lazy_tab import LazyTab, TabPages
from app.ui.main_window import RECORD_TABS, MainWindow
from tests.services.complaint_factory import customer, register

TITLES = ["概览", "顾客档案", "客户抱怨", "退货", "满意度调查", "现场服务"]


@pytest.fixture
def tickets(engine):
    """Two open tickets of September (overdue by today's clock), of two customers."""
    hua = customer(engine, "KH001", "长春华通汽车有限公司")
    yuan = customer(engine, "KH002", "江苏远航机械制造有限公司")
    return {
        "hua": register(engine, hua),
        "yuan": register(engine, yuan, defect_category="尺寸不良"),
        "customers": {"hua": hua, "yuan": yuan},
    }


@pytest.fixture
def fresh(qtbot, engine, data_dir, answers, tickets):
    """The main window as it opens on tickets, no tab visited (`window` builds them all)."""
    main = MainWindow(engine, database_path(data_dir), "zh_CN", show_due_list=False)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def built(window: MainWindow) -> set[str]:
    return {name for name, page in window.pages.items() if page.is_built()}


def test_only_the_overview_is_built_at_start_and_the_tabs_keep_their_texts(fresh):
    assert built(fresh) == set()
    assert fresh.findChildren(ComplaintsTab) == []
    assert [fresh.tabs.tabText(i) for i in range(fresh.tabs.count())] == TITLES
    assert fresh.tabs.currentWidget() is fresh.overview_tab
    assert [name for name in RECORD_TABS] == list(fresh.pages)


def test_a_tab_is_built_when_first_shown_and_only_once(qtbot, fresh, wait_list):
    fresh.tabs.setCurrentIndex(TITLES.index("客户抱怨"))
    assert built(fresh) == {"complaints"}
    tab = fresh.complaints_tab
    assert isinstance(tab, ComplaintsTab) and tab.isVisible()
    assert fresh.tabs.currentWidget() is tab
    assert fresh.tabs.indexOf(tab) == TITLES.index("客户抱怨")
    wait_list(tab)
    fresh.tabs.setCurrentIndex(TITLES.index("退货"))
    assert built(fresh) == {"complaints", "returns"}
    fresh.tabs.setCurrentWidget(tab)
    assert fresh.tabs.currentIndex() == TITLES.index("客户抱怨")
    assert fresh.complaints_tab is tab and len(fresh.findChildren(ComplaintsTab)) == 1
    # asked for in code (tests, menus): built without being shown
    assert not fresh.pages["surveys"].is_built()
    surveys = fresh.surveys_tab
    assert built(fresh) == {"complaints", "returns", "surveys"} and not surveys.isVisible()
    assert fresh.tabs.currentWidget() is tab


def test_the_drill_down_from_the_overview_opens_an_unbuilt_complaints_tab(
    qtbot, fresh, tickets, wait_list
):
    overview = fresh.overview_tab
    qtbot.waitUntil(lambda: overview.overview is not None, timeout=10_000)
    chart = overview.customer_chart
    assert not fresh.pages["complaints"].is_built()
    row = [r.label for r in chart.rows].index("江苏远航机械制造有限公司")
    chart.count_set.clicked.emit(chart.bar_index(row))
    assert built(fresh) == {"complaints"}
    tab = fresh.complaints_tab
    assert fresh.tabs.currentWidget() is tab and tab.isVisible()
    assert tab.current_filter().customer_id == tickets["customers"]["yuan"]
    model = wait_list(tab)
    numbers = {
        model.index(r, ComplaintTableModel.COL_NUMBER).data() for r in range(model.rowCount())
    }
    assert numbers == {tickets["yuan"].number}


def test_the_overdue_count_is_shown_before_the_complaints_tab_is_built(
    qtbot, fresh, engine, tickets, wait_list
):
    indicator = fresh.overdue_indicator
    qtbot.waitUntil(lambda: indicator.message == "2 张客户抱怨超期", timeout=10_000)
    complaint_workflow.cancel(engine, tickets["hua"].id, reason="登记错误", user="test")
    fresh.hub.dataChanged.emit("complaint", tickets["hua"].id)
    qtbot.waitUntil(lambda: indicator.message == "1 张客户抱怨超期", timeout=10_000)
    assert not fresh.pages["complaints"].is_built()
    # from the tab's first load on, its list counts
    fresh.tabs.setCurrentIndex(TITLES.index("客户抱怨"))
    wait_list(fresh.complaints_tab)
    assert indicator.message == "1 张客户抱怨超期"
    complaint_workflow.cancel(engine, tickets["yuan"].id, reason="登记错误", user="test")
    fresh.hub.dataChanged.emit("complaint", tickets["yuan"].id)
    wait_list(fresh.complaints_tab)
    qtbot.waitUntil(lambda: indicator.message == "没有超期的客户抱怨", timeout=10_000)


def test_the_due_list_and_the_menus_reach_unbuilt_tabs(qtbot, fresh, tickets, monkeypatch):
    opened: list[int | None] = []
    monkeypatch.setattr(ComplaintDialog, "exec", lambda dialog: opened.append(dialog.complaint.id))
    dialog = fresh.show_due_list()
    assert not fresh.pages["complaints"].is_built()
    row = [r.id for r in dialog.rows].index(tickets["yuan"].id)
    dialog.open_row(row)
    assert opened == [tickets["yuan"].id] and built(fresh) == {"complaints"}
    dialog.close()

    exported: list[str] = []
    monkeypatch.setattr(
        "app.ui.returns.tab.ReturnsTab.export_summary", lambda tab: exported.append("returns")
    )
    menus = {a.text(): a.menu() for a in fresh.menuBar().actions()}
    entry = next(a for a in menus["文件(&F)"].actions() if a.text() == "导出退货汇总表到 Excel…")
    entry.trigger()
    assert exported == ["returns"] and built(fresh) == {"complaints", "returns"}


def test_closing_the_window_leaves_unbuilt_tabs_alone(qtbot, fresh):
    assert fresh.can_close() and fresh.built_tabs() == []
    fresh.close()
    assert built(fresh) == set()


def test_a_lazy_page_builds_once_and_its_tab_widget_speaks_of_the_real_tab(qtbot):
    made: list[QWidget] = []

    def build(parent: QWidget) -> QWidget:
        label = QLabel("built", parent)
        made.append(label)
        return label

    tabs = TabPages()
    qtbot.addWidget(tabs)
    first = QLabel("first")
    tabs.addTab(first, "first")
    page = LazyTab(build)
    tabs.addTab(page, "lazy")
    tabs.show()
    qtbot.waitExposed(tabs)
    assert made == [] and not page.is_built() and page.built_tab() is None
    assert tabs.currentWidget() is first and tabs.indexOf(first) == 0
    tabs.setCurrentIndex(1)
    assert len(made) == 1 and made[0].isVisible() and made[0].parent() is page
    for _ in range(3):
        tabs.setCurrentIndex(0)
        tabs.setCurrentIndex(1)
    assert page.tab() is made[0] and len(made) == 1
    assert tabs.widget(1) is made[0] and tabs.page(1) is page and tabs.indexOf(made[0]) == 1
    tabs.setCurrentWidget(first)
    assert tabs.currentIndex() == 0
    tabs.setCurrentWidget(made[0])
    assert tabs.currentIndex() == 1
    assert tabs.indexOf(QLabel("elsewhere")) == -1


def test_the_welcome_page_of_an_empty_database_builds_a_tab_only_when_asked(
    qtbot, engine, data_dir, answers, monkeypatch
):
    main = MainWindow(engine, database_path(data_dir), "zh_CN", show_due_list=False)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    assert main.tabs.currentWidget() is main.welcome_tab and built(main) == set()
    asked: list[str] = []
    monkeypatch.setattr(
        "app.ui.customers.tab.CustomersTab.import_customers", lambda tab: asked.append("customers")
    )
    main.welcome.customers_button.click()
    assert asked == ["customers"] and built(main) == {"customers"}


def test_in_english_the_unbuilt_tabs_are_named_in_english(
    qtbot, engine, data_dir, answers, tickets, chinese_ui
):
    chinese_ui.apply("en")  # as a language switch does before it rebuilds the window
    main = MainWindow(engine, database_path(data_dir), "en", show_due_list=False)
    qtbot.addWidget(main)
    main.show()
    assert [main.tabs.tabText(i) for i in range(main.tabs.count())] == [
        "Overview",
        "Customer files",
        "Complaints",
        "Returns",
        "Satisfaction surveys",
        "Field service",
    ]
    assert built(main) == set()
    main.tabs.setCurrentIndex(2)
    assert main.complaints_tab.new_button.text().startswith("New")
