"""First run: an empty database opens on the welcome page, a tab beside the others."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from app.config import Preferences, database_path
from app.db import make_engine, open_database
from app.services import (
    audit_service,
    complaint_service,
    customer_service,
    demo_service,
    first_run,
    settings_service,
)
from app.ui.main_window import MainWindow
from tests import pg_server


def _window(qtbot, engine, data_dir) -> MainWindow:
    main = MainWindow(engine, database_path(data_dir), "zh_CN", show_due_list=False)
    qtbot.addWidget(main)
    main.show()
    return main


def test_an_empty_data_file_opens_on_the_welcome_page_beside_usable_tabs(qtbot, engine, data_dir):
    main = _window(qtbot, engine, data_dir)
    page = main.welcome
    assert page is not None and page.isVisible()
    assert main.tabs.currentWidget() is main.welcome_tab
    assert main.tabs.tabText(main.tabs.count() - 1) == "欢迎"
    # not a wizard: the other tabs keep their places and open with a click
    assert main.tabs.widget(0) is main.overview_tab
    main.tabs.setCurrentWidget(main.customers_tab)
    assert main.customers_tab.isVisible() and not page.isVisible()
    main.tabs.setCurrentWidget(main.welcome_tab)
    assert page.isVisible()
    assert page.demo_button.text() == "载入演示数据"
    assert page.skip_button.text() == "跳过"


def test_company_logo_clerk_and_this_pcs_user_are_stored_with_the_trail(
    qtbot, engine, data_dir, tmp_path
):
    main = _window(qtbot, engine, data_dir)
    page = main.welcome
    logo = QImage(40, 20, QImage.Format.Format_RGB32)
    logo.fill(QColor("navy"))
    logo.save(str(tmp_path / "logo.png"))
    assert page.logo_field.load_file(str(tmp_path / "logo.png"))
    page.company_name.setText("  浙江精工汽车部件股份有限公司 ")
    page.clerk_name.setText("李静")
    page.user_name.setText("lijing-pc")
    assert page.save()
    stored = settings_service.load(engine)
    assert stored.company_name == "浙江精工汽车部件股份有限公司"
    assert stored.clerk_name == "李静"
    assert stored.logo_png.startswith(b"\x89PNG")
    assert stored.form("eight_d").code == settings_service.DEFAULT_FORMS["eight_d"][0]
    assert Preferences.load().user_name == "lijing-pc"
    trail = {row.field: row for row in audit_service.history(engine, "setting", "forms")}
    assert trail["company_name"].new_value == "浙江精工汽车部件股份有限公司"
    assert trail["clerk_name"].new_value == "李静"
    assert trail["company_name"].user == "lijing-pc"  # this PC's user name, just set
    assert page.saved_label.text() == "已保存。"
    assert main.welcome is page and page.isVisible()  # settings are not records: it stays
    prefs = Preferences.load()
    prefs.user_name = None
    prefs.save()


def test_a_missing_company_or_too_long_names_are_told_next_to_the_fields(qtbot, engine, data_dir):
    page = _window(qtbot, engine, data_dir).welcome
    page.company_name.setText("   ")
    page.clerk_name.setText("李" * 61)
    page.user_name.setText("x" * 61)
    assert not page.save()
    assert page.company_field.error.isVisible() and page.company_field.error.text()
    assert page.clerk_field.error.isVisible() and "60" in page.clerk_field.error.text()
    assert page.user_field.error.isVisible() and "60" in page.user_field.error.text()
    assert settings_service.load(engine).clerk_name == ""  # nothing stored
    assert audit_service.history(engine, "setting", "forms") == []
    page.company_name.setText("精工")
    page.clerk_name.setText("李静")
    page.user_name.setText("")
    assert page.save()
    assert not page.company_field.error.isVisible()
    assert not page.clerk_field.error.isVisible()


def test_demo_data_load_off_the_gui_thread_and_the_page_goes_away(qtbot, engine, data_dir):
    main = _window(qtbot, engine, data_dir)
    page = main.welcome
    seen: list[tuple[int, int]] = []
    page.demoProgressed.connect(lambda done, total: seen.append((done, total)))
    page.demo_button.click()
    assert page.demo_op is not None
    assert not page.demo_button.isEnabled()
    assert page.demo_progress.isVisible()
    qtbot.waitUntil(lambda: main.welcome is None, timeout=180_000)
    assert main.tabs.count() == 6 and main.tabs.currentWidget() is main.overview_tab
    assert customer_service.count(engine) == first_run.DEMO_CUSTOMERS
    assert complaint_service.count(engine) == first_run.DEMO_COMPLAINTS
    assert first_run.has_records(engine)
    assert seen and seen[-1] == (first_run.DEMO_STEPS, first_run.DEMO_STEPS)
    assert len(seen) >= 50 and seen == sorted(seen)  # as it goes, not only at the end
    # the lists show the demo records
    model = main.customers_tab.model
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() > 0, timeout=10_000)
    # the database holds records now: the next start opens straight to the tabs
    again = _window(qtbot, engine, data_dir)
    assert again.welcome is None and again.tabs.count() == 6


def test_a_data_file_with_records_opens_straight_to_the_tabs(qtbot, engine, data_dir):
    demo_service.load_demo(engine, customers=1)
    main = _window(qtbot, engine, data_dir)
    assert main.welcome is None and main.welcome_tab is None
    assert main.tabs.count() == 6  # the overview and the five record tabs
    assert main.tabs.currentWidget() is main.overview_tab


def test_the_page_goes_when_a_record_is_made_in_a_tab(qtbot, engine, data_dir):
    main = _window(qtbot, engine, data_dir)
    page = main.welcome
    main.hub.dataChanged.emit(customer_service.ENTITY, 0)  # nothing stored yet: it stays
    assert main.welcome is page and page.isVisible()
    demo_service.load_demo(engine, customers=1)
    main.hub.dataChanged.emit(customer_service.ENTITY, 1)
    assert main.welcome is None and main.tabs.count() == 6
    assert main.tabs.currentWidget() is main.overview_tab
    # not dismissed: emptied again (e.g. a new data file at the same place), it would show
    assert not first_run.welcome_dismissed(engine)


def test_skip_is_remembered_for_this_database_only(qtbot, engine, data_dir, tmp_path):
    main = _window(qtbot, engine, data_dir)
    page = main.welcome
    page.skip_button.click()
    assert main.welcome is None and main.tabs.count() == 6
    assert main.tabs.currentWidget() is main.overview_tab
    assert first_run.database_key(engine) in Preferences.load().welcome_dismissed
    # the next start (or a language switch) of the same, still empty, data file: no page
    again = _window(qtbot, engine, data_dir)
    assert again.welcome is None and again.tabs.count() == 6
    # another empty data file still gets its welcome page
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = open_database(other_dir)
    try:
        fresh = MainWindow(other, database_path(other_dir), "zh_CN", show_due_list=False)
        qtbot.addWidget(fresh)
        assert fresh.welcome is not None
        fresh.close()
    finally:
        other.dispose()


@pytest.mark.skipif(
    not pg_server.server_url(), reason="QUALITYDESK_TEST_PG_URL names no PostgreSQL server"
)
def test_an_empty_server_database_is_welcomed_with_the_migrate_to_hint(qtbot):
    url = pg_server.create_database()
    server = make_engine(url)
    try:
        main = MainWindow(server, None, "zh_CN", show_due_list=False)
        qtbot.addWidget(main)
        page = main.welcome
        assert page is not None and main.tabs.currentWidget() is main.welcome_tab
        assert any("migrate-to" in label.text() for label in page.findChildren(QLabel))
        page.skip()
        assert first_run.database_key(server) in Preferences.load().welcome_dismissed
        assert first_run.database_key(server).startswith("PostgreSQL ")
        main.close()
    finally:
        server.dispose()
        pg_server.drop_database(url)
