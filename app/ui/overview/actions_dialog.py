"""The open actions of one department, from the overview's department chart: the record that
owns each action, what is to be done, who does it, by when, and whether it is overdue."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QBrush, QColor
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

from app.services.summary_data import OpenAction
from app.ui.locale_format import date_text

OVERDUE_FOREGROUND = QColor("#9b1c1c")

COL_RECORD, COL_DESCRIPTION, COL_OWNER, COL_DUE, COL_OVERDUE = range(5)


class OpenActionsDialog(QDialog):
    """A read-only list; double-clicking a row opens its record when the window can."""

    def __init__(
        self,
        department_label: str,
        actions: Sequence[OpenAction],
        open_record: Callable[[str, int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.actions = list(actions)
        self._open_record = open_record
        self.setWindowTitle(self.tr("Open actions — {department}").format(
            department=department_label))  # fmt: skip
        self.resize(820, 420)
        kinds = {
            "complaint": self.tr("Complaint"),
            "return": self.tr("Return"),
            "campaign": self.tr("Survey"),
            "visit": self.tr("Visit"),
        }
        overdue = sum(1 for a in self.actions if a.overdue)
        self.summary = QLabel(
            self.tr("{count} open action(s), {overdue} overdue").format(
                count=len(self.actions), overdue=overdue
            ),
            self,
        )
        self.table = QTableWidget(len(self.actions), 5, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Record"), self.tr("Action"), self.tr("Responsible"), self.tr("Due"),
             self.tr("Overdue")]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # the whole text is in the tooltip
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for row, action in enumerate(self.actions):
            kind = kinds.get(action.owner_kind, action.owner_kind)
            cells = [
                f"{kind} {action.owner_number}",
                action.description,
                action.owner,
                date_text(action.due),
                self.tr("Overdue") if action.overdue else "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if action.overdue:
                    item.setForeground(QBrush(OVERDUE_FOREGROUND))
                self.table.setItem(row, column, item)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        if open_record is not None:
            hint = QLabel(self.tr("Double-click a row to open its record."), self)
            hint.setStyleSheet("color: #6c757d;")
            layout.addWidget(hint)
        layout.addWidget(buttons)

    def open_row(self, row: int) -> None:
        if self._open_record is not None and 0 <= row < len(self.actions):
            action = self.actions[row]
            self._open_record(action.owner_kind, action.owner_id)

    def row_texts(self, row: int) -> list[str]:
        return [self.table.item(row, c).text() for c in range(self.table.columnCount())]
