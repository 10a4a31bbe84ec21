"""A page of the settings dialog: its fields, the message next to each, and what it stores.

The dialog (app/ui/settings/dialog.py) checks every page before it stores anything. A section
is what one settings service stores; most sections are one page (SettingsPage itself), the
complaint settings fill four (app/ui/complaints/settings_page.py). A section offers:

- pages(): its pages, in the order of the page list;
- check(): the pages holding an error, every message shown next to its field, nothing stored;
- changed(): whether anything differs from what was stored when the dialog opened;
- save(user): store it, the audit trail naming user (called only after every section's
  check passed, and only when it changed).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.ui.widgets.form import FieldWithError

HINT_STYLE = "color: #555;"


def hint_label(text: str) -> QLabel:
    """A grey explanation that wraps."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


class SettingsPage(QWidget):
    """One page; as a section of its own it overrides validate(), changed() and save()."""

    def __init__(self, key: str, title: str, intro: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self._title = title
        self.fields: dict[str, FieldWithError] = {}
        self.body = QVBoxLayout(self)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.intro.setVisible(bool(intro))
        self.body.addWidget(self.intro)
        self._form: QFormLayout | None = None

    def title(self) -> str:
        return self._title

    @property
    def form(self) -> QFormLayout:
        """A form layout below the intro, made on first use."""
        if self._form is None:
            self._form = QFormLayout()
            self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            self.body.addLayout(self._form)
        return self._form

    def add_field(self, key: str, label: str, editor: QWidget) -> FieldWithError:
        wrapped = FieldWithError(editor)
        self.fields[key] = wrapped
        self.form.addRow(label, wrapped)
        return wrapped

    def show_field_errors(self, messages: dict[str, str]) -> bool:
        """Each field's message (or none) next to it; True when any field has one."""
        for key, wrapped in self.fields.items():
            wrapped.set_error(messages.get(key, ""))
        return any(key in messages for key in self.fields)

    # ---------------------------------------------------------------- as a section

    def pages(self) -> list[SettingsPage]:
        return [self]

    def check(self) -> list[SettingsPage]:
        return [] if self.validate() else [self]

    def validate(self) -> bool:
        """Show the messages next to the fields; True when the page may be stored."""
        return True

    def changed(self) -> bool:
        return False

    def save(self, user: str = "") -> None:
        """Store what the page holds (validate() passed); user: who, for the audit trail."""
