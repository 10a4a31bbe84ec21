"""What the user is told at start when the data file is damaged, and what they can do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.config import APP_NAME
from app.db import DamagedDatabase
from app.services.backup_service import BackupInfo, size_text
from app.ui.data_safety.restore_dialog import local_time_text

RESTORE = "restore"
EMPTY = "empty"
QUIT = "quit"


class DamagedFileDialog(QMessageBox):
    """Set aside as *.damaged, the problem, the newest good backup; restore, start empty or quit."""

    def __init__(
        self,
        damaged: DamagedDatabase,
        backup: BackupInfo | None,
        parent: QWidget | None = None,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.damaged, self.backup = damaged, backup
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("{app}: the data file is damaged").format(app=APP_NAME))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(
            self.tr(
                "The data file cannot be used: it is damaged. Nothing was overwritten — the "
                "file has been set aside unchanged as:\n{moved}"
            ).format(moved=damaged.moved_to)
        )
        problem = " ".join(damaged.problem.split())
        details = [self.tr("What was found: {problem}").format(problem=problem)]
        if backup is not None:
            details.append(
                self.tr(
                    "The newest good backup is from {when} ({size}):\n{path}\n\n"
                    "Restore it to go on with the data as they were then; what was entered "
                    "after that has to be entered again."
                ).format(
                    when=local_time_text(backup.made_at),
                    size=size_text(backup.size),
                    path=backup.path,
                )
            )
        else:
            details.append(
                self.tr(
                    "No good backup was found. You can start with an empty data file (the "
                    "damaged one stays where it is, for an expert to rescue), or quit."
                )
            )
        if note:
            details.append(note)
        self.setInformativeText("\n\n".join(details))
        self.restore_button = None
        if backup is not None:
            self.restore_button = self.addButton(
                self.tr("Restore this backup"), QMessageBox.ButtonRole.AcceptRole
            )
        self.empty_button = self.addButton(
            self.tr("Start with an empty data file"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.quit_button = self.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.restore_button or self.quit_button)
        self.setEscapeButton(self.quit_button)

    def choice(self) -> str:
        """RESTORE, EMPTY or QUIT, from the button clicked (QUIT when the box was closed)."""
        clicked = self.clickedButton()
        if clicked is not None and clicked is self.restore_button:
            return RESTORE
        if clicked is self.empty_button:
            return EMPTY
        return QUIT

    def ask(self) -> str:
        self.exec()
        return self.choice()
