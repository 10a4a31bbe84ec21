"""The complaint ticket form: shows a ComplaintData, reads it back, explains refused input.

Saving and the workflow belong to ComplaintDialog; the layout to ComplaintPages.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLineEdit,
    QPlainTextEdit,
    QTableWidgetItem,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import audit_service, complaint_service, customer_service, deadlines
from app.services.complaint_data import (
    ACTION_KIND_LABELS,
    CAUSE_LABELS,
    CHANNEL_LABELS,
    CLAIM_LABELS,
    KIND_LABELS,
    RESPONSIBILITY_LABELS,
    SEVERITY_LABELS,
    SORTING_LABELS,
    STATUS_LABELS,
    URGENCY_LABELS,
    VERIFICATION_LABELS,
    AttachmentData,
    ComplaintData,
    SortingData,
    StepData,
    label,
    step_label,
)
from app.services.complaint_settings import ComplaintSettings
from app.services.parsing import parse_date_text, parse_number_text
from app.services.validation import FieldError
from app.ui.complaints.complaint_pages import (
    PAGE_ACTIONS,
    PAGE_ATTACHMENTS,
    PAGE_D3,
    STEP_PAGES,
    ComplaintPages,
    number_text,
)
from app.ui.widgets.datetime_field import format_local

_ROW_PATH = re.compile(r"^(sorting|actions)\[(\d+)\]\.(\w+)$")
_HISTORY_STEP = re.compile(r"^D(\d)\.(\w+)$")
_CHOICE_FIELDS = {
    "channel": CHANNEL_LABELS, "kind": KIND_LABELS, "severity": SEVERITY_LABELS,
    "urgency": URGENCY_LABELS, "responsibility": RESPONSIBILITY_LABELS,
    "claim_status": CLAIM_LABELS, "occurrence_category": CAUSE_LABELS,
    "escape_category": CAUSE_LABELS, "status": STATUS_LABELS, "verification": VERIFICATION_LABELS,
    "location": SORTING_LABELS,
}  # fmt: skip
RED = "#c0392b"


class ComplaintForm(ComplaintPages):
    """Every editor of a ticket; load() shows a ticket, collect() reads the form back."""

    changed = Signal()
    openTicketRequested = Signal(int, bool)  # ticket id, read-only

    def __init__(
        self,
        engine: Engine,
        settings: ComplaintSettings,
        user: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(engine, settings, user, parent)
        self.complaint_id: int | None = None
        self.customer_id: int | None = None
        self.customer_type = ""
        self.customer_problem = ""
        self.read_only = False
        self.dirty = False
        self._loading = False
        self._auto_phone = ""
        self._quarantine_suggestion = ""
        self._set_why_lines([])
        self._recurrence_timer = self._timer(300, self.refresh_recurrence)
        self._deadline_timer = self._timer(400, self.refresh_deadlines)
        self._connect_signals()

    def _timer(self, msec: int, slot: Any) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(msec)
        timer.timeout.connect(slot)
        return timer

    def _connect_signals(self) -> None:
        self.customer_edit.completer().activated[str].connect(self._customer_chosen)
        self.recurrence.openRequested.connect(lambda cid: self.openTicketRequested.emit(cid, True))
        self.add_preventive_button.clicked.connect(self.add_preventive_action)
        self.reply_at.now_button.clicked.connect(self._fill_reply_by)
        signals = {"text": "textEdited", "number": "textEdited", "plain": "textChanged",
                   "choice": "currentIndexChanged", "satisfied": "currentIndexChanged",
                   "combo_text": "editTextChanged", "check": "toggled", "date": "textEdited",
                   "datetime": "textEdited"}  # fmt: skip
        for kind, editor in self.editors.values():
            getattr(editor, signals[kind]).connect(self._mark_dirty)
        for editor in self.step_editors.values():
            editor.content.textChanged.connect(self._mark_dirty)
            editor.owner.textEdited.connect(self._mark_dirty)
            editor.done_on.textEdited.connect(self._mark_dirty)
            editor.done_on.textEdited.connect(self._update_step_marks)
        self.sorting.changed.connect(self._mark_dirty)
        self.actions.changed.connect(self._mark_dirty)
        self.customer_edit.textEdited.connect(self._customer_text_edited)
        self.customer_edit.editingFinished.connect(self._customer_edit_finished)
        self.contact.currentIndexChanged.connect(self._contact_chosen)
        for signal in (self.part_no.textEdited, self.product_model.editTextChanged,
                       self.defect_category.currentIndexChanged):  # fmt: skip
            signal.connect(self._schedule_recurrence)
        for editor in (self.received_at, self.customer_deadline, self.first_reply_at,
                       self.containment_reply_at, self.action_reply_at, self.reply_at,
                       self.visit_at):  # fmt: skip
            editor.textEdited.connect(self._schedule_deadlines)
        self.urgency.currentIndexChanged.connect(self._schedule_deadlines)
        self.actions.changed.connect(self._schedule_deadlines)
        self.line_stopped.toggled.connect(self._line_stopped_toggled)
        self.responsibility.activated.connect(self.suggest_quarantine)
        self.batch_no.textEdited.connect(self.suggest_quarantine)
        self.prevention_waived.toggled.connect(self._update_waiver)

    def _set_why_lines(self, lines: list[str]) -> None:
        while len(self.why_edits) < max(5, len(lines)):
            edit = QLineEdit()
            edit.textEdited.connect(self._mark_dirty)
            self.why_form.addRow(self.tr("Why {n}").format(n=len(self.why_edits) + 1), edit)
            self.why_edits.append(edit)
        for i, edit in enumerate(self.why_edits):
            edit.setText(lines[i] if i < len(lines) else "")

    # ------------------------------------------------------------------ navigation

    def show_page(self, index: int) -> None:
        self.step_list.setCurrentRow(index)

    def step_page(self, delta: int) -> None:
        self.show_page((self.step_list.currentRow() + delta) % self.pages.count())

    def _update_step_marks(self, *_args: object) -> None:
        done = {s: bool(e.done_on.text().strip()) for s, e in self.step_editors.items()}
        for step in (1, 2, 3, 4, 7, 8):
            self.step_list.item(STEP_PAGES[step]).setText(
                ("✓ " if done[step] else "") + step_label(step)
            )
        mark = "✓ " if done[5] and done[6] else ""
        self.step_list.item(PAGE_ACTIONS).setText(mark + self.tr("D5–D7 Actions"))

    # ------------------------------------------------------------------ data in

    def _set_editor(self, kind: str, editor: Any, value: Any) -> None:
        if kind == "text":
            editor.setText(value or "")
        elif kind == "plain":
            editor.setPlainText(value or "")
        elif kind == "choice":
            index = editor.findData(value)
            if index < 0 and value:
                editor.addItem(str(value), value)  # e.g. a category since removed from settings
                index = editor.count() - 1
            editor.setCurrentIndex(index)
        elif kind == "combo_text":
            editor.setEditText(value or "")
        elif kind == "check":
            editor.setChecked(bool(value))
        elif kind == "date":
            editor.set_date(value)
        elif kind == "datetime":
            editor.set_value(value)
        elif kind == "number":
            editor.setText(number_text(value))
        elif kind == "satisfied":
            editor.setCurrentIndex({None: 0, True: 1, False: 2}[value])

    def load(self, data: ComplaintData, read_only: bool) -> None:
        """Show a ticket (a new one has no id); read_only switches every editor off."""
        self._loading = True
        self.complaint_id = data.id
        self.deadlines_panel.settled = data.status != "open"
        self.set_customer(data.customer_id, picked=False)
        if data.customer_id and self.customer_id is None:  # not in the list (deleted meanwhile)
            self.customer_edit.setText(f"{data.customer_code}  {data.customer_name}")
            self.customer_id = data.customer_id
        self.customer_type = data.customer_type or self.customer_type
        for name, (kind, editor) in self.editors.items():
            self._set_editor(kind, editor, getattr(data, name))
        self._auto_phone = data.contact_phone
        for step in data.steps:
            editor = self.step_editors[step.step]
            editor.content.setPlainText(step.content)
            editor.owner.setText(step.owner)
            editor.done_on.set_date(step.done_on)
        self._set_why_lines([line for line in data.five_why.splitlines() if line.strip()])
        self.sorting.set_rows([
            {"location": s.location, "qty_checked": number_text(s.qty_checked),
             "qty_defective": number_text(s.qty_defective), "handled_by": s.handled_by,
             "done_on": s.done_on.isoformat() if s.done_on else "", "notes": s.notes}
            for s in data.sorting
        ])  # fmt: skip
        self.actions_panel.set_actions(data.actions)
        self._quarantine_suggestion = ""
        self.set_read_only(read_only, stored=data.id is not None)
        self._update_step_marks()
        self.closure_info.setText(
            self.tr("Closed {when} by {who}. {note}").format(
                when=format_local(data.closed_at), who=data.closed_by, note=data.closing_note
            )
            if data.closed_at
            else ""
        )
        self.refresh_recurrence()
        if data.id is None:
            self.refresh_deadlines()
        else:
            self.show_deadlines(data.deadlines)
        self._loading = False
        self.dirty = False

    def set_read_only(self, read_only: bool, stored: bool) -> None:
        self.read_only = read_only
        for kind, editor in self.editors.values():
            if kind in ("text", "number", "plain"):
                editor.setReadOnly(read_only)
            elif kind in ("choice", "combo_text", "check", "satisfied"):
                editor.setEnabled(not read_only)
            elif kind == "date":
                editor.line.setReadOnly(read_only)
                editor.button.setEnabled(not read_only)
            elif kind == "datetime":
                editor.set_read_only(read_only)
        self.customer_edit.setReadOnly(read_only)
        for editor in self.step_editors.values():
            editor.content.setReadOnly(read_only)
            editor.owner.setReadOnly(read_only)
            editor.done_on.line.setReadOnly(read_only)
            editor.done_on.button.setEnabled(not read_only)
        for edit in self.why_edits:
            edit.setReadOnly(read_only)
        self.sorting.set_read_only(read_only)
        self.actions_panel.set_read_only(read_only)
        self.add_preventive_button.setEnabled(not read_only)
        if read_only:
            hint = self.tr("The ticket is read-only: files can be opened, not added or removed.")
        elif not stored:
            hint = self.tr("Adding a file registers the ticket first.")
        else:
            hint = ""
        self.attachments.set_editable(not read_only, hint)
        self._update_waiver()
        # input hints ("YYYY-MM-DD", examples) would invite typing into a read-only record
        for edit in self.pages.findChildren(QLineEdit) + self.pages.findChildren(QPlainTextEdit):
            if edit.property("hint") is None:
                edit.setProperty("hint", edit.placeholderText())
            edit.setPlaceholderText("" if read_only else edit.property("hint"))

    def _update_waiver(self, *_args: object) -> None:
        waived = self.prevention_waived.isChecked()
        for widget in (self.waiver_approved_by, self.waiver_approved_on, self.waiver_reason):
            widget.setEnabled(waived)

    def load_history(self, rows: list[audit_service.AuditRow]) -> None:
        actions = {"create": self.tr("created"), "update": self.tr("changed"), "delete": self.tr("deleted")}  # fmt: skip
        self.history.setRowCount(len(rows))
        for r, entry in enumerate(rows):
            values = [
                format_local(entry.at), entry.user, actions.get(entry.action, entry.action),
                self.history_field(entry.field), self.history_value(entry.field, entry.old_value),
                self.history_value(entry.field, entry.new_value),
            ]  # fmt: skip
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.history.setItem(r, c, item)
        self.history.resizeColumnsToContents()
        for column in (3, 4):
            self.history.setColumnWidth(column, min(self.history.columnWidth(column), 260))

    def history_field(self, name: str) -> str:
        """The form's label for a field path of the audit trail."""
        if name in self.field_labels:
            return self.field_labels[name]
        if match := _HISTORY_STEP.match(name):
            return self.field_labels.get(f"steps[{match.group(1)}].{match.group(2)}", name)
        if match := _ROW_PATH.match(name):
            table = self.sorting if match.group(1) == "sorting" else self.actions
            titles = {c.key: c.title for c in table.columns} | {
                "verification": self.tr("Verification"), "verified_by": self.tr("Verified by"),
                "verified_on": self.tr("Verified on"), "verification_note": self.tr("Note"),
                "reschedule_reason": self.tr("Reason"),
            }  # fmt: skip
            row = (
                self.tr("Sorting {n}") if match.group(1) == "sorting" else self.tr("Action {n}")
            ).format(n=match.group(2))
            return f"{row} · {titles.get(match.group(3), match.group(3))}"
        return {
            "number": self.tr("Number"), "status": self.tr("Status"),
            "attachments": self.tr("Photos and files"), "closing_note": self.tr("Closing note"),
            "cancel_reason": self.tr("Reason"), "reopen_reason": self.tr("Reason"),
            "origin": self.tr("Origin"), "reopened_as": self.tr("Reopened as"),
        }.get(name, name)  # fmt: skip

    def history_value(self, name: str, value: str | None) -> str:
        """A trail value as the user knows it: labels for codes, yes/no, local times."""
        if value is None:
            return ""
        if name == "customer_id" and value.isdigit():
            return self.customer_display(int(value)) or value
        key = name.rsplit(".", 1)[-1]
        labels = (
            ACTION_KIND_LABELS
            if name.startswith("actions[") and key == "kind"
            else _CHOICE_FIELDS.get(key)
        )
        if labels and value in labels:
            return label(labels, value)
        if value in ("true", "false"):
            return self.tr("yes") if value == "true" else self.tr("no")
        if len(value) > 16 and value[4:5] == "-" and "T" in value:
            try:
                return format_local(datetime.fromisoformat(value))
            except ValueError:
                return value
        return value

    def load_attachments(self, attachments: list[AttachmentData], path_of: Any) -> None:
        self.attachments.set_attachments(attachments, path_of)
        count = len(attachments)
        item = self.step_list.item(PAGE_ATTACHMENTS)
        item.setText(self.tr("Photos and files") + (f" ({count})" if count else ""))

    # ------------------------------------------------------------------ data out

    def _get_editor(self, kind: str, editor: Any) -> Any:
        """The value of an editor; ValueError carries the message when it cannot be read."""
        lang = current_language()
        if kind == "text":
            return editor.text()
        if kind == "plain":
            return editor.toPlainText()
        if kind == "choice":
            return editor.currentData() or ""
        if kind == "combo_text":
            return editor.currentText()
        if kind == "check":
            return editor.isChecked()
        if kind == "satisfied":
            return editor.currentData()
        try:
            if kind == "date":
                return editor.date()
            if kind == "datetime":
                return editor.value()
            return parse_number_text(editor.text())
        except ValueError:
            if kind == "datetime":
                raise ValueError(self.tr("Not a date and time (e.g. 2026-03-15 14:30).")) from None
            code = "date_shape" if kind == "date" else "number_shape"
            raise ValueError(FieldError(code).message(lang)) from None

    def collect(
        self, base: ComplaintData | None
    ) -> tuple[ComplaintData, dict[str, str], dict[str, int]]:
        """The form as data (on top of the stored base), messages for what could not be read,
        and child row path -> table row."""
        errors: dict[str, str] = {}
        lang = current_language()
        data = ComplaintData()
        if base is not None:
            data.id, data.uuid, data.number, data.status = (
                base.id,
                base.uuid,
                base.number,
                base.status,
            )
        data.customer_id = self.customer_id
        if self.customer_problem:
            errors["customer_id"] = self.customer_problem
        for name, (kind, editor) in self.editors.items():
            try:
                setattr(data, name, self._get_editor(kind, editor))
            except ValueError as error:
                errors[name] = str(error)
        data.five_why = "\n".join(e.text().strip() for e in self.why_edits if e.text().strip())

        def day(text: str, path: str) -> date | None:
            try:
                return parse_date_text(text)
            except ValueError:
                errors[path] = FieldError("date_shape").message(lang)
                return None

        def number(text: str, path: str) -> float:
            try:
                return parse_number_text(text) or 0.0
            except ValueError:
                errors[path] = FieldError("number_shape").message(lang)
                return 0.0

        data.steps = [
            StepData(
                s,
                e.content.toPlainText(),
                e.owner.text(),
                day(e.done_on.text(), f"steps[{s}].done_on"),
            )
            for s, e in sorted(self.step_editors.items())
        ]
        table_rows: dict[str, int] = {}
        for row in self.sorting.rows():
            # the service drops rows without quantities, handler and notes; so does the form
            if not (
                row["qty_checked"] or row["qty_defective"] or row["handled_by"] or row["notes"]
            ):
                continue
            path = f"sorting[{len(data.sorting)}]"
            table_rows[path] = int(row["_row"])
            data.sorting.append(
                SortingData(
                    location=row["location"] or "in_stock",
                    qty_checked=number(row["qty_checked"], f"{path}.qty_checked"),
                    qty_defective=number(row["qty_defective"], f"{path}.qty_defective"),
                    handled_by=row["handled_by"],
                    done_on=day(row["done_on"], f"{path}.done_on"),
                    notes=row["notes"],
                )
            )
        data.actions, action_rows = self.actions_panel.collect(errors)
        table_rows.update(action_rows)
        return data, errors, table_rows

    def action_index(self, table_row: int) -> int | None:
        """The position in ComplaintData.actions of a table row (None for an empty row)."""
        _data, _errors, table_rows = self.collect(None)
        return {r: int(p[8:-1]) for p, r in table_rows.items() if p.startswith("actions[")}.get(
            table_row
        )

    # ------------------------------------------------------------------ messages

    def show_errors(self, errors: dict[str, str], table_rows: dict[str, int]) -> list[str]:
        """Messages next to their fields and in table cells, pages marked; returns the rest."""
        pages: set[int] = set()
        for key, wrapped in self.fields.items():
            message = errors.get(key, "")
            if key != "actions":
                wrapped.set_error(message)
            if message:
                pages.add(self.field_pages[key])
        per_table: dict[str, dict[tuple[int, str], str]] = {"sorting": {}, "actions": {}}
        for path, message in errors.items():
            if match := _ROW_PATH.match(path):
                family, index, key = match.group(1), int(match.group(2)), match.group(3)
                per_table[family][(table_rows.get(f"{family}[{index}]", index), key)] = message
        self.sorting.show_errors(per_table["sorting"])
        self.actions.show_errors(per_table["actions"], errors.get("actions", ""))
        pages |= {PAGE_D3} if per_table["sorting"] else set()
        pages |= {PAGE_ACTIONS} if per_table["actions"] else set()
        for row in range(self.step_list.count()):
            self.step_list.item(row).setForeground(
                QBrush(QColor(RED)) if row in pages else QBrush()
            )
        if pages:
            first = min(pages)
            self.show_page(first)
            for key, page in self.field_pages.items():
                if page == first and errors.get(key) and key != "actions":
                    self.fields[key].setFocus()
                    break
        return [m for p, m in errors.items() if p not in self.fields and not _ROW_PATH.match(p)]

    # ------------------------------------------------------------------ customer picking

    def _customer_text_edited(self, _text: str) -> None:
        self.customer_problem = ""
        self._mark_dirty()

    def _customer_chosen(self, text: str) -> None:
        customer_id = self.customer_names.by_text.get(text)
        if customer_id is not None:
            self.set_customer(customer_id, picked=True)

    def _customer_edit_finished(self) -> None:
        # the field also loses focus while its window is being taken apart
        if shiboken6.isValid(self.recurrence.table) and self.window().isVisible():
            self.resolve_customer_text()

    def resolve_customer_text(self) -> None:
        """Typed text that is not a picked customer: take the only match, else explain."""
        if self.read_only or self._loading:
            return
        text = self.customer_edit.text().strip()
        if self.customer_id is not None and text == self.customer_display(self.customer_id):
            return
        if not text:
            self.set_customer(None, picked=True)
            return
        customer_id, matches = self.customer_names.match(text)
        if customer_id is not None:
            self.set_customer(customer_id, picked=True)
            return
        self.customer_id = None
        self.customer_problem = (
            self.tr("Several customers match “{text}”: pick one from the list.")
            if matches
            else self.tr("No customer matches “{text}”. Create the customer file first.")
        ).format(text=text)
        self.fields["customer_id"].set_error(self.customer_problem)
        self.recurrence.show_incomplete()

    def set_customer(self, customer_id: int | None, picked: bool) -> None:
        """Show the customer and offer its contacts and products (picked: chosen by the user)."""
        previous = self.customer_id
        self.customer_id = customer_id
        self.customer_problem = ""
        self.fields["customer_id"].set_error("")
        self.customer_edit.setText(self.customer_display(customer_id))
        customer = customer_service.get(self.engine, customer_id) if customer_id else None
        self.customer_type = customer.type if customer else ""
        contact_text, model_text = self.contact.currentText(), self.product_model.currentText()
        loading, self._loading = self._loading, True
        self.contact.clear()
        self.product_model.clear()
        if customer is not None:
            self.customer_edit.setToolTip(
                "\n".join(filter(None, [customer.name, customer.address, customer.phone]))
            )
            for contact in customer.contacts:
                self.contact.addItem(contact.name, contact.phone)
                self.contact.setItemData(
                    self.contact.count() - 1,
                    f"{contact.department} {contact.title} {contact.phone}".strip(),
                    Qt.ItemDataRole.ToolTipRole,
                )
            for product in customer.products:
                self.product_model.addItem(product.model)
                self.product_model.setItemData(
                    self.product_model.count() - 1, product.spec, Qt.ItemDataRole.ToolTipRole
                )
        self.contact.setCurrentIndex(-1)
        self.product_model.setCurrentIndex(-1)
        self.contact.setEditText(contact_text)
        self.product_model.setEditText(model_text)
        self._loading = loading
        if picked and customer_id != previous:
            self._mark_dirty()
            self._schedule_recurrence()

    def _contact_chosen(self, index: int) -> None:
        if self._loading or index < 0:
            return
        phone = self.contact.itemData(index) or ""
        current = self.contact_phone.text().strip()
        if phone and (not current or current == self._auto_phone):
            self.contact_phone.setText(phone)
            self._auto_phone = phone
        self._mark_dirty()

    # ------------------------------------------------------------------ live panels

    def _schedule_recurrence(self, *_args: object) -> None:
        if not self._loading:
            self._recurrence_timer.start()

    def refresh_recurrence(self) -> None:
        part = self.part_no.text().strip()
        model = self.product_model.currentText().strip()
        category = self.defect_category.currentData() or ""
        if self.customer_id is None or not category or not (part or model):
            self.recurrence.show_incomplete()
            return
        refs = complaint_service.recurrences(
            self.engine, self.customer_id, model, part, category, exclude_id=self.complaint_id
        )
        self.recurrence.show_refs(refs, self.settings.recurrence_months)

    def _schedule_deadlines(self, *_args: object) -> None:
        if not self._loading:
            self._deadline_timer.start()

    def refresh_deadlines(self) -> None:
        """The deadlines as the form stands: a preview until it is saved."""
        data, _errors, _rows = self.collect(None)
        if data.received_at is None:
            self.show_deadlines([], self.tr("Enter the received time to see the deadlines."))
            return
        preview = complaint_service.preview_deadlines(data, self.settings)
        note = (
            self.tr("Preview: stored when the ticket is saved.")
            if self.dirty or self.complaint_id is None
            else ""
        )
        self.show_deadlines(preview, note)

    def show_deadlines(self, computed: list[deadlines.Deadline], note: str = "") -> None:
        now = datetime.now().astimezone()
        self.deadlines_panel.show_deadlines(computed, note, now)
        by_key = {d.key: d for d in computed}
        for key, due_label in self.due_labels.items():
            deadline = by_key.get(key)
            if deadline is None:
                due_label.setText("")
                continue
            state, colour = self.deadlines_panel.state(deadline, now)
            due_label.setText(
                self.tr("due {when} · {state}").format(when=format_local(deadline.due), state=state)
            )
            due_label.setStyleSheet(f"color: {colour or '#6c757d'};")

    # ------------------------------------------------------------------ helpers for the clerk

    def _fill_reply_by(self) -> None:
        if not self.reply_by.text().strip():
            self.reply_by.setText(self.user)

    def _line_stopped_toggled(self, checked: bool) -> None:
        """A stopped line makes the complaint major (seed 003 §3.7); the clerk may change it back."""
        if checked and not self._loading:
            self.severity.setCurrentIndex(self.severity.findData("major"))

    def suggest_quarantine(self, *_args: object) -> None:
        """Our fault in a batch → a quarantine suggestion, editable (seed 004 §5.2.4)."""
        if self._loading or self.read_only:
            return
        batch = self.batch_no.text().strip()
        current = self.quarantine_advice.toPlainText().strip()
        if current and current != self._quarantine_suggestion:
            return  # the clerk's own text is never replaced
        if self.responsibility.currentData() != "ours" or not batch:
            return
        suggestion = self.tr(
            "Quarantine batch {batch}: hold it in our warehouse, in production and in transit; "
            "release only after 100% inspection. Inform the warehouse, production and sales, "
            "and trace where the rest of the batch was shipped."
        ).format(batch=batch)
        self.quarantine_advice.setPlainText(suggestion)
        self._quarantine_suggestion = suggestion

    def add_preventive_action(self) -> None:
        self.show_page(PAGE_ACTIONS)
        row = self.actions.add_row()
        if row >= 0:
            self.actions.set_value(row, "kind", "preventive")

    def _mark_dirty(self, *_args: object) -> None:
        if self._loading or self.read_only:
            return
        if not self.dirty:
            self.dirty = True
            self.changed.emit()
        self._schedule_deadlines()
