"""The answers view 答卷录入: pick a campaign, see who has answered, and enter each customer's
answer with the keyboard. Ctrl+S saves, Ctrl+Enter saves and opens the next customer who has not
answered. A closed campaign opens read-only; a change to a stored answer goes to its history."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import settings_service, storage_errors, survey_service
from app.services.complaint_data import label
from app.services.survey_data import (
    COMPETITOR_LABELS,
    KEEP_BUYING_LABELS,
    METHOD_LABELS,
    CampaignData,
    ResponseData,
    TemplateData,
)
from app.services.validation import FieldError, RecordLocked, ValidationError
from app.ui.background import BackgroundOp
from app.ui.signals import DataHub
from app.ui.surveys.answer_grid import level_text
from app.ui.surveys.exports import export_questionnaires
from app.ui.surveys.response_form import ResponseForm
from app.ui.surveys.results_panel import locked_as_validation
from app.ui.surveys.table_models import InviteeTableModel, pct_text
from app.ui.widgets.action_dialogs import ReasonDialog
from app.ui.widgets.history_table import HistoryTable
from app.ui.widgets.storage import storage_problem

ENTITY = "survey_response"
RED, GREEN, AMBER, GREY = "#c0392b", "#1e7e34", "#b45309", "#6c757d"


class AnswersView(QWidget):
    def __init__(self, engine: Engine, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.user = settings_service.current_user(engine)
        self.campaign: CampaignData | None = None
        self.template: TemplateData | None = None
        self.response: ResponseData | None = None  # what the form shows (stored or blank)
        self.customer_id: int | None = None
        self.last_export: Path | None = None
        self.ops: list[BackgroundOp] = []
        self._build()
        self.reload_campaigns()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.campaign_box = QComboBox(self)
        self.campaign_box.setMinimumContentsLength(28)
        self.show_filter = QComboBox(self)
        self.show_filter.addItem(self.tr("Every invitee"), None)
        self.show_filter.addItem(self.tr("Not answered yet"), False)
        self.show_filter.addItem(self.tr("Answered"), True)
        self.progress_label = QLabel(self)
        self.model = InviteeTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        m = InviteeTableModel
        for column, width in ((m.COL_CODE, 80), (m.COL_CUSTOMER, 180), (m.COL_TIER, 110),
                              (m.COL_STATE, 120), (m.COL_ANSWERED_ON, 90), (m.COL_METHOD, 70),
                              (m.COL_SURVEYOR, 70)):  # fmt: skip
            header.resizeSection(column, width)
        self.print_button = QPushButton(self.tr("Blank questionnaires PDF"), self)
        self.print_button.setToolTip(self.tr("One PDF with a blank questionnaire per invitee"))
        print_menu = QMenu(self.print_button)
        self.print_selected_action = print_menu.addAction(
            self.tr("For the selected invitees…"), lambda: self.print_blank("selected")
        )
        print_menu.addAction(self.tr("For every invitee…"), lambda: self.print_blank("all"))
        print_menu.addAction(
            self.tr("For the invitees not answered yet…"), lambda: self.print_blank("open")
        )
        self.print_button.setMenu(print_menu)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Campaign"), self))
        top.addWidget(self.campaign_box, 1)
        left_layout.addLayout(top)
        second = QHBoxLayout()
        second.addWidget(self.show_filter)
        second.addWidget(self.progress_label, 1)
        second.addWidget(self.print_button)
        left_layout.addLayout(second)
        left_layout.addWidget(self.view, 1)

        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.form = ResponseForm(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"), self)
        self.next_button = QPushButton(self.tr("Save and next (Ctrl+Enter)"), self)
        self.next_button.setToolTip(
            self.tr("Save, then open the next customer who has not answered")
        )
        self.print_answer_button = QPushButton(self.tr("Print answer"), self)
        self.print_answer_button.setToolTip(
            self.tr("This customer's questionnaire filled in, as PDF")
        )
        self.history_button = QPushButton(self.tr("History"), self)
        self.delete_button = QPushButton(self.tr("Delete answer…"), self)
        self.delete_button.setToolTip(
            self.tr("Remove an answer entered in error (the reason is kept)")
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (self.print_answer_button, self.history_button, self.delete_button,
                       self.save_button, self.next_button):  # fmt: skip
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.right = QWidget(self)
        right_layout = QVBoxLayout(self.right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.form, 1)
        right_layout.addLayout(buttons)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)

        for keys, slot in (
            ([QKeySequence(QKeySequence.StandardKey.Save)], self.save),
            ([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")], self.save_and_next),
        ):
            action = QAction(self.right)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.right.addAction(action)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(
                QKeySequence(key), self.view, context=Qt.ShortcutContext.WidgetShortcut
            )
            enter.activated.connect(self.open_current)
        self.view.doubleClicked.connect(lambda _index: self.open_current())
        self.campaign_box.currentIndexChanged.connect(self._campaign_picked)
        self.show_filter.currentIndexChanged.connect(self._refill)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.save_button.clicked.connect(self.save)
        self.next_button.clicked.connect(self.save_and_next)
        self.print_answer_button.clicked.connect(self.print_answer)
        self.history_button.clicked.connect(self.show_history)
        self.delete_button.clicked.connect(self.delete_answer)
        self.form.changed.connect(self._update_header)
        self._show_customer(None)

    # ------------------------------------------------------------------ campaigns

    def reload_campaigns(self, keep: int | None = None) -> None:
        keep = keep or self.campaign_box.currentData()
        self.campaign_box.blockSignals(True)
        self.campaign_box.clear()
        for row in survey_service.list_campaigns(self.engine):
            closed = "" if row.status == "open" else self.tr(" (closed)")
            self.campaign_box.addItem(f"{row.number} {row.name}{closed}", row.id)
        index = self.campaign_box.findData(keep) if keep is not None else -1
        self.campaign_box.setCurrentIndex(
            index if index >= 0 else (0 if self.campaign_box.count() else -1)
        )
        self.campaign_box.blockSignals(False)
        if self.campaign_box.currentData() != (self.campaign.id if self.campaign else None):
            self._load_campaign(self.campaign_box.currentData())
        else:
            self._load_campaign(self.campaign_box.currentData(), keep_customer=True)

    def choose_campaign(self, campaign_id: int) -> bool:
        """Show a campaign (from the campaigns view); False when unsaved work stays."""
        if self.campaign is not None and self.campaign.id == campaign_id:
            return True
        if not self.can_leave():
            return False
        index = self.campaign_box.findData(campaign_id)
        if index < 0:
            self.reload_campaigns(campaign_id)
            return True
        self.campaign_box.setCurrentIndex(index)
        return True

    def _campaign_picked(self) -> None:
        wanted = self.campaign_box.currentData()
        if self.campaign is not None and wanted == self.campaign.id:
            return
        if not self.can_leave():
            self.campaign_box.blockSignals(True)
            self.campaign_box.setCurrentIndex(self.campaign_box.findData(self.campaign.id))
            self.campaign_box.blockSignals(False)
            return
        self._load_campaign(wanted)

    def _load_campaign(self, campaign_id: int | None, keep_customer: bool = False) -> None:
        self.campaign = (
            survey_service.get_campaign(self.engine, campaign_id) if campaign_id else None
        )
        self.template = (
            survey_service.get_template(self.engine, self.campaign.template_id)  # type: ignore[arg-type]
            if self.campaign
            else None
        )
        customer = self.customer_id if keep_customer else None
        self.rows = survey_service.response_rows(self.engine, campaign_id) if campaign_id else []
        self._refill(select=customer)
        if customer is None or self.model.row_of(customer) < 0:
            self._show_customer(None)
        self.print_button.setEnabled(self.campaign is not None and bool(self.rows))

    def _refill(self, *_args: object, select: int | None = None) -> None:
        wanted = self.show_filter.currentData()
        rows = [r for r in self.rows if wanted is None or (r.answered_on is not None) == wanted]
        select = select if select is not None else self.customer_id
        self.view.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        row = self.model.row_of(select) if select is not None else -1
        if row >= 0:
            self.view.selectRow(row)
        self.view.selectionModel().blockSignals(False)
        answered = sum(1 for r in self.rows if r.answered_on is not None)
        self.progress_label.setText(
            self.tr("{answered} of {invited} answered").format(
                answered=answered, invited=len(self.rows)
            )
        )

    def refresh(self) -> None:
        """Re-read after a change elsewhere; the open answer stays unless it was saved here."""
        if self.form.dirty:
            self.reload_campaigns_list_only()
            return
        self.reload_campaigns()
        if self.customer_id is not None and self.campaign is not None:
            self.open_customer(self.customer_id, ask=False)

    def reload_campaigns_list_only(self) -> None:
        current = self.campaign_box.currentData()
        self.campaign_box.blockSignals(True)
        self.campaign_box.clear()
        for row in survey_service.list_campaigns(self.engine):
            closed = "" if row.status == "open" else self.tr(" (closed)")
            self.campaign_box.addItem(f"{row.number} {row.name}{closed}", row.id)
        self.campaign_box.setCurrentIndex(max(self.campaign_box.findData(current), 0))
        self.campaign_box.blockSignals(False)

    # ------------------------------------------------------------------ customers

    def _row_changed(self, current, _previous) -> None:  # noqa: ANN001
        customer_id = self.model.id_at(current.row()) if current.isValid() else None
        if customer_id is None or customer_id == self.customer_id:
            return
        if not self.open_customer(customer_id):
            self._select_quietly(self.customer_id)

    def open_current(self) -> None:
        """Enter on the list: open the customer and go to the first field of the answer."""
        index = self.view.currentIndex()
        customer_id = self.model.id_at(index.row()) if index.isValid() else None
        if customer_id is not None and self.open_customer(customer_id):
            self.form.focus_first()

    def _select_quietly(self, customer_id: int | None) -> None:
        self.view.selectionModel().blockSignals(True)
        row = self.model.row_of(customer_id) if customer_id is not None else -1
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
        else:
            self.view.clearSelection()
        self.view.selectionModel().blockSignals(False)

    def open_customer(self, customer_id: int, ask: bool = True) -> bool:
        """Show the customer's answer (a blank one when not answered); asks about unsaved work."""
        if self.campaign is None:
            return False
        if ask and customer_id != self.customer_id and not self.can_leave():
            return False
        stored = survey_service.get_response(self.engine, self.campaign.id, customer_id)  # type: ignore[arg-type]
        if stored is None:
            stored = survey_service.blank_response(self.engine, self.campaign.id, customer_id)  # type: ignore[arg-type]
            stored.surveyor = self.user
        self._show_customer(stored)
        self._select_quietly(customer_id)
        return True

    def _show_customer(self, response: ResponseData | None) -> None:
        self.response = response
        self.customer_id = response.customer_id if response else None
        shown = response is not None and self.template is not None and self.campaign is not None
        self.form.setEnabled(shown)
        if shown:
            self.form.load(response, self.template, self.campaign, not self.campaign.editable)  # type: ignore[arg-type]
        self.say("")
        self._update_header()

    @property
    def stored(self) -> bool:
        return self.response is not None and self.response.id is not None

    def _update_header(self) -> None:
        response, campaign = self.response, self.campaign
        if response is None or campaign is None:
            text = self.tr("Pick a customer on the left (Enter or click) to enter the answer.")
            self.header.setText(f"<span style='color:{GREY}'>{text}</span>")
            self.banner.hide()
            for button in (self.save_button, self.next_button, self.print_answer_button,
                           self.history_button, self.delete_button):  # fmt: skip
                button.setEnabled(False)
            return
        parts = [f"<b style='font-size:14px'>{response.customer_code} {response.customer_name}</b>"]
        not_yet, answered = self.tr("not answered yet"), self.tr("answered")
        late, partial, unsaved = self.tr("late"), self.tr("partial"), self.tr("unsaved changes")
        if not self.stored:
            parts.append(f"<span style='color:{GREY}'>{not_yet}</span>")
        else:
            parts.append(f"<span style='color:{GREEN}'>{answered}</span>")
            if response.late:
                parts.append(f"<span style='color:{AMBER}; font-weight:bold'>{late}</span>")
            if response.partial:
                parts.append(f"<span style='color:{AMBER}; font-weight:bold'>{partial}</span>")
            parts.append(self.tr("index {index}").format(index=pct_text(response.index_pct) or "—"))
        if self.form.dirty:
            parts.append(f"<span style='color:{RED}'>{unsaved}</span>")
        self.header.setText(" · ".join(parts))
        editable = campaign.editable
        if not editable:
            self.banner.setText(
                self.tr("{number} is closed: its answers are read-only. Reopen it in the campaigns "
                        "view to correct them.").format(number=campaign.number)
            )  # fmt: skip
            self.banner.setStyleSheet(
                "background: #e2e3e5; color: #212529; border: 1px solid #bbb; padding: 5px;"
            )
        self.banner.setVisible(not editable)
        self.save_button.setEnabled(editable)
        self.next_button.setEnabled(editable)
        self.print_answer_button.setEnabled(self.stored)
        self.history_button.setEnabled(self.stored)
        self.delete_button.setEnabled(editable and self.stored)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {RED if error else GREEN};")

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        if self.response is None or self.campaign is None or not self.campaign.editable:
            return False
        data, typing_errors = self.form.collect()
        try:
            if typing_errors:
                try:
                    survey_service.validate_response(
                        data, self.template, period_start=self.campaign.period_start
                    )  # type: ignore[arg-type]
                except ValidationError as error:
                    raise ValidationError(error.errors) from None
                raise ValidationError({})
            stored = survey_service.save_response(self.engine, data, self.user)
        except ValidationError as error:
            messages = {**error.messages(current_language()), **typing_errors}
            others = self.form.show_errors(messages)
            self.say(
                "\n".join([self.tr("Not saved: please correct the marked fields."), *others]),
                error=True,
            )
            return False
        except RecordLocked:
            self.say(FieldError("survey_locked").message(current_language()), error=True)
            return False
        except storage_errors.STORAGE_ERRORS as error:
            self.say(storage_problem(error), error=True)
            return False
        first = not self.stored
        self.response = stored
        self.form.load(stored, self.template, self.campaign, False)  # type: ignore[arg-type]
        self.rows = survey_service.response_rows(self.engine, self.campaign.id)  # type: ignore[arg-type]
        self._refill(select=stored.customer_id)
        self._update_header()
        marks = [
            t
            for on, t in ((stored.late, self.tr("late")), (stored.partial, self.tr("partial")))
            if on
        ]
        text = (self.tr("Answer saved: index {index}.") if first
                else self.tr("Changes saved: index {index}. The old values are in the history.")
                ).format(index=pct_text(stored.index_pct) or "—")  # fmt: skip
        if marks:
            text += " " + self.tr("Marked {marks}.").format(marks="、".join(marks))
        self.say(text)
        self.hub.dataChanged.emit(ENTITY, stored.id or 0)
        return True

    def next_open_customer(self) -> int | None:
        """The next customer in the list (after the open one, wrapping) who has not answered."""
        ids = [r.customer_id for r in self.rows]
        answered = {r.customer_id for r in self.rows if r.answered_on is not None}
        start = ids.index(self.customer_id) + 1 if self.customer_id in ids else 0
        for customer_id in ids[start:] + ids[:start]:
            if customer_id not in answered and customer_id != self.customer_id:
                return customer_id
        return None

    def save_and_next(self) -> bool:
        if not self.save():
            return False
        following = self.next_open_customer()
        if following is None:
            self.say(self.message.text() + " " + self.tr("Every invitee has answered."))
            return True
        saved_text = self.message.text()
        self.open_customer(following, ask=False)
        self.say(saved_text)
        self.form.focus_first()
        return True

    def can_leave(self) -> bool:
        """True when nothing unsaved is lost (saved or discarded on request)."""
        if not self.form.dirty or self.form.read_only:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The answer of {customer} has unsaved changes. Save them?").format(
                customer=self.response.customer_name if self.response else ""
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.form.dirty = False
            return True
        return False

    # ------------------------------------------------------------------ other work

    def delete_answer(self) -> bool:
        if not self.stored or self.campaign is None or not self.campaign.editable:
            return False
        campaign_id, customer_id = self.campaign.id, self.customer_id

        def submit(reason: str) -> bool:
            locked_as_validation(
                lambda: survey_service.delete_response(
                    self.engine,
                    campaign_id,
                    customer_id,
                    reason=reason,
                    user=self.user,  # type: ignore[arg-type]
                )
            )
            return True

        dialog = ReasonDialog(
            self.tr("Delete the answer of {customer}").format(customer=self.response.customer_name),  # type: ignore[union-attr]
            self.tr("Only for an answer entered in error. The customer stays invited; what was "
                    "deleted and why stays in the history."),
            self.tr("Reason *"),
            "reason",
            submit,
            parent=self,
        )  # fmt: skip
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.form.dirty = False
        self.rows = survey_service.response_rows(self.engine, campaign_id)  # type: ignore[arg-type]
        self._refill(select=customer_id)
        self.open_customer(customer_id, ask=False)  # type: ignore[arg-type]
        self.say(self.tr("Answer deleted."))
        self.hub.dataChanged.emit(ENTITY, 0)
        return True

    def show_history(self) -> QDialog | None:
        if not self.stored:
            return None
        dialog = QDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(self.tr("History of the answer of {customer}").format(
            customer=self.response.customer_name))  # type: ignore[union-attr]  # fmt: skip
        dialog.resize(860, 420)
        table = HistoryTable(dialog)
        table.show_rows(survey_service.response_history(self.engine, self.response),
                        self._history_field, self._history_value)  # type: ignore[arg-type]  # fmt: skip
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        dialog.show()
        return dialog

    def _history_field(self, name: str) -> str:
        if name.startswith("answers[") and "]." in name:
            item, _, key = name[len("answers[") :].partition("].")
            what = {"level": self.tr("satisfaction"), "importance": self.tr("importance"),
                    "competitor": self.tr("vs competitors")}.get(key, key)  # fmt: skip
            return f"{item} · {what}"
        return {
            "answered_on": self.tr("Answered on"), "respondent": self.tr("Respondent"),
            "respondent_title": self.tr("Title"), "method": self.tr("Method"),
            "surveyor": self.tr("Surveyor"), "keep_buying": self.tr("Will keep buying"),
            "recommend": self.tr("Would recommend"), "comments": self.tr("Comments"),
            "delete_reason": self.tr("Reason for deleting"),
        }.get(name, name)  # fmt: skip

    def _history_value(self, name: str, value: str | None) -> str:
        if value is None:
            return ""
        key = name.rsplit(".", 1)[-1]
        if key == "level" and value.isdigit() and self.template is not None:
            return level_text(int(value), self.template.scale)
        labels = {"method": METHOD_LABELS, "keep_buying": KEEP_BUYING_LABELS,
                  "competitor": COMPETITOR_LABELS}.get(key)  # fmt: skip
        return label(labels, value) if labels and value in labels else value

    def selected_customer_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [cid for cid in (self.model.id_at(r) for r in rows) if cid is not None]

    def print_blank(self, which: str = "selected") -> BackgroundOp | None:
        """Blank questionnaires as one PDF: which = "selected" (the selected invitees), "all"
        or "open" (those who have not answered yet)."""
        if self.campaign is None:
            return None
        if which == "selected":
            ids: list[int] | None = self.selected_customer_ids()
        elif which == "open":
            ids = [r.customer_id for r in self.rows if r.answered_on is None]
        else:
            ids = None
        if ids == []:
            QMessageBox.information(
                self, self.tr("Questionnaires"), self.tr("No invitee to print.")
            )
            return None
        op = export_questionnaires(
            self, self.engine, self.campaign, ids, current_language(), self._exported
        )
        if op is not None:
            self.ops.append(op)
        return op

    def print_answer(self) -> BackgroundOp | None:
        if not self.stored or self.campaign is None:
            return None
        campaign = survey_service.get_campaign(self.engine, self.campaign.id)  # type: ignore[arg-type]
        op = export_questionnaires(self, self.engine, campaign, [self.customer_id],  # type: ignore[arg-type, list-item]
                                   current_language(), self._exported, filled=True)  # fmt: skip
        if op is not None:
            self.ops.append(op)
        return op

    def _exported(self, path: Path) -> None:
        self.last_export = path
        self.say(self.tr("Saved {path}").format(path=path))
