"""The widgets and layout of a complaint ticket's pages (ComplaintForm adds the behaviour).

A step list on the left and scrollable pages keep everything within a 1366×768 screen:
registration, D1–D8, responsibility and claim, replies, photos and files, history.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services import customer_names
from app.services.complaint_data import (
    CAUSE_LABELS,
    CHANNEL_LABELS,
    CLAIM_LABELS,
    KIND_LABELS,
    RESPONSIBILITY_LABELS,
    SEVERITY_LABELS,
    SORTING_LABELS,
    URGENCY_LABELS,
    label,
    step_label,
)
from app.services.complaint_settings import ComplaintSettings
from app.ui.complaints.complaint_panels import (
    DeadlinesPanel,
    RecurrencePanel,
    StepEditor,
)
from app.ui.widgets.actions_panel import ActionsPanel
from app.ui.widgets.attachment_strip import AttachmentStrip
from app.ui.widgets.customer_picker import suggest_customers
from app.ui.widgets.date_field import DateField
from app.ui.widgets.datetime_field import DateTimeField
from app.ui.widgets.form import FieldWithError
from app.ui.widgets.row_table import Column, RowTable

# the pages of the step list
(PAGE_REGISTRATION, PAGE_D1, PAGE_D2, PAGE_D3, PAGE_D4, PAGE_ACTIONS, PAGE_D7, PAGE_D8,
 PAGE_RESPONSIBILITY, PAGE_REPLY, PAGE_ATTACHMENTS, PAGE_HISTORY) = range(12)  # fmt: skip
STEP_PAGES = {1: PAGE_D1, 2: PAGE_D2, 3: PAGE_D3, 4: PAGE_D4, 5: PAGE_ACTIONS, 6: PAGE_ACTIONS,
              7: PAGE_D7, 8: PAGE_D8}  # fmt: skip


def number_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


class ComplaintPages(QWidget):
    """Every editor of a ticket, laid out page by page; no loading or checking here."""

    def __init__(
        self,
        engine: Engine,
        settings: ComplaintSettings,
        user: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.settings, self.user = engine, settings, user
        self.fields: dict[str, FieldWithError] = {}
        self.field_labels: dict[str, str] = {}
        self.field_pages: dict[str, int] = {}
        self.editors: dict[str, tuple[str, Any]] = {}  # data field -> (kind, editor)
        self.step_editors: dict[int, StepEditor] = {}
        self.due_labels: dict[str, QLabel] = {}
        self.customer_names = customer_names.load(engine)
        self.step_list = QListWidget(self)
        self.step_list.setFixedWidth(200)
        self.step_list.setSpacing(1)
        self.pages = QStackedWidget(self)
        for build in (self._build_registration, self._build_d1_d2, self._build_d3,
                      self._build_d4, self._build_actions, self._build_d7, self._build_d8,
                      self._build_responsibility, self._build_reply, self._build_attachments,
                      self._build_history):  # fmt: skip
            build()
        self.step_list.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.step_list.setCurrentRow(PAGE_REGISTRATION)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.step_list)
        layout.addWidget(self.pages, 1)
        self._set_tab_order()

    # ------------------------------------------------------------------ customers

    def customer_display(self, customer_id: int | None) -> str:
        return self.customer_names.display(customer_id)

    # ------------------------------------------------------------------ building blocks

    def _page(self, title: str, hint: str = "") -> QVBoxLayout:
        """A scrollable page with a heading; returns its layout."""
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(10, 4, 10, 6)
        layout.addWidget(QLabel(f"<b style='font-size:14px'>{title}</b>"))
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: #6c757d;")
            layout.addWidget(note)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        self.pages.addWidget(scroll)
        self.step_list.addItem(QListWidgetItem(title))
        self._building_page = self.pages.count() - 1
        return layout

    @staticmethod
    def _form() -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # labels stay beside the editor when a message opens below it
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(5)
        return form

    def _register(self, key: str, label_text: str, wrapped: FieldWithError) -> None:
        self.fields[key] = wrapped
        self.field_labels[key] = label_text.rstrip(" *")
        self.field_pages[key] = self._building_page

    def _add(
        self, form: QFormLayout, key: str, text: str, editor: QWidget, kind: str = "",
        wrap: QWidget | None = None,
    ) -> FieldWithError:  # fmt: skip
        """An editor in a form with room for its message. kind (text, plain, choice, combo_text,
        check, date, datetime, number, satisfied) tells load and collect how to treat it."""
        wrapped = FieldWithError(wrap or editor)
        if wrap is not None:
            wrap.setFocusProxy(editor)
        form.addRow(text, wrapped)
        if isinstance(label_widget := form.labelForField(wrapped), QLabel):
            label_widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            label_widget.setContentsMargins(0, 3, 0, 0)  # line up with the editor's text
        self._register(key, text, wrapped)
        if kind:
            self.editors[key] = (kind, editor)
        return wrapped

    @staticmethod
    def _choice(labels: dict, values: list[str] | None = None) -> QComboBox:
        combo = QComboBox()
        for value in values if values is not None else labels:
            combo.addItem(label(labels, value) if value else "", value)
        return combo

    @staticmethod
    def _plain(height: int = 70, hint: str = "") -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(height)
        edit.setPlaceholderText(hint)
        return edit

    @staticmethod
    def _editable_combo(items: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(items)
        combo.setCurrentIndex(-1)
        return combo

    def _add_step(self, layout: QVBoxLayout | QHBoxLayout, step: int, hint: str, height: int) -> None:  # fmt: skip
        editor = StepEditor(step, hint, height, titled=isinstance(layout, QHBoxLayout))
        names = {"content": self.tr("Content"), "owner": self.tr("Responsible"),
                 "done_on": self.tr("Done on")}  # fmt: skip
        for key, wrapped in editor.fields().items():
            self._register(key, f"{step_label(step)} · {names[key.rsplit('.', 1)[1]]}", wrapped)
        self.step_editors[step] = editor
        layout.addWidget(editor)

    # ------------------------------------------------------------------ pages
    # the fields of a page read best as one table, one field per line
    # fmt: off

    def _build_registration(self) -> None:
        page = self._page(self.tr("Registration"))
        self.customer_edit = QLineEdit()
        self.customer_edit.setPlaceholderText(self.tr("Type code or name, pick from the list"))
        suggest_customers(self.customer_edit, self.customer_names)
        self.contact = self._editable_combo([])
        self.contact_phone = QLineEdit()
        self.channel = self._choice(CHANNEL_LABELS)
        self.kind = self._choice(KIND_LABELS)
        self.received_at = DateTimeField()
        self.received_by = QLineEdit()
        self.product_model = self._editable_combo([])
        self.part_no = QLineEdit()
        self.batch_no = QLineEdit()
        self.production_date = DateField()
        self.qty_delivered = QLineEdit()
        self.qty_defective = QLineEdit()
        self.defect_category = QComboBox()
        self.defect_category.setPlaceholderText(self.tr("(choose)"))
        for category in self.settings.defect_categories:
            self.defect_category.addItem(category, category)
        self.severity = self._choice(SEVERITY_LABELS, ["general", "major"])
        self.severity.setToolTip(self.tr("Major: stops the customer's production, or a batch problem"))
        self.urgency = self._choice(URGENCY_LABELS, ["normal", "urgent"])
        self.urgency.setToolTip(self.tr("Urgent: answer within 2 days; normal: within 7 days"))
        self.line_stopped = QCheckBox(self.tr("Stops the customer's line"))
        self.customer_deadline = DateField()
        self.customer_deadline.setToolTip(self.tr("The customer's own deadline for the corrective-action reply, if any"))
        self.owner = QLineEdit()
        self.description = self._plain(84, self.tr("What the customer found: where, when, how many"))
        self.customer_request = self._plain(84, self.tr("Replacement, sorting, 8D report, claim…"))
        for edit in (self.qty_delivered, self.qty_defective):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)

        left, middle, right, below_left, below_right = (self._form() for _ in range(5))
        for form, key, text, editor, kind in (
            (left, "customer_id", self.tr("Customer *"), self.customer_edit, ""),
            (left, "contact_name", self.tr("Contact"), self.contact, "combo_text"),
            (left, "contact_phone", self.tr("Contact phone"), self.contact_phone, "text"),
            (left, "channel", self.tr("Received via"), self.channel, "choice"),
            (left, "kind", self.tr("Kind"), self.kind, "choice"),
            (left, "received_at", self.tr("Received at *"), self.received_at, "datetime"),
            (left, "received_by", self.tr("Received by"), self.received_by, "text"),
            (middle, "product_model", self.tr("Product model"), self.product_model, "combo_text"),
            (middle, "part_no", self.tr("Part no."), self.part_no, "text"),
            (middle, "batch_no", self.tr("Batch / lot"), self.batch_no, "text"),
            (middle, "production_date", self.tr("Production date"), self.production_date, "date"),
            (middle, "qty_delivered", self.tr("Qty delivered"), self.qty_delivered, "number"),
            (middle, "qty_defective", self.tr("Qty defective"), self.qty_defective, "number"),
            (middle, "defect_category", self.tr("Defect category *"), self.defect_category, "choice"),
            (right, "severity", self.tr("Severity"), self.severity, "choice"),
            (right, "urgency", self.tr("Urgency"), self.urgency, "choice"),
            (right, "line_stopped", "", self.line_stopped, "check"),
            (right, "customer_deadline", self.tr("Customer's deadline"), self.customer_deadline, "date"),
            (right, "owner", self.tr("Owner"), self.owner, "text"),
            (below_left, "description", self.tr("Description *"), self.description, "plain"),
            (below_right, "customer_request", self.tr("Customer asks for"), self.customer_request, "plain"),
        ):  # fmt: skip
            self._add(form, key, text, editor, kind)
        self.field_labels["line_stopped"] = self.line_stopped.text()

        self.recurrence = RecurrencePanel()
        self.recurrence.setMinimumHeight(56)
        self.deadlines_panel = DeadlinesPanel()
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.addLayout(left, 0, 0)
        grid.addLayout(middle, 0, 1)
        grid.addLayout(right, 0, 2)
        grid.addLayout(below_left, 1, 0, 1, 2)
        grid.addLayout(below_right, 1, 2)
        grid.addWidget(self.recurrence, 2, 0, 1, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.deadlines_panel, 2, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(2, 1)
        page.addLayout(grid, 1)

    def _build_d1_d2(self) -> None:
        page = self._page(step_label(1), self.tr("Who works on the complaint: names, departments and roles (leader first)."))
        self._add_step(page, 1, self.tr("e.g. 张伟 (质量保障部, leader); 李强 (生产部); 王芳 (技术部)"), 220)
        page.addStretch(1)
        page = self._page(step_label(2), self.tr("Describe the problem with 5W2H: what, where, when, who, why, how, how many."))
        self._add_step(page, 2, self.tr("What / Where / When / Who / Why / How / How many"), 320)
        page.addStretch(1)

    def _build_d3(self) -> None:
        page = self._page(step_label(3), self.tr("Contain the problem within 24 hours; sort every stock: at the customer, in transit, in our warehouse."))
        self._add_step(page, 3, self.tr("Containment actions taken"), 100)
        box = QGroupBox(self.tr("Stock sorting"))
        locations = tuple((k, label(SORTING_LABELS, k)) for k in SORTING_LABELS)
        self.sorting = RowTable(
            [
                Column("location", self.tr("Where"), "choice", locations, 120),
                Column("qty_checked", self.tr("Checked"), "number", width=80),
                Column("qty_defective", self.tr("Defective"), "number", width=80),
                Column("handled_by", self.tr("Handled by"), width=100),
                Column("done_on", self.tr("Date"), "date", width=100),
                Column("notes", self.tr("Notes")),
            ],
            self.tr("Add sorting"),
        )  # fmt: skip
        self.sorting.table.setMinimumHeight(130)
        QVBoxLayout(box).addWidget(self.sorting)
        page.addWidget(box, 1)

    def _build_d4(self) -> None:
        page = self._page(step_label(4), self.tr("Why did it happen (occurrence) and why did it reach the customer (escape)? Man, machine, material, method, environment, measurement."))
        self._add_step(page, 4, self.tr("Summary of the analysis"), 80)
        causes = ["", *CAUSE_LABELS]
        self.occurrence_category = self._choice(CAUSE_LABELS, causes)
        self.escape_category = self._choice(CAUSE_LABELS, causes)
        self.occurrence_cause = self._plain(64)
        self.escape_cause = self._plain(64)
        occurrence, escape = self._form(), self._form()
        for form, key, text, editor, kind, long_label in (
            (occurrence, "occurrence_category", self.tr("Category"), self.occurrence_category, "choice", self.tr("Occurrence category")),
            (occurrence, "occurrence_cause", self.tr("Root cause"), self.occurrence_cause, "plain", self.tr("Occurrence cause")),
            (escape, "escape_category", self.tr("Category"), self.escape_category, "choice", self.tr("Escape category")),
            (escape, "escape_cause", self.tr("Root cause"), self.escape_cause, "plain", self.tr("Escape cause")),
        ):
            self._add(form, key, text, editor, kind)
            self.field_labels[key] = long_label
        row = QHBoxLayout()
        for title, form in ((self.tr("Occurrence (why it happened)"), occurrence),
                            (self.tr("Escape (why it was not detected)"), escape)):
            box = QGroupBox(title)
            box.setLayout(form)
            row.addWidget(box)
        page.addLayout(row)
        why_box = QGroupBox(self.tr("5-Why: one answer per line, each asking “why?” of the one before"))
        self.why_form = self._form()
        why_box.setLayout(self.why_form)
        self.why_edits: list[QLineEdit] = []
        self.why_field = FieldWithError(why_box)
        self._register("five_why", self.tr("5-Why"), self.why_field)
        page.addWidget(self.why_field)
        page.addStretch(1)

    def _build_actions(self) -> None:
        page = self._page(self.tr("D5–D7 Actions"), self.tr("Corrective actions remove the cause (D5) and are implemented and verified (D6); preventive actions (D7) go in the same list. The ticket closes only when every action is verified effective."))
        steps = QHBoxLayout()
        self._add_step(steps, 5, self.tr("Permanent corrective actions chosen"), 64)
        self._add_step(steps, 6, self.tr("How they were implemented and verified"), 64)
        page.addLayout(steps)
        self.actions_panel = ActionsPanel(self.settings.departments)
        self.actions = self.actions_panel.table
        self.actions_field = FieldWithError(self.actions_panel)
        self._register("actions", self.tr("Actions"), self.actions_field)
        page.addWidget(self.actions_field, 1)

    def _build_d7(self) -> None:
        page = self._page(step_label(7), self.tr("Prevent the same problem on this and similar products. Waiving prevention needs the general manager's approval."))
        self._add_step(page, 7, self.tr("What prevents recurrence"), 80)
        documents = QGroupBox(self.tr("Documents updated"))
        row = QHBoxLayout(documents)
        self.fmea_updated = QCheckBox(self.tr("FMEA"))
        self.control_plan_updated = QCheckBox(self.tr("Control plan"))
        self.work_instruction_updated = QCheckBox(self.tr("Work instruction"))
        for key, box in (("fmea_updated", self.fmea_updated), ("control_plan_updated", self.control_plan_updated),
                         ("work_instruction_updated", self.work_instruction_updated)):
            self.editors[key] = ("check", box)
            self.field_labels[key] = box.text()
            row.addWidget(box)
        self.add_preventive_button = QPushButton(self.tr("Add preventive action"))
        self.add_preventive_button.setAutoDefault(False)
        row.addStretch(1)
        row.addWidget(self.add_preventive_button)
        page.addWidget(documents)
        form = self._form()
        self.similar_products = self._plain(50, self.tr("Other products or parts with the same risk"))
        self._add(form, "similar_products", self.tr("Similar products"), self.similar_products, "plain")
        page.addLayout(form)
        waiver = QGroupBox(self.tr("Prevention waived"))
        waiver_form = self._form()
        waiver.setLayout(waiver_form)
        self.prevention_waived = QCheckBox(self.tr("No preventive action (approved by the general manager)"))
        self.waiver_approved_by = QLineEdit()
        self.waiver_approved_on = DateField()
        self.waiver_reason = self._plain(50)
        for key, text, editor, kind in (
            ("prevention_waived", "", self.prevention_waived, "check"),
            ("waiver_approved_by", self.tr("Approved by (GM)"), self.waiver_approved_by, "text"),
            ("waiver_approved_on", self.tr("Approved on"), self.waiver_approved_on, "date"),
            ("waiver_reason", self.tr("Reason"), self.waiver_reason, "plain"),
        ):
            self._add(waiver_form, key, text, editor, kind)
        self.field_labels["prevention_waived"] = self.tr("Prevention waived")
        self.field_labels["waiver_reason"] = self.tr("Waiver reason")
        page.addWidget(waiver)
        page.addStretch(1)

    def _build_d8(self) -> None:
        page = self._page(step_label(8), self.tr("Close the ticket with “Close ticket…” once every action is verified, the customer is answered and the return visit found them satisfied."))
        self._add_step(page, 8, self.tr("Closing summary, lessons learned"), 200)
        self.closure_info = QLabel()
        self.closure_info.setWordWrap(True)
        page.addWidget(self.closure_info)
        page.addStretch(1)

    def _build_responsibility(self) -> None:
        page = self._page(self.tr("Responsibility and claim"))
        self.responsibility = self._choice(RESPONSIBILITY_LABELS)
        self.responsible_department = self._editable_combo(self.settings.departments)
        self.quarantine_advice = self._plain(90, self.tr("Our fault in a batch: which stock to quarantine and how to release it"))
        form = self._form()
        self._add(form, "responsibility", self.tr("Responsibility"), self.responsibility, "choice")
        self._add(form, "responsible_department", self.tr("Responsible department"), self.responsible_department, "combo_text")
        self._add(form, "quarantine_advice", self.tr("Quarantine advice"), self.quarantine_advice, "plain")
        page.addLayout(form)
        claim = QGroupBox(self.tr("Claim and external loss"))
        grid = QGridLayout(claim)
        left, right = self._form(), self._form()
        self.claim_status = self._choice(CLAIM_LABELS)
        self.claim_amount, self.agreed_amount = QLineEdit(), QLineEdit()
        self.paid_amount, self.chargeback_amount = QLineEdit(), QLineEdit()
        self.responsible_unit, self.chargeback_supplier = QLineEdit(), QLineEdit()
        self.reward_penalty_no = QLineEdit()
        for edit in (self.claim_amount, self.agreed_amount, self.paid_amount, self.chargeback_amount):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        for form, key, text, editor, kind in (
            (left, "claim_status", self.tr("Claim status"), self.claim_status, "choice"),
            (left, "claim_amount", self.tr("Claimed (CNY)"), self.claim_amount, "number"),
            (left, "agreed_amount", self.tr("Agreed (CNY)"), self.agreed_amount, "number"),
            (left, "paid_amount", self.tr("Paid (CNY)"), self.paid_amount, "number"),
            (right, "responsible_unit", self.tr("Responsible unit"), self.responsible_unit, "text"),
            (right, "chargeback_supplier", self.tr("Charged back to supplier"), self.chargeback_supplier, "text"),
            (right, "chargeback_amount", self.tr("Charge-back (CNY)"), self.chargeback_amount, "number"),
            (right, "reward_penalty_no", self.tr("Reward/penalty notice no."), self.reward_penalty_no, "text"),
        ):
            self._add(form, key, text, editor, kind)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        page.addWidget(claim)
        page.addStretch(1)

    def _build_reply(self) -> None:
        page = self._page(self.tr("Replies and return visit"))
        self.first_reply_at, self.containment_reply_at = DateTimeField(), DateTimeField()
        self.action_reply_at, self.reply_at, self.visit_at = DateTimeField(), DateTimeField(), DateTimeField()
        self.reply_by = QLineEdit()
        self.reply_content = self._plain(80, self.tr("What the customer was told (the approved answer)"))
        self.visit_satisfied = QComboBox()
        self.visit_satisfied.addItem(self.tr("not asked yet"), None)
        self.visit_satisfied.addItem(self.tr("satisfied"), True)
        self.visit_satisfied.addItem(self.tr("not satisfied"), False)
        self.visit_notes = self._plain(56)
        groups = {
            "replies": (QGroupBox(self.tr("Replies to the customer")), self._form()),
            "answer": (QGroupBox(self.tr("Answer to the customer")), self._form()),
            "visit": (QGroupBox(self.tr("Return visit")), self._form()),
        }
        for group, key, text, editor, kind, deadline_key in (
            ("replies", "first_reply_at", self.tr("First reply"), self.first_reply_at, "datetime", "first_reply"),
            ("replies", "containment_reply_at", self.tr("Containment reply"), self.containment_reply_at, "datetime", "containment"),
            ("replies", "action_reply_at", self.tr("Corrective-action reply"), self.action_reply_at, "datetime", "action_reply"),
            ("answer", "reply_at", self.tr("Answered at"), self.reply_at, "datetime", "answer"),
            ("answer", "reply_by", self.tr("Answered by"), self.reply_by, "text", ""),
            ("answer", "reply_content", self.tr("Answer"), self.reply_content, "plain", ""),
            ("visit", "visit_at", self.tr("Visited at"), self.visit_at, "datetime", "return_visit"),
            ("visit", "visit_satisfied", self.tr("Customer satisfied?"), self.visit_satisfied, "satisfied", ""),
            ("visit", "visit_notes", self.tr("Visit notes"), self.visit_notes, "plain", ""),
        ):
            wrap = self._with_due(editor, deadline_key) if deadline_key else None
            self._add(groups[group][1], key, text, editor, kind, wrap)
        for box, form in groups.values():
            box.setLayout(form)
            page.addWidget(box)
        page.addStretch(1)

    def _with_due(self, editor: DateTimeField, deadline_key: str) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        editor.setFixedWidth(250)
        row.addWidget(editor)
        due = QLabel()
        self.due_labels[deadline_key] = due
        row.addWidget(due, 1)
        return box

    def _build_attachments(self) -> None:
        page = self._page(self.tr("Photos and files"), self.tr("Photos of the defect, the customer's letter, measurement reports. Double-click opens a file."))
        self.attachments = AttachmentStrip()
        page.addWidget(self.attachments, 1)

    def _build_history(self) -> None:
        page = self._page(self.tr("History"))
        self.history = QTableWidget(0, 6)
        self.history.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Field"),
             self.tr("Old value"), self.tr("New value")]
        )  # fmt: skip
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().setVisible(False)
        self.history.verticalHeader().setDefaultSectionSize(24)
        self.history.setWordWrap(False)
        page.addWidget(self.history, 1)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.customer_edit, self.contact, self.contact_phone, self.channel, self.kind,
            self.received_at, self.received_by, self.product_model, self.part_no, self.batch_no,
            self.production_date, self.qty_delivered, self.qty_defective, self.defect_category,
            self.description, self.customer_request, self.severity, self.urgency,
            self.line_stopped, self.customer_deadline, self.owner,
        ]  # fmt: skip
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # fmt: on
