"""What start-up loads: the window comes up without the export libraries or Alembic (together
about half a second of imports), they load when an export or a migration asks for them; and
without the record tabs' code, the settings dialog, the due list or the user guide, which
load when first opened."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from app.db import open_database

# loaded when a tab is first shown or used, or a dialog first opened
LOADED_WHEN_OPENED = {
    "app.ui.customers.tab",
    "app.ui.complaints.tab",
    "app.ui.returns.tab",
    "app.ui.surveys.tab",
    "app.ui.field_service.tab",
    "app.ui.complaints.due_dialog",
    "app.ui.settings.dialog",
    "app.ui.help",
}


# what the window's frame is painted without: the data layer and the command line
DATA_LAYER = (
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "app.db",
    "app.models",
    "app.services",
    "app.cli",
)


def test_the_frame_is_painted_before_the_data_layer_and_the_window_without_export_code(tmp_path):
    open_database(tmp_path).dispose()  # made and migrated: what follows is a normal start
    probe = textwrap.dedent(
        f"""
        import os, sys
        from PySide6.QtCore import QEvent, QObject, QTimer
        from PySide6.QtWidgets import QApplication, QMainWindow
        application = QApplication([])  # the app's start takes this one
        at_first_paint = []

        class Watch(QObject):
            def eventFilter(self, obj, event):
                if (not at_first_paint and event.type() == QEvent.Type.Paint
                        and obj.isWidgetType() and isinstance(obj.window(), QMainWindow)):
                    at_first_paint.append(sorted(m for m in sys.modules if m in {DATA_LAYER!r}))
                return False

        watch = Watch()
        application.installEventFilter(watch)

        def filled():  # once start-up is over: the window holds its overview
            window = next(
                (w for w in application.topLevelWidgets() if isinstance(w, QMainWindow)), None
            )
            if window is None or not hasattr(window, "overview_tab"):
                QTimer.singleShot(10, filled)
                return
            print(at_first_paint)
            print(sorted({{m.split(".")[0] for m in sys.modules}} & {{"openpyxl", "reportlab", "alembic"}}))
            print(sorted(m for m in sys.modules if m in {LOADED_WHEN_OPENED!r}))
            import linecache
            print(sum("sqlalchemy" in name for name in linecache.cache))
            print(type(window.overview_tab).__name__, window.windowTitle().endswith("qualitydesk.sqlite3"))
            window.complaints_tab
            print(sorted(m for m in sys.modules if m in {LOADED_WHEN_OPENED!r}))
            sys.stdout.flush()
            os._exit(0)

        QTimer.singleShot(0, filled)
        from app.main import main
        main(["--data-dir", {str(tmp_path)!r}, "--lang", "zh_CN"])
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUALITYDESK_CONFIG_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=180, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()[-6:]
    at_paint, heavy, at_start, sources_kept, overview, after_complaints = lines
    assert at_paint == "[[]]"  # painted once before any of the data layer was loaded
    assert heavy == "[]"
    assert at_start == "[]"
    # the sources PySide6's import hook read (~20 MB in linecache) are let go after start-up
    assert sources_kept == "0"
    assert overview == "OverviewTab True"  # then filled: the overview and the data file's name
    assert after_complaints == "['app.ui.complaints.tab']"
