"""The status bar's overdue complaints: the count and the link to the due list.

Loaded at start (the window shows the count at once); the due list itself
(app/ui/complaints/due_dialog.py) loads when it is first opened."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy import Engine

from app.models.common import utcnow
from app.services import complaint_service
from app.ui.background import run_in_background
from app.ui.signals import COMPLAINT_SETTINGS_FAMILY, DataHub

log = logging.getLogger(__name__)
CLOCK_TICK_MS = 60_000  # the tab's list recounts on the same beat (app/ui/complaints/tab.py)


class OverdueIndicator(QLabel):
    """The status-bar note “n overdue”; a click asks for the due list."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = -1
        self.message = ""
        self.setTextFormat(Qt.TextFormat.RichText)
        self.linkActivated.connect(lambda _link: self.clicked.emit())
        self.set_count(0)

    def set_count(self, count: int) -> None:
        if count == self.count:
            return
        self.count = count
        if count:
            self.message = self.tr("{count} complaint(s) overdue").format(count=count)
            self.setText(f'<a href="due" style="color:#9b1c1c;">{self.message}</a>')
            self.setToolTip(self.tr("Show the overdue and soon-due complaint deadlines"))
        else:
            self.message = self.tr("No complaint overdue")
            self.setText(self.message)
            self.setToolTip("")


class OverdueCounter(QObject):
    """The overdue tickets counted off the GUI thread for the status bar, while the complaints
    tab is not built (once it is, its list counts them with every load and this one stops):
    at once, every minute, and when tickets or the complaint rules and calendar change."""

    counted = Signal(int)

    def __init__(
        self,
        engine: Engine,
        hub: DataHub,
        parent: QObject | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self._clock = now or utcnow
        self._running = False
        self._again = False  # something changed while counting: count once more
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(CLOCK_TICK_MS)
        self._timer.timeout.connect(self.count)
        self._timer.start()
        self.hub.dataChanged.connect(self._on_data_changed)
        self.count()

    def count(self) -> None:
        if self._stopped:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        engine, now = self.engine, self._clock()
        run_in_background(
            None,  # the op outlives a counter stopped meanwhile; _done then ignores the count
            lambda _progress: complaint_service.count_overdue(engine, None, now),
            self._done,
            self._failed,
        )

    def stop(self) -> None:
        """The complaints tab counts from now on."""
        self._stopped = True
        self._timer.stop()
        self.hub.dataChanged.disconnect(self._on_data_changed)

    def _done(self, count: int) -> None:
        self._running = False
        if self._stopped or not shiboken6.isValid(self):
            return
        if self._again:
            self._again = False
            self.count()
            return
        self.counted.emit(count)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        # the status bar keeps its last count; the tab's list tells a failure when opened
        log.warning("the overdue complaints could not be counted: %s", error)

    def _on_data_changed(self, family: str, _record_id: int) -> None:
        if family in (complaint_service.ENTITY, COMPLAINT_SETTINGS_FAMILY):
            self.count()
