"""A date field that may stay empty, accepts typed dates in the usual Chinese forms, and has a calendar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from app.services.parsing import parse_date_text


class DateField(QWidget):
    textEdited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.line.setClearButtonEnabled(True)
        self.line.textEdited.connect(self.textEdited)
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setToolTip(self.tr("Pick a date from the calendar"))
        self.calendar = QCalendarWidget()
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)

    def _picked(self, qdate: QDate) -> None:
        self.line.setText(qdate.toString("yyyy-MM-dd"))
        self.textEdited.emit(self.line.text())
        self.button.menu().close()

    def text(self) -> str:
        return self.line.text()

    def set_date(self, value: date | None) -> None:
        # yyyy-MM-dd in both languages, not the locale's date (app/ui/locale_format.py): what
        # is shown here is typed over and read back year first (parse_date_text), and the
        # paper forms' dates are written so; a UK 05/03/2026 and a US 3/5/2026 cannot be told
        # apart
        self.line.setText(value.isoformat() if value else "")
        if value:
            self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def date(self) -> date | None:
        """The typed date; raises ValueError when the text is not a date."""
        return parse_date_text(self.line.text())
