"""An editable table of child rows whose columns may be choice lists, with messages per cell."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.widgets.form import ErrorLabel

INVALID_BRUSH = QBrush(QColor("#f8d7da"))
VALUE_ROLE = Qt.ItemDataRole.UserRole  # the stored value of a choice cell
ROW_DATA_ROLE = Qt.ItemDataRole.UserRole + 1  # what the row stands for (e.g. a stored action)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: str = (
        "text"  # text / number / date / choice (fixed list) / combo (suggestions) / readonly
    )
    choices: tuple[tuple[str, str], ...] = ()  # (value, label); combo: (text, text)
    width: int = 0  # fixed width in pixels; 0 stretches
    placeholder: str = ""


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor: a fixed list stores the value, an editable one stores the text."""

    def __init__(self, column: Column, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = column

    def createEditor(  # noqa: N802
        self,
        parent: QWidget,
        _option: QStyleOptionViewItem,
        _index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(self.column.kind == "combo")
        for value, label in self.column.choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        if self.column.kind == "combo":
            editor.setCurrentText(index.data(Qt.ItemDataRole.DisplayRole) or "")
        else:
            editor.setCurrentIndex(max(0, editor.findData(index.data(VALUE_ROLE))))

    def setModelData(  # noqa: N802
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        if self.column.kind == "combo":
            model.setData(index, editor.currentText().strip(), Qt.ItemDataRole.DisplayRole)
        else:
            model.setData(index, editor.currentData(), VALUE_ROLE)
            model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class RowTable(QWidget):
    """Rows of typed cells with add/remove buttons, an error list and per-cell messages."""

    changed = Signal()

    def __init__(
        self, columns: list[Column], add_text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.columns = columns
        self.keys = [c.key for c in columns]
        self.table = QTableWidget(0, len(columns), self)
        self.table.setHorizontalHeaderLabels([c.title for c in columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        for i, column in enumerate(columns):
            if column.width:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(i, column.width)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            if column.kind in ("choice", "combo"):
                self.table.setItemDelegateForColumn(i, ChoiceDelegate(column, self.table))
        self.table.itemChanged.connect(lambda _item: self._emit_changed())
        self.add_button = QPushButton(add_text or self.tr("Add row"), self)
        self.remove_button = QPushButton(self.tr("Remove row"), self)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = ErrorLabel(self)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.remove_button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(self.buttons)
        self._quiet = False
        self.read_only = False

    def _emit_changed(self) -> None:
        if not self._quiet:
            self.changed.emit()

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Cells set by the program (not typed) do not count as a change."""
        quiet, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = quiet

    # ------------------------------------------------------------------ cells

    def _column(self, key: str) -> tuple[int, Column]:
        index = self.keys.index(key)
        return index, self.columns[index]

    def set_value(self, row: int, key: str, value: str) -> None:
        """Set a cell as stored (a choice cell takes its value and shows its label)."""
        index, column = self._column(key)
        item = self.table.item(row, index)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, index, item)
        if column.kind == "choice":
            labels = dict(column.choices)
            item.setData(VALUE_ROLE, value)
            item.setText(labels.get(value, value))
        else:
            item.setText(value)
        if column.kind == "readonly":
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        elif column.kind == "number":
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self, row: int, key: str) -> str:
        index, column = self._column(key)
        item = self.table.item(row, index)
        if item is None:
            return ""
        if column.kind == "choice":
            return item.data(VALUE_ROLE) or ""
        return item.text().strip()

    def item(self, row: int, key: str) -> QTableWidgetItem | None:
        return self.table.item(row, self._column(key)[0])

    def row_data(self, row: int) -> object:
        item = self.table.item(row, 0)
        return item.data(ROW_DATA_ROLE) if item is not None else None

    def set_row_data(self, row: int, data: object) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            with self.quietly():
                item.setData(ROW_DATA_ROLE, data)

    # ------------------------------------------------------------------ rows

    def add_row(self, values: dict[str, str] | None = None, data: object = None) -> int:
        if self.read_only:
            return -1
        row = self.table.rowCount()
        self._quiet = True
        self.table.insertRow(row)
        for column in self.columns:
            default = column.choices[0][0] if column.kind == "choice" and column.choices else ""
            self.set_value(row, column.key, (values or {}).get(column.key, default))
        if data is not None:
            self.table.item(row, 0).setData(ROW_DATA_ROLE, data)
        self._quiet = False
        if values is None:
            editable = next(
                (i for i, c in enumerate(self.columns) if c.kind not in ("choice", "readonly")), 0
            )
            self.table.setCurrentCell(row, editable)
            self.table.setFocus()
            self.table.editItem(self.table.item(row, editable))
            self.changed.emit()
        return row

    def remove_selected(self) -> None:
        if self.read_only:
            return
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def set_rows(self, rows: list[dict[str, str]], data: list[object] | None = None) -> None:
        self._quiet = True
        read_only, self.read_only = self.read_only, False
        self.table.setRowCount(0)
        for i, values in enumerate(rows):
            self.add_row(values, data[i] if data else None)
        self.read_only = read_only
        self._quiet = False

    def rows(self) -> list[dict[str, str]]:
        """Every row as stored values, with its table row number under '_row'."""
        result = []
        for row in range(self.table.rowCount()):
            values = {key: self.value(row, key) for key in self.keys}
            values["_row"] = str(row)
            result.append(values)
        return result

    def selected_row(self) -> int | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if rows:
            return min(rows)
        current = self.table.currentRow()
        return current if current >= 0 else None

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)

    # ------------------------------------------------------------------ messages

    def show_errors(
        self,
        errors: dict[tuple[int, str], str],
        general: str = "",
        field_titles: dict[str, str] | None = None,
        other_column: str = "",
    ) -> None:
        """errors: (table row, key) -> message; marks the cells and lists the messages. A key that
        is no column (a field edited beside the table) is named from field_titles and marked on
        the row's other_column cell."""
        titles = {c.key: c.title.rstrip(" *") for c in self.columns} | (field_titles or {})
        self._quiet = True
        for row in range(self.table.rowCount()):
            for column, key in enumerate(self.keys):
                item = self.table.item(row, column)
                if item is None:
                    continue
                found = [errors.get((row, key), "")]
                if key == other_column:
                    found += [f"{titles.get(k, k)}:{m}" for (r, k), m in sorted(errors.items())
                              if r == row and k not in self.keys]  # fmt: skip
                message = "\n".join(m for m in found if m)
                if message or item.background() == INVALID_BRUSH:
                    item.setBackground(INVALID_BRUSH if message else QBrush())
                if message or item.data(Qt.ItemDataRole.UserRole + 2):
                    # the cell's own tooltip (e.g. an action's history) comes back afterwards
                    own = item.data(Qt.ItemDataRole.UserRole + 3) or ""
                    item.setToolTip(message or own)
                    item.setData(Qt.ItemDataRole.UserRole + 2, bool(message))
        self._quiet = False
        order = {key: i for i, key in enumerate(titles)}  # the columns, then the other fields
        lines = [general] if general else []
        lines += [
            self.tr("Row {row}, {column}: {message}").format(
                row=row + 1, column=titles.get(key, key), message=message
            )
            for (row, key), message in sorted(
                errors.items(), key=lambda e: (e[0][0], order.get(e[0][1], len(order)), e[0][1])
            )
        ]
        self.error.show_message("\n".join(lines))

    def set_cell_tooltip(self, row: int, key: str, text: str) -> None:
        item = self.item(row, key)
        if item is not None:
            self._quiet = True
            item.setData(Qt.ItemDataRole.UserRole + 3, text)
            item.setToolTip(text)
            self._quiet = False
