"""The complaint ticket 客户抱怨处理单: register it, work the 8D, close, reopen, cancel, print.

A phone call is registered on the first page by keyboard in under a minute; the 8D is worked
over the following days on the pages of the step list. Closed, reopened and cancelled tickets
open read-only (quality records, SPEC §4); only printing, reopening and the history remain.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.reports.files import write_atomically
from app.services import (
    attachment_service,
    complaint_service,
    complaint_settings,
    complaint_workflow,
    settings_service,
    storage_errors,
)
from app.services.complaint_data import (
    STATUS_LABELS,
    AttachmentData,
    ComplaintData,
    label,
    step_label,
)
from app.services.complaint_service import RecordLocked
from app.services.conflicts import RecordConflict
from app.services.validation import FieldError, ValidationError
from app.ui.background import BackgroundOp, Progress
from app.ui.complaints.action_dialogs import CloseTicketDialog
from app.ui.complaints.complaint_form import ComplaintForm
from app.ui.complaints.complaint_pages import PAGE_ACTIONS, PAGE_REGISTRATION
from app.ui.exporting import ask_save_path, export_in_background
from app.ui.signals import DataHub
from app.ui.widgets import attachment_files, record_conflict
from app.ui.widgets.action_dialogs import ReasonDialog, RescheduleActionDialog, VerifyActionDialog
from app.ui.widgets.datetime_field import format_local
from app.ui.widgets.editing_banner import EditingBanner
from app.ui.widgets.storage import storage_problem

_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|]+')
FORMS = ("eight_d", "quality_feedback", "capa", "prevent_recurrence")
_BANNER_COLOURS = {"closed": "#d4edda", "cancelled": "#f8d7da", "reopened": "#fff3cd"}


class ComplaintDialog(QDialog):
    """Register or work one complaint ticket; what was typed stays when the input is refused."""

    saved = Signal(int)

    def __init__(
        self,
        engine: Engine,
        hub: DataHub,
        complaint_id: int | None = None,
        parent: QWidget | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.user = settings_service.current_user(engine)
        self.complaint: ComplaintData | None = None
        if complaint_id is not None:
            self.complaint = complaint_service.get(engine, complaint_id)
            if self.complaint is None:
                raise ValueError(f"no complaint ticket {complaint_id}")
        self.force_read_only = read_only  # opened from another ticket just to read
        self.linked: list[ComplaintDialog] = []
        self.last_export: Path | None = None
        self._ops: list[BackgroundOp] = []
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._fit_screen()
        self.form = ComplaintForm(engine, complaint_settings.load(engine), self.user, self)
        self._build()
        self._load(self.complaint or self._new_data())

    def _fit_screen(self) -> None:
        """1280×700, or what the screen leaves (1366×768 minus the taskbar and the title bar)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width = min(1280, screen.width() - 40) if screen else 1280
        height = min(700, screen.height() - 50) if screen else 700
        self.resize(max(width, 900), max(height, 560))

    def _new_data(self) -> ComplaintData:
        return ComplaintData(
            received_at=datetime.now().astimezone().replace(second=0, microsecond=0),
            received_by=self.user,
        )

    @property
    def dirty(self) -> bool:
        return self.form.dirty

    @property
    def read_only(self) -> bool:
        return self.form.read_only

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.links = QLabel(self)
        self.links.setTextFormat(Qt.TextFormat.RichText)
        self.links.linkActivated.connect(self._link_clicked)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.editing = EditingBanner(self.engine, complaint_service.ENTITY, self.user, self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        self.print_button = QPushButton(self.tr("Print / PDF"), self)
        self.print_button.setToolTip(self.tr("Print the ticket's forms as PDF (Ctrl+P)"))
        self.print_button.setMenu(self._build_print_menu())
        self.close_ticket_button = QPushButton(self.tr("Close ticket…"), self)
        self.close_ticket_button.setToolTip(
            self.tr("D8: close when every action is verified and the customer is satisfied")
        )
        self.reopen_button = QPushButton(self.tr("Reopen…"), self)
        self.reopen_button.setToolTip(
            self.tr("The customer is not satisfied: open a new ticket with this number plus -1")
        )
        self.cancel_ticket_button = QPushButton(self.tr("Cancel ticket…"), self)
        self.cancel_ticket_button.setToolTip(self.tr("Void a ticket registered in error"))
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.close_button = QPushButton(self.tr("Close"), self)
        for button, slot in (
            (self.close_ticket_button, self.close_ticket),
            (self.reopen_button, self.reopen_ticket),
            (self.cancel_ticket_button, self.cancel_ticket),
            (self.save_button, self.save),
            (self.close_button, self.close),
        ):
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (self.print_button, self.close_ticket_button, self.reopen_button,
                       self.cancel_ticket_button, self.save_button, self.close_button):  # fmt: skip
            button.setAutoDefault(False)
            buttons.addWidget(button)
        QWidget.setTabOrder(self.form.owner, self.save_button)

        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.links)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.editing)
        layout.addWidget(self.form, 1)
        layout.addLayout(buttons)

        for shortcut, slot in (
            (QKeySequence(QKeySequence.StandardKey.Save), self.save),
            (QKeySequence(QKeySequence.StandardKey.Print), self.show_print_menu),
            (QKeySequence("Ctrl+PgDown"), lambda: self.form.step_page(1)),
            (QKeySequence("Ctrl+PgUp"), lambda: self.form.step_page(-1)),
        ):
            action = QAction(self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        self.form.changed.connect(self._update_title)
        self.form.openTicketRequested.connect(self.open_ticket)
        self.form.actions_panel.verifyRequested.connect(self.verify_action)
        self.form.actions_panel.rescheduleRequested.connect(self.reschedule_action)
        strip = self.form.attachments
        strip.addRequested.connect(self.add_attachments)
        strip.filesDropped.connect(self.add_files)
        strip.openRequested.connect(self.open_attachment)
        strip.removeRequested.connect(self.remove_attachment)

    def _build_print_menu(self) -> QMenu:
        menu = QMenu(self)
        forms = (
            ("eight_d", self.tr("8D report (customer complaint form)…")),
            ("quality_feedback", self.tr("Quality information feedback form…")),
            ("capa", self.tr("Corrective/preventive action record…")),
            ("prevent_recurrence", self.tr("Prevent-recurrence report…")),
        )
        self.preview_menu = menu.addMenu(self.tr("Preview and print"))
        self.preview_actions: dict[str, QAction] = {}
        for key, text in forms:
            action = self.preview_menu.addAction(text)
            action.triggered.connect(lambda _checked=False, k=key: self.preview_form(k))
            self.preview_actions[key] = action
        menu.addSeparator()
        self.print_actions: dict[str, QAction] = {}
        for key, text in forms:
            action = menu.addAction(text)
            action.triggered.connect(lambda _checked=False, k=key: self.export_pdf(k))
            self.print_actions[key] = action
        menu.addSeparator()
        self.print_langs = QActionGroup(self)
        self.print_lang_actions: dict[str, QAction] = {}
        for lang, text in (
            ("zh_CN", self.tr("Forms in Chinese")),
            ("en", self.tr("Forms in English")),
            ("bilingual", self.tr("Forms bilingual (Chinese / English)")),
        ):
            action = QAction(text, self, checkable=True)
            action.setData(lang)
            self.print_langs.addAction(action)
            menu.addAction(action)
            self.print_lang_actions[lang] = action
        return menu

    # ------------------------------------------------------------------ showing a ticket

    def _load(self, data: ComplaintData) -> None:
        read_only = self.force_read_only or (data.id is not None and not data.editable)
        self.form.load(data, read_only)
        self.editing.watch(data.uuid, editing=not read_only)
        self._load_history()
        self._load_attachments()
        self._update_state()
        default = "bilingual" if self.form.customer_type == "oem" else current_language()
        self.print_lang_actions.get(default, self.print_lang_actions["zh_CN"]).setChecked(True)
        self._update_title()

    def _load_history(self) -> None:
        rows = complaint_service.history(self.engine, self.complaint) if self.complaint else []
        self.form.load_history(rows)

    def _load_attachments(self) -> None:
        attachments = self.complaint.attachments if self.complaint else []
        self.form.load_attachments(
            attachments, lambda a: attachment_service.file_path(self.engine, a)
        )

    def _update_state(self) -> None:
        """Header, banner, links and which buttons apply to the ticket's state."""
        data = self.complaint
        if data is None:
            self.header.setText(f"<b style='font-size:14px'>{self.tr('New complaint ticket')}</b>")
        else:
            parts = [
                f"<b style='font-size:14px'>{data.number}</b>",
                label(STATUS_LABELS, data.status),
            ]
            if data.customer_name:
                parts.append(data.customer_name)
            if data.status == "open":
                parts.append(self.tr("now at {step}").format(step=step_label(data.current_step)))
            self.header.setText(" · ".join(parts))
        show_banner = data is not None and self.read_only
        if show_banner:
            self.banner.setText(self._banner_text(data))
            self.banner.setStyleSheet(
                f"background: {_BANNER_COLOURS.get(data.status, '#e2e3e5')}; color: #212529;"
                " border: 1px solid #bbb; padding: 5px;"
            )
        self.banner.setVisible(show_banner)
        links = []
        if data is not None and data.origin is not None:
            links.append(
                self.tr("Origin: {link}").format(link=_link(data.origin.id, data.origin.number))
            )
        if data is not None and data.reopenings:
            numbers = ", ".join(_link(r.id, r.number) for r in data.reopenings)
            links.append(self.tr("Reopened as: {links}").format(links=numbers))
        self.links.setText("  ".join(links))
        self.links.setVisible(bool(links))
        stored = data is not None
        editable = stored and not self.read_only
        self.save_button.setEnabled(not self.read_only)
        self.close_ticket_button.setEnabled(editable)
        self.cancel_ticket_button.setEnabled(editable)
        self.reopen_button.setEnabled(
            stored and not self.force_read_only and complaint_workflow.can_reopen(data) is None
        )
        self.print_button.setEnabled(stored)

    def _banner_text(self, data: ComplaintData) -> str:
        if self.force_read_only and data.status == "open":
            return self.tr(
                "Opened from another ticket for reading only. Open it from the list to edit it."
            )
        if data.status == "closed":
            return self.tr(
                "Closed {when} by {who}: this quality record is read-only. If the customer is "
                "not satisfied, reopen it as a new ticket."
            ).format(when=format_local(data.closed_at), who=data.closed_by)
        if data.status == "reopened":
            numbers = ", ".join(r.number for r in data.reopenings) or "—"
            return self.tr(
                "Reopened as {numbers}: this ticket is read-only; the work goes on in the new one."
            ).format(numbers=numbers)
        if data.status == "cancelled":
            return self.tr("Cancelled ({reason}): the ticket is read-only.").format(
                reason=data.cancel_reason
            )
        return self.tr("Read-only.")

    def _link_clicked(self, href: str) -> None:
        if href.startswith("ticket:"):
            self.open_ticket(int(href.split(":", 1)[1]), False)

    def open_ticket(self, complaint_id: int, read_only: bool = False) -> ComplaintDialog:
        """Another ticket (origin, reopening, recurrence) in its own window."""
        # a child of this dialog, so it can be used while this one runs modally
        dialog = ComplaintDialog(self.engine, self.hub, complaint_id, self, read_only=read_only)
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.linked.append(dialog)
        dialog.destroyed.connect(
            lambda *_: self.linked.remove(dialog) if dialog in self.linked else None
        )
        dialog.show()
        return dialog

    def _update_title(self) -> None:
        if self.complaint is None:
            title = self.tr("New complaint ticket")
        else:
            title = self.tr("Complaint {number} {customer}").format(
                number=self.complaint.number, customer=self.complaint.customer_name
            )
            if self.read_only:
                title += " " + self.tr("(read-only)")
        self.setWindowTitle(title + (" *" if self.dirty else ""))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c0392b;" if error else "color: #1e7e34;")

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        """Register a new ticket or store the changes; refused input is shown next to its field."""
        if self.read_only:
            return False
        self.form.resolve_customer_text()
        data, typing_errors, table_rows = self.form.collect(self.complaint)
        if self.complaint is not None:  # the version the form shows: a later save is refused
            data.version, data.updated_at = self.complaint.version, self.complaint.updated_at
        lang = current_language()
        previous = self.complaint
        try:
            if typing_errors:  # what could not be read, plus every other rule, in one go
                try:
                    complaint_service.check(self.engine, data)
                except ValidationError as error:
                    raise ValidationError(error.errors) from None
                raise ValidationError({})
            if data.id is None:
                stored = complaint_service.create(self.engine, data, self.user)
            else:
                stored = complaint_service.update(self.engine, data, self.user)
        except ValidationError as error:
            others = self.form.show_errors({**error.messages(lang), **typing_errors}, table_rows)
            text = self.tr("Not saved: please correct the marked fields.")
            self._say("\n".join([text, *others]), error=True)
            return False
        except RecordLocked:
            self._say(
                self.tr(
                    "Not saved: the ticket was closed, reopened or cancelled meanwhile. "
                    "Close this window and open the ticket again."
                ),  # fmt: skip
                error=True,
            )
            return False
        except RecordConflict as conflict:
            return self._resolve_conflict(conflict)
        except storage_errors.STORAGE_ERRORS as error:
            self._say(storage_problem(error), error=True)
            return False
        self._stored(stored)
        if previous is None:
            self._say(self.tr("Registered as {number}.").format(number=stored.number))
        else:
            self._say(self.tr("Saved."))
        self.saved.emit(stored.id or 0)
        if stored.visit_satisfied is False and (
            previous is None or previous.visit_satisfied is not False
        ):
            self._offer_reopen()
        return True

    def _resolve_conflict(self, conflict: RecordConflict) -> bool:
        """Someone saved the ticket while it was open here: say who, when and what, then save
        the typed values over theirs, show theirs, or leave the form as it is."""
        choice = record_conflict.ask(
            self, conflict, self.form.history_field, self.form.history_value
        )
        stored = complaint_service.get(self.engine, conflict.record_id)
        if stored is None or choice is None:
            self._say(
                self.tr(
                    "Not saved: {user} saved this ticket meanwhile. Your entries are still in the form."
                ).format(user=conflict.user or "?"),  # fmt: skip
                error=True,
            )
            return False
        self.complaint = stored
        if choice == record_conflict.DISCARD:
            self._stored(stored)
            self._say(self.tr("Showing the ticket as {user} saved it.").format(user=conflict.user))
            return False
        return self.save()  # the typed values, on top of the version now stored

    def _stored(self, data: ComplaintData) -> None:
        """Show the ticket as now stored and tell the other windows."""
        self.complaint = data
        self._load(data)
        self.form.show_errors({}, {})
        self.hub.dataChanged.emit(complaint_service.ENTITY, data.id or 0)

    def _ask_save_first(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The form has unsaved changes. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        return answer == QMessageBox.StandardButton.Save and self.save()

    def _offer_reopen(self) -> None:
        if self.complaint is None or complaint_workflow.can_reopen(self.complaint) is not None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Customer not satisfied"),
            self.tr(
                "The customer is not satisfied with the answer. Reopen the complaint now as "
                "a new ticket ({number}-1, -2 …)?"
            ).format(number=self.complaint.number),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.reopen_ticket()

    # ------------------------------------------------------------------ actions (D5–D7)

    def _selected_action(self):  # noqa: ANN202
        """(table row, stored action) of the selection; unsaved changes are saved first."""
        table = self.form.actions
        row = table.selected_row()
        if row is None:
            QMessageBox.information(
                self, self.tr("Actions"), self.tr("Select an action in the list first.")
            )
            return None
        if self.dirty:
            index = self.form.action_index(row)
            if index is None or not self._ask_save_first():
                return None
            row = index  # after saving, the table holds the stored actions in order
        action = table.row_data(row)
        if action is None or getattr(action, "id", None) is None:
            return None
        table.table.selectRow(row)
        return row, action

    def verify_action(self) -> None:
        if self.read_only or (picked := self._selected_action()) is None:
            return
        row, action = picked

        def submit(**values: object) -> ComplaintData:
            return complaint_workflow.verify_action(
                self.engine, action.id, user=self.user, **values
            )  # type: ignore[arg-type]

        dialog = VerifyActionDialog(action, row + 1, self.user, submit, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._stored(dialog.result_value)
            self._say(self.tr("Verification recorded."))
            self.form.show_page(PAGE_ACTIONS)
            self.form.actions.table.selectRow(row)

    def reschedule_action(self) -> None:
        if self.read_only or (picked := self._selected_action()) is None:
            return
        row, action = picked

        def submit(new_due: date, reason: str) -> ComplaintData:
            return complaint_workflow.reschedule_action(
                self.engine, action.id, new_due=new_due, reason=reason, user=self.user
            )

        dialog = RescheduleActionDialog(action, row + 1, submit, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._stored(dialog.result_value)
            self._say(self.tr("New due date recorded; the old one is kept in the history."))
            self.form.show_page(PAGE_ACTIONS)
            self.form.actions.table.selectRow(row)

    # ------------------------------------------------------------------ workflow

    def close_ticket(self) -> bool:
        """D8: close when close_problems() finds nothing; otherwise say what is missing where."""
        if self.complaint is None or self.read_only:
            return False
        if self.dirty and not self.save():
            return False
        problems = complaint_workflow.close_problems(self.complaint)
        if problems:
            self._refuse_close(problems)
            return False
        complaint_id = self.complaint.id

        def submit(note: str, closed_on: date) -> ComplaintData:
            return complaint_workflow.close(
                self.engine, complaint_id, user=self.user, note=note, closed_on=closed_on
            )

        dialog = CloseTicketDialog(self.complaint.number, submit, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self._stored(dialog.result_value)
        self._say(self.tr("Closed. The ticket is read-only now."))
        return True

    def _refuse_close(self, problems: dict[str, FieldError]) -> None:
        messages = {path: error.message(current_language()) for path, error in problems.items()}
        self.form.show_errors(messages, {})
        lines = []
        for path, text in messages.items():
            name = self.form.field_labels.get(path, "")
            lines.append(f"• {name}:{text}" if name else f"• {text}")
        self._say(self.tr("Not closed yet: see the marked fields."), error=True)
        QMessageBox.warning(
            self,
            self.tr("Not ready to close"),
            self.tr("The ticket cannot be closed yet:") + "\n" + "\n".join(lines),
        )

    def reopen_ticket(self) -> bool:
        """A new ticket NUMBER-k for a customer not satisfied; this window then shows it."""
        if self.complaint is None or self.force_read_only:
            return False
        problem = complaint_workflow.can_reopen(self.complaint)
        if problem is not None:
            QMessageBox.information(self, self.tr("Reopen"), problem.message(current_language()))
            return False
        if self.dirty and not self.read_only and not self._ask_save_first():
            return False
        origin = self.complaint

        def submit(reason: str) -> ComplaintData:
            return complaint_workflow.reopen(self.engine, origin.id, reason=reason, user=self.user)

        dialog = ReasonDialog(
            self.tr("Reopen {number}").format(number=origin.number),
            self.tr(
                "A new ticket {number}-N is opened with the registration, the team and the "
                "problem description; every deadline starts again now. {number} becomes "
                "read-only."
            ).format(number=origin.number),
            self.tr("Why (what the customer is not satisfied with) *"),
            "reopen_reason",
            submit,
            origin.visit_notes,
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.hub.dataChanged.emit(complaint_service.ENTITY, origin.id or 0)
        new = dialog.result_value
        self._stored(new)
        self._say(
            self.tr("Reopened as {number}; {origin} is read-only now.").format(
                number=new.number, origin=origin.number
            )
        )
        self.form.show_page(PAGE_REGISTRATION)
        return True

    def cancel_ticket(self) -> bool:
        if self.complaint is None or self.read_only:
            return False
        if self.dirty and not self._ask_save_first():
            return False
        complaint_id = self.complaint.id

        def submit(reason: str) -> ComplaintData:
            return complaint_workflow.cancel(
                self.engine, complaint_id, reason=reason, user=self.user
            )

        dialog = ReasonDialog(
            self.tr("Cancel ticket {number}").format(number=self.complaint.number),
            self.tr(
                "Cancel only a ticket registered in error. Its number stays used (the numbering "
                "has no gaps) and the ticket becomes read-only."
            ),
            self.tr("Reason *"),
            "cancel_reason",
            submit,
            parent=self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self._stored(dialog.result_value)
        self._say(self.tr("Cancelled."))
        return True

    # ------------------------------------------------------------------ photos and files

    def _refresh_attachments(self) -> None:
        if self.complaint is None or self.complaint.uuid is None:
            return
        self.complaint.attachments = attachment_service.list_for(
            self.engine, complaint_service.ENTITY, self.complaint.uuid
        )
        self._load_attachments()
        self._load_history()
        self.hub.dataChanged.emit(complaint_service.ENTITY, self.complaint.id or 0)

    def add_attachments(self) -> None:
        if not self.read_only:
            self.add_files(attachment_files.choose_files(self))

    def add_files(self, paths: list[str]) -> BackgroundOp | None:
        """Copy files into the data folder off the GUI thread; a new ticket is registered first."""
        if self.read_only or not paths:
            return None
        if self.complaint is None and not self.save():
            QMessageBox.information(
                self,
                self.tr("Photos and files"),
                self.tr(
                    "Files are kept with a registered ticket: correct the marked fields first."
                ),
            )
            return None

        def done(added: int) -> None:
            self._refresh_attachments()
            if added:
                self._say(self.tr("%n file(s) added.", "", added))

        op = attachment_files.add_files(
            self, self.engine, entity=complaint_service.ENTITY, entity_uuid=self.complaint.uuid,
            label=self.complaint.number, user=self.user, paths=paths, on_done=done,
        )  # fmt: skip
        self._ops.append(op)
        return op

    def _attachment(self, attachment_id: int) -> AttachmentData | None:
        if self.complaint is None:
            return None
        return next((a for a in self.complaint.attachments if a.id == attachment_id), None)

    def open_attachment(self, attachment_id: int) -> None:
        attachment = self._attachment(attachment_id)
        if attachment is not None:
            attachment_files.open_file(self, self.engine, attachment)

    def remove_attachment(self, attachment_id: int) -> None:
        attachment = self._attachment(attachment_id)
        if attachment is None or self.read_only or self.complaint is None:
            return
        question = self.tr(
            "Remove “{name}” from this ticket? The file itself stays in the data folder "
            "and the removal is kept in the history."
        ).format(name=attachment.file_name)
        if not attachment_files.confirm_remove(self, question):
            return
        attachment_service.remove(
            self.engine, attachment_id, label=self.complaint.number, user=self.user
        )
        self._refresh_attachments()
        self._say(self.tr("Removed {name}.").format(name=attachment.file_name))

    # ------------------------------------------------------------------ printing

    def show_print_menu(self) -> None:
        if self.print_button.isEnabled():
            self.print_button.showMenu()

    def print_language(self) -> str:
        checked = self.print_langs.checkedAction()
        return checked.data() if checked else current_language()

    def export_pdf(self, form_key: str, lang: str | None = None) -> BackgroundOp | None:
        """Write one of the ticket's forms as PDF off the GUI thread."""
        if self.complaint is None:
            return None
        if self.dirty and not self.read_only and not self._ask_save_first():
            return None
        lang = lang or self.print_language()
        title = settings_service.form_title(form_key, current_language())
        name = _UNSAFE_FILE_CHARS.sub("-", f"{title} {self.complaint.number}.pdf")
        path = ask_save_path(
            self,
            self.tr("Save {form} as PDF").format(form=title),
            name,
            self.tr("PDF files (*.pdf)"),
        )
        if path is None:
            return None
        complaint, engine = self.complaint, self.engine
        settings = settings_service.load(engine)

        def work(_progress: Progress) -> Path:
            write_atomically(path, render_form(form_key, complaint, settings, lang, engine))
            return path

        op = export_in_background(
            self, self.tr("Writing {form}…").format(form=title), work, self._exported
        )
        self._ops.append(op)
        return op

    def preview_form(self, form_key: str, lang: str | None = None) -> BackgroundOp | None:
        """One of the ticket's forms in the preview, to print for signature or save."""
        if self.complaint is None:
            return None
        if self.dirty and not self.read_only and not self._ask_save_first():
            return None
        from app.ui.printing import preview_pdf

        lang = lang or self.print_language()
        title = settings_service.form_title(form_key, current_language())
        name = _UNSAFE_FILE_CHARS.sub("-", f"{title} {self.complaint.number}.pdf")
        complaint, engine = self.complaint, self.engine
        settings = settings_service.load(engine)
        op = preview_pdf(
            self,
            f"{title} {complaint.number}",
            name,
            lambda: render_form(form_key, complaint, settings, lang, engine),
        )
        self._ops.append(op)
        return op

    def _exported(self, path: Path) -> None:
        self.last_export = path
        self._say(self.tr("Saved {path}").format(path=path))

    # ------------------------------------------------------------------ closing the window

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        if self.dirty and not self.read_only:
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved changes"),
                self.tr("This complaint ticket has unsaved changes. Save them?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel or (
                answer == QMessageBox.StandardButton.Save and not self.save()
            ):
                event.ignore()
                return
        self.editing.stop()
        event.accept()

    def reject(self) -> None:  # Esc goes through the same unsaved-changes check
        self.close()


def _link(ticket_id: int, number: str) -> str:
    return f"<a href='ticket:{ticket_id}'>{number}</a>"


def render_form(
    form_key: str,
    complaint: ComplaintData,
    settings: settings_service.FormSettings,
    lang: str,
    engine: Engine,
) -> bytes:
    """The PDF bytes of one of the ticket's forms (runs in the worker thread).

    The report modules are imported here, when a form is asked for, so the form window opens
    quickly and does not load ReportLab until it prints.
    """
    if form_key == "eight_d":
        from app.reports.pdf.eight_d_pdf import eight_d_pdf

        photos = []
        for attachment in complaint.attachments:
            if attachment.is_image:
                content = attachment_service.read_bytes(engine, attachment)
                if content is not None:
                    photos.append((attachment.caption or attachment.file_name, content))
        return eight_d_pdf(complaint, settings, lang, photos)
    if form_key == "quality_feedback":
        from app.reports.pdf.quality_feedback_pdf import quality_feedback_pdf

        return quality_feedback_pdf(complaint, settings, lang)
    if form_key == "capa":
        from app.reports.pdf.capa_pdf import capa_pdf

        return capa_pdf(complaint, settings, lang)
    if form_key == "prevent_recurrence":
        from app.reports.pdf.prevent_recurrence_pdf import prevent_recurrence_pdf

        return prevent_recurrence_pdf(complaint, settings, lang)
    raise ValueError(f"unknown form {form_key!r}")
