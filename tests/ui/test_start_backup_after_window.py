"""The start-up backup reads the whole data file; it starts after the window is up, so it does
not compete with the first paint and the first lists."""

from __future__ import annotations

from app.services import backup_service
from app.ui.application import START_BACKUP_DELAY_MS, start_application


def test_the_start_up_backup_begins_only_after_the_window_is_shown(qtbot, data_dir, answers):
    controller = start_application(str(data_dir), "zh_CN")
    assert controller is not None
    try:
        bar = controller.window.statusBar()
        assert controller.window.isVisible()
        assert "正在备份" not in bar.currentMessage()  # not begun with the window
        assert backup_service.list_backups(backup_service.backup_folder_for(controller.database_file)) == []  # fmt: skip
        qtbot.waitUntil(lambda: "备份" in bar.currentMessage(), timeout=START_BACKUP_DELAY_MS + 20_000)  # fmt: skip
        qtbot.waitUntil(lambda: "正在备份" not in bar.currentMessage(), timeout=20_000)
        assert backup_service.list_backups(backup_service.backup_folder_for(controller.database_file))  # fmt: skip
    finally:
        controller.window.close()
        controller.shut_down()


def test_a_window_closed_before_the_start_up_backup_begins_is_left_alone(qtbot, data_dir, answers):
    """Closed within the delay: no backup is started on a closed data file, nothing fails."""
    controller = start_application(str(data_dir), "zh_CN")
    assert controller is not None
    controller.window.close()
    controller.window.deleteLater()
    controller.shut_down()
    qtbot.wait(START_BACKUP_DELAY_MS + 500)  # the delayed start fires meanwhile
    assert backup_service.list_backups(backup_service.backup_folder_for(controller.database_file)) == []  # fmt: skip
