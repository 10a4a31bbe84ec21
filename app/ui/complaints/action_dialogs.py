"""The complaint workflow's own dialog: closing a ticket (D8).

The dialogs every record with actions shares (verify, new due date, reason) are in
app/ui/widgets/action_dialogs.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from app.services.validation import FieldError, ValidationError
from app.ui.widgets.action_dialogs import WorkflowDialog, text_edit
from app.ui.widgets.date_field import DateField


class CloseTicketDialog(WorkflowDialog):
    """Closing note and date (D8); submit(note, closed_on)."""

    def __init__(
        self, number: str, submit: Callable[[str, date], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Close ticket {number}").format(number=number),
            self.tr(
                "After closing, the ticket is read-only. If the customer is later not "
                "satisfied, it can be reopened as a new ticket."
            ),
            parent,
        )
        self._submit = submit
        self.closed_on = DateField()
        self.closed_on.set_date(date.today())
        self.note = text_edit(self.tr("e.g. actions verified effective, customer satisfied"))
        self.add_field("closed_on", self.tr("Closed on"), self.closed_on)
        self.add_field("closing_note", self.tr("Closing note"), self.note)
        self.note.setFocus()

    def submit(self) -> Any:
        try:
            closed_on = self.closed_on.date()
        except ValueError:
            raise ValidationError({"closed_on": FieldError("date_shape")}) from None
        return self._submit(self.note.toPlainText(), closed_on or date.today())
