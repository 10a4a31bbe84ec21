"""The settings pages of the company and its forms, the backups, the language and this computer."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.config import Preferences, validate_this_pc
from app.i18n import current_language
from app.services import settings_service
from app.services.settings_service import FormCode
from app.services.validation import ValidationError
from app.ui.data_safety.folder_field import BackupFolderField
from app.ui.settings.page import SettingsPage, hint_label
from app.ui.widgets.form import ErrorLabel, FieldWithError
from app.ui.widgets.logo_field import LogoField


class CompanyPage(SettingsPage):
    """Company name and logo, the clerk (填表人), the form codes and revisions (in the data file)."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__("company", self.tr("Company and forms"), parent=parent)
        self.engine = engine
        self.settings = settings_service.load(engine)
        self._stored = asdict(self.settings)

        self.company_name = QLineEdit(self.settings.company_name)
        self.clerk_name = QLineEdit(self.settings.clerk_name)
        self.clerk_name.setPlaceholderText(
            self.tr("Printed as 填表人 on the forms and written in the audit trail")
        )
        self.company_field = FieldWithError(self.company_name)
        self.clerk_field = FieldWithError(self.clerk_name)
        self.logo_field = LogoField(self.settings.logo_png_base64, preview_height=56)

        company = QGroupBox(self.tr("Company"))
        form = QFormLayout(company)
        form.addRow(self.tr("Company name *"), self.company_field)
        form.addRow(self.tr("Logo"), self.logo_field)
        form.addRow(self.tr("Clerk name"), self.clerk_field)

        self.forms_table = QTableWidget(len(settings_service.DEFAULT_FORMS), 3)
        self.forms_table.setHorizontalHeaderLabels(
            [self.tr("Form"), self.tr("Form code"), self.tr("Revision")]
        )
        self.forms_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.forms_table.setMinimumHeight(220)
        self.form_keys = list(settings_service.DEFAULT_FORMS)
        for row, key in enumerate(self.form_keys):
            title = QTableWidgetItem(settings_service.form_title(key, current_language()))
            title.setFlags(Qt.ItemFlag.ItemIsEnabled)
            form_code = self.settings.form(key)
            self.forms_table.setItem(row, 0, title)
            self.forms_table.setItem(row, 1, QTableWidgetItem(form_code.code))
            self.forms_table.setItem(row, 2, QTableWidgetItem(form_code.revision))
        self.forms_error = ErrorLabel()
        forms_box = QGroupBox(self.tr("Form codes and revisions"))
        forms_layout = QVBoxLayout(forms_box)
        forms_layout.addWidget(self.forms_table)
        forms_layout.addWidget(self.forms_error)

        self.body.addWidget(company)
        self.body.addWidget(forms_box, 1)

    def collect(self) -> settings_service.FormSettings:
        """The settings as typed, without surrounding blanks."""
        self.settings.company_name = self.company_name.text()
        self.settings.clerk_name = self.clerk_name.text()
        self.settings.logo_png_base64 = self.logo_field.png_base64
        for row, key in enumerate(self.form_keys):
            self.settings.forms[key] = FormCode(
                self.forms_table.item(row, 1).text(), self.forms_table.item(row, 2).text()
            )
        return settings_service.normalize(self.settings)

    def validate(self) -> bool:
        try:
            settings_service.validate(self.collect())
        except ValidationError as error:
            self.show_errors(error.messages(current_language()))
            return False
        self.show_errors({})
        return True

    def show_errors(self, messages: dict[str, str]) -> None:
        self.company_field.set_error(messages.get("company_name", ""))
        self.clerk_field.set_error(messages.get("clerk_name", ""))
        form_lines = []
        for row, key in enumerate(self.form_keys):
            for part in ("code", "revision"):
                message = messages.get(f"forms.{key}.{part}")
                if message:
                    title = self.forms_table.item(row, 0).text()
                    form_lines.append(f"{title}: {message}")
        self.forms_error.show_message("\n".join(form_lines))

    def changed(self) -> bool:
        return asdict(self.collect()) != self._stored

    def save(self, user: str = "") -> None:
        settings_service.save(self.engine, self.collect(), user or None)
        self._stored = asdict(self.settings)


class BackupsPage(SettingsPage):
    """The backup folder of this PC's data file; on a server its administrator backs it up."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__("backups", self.tr("Backups"), parent=parent)
        self.backup_folder: BackupFolderField | None = None
        database = engine.url.database
        if engine.dialect.name == "sqlite" and database and database != ":memory:":
            # per PC, not in the data file: a USB stick's drive letter differs from PC to PC
            self.backup_folder = BackupFolderField(Path(database), self)
            self.intro.setText(
                self.tr(
                    "The program backs the data file up at start when it changed, before an "
                    "import, a sync or a restore, and with Data → Back up now. The folder is "
                    "chosen per computer."
                )
            )
            self.intro.show()
            self.form.addRow(self.tr("Backup folder"), self.backup_folder)
            self.stored_folder = self.backup_folder.folder()
        else:
            self.intro.setText(
                self.tr(
                    "The database is on a server: its administrator backs it up (pg_dump, "
                    "see the README). Data → Back up now copies it into a data file on this "
                    "computer."
                )
            )
            self.intro.show()
        self.body.addStretch(1)

    def changed(self) -> bool:
        return self.backup_folder is not None and self.backup_folder.folder() != self.stored_folder

    def save(self, user: str = "") -> None:
        if self.backup_folder is not None:
            self.backup_folder.save()
            self.stored_folder = self.backup_folder.folder()


LANGUAGES = (("zh_CN", "中文"), ("en", "English"))


class LanguagePage(SettingsPage):
    """The language of this computer's window; the Language menu switches it too."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(
            "language",
            self.tr("Language"),
            self.tr(
                "The language of the window on this computer. It changes when the settings "
                "are saved, as with the Language menu; the forms and reports keep theirs."
            ),
            parent,
        )
        self.language = language
        self.buttons: dict[str, QRadioButton] = {}
        for code, label in LANGUAGES:
            button = QRadioButton(label)
            button.setChecked(code == language)
            self.buttons[code] = button
            self.body.addWidget(button)
        self.body.addStretch(1)

    def chosen(self) -> str:
        return next((c for c, b in self.buttons.items() if b.isChecked()), self.language)

    def changed(self) -> bool:
        return self.chosen() != self.language


class ThisComputerPage(SettingsPage):
    """Per PC, in the preferences: which database this PC opens and who works on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("this_computer", self.tr("This computer"), parent=parent)
        self.prefs = Preferences.load()
        self.use_file = QRadioButton(self.tr("This PC's data file"))
        self.use_server = QRadioButton(self.tr("Server URL"))
        (self.use_server if self.prefs.db_url else self.use_file).setChecked(True)
        self.server_url = QLineEdit(self.prefs.db_url or "")
        self.server_url.setPlaceholderText("postgresql+psycopg://user@server:5432/qualitydesk")
        self.server_field = FieldWithError(self.server_url)
        self.use_server.toggled.connect(self.server_url.setEnabled)
        self.server_url.setEnabled(self.use_server.isChecked())
        choice = QHBoxLayout()
        choice.addWidget(self.use_file)
        choice.addWidget(self.use_server)
        choice.addStretch(1)
        note = hint_label(
            self.tr(
                "Takes effect at the next start. The password is never kept here: give it in "
                "the PGPASSWORD environment variable or a pgpass file."
            )
        )
        self.user_name = QLineEdit(self.prefs.user_name or "")
        self.user_name.setPlaceholderText(settings_service.system_login())
        self.user_name.setToolTip(
            self.tr("Written in the audit trail for everything done on this PC")
        )
        self.user_field = FieldWithError(self.user_name)
        self.form.addRow(self.tr("Database"), choice)
        self.form.addRow("", self.server_field)
        self.form.addRow("", note)
        self.form.addRow(self.tr("User name on this PC"), self.user_field)
        self.body.addStretch(1)

    def db_url(self) -> str | None:
        return self.server_url.text().strip() or None if self.use_server.isChecked() else None

    def validate(self) -> bool:
        """The database URL and the user name next to their fields; True when they are fine."""
        url = self.db_url() or ""
        messages: dict[str, str] = {}
        if self.use_server.isChecked() and not url:
            messages["db_url"] = self.tr("Enter the server's URL, or choose this PC's data file.")
        try:
            validate_this_pc(url, self.user_name.text())
        except ValidationError as error:
            messages = error.messages(current_language()) | messages
        self.server_field.set_error(messages.get("db_url", ""))
        self.user_field.set_error(messages.get("user_name", ""))
        return not messages

    def changed(self) -> bool:
        user = self.user_name.text().strip() or None
        return (self.db_url(), user) != (self.prefs.db_url, self.prefs.user_name)

    def save(self, user: str = "") -> None:
        prefs = Preferences.load()  # as it is now: the language may have changed meanwhile
        prefs.db_url = self.db_url()
        prefs.user_name = self.user_name.text().strip() or None
        prefs.save()
        self.prefs = prefs
