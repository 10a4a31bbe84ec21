"""The Data menu: back up now or to a file, restore from a backup, check the data file, export
the audit trail.

Backups and the check run off the GUI thread (about a second for a 77 MB file); the window
stays usable and the result is told in the status bar and a message. A restore is chosen
here, but done by whoever owns the engine (AppController), which closes and reopens it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox
from sqlalchemy import Engine

from app.db import describe_database
from app.i18n import current_language
from app.services import backup_service
from app.services.audit_export import count_trail_lines, iter_trail_lines
from app.services.backup_service import BackupInfo, size_text
from app.ui.background import BackgroundOp, Progress, run_in_background
from app.ui.data_safety.restore_dialog import RestoreDialog, local_time_text
from app.ui.data_safety.trail_dialog import TrailExportDialog, TrailRequest
from app.ui.exporting import ask_save_path, export_in_background
from app.ui.field_service.sync_dialog import SyncActions

MAX_PROBLEMS_SHOWN = 20


class DataFileActions(QObject):
    """What the Data menu does for the window's data file."""

    restoreRequested = Signal(object)  # the backup file chosen and confirmed

    def __init__(self, window: QMainWindow, database_file: Path | None, engine: Engine) -> None:
        super().__init__(window)
        self.window = window
        # None: the database is on a server (the window disables what is about a file)
        self.database_file = Path(database_file) if database_file is not None else None
        self.engine = engine
        self.last_message = ""  # the last result told to the user (also for tests)

    def backup_folder(self) -> Path:
        if self.database_file is None:  # a server: its backups in this PC's data folder
            return backup_service.server_backup_folder(self.engine)
        return backup_service.backup_folder_for(self.database_file)

    def _backup_source(self) -> Path | Engine:
        """What a backup copies: the data file, or on a server the engine (its whole database)."""
        return self.database_file if self.database_file is not None else self.engine

    def fill_menu(self, menu: QMenu) -> None:
        self.back_up_action = menu.addAction(self.tr("Back up now"), self.back_up_now)
        self.back_up_to_action = menu.addAction(self.tr("Back up to…"), self.back_up_to)
        menu.addSeparator()
        self.restore_action = menu.addAction(
            self.tr("Restore from a backup…"), self.choose_backup_to_restore
        )
        menu.addSeparator()
        self.check_action = menu.addAction(self.tr("Check the data file"), self.check_data_file)
        self.trail_action = menu.addAction(
            self.tr("Export the audit trail…"), self.export_audit_trail
        )
        menu.addSeparator()  # field records between a laptop and the office (issue 6)
        self.sync_actions = SyncActions(self.window, self.engine)
        self.sync_actions.fill_menu(menu)

    # ------------------------------------------------------------------ telling the result

    def _status(self, text: str, timeout_ms: int = 0) -> None:
        self.window.statusBar().showMessage(text, timeout_ms)

    def _tell(self, title: str, text: str, warning: bool = False) -> None:
        self.last_message = text
        (QMessageBox.warning if warning else QMessageBox.information)(self.window, title, text)

    def _backup_failed(self, error: BaseException) -> None:
        text = self.tr("No backup was made: {reason}\n\nThe data file is unchanged.").format(
            reason=error
        )
        self._status(self.tr("Backup failed."))
        self._tell(self.tr("Backup failed"), text, warning=True)

    def _backup_made(self, info: BackupInfo) -> None:
        self._status(self.tr("Backup made and checked: {path}").format(path=info.path), 15000)
        self._tell(
            self.tr("Backup made"),
            self.tr(
                "The backup was made and checked (integrity check passed):\n{path}\n{size}, {when}"
            ).format(path=info.path, size=size_text(info.size), when=local_time_text(info.made_at)),
        )

    # ------------------------------------------------------------------ backups

    def back_up_now(self) -> BackgroundOp:
        """A verified backup into the backup folder; older ones are thinned out by rotation."""
        source, folder = self._backup_source(), self.backup_folder()
        label = self.tr("Backing up the data file…")
        self._status(label)
        return run_in_background(
            self.window,
            lambda _progress: backup_service.make_backup(source, folder),
            self._backup_made,
            self._backup_failed,
            label,
        )

    def back_up_to(self) -> BackgroundOp | None:
        """A verified backup to a file of the user's choosing, e.g. on a USB stick."""
        name = backup_service.backup_name(datetime.now(UTC), backup_service.MANUAL)
        target = ask_save_path(
            self.window,
            self.tr("Back up the data file to"),
            name,
            self.tr("QualityDesk data files (*.sqlite3)"),
        )
        if target is None:
            return None
        source = self._backup_source()
        label = self.tr("Backing up the data file…")
        self._status(label)
        return run_in_background(
            self.window,
            lambda _progress: backup_service.backup_to(source, target),
            self._backup_made,
            self._backup_failed,
            label,
        )

    # ------------------------------------------------------------------ restore

    def choose_backup_to_restore(self) -> Path | None:
        dialog = RestoreDialog(self.database_file, self.window)
        try:
            if dialog.exec() and dialog.chosen is not None:
                self.restoreRequested.emit(dialog.chosen)
                return dialog.chosen
            return None
        finally:
            dialog.deleteLater()

    # ------------------------------------------------------------------ audit trail

    def export_audit_trail(self, request: TrailRequest | None = None) -> BackgroundOp | None:
        """The trail entries of a period and/or a record (asked for unless given) in the order
        written, as a workbook (off the GUI thread)."""
        if request is None:
            dialog = TrailExportDialog(self.engine, date.today(), self.window)
            try:
                if not dialog.exec():
                    return None
                request = dialog.result_value
            finally:
                dialog.deleteLater()
        path = ask_save_path(
            self.window,
            self.tr("Export the audit trail"),
            self.tr("audit-trail.xlsx"),
            self.tr("Excel workbooks (*.xlsx)"),
        )
        if path is None:
            return None
        engine, lang = self.engine, current_language()
        source = str(self.database_file or describe_database(engine.url))
        which = {"since": request.since, "until": request.until, "record": request.record}

        def work(progress: Progress) -> Path:
            # openpyxl loads when the trail is exported, not at start-up
            from app.reports.excel.audit_trail_xlsx import write_audit_trail

            write_audit_trail(
                path,
                iter_trail_lines(engine, **which),
                lang=lang,
                source_file=source,
                scope=request.scope(),
                progress=progress.report,
                is_cancelled=progress.cancelled,
                total=count_trail_lines(engine, **which),
            )
            return path

        def done(written: Path) -> None:
            self._status(self.tr("Audit trail exported: {path}").format(path=written), 15000)

        return export_in_background(self.window, self.tr("Exporting the audit trail…"), work, done)

    # ------------------------------------------------------------------ check

    def check_data_file(self) -> BackgroundOp:
        """integrity_check, foreign keys and the audit trail's chain, without changing anything."""
        path = self.database_file
        label = self.tr("Checking the data file…")
        self._status(label)
        return run_in_background(
            self.window,
            lambda _progress: backup_service.check_database(path),
            self._checked,
            self._check_failed,
            label,
        )

    def _checked(self, problems: list[str]) -> None:
        if not problems:
            self._status(self.tr("Data file checked: no problems found."), 15000)
            self._tell(
                self.tr("Check the data file"),
                self.tr(
                    "No problems found in\n{path}\n\nThe integrity check, the links between "
                    "records and the audit trail are in order."
                ).format(path=self.database_file),
            )
            return
        shown = [" ".join(problem.split()) for problem in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append(
                self.tr("… and {count} more").format(count=len(problems) - MAX_PROBLEMS_SHOWN)
            )
        self._status(self.tr("Data file checked: {count} problem(s).").format(count=len(problems)))
        self._tell(
            self.tr("Check the data file"),
            self.tr(
                "The check found problems in\n{path}\n\n{problems}\n\nNothing was changed. "
                "Make a backup to another place now (Back up to…), and consider restoring the "
                "newest backup from before the problem."
            ).format(path=self.database_file, problems="\n".join(shown)),
            warning=True,
        )

    def _check_failed(self, error: BaseException) -> None:
        self._status(self.tr("The data file could not be checked."))
        self._tell(
            self.tr("Check the data file"),
            self.tr("The data file could not be checked: {reason}").format(reason=error),
            warning=True,
        )
