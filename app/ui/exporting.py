"""Asking where to save an export and writing it off the GUI thread, with clear failure messages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.config import Preferences
from app.reports.files import ExportCancelled
from app.ui.background import BackgroundOp, Progress, run_in_background


def ask_save_path(
    parent: QWidget, caption: str, default_name: str, name_filter: str
) -> Path | None:
    """A save dialog that starts in the folder of the last export; remembers the new one."""
    prefs = Preferences.load()
    start = Path(prefs.last_export_dir or Path.home()) / default_name
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, str(start), name_filter)
    if not chosen:
        return None
    path = Path(chosen)
    suffix = name_filter.rsplit("*", 1)[-1].rstrip(")").strip()
    if suffix.startswith(".") and path.suffix.lower() != suffix.lower():
        path = path.with_name(path.name + suffix)
    prefs.last_export_dir = str(path.parent)
    prefs.save()
    return path


def export_in_background(
    parent: QWidget,
    label: str,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
) -> BackgroundOp:
    """Run an export with a progress dialog; cancel is quiet, any other failure is explained."""

    def failed(error: BaseException) -> None:
        if isinstance(error, ExportCancelled):
            return
        if isinstance(error, OSError):
            detail = QCoreApplication.translate(
                "Export", "The file could not be written: {reason}"
            ).format(reason=error.strerror or str(error))
        else:
            detail = str(error) or error.__class__.__name__
        QMessageBox.warning(parent, QCoreApplication.translate("Export", "Export failed"), detail)

    return run_in_background(parent, work, on_done, failed, label)
