"""The window on a database server: the title says which database is open, the file-only
actions are off, a server that cannot be reached is told without the password; the settings
dialog keeps this PC's server URL (never a password) and user name."""

from __future__ import annotations

import pytest

from app import config
from app.config import Preferences
from app.services import settings_service
from app.ui.application import start_application
from app.ui.settings.dialog import SettingsDialog
from tests import pg_server

needs_server = pytest.mark.skipif(
    not pg_server.server_url(), reason="QUALITYDESK_TEST_PG_URL names no PostgreSQL server"
)


@pytest.fixture
def prefs_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(config.CONFIG_DIR_ENV, str(tmp_path / "config"))
    monkeypatch.delenv(config.DB_URL_ENV, raising=False)
    return tmp_path / "config"


@pytest.fixture
def started(answers, prefs_dir):
    controllers = []

    def start(data_dir=None, db_url=None):
        controller = start_application(str(data_dir) if data_dir else None, "zh_CN", db_url)
        if controller is not None:
            controllers.append(controller)
        return controller

    yield start
    for controller in controllers:
        controller.window.close()
        controller.window.deleteLater()
        controller.shut_down()


@pytest.fixture
def server_db():
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@needs_server
def test_the_window_on_a_server_names_it_in_the_title(started, server_db, tmp_path):
    from sqlalchemy.engine import make_url

    parsed = make_url(server_db)
    controller = started(tmp_path / "data", server_db)
    assert controller is not None and controller.database_file is None
    window = controller.window
    expected = f"PostgreSQL {parsed.username}@{parsed.host}:{parsed.port}/{parsed.database}"
    assert window.windowTitle().endswith(f" — {expected}")
    assert expected in window.statusBar().currentMessage()
    actions = window.data_file_actions
    assert not actions.restore_action.isEnabled()
    assert not actions.check_action.isEnabled()
    assert actions.trail_action.isEnabled()
    assert not (tmp_path / "data").exists()  # no data file, no lock beside one


@needs_server
def test_the_server_chosen_in_settings_is_opened_at_start(started, server_db, prefs_dir):
    prefs = Preferences.load()
    prefs.db_url = server_db
    prefs.save()
    controller = started()
    assert controller is not None
    assert " — PostgreSQL " in controller.window.windowTitle()


def test_a_server_that_cannot_be_reached_is_told_without_the_password(started, answers):
    _queue, told = answers
    controller = started(None, "postgresql+psycopg://qd:geheim@127.0.0.1:1/qualitydesk")
    assert controller is None
    assert len(told) == 1
    assert "PostgreSQL qd@127.0.0.1:1/qualitydesk" in told[0]
    assert "无法连接数据库服务器" in told[0]
    assert "geheim" not in told[0]


def test_a_sqlite_url_opens_that_file_and_the_title_names_it(started, tmp_path):
    path = tmp_path / "werk2" / "branch.sqlite3"
    controller = started(tmp_path / "data", f"sqlite:///{path}")
    assert controller is not None
    assert controller.database_file == path
    assert controller.window.windowTitle().endswith(f" — {path}")
    assert path.is_file()


def test_settings_refuse_a_password_and_keep_server_and_user_per_pc(qtbot, engine, prefs_dir):
    dialog = SettingsDialog(engine)
    qtbot.addWidget(dialog)
    page = dialog.this_computer
    assert page.use_file.isChecked() and not page.server_url.isEnabled()
    page.use_server.setChecked(True)
    page.server_url.setText("postgresql+psycopg://qd:geheim@server/qualitydesk")
    dialog.save()
    assert "PGPASSWORD" in page.server_field.error.text()
    assert dialog.marked_pages() == ["this_computer"]
    assert dialog.current_page() == "this_computer"
    assert not (prefs_dir / "preferences.json").exists()
    assert dialog.result() == 0

    page.server_url.setText("postgresql+psycopg://qd@server:5432/qualitydesk")
    page.user_name.setText("王五")
    dialog.save()
    assert dialog.result() == 1
    saved = Preferences.load()
    assert saved.db_url == "postgresql+psycopg://qd@server:5432/qualitydesk"
    assert saved.user_name == "王五"
    assert settings_service.current_user(engine) == "王五"


def test_settings_go_back_to_this_pcs_data_file(qtbot, engine, prefs_dir):
    prefs = Preferences.load()
    prefs.db_url = "postgresql+psycopg://qd@server/qualitydesk"
    prefs.save()
    dialog = SettingsDialog(engine)
    qtbot.addWidget(dialog)
    page = dialog.this_computer
    assert page.use_server.isChecked()
    assert page.server_url.text() == "postgresql+psycopg://qd@server/qualitydesk"
    page.use_file.setChecked(True)
    dialog.save()
    assert Preferences.load().db_url is None
