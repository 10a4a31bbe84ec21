"""What the service-report and visit-report windows share: save with Ctrl+S (refused input shown
next to its field, the typed text kept), print with Ctrl+P, the unsaved-changes prompt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import field_service, settings_service, storage_errors, visit_service
from app.services.conflicts import RecordConflict
from app.services.validation import ValidationError
from app.ui.background import BackgroundOp
from app.ui.signals import DataHub
from app.ui.widgets import record_conflict
from app.ui.widgets.editing_banner import EditingBanner
from app.ui.widgets.storage import storage_problem

_GET = {field_service.ENTITY: field_service.get, visit_service.ENTITY: visit_service.get}


class FieldRecordDialog(QDialog):
    """Subclasses set self.form (a QTabWidget with dirty/changed/collect/show_errors/load) and
    implement _store(data), _check(data), _after_load(), the titles and print()."""

    saved = Signal(int)
    entity = ""

    def __init__(self, engine: Engine, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.user = settings_service.current_user(engine)
        self.data: Any = None
        self.last_export: Path | None = None
        self._ops: list[BackgroundOp] = []
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(
            max(min(1120, screen.width() - 40) if screen else 1120, 860),
            max(min(760, screen.height() - 50) if screen else 760, 560),
        )

    def _build_frame(self, form: QTabWidget) -> None:
        self.form = form
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.editing = EditingBanner(self.engine, self.entity, self.user, self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Print / PDF"), self)
        self.print_button.setToolTip(self.tr("Print the report as PDF (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.editing)
        layout.addWidget(form, 1)
        layout.addLayout(buttons)
        for shortcut, slot in (
            (QKeySequence(QKeySequence.StandardKey.Save), self.save),
            (QKeySequence(QKeySequence.StandardKey.Print), self.show_print_menu),
        ):
            action = QAction(self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        form.changed.connect(self._update_title)

    @property
    def dirty(self) -> bool:
        return self.form.dirty

    # ------------------------------------------------------------------ for subclasses

    def _store(self, data: Any) -> Any:
        raise NotImplementedError

    def _check(self, data: Any) -> None:
        raise NotImplementedError

    def new_title(self) -> str:
        raise NotImplementedError

    def record_title(self) -> str:
        raise NotImplementedError

    def header_parts(self) -> list[str]:
        return []

    # ------------------------------------------------------------------ state

    def _update_title(self) -> None:
        title = self.new_title() if self.data is None else self.record_title()
        self.setWindowTitle(title + (" *" if self.dirty else ""))

    def _update_header(self) -> None:
        if self.data is None:
            self.header.setText(f"<b style='font-size:14px'>{self.new_title()}</b>")
        else:
            parts = [f"<b style='font-size:14px'>{self.data.number}</b>", *self.header_parts()]
            self.header.setText(" · ".join(p for p in parts if p))
        self.print_button.setEnabled(self.data is not None)
        self.editing.watch(self.data.uuid if self.data is not None else None)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c0392b;" if error else "color: #1e7e34;")

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        """Store a new report or the changes; refused input is shown next to its field."""
        self.form.resolve_customer()
        data, typing_errors, rows = self.form.collect(self.data)
        if self.data is not None:  # the version the form shows: a later save is refused
            data.version, data.updated_at = self.data.version, self.data.updated_at
        previous = self.data
        try:
            if typing_errors:  # what could not be read, plus every other rule, in one go
                try:
                    self._check(self.form.checkable(data))
                except ValidationError as error:
                    raise ValidationError(error.errors) from None
                raise ValidationError({})
            stored = self._store(data)
        except ValidationError as error:
            messages = {**error.messages(current_language()), **typing_errors}
            others = self.form.show_errors(messages, rows)
            text = self.tr("Not saved: please correct the marked fields.")
            self.say("\n".join([text, *others]), error=True)
            return False
        except RecordConflict as conflict:
            return self._resolve_conflict(conflict)
        except storage_errors.STORAGE_ERRORS as error:
            self.say(storage_problem(error), error=True)
            return False
        self._stored(stored)
        if previous is None:
            self.say(self.tr("Saved as {number}.").format(number=stored.number))
        else:
            self.say(self.tr("Saved."))
        self.saved.emit(stored.id or 0)
        return True

    def _resolve_conflict(self, conflict: RecordConflict) -> bool:
        """Someone saved the report while it was open here: say who, when and what, then save
        the typed values over theirs, show theirs, or leave the form as it is."""
        choice = record_conflict.ask(
            self, conflict, self.form.history_field, self.form.history_value
        )
        stored = _GET[self.entity](self.engine, conflict.record_id)
        if stored is None or choice is None:
            self.say(
                self.tr(
                    "Not saved: {user} saved this report meanwhile. Your entries are still in the form."
                ).format(user=conflict.user or "?"),  # fmt: skip
                error=True,
            )
            return False
        self.data = stored
        if choice == record_conflict.DISCARD:
            self._stored(stored)
            self.say(self.tr("Showing the report as {user} saved it.").format(user=conflict.user))
            return False
        return self.save()  # the typed values, on top of the version now stored

    def _stored(self, data: Any) -> None:
        """Show the record as now stored and tell the other windows."""
        self.data = data
        self._load(data)
        self.hub.dataChanged.emit(self.entity, data.id or 0)

    def _load(self, data: Any) -> None:
        raise NotImplementedError

    def ready_to_go_on(self) -> bool:
        """A stored record without unsaved changes (saved on request)."""
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

    # ------------------------------------------------------------------ printing

    def show_print_menu(self) -> None:
        if self.print_button.isEnabled():
            self.print_button.showMenu()

    def _exported(self, path: Path) -> None:
        self.last_export = path
        self.say(self.tr("Saved {path}").format(path=path))

    def _keep(self, op: BackgroundOp | None) -> BackgroundOp | None:
        if op is not None:
            self._ops.append(op)
        return op

    # ------------------------------------------------------------------ closing

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        if self.dirty:
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved changes"),
                self.tr("This report has unsaved changes. Save them?"),
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
