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


def test_the_main_window_is_built_without_export_libraries_or_alembic(tmp_path):
    open_database(tmp_path).dispose()  # made and migrated: what follows is a normal start
    probe = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from app.main import DATA_LAYER
        import importlib
        for name in DATA_LAYER:
            importlib.import_module(name)
        loaded_before_qt = [m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")]
        from PySide6.QtWidgets import QApplication
        from app.db import open_database
        from app.ui.main_window import MainWindow
        application = QApplication([])
        data = Path({str(tmp_path)!r})
        engine = open_database(data)
        window = MainWindow(engine, data / "qualitydesk.sqlite3", "zh_CN", show_due_list=False)
        window.show()
        application.processEvents()
        print(loaded_before_qt)
        print(sorted({{m.split(".")[0] for m in sys.modules}} & {{"openpyxl", "reportlab", "alembic"}}))
        print(sorted(m for m in sys.modules if m in {LOADED_WHEN_OPENED!r}))
        window.complaints_tab
        print(sorted(m for m in sys.modules if m in {LOADED_WHEN_OPENED!r}))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUALITYDESK_CONFIG_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=180, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    before_qt, heavy, at_start, after_complaints = done.stdout.strip().splitlines()[-4:]
    assert before_qt == "[]"  # the data layer never pulls Qt in ahead of itself
    assert heavy == "[]"
    assert at_start == "[]"
    assert after_complaints == "['app.ui.complaints.tab']"
