"""Data → Back up now on a database server: the whole database into a checked data file."""

from __future__ import annotations

import pytest

from app import config
from app.services import backup_service, customer_service
from app.services.customer_service import CustomerData
from app.ui.application import start_application
from tests import pg_server


@pytest.fixture
def server_window(answers, tmp_path, monkeypatch):
    if not pg_server.server_url():
        pytest.skip("QUALITYDESK_TEST_PG_URL names no PostgreSQL server")
    monkeypatch.setenv(config.CONFIG_DIR_ENV, str(tmp_path / "config"))
    monkeypatch.setenv(config.DATA_DIR_ENV, str(tmp_path / "pc"))
    monkeypatch.delenv(config.DB_URL_ENV, raising=False)
    url = pg_server.create_database()
    controller = start_application(None, "zh_CN", url)
    assert controller is not None and controller.database_file is None
    yield controller.window
    controller.window.close()
    controller.window.deleteLater()
    controller.shut_down()
    pg_server.drop_database(url)


def test_back_up_now_on_a_server_writes_a_checked_data_file(qtbot, server_window, answers):
    _queue, asked = answers
    customer_service.create(server_window.engine, CustomerData(code="KH001", name="一汽"), "t")
    actions = server_window.data_file_actions
    assert actions.back_up_action.isEnabled() and actions.back_up_to_action.isEnabled()
    assert not actions.restore_action.isEnabled()  # nothing on this PC to restore into
    op = actions.back_up_now()
    qtbot.waitUntil(lambda: op.done, timeout=60000)
    [made] = backup_service.list_backups(backup_service.server_backup_folder(server_window.engine))
    assert backup_service.check_database(made.path) == []
    assert str(made.path) in asked[-1] and "完整性检查" in asked[-1]
    assert str(made.path) in server_window.statusBar().currentMessage()
