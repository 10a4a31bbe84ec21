"""The printed forms of a return: receipt + inspection and disposition report, rework order,
三包 defect feedback form (SPEC §2.3). Report modules load only when a form is printed."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import Engine

from app.reports.files import write_atomically
from app.services import attachment_service, settings_service
from app.services.return_data import ReturnData
from app.ui.background import BackgroundOp, Progress
from app.ui.exporting import ask_save_path, export_in_background

FORM_KEYS = ("return_report", "rework_order", "three_guarantees")
_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|]+')


def form_menu_text(form_key: str) -> str:
    texts = {
        "return_report": QCoreApplication.translate(
            "ReturnForms", "Return receipt, inspection and disposition report…"
        ),
        "rework_order": QCoreApplication.translate("ReturnForms", "Rework order…"),
        "three_guarantees": QCoreApplication.translate(
            "ReturnForms", "Defect (三包) feedback form…"
        ),
    }
    return texts[form_key]


def form_title(form_key: str, lang: str) -> str:
    """The form's title as the settings name it; the menu text while the settings lack it."""
    try:
        return settings_service.form_title(form_key, lang)
    except KeyError:
        return form_menu_text(form_key).rstrip("…")


def form_file_name(form_key: str, number: str, lang: str) -> str:
    return _UNSAFE_FILE_CHARS.sub("-", f"{form_title(form_key, lang)} {number}.pdf")


def line_photos(engine: Engine, data: ReturnData) -> dict[str, bytes]:
    """The lines' images by stored name, as the return report prints them under their line."""
    photos: dict[str, bytes] = {}
    for line in data.lines:
        for attachment in line.attachments:
            if attachment.is_image:
                content = attachment_service.read_bytes(engine, attachment)
                if content is not None:
                    photos[attachment.stored_name] = content
    return photos


def render_form(
    form_key: str,
    data: ReturnData,
    settings: settings_service.FormSettings,
    lang: str,
    engine: Engine,
) -> bytes:
    """The PDF bytes of one of the return's forms (runs in the worker thread)."""
    if form_key == "return_report":
        from app.reports.pdf.return_report_pdf import return_report_pdf

        return return_report_pdf(data, settings, lang, photos=line_photos(engine, data))
    if form_key == "rework_order":
        from app.reports.pdf.rework_order_pdf import rework_order_pdf

        return rework_order_pdf(data, settings, lang)
    if form_key == "three_guarantees":
        from app.reports.pdf.three_guarantees_pdf import three_guarantees_pdf

        return three_guarantees_pdf(data, settings, lang)
    raise ValueError(f"unknown form {form_key!r}")


def _no_rework(parent: QWidget) -> None:
    QMessageBox.information(
        parent,
        QCoreApplication.translate("ReturnForms", "Rework order"),
        QCoreApplication.translate("ReturnForms", "No line of this return is reworked."),
    )


def preview_form(
    parent: QWidget, engine: Engine, data: ReturnData, form_key: str, lang: str
) -> BackgroundOp | None:
    """One of the return's forms in the preview, to print for signature or save."""
    if form_key == "rework_order" and not any(line.qty_rework for line in data.lines):
        _no_rework(parent)
        return None
    from app.ui.printing import preview_pdf

    settings = settings_service.load(engine)
    name = form_file_name(form_key, data.number, lang)
    return preview_pdf(
        parent,
        name.removesuffix(".pdf"),
        name,
        lambda: render_form(form_key, data, settings, lang, engine),
    )


def preview_selected(
    parent: QWidget, engine: Engine, return_ids: list[int], form_key: str, lang: str
) -> BackgroundOp:
    """One form of every chosen return in one preview (a return without the form is left out,
    such as one with nothing reworked for the rework order)."""
    from app.services import return_service
    from app.ui.printing import pdf_name, preview_batch

    settings = settings_service.load(engine)

    def render_one(return_id: int) -> bytes | None:
        data = return_service.get(engine, return_id)
        if data is None:
            return None
        if form_key == "rework_order" and not any(line.qty_rework for line in data.lines):
            return None
        return render_form(form_key, data, settings, lang, engine)

    heading = QCoreApplication.translate("ReturnForms", "{form} ({count} returns)").format(
        form=form_title(form_key, lang), count=len(return_ids)
    )
    return preview_batch(parent, heading, pdf_name(heading), return_ids, render_one)


def export_form(
    parent: QWidget,
    engine: Engine,
    data: ReturnData,
    form_key: str,
    lang: str,
    on_done: Callable[[Path], None],
) -> BackgroundOp | None:
    """Ask where to save one of the return's forms and write it off the GUI thread."""
    if form_key == "rework_order" and not any(line.qty_rework for line in data.lines):
        _no_rework(parent)
        return None
    path = ask_save_path(
        parent,
        QCoreApplication.translate("ReturnForms", "Save as PDF"),
        form_file_name(form_key, data.number, lang),
        QCoreApplication.translate("ReturnForms", "PDF files (*.pdf)"),
    )
    if path is None:
        return None
    settings = settings_service.load(engine)

    def work(_progress: Progress) -> Path:
        write_atomically(path, render_form(form_key, data, settings, lang, engine))
        return path

    return export_in_background(
        parent, QCoreApplication.translate("ReturnForms", "Writing the PDF…"), work, on_done
    )
