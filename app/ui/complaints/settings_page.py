"""Complaint settings pages: number prefixes, lists, deadline rules, holidays and 调休 days."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime, timedelta

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language, pick
from app.models.common import utcnow
from app.services import (
    complaint_service,
    complaint_settings,
    machine,
    number_prefixes,
    settings_service,
)
from app.services.complaint_settings import (
    RULE_LABELS,
    UNITS,
    ComplaintSettings,
    DeadlineRule,
    rule_label,
)
from app.services.number_prefixes import NumberPrefixes
from app.services.parsing import parse_date_text
from app.services.validation import FieldError, ValidationError
from app.services.work_calendar import DayOverride, library_years
from app.ui.background import BackgroundOp, run_in_background
from app.ui.settings.page import SettingsPage, hint_label
from app.ui.signals import COMPLAINT_SETTINGS_FAMILY, DataHub
from app.ui.widgets.date_field import DateField
from app.ui.widgets.form import ErrorLabel, FieldWithError

SPIN_MAX = 99999  # the service says what is allowed, next to the field
MAX_RANGE_DAYS = 61  # a slip of the year in "several days" must not add a thousand rows


def _spin(value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, SPIN_MAX)
    spin.setValue(value)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    spin.setFixedWidth(90)
    return spin


class ComplaintSettingsPages(QObject):
    """The complaint settings as four pages of the settings dialog: numbering (with the number
    prefixes of returns, service reports and visits), lists, deadlines, working-day calendar.
    One section: checked together (every message next to its field), stored together."""

    COL_DATE, COL_WEEKDAY, COL_WORKING, COL_NOTE = range(4)

    def __init__(
        self,
        engine: Engine,
        hub: DataHub,
        parent: QObject | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self._clock = now or utcnow
        self.settings = complaint_settings.load(engine)
        self._original = asdict(self.settings)
        self.prefixes = number_prefixes.load(engine)
        self.machine_code = machine.machine_code(engine)
        self.recomputed: int | None = None  # open tickets updated after saving

        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "background: #fff3cd; color: #7a4b00; border: 1px solid #e0b34a; padding: 6px;"
        )
        self.numbering_page = self._numbering_page()
        self.lists_page = self._lists_page()
        self.deadlines_page = self._deadlines_page()
        self.calendar_page = self._calendar_page()
        self._update_warning()

    def pages(self) -> list[SettingsPage]:
        return [self.numbering_page, self.lists_page, self.deadlines_page, self.calendar_page]

    # ------------------------------------------------------------------ pages

    def _numbering_page(self) -> SettingsPage:
        page = SettingsPage(
            "numbering",
            self.tr("Numbering"),
            self.tr(
                "The prefix of each kind of record. A new prefix numbers the records entered "
                "from now on; records already stored keep their numbers. Each year starts at "
                "0001."
            ),
        )
        year = self._clock().astimezone().year
        self.number_prefix = QLineEdit(self.settings.number_prefix)
        self.prefix_field = page.add_field("number_prefix", self.tr("Complaints"), self.number_prefix)  # fmt: skip
        self._example(page, self.number_prefix, lambda p: self.tr("Numbers look like {prefix}-2026-0001; a reopened ticket adds -1.").format(prefix=p))  # fmt: skip
        self.return_prefix = QLineEdit(self.prefixes.returns)
        self.service_prefix = QLineEdit(self.prefixes.service)
        self.visit_prefix = QLineEdit(self.prefixes.visit)
        self.prefix_fields = {
            "returns": page.add_field("returns", self.tr("Returns"), self.return_prefix),
        }
        self._example(page, self.return_prefix, lambda p: f"{p}-{year}-0001")
        code = f"-{self.machine_code}" if self.machine_code else ""
        self.prefix_fields["service"] = page.add_field(
            "service", self.tr("Field service reports"), self.service_prefix
        )
        self._example(page, self.service_prefix, lambda p: f"{p}{code}-{year}-0001")
        self.prefix_fields["visit"] = page.add_field(
            "visit", self.tr("Visit reports"), self.visit_prefix
        )
        self._example(page, self.visit_prefix, lambda p: f"{p}{code}-{year}-0001")
        for edit in (
            self.number_prefix,
            self.return_prefix,
            self.service_prefix,
            self.visit_prefix,
        ):
            edit.setMaximumWidth(160)
        if self.machine_code:
            note = self.tr(
                "This computer is laptop {code}: its reports carry the code after the prefix. "
                "The office's starter file brings the office's prefixes; a new starter file "
                "replaces these."
            ).format(code=self.machine_code)
        else:
            note = self.tr(
                "A laptop gets the prefixes of field service and visit reports with its "
                "starter file (Data → Make a starter file for a laptop…) and adds its own code: "
                "FW-L1-2026-0001."
            )
        page.body.addWidget(hint_label(note))
        page.body.addStretch(1)
        return page

    def _example(self, page: SettingsPage, edit: QLineEdit, text: Callable[[str], str]) -> None:
        """A grey line under the field: how numbers look with the prefix typed."""
        example = QLabel(text(edit.text().strip() or "…"))
        example.setStyleSheet("color: #555;")
        edit.textChanged.connect(lambda typed: example.setText(text(typed.strip() or "…")))
        page.form.addRow("", example)

    def _lists_page(self) -> SettingsPage:
        page = SettingsPage("lists", self.tr("Lists"))
        self.defect_categories = QPlainTextEdit("\n".join(self.settings.defect_categories))
        self.departments = QPlainTextEdit("\n".join(self.settings.departments))
        self.defect_error = ErrorLabel()
        self.departments_error = ErrorLabel()
        lists = QHBoxLayout()
        for title, editor, error in (
            (self.tr("Defect categories"), self.defect_categories, self.defect_error),
            (self.tr("Departments"), self.departments, self.departments_error),
        ):
            editor.setMinimumHeight(200)
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            hint = QLabel(self.tr("One per line, in the order the lists show them."))
            hint.setStyleSheet("color: #555;")
            hint.setWordWrap(True)
            box_layout.addWidget(hint)
            box_layout.addWidget(editor, 1)
            box_layout.addWidget(error)
            lists.addWidget(box)
        page.body.addLayout(lists, 1)
        return page

    def _deadlines_page(self) -> SettingsPage:
        page = SettingsPage("deadlines", self.tr("Deadlines"))
        lang = current_language()
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Deadline")), 0, 0)
        grid.addWidget(QLabel(self.tr("Amount")), 0, 1)
        grid.addWidget(QLabel(self.tr("Unit")), 0, 2)
        self.rule_amounts: dict[str, QSpinBox] = {}
        self.rule_units: dict[str, QComboBox] = {}
        self.rule_errors: dict[str, ErrorLabel] = {}
        for row, key in enumerate(RULE_LABELS, start=1):
            rule = self.settings.rules[key]
            amount = _spin(rule.amount)
            unit = QComboBox()
            for value, labels in UNITS.items():
                unit.addItem(pick(*labels, lang), value)
            unit.setCurrentIndex(max(unit.findData(rule.unit), 0))
            error = ErrorLabel()
            self.rule_amounts[key], self.rule_units[key], self.rule_errors[key] = (
                amount,
                unit,
                error,
            )
            grid.addWidget(QLabel(rule_label(key, lang)), row, 0)
            grid.addWidget(amount, row, 1)
            grid.addWidget(unit, row, 2)
            grid.addWidget(error, row, 3)
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(0, 200)
        rules = QGroupBox(self.tr("Deadline rules, counted from when the complaint was received"))
        rules_layout = QVBoxLayout(rules)
        rules_layout.addLayout(grid)
        note = QLabel(
            self.tr(
                "The return visit counts from the answer to the customer. A customer's own "
                "deadline for the corrective-action reply replaces the rule on that ticket. "
                "Working days follow the working-day calendar."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        rules_layout.addWidget(note)

        self.due_soon_hours = _spin(self.settings.due_soon_hours)
        self.recurrence_months = _spin(self.settings.recurrence_months)
        self.due_soon_field = FieldWithError(self.due_soon_hours)
        self.recurrence_field = FieldWithError(self.recurrence_months)
        others = QGroupBox(self.tr("Reminders and recurrence"))
        other_grid = QGridLayout(others)
        for row, (title, field, hint) in enumerate(
            (
                (
                    self.tr("Due soon within"),
                    self.due_soon_field,
                    self.tr("hours: listed at start-up as due soon"),
                ),
                (
                    self.tr("Recurrence within"),
                    self.recurrence_field,
                    self.tr("months: how far back the recurrence check looks"),
                ),
            )
        ):
            hint_label = QLabel(hint)
            hint_label.setStyleSheet("color: #555;")
            other_grid.addWidget(QLabel(title), row, 0, Qt.AlignmentFlag.AlignTop)
            other_grid.addWidget(field, row, 1, Qt.AlignmentFlag.AlignTop)
            other_grid.addWidget(hint_label, row, 2, Qt.AlignmentFlag.AlignTop)
        other_grid.setColumnMinimumWidth(0, 200)
        other_grid.setColumnStretch(2, 1)

        page.body.addWidget(rules)
        page.body.addWidget(others)
        page.body.addStretch(1)
        return page

    def _calendar_page(self) -> SettingsPage:
        page = SettingsPage("calendar", self.tr("Working-day calendar"))
        first, last = library_years()
        known = QLabel(
            self.tr(
                "The holiday calendar built into this program knows the public holidays and "
                "make-up workdays (调休) of {first}–{last}. Enter here what differs at your "
                "company (a shutdown, an extra working day) and the holidays of any later year."
            ).format(first=first, last=last)
        )
        known.setWordWrap(True)

        self.overrides = QTableWidget(0, 4)
        self.overrides.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Weekday"), self.tr("Working day?"), self.tr("Note")]
        )
        self.overrides.verticalHeader().setDefaultSectionSize(28)
        header = self.overrides.horizontalHeader()
        header.resizeSection(self.COL_DATE, 120)
        header.resizeSection(self.COL_WEEKDAY, 70)
        header.resizeSection(self.COL_WORKING, 200)
        header.setSectionResizeMode(self.COL_NOTE, QHeaderView.ResizeMode.Stretch)
        for override in sorted(self.settings.calendar_overrides, key=lambda o: o.day):
            self.add_override(override.day.isoformat(), override.working, override.note)
        self.overrides.itemChanged.connect(self._override_edited)
        add = QPushButton(self.tr("Add day"))
        remove = QPushButton(self.tr("Remove selected days"))
        add.clicked.connect(lambda: self._add_and_edit())
        remove.clicked.connect(self.remove_selected_overrides)
        self.overrides_error = ErrorLabel()
        table_buttons = QHBoxLayout()
        table_buttons.addWidget(add)
        table_buttons.addWidget(remove)
        table_buttons.addStretch(1)

        # a holiday week is entered at once: from, to, day off, note
        self.range_from, self.range_to = DateField(), DateField()
        for field in (self.range_from, self.range_to):
            field.setFixedWidth(130)
            field.line.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.range_kind = self._kind_combo(False)
        self.range_note = QLineEdit()
        self.range_note.setMinimumWidth(140)
        self.range_note.setPlaceholderText(self.tr("Note, e.g. 春节"))
        range_add = QPushButton(self.tr("Add these days"))
        range_add.clicked.connect(self.add_range_from_fields)
        self.range_error = ErrorLabel()
        range_row = QHBoxLayout()
        range_row.addWidget(QLabel(self.tr("Several days: from")))
        range_row.addWidget(self.range_from)
        range_row.addWidget(QLabel(self.tr("to")))
        range_row.addWidget(self.range_to)
        range_row.addWidget(self.range_kind)
        range_row.addWidget(self.range_note, 1)
        range_row.addWidget(range_add)

        days = QGroupBox(self.tr("Days that differ from the built-in calendar"))
        days_layout = QVBoxLayout(days)
        days_layout.addWidget(self.overrides, 1)
        days_layout.addWidget(self.overrides_error)
        days_layout.addLayout(table_buttons)
        days_layout.addLayout(range_row)
        days_layout.addWidget(self.range_error)

        this_year = self._clock().astimezone().year
        candidates = {y for y in (this_year, this_year + 1, this_year + 2) if y > last}
        years = sorted(candidates | set(self.settings.confirmed_years))
        self.year_boxes: dict[int, QCheckBox] = {}
        confirm = QGroupBox(self.tr("Years whose holidays you have entered completely"))
        confirm_layout = QHBoxLayout(confirm)
        for year in years:
            box = QCheckBox(str(year))
            box.setChecked(year in self.settings.confirmed_years)
            box.toggled.connect(self._update_warning)
            self.year_boxes[year] = box
            confirm_layout.addWidget(box)
        if not years:
            confirm_layout.addWidget(QLabel(self.tr("(the built-in calendar knows every year)")))
        confirm_layout.addStretch(1)
        self.years_error = ErrorLabel()

        self.overrides.setMinimumHeight(180)
        page.body.addWidget(self.warning)
        page.body.addWidget(known)
        page.body.addWidget(days, 1)
        page.body.addWidget(confirm)
        page.body.addWidget(self.years_error)
        return page

    # ------------------------------------------------------------------ calendar rows

    def add_override(self, day: str = "", working: bool = False, note: str = "") -> int:
        row = self.overrides.rowCount()
        blocked = self.overrides.blockSignals(True)
        self.overrides.insertRow(row)
        self.overrides.setItem(row, self.COL_DATE, QTableWidgetItem(day))
        weekday = QTableWidgetItem(self._weekday(day))
        weekday.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.overrides.setItem(row, self.COL_WEEKDAY, weekday)
        self.overrides.setCellWidget(row, self.COL_WORKING, self._kind_combo(working))
        self.overrides.setItem(row, self.COL_NOTE, QTableWidgetItem(note))
        self.overrides.blockSignals(blocked)
        return row

    def _kind_combo(self, working: bool) -> QComboBox:
        kind = QComboBox()
        kind.addItem(self.tr("Day off (holiday)"), False)
        kind.addItem(self.tr("Working day (调休 make-up)"), True)
        kind.setCurrentIndex(1 if working else 0)
        return kind

    def _row_of_day(self, day: date) -> int:
        for row in range(self.overrides.rowCount()):
            item = self.overrides.item(row, self.COL_DATE)
            try:
                if item is not None and parse_date_text(item.text()) == day:
                    return row
            except ValueError:
                continue
        return -1

    def add_days(self, first: date, last: date, working: bool, note: str) -> None:
        """Every day from first to last; a day already listed gets the new kind and note."""
        day = first
        while day <= last:
            row = self._row_of_day(day)
            if row < 0:
                self.add_override(day.isoformat(), working, note)
            else:
                self.set_override_working(row, working)
                self.overrides.item(row, self.COL_NOTE).setText(note)
            day += timedelta(days=1)
        self.overrides.sortItems(self.COL_DATE)

    def add_range_from_fields(self) -> bool:
        lang = current_language()
        try:
            first = self.range_from.date()
        except ValueError:
            self.range_error.show_message(FieldError("date_shape").message(lang))
            return False
        try:
            last = self.range_to.date() or first
        except ValueError:
            self.range_error.show_message(FieldError("date_shape").message(lang))
            return False
        if first is None or last is None:
            self.range_error.show_message(
                self.tr("Enter the first day (and the last day, when it is more than one).")
            )
            return False
        if last < first:
            self.range_error.show_message(self.tr("The last day is before the first day."))
            return False
        if (last - first).days > MAX_RANGE_DAYS:
            self.range_error.show_message(
                self.tr("At most {days} days at once.").format(days=MAX_RANGE_DAYS + 1)
            )
            return False
        self.range_error.show_message("")
        self.add_days(first, last, bool(self.range_kind.currentData()), self.range_note.text())
        self.range_from.set_date(None)
        self.range_to.set_date(None)
        self.range_note.clear()
        return True

    def _add_and_edit(self) -> None:
        row = self.add_override()
        self.overrides.setCurrentCell(row, self.COL_DATE)
        self.overrides.editItem(self.overrides.item(row, self.COL_DATE))

    def remove_selected_overrides(self) -> None:
        rows = sorted({index.row() for index in self.overrides.selectedIndexes()}, reverse=True)
        for row in rows:
            self.overrides.removeRow(row)

    def set_override_working(self, row: int, working: bool) -> None:
        combo: QComboBox = self.overrides.cellWidget(row, self.COL_WORKING)  # type: ignore[assignment]
        combo.setCurrentIndex(1 if working else 0)

    def _weekday(self, text: str) -> str:
        try:
            day = parse_date_text(text)
        except ValueError:
            return ""
        if day is None:
            return ""
        names = (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )
        return names[day.weekday()]

    def _override_edited(self, item: QTableWidgetItem) -> None:
        if item.column() == self.COL_DATE:
            weekday = self.overrides.item(item.row(), self.COL_WEEKDAY)
            if weekday is not None:
                weekday.setText(self._weekday(item.text()))

    def _mark_rows(self, bad: set[int]) -> None:
        for row in range(self.overrides.rowCount()):
            item = self.overrides.item(row, self.COL_DATE)
            if item is not None:
                item.setBackground(QBrush(QColor("#f8d7da")) if row in bad else QBrush())

    def _read_overrides(self) -> tuple[list[DayOverride], list[int], dict[int, str]]:
        """The typed days, the table row of each, and messages for rows that are not dates."""
        overrides: list[DayOverride] = []
        rows: list[int] = []
        problems: dict[int, str] = {}
        lang = current_language()
        for row in range(self.overrides.rowCount()):
            day_item = self.overrides.item(row, self.COL_DATE)
            note_item = self.overrides.item(row, self.COL_NOTE)
            day_text = day_item.text().strip() if day_item else ""
            note = note_item.text().strip() if note_item else ""
            if not day_text and not note:
                continue  # an empty row left over from "Add day"
            try:
                day = parse_date_text(day_text)
            except ValueError:
                day = None
            if day is None:
                problems[row] = FieldError("date_shape" if day_text else "required").message(lang)
                continue
            combo = self.overrides.cellWidget(row, self.COL_WORKING)
            overrides.append(DayOverride(day, bool(combo.currentData()), note))
            rows.append(row)
        return overrides, rows, problems

    # ------------------------------------------------------------------ warning

    def confirmed_years(self) -> list[int]:
        return [year for year, box in self.year_boxes.items() if box.isChecked()]

    def unknown_years(self) -> list[int]:
        """This year and the next, when neither the built-in calendar nor the user knows them."""
        this_year = self._clock().astimezone().year
        first, last = library_years()
        confirmed = set(self.confirmed_years())
        return [
            y for y in (this_year, this_year + 1) if not (first <= y <= last) and y not in confirmed
        ]

    def _update_warning(self) -> None:
        lines = [
            self.tr(
                "The public holidays of {year} are not included yet; working days are "
                "estimated as Monday to Friday. Enter that year's holidays here and confirm it."
            ).format(year=year)
            for year in self.unknown_years()
        ]
        self.warning.setText("\n".join(lines))
        self.warning.setVisible(bool(lines))

    # ------------------------------------------------------------------ checking and saving

    def _collect(self) -> tuple[ComplaintSettings, list[int], dict[int, str]]:
        def lines(editor: QPlainTextEdit) -> list[str]:
            return [line.strip() for line in editor.toPlainText().splitlines() if line.strip()]

        overrides, rows, problems = self._read_overrides()
        settings = ComplaintSettings(
            number_prefix=self.number_prefix.text().strip(),
            defect_categories=lines(self.defect_categories),
            departments=lines(self.departments),
            rules={
                key: DeadlineRule(
                    self.rule_amounts[key].value(), self.rule_units[key].currentData()
                )
                for key in RULE_LABELS
            },
            calendar_overrides=overrides,
            confirmed_years=sorted(self.confirmed_years()),
            recurrence_months=self.recurrence_months.value(),
            due_soon_hours=self.due_soon_hours.value(),
        )
        return complaint_settings.normalize(settings), rows, problems

    def _collect_prefixes(self) -> NumberPrefixes:
        return number_prefixes.normalize(
            NumberPrefixes(
                self.return_prefix.text(), self.service_prefix.text(), self.visit_prefix.text()
            )
        )

    def _clear_errors(self) -> None:
        for field in (self.prefix_field, self.due_soon_field, self.recurrence_field):
            field.set_error("")
        for field in self.prefix_fields.values():
            field.set_error("")
        for label in (
            self.defect_error,
            self.departments_error,
            self.overrides_error,
            self.years_error,
            *self.rule_errors.values(),
        ):
            label.show_message("")
        self._mark_rows(set())

    def check(self) -> list[SettingsPage]:
        """Every message next to its field; the pages holding one (none: it may be stored)."""
        self._clear_errors()
        settings, rows, problems = self._collect()
        prefixes = self._collect_prefixes()
        errors: dict[str, FieldError] = {}
        try:
            complaint_settings.validate(settings, number_prefixes.others(prefixes))
        except ValidationError as error:
            errors = error.errors
        bad = self._show_errors(ValidationError(errors), settings, rows, problems)
        try:
            number_prefixes.validate(prefixes, settings.number_prefix)
        except ValidationError as error:
            messages = error.messages(current_language())
            for name, field in self.prefix_fields.items():
                field.set_error(messages.get(name, ""))
            bad.add(self.numbering_page)
        return [page for page in self.pages() if page in bad]

    def changed(self) -> bool:
        settings, _rows, _problems = self._collect()
        return asdict(settings) != self._original or self._collect_prefixes() != self.prefixes

    def save(self, user: str = "") -> bool:
        """Store what changed (check() passed); True when the deadlines of the open tickets
        are to be worked out again (rules or calendar changed): recompute() does that."""
        settings, _rows, _problems = self._collect()
        prefixes = self._collect_prefixes()
        user = user or settings_service.current_user(self.engine)
        if prefixes != self.prefixes:  # first: the complaint prefix may take a freed one
            number_prefixes.save(self.engine, prefixes, user, settings.number_prefix)
            self.prefixes = prefixes
        saved = asdict(settings)
        if saved == self._original:
            return False
        complaint_settings.save(self.engine, settings, user)
        self.settings = settings
        self.hub.dataChanged.emit(COMPLAINT_SETTINGS_FAMILY, 0)
        deadlines_changed = any(
            saved[name] != self._original[name]
            for name in ("rules", "calendar_overrides", "confirmed_years")
        )
        self._original = saved
        return deadlines_changed

    def recompute(self, parent: QWidget, done: Callable[[], None]) -> BackgroundOp:
        """The deadlines of open tickets after new rules, off the GUI thread; then done()."""
        engine = self.engine

        def finished(count: int) -> None:
            self.recomputed = count
            self.hub.dataChanged.emit(complaint_service.ENTITY, 0)
            done()

        def failed(error: BaseException) -> None:
            QMessageBox.warning(
                parent,
                self.tr("Settings"),
                self.tr(
                    "The settings are saved, but the deadlines of open tickets could not be "
                    "updated: {reason}\nThey are updated when each ticket is saved next."
                ).format(reason=str(error) or error.__class__.__name__),
            )
            done()

        return run_in_background(
            parent,
            lambda _progress: complaint_service.recompute_open(engine),
            finished,
            failed,
            self.tr("Updating the deadlines of open tickets…"),
        )

    def _show_errors(
        self,
        error: ValidationError,
        settings: ComplaintSettings,
        rows: list[int],
        problems: dict[int, str],
    ) -> set[SettingsPage]:
        messages = error.messages(current_language())
        pages: set[SettingsPage] = set()
        self.prefix_field.set_error(messages.get("number_prefix", ""))
        if "number_prefix" in messages:
            pages.add(self.numbering_page)
        for name, items, label in (
            ("defect_categories", settings.defect_categories, self.defect_error),
            ("departments", settings.departments, self.departments_error),
        ):
            found = [messages[name]] if name in messages else []
            for i, item in enumerate(items):
                message = messages.get(f"{name}[{i}]")
                if message and item in message:
                    found.append(message)
                elif message:
                    found.append(
                        self.tr("“{value}”: {message}").format(value=item, message=message)
                    )
            label.show_message("\n".join(found))
            if found:
                pages.add(self.lists_page)
        for key, label in self.rule_errors.items():
            label.show_message(messages.get(f"rules.{key}", ""))
            if f"rules.{key}" in messages:
                pages.add(self.deadlines_page)
        for name, field in (
            ("due_soon_hours", self.due_soon_field),
            ("recurrence_months", self.recurrence_field),
        ):
            field.set_error(messages.get(name, ""))
            if name in messages:
                pages.add(self.deadlines_page)
        bad_rows = dict(problems)
        for i, row in enumerate(rows):
            if text := messages.get(f"calendar_overrides[{i}]"):
                bad_rows[row] = text
        day_lines = [
            self.tr("Row {row}: {message}").format(row=row + 1, message=bad_rows[row])
            for row in sorted(bad_rows)
        ]
        self.overrides_error.show_message("\n".join(day_lines))
        self._mark_rows(set(bad_rows))
        year_lines = [
            f"{year}: {text}"
            for i, year in enumerate(settings.confirmed_years)
            if (text := messages.get(f"confirmed_years[{i}]"))
        ]
        self.years_error.show_message("\n".join(year_lines))
        if day_lines or year_lines:
            pages.add(self.calendar_page)
        return pages
