"""The open database behind the window: opening it at start, and the controller that owns the
engine, the data file's lock and the main window (rebuilt on a language switch or a restore).

Imported once the window's frame is painted (app/ui/application.py): this is where the data
layer — SQLAlchemy, the models and the services — is loaded.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.config import APP_NAME, Preferences, database_path, resolve_data_dir, resolve_db_url
from app.data_lock import DataLock
from app.db import (
    ServerError,
    describe_database,
    is_server_url,
    open_data_file,
    open_url,
    parse_url,
    record_clean_close,
)
from app.services import backup_service, settings_service
from app.services.restore_record import record_restore
from app.ui.application import START_BACKUP_DELAY_MS, Translations, preferred_language
from app.ui.background import BackgroundOp, run_in_background
from app.ui.data_safety.startup import DataFileOpener
from app.ui.main_window import MainWindow


class AppController(QObject):
    """Owns the engine, the data file's lock and the main window; rebuilds the window when the
    language changes or a backup has been restored. On a database server database_file is
    None: there is no file to lock, check, note a clean close of or back up at start."""

    def __init__(
        self,
        application: QApplication,
        engine,  # noqa: ANN001
        database_file: Path | None,
        language: str | None = None,
        lock: DataLock | None = None,
        wal: bool = True,
        window: MainWindow | None = None,
    ) -> None:
        """window: the frame shown while the database opened, filled now; else a new window."""
        super().__init__()
        self.application = application
        self.engine = engine
        self.database_file = database_file
        self.lock = lock
        self.wal = wal
        self.translations = Translations(application)
        self.language = language or preferred_language()
        self.translations.apply(self.language)
        if window is not None:
            window.open_data(engine, database_file)
            self.window = self._connect(window)
        else:
            self.window = self._make_window()
        self._shut_down = False

    def _make_window(self) -> MainWindow:
        return self._connect(MainWindow(self.engine, self.database_file, self.language))

    def _connect(self, window: MainWindow) -> MainWindow:
        window.languageChangeRequested.connect(self.switch_language)
        window.data_file_actions.restoreRequested.connect(self.restore_backup)
        return window

    def _replace_window(self) -> None:
        old = self.window
        self.window = self._make_window()
        self.window.setGeometry(old.geometry())
        self.window.show()
        old.close()
        old.deleteLater()

    def back_up_at_start(self) -> BackgroundOp | None:
        """A verified backup when the data changed since the last one, off the GUI thread."""
        if self._shut_down or not shiboken6.isValid(self.window):
            return None  # closed within the delay: the next start backs up
        if self.database_file is None:
            return None  # a server: its administrator backs it up (README, pg_dump)
        path = self.database_file
        folder = backup_service.backup_folder_for(path)

        def work(_progress: object) -> backup_service.BackupInfo | None:
            if not backup_service.needs_backup(path, folder):
                return None
            return backup_service.make_backup(path, folder, reason="start")

        def done(info: backup_service.BackupInfo | None) -> None:
            if info is None:
                text = self.tr("Data file: {path} (unchanged since the last backup)")
                self.window.statusBar().showMessage(text.format(path=path), 15000)
                return
            text = self.tr("Backup made at start and checked: {path}").format(path=info.path)
            self.window.statusBar().showMessage(text, 15000)

        def failed(error: BaseException) -> None:
            text = self.tr(
                "The automatic backup at start failed: {reason}\n\nThe data file is "
                "unchanged. Check the backup folder under Settings, or use Data → Back up to…"
            ).format(reason=error)
            self.window.statusBar().showMessage(self.tr("The automatic backup failed."))
            QMessageBox.warning(self.window, self.tr("Automatic backup failed"), text)

        self.window.statusBar().showMessage(self.tr("Backing up the data file…"))
        # no parent: the op must outlive a window rebuilt meanwhile (language switch)
        return run_in_background(None, work, done, failed)

    def restore_backup(self, backup: Path) -> BackgroundOp | None:
        """Put a backup in place (after a safety backup), reopen the data file, rebuild the tabs."""
        window = self.window
        if self.database_file is None or not window.can_close():
            return None
        path, folder = self.database_file, backup_service.backup_folder_for(self.database_file)
        self.engine.dispose()  # no pooled connection of ours is left on the file meanwhile

        def done(before: backup_service.BackupInfo | None) -> None:
            if not self._reopen():
                return
            record_restore(
                self.engine, backup, before, user=settings_service.current_user(self.engine)
            )
            kept = (
                self.tr("The data as they were before are kept in:\n{path}").format(
                    path=before.path
                )
                if before is not None
                else ""
            )
            text = self.tr("The backup\n{backup}\nhas been restored.\n\n{kept}").format(
                backup=backup, kept=kept
            )
            self.window.statusBar().showMessage(
                self.tr("Backup restored: {path}").format(path=backup), 15000
            )
            QMessageBox.information(self.window, self.tr("Backup restored"), text.strip())

        def failed(error: BaseException) -> None:
            for tab in window.built_tabs():  # a tab not built yet reads when it is
                tab.refresh()
            QMessageBox.warning(
                window,
                self.tr("Not restored"),
                self.tr("The backup was not restored: {reason}").format(reason=error),
            )

        return run_in_background(
            window,
            lambda _progress: backup_service.restore(backup, path, folder),
            done,
            failed,
            self.tr("Restoring the backup…"),
        )

    def _reopen(self) -> bool:
        """Open the data file anew (a restored backup may need its migrations) and the window."""
        assert self.database_file is not None  # restoring is about a data file
        try:
            engine = open_data_file(self.database_file, wal=self.wal)
        except Exception as error:  # noqa: BLE001
            QMessageBox.critical(
                self.window,
                APP_NAME,
                self.tr("The data file could not be opened:\n{path}\n\n{reason}").format(
                    path=self.database_file, reason=error
                ),
            )
            return False
        old_engine, self.engine = self.engine, engine
        self._replace_window()
        old_engine.dispose()
        return True

    def shut_down(self) -> None:
        """Let running backups finish, close the engine and give the data file's lock back."""
        self._shut_down = True
        QThreadPool.globalInstance().waitForDone(60_000)
        self.engine.dispose()
        if self.database_file is not None:
            record_clean_close(self.database_file)  # the next start need not read it all again
        if self.lock is not None:
            self.lock.release()

    def switch_language(self, language: str) -> None:
        if language == self.language:
            return
        old = self.window
        if not old.can_close():
            return
        prefs = Preferences.load()
        prefs.language = language
        prefs.save()
        self.language = language
        self.translations.apply(language)
        self._replace_window()


def open_the_data(
    application: QApplication,
    window: MainWindow,
    data_dir: str | None,
    language: str,
    db_url: str | None,
) -> AppController | None:
    """The database for the window's frame: db_url (--db-url), else $QUALITYDESK_DB_URL, else
    this PC's preference, else the data folder's file; its lock, check and migrations, then the
    window filled and the start-up backup planned. None when the window must not open (the file
    is in use, the server cannot be reached, the user chose to quit, …); the user has been told
    why."""
    url = resolve_db_url(db_url)
    if url is not None:
        try:
            on_server = is_server_url(url)
        except ServerError as error:
            QMessageBox.critical(None, APP_NAME, str(error))
            return None
        if on_server:
            return start_on_server(application, url, language, window)
    folder = resolve_data_dir(data_dir)
    database_file = database_path(folder)
    if url is not None:  # sqlite:///path: that data file
        database_file = Path(parse_url(url).database or "").expanduser().absolute()
        folder = database_file.parent
    opened = DataFileOpener(folder, database_file=database_file).open()
    if opened is None:
        return None
    controller = AppController(
        application,
        opened.engine,
        database_file,
        language,
        lock=opened.lock,
        wal=opened.location.wal_safe,
        window=window,
    )
    # the backup reads the whole file (seconds with years of records): it starts once the
    # window is painted and its first lists are read, not in competition with them
    QTimer.singleShot(START_BACKUP_DELAY_MS, controller, controller.back_up_at_start)
    return controller


def start_on_server(
    application: QApplication, url: str, language: str, window: MainWindow
) -> AppController | None:
    """The window on a database server: migrated under the server's lock (open_url); no data
    file lock, start-up check or start-up backup. A server that cannot be used is told in the
    user's language, without the password."""
    try:
        engine = open_url(url)
    except Exception as error:  # noqa: BLE001  (tell the user instead of a traceback)
        QMessageBox.critical(
            None,
            APP_NAME,
            QCoreApplication.translate(
                "AppController", "The database could not be opened:\n{database}\n\n{reason}"
            ).format(database=describe_database(url), reason=error),
        )
        return None
    return AppController(application, engine, None, language, window=window)
