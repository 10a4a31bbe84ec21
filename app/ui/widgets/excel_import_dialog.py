"""Importing an old Excel register: file and sheet, column mapping, preview, row-by-row check.

The steps are the same for every record family; a subclass names its import service
(read_sheet, suggest_mapping, field_choices, field_label, missing_required, build_rows,
validate_rows, commit) and the few texts that differ.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import backup_service, settings_service
from app.services.customer_import import ImportFileError, ImportReport, SheetData
from app.ui.background import Progress, run_in_background
from app.ui.signals import DataHub
from app.ui.widgets.form import ErrorLabel

PREVIEW_ROWS = 50


class ExcelImportDialog(QDialog):
    importer: ModuleType  # the record family's import service
    entity: str  # announced on the hub after an import

    def __init__(self, engine: Engine, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.sheet: SheetData | None = None
        self.rows: list = []
        self.report: ImportReport | None = None
        self.imported = 0
        self.backup: backup_service.BackupInfo | None = None  # the one made before the import
        self.setWindowTitle(self.window_title())
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1000, 700)
        self._build()
        self._update_buttons()

    def _build(self) -> None:
        self.path = QLineEdit(self)
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.file_hint())
        self.browse = QPushButton(self.tr("Choose file…"), self)
        self.browse.clicked.connect(self.choose_file)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.currentTextChanged.connect(self._sheet_chosen)
        self.file_error = ErrorLabel(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("File")))
        top.addWidget(self.path, 1)
        top.addWidget(self.browse)
        top.addWidget(QLabel(self.tr("Sheet")))
        top.addWidget(self.sheet_combo)

        self.mapping = QTableWidget(0, 3, self)
        self.mapping.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("First value"), self.tr("Import as")]
        )
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping_error = ErrorLabel(self)
        mapping_box = QGroupBox(self.tr("Column mapping"))
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.addWidget(self.mapping)
        mapping_layout.addWidget(self.mapping_error)

        self.preview = QTableWidget(0, 0, self)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        preview_box = QGroupBox(self.tr("Preview (first rows)"))
        QVBoxLayout(preview_box).addWidget(self.preview)

        self.issues = QTableWidget(0, 3, self)
        self.issues.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Problem")]
        )
        self.issues.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.issues.verticalHeader().hide()  # the row column names the Excel row
        self.issues.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        report_box = QGroupBox(self.tr("Check result"))
        report_layout = QVBoxLayout(report_box)
        report_layout.addWidget(self.summary)
        report_layout.addWidget(self.issues)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        upper = QSplitter(Qt.Orientation.Horizontal, splitter)
        upper.addWidget(mapping_box)
        upper.addWidget(preview_box)
        splitter.addWidget(upper)
        splitter.addWidget(report_box)

        self.check_button = QPushButton(self.tr("Check"), self)
        self.import_all_button = QPushButton(self.tr("Import all"), self)
        self.import_valid_button = QPushButton(self.tr("Import only the valid rows…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.check_button.clicked.connect(self.check)
        self.import_all_button.clicked.connect(lambda: self.import_rows(only_valid=False))
        self.import_valid_button.clicked.connect(lambda: self.import_rows(only_valid=True))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.check_button,
            self.import_all_button,
            self.import_valid_button,
            self.close_button,
        ):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.file_error)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    # ------------------------------------------------------------------ what a family says

    def window_title(self) -> str:
        raise NotImplementedError

    def file_hint(self) -> str:
        raise NotImplementedError

    def choose_title(self) -> str:
        raise NotImplementedError

    def importing_text(self) -> str:
        raise NotImplementedError

    def imported_text(self, count: int) -> str:
        raise NotImplementedError

    def field_choices(self, suggested: dict[int, str]) -> list[str]:
        return self.importer.field_choices()

    def report_note(self) -> str:
        """An extra line under the check result; none by default."""
        return ""

    # ------------------------------------------------------------------ file and mapping

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.choose_title(), "", self.tr("Excel workbooks (*.xlsx)")
        )
        if path:
            self.load_file(path)

    def load_file(self, path: str | Path, sheet_name: str | None = None) -> bool:
        self.path.setText(str(path))
        try:
            self.sheet = self.importer.read_sheet(path, sheet_name)
        except ImportFileError as error:
            self.sheet = None
            self.file_error.show_message(error.message(current_language()))
            self._clear_tables()
            return False
        self.file_error.show_message("")
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(self.sheet.sheet_names)
        self.sheet_combo.setCurrentText(self.sheet.sheet_name)
        self.sheet_combo.blockSignals(False)
        self._fill_mapping()
        self._fill_preview()
        self.report = None
        self._show_report()
        return True

    def _sheet_chosen(self, name: str) -> None:
        if self.sheet is not None and name and name != self.sheet.sheet_name:
            self.load_file(self.path.text(), name)

    def _clear_tables(self) -> None:
        self.mapping.setRowCount(0)
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self.report = None
        self._show_report()

    def _fill_mapping(self) -> None:
        assert self.sheet is not None
        lang = current_language()
        suggested = self.importer.suggest_mapping(self.sheet.headers)
        choices = self.field_choices(suggested)
        self.mapping.setRowCount(len(self.sheet.headers))
        for column, header in enumerate(self.sheet.headers):
            first = next(
                (
                    str(r.values[column])
                    for r in self.sheet.rows
                    if column < len(r.values) and r.values[column] not in (None, "")
                ),
                "",
            )
            self.mapping.setItem(column, 0, QTableWidgetItem(header))
            self.mapping.setItem(column, 1, QTableWidgetItem(first))
            combo = QComboBox()
            combo.addItem(self.tr("(do not import)"), "")
            for name in choices:
                combo.addItem(self.importer.field_label(name, lang), name)
            combo.setCurrentIndex(max(0, combo.findData(suggested.get(column, ""))))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.mapping.setCellWidget(column, 2, combo)
        self._mapping_changed()

    def current_mapping(self) -> dict[int, str]:
        mapping = {}
        for column in range(self.mapping.rowCount()):
            combo = self.mapping.cellWidget(column, 2)
            if combo is not None and combo.currentData():
                mapping[column] = combo.currentData()
        return mapping

    def set_mapping(self, column: int, field_name: str) -> None:
        combo = self.mapping.cellWidget(column, 2)
        combo.setCurrentIndex(max(0, combo.findData(field_name)))

    def _mapping_changed(self, *_args: object) -> None:
        mapping = self.current_mapping()
        lang = current_language()
        problems = []
        missing = self.importer.missing_required(mapping)
        if missing:
            names = "、".join(self.importer.field_label(name, lang) for name in missing)
            problems.append(self.tr("Choose a column for: {fields}").format(fields=names))
        seen: dict[str, int] = {}
        for column, name in mapping.items():
            if name in seen:
                problems.append(
                    self.tr("“{field}” is chosen for two columns.").format(
                        field=self.importer.field_label(name, lang)
                    )
                )
            seen[name] = column
        self.mapping_error.show_message("\n".join(problems))
        self.report = None
        self._show_report()

    def _fill_preview(self) -> None:
        assert self.sheet is not None
        rows = self.sheet.rows[:PREVIEW_ROWS]
        self.preview.setColumnCount(len(self.sheet.headers))
        self.preview.setHorizontalHeaderLabels(self.sheet.headers)
        self.preview.setRowCount(len(rows))
        self.preview.setVerticalHeaderLabels([str(r.excel_row) for r in rows])
        for r, row in enumerate(rows):
            for c, value in enumerate(row.values[: len(self.sheet.headers)]):
                self.preview.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))

    # ------------------------------------------------------------------ check and import

    def check(self) -> bool:
        """Build and validate every row off the GUI thread; then show the row-by-row report."""
        if self.sheet is None or self.mapping_error.text():
            return False
        sheet, mapping, engine = self.sheet, self.current_mapping(), self.engine
        importer = self.importer

        def work(_progress: Progress) -> tuple[list, ImportReport]:
            rows = importer.build_rows(sheet, mapping)
            return rows, importer.validate_rows(engine, rows, sheet)

        def done(result: tuple[list, ImportReport]) -> None:
            self.rows, self.report = result
            self._show_report()

        def failed(error: BaseException) -> None:
            self.summary.setText(str(error))

        self.check_button.setEnabled(False)
        run_in_background(self, work, done, failed, self.tr("Checking the rows…"))
        return True

    def _show_report(self) -> None:
        lang = current_language()
        report = self.report
        if report is None:
            self.summary.setText(self.tr("Press “Check” to see which rows can be imported."))
            self.issues.setRowCount(0)
        else:
            note = self.report_note()
            self.summary.setText(report.summary(lang) + (f"\n{note}" if note else ""))
            self.issues.setRowCount(len(report.issues))
            for r, issue in enumerate(report.issues):
                column = f"{issue.column} {issue.header}".strip() or self.importer.field_label(
                    issue.field, lang
                )
                for c, text in enumerate((str(issue.excel_row), column, issue.message(lang))):
                    self.issues.setItem(r, c, QTableWidgetItem(text))
            self.issues.resizeColumnToContents(0)
            self.issues.resizeColumnToContents(1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        report = self.report
        mapping_ok = self.sheet is not None and not self.mapping_error.text()
        self.check_button.setEnabled(mapping_ok)
        self.import_all_button.setEnabled(bool(report and report.total and report.invalid == 0))
        self.import_valid_button.setEnabled(bool(report and report.valid and report.invalid))

    def import_rows(self, only_valid: bool) -> None:
        if self.report is None:
            return
        if only_valid:
            answer = QMessageBox.question(
                self,
                self.tr("Import only the valid rows"),
                self.tr(
                    "{valid} valid row(s) will be imported; {invalid} row(s) with errors will be left out. Continue?"
                ).format(valid=self.report.valid, invalid=self.report.invalid),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        rows, engine = self.rows, self.engine
        user = settings_service.current_user(engine)
        total = self.report.valid
        importer = self.importer

        def work(progress: Progress) -> tuple[int, backup_service.BackupInfo | None]:
            # a verified backup right before anything is written; no backup, no import
            backup = backup_service.backup_before(engine, "import")
            count = importer.commit(
                engine, rows, only_valid, user, lambda n: progress.report(n, total)
            )
            return count, backup

        def done(result: tuple[int, backup_service.BackupInfo | None]) -> None:
            count, self.backup = result
            self.imported = count
            text = self.imported_text(count)
            if self.backup is not None:
                text += "\n" + self.tr("The data as they were before the import: {path}").format(
                    path=self.backup.path
                )
            self.summary.setText(text)
            self.import_all_button.setEnabled(False)
            self.import_valid_button.setEnabled(False)
            self.hub.dataChanged.emit(self.entity, 0)

        def failed(error: BaseException) -> None:
            message = error.message(current_language()) if hasattr(error, "message") else str(error)
            text = self.tr("Nothing was imported: {reason}").format(reason=message)
            self.summary.setText(text)
            # the check below replaces the summary; the reason must not vanish with it
            QMessageBox.warning(self, self.window_title(), text)
            self.check()

        run_in_background(self, work, done, failed, self.importing_text())
