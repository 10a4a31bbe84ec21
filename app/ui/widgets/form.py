"""Form building blocks: a field with its error message right below it."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_COLOR = QColor("#c0392b")


class ErrorLabel(QLabel):
    """A red message shown under a field; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        # red by the label's palette: a style sheet of its own costs a label twice as much to
        # build, and a ticket's window has some eighty of them
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOR)
        self.setPalette(palette)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


class FieldWithError(QWidget):
    """Wraps an editor so a message can appear next to it without moving other fields."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)
        self.setFocusProxy(editor)

    def set_error(self, message: str) -> None:
        self.error.show_message(message)
        self.editor.setProperty("invalid", bool(message))
        self.editor.setStyleSheet("border: 1px solid #c0392b;" if message else "")
