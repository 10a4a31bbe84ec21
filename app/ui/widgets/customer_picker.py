"""Pick a record's customer: type part of the code or name and choose from the suggestions."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget
from sqlalchemy import Engine

from app.services import customer_names


def suggest_customers(edit: QLineEdit, names: customer_names.CustomerNames) -> QCompleter:
    """Suggestions under edit: every customer whose text contains what was typed, any case."""
    # the model needs a parent, or Python frees it while the completer still uses it
    completer = QCompleter(QStringListModel(names.texts(), edit), edit)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setMaxVisibleItems(12)
    edit.setCompleter(completer)
    return completer


class CustomerPicker(QLineEdit):
    """customer_id is set when a suggestion is chosen, or by resolve() from what was typed."""

    customerChanged = Signal()  # chosen by the user (not when a record is loaded)

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.customer_id: int | None = None
        self.problem = ""  # why the typed text is no customer; shown next to the field
        self.setPlaceholderText(self.tr("Type code or name, pick from the list"))
        self.names = customer_names.load(engine)
        suggest_customers(self, self.names).activated[str].connect(self._chosen)
        self.textEdited.connect(self._edited)

    def display(self, customer_id: int | None) -> str:
        """“code  name(short name)” as the suggestions show it; "" for no or an unknown id."""
        return self.names.display(customer_id)

    def set_customer(
        self, customer_id: int | None, fallback: str = "", notify: bool = False
    ) -> None:
        """Show a customer; fallback is shown for one missing from the list (deleted meanwhile)."""
        previous = self.customer_id
        self.customer_id = customer_id
        self.problem = ""
        self.setText(self.display(customer_id) or (fallback if customer_id else ""))
        if notify and customer_id != previous:
            self.customerChanged.emit()

    def _chosen(self, text: str) -> None:
        if (customer_id := self.names.by_text.get(text)) is not None:
            self.set_customer(customer_id, notify=True)

    def _edited(self, _text: str) -> None:
        self.problem = ""

    def resolve(self) -> None:
        """Typed text that is not a chosen customer: take the only match, else explain why not."""
        text = self.text().strip()
        if self.customer_id is not None and text == self.display(self.customer_id):
            return
        if not text:
            self.set_customer(None, notify=True)
            return
        customer_id, matches = self.names.match(text)
        if customer_id is not None:
            self.set_customer(customer_id, notify=True)
            return
        had = self.customer_id
        self.customer_id = None
        self.problem = (
            self.tr("Several customers match “{text}”: pick one from the list.")
            if matches
            else self.tr("No customer matches “{text}”. Create the customer file first.")
        ).format(text=text)
        if had is not None:
            self.customerChanged.emit()
