"""Overdue and soon-due complaint deadlines: listed at start-up and counted in the status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.models.common import utcnow
from app.services import complaint_service, complaint_settings
from app.services.complaint_data import ComplaintFilter, ComplaintRow
from app.services.deadlines import deadline_label
from app.ui.background import run_in_background
from app.ui.complaints.settings_page import SETTINGS_FAMILY
from app.ui.complaints.table_model import (
    DUE_TODAY_BACKGROUND,
    DUE_TODAY_FOREGROUND,
    OVERDUE_BACKGROUND,
    OVERDUE_FOREGROUND,
    count_overdue,
    duration_text,
    local_text,
)
from app.ui.signals import DataHub

log = logging.getLogger(__name__)
CLOCK_TICK_MS = 60_000  # the tab's list recounts on the same beat (app/ui/complaints/tab.py)


class DueDialog(QDialog):
    """Open tickets whose next deadline has passed or comes within the due-soon window."""

    COL_NUMBER, COL_CUSTOMER, COL_DEADLINE, COL_DUE, COL_LEFT = range(5)

    def __init__(
        self,
        engine: Engine,
        hub: DataHub,
        open_ticket: Callable[[int], None],
        parent: QWidget | None = None,
        now: Callable[[], datetime] | None = None,
        rows: list[ComplaintRow] | None = None,
    ) -> None:
        """rows: the due rows already read (complaint_service.due_rows), else they are read here."""
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self._open_ticket = open_ticket
        self._clock = now or utcnow
        self.rows: list[ComplaintRow] = []
        self.setWindowTitle(self.tr("Complaint deadlines: overdue and due soon"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(860, 420)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Number"),
                self.tr("Customer"),
                self.tr("Deadline"),
                self.tr("Due"),
                self.tr("Overdue by / due in"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 120), (1, 250), (2, 150), (3, 130)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = buttons.addButton(
            self.tr("Open ticket"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.clicked.connect(lambda: self.open_row(self.table.currentRow()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.hub.dataChanged.connect(self._on_data_changed)
        self.reload(rows)

    @classmethod
    def show_if_any(
        cls,
        engine: Engine,
        hub: DataHub,
        open_ticket: Callable[[int], None],
        parent: QWidget | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> DueDialog | None:
        """Show the list (not modal) when something is overdue or due soon; else nothing."""
        rows = complaint_service.due_rows(engine, (now or utcnow)())
        if not rows:
            return None
        dialog = cls(engine, hub, open_ticket, parent, now, rows=rows)
        dialog.show()
        return dialog

    def reload(self, rows: list[ComplaintRow] | None = None) -> None:
        now = self._clock()
        if rows is None:
            rows = complaint_service.due_rows(self.engine, now)
        self.rows = [r for r in rows if r.next_due]
        hours = complaint_settings.load(self.engine).due_soon_hours
        overdue = sum(1 for r in self.rows if r.next_due is not None and r.next_due < now)
        self.summary.setText(
            self.tr(
                "{overdue} ticket(s) overdue, {soon} due within {hours} hours. "
                "Double-click a line to open the ticket."
            ).format(overdue=overdue, soon=len(self.rows) - overdue, hours=hours)
        )
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            due: datetime = row.next_due  # type: ignore[assignment]
            late = due < now
            if late:
                left = self.tr("overdue by {time}").format(time=duration_text(now - due))
            else:
                left = self.tr("due in {time}").format(time=duration_text(due - now))
            texts = [
                row.number,
                f"{row.customer_code} {row.customer_name}",
                deadline_label(row.next_due_key) if row.next_due_key else "",
                local_text(due) + ("*" if row.calendar_estimated else ""),
                left,
            ]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                item.setBackground(QBrush(OVERDUE_BACKGROUND if late else DUE_TODAY_BACKGROUND))
                item.setForeground(QBrush(OVERDUE_FOREGROUND if late else DUE_TODAY_FOREGROUND))
                if row.calendar_estimated:
                    item.setToolTip(
                        self.tr("* Estimated: the public holidays of that year are not known yet.")
                    )
                self.table.setItem(r, c, item)
        if self.rows:
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(self.rows))

    def texts(self) -> list[list[str]]:
        """What the table shows, row by row (for tests and a quick look)."""
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self._open_ticket(self.rows[row].id)

    def _on_data_changed(self, family: str, _record_id: int) -> None:
        if family in (complaint_service.ENTITY, SETTINGS_FAMILY):
            self.reload()


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
            lambda _progress: count_overdue(engine, ComplaintFilter(), now),
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
        if family in (complaint_service.ENTITY, SETTINGS_FAMILY):
            self.count()
