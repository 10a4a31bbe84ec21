"""Photos of the return line shown in the form: kept under the line's uuid, so only a saved
line takes them; an archived or cancelled return still opens them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.services import attachment_service, return_service
from app.services.complaint_data import AttachmentData
from app.services.return_data import ReturnLineData
from app.ui.background import BackgroundOp
from app.ui.returns.line_editor import PAGE_PHOTOS
from app.ui.widgets import attachment_files

if TYPE_CHECKING:
    from app.ui.returns.return_dialog import ReturnDialog


class LinePhotos(QObject):
    def __init__(self, dialog: ReturnDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.engine = dialog.engine
        self.lines = dialog.form.lines
        self.strip = self.lines.editor.attachments
        self.ops: list[BackgroundOp] = []
        self.lines.lineShown.connect(self.show)
        self.strip.addRequested.connect(self.choose)
        self.strip.filesDropped.connect(self.add_files)
        self.strip.openRequested.connect(self.open)
        self.strip.removeRequested.connect(self.remove)

    def current(self) -> tuple[int, ReturnLineData] | None:
        """(position, stored line) of the line in the editor; None for a line not yet saved."""
        row = self.lines.current_row()
        if row is None:
            return None
        line = self.lines.state(row).stored
        return (row + 1, line) if line.uuid else None

    def show(self) -> None:
        current = self.current()
        attachments = current[1].attachments if current else []
        self.strip.set_attachments(
            attachments, lambda a: attachment_service.file_path(self.engine, a)
        )
        read_only = self.dialog.read_only
        if read_only:
            hint = self.tr("The return is read-only: photos can be opened, not added or removed.")
        elif current is None:
            hint = self.tr("Save the return first: photos are kept with a saved line.")
        else:
            hint = ""
        self.strip.set_editable(not read_only and current is not None, hint)
        count = len(attachments)
        self.lines.editor.setTabText(
            PAGE_PHOTOS, self.tr("Photos") + (f" ({count})" if count else "")
        )

    def _label(self, position: int) -> str:
        """How the trail names the line: return number and line position."""
        data = self.dialog.data
        return f"{data.number} #{position}" if data else ""

    def _refresh(self) -> None:
        current = self.current()
        if current is None or self.dialog.data is None:
            return
        line = current[1]
        line.attachments = attachment_service.list_for(
            self.engine, return_service.LINE_ENTITY, line.uuid or ""
        )
        self.show()
        self.dialog.form.load_history(return_service.history(self.engine, self.dialog.data))

    def choose(self) -> None:
        if not self.dialog.read_only and self.current() is not None:
            self.add_files(attachment_files.choose_files(self.dialog))

    def add_files(self, paths: list[str]) -> BackgroundOp | None:
        current = self.current()
        if self.dialog.read_only or current is None or not paths:
            return None
        position, line = current

        def done(added: int) -> None:
            self._refresh()
            if added:
                self.dialog.say(
                    self.tr("%n photo(s) added to line {line}.", "", added).format(line=position)
                )

        op = attachment_files.add_files(
            self.dialog, self.engine, entity=return_service.LINE_ENTITY,
            entity_uuid=line.uuid or "", label=self._label(position), user=self.dialog.user,
            paths=paths, on_done=done,
        )  # fmt: skip
        self.ops.append(op)
        return op

    def _photo(self, attachment_id: int) -> AttachmentData | None:
        current = self.current()
        attachments = current[1].attachments if current else []
        return next((a for a in attachments if a.id == attachment_id), None)

    def open(self, attachment_id: int) -> None:
        if (attachment := self._photo(attachment_id)) is not None:
            attachment_files.open_file(self.dialog, self.engine, attachment)

    def remove(self, attachment_id: int) -> None:
        attachment, current = self._photo(attachment_id), self.current()
        if attachment is None or current is None or self.dialog.read_only:
            return
        question = self.tr(
            "Remove “{name}” from line {line}? The file itself stays in the data folder and "
            "the removal is kept in the history."
        ).format(name=attachment.file_name, line=current[0])
        if not attachment_files.confirm_remove(self.dialog, question):
            return
        attachment_service.remove(
            self.engine, attachment_id, label=self._label(current[0]), user=self.dialog.user
        )
        self._refresh()
        self.dialog.say(self.tr("Removed {name}.").format(name=attachment.file_name))
