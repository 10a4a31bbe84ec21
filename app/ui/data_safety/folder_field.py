"""The backup folder of a data file on this PC: shown, changed, back to the default."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.config import Preferences
from app.services import backup_service
from app.ui.widgets.form import ErrorLabel


def folder_problem(folder: Path) -> str:
    """Why backups cannot be written into folder (made if missing); empty when they can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".qd-write-test-"):
            pass
    except OSError as error:
        return error.strerror or str(error)
    return ""


class BackupFolderField(QWidget):
    """Path, "Change…" and "Use the default"; save() stores the choice in the Preferences."""

    folderChanged = Signal(object)  # the Path now shown

    def __init__(self, database_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database_file = Path(database_file)
        self.default = backup_service.default_folder(self.database_file)
        chosen = Preferences.load().backup_folder_for(self.database_file)
        self._folder = chosen or self.default
        self.path = QLineEdit(str(self._folder), self)
        self.path.setReadOnly(True)
        self.path.setMinimumWidth(320)
        self.change_button = QPushButton(self.tr("Change…"), self)
        self.default_button = QPushButton(self.tr("Use the default"), self)
        self.default_button.setToolTip(str(self.default))
        self.change_button.clicked.connect(self.choose)
        self.default_button.clicked.connect(lambda: self.set_folder(self.default))
        self.error = ErrorLabel(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.change_button)
        row.addWidget(self.default_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self._update()

    def folder(self) -> Path:
        return self._folder

    def choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the backup folder"), str(self._folder)
        )
        if chosen:
            self.set_folder(Path(chosen))

    def set_folder(self, folder: Path) -> bool:
        """Show folder if backups can be written there; else say why and keep the old one."""
        folder = Path(folder)
        problem = folder_problem(folder)
        if problem:
            self.error.show_message(
                self.tr("Backups cannot be written to {folder}: {reason}").format(
                    folder=folder, reason=problem
                )
            )
            return False
        self.error.show_message("")
        self._folder = folder
        self.path.setText(str(folder))
        self._update()
        self.folderChanged.emit(folder)
        return True

    def _update(self) -> None:
        self.default_button.setEnabled(self._folder != self.default)

    def save(self) -> None:
        """Remember the folder shown for this data file (the default is stored as no choice)."""
        prefs = Preferences.load()
        prefs.set_backup_folder(
            self.database_file, None if self._folder == self.default else self._folder
        )
        prefs.save()
