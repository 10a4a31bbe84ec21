"""What the survey reports (PDF and Excel) say alike: the state of an improvement action, the
survey item it improves, percentages."""

from __future__ import annotations

from datetime import date

from app.services.complaint_data import ActionData
from app.services.survey_data import CampaignResults

# value -> (Chinese, English)
ACTION_STATE_LABELS = {
    "open": ("进行中", "Open"),
    "overdue": ("已逾期", "Overdue"),
    "done": ("已完成，待验证", "Done, not verified"),
    "effective": ("已验证有效", "Verified effective"),
    "not_effective": ("验证无效", "Not effective"),
}


def action_state(action: ActionData, today: date) -> str:
    """open / overdue / done / effective / not_effective."""
    if action.verification in ("effective", "not_effective"):
        return action.verification
    if action.done_on is not None:
        return "done"
    if action.due is not None and action.due < today:
        return "overdue"
    return "open"


def action_item_key(action: ActionData) -> str:
    """The key of the survey item an improvement action is for ("" when not known).

    corrective_action.survey_item_key; read defensively because ActionData is shared with the
    complaint and return records, which have no survey item.
    """
    return str(getattr(action, "survey_item_key", "") or "")


def action_item_name(results: CampaignResults, action: ActionData) -> str:
    """The name of the survey item an action improves, from the campaign's results."""
    key = action_item_key(action)
    if not key:
        return ""
    for item in results.items:
        if item.key == key:
            return item.name
    for template_item in results.template.items:
        if template_item.key == key:
            return template_item.name
    return key


def percent(value: float | None, digits: int = 1) -> str:
    """'88.5%'; '—' when there is nothing to show."""
    if value is None:
        return "—"
    return f"{value:.{digits}f}%"


def number(value: float | None, digits: int = 1) -> str:
    """A figure without needless decimals: 8, 4.5; '—' when unknown."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
