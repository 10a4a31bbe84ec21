"""The overview tab 概览: a month's key figures against last month and the same month last year,
four charts that drill down into the lists, and the management reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import overview as overview_service
from app.services.complaint_data import ComplaintFilter
from app.services.complaint_summary import shift_months
from app.services.summary_data import Overview
from app.ui.background import BackgroundOp
from app.ui.locale_format import date_text
from app.ui.overview.actions_dialog import OpenActionsDialog
from app.ui.overview.charts import CustomerChart, DepartmentChart, ParetoChart, TrendChart
from app.ui.overview.export_dialogs import (
    AnnualRequest,
    AnnualSummaryDialog,
    FailureHistoryDialog,
    FailureHistoryRequest,
    MonthEdit,
    MonthlySummaryDialog,
    SummaryRequest,
)
from app.ui.overview.exports import (
    export_annual_summary,
    export_failure_history,
    export_monthly_summary,
)
from app.ui.overview.kpi_table import KpiTable
from app.ui.signals import DataHub


class OverviewTab(QWidget):
    """Not a record list: it reads the figures again when it is shown after a change (or when
    a change comes while it is shown), and hands drill-downs to the main window as a filter."""

    complaintsRequested = Signal(object)  # ComplaintFilter
    loaded = Signal()  # new figures are shown

    def __init__(
        self,
        engine: Engine,
        hub: DataHub,
        parent: QWidget | None = None,
        open_record: Callable[[str, int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.open_record = open_record
        # the day figures are judged at; None = the PC's today (tests fix it)
        self.today: Callable[[], date | None] = lambda: None
        self.overview: Overview | None = None
        self.last_export: Path | None = None
        self._stale = True
        self._refresh_after_paint = False
        self._build()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)  # many changes in one go give one refresh
        self._refresh_timer.timeout.connect(self.refresh)
        self.hub.dataChanged.connect(self._on_data_changed)

    def title(self) -> str:
        return self.tr("Overview")

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.previous_button = QToolButton(self)
        self.previous_button.setText("◀")
        self.previous_button.setToolTip(self.tr("Previous month"))
        self.next_button = QToolButton(self)
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Next month"))
        self.month_edit = MonthEdit(self._today().replace(day=1), self)
        self.month_edit.setToolTip(self.tr("The month shown"))
        self.this_month_button = QPushButton(self.tr("This month"), self)
        self.previous_button.clicked.connect(lambda: self.step_month(-1))
        self.next_button.clicked.connect(lambda: self.step_month(1))
        self.this_month_button.clicked.connect(lambda: self.set_month(self._today().replace(day=1)))
        self.month_edit.dateChanged.connect(lambda _d: self._refresh_timer.start())
        self.status = QLabel(self)
        self.status.setStyleSheet("color: #6c757d;")

        self.kpi = KpiTable(self)
        self.monthly_button = QPushButton(self.tr("Monthly summary…"), self)
        self.monthly_button.setToolTip(
            self.tr("顾客投诉/抱怨汇总处理表 for a month or a range, as Excel or PDF")
        )
        self.annual_button = QPushButton(self.tr("Annual summary…"), self)
        self.annual_button.setToolTip(
            self.tr("The year for the management review, as Excel or PDF")
        )
        self.failure_button = QPushButton(self.tr("Product failure history…"), self)
        self.failure_button.setToolTip(
            self.tr("产品失败履历表 of one part or product, as Excel or PDF")
        )
        self.targets_button = QPushButton(self.tr("Management targets…"), self)
        self.targets_button.setToolTip(self.tr("The year's targets judged in the annual summary"))
        self.monthly_button.clicked.connect(self.export_monthly_summary)
        self.annual_button.clicked.connect(self.export_annual_summary)
        self.failure_button.clicked.connect(self.export_failure_history)
        self.targets_button.clicked.connect(self.edit_targets)

        self.trend_chart = TrendChart(self.tr("Complaints per month"), self)
        self.pareto_chart = ParetoChart(self.tr("Defect categories (Pareto)"), self)
        self.customer_chart = CustomerChart(self.tr("Complaints by customer (top 10)"), self)
        self.department_chart = DepartmentChart(self.tr("Open actions by department"), self)
        self.trend_chart.barClicked.connect(self.drill_month)
        self.pareto_chart.barClicked.connect(self.drill_defect)
        self.customer_chart.barClicked.connect(self.drill_customer)
        self.department_chart.barClicked.connect(self.drill_department)

        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Month"), self))
        chooser.addWidget(self.previous_button)
        chooser.addWidget(self.month_edit)
        chooser.addWidget(self.next_button)
        chooser.addWidget(self.this_month_button)
        chooser.addStretch(1)

        reports = QGroupBox(self.tr("Management reports"), self)
        grid = QGridLayout(reports)
        grid.addWidget(self.monthly_button, 0, 0)
        grid.addWidget(self.annual_button, 0, 1)
        grid.addWidget(self.failure_button, 1, 0)
        grid.addWidget(self.targets_button, 1, 1)

        hint = QLabel(self.tr("Click a bar to see its records."), self)
        hint.setStyleSheet("color: #6c757d;")
        hint.setWordWrap(True)

        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(chooser)
        column.addWidget(self.kpi)
        column.addWidget(self.status)
        column.addWidget(hint)
        column.addWidget(self.department_chart, 1)
        column.addWidget(reports)

        charts = QWidget(self)
        chart_grid = QGridLayout(charts)
        chart_grid.setContentsMargins(0, 0, 0, 0)
        chart_grid.setSpacing(6)
        chart_grid.addWidget(self.trend_chart, 0, 0, 1, 2)
        chart_grid.addWidget(self.pareto_chart, 1, 0)
        chart_grid.addWidget(self.customer_chart, 1, 1)

        # on a short screen (1366×768, 150 %) the column scrolls instead of making the window
        # taller than the screen
        column_area = self.column_area = QScrollArea(self)
        column_area.setWidget(left)
        column_area.setWidgetResizable(True)
        column_area.setFrameShape(QFrame.Shape.NoFrame)
        column_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(column_area)
        self.splitter.addWidget(charts)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.kpi.setMinimumWidth(self.kpi.fitted_width())
        self.kpi.setFixedHeight(self.kpi.fitted_height())
        self._fit_column()

    def _fit_column(self) -> None:
        """The left column's area is as wide as its content (the KPI table) and a scroll bar."""
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        content = self.column_area.widget().minimumSizeHint().width()
        self.column_area.setMinimumWidth(content + scroll_bar)

    # ------------------------------------------------------------------ the month

    def _today(self) -> date:
        return self.today() or date.today()

    def month(self) -> date:
        return self.month_edit.month()

    def set_month(self, month: date) -> None:
        """Show another month (the figures follow)."""
        self.month_edit.set_month(month.replace(day=1))

    def step_month(self, months: int) -> None:
        self.set_month(shift_months(self.month(), months))

    # ------------------------------------------------------------------ reading

    def refresh(self) -> None:
        """Read the figures of the month chosen.

        On the GUI thread: the service counts with a few indexed GROUP BY queries (about 0.2 s
        on 100,000 tickets, benchmarks/summaries.py), less than a round trip through a worker.
        """
        self._refresh_timer.stop()
        self._stale = False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            figures = overview_service.overview(
                self.engine, self.month(), today=self.today(), lang=current_language()
            )
        except Exception as error:  # noqa: BLE001  (a broken file must not break the window)
            self.status.setText(
                self.tr("The figures could not be read: {reason}").format(
                    reason=str(error) or error.__class__.__name__
                )
            )
            self.status.setStyleSheet("color: #c0392b;")
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.show_overview(figures)

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        self.kpi.show_columns(overview.columns)
        self.kpi.setMinimumWidth(self.kpi.fitted_width())
        self.kpi.setFixedHeight(self.kpi.fitted_height())
        self._fit_column()
        received, closed = self.tr("Received"), self.tr("Closed")
        self.trend_chart.show_points(overview.trend, received, closed)
        self.pareto_chart.show_rows(
            overview.pareto, self.tr("Complaints"), self.tr("Cumulative %"), self._no_complaints()
        )
        self.customer_chart.show_rows(
            overview.by_customer, self.tr("Complaints"), self._no_complaints()
        )
        self.department_chart.show_rows(
            overview.actions,
            self.tr("Open"),
            self.tr("Overdue"),
            self.tr("No open actions."),
        )
        self.status.setText(
            self.tr("Pareto and customers: complaints received {start} – {end}").format(
                start=date_text(overview.chart_start), end=date_text(overview.chart_end)
            )
        )
        self.status.setStyleSheet("color: #6c757d;")
        self.loaded.emit()

    def _no_complaints(self) -> str:
        return self.tr("No complaints in these 12 months.")

    def _on_data_changed(self, _family: str, _record_id: int) -> None:
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            # paint first, then count: at start-up the window appears without waiting for the
            # figures (a few hundred milliseconds on ten years of tickets)
            self._refresh_after_paint = True
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self._refresh_after_paint:
            self._refresh_after_paint = False
            self._refresh_timer.start()

    # ------------------------------------------------------------------ drill-down

    def drill_month(self, index: int) -> ComplaintFilter | None:
        """A month's bar: the complaints received in that month."""
        if self.overview is None or not 0 <= index < len(self.overview.trend):
            return None
        point = self.overview.trend[index]
        return self._request(ComplaintFilter(received_from=point.start, received_to=point.end))

    def drill_defect(self, index: int) -> ComplaintFilter | None:
        """A Pareto bar: that defect category over the charts' 12 months."""
        if self.overview is None or not 0 <= index < len(self.overview.pareto):
            return None
        row = self.overview.pareto[index]
        return self._request(
            ComplaintFilter(
                defect_category=row.key or None,
                received_from=self.overview.chart_start,
                received_to=self.overview.chart_end,
            )
        )

    def drill_customer(self, index: int) -> ComplaintFilter | None:
        """A customer's bar: that customer's complaints over the charts' 12 months."""
        if self.overview is None or not 0 <= index < len(self.overview.by_customer):
            return None
        row = self.overview.by_customer[index]
        return self._request(
            ComplaintFilter(
                customer_id=row.ref_id,
                received_from=self.overview.chart_start,
                received_to=self.overview.chart_end,
            )
        )

    def _request(self, flt: ComplaintFilter) -> ComplaintFilter:
        self.complaintsRequested.emit(flt)
        return flt

    def drill_department(self, index: int) -> OpenActionsDialog | None:
        """A department's bar: its open actions in a dialog."""
        if self.overview is None or not 0 <= index < len(self.overview.actions):
            return None
        row = self.overview.actions[index]
        actions = overview_service.open_actions(self.engine, row.department, today=self.today())
        dialog = OpenActionsDialog(row.label, actions, self.open_record, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # ------------------------------------------------------------------ reports

    def export_monthly_summary(self, request: SummaryRequest | None = None) -> BackgroundOp | None:
        if request is None:
            dialog = MonthlySummaryDialog(self.month(), self)
            if not dialog.exec():
                return None
            request = dialog.result_value
        return export_monthly_summary(
            self, self.engine, request, current_language(), self._exported
        )

    def export_annual_summary(self, request: AnnualRequest | None = None) -> BackgroundOp | None:
        if request is None:
            dialog = AnnualSummaryDialog(self.month().year, self)
            if not dialog.exec():
                return None
            request = dialog.result_value
        return export_annual_summary(self, self.engine, request, current_language(), self._exported)

    def export_failure_history(
        self, request: FailureHistoryRequest | None = None
    ) -> BackgroundOp | None:
        if request is None:
            dialog = FailureHistoryDialog(self.engine, self)
            if not dialog.exec():
                return None
            request = dialog.result_value
        return export_failure_history(
            self, self.engine, request, current_language(), self._exported
        )

    def edit_targets(self) -> QDialog:
        """The settings on their management targets page."""
        from app.ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.engine, self, hub=self.hub, page="management_targets")
        dialog.show()
        return dialog

    def _exported(self, path: Path) -> None:
        self.last_export = path
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 10000)
