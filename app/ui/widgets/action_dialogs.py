"""Small workflow dialogs shared by the records that own actions: verify or reschedule an
action, give a reason (cancel, reopen).

Each dialog hands what was entered to a `submit` callback (the workflow service); a refused
input is explained next to its field and the dialog stays open with the text as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language
from app.services.complaint_data import ActionData
from app.services.validation import FieldError, RecordLocked, ValidationError
from app.ui.widgets.date_field import DateField
from app.ui.widgets.form import ErrorLabel, FieldWithError


class WorkflowDialog(QDialog):
    """A form with OK/Cancel whose OK runs `submit`; keeps the dialog open when refused."""

    def __init__(self, title: str, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.fields: dict[str, FieldWithError] = {}
        self.result_value: Any = None
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.message = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.intro.setVisible(bool(intro))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def add_field(self, key: str, label: str, editor: QWidget) -> FieldWithError:
        wrapped = FieldWithError(editor)
        self.fields[key] = wrapped
        self.form.addRow(label, wrapped)
        return wrapped

    def action_intro(self, action: ActionData, position: int) -> str:
        return self.tr(
            "Action {n}: {description}\nResponsible {owner} · due {due} · done {done}"
        ).format(
            n=position,
            description=action.description,
            owner=action.owner or "—",
            due=action.due.isoformat() if action.due else "—",
            done=action.done_on.isoformat() if action.done_on else "—",
        )

    def submit(self) -> Any:
        """Read the fields and call the service; raise ValidationError when refused."""
        raise NotImplementedError

    def show_errors(self, errors: dict[str, str]) -> None:
        others = []
        for key, message in errors.items():
            if key in self.fields:
                continue
            others.append(message)
        for key, wrapped in self.fields.items():
            wrapped.set_error(errors.get(key, ""))
        self.message.show_message("\n".join(others))
        for key in self.fields:
            if key in errors:
                self.fields[key].setFocus()
                break

    def accept(self) -> None:
        try:
            self.result_value = self.submit()
        except ValidationError as error:
            self.show_errors(error.messages(current_language()))
            return
        except RecordLocked as error:  # closed, archived or cancelled meanwhile
            message = FieldError("record_locked", {"number": error.number})
            self.show_errors({"status": message.message(current_language())})
            return
        super().accept()


def text_edit(placeholder: str = "", height: int = 80) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(height)
    return edit


class ReasonDialog(WorkflowDialog):
    """Asks for a reason (reopen, cancel) and passes it to submit(reason)."""

    def __init__(
        self,
        title: str,
        intro: str,
        label: str,
        key: str,
        submit: Callable[[str], Any],
        text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, intro, parent)
        self._submit = submit
        self.reason = text_edit()
        self.reason.setPlainText(text)
        self.add_field(key, label, self.reason)
        self.key = key
        self.reason.setFocus()

    def submit(self) -> Any:
        return self._submit(self.reason.toPlainText())


class VerifyActionDialog(WorkflowDialog):
    """Effective or not; not effective asks for a new due date (seed 002 §6.3.1 B)."""

    def __init__(
        self,
        action: ActionData,
        position: int,
        verifier: str,
        submit: Callable[..., Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Verify action"), parent=parent)
        self.set_intro(self.action_intro(action, position))
        self._submit = submit
        self.effective = QRadioButton(self.tr("Effective"))
        self.not_effective = QRadioButton(self.tr("Not effective"))
        self.effective.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.effective)
        group.addButton(self.not_effective)
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.effective)
        row.addWidget(self.not_effective)
        row.addStretch(1)
        self.verified_by = QLineEdit(verifier)
        self.verified_on = DateField()
        self.verified_on.set_date(date.today())
        self.note = text_edit(height=60)
        self.new_due = DateField()
        self.add_field("result", self.tr("Result"), choice)
        self.add_field("verified_by", self.tr("Verified by"), self.verified_by)
        self.add_field("verified_on", self.tr("Verified on"), self.verified_on)
        self.add_field("new_due", self.tr("New due date"), self.new_due)
        self.add_field("note", self.tr("Note"), self.note)
        self.not_effective.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        needed = self.not_effective.isChecked()
        self.new_due.setEnabled(needed)
        self.form.labelForField(self.fields["new_due"]).setEnabled(needed)

    def submit(self) -> Any:
        errors: dict[str, FieldError] = {}
        try:
            verified_on = self.verified_on.date()
        except ValueError:
            verified_on = None
            errors["verified_on"] = FieldError("date_shape")
        if verified_on is None and "verified_on" not in errors:
            errors["verified_on"] = FieldError("required")
        new_due = None
        if self.not_effective.isChecked():
            try:
                new_due = self.new_due.date()
            except ValueError:
                errors["new_due"] = FieldError("date_shape")
        if errors:
            raise ValidationError(errors)
        return self._submit(
            effective=self.effective.isChecked(),
            verified_by=self.verified_by.text(),
            verified_on=verified_on,
            note=self.note.toPlainText(),
            new_due=new_due,
        )


class RescheduleActionDialog(WorkflowDialog):
    """A late action gets a new due date and a reason; the old date stays in its history."""

    def __init__(
        self,
        action: ActionData,
        position: int,
        submit: Callable[[date, str], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("New due date"), parent=parent)
        self.set_intro(self.action_intro(action, position))
        self._submit = submit
        self.new_due = DateField()
        self.reason = text_edit(self.tr("Why the date moves"), 60)
        self.add_field("new_due", self.tr("New due date"), self.new_due)
        self.add_field("reason", self.tr("Reason"), self.reason)
        self.new_due.setFocus()

    def submit(self) -> Any:
        try:
            new_due = self.new_due.date()
        except ValueError:
            raise ValidationError({"new_due": FieldError("date_shape")}) from None
        if new_due is None:
            errors = {"new_due": FieldError("required")}
            if not self.reason.toPlainText().strip():
                errors["reason"] = FieldError("required")
            raise ValidationError(errors)
        return self._submit(new_due, self.reason.toPlainText())
