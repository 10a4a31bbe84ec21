"""What to export from the overview: the period of the monthly summary 顾客投诉/抱怨汇总处理表 (a
month or a from–to range), the year of the annual summary, the part of the product failure
history 产品失败履历表, and whether as Excel or PDF. A bad input is explained next to its field."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)
from sqlalchemy import Engine

from app.services.validation import FieldError, ValidationError
from app.ui.widgets.action_dialogs import WorkflowDialog
from app.ui.widgets.date_field import DateField

PART_SUGGESTIONS = 50


def month_end(start: date) -> date:
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


@dataclass(frozen=True)
class SummaryRequest:
    """The monthly summary over start–end (a whole month when start and end say so)."""

    start: date
    end: date
    as_pdf: bool


@dataclass(frozen=True)
class AnnualRequest:
    year: int
    as_pdf: bool


@dataclass(frozen=True)
class FailureHistoryRequest:
    part: str
    as_pdf: bool


class MonthEdit(QDateEdit):
    """A month: yyyy-MM, with the arrows stepping months."""

    def __init__(self, month: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM")
        self.setCalendarPopup(True)
        self.setMinimumDate(QDate(2000, 1, 1))
        self.setMaximumDate(QDate(2100, 12, 31))
        self.set_month(month)
        self.setCurrentSection(QDateEdit.Section.MonthSection)

    def month(self) -> date:
        value = self.date()
        return date(value.year(), value.month(), 1)

    def set_month(self, month: date) -> None:
        self.setDate(QDate(month.year, month.month, 1))


class _FormatChoice(QWidget):
    """Excel or PDF."""

    def __init__(self, as_pdf: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.excel = QRadioButton(self.tr("Excel workbook"), self)
        self.pdf = QRadioButton(self.tr("PDF"), self)
        group = QButtonGroup(self)
        group.addButton(self.excel)
        group.addButton(self.pdf)
        (self.pdf if as_pdf else self.excel).setChecked(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.excel)
        layout.addWidget(self.pdf)
        layout.addStretch(1)

    def as_pdf(self) -> bool:
        return self.pdf.isChecked()


class MonthlySummaryDialog(WorkflowDialog):
    """The monthly complaint summary: one month, or a from–to range of days."""

    def __init__(self, month: date, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Monthly complaint summary"),
            self.tr(
                "Counts by customer, product, defect category, department, severity, month and "
                "season; repeat problems; Pareto; deadlines; reopen rate; returns; claims; "
                "satisfaction; overdue actions."
            ),
            parent,
        )
        self.one_month = QRadioButton(self.tr("One month"), self)
        self.a_range = QRadioButton(self.tr("From – to"), self)
        choice = QButtonGroup(self)
        choice.addButton(self.one_month)
        choice.addButton(self.a_range)
        self.one_month.setChecked(True)
        self.month = MonthEdit(month, self)
        self.start = DateField(self)
        self.end = DateField(self)
        self.start.set_date(month)
        self.end.set_date(month_end(month))
        self.format = _FormatChoice(parent=self)
        month_row = QWidget(self)
        row = QHBoxLayout(month_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.one_month)
        row.addWidget(self.month)
        row.addStretch(1)
        self.form.addRow(self.tr("Period"), month_row)
        self.form.addRow("", self.a_range)
        self.add_field("start", self.tr("From"), self.start)
        self.add_field("end", self.tr("To"), self.end)
        self.add_field("format", self.tr("Format"), self.format)
        for field in (self.start, self.end):
            field.line.textEdited.connect(lambda _t: self.a_range.setChecked(True))
        self.month.dateChanged.connect(lambda _d: self.one_month.setChecked(True))

    def submit(self) -> SummaryRequest:
        as_pdf = self.format.as_pdf()
        if self.one_month.isChecked():
            start = self.month.month()
            return SummaryRequest(start, month_end(start), as_pdf)
        errors: dict[str, FieldError] = {}
        bounds: dict[str, date] = {}
        for key, field in (("start", self.start), ("end", self.end)):
            try:
                value = field.date()
            except ValueError:
                errors[key] = FieldError("date_shape")
                continue
            if value is None:
                errors[key] = FieldError("required")
            else:
                bounds[key] = value
        if not errors and bounds["end"] < bounds["start"]:
            errors["end"] = FieldError("survey_end_before_start")
        if errors:
            raise ValidationError(errors)
        return SummaryRequest(bounds["start"], bounds["end"], as_pdf)


class AnnualSummaryDialog(WorkflowDialog):
    """The annual summary for the management review: a year."""

    def __init__(self, year: int, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Annual summary"),
            self.tr(
                "The year's complaint summary with last year beside it and whether the "
                "management targets were met."
            ),
            parent,
        )
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.setButtonSymbols(QSpinBox.ButtonSymbols.UpDownArrows)
        self.format = _FormatChoice(parent=self)
        self.add_field("year", self.tr("Year"), self.year)
        self.add_field("format", self.tr("Format"), self.format)

    def submit(self) -> AnnualRequest:
        return AnnualRequest(self.year.value(), self.format.as_pdf())


class PartEdit(QLineEdit):
    """A part or product number, with suggestions from the records as one types."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.setPlaceholderText(self.tr("Part no. or product model"))
        self.setClearButtonEnabled(True)
        self.suggestions = QStringListModel(self)
        completer = QCompleter(self.suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCompleter(completer)
        self.textEdited.connect(self.suggest)

    def suggest(self, text: str) -> list[str]:
        """The known parts that contain the text (the list is filtered in SQL)."""
        try:
            from app.services.failure_history import known_parts
        except ImportError:  # an older build without the failure history
            return []
        parts = known_parts(self.engine, text.strip(), PART_SUGGESTIONS)
        self.suggestions.setStringList(parts)
        if parts and self.hasFocus():
            self.completer().complete()
        return parts


class FailureHistoryDialog(WorkflowDialog):
    """The product failure history 产品失败履历表 of one part."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Product failure history"),
            self.tr(
                "Every complaint, returned item and field-service finding of one part or "
                "product, in date order."
            ),
            parent,
        )
        self.engine = engine
        self.part = PartEdit(engine, self)
        self.format = _FormatChoice(as_pdf=True, parent=self)
        self.add_field("part", self.tr("Part"), self.part)
        self.add_field("format", self.tr("Format"), self.format)
        self.part.setFocus()

    def submit(self) -> FailureHistoryRequest:
        part = self.part.text().strip()
        if not part:
            raise ValidationError({"part": FieldError("required")})
        from app.services.failure_history import failure_history

        if not failure_history(self.engine, part).entries:  # an empty form helps nobody
            raise ValidationError({"part": FieldError("part_not_found", {"part": part})})
        return FailureHistoryRequest(part, self.format.as_pdf())
