"""The customer visit report 走访服务报告 (Q/JL081306-C): who met whom, the topics, the customer's
feedback and requests, follow-up actions (verified like any other action), the next visit."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import audit_service, complaint_settings, visit_service
from app.services.complaint_data import ACTION_KIND_LABELS, VERIFICATION_LABELS, label
from app.services.field_data import VisitReportData
from app.ui.background import BackgroundOp
from app.ui.field_service import forms
from app.ui.field_service.record_dialog import FieldRecordDialog
from app.ui.locale_format import date_text
from app.ui.returns.fields import FieldSet
from app.ui.signals import DataHub
from app.ui.widgets.action_dialogs import RescheduleActionDialog, VerifyActionDialog
from app.ui.widgets.actions_panel import ActionsPanel
from app.ui.widgets.customer_picker import CustomerPicker
from app.ui.widgets.date_field import DateField
from app.ui.widgets.form import FieldWithError
from app.ui.widgets.history_table import HistoryTable

PAGE_VISIT, PAGE_ACTIONS, PAGE_HISTORY = range(3)
ACTION_PATH = re.compile(r"^actions\[(\d+)\]\.(\w+)$")
RED = "#c0392b"


def _caption(text: str) -> QLabel:
    caption = QLabel(text)
    caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    caption.setContentsMargins(0, 4, 0, 0)
    return caption


def _plain(height: int, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    edit.setPlaceholderText(placeholder)
    return edit


class VisitReportForm(QTabWidget):
    changed = Signal()

    def __init__(
        self, engine: Engine, departments: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.fields = FieldSet(self)
        self.dirty = False
        self._loading = False
        self._suggested_next = ""
        self._build_visit()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 4)
        intro = QLabel(
            self.tr(
                "What was promised to the customer: each follow-up has an owner and a due date and is verified when done."
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #6c757d;")
        self.actions_panel = ActionsPanel(departments)
        self.actions = self.actions_panel.table
        self.actions_field = FieldWithError(self.actions_panel)
        layout.addWidget(intro)
        layout.addWidget(self.actions_field, 1)
        self.addTab(page, self.tr("Follow-up actions"))
        self.history = HistoryTable()
        self.addTab(self.history, self.tr("History"))
        for signal in (self.fields.changed, self.actions.changed, self.customer.textEdited):
            signal.connect(self._mark_dirty)
        self.visited_on.line.textChanged.connect(self._suggest_next_visit)
        self.customer.customerChanged.connect(self._customer_changed)
        self.customer.editingFinished.connect(self._customer_finished)

    def _build_visit(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 4)
        box = QGroupBox(self.tr("Visit"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        self.customer = CustomerPicker(self.engine)
        self.customer_field = FieldWithError(self.customer)
        self.visited_on = DateField()
        self.next_visit_on = DateField()
        self.next_visit_on.setToolTip(
            self.tr("Suggested by the customer's visit cadence; change it if agreed otherwise")
        )
        self.visitors = _plain(44, self.tr("One name per line, or separated by commas"))
        self.attendees = _plain(44, self.tr("The customer's people who took part"))
        self.topics = _plain(70)
        self.feedback = _plain(70)
        self.requests = _plain(70)
        self.notes = _plain(44)
        self.field_labels = {"customer_id": self.tr("Customer")}
        for row, column, key, text, editor, kind, span in (
            (0, 0, "customer_id", self.tr("Customer *"), None, "", 3),
            (1, 0, "visited_on", self.tr("Visited on *"), self.visited_on, "date", 1),
            (1, 2, "next_visit_on", self.tr("Next visit"), self.next_visit_on, "date", 1),
            (2, 0, "visitors", self.tr("Visitors *"), self.visitors, "plain", 1),
            (2, 2, "attendees", self.tr("Customer attendees"), self.attendees, "plain", 1),
            (3, 0, "topics", self.tr("Topics"), self.topics, "plain", 3),
            (4, 0, "feedback", self.tr("Customer feedback"), self.feedback, "plain", 3),
            (5, 0, "requests", self.tr("Customer requests"), self.requests, "plain", 3),
            (6, 0, "notes", self.tr("Notes"), self.notes, "plain", 3),
        ):  # fmt: skip
            wrapped = (
                self.customer_field if editor is None else self.fields.add(key, text, editor, kind)
            )
            grid.addWidget(_caption(text), row, column)
            grid.addWidget(wrapped, row, column + 1, 1, span)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout.addWidget(box)
        layout.addStretch(1)
        self.addTab(page, self.tr("Visit"))

    # ------------------------------------------------------------------ data in

    def load(self, data: VisitReportData) -> None:
        self._loading = True
        self.customer.set_customer(data.customer_id, f"{data.customer_code}  {data.customer_name}")
        self.fields.load(data)
        self._suggested_next = (
            data.next_visit_on.isoformat() if data.id is None and data.next_visit_on else ""
        )
        self.actions_panel.set_actions(data.actions)
        count = len(data.actions)
        self.setTabText(
            PAGE_ACTIONS, self.tr("Follow-up actions") + (f" ({count})" if count else "")
        )
        self.show_errors({}, {})
        self._loading = False
        self.dirty = False

    def load_history(self, rows: list[audit_service.AuditRow]) -> None:
        self.history.show_rows(rows, self.history_field, self.history_value)

    def history_field(self, name: str) -> str:
        if name in self.field_labels:
            return self.field_labels[name]
        if name in self.fields.labels:
            return self.fields.labels[name]
        if match := ACTION_PATH.match(name):
            titles = {  # the verification is entered in its own dialog, not in a column
                "verified_by": self.tr("Verified by"),
                "verified_on": self.tr("Verified on"),
                "done_on": self.tr("Done on"),
            } | {c.key: c.title for c in self.actions.columns}
            return self.tr("Action {n} · {field}").format(
                n=match.group(1), field=titles.get(match.group(2), match.group(2))
            )
        return {"number": self.tr("Number"), "delete_reason": self.tr("Reason")}.get(name, name)

    def history_value(self, name: str, value: str | None) -> str:
        if value is None:
            return ""
        if name == "customer_id" and value.isdigit():
            return self.customer.display(int(value)) or value
        key = name.rsplit(".", 1)[-1]
        labels = {"kind": ACTION_KIND_LABELS, "verification": VERIFICATION_LABELS}.get(key)
        if labels and value in labels:
            return label(labels, value)
        return value

    # ------------------------------------------------------------------ data out

    def collect(
        self, base: VisitReportData | None
    ) -> tuple[VisitReportData, dict[str, str], dict[str, int]]:
        errors: dict[str, str] = {}
        data = VisitReportData()
        if base is not None:
            for name in ("id", "uuid", "number", "prefix", "origin", "attachments",
                         "customer_code", "customer_name"):  # fmt: skip
                setattr(data, name, getattr(base, name))
        data.customer_id = self.customer.customer_id
        if self.customer.problem:
            errors["customer_id"] = self.customer.problem
        self.fields.read(self.fields.raw(), data, errors)
        data.actions, action_rows = self.actions_panel.collect(errors)
        return data, errors, action_rows

    @staticmethod
    def checkable(data: VisitReportData) -> VisitReportData:
        return data

    def show_errors(self, errors: dict[str, str], action_rows: dict[str, int]) -> list[str]:
        self.fields.show_errors(errors)
        self.customer_field.set_error(errors.get("customer_id", ""))
        per_action: dict[tuple[int, str], str] = {}
        for path, message in errors.items():
            if match := ACTION_PATH.match(path):
                index = int(match.group(1))
                per_action[(action_rows.get(f"actions[{index}]", index), match.group(2))] = message
        self.actions.show_errors(per_action, errors.get("actions", ""))
        placed = set(self.fields.fields) | {"customer_id", "actions"}
        pages: set[int] = set()
        for path in errors:
            if path == "actions" or ACTION_PATH.match(path):
                pages.add(PAGE_ACTIONS)
            elif path in placed:
                pages.add(PAGE_VISIT)
        for page in (PAGE_VISIT, PAGE_ACTIONS):
            self.tabBar().setTabTextColor(page, QColor(RED) if page in pages else QColor())
        if pages:
            self.setCurrentIndex(min(pages))
        return [m for p, m in errors.items() if p not in placed and not ACTION_PATH.match(p)]

    # ------------------------------------------------------------------ behaviour

    def _suggest_next_visit(self, *_args: object) -> None:
        """The next visit follows the cadence until someone types another date."""
        if self._loading or self.customer.customer_id is None:
            return
        current = self.next_visit_on.text().strip()
        if current and current != self._suggested_next:
            return
        try:
            visited = self.visited_on.date()
        except ValueError:
            return
        if visited is None:
            return
        suggested = visit_service.suggested_next_visit(
            self.engine, self.customer.customer_id, visited
        )
        self._suggested_next = suggested.isoformat() if suggested else ""
        self.next_visit_on.set_date(suggested)

    def resolve_customer(self) -> None:
        if not self._loading:
            self.customer.resolve()
            self.customer_field.set_error(self.customer.problem)

    def _customer_finished(self) -> None:
        if self.window().isVisible():
            self.resolve_customer()

    def _customer_changed(self) -> None:
        self.customer_field.set_error("")
        self._suggest_next_visit()
        self._mark_dirty()

    def _mark_dirty(self, *_args: object) -> None:
        if self._loading:
            return
        if not self.dirty:
            self.dirty = True
            self.changed.emit()


class VisitReportDialog(FieldRecordDialog):
    entity = visit_service.ENTITY

    def __init__(
        self,
        engine: Engine,
        hub: DataHub,
        visit_id: int | None = None,
        parent: QWidget | None = None,
        customer_id: int | None = None,
    ) -> None:
        super().__init__(engine, hub, parent)
        if visit_id is not None:
            self.data = visit_service.get(engine, visit_id)
            if self.data is None:
                raise ValueError(f"no visit report {visit_id}")
        departments = complaint_settings.load(engine).departments
        self._build_frame(VisitReportForm(engine, departments, self))
        menu = QMenu(self.print_button)
        self.preview_action = menu.addAction(
            self.tr("Preview and print the visit report…"), lambda: self.export_pdf(preview=True)
        )
        menu.addSeparator()
        menu.addAction(self.tr("Visit report (PDF)…"), self.export_pdf)
        self.print_button.setMenu(menu)
        self.form.actions_panel.verifyRequested.connect(self.verify_action)
        self.form.actions_panel.rescheduleRequested.connect(self.reschedule_action)
        if self.data is None:
            blank = visit_service.blank_visit(engine, customer_id)
            blank.visitors = self.user
            self._load(blank)
        else:
            self._load(self.data)

    def new_title(self) -> str:
        return self.tr("New visit report")

    def record_title(self) -> str:
        return self.tr("Visit report {number} {customer}").format(
            number=self.data.number, customer=self.data.customer_name
        )

    def header_parts(self) -> list[str]:
        data = self.data
        parts = [data.customer_name, date_text(data.visited_on)]
        if data.open_actions:
            parts.append(self.tr("%n open follow-up(s)", "", len(data.open_actions)))
        return parts

    def _load(self, data: VisitReportData) -> None:
        self.form.load(data)
        self.form.load_history(visit_service.history(self.engine, data) if data.id else [])
        self._update_header()
        self._update_title()

    def _check(self, data: VisitReportData) -> None:
        visit_service.check(self.engine, data)

    def _store(self, data: VisitReportData) -> VisitReportData:
        if data.id is None:
            return visit_service.create(self.engine, data, self.user)
        return visit_service.update(self.engine, data, self.user)

    # ------------------------------------------------------------------ follow-ups

    def _selected_action(self):  # noqa: ANN202
        """(table row, stored action) of the selection; unsaved changes are saved first."""
        table = self.form.actions
        row = table.selected_row()
        if row is None:
            QMessageBox.information(
                self, self.tr("Follow-up actions"), self.tr("Select an action in the list first.")
            )
            return None
        action = table.row_data(row)
        if getattr(action, "id", None) is None:
            QMessageBox.information(
                self,
                self.tr("Follow-up actions"),
                self.tr("Save the visit report before verifying a new action."),
            )
            return None
        if not self.ready_to_go_on():
            return None
        action = next((a for a in self.data.actions if a.id == action.id), None)
        if action is None:
            return None
        return self.data.actions.index(action), action

    def _after_action_dialog(self, dialog: QDialog, row: int, text: str) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._stored(dialog.result_value)
            self.say(text)
            self.form.setCurrentIndex(PAGE_ACTIONS)
            self.form.actions.table.selectRow(row)

    def verify_action(self) -> None:
        if (picked := self._selected_action()) is None:
            return
        row, action = picked

        def submit(**values: object) -> VisitReportData:
            return visit_service.verify_action(self.engine, action.id, user=self.user, **values)  # type: ignore[arg-type]

        dialog = VerifyActionDialog(action, row + 1, self.user, submit, self)
        self._after_action_dialog(dialog, row, self.tr("Verification recorded."))

    def reschedule_action(self) -> None:
        if (picked := self._selected_action()) is None:
            return
        row, action = picked

        def submit(new_due: date, reason: str) -> VisitReportData:
            return visit_service.reschedule_action(
                self.engine, action.id, new_due=new_due, reason=reason, user=self.user
            )

        dialog = RescheduleActionDialog(action, row + 1, submit, self)
        self._after_action_dialog(
            dialog, row, self.tr("New due date recorded; the old one is kept in the history.")
        )

    # ------------------------------------------------------------------ printing

    def export_pdf(self, preview: bool = False) -> BackgroundOp | None:
        """The visit report saved as PDF, or shown in the preview to print for signature."""
        if self.data is None or not self.ready_to_go_on():
            return None
        return self._keep(
            forms.export_visit_report(
                self, self.engine, self.data, current_language(), self._exported, preview
            )
        )
