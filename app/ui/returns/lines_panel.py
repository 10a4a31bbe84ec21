"""The returned items: a table of lines (material, batch, quantity, reason) beside the selected
line's inspection, disposition and photos. Each line keeps what was typed for it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from app.i18n import current_language
from app.services.parsing import parse_number_text
from app.services.return_data import DISPOSITION_LABELS, ReturnLineData
from app.services.return_service import LINE_FIELDS
from app.services.validation import FieldError
from app.ui.returns.line_editor import LineEditor
from app.ui.returns.table_model import quantity_text
from app.ui.widgets.row_table import Column, RowTable

LINE_PATH = re.compile(r"^lines\[(\d+)\]\.(\w+)$")
URGENT_RED = "#c0392b"
TABLE_KEYS = ("material_no", "material_name", "batch_no", "quantity", "customer_reason")


@dataclass
class LineState:
    """A table row's line: what the service gave (id, uuid, photos) and the detail as typed."""

    stored: ReturnLineData = field(default_factory=ReturnLineData)
    raw: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


class LinesPanel(QWidget):
    changed = Signal()
    lineShown = Signal()  # another line is shown in the editor (its photos change)

    def __init__(self, defect_categories: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = RowTable(
            [
                Column("material_no", self.tr("Material no. *"), width=90),
                Column("material_name", self.tr("Name"), width=100),
                Column("batch_no", self.tr("Batch"), width=70),
                Column("quantity", self.tr("Qty *"), "number", width=52),
                Column("customer_reason", self.tr("Customer's reason")),
                Column("state", self.tr("Progress"), "readonly", width=110),
            ],
            self.tr("Add line"),
        )
        self.table.table.setMinimumWidth(520)
        self.table.remove_button.setText(self.tr("Remove line"))
        self.editor = LineEditor(defect_categories)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 640])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._states: dict[int, LineState] = {}
        self._next_token = 1
        self.shown: int | None = None  # token of the line in the editor
        self.read_only = False
        self.table.changed.connect(self.changed)
        self.table.table.itemSelectionChanged.connect(self._show_selected)
        self.editor.changed.connect(self._editor_changed)

    # ------------------------------------------------------------------ rows and their state

    def _token(self, row: int) -> int:
        """The key of the row's LineState; rows added with the button get one when first seen."""
        token = self.table.row_data(row)
        if isinstance(token, int):
            return token
        token = self._next_token
        self._next_token += 1
        self._states[token] = LineState(raw=self.editor.fields.raw_of(ReturnLineData()))
        self.table.set_row_data(row, token)
        return token

    def state(self, row: int) -> LineState:
        return self._states[self._token(row)]

    def current_row(self) -> int | None:
        return self.table.selected_row()

    def row_count(self) -> int:
        return self.table.table.rowCount()

    def select_row(self, row: int) -> None:
        if 0 <= row < self.row_count():
            self.table.table.selectRow(row)

    def load(self, lines: list[ReturnLineData]) -> None:
        self._states.clear()
        tokens = []
        for line in lines:
            token = self._next_token
            self._next_token += 1
            self._states[token] = LineState(stored=line, raw=self.editor.fields.raw_of(line))
            tokens.append(token)
        self.shown = None
        self.table.set_rows([self._table_values(line) for line in lines], tokens)
        for row in range(len(lines)):
            self._show_state(row)
        if lines:
            self.select_row(0)
        self._show_selected()

    @staticmethod
    def _table_values(line: ReturnLineData) -> dict[str, str]:
        values = {key: getattr(line, key) or "" for key in TABLE_KEYS}
        values["quantity"] = quantity_text(line.quantity)
        return values

    def _show_selected(self) -> None:
        row = self.current_row()
        token = self._token(row) if row is not None else None
        if token == self.shown:
            return
        self.shown = token
        state = self._states.get(token) if token is not None else None
        self.editor.setEnabled(state is not None)
        self.editor.set_raw(state.raw if state else {})
        self.editor.show_errors(state.errors if state else {})
        self.lineShown.emit()

    def _editor_changed(self) -> None:
        if self.shown is None or self.read_only:
            return
        self._states[self.shown].raw = self.editor.raw()
        row = self.current_row()
        if row is not None:
            self._show_state(row)
        self.changed.emit()

    def _show_state(self, row: int) -> None:
        """The state column: to inspect, to dispose of, disposed; urgent production marked."""
        line = ReturnLineData()
        self.editor.fields.read(self.state(row).raw, line, {})
        for key in DISPOSITION_LABELS:
            setattr(line, key, getattr(line, key) or 0)
        if not line.inspected:
            text = self.tr("to inspect")
        elif line.disposed:
            text = self.tr("disposed of")
        else:
            text = self.tr("to dispose of")
        if line.urgent_production:
            text += " · " + self.tr("urgent production")
        with self.table.quietly():
            self.table.set_value(row, "state", text)
            cell = self.table.item(row, "state")
            cell.setForeground(QBrush(QColor(URGENT_RED)) if line.urgent_production else QBrush())
        self.table.set_cell_tooltip(row, "state", text)

    # ------------------------------------------------------------------ reading back

    def collect(self, errors: dict[str, str]) -> tuple[list[ReturnLineData], dict[int, int]]:
        """The lines as data, in table order, without wholly empty new rows (as the service
        drops them); unreadable numbers and dates go to errors as lines[i].field. Also returns
        line index -> table row."""
        lines: list[ReturnLineData] = []
        rows: dict[int, int] = {}
        lang = current_language()
        for row in range(self.row_count()):
            state = self.state(row)
            line = ReturnLineData(id=state.stored.id, uuid=state.stored.uuid,
                                  attachments=state.stored.attachments)  # fmt: skip
            found: dict[str, str] = {}
            for key in TABLE_KEYS:
                setattr(line, key, self.table.value(row, key))
            try:
                line.quantity = parse_number_text(self.table.value(row, "quantity"))
            except ValueError:
                found["quantity"] = FieldError("number_shape").message(lang)
                line.quantity = None
            self.editor.fields.read(state.raw, line, found)
            if line.id is None and _blank(line):
                if found:  # only unreadable text: the service would drop the line, so does
                    # the form; its messages get an index of their own, past every line
                    index = self.row_count() + row
                    rows[index] = row
                    errors.update({f"lines[{index}].{k}": m for k, m in found.items()})
                continue
            errors.update({f"lines[{len(lines)}].{k}": m for k, m in found.items()})
            rows[len(lines)] = row
            lines.append(line)
        return lines, rows

    # ------------------------------------------------------------------ messages

    def show_errors(self, errors: dict[str, str], rows: dict[int, int]) -> int | None:
        """Messages of lines[i].field: table cells marked, the detail next to its editor, the
        first bad line selected. Returns that line's table row (None when all are fine)."""
        cells: dict[tuple[int, str], str] = {}
        detail: dict[int, dict[str, str]] = {}
        for path, message in errors.items():
            if not (match := LINE_PATH.match(path)):
                continue
            row = rows.get(int(match.group(1)), int(match.group(1)))
            cells[(row, match.group(2))] = message
            if match.group(2) not in TABLE_KEYS:
                detail.setdefault(row, {})[match.group(2)] = message
        for row in range(self.row_count()):
            self.state(row).errors = detail.get(row, {})
        self.table.show_errors(
            cells, errors.get("lines", ""), self.editor.fields.labels, other_column="state"
        )
        bad = min((row for row, _key in cells), default=None)
        if bad is not None:
            self.select_row(bad)
        state = self._states.get(self.shown) if self.shown is not None else None
        self.editor.show_errors(state.errors if state else {})
        return bad

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.table.set_read_only(read_only)
        self.editor.set_read_only(read_only)


def _blank(line: ReturnLineData) -> bool:
    """Nothing entered at all (the service's rule for dropping a new line)."""
    for key in LINE_FIELDS:
        value = getattr(line, key)
        if isinstance(value, str):
            value = value.strip()
        if value not in (None, "", 0, False):
            return False
    return not line.attachments
