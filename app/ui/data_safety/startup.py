"""Opening the data file when the window starts: the lock, where the file lives, a damaged file.

In this order: the lock first (a second copy opens nothing, not even for the start-up check,
which may move a damaged file aside), then a warning for a network share or removable drive,
then the start-up check and migrations (open_database). A damaged file has been moved aside by
then; the user chooses between the newest good backup, an empty data file and quitting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import Engine

from app.config import APP_NAME, database_path
from app.data_lock import DataFileInUse, DataLock, DataLockError
from app.db import DamagedDatabase, open_data_file, open_database
from app.services import backup_service, settings_service, storage_location
from app.services.backup_service import BackupError, BackupInfo
from app.services.restore_record import record_restore
from app.services.storage_location import StorageLocation
from app.ui.data_safety.damaged_dialog import EMPTY, RESTORE, DamagedFileDialog


@dataclass
class OpenedData:
    engine: Engine
    lock: DataLock
    location: StorageLocation


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest good backup in the chosen backup folder or in backups/ beside the file."""
    folders = {backup_service.backup_folder_for(db_path), backup_service.default_folder(db_path)}
    found = [info for folder in folders if (info := backup_service.newest_good_backup(folder))]
    return max(found, key=lambda info: info.made_at, default=None)


class DataFileOpener(QObject):
    """Takes the lock and opens the data file of a data folder, asking the user where needed."""

    def __init__(
        self, data_dir: Path, parent: QWidget | None = None, database_file: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        # the data folder's file, or another one named by --db-url sqlite:///…
        self.database_file = Path(database_file or database_path(self.data_dir))
        self.parent_widget = parent

    def open(self) -> OpenedData | None:
        """The engine, the lock held and the location; None when the window must not start."""
        lock = DataLock(self.database_file)
        try:
            lock.acquire()
        except DataFileInUse as error:
            QMessageBox.critical(
                self.parent_widget,
                self.tr("{app} is already open").format(app=APP_NAME),
                self.tr("{message}\n\nThis copy of {app} closes now.").format(
                    message=error.describe(), app=APP_NAME
                ),
            )
            return None
        except DataLockError as error:
            QMessageBox.critical(self.parent_widget, APP_NAME, str(error))
            return None
        location = storage_location.classify(self.data_dir)
        if not location.wal_safe:
            QMessageBox.warning(
                self.parent_widget,
                self.tr("Where the data file lives"),
                location.warning(self.data_dir),
            )
        engine = self.open_engine(location.wal_safe)
        if engine is None:
            lock.release()
            return None
        return OpenedData(engine, lock, location)

    def _open(self, wal: bool) -> Engine:
        if self.database_file == database_path(self.data_dir):
            return open_database(self.data_dir, wal=wal)
        return open_data_file(self.database_file, wal=wal)

    def open_engine(self, wal: bool) -> Engine | None:
        try:
            return self._open(wal)
        except DamagedDatabase as damaged:
            return self._recover(damaged, wal)
        except Exception as error:  # noqa: BLE001  (tell the user instead of a traceback)
            self._cannot_open(error)
            return None

    def _recover(self, damaged: DamagedDatabase, wal: bool) -> Engine | None:
        """Ask what to do about the damaged file (already moved aside) until it is settled."""
        backup = damaged.newest_backup or newest_good_backup(self.database_file)
        note = ""
        while True:
            choice = self.ask(damaged, backup, note)
            restored: BackupInfo | None = None
            before: BackupInfo | None = None
            if choice == RESTORE and backup is not None:
                try:
                    before = backup_service.restore(
                        backup.path,
                        self.database_file,
                        backup_service.backup_folder_for(self.database_file),
                    )
                    restored = backup
                except (BackupError, OSError) as error:
                    note = self.tr("The backup could not be restored: {reason}").format(
                        reason=error
                    )
                    backup = newest_good_backup(self.database_file)
                    continue
            elif choice != EMPTY:
                return None
            # the damaged file is out of the way: this opens the restored backup or a new file
            try:
                engine = self._open(wal)
                if restored is not None:
                    reason = self.tr(
                        "The data file was damaged ({problem}); kept as {path}"
                    ).format(problem=damaged.problem, path=damaged.moved_to)
                    user = settings_service.current_user(engine)
                    record_restore(engine, restored.path, before, user=user, reason=reason)
                return engine
            except DamagedDatabase as again:
                damaged, backup, note = again, again.newest_backup, ""
            except Exception as error:  # noqa: BLE001
                self._cannot_open(error)
                return None

    def ask(self, damaged: DamagedDatabase, backup: BackupInfo | None, note: str) -> str:
        return DamagedFileDialog(damaged, backup, self.parent_widget, note).ask()

    def _cannot_open(self, error: BaseException) -> None:
        QMessageBox.critical(
            self.parent_widget,
            APP_NAME,
            self.tr("The data file could not be opened:\n{path}\n\n{reason}").format(
                path=self.database_file, reason=error
            ),
        )
