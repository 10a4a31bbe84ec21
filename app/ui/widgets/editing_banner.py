"""A record window's line "李四 is also editing this record (since 10:32)", kept up to date."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.services import editing_presence
from app.services.editing_presence import Editor

log = logging.getLogger(__name__)


class EditingBanner(QLabel):
    """Registers the window's record as open in this client while it is shown, refreshes that
    every HEARTBEAT, and names the other clients that have the same record open."""

    def __init__(self, engine: Engine, entity: str, user: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.engine, self.entity, self.user = engine, entity, user
        self.record_uuid: str | None = None
        self.editing = False  # registered as editing (a read-only window only looks)
        self.editors: list[Editor] = []
        self.setWordWrap(True)
        self.setStyleSheet(
            "background: #fff3cd; color: #7a5b00; border: 1px solid #e0c36b; padding: 4px;"
        )
        self.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(int(editing_presence.HEARTBEAT.total_seconds() * 1000))
        self.timer.timeout.connect(self.refresh)

    def watch(self, record_uuid: str | None, *, editing: bool = True) -> None:
        """Follow this record (None: a new record, nobody else can have it open)."""
        if record_uuid != self.record_uuid or editing != self.editing:
            self.stop()
            self.record_uuid, self.editing = record_uuid, editing and bool(record_uuid)
            if self.editing:
                self._call(
                    editing_presence.begin,
                    self.engine, self.entity, record_uuid, user=self.user,
                )  # fmt: skip
        if record_uuid:
            self.timer.start()
        self.refresh(heartbeat=False)

    def refresh(self, heartbeat: bool = True) -> None:
        """Say this window is still open and read who else is."""
        if not self.record_uuid:
            self._show([])
            return
        if heartbeat and self.editing:
            self._call(
                editing_presence.heartbeat, self.engine, self.entity, self.record_uuid,
                user=self.user,
            )  # fmt: skip
        editors = self._call(editing_presence.others, self.engine, self.entity, self.record_uuid)
        self._show(editors or [])

    def stop(self) -> None:
        """The window closes or shows another record: it no longer has this one open."""
        self.timer.stop()
        if self.record_uuid and self.editing:
            self._call(editing_presence.end, self.engine, self.entity, self.record_uuid)
        self.record_uuid, self.editing = None, False
        self._show([])

    def _show(self, editors: list[Editor]) -> None:
        self.editors = editors
        if not editors:
            self.setText("")
            self.hide()
            return
        lines = [
            self.tr("{user} is also editing this record (since {time})").format(
                user=e.user, time=e.started_at.astimezone().strftime("%H:%M")
            )
            for e in editors
        ]
        self.setText("\n".join(lines))
        self.show()

    def _call(self, function, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        """Who is editing is a hint: a database that cannot be reached must not stop the form."""
        try:
            return function(*args, **kwargs)
        except (SQLAlchemyError, OSError) as error:
            log.warning("who is editing %s %s: %s", self.entity, self.record_uuid, error)
            return None
