"""Start-up of the windowed app: fonts, translations, the main window's frame painted at once,
then the database opened behind it (app/ui/app_controller.py) and the window filled.

This module and the frame load only Qt and a few light app modules: the window is on the screen
before SQLAlchemy, the models and the services load (about 0.4 s of imports).
"""

from __future__ import annotations

import gc
import linecache
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from app.config import APP_NAME, Preferences, font_path, resources_dir
from app.i18n import set_language
from app.ui.locale_format import locale_for
from app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from app.ui.app_controller import AppController

CJK_FAMILY = "WenQuanYi Micro Hei"
START_BACKUP_DELAY_MS = 2000


def install_font(application: QApplication) -> None:
    """Register the bundled CJK font and use it wherever the system font lacks Chinese glyphs."""
    QFontDatabase.addApplicationFont(str(font_path()))
    font = QFont(application.font())
    font.setFamilies([font.family(), CJK_FAMILY])
    application.setFont(font)


def preferred_language() -> str:
    """The remembered choice, else Chinese on a Chinese system, else English."""
    chosen = Preferences.load().language
    if chosen in ("zh_CN", "en"):
        return chosen
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


class Translations:
    """The app's and Qt's own translators; swapped when the user switches language."""

    installed: list[QTranslator] = []  # one set per application, whoever installed it

    def __init__(self, application: QApplication) -> None:
        self.application = application

    def apply(self, language: str) -> None:
        for translator in Translations.installed:
            self.application.removeTranslator(translator)
        Translations.installed = []
        set_language(language)
        # dates and numbers in the window: the language's locale (app/ui/locale_format.py)
        QLocale.setDefault(locale_for(language))
        if language == "en":
            return
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (
            (f"qtbase_{language}", qt_dir),
            (f"qualitydesk_{language}", str(resources_dir() / "i18n")),
        ):
            translator = QTranslator(self.application)
            if translator.load(name, folder):
                self.application.installTranslator(translator)
                Translations.installed.append(translator)


def start_application(
    data_dir: str | None = None, language: str | None = None, db_url: str | None = None
) -> AppController | None:
    """Everything before the event loop: the window's frame shown and painted, then the lock,
    the data file, the window filled, the start-up backup planned (open_the_data). None when
    the window must not open; the user has been told why and the frame is closed."""
    application = QApplication.instance() or QApplication(sys.argv[:1])
    application.setApplicationName(APP_NAME)
    application.setOrganizationName(APP_NAME)
    icon = resources_dir() / "icons" / "qualitydesk.png"
    if icon.exists():
        application.setWindowIcon(QIcon(str(icon)))
    install_font(application)
    language = language or preferred_language()
    Translations(application).apply(language)  # the start-up messages in the user's language
    window = MainWindow(None, None, language)
    window.show()
    # painted now, before the data layer loads; no input is taken until the window is filled
    application.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    from app.ui.app_controller import open_the_data

    controller = open_the_data(application, window, data_dir, language, db_url)
    # PySide6's import hook read the source of every module imported after Qt (it looks for its
    # __feature__ switches), and linecache keeps those lines: ~20 MB nothing needs now (a
    # traceback reads its lines again)
    linecache.clearcache()
    if controller is None:
        window.close()
        window.deleteLater()
    return controller


def run_application(
    data_dir: str | None = None,
    language: str | None = None,
    db_url: str | None = None,
    smoke_test: bool = False,
) -> int:
    """language (from --lang) applies to this session only; the menu choice is remembered.
    smoke_test (--smoke-test): quit with 0 once the window has painted (app/ui/smoke_test.py)."""
    try:
        controller = start_application(data_dir, language, db_url)
    finally:
        gc.freeze()  # what start-up made lives as long as the app (app.main.run_gui)
        gc.enable()
    if controller is None:
        return 1
    if smoke_test:
        from app.ui.smoke_test import quit_after_first_paint

        quit_after_first_paint(controller.application, controller.window)
    try:
        return controller.application.exec()
    finally:
        controller.shut_down()
