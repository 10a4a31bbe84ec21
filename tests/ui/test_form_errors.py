"""A field's message: red text right under the field, hidden while there is none."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLineEdit

from app.ui.widgets.form import FieldWithError


def _reddish_pixels(widget) -> int:  # noqa: ANN001
    image = widget.grab().toImage()
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            color = QColor(image.pixel(x, y))
            if color.red() - max(color.green(), color.blue()) > 60:
                count += 1
    return count


def test_a_message_is_shown_in_red_under_the_field_and_hidden_again(qtbot):
    field = FieldWithError(QLineEdit())
    qtbot.addWidget(field)
    field.resize(300, 60)
    field.show()
    assert field.error.isHidden()
    field.set_error("请填写顾客")
    qtbot.waitUntil(lambda: field.error.isVisible())
    assert field.error.text() == "请填写顾客"
    assert _reddish_pixels(field.error) > 20  # the text itself is painted red
    field.set_error("")
    assert field.error.isHidden()
