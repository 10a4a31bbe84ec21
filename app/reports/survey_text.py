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

# coverage tiers in a narrow column (survey_data.TIER_LABELS gives the whole rule)
TIER_SHORT_LABELS = {
    "all": ("≥100万", "≥ 1 M"),
    "most": ("50–100万", "0.5–1 M"),
    "many": ("<50万", "< 0.5 M"),
    "optional": ("其他", "Other"),
    "daily": ("不满一年", "< 1 year"),
    "lost": ("已流失", "Lost"),
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


def action_item_name(results: CampaignResults, action: ActionData) -> str:
    """The name of the survey item an improvement action is for ("" when none is recorded)."""
    key = results.campaign.action_items.get(action.id, "") if action.id is not None else ""
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
