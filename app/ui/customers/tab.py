"""The customer-files tab: search, filters, the lazy list, and the actions on customers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.models import CUSTOMER_GRADES
from app.reports.files import write_atomically
from app.services import customer_service, settings_service
from app.services.customer_service import CustomerData, CustomerFilter
from app.services.validation import ValidationError
from app.ui.background import Progress
from app.ui.base_tab import BaseTab
from app.ui.customers.customer_dialog import CustomerDialog
from app.ui.customers.table_model import CustomerTableModel
from app.ui.exporting import ask_save_path, export_in_background
from app.ui.record_tabs import tab_title
from app.ui.signals import DataHub
from app.ui.widgets.list_loader import show_failure

SEARCH_DELAY_MS = 200


class CustomersTab(BaseTab):
    select_customer = BaseTab.select_record

    def __init__(self, engine: Engine, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.editors: dict[int | None, CustomerDialog] = {}
        self.last_export: Path | None = None
        self._build()
        self.hub.dataChanged.connect(self._on_data_changed)
        self.model.reload()
        self._update_count()

    @classmethod
    def title(cls) -> str:  # known before the tab is built (app/ui/record_tabs.py)
        return tab_title("customers")

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr("Search code, name, short name, contact, phone (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.type_filter = QComboBox(self)
        self.type_filter.addItem(self.tr("All types"), None)
        for value in customer_service.TYPE_LABELS:
            self.type_filter.addItem(customer_service.type_label(value), value)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("All statuses"), None)
        for value in customer_service.STATUS_LABELS:
            self.status_filter.addItem(customer_service.status_label(value), value)
        self.grade_filter = QComboBox(self)
        self.grade_filter.addItem(self.tr("All grades"), None)
        for grade in CUSTOMER_GRADES:
            self.grade_filter.addItem(self.tr("Grade {grade}").format(grade=grade), grade)
        self.count_label = QLabel(self)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        for combo in (self.type_filter, self.status_filter, self.grade_filter):
            combo.currentIndexChanged.connect(self.apply_filter)

        self.model = CustomerTableModel(self.engine, self)
        for loaded in (self.model.firstPageLoaded, self.model.loadFailed):
            loaded.connect(self._update_count)
        # a first page shown before its count: not the count of the list before
        self.model.pageShown.connect(lambda: self.count_label.setText("…"))
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.set_up_list_view(CustomerTableModel.COL_CODE, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (0, 90),
            (1, 240),
            (2, 90),
            (3, 80),
            (4, 70),
            (5, 50),
            (6, 80),
            (7, 130),
            (8, 80),
            (9, 100),
        ):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.view.doubleClicked.connect(
            lambda index: self.open_customer(self.model.id_at(index.row()))
        )
        enter = QShortcut(
            QKeySequence(Qt.Key.Key_Return), self.view, context=Qt.ShortcutContext.WidgetShortcut
        )
        enter.activated.connect(self.open_current)
        enter2 = QShortcut(
            QKeySequence(Qt.Key.Key_Enter), self.view, context=Qt.ShortcutContext.WidgetShortcut
        )
        enter2.activated.connect(self.open_current)

        self.new_button = QPushButton(self.tr("New (Ctrl+N)"), self)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.card_button = QPushButton(self.tr("Customer file PDF (Ctrl+P)…"), self)
        self.preview_button = QPushButton(self.tr("Preview and print…"), self)
        self.preview_button.setToolTip(
            self.tr("The customer files of every selected customer, to print together")
        )
        self.excel_button = QPushButton(self.tr("Export list to Excel…"), self)
        self.import_button = QPushButton(self.tr("Import from Excel…"), self)
        self.new_button.clicked.connect(self.new_customer)
        self.open_button.clicked.connect(self.open_current)
        self.delete_button.clicked.connect(self.delete_selected)
        self.card_button.clicked.connect(self.export_current_card)
        self.preview_button.clicked.connect(self.print_selected_cards)
        self.excel_button.clicked.connect(self.export_list)
        self.import_button.clicked.connect(self.import_customers)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.type_filter, 1)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.grade_filter, 1)
        actions = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.delete_button, self.preview_button,
                       self.card_button, self.excel_button, self.import_button):  # fmt: skip
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.view)

        for key, slot in (
            (QKeySequence.StandardKey.New, self.new_customer),
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence.StandardKey.Print, self.export_current_card),
        ):
            action = QAction(self)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.setTabOrder(self.search, self.type_filter)
        self.setTabOrder(self.type_filter, self.status_filter)
        self.setTabOrder(self.status_filter, self.grade_filter)
        self.setTabOrder(self.grade_filter, self.view)

    # ------------------------------------------------------------------ list

    def current_filter(self) -> CustomerFilter:
        return CustomerFilter(
            text=self.search.text(),
            type=self.type_filter.currentData(),
            status=self.status_filter.currentData(),
            grade=self.grade_filter.currentData(),
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self._update_count()

    def refresh(self) -> None:
        self.model.reload()
        self._update_count()

    def _update_count(self) -> None:
        if show_failure(self.count_label, self.model):
            return
        self.count_label.setText(self.tr("%Ln customer(s)", "", self.model.rowCount()))

    def _on_data_changed(self, family: str, record_id: int) -> None:
        if family != customer_service.ENTITY:
            return
        self.refresh_keeping_selection(record_id)

    # ------------------------------------------------------------------ forms

    def new_customer(self) -> CustomerDialog:
        return self._show_editor(None)

    def open_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.open_customer(self.model.id_at(index.row()))

    def open_customer(self, customer_id: int | None) -> CustomerDialog | None:
        if customer_id is None:
            return None
        return self._show_editor(customer_id)

    def _show_editor(self, customer_id: int | None) -> CustomerDialog:
        existing = self.editors.get(customer_id) if customer_id is not None else None
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        dialog = CustomerDialog(self.engine, self.hub, customer_id, self.export_card, self)
        key = customer_id if customer_id is not None else -id(dialog)
        self.editors[key] = dialog

        def forget() -> None:
            for k, v in list(self.editors.items()):
                if v is dialog:
                    del self.editors[k]

        def remember_saved(saved_id: int) -> None:
            forget()
            self.editors[saved_id] = dialog

        dialog.destroyed.connect(forget)
        dialog.saved.connect(remember_saved)
        dialog.show()
        return dialog

    def can_close(self) -> bool:
        for dialog in list(self.editors.values()):
            if not dialog.close():
                return False
        return True

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        rows = customer_service.rows_for_ids(self.engine, ids)
        names = "\n".join(f"{rows[i].code} {rows[i].name}" for i in ids[:10] if i in rows)
        if len(ids) > 10:
            names += "\n…"
        answer = QMessageBox.question(
            self,
            self.tr("Delete customers"),
            self.tr(
                "Delete %n customer file(s)? Every value is kept in the audit trail.", "", len(ids)
            )
            + "\n\n"
            + names,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        user = settings_service.current_user(self.engine)
        refused: list[str] = []
        for customer_id in ids:
            try:
                customer_service.delete_customer(self.engine, customer_id, user)
            except ValidationError as error:
                refused.extend(error.messages().values())
                continue
            editor = self.editors.pop(customer_id, None)
            if editor is not None:
                editor.dirty = False
                editor.close()
        self.hub.dataChanged.emit(customer_service.ENTITY, 0)
        if refused:
            QMessageBox.warning(self, self.tr("Delete customers"), "\n".join(refused))

    # ------------------------------------------------------------------ exports and import

    def export_current_card(self) -> None:
        ids = self.selected_ids()
        if not ids:
            QMessageBox.information(
                self, self.tr("Customer file PDF"), self.tr("Select a customer first.")
            )
            return
        customer = customer_service.get(self.engine, ids[0])
        if customer is not None:
            self.export_card(customer, self)

    def print_selected_cards(self):  # noqa: ANN201  (a BackgroundOp, or None)
        """The customer file of every selected customer in one preview, made off the GUI thread."""
        from app.ui.printing import nothing_selected, pdf_name, preview_batch

        ids = self.selected_ids()
        if not ids:
            nothing_selected(self, self.tr("Select a customer first."))
            return None
        engine, lang = self.engine, current_language()
        settings = settings_service.load(engine)

        def render_one(customer_id: int) -> bytes | None:
            from app.reports.pdf.customer_card_pdf import customer_card_pdf

            customer = customer_service.get(engine, customer_id)
            return customer and customer_card_pdf(customer, settings, lang)

        title = self.tr("Customer files ({count})").format(count=len(ids))
        self.last_print = preview_batch(self, title, pdf_name(title), ids, render_one)
        return self.last_print

    def export_card(self, customer: CustomerData, parent: QWidget) -> None:
        path = ask_save_path(
            parent,
            self.tr("Save customer file as PDF"),
            self.tr("Customer file {code}.pdf").format(code=customer.code),
            self.tr("PDF files (*.pdf)"),
        )
        if path is None:
            return
        settings = settings_service.load(self.engine)
        lang = current_language()

        def work(_progress: Progress) -> Path:
            # ReportLab and openpyxl load when an export asks for them, not at start-up
            from app.reports.pdf.customer_card_pdf import customer_card_pdf

            write_atomically(path, customer_card_pdf(customer, settings, lang))
            return path

        export_in_background(parent, self.tr("Writing the customer file…"), work, self._exported)

    def export_list(self) -> None:
        path = ask_save_path(
            self,
            self.tr("Save customer list as Excel"),
            self.tr("Customer list.xlsx"),
            self.tr("Excel workbooks (*.xlsx)"),
        )
        if path is None:
            return
        flt = self.current_filter()
        lang = current_language()
        engine = self.engine

        def work(progress: Progress) -> Path:
            from app.reports.excel.customer_list_xlsx import customer_list_xlsx

            customers = customer_service.iter_customers(engine, flt, progress=progress.report)
            years = customer_service.volume_years(engine, flt)
            customer_list_xlsx(customers, path, lang, None, progress.cancelled, years=years)
            return path

        export_in_background(self, self.tr("Writing the customer list…"), work, self._exported)

    def _exported(self, path: Path) -> None:
        self.last_export = path
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 10000)

    def import_customers(self) -> None:
        from app.ui.customers.import_dialog import ImportCustomersDialog

        dialog = ImportCustomersDialog(self.engine, self.hub, self)
        dialog.show()
