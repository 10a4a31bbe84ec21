"""The printed field-service forms: a service report (filled or blank), a visit report, the monthly
service report (PDF or Excel). Asked where to save, written off the GUI thread with progress."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine

from app.reports.files import write_atomically
from app.services import field_service, settings_service
from app.services.field_data import ServiceReportData, VisitReportData
from app.ui.background import BackgroundOp, Progress
from app.ui.exporting import ask_save_path, export_in_background

_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|]+')


def safe_file_name(name: str) -> str:
    return _UNSAFE_FILE_CHARS.sub("-", name)


def _export_pdf(
    parent: QWidget,
    default_name: str,
    render: Callable[[], bytes],
    on_done: Callable[[Path], None],
    preview: bool = False,
) -> BackgroundOp | None:
    if preview:  # shown in the app to print for signature (or save from there)
        from app.ui.printing import preview_pdf

        name = safe_file_name(default_name)
        return preview_pdf(parent, name.removesuffix(".pdf"), name, render)
    path = ask_save_path(
        parent,
        QCoreApplication.translate("FieldForms", "Save as PDF"),
        safe_file_name(default_name),
        QCoreApplication.translate("FieldForms", "PDF files (*.pdf)"),
    )
    if path is None:
        return None

    def work(_progress: Progress) -> Path:
        write_atomically(path, render())
        return path

    return export_in_background(
        parent, QCoreApplication.translate("FieldForms", "Writing the PDF…"), work, on_done
    )


def export_service_report(
    parent: QWidget,
    engine: Engine,
    data: ServiceReportData,
    lang: str,
    on_done: Callable[[Path], None],
    preview: bool = False,
) -> BackgroundOp | None:
    """The filled service report 现场服务报告 with its photos (saved, or shown to print)."""
    settings = settings_service.load(engine)
    title = settings_service.form_title("field_service", lang)

    def render() -> bytes:
        from app.reports.pdf.service_report_pdf import service_report_pdf

        return service_report_pdf(
            data, settings, lang, photos=field_service.photo_bytes(engine, data)
        )

    return _export_pdf(parent, f"{title} {data.number}.pdf", render, on_done, preview)


def export_blank_service_report(
    parent: QWidget,
    engine: Engine,
    lang: str,
    on_done: Callable[[Path], None],
    *,
    customer_code: str = "",
    customer_name: str = "",
    site_address: str = "",
    preview: bool = False,
) -> BackgroundOp | None:
    """An empty service report to fill in by hand (the customer printed when given)."""
    settings = settings_service.load(engine)
    title = settings_service.form_title("field_service", lang)
    name = (
        f"{title} {customer_name}".strip()
        + " "
        + QCoreApplication.translate("FieldForms", "blank")
        + ".pdf"
    )

    def render() -> bytes:
        from app.reports.pdf.service_report_pdf import blank_service_report_pdf

        return blank_service_report_pdf(
            settings, lang, customer_name=customer_name, customer_code=customer_code,
            site_address=site_address,
        )  # fmt: skip

    return _export_pdf(parent, name, render, on_done, preview)


def export_visit_report(
    parent: QWidget,
    engine: Engine,
    data: VisitReportData,
    lang: str,
    on_done: Callable[[Path], None],
    preview: bool = False,
) -> BackgroundOp | None:
    """The visit report 走访服务报告 with its follow-ups."""
    settings = settings_service.load(engine)
    title = settings_service.form_title("visit", lang)

    def render() -> bytes:
        from app.reports.pdf.visit_report_pdf import visit_report_pdf

        return visit_report_pdf(data, settings, lang)

    return _export_pdf(parent, f"{title} {data.number}.pdf", render, on_done, preview)


def preview_records(
    parent: QWidget, engine: Engine, keys: list[tuple[str, int]], lang: str
) -> BackgroundOp:
    """The report of every chosen service report and visit, in one preview to print together."""
    from app.services import visit_service
    from app.ui.printing import pdf_name, preview_batch

    settings = settings_service.load(engine)

    def render_one(key: tuple[str, int]) -> bytes | None:
        kind, record_id = key
        if kind == "service":
            from app.reports.pdf.service_report_pdf import service_report_pdf

            data = field_service.get(engine, record_id)
            return data and service_report_pdf(
                data, settings, lang, photos=field_service.photo_bytes(engine, data)
            )
        from app.reports.pdf.visit_report_pdf import visit_report_pdf

        visit = visit_service.get(engine, record_id)
        return visit and visit_report_pdf(visit, settings, lang)

    heading = QCoreApplication.translate("FieldForms", "Field service reports ({count})").format(
        count=len(keys)
    )
    return preview_batch(parent, heading, pdf_name(heading), keys, render_one)


def export_monthly(
    parent: QWidget,
    engine: Engine,
    year: int,
    month: int,
    excel: bool,
    lang: str,
    on_done: Callable[[Path], None],
    preview: bool = False,
) -> BackgroundOp | None:
    """The monthly service report 月度服务报告 of a month as PDF or as an Excel workbook; the
    PDF also shown in the app to print."""
    title = settings_service.form_title("monthly_service", lang)
    suffix = ".xlsx" if excel else ".pdf"
    default = safe_file_name(f"{title} {year}-{month:02d}{suffix}")
    if preview and not excel:
        settings = settings_service.load(engine)

        def render() -> bytes:
            from app.reports.pdf.monthly_service_pdf import monthly_service_pdf
            from app.services.monthly_service import monthly_service

            return monthly_service_pdf(monthly_service(engine, year, month), settings, lang)

        return _export_pdf(parent, default, render, on_done, preview=True)
    if excel:
        path = ask_save_path(
            parent,
            QCoreApplication.translate("FieldForms", "Save as Excel"),
            default,
            QCoreApplication.translate("FieldForms", "Excel workbooks (*.xlsx)"),
        )
    else:
        path = ask_save_path(
            parent,
            QCoreApplication.translate("FieldForms", "Save as PDF"),
            default,
            QCoreApplication.translate("FieldForms", "PDF files (*.pdf)"),
        )
    if path is None:
        return None
    settings = settings_service.load(engine)

    def work(progress: Progress) -> Path:
        from app.services.monthly_service import monthly_service

        progress.report(0, 2)
        summary = monthly_service(engine, year, month)
        progress.report(1, 2)
        if excel:
            from app.reports.excel.monthly_service_xlsx import monthly_service_xlsx

            content = monthly_service_xlsx(
                summary, lang=lang, source_file=engine.url.database or "",
                company=settings.company_name,
            )  # fmt: skip
        else:
            from app.reports.pdf.monthly_service_pdf import monthly_service_pdf

            content = monthly_service_pdf(summary, settings, lang)
        write_atomically(path, content)
        progress.report(2, 2)
        return path

    return export_in_background(
        parent,
        QCoreApplication.translate("FieldForms", "Writing the monthly service report…"),
        work,
        on_done,
    )
