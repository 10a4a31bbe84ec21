"""The management reports the overview writes: the monthly complaint summary, the annual summary
and the product failure history, as Excel or PDF. Off the GUI thread with a progress dialog; the
report modules load only inside the job."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine

from app.reports.files import write_atomically
from app.services import settings_service
from app.ui.background import BackgroundOp, Progress
from app.ui.exporting import ask_save_path, export_in_background
from app.ui.overview.export_dialogs import (
    AnnualRequest,
    FailureHistoryRequest,
    SummaryRequest,
    month_end,
)
from app.ui.surveys.exports import safe_file_name


def _ask(parent: QWidget, name: str, as_pdf: bool) -> Path | None:
    if as_pdf:
        return ask_save_path(
            parent,
            QCoreApplication.translate("OverviewExports", "Save as PDF"),
            f"{name}.pdf",
            QCoreApplication.translate("OverviewExports", "PDF files (*.pdf)"),
        )
    return ask_save_path(
        parent,
        QCoreApplication.translate("OverviewExports", "Save as Excel"),
        f"{name}.xlsx",
        QCoreApplication.translate("OverviewExports", "Excel workbooks (*.xlsx)"),
    )


def period_name(request: SummaryRequest) -> str:
    """2026-10 for a whole month, else 2026-01-01_2026-03-31."""
    if request.start.day == 1 and request.end == month_end(request.start):
        return f"{request.start:%Y-%m}"
    return f"{request.start:%Y-%m-%d}_{request.end:%Y-%m-%d}"


def export_monthly_summary(
    parent: QWidget,
    engine: Engine,
    request: SummaryRequest,
    lang: str,
    on_done: Callable[[Path], None],
) -> BackgroundOp | None:
    """顾客投诉/抱怨汇总处理表 over a month or a range."""
    name = QCoreApplication.translate("OverviewExports", "Complaint summary {period}").format(
        period=period_name(request)
    )
    path = _ask(parent, safe_file_name(name), request.as_pdf)
    if path is None:
        return None
    settings = settings_service.load(engine)
    source = engine.url.database or ""

    def work(_progress: Progress) -> Path:
        from app.services.complaint_summary import complaint_summary, range_period

        summary = complaint_summary(engine, range_period(request.start, request.end), lang=lang)
        if request.as_pdf:
            from app.reports.pdf.complaint_summary_pdf import complaint_summary_pdf

            content = complaint_summary_pdf(summary, settings, lang, source_file=source)
        else:
            from app.reports.excel.complaint_summary_xlsx import complaint_summary_xlsx

            content = complaint_summary_xlsx(
                summary, lang=lang, source_file=source, company=settings.company_name
            )
        write_atomically(path, content)
        return path

    return export_in_background(
        parent,
        QCoreApplication.translate("OverviewExports", "Writing the complaint summary…"),
        work,
        on_done,
    )


def export_annual_summary(
    parent: QWidget,
    engine: Engine,
    request: AnnualRequest,
    lang: str,
    on_done: Callable[[Path], None],
) -> BackgroundOp | None:
    """The year for the management review, with last year and the targets."""
    name = QCoreApplication.translate("OverviewExports", "Annual summary {year}").format(
        year=request.year
    )
    path = _ask(parent, safe_file_name(name), request.as_pdf)
    if path is None:
        return None
    settings = settings_service.load(engine)
    source = engine.url.database or ""

    def work(_progress: Progress) -> Path:
        from app.services.annual_summary import annual_summary

        annual = annual_summary(engine, request.year, lang=lang)
        if request.as_pdf:
            from app.reports.pdf.complaint_summary_pdf import annual_summary_pdf

            content = annual_summary_pdf(annual, settings, lang, source_file=source)
        else:
            from app.reports.excel.complaint_summary_xlsx import annual_summary_xlsx

            content = annual_summary_xlsx(
                annual, lang=lang, source_file=source, company=settings.company_name
            )
        write_atomically(path, content)
        return path

    return export_in_background(
        parent,
        QCoreApplication.translate("OverviewExports", "Writing the annual summary…"),
        work,
        on_done,
    )


def export_failure_history(
    parent: QWidget,
    engine: Engine,
    request: FailureHistoryRequest,
    lang: str,
    on_done: Callable[[Path], None],
) -> BackgroundOp | None:
    """产品失败履历表 of one part."""
    name = QCoreApplication.translate("OverviewExports", "Product failure history {part}").format(
        part=request.part
    )
    path = _ask(parent, safe_file_name(name), request.as_pdf)
    if path is None:
        return None
    settings = settings_service.load(engine)
    source = engine.url.database or ""

    def work(_progress: Progress) -> Path:
        from app.services.failure_history import failure_history

        history = failure_history(engine, request.part, lang=lang)
        if request.as_pdf:
            from app.reports.pdf.failure_history_pdf import failure_history_pdf

            content = failure_history_pdf(history, settings, lang)
        else:
            from app.reports.excel.failure_history_xlsx import failure_history_xlsx

            content = failure_history_xlsx(
                history, lang=lang, source_file=source, company=settings.company_name
            )
        write_atomically(path, content)
        return path

    return export_in_background(
        parent,
        QCoreApplication.translate("OverviewExports", "Writing the product failure history…"),
        work,
        on_done,
    )
