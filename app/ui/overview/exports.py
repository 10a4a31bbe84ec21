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
from app.reports.management import (
    annual_summary_file,
    complaint_summary_file,
    failure_history_file,
)
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

    def work(_progress: Progress) -> Path:
        from app.services.complaint_summary import range_period

        period = range_period(request.start, request.end)
        content = complaint_summary_file(engine, period, as_pdf=request.as_pdf, lang=lang)
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

    def work(_progress: Progress) -> Path:
        content = annual_summary_file(engine, request.year, as_pdf=request.as_pdf, lang=lang)
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

    def work(_progress: Progress) -> Path:
        from app.services.failure_history import failure_history

        history = failure_history(engine, request.part, lang=lang)
        content = failure_history_file(engine, history, as_pdf=request.as_pdf, lang=lang)
        write_atomically(path, content)
        return path

    return export_in_background(
        parent,
        QCoreApplication.translate("OverviewExports", "Writing the product failure history…"),
        work,
        on_done,
    )
