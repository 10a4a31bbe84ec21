"""A list filter for one customer: type part of a code or name, pick a suggestion."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget
from sqlalchemy import Engine

from app.services import customer_service
from app.services.customer_service import CustomerFilter

CUSTOMER_SUGGESTIONS = 20


class CustomerFilterEdit(QLineEdit):
    """Type part of a customer's code or name, pick one of the suggestions; empty means all."""

    customerChanged = Signal()

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.customer_id: int | None = None
        self._chosen_text = ""
        self._by_text: dict[str, int] = {}
        self.setPlaceholderText(self.tr("Customer: code or name"))
        self.setClearButtonEnabled(True)
        self._suggestions = QStringListModel(self)
        self._completer = QCompleter(self._suggestions, self)
        # the list is already filtered in SQL (code, name, short name, contacts)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(self._completer)
        self._completer.activated.connect(self.choose_text)
        self.textEdited.connect(self._suggest)
        self.textChanged.connect(self._text_changed)

    def _suggest(self, text: str) -> None:
        text = text.strip()
        if not text:
            self._suggestions.setStringList([])
            return
        ids = customer_service.search_ids(self.engine, CustomerFilter(text=text), "code")
        rows = customer_service.rows_for_ids(self.engine, ids[:CUSTOMER_SUGGESTIONS])
        self._by_text = {f"{rows[i].code}  {rows[i].name}": i for i in ids if i in rows}
        self._suggestions.setStringList(list(self._by_text))
        if self._by_text:
            self._completer.complete()

    def choose_text(self, text: str) -> None:
        customer_id = self._by_text.get(text)
        if customer_id is None:
            return
        self.set_customer(customer_id, text)

    def set_customer(self, customer_id: int | None, text: str = "", notify: bool = True) -> None:
        self._chosen_text = text
        self.customer_id = customer_id
        blocked = self.blockSignals(True)
        self.setText(text)
        self.blockSignals(blocked)
        if notify:
            self.customerChanged.emit()

    def _text_changed(self, text: str) -> None:
        # editing the chosen name (or clearing it) drops the customer from the filter
        if self.customer_id is not None and text != self._chosen_text:
            self.customer_id = None
            self._chosen_text = ""
            self.customerChanged.emit()
