"""The satisfaction surveys tab 满意度调查 (SPEC §2.4): three views — questionnaire templates,
campaigns with their results, and answer entry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget
from sqlalchemy import Engine

from app.services import customer_service
from app.ui.base_tab import BaseTab
from app.ui.record_tabs import tab_title
from app.ui.signals import DataHub
from app.ui.surveys.answers_view import AnswersView
from app.ui.surveys.campaigns_view import CampaignsView
from app.ui.surveys.templates_view import TemplatesView

VIEW_TEMPLATES, VIEW_CAMPAIGNS, VIEW_ANSWERS = range(3)
FAMILIES = ("survey_template", "survey_campaign", "survey_response", customer_service.ENTITY)


class SurveysTab(BaseTab):
    def __init__(self, engine: Engine, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.templates = TemplatesView(engine, hub, self)
        self.campaigns = CampaignsView(engine, hub, self)
        self.answers = AnswersView(engine, hub, self)
        # BaseTab's list behaviour works on the campaigns
        self.view, self.model = self.campaigns.view, self.campaigns.model
        self.search = self.campaigns.view
        self.views = QTabWidget(self)
        self.views.setDocumentMode(True)
        self.views.addTab(self.templates, self.tr("Questionnaire templates"))
        self.views.addTab(self.campaigns, self.tr("Campaigns and results"))
        self.views.addTab(self.answers, self.tr("Answer entry"))
        self.views.setCurrentIndex(VIEW_CAMPAIGNS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.views)
        for key, slot in (
            (QKeySequence.StandardKey.New, self._new),
            (QKeySequence.StandardKey.Print, self.campaigns.show_print_menu),
        ):
            action = QAction(self)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.campaigns.campaignChosen.connect(self.enter_answers)
        self.hub.dataChanged.connect(self._on_data_changed)

    @classmethod
    def title(cls) -> str:  # known before the tab is built (app/ui/record_tabs.py)
        return tab_title("surveys")

    def refresh(self) -> None:
        self.templates.refresh()
        self.campaigns.refresh()
        self.answers.refresh()

    def can_close(self) -> bool:
        return self.answers.can_leave()

    def select_record(self, record_id: int) -> None:
        self.views.setCurrentIndex(VIEW_CAMPAIGNS)
        self.campaigns.select_campaign(record_id)

    def focus_search(self) -> None:
        self.campaigns.view.setFocus()

    def enter_answers(self, campaign_id: int) -> None:
        if self.answers.choose_campaign(campaign_id):
            self.views.setCurrentIndex(VIEW_ANSWERS)

    def _new(self) -> None:
        if self.views.currentIndex() == VIEW_TEMPLATES:
            self.templates.new_template()
        elif self.views.currentIndex() == VIEW_CAMPAIGNS:
            self.campaigns.new_campaign()

    def _on_data_changed(self, family: str, record_id: int) -> None:
        if family not in FAMILIES:
            return
        if family in ("survey_template", customer_service.ENTITY):
            self.templates.refresh()
        if family != "survey_template" or record_id == 0:
            self.campaigns.refresh(results=True)
        if family != "survey_response":
            self.answers.refresh()
        else:
            self.answers.reload_campaigns_list_only()
