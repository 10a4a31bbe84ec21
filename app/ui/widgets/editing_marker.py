"""The pen a list shows in a row's first column while another client has the record open, and
its tooltip "李四 is editing (since 10:32)".

Who is editing is read off the GUI thread (the list's worker, editing_presence.editing_by_id);
this module only turns what was read into the cell's icon and text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from app.services.editing_presence import Editor

MARKER_COLOUR = QColor("#b45309")

_icon: QIcon | None = None


def pen_icon() -> QIcon:
    """A small pencil, drawn (no image file, no font glyph needed)."""
    global _icon
    if _icon is None:
        size = 16
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(MARKER_COLOUR, 1.2))
        painter.setBrush(QColor("#f6c453"))
        # the pencil's body from the upper right to near the lower left, then its point
        body = QPolygonF(
            [QPointF(11.5, 1.5), QPointF(14.5, 4.5), QPointF(5.5, 13.5), QPointF(2.5, 10.5)]
        )
        painter.drawPolygon(body)
        painter.setBrush(MARKER_COLOUR)
        tip = QPolygonF([QPointF(2.5, 10.5), QPointF(5.5, 13.5), QPointF(1.0, 15.0)])
        painter.drawPolygon(tip)
        painter.end()
        _icon = QIcon(pixmap)
    return _icon


def editing_text(editors: Sequence[Editor]) -> str:
    """One line per other client: "李四 is editing (since 10:32)" (local time)."""
    return "\n".join(
        QCoreApplication.translate("EditingMarker", "{user} is editing (since {time})").format(
            user=editor.user, time=editor.started_at.astimezone().strftime("%H:%M")
        )
        for editor in editors
    )
