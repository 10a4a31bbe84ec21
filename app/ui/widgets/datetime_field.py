"""A date-and-time field that may stay empty, with a "Now" button; shown in the PC's local time."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from app.services.parsing import parse_date_text

_TIME = re.compile(r"^(\d{1,2})\s*[:：时點点]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?\s*(?:秒|分)?$")
_COMPACT_TIME = re.compile(r"^(\d{2})(\d{2})$")


def format_local(value: datetime | None) -> str:
    """yyyy-mm-dd HH:MM in the PC's time zone."""
    if value is None:
        return ""
    return (value.astimezone() if value.tzinfo else value).strftime("%Y-%m-%d %H:%M")


def parse_datetime_text(text: str) -> datetime | None:
    """'2026-03-05 14:30', '2026/3/5 9:05', '2026年3月5日 14:30' (local time); blank gives None.

    A time is required: deadlines count in hours, so a bare date would be a guess.
    """
    text = unicodedata.normalize("NFKC", text).strip().replace("T", " ")
    if not text:
        return None
    parts = text.rsplit(None, 1)
    if len(parts) != 2:
        raise ValueError(f"no time in {text!r}")
    day = parse_date_text(parts[0])
    if day is None:
        raise ValueError(f"no date in {text!r}")
    match = _TIME.match(parts[1]) or _COMPACT_TIME.match(parts[1])
    if match is None:
        raise ValueError(f"not a time: {parts[1]!r}")
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3)) if match.re is _TIME and match.group(3) else 0
    return datetime(day.year, day.month, day.day, hour, minute, second).astimezone()


class DateTimeField(QWidget):
    """Keeps the stored value exactly (seconds included) while its text is not edited."""

    textEdited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(self.tr("YYYY-MM-DD HH:MM"))
        self.line.setClearButtonEnabled(True)
        self.line.textEdited.connect(self.textEdited)
        self.now_button = QToolButton(self)
        self.now_button.setText(self.tr("Now"))
        self.now_button.setToolTip(self.tr("Fill in the current date and time"))
        self.now_button.clicked.connect(self.set_now)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.now_button)
        self.setFocusProxy(self.line)
        self._value: datetime | None = None
        self._shown = ""

    def set_now(self) -> None:
        self.set_value(datetime.now().astimezone().replace(microsecond=0))
        self.textEdited.emit(self.line.text())

    def text(self) -> str:
        return self.line.text()

    def set_value(self, value: datetime | None) -> None:
        self._value = value
        self._shown = format_local(value)
        self.line.setText(self._shown)

    def value(self) -> datetime | None:
        """The entered time; raises ValueError when the text is not a date and time."""
        if self.line.text().strip() == self._shown:
            return self._value
        return parse_datetime_text(self.line.text())

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        self.line.setClearButtonEnabled(not read_only)
        self.now_button.setEnabled(not read_only)
