"""The department's yearly management targets 管理目标, a page of the settings, judged in the
annual summary: a field left empty sets no target. A refused value is explained next to its
field."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import settings_service, summary_targets
from app.services.parsing import parse_number_text
from app.services.summary_targets import SummaryTargets
from app.services.validation import FieldError, ValidationError
from app.ui.returns.table_model import quantity_text
from app.ui.settings.page import SettingsPage

PERCENT_FIELDS = ("containment_on_time_pct", "answer_on_time_pct", "max_reopen_rate_pct")


class SummaryTargetsPage(SettingsPage):
    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(
            "management_targets",
            self.tr("Management targets"),
            self.tr(
                "The complaint targets of the year, judged in the annual summary. Leave a field "
                "empty for no target. The satisfaction index target is set with the surveys."
            ),
            parent,
        )
        self.engine = engine
        self.stored = summary_targets.load_targets(engine)
        self.edits: dict[str, QLineEdit] = {}
        for key, label, placeholder in (
            ("max_complaints", self.tr("Complaints in the year, at most"), "24"),
            ("containment_on_time_pct", self.tr("Containment on time, at least %"), "95"),
            ("answer_on_time_pct", self.tr("Answer to the customer on time, at least %"), "90"),
            ("max_reopen_rate_pct", self.tr("Reopen rate, at most %"), "5"),
            ("max_external_loss", self.tr("External loss (CNY), at most"), "50000"),
        ):
            edit = QLineEdit(quantity_text(getattr(self.stored, key)), self)
            edit.setPlaceholderText(self.tr("empty: no target (e.g. {example})").format(
                example=placeholder))  # fmt: skip
            self.edits[key] = edit
            self.add_field(key, label, edit)
        self.body.addStretch(1)

    def read(self) -> tuple[SummaryTargets, dict[str, str]]:
        """The targets as typed, and a message for each field that is not a number."""
        lang = current_language()
        values: dict[str, float | int | None] = {}
        errors: dict[str, str] = {}
        for key, edit in self.edits.items():
            text = edit.text().strip()
            if key in PERCENT_FIELDS:
                text = text.rstrip("%％").strip()
            try:
                value = parse_number_text(text)
            except ValueError:
                errors[key] = FieldError("number_shape").message(lang)
                continue
            if key == "max_complaints" and value is not None:
                if value != int(value):
                    errors[key] = self.tr("A whole number of complaints.")
                    continue
                value = int(value)
            values[key] = value
        return SummaryTargets(**values), errors  # type: ignore[arg-type]

    def validate(self) -> bool:
        targets, errors = self.read()
        try:
            summary_targets.validate_targets(targets)
        except ValidationError as error:
            # a field that is not a number keeps that message; the others get the range's
            errors = error.messages(current_language()) | errors
        return not self.show_field_errors(errors)

    def changed(self) -> bool:
        targets, errors = self.read()
        return bool(errors) or targets != self.stored

    def save(self, user: str = "") -> None:
        targets, _errors = self.read()
        user = user or settings_service.current_user(self.engine)
        summary_targets.save_targets(self.engine, targets, user)
        self.stored = targets
