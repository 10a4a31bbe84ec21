"""Start-up of the windowed app: fonts, translations, opening the data file, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.config import (
    APP_NAME,
    Preferences,
    database_path,
    font_path,
    resolve_data_dir,
    resources_dir,
)
from app.db import open_database
from app.i18n import set_language
from app.ui.main_window import MainWindow

CJK_FAMILY = "WenQuanYi Micro Hei"


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
        if language == "en":
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
            return
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (
            (f"qtbase_{language}", qt_dir),
            (f"qualitydesk_{language}", str(resources_dir() / "i18n")),
        ):
            translator = QTranslator(self.application)
            if translator.load(name, folder):
                self.application.installTranslator(translator)
                Translations.installed.append(translator)


class AppController:
    """Owns the main window; rebuilds it when the language changes."""

    def __init__(
        self,
        application: QApplication,
        engine,
        database_file: Path,
        language: str | None = None,  # noqa: ANN001
    ) -> None:
        self.application = application
        self.engine = engine
        self.database_file = database_file
        self.translations = Translations(application)
        self.language = language or preferred_language()
        self.translations.apply(self.language)
        self.window = self._make_window()

    def _make_window(self) -> MainWindow:
        window = MainWindow(self.engine, self.database_file, self.language)
        window.languageChangeRequested.connect(self.switch_language)
        return window

    def switch_language(self, language: str) -> None:
        if language == self.language:
            return
        old = self.window
        if not old.can_close():
            return
        prefs = Preferences.load()
        prefs.language = language
        prefs.save()
        self.language = language
        self.translations.apply(language)
        self.window = self._make_window()
        self.window.setGeometry(old.geometry())
        self.window.show()
        old.close()
        old.deleteLater()


def run_application(data_dir: str | None = None, language: str | None = None) -> int:
    """language (from --lang) applies to this session only; the menu choice is remembered."""
    application = QApplication.instance() or QApplication(sys.argv[:1])
    application.setApplicationName(APP_NAME)
    application.setOrganizationName(APP_NAME)
    icon = resources_dir() / "icons" / "qualitydesk.png"
    if icon.exists():
        application.setWindowIcon(QIcon(str(icon)))
    install_font(application)
    folder = resolve_data_dir(data_dir)
    try:
        engine = open_database(folder)
    except Exception as error:  # noqa: BLE001  (tell the user instead of a traceback)
        QMessageBox.critical(
            None,
            APP_NAME,
            f"The data file could not be opened / 无法打开数据文件:\n{database_path(folder)}\n\n{error}",
        )
        return 1
    controller = AppController(application, engine, database_path(folder), language)
    controller.window.show()
    return application.exec()
