"""The survey targets 满意度目标, a page of the settings: the index target year by year (e.g.
95 % → 97 % → 98 %, 控制程序汇总 §4.1.5) and the item threshold below which an improvement action
is needed. New campaigns take them; campaigns already made keep theirs."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import settings_service, survey_service
from app.services.parsing import parse_number_text
from app.services.survey_settings import SurveySettings
from app.services.validation import FieldError, ValidationError
from app.ui.returns.table_model import quantity_text
from app.ui.settings.page import SettingsPage


class SurveyTargetsPage(SettingsPage):
    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(
            "survey_targets",
            self.tr("Survey targets"),
            self.tr(
                "The satisfaction index target of each year, from the first year on; after the "
                "last one the last target holds. New campaigns take the target of their year; "
                "campaigns already made keep theirs."
            ),
            parent,
        )
        self.engine = engine
        self.stored = survey_service.load_settings(engine)
        settings = self.stored
        self.start_year = QLineEdit(
            "" if settings.target_start_year is None else str(settings.target_start_year)
        )
        self.start_year.setPlaceholderText(self.tr("empty: the year of the first campaign"))
        self.targets = QLineEdit(", ".join(quantity_text(t) for t in settings.targets))
        self.targets.setPlaceholderText("95, 97, 98")
        self.threshold = QLineEdit(quantity_text(settings.threshold_pct))
        self.add_field("target_start_year", self.tr("First year"), self.start_year)
        self.add_field("targets", self.tr("Index targets % (year by year)"), self.targets)
        self.add_field("threshold_pct", self.tr("Item threshold %"), self.threshold)
        self.preview = QLabel()
        self.preview.setStyleSheet("color: #6c757d;")
        self.form.addRow("", self.preview)
        for edit in (self.start_year, self.targets):
            edit.textChanged.connect(self._update_preview)
        self._update_preview()
        self.body.addStretch(1)

    def read(self) -> tuple[SurveySettings, dict[str, FieldError]]:
        errors: dict[str, FieldError] = {}
        settings = SurveySettings()
        text = self.start_year.text().strip()
        if text:
            if text.isdigit():
                settings.target_start_year = int(text)
            else:
                errors["target_start_year"] = FieldError("year_range", {"min": 2000, "max": 2100})
        targets: list[float] = []
        for part in self.targets.text().replace("，", ",").replace("、", ",").split(","):
            if not part.strip():
                continue
            try:
                targets.append(parse_number_text(part.strip().rstrip("%")))  # type: ignore[arg-type]
            except ValueError:
                errors["targets"] = FieldError("number_shape")
        settings.targets = targets
        try:
            settings.threshold_pct = parse_number_text(self.threshold.text().strip().rstrip("%"))  # type: ignore[assignment]
        except ValueError:
            errors["threshold_pct"] = FieldError("number_shape")
        return settings, errors

    def _update_preview(self) -> None:
        settings, errors = self.read()
        if errors or not settings.targets or settings.target_start_year is None:
            self.preview.setText("")
            return
        years = range(
            settings.target_start_year, settings.target_start_year + len(settings.targets) + 1
        )
        self.preview.setText(
            "  ".join(
                f"{y}: {quantity_text(survey_service.target_for(settings, y))} %" for y in years
            )
        )

    def validate(self) -> bool:
        settings, errors = self.read()
        if not errors:
            try:
                survey_service.validate_settings(settings)
            except ValidationError as error:
                # one message for the list of targets
                errors = {
                    ("targets" if k.startswith("targets[") else k): v
                    for k, v in error.errors.items()
                }
        lang = current_language()
        return not self.show_field_errors({k: v.message(lang) for k, v in errors.items()})

    def changed(self) -> bool:
        settings, errors = self.read()
        return bool(errors) or settings != self.stored

    def save(self, user: str = "") -> None:
        settings, _errors = self.read()
        user = user or settings_service.current_user(self.engine)
        survey_service.save_settings(self.engine, settings, user)
        self.stored = settings
