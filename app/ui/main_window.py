"""The main window: composes the tabs, menus and status bar; nothing else."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget
from sqlalchemy import Engine

import app
from app.ui.base_tab import BaseTab
from app.ui.customers.tab import CustomersTab
from app.ui.settings_dialog import SettingsDialog
from app.ui.signals import DataHub


class MainWindow(QMainWindow):
    languageChangeRequested = Signal(str)

    def __init__(self, engine: Engine, database_file: Path, language: str) -> None:
        super().__init__()
        self.engine = engine
        self.database_file = database_file
        self.hub = DataHub(self)
        self.setWindowTitle(self.tr("QualityDesk — {path}").format(path=database_file))
        self.resize(1280, 760)

        self.tabs = QTabWidget(self)
        self.customers_tab = CustomersTab(engine, self.hub, self)
        for tab in self.record_tabs():
            self.tabs.addTab(tab, tab.title())
        self.setCentralWidget(self.tabs)
        self._build_menus(language)
        self.statusBar().showMessage(self.tr("Data file: {path}").format(path=database_file))

    def record_tabs(self) -> list[BaseTab]:
        return [self.customers_tab]

    def _build_menus(self, language: str) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(
            self.tr("Import customers from Excel…"), self.customers_tab.import_customers
        )
        file_menu.addAction(
            self.tr("Export customer list to Excel…"), self.customers_tab.export_list
        )
        file_menu.addSeparator()
        file_menu.addAction(self.tr("Settings…"), self.open_settings)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"), self.close)
        quit_action.setShortcut("Ctrl+Q")

        language_menu = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, label in (("zh_CN", "中文"), ("en", "English")):
            action = QAction(label, self, checkable=True)
            action.setChecked(code == language)
            action.setData(code)
            group.addAction(action)
            language_menu.addAction(action)
        group.triggered.connect(self._language_chosen)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.tr("Where is my data?"), self.show_data_location)
        help_menu.addAction(self.tr("About QualityDesk"), self.show_about)

    def _language_chosen(self, action: QAction) -> None:
        self.languageChangeRequested.emit(action.data())

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.engine, self)
        dialog.show()

    def show_data_location(self) -> None:
        QMessageBox.information(
            self,
            self.tr("Where is my data?"),
            self.tr("All records are kept in this file:\n{path}").format(path=self.database_file),
        )

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About QualityDesk"),
            self.tr(
                "QualityDesk {version}\nCustomer service and customer feedback records "
                "(ISO 9001 / IATF 16949), kept on this computer."
            ).format(version=app.__version__),
        )

    def can_close(self) -> bool:
        return all(tab.can_close() for tab in self.record_tabs())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.can_close():
            event.accept()
        else:
            event.ignore()
