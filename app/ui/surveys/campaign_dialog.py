"""A new or changed campaign 调查活动: period, dates, template, target, and the customers to ask.

The customers come proposed by the coverage rules (seed 001): every customer with its tier,
the surveyed tiers ticked. The coverage per tier (customers, required, ticked) follows each
tick. A customer that has answered stays on the list; the template stays once someone answered.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import settings_service, storage_errors, survey_service
from app.services.complaint_data import label
from app.services.conflicts import RecordConflict
from app.services.parsing import parse_date_text, parse_number_text
from app.services.survey_coverage import TIER_ORDER
from app.services.survey_data import (
    PERIOD_LABELS,
    TIER_LABELS,
    TIER_REQUIRED_PCT,
    CampaignData,
    InviteeData,
    Proposal,
    TierCoverage,
)
from app.services.validation import FieldError, RecordLocked, ValidationError
from app.ui.returns.table_model import quantity_text
from app.ui.signals import DataHub
from app.ui.surveys.table_models import ProposalModel, tier_short
from app.ui.widgets import record_conflict
from app.ui.widgets.date_field import DateField
from app.ui.widgets.editing_banner import EditingBanner
from app.ui.widgets.form import ErrorLabel, FieldWithError
from app.ui.widgets.storage import storage_problem

ENTITY = "survey_campaign"
RED, GREEN, GREY = "#c0392b", "#1e7e34", "#6c757d"


class ProposalFilter(QSortFilterProxyModel):
    """Rows of one tier (or all, or only the ticked ones) whose code or name contains a text."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.tier: str | None = None  # None: every tier; "ticked": the ticked customers
        self.text = ""

    def set_tier(self, tier: str | None) -> None:
        self.beginFilterChange()
        self.tier = tier
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, _parent: QModelIndex | QPersistentModelIndex
    ) -> bool:  # noqa: N802
        model: ProposalModel = self.sourceModel()  # type: ignore[assignment]
        row = model.row_at(source_row)
        if row is None:
            return False
        if self.tier == "ticked" and not model.is_ticked(row.customer_id):
            return False
        if self.tier not in (None, "ticked") and row.tier != self.tier:
            return False
        if self.text:
            return self.text in f"{row.customer_code} {row.customer_name}".casefold()
        return True


def coverage(proposals: list[Proposal], ticked: set[int]) -> list[TierCoverage]:
    """Per tier: the customers in it, the share required, and how many are ticked."""
    result = []
    for tier in TIER_ORDER:
        in_tier = [p for p in proposals if p.tier == tier]
        result.append(
            TierCoverage(
                tier=tier,
                required_pct=TIER_REQUIRED_PCT.get(tier),
                customers=len(in_tier),
                invited=sum(1 for p in in_tier if p.customer_id in ticked),
                answered=0,
            )
        )
    return result


class CampaignDialog(QDialog):
    saved = Signal(int)

    def __init__(
        self,
        engine: Engine,
        hub: DataHub,
        campaign_id: int | None = None,
        parent: QWidget | None = None,
        year: int | None = None,
        period: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.user = settings_service.current_user(engine)
        self.data: CampaignData | None = None
        if campaign_id is not None:
            self.data = survey_service.get_campaign(engine, campaign_id)
            if self.data is None:
                raise ValueError(f"no campaign {campaign_id}")
        self.proposals: list[Proposal] = []
        self.stored_invitees: dict[int, InviteeData] = {}
        self.dirty = False
        self._loading = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(1180, screen.width() - 40) if screen else 1180,
                    min(760, screen.height() - 50) if screen else 760)  # fmt: skip
        self._build()
        if self.data is not None:
            self._load(self.data)
        else:
            today = date.today()
            self._loading = True  # one prefill below, not one for each control set here
            self.year.setValue(year or today.year)
            default_period = "h1" if today.month <= 6 else "h2"
            self.period.setCurrentIndex(max(self.period.findData(period or default_period), 0))
            self._loading = False
            self.prefill()

    @property
    def is_new(self) -> bool:
        return self.data is None

    @property
    def answered_ids(self) -> set[int]:
        return {i.customer_id for i in self.stored_invitees.values() if i.answered}

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.period = QComboBox(self)
        for value in PERIOD_LABELS:
            self.period.addItem(label(PERIOD_LABELS, value), value)
        self.name = QLineEdit(self)
        self.period_start = DateField(self)
        self.period_end = DateField(self)
        self.answer_by = DateField(self)
        self.template = QComboBox(self)
        self.template.setMinimumContentsLength(20)
        self.target = QLineEdit(self)
        self.threshold = QLineEdit(self)
        for edit in (self.target, self.threshold):
            edit.setMaximumWidth(80)
        self.volume_year = QSpinBox(self)
        self.volume_year.setRange(2000, 2100)
        self.volume_year.setToolTip(
            self.tr("The year whose annual volumes decide the tiers (the last complete year)")
        )
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(44)
        self.fields: dict[str, FieldWithError] = {}

        def wrap(key: str, editor: QWidget) -> FieldWithError:
            self.fields[key] = FieldWithError(editor)
            return self.fields[key]

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        year_row = QHBoxLayout()
        year_row.addWidget(wrap("year", self.year))
        year_row.addWidget(wrap("period", self.period), 1)
        cells = (
            (0, 0, self.tr("Year and period *"), year_row),
            (0, 2, self.tr("Name *"), wrap("name", self.name)),
            (0, 4, self.tr("Template *"), wrap("template_id", self.template)),
            (1, 0, self.tr("Period from *"), wrap("period_start", self.period_start)),
            (1, 2, self.tr("to *"), wrap("period_end", self.period_end)),
            (1, 4, self.tr("Answers due by"), wrap("answer_by", self.answer_by)),
            (2, 0, self.tr("Index target % *"), wrap("target_pct", self.target)),
            (2, 2, self.tr("Item threshold % *"), wrap("threshold_pct", self.threshold)),
            (2, 4, self.tr("Volumes of year *"), wrap("volume_year", self.volume_year)),
            (3, 0, self.tr("Notes"), wrap("notes", self.notes)),
        )
        year_label = self.tr("Year and period *").rstrip(" *")
        self.field_labels = {"year": year_label, "period": year_label}  # for the trail's paths
        for _row, _column, text, widget in cells:
            for key, field in self.fields.items():
                if field is widget:
                    self.field_labels[key] = text.rstrip(" *")
        for row, column, text, widget in cells:
            caption = QLabel(text, self)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(caption, row, column)
            if isinstance(widget, QHBoxLayout):
                grid.addLayout(widget, row, column + 1)
            else:
                grid.addWidget(widget, row, column + 1, 1, 5 if row == 3 else 1)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        self.threshold.setToolTip(
            self.tr("An item whose average is below this needs an improvement action")
        )
        self.answer_by.setToolTip(self.tr("A later answer is accepted and marked late"))

        # the customers: proposal table with its filter, coverage beside it
        self.model = ProposalModel(self)
        self.proxy = ProposalFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        m = ProposalModel
        for column, width in ((m.COL_PICK, 30), (m.COL_CODE, 90), (m.COL_CUSTOMER, 230),
                              (m.COL_TIER, 150), (m.COL_VOLUME, 110), (m.COL_YEARS, 70),
                              (m.COL_POTENTIAL, 70)):  # fmt: skip
            header.resizeSection(column, width)
        self.tier_filter = QComboBox(self)
        self.tier_filter.addItem(self.tr("All tiers"), None)
        self.tier_filter.addItem(self.tr("Ticked customers"), "ticked")
        for tier in TIER_ORDER:
            self.tier_filter.addItem(label(TIER_LABELS, tier), tier)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Find code or name"))
        self.search.setClearButtonEnabled(True)
        self.tick_button = QPushButton(self.tr("Tick shown"), self)
        self.untick_button = QPushButton(self.tr("Untick shown"), self)
        self.tick_button.setToolTip(
            self.tr("Tick every customer the filter shows (space ticks the selected ones)")
        )
        self.repropose_button = QPushButton(self.tr("Propose again"), self)
        self.repropose_button.setToolTip(
            self.tr("Tick exactly the customers the coverage rules ask for (the surveyed tiers)")
        )
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.tier_filter, 2)
        filter_row.addWidget(self.search, 2)
        for button in (self.tick_button, self.untick_button, self.repropose_button):
            button.setAutoDefault(False)
            filter_row.addWidget(button)
        self.invitees_field = ErrorLabel(self)
        customers_box = QGroupBox(self.tr("Customers to ask"), self)
        customers_layout = QVBoxLayout(customers_box)
        customers_layout.addLayout(filter_row)
        customers_layout.addWidget(self.table, 1)
        customers_layout.addWidget(self.invitees_field)

        self.coverage_table = QTableWidget(len(TIER_ORDER), 4, self)
        self.coverage_table.setHorizontalHeaderLabels(
            [self.tr("Tier"), self.tr("Customers"), self.tr("Required"), self.tr("Ticked")]
        )
        self.coverage_table.verticalHeader().hide()
        self.coverage_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.coverage_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.coverage_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        cover_header = self.coverage_table.horizontalHeader()
        cover_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            cover_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.coverage_note = QLabel(self)
        self.coverage_note.setWordWrap(True)
        coverage_box = QGroupBox(self.tr("Coverage: required share per tier"), self)
        coverage_layout = QVBoxLayout(coverage_box)
        coverage_layout.addWidget(self.coverage_table, 1)
        coverage_layout.addWidget(self.coverage_note)
        splitter = QSplitter(self)
        splitter.addWidget(customers_box)
        splitter.addWidget(coverage_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([780, 340])

        self.message = ErrorLabel(self)
        self.save_button = QPushButton(self)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 3)
        buttons.addStretch(1)
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.header = QLabel(self)
        self.editing = EditingBanner(self.engine, ENTITY, self.user, self)
        self.finished.connect(self.editing.stop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.editing)
        layout.addLayout(grid)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        save = QAction(self)
        save.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        save.triggered.connect(self.save)
        self.addAction(save)
        toggle = QAction(self.table)
        toggle.setShortcut(QKeySequence(Qt.Key.Key_Space))
        toggle.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        toggle.triggered.connect(self.toggle_selected)
        self.table.addAction(toggle)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.close)
        self.year.valueChanged.connect(self._period_changed)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.volume_year.valueChanged.connect(self._volume_year_changed)
        self.tier_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_tier(self.tier_filter.currentData())
        )
        self.search.textChanged.connect(self.proxy.set_text)
        self.tick_button.clicked.connect(lambda: self.tick_shown(True))
        self.untick_button.clicked.connect(lambda: self.tick_shown(False))
        self.repropose_button.clicked.connect(self.tick_proposed)
        self.model.ticksChanged.connect(self._ticks_changed)
        for signal in (self.name.textChanged, self.period_start.line.textChanged,
                       self.period_end.line.textChanged, self.answer_by.line.textChanged,
                       self.template.currentIndexChanged, self.target.textChanged,
                       self.threshold.textChanged, self.notes.textChanged):  # fmt: skip
            signal.connect(self._mark_dirty)

    # ------------------------------------------------------------------ showing

    def _fill_templates(self, chosen: int | None, chosen_label: str) -> None:
        self.template.clear()
        for template_id, text in survey_service.template_choices(self.engine):
            self.template.addItem(text, template_id)
        if chosen is not None and self.template.findData(chosen) < 0:
            self.template.addItem(chosen_label or str(chosen), chosen)  # an old version kept
        self.template.setCurrentIndex(max(self.template.findData(chosen), 0))

    def _show_fields(self, data: CampaignData) -> None:
        self.name.setText(data.name)
        self.period_start.set_date(data.period_start)
        self.period_end.set_date(data.period_end)
        self.answer_by.set_date(data.answer_by)
        self._fill_templates(data.template_id, data.template_label)
        self.target.setText(quantity_text(data.target_pct))
        self.threshold.setText(quantity_text(data.threshold_pct))
        self.volume_year.blockSignals(True)
        self.volume_year.setValue(data.volume_year or (data.year - 1))
        self.volume_year.blockSignals(False)
        self.notes.setPlainText(data.notes)

    def prefill(self) -> None:
        """A new campaign for the chosen year and period, as the services propose it."""
        self._loading = True
        data, self.proposals = survey_service.new_campaign_and_proposals(
            self.engine, self.year.value(), self.period.currentData(), user=self.user
        )
        self._show_fields(data)
        self.model.set_proposals(self.proposals, {i.customer_id for i in data.invitees}, set())
        self._loading = False
        self._update_coverage()
        self._update_state()
        self.show_errors({})

    def _load(self, data: CampaignData) -> None:
        self._loading = True
        self.editing.watch(data.uuid, editing=data.editable)
        self.year.setValue(data.year)
        self.period.setCurrentIndex(max(self.period.findData(data.period), 0))
        self._show_fields(data)
        self.stored_invitees = {i.customer_id: i for i in data.invitees}
        self.proposals = self._proposals_for(data.volume_year, data.period_start)
        self.model.set_proposals(self.proposals, set(self.stored_invitees), self.answered_ids)
        self.template.setEnabled(not self.answered_ids)
        if self.answered_ids:
            self.template.setToolTip(self.tr("Customers have answered: the template stays"))
        self._loading = False
        self._update_coverage()
        self._update_state()
        self.show_errors({})

    def _proposals_for(self, volume_year: int, on: date | None) -> list[Proposal]:
        """Every customer with its tier; invited customers keep the tier stored with them."""
        proposals = survey_service.propose(
            self.engine, volume_year=volume_year, on=on or date.today()
        )
        by_id = {p.customer_id: p for p in proposals}
        for customer_id, invitee in self.stored_invitees.items():
            found = by_id.get(customer_id)
            if found is None:
                by_id[customer_id] = Proposal(
                    customer_id, invitee.customer_code, invitee.customer_name, invitee.tier,
                    None, None, False, invitee.contact_name, invitee.contact_phone,
                )  # fmt: skip
            elif invitee.tier:
                by_id[customer_id] = replace(found, tier=invitee.tier,
                                             contact_name=invitee.contact_name,
                                             contact_phone=invitee.contact_phone)  # fmt: skip
        result = list(by_id.values())
        result.sort(key=lambda p: (TIER_ORDER.index(p.tier) if p.tier in TIER_ORDER else 99,
                                   -(p.volume_wan or 0), p.customer_code))  # fmt: skip
        return result

    def _update_state(self) -> None:
        if self.is_new:
            title = self.tr("New survey campaign")
            self.save_button.setText(self.tr("Create campaign"))
        else:
            title = self.tr("Survey campaign {number}").format(number=self.data.number)
            self.save_button.setText(self.tr("Save"))
        self.year.setEnabled(self.is_new)
        self.period.setEnabled(self.is_new)
        header = f"<b style='font-size:14px'>{title}</b>"
        twins = self.same_period_campaigns() if self.is_new else []
        if twins:
            note = self.tr("This period has a campaign already: {numbers}").format(
                numbers="、".join(twins)
            )
            header += f" &nbsp; <span style='color:{RED}'>{note}</span>"
        self.header.setText(header)
        self.setWindowTitle(title + (" *" if self.dirty else ""))

    def same_period_campaigns(self) -> list[str]:
        """Numbers of the stored campaigns over the same dates (a second one is rarely meant)."""
        try:
            start = parse_date_text(self.period_start.text())
            end = parse_date_text(self.period_end.text())
        except ValueError:
            return []
        return [
            row.number
            for row in survey_service.list_campaigns(self.engine)
            if (row.period_start, row.period_end) == (start, end)
        ]

    def _period_changed(self) -> None:
        if self._loading or not self.is_new:
            return
        self.prefill()
        self._mark_dirty()

    def _volume_year_changed(self) -> None:
        if self._loading:
            return
        try:
            on = parse_date_text(self.period_start.text())
        except ValueError:
            on = None
        ticked = set(self.model.ticked)
        self.proposals = self._proposals_for(self.volume_year.value(), on)
        self.model.set_proposals(self.proposals, ticked, self.answered_ids)
        self._update_coverage()
        self._mark_dirty()

    def _mark_dirty(self, *_args: object) -> None:
        if self._loading:
            return
        if not self.dirty:
            self.dirty = True
            self._update_state()

    # ------------------------------------------------------------------ ticking

    def _ticks_changed(self) -> None:
        self._update_coverage()
        self._mark_dirty()

    def shown_ids(self) -> list[int]:
        ids = []
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            found = self.model.row_at(source.row())
            if found is not None:
                ids.append(found.customer_id)
        return ids

    def tick_shown(self, ticked: bool) -> None:
        self.model.set_ticked(self.shown_ids(), ticked)

    def toggle_selected(self) -> None:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        ids = [p.customer_id for r in rows if (p := self.model.row_at(r)) is not None]
        if not ids:
            return
        tick = not all(self.model.is_ticked(i) for i in ids)
        self.model.set_ticked(ids, tick)

    def tick_proposed(self) -> None:
        """Tick the surveyed tiers only (answered customers stay ticked)."""
        wanted = {p.customer_id for p in self.proposals if p.tier in TIER_REQUIRED_PCT}
        others = [p.customer_id for p in self.proposals if p.customer_id not in wanted]
        self.model.set_ticked(list(wanted), True)
        self.model.set_ticked(others, False)

    def coverage(self) -> list[TierCoverage]:
        return coverage(self.proposals, self.model.ticked)

    def _update_coverage(self) -> None:
        rows = self.coverage()
        short = []
        for r, tier in enumerate(rows):
            required = tier.required if tier.required_pct else None
            values = [tier_short(tier.tier), str(tier.customers),
                      "" if required is None else str(required), str(tier.invited)]  # fmt: skip
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setToolTip(label(TIER_LABELS, tier.tier))
                self.coverage_table.setItem(r, c, item)
            ticked_item = self.coverage_table.item(r, 3)
            if required is not None:
                ok = tier.invited >= required
                ticked_item.setForeground(QBrush(QColor(GREEN if ok else RED)))
                if not ok:
                    short.append(tier_short(tier.tier))
        total = len(self.model.ticked)
        if short:
            text = self.tr("{count} customer(s) ticked. Too few in: {tiers}.").format(
                count=total, tiers="、".join(short)
            )
            self.coverage_note.setStyleSheet(f"color: {RED};")
        else:
            text = self.tr("{count} customer(s) ticked. Every required tier is covered.").format(
                count=total
            )
            self.coverage_note.setStyleSheet(f"color: {GREEN};")
        self.coverage_note.setText(text)

    # ------------------------------------------------------------------ saving

    def collect(self) -> tuple[CampaignData, dict[str, str]]:
        lang = current_language()
        errors: dict[str, str] = {}
        data = CampaignData() if self.data is None else replace(self.data)
        data.year = self.year.value()
        data.period = self.period.currentData()
        data.name = self.name.text()
        data.template_id = self.template.currentData()
        data.volume_year = self.volume_year.value()
        data.notes = self.notes.toPlainText()
        for key, field in (("period_start", self.period_start), ("period_end", self.period_end),
                           ("answer_by", self.answer_by)):  # fmt: skip
            try:
                setattr(data, key, parse_date_text(field.text()))
            except ValueError:
                errors[key] = FieldError("date_shape").message(lang)
                setattr(data, key, None)
        for key, edit in (("target_pct", self.target), ("threshold_pct", self.threshold)):
            try:
                setattr(data, key, parse_number_text(edit.text().rstrip("%").strip()))
            except ValueError:
                errors[key] = FieldError("number_shape").message(lang)
                setattr(data, key, None)
        by_id = {p.customer_id: p for p in self.proposals}
        data.invitees = []
        for customer_id in sorted(
            self.model.ticked, key=lambda i: by_id[i].customer_code if i in by_id else ""
        ):
            stored = self.stored_invitees.get(customer_id)
            if stored is not None:
                data.invitees.append(replace(stored))
                continue
            p = by_id[customer_id]
            data.invitees.append(
                InviteeData(
                    customer_id=p.customer_id,
                    tier=p.tier,
                    contact_name=p.contact_name,
                    contact_phone=p.contact_phone,
                    customer_code=p.customer_code,
                    customer_name=p.customer_name,
                )  # fmt: skip
            )
        return data, errors

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        for key, wrapped in self.fields.items():
            wrapped.set_error(errors.get(key, ""))
        invitees = [m for p, m in errors.items() if p.startswith("invitees")]
        self.invitees_field.show_message("\n".join(invitees))
        return [m for p, m in errors.items()
                if p not in self.fields and not p.startswith("invitees")]  # fmt: skip

    def save(self) -> bool:
        data, typing_errors = self.collect()
        try:
            if typing_errors:
                try:
                    survey_service.validate_campaign(data)
                except ValidationError as error:
                    raise ValidationError(error.errors) from None
                raise ValidationError({})
            if data.id is None:
                stored = survey_service.create_campaign(self.engine, data, self.user)
            else:
                stored = survey_service.update_campaign(self.engine, data, self.user)
        except ValidationError as error:
            messages = {**error.messages(current_language()), **typing_errors}
            others = self.show_errors(messages)
            self.say("\n".join([self.tr("Not saved: please correct the marked fields."), *others]))
            return False
        except RecordLocked:
            self.say(FieldError("survey_locked").message(current_language()))
            return False
        except RecordConflict as conflict:
            return self._resolve_conflict(conflict)
        except storage_errors.STORAGE_ERRORS as error:
            self.say(storage_problem(error))
            return False
        self.data = stored
        self.dirty = False
        self.hub.dataChanged.emit(ENTITY, stored.id or 0)
        self.saved.emit(stored.id or 0)
        self.accept()
        return True

    def _resolve_conflict(self, conflict: RecordConflict) -> bool:
        """Someone saved the campaign while it was open here: say who, when and what, then
        save the typed values over theirs, show theirs, or leave the form as it is."""
        choice = record_conflict.ask(self, conflict, lambda path: self.field_labels.get(path, path))
        stored = survey_service.get_campaign(self.engine, conflict.record_id)
        if stored is None or choice is None:
            self.say(
                self.tr(
                    "Not saved: {user} saved this campaign meanwhile. Your entries are still in the form."
                ).format(user=conflict.user or "?")  # fmt: skip
            )
            return False
        if choice == record_conflict.DISCARD:
            self.data = stored
            self._load(stored)
            self.dirty = False
            self.say(self.tr("Showing the campaign as {user} saved it.").format(user=conflict.user))
            return False
        data, _errors = self.collect()
        self.data = replace(data, version=stored.version, updated_at=stored.updated_at)
        return self.save()  # the typed values, on top of the version now stored

    def say(self, text: str) -> None:
        self.message.show_message(text)

    # ------------------------------------------------------------------ closing

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.dirty and self.result() != QDialog.DialogCode.Accepted:
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved changes"),
                self.tr("This campaign has unsaved changes. Save them?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Save and not self.save():
                event.ignore()
                return
        event.accept()

    def reject(self) -> None:
        if self.dirty:
            self.close()
            if self.isVisible():
                return
        super().reject()
