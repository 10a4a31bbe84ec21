"""The management reports as file contents: counted from the data file, then written as a
workbook or a PDF form. The window and the command line both export through here."""

from __future__ import annotations

from sqlalchemy import Engine

from app.services import settings_service
from app.services.summary_data import FailureHistory, Period


def _source(engine: Engine) -> str:
    return engine.url.database or ""


def complaint_summary_file(engine: Engine, period: Period, *, as_pdf: bool, lang: str) -> bytes:
    """顾客投诉/抱怨汇总处理表 over a month or a range."""
    from app.services.complaint_summary import complaint_summary

    summary = complaint_summary(engine, period, lang=lang)
    settings = settings_service.load(engine)
    if as_pdf:
        from app.reports.pdf.complaint_summary_pdf import complaint_summary_pdf

        return complaint_summary_pdf(summary, settings, lang, source_file=_source(engine))
    from app.reports.excel.complaint_summary_xlsx import complaint_summary_xlsx

    return complaint_summary_xlsx(
        summary, lang=lang, source_file=_source(engine), company=settings.company_name
    )


def annual_summary_file(engine: Engine, year: int, *, as_pdf: bool, lang: str) -> bytes:
    """The year for the management review, against the year before and the targets."""
    from app.services.annual_summary import annual_summary

    review = annual_summary(engine, year, lang=lang)
    settings = settings_service.load(engine)
    if as_pdf:
        from app.reports.pdf.complaint_summary_pdf import annual_summary_pdf

        return annual_summary_pdf(review, settings, lang, source_file=_source(engine))
    from app.reports.excel.complaint_summary_xlsx import annual_summary_xlsx

    return annual_summary_xlsx(
        review, lang=lang, source_file=_source(engine), company=settings.company_name
    )


def failure_history_file(
    engine: Engine, history: FailureHistory, *, as_pdf: bool, lang: str
) -> bytes:
    """产品失败履历表 of one part (its history already read, so a caller can refuse an empty one)."""
    settings = settings_service.load(engine)
    if as_pdf:
        from app.reports.pdf.failure_history_pdf import failure_history_pdf

        return failure_history_pdf(history, settings, lang)
    from app.reports.excel.failure_history_xlsx import failure_history_xlsx

    return failure_history_xlsx(
        history, lang=lang, source_file=_source(engine), company=settings.company_name
    )
