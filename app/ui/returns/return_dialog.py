"""The return 退货单: book the receipt, inspect and dispose of each line, archive, print.

Archived and cancelled returns open read-only (quality records); printing, the history and the
photos stay available. What was typed is never lost when the input is refused.
"""

from __future__ import annotations

from datetime import date
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
from app.services import (
    complaint_service,
    complaint_settings,
    return_service,
    settings_service,
    storage_errors,
)
from app.services.complaint_data import label
from app.services.conflicts import RecordConflict
from app.services.return_data import RETURN_STATUS_LABELS, ReturnData
from app.services.return_service import RecordLocked
from app.services.validation import FieldError, ValidationError
from app.ui.background import BackgroundOp
from app.ui.locale_format import date_text
from app.ui.returns.forms import FORM_KEYS, export_form, form_menu_text, preview_form
from app.ui.returns.line_photos import LinePhotos
from app.ui.returns.return_dialogs import ArchiveReturnDialog, OpenActionDialog
from app.ui.returns.return_form import PAGE_ANALYSIS, PAGE_HISTORY, ReturnForm
from app.ui.signals import DataHub
from app.ui.widgets import record_conflict
from app.ui.widgets.action_dialogs import ReasonDialog, RescheduleActionDialog, VerifyActionDialog
from app.ui.widgets.editing_banner import EditingBanner
from app.ui.widgets.storage import storage_problem

_BANNER_COLOURS = {"archived": "#d4edda", "cancelled": "#f8d7da"}


class ReturnDialog(QDialog):
    saved = Signal(int)

    def __init__(
        self,
        engine: Engine,
        hub: DataHub,
        return_id: int | None = None,
        parent: QWidget | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.user = settings_service.current_user(engine)
        self.settings = complaint_settings.load(engine)
        self.data: ReturnData | None = None
        if return_id is not None:
            self.data = return_service.get(engine, return_id)
            if self.data is None:
                raise ValueError(f"no return {return_id}")
        self.force_read_only = read_only
        self.last_export: Path | None = None
        self.linked: list[QDialog] = []
        self._ops: list[BackgroundOp] = []
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(
            max(min(1280, screen.width() - 40) if screen else 1280, 900),
            max(min(720, screen.height() - 50) if screen else 720, 560),
        )
        self.form = ReturnForm(engine, self.settings, self)
        self._build()
        self._load(self.data or ReturnData(received_on=date.today(), received_by=self.user))

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
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.editing = EditingBanner(self.engine, return_service.ENTITY, self.user, self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Print / PDF"), self)
        self.print_button.setToolTip(self.tr("Print the return's forms as PDF (Ctrl+P)"))
        self.print_button.setMenu(self._build_print_menu())
        self.history_button = QPushButton(self.tr("History"), self)
        self.history_button.setToolTip(self.tr("Who changed what, and when"))
        self.complaint_button = QPushButton(self.tr("Open complaint"), self)
        self.action_button = QPushButton(self.tr("Open action…"), self)
        self.action_button.setToolTip(self.tr("A corrective or preventive action from this return"))
        self.archive_button = QPushButton(self.tr("Archive…"), self)
        self.cancel_button = QPushButton(self.tr("Cancel return…"), self)
        self.cancel_button.setToolTip(self.tr("Void a return booked in error"))
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button, slot in (
            (self.print_button, None),
            (self.history_button, lambda: self.form.setCurrentIndex(PAGE_HISTORY)),
            (self.complaint_button, self.open_complaint),
            (self.action_button, self.open_action),
            (self.archive_button, self.archive),
            (self.cancel_button, self.cancel_return),
            (self.save_button, self.save),
            (self.close_button, self.close),
        ):
            if slot is not None:
                button.clicked.connect(slot)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.editing)
        layout.addWidget(self.form, 1)
        layout.addLayout(buttons)
        for shortcut, slot in (
            (QKeySequence(QKeySequence.StandardKey.Save), self.save),
            (QKeySequence(QKeySequence.StandardKey.Print), self.show_print_menu),
        ):
            action = QAction(self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.form.changed.connect(self._update_title)
        self.form.actions_panel.verifyRequested.connect(self.verify_action)
        self.form.actions_panel.rescheduleRequested.connect(self.reschedule_action)
        self.photos = LinePhotos(self)

    def _build_print_menu(self) -> QMenu:
        menu = QMenu(self)
        self.preview_menu = menu.addMenu(self.tr("Preview and print"))
        self.preview_actions: dict[str, QAction] = {}
        for key in FORM_KEYS:
            action = self.preview_menu.addAction(form_menu_text(key))
            action.triggered.connect(lambda _checked=False, k=key: self.preview_form(k))
            self.preview_actions[key] = action
        menu.addSeparator()
        self.print_actions: dict[str, QAction] = {}
        for key in FORM_KEYS:
            action = menu.addAction(form_menu_text(key))
            action.triggered.connect(lambda _checked=False, k=key: self.export_pdf(k))
            self.print_actions[key] = action
        menu.addSeparator()
        self.print_langs = QActionGroup(self)
        for lang, text in (("zh_CN", self.tr("Forms in Chinese")), ("en", self.tr("Forms in English")),
                           ("bilingual", self.tr("Forms bilingual (Chinese / English)"))):  # fmt: skip
            action = QAction(text, self, checkable=True)
            action.setData(lang)
            action.setChecked(lang == current_language())
            self.print_langs.addAction(action)
            menu.addAction(action)
        return menu

    # ------------------------------------------------------------------ showing a return

    def _load(self, data: ReturnData) -> None:
        read_only = self.force_read_only or (data.id is not None and not data.editable)
        self.form.load(data, read_only)
        self.editing.watch(data.uuid, editing=not read_only)
        self.form.load_history(return_service.history(self.engine, data) if data.id else [])
        self.photos.show()
        self._update_state()
        self._update_title()

    def _update_state(self) -> None:
        """Header, banner and which buttons apply to the return's state."""
        data = self.data
        if data is None:
            title = self.tr("New return")
            self.header.setText(f"<b style='font-size:14px'>{title}</b>")
        else:
            parts = [f"<b style='font-size:14px'>{data.number}</b>",
                     label(RETURN_STATUS_LABELS, data.status), data.customer_name]  # fmt: skip
            if data.bulk:
                parts.append(self.tr("Bulk return"))
            if data.complaint is not None:
                parts.append(self.tr("Complaint {number}").format(number=data.complaint.number))
            if data.urgent_production:
                urgent = self.tr("Urgent production")
                parts.append(
                    "<span style='color:white; background:#c0392b; font-weight:bold'>"
                    f"&nbsp;{urgent}&nbsp;</span>"
                )
            self.header.setText(" · ".join(p for p in parts if p))
        show_banner = data is not None and self.read_only
        if show_banner:
            self.banner.setText(self._banner_text(data))
            self.banner.setStyleSheet(
                f"background: {_BANNER_COLOURS.get(data.status, '#e2e3e5')}; color: #212529;"
                " border: 1px solid #bbb; padding: 5px;"
            )
        self.banner.setVisible(show_banner)
        stored = data is not None
        editable = stored and not self.read_only
        self.save_button.setEnabled(not self.read_only)
        for button in (self.archive_button, self.cancel_button, self.action_button):
            button.setEnabled(editable)
        self.print_button.setEnabled(stored)
        self.history_button.setEnabled(stored)
        problem = return_service.complaint_problems(data) if data is not None else None
        self.complaint_button.setEnabled(editable and problem is None)
        if not stored:
            tip = self.tr("Save the return first.")
        elif problem is not None:
            tip = problem.message(current_language())
        else:
            tip = self.tr("Register a complaint ticket from the lines that are our fault")
        self.complaint_button.setToolTip(tip)

    def _banner_text(self, data: ReturnData) -> str:
        if data.status == "archived":
            return self.tr("Archived {day} by {who}: this quality record is read-only.").format(
                day=date_text(data.archived_on), who=data.archived_by
            )
        if data.status == "cancelled":
            return self.tr("Cancelled ({reason}): the return is read-only.").format(
                reason=data.cancel_reason
            )
        return self.tr("Opened for reading only.")

    def _update_title(self) -> None:
        if self.data is None:
            title = self.tr("New return")
        else:
            title = self.tr("Return {number} {customer}").format(
                number=self.data.number, customer=self.data.customer_name
            )
            if self.read_only:
                title += " " + self.tr("(read-only)")
        self.setWindowTitle(title + (" *" if self.dirty else ""))

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c0392b;" if error else "color: #1e7e34;")

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        """Book a new return or store the changes; refused input is shown next to its field."""
        if self.read_only:
            return False
        self.form.resolve_customer()
        data, typing_errors, line_rows, action_rows = self.form.collect(self.data)
        if self.data is not None and self.data.id is not None:  # the version the form shows
            data.version, data.updated_at = self.data.version, self.data.updated_at
        previous = self.data
        try:
            if typing_errors:  # what could not be read, plus every other rule, in one go
                try:
                    return_service.check(self.engine, data)
                except ValidationError as error:
                    raise ValidationError(error.errors) from None
                raise ValidationError({})
            if data.id is None:
                stored = return_service.create(self.engine, data, self.user)
            else:
                stored = return_service.update(self.engine, data, self.user)
        except ValidationError as error:
            messages = {**error.messages(current_language()), **typing_errors}
            others = self.form.show_errors(messages, line_rows, action_rows)
            text = self.tr("Not saved: please correct the marked fields.")
            self.say("\n".join([text, *others]), error=True)
            return False
        except RecordLocked:
            self.say(
                self.tr(
                    "Not saved: the return was archived or cancelled meanwhile. Close this "
                    "window and open the return again."
                ),
                error=True,
            )
            return False
        except RecordConflict as conflict:
            return self._resolve_conflict(conflict)
        except storage_errors.STORAGE_ERRORS as error:
            self.say(storage_problem(error), error=True)
            return False
        row = self.form.lines.current_row()
        self._stored(stored)
        if row is not None:
            self.form.lines.select_row(row)
        if previous is None:
            self.say(self.tr("Booked as {number}.").format(number=stored.number))
        else:
            self.say(self.tr("Saved."))
        self.saved.emit(stored.id or 0)
        return True

    def _resolve_conflict(self, conflict: RecordConflict) -> bool:
        """Someone saved the return while it was open here: say who, when and what, then save
        the typed values over theirs, show theirs, or leave the form as it is."""
        choice = record_conflict.ask(
            self, conflict, self.form.history_field, self.form.history_value
        )
        stored = return_service.get(self.engine, conflict.record_id)
        if stored is None or choice is None:
            self.say(
                self.tr(
                    "Not saved: {user} saved this return meanwhile. Your entries are still in the form."
                ).format(user=conflict.user or "?"),  # fmt: skip
                error=True,
            )
            return False
        self.data = stored
        if choice == record_conflict.DISCARD:
            self._stored(stored)
            self.say(self.tr("Showing the return as {user} saved it.").format(user=conflict.user))
            return False
        return self.save()  # the typed values, on top of the version now stored

    def _stored(self, data: ReturnData) -> None:
        """Show the return as now stored and tell the other windows."""
        self.data = data
        self._load(data)
        self.hub.dataChanged.emit(return_service.ENTITY, data.id or 0)

    def _ready_to_go_on(self) -> bool:
        """Before a workflow step: a stored return without unsaved changes (saved on request)."""
        if self.data is None:
            return self.save()
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The form has unsaved changes. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        return answer == QMessageBox.StandardButton.Save and self.save()

    # ------------------------------------------------------------------ workflow

    def archive(self) -> bool:
        if self.data is None or self.read_only or not self._ready_to_go_on():
            return False
        problems = return_service.archive_problems(self.data)
        if problems:
            messages = {path: e.message(current_language()) for path, e in problems.items()}
            self.form.show_errors(messages, {i: i for i in range(len(self.data.lines))}, {})
            self.say(self.tr("Not archived yet: see the marked fields."), error=True)
            QMessageBox.warning(
                self,
                self.tr("Not ready to archive"),
                self.tr("The return cannot be archived yet:") + "\n" + "\n".join(messages.values()),
            )
            return False
        return_id = self.data.id

        def submit(archived_on: date) -> ReturnData:
            return return_service.archive(
                self.engine, return_id, user=self.user, archived_on=archived_on
            )

        dialog = ArchiveReturnDialog(self.data.number, submit, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self._stored(dialog.result_value)
        self.say(self.tr("Archived. The return is read-only now."))
        return True

    def cancel_return(self) -> bool:
        if self.data is None or self.read_only or not self._ready_to_go_on():
            return False
        return_id = self.data.id

        def submit(reason: str) -> ReturnData:
            return return_service.cancel(self.engine, return_id, reason=reason, user=self.user)

        dialog = ReasonDialog(
            self.tr("Cancel return {number}").format(number=self.data.number),
            self.tr(
                "Cancel only a return booked in error. Its number stays used (the numbering "
                "has no gaps) and the return becomes read-only."
            ),
            self.tr("Reason *"),
            "cancel_reason",
            submit,
            parent=self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self._stored(dialog.result_value)
        self.say(self.tr("Cancelled."))
        return True

    def open_complaint(self) -> QDialog | None:
        """Register a complaint ticket from the lines that are our fault, linked to the return."""
        if self.data is None or self.read_only or not self._ready_to_go_on():
            return None
        problem = return_service.complaint_problems(self.data)
        if problem is not None:
            QMessageBox.information(
                self, self.tr("Open complaint"), problem.message(current_language())
            )
            return None
        try:
            ticket = return_service.open_complaint(self.engine, self.data.id, user=self.user)
        except (ValidationError, RecordLocked) as error:
            QMessageBox.warning(self, self.tr("Open complaint"), _message(error))
            return None
        self.hub.dataChanged.emit(complaint_service.ENTITY, ticket.id or 0)
        self._stored(return_service.get(self.engine, self.data.id))
        self.say(
            self.tr("Complaint ticket {number} registered and linked.").format(number=ticket.number)
        )
        from app.ui.complaints.complaint_dialog import ComplaintDialog

        dialog = ComplaintDialog(self.engine, self.hub, ticket.id, self)
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.linked.append(dialog)
        dialog.destroyed.connect(
            lambda *_: self.linked.remove(dialog) if dialog in self.linked else None
        )
        dialog.show()
        return dialog

    def open_action(self) -> bool:
        if self.data is None or self.read_only or not self._ready_to_go_on():
            return False
        return_id = self.data.id

        def submit(**values: object) -> ReturnData:
            return return_service.open_action(self.engine, return_id, user=self.user, **values)  # type: ignore[arg-type]

        dialog = OpenActionDialog(
            self.data.number,
            return_service.suggested_action(self.data),
            self.settings.departments,
            submit,
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self._stored(dialog.result_value)
        self.form.setCurrentIndex(PAGE_ANALYSIS)
        self.say(self.tr("Action opened."))
        return True

    def _selected_action(self):  # noqa: ANN202
        """(table row, stored action) of the selection; unsaved changes are saved first."""
        table = self.form.actions
        row = table.selected_row()
        if row is None:
            QMessageBox.information(
                self, self.tr("Actions"), self.tr("Select an action in the list first.")
            )
            return None
        action = table.row_data(row)
        if getattr(action, "id", None) is None:
            QMessageBox.information(
                self, self.tr("Actions"), self.tr("Save the return before verifying a new action.")
            )
            return None
        if not self._ready_to_go_on():
            return None
        action = next((a for a in self.data.actions if a.id == action.id), None)
        if action is None:
            return None
        return self.data.actions.index(action), action

    def _after_action_dialog(self, dialog: QDialog, row: int, text: str) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._stored(dialog.result_value)
            self.say(text)
            self.form.setCurrentIndex(PAGE_ANALYSIS)
            self.form.actions.table.selectRow(row)

    def verify_action(self) -> None:
        if self.read_only or (picked := self._selected_action()) is None:
            return
        row, action = picked

        def submit(**values: object) -> ReturnData:
            return return_service.verify_action(self.engine, action.id, user=self.user, **values)  # type: ignore[arg-type]

        dialog = VerifyActionDialog(action, row + 1, self.user, submit, self)
        self._after_action_dialog(dialog, row, self.tr("Verification recorded."))

    def reschedule_action(self) -> None:
        if self.read_only or (picked := self._selected_action()) is None:
            return
        row, action = picked

        def submit(new_due: date, reason: str) -> ReturnData:
            return return_service.reschedule_action(
                self.engine, action.id, new_due=new_due, reason=reason, user=self.user
            )

        dialog = RescheduleActionDialog(action, row + 1, submit, self)
        self._after_action_dialog(
            dialog, row, self.tr("New due date recorded; the old one is kept in the history.")
        )

    # ------------------------------------------------------------------ printing

    def show_print_menu(self) -> None:
        if self.print_button.isEnabled():
            self.print_button.showMenu()

    def print_language(self) -> str:
        checked = self.print_langs.checkedAction()
        return checked.data() if checked else current_language()

    def export_pdf(self, form_key: str, lang: str | None = None) -> BackgroundOp | None:
        """Write one of the return's forms as PDF off the GUI thread."""
        if self.data is None:
            return None
        if self.dirty and not self.read_only and not self._ready_to_go_on():
            return None
        lang = lang or self.print_language()
        op = export_form(self, self.engine, self.data, form_key, lang, self._exported)
        if op is not None:
            self._ops.append(op)
        return op

    def preview_form(self, form_key: str, lang: str | None = None) -> BackgroundOp | None:
        """One of the return's forms in the preview, to print for signature or save."""
        if self.data is None:
            return None
        if self.dirty and not self.read_only and not self._ready_to_go_on():
            return None
        lang = lang or self.print_language()
        op = preview_form(self, self.engine, self.data, form_key, lang)
        if op is not None:
            self._ops.append(op)
        return op

    def _exported(self, path: Path) -> None:
        self.last_export = path
        self.say(self.tr("Saved {path}").format(path=path))

    # ------------------------------------------------------------------ closing the window

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        if self.dirty and not self.read_only:
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved changes"),
                self.tr("This return has unsaved changes. Save them?"),
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


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "\n".join(error.messages(current_language()).values())
    return FieldError("return_locked").message(current_language())
