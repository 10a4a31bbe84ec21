"""A monthly complaint summary and an annual review built by hand (no database), every figure a
distinct, known number, with some hostile user text in the names a customer or clerk types."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.services.return_summary import BreakdownRow, DispositionRow, ReturnsSummary, ReturnsTotals
from app.services.summary_data import (
    AnnualSummary,
    ClaimTotals,
    Closure,
    ComparisonRow,
    ComplaintSummary,
    CountRow,
    DeadlineFigures,
    DepartmentActions,
    Frequency,
    MonthPoint,
    ParetoRow,
    Period,
    RepeatProblem,
    SatisfactionFigure,
    SeasonRow,
    SummaryTotals,
    TargetRow,
)

HOSTILE = '<b>&amp;</b> <font size=40>大</font> "&"'
FORMULA = "=1+1"
FORMULA_DEPARTMENT = '=HYPERLINK("http://x","部门")'
MARKUP_CATEGORY = "<i>外观划伤</i>"

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31), "month")
YEAR = Period(date(2026, 1, 1), date(2026, 12, 31), "year")
LAST_YEAR = Period(date(2025, 1, 1), date(2025, 12, 31), "year")


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def trend() -> list[MonthPoint]:
    """24 months from 2024-11 to 2026-10: received 11, 18, 25 …, closed 6, 11, 16 … (mod)."""
    points = []
    for i in range(24):
        start = _month_start(2024, 11 + i)
        end = date.fromordinal(_month_start(2024, 12 + i).toordinal() - 1)
        received, closed = 11 + (i * 7) % 23, 6 + (i * 5) % 19
        if i == 23:  # the month of the summary
            received, closed = 37, 29
        points.append(MonthPoint(f"{start:%Y-%m}", start, end, received, closed))
    return points


def returns() -> ReturnsSummary:
    return ReturnsSummary(
        date_from=OCTOBER.start,
        date_to=OCTOBER.end,
        totals=ReturnsTotals(
            returns=7,
            complaint_cases=5,
            bulk_returns=2,
            lines=12,
            qty_returned=860,
            qty_inspected=790,
            qty_defective=143,
            qty_rework=41,
            qty_scrap=23,
            qty_return=37,
            qty_accept=16,
            qty_replace=26,
            urgent_lines=1,
        ),
        by_customer=[],
        by_product=[],
        by_defect_category=[],
        by_responsibility=[
            BreakdownRow("ours", "本公司责任", 4, 1, 7, 540, 96, 30, 23, 12, 9, 22),
            BreakdownRow("not_ours", "非本公司责任", 2, 0, 3, 210, 39, 11, 0, 25, 3, 0),
            BreakdownRow("", "待判定", 1, 1, 2, 110, 8, 0, 0, 0, 4, 4),
        ],
        by_disposition=[
            DispositionRow("qty_rework", "重工", 3, 4, 310, 52, 41),
            DispositionRow("qty_scrap", "报废", 2, 2, 180, 33, 23),
            DispositionRow("qty_return", "退回顾客", 2, 3, 205, 44, 37),
            DispositionRow("qty_accept", "让步接收", 1, 2, 96, 18, 16),
            DispositionRow("qty_replace", "换货", 4, 5, 330, 61, 26),
        ],
    )


def summary(**overrides: object) -> ComplaintSummary:
    """October 2026: 37 complaints of three customers, 4 vital-few categories, 2 repeat problems."""
    data = ComplaintSummary(
        period=OCTOBER,
        as_of=date(2026, 10, 27),
        totals=SummaryTotals(
            received=37,
            reopenings=3,
            closed=29,
            open_at_end=14,
            overdue_at_end=6,
            major=8,
            line_stopped=2,
            qty_defective=1523,
        ),
        by_customer=[
            CountRow("KH001", "长春华通汽车有限公司", 17, 45.95, 812, ref_id=1),
            CountRow("KH002", FORMULA, 11, 29.73, 406, ref_id=2),
            CountRow("KH003", HOSTILE, 9, 24.32, 305, ref_id=3),
        ],
        by_product=[
            CountRow("QD-200", "制动钳总成", 19, 51.35, 903),
            CountRow("QD-310A", "真空助力器", 13, 35.14, 498),
            CountRow("", "(未填写)", 5, 13.51, 122),
        ],
        by_department=[
            CountRow("生产部", "生产部", 21, 56.76, 1001),
            CountRow(FORMULA_DEPARTMENT, FORMULA_DEPARTMENT, 10, 27.03, 333),
            CountRow("", "(未填写)", 6, 16.22, 189),
        ],
        by_severity=[
            CountRow("major", "重大", 8, 21.62, 611),
            CountRow("general", "一般", 29, 78.38, 912),
        ],
        pareto=[
            ParetoRow("尺寸不良", "尺寸不良", 15, 40.54, 40.54, True),
            ParetoRow(MARKUP_CATEGORY, MARKUP_CATEGORY, 8, 21.62, 62.16, True),
            ParetoRow("功能失效", "功能失效", 6, 16.22, 78.38, True),
            ParetoRow("装配不良", "装配不良", 5, 13.51, 91.89, False),
            ParetoRow("", "(未填写)", 3, 8.11, 100.0, False),
        ],
        trend=trend(),
        seasons=[
            SeasonRow(1, "第一季度(1–3月)", ((2024, 41), (2025, 52), (2026, 63))),
            SeasonRow(2, "第二季度(4–6月)", ((2024, 44), (2025, 57), (2026, 68))),
            SeasonRow(3, "第三季度(7–9月)", ((2024, 47), (2025, 59), (2026, 71))),
            SeasonRow(4, "第四季度(10–12月)", ((2024, 49), (2025, 61), (2026, 37))),
        ],
        frequency=Frequency(
            window_months=12,
            repeat_complaints=9,
            one_off_complaints=28,
            problems=(
                RepeatProblem(
                    "KH003",
                    HOSTILE,
                    "QD-310A",
                    MARKUP_CATEGORY,
                    5,
                    7,
                    tuple(f"KS-2026-{n:04d}" for n in (12, 58, 101, 133, 140, 151, 160)),
                ),
                RepeatProblem(
                    "KH001",
                    "长春华通汽车有限公司",
                    "QD-200",
                    "尺寸不良",
                    4,
                    6,
                    ("KS-2025-0207", "KS-2026-0044", "KS-2026-0139", "KS-2026-0145")
                    + ("KS-2026-0152", "KS-2026-0158"),
                ),
            ),
        ),
        containment=DeadlineFigures("containment", 26, 7, 3, 1, 20.5),
        answer=DeadlineFigures("answer", 19, 9, 4, 5, 131.25),
        closure=Closure(closed=29, average_days=11.7, reopened=3),
        claims=ClaimTotals(
            tickets=4, claimed=58000.0, agreed=42500.5, paid=31200.0, charged_back=8700.0
        ),
        returns=returns(),
        satisfaction=SatisfactionFigure(
            campaign_id=4,
            number="MY-2026-01",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
            index_pct=93.8,
            target_pct=95.0,
            answered=14,
            invited=17,
        ),
        actions=[
            DepartmentActions("生产部", "生产部", 12, 5),
            DepartmentActions(FORMULA_DEPARTMENT, FORMULA_DEPARTMENT, 7, 2),
            DepartmentActions("", "(未填写)", 3, 1),
        ],
    )
    return replace(data, **overrides)


def annual() -> AnnualSummary:
    """2026 against 2025: the year's figures are October's (a small shop), last year's differ."""
    this_year = summary(period=YEAR, as_of=date(2026, 10, 27))
    previous = summary(
        period=LAST_YEAR,
        as_of=date(2025, 12, 31),
        totals=replace(this_year.totals, received=33, closed=31),
    )
    return AnnualSummary(
        year=2026,
        summary=this_year,
        previous=previous,
        comparison=[
            ComparisonRow("received", "投诉件数", 37, 33),
            ComparisonRow("major", "重大投诉", 8, 13),
            ComparisonRow("containment_on_time_pct", "围堵及时率(%)", 72.22, 81.5),
            ComparisonRow("external_loss", "外部损失", 22500.0, None),
        ],
        targets=[
            TargetRow("max_complaints", "投诉件数上限", 30, 37, False),
            TargetRow("answer_on_time_pct", "答复及时率(%)", 55, 59.38, True),
            TargetRow("max_reopen_rate_pct", "重开率上限(%)", 8, 10.34, False),
            TargetRow("max_external_loss", "外部损失上限", 25000, 22500.0, False),
            TargetRow("satisfaction_index_pct", "满意度指数(%)", 96, None, True),
        ],
    )
