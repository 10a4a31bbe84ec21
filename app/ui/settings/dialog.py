"""The one settings dialog: every setting of the program, a page list on the left.

One Save checks every page first: each message appears next to its field, the page list
marks the pages that hold one and the first of them is shown, and nothing is stored until
every page is valid. Then each section that changed is stored (the data file's settings with
their audit trail, this PC's preferences); Cancel stores nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.i18n import current_language
from app.services import settings_service
from app.services.validation import ValidationError
from app.ui.complaints.settings_page import ComplaintSettingsPages
from app.ui.overview.targets_page import SummaryTargetsPage
from app.ui.settings.general_pages import BackupsPage, CompanyPage, LanguagePage, ThisComputerPage
from app.ui.settings.page import SettingsPage
from app.ui.signals import DataHub
from app.ui.surveys.targets_page import SurveyTargetsPage
from app.ui.widgets.form import ErrorLabel

PAGES = (
    "company",
    "numbering",
    "lists",
    "deadlines",
    "calendar",
    "survey_targets",
    "management_targets",
    "backups",
    "language",
    "this_computer",
)
ERROR_ROLE = Qt.ItemDataRole.UserRole + 1  # True on a page-list item whose page holds an error


class SettingsDialog(QDialog):
    """page: the key of the page shown first (PAGES); languageChosen: the language picked on
    the Language page, once saved (the main window then switches to it as its Language menu
    does)."""

    languageChosen = Signal(str)

    def __init__(
        self,
        engine: Engine,
        parent: QWidget | None = None,
        *,
        hub: DataHub | None = None,
        page: str = "company",
        language: str | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.hub = hub or getattr(parent, "hub", None) or DataHub(self)
        self.setWindowTitle(self.tr("Settings"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.saved = False  # True once every page that changed is stored (also for tests)

        self.company = CompanyPage(engine)
        self.complaints = ComplaintSettingsPages(self.engine, self.hub, self, now=now)
        self.survey_targets = SurveyTargetsPage(engine)
        self.summary_targets = SummaryTargetsPage(engine)
        self.backups = BackupsPage(engine)
        self.language = LanguagePage(language or current_language())
        self.this_computer = ThisComputerPage()
        self.sections = [
            self.company,
            self.complaints,
            self.survey_targets,
            self.summary_targets,
            self.backups,
            self.language,
            self.this_computer,
        ]
        self.page_widgets: dict[str, SettingsPage] = {
            p.key: p for section in self.sections for p in section.pages()
        }
        assert tuple(self.page_widgets) == PAGES, tuple(self.page_widgets)

        self.page_list = QListWidget(self)
        self.page_list.setIconSize(QSize(16, 16))
        self.page_list.setSpacing(2)
        # every row keeps room for the error mark, so rows stay equal and the texts do not jump
        blank = QPixmap(16, 16)
        blank.fill(Qt.GlobalColor.transparent)
        self.no_mark_icon = QIcon(blank)
        self.stack = QStackedWidget(self)
        for key, widget in self.page_widgets.items():
            item = QListWidgetItem(self.no_mark_icon, widget.title())
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.page_list.addItem(item)
            scroll = QScrollArea()  # a page larger than a small screen scrolls, never clips
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(widget)
            self.stack.addWidget(scroll)
        self.page_list.setFixedWidth(self.page_list.sizeHintForColumn(0) + 40)
        self.page_list.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.message = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        pages = QHBoxLayout()
        pages.addWidget(self.page_list)
        pages.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(pages, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.show_page(page)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """960×640, less on a smaller screen (the pages scroll)."""
        screen = self.screen() or QApplication.primaryScreen()
        area = screen.availableGeometry()
        self.resize(min(960, area.width() - 40), min(640, area.height() - 60))

    # ---------------------------------------------------------------- pages

    def page(self, key: str) -> SettingsPage:
        return self.page_widgets[key]

    def show_page(self, key: str) -> None:
        self.page_list.setCurrentRow(PAGES.index(key))

    def current_page(self) -> str:
        return PAGES[self.page_list.currentRow()]

    def marked_pages(self) -> list[str]:
        """The pages the list marks as holding an error."""
        return [
            PAGES[row]
            for row in range(self.page_list.count())
            if self.page_list.item(row).data(ERROR_ROLE)
        ]

    def _mark(self, bad: set[str]) -> None:
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for row, key in enumerate(PAGES):
            item = self.page_list.item(row)
            marked = key in bad
            item.setData(ERROR_ROLE, marked)
            item.setIcon(warning if marked else self.no_mark_icon)
            item.setForeground(QBrush(QColor("#c0392b")) if marked else QBrush())
            item.setToolTip(self.tr("This page holds an error.") if marked else "")

    # ---------------------------------------------------------------- saving

    def check(self) -> bool:
        """Every page checked, every message next to its field; True when all are valid."""
        bad: set[str] = set()
        for section in self.sections:
            bad |= {page.key for page in section.check()}
        self._mark(bad)
        if bad:
            self.show_page(next(key for key in PAGES if key in bad))
            self.message.show_message(
                self.tr("Nothing is saved yet: please correct the marked pages.")
            )
            return False
        self.message.show_message("")
        return True

    def save(self) -> bool:
        """Check every page, then store each section that changed; False when refused."""
        if not self.check():
            return False
        recompute = False
        try:
            # this PC's user name first: the trail of this save names who it is
            if self.this_computer.changed():
                self.this_computer.save()
            user = settings_service.current_user(self.engine)
            for section in self.sections:
                if section in (self.language, self.this_computer) or not section.changed():
                    continue
                if section is self.complaints:
                    recompute = self.complaints.save(user)
                else:
                    section.save(user)
        except ValidationError:  # changed meanwhile on another client: show it where it is
            self.check()
            return False
        except (SQLAlchemyError, OSError) as error:
            self.message.show_message(
                self.tr("The settings could not be saved: {reason}").format(
                    reason=str(error).splitlines()[0] if str(error) else type(error).__name__
                )
            )
            return False
        if recompute:
            self.buttons.setEnabled(False)
            self.complaints.recompute(self, self._done)
        else:
            self._done()
        return True

    def _done(self) -> None:
        language = self.language.chosen() if self.language.changed() else None
        self.saved = True
        self.accept()
        if language is None:
            return
        self.languageChosen.emit(language)
        # the main window switches as its Language menu does, once this dialog has closed
        window = self.parentWidget().window() if self.parentWidget() is not None else None
        if window is not None and hasattr(window, "languageChangeRequested"):
            QTimer.singleShot(0, window, lambda: window.languageChangeRequested.emit(language))
