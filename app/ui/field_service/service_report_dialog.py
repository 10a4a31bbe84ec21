"""The field service report 现场服务报告 (Q/JL081304-C): customer and site, times on site, the work,
the parts replaced, the result and the customer's opinion, costs, photos, history, print."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import attachment_service, audit_service, field_service
from app.services.complaint_data import STATUS_LABELS, label
from app.services.field_data import (
    PART_CHARGE_LABELS,
    RATING_LABELS,
    SERVICE_RESULT_LABELS,
    AttachmentData,
    LinkedComplaintRef,
    PartData,
    ServiceReportData,
)
from app.services.parsing import parse_number_text
from app.services.validation import FieldError
from app.ui.background import BackgroundOp
from app.ui.field_service import forms
from app.ui.field_service.record_dialog import FieldRecordDialog
from app.ui.returns.fields import FieldSet
from app.ui.returns.table_model import quantity_text
from app.ui.signals import DataHub
from app.ui.widgets import attachment_files
from app.ui.widgets.attachment_strip import AttachmentStrip
from app.ui.widgets.customer_picker import CustomerPicker
from app.ui.widgets.date_field import DateField
from app.ui.widgets.datetime_field import DateTimeField
from app.ui.widgets.form import FieldWithError
from app.ui.widgets.history_table import HistoryTable
from app.ui.widgets.row_table import Column, RowTable

PAGE_REPORT, PAGE_RESULT, PAGE_PHOTOS, PAGE_HISTORY = range(4)
PART_PATH = re.compile(r"^parts\[(\d+)\]\.(\w+)$")
RESULT_KEYS = ("result", "customer_rating", "customer_opinion", "customer_signatory",
               "travel_cost", "labour_cost", "notes")  # fmt: skip
RED = "#c0392b"


def _caption(text: str) -> QLabel:
    caption = QLabel(text)
    caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    caption.setContentsMargins(0, 4, 0, 0)
    return caption


def _plain(height: int, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    edit.setPlaceholderText(placeholder)
    return edit


class ServiceReportForm(QTabWidget):
    changed = Signal()

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.fields = FieldSet(self)
        self.dirty = False
        self._loading = False
        self._prefilled_site = ""
        self._build_report()
        self._build_result()
        self.photos = AttachmentStrip()
        self.addTab(self.photos, self.tr("Photos"))
        self.history = HistoryTable()
        self.addTab(self.history, self.tr("History"))
        for signal in (self.fields.changed, self.parts.changed, self.complaint.currentIndexChanged,
                       self.customer.textEdited, self.arrived_at.line.textChanged,
                       self.departed_at.line.textChanged):  # fmt: skip
            signal.connect(self._mark_dirty)
        for field in (self.arrived_at, self.departed_at):
            field.line.textChanged.connect(self._update_hours)
        self.customer.customerChanged.connect(self._customer_changed)
        self.customer.editingFinished.connect(self._customer_finished)

    # ------------------------------------------------------------------ building

    def _build_report(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 4)
        box = QGroupBox(self.tr("Customer and visit"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        self.customer = CustomerPicker(self.engine)
        self.customer_field = FieldWithError(self.customer)
        self.complaint = QComboBox()
        self.complaint.setMinimumContentsLength(18)
        self.complaint.setToolTip(self.tr("A complaint ticket of this customer (optional)"))
        self.complaint_field = FieldWithError(self.complaint)
        self.site_address = QLineEdit()
        self.site_address.setPlaceholderText(
            self.tr("From the customer file; change if the site differs")
        )
        self.requested_on = DateField()
        self.engineers = _plain(44, self.tr("One name per line, or separated by commas"))
        self.arrived_at = DateTimeField()
        self.departed_at = DateTimeField()
        self.arrived_field = FieldWithError(self.arrived_at)
        self.departed_field = FieldWithError(self.departed_at)
        self.hours = QLabel()
        self.hours.setStyleSheet("color: #6c757d;")
        self.product_model = QLineEdit()
        self.serial_no = QLineEdit()
        self.field_labels = {
            "customer_id": self.tr("Customer"), "complaint_id": self.tr("Linked complaint"),
            "arrived_at": self.tr("Arrival"), "departed_at": self.tr("Departure"),
        }  # fmt: skip
        placed = {
            "customer_id": self.customer_field, "complaint_id": self.complaint_field,
            "arrived_at": self.arrived_field, "departed_at": self.departed_field,
        }  # fmt: skip
        for row, column, key, text, editor, kind, span in (
            (0, 0, "customer_id", self.tr("Customer *"), None, "", 1),
            (0, 2, "complaint_id", self.tr("Linked complaint"), None, "", 1),
            (1, 0, "site_address", self.tr("Site address"), self.site_address, "text", 3),
            (2, 0, "requested_on", self.tr("Requested on"), self.requested_on, "date", 1),
            (2, 2, "engineers", self.tr("Engineers *"), self.engineers, "plain", 1),
            (3, 0, "arrived_at", self.tr("Arrival *"), None, "", 1),
            (3, 2, "departed_at", self.tr("Departure"), None, "", 1),
            (4, 0, "product_model", self.tr("Product"), self.product_model, "text", 1),
            (4, 2, "serial_no", self.tr("Serial / batch no."), self.serial_no, "text", 1),
        ):  # fmt: skip
            wrapped = placed[key] if editor is None else self.fields.add(key, text, editor, kind)
            grid.addWidget(_caption(text), row, column)
            grid.addWidget(wrapped, row, column + 1, 1, span)
        grid.addWidget(self.hours, 5, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout.addWidget(box)

        work = QGroupBox(self.tr("Work on site"))
        work_grid = QGridLayout(work)
        work_grid.setVerticalSpacing(3)
        self.problem_found = _plain(56)
        self.work_done = _plain(56)
        for row, key, text, editor in (
            (0, "problem_found", self.tr("Problem found"), self.problem_found),
            (1, "work_done", self.tr("Work done"), self.work_done),
        ):
            work_grid.addWidget(_caption(text), row, 0)
            work_grid.addWidget(self.fields.add(key, text, editor, "plain"), row, 1)
        work_grid.setColumnStretch(1, 1)
        layout.addWidget(work)

        parts_box = QGroupBox(self.tr("Parts replaced"))
        charge = tuple((key, label(PART_CHARGE_LABELS, value)) for key, value in
                       (("warranty", False), ("charged", True)))  # fmt: skip
        self.parts = RowTable(
            [
                Column("part_no", self.tr("Part no."), width=140),
                Column("name", self.tr("Name")),
                Column("quantity", self.tr("Quantity *"), "number", width=80),
                Column("charged", self.tr("Charged / warranty"), "choice", charge, 120),
            ],
            self.tr("Add part"),
        )
        self.parts.table.setMinimumHeight(110)
        self.parts.add_button.clicked.disconnect()
        self.parts.add_button.clicked.connect(self.add_part)
        QVBoxLayout(parts_box).addWidget(self.parts)
        layout.addWidget(parts_box, 1)
        # the longest page: on a small screen at 150 % it scrolls rather than making the window
        # taller than the screen
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
        self.addTab(scroll, self.tr("Report"))

    def _build_result(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 4)
        box = QGroupBox(self.tr("Result and the customer's opinion"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        self.result = QComboBox()
        for value in SERVICE_RESULT_LABELS:
            self.result.addItem(label(SERVICE_RESULT_LABELS, value), value)
        self.customer_rating = QComboBox()
        self.customer_rating.addItem(self.tr("(not rated)"), "")
        for value in RATING_LABELS:
            self.customer_rating.addItem(f"{value} · {label(RATING_LABELS, value)}", value)
        self.customer_opinion = _plain(70)
        self.customer_signatory = QLineEdit()
        self.customer_signatory.setPlaceholderText(
            self.tr("Name of the customer's person who signs")
        )
        self.travel_cost = QLineEdit()
        self.labour_cost = QLineEdit()
        for edit in (self.travel_cost, self.labour_cost):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setPlaceholderText("0")
        self.notes = _plain(56)
        for row, column, key, text, editor, kind, span in (
            (0, 0, "result", self.tr("Result *"), self.result, "choice", 1),
            (0, 2, "customer_rating", self.tr("Customer rating"), self.customer_rating, "choice", 1),
            (1, 0, "customer_opinion", self.tr("Customer opinion"), self.customer_opinion, "plain", 3),
            (2, 0, "customer_signatory", self.tr("Customer signatory"), self.customer_signatory, "text", 1),
            (3, 0, "travel_cost", self.tr("Travel cost"), self.travel_cost, "number", 1),
            (3, 2, "labour_cost", self.tr("Labour cost"), self.labour_cost, "number", 1),
            (4, 0, "notes", self.tr("Notes"), self.notes, "plain", 3),
        ):  # fmt: skip
            grid.addWidget(_caption(text), row, column)
            grid.addWidget(self.fields.add(key, text, editor, kind), row, column + 1, 1, span)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout.addWidget(box)
        layout.addStretch(1)
        self.addTab(page, self.tr("Result and costs"))

    # ------------------------------------------------------------------ data in

    def load(self, data: ServiceReportData) -> None:
        self._loading = True
        self.customer.set_customer(data.customer_id, f"{data.customer_code}  {data.customer_name}")
        self._prefilled_site = data.site_address if data.id is None else ""
        self.fill_complaints(data.complaint_id, data.complaint)
        self.fields.load(data)
        if data.travel_cost == 0:
            self.travel_cost.setText("")
        if data.labour_cost == 0:
            self.labour_cost.setText("")
        self.arrived_at.set_value(data.arrived_at)
        self.departed_at.set_value(data.departed_at)
        self.parts.set_rows(
            [
                {
                    "part_no": p.part_no,
                    "name": p.name,
                    "quantity": quantity_text(p.quantity),
                    "charged": "charged" if p.charged else "warranty",
                }
                for p in data.parts
            ],  # fmt: skip
            list(data.parts),
        )
        self._update_hours()
        self.show_errors({}, {})
        self._loading = False
        self.dirty = False

    def fill_complaints(self, chosen: int | None, linked: LinkedComplaintRef | None = None) -> None:
        loading, self._loading = self._loading, True
        self.complaint.clear()
        self.complaint.addItem(self.tr("(none)"), None)
        choices = (
            field_service.complaint_choices(self.engine, self.customer.customer_id)
            if self.customer.customer_id
            else []
        )
        if linked is not None and all(c.id != linked.id for c in choices):
            choices.insert(0, linked)
        for c in choices:
            summary = c.description.replace("\n", " ")
            text = f"{c.number} · {label(STATUS_LABELS, c.status)}"
            self.complaint.addItem(f"{text} · {summary[:24]}" if summary else text, c.id)
            self.complaint.setItemData(
                self.complaint.count() - 1, c.description, Qt.ItemDataRole.ToolTipRole
            )
        self.complaint.setCurrentIndex(max(self.complaint.findData(chosen), 0))
        self._loading = loading

    def load_history(self, rows: list[audit_service.AuditRow]) -> None:
        self.history.show_rows(rows, self.history_field, self.history_value)

    def history_field(self, name: str) -> str:
        if name in self.field_labels:
            return self.field_labels[name]
        if name in self.fields.labels:
            return self.fields.labels[name]
        if match := PART_PATH.match(name):
            titles = {c.key: c.title.rstrip(" *") for c in self.parts.columns}
            return self.tr("Part {n} · {field}").format(
                n=match.group(1), field=titles.get(match.group(2), match.group(2))
            )
        return {
            "number": self.tr("Number"), "attachments": self.tr("Photos"),
            "delete_reason": self.tr("Reason"),
        }.get(name.split("[")[0], name)  # fmt: skip

    def history_value(self, name: str, value: str | None) -> str:
        if value is None:
            return ""
        if name == "customer_id" and value.isdigit():
            return self.customer.display(int(value)) or value
        if name == "result" and value in SERVICE_RESULT_LABELS:
            return label(SERVICE_RESULT_LABELS, value)
        if name.endswith(".charged") and value in ("true", "false"):
            return label(PART_CHARGE_LABELS, value == "true")
        return value

    # ------------------------------------------------------------------ data out

    def collect(
        self, base: ServiceReportData | None
    ) -> tuple[ServiceReportData, dict[str, str], dict[int, int]]:
        """The form as data, messages for what could not be read, and parts index -> table row."""
        errors: dict[str, str] = {}
        lang = current_language()
        data = ServiceReportData()
        if base is not None:
            for name in ("id", "uuid", "number", "prefix", "origin", "complaint", "attachments",
                         "customer_code", "customer_name"):  # fmt: skip
                setattr(data, name, getattr(base, name))
        data.customer_id = self.customer.customer_id
        if self.customer.problem:
            errors["customer_id"] = self.customer.problem
        data.complaint_id = self.complaint.currentData()
        self.fields.read(self.fields.raw(), data, errors)
        data.customer_rating = data.customer_rating or None  # type: ignore[assignment]
        data.result = data.result or "solved"
        for key, field in (("arrived_at", self.arrived_at), ("departed_at", self.departed_at)):
            try:
                setattr(data, key, field.value())
            except ValueError:
                errors[key] = self.tr("Not a date and time (e.g. 2026-03-15 09:30).")
        data.parts, rows = self._collect_parts(errors, lang)
        return data, errors, rows

    def _collect_parts(
        self, errors: dict[str, str], lang: str
    ) -> tuple[list[PartData], dict[int, int]]:
        parts: list[PartData] = []
        rows: dict[int, int] = {}
        for row in self.parts.rows():
            stored = self.parts.row_data(int(row["_row"]))
            stored = stored if isinstance(stored, PartData) else None
            if not (stored or row["part_no"] or row["name"] or row["quantity"]):
                continue  # a wholly empty new row is left out
            path = f"parts[{len(parts)}]"
            rows[len(parts)] = int(row["_row"])
            try:
                quantity = parse_number_text(row["quantity"])
            except ValueError:
                errors[f"{path}.quantity"] = FieldError("number_shape").message(lang)
                quantity = None
            if not row["part_no"] and not row["name"]:
                errors[f"{path}.name"] = FieldError("part_name_required").message(lang)
            part = PartData(row["part_no"], row["name"], quantity, row["charged"] == "charged")
            if stored is not None:
                part.id, part.uuid = stored.id, stored.uuid
            parts.append(part)
        return parts, rows

    @staticmethod
    def checkable(data: ServiceReportData) -> ServiceReportData:
        """A copy the service checks with the same part positions (nameless parts kept)."""
        parts = [replace(p, name=p.name or ("?" if not p.part_no else "")) for p in data.parts]
        return replace(data, parts=parts)

    # ------------------------------------------------------------------ messages

    def show_errors(self, errors: dict[str, str], part_rows: dict[int, int]) -> list[str]:
        """Every message next to its field or in its part row; tabs with one turn red.
        Returns the messages that belong to no field."""
        self.fields.show_errors(errors)
        self.customer_field.set_error(errors.get("customer_id", ""))
        self.complaint_field.set_error(errors.get("complaint_id", ""))
        self.arrived_field.set_error(errors.get("arrived_at", ""))
        self.departed_field.set_error(errors.get("departed_at", ""))
        per_part: dict[tuple[int, str], str] = {}
        for path, message in errors.items():
            if match := PART_PATH.match(path):
                index = int(match.group(1))
                per_part[(part_rows.get(index, index), match.group(2))] = message
        self.parts.show_errors(per_part, errors.get("parts", ""))
        pages: set[int] = set()
        placed = set(self.fields.fields) | {"customer_id", "complaint_id", "arrived_at",
                                             "departed_at", "parts"}  # fmt: skip
        for path in errors:
            if path in RESULT_KEYS:
                pages.add(PAGE_RESULT)
            elif path in placed or PART_PATH.match(path):
                pages.add(PAGE_REPORT)
        for page in (PAGE_REPORT, PAGE_RESULT):
            self.tabBar().setTabTextColor(page, QColor(RED) if page in pages else QColor())
        if pages:
            self.setCurrentIndex(min(pages))
        return [m for p, m in errors.items() if p not in placed and not PART_PATH.match(p)]

    # ------------------------------------------------------------------ behaviour

    def add_part(self) -> None:
        row = self.parts.add_row()
        if row >= 0:
            with self.parts.quietly():
                self.parts.set_value(row, "quantity", "1")

    def _update_hours(self, *_args: object) -> None:
        try:
            arrived, departed = self.arrived_at.value(), self.departed_at.value()
        except ValueError:
            self.hours.setText("")
            return
        if arrived is None or departed is None or departed <= arrived:
            self.hours.setText("")
            return
        hours = field_service.hours_on_site(arrived, departed)
        self.hours.setText(self.tr("{hours} h on site").format(hours=f"{hours:.1f}"))

    def resolve_customer(self) -> None:
        if not self._loading:
            self.customer.resolve()
            self.customer_field.set_error(self.customer.problem)

    def _customer_finished(self) -> None:
        if self.window().isVisible():
            self.resolve_customer()

    def _customer_changed(self) -> None:
        self.customer_field.set_error("")
        self.fill_complaints(self.complaint.currentData())
        # the site follows the customer's address until someone types another one
        current = self.site_address.text().strip()
        if not current or current == self._prefilled_site:
            address = ""
            if self.customer.customer_id is not None:
                address = field_service.blank_report(
                    self.engine, self.customer.customer_id
                ).site_address
            self.site_address.setText(address)
            self._prefilled_site = address
        self._mark_dirty()

    def _mark_dirty(self, *_args: object) -> None:
        if self._loading:
            return
        if not self.dirty:
            self.dirty = True
            self.changed.emit()


class ServiceReportDialog(FieldRecordDialog):
    entity = field_service.ENTITY

    def __init__(
        self,
        engine: Engine,
        hub: DataHub,
        report_id: int | None = None,
        parent: QWidget | None = None,
        customer_id: int | None = None,
    ) -> None:
        super().__init__(engine, hub, parent)
        if report_id is not None:
            self.data = field_service.get(engine, report_id)
            if self.data is None:
                raise ValueError(f"no service report {report_id}")
        self._build_frame(ServiceReportForm(engine, self))
        menu = QMenu(self.print_button)
        self.preview_action = menu.addAction(
            self.tr("Preview and print the service report…"), lambda: self.export_pdf(preview=True)
        )
        menu.addAction(
            self.tr("Preview and print a blank service report for this customer…"),
            lambda: self.export_blank(preview=True),
        )
        menu.addSeparator()
        menu.addAction(self.tr("Service report (PDF)…"), self.export_pdf)
        menu.addAction(self.tr("Blank service report for this customer (PDF)…"), self.export_blank)
        self.print_button.setMenu(menu)
        strip = self.form.photos
        strip.addRequested.connect(self.choose_photos)
        strip.filesDropped.connect(self.add_photos)
        strip.openRequested.connect(self.open_photo)
        strip.removeRequested.connect(self.remove_photo)
        if self.data is None:
            blank = field_service.blank_report(engine, customer_id)
            blank.engineers = self.user
            self._load(blank)
        else:
            self._load(self.data)

    def new_title(self) -> str:
        return self.tr("New service report")

    def record_title(self) -> str:
        return self.tr("Service report {number} {customer}").format(
            number=self.data.number, customer=self.data.customer_name
        )

    def header_parts(self) -> list[str]:
        data = self.data
        parts = [label(SERVICE_RESULT_LABELS, data.result), data.customer_name]
        if data.complaint is not None:
            parts.append(self.tr("Complaint {number}").format(number=data.complaint.number))
        return parts

    def _load(self, data: ServiceReportData) -> None:
        self.form.load(data)
        self.form.load_history(field_service.history(self.engine, data) if data.id else [])
        self._show_photos()
        self._update_header()
        self._update_title()

    def _check(self, data: ServiceReportData) -> None:
        field_service.check(self.engine, data)

    def _store(self, data: ServiceReportData) -> ServiceReportData:
        if data.id is None:
            return field_service.create(self.engine, data, self.user)
        return field_service.update(self.engine, data, self.user)

    # ------------------------------------------------------------------ photos

    def _show_photos(self) -> None:
        attachments = self.data.attachments if self.data is not None else []
        self.form.photos.set_attachments(
            attachments, lambda a: attachment_service.file_path(self.engine, a)
        )
        stored = self.data is not None
        self.form.photos.set_editable(
            stored, "" if stored else self.tr("Save the report first: photos are kept with it.")
        )
        count = len(attachments)
        self.form.setTabText(PAGE_PHOTOS, self.tr("Photos") + (f" ({count})" if count else ""))

    def _refresh_photos(self) -> None:
        if self.data is None:
            return
        fresh = field_service.get(self.engine, self.data.id)
        if fresh is not None:
            self.data.attachments = fresh.attachments
        self._show_photos()
        self.form.load_history(field_service.history(self.engine, self.data))

    def choose_photos(self) -> None:
        if self.data is not None:
            self.add_photos(attachment_files.choose_files(self))

    def add_photos(self, paths: list[str]) -> BackgroundOp | None:
        if self.data is None or not paths:
            return None

        def done(added: int) -> None:
            self._refresh_photos()
            if added:
                self.say(self.tr("%n photo(s) added.", "", added))

        return self._keep(
            attachment_files.add_files(
                self,
                self.engine,
                entity=field_service.ENTITY,
                entity_uuid=self.data.uuid or "",
                label=self.data.number,
                user=self.user,
                paths=paths,
                on_done=done,
            )  # fmt: skip
        )

    def _photo(self, attachment_id: int) -> AttachmentData | None:
        attachments = self.data.attachments if self.data is not None else []
        return next((a for a in attachments if a.id == attachment_id), None)

    def open_photo(self, attachment_id: int) -> None:
        if (attachment := self._photo(attachment_id)) is not None:
            attachment_files.open_file(self, self.engine, attachment)

    def remove_photo(self, attachment_id: int) -> None:
        attachment = self._photo(attachment_id)
        if attachment is None or self.data is None:
            return
        question = self.tr(
            "Remove “{name}” from the report? The file itself stays in the data folder and "
            "the removal is kept in the history."
        ).format(name=attachment.file_name)
        if not attachment_files.confirm_remove(self, question):
            return
        field_service.remove_photo(self.engine, self.data.id, attachment_id, self.user)
        self._refresh_photos()
        self.say(self.tr("Removed {name}.").format(name=attachment.file_name))

    # ------------------------------------------------------------------ printing

    def export_pdf(self, preview: bool = False) -> BackgroundOp | None:
        """The service report saved as PDF, or shown in the preview to print for signature."""
        if self.data is None or not self.ready_to_go_on():
            return None
        return self._keep(
            forms.export_service_report(
                self, self.engine, self.data, current_language(), self._exported, preview
            )
        )

    def export_blank(self, preview: bool = False) -> BackgroundOp | None:
        data = self.data
        customer_id = self.form.customer.customer_id
        blank = field_service.blank_report(self.engine, customer_id)
        return self._keep(
            forms.export_blank_service_report(
                self,
                self.engine,
                current_language(),
                self._exported,
                customer_code=blank.customer_code,
                customer_name=blank.customer_name,
                site_address=self.form.site_address.text().strip()
                or (data.site_address if data else ""),
                preview=preview,
            )  # fmt: skip
        )
