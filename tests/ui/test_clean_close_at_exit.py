"""Closing the app leaves the note that lets the next start skip reading the whole data file."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool

from app import db
from app.config import database_path
from app.ui.application import start_application


def test_closing_the_app_notes_the_clean_close_and_the_next_start_skips_the_check(
    qtbot, data_dir, answers, monkeypatch
):
    controller = start_application(str(data_dir), "zh_CN")
    assert controller is not None
    controller.window.close()
    controller.shut_down()
    path = database_path(data_dir)
    assert db.untouched_since_clean_close(path)

    checked: list[object] = []
    monkeypatch.setattr(db, "startup_problem", lambda p: checked.append(p))
    again = start_application(str(data_dir), "zh_CN")
    assert again is not None and checked == []
    again.window.close()
    QThreadPool.globalInstance().waitForDone(60_000)  # the start-up backup
    again.engine.dispose()
    again.lock.release()  # not shut_down: a crash leaves no note
    assert not db.untouched_since_clean_close(path)
