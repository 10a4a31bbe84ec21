"""The overview is the tab shown at start: the window paints first, its figures (a few hundred
milliseconds of counting on ten years of tickets) are read right after."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from app.ui.overview.tab import OverviewTab
from app.ui.signals import DataHub


class _PaintLog(QObject):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def eventFilter(self, _obj, event):  # noqa: ANN001, N802
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_the_overview_paints_before_it_reads_its_figures(qtbot, engine):
    log: list[str] = []
    tab = OverviewTab(engine, DataHub())
    qtbot.addWidget(tab)
    watcher = _PaintLog(log)
    tab.installEventFilter(watcher)
    tab.loaded.connect(lambda: log.append("figures"))
    tab.show()
    qtbot.waitUntil(lambda: "figures" in log, timeout=10_000)
    assert log[0] == "paint"
    assert tab.overview is not None
