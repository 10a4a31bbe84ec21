"""A record's audit trail as a read-only table: when, who, what, which field, old and new value."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from app.services.audit_service import AuditRow
from app.ui.locale_format import datetime_text


class HistoryTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Field"),
             self.tr("Old value"), self.tr("New value")]
        )  # fmt: skip
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.setWordWrap(False)

    def show_rows(
        self,
        rows: Sequence[AuditRow],
        field_text: Callable[[str], str],
        value_text: Callable[[str, str | None], str],
    ) -> None:
        """field_text names a field path; value_text(field, value) shows a stored value."""
        actions = {"create": self.tr("created"), "update": self.tr("changed"),
                   "delete": self.tr("deleted"), "cancel": self.tr("cancelled")}  # fmt: skip
        self.setRowCount(len(rows))
        for r, entry in enumerate(rows):
            values = [
                datetime_text(entry.at), entry.user, actions.get(entry.action, entry.action),
                field_text(entry.field), value_text(entry.field, entry.old_value),
                value_text(entry.field, entry.new_value),
            ]  # fmt: skip
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.setItem(r, c, item)
        self.resizeColumnsToContents()
        for column in (3, 4):
            self.setColumnWidth(column, min(self.columnWidth(column), 260))
