"""Overdue and soon-due complaint deadlines, listed at start-up and from the status bar's count
(app/ui/complaints/overdue.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
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
from app.services.complaint_data import ComplaintRow
from app.services.deadlines import deadline_label
from app.ui.complaints.table_model import (
    DUE_TODAY_BACKGROUND,
    DUE_TODAY_FOREGROUND,
    OVERDUE_BACKGROUND,
    OVERDUE_FOREGROUND,
    duration_text,
    local_text,
)
from app.ui.signals import COMPLAINT_SETTINGS_FAMILY, DataHub

log = logging.getLogger(__name__)


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
        if family in (complaint_service.ENTITY, COMPLAINT_SETTINGS_FAMILY):
            self.reload()
