"""Fixtures for driving the real widgets with qtbot; message boxes never block."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.config import database_path
from app.ui.main_window import MainWindow
from app.ui.widgets import record_conflict


@pytest.fixture
def answers(monkeypatch):
    """Queue answers for QMessageBox.question; records every question asked."""
    queue: list[QMessageBox.StandardButton] = []
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return queue.pop(0) if queue else QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(
            QMessageBox,
            name,
            staticmethod(lambda *a, **k: asked.append(a[2] if len(a) > 2 else "")),
        )
    return queue, asked


@pytest.fixture(autouse=True)
def chinese_ui(qapp):
    """The clerk's setting: Chinese texts from the app's and Qt's translations."""
    from app.ui.application import Translations

    translations = Translations(qapp)
    translations.apply("zh_CN")
    yield translations
    translations.apply("zh_CN")


@pytest.fixture
def wait_list(qtbot):
    """Wait until a tab's list (or a list model) has loaded off the GUI thread; returns the model."""

    def wait(tab_or_model, timeout: int = 10_000):
        model = getattr(tab_or_model, "model", tab_or_model)
        qtbot.waitUntil(lambda: not model.loading, timeout=timeout)
        return model

    return wait


@pytest.fixture
def window(qtbot, engine, data_dir, answers, wait_list):
    """The main window shown, its lists loaded."""
    main = MainWindow(engine, database_path(data_dir), "zh_CN")
    qtbot.addWidget(main)
    main.show()
    for tab in main.record_tabs():
        if hasattr(tab.model, "loading"):
            wait_list(tab)
    return main


@pytest.fixture
def save_path(monkeypatch):
    """Make the save dialog answer with a chosen path."""
    from PySide6.QtWidgets import QFileDialog

    chosen: dict[str, str] = {}

    def get_save_file_name(*_args, **_kwargs):
        return chosen.get("path", ""), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    return chosen


@pytest.fixture
def conflicts_seen(monkeypatch):
    """Answer the conflict window with the queued choice; keep what it showed."""
    seen: list[dict] = []
    queue: list[str | None] = []

    def exec_(dialog: record_conflict.ConflictDialog) -> int:
        table = dialog.changes
        seen.append(
            {
                "message": dialog.message.text(),
                "rows": [
                    [table.item(r, c).text() for c in range(table.columnCount())]
                    for r in range(table.rowCount())
                ],
            }
        )
        button = {record_conflict.KEEP: dialog.keep_button,
                  record_conflict.DISCARD: dialog.discard_button}.get(queue.pop(0))  # fmt: skip
        (button or dialog.back_button).click()
        return dialog.result()

    monkeypatch.setattr(record_conflict.ConflictDialog, "exec", exec_)
    return seen, queue
