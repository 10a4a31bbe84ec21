"""The customer file form: every field of the 顾客档案, contacts, products, volumes and history."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields as dataclass_fields

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.models import CUSTOMER_GRADES
from app.services import customer_service, settings_service, storage_errors
from app.services.conflicts import RecordConflict
from app.services.customer_service import ContactData, CustomerData, ProductData, VolumeData
from app.services.parsing import parse_number_text
from app.services.validation import FieldError, ValidationError
from app.ui.signals import DataHub
from app.ui.widgets import record_conflict
from app.ui.widgets.date_field import DateField
from app.ui.widgets.editing_banner import EditingBanner
from app.ui.widgets.form import ErrorLabel, FieldWithError
from app.ui.widgets.history_table import HistoryTable
from app.ui.widgets.storage import storage_problem

_CHILD_PATH = re.compile(r"^(contacts|products|volumes)\[(\d+)\]\.(\w+)$")
_VOLUME_PATH = re.compile(r"^volumes\[(\d{4})\]$")  # the audit trail keys a volume by its year
_INVALID_BRUSH = QBrush(QColor("#f8d7da"))


class ChildTable(QWidget):
    """An editable table of child rows (contacts, products, volumes) with add/remove and errors."""

    changed = Signal()

    def __init__(self, columns: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys = [key for key, _ in columns]
        self.titles = [title for _, title in columns]
        self.table = QTableWidget(0, len(columns), self)
        self.table.setHorizontalHeaderLabels([title for _, title in columns])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = QPushButton(self.tr("Add row"), self)
        self.remove_button = QPushButton(self.tr("Remove row"), self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = ErrorLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def add_row(self, values: dict[str, str] | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, key in enumerate(self.keys):
            self.table.setItem(row, column, QTableWidgetItem((values or {}).get(key, "")))
        if values is None:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))
            self.changed.emit()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def set_rows(self, rows: list[dict[str, str]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for values in rows:
            self.add_row(values)
        self.table.blockSignals(False)

    def rows(self) -> list[dict[str, str]]:
        """Row texts, empty rows left out; each row keeps its table row number under '_row'."""
        result = []
        for row in range(self.table.rowCount()):
            values = {key: (self.table.item(row, c).text() if self.table.item(row, c) else "").strip()
                      for c, key in enumerate(self.keys)}  # fmt: skip
            if any(values.values()):
                values["_row"] = str(row)
                result.append(values)
        return result

    def show_errors(self, errors: dict[tuple[int, str], str]) -> None:
        """errors: (table row, column key) -> message; marks the cells and lists the messages."""
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            for column, key in enumerate(self.keys):
                item = self.table.item(row, column)
                if item is None:
                    continue
                message = errors.get((row, key), "")
                item.setBackground(_INVALID_BRUSH if message else QBrush())
                item.setToolTip(message)
        self.table.blockSignals(False)
        headers = {
            key: self.table.horizontalHeaderItem(c).text() for c, key in enumerate(self.keys)
        }
        lines = [
            self.tr("Row {row}, {column}: {message}").format(
                row=row + 1, column=headers[key], message=message
            )
            for (row, key), message in sorted(errors.items())
        ]
        self.error.show_message("\n".join(lines))


class CustomerDialog(QDialog):
    """Create or edit one customer; keeps what was typed when the input is refused."""

    saved = Signal(int)

    def __init__(
        self,
        engine: Engine,
        hub: DataHub,
        customer_id: int | None = None,
        export_card: Callable[[CustomerData, QWidget], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self._export_card = export_card
        self.customer: CustomerData | None = (
            customer_service.get(engine, customer_id) if customer_id else None
        )
        self.dirty = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(860, 640)
        self._build()
        self._load(self.customer or CustomerData())
        self._update_title()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.fields: dict[str, FieldWithError] = {}
        self.field_labels: dict[str, str] = {}  # field -> the label the form shows

        self.code = QLineEdit()
        self.code.setMaxLength(32)
        self.name = QLineEdit()
        self.short_name = QLineEdit()
        self.type = QComboBox()
        for value in customer_service.TYPE_LABELS:
            self.type.addItem(customer_service.type_label(value), value)
        self.status = QComboBox()
        for value in customer_service.STATUS_LABELS:
            self.status.addItem(customer_service.status_label(value), value)
        self.grade = QComboBox()
        self.grade.addItem(self.tr("(none)"), "")
        for grade in CUSTOMER_GRADES:
            self.grade.addItem(grade, grade)
        self.potential = QCheckBox(self.tr("Potential customer (surveyed although small)"))
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.fax = QLineEdit()
        self.email = QLineEdit()
        self.sales_rep = QLineEdit()
        self.cooperation_since = DateField()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)

        basic = QWidget()
        grid = QGridLayout(basic)
        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add(left, "code", self.tr("Code *"), self.code)
        self._add(left, "name", self.tr("Name *"), self.name)
        self._add(left, "short_name", self.tr("Short name"), self.short_name)
        self._add(left, "type", self.tr("Type"), self.type)
        self._add(left, "status", self.tr("Status"), self.status)
        self._add(left, "grade", self.tr("Grade"), self.grade)
        self._add(left, "cooperation_since", self.tr("Customer since"), self.cooperation_since)
        self._add(right, "address", self.tr("Address"), self.address)
        self._add(right, "phone", self.tr("Phone"), self.phone)
        self._add(right, "fax", self.tr("Fax"), self.fax)
        self._add(right, "email", self.tr("E-mail"), self.email)
        self._add(right, "sales_rep", self.tr("Sales rep"), self.sales_rep)
        self._add(right, "potential", "", self.potential)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        notes_form = QFormLayout()
        self._add(notes_form, "notes", self.tr("Notes"), self.notes)
        grid.addLayout(notes_form, 1, 0, 1, 2)
        grid.setRowStretch(2, 1)
        self.tabs.addTab(basic, self.tr("Basic data"))

        self.contacts = ChildTable(
            [
                ("name", self.tr("Name")),
                ("department", self.tr("Department")),
                ("title", self.tr("Title")),
                ("phone", self.tr("Phone")),
                ("email", self.tr("E-mail")),
            ]
        )
        self.tabs.addTab(self.contacts, self.tr("Contacts"))
        self.products = ChildTable(
            [
                ("model", self.tr("Model")),
                ("spec", self.tr("Specification")),
                ("notes", self.tr("Notes")),
            ]
        )
        self.tabs.addTab(self.products, self.tr("Products bought"))
        self.volumes = ChildTable(
            [("year", self.tr("Year")), ("amount_wan", self.tr("Purchase volume (10k CNY)"))]
        )
        self.tabs.addTab(self.volumes, self.tr("Annual volume"))

        self.history = HistoryTable()
        self.tabs.addTab(self.history, self.tr("History"))

        self.message = QLabel(self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setDefault(True)
        self.card_button = QPushButton(self.tr("Customer file PDF…"), self)
        self.preview_button = QPushButton(self.tr("Preview and print…"), self)
        self.preview_button.setToolTip(self.tr("The customer file shown here, to print or save"))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.save_button.clicked.connect(self.save)
        self.card_button.clicked.connect(self.export_card)
        self.preview_button.clicked.connect(self.preview_card)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.card_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        self.editing = EditingBanner(
            self.engine, customer_service.ENTITY, settings_service.current_user(self.engine), self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.editing)
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)

        save_action = QAction(self)
        save_action.setShortcut(QKeySequence.StandardKey.Save)
        save_action.triggered.connect(self.save)
        print_action = QAction(self)
        print_action.setShortcut(QKeySequence.StandardKey.Print)
        print_action.triggered.connect(self.export_card)
        self.addActions([save_action, print_action])

        for editor in (self.code, self.name, self.short_name, self.address, self.phone, self.fax,
                       self.email, self.sales_rep):  # fmt: skip
            editor.textEdited.connect(self._mark_dirty)
        for combo in (self.type, self.status, self.grade):
            combo.currentIndexChanged.connect(self._mark_dirty)
        self.potential.toggled.connect(self._mark_dirty)
        self.cooperation_since.textEdited.connect(self._mark_dirty)
        self.notes.textChanged.connect(self._mark_dirty)
        for table in (self.contacts, self.products, self.volumes):
            table.changed.connect(self._mark_dirty)

    def _add(self, form: QFormLayout, key: str, label: str, editor: QWidget) -> None:
        wrapped = FieldWithError(editor)
        self.fields[key] = wrapped
        self.field_labels[key] = label.rstrip(" *")
        form.addRow(label, wrapped)

    def field_text(self, path: str) -> str:
        """The form's label for a field path of the audit trail: the field's label, or the
        table's and column's for a contact, product or volume (contacts[2].phone)."""
        if self.field_labels.get(path):
            return self.field_labels[path]
        if path == "potential":  # its check box carries the text, the form no label
            return self.tr("Potential customer")
        if match := _VOLUME_PATH.match(path):
            return self.tr("Purchase volume {year} (10k CNY)").format(year=match.group(1))
        if match := _CHILD_PATH.match(path):
            table, number, key = match.groups()
            child = {"contacts": (self.contacts, self.tr("Contact {n} · {field}")),
                     "products": (self.products, self.tr("Product {n} · {field}"))}.get(table)  # fmt: skip
            if child is not None:
                titles = dict(zip(child[0].keys, child[0].titles, strict=True))
                return child[1].format(n=number, field=titles.get(key, key))
        return path

    def value_text(self, path: str, value: str | None) -> str:
        """A stored value as the form shows it: the type's, status's name; yes or no."""
        if value is None:
            return ""
        combo = {"type": self.type, "status": self.status}.get(path)
        if combo is not None and (index := combo.findData(value)) >= 0:
            return combo.itemText(index)
        if path == "potential" and value in ("true", "false"):
            return self.tr("Yes") if value == "true" else self.tr("No")
        return value

    # ------------------------------------------------------------------ data in and out

    def _load(self, data: CustomerData) -> None:
        self._loading = True
        self.editing.watch(data.uuid)
        self.code.setText(data.code)
        self.name.setText(data.name)
        self.short_name.setText(data.short_name)
        self.type.setCurrentIndex(max(0, self.type.findData(data.type)))
        self.status.setCurrentIndex(max(0, self.status.findData(data.status)))
        self.grade.setCurrentIndex(max(0, self.grade.findData(data.grade)))
        self.potential.setChecked(data.potential)
        self.address.setText(data.address)
        self.phone.setText(data.phone)
        self.fax.setText(data.fax)
        self.email.setText(data.email)
        self.sales_rep.setText(data.sales_rep)
        self.cooperation_since.set_date(data.cooperation_since)
        self.notes.setPlainText(data.notes)
        self.contacts.set_rows(
            [{f.name: getattr(c, f.name) for f in dataclass_fields(c)} for c in data.contacts]
        )
        self.products.set_rows(
            [{f.name: getattr(p, f.name) for f in dataclass_fields(p)} for p in data.products]
        )
        self.volumes.set_rows(
            [{"year": str(v.year), "amount_wan": f"{v.amount_wan:.2f}"} for v in data.volumes]
        )
        self._load_history()
        self.card_button.setEnabled(data.id is not None)
        self.preview_button.setEnabled(data.id is not None)
        self._loading = False
        self.dirty = False

    def _load_history(self) -> None:
        rows = customer_service.history(self.engine, self.customer) if self.customer else []
        self.history.show_rows(rows, self.field_text, self.value_text)

    def collect(self) -> tuple[CustomerData, dict[str, FieldError], dict[str, int]]:
        """The form as data, typing errors found while reading it, and child row -> table row."""
        errors: dict[str, FieldError] = {}
        data = CustomerData(
            code=self.code.text(),
            name=self.name.text(),
            short_name=self.short_name.text(),
            type=self.type.currentData(),
            status=self.status.currentData(),
            grade=self.grade.currentData(),
            potential=self.potential.isChecked(),
            address=self.address.text(),
            phone=self.phone.text(),
            fax=self.fax.text(),
            email=self.email.text(),
            sales_rep=self.sales_rep.text(),
            notes=self.notes.toPlainText(),
        )
        if self.customer:
            data.id, data.uuid = self.customer.id, self.customer.uuid
        try:
            data.cooperation_since = self.cooperation_since.date()
        except ValueError:
            errors["cooperation_since"] = FieldError("date_shape")
        table_rows: dict[str, int] = {}
        for i, row in enumerate(self.contacts.rows()):
            table_rows[f"contacts[{i}]"] = int(row.pop("_row"))
            data.contacts.append(ContactData(**row))
        for i, row in enumerate(self.products.rows()):
            table_rows[f"products[{i}]"] = int(row.pop("_row"))
            data.products.append(ProductData(**row))
        for i, row in enumerate(self.volumes.rows()):
            table_rows[f"volumes[{i}]"] = int(row.pop("_row"))
            volume = VolumeData()
            try:
                volume.year = int(row["year"])
            except ValueError:
                errors[f"volumes[{i}].year"] = FieldError("number_shape")
            try:
                volume.amount_wan = parse_number_text(row["amount_wan"]) or 0.0
            except ValueError:
                errors[f"volumes[{i}].amount_wan"] = FieldError("number_shape")
            data.volumes.append(volume)
        return data, errors, table_rows

    # ------------------------------------------------------------------ actions

    def save(self) -> bool:
        data, typing_errors, table_rows = self.collect()
        if self.customer is not None:  # the version the form shows: a later save is refused
            data.version, data.updated_at = self.customer.version, self.customer.updated_at
        user = settings_service.current_user(self.engine)
        try:
            if typing_errors:  # what could not be read, plus every other rule, in one go
                try:
                    customer_service.check(self.engine, data)
                except ValidationError as error:
                    raise ValidationError({**error.errors, **typing_errors}) from None
                raise ValidationError(typing_errors)
            if data.id is None:
                stored = customer_service.create(self.engine, data, user)
            else:
                stored = customer_service.update(self.engine, data, user)
        except ValidationError as error:
            self.show_errors(error.errors, table_rows)
            self.message.setText(self.tr("Not saved: please correct the marked fields."))
            self.message.setStyleSheet("color: #c0392b;")
            return False
        except RecordConflict as conflict:
            return self._resolve_conflict(conflict)
        except storage_errors.STORAGE_ERRORS as error:
            self.message.setText(storage_problem(error))
            self.message.setStyleSheet("color: #c0392b;")
            return False
        self.customer = stored
        self._load(stored)
        self.show_errors({}, {})
        self.message.setText(self.tr("Saved."))
        self.message.setStyleSheet("color: #1e7e34;")
        self._update_title()
        self.hub.dataChanged.emit(customer_service.ENTITY, stored.id or 0)
        self.saved.emit(stored.id or 0)
        return True

    def _resolve_conflict(self, conflict: RecordConflict) -> bool:
        """Someone saved the customer while it was open here: say who, when and what, then
        save the typed values over theirs, show theirs, or leave the form as it is."""
        choice = record_conflict.ask(self, conflict, self.field_text)
        stored = customer_service.get(self.engine, conflict.record_id)
        self.message.setStyleSheet("color: #c0392b;")
        if stored is None or choice is None:
            self.message.setText(
                self.tr(
                    "Not saved: {user} saved this customer meanwhile. Your entries are still in the form."
                ).format(user=conflict.user or "?")  # fmt: skip
            )
            return False
        self.customer = stored
        if choice == record_conflict.DISCARD:
            self._load(stored)
            self.show_errors({}, {})
            self._update_title()
            self.message.setText(
                self.tr("Showing the customer as {user} saved it.").format(user=conflict.user)
            )
            return False
        return self.save()  # the typed values, on top of the version now stored

    def show_errors(self, errors: dict[str, FieldError], table_rows: dict[str, int]) -> None:
        lang = current_language()
        first_tab: int | None = None
        for key, wrapped in self.fields.items():
            error = errors.get(key)
            wrapped.set_error(error.message(lang) if error else "")
            if error and first_tab is None:
                first_tab = 0
                wrapped.setFocus()
        per_table: dict[str, dict[tuple[int, str], str]] = {
            "contacts": {},
            "products": {},
            "volumes": {},
        }
        for path, error in errors.items():
            match = _CHILD_PATH.match(path)
            if match:
                family, index, key = match.group(1), int(match.group(2)), match.group(3)
                row = table_rows.get(f"{family}[{index}]", index)
                per_table[family][(row, key)] = error.message(lang)
        for family, table in (
            ("contacts", self.contacts),
            ("products", self.products),
            ("volumes", self.volumes),
        ):
            table.show_errors(per_table[family])
            if per_table[family] and first_tab is None:
                first_tab = self.tabs.indexOf(table)
        if first_tab is not None:
            self.tabs.setCurrentIndex(first_tab)

    def export_card(self) -> None:
        if self.customer is None or self._export_card is None:
            return
        if self.dirty and not self._ask_save_first():
            return
        self._export_card(self.customer, self)

    def preview_card(self):  # noqa: ANN201  (a BackgroundOp, or None)
        """The customer file 顾客档案 in the preview, to print for signature or save."""
        if self.customer is None:
            return None
        if self.dirty and not self._ask_save_first():
            return None
        from app.ui.printing import pdf_name, preview_pdf

        customer = self.customer
        settings = settings_service.load(self.engine)
        lang = current_language()

        def render() -> bytes:
            from app.reports.pdf.customer_card_pdf import customer_card_pdf

            return customer_card_pdf(customer, settings, lang)

        title = self.tr("Customer file {code}").format(code=customer.code)
        self.last_preview = preview_pdf(self, title, pdf_name(title), render)
        return self.last_preview

    def _ask_save_first(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The form has unsaved changes. Save them before printing?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save and self.save()

    def _mark_dirty(self, *_args: object) -> None:
        if not getattr(self, "_loading", False):
            self.dirty = True
            self._update_title()

    def _update_title(self) -> None:
        if self.customer:
            title = self.tr("Customer {code} {name}").format(
                code=self.customer.code, name=self.customer.name
            )
        else:
            title = self.tr("New customer")
        self.setWindowTitle(title + (" *" if self.dirty else ""))

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        if self.dirty:
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved changes"),
                self.tr("This customer file has unsaved changes. Save them?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel or (
                answer == QMessageBox.StandardButton.Save and not self.save()
            ):
                event.ignore()
                return
        self.editing.stop()
        event.accept()

    def reject(self) -> None:  # Esc goes through the same unsaved-changes check
        self.close()
