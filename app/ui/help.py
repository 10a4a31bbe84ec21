"""The Help menu's windows: the user guide (docs/user-guide.<language>.md with its screenshots)
shown inside the app, and the About box (version, where the data are, versions, licences)."""

from __future__ import annotations

import importlib.metadata
import platform
from dataclasses import dataclass
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSize, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QImage, QPixmap, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import app
from app.config import resources_dir
from app.i18n import current_language

GUIDE_NAME = "user-guide.{language}.md"
FONT_LICENCE = "LICENSE-wqy-microhei.txt"
IMAGE_MAX_WIDTH = 760  # screenshots (1366 px wide) are shown scaled to the reading width


def docs_dir() -> Path:
    """docs/ beside resources/, also inside a PyInstaller build (installer.spec bundles it)."""
    return resources_dir().parent / "docs"


def guide_path(language: str | None = None) -> Path:
    """The guide in the UI language; English when there is none in that language."""
    language = language or current_language()
    path = docs_dir() / GUIDE_NAME.format(language=language)
    return path if path.exists() else docs_dir() / GUIDE_NAME.format(language="en")


def font_licence_path() -> Path:
    return resources_dir() / "fonts" / FONT_LICENCE


class GuideBrowser(QTextBrowser):
    """A QTextBrowser reading Markdown; images are scaled down to the reading width and every
    image that cannot be read is remembered (missing_images) rather than silently left out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.missing_images: list[str] = []
        self.setOpenLinks(False)  # local pages here, the web in the PC's browser
        self.anchorClicked.connect(self._follow)

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        else:
            self.setSource(url)

    def loadResource(self, kind: int, name: QUrl):  # noqa: N802, ANN201
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return super().loadResource(kind, name)
        url = name if name.isLocalFile() else self.source().resolved(name)
        image = QImage(url.toLocalFile()) if url.isLocalFile() else QImage()
        if image.isNull():
            self.missing_images.append(name.toString())
            return super().loadResource(kind, name)
        if image.width() > IMAGE_MAX_WIDTH:
            image = image.scaledToWidth(IMAGE_MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
        return image

    def image_names(self) -> list[str]:
        """Every image the page shows (as written in the Markdown)."""
        names: list[str] = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.isImageFormat():
                    names.append(QTextImageFormat(fmt).name())
                it += 1
            block = block.next()
        return names

    def unresolved_images(self) -> list[str]:
        """The page's images that cannot be shown (each one is loaded now if it was not yet)."""
        document = self.document()
        kind = QTextDocument.ResourceType.ImageResource.value
        unresolved = []
        for name in self.image_names():
            resource = document.resource(kind, QUrl(name))
            if resource is None or (isinstance(resource, QImage | QPixmap) and resource.isNull()):
                unresolved.append(name)
        return unresolved


class HelpViewer(QDialog):
    """The user guide in the UI language, inside the app (no browser, no network)."""

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("QualityDesk user guide"))
        self.browser = GuideBrowser(self)
        self.path = guide_path(language)
        back = QPushButton(self.tr("Back"), self)
        back.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(back.setEnabled)
        back.setEnabled(False)
        home = QPushButton(self.tr("Contents"), self)
        home.clicked.connect(self.browser.home)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(back)
        bar.addWidget(home)
        bar.addStretch(1)
        bar.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addLayout(bar)
        if self.path.exists():
            self.browser.setSource(
                QUrl.fromLocalFile(str(self.path)), QTextDocument.ResourceType.MarkdownResource
            )
        else:
            self.browser.setPlainText(
                self.tr("The user guide is missing from this installation:\n{path}").format(
                    path=self.path
                )
            )
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(860, 640)


@dataclass(frozen=True)
class Component:
    name: str
    package: str  # distribution name, for the installed version
    licence: str


# the libraries QualityDesk ships with (read from their package metadata when this was written)
COMPONENTS = (
    Component("Qt / PySide6", "PySide6", "LGPL-3.0"),
    Component("SQLAlchemy", "SQLAlchemy", "MIT"),
    Component("SQLModel", "sqlmodel", "MIT"),
    Component("Alembic", "alembic", "MIT"),
    Component("ReportLab", "reportlab", "BSD"),
    Component("openpyxl", "openpyxl", "MIT"),
    Component("pypdf", "pypdf", "BSD-3-Clause"),
    Component("Pillow", "pillow", "MIT-CMU"),
    Component("psycopg", "psycopg", "LGPL-3.0"),
    Component("chinesecalendar", "chinesecalendar", "MIT"),
    Component("platformdirs", "platformdirs", "MIT"),
    Component("defusedxml", "defusedxml", "PSF-2.0"),
)


def installed_version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class AboutDialog(QDialog):
    """Version, where the data are kept, the Python and Qt versions and every licence,
    the bundled Chinese font's in full."""

    def __init__(self, data_location: str, on_server: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About QualityDesk"))
        where = (
            self.tr("Database server: {database}") if on_server else self.tr("Data file: {path}")
        ).format(database=data_location, path=data_location)
        versions = self.tr("Python {python}, Qt {qt}, PySide6 {pyside}, {system}").format(
            python=platform.python_version(),
            qt=qVersion(),
            pyside=pyside_version,
            system=f"{platform.system()} {platform.release()}".strip(),
        )
        rows = "".join(
            f"<tr><td>{_escape(c.name)}</td><td>{_escape(installed_version(c.package))}</td>"
            f"<td>{_escape(c.licence)}</td></tr>"
            for c in COMPONENTS
        )
        texts = (
            self.tr("Customer service and customer feedback records (ISO 9001 / IATF 16949)."),
            where,
            versions,
        )
        licences = (
            self.tr(
                "QualityDesk: all rights reserved by its authors (no licence has been published)."
            ),
            self.tr(
                "Chinese font: WenQuanYi Micro Hei (文泉驿微米黑), Apache-2.0 (or GPL-3.0 with "
                "the font exception), bundled unchanged; its licence: the button below."
            ),
        )
        licences_title = self.tr("Licences")
        header = (self.tr("Library"), self.tr("Version"), self.tr("Licence"))
        html = (
            f"<h2>QualityDesk {_escape(app.__version__)}</h2>"
            + "".join(f"<p>{_escape(text)}</p>" for text in texts)
            + f"<h3>{_escape(licences_title)}</h3>"
            + "".join(f"<p>{_escape(text)}</p>" for text in licences)
            + "<table cellspacing='0' cellpadding='3'><tr>"
            + "".join(f"<th align='left'>{_escape(text)}</th>" for text in header)
            + f"</tr>{rows}</table>"
        )
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(True)
        self.text.setHtml(html)
        self.font_licence = QPushButton(self.tr("Font licence…"), self)
        self.font_licence.clicked.connect(self.show_font_licence)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.font_licence)
        bar.addStretch(1)
        bar.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(bar)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(620, 560)

    def plain_text(self) -> str:
        return self.text.toPlainText()

    def show_font_licence(self) -> QDialog:
        dialog = LicenceDialog(
            self.tr("Licence of the WenQuanYi Micro Hei font"), font_licence_path(), self
        )
        dialog.show()
        return dialog


class LicenceDialog(QDialog):
    """A licence file shown as it is shipped."""

    def __init__(self, title: str, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        try:
            self.text.setPlainText(path.read_text(encoding="utf-8"))
        except OSError as error:
            self.text.setPlainText(str(error))
        path_label = QLabel(str(path), self)
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(path_label)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(640, 520)
