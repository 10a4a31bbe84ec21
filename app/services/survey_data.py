"""Satisfaction surveys 顾客满意度调查 as plain data (what forms, reports and the CLI see), and labels.

SPEC §2.4; seed 001 (coverage tiers, the survey record), seed 002 §5.2 (汇总分析表, competitor
comparison), 控制程序汇总 §4.1.5 (targets 95 % → 97 % → 98 %).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.services.complaint_data import ActionData

# value -> (Chinese, English)
SCALE_LABELS = {"five": ("五级(很满意…很不满意)", "5 levels"), "ten": ("1–10 分", "1–10")}
# 5-level answers: the level typed on the keyboard, best first as on the paper form
FIVE_LEVEL_LABELS: dict[int, tuple[str, str]] = {
    5: ("很满意", "Very satisfied"),
    4: ("满意", "Satisfied"),
    3: ("一般", "Neutral"),
    2: ("不满意", "Dissatisfied"),
    1: ("很不满意", "Very dissatisfied"),
}
DEFAULT_FIVE_SCORES = (100.0, 80.0, 60.0, 40.0, 0.0)  # % for 很满意 … 很不满意
COMPETITOR_LABELS = {
    "better": ("优于同行", "Better"),
    "same": ("相当", "Same"),
    "worse": ("不如同行", "Worse"),
}
KEEP_BUYING_LABELS = {"yes": ("会", "Yes"), "maybe": ("不确定", "Maybe"), "no": ("不会", "No")}
METHOD_LABELS = {  # seed 001: 电话问卷; seed 002: 调查表 sent and returned
    "phone": ("电话", "Phone"),
    "email": ("电子邮件", "E-mail"),
    "visit": ("走访", "Visit"),
    "paper": ("纸质问卷", "Paper"),
}
PERIOD_LABELS = {
    "h1": ("上半年", "First half"),
    "h2": ("下半年", "Second half"),
    "q1": ("第一季度", "Q1"),
    "q2": ("第二季度", "Q2"),
    "q3": ("第三季度", "Q3"),
    "q4": ("第四季度", "Q4"),
    "year": ("全年", "Year"),
}
CAMPAIGN_STATUS_LABELS = {"open": ("进行中", "Open"), "closed": ("已关闭", "Closed")}
# coverage tiers (seed 001 §顾客满意度测量的范围): required share of the tier, in %
TIER_LABELS = {
    "all": ("年用量 ≥ 100万:100 %", "Volume ≥ 1 M: 100 %"),
    "most": ("年用量 50–100万:≥ 90 %", "Volume 0.5–1 M: ≥ 90 %"),
    "many": ("< 50万,合作 ≥ 2 年或有潜力:≥ 80 %", "< 0.5 M, ≥ 2 years or potential: ≥ 80 %"),
    "optional": ("其他(不作要求)", "Others (not required)"),
    "daily": ("合作不满一年:日常沟通", "Less than a year: daily contact"),
    "lost": ("已流失", "Lost"),
}
TIER_REQUIRED_PCT = {"all": 100, "most": 90, "many": 80}
SURVEYED_TIERS = ("all", "most", "many")  # proposed for a campaign
LOSS_KIND_LABELS = {
    "lost": ("流失", "Lost"),
    "fell": ("下降", "Fell"),
    "stable": ("持平", "Stable"),
    "grew": ("增长", "Grew"),
    "new": ("新增", "New"),
}
DEFAULT_ITEMS = (  # name, weight %
    ("产品质量", 25.0),
    ("交货期", 20.0),
    ("价格", 15.0),
    ("服务态度", 10.0),
    ("投诉处理", 10.0),
    ("技术支持", 10.0),
    ("包装", 10.0),
)


@dataclass
class TemplateItemData:
    name: str = ""
    weight: float | None = None  # % of the index
    key: str = ""  # kept across versions; set by the service for a new item
    id: int | None = None


@dataclass
class TemplateData:
    name: str = ""
    scale: str = "five"
    five_scores: tuple[float, ...] = DEFAULT_FIVE_SCORES
    ask_importance: bool = False
    ask_competitor: bool = True
    ask_loyalty: bool = True
    notes: str = ""
    items: list[TemplateItemData] = field(default_factory=list)
    # set by the service
    id: int | None = None
    uuid: str | None = None
    lineage: str = ""
    version: int = 1
    frozen: bool = False  # a campaign uses it: saving makes a new version
    retired: bool = False  # a newer version exists

    @property
    def label(self) -> str:
        return f"{self.name} v{self.version}"


@dataclass
class InviteeData:
    customer_id: int
    tier: str
    contact_name: str = ""
    contact_phone: str = ""
    # read-only, set by the service
    customer_code: str = ""
    customer_name: str = ""
    answered: bool = False


@dataclass
class Proposal:
    """A customer as the coverage rules see it for one campaign."""

    customer_id: int
    customer_code: str
    customer_name: str
    tier: str
    volume_wan: float | None  # the volume of the campaign's volume year, 万元
    years: int | None  # full years of cooperation at the start of the period
    potential: bool
    contact_name: str = ""
    contact_phone: str = ""


@dataclass
class CampaignData:
    name: str = ""
    year: int = 0
    period: str = "h1"
    period_start: date | None = None
    period_end: date | None = None
    answer_by: date | None = None
    template_id: int | None = None
    target_pct: float | None = 95.0
    threshold_pct: float | None = 80.0
    volume_year: int = 0
    notes: str = ""
    invitees: list[InviteeData] = field(default_factory=list)
    actions: list[ActionData] = field(default_factory=list)  # improvement actions
    # set by the service
    id: int | None = None
    uuid: str | None = None
    number: str = ""
    status: str = "open"
    closed_on: date | None = None
    closed_by: str = ""
    updated_at: datetime | None = None
    version: int | None = None  # as loaded; a save from an older one is refused (conflicts)
    template_label: str = ""
    # the survey item each improvement action is for: action id -> item key ("" for none)
    action_items: dict[int, str] = field(default_factory=dict)

    @property
    def editable(self) -> bool:
        return self.status == "open"


@dataclass
class CampaignRow:
    id: int
    number: str
    name: str
    period_start: date
    period_end: date
    template_label: str
    status: str
    invited: int
    answered: int
    index_pct: float | None
    target_pct: float


@dataclass
class AnswerData:
    item_id: int
    level: int | None = None
    importance: int | None = None  # 1–5
    competitor: str = ""  # "" / better / same / worse


@dataclass
class ResponseData:
    campaign_id: int
    customer_id: int
    answered_on: date | None = None
    respondent: str = ""
    respondent_title: str = ""
    method: str = "phone"
    surveyor: str = ""
    keep_buying: str = ""
    recommend: int | None = None  # 0–10
    comments: str = ""
    answers: list[AnswerData] = field(default_factory=list)
    # set by the service
    id: int | None = None
    uuid: str | None = None
    late: bool = False  # answered after the campaign's answer-by date
    partial: bool = False  # an item left unanswered
    index_pct: float | None = None
    customer_code: str = ""
    customer_name: str = ""


@dataclass
class ResponseRow:
    """A line of the answers view: every invitee, answered or not."""

    customer_id: int
    customer_code: str
    customer_name: str
    tier: str
    answered_on: date | None
    method: str
    surveyor: str
    index_pct: float | None
    late: bool
    partial: bool


@dataclass
class TierCoverage:
    tier: str
    required_pct: int | None  # None: no requirement
    customers: int  # in the tier among active customers
    invited: int
    answered: int

    @property
    def required(self) -> int:
        """Answers needed: the required share of the tier, rounded up."""
        if not self.required_pct:
            return 0
        return -(-self.customers * self.required_pct // 100)

    @property
    def achieved_pct(self) -> float | None:
        return 100.0 * self.answered / self.customers if self.customers else None

    @property
    def met(self) -> bool:
        return self.answered >= self.required


@dataclass
class ItemResult:
    key: str
    name: str
    weight: float
    answered: int
    average_pct: float | None
    below_threshold: bool
    importance_avg: float | None
    better: int
    same: int
    worse: int
    has_action: bool  # an improvement action is open or done for it


@dataclass
class CustomerResult:
    customer_id: int
    customer_code: str
    customer_name: str
    tier: str
    index_pct: float | None
    answered_on: date | None
    late: bool
    partial: bool
    keep_buying: str
    recommend: int | None


@dataclass
class TrendPoint:
    campaign_id: int
    number: str
    name: str
    period_start: date
    index_pct: float | None
    target_pct: float
    responses: int


@dataclass
class CampaignResults:
    campaign: CampaignData
    template: TemplateData
    index_pct: float | None  # the mean of the answered customers' indexes
    invited: int
    answered: int
    late: int
    partial: int
    items: list[ItemResult]
    customers: list[CustomerResult]  # answered customers, lowest index first
    coverage: list[TierCoverage]  # all / most / many / optional
    trend: list[TrendPoint]  # up to the last 8 campaigns, oldest first, this one last
    keep_buying: dict[str, int]  # yes / maybe / no -> count
    recommend_avg: float | None
    promoters: int  # recommend 9–10
    detractors: int  # recommend 0–6

    @property
    def response_rate_pct(self) -> float | None:
        return 100.0 * self.answered / self.invited if self.invited else None

    @property
    def target_met(self) -> bool | None:
        if self.index_pct is None:
            return None
        return self.index_pct >= self.campaign.target_pct

    @property
    def nps(self) -> float | None:
        rated = sum(1 for c in self.customers if c.recommend is not None)
        return 100.0 * (self.promoters - self.detractors) / rated if rated else None


@dataclass
class LossRow:
    customer_id: int
    customer_code: str
    customer_name: str
    status: str
    sales_rep: str
    previous_wan: float | None  # year − 1
    current_wan: float | None  # year
    kind: str  # lost / fell / stable / grew / new

    @property
    def change_wan(self) -> float:
        return (self.current_wan or 0) - (self.previous_wan or 0)

    @property
    def change_pct(self) -> float | None:
        return 100.0 * self.change_wan / self.previous_wan if self.previous_wan else None


@dataclass
class CustomerLoss:
    year: int
    rows: list[LossRow]  # biggest decline first
    previous_total: float
    current_total: float

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind)
