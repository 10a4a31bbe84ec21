"""Customer satisfaction surveys 顾客满意度调查 (form Q/JL090101-C).

SPEC §2.4; seed 001 (coverage by annual volume, the survey record: who was asked, who asked,
when, how), seed 002 §5.2 (mid-year and year-end survey, 汇总分析表, competitor comparison).

A template is a list of weighted items on one scale. Once a campaign uses it, it is frozen:
editing makes a new version in the same lineage, so old answers keep their meaning.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from app.models.common import RecordBase


class SurveyScale(StrEnum):
    FIVE = "five"  # 很满意 / 满意 / 一般 / 不满意 / 很不满意, each mapped to a score
    TEN = "ten"  # 1–10, score = 10 × value


class CampaignStatus(StrEnum):
    OPEN = "open"  # answers are being collected
    CLOSED = "closed"  # analysed; read-only until reopened


class SurveyTemplate(RecordBase, table=True):
    __tablename__ = "survey_template"
    __table_args__ = (UniqueConstraint("lineage", "version"),)

    lineage: str = Field(max_length=36, index=True)  # the uuid of the first version
    version: int = Field(default=1)
    name: str = Field(max_length=100)
    scale: str = Field(default=SurveyScale.FIVE.value, max_length=8)
    # the score in % of each 5-level answer, best first: "100,80,60,40,0"
    five_scores: str = Field(default="100,80,60,40,0", max_length=40)
    ask_importance: bool = Field(default=False)
    ask_competitor: bool = Field(default=True)
    ask_loyalty: bool = Field(default=True)  # will keep buying; would recommend 0–10
    notes: str = Field(default="")
    retired: bool = Field(default=False)  # replaced by a newer version, kept for old campaigns


class SurveyItem(RecordBase, table=True):
    __tablename__ = "survey_item"

    template_id: int = Field(foreign_key="survey_template.id", ondelete="CASCADE", index=True)
    position: int = Field(default=0)
    key: str = Field(max_length=36)  # the same key in every version: trends follow the item
    name: str = Field(max_length=100)
    weight: float = Field(default=0)  # % of the index; a template's weights sum to 100


class SurveyCampaign(RecordBase, table=True):
    # raised by every save; a save from a stale copy is refused (optimistic locking)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    __tablename__ = "survey_campaign"

    number: str = Field(max_length=40, unique=True, index=True)  # MY-YYYY-NN
    prefix: str = Field(default="MY", max_length=12)
    year: int = Field(index=True)
    seq: int = Field(default=0)
    name: str = Field(max_length=100)  # e.g. 2026 上半年
    period: str = Field(default="h1", max_length=8)  # h1 / h2 / q1…q4 / year
    period_start: date = Field(index=True)
    period_end: date
    answer_by: date | None = None  # a later answer is accepted and marked late
    template_id: int = Field(foreign_key="survey_template.id", ondelete="RESTRICT", index=True)
    target_pct: float = Field(default=95)  # the satisfaction index target
    threshold_pct: float = Field(default=80)  # an item below this needs an improvement action
    volume_year: int  # the year whose annual volumes decide the coverage tiers
    status: str = Field(default=CampaignStatus.OPEN.value, max_length=10, index=True)
    closed_on: date | None = None
    closed_by: str = Field(default="", max_length=60)
    notes: str = Field(default="")


class SurveyInvitee(RecordBase, table=True):
    """A customer the campaign asks, with the coverage tier it was chosen for."""

    __tablename__ = "survey_invitee"
    __table_args__ = (UniqueConstraint("campaign_id", "customer_id"),)

    campaign_id: int = Field(foreign_key="survey_campaign.id", ondelete="CASCADE", index=True)
    customer_id: int = Field(foreign_key="customer.id", ondelete="RESTRICT", index=True)
    tier: str = Field(max_length=12)  # all / most / many / optional / daily / lost
    contact_name: str = Field(default="", max_length=60)
    contact_phone: str = Field(default="", max_length=60)


class SurveyResponse(RecordBase, table=True):
    """One customer's answer to a campaign (seed 001: respondent, date, method, surveyor)."""

    __tablename__ = "survey_response"
    __table_args__ = (UniqueConstraint("campaign_id", "customer_id"),)

    campaign_id: int = Field(foreign_key="survey_campaign.id", ondelete="CASCADE", index=True)
    customer_id: int = Field(foreign_key="customer.id", ondelete="RESTRICT", index=True)
    respondent: str = Field(default="", max_length=60)
    respondent_title: str = Field(default="", max_length=60)
    answered_on: date
    method: str = Field(default="phone", max_length=10)  # phone / email / visit / paper
    surveyor: str = Field(default="", max_length=60)
    keep_buying: str = Field(default="", max_length=8)  # "" / yes / maybe / no
    recommend: int | None = None  # 0–10
    comments: str = Field(default="")
    # kept up to date on every save, for the lists
    late: bool = Field(default=False)
    partial: bool = Field(default=False)
    index_pct: float | None = None


class SurveyAnswer(RecordBase, table=True):
    __tablename__ = "survey_answer"
    __table_args__ = (UniqueConstraint("response_id", "item_id"),)

    response_id: int = Field(foreign_key="survey_response.id", ondelete="CASCADE", index=True)
    item_id: int = Field(foreign_key="survey_item.id", ondelete="RESTRICT", index=True)
    level: int | None = None  # 5-level: 5 很满意 … 1 很不满意; 10-scale: 1–10; None unanswered
    importance: int | None = None  # 1 (low) – 5 (high)
    competitor: str = Field(default="", max_length=8)  # "" / better / same / worse
