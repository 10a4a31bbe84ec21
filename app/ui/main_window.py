"""The main window: composes the tabs, menus and status bar; nothing else.

At start the window is shown and painted as a frame (its tabs' names, menus and status bar)
before the data layer loads; open_data() then fills it (app/ui/application.py). So this module
loads no SQLAlchemy, services or tab code at import: they are imported by open_data and by
the tabs and dialogs when first used.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QScrollArea

from app.config import APP_NAME
from app.ui.background import BackgroundOp, run_in_background
from app.ui.lazy_tab import LazyTab, TabPages
from app.ui.record_tabs import RECORD_TABS, tab_class, tab_title
from app.ui.signals import DataHub

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from app.services.complaint_data import ComplaintFilter
    from app.ui.base_tab import BaseTab
    from app.ui.complaints.due_dialog import DueDialog
    from app.ui.complaints.tab import ComplaintsTab
    from app.ui.customers.tab import CustomersTab
    from app.ui.field_service.tab import FieldServiceTab
    from app.ui.help import AboutDialog, HelpViewer
    from app.ui.returns.tab import ReturnsTab
    from app.ui.settings.dialog import SettingsDialog
    from app.ui.surveys.tab import SurveysTab
    from app.ui.welcome import WelcomePage

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    languageChangeRequested = Signal(str)
    _due_list_shown_for: set[Path] = set()  # once per data file and run, not per language switch

    def __init__(
        self,
        engine: Engine | None,
        database_file: Path | None,
        language: str,
        show_due_list: bool = True,
    ) -> None:
        """database_file: the SQLite data file open, None on a database server.

        engine None: only the window's frame — its title, the tabs' names, the menus and the
        status bar — to be shown while the database opens; open_data() fills it."""
        super().__init__()
        self.language = language
        self.engine: Engine | None = None
        self.database_file: Path | None = None
        self.database_label = ""
        self.hub = DataHub(self)
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 760)

        self.tabs = TabPages(self)
        # the overview is shown at start, built as soon as the data are open; a record tab is
        # built when first shown or used (window.complaints_tab, a drill-down, a menu)
        self.overview_page = LazyTab(None, self.tabs)
        self.tabs.addTab(self.overview_page, tab_title("overview"))
        self.pages: dict[str, LazyTab] = {}
        for name in RECORD_TABS:
            page = LazyTab(
                lambda parent, n=name: tab_class(n)(self.engine, self.hub, parent), self.tabs
            )
            self.pages[name] = page
            self.tabs.addTab(page, tab_title(name))
        self.tabs.setCurrentIndex(0)
        self.welcome: WelcomePage | None = None
        self.welcome_tab: QScrollArea | None = None
        self.setCentralWidget(self.tabs)
        self._make_menus()
        self.statusBar().showMessage(self.tr("Opening the data…"))
        if engine is not None:
            self.open_data(engine, database_file, show_due_list)

    def open_data(
        self, engine: Engine, database_file: Path | None, show_due_list: bool = True
    ) -> None:
        """Fill the frame with the open database: the overview, the menus' entries, the status
        bar's overdue count, the welcome page of an empty database and the due list."""
        from app.db import describe_database
        from app.ui.complaints.overdue import OverdueCounter, OverdueIndicator
        from app.ui.data_safety.actions import DataFileActions
        from app.ui.overview.tab import OverviewTab
        from app.ui.welcome import should_welcome

        self.engine = engine
        self.database_file = database_file
        # the title says which database is open: the file's path or PostgreSQL user@host:port/db
        self.database_label = (
            str(database_file) if database_file is not None else describe_database(engine.url)
        )
        self.setWindowTitle(self.tr("QualityDesk — {path}").format(path=self.database_label))
        self.overview_page.ready(
            lambda parent: OverviewTab(engine, self.hub, parent, open_record=self.open_record)
        )
        self.overview_tab = self.overview_page.tab()
        self.overview_tab.complaintsRequested.connect(self.show_complaints)
        if should_welcome(engine):
            self._add_welcome()
        self.data_file_actions = DataFileActions(self, database_file, engine)
        self._fill_menus()
        if database_file is None:
            self._server_data_menu()
            self.statusBar().showMessage(
                self.tr("Database server: {database}").format(database=self.database_label)
            )
        else:
            self.statusBar().showMessage(self.tr("Data file: {path}").format(path=database_file))
        self.overdue_indicator = OverdueIndicator(self)
        # counted on its own until the complaints tab is built, then with the tab's list
        self.overdue_counter = OverdueCounter(engine, self.hub, self)
        self.overdue_counter.counted.connect(self.overdue_indicator.set_count)
        self.pages["complaints"].built.connect(self._complaints_tab_built)
        self.overdue_indicator.clicked.connect(self.show_due_list)
        self.statusBar().addPermanentWidget(self.overdue_indicator)
        shown_key = database_file or Path(self.database_label)
        if show_due_list and shown_key not in MainWindow._due_list_shown_for:
            MainWindow._due_list_shown_for.add(shown_key)
            QTimer.singleShot(0, self.show_due_list_if_any)

    def _add_welcome(self) -> None:
        """An empty database opens on its welcome page, a tab of its own after the others:
        every other tab stays one click away, and the page fits a 1366×768 screen."""
        from app.ui.welcome import WelcomePage

        self.welcome = WelcomePage(
            self.engine,
            self.hub,
            lambda: self.customers_tab.import_customers(),
            lambda: self.complaints_tab.import_ledger(),
        )
        self.welcome.closed.connect(self._welcome_closed)
        self.welcome_tab = QScrollArea()
        self.welcome_tab.setWidgetResizable(True)
        self.welcome_tab.setFrameShape(QScrollArea.Shape.NoFrame)
        self.welcome_tab.setWidget(self.welcome)
        self.tabs.addTab(self.welcome_tab, self.welcome.windowTitle())
        self.tabs.setCurrentWidget(self.welcome_tab)

    def _welcome_closed(self) -> None:
        if self.welcome_tab is not None:
            showing = self.tabs.currentWidget() is self.welcome_tab
            self.tabs.removeTab(self.tabs.indexOf(self.welcome_tab))
            self.welcome_tab.deleteLater()
            if showing:
                self.tabs.setCurrentWidget(self.overview_tab)
        self.welcome, self.welcome_tab = None, None

    @property
    def customers_tab(self) -> CustomersTab:
        return self.pages["customers"].tab()

    @property
    def complaints_tab(self) -> ComplaintsTab:
        return self.pages["complaints"].tab()

    @property
    def returns_tab(self) -> ReturnsTab:
        return self.pages["returns"].tab()

    @property
    def surveys_tab(self) -> SurveysTab:
        return self.pages["surveys"].tab()

    @property
    def field_service_tab(self) -> FieldServiceTab:
        return self.pages["field_service"].tab()

    def record_tabs(self) -> list[BaseTab]:
        """Every record tab, built now where it was not yet."""
        return [page.tab() for page in self.pages.values()]

    def built_tabs(self) -> list[BaseTab]:
        """The record tabs built so far (a tab never built holds no open form)."""
        return [page.built_tab() for page in self.pages.values() if page.is_built()]

    def _complaints_tab_built(self, tab: ComplaintsTab) -> None:
        self.overdue_counter.stop()
        tab.model.extraLoaded.connect(lambda: self.overdue_indicator.set_count(tab.overdue_total))

    def show_complaints(self, flt: ComplaintFilter) -> None:
        """A drill-down from the overview: the complaint list with just this filter."""
        self.complaints_tab.show_filtered(flt)
        self.tabs.setCurrentWidget(self.complaints_tab)

    def _open_complaint(self, record_id: int) -> None:
        self.complaints_tab.open_complaint(record_id)

    def open_record(self, kind: str, record_id: int) -> None:
        """Open a complaint or a return from a list outside its tab (the overview's actions)."""
        if kind == "complaint":
            self.complaints_tab.open_complaint(record_id)
        elif kind == "return":
            self.returns_tab.open_return(record_id)

    def _make_menus(self) -> None:
        """The menu bar's menus, named in the frame; open_data fills them."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.data_menu = bar.addMenu(self.tr("&Data"))
        self.settings_menu = bar.addMenu(self.tr("&Settings"))
        self.language_menu = bar.addMenu(self.tr("&Language"))
        self.help_menu = bar.addMenu(self.tr("&Help"))

    def _fill_menus(self) -> None:
        file_menu = self.file_menu
        # the tabs are looked up when an entry is chosen: a tab not opened yet is built then
        file_menu.addAction(
            self.tr("Import customers from Excel…"), lambda: self.customers_tab.import_customers()
        )
        file_menu.addAction(
            self.tr("Export customer list to Excel…"), lambda: self.customers_tab.export_list()
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self.tr("Import complaint ledger from Excel…"),
            lambda: self.complaints_tab.import_ledger(),
        )
        file_menu.addAction(
            self.tr("Export complaint ledger to Excel…"),
            lambda: self.complaints_tab.export_ledger(),
        )
        file_menu.addAction(
            self.tr("Export complaint tracking list to Excel…"),
            lambda: self.complaints_tab.export_tracking_list(),
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self.tr("Export returns summary to Excel…"), lambda: self.returns_tab.export_summary()
        )
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"), self.close)
        quit_action.setShortcut("Ctrl+Q")

        self.data_file_actions.fill_menu(self.data_menu)

        settings_action = self.settings_menu.addAction(self.tr("Settings…"), self.open_settings)
        settings_action.setShortcut("Ctrl+,")

        group = QActionGroup(self)
        for code, label in (("zh_CN", "中文"), ("en", "English")):
            action = QAction(label, self, checkable=True)
            action.setChecked(code == self.language)
            action.setData(code)
            group.addAction(action)
            self.language_menu.addAction(action)
        group.triggered.connect(self._language_chosen)

        guide_action = self.help_menu.addAction(self.tr("User guide"), self.show_user_guide)
        guide_action.setShortcut("F1")
        self.help_menu.addAction(self.tr("Where is my data?"), self.show_data_location)
        self.help_menu.addAction(self.tr("About QualityDesk"), self.show_about)

    def _server_data_menu(self) -> None:
        """On a server the Data menu's file actions do not apply (no file here to restore or
        check); Back up now and Back up to… copy the server's database into a data file, and
        the server's administrator backs the server up (README: pg_dump)."""
        actions = self.data_file_actions
        for action in (actions.restore_action, actions.check_action):
            action.setEnabled(False)
            action.setToolTip(
                self.tr("The database is on a server: its administrator backs it up.")
            )

    def _language_chosen(self, action: QAction) -> None:
        self.languageChangeRequested.emit(action.data())

    def open_settings(self, page: str = "company") -> SettingsDialog:
        """The settings dialog on that page (SettingsDialog.PAGES)."""
        from app.ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.engine, self, hub=self.hub, page=page)
        dialog.show()
        return dialog

    def show_due_list(self) -> DueDialog:
        from app.ui.complaints.due_dialog import DueDialog

        dialog = DueDialog(self.engine, self.hub, self._open_complaint, self)
        dialog.show()
        return dialog

    def show_due_list_if_any(self) -> BackgroundOp:
        """At start-up: the overdue and soon-due deadlines, when there are any.

        Read off the GUI thread: with years of tickets the list can hold hundreds of lines, and
        the window should be painted and usable while they are read."""
        from app.services import complaint_service

        engine = self.engine

        def show(rows: list) -> None:
            if rows:
                from app.ui.complaints.due_dialog import DueDialog

                DueDialog(engine, self.hub, self._open_complaint, self, rows=rows).show()

        def failed(error: BaseException) -> None:
            self.statusBar().showMessage(
                self.tr("The complaint deadlines could not be read: {reason}").format(
                    reason=str(error) or error.__class__.__name__
                )
            )

        return run_in_background(
            self, lambda _progress: complaint_service.due_rows(engine), show, failed
        )

    def show_data_location(self) -> None:
        if self.database_file is None:
            text = self.tr("All records are kept in the database on the server:\n{database}")
            text = text.format(database=self.database_label)
        else:
            text = self.tr("All records are kept in this file:\n{path}").format(
                path=self.database_file
            )
        QMessageBox.information(self, self.tr("Where is my data?"), text)

    def show_user_guide(self) -> HelpViewer:
        from app.ui.help import HelpViewer

        viewer = HelpViewer(self)
        viewer.show()
        return viewer

    def show_about(self) -> AboutDialog:
        from app.ui.help import AboutDialog

        dialog = AboutDialog(self.database_label, self.database_file is None, self)
        dialog.show()
        return dialog

    def can_close(self) -> bool:
        return all(tab.can_close() for tab in self.built_tabs())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.can_close():
            self._end_editing()
            event.accept()
        else:
            event.ignore()

    def _end_editing(self) -> None:
        """No record of this client is open any more: the other clients' lists and windows stop
        naming its user now, not two minutes later. A hint: a lost server does not stop closing."""
        if self.engine is None:
            return  # a frame whose database did not open
        from sqlalchemy.exc import SQLAlchemyError

        from app.services import editing_presence

        try:
            editing_presence.end_client(self.engine)
        except (SQLAlchemyError, OSError) as error:
            log.warning("could not say this client's records are closed: %s", error)
