"""What the management summaries hold (SPEC §2.6; 顾客管理程序 §4.1.7; seed 002 §5.2.3–5.2.4).

Plain data, no database: app/services/complaint_summary.py, annual_summary.py, overview.py and
failure_history.py fill these; the reports and the overview tab read them.

Counting rules, the same in every report (each figure can be recounted from the ledger):
- A *complaint* is an original ticket (not a -1/-2 reopening), not cancelled, counted in the
  period its received_at (local calendar day) falls in. Reopenings are counted separately.
- *Closed* counts tickets (originals and reopenings) whose closed_at falls in the period.
- *Open at the end* counts tickets (originals and reopenings) received by the end of the period,
  not cancelled, and not closed by then.
- *Overdue at the end*: open at the end, the customer not answered by then, and the answer
  (答复顾客) due before it.
- Bulk periodic returns 统退货 are never complaints (seed 002 §7.1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.services.return_summary import ReturnsSummary


@dataclass(frozen=True)
class Period:
    start: date  # the first day
    end: date  # the last day (inclusive)
    kind: str  # month / range / year

    @property
    def label(self) -> str:
        """2026-10, 2026-01 – 2026-03 or 2026."""
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        return f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"


@dataclass(frozen=True)
class CountRow:
    """One group of a breakdown: a customer, a product, a department, a severity …"""

    key: str  # customer code, part no., department, severity value … ("" = not given)
    label: str  # what a reader sees (customer name, a part's product model, "(未填写)" for "")
    count: int  # complaints in the period
    share_pct: float  # of all complaints in the period (0–100)
    qty_defective: float = 0.0  # summed over those complaints (blank = 0)
    ref_id: int | None = None  # the customer's id for the customer breakdown (drill-down)


@dataclass(frozen=True)
class ParetoRow:
    """A defect category in Pareto order: the most frequent first, then the cumulative share."""

    key: str  # the category ("" = not given)
    label: str
    count: int
    share_pct: float
    cumulative_pct: float
    vital_few: bool  # within the categories that make up the first 80 %


@dataclass(frozen=True)
class MonthPoint:
    """One month of the trend."""

    month: str  # YYYY-MM
    start: date
    end: date
    received: int  # complaints received (originals)
    closed: int  # tickets closed


@dataclass(frozen=True)
class SeasonRow:
    """A quarter of the year (seasonal analysis 季节性分析): the count in each year shown."""

    quarter: int  # 1–4
    label: str  # 第一季度(1–3月) / Q1 (Jan–Mar)
    counts: tuple[tuple[int, int], ...]  # ((year, complaints), …) oldest year first


@dataclass(frozen=True)
class RepeatProblem:
    """The same customer, product and defect more than once within the look-back window."""

    customer_code: str
    customer_name: str
    item: str  # the part no., else the product model
    defect_category: str
    in_period: int  # complaints of this group received in the period
    in_window: int  # … received in the window ending with the period (≥ 2)
    numbers: tuple[str, ...]  # the tickets in the window, oldest first


@dataclass(frozen=True)
class Frequency:
    """经常 vs 偶发 (§4.1.7 a): complaints of the period in a repeat group, and the rest."""

    window_months: int  # how far back "repeat" looks (complaint settings: recurrence_months)
    repeat_complaints: int
    one_off_complaints: int
    problems: tuple[RepeatProblem, ...]  # most complaints in the window first


@dataclass(frozen=True)
class DeadlineFigures:
    """One deadline over the complaints received in the period."""

    key: str  # containment / answer (答复顾客, the answer that closes the complaint)
    on_time: int  # met by the deadline
    late: int  # met after it
    overdue: int  # not met and past it at the as-of moment
    pending: int  # not met, not yet due
    average_hours: float | None  # from receipt to the reply, over the met ones

    @property
    def on_time_pct(self) -> float | None:
        """on_time / (on_time + late + overdue) × 100; None when none is due yet."""
        due = self.on_time + self.late + self.overdue
        return 100.0 * self.on_time / due if due else None


@dataclass(frozen=True)
class Closure:
    """Tickets closed in the period, how long they took, and how many were reopened since."""

    closed: int
    average_days: float | None  # receipt → closure
    reopened: int  # of the closed ones, reopened since (status reopened)

    @property
    def reopen_rate_pct(self) -> float | None:
        return 100.0 * self.reopened / self.closed if self.closed else None


@dataclass(frozen=True)
class ClaimTotals:
    """Claims 索赔 on the tickets received in the period (originals and reopenings)."""

    tickets: int  # with a claim (claim status not "none")
    claimed: float
    agreed: float
    paid: float
    charged_back: float  # recovered from suppliers

    @property
    def external_loss(self) -> float:
        """Paid to customers less what suppliers paid back."""
        return self.paid - self.charged_back


@dataclass(frozen=True)
class SatisfactionFigure:
    """The newest satisfaction campaign that ended by the end of the period."""

    campaign_id: int
    number: str  # MY-YYYY-NN
    period_start: date
    period_end: date
    index_pct: float | None
    target_pct: float
    answered: int
    invited: int

    @property
    def target_met(self) -> bool | None:
        return None if self.index_pct is None else self.index_pct >= self.target_pct

    @property
    def response_rate_pct(self) -> float | None:
        return 100.0 * self.answered / self.invited if self.invited else None


@dataclass(frozen=True)
class DepartmentActions:
    """Corrective/preventive actions of every record family at the as-of day, per department."""

    department: str  # "" = not given
    label: str
    open: int  # not done by the as-of day (done_on empty or later)
    overdue: int  # of those, due before the as-of day


@dataclass(frozen=True)
class SummaryTotals:
    received: int  # complaints (originals)
    reopenings: int  # -1/-2 tickets received in the period
    closed: int
    open_at_end: int
    overdue_at_end: int
    major: int  # complaints of severity major
    line_stopped: int  # complaints that stopped the customer's line
    qty_defective: float  # over the complaints


@dataclass(frozen=True)
class ComplaintSummary:
    """顾客投诉/抱怨汇总处理表 over a month, a range or a year."""

    period: Period
    as_of: date  # overdue is judged at the end of this day: min(period end, today)
    totals: SummaryTotals
    by_customer: list[CountRow]  # most complaints first
    by_product: list[CountRow]
    by_department: list[CountRow]  # the responsible department
    by_severity: list[CountRow]  # major, general
    pareto: list[ParetoRow]  # defect categories
    trend: list[MonthPoint]  # 24 months ending with the period's last month, oldest first
    seasons: list[SeasonRow]  # Q1–Q4 for the period's year and the two before
    frequency: Frequency
    containment: DeadlineFigures
    answer: DeadlineFigures
    closure: Closure
    claims: ClaimTotals
    returns: ReturnsSummary  # the returns received in the period (bulk counted apart)
    satisfaction: SatisfactionFigure | None
    actions: list[DepartmentActions]  # departments with open actions, most open first


@dataclass(frozen=True)
class ComparisonRow:
    """One figure this year against last year."""

    key: str  # received / closed / major / containment_on_time_pct / … (see annual_summary)
    label: str
    this_year: float | None
    last_year: float | None

    @property
    def change(self) -> float | None:
        if self.this_year is None or self.last_year is None:
            return None
        return self.this_year - self.last_year


@dataclass(frozen=True)
class TargetRow:
    """A management target of the year and whether it was met."""

    key: str  # max_complaints / containment_on_time_pct / answer_on_time_pct / max_reopen_rate_pct
    # / max_external_loss / satisfaction_index_pct
    label: str
    target: float
    actual: float | None
    higher_is_better: bool

    @property
    def met(self) -> bool | None:
        if self.actual is None:
            return None
        return self.actual >= self.target if self.higher_is_better else self.actual <= self.target


@dataclass(frozen=True)
class AnnualSummary:
    """The year for the management review: the summary, last year beside it, the targets."""

    year: int
    summary: ComplaintSummary  # the whole year
    previous: ComplaintSummary  # the year before, for the comparison
    comparison: list[ComparisonRow]
    targets: list[TargetRow]


# ---------------------------------------------------------------- the overview tab


@dataclass(frozen=True)
class KpiColumn:
    """One month's figures on the overview: this month, last month, the same month last year."""

    key: str  # this_month / last_month / last_year
    label: str  # e.g. 本月 2026-11
    start: date
    end: date
    received: int
    closed: int
    open_at_end: int
    overdue_at_end: int
    returns_qty: float  # pieces returned (qty_returned), bulk returns included
    claims_amount: float  # claimed on the tickets received in the month
    satisfaction_pct: float | None  # the newest campaign ended by the end of the month


@dataclass(frozen=True)
class Overview:
    month: date  # the first day of the month shown
    columns: list[KpiColumn]  # this month, last month, same month last year
    trend: list[MonthPoint]  # 24 months ending with the month
    chart_start: date  # the Pareto and the customers count the 12 months ending with the month
    chart_end: date
    pareto: list[ParetoRow]
    by_customer: list[CountRow]  # the ten with most complaints (ref_id = customer id)
    actions: list[DepartmentActions]  # open actions today, per department


@dataclass(frozen=True)
class OpenAction:
    """An open action for the drill-down from the overview's department chart."""

    action_id: int
    owner_kind: str  # complaint / return / campaign / visit
    owner_id: int
    owner_number: str
    description: str
    department: str
    owner: str  # who does it
    due: date | None
    overdue: bool


# ---------------------------------------------------------------- product failure history


@dataclass(frozen=True)
class FailureEntry:
    """One failure of the part: a complaint, a returned line or a field-service finding."""

    on: date  # received (complaint), received (return), arrived (field service)
    source: str  # complaint / return / field
    number: str  # the record's number
    record_id: int
    customer_code: str
    customer_name: str
    item: str  # the part no. or product model as the record names it
    batch: str  # batch or serial no.
    quantity: float | None  # defective quantity (field service: replaced parts of this number)
    defect: str  # defect category (field service: "")
    description: str  # the problem as found
    cause: str  # root cause / inspection finding / work done
    action: str  # what was done about it
    responsibility: str  # label
    status: str  # label


@dataclass(frozen=True)
class FailureHistory:
    """产品失败履历表 (Q/JL081302-C): everything that failed for one part, oldest first."""

    part: str  # as asked for (matched without regard to case)
    names: tuple[str, ...]  # the part/product names the records give
    entries: list[FailureEntry] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """complaint / return / field -> entries."""
        result = {"complaint": 0, "return": 0, "field": 0}
        for entry in self.entries:
            result[entry.source] += 1
        return result
