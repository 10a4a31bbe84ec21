"""Customer satisfaction surveys 顾客满意度调查: the one entry point the GUI and the CLI call.

The work is split by job: survey_templates (versioned questionnaires), survey_settings (targets
by year, item threshold), survey_coverage (who must be asked), survey_campaigns (campaigns,
invitees, close/reopen, improvement actions), survey_responses (answers). Results are in
survey_results, the customer-loss analysis in customer_loss.
"""

from __future__ import annotations

from app.services.survey_campaigns import (
    close_campaign,
    create_campaign,
    get_campaign,
    get_campaign_by_number,
    list_campaigns,
    new_campaign,
    new_campaign_and_proposals,
    open_action,
    period_dates,
    reopen_campaign,
    reschedule_action,
    update_campaign,
    validate_campaign,
    verify_action,
)
from app.services.survey_campaigns import history as campaign_history
from app.services.survey_coverage import full_years, propose, tier_for
from app.services.survey_responses import (
    blank_response,
    delete_response,
    get_response,
    response_rows,
    save_response,
    validate_response,
)
from app.services.survey_responses import history as response_history
from app.services.survey_settings import (
    SurveySettings,
    load_settings,
    save_settings,
    target_for,
    validate_settings,
)
from app.services.survey_templates import (
    default_template,
    get_template,
    list_templates,
    save_template,
    template_choices,
    validate_template,
)
from app.services.survey_templates import history as template_history
from app.services.validation import RecordLocked

__all__ = [
    "RecordLocked",
    "SurveySettings",
    "blank_response",
    "campaign_history",
    "close_campaign",
    "create_campaign",
    "default_template",
    "delete_response",
    "full_years",
    "get_campaign",
    "get_campaign_by_number",
    "get_response",
    "get_template",
    "list_campaigns",
    "list_templates",
    "load_settings",
    "new_campaign",
    "new_campaign_and_proposals",
    "open_action",
    "period_dates",
    "propose",
    "reopen_campaign",
    "reschedule_action",
    "response_history",
    "response_rows",
    "save_response",
    "save_settings",
    "save_template",
    "target_for",
    "template_choices",
    "template_history",
    "tier_for",
    "update_campaign",
    "validate_campaign",
    "validate_response",
    "validate_settings",
    "validate_template",
    "verify_action",
]
