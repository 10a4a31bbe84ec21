"""What the surveys tab writes to files: the questionnaires of a campaign as one PDF batch, the
summary analysis as a workbook or PDF, the customer-loss workbook. All off the GUI thread, with
a progress bar and Cancel; report modules load only when needed."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine

from app.reports.files import write_atomically
from app.services import settings_service, survey_service
from app.services.survey_data import CampaignData, ResponseData
from app.ui.background import BackgroundOp, Progress
from app.ui.exporting import ask_save_path, export_in_background

_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|]+')


def safe_file_name(text: str) -> str:
    return _UNSAFE_FILE_CHARS.sub("-", text).strip()


def questionnaire_file_name(campaign: CampaignData, count: int, filled: bool) -> str:
    what = (
        QCoreApplication.translate("SurveyExports", "Survey answers")
        if filled
        else QCoreApplication.translate("SurveyExports", "Survey questionnaires")
    )
    return safe_file_name(f"{what} {campaign.number} ({count}).pdf")


def export_questionnaires(
    parent: QWidget,
    engine: Engine,
    campaign: CampaignData,
    customer_ids: Sequence[int] | None,
    lang: str,
    on_done: Callable[[Path], None],
    *,
    filled: bool = False,
    preview: bool = False,
) -> BackgroundOp | None:
    """The questionnaires of the chosen invitees (all when None) as one PDF: blank, or filled
    with the answers given (filled=True; blank for those who have not answered); saved, or
    shown in the app to print (preview=True)."""
    wanted = set(customer_ids) if customer_ids is not None else None
    invitees = [i for i in campaign.invitees if wanted is None or i.customer_id in wanted]
    file_name = questionnaire_file_name(campaign, len(invitees), filled)
    path = None
    if not preview:
        path = ask_save_path(
            parent,
            QCoreApplication.translate("SurveyExports", "Save questionnaires as PDF"),
            file_name,
            QCoreApplication.translate("SurveyExports", "PDF files (*.pdf)"),
        )
        if path is None:
            return None
    settings = settings_service.load(engine)
    template = survey_service.get_template(engine, campaign.template_id)  # type: ignore[arg-type]

    def make(progress: Progress) -> bytes:
        from app.reports.pdf.survey_questionnaire_pdf import questionnaire_pdf

        responses: dict[int, ResponseData] = {}
        if filled:
            for invitee in invitees:
                if progress.cancelled():
                    from app.reports.files import ExportCancelled

                    raise ExportCancelled
                if invitee.answered:
                    found = survey_service.get_response(engine, campaign.id, invitee.customer_id)  # type: ignore[arg-type]
                    if found is not None:
                        responses[invitee.customer_id] = found
        return questionnaire_pdf(
            template,  # type: ignore[arg-type]
            campaign,
            invitees,
            settings,
            lang,
            responses=responses or None,
            progress=progress.report,
            cancelled=progress.cancelled,
        )

    label = QCoreApplication.translate("SurveyExports", "Writing {count} questionnaire(s)…").format(
        count=max(len(invitees), 1)
    )
    if preview:
        from app.ui.printing import preview_work

        return preview_work(parent, file_name.removesuffix(".pdf"), file_name, make, label)

    def work(progress: Progress) -> Path:
        write_atomically(path, make(progress))
        return path

    return export_in_background(parent, label, work, on_done)


def export_summary(
    parent: QWidget,
    engine: Engine,
    campaign: CampaignData,
    lang: str,
    on_done: Callable[[Path], None],
    *,
    as_pdf: bool,
    preview: bool = False,
) -> BackgroundOp | None:
    """The summary analysis 客户满意度调查汇总分析表 of one campaign as a workbook or PDF; the
    PDF also shown in the app to print (preview=True)."""
    title = QCoreApplication.translate("SurveyExports", "Survey summary")
    suffix = ".pdf" if as_pdf else ".xlsx"
    if preview:
        from app.ui.printing import preview_pdf

        settings = settings_service.load(engine)

        def render() -> bytes:
            from app.reports.pdf.survey_summary_pdf import survey_summary_pdf
            from app.services.survey_results import campaign_results

            results = campaign_results(engine, campaign.id)  # type: ignore[arg-type]
            return survey_summary_pdf(results, settings, lang)

        name = safe_file_name(f"{title} {campaign.number} {campaign.name}.pdf")
        return preview_pdf(parent, name.removesuffix(".pdf"), name, render)
    path = ask_save_path(
        parent,
        QCoreApplication.translate("SurveyExports", "Save survey summary as PDF")
        if as_pdf
        else QCoreApplication.translate("SurveyExports", "Save survey summary as Excel"),
        safe_file_name(f"{title} {campaign.number} {campaign.name}{suffix}"),
        QCoreApplication.translate("SurveyExports", "PDF files (*.pdf)")
        if as_pdf
        else QCoreApplication.translate("SurveyExports", "Excel workbooks (*.xlsx)"),
    )
    if path is None:
        return None
    settings = settings_service.load(engine)
    source = engine.url.database or ""

    def work(_progress: Progress) -> Path:
        from app.services.survey_results import campaign_results

        results = campaign_results(engine, campaign.id)  # type: ignore[arg-type]
        if as_pdf:
            from app.reports.pdf.survey_summary_pdf import survey_summary_pdf

            content = survey_summary_pdf(results, settings, lang)
        else:
            from app.reports.excel.survey_summary_xlsx import survey_summary_xlsx

            content = survey_summary_xlsx(
                results, lang=lang, source_file=source, company=settings.company_name
            )
        write_atomically(path, content)
        return path

    return export_in_background(
        parent,
        QCoreApplication.translate("SurveyExports", "Writing the survey summary…"),
        work,
        on_done,
    )


def export_customer_loss(
    parent: QWidget,
    engine: Engine,
    year: int,
    lang: str,
    on_done: Callable[[Path], None],
) -> BackgroundOp | None:
    """The customer-loss analysis: volumes of `year` against the year before."""
    path = ask_save_path(
        parent,
        QCoreApplication.translate("SurveyExports", "Save customer-loss analysis as Excel"),
        safe_file_name(
            QCoreApplication.translate("SurveyExports", "Customer loss {year}.xlsx").format(
                year=year
            )
        ),
        QCoreApplication.translate("SurveyExports", "Excel workbooks (*.xlsx)"),
    )
    if path is None:
        return None
    company = settings_service.load(engine).company_name
    source = engine.url.database or ""

    def work(_progress: Progress) -> Path:
        from app.reports.excel.customer_loss_xlsx import customer_loss_xlsx
        from app.services.customer_loss import customer_loss

        content = customer_loss_xlsx(
            customer_loss(engine, year), lang=lang, source_file=source, company=company
        )
        write_atomically(path, content)
        return path

    return export_in_background(
        parent,
        QCoreApplication.translate("SurveyExports", "Writing the customer-loss analysis…"),
        work,
        on_done,
    )
