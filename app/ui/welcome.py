"""The first-run welcome page: a tab of the main window while the database holds no records.

Not a wizard: the other tabs stay usable, "Skip" hides the page for good (remembered on this
PC for this database, app/services/first_run), and it goes away by itself as soon as the
database holds a record (demo data, an import, a customer typed in a tab).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.config import Preferences, validate_this_pc
from app.i18n import current_language
from app.services import (
    complaint_service,
    customer_service,
    field_service,
    first_run,
    return_service,
    settings_service,
    survey_campaigns,
    visit_service,
)
from app.services.validation import ValidationError
from app.ui.background import BackgroundOp, Progress, run_in_background
from app.ui.signals import DataHub
from app.ui.widgets.form import ErrorLabel, FieldWithError
from app.ui.widgets.logo_field import LogoField

log = logging.getLogger(__name__)

WELCOME_SETTINGS = "settings"  # hub family: company, logo or clerk saved

# the record families the demo data fills: their lists reload when it is in
DEMO_FAMILIES = (
    customer_service.ENTITY,
    complaint_service.ENTITY,
    return_service.ENTITY,
    survey_campaigns.ENTITY,
    field_service.ENTITY,
    visit_service.ENTITY,
)


def should_welcome(engine: Engine) -> bool:
    """True when the welcome page belongs above the tabs; a database that cannot be read
    here shows no welcome (the tabs say what is wrong)."""
    try:
        return first_run.should_welcome(engine)
    except (SQLAlchemyError, OSError) as error:
        log.warning("could not tell whether the database is empty: %s", error)
        return False


class WelcomePage(QFrame):
    """Company, logo, clerk and this PC's user; demo data; the Excel imports; Skip."""

    closed = Signal()  # the page went away (skipped, or the database holds records now)
    demoProgressed = Signal(int, int)  # (done, total) while the demo data are loaded

    def __init__(
        self,
        engine: Engine,
        hub: DataHub,
        import_customers: Callable[[], object],
        import_ledger: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.hub = hub
        self.import_customers, self.import_ledger = import_customers, import_ledger
        self.demo_op: BackgroundOp | None = None
        self.setObjectName("welcomePage")
        self.setWindowTitle(self.tr("Welcome"))  # the tab's title in the main window
        self.settings = settings_service.load(engine)
        self.prefs = Preferences.load()

        title = QLabel(self.tr("Welcome to QualityDesk"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.skip_button = QPushButton(self.tr("Skip"))
        self.skip_button.setToolTip(
            self.tr("Hide this page; it is not shown again for this database on this PC")
        )
        self.skip_button.clicked.connect(self.skip)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.skip_button)
        intro = QLabel(
            self.tr(
                "The database holds no records yet. Enter your company and your name for the "
                "forms, then try the program with demo data or bring in your Excel registers. "
                "The other tabs can be used at any time."
            )
        )
        intro.setWordWrap(True)

        columns = QHBoxLayout()
        columns.addWidget(self._company_box(), 3)
        columns.addWidget(self._start_box(), 2)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(intro)
        layout.addLayout(columns)
        layout.addStretch(1)
        self.hub.dataChanged.connect(self._on_data_changed)
        self.demoProgressed.connect(self._demo_progressed)

    # ------------------------------------------------------------------ building

    def _company_box(self) -> QGroupBox:
        self.company_name = QLineEdit(self.settings.company_name)
        if self.settings.company_name == settings_service.DEFAULT_COMPANY:
            self.company_name.clear()
            self.company_name.setPlaceholderText(settings_service.DEFAULT_COMPANY)
        self.company_field = FieldWithError(self.company_name)
        self.clerk_name = QLineEdit(self.settings.clerk_name)
        self.clerk_name.setPlaceholderText(self.tr("Printed as 填表人 on the forms"))
        self.clerk_field = FieldWithError(self.clerk_name)
        self.user_name = QLineEdit(self.prefs.user_name or "")
        self.user_name.setPlaceholderText(settings_service.system_login())
        self.user_name.setToolTip(
            self.tr("Written in the audit trail for everything done on this PC")
        )
        self.user_field = FieldWithError(self.user_name)
        self.logo_field = LogoField(
            self.settings.logo_png_base64, preview_height=38, removable=False
        )
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.saved_label = QLabel()
        save_row = QHBoxLayout()
        save_row.addWidget(self.saved_label, 1)
        save_row.addWidget(self.save_button)

        box = QGroupBox(self.tr("Your company"))
        form = QFormLayout(box)
        form.addRow(self.tr("Company name *"), self.company_field)
        form.addRow(self.tr("Logo"), self.logo_field)
        form.addRow(self.tr("Clerk name"), self.clerk_field)
        form.addRow(self.tr("User name on this PC"), self.user_field)
        form.addRow(save_row)
        return box

    def _start_box(self) -> QGroupBox:
        self.demo_button = QPushButton(self.tr("Load demo data"))
        self.demo_button.clicked.connect(self.load_demo)
        demo_note = QLabel(
            self.tr(
                "{customers} customers, {complaints} complaint tickets, {returns} returns, "
                "{surveys} satisfaction surveys and a month of field service, to try everything."
            ).format(
                customers=first_run.DEMO_CUSTOMERS,
                complaints=first_run.DEMO_COMPLAINTS,
                returns=first_run.DEMO_RETURNS,
                surveys=first_run.DEMO_SURVEYS,
            )
        )
        demo_note.setWordWrap(True)
        self.demo_progress = QProgressBar()
        self.demo_progress.setRange(0, first_run.DEMO_STEPS)
        self.demo_progress.hide()
        self.demo_message = ErrorLabel()
        self.customers_button = QPushButton(self.tr("Import customers from Excel…"))
        self.customers_button.clicked.connect(lambda: self.import_customers())
        self.ledger_button = QPushButton(self.tr("Import complaint ledger from Excel…"))
        self.ledger_button.clicked.connect(lambda: self.import_ledger())

        box = QGroupBox(self.tr("Get started"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.demo_button)
        layout.addWidget(demo_note)
        layout.addWidget(self.demo_progress)
        layout.addWidget(self.demo_message)
        layout.addSpacing(6)
        layout.addWidget(self.customers_button)
        layout.addWidget(self.ledger_button)
        if self.engine.dialect.name != "sqlite":
            server_note = QLabel(
                self.tr(
                    "Moving an existing data file to this server? Do it before entering "
                    "anything here: qualitydesk migrate-to needs an empty database."
                )
            )
            server_note.setWordWrap(True)
            layout.addWidget(server_note)
        layout.addStretch(1)
        return box

    # ------------------------------------------------------------------ company and clerk

    def save(self) -> bool:
        """Store company, logo and clerk in the database (audit trail) and this PC's user
        name in the preferences; messages next to the fields when something is wrong."""
        self.saved_label.clear()
        messages: dict[str, str] = {}
        try:
            validate_this_pc(None, self.user_name.text())
        except ValidationError as error:
            messages = error.messages(current_language())
        self.user_field.set_error(messages.get("user_name", ""))
        settings = settings_service.load(self.engine)  # as stored now: form codes kept
        settings.company_name = self.company_name.text().strip()
        settings.clerk_name = self.clerk_name.text().strip()
        settings.logo_png_base64 = self.logo_field.png_base64
        try:
            settings_service.validate(settings)
        except ValidationError as error:
            messages = error.messages(current_language()) | messages
        self.company_field.set_error(messages.get("company_name", ""))
        self.clerk_field.set_error(messages.get("clerk_name", ""))
        if messages:
            return False
        prefs = Preferences.load()  # as it is now: other choices may have changed meanwhile
        prefs.user_name = self.user_name.text().strip() or None
        prefs.save()
        settings_service.save(self.engine, settings)
        self.settings = settings
        self.hub.dataChanged.emit(WELCOME_SETTINGS, 0)
        self.saved_label.setText(self.tr("Saved."))
        return True

    # ------------------------------------------------------------------ demo data

    def load_demo(self) -> BackgroundOp | None:
        """The demo records, off the GUI thread; progress on the page, the tabs stay usable."""
        if self.demo_op is not None and not self.demo_op.done:
            return None
        engine = self.engine
        user = settings_service.current_user(engine)
        self.demo_button.setEnabled(False)
        self.demo_message.show_message("")
        self.demo_progress.setValue(0)
        self.demo_progress.show()

        progressed = self.demoProgressed  # emitted from the worker, received on the GUI thread

        def work(progress: Progress) -> dict[str, int]:
            return first_run.load_demo_data(
                engine, user, progress=progressed.emit, cancelled=progress.cancelled
            )

        def done(_added: dict[str, int]) -> None:
            self.demo_progress.hide()
            self.demo_button.setEnabled(True)
            for family in DEMO_FAMILIES:
                self.hub.dataChanged.emit(family, 0)  # the lists reload; this page goes away

        def failed(error: BaseException) -> None:
            self.demo_progress.hide()
            self.demo_button.setEnabled(True)
            self.demo_message.show_message(
                self.tr("The demo data could not be loaded: {reason}").format(
                    reason=str(error) or error.__class__.__name__
                )
            )
            for family in DEMO_FAMILIES:  # what was stored before the fault is shown
                self.hub.dataChanged.emit(family, 0)

        self.demo_op = run_in_background(self, work, done, failed)
        return self.demo_op

    def _demo_progressed(self, done: int, total: int) -> None:
        self.demo_progress.setMaximum(max(total, 1))
        self.demo_progress.setValue(min(done, total))

    # ------------------------------------------------------------------ going away

    def skip(self) -> None:
        """Hide the page; this PC does not show it again for this database."""
        try:
            first_run.dismiss_welcome(self.engine)
        except OSError as error:  # the preferences could not be written: hidden for this run
            log.warning("could not remember the dismissed welcome page: %s", error)
        self._close()

    def _on_data_changed(self, family: str, _record_id: int) -> None:
        if family == WELCOME_SETTINGS:
            return
        if self.demo_op is not None and not self.demo_op.done:
            return  # the demo data are coming in: the page goes when they are all in
        try:
            filled = first_run.has_records(self.engine)
        except (SQLAlchemyError, OSError) as error:
            log.warning("could not tell whether the database is empty: %s", error)
            return
        if filled:
            self._close()

    def _close(self) -> None:
        self.hub.dataChanged.disconnect(self._on_data_changed)
        self.hide()
        self.closed.emit()  # the main window removes its tab, and this page with it
