"""`qualitydesk --smoke-test` (scripts/smoke_frozen.sh runs it on the built app): the window
opens, and the event loop ends with 0 once the window has painted; 3 when it never paints."""

from __future__ import annotations

import argparse

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from app import main as app_main
from app.cli import build_parser
from app.ui import application as application_module
from app.ui import smoke_test
from app.ui.smoke_test import IMPORT_EXIT_CODE, NO_PAINT_EXIT_CODE, quit_after_first_paint


def test_the_option_is_parsed_and_handed_to_the_window(monkeypatch):
    assert build_parser().parse_args(["--smoke-test"]).smoke_test is True
    assert build_parser().parse_args([]).smoke_test is False
    calls = []
    monkeypatch.setattr(
        application_module, "run_application", lambda *args, **kwargs: calls.append(kwargs) or 0
    )
    args = argparse.Namespace(data_dir=None, lang=None, db_url=None, smoke_test=True)
    assert app_main.run_gui(args) == 0
    assert calls == [{"smoke_test": True}]


def test_the_loop_ends_with_0_after_the_window_has_painted(qtbot):
    window = QMainWindow()
    window.setCentralWidget(QLabel("客户抱怨"))
    qtbot.addWidget(window)
    codes: list[int] = []
    watcher = quit_after_first_paint(QApplication.instance(), window, 60_000, codes.append)
    qtbot.wait(50)
    assert codes == [] and not watcher.painted  # nothing is shown yet
    window.show()
    qtbot.waitUntil(lambda: codes == [0])
    assert watcher.painted and not watcher.timer.isActive()


def test_a_window_that_never_paints_ends_with_an_error_code(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    codes: list[int] = []
    quit_after_first_paint(QApplication.instance(), window, 100, codes.append)
    qtbot.waitUntil(lambda: codes == [NO_PAINT_EXIT_CODE])


def test_a_module_the_window_imports_later_that_is_missing_ends_with_an_error_code(
    qtbot, monkeypatch
):
    monkeypatch.setattr(smoke_test, "LATER_MODULES", ("app.ui.widgets.no_such_module",))
    window = QMainWindow()
    qtbot.addWidget(window)
    codes: list[int] = []
    quit_after_first_paint(QApplication.instance(), window, 60_000, codes.append)
    window.show()
    qtbot.waitUntil(lambda: codes == [IMPORT_EXIT_CODE])
