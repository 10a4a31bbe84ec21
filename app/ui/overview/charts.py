"""The overview's four charts (Qt Charts): the 24-month trend, the Pareto of defect categories,
the customers with most complaints and the open actions per department. A click on a bar emits
the index of the row it shows, for the drill-down."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from app.services.summary_data import CountRow, DepartmentActions, MonthPoint, ParetoRow
from app.ui.locale_format import count_text, percent_text

RECEIVED_COLOR = QColor("#4e79a7")
CLOSED_COLOR = QColor("#2f7d32")
COUNT_COLOR = QColor("#4e79a7")
CUMULATIVE_COLOR = QColor("#e15759")
OPEN_COLOR = QColor("#f28e2b")
OVERDUE_COLOR = QColor("#c0392b")
LABEL_CHARS = 9  # longer category names are shortened on the axis; the tooltip shows them whole


def nice_count_axis(maximum: float) -> tuple[float, int]:
    """The top of a count axis and its tick count, so ticks fall on whole numbers (0, 2, 4 …)."""
    top = max(maximum, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000):
        if top / step <= 6:
            break
    else:
        step = 10 ** len(str(int(top)))
    intervals = max(int(-(-top // step)), 1)
    return float(step * intervals), intervals + 1


def short_labels(texts: Sequence[str], limit: int = LABEL_CHARS) -> list[str]:
    """Axis categories: shortened with … when long, and unique (a category axis drops repeats)."""
    result: list[str] = []
    for text in texts:
        shown = text if len(text) <= limit else text[: limit - 1] + "…"
        while shown in result:
            shown += " "
        result.append(shown)
    return result


class OverviewChart(QChartView):
    """A chart view in the application's font, without animation, that reports bar clicks."""

    barClicked = Signal(int)  # the index of the row the bar shows

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(320, 220)
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        chart.setBackgroundRoundness(0)
        self.setChart(chart)
        self.chart_font = QFont(QApplication.font())
        title_font = QFont(self.chart_font)
        title_font.setBold(True)
        title_font.setPointSizeF(self.chart_font.pointSizeF() + 1)
        chart.setTitleFont(title_font)
        chart.setTitle(title)
        chart.legend().setFont(self.chart_font)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.tips: list[str] = []  # what hovering over bar i says

    def clear(self) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()

    def _axis_fonts(self, axis: QAbstractAxis) -> None:
        small = QFont(self.chart_font)
        small.setPointSizeF(max(self.chart_font.pointSizeF() - 1, 7))
        axis.setLabelsFont(small)
        axis.setTitleFont(self.chart_font)

    def category_axis(self, labels: Sequence[str], side: Qt.AlignmentFlag) -> QBarCategoryAxis:
        axis = QBarCategoryAxis()
        axis.append(list(labels))
        self._axis_fonts(axis)
        self.chart().addAxis(axis, side)
        return axis

    def count_axis(self, maximum: float, side: Qt.AlignmentFlag) -> QValueAxis:
        axis = QValueAxis()
        top, ticks = nice_count_axis(maximum)
        axis.setRange(0, top)
        axis.setTickCount(ticks)
        axis.setLabelFormat("%d")
        self._axis_fonts(axis)
        self.chart().addAxis(axis, side)
        return axis

    def percent_axis(self, side: Qt.AlignmentFlag) -> QValueAxis:
        axis = QValueAxis()
        axis.setRange(0, 100)
        axis.setTickCount(6)
        axis.setLabelFormat("%d%%")
        self._axis_fonts(axis)
        self.chart().addAxis(axis, side)
        return axis

    def bar_set(self, name: str, values: Sequence[float], color: QColor) -> QBarSet:
        bars = QBarSet(name)
        bars.append([float(v) for v in values])
        bars.setColor(color)
        bars.setBorderColor(color.darker(115))
        bars.setLabelFont(self.chart_font)
        bars.clicked.connect(self.barClicked)
        bars.hovered.connect(self._hovered)
        return bars

    def line(self, name: str, points: Sequence[tuple[float, float]], color: QColor) -> QLineSeries:
        series = QLineSeries()
        series.setName(name)
        for x, y in points:
            series.append(x, y)
        series.setPen(QPen(color, 2))
        series.setPointsVisible(True)
        return series

    def _hovered(self, entered: bool, index: int) -> None:
        if entered:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
            if 0 <= index < len(self.tips):
                QToolTip.showText(QCursor.pos(), self.tips[index], self)
        else:
            self.viewport().unsetCursor()
            QToolTip.hideText()

    def show_empty(self, text: str) -> None:
        """No data: say so in the chart instead of drawing empty axes."""
        self.clear()
        self.tips = []
        self.empty_text = text
        self.viewport().update()

    def drawForeground(self, painter: QPainter, rect) -> None:  # noqa: N802, ANN001
        super().drawForeground(painter, rect)
        if self.chart().series() or not getattr(self, "empty_text", ""):
            return
        painter.save()
        painter.setFont(self.chart_font)
        painter.setPen(QColor("#6c757d"))
        painter.drawText(self.chart().plotArea(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
        painter.restore()


class TrendChart(OverviewChart):
    """Complaints received (bars) and tickets closed (line) per month; a click gives the month."""

    def show_points(self, points: Sequence[MonthPoint], received: str, closed: str) -> None:
        self.clear()
        self.points = list(points)
        self.tips = [
            f"{p.month}: {received} {p.received}, {closed} {p.closed}" for p in self.points
        ]
        if not self.points:
            self.show_empty("")
            return
        self.received_set = self.bar_set(received, [p.received for p in points], RECEIVED_COLOR)
        bars = QBarSeries()
        bars.append(self.received_set)
        bars.setBarWidth(0.7)
        self.closed_line = self.line(closed, [(i, p.closed) for i, p in enumerate(points)],
                                     CLOSED_COLOR)  # fmt: skip
        chart = self.chart()
        chart.addSeries(bars)
        chart.addSeries(self.closed_line)
        labels = [p.month[2:] if i and p.month[5:] != "01" else p.month
                  for i, p in enumerate(points)]  # fmt: skip
        x_axis = self.category_axis(labels, Qt.AlignmentFlag.AlignBottom)
        x_axis.setLabelsAngle(-90)
        top = max(max(p.received for p in points), max(p.closed for p in points))
        y_axis = self.count_axis(top, Qt.AlignmentFlag.AlignLeft)
        for series in (bars, self.closed_line):
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)


class ParetoChart(OverviewChart):
    """Complaints per defect category, most first, with the cumulative share on a 0–100 % axis."""

    def show_rows(self, rows: Sequence[ParetoRow], count: str, cumulative: str,
                  empty: str) -> None:  # fmt: skip
        self.clear()
        self.rows = list(rows)
        if not self.rows:
            self.show_empty(empty)
            return
        self.tips = [
            f"{r.label}: {count_text(r.count)} ({percent_text(r.share_pct)}), "
            f"{cumulative} {percent_text(r.cumulative_pct)}"
            for r in self.rows
        ]
        self.count_set = self.bar_set(count, [r.count for r in rows], COUNT_COLOR)
        bars = QBarSeries()
        bars.append(self.count_set)
        bars.setBarWidth(0.7)
        self.cumulative_line = self.line(
            cumulative, [(i, r.cumulative_pct) for i, r in enumerate(rows)], CUMULATIVE_COLOR
        )
        chart = self.chart()
        chart.addSeries(bars)
        chart.addSeries(self.cumulative_line)
        x_axis = self.category_axis(short_labels([r.label for r in rows]),
                                    Qt.AlignmentFlag.AlignBottom)  # fmt: skip
        if len(self.rows) > 6:
            x_axis.setLabelsAngle(-90)
        count_axis = self.count_axis(max(r.count for r in rows), Qt.AlignmentFlag.AlignLeft)
        percent_axis = self.percent_axis(Qt.AlignmentFlag.AlignRight)
        bars.attachAxis(x_axis)
        bars.attachAxis(count_axis)
        self.cumulative_line.attachAxis(x_axis)
        self.cumulative_line.attachAxis(percent_axis)


class CustomerChart(OverviewChart):
    """The customers with most complaints as horizontal bars, the most at the top."""

    def show_rows(self, rows: Sequence[CountRow], count: str, empty: str) -> None:
        self.clear()
        self.rows = list(rows)
        if not self.rows:
            self.show_empty(empty)
            return
        # a horizontal bar chart draws its first category at the bottom
        shown = list(reversed(self.rows))
        self.tips = [
            f"{r.label}: {count_text(r.count)} ({percent_text(r.share_pct)})" for r in shown
        ]
        self.count_set = self.bar_set(count, [r.count for r in shown], COUNT_COLOR)
        self.count_set.clicked.disconnect(self.barClicked)
        self.count_set.clicked.connect(self._clicked)
        bars = QHorizontalBarSeries()
        bars.append(self.count_set)
        bars.setBarWidth(0.7)
        bars.setLabelsVisible(True)
        self.chart().addSeries(bars)
        self.chart().legend().hide()
        y_axis = self.category_axis(short_labels([r.label for r in shown], 12),
                                    Qt.AlignmentFlag.AlignLeft)  # fmt: skip
        x_axis = self.count_axis(max(r.count for r in rows), Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(y_axis)
        bars.attachAxis(x_axis)

    def bar_index(self, row: int) -> int:
        """The bar (in the bar set) that shows rows[row]."""
        return len(self.rows) - 1 - row

    def _clicked(self, bar: int) -> None:
        self.barClicked.emit(len(self.rows) - 1 - bar)


class DepartmentChart(OverviewChart):
    """Open and overdue actions per department; a click on either bar gives the department."""

    def show_rows(self, rows: Sequence[DepartmentActions], open_name: str, overdue_name: str,
                  empty: str) -> None:  # fmt: skip
        self.clear()
        self.rows = list(rows)
        if not self.rows:
            self.show_empty(empty)
            return
        self.tips = [f"{r.label}: {open_name} {r.open}, {overdue_name} {r.overdue}"
                     for r in self.rows]  # fmt: skip
        self.open_set = self.bar_set(open_name, [r.open for r in rows], OPEN_COLOR)
        self.overdue_set = self.bar_set(overdue_name, [r.overdue for r in rows], OVERDUE_COLOR)
        for bars_of in (self.open_set, self.overdue_set):
            bars_of.setLabelColor(QColor("#212529"))  # the numbers stand above the bars
        bars = QBarSeries()
        bars.append(self.open_set)
        bars.append(self.overdue_set)
        bars.setLabelsVisible(True)
        bars.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.chart().addSeries(bars)
        x_axis = self.category_axis(short_labels([r.label for r in rows], 6),
                                    Qt.AlignmentFlag.AlignBottom)  # fmt: skip
        if len(self.rows) > 6:
            x_axis.setLabelsAngle(-90)
        y_axis = self.count_axis(max(r.open for r in rows) * 1.25, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(x_axis)
        bars.attachAxis(y_axis)
