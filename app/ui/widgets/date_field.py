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
        # the calendar is made when the button is first pressed: a form holds a dozen date
        # fields, and a calendar costs more to build than the rest of its field
        self.calendar: QCalendarWidget | None = None
        menu = QMenu(self.button)
        menu.aboutToShow.connect(self._show_calendar)
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)

    def _show_calendar(self) -> None:
        """Build the calendar on first use; open it on the typed date (if it is one)."""
        if self.calendar is None:
            self.calendar = QCalendarWidget()
            self.calendar.clicked.connect(self._picked)
            menu = self.button.menu()
            action = QWidgetAction(menu)
            action.setDefaultWidget(self.calendar)
            menu.addAction(action)
        try:
            typed = self.date()
        except ValueError:
            typed = None  # a half-typed date: the calendar stays where it was
        if typed is not None:
            self.calendar.setSelectedDate(QDate(typed.year, typed.month, typed.day))

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

    def date(self) -> date | None:
        """The typed date; raises ValueError when the text is not a date."""
        return parse_date_text(self.line.text())
