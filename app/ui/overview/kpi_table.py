"""The overview's key figures: this month against last month and the same month last year, the
change coloured by whether it is better (green) or worse (red)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.services.summary_data import KpiColumn
from app.ui.locale_format import count_text, decimal_text, number_text, percent_text

BETTER = QColor("#1e7b34")
WORSE = QColor("#b02a37")

COL_FIGURE, COL_THIS, COL_LAST, COL_CHANGE_LAST, COL_YEAR, COL_CHANGE_YEAR = range(6)


def money_text(value: float | None) -> str:
    return number_text(value, 2)


def signed(value: float, text: Callable[[float], str]) -> str:
    if value > 0:
        return "+" + text(value)
    if value < 0:
        return "−" + text(-value)
    return "±0"


@dataclass(frozen=True)
class Figure:
    """One row: what it reads from a KpiColumn, how it is written, which way is better."""

    key: str
    value: Callable[[KpiColumn], float | None]
    text: Callable[[float | None], str]
    change_text: Callable[[float], str]
    higher_is_better: bool


FIGURES = [
    Figure("received", lambda c: c.received, count_text, count_text, False),
    Figure("closed", lambda c: c.closed, count_text, count_text, True),
    Figure("open_at_end", lambda c: c.open_at_end, count_text, count_text, False),
    Figure("overdue_at_end", lambda c: c.overdue_at_end, count_text, count_text, False),
    Figure("returns_qty", lambda c: c.returns_qty, decimal_text, decimal_text, False),
    Figure("claims_amount", lambda c: c.claims_amount, money_text, money_text, False),
    Figure(
        "satisfaction_pct",
        lambda c: c.satisfaction_pct,
        percent_text,
        lambda v: number_text(v, 1),  # the change in percentage points
        True,
    ),
]


class KpiTable(QTableWidget):
    """Rows are the figures, columns this month / last month / change / last year / change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(FIGURES), 6, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.names = {
            "received": self.tr("Complaints received"),
            "closed": self.tr("Complaints closed"),
            "open_at_end": self.tr("Open at month end"),
            "overdue_at_end": self.tr("Overdue at month end"),
            "returns_qty": self.tr("Returned quantity (pcs)"),
            "claims_amount": self.tr("Claims amount"),
            "satisfaction_pct": self.tr("Satisfaction index"),
        }
        self.rules = {
            "received": self.tr(
                "Original complaint tickets (not the -1/-2 reopenings, not cancelled) received "
                "in the month. Bulk periodic returns are never complaints. Fewer is better."
            ),
            "closed": self.tr(
                "Tickets (originals and reopenings) closed in the month. More is better."
            ),
            "open_at_end": self.tr(
                "Tickets (originals and reopenings) received by the end of the month, not "
                "cancelled and not closed by then. Fewer is better."
            ),
            "overdue_at_end": self.tr(
                "Open at the end of the month (this month: today) with the answer to the "
                "customer due before then. Fewer is better."
            ),
            "returns_qty": self.tr(
                "Pieces returned on the returns received in the month, bulk returns included. "
                "Fewer is better."
            ),
            "claims_amount": self.tr(
                "Amount claimed on the tickets received in the month. Less is better."
            ),
            "satisfaction_pct": self.tr(
                "The satisfaction index of the newest survey campaign ended by the end of the "
                "month. Higher is better."
            ),
        }
        for row, figure in enumerate(FIGURES):
            item = QTableWidgetItem(self.names[figure.key])
            item.setToolTip(self.rules[figure.key])
            self.setItem(row, COL_FIGURE, item)
        self.set_headers(None)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def set_headers(self, columns: list[KpiColumn] | None) -> None:
        names = [self.tr("This month"), self.tr("Last month"), self.tr("Same month last year")]
        months = [f"\n{c.start:%Y-%m}" for c in columns] if columns else ["", "", ""]
        self.setHorizontalHeaderLabels(
            [
                self.tr("Figure"),
                names[0] + months[0],
                names[1] + months[1],
                self.tr("Change vs\nlast month"),
                names[2] + months[2],
                self.tr("Change vs\nlast year"),
            ]
        )

    def show_columns(self, columns: list[KpiColumn]) -> None:
        """Fill from the overview's three columns: this month, last month, same month last year."""
        self.set_headers(columns)
        this, last, year = columns
        for row, figure in enumerate(FIGURES):
            rule = self.rules[figure.key]
            for column, source in ((COL_THIS, this), (COL_LAST, last), (COL_YEAR, year)):
                self._put(row, column, figure.text(figure.value(source)), rule)
            for column, other in ((COL_CHANGE_LAST, last), (COL_CHANGE_YEAR, year)):
                now, before = figure.value(this), figure.value(other)
                if now is None or before is None:
                    self._put(row, column, "", rule)
                    continue
                change = now - before
                item = self._put(row, column, signed(change, figure.change_text), rule)
                if change:
                    better = (change > 0) == figure.higher_is_better
                    item.setForeground(QBrush(BETTER if better else WORSE))
                    item.setData(Qt.ItemDataRole.UserRole, "better" if better else "worse")

    def _put(self, row: int, column: int, text: str, tip: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setToolTip(tip)
        self.setItem(row, column, item)
        return item

    def fitted_width(self) -> int:
        """Wide enough for every column without a scroll bar."""
        header = self.horizontalHeader()
        widths = [
            max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) + 6
            for c in range(self.columnCount())
        ]
        return sum(widths) + 2 * self.frameWidth()

    def fitted_height(self) -> int:
        """Tall enough for every row without a scroll bar."""
        return (
            self.horizontalHeader().sizeHint().height()
            + sum(self.rowHeight(r) for r in range(self.rowCount()))
            + 2 * self.frameWidth()
        )

    def text_at(self, key: str, column: int) -> str:
        row = [f.key for f in FIGURES].index(key)
        item = self.item(row, column)
        return item.text() if item else ""
