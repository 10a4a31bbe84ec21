"""The monthly summary workbook (顾客投诉/抱怨汇总处理表) as the window and the command line make it."""

from __future__ import annotations

from datetime import date

from figures.timing import timed


def last_whole_month(engine) -> date:  # noqa: ANN001
    """The month before the newest ticket's: a whole month of the data set."""
    from sqlalchemy import text

    with engine.connect() as connection:
        newest = connection.execute(text("SELECT max(received_at) FROM complaint")).scalar()
    newest = date.fromisoformat(str(newest)[:10])
    return (
        date(newest.year - 1, 12, 1)
        if newest.month == 1
        else date(newest.year, newest.month - 1, 1)
    )


def monthly_summary_seconds(engine, month: date) -> float:  # noqa: ANN001
    from app.reports.management import complaint_summary_file
    from app.services.complaint_summary import month_period

    period = month_period(month.year, month.month)
    return timed(lambda: complaint_summary_file(engine, period, as_pdf=False, lang="zh_CN"))
