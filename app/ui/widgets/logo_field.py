"""The company logo as the forms print it: a preview, Choose…, optionally Remove, and the message
next to it when the chosen file is not an image. Used by the settings and the welcome page."""

from __future__ import annotations

import base64

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.widgets.form import ErrorLabel

LOGO_MAX_HEIGHT = 300  # pixels kept; the forms print the logo about 1.5 cm high


def logo_png_base64(path: str) -> str | None:
    """An image file as the settings keep a logo (PNG, at most LOGO_MAX_HEIGHT pixels high,
    base64), None when the file is not an image that can be read."""
    image = QImage(path)
    if image.isNull():
        return None
    if image.height() > LOGO_MAX_HEIGHT:
        image = image.scaledToHeight(LOGO_MAX_HEIGHT, Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return base64.b64encode(bytes(data)).decode("ascii")


class LogoField(QWidget):
    changed = Signal(str)  # the logo as the settings keep it ("" for none)

    def __init__(
        self,
        png_base64: str,
        preview_height: int,
        removable: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.png_base64 = ""
        self.preview_height = preview_height
        self.preview = QLabel()
        self.preview.setFixedHeight(preview_height + 2)
        self.choose_button = QPushButton(self.tr("Choose logo…"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button: QPushButton | None = None
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview, 1)
        row.addWidget(self.choose_button)
        if removable:
            self.remove_button = QPushButton(self.tr("Remove logo"))
            self.remove_button.clicked.connect(lambda: self.set_logo(""))
            row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.set_logo(png_base64)

    def set_logo(self, png_base64: str) -> None:
        self.png_base64 = png_base64
        if png_base64:
            pixmap = QPixmap()
            pixmap.loadFromData(base64.b64decode(png_base64))
            self.preview.setPixmap(
                pixmap.scaledToHeight(
                    self.preview_height, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            self.preview.setText(self.tr("(no logo)"))
        if self.remove_button is not None:
            self.remove_button.setEnabled(bool(png_base64))
        self.changed.emit(png_base64)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose logo"), "", self.tr("Images (*.png *.jpg *.jpeg *.bmp)")
        )
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> bool:
        """Take the image file as the logo; False (and the message below) when it is not one."""
        png_base64 = logo_png_base64(path)
        if png_base64 is None:
            self.error.show_message(self.tr("This file is not an image that can be read."))
            return False
        self.error.show_message("")
        self.set_logo(png_base64)
        return True
