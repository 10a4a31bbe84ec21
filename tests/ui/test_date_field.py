"""The date field's calendar: made when first opened, on the date typed, and picking fills the field."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QCalendarWidget

from app.ui.widgets.date_field import DateField


def _open_calendar(qtbot, field: DateField, while_open) -> None:  # noqa: ANN001
    """Press the field's calendar button; while_open(calendar) runs with the calendar shown
    (the menu's own event loop), then the menu is closed if it is still open."""
    menu = field.button.menu()

    def act() -> None:
        try:
            while_open(field.calendar)
        finally:
            menu.close()

    QTimer.singleShot(0, act)
    qtbot.mouseClick(field.button, Qt.MouseButton.LeftButton)  # returns once the menu closed


def test_a_new_field_has_no_calendar_until_its_button_is_pressed(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    assert field.calendar is None
    assert field.findChildren(QCalendarWidget) == []
    seen = []
    _open_calendar(qtbot, field, lambda calendar: seen.append(calendar.isVisible()))
    assert seen == [True]
    assert isinstance(field.calendar, QCalendarWidget)


def test_the_calendar_opens_on_the_typed_date_and_a_picked_day_fills_the_field(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.line.setText("2026年3月5日")
    edited = []
    field.textEdited.connect(edited.append)
    selected = []

    def pick(calendar: QCalendarWidget) -> None:
        selected.append(calendar.selectedDate())
        calendar.clicked.emit(QDate(2026, 3, 9))

    _open_calendar(qtbot, field, pick)
    assert selected == [QDate(2026, 3, 5)]
    assert field.text() == "2026-03-09" and edited == ["2026-03-09"]
    # a date set by the form, then the calendar opened again: on that date
    field.set_date(QDate(2025, 12, 31).toPython())
    _open_calendar(qtbot, field, lambda calendar: selected.append(calendar.selectedDate()))
    assert selected[-1] == QDate(2025, 12, 31)
    # half-typed text: the calendar stays on the day it showed
    field.line.setText("2025-1")
    _open_calendar(qtbot, field, lambda calendar: selected.append(calendar.selectedDate()))
    assert selected[-1] == QDate(2025, 12, 31)
