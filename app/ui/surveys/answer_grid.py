"""The answer grid of a questionnaire: one row per item, entered with the keyboard only.

Keys (the clerk reads the paper form or listens on the phone and types one key per answer):
- Level, five-level scale: 5 很满意, 4 满意, 3 一般, 2 不满意, 1 很不满意 (the digit is the level).
- Level, 1–10 scale: 1–9 are the score, 0 means 10.
- Importance: 1 (low) – 5 (high).
- Competitor: b / 1 better, s / 2 the same, w / 3 worse.
A key that fits sets the cell and moves on to the next answer cell (along the row, then to the
next row); Enter skips a cell; Delete / Backspace clears it; the arrow keys, Home and End move;
Tab leaves the grid. A key that does not fit is refused with a beep and a hint. Double-click
opens a list for mouse users.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.services.complaint_data import label
from app.services.survey_data import (
    COMPETITOR_LABELS,
    FIVE_LEVEL_LABELS,
    AnswerData,
    TemplateData,
)

LOW_FOREGROUND = QColor("#c0392b")  # a dissatisfied answer
MISSING_BACKGROUND = QColor("#fff8dc")  # a level still to enter
INVALID_BACKGROUND = QColor("#f8d7da")
COMPETITOR_KEYS = {"b": "better", "1": "better", "s": "same", "2": "same", "w": "worse",
                   "3": "worse"}  # fmt: skip
ANSWER_KEYS = ("level", "importance", "competitor")


@dataclass(frozen=True)
class GridRow:
    item_id: int
    name: str
    weight: float | None


def level_text(level: int | None, scale: str) -> str:
    """A level as the clerk reads it: “5 很满意” on the five-level scale, “8” on the 1–10 scale."""
    if level is None:
        return ""
    if scale == "five":
        return f"{level} {label(FIVE_LEVEL_LABELS, level)}"
    return str(level)


def level_for_key(text: str, scale: str) -> int | None:
    """The level a typed key stands for, None when the key is no level on this scale."""
    if len(text) != 1 or not text.isdigit():
        return None
    digit = int(text)
    if scale == "five":
        return digit if 1 <= digit <= 5 else None
    return 10 if digit == 0 else digit


def is_low(level: int | None, scale: str) -> bool:
    """不满意 or worse (five-level), 5 or less (1–10)."""
    if level is None:
        return False
    return level <= 2 if scale == "five" else level <= 5


class AnswerGridModel(QAbstractTableModel):
    """The items of a template with their answers; columns depend on what the template asks."""

    answersChanged = Signal()  # a value was set or cleared (also from code)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scale = "five"
        self.rows: list[GridRow] = []
        self.values: list[AnswerData] = []
        self.keys: list[str] = ["item", "weight", "level"]
        self.invalid: dict[tuple[int, str], str] = {}
        self.read_only = False

    # ------------------------------------------------------------------ content

    def set_template(self, template: TemplateData) -> None:
        self.beginResetModel()
        self.scale = template.scale
        self.rows = [GridRow(i.id or 0, i.name, i.weight) for i in template.items]
        self.keys = ["item", "weight", "level"]
        if template.ask_importance:
            self.keys.append("importance")
        if template.ask_competitor:
            self.keys.append("competitor")
        self.values = [AnswerData(item_id=r.item_id) for r in self.rows]
        self.invalid = {}
        self.endResetModel()

    def set_answers(self, answers: list[AnswerData]) -> None:
        by_item = {a.item_id: a for a in answers}
        self.beginResetModel()
        self.values = [replace(by_item.get(r.item_id) or AnswerData(item_id=r.item_id))
                       for r in self.rows]  # fmt: skip
        self.invalid = {}
        self.endResetModel()

    def answers(self) -> list[AnswerData]:
        return [replace(a) for a in self.values]

    def answer_columns(self) -> list[int]:
        return [c for c, key in enumerate(self.keys) if key in ANSWER_KEYS]

    def column_of(self, key: str) -> int:
        return self.keys.index(key) if key in self.keys else -1

    def value(self, row: int, key: str) -> Any:
        return getattr(self.values[row], key)

    def set_value(self, row: int, key: str, value: Any) -> None:
        answer = self.values[row]
        if getattr(answer, key) == value and (row, key) not in self.invalid:
            return
        setattr(answer, key, value)
        self.invalid.pop((row, key), None)
        column = self.column_of(key)
        if column >= 0:
            index = self.index(row, column)
            self.dataChanged.emit(index, index)
        self.answersChanged.emit()

    def show_errors(self, errors: dict[tuple[int, str], str]) -> None:
        """(row, key) -> message: the cell turns red, the message is its tooltip."""
        self.invalid = dict(errors)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.keys) - 1)
            )

    def choices(self, key: str) -> list[tuple[Any, str]]:
        """(value, text) a cell can take, for the mouse list."""
        if key == "level":
            levels = range(5, 0, -1) if self.scale == "five" else range(10, 0, -1)
            return [(None, "")] + [(v, level_text(v, self.scale)) for v in levels]
        if key == "importance":
            return [(None, "")] + [(v, str(v)) for v in range(5, 0, -1)]
        return [("", "")] + [(v, label(COMPETITOR_LABELS, v)) for v in COMPETITOR_LABELS]

    def text(self, row: int, key: str) -> str:
        if key == "item":
            return self.rows[row].name
        if key == "weight":
            weight = self.rows[row].weight
            return "" if weight is None else f"{weight:g} %"
        value = self.value(row, key)
        if key == "level":
            return level_text(value, self.scale)
        if key == "importance":
            return "" if value is None else str(value)
        return label(COMPETITOR_LABELS, value) if value else ""

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.keys)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.keys):
            return None
        key = self.keys[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "item": self.tr("Item"),
                "weight": self.tr("Weight"),
                "level": self.tr("Satisfaction"),
                "importance": self.tr("Importance 1–5"),
                "competitor": self.tr("Vs competitors"),
            }[key]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.key_hint(key)
        return None

    def key_hint(self, key: str) -> str:
        if key == "level":
            if self.scale == "five":
                return " · ".join(level_text(v, "five") for v in range(5, 0, -1))
            return self.tr("1–9 for the score, 0 for 10")
        if key == "importance":
            return self.tr("1 (not important) – 5 (very important)")
        if key == "competitor":
            return self.tr("b or 1 better, s or 2 the same, w or 3 worse than competitors")
        return ""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, key = index.row(), self.keys[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, key)
        if role == Qt.ItemDataRole.EditRole:
            return self.value(row, key) if key in ANSWER_KEYS else self.text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.invalid.get((row, key)) or self.key_hint(key) or self.text(row, key)
        if role == Qt.ItemDataRole.ForegroundRole and key == "level":
            if is_low(self.value(row, "level"), self.scale):
                return QBrush(LOW_FOREGROUND)
        if role == Qt.ItemDataRole.BackgroundRole:
            if (row, key) in self.invalid:
                return QBrush(INVALID_BACKGROUND)
            if key == "level" and self.value(row, "level") is None and not self.read_only:
                return QBrush(MISSING_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "weight":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.keys[index.column()] in ANSWER_KEYS and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.read_only:
            return False
        key = self.keys[index.column()]
        if key not in ANSWER_KEYS:
            return False
        self.set_value(
            index.row(),
            key,
            value if value not in (None, "") else ("" if key == "competitor" else None),
        )
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """For the mouse: double-click an answer cell and pick from the list."""

    def createEditor(  # noqa: N802
        self,
        parent: QWidget,
        _option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        model: AnswerGridModel = index.model()  # type: ignore[assignment]
        combo = QComboBox(parent)
        for value, text in model.choices(model.keys[index.column()]):
            combo.addItem(text, value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        current = index.data(Qt.ItemDataRole.EditRole)
        found = next((i for i in range(editor.count()) if editor.itemData(i) == current), 0)
        editor.setCurrentIndex(found)
        editor.showPopup()

    def setModelData(  # noqa: N802
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class AnswerGrid(QTableView):
    """The view that turns single keys into answers and moves on; see the module docstring."""

    keyRefused = Signal(str)  # a hint on what the cell accepts
    completed = Signal()  # the last answer cell was filled

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid_model = AnswerGridModel(self)
        self.setModel(self.grid_model)
        self.setItemDelegate(ChoiceDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.setTabKeyNavigation(False)  # Tab goes on to the next field of the form
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setStyleSheet(
            "QTableView::item:focus { border: 2px solid #1f6feb; }"
            "QTableView { selection-background-color: #cfe2ff; selection-color: black; }"
        )
        self.grid_model.modelReset.connect(self._layout_columns)

    # ------------------------------------------------------------------ content

    def set_template(self, template: TemplateData) -> None:
        self.grid_model.set_template(template)
        self.go_to(0, self.grid_model.column_of("level"))

    def set_answers(self, answers: list[AnswerData]) -> None:
        self.grid_model.set_answers(answers)
        self.go_to(0, self.grid_model.column_of("level"))

    def answers(self) -> list[AnswerData]:
        return self.grid_model.answers()

    def set_read_only(self, read_only: bool) -> None:
        self.grid_model.read_only = read_only
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.viewport().update()

    def _layout_columns(self) -> None:
        header = self.horizontalHeader()
        keys = self.grid_model.keys
        metrics = self.fontMetrics()
        for column, key in enumerate(keys):
            if key == "item":
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            texts = [str(self.grid_model.headerData(column, Qt.Orientation.Horizontal))]
            if key in ANSWER_KEYS:
                texts += [t for _v, t in self.grid_model.choices(key)]
            width = max(metrics.horizontalAdvance(t) for t in texts) + 28
            self.setColumnWidth(column, max(width, 60))

    # ------------------------------------------------------------------ moving

    def go_to(self, row: int, column: int) -> None:
        if 0 <= row < self.grid_model.rowCount() and column >= 0:
            self.setCurrentIndex(self.grid_model.index(row, column))

    def cell_order(self) -> list[tuple[int, int]]:
        columns = self.grid_model.answer_columns()
        return [(r, c) for r in range(self.grid_model.rowCount()) for c in columns]

    def advance(self) -> None:
        """To the next answer cell: along the row, then the next row; the last cell stays."""
        order = self.cell_order()
        current = (self.currentIndex().row(), self.currentIndex().column())
        if current in order:
            position = order.index(current)
            if position + 1 < len(order):
                self.go_to(*order[position + 1])
            else:
                self.completed.emit()
        elif order:
            self.go_to(*order[0])

    def first_open_cell(self) -> tuple[int, int] | None:
        level = self.grid_model.column_of("level")
        for row in range(self.grid_model.rowCount()):
            if self.grid_model.value(row, "level") is None:
                return row, level
        return (0, level) if self.grid_model.rowCount() else None

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        index = self.currentIndex()
        if not index.isValid() or index.column() not in self.grid_model.answer_columns():
            cell = self.first_open_cell()
            if cell is not None:
                self.go_to(*cell)
        super().focusInEvent(event)

    def moveCursor(  # noqa: N802
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Arrows, Home and End stay on the answer cells."""
        columns = self.grid_model.answer_columns()
        current = self.currentIndex()
        if not columns or not current.isValid():
            return super().moveCursor(action, modifiers)
        row, column = current.row(), current.column()
        cursor = QAbstractItemView.CursorAction
        if action == cursor.MoveLeft:
            before = [c for c in columns if c < column]
            return self.grid_model.index(row, before[-1] if before else column)
        if action == cursor.MoveRight:
            after = [c for c in columns if c > column]
            return self.grid_model.index(row, after[0] if after else column)
        if action == cursor.MoveHome:
            return self.grid_model.index(row, columns[0])
        if action == cursor.MoveEnd:
            return self.grid_model.index(row, columns[-1])
        moved = super().moveCursor(action, modifiers)
        if moved.isValid() and moved.column() not in columns:
            return self.grid_model.index(moved.row(), column if column in columns else columns[0])
        return moved

    # ------------------------------------------------------------------ typing

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        index = self.currentIndex()
        key = event.key()
        model = self.grid_model
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        column_key = model.keys[index.column()] if index.isValid() else ""
        plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if not index.isValid() or column_key not in ANSWER_KEYS or not plain:
            super().keyPressEvent(event)
            return
        if (
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and modifiers == Qt.KeyboardModifier.NoModifier
        ):
            self.advance()  # skip: leave the cell as it is
            return
        if model.read_only:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            model.set_value(index.row(), column_key, "" if column_key == "competitor" else None)
            return
        text = event.text()
        if not text or not text.isprintable() or text.isspace():
            super().keyPressEvent(event)
            return
        value = self.value_for_key(column_key, text)
        if value is None:
            QApplication.beep()
            self.keyRefused.emit(model.key_hint(column_key))
            return
        model.set_value(index.row(), column_key, value)
        self.advance()

    def value_for_key(self, column_key: str, text: str) -> Any:
        if column_key == "level":
            return level_for_key(text, self.grid_model.scale)
        if column_key == "importance":
            return int(text) if len(text) == 1 and text in "12345" else None
        return COMPETITOR_KEYS.get(text.lower())
