"""Photos and files of a record as a strip of thumbnails: add, open (double-click), remove."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileInfo, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImageReader, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileIconProvider,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.services.complaint_data import AttachmentData
from app.ui.locale_format import datetime_text, number_text

THUMB = QSize(128, 96)


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{number_text(size / (1024 * 1024), 1)} MB"
    return f"{max(1, round(size / 1024))} KB"


class AttachmentStrip(QWidget):
    """Shows AttachmentData as thumbnails; the owner does the adding, opening and removing."""

    addRequested = Signal()
    filesDropped = Signal(list)  # local paths dropped onto the strip
    openRequested = Signal(int)  # attachment id
    removeRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 36, THUMB.height() + 52))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAcceptDrops(False)
        self.list.itemDoubleClicked.connect(self._open_item)
        self.list.itemActivated.connect(self._open_item)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.setAcceptDrops(True)

        self.add_button = QPushButton(self.tr("Add photos/files…"), self)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.remove_button = QPushButton(self.tr("Remove…"), self)
        self.add_button.clicked.connect(self.addRequested)
        self.open_button.clicked.connect(lambda: self._open_item(self.list.currentItem()))
        self.remove_button.clicked.connect(self._remove_current)
        QShortcut(QKeySequence.StandardKey.Delete, self.list, self._remove_current)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666;")

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        self._editable = True
        self._update_buttons()

    # ------------------------------------------------------------------ content

    def set_attachments(
        self, attachments: list[AttachmentData], path_of: Callable[[AttachmentData], Path]
    ) -> None:
        current = self.current_id()
        self.list.clear()
        for attachment in attachments:
            item = QListWidgetItem(
                self._icon(attachment, path_of(attachment)), self._text(attachment)
            )
            item.setData(Qt.ItemDataRole.UserRole, attachment.id)
            item.setToolTip(self._tooltip(attachment))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.list.addItem(item)
            if attachment.id == current:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def _icon(self, attachment: AttachmentData, path: Path) -> QIcon:
        if attachment.is_image:
            reader = QImageReader(str(path))
            reader.setAutoTransform(True)  # phone photos carry their rotation in EXIF
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if not image.isNull():
                return QIcon(QPixmap.fromImage(image))
        icon = QFileIconProvider().icon(QFileInfo(attachment.file_name))
        if icon.isNull():
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        return icon

    def _text(self, attachment: AttachmentData) -> str:
        name = attachment.caption or attachment.file_name
        return name if len(name) <= 36 else name[:33] + "…"

    def _tooltip(self, attachment: AttachmentData) -> str:
        lines = [attachment.file_name]
        if attachment.caption:
            lines.append(attachment.caption)
        added = datetime_text(attachment.added_at)
        lines.append(
            self.tr("{size}, added by {user} {when}").format(
                size=_size_text(attachment.size), user=attachment.added_by, when=added
            )
        )
        return "\n".join(lines)

    def count(self) -> int:
        return self.list.count()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_id(self, attachment_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == attachment_id:
                self.list.setCurrentRow(row)

    # ------------------------------------------------------------------ state

    def set_editable(self, editable: bool, hint: str = "") -> None:
        """Read-only records still open their files; adding and removing are switched off."""
        self._editable = editable
        self.hint.setText(hint)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_item = self.list.currentItem() is not None
        self.add_button.setEnabled(self._editable)
        self.remove_button.setEnabled(self._editable and has_item)
        self.open_button.setEnabled(has_item)

    # ------------------------------------------------------------------ signals out

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _remove_current(self) -> None:
        attachment_id = self.current_id()
        if self._editable and attachment_id is not None:
            self.removeRequested.emit(attachment_id)

    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802
        if self._editable and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.filesDropped.emit(paths)
            event.acceptProposedAction()
