"""The surveys tab is built at start-up but not shown: its campaign results (counted over every
answer) are read when the panel first comes on screen, not while the window starts."""

from __future__ import annotations

from app.ui.signals import DataHub
from app.ui.surveys.tab import SurveysTab


def test_the_results_are_read_when_the_tab_is_first_shown(qtbot, engine):
    tab = SurveysTab(engine, DataHub())
    qtbot.addWidget(tab)
    panel = tab.campaigns.results
    assert panel.loads == 0  # built, not shown: nothing counted yet
    tab.resize(1366, 800)
    tab.show()
    qtbot.waitUntil(lambda: panel.loads == 1, timeout=10_000)
    assert panel.results is None  # no campaign yet: "select a campaign" is shown
    qtbot.wait(50)
    assert panel.loads == 1  # read once, not at every paint
