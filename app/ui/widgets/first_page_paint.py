"""A list's first page painted before the rest of its load runs.

After the first page, a list's worker counts the records and reads every id: on 100,000 tickets
that is Python work which shares the interpreter with the GUI thread, and a paint of the page
running alongside it took twice as long (53–58 ms against 26–35 ms on a 2-CPU office machine).
So the loader waits after the first page (``ListLoader.hold_after_first_page``) until the view
has painted it; a view that is not on screen, or leaves it before the paint, lets the load go on
at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView

from app.ui.widgets.paged_model import PagedTableModel


class FirstPagePaint(QObject):
    """Releases the model's running load once its view has painted the first page."""

    def __init__(self, view: QAbstractItemView, model: PagedTableModel) -> None:
        super().__init__(view)
        self._view = view
        self._loader = model.loader
        self._waiting = False  # a first page is shown and its paint is awaited
        self._loader.hold_after_first_page = True
        model.pageShown.connect(self._page_shown)
        view.viewport().installEventFilter(self)

    def _page_shown(self) -> None:
        if self._view.isVisible():  # the reset has asked for a paint; release after it
            self._waiting = True
        else:  # a tab not shown paints nothing now
            self._loader.release()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self._waiting:
            return False
        if event.type() == QEvent.Type.Paint:
            self._waiting = False
            # called before the paint: the release is posted, so it runs once the paint is done
            QTimer.singleShot(0, self._loader.release)
        elif event.type() == QEvent.Type.Hide:  # the tab or window went away before the paint
            self._waiting = False
            self._loader.release()
        return False
