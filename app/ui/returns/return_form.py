"""The return form: receipt, lines with their inspection and disposition, analysis, actions,
history. load() shows a ReturnData, collect() reads the form back, show_errors() explains."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services import audit_service, return_service
from app.services.complaint_data import (
    ACTION_KIND_LABELS,
    STATUS_LABELS,
    VERIFICATION_LABELS,
    label,
)
from app.services.complaint_settings import ComplaintSettings
from app.services.return_data import (
    LINE_RESPONSIBILITY_LABELS,
    RETURN_STATUS_LABELS,
    REWORK_INSTRUCTION_LABELS,
    WARRANTY_LABELS,
    LinkedComplaint,
    ReturnData,
)
from app.ui.locale_format import date_text
from app.ui.returns.fields import FieldSet
from app.ui.returns.lines_panel import LINE_PATH, LinesPanel
from app.ui.widgets.actions_panel import ActionsPanel
from app.ui.widgets.customer_picker import CustomerPicker
from app.ui.widgets.date_field import DateField
from app.ui.widgets.form import FieldWithError
from app.ui.widgets.history_table import HistoryTable

PAGE_RECEIPT, PAGE_ANALYSIS, PAGE_HISTORY = range(3)
ACTION_PATH = re.compile(r"^actions\[(\d+)\]\.(\w+)$")
ANALYSIS_KEYS = ("analysis_result", "analysis_by", "analysis_on", "actions")
RED, GREY = "#c0392b", "#6c757d"
_VALUE_LABELS = {
    "responsibility": LINE_RESPONSIBILITY_LABELS, "warranty": WARRANTY_LABELS,
    "rework_instruction": REWORK_INSTRUCTION_LABELS, "status": RETURN_STATUS_LABELS,
    "verification": VERIFICATION_LABELS,
}  # fmt: skip


def _caption(text: str) -> QLabel:
    caption = QLabel(text)
    caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    caption.setContentsMargins(0, 4, 0, 0)
    return caption


class ReturnForm(QTabWidget):
    changed = Signal()

    def __init__(
        self, engine: Engine, settings: ComplaintSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.fields = FieldSet(self)
        self.read_only = False
        self.dirty = False
        self._loading = False
        self._build_receipt(settings)
        self._build_analysis(settings)
        self.history = HistoryTable()
        self.addTab(self.history, self.tr("History"))
        for signal in (self.fields.changed, self.lines.changed, self.actions.changed,
                       self.complaint.currentIndexChanged, self.customer.textEdited):  # fmt: skip
            signal.connect(self._mark_dirty)
        self.customer.customerChanged.connect(self._customer_changed)
        self.customer.editingFinished.connect(self._customer_finished)

    # ------------------------------------------------------------------ building

    def _build_receipt(self, settings: ComplaintSettings) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 4)
        box = QGroupBox(self.tr("Receipt"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        self.customer = CustomerPicker(self.engine)
        self.customer_field = FieldWithError(self.customer)
        self.received_on = DateField()
        self.warehouse_receipt_no = QLineEdit()
        self.received_by = QLineEdit()
        self.complaint = QComboBox()
        self.complaint.setMinimumContentsLength(18)
        self.complaint.setToolTip(self.tr("A complaint ticket of this customer (pick by number)"))
        self.complaint_field = FieldWithError(self.complaint)
        self.bulk = QCheckBox(self.tr("Bulk periodic return 统退货"))
        self.bulk.setToolTip(self.tr("Returns collected over a period; never a complaint case"))
        bulk_note = QLabel(self.tr("A bulk return never counts as a complaint."))
        bulk_note.setStyleSheet(f"color: {GREY};")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(40)
        self.field_labels = {
            "customer_id": self.tr("Customer"), "complaint_id": self.tr("Linked complaint"),
        }  # fmt: skip
        for row, column, key, text, editor, kind, span in (
            (0, 0, "customer_id", self.tr("Customer *"), None, "", 3),
            (0, 4, "received_on", self.tr("Received on *"), self.received_on, "date", 1),
            (1, 0, "warehouse_receipt_no", self.tr("Warehouse receipt no."), self.warehouse_receipt_no, "text", 1),
            (1, 2, "received_by", self.tr("Received by"), self.received_by, "text", 1),
            (1, 4, "complaint_id", self.tr("Linked complaint"), None, "", 1),
            (2, 2, "notes", self.tr("Notes"), self.notes, "plain", 3),
        ):  # fmt: skip
            if editor is None:
                wrapped = self.customer_field if key == "customer_id" else self.complaint_field
            else:
                wrapped = self.fields.add(key, text, editor, kind)
            grid.addWidget(_caption(text), row, column)
            grid.addWidget(wrapped, row, column + 1, 1, span)
        bulk = self.fields.add("bulk", self.tr("Bulk return"), self.bulk, "check")
        bulk_box = QVBoxLayout()
        bulk_box.setSpacing(0)
        bulk_box.addWidget(bulk)
        bulk_box.addWidget(bulk_note)
        grid.addLayout(bulk_box, 2, 0, 1, 2)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        layout.addWidget(box)
        self.lines = LinesPanel(settings.defect_categories)
        layout.addWidget(self.lines, 1)
        self.addTab(page, self.tr("Receipt and lines"))

    def _build_analysis(self, settings: ComplaintSettings) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 4)
        box = QGroupBox(self.tr("Analysis by manufacturing"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        self.analysis_result = QPlainTextEdit()
        self.analysis_result.setTabChangesFocus(True)
        self.analysis_result.setFixedHeight(70)
        self.analysis_result.setPlaceholderText(
            self.tr(
                "Cause found by manufacturing and what was done; needed to archive a return that is our fault"
            )
        )
        self.analysis_by = QLineEdit()
        self.analysis_on = DateField()
        for row, column, key, text, editor, kind, span in (
            (0, 0, "analysis_result", self.tr("Result"), self.analysis_result, "plain", 3),
            (1, 0, "analysis_by", self.tr("Analysed by"), self.analysis_by, "text", 1),
            (1, 2, "analysis_on", self.tr("Analysed on"), self.analysis_on, "date", 1),
        ):  # fmt: skip
            grid.addWidget(_caption(text), row, column)
            grid.addWidget(self.fields.add(key, text, editor, kind), row, column + 1, 1, span)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.archive_info = QLabel()
        self.archive_info.setStyleSheet(f"color: {GREY};")
        grid.addWidget(self.archive_info, 2, 0, 1, 4)
        layout.addWidget(box)
        actions_box = QGroupBox(self.tr("Corrective and preventive actions"))
        self.actions_panel = ActionsPanel(settings.departments)
        self.actions = self.actions_panel.table
        self.actions_field = FieldWithError(self.actions_panel)
        QVBoxLayout(actions_box).addWidget(self.actions_field)
        layout.addWidget(actions_box, 1)
        self.addTab(page, self.tr("Analysis and actions"))

    # ------------------------------------------------------------------ data in

    def load(self, data: ReturnData, read_only: bool) -> None:
        self._loading = True
        self.customer.set_customer(data.customer_id, f"{data.customer_code}  {data.customer_name}")
        self.fill_complaints(data.complaint_id, data.complaint)
        self.fields.load(data)
        self.lines.load(data.lines)
        self.actions_panel.set_actions(data.actions)
        self.archive_info.setText(
            self.tr("Archived {day} by {who}.").format(
                day=date_text(data.archived_on), who=data.archived_by
            )
            if data.archived_on
            else ""
        )
        self.set_read_only(read_only)
        self.show_errors({}, {}, {})
        self._loading = False
        self.dirty = False

    def fill_complaints(self, chosen: int | None, linked: LinkedComplaint | None = None) -> None:
        """The customer's complaint tickets to pick from; chosen stays chosen if it is one."""
        loading, self._loading = self._loading, True
        self.complaint.clear()
        self.complaint.addItem(self.tr("(none)"), None)
        choices = (
            return_service.complaint_choices(self.engine, self.customer.customer_id)
            if self.customer.customer_id
            else []
        )
        if linked is not None and all(c.id != linked.id for c in choices):
            choices.insert(0, linked)
        for c in choices:
            summary = c.description.replace("\n", " ")
            text = f"{c.number} · {label(STATUS_LABELS, c.status)}"
            self.complaint.addItem(f"{text} · {summary[:24]}" if summary else text, c.id)
            self.complaint.setItemData(
                self.complaint.count() - 1, c.description, Qt.ItemDataRole.ToolTipRole
            )
        self.complaint.setCurrentIndex(max(self.complaint.findData(chosen), 0))
        self._loading = loading

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.fields.set_read_only(read_only)
        self.customer.setReadOnly(read_only)
        self.complaint.setEnabled(not read_only)
        self.lines.set_read_only(read_only)
        self.actions_panel.set_read_only(read_only)

    def load_history(self, rows: list[audit_service.AuditRow]) -> None:
        self.history.show_rows(rows, self.history_field, self.history_value)

    def history_field(self, name: str) -> str:
        """The form's label for a field path of the audit trail."""
        if name in self.field_labels or name in self.fields.labels:
            return self.field_labels.get(name) or self.fields.labels[name]
        if match := LINE_PATH.match(name):
            titles = {c.key: c.title.rstrip(" *") for c in self.lines.table.columns}
            titles |= self.lines.editor.fields.labels
            key = match.group(2)
            return self.tr("Line {n} · {field}").format(
                n=match.group(1), field=titles.get(key, key)
            )
        if match := ACTION_PATH.match(name):
            titles = {c.key: c.title for c in self.actions.columns}
            key = match.group(2)
            return self.tr("Action {n} · {field}").format(
                n=match.group(1), field=titles.get(key, key)
            )
        return {
            "number": self.tr("Number"), "status": self.tr("Status"),
            "attachments": self.tr("Photos"), "archived_on": self.tr("Archived on"),
            "cancel_reason": self.tr("Reason"),
        }.get(name, name)  # fmt: skip

    def history_value(self, name: str, value: str | None) -> str:
        """A trail value as the user knows it: labels for codes, yes/no, the customer's name."""
        if value is None:
            return ""
        if name == "customer_id" and value.isdigit():
            return self.customer.display(int(value)) or value
        key = name.rsplit(".", 1)[-1]
        labels = ACTION_KIND_LABELS if key == "kind" else _VALUE_LABELS.get(key)
        if labels and value in labels:
            return label(labels, value)
        if value in ("true", "false"):
            return self.tr("yes") if value == "true" else self.tr("no")
        return value

    # ------------------------------------------------------------------ data out

    def collect(
        self, base: ReturnData | None
    ) -> tuple[ReturnData, dict[str, str], dict[int, int], dict[str, int]]:
        """The form as data (number and status from base), messages for what could not be read,
        line index -> table row, and actions[i] -> table row."""
        errors: dict[str, str] = {}
        data = ReturnData()
        if base is not None:
            data.id, data.uuid, data.number, data.status = (
                base.id,
                base.uuid,
                base.number,
                base.status,
            )
            data.complaint = base.complaint
        data.customer_id = self.customer.customer_id
        if self.customer.problem:
            errors["customer_id"] = self.customer.problem
        data.complaint_id = self.complaint.currentData()
        self.fields.read(self.fields.raw(), data, errors)
        data.lines, line_rows = self.lines.collect(errors)
        data.actions, action_rows = self.actions_panel.collect(errors)
        return data, errors, line_rows, action_rows

    # ------------------------------------------------------------------ messages

    def show_errors(
        self, errors: dict[str, str], line_rows: dict[int, int], action_rows: dict[str, int]
    ) -> list[str]:
        """Every message next to its field, in its line or action row; tabs with one turn red.
        Returns the messages that belong to no field."""
        self.fields.show_errors(errors)
        self.customer_field.set_error(errors.get("customer_id", ""))
        self.complaint_field.set_error(errors.get("complaint_id", ""))
        bad_line = self.lines.show_errors(errors, line_rows)
        per_action: dict[tuple[int, str], str] = {}
        for path, message in errors.items():
            if match := ACTION_PATH.match(path):
                index = int(match.group(1))
                per_action[(action_rows.get(f"actions[{index}]", index), match.group(2))] = message
        self.actions.show_errors(per_action, errors.get("actions", ""))
        pages: set[int] = set()
        if bad_line is not None or errors.get("lines"):
            pages.add(PAGE_RECEIPT)
        for path in errors:
            if path in ANALYSIS_KEYS or ACTION_PATH.match(path):
                pages.add(PAGE_ANALYSIS)
            elif path in self.fields.fields or path in ("customer_id", "complaint_id"):
                pages.add(PAGE_RECEIPT)
        for page in (PAGE_RECEIPT, PAGE_ANALYSIS):
            self.tabBar().setTabTextColor(page, QColor(RED) if page in pages else QColor())
        if pages:
            self.setCurrentIndex(min(pages))
        placed = set(self.fields.fields) | {"customer_id", "complaint_id", "lines", "actions"}
        return [
            message
            for path, message in errors.items()
            if path not in placed and not LINE_PATH.match(path) and not ACTION_PATH.match(path)
        ]

    # ------------------------------------------------------------------ behaviour

    def resolve_customer(self) -> None:
        if not self.read_only and not self._loading:
            self.customer.resolve()
            self.customer_field.set_error(self.customer.problem)

    def _customer_finished(self) -> None:
        if self.window().isVisible():
            self.resolve_customer()

    def _customer_changed(self) -> None:
        self.customer_field.set_error("")
        self.fill_complaints(self.complaint.currentData())
        self._mark_dirty()

    def _mark_dirty(self, *_args: object) -> None:
        if self._loading or self.read_only:
            return
        if not self.dirty:
            self.dirty = True
            self.changed.emit()
