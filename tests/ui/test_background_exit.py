"""Background work must not corrupt Python's reference counts: the app has to exit cleanly.

PySide6 6.12.0 on Python 3.11 lost a reference to None/True on cross-thread signal emissions;
after a few hundred background jobs the interpreter aborted while exiting ("none_dealloc").
The program runs in its own process, as the window does, and must end with exit code 0.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.cli_runner import ROOT

SCRIPT = textwrap.dedent(
    """
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication, QWidget
    from app.ui.background import run_in_background

    app = QApplication([])
    parent = QWidget()
    done = []
    for i in range(300):
        run_in_background(parent, lambda _p, i=i: {"n": i}, done.append, done.append)
    while len(done) < 300:
        app.processEvents()
    QThreadPool.globalInstance().waitForDone()
    print("finished", len(done))
    """
)


def test_many_background_jobs_then_a_clean_exit():
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert result.stdout.strip() == "finished 300"


CHAIN = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from app.ui.background import run_in_background

    app = QApplication([])
    wanted, done = int(sys.argv[1]), []

    def start():
        run_in_background(None, lambda _p: len(done), ended, ended)

    def ended(result):
        done.append(result)
        start() if len(done) < wanted else app.quit()

    QTimer.singleShot(0, start)
    app.exec()
    print("finished", len(done))
    """
)


def test_jobs_without_a_window_each_started_when_the_last_ended():
    """The overdue counter's way: an op with no parent widget, the next one started from the
    last one's callback. Such an op used to be freed inside its own event: a crash in Qt after
    some hundreds of them (a segmentation fault)."""
    result = subprocess.run(
        [sys.executable, "-c", CHAIN, "5000"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "finished 5000"
