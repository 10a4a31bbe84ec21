"""The message a record window shows when another clerk saved the record while it was open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.conflicts import RecordConflict
from app.ui.locale_format import datetime_text

KEEP = "keep"  # save the form's values over theirs, from the version now stored
DISCARD = "discard"  # drop the form's values and show the record as stored

FieldText = Callable[[str], str]  # a trail field path -> the label the form shows
ValueText = Callable[[str, str | None], str]  # (field path, stored text) -> shown value


def _plain_value(_field: str, value: str | None) -> str:
    return value or ""


class ConflictDialog(QDialog):
    """Who saved in between, when, and their changes; keep mine, discard mine, or go back."""

    def __init__(
        self,
        conflict: RecordConflict,
        field_text: FieldText = str,
        value_text: ValueText = _plain_value,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.choice: str | None = None
        self.setWindowTitle(self.tr("Saved by someone else meanwhile"))
        layout = QVBoxLayout(self)
        self.message = QLabel(self._message_text(conflict))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.changes = QTableWidget(0, 5, self)
        self.changes.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Field"), self.tr("Old value"),
             self.tr("New value")]
        )  # fmt: skip
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.verticalHeader().setVisible(False)
        self.changes.horizontalHeader().setStretchLastSection(True)
        rows = [(save, change) for save in conflict.saves for change in save.changes]
        self.changes.setRowCount(len(rows))
        for r, (save, change) in enumerate(rows):
            values = [
                datetime_text(save.at), save.user, field_text(change.field),
                value_text(change.field, change.old), value_text(change.field, change.new),
            ]  # fmt: skip
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.changes.setItem(r, c, item)
        self.changes.resizeColumnsToContents()
        self.changes.setVisible(bool(rows))
        layout.addWidget(self.changes)

        layout.addWidget(QLabel(self.tr("Your entries are still in the form. What now?")))
        buttons = QHBoxLayout()
        self.keep_button = QPushButton(self.tr("Keep my changes and save over theirs"))
        self.discard_button = QPushButton(self.tr("Discard mine and show theirs"))
        self.back_button = QPushButton(self.tr("Back to my form"))
        self.keep_button.clicked.connect(lambda: self._choose(KEEP))
        self.discard_button.clicked.connect(lambda: self._choose(DISCARD))
        self.back_button.clicked.connect(self.reject)
        for button in (self.keep_button, self.discard_button, self.back_button):
            buttons.addWidget(button)
        self.back_button.setDefault(True)
        layout.addLayout(buttons)
        self.resize(760, 380)

    def _message_text(self, conflict: RecordConflict) -> str:
        if conflict.user and conflict.at is not None:
            who = "、".join(conflict.users) if len(conflict.users) > 1 else conflict.user
            return self.tr(
                "Not saved: {user} saved {record} at {time} while you were editing it."
            ).format(user=who, record=conflict.label, time=datetime_text(conflict.at))
        return self.tr(
            "Not saved: {record} was saved by someone else while you were editing it."
        ).format(record=conflict.label)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask(
    parent: QWidget,
    conflict: RecordConflict,
    field_text: FieldText = str,
    value_text: ValueText = _plain_value,
) -> str | None:
    """KEEP, DISCARD, or None (back to the form, nothing saved)."""
    dialog = ConflictDialog(conflict, field_text, value_text, parent)
    dialog.exec()
    return dialog.choice
