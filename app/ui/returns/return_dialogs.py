"""Dialogs of the return workflow: archive with the day it was filed, open an action."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.services.complaint_data import ACTION_KIND_LABELS, label
from app.services.validation import FieldError, ValidationError
from app.ui.widgets.action_dialogs import WorkflowDialog, text_edit
from app.ui.widgets.date_field import DateField


def _day(field: DateField, key: str, errors: dict[str, FieldError]) -> date | None:
    try:
        value = field.date()
    except ValueError:
        errors[key] = FieldError("date_shape")
        return None
    if value is None:
        errors[key] = FieldError("required")
    return value


class ArchiveReturnDialog(WorkflowDialog):
    """The day the disposed return is filed; afterwards it is read-only. submit(archived_on)."""

    def __init__(
        self, number: str, submit: Callable[[date], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Archive return {number}").format(number=number),
            self.tr(
                "Every line is inspected and disposed of. After archiving, the return and its "
                "analysis are a read-only quality record."
            ),
            parent,
        )
        self._submit = submit
        self.archived_on = DateField()
        self.archived_on.set_date(date.today())
        self.add_field("archived_on", self.tr("Archived on"), self.archived_on)

    def submit(self) -> Any:
        errors: dict[str, FieldError] = {}
        archived_on = _day(self.archived_on, "archived_on", errors)
        if errors:
            raise ValidationError(errors)
        return self._submit(archived_on)


class OpenActionDialog(WorkflowDialog):
    """A corrective or preventive action opened from a return (also from a bulk one)."""

    def __init__(
        self,
        number: str,
        description: str,
        departments: list[str],
        submit: Callable[..., Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Open an action from return {number}").format(number=number),
            self.tr("The action is kept with the return and verified like any other."),
            parent,
        )
        self.setMinimumWidth(560)
        self._submit = submit
        self.kind = QComboBox()
        for value in ACTION_KIND_LABELS:
            self.kind.addItem(label(ACTION_KIND_LABELS, value), value)
        self.description = text_edit(height=90)
        self.description.setPlainText(description)
        self.department = QComboBox()
        self.department.setEditable(True)
        self.department.addItems(departments)
        self.department.setCurrentIndex(-1)
        self.owner = QLineEdit()
        self.due = DateField()
        self.due.set_date(date.today() + timedelta(days=7))
        self.add_field("kind", self.tr("Type"), self.kind)
        self.add_field("description", self.tr("Action *"), self.description)
        self.add_field("department", self.tr("Department"), self.department)
        self.add_field("owner", self.tr("Responsible"), self.owner)
        self.add_field("due", self.tr("Due *"), self.due)
        self.description.setFocus()

    def submit(self) -> Any:
        errors: dict[str, FieldError] = {}
        due = _day(self.due, "due", errors)
        if not self.description.toPlainText().strip():
            errors["description"] = FieldError("required")
        if errors:
            raise ValidationError(errors)
        return self._submit(
            kind=self.kind.currentData(),
            description=self.description.toPlainText(),
            department=self.department.currentText(),
            owner=self.owner.text(),
            due=due,
        )
