"""A set of named editors of one record part: shown from data, read back as typed, messages per field.

Each editor has a kind that says how its value is shown and read: text, plain, number, date,
choice (a fixed list; the item data is the value) and check. What was typed is kept as raw text
(`raw()` / `set_raw()`), so text that is not yet a number or a date is never lost.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from app.i18n import current_language
from app.services.parsing import parse_date_text, parse_number_text
from app.services.validation import FieldError
from app.ui.returns.table_model import quantity_text
from app.ui.widgets.date_field import DateField
from app.ui.widgets.form import FieldWithError


class FieldSet(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editors: dict[str, tuple[str, QWidget]] = {}
        self.fields: dict[str, FieldWithError] = {}
        self.labels: dict[str, str] = {}
        self._zero_blank: set[str] = set()
        self._quiet = False

    def add(
        self, key: str, label: str, editor: QWidget, kind: str, zero_blank: bool = False
    ) -> FieldWithError:
        """Register an editor; zero_blank shows a stored 0 as an empty number field."""
        self.editors[key] = (kind, editor)
        self.fields[key] = FieldWithError(editor)
        self.labels[key] = label.rstrip(" *")
        if zero_blank:
            self._zero_blank.add(key)
        # typed, picked or set from code: all count, except while a record is being shown
        if kind == "date":
            signal = editor.line.textChanged
        elif kind == "choice":
            signal = editor.currentIndexChanged
        elif kind == "check":
            signal = editor.toggled
        else:
            signal = editor.textChanged
        signal.connect(self._changed)
        return self.fields[key]

    def _changed(self, *_args: object) -> None:
        if not self._quiet:
            self.changed.emit()

    # ------------------------------------------------------------------ raw text in and out

    def raw(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, (kind, editor) in self.editors.items():
            if kind == "plain":
                result[key] = editor.toPlainText()
            elif kind == "choice":
                result[key] = editor.currentData() or ""
            elif kind == "check":
                result[key] = editor.isChecked()
            else:
                result[key] = editor.text()
        return result

    def set_raw(self, values: dict[str, Any]) -> None:
        self._quiet = True
        for key, (kind, editor) in self.editors.items():
            value = values.get(key)
            if kind == "plain":
                editor.setPlainText(value or "")
            elif kind == "choice":
                index = editor.findData(value or "")
                if index < 0 and value:
                    editor.addItem(str(value), value)  # e.g. a category since removed
                    index = editor.count() - 1
                editor.setCurrentIndex(max(index, 0))
            elif kind == "check":
                editor.setChecked(bool(value))
            elif kind == "date":
                editor.line.setText(value or "")
            else:
                editor.setText(value or "")
        self._quiet = False

    def raw_of(self, source: object) -> dict[str, Any]:
        """The raw editor values of a dataclass's fields."""
        values: dict[str, Any] = {}
        for key, (kind, _editor) in self.editors.items():
            value = getattr(source, key)
            if kind == "number":
                values[key] = "" if key in self._zero_blank and not value else quantity_text(value)
            elif kind == "date":
                values[key] = value.isoformat() if isinstance(value, date) else ""
            else:
                values[key] = value
        return values

    def load(self, source: object) -> None:
        self.set_raw(self.raw_of(source))

    def read(
        self, values: dict[str, Any], target: object, errors: dict[str, str], prefix: str = ""
    ) -> None:
        """Parse raw values into target's fields; what cannot be read goes to errors[prefix+key]."""
        lang = current_language()
        for key, (kind, _editor) in self.editors.items():
            value = values.get(key)
            if kind in ("number", "date"):
                try:
                    value = (parse_number_text if kind == "number" else parse_date_text)(
                        value or ""
                    )
                except ValueError:
                    code = "number_shape" if kind == "number" else "date_shape"
                    errors[prefix + key] = FieldError(code).message(lang)
                    value = None
            elif kind == "check":
                value = bool(value)
            else:
                value = value or ""
            setattr(target, key, value)

    # ------------------------------------------------------------------ state

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, wrapped in self.fields.items():
            wrapped.set_error(errors.get(key, ""))

    def set_read_only(self, read_only: bool) -> None:
        for _kind, editor in self.editors.values():
            edit = editor.line if isinstance(editor, DateField) else editor
            if isinstance(edit, QLineEdit | QPlainTextEdit):
                edit.setReadOnly(read_only)
                # input hints would invite typing into a read-only record
                if edit.property("hint") is None:
                    edit.setProperty("hint", edit.placeholderText())
                edit.setPlaceholderText("" if read_only else edit.property("hint"))
            if isinstance(editor, DateField):
                editor.button.setEnabled(not read_only)
            elif isinstance(editor, QComboBox | QCheckBox):
                editor.setEnabled(not read_only)
