"""The annual summary for the management review 管理评审 (seed 002 §5.2.4; 顾客管理程序 §4.1.8).

The monthly summary's views over a calendar year, the year before beside it, and whether the
department's targets (app/services/summary_targets.py) and the satisfaction target were met.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import Engine

from app.i18n import pick
from app.services.complaint_summary import complaint_summary, year_period
from app.services.summary_data import AnnualSummary, ComparisonRow, ComplaintSummary, TargetRow
from app.services.summary_targets import load_targets

# key -> (Chinese, English, the figure read from a year's summary)
FIGURES: dict[str, tuple[str, str, Callable[[ComplaintSummary], float | None]]] = {
    "received": ("投诉/抱怨件数", "Complaints", lambda s: s.totals.received),
    "reopenings": ("重开件数", "Reopenings", lambda s: s.totals.reopenings),
    "closed": ("结案件数", "Closed", lambda s: s.totals.closed),
    "open_at_end": ("年末未结案", "Open at year end", lambda s: s.totals.open_at_end),
    "major": ("重大投诉", "Major complaints", lambda s: s.totals.major),
    "line_stopped": ("造成停线", "Customer line stopped", lambda s: s.totals.line_stopped),
    "qty_defective": ("投诉不良数量", "Defective quantity", lambda s: s.totals.qty_defective),
    "repeat_complaints": (
        "重复发生的投诉",
        "Repeat complaints",
        lambda s: s.frequency.repeat_complaints,
    ),
    "containment_on_time_pct": (
        "临时对策及时率 %",
        "Containment on time %",
        lambda s: s.containment.on_time_pct,
    ),
    "answer_on_time_pct": ("答复及时率 %", "Answers on time %", lambda s: s.answer.on_time_pct),
    "closure_days": ("平均结案天数", "Average days to close", lambda s: s.closure.average_days),
    "reopen_rate_pct": ("重开率 %", "Reopen rate %", lambda s: s.closure.reopen_rate_pct),
    "claimed": ("索赔金额", "Claimed", lambda s: s.claims.claimed),
    "external_loss": ("外部损失", "External loss", lambda s: s.claims.external_loss),
    "return_cases": (
        "退货件数(不含统退货)",
        "Returns (bulk returns excluded)",
        lambda s: s.returns.totals.complaint_cases,
    ),
    "qty_returned": ("退货数量", "Quantity returned", lambda s: s.returns.totals.qty_returned),
    "satisfaction_index_pct": (
        "顾客满意度指数 %",
        "Satisfaction index %",
        lambda s: s.satisfaction.index_pct if s.satisfaction else None,
    ),
}


def _value(summary: ComplaintSummary, key: str) -> float | None:
    value = FIGURES[key][2](summary)
    return None if value is None else float(value)


def annual_summary(
    engine: Engine, year: int, *, today: date | None = None, lang: str | None = None
) -> AnnualSummary:
    this = complaint_summary(engine, year_period(year), today=today, lang=lang)
    last = complaint_summary(engine, year_period(year - 1), today=today, lang=lang)
    comparison = [
        ComparisonRow(key, pick(zh, en, lang), _value(this, key), _value(last, key))
        for key, (zh, en, _figure) in FIGURES.items()
    ]
    return AnnualSummary(year, this, last, comparison, _targets(engine, this, lang))


def _targets(engine: Engine, summary: ComplaintSummary, lang: str | None) -> list[TargetRow]:
    targets = load_targets(engine)
    # (target key, the figure it judges, higher is better, target)
    judged = [
        ("max_complaints", "received", False, targets.max_complaints),
        (
            "containment_on_time_pct",
            "containment_on_time_pct",
            True,
            targets.containment_on_time_pct,
        ),
        ("answer_on_time_pct", "answer_on_time_pct", True, targets.answer_on_time_pct),
        ("max_reopen_rate_pct", "reopen_rate_pct", False, targets.max_reopen_rate_pct),
        ("max_external_loss", "external_loss", False, targets.max_external_loss),
    ]
    rows = [
        TargetRow(
            key, pick(*FIGURES[figure][:2], lang), float(target), _value(summary, figure), better
        )
        for key, figure, better, target in judged
        if target is not None
    ]
    if summary.satisfaction is not None:
        rows.append(
            TargetRow(
                "satisfaction_index_pct",
                pick(*FIGURES["satisfaction_index_pct"][:2], lang),
                summary.satisfaction.target_pct,
                summary.satisfaction.index_pct,
                True,
            )
        )
    return rows
