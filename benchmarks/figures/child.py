"""What the benchmark runs in a fresh Python process: cold start-up, resident and peak memory.

python benchmarks/figures/child.py MODE [ARGS]; prints `key value` lines on stdout and exits.

  bare-window                  a bare PySide6 main window with four tabs: prints `painted`
                               at its first paint, then `rss_kb`
  app-window DATA_DIR          the app as `qualitydesk --data-dir DATA_DIR` starts it: `painted`
                               at the main window's first paint (its frame), `filled` at its
                               overview's first paint; then closed as a user does
  app-window-unclean DATA_DIR  the same, but the process ends at once as in a crash, so the next
                               start finds the file not closed cleanly
  app-tabs DATA_DIR            the app started, then every tab visited and its list loaded:
                               `rss_kb` (resident) and `hwm_kb` (peak resident)
  ledger DATA_DIR OUT          the complaint ledger of every ticket written to OUT: `seconds`,
                               `hwm_kb` (peak resident of the process), `base_kb` (resident
                               before the export, its modules loaded), `export_hwm_kb` (peak
                               resident from then on: what the export reached)
  ledger-bare DATA_DIR OUT     the same cells with bare sqlite3 + openpyxl write-only

The parent times the window modes from before it starts this process until `painted` arrives,
so the interpreter's start, every import and the first paint are in the figure.
--profile FILE (first argument) writes cProfile statistics of the whole run to FILE.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def say(key: str, value: object) -> None:
    sys.stdout.write(f"{key} {value}\n")
    sys.stdout.flush()


def memory_kb() -> dict[str, int]:
    """VmRSS (resident now) and VmHWM (peak resident) of this process, in kB."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, number = line.split()[:2]
                values[key[:-1]] = int(number)
    return values


_profiler = None


def reset_peak() -> int:
    """Start VmHWM afresh (Linux: clear_refs 5) so that it tells the peak from now on, not one
    reached while the modules loaded; returns the peak so far (kB)."""
    before = memory_kb()["VmHWM"]
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
    except OSError:
        pass  # the peak then includes the start's
    return before


def finish(code: int = 0) -> None:
    """Leave at once: the figure has been taken; tearing Qt down is not part of it."""
    if _profiler is not None:
        _profiler.disable()
        _profiler.dump_stats(_profile_path)
    sys.stdout.flush()
    os._exit(code)


def _first_paint_watcher(on_painted, inside: str | None = None):  # noqa: ANN001, ANN202
    """An application-wide event filter calling on_painted(seconds) once the main window's first
    paint is over; seconds = perf_counter at the last paint event of that pass. inside: the
    first paint of a widget of that class (or inside one) instead, e.g. "OverviewTab".

    The whole window paints in one pass; the report comes from a zero timer after it, and zero
    timers queued earlier (a tab's first reading) may run before that report: the time of the
    last paint event, not of the report, is the figure."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow

    class Watcher(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False
            self.last = 0.0

        def eventFilter(self, obj, event):  # noqa: ANN001, N802
            if (
                event.type() == QEvent.Type.Paint
                and obj.isWidgetType()
                and isinstance(obj.window(), QMainWindow)
                and (inside is None or _inside(obj, inside))
            ):
                if not self.seen:
                    self.seen = True
                    QTimer.singleShot(0, lambda: on_painted(self.first_pass_end))
                self.last = time.perf_counter()
            return False

        @property
        def first_pass_end(self) -> float:
            return self.last

    return Watcher()


def _inside(widget, class_name: str) -> bool:  # noqa: ANN001
    while widget is not None:
        if type(widget).__name__ == class_name:
            return True
        widget = widget.parentWidget()
    return False


def bare_window() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

    application = QApplication(sys.argv[:1])

    def painted(at: float) -> None:
        say("painted", at)
        say("rss_kb", memory_kb()["VmRSS"])
        finish()

    watcher = _first_paint_watcher(painted)
    application.installEventFilter(watcher)
    window = QMainWindow()
    window.resize(1280, 760)
    tabs = QTabWidget(window)
    for name in ("Customers", "Complaints", "Returns", "Field service"):
        tabs.addTab(QWidget(tabs), name)
    window.setCentralWidget(tabs)
    window.show()
    application.exec()


def _start_app(data_dir: str, on_filled, on_painted=None) -> None:  # noqa: ANN001
    """Start the app the way `qualitydesk --data-dir DATA_DIR --lang zh_CN` does: Qt first, the
    window's frame painted (on_painted), then the data layer loaded and the window filled:
    on_filled at the end of the overview tab's first paint."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    application = QApplication(sys.argv[:1])  # start_application takes this instance
    watchers = [_first_paint_watcher(on_painted or (lambda _at: None))]
    # filled: reported from the event loop (start-up over), as a user would then use the window
    watchers.append(
        _first_paint_watcher(lambda at: QTimer.singleShot(0, lambda: on_filled(at)), "OverviewTab")
    )
    for watcher in watchers:
        application.installEventFilter(watcher)
    from app.main import main

    main(["--data-dir", data_dir, "--lang", "zh_CN"])


def app_window(data_dir: str) -> None:
    """Painted and filled, then closed as the user closes it (the next start finds the file
    closed cleanly): `painted` (the window's first paint), `filled` (its overview's)."""
    from PySide6.QtWidgets import QApplication

    def filled(at: float) -> None:
        say("filled", at)
        QApplication.instance().quit()

    _start_app(data_dir, filled, lambda at: say("painted", at))
    finish()


def app_window_unclean(data_dir: str) -> None:
    """The same, but the process ends as in a crash (the next start checks the whole file)."""

    def filled(at: float) -> None:
        say("filled", at)
        finish()

    _start_app(data_dir, filled, lambda at: say("painted", at))


def _settle(application, rounds: int = 3) -> None:  # noqa: ANN001
    """Run the event loop until no background job is left (lists load off the GUI thread)."""
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    quiet = 0
    deadline = time.monotonic() + 120
    while quiet < rounds and time.monotonic() < deadline:
        application.processEvents()
        pool.waitForDone(20)
        application.processEvents()
        quiet = quiet + 1 if pool.activeThreadCount() == 0 else 0


def app_tabs(data_dir: str) -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget

    def filled(_at: float) -> None:
        application = QApplication.instance()
        window = next(w for w in application.topLevelWidgets() if isinstance(w, QMainWindow))
        for dialog in [w for w in application.topLevelWidgets() if w is not window]:
            dialog.close()  # the start-up due list
        _settle(application)
        tabs = window.findChild(QTabWidget)
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            _settle(application)
            tabs.widget(index).grab()
        _settle(application)
        memory = memory_kb()
        say("tabs", tabs.count())
        say("rss_kb", memory["VmRSS"])
        say("hwm_kb", memory["VmHWM"])
        finish()

    _start_app(data_dir, filled)


def ledger(data_dir: str, out: str) -> None:
    """The complaint ledger of every ticket, as the command line writes it."""
    from pathlib import Path

    # the export's modules are loaded before `base_kb` is taken, as the bare export's are
    import sqlalchemy.dialects.sqlite  # noqa: F401

    import app.db  # noqa: F401
    import app.reports.excel.complaint_ledger_xlsx  # noqa: F401
    import app.services.ledger_data  # noqa: F401
    import app.services.settings_service  # noqa: F401
    from app.cli import main

    say("base_kb", memory_kb()["VmRSS"])
    start_peak = reset_peak()
    start = time.perf_counter()
    code = main(["--data-dir", data_dir, "--lang", "zh_CN", "export", "complaint-ledger", "-o", out])  # fmt: skip
    say("seconds", time.perf_counter() - start)
    peak = memory_kb()["VmHWM"]
    say("hwm_kb", max(start_peak, peak))
    say("export_hwm_kb", peak)
    say("bytes", Path(out).stat().st_size)
    finish(code)


def ledger_bare(data_dir: str, out: str) -> None:
    """The ledger's cells (every ticket, its columns) read with sqlite3 and written with bare
    openpyxl write-only: no app, no ORM, no formatting."""
    import sqlite3
    from pathlib import Path

    from ledger_cells import LEDGER_SQL, ledger_cells  # beside this file
    from openpyxl import Workbook

    connection = sqlite3.connect(f"file:{Path(data_dir) / 'qualitydesk.sqlite3'}?mode=ro", uri=True)
    say("base_kb", memory_kb()["VmRSS"])
    start_peak = reset_peak()
    start = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Ledger")
    rows = 0
    for row in ledger_cells(connection.execute(LEDGER_SQL)):
        sheet.append(row)
        rows += 1
    workbook.save(out)
    say("seconds", time.perf_counter() - start)
    peak = memory_kb()["VmHWM"]
    say("hwm_kb", max(start_peak, peak))
    say("export_hwm_kb", peak)
    say("rows", rows)
    finish()


MODES = {
    "bare-window": bare_window,
    "app-window": app_window,
    "app-window-unclean": app_window_unclean,
    "app-tabs": app_tabs,
    "ledger": ledger,
    "ledger-bare": ledger_bare,
}


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--profile"]:
        import cProfile

        _profile_path = arguments[1]
        arguments = arguments[2:]
        _profiler = cProfile.Profile()
        _profiler.enable()
    MODES[arguments[0]](*arguments[1:])
