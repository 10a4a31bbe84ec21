"""The campaigns view 调查活动: every campaign with its index against the target, the results of
the selected one, and what can be done with it (edit, print the questionnaires, summaries,
close and reopen)."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
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
from app.models import SurveyCampaign
from app.services import editing_presence, settings_service, survey_service
from app.services.complaint_data import label
from app.services.survey_data import (
    CAMPAIGN_STATUS_LABELS,
    METHOD_LABELS,
    PERIOD_LABELS,
    TIER_LABELS,
    CampaignData,
)
from app.ui.background import BackgroundOp, run_in_background
from app.ui.signals import DataHub
from app.ui.surveys.campaign_dialog import CampaignDialog
from app.ui.surveys.exports import export_customer_loss, export_questionnaires, export_summary
from app.ui.surveys.results_panel import ResultsPanel, locked_as_validation
from app.ui.surveys.table_models import CampaignTableModel, tier_short
from app.ui.widgets.action_dialogs import ReasonDialog
from app.ui.widgets.history_table import HistoryTable
from app.ui.widgets.row_table import Column, RowTable

ENTITY = "survey_campaign"


class InviteePickDialog(QDialog):
    """Tick the invitees whose questionnaires are printed."""

    def __init__(self, campaign: CampaignData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Questionnaires of {number}").format(number=campaign.number))
        self.resize(620, 520)
        self.campaign = campaign
        self.table = RowTable(
            [Column("code", self.tr("Code"), "readonly", width=90),
             Column("customer", self.tr("Customer"), "readonly"),
             Column("tier", self.tr("Coverage tier"), "readonly", width=140),
             Column("answered", self.tr("Answer"), "readonly", width=70)],
        )  # fmt: skip
        self.table.add_button.hide()
        self.table.remove_button.hide()
        self.table.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.set_rows(
            [{"code": i.customer_code, "customer": i.customer_name, "tier": tier_short(i.tier),
              "answered": self.tr("answered") if i.answered else ""} for i in campaign.invitees],
            list(campaign.invitees),
        )  # fmt: skip
        for row, invitee in enumerate(campaign.invitees):
            item = self.table.item(row, "code")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Unchecked if invitee.answered else Qt.CheckState.Checked
            )
            self.table.set_cell_tooltip(row, "tier", label(TIER_LABELS, invitee.tier))
        all_button = QPushButton(self.tr("All"), self)
        none_button = QPushButton(self.tr("None"), self)
        open_button = QPushButton(self.tr("Not answered yet"), self)
        for button, test in ((all_button, lambda i: True), (none_button, lambda i: False),
                             (open_button, lambda i: not i.answered)):  # fmt: skip
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, t=test: self._tick(t))
            self.table.buttons.insertWidget(self.table.buttons.count() - 1, button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _tick(self, test) -> None:  # noqa: ANN001
        for row, invitee in enumerate(self.campaign.invitees):
            state = Qt.CheckState.Checked if test(invitee) else Qt.CheckState.Unchecked
            self.table.item(row, "code").setCheckState(state)

    def chosen_ids(self) -> list[int]:
        return [
            invitee.customer_id
            for row, invitee in enumerate(self.campaign.invitees)
            if self.table.item(row, "code").checkState() == Qt.CheckState.Checked
        ]


class CampaignHistoryDialog(QDialog):
    def __init__(
        self, engine: Engine, campaign: CampaignData, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("History of {number}").format(number=campaign.number))
        self.resize(900, 480)
        self.table = HistoryTable(self)
        self.table.show_rows(
            survey_service.campaign_history(engine, campaign), self._field, self._value
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _field(self, name: str) -> str:
        return {
            "name": self.tr("Name"), "year": self.tr("Year"), "period": self.tr("Period"),
            "period_start": self.tr("Period from"), "period_end": self.tr("Period to"),
            "answer_by": self.tr("Answers due by"), "template_id": self.tr("Template"),
            "target_pct": self.tr("Index target %"), "threshold_pct": self.tr("Item threshold %"),
            "volume_year": self.tr("Volumes of year"), "notes": self.tr("Notes"),
            "status": self.tr("Status"), "closed_on": self.tr("Closed on"),
            "closed_by": self.tr("Closed by"), "reopen_reason": self.tr("Reason for reopening"),
            "number": self.tr("Number"),
        }.get(name, name)  # fmt: skip

    def _value(self, name: str, value: str | None) -> str:
        if value is None:
            return ""
        key = name.rsplit(".", 1)[-1]
        labels = {"period": PERIOD_LABELS, "status": CAMPAIGN_STATUS_LABELS, "tier": TIER_LABELS,
                  "method": METHOD_LABELS}.get(key)  # fmt: skip
        return label(labels, value) if labels and value in labels else value


log = logging.getLogger(__name__)


class CampaignsView(QWidget):
    campaignChosen = Signal(int)  # "Enter answers" for the selected campaign

    def __init__(self, engine: Engine, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.last_export: Path | None = None
        self.ops: list[BackgroundOp] = []
        self.model = CampaignTableModel(self)
        self.view = QTableView(self)
        self._build_view()
        self.results = ResultsPanel(engine, hub, self)

        self.new_button = QPushButton(self.tr("New campaign… (Ctrl+N)"), self)
        self.edit_button = QPushButton(self.tr("Edit campaign…"), self)
        self.edit_button.setToolTip(self.tr("Dates, target, template and the customers asked"))
        self.answers_button = QPushButton(self.tr("Enter answers"), self)
        self.print_button = QPushButton(self.tr("Questionnaires PDF"), self)
        self.print_button.setToolTip(
            self.tr("Blank questionnaires of the invitees as one PDF (Ctrl+P)")
        )
        print_menu = QMenu(self.print_button)
        preview_menu = print_menu.addMenu(self.tr("Preview and print"))
        self.preview_menu = preview_menu
        preview_menu.addAction(
            self.tr("Blank, for every invitee…"),
            lambda: self.print_questionnaires(None, preview=True),
        )
        preview_menu.addAction(self.tr("Blank, for the invitees not answered yet…"),
                               lambda: self.print_questionnaires("open", preview=True))  # fmt: skip
        preview_menu.addAction(
            self.tr("Blank, choose the invitees…"),
            lambda: self.print_questionnaires("ask", preview=True),
        )
        preview_menu.addSeparator()
        preview_menu.addAction(self.tr("Filled in with the answers…"),
                               lambda: self.print_questionnaires(None, filled=True, preview=True))  # fmt: skip
        print_menu.addSeparator()
        print_menu.addAction(
            self.tr("Blank, for every invitee…"), lambda: self.print_questionnaires(None)
        )
        print_menu.addAction(self.tr("Blank, for the invitees not answered yet…"),
                             lambda: self.print_questionnaires("open"))  # fmt: skip
        print_menu.addAction(
            self.tr("Blank, choose the invitees…"), lambda: self.print_questionnaires("ask")
        )
        print_menu.addSeparator()
        print_menu.addAction(self.tr("Filled in with the answers…"),
                             lambda: self.print_questionnaires(None, filled=True))  # fmt: skip
        self.print_button.setMenu(print_menu)
        self.summary_button = QPushButton(self.tr("Summary analysis"), self)
        summary_menu = QMenu(self.summary_button)
        summary_menu.addAction(
            self.tr("As Excel workbook…"), lambda: self.export_summary(as_pdf=False)
        )
        summary_menu.addAction(self.tr("As PDF…"), lambda: self.export_summary(as_pdf=True))
        summary_menu.addAction(
            self.tr("Preview and print…"), lambda: self.export_summary(as_pdf=True, preview=True)
        )
        self.summary_button.setMenu(summary_menu)
        self.loss_button = QPushButton(self.tr("Customer loss…"), self)
        self.loss_button.setToolTip(
            self.tr("Volumes of a year against the year before, per customer (Excel)")
        )
        self.close_button = QPushButton(self.tr("Close campaign…"), self)
        self.close_button.setToolTip(
            self.tr("Analysed: the campaign and its answers become read-only")
        )
        self.reopen_button = QPushButton(self.tr("Reopen…"), self)
        self.history_button = QPushButton(self.tr("History"), self)
        self.targets_button = QPushButton(self.tr("Targets…"), self)
        self.targets_button.setToolTip(
            self.tr("Index targets year by year (95 % → 97 % → 98 %) and the item threshold")
        )
        self.count_label = QLabel(self)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.answers_button, self.print_button,
                       self.summary_button, self.loss_button, self.close_button,
                       self.reopen_button, self.history_button, self.targets_button):  # fmt: skip
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.results)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([170, 480])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.new_button.clicked.connect(self.new_campaign)
        self.edit_button.clicked.connect(self.edit_campaign)
        self.answers_button.clicked.connect(self._enter_answers)
        self.loss_button.clicked.connect(self.export_customer_loss)
        self.close_button.clicked.connect(self.close_campaign)
        self.reopen_button.clicked.connect(self.reopen_campaign)
        self.history_button.clicked.connect(self.show_history)
        self.targets_button.clicked.connect(self.edit_targets)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.results.changed.connect(
            lambda campaign_id: self.refresh(keep=campaign_id, results=False)
        )
        self._editors_op: BackgroundOp | None = None
        self._editors_again = False
        self.editors_timer = QTimer(self)
        self.editors_timer.setInterval(int(editing_presence.HEARTBEAT.total_seconds() * 1000))
        self.editors_timer.timeout.connect(self.refresh_editors)
        self.editors_timer.start()
        self.refresh(results=False)
        self.results.load_when_painted(self.current_id)

    def _build_view(self) -> None:
        view, m = self.view, CampaignTableModel
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(24)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((m.COL_NUMBER, 100), (m.COL_NAME, 150), (m.COL_PERIOD, 190),
                              (m.COL_TEMPLATE, 170), (m.COL_INVITED, 70), (m.COL_ANSWERED, 70),
                              (m.COL_INDEX, 90), (m.COL_TARGET, 60)):  # fmt: skip
            header.resizeSection(column, width)
        view.doubleClicked.connect(lambda _index: self.edit_campaign())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), view, context=Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.edit_campaign)

    # ------------------------------------------------------------------ list

    def refresh(self, keep: int | None = None, results: bool = True) -> None:
        keep = keep or self.current_id()
        self.view.selectionModel().blockSignals(True)
        self.model.set_rows(survey_service.list_campaigns(self.engine))
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.view.selectRow(row)
        self.view.selectionModel().blockSignals(False)
        self.count_label.setText(self.tr("{count} campaign(s)").format(count=self.model.rowCount()))
        if results:
            self.results.load(self.current_id())
        self._update_buttons()
        self.refresh_editors()

    def refresh_editors(self) -> BackgroundOp | None:
        """Read off the GUI thread who else has a listed campaign open (the pen in its row)."""
        if self._editors_op is not None and not self._editors_op.done:
            self._editors_again = True  # the rows changed meanwhile: ask again when it is back
            return self._editors_op
        engine, ids = self.engine, [row.id for row in self.model.rows]

        def work(_progress: object) -> dict[int, list[editing_presence.Editor]]:
            return editing_presence.editing_by_id(engine, SurveyCampaign, ENTITY, ids)

        def done(editors: dict[int, list[editing_presence.Editor]]) -> None:
            self.model.set_editors(editors)
            self._ask_again()

        def failed(error: BaseException) -> None:  # who is editing is a hint; the list stays
            log.warning("who is editing the campaigns: %s", error)
            self._ask_again()

        self._editors_again = False
        self._editors_op = run_in_background(self, work, done, failed)
        return self._editors_op

    def _ask_again(self) -> None:
        if self._editors_again:
            self._editors_again = False
            self._editors_op = None
            self.refresh_editors()

    def current_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def current_row(self):  # noqa: ANN201
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def current_campaign(self) -> CampaignData | None:
        campaign_id = self.current_id()
        return survey_service.get_campaign(self.engine, campaign_id) if campaign_id else None

    def select_campaign(self, campaign_id: int) -> None:
        row = self.model.row_of(campaign_id)
        if row >= 0:
            self.view.selectRow(row)

    def _selection_changed(self) -> None:
        self.results.load(self.current_id())
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current_row()
        chosen = row is not None
        is_open = chosen and row.status == "open"
        for button in (self.answers_button, self.print_button, self.summary_button,
                       self.history_button):  # fmt: skip
            button.setEnabled(chosen)
        self.edit_button.setEnabled(is_open)
        self.close_button.setEnabled(is_open)
        self.reopen_button.setEnabled(chosen and not is_open)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c0392b;" if error else "color: #1e7e34;")

    # ------------------------------------------------------------------ campaigns

    def new_campaign(self) -> CampaignDialog:
        dialog = CampaignDialog(self.engine, self.hub, parent=self)
        dialog.saved.connect(self._saved)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.show()
        return dialog

    def edit_campaign(self) -> CampaignDialog | None:
        campaign_id = self.current_id()
        row = self.current_row()
        if campaign_id is None or row is None or row.status != "open":
            return None
        dialog = CampaignDialog(self.engine, self.hub, campaign_id, parent=self)
        dialog.saved.connect(self._saved)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.show()
        return dialog

    def _saved(self, campaign_id: int) -> None:
        self.refresh(keep=campaign_id)
        self.select_campaign(campaign_id)
        data = survey_service.get_campaign(self.engine, campaign_id)
        if data is not None:
            self.say(self.tr("Saved {number}: {count} customer(s) to ask.").format(
                number=data.number, count=len(data.invitees)))  # fmt: skip

    def _enter_answers(self) -> None:
        campaign_id = self.current_id()
        if campaign_id is not None:
            self.campaignChosen.emit(campaign_id)

    def close_campaign(self) -> bool:
        campaign = self.current_campaign()
        if campaign is None or not campaign.editable:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Close campaign"),
            self.tr(
                "Close {number}? Its answers and actions become read-only; it can be reopened "
                "with a reason."
            ).format(number=campaign.number),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        user = settings_service.current_user(self.engine)
        survey_service.close_campaign(self.engine, campaign.id, user)  # type: ignore[arg-type]
        self.hub.dataChanged.emit(ENTITY, campaign.id or 0)
        self.refresh(keep=campaign.id)
        self.say(self.tr("{number} closed.").format(number=campaign.number))
        return True

    def reopen_campaign(self) -> bool:
        campaign = self.current_campaign()
        if campaign is None or campaign.editable:
            return False
        user = settings_service.current_user(self.engine)

        def submit(reason: str) -> CampaignData:
            return locked_as_validation(
                lambda: survey_service.reopen_campaign(
                    self.engine, campaign.id, reason=reason, user=user
                )  # type: ignore[arg-type]
            )

        dialog = ReasonDialog(
            self.tr("Reopen {number}").format(number=campaign.number),
            self.tr("Reopen the campaign to correct answers or the list. The reason is kept in "
                    "its history."),
            self.tr("Reason *"),
            "reason",
            submit,
            parent=self,
        )  # fmt: skip
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.hub.dataChanged.emit(ENTITY, campaign.id or 0)
        self.refresh(keep=campaign.id)
        self.say(self.tr("{number} reopened.").format(number=campaign.number))
        return True

    def show_history(self) -> CampaignHistoryDialog | None:
        campaign = self.current_campaign()
        if campaign is None:
            return None
        dialog = CampaignHistoryDialog(self.engine, campaign, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def edit_targets(self) -> bool:
        from app.ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.engine, self, hub=self.hub, page="survey_targets")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.say(self.tr("Targets saved; new campaigns take them."))
        return True

    # ------------------------------------------------------------------ exports

    def show_print_menu(self) -> None:
        if self.print_button.isEnabled():
            self.print_button.showMenu()

    def print_questionnaires(
        self, which: list[int] | str | None, filled: bool = False, preview: bool = False
    ) -> BackgroundOp | None:
        """which: customer ids, None for every invitee, "open" for those not answered yet,
        "ask" to tick them in a list."""
        campaign = self.current_campaign()
        if campaign is None:
            return None
        if which == "ask":
            picker = InviteePickDialog(campaign, self)
            if picker.exec() != QDialog.DialogCode.Accepted:
                return None
            which = picker.chosen_ids()
            if not which:
                return None
        elif which == "open":
            which = [i.customer_id for i in campaign.invitees if not i.answered]
        op = export_questionnaires(self, self.engine, campaign, which, current_language(),
                                   self._exported, filled=filled, preview=preview)  # fmt: skip
        if op is not None:
            self.ops.append(op)
        return op

    def export_summary(self, as_pdf: bool, preview: bool = False) -> BackgroundOp | None:
        campaign = self.current_campaign()
        if campaign is None:
            return None
        op = export_summary(
            self, self.engine, campaign, current_language(), self._exported, as_pdf=as_pdf,
            preview=preview,
        )  # fmt: skip
        if op is not None:
            self.ops.append(op)
        return op

    def export_customer_loss(self, year: int | None = None) -> BackgroundOp | None:
        if year is None:
            year, ok = QInputDialog.getInt(
                self,
                self.tr("Customer-loss analysis"),
                self.tr("Compare the volumes of the year (with the year before):"),
                date.today().year - 1,
                2000,
                2100,
            )
            if not ok:
                return None
        op = export_customer_loss(self, self.engine, year, current_language(), self._exported)
        if op is not None:
            self.ops.append(op)
        return op

    def _exported(self, path: Path) -> None:
        self.last_export = path
        self.say(self.tr("Saved {path}").format(path=path))
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 10000)
