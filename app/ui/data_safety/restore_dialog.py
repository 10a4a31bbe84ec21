"""Choosing a backup to restore: the kept backups with date, size and kind, or any file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import backup_service
from app.services.backup_service import BackupInfo, size_text
from app.ui.data_safety.folder_field import BackupFolderField

COL_DATE, COL_SIZE, COL_KIND, COL_FILE = range(4)


def local_time_text(made_at: datetime) -> str:
    return made_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def kind_text(reason: str) -> str:
    """Why a backup was made, in the user's words."""
    translate = QCoreApplication.translate
    known = {
        "": translate("Backups", "Automatic"),
        "start": translate("Backups", "Automatic, at start"),
        backup_service.MANUAL: translate("Backups", "Made by hand"),
        "before-restore": translate("Backups", "Safety copy before a restore"),
        "before-migration": translate("Backups", "Before a program update"),
        "before-import": translate("Backups", "Before an import"),
        "before-sync": translate("Backups", "Before a merge of records"),
    }
    if reason in known:
        return known[reason]
    if reason.startswith(backup_service.SAFETY_PREFIX):
        what = reason.removeprefix(backup_service.SAFETY_PREFIX)
        return translate("Backups", "Before: {what}").format(what=what)
    return reason


class RestoreDialog(QDialog):
    """Lists the backups of the backup folder; chosen is the file to restore once confirmed."""

    def __init__(self, database_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database_file = Path(database_file)
        self.chosen: Path | None = None
        self.backups: list[BackupInfo] = []
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.resize(760, 480)

        intro = QLabel(
            self.tr(
                "Choose the backup to put back. All records in {path} are replaced by the "
                "backup's. First, the current data are saved as a safety backup, so this step "
                "can be undone."
            ).format(path=self.database_file),
            self,
        )
        intro.setWordWrap(True)
        self.folder_field = BackupFolderField(self.database_file, self)
        self.folder_field.folderChanged.connect(self._folder_changed)
        folder_form = QFormLayout()
        folder_form.addRow(self.tr("Backup folder"), self.folder_field)

        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Made on"), self.tr("Size"), self.tr("Kind"), self.tr("File")]
        )
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(90)  # readable headers while the list is empty
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda *_: self.restore_selected())
        self.empty_note = QLabel(self)
        self.empty_note.setWordWrap(True)

        self.restore_button = QPushButton(self.tr("Restore the selected backup…"), self)
        self.restore_button.setDefault(True)
        self.file_button = QPushButton(self.tr("Choose a file…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button.clicked.connect(self.choose_file)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.file_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(folder_form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_note)
        layout.addLayout(buttons)
        self.reload()

    def folder(self) -> Path:
        return self.folder_field.folder()

    def _folder_changed(self, _folder: Path) -> None:
        self.folder_field.save()  # the folder shown is where backups go from now on
        self.reload()

    def reload(self) -> None:
        self.backups = backup_service.list_backups(self.folder())
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            cells = (
                local_time_text(info.made_at),
                size_text(info.size),
                kind_text(info.reason),
                info.path.name,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == COL_SIZE:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        if self.backups:
            self.table.selectRow(0)
            self.empty_note.hide()
        else:
            self.empty_note.setText(
                self.tr(
                    "There are no backups in this folder. Choose another folder, or a backup "
                    "file anywhere with “Choose a file…”."
                )
            )
            self.empty_note.show()
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def restore_selected(self) -> bool:
        info = self.selected()
        if info is None:
            return False
        return self._confirm_and_accept(info.path, info.made_at)

    def choose_file(self) -> bool:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup file"),
            str(self.folder()),
            self.tr("QualityDesk data files (*.sqlite3 *.db);;All files (*)"),
        )
        if not chosen:
            return False
        path = Path(chosen)
        parsed = backup_service.parse_name(path)
        if parsed is not None:
            made_at = parsed[0]
        else:
            try:
                made_at = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            except OSError:
                made_at = None
        return self._confirm_and_accept(path, made_at)

    def confirmation_text(self, path: Path, made_at: datetime | None) -> str:
        safety = self.folder() / backup_service.backup_name(datetime.now(UTC), "before-restore")
        when = local_time_text(made_at) if made_at is not None else "?"
        return self.tr(
            "Replace all records in\n{data}\nwith the backup of {when}\n({backup})?\n\n"
            "First, the current data are saved as the safety backup\n{safety}\n"
            "so you can go back to them with this same dialog."
        ).format(data=self.database_file, when=when, backup=path, safety=safety)

    def _confirm_and_accept(self, path: Path, made_at: datetime | None) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Restore this backup?"),
            self.confirmation_text(path, made_at),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.chosen = path
        self.accept()
        return True
