"""The results of one campaign 汇总分析: index against the target, response rate, coverage per
tier, item averages (below the threshold in red, with improvement actions), trend, competitors
and loyalty (SPEC §2.4; seed 002 §5.2.2)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import complaint_settings, settings_service, survey_service
from app.services.complaint_data import ACTION_KIND_LABELS, label
from app.services.survey_data import (
    KEEP_BUYING_LABELS,
    TIER_LABELS,
    CampaignResults,
    ItemResult,
    TrendPoint,
)
from app.services.survey_results import campaign_results
from app.services.validation import FieldError, RecordLocked, ValidationError
from app.ui.locale_format import date_text
from app.ui.signals import DataHub
from app.ui.surveys.table_models import pct_text, tier_short
from app.ui.widgets.action_dialogs import (
    RescheduleActionDialog,
    VerifyActionDialog,
    WorkflowDialog,
    text_edit,
)
from app.ui.widgets.actions_panel import ActionsPanel
from app.ui.widgets.date_field import DateField

GREEN, RED, AMBER, GREY = "#1e7e34", "#c0392b", "#b45309", "#6c757d"
BELOW_BACKGROUND = QColor("#f8d7da")
PAGE_ITEMS, PAGE_COVERAGE, PAGE_TREND, PAGE_CUSTOMERS, PAGE_ACTIONS = range(5)


def locked_as_validation(call):  # noqa: ANN001, ANN201
    """A closed campaign is refused with the survey's own message next to the dialog."""
    try:
        return call()
    except RecordLocked:
        raise ValidationError({"status": FieldError("survey_locked")}) from None


def _item(text: str, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class TrendChart(QWidget):
    """The index of the last campaigns as bars, each with its target as a line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[TrendPoint] = []
        self.setMinimumHeight(180)

    def set_points(self, points: list[TrendPoint]) -> None:
        self.points = list(points)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(40, 12, -12, -40)
        metrics = painter.fontMetrics()
        if not self.points or rect.width() <= 0 or rect.height() <= 0:
            painter.setPen(QColor(GREY))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No campaigns yet"))
            return
        values = [p.index_pct for p in self.points if p.index_pct is not None]
        values += [p.target_pct for p in self.points]
        low = max(0.0, (min(values) // 10) * 10 - 10) if values else 0.0
        high = 100.0

        def y_of(value: float) -> float:
            return rect.bottom() - (value - low) / (high - low) * rect.height()

        painter.setPen(QPen(QColor("#dee2e6")))
        for tick in range(int(low), 101, 10):
            y = y_of(tick)
            painter.drawLine(rect.left(), int(y), rect.right(), int(y))
            painter.setPen(QColor(GREY))
            painter.drawText(QRectF(0, y - 8, 36, 16), Qt.AlignmentFlag.AlignRight, f"{tick}")
            painter.setPen(QPen(QColor("#dee2e6")))
        slot = rect.width() / len(self.points)
        bar = min(48.0, slot * 0.55)
        for i, point in enumerate(self.points):
            x = rect.left() + slot * i + (slot - bar) / 2
            last = i == len(self.points) - 1
            if point.index_pct is not None:
                met = point.index_pct >= point.target_pct
                colour = QColor(GREEN if met else RED)
                if not last:
                    colour.setAlpha(150)
                top = y_of(point.index_pct)
                painter.fillRect(QRectF(x, top, bar, rect.bottom() - top), QBrush(colour))
                painter.setPen(QColor("#212529"))
                painter.drawText(QRectF(x - 10, top - 16, bar + 20, 14),
                                 Qt.AlignmentFlag.AlignCenter, f"{point.index_pct:.1f}")  # fmt: skip
            pen = QPen(QColor("#1f6feb"))
            pen.setWidth(2)
            painter.setPen(pen)
            y = y_of(point.target_pct)
            painter.drawLine(int(x - 6), int(y), int(x + bar + 6), int(y))
            painter.setPen(QColor("#212529"))
            font = QFont(painter.font())
            font.setBold(last)
            painter.setFont(font)
            caption = metrics.elidedText(
                point.name or point.number, Qt.TextElideMode.ElideRight, int(slot) - 4
            )
            painter.drawText(QRectF(rect.left() + slot * i, rect.bottom() + 4, slot, 16),
                             Qt.AlignmentFlag.AlignCenter, caption)  # fmt: skip
            painter.setPen(QColor(GREY))
            painter.drawText(QRectF(rect.left() + slot * i, rect.bottom() + 20, slot, 16),
                             Qt.AlignmentFlag.AlignCenter,
                             self.tr("{n} answer(s)").format(n=point.responses))  # fmt: skip
        self._legend(painter, rect.right(), rect.top())
        painter.end()

    def _legend(self, painter: QPainter, right: int, top: int) -> None:
        painter.setFont(QFont(self.font()))
        entries = [(QColor(GREEN), self.tr("index, target met"), False),
                   (QColor(RED), self.tr("index, target not met"), False),
                   (QColor("#1f6feb"), self.tr("target"), True)]  # fmt: skip
        metrics = painter.fontMetrics()
        width = max(metrics.horizontalAdvance(text) for _c, text, _l in entries) + 30
        x = right - width
        painter.fillRect(
            QRectF(x - 6, top - 4, width + 8, 18 * len(entries) + 4), QColor(255, 255, 255, 220)
        )
        for i, (colour, text, line) in enumerate(entries):
            y = top + 18 * i
            if line:
                pen = QPen(colour)
                pen.setWidth(2)
                painter.setPen(pen)
                painter.drawLine(x, y + 7, x + 18, y + 7)
            else:
                painter.fillRect(QRectF(x + 4, y + 2, 10, 10), colour)
            painter.setPen(QColor("#212529"))
            painter.drawText(QRectF(x + 24, y, width, 16), Qt.AlignmentFlag.AlignVCenter, text)


class ImprovementActionDialog(WorkflowDialog):
    """An improvement action for one item of the campaign, with a responsible unit."""

    def __init__(
        self,
        results: CampaignResults,
        item_key: str,
        departments: list[str],
        submit,  # noqa: ANN001
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Improvement action for survey {number}").format(number=results.campaign.number),
            self.tr("An item below the threshold needs an improvement action with a responsible "
                    "unit. It is verified like any other action."),
            parent,
        )  # fmt: skip
        self.setMinimumWidth(560)
        self._submit = submit
        self.results = results
        self.item = QComboBox()
        for item in results.items:
            self.item.addItem(f"{item.name}  {pct_text(item.average_pct)}", item.key)
        self.item.setCurrentIndex(max(self.item.findData(item_key), 0))
        self.kind = QComboBox()
        for value in ACTION_KIND_LABELS:
            self.kind.addItem(label(ACTION_KIND_LABELS, value), value)
        self.description = text_edit(height=90)
        self.department = QComboBox()
        self.department.setEditable(True)
        self.department.addItems(departments)
        self.department.setCurrentIndex(-1)
        self.owner = QLineEdit()
        self.due = DateField()
        self.due.set_date(date.today() + timedelta(days=30))
        self.add_field("item_key", self.tr("Item"), self.item)
        self.add_field("kind", self.tr("Type"), self.kind)
        self.add_field("description", self.tr("Action *"), self.description)
        self.add_field("department", self.tr("Department"), self.department)
        self.add_field("owner", self.tr("Responsible"), self.owner)
        self.add_field("due", self.tr("Due *"), self.due)
        self.item.currentIndexChanged.connect(self._prefill)
        self._prefill()
        self.description.setFocus()

    def suggested(self, item: ItemResult) -> str:
        return self.tr(
            "Survey {campaign}: “{item}” averages {average}, below the threshold {threshold}. "
            "Find the causes with the customers' comments and improve."
        ).format(
            campaign=self.results.campaign.name or self.results.campaign.number,
            item=item.name,
            average=pct_text(item.average_pct) or "—",
            threshold=pct_text(self.results.campaign.threshold_pct, 0),
        )

    def _prefill(self) -> None:
        key = self.item.currentData()
        item = next((i for i in self.results.items if i.key == key), None)
        if item is not None:
            self.description.setPlainText(self.suggested(item))

    def submit(self) -> object:
        errors: dict[str, FieldError] = {}
        try:
            due = self.due.date()
        except ValueError:
            due = None
            errors["due"] = FieldError("date_shape")
        if due is None and "due" not in errors:
            errors["due"] = FieldError("required")
        if not self.description.toPlainText().strip():
            errors["description"] = FieldError("required")
        if errors:
            raise ValidationError(errors)
        return self._submit(
            item_key=self.item.currentData(),
            kind=self.kind.currentData(),
            description=self.description.toPlainText(),
            department=self.department.currentText(),
            owner=self.owner.text(),
            due=due,
        )


class ResultsPanel(QWidget):
    """Shows campaign_results of one campaign; opens and follows its improvement actions."""

    changed = Signal(int)  # the campaign's actions changed (campaign id)

    def __init__(self, engine: Engine, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.results: CampaignResults | None = None
        self.loads = 0  # how often results were read (a change reloads them once)
        self._pending: Callable[[], int | None] | None = None  # load_when_painted
        self.departments = complaint_settings.load(engine).departments
        self.headline = QLabel(self)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setObjectName("indexHeadline")
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.pages = QTabWidget(self)

        # items
        self.items = _table(
            [self.tr("Item"), self.tr("Weight"), self.tr("Answers"), self.tr("Average"),
             self.tr("Importance"), self.tr("Better"), self.tr("Same"), self.tr("Worse"),
             self.tr("Action")],
            self,
        )  # fmt: skip
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.items.horizontalHeader().setStretchLastSection(False)
        self.action_button = QPushButton(self.tr("Open improvement action…"), self)
        self.action_button.setToolTip(
            self.tr("An action with a responsible unit for the selected item")
        )
        self.items_note = QLabel(self)
        self.items_note.setStyleSheet(f"color: {GREY};")
        items_page = QWidget(self)
        items_layout = QVBoxLayout(items_page)
        items_layout.addWidget(self.items, 1)
        items_row = QHBoxLayout()
        items_row.addWidget(self.items_note, 1)
        items_row.addWidget(self.action_button)
        items_layout.addLayout(items_row)
        self.pages.addTab(items_page, self.tr("Items"))

        # coverage
        self.coverage = _table(
            [self.tr("Tier"), self.tr("Customers"), self.tr("Required"), self.tr("Invited"),
             self.tr("Answered"), self.tr("Achieved"), self.tr("Met")],
            self,
        )  # fmt: skip
        self.coverage.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.coverage.horizontalHeader().setStretchLastSection(False)
        self.pages.addTab(self.coverage, self.tr("Coverage"))

        # trend
        self.trend_chart = TrendChart(self)
        self.trend = _table(
            [self.tr("Number"), self.tr("Campaign"), self.tr("Period from"), self.tr("Answers"),
             self.tr("Index"), self.tr("Target")],
            self,
        )  # fmt: skip
        self.trend.setMaximumHeight(150)
        self.trend.horizontalHeader().setStretchLastSection(False)
        self.trend.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        trend_page = QWidget(self)
        trend_layout = QVBoxLayout(trend_page)
        trend_layout.addWidget(self.trend_chart, 1)
        trend_layout.addWidget(self.trend)
        self.pages.addTab(trend_page, self.tr("Trend"))

        # customers
        self.customers = _table(
            [self.tr("Code"), self.tr("Customer"), self.tr("Tier"), self.tr("Index"),
             self.tr("Answered on"), self.tr("Marks"), self.tr("Keep buying"),
             self.tr("Recommend")],
            self,
        )  # fmt: skip
        self.pages.addTab(self.customers, self.tr("Answered customers"))

        # actions
        self.actions_panel = ActionsPanel(self.departments, self)
        self.actions_panel.table.add_button.hide()
        self.actions_panel.table.remove_button.hide()
        self.save_actions_button = QPushButton(self.tr("Save actions"), self)
        self.save_actions_button.setToolTip(
            self.tr("Store what was typed in the table (done dates, owners, due dates)")
        )
        self.actions_panel.table.buttons.insertWidget(0, self.save_actions_button)
        self.actions_message = QLabel(self)
        self.actions_message.setWordWrap(True)
        actions_page = QWidget(self)
        actions_layout = QVBoxLayout(actions_page)
        actions_layout.addWidget(self.actions_panel, 1)
        actions_layout.addWidget(self.actions_message)
        self.pages.addTab(actions_page, self.tr("Improvement actions"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addWidget(self.pages, 1)

        self.action_button.clicked.connect(self.open_action)
        self.items.itemSelectionChanged.connect(self._update_buttons)
        self.items.doubleClicked.connect(lambda _index: self.open_action())
        self.save_actions_button.clicked.connect(self.save_actions)
        self.actions_panel.verifyRequested.connect(self.verify_action)
        self.actions_panel.rescheduleRequested.connect(self.reschedule_action)
        self.show_results(None)

    # ------------------------------------------------------------------ showing

    @property
    def campaign_id(self) -> int | None:
        return self.results.campaign.id if self.results else None

    @property
    def editable(self) -> bool:
        return self.results is not None and self.results.campaign.editable

    def load_when_painted(self, campaign_id: Callable[[], int | None]) -> None:
        """Read the results once the panel is on screen (the campaign chosen then): at start-up
        the surveys tab is built but not shown, and its results take a while to count."""
        self._pending = campaign_id
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self._pending is not None:
            QTimer.singleShot(0, self, self._load_pending)

    def _load_pending(self) -> None:
        if self._pending is not None:
            self.load(self._pending())

    def load(self, campaign_id: int | None) -> None:
        self._pending = None
        self.loads += 1
        self.show_results(campaign_results(self.engine, campaign_id) if campaign_id else None)

    def show_results(self, results: CampaignResults | None) -> None:
        self.results = results
        if results is None:
            text = self.tr("Select a campaign to see its results.")
            self.headline.setText(f"<span style='color:{GREY}'>{text}</span>")
            self.details.setText("")
            for table in (self.items, self.coverage, self.trend, self.customers):
                table.setRowCount(0)
            self.trend_chart.set_points([])
            self.actions_panel.set_actions([])
            self.items_note.setText("")
            self._update_buttons()
            return
        self._show_headline(results)
        self._show_items(results)
        self._show_coverage(results)
        self._show_trend(results)
        self._show_customers(results)
        self._show_actions(results)
        self._update_buttons()

    def _show_headline(self, r: CampaignResults) -> None:
        c = r.campaign
        target = pct_text(c.target_pct, 0)
        if r.index_pct is None:
            nothing = self.tr("no answers yet")
            index = f"<span style='color:{GREY}'>{nothing}</span>"
            verdict = ""
        else:
            colour = GREEN if r.target_met else RED
            index = f"<span style='color:{colour}; font-size:20px; font-weight:bold'>{pct_text(r.index_pct)}</span>"
            verdict_text = self.tr("target met") if r.target_met else self.tr("target not met")
            verdict = f" <span style='color:{colour}; font-weight:bold'>{verdict_text}</span>"
        title = self.tr("Satisfaction index")
        target_text = self.tr("target {target}").format(target=target)
        self.headline.setText(
            f"<b>{c.number} {c.name}</b> · {title} {index} · {target_text}{verdict}"
        )
        rate = pct_text(r.response_rate_pct, 0) or "—"
        parts = [
            self.tr("Response rate {rate} ({answered} of {invited})").format(
                rate=rate, answered=r.answered, invited=r.invited
            ),
            self.tr("late {late}").format(late=r.late),
            self.tr("partial {partial}").format(partial=r.partial),
        ]
        if c.template_id is not None and r.template.ask_loyalty:
            keep = "、".join(
                f"{label(KEEP_BUYING_LABELS, k)} {r.keep_buying.get(k, 0)}"
                for k in KEEP_BUYING_LABELS
            )
            parts.append(self.tr("Keep buying: {counts}").format(counts=keep))
            if r.recommend_avg is not None:
                parts.append(
                    self.tr("Recommend {avg} / 10 (promoters {p}, detractors {d}, NPS {nps})").format(
                        avg=f"{r.recommend_avg:.1f}", p=r.promoters, d=r.detractors,
                        nps=f"{r.nps:+.0f}" if r.nps is not None else "—",
                    )
                )  # fmt: skip
        status = self.tr("closed {day} by {who}").format(
            day=date_text(c.closed_on), who=c.closed_by
        ) if c.status == "closed" else self.tr("open")  # fmt: skip
        parts.append(status)
        self.details.setText(" · ".join(parts))

    def _show_items(self, r: CampaignResults) -> None:
        self.items.setRowCount(len(r.items))
        below = 0
        for row, item in enumerate(r.items):
            values = [
                (item.name, False), (f"{item.weight:g} %", True), (str(item.answered), True),
                (pct_text(item.average_pct), True),
                ("" if item.importance_avg is None else f"{item.importance_avg:.1f}", True),
                (str(item.better), True), (str(item.same), True), (str(item.worse), True),
                (self.tr("opened") if item.has_action else "", False),
            ]  # fmt: skip
            for column, (text, number) in enumerate(values):
                cell = _item(text, number)
                cell.setData(Qt.ItemDataRole.UserRole, item.key)
                if item.below_threshold:
                    cell.setBackground(QBrush(BELOW_BACKGROUND))
                    if column == 3:
                        cell.setForeground(QBrush(QColor(RED)))
                        font = cell.font()
                        font.setBold(True)
                        cell.setFont(font)
                        cell.setToolTip(self.tr("Below the threshold {threshold}: an improvement action is needed").format(
                            threshold=pct_text(r.campaign.threshold_pct, 0)))  # fmt: skip
                if column == 8 and item.has_action:
                    cell.setForeground(QBrush(QColor(GREEN)))
                self.items.setItem(row, column, cell)
            below += item.below_threshold
        self.items.resizeColumnsToContents()
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        without = sum(1 for i in r.items if i.below_threshold and not i.has_action)
        threshold = pct_text(r.campaign.threshold_pct, 0)
        if below:
            text = self.tr("{below} item(s) below the threshold {threshold}; {without} without an action.").format(
                below=below, threshold=threshold, without=without)  # fmt: skip
        else:
            text = self.tr("No item below the threshold {threshold}.").format(threshold=threshold)
        self.items_note.setText(text)
        self.items_note.setStyleSheet(f"color: {RED if without else GREY};")

    def _show_coverage(self, r: CampaignResults) -> None:
        self.coverage.setRowCount(len(r.coverage))
        for row, tier in enumerate(r.coverage):
            required = str(tier.required) if tier.required_pct else ""
            met = "" if not tier.required_pct else (self.tr("yes") if tier.met else self.tr("no"))
            values = [label(TIER_LABELS, tier.tier), str(tier.customers), required, str(tier.invited),
                      str(tier.answered), pct_text(tier.achieved_pct, 0), met]  # fmt: skip
            for column, text in enumerate(values):
                cell = _item(text, column > 0)
                if column == 6 and tier.required_pct:
                    cell.setForeground(QBrush(QColor(GREEN if tier.met else RED)))
                self.coverage.setItem(row, column, cell)
        self.coverage.resizeColumnsToContents()
        self.coverage.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _show_trend(self, r: CampaignResults) -> None:
        self.trend_chart.set_points(r.trend)
        self.trend.setRowCount(len(r.trend))
        for row, point in enumerate(r.trend):
            values = [point.number, point.name, date_text(point.period_start),
                      str(point.responses), pct_text(point.index_pct), pct_text(point.target_pct, 0)]  # fmt: skip
            for column, text in enumerate(values):
                cell = _item(text, column >= 3)
                if column == 4 and point.index_pct is not None:
                    met = point.index_pct >= point.target_pct
                    cell.setForeground(QBrush(QColor(GREEN if met else RED)))
                self.trend.setItem(row, column, cell)
        self.trend.resizeColumnsToContents()
        self.trend.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def _show_customers(self, r: CampaignResults) -> None:
        self.customers.setRowCount(len(r.customers))
        for row, c in enumerate(r.customers):
            marks = [
                t for on, t in ((c.late, self.tr("late")), (c.partial, self.tr("partial"))) if on
            ]
            values = [c.customer_code, c.customer_name, tier_short(c.tier), pct_text(c.index_pct),
                      date_text(c.answered_on), "、".join(marks),
                      label(KEEP_BUYING_LABELS, c.keep_buying) if c.keep_buying else "",
                      "" if c.recommend is None else str(c.recommend)]  # fmt: skip
            for column, text in enumerate(values):
                cell = _item(text, column in (3, 7))
                if (
                    column == 3
                    and c.index_pct is not None
                    and c.index_pct < (r.campaign.target_pct or 0)
                ):
                    cell.setForeground(QBrush(QColor(RED)))
                self.customers.setItem(row, column, cell)
        self.customers.resizeColumnsToContents()

    def _show_actions(self, r: CampaignResults) -> None:
        c = r.campaign
        self.actions_panel.set_actions(c.actions)
        names = {i.key: i.name for i in r.items}
        for row, action in enumerate(c.actions):
            key = c.action_items.get(action.id or 0, "")
            if key:
                self.actions_panel.table.set_cell_tooltip(
                    row, "description",
                    self.tr("Item: {item}").format(item=names.get(key, key)) + "\n" + action.description,
                )  # fmt: skip
        self.actions_panel.set_read_only(not c.editable)
        self.save_actions_button.setEnabled(c.editable)
        self.actions_message.setText("")
        self.pages.setTabText(
            PAGE_ACTIONS, self.tr("Improvement actions ({n})").format(n=len(c.actions))
        )

    def _update_buttons(self) -> None:
        selected = bool(self.items.selectedItems())
        self.action_button.setEnabled(self.editable and selected)
        if self.results is not None and not self.editable:
            self.action_button.setToolTip(
                self.tr("The campaign is closed; reopen it to add actions")
            )

    def selected_item_key(self) -> str | None:
        cells = self.items.selectedItems()
        return cells[0].data(Qt.ItemDataRole.UserRole) if cells else None

    def select_item(self, key: str) -> None:
        for row in range(self.items.rowCount()):
            if self.items.item(row, 0).data(Qt.ItemDataRole.UserRole) == key:
                self.items.selectRow(row)
                return

    # ------------------------------------------------------------------ actions

    def open_action(self) -> QDialog | None:
        if self.results is None or not self.editable:
            return None
        key = self.selected_item_key() or next(
            (i.key for i in self.results.items if i.below_threshold and not i.has_action),
            self.results.items[0].key if self.results.items else "",
        )
        campaign_id = self.campaign_id
        user = settings_service.current_user(self.engine)

        def submit(**values: object) -> object:
            return locked_as_validation(
                lambda: survey_service.open_action(self.engine, campaign_id, user=user, **values)  # type: ignore[arg-type]
            )

        dialog = ImprovementActionDialog(self.results, key, self.departments, submit, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_change(self.tr("Improvement action opened."), PAGE_ACTIONS)
        return dialog

    def _after_change(self, text: str, page: int | None = None) -> None:
        campaign_id = self.campaign_id
        loads = self.loads
        # the other views first: they may show this panel again
        self.hub.dataChanged.emit("survey_campaign", campaign_id or 0)
        self.changed.emit(campaign_id or 0)
        if self.loads == loads:
            self.load(campaign_id)
        if page is not None:
            self.pages.setCurrentIndex(page)
        self.actions_message.setText(text)
        self.actions_message.setStyleSheet(f"color: {GREEN};")

    def save_actions(self) -> bool:
        """What was typed in the actions table, stored through the campaign."""
        if self.results is None or not self.editable:
            return False
        errors: dict[str, str] = {}
        actions, rows = self.actions_panel.collect(errors)
        campaign = survey_service.get_campaign(self.engine, self.campaign_id)  # type: ignore[arg-type]
        try:
            if errors:
                raise ValidationError({})
            survey_service.update_campaign(
                self.engine, replace(campaign, actions=actions),  # type: ignore[type-var]
                settings_service.current_user(self.engine),
            )  # fmt: skip
        except ValidationError as error:
            messages = {**error.messages(current_language()), **errors}
            per_cell = {}
            for path, message in messages.items():
                if path.startswith("actions[") and "]." in path:
                    index, _, key = path[len("actions[") :].partition("].")
                    per_cell[(rows.get(f"actions[{index}]", int(index)), key)] = message
            self.actions_panel.table.show_errors(per_cell, messages.get("actions", ""))
            self.actions_message.setText(self.tr("Not saved: please correct the marked fields."))
            self.actions_message.setStyleSheet(f"color: {RED};")
            return False
        except RecordLocked:
            self.actions_message.setText(FieldError("survey_locked").message(current_language()))
            self.actions_message.setStyleSheet(f"color: {RED};")
            return False
        self._after_change(self.tr("Actions saved."), PAGE_ACTIONS)
        return True

    def _selected_action(self):  # noqa: ANN202
        table = self.actions_panel.table
        row = table.selected_row()
        action = table.row_data(row) if row is not None else None
        if action is None or getattr(action, "id", None) is None:
            QMessageBox.information(
                self, self.tr("Actions"), self.tr("Select an action in the list first.")
            )
            return None
        return row, action

    def verify_action(self) -> None:
        if not self.editable or (picked := self._selected_action()) is None:
            return
        row, action = picked
        user = settings_service.current_user(self.engine)

        def submit(**values: object) -> object:
            return locked_as_validation(
                lambda: survey_service.verify_action(self.engine, action.id, user=user, **values)  # type: ignore[arg-type]
            )

        dialog = VerifyActionDialog(action, row + 1, user, submit, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_change(self.tr("Verification recorded."), PAGE_ACTIONS)

    def reschedule_action(self) -> None:
        if not self.editable or (picked := self._selected_action()) is None:
            return
        row, action = picked
        user = settings_service.current_user(self.engine)

        def submit(new_due: date, reason: str) -> object:
            return locked_as_validation(
                lambda: survey_service.reschedule_action(
                    self.engine, action.id, new_due=new_due, reason=reason, user=user
                )
            )

        dialog = RescheduleActionDialog(action, row + 1, submit, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_change(
                self.tr("New due date recorded; the old one is kept in the history."), PAGE_ACTIONS
            )
