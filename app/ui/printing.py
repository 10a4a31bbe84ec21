"""Preview and print: a form is made off the GUI thread (progress, cancel) and shown in the PDF
preview, where it is printed or saved. A batch makes the forms of every selected record one
after another and shows them as one PDF, so a pile of forms goes to the printer in one job."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.reports.files import ExportCancelled
from app.ui.background import BackgroundOp, Progress, run_in_background

Key = TypeVar("Key")


_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|]+')


def pdf_name(text: str) -> str:
    """A file name for a PDF titled text (characters Windows refuses replaced)."""
    return _UNSAFE_FILE_CHARS.sub("-", text).strip() + ".pdf"


def nothing_selected(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(
        parent, QCoreApplication.translate("Printing", "Preview and print"), text
    )


class NothingToPrint(Exception):
    """None of the chosen records has the form (e.g. a rework order without reworked lines)."""


def merge_pdfs(parts: Sequence[bytes]) -> bytes:
    """The PDFs one after another in one document (their pages, fonts and images kept)."""
    if len(parts) == 1:
        return parts[0]
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _show(parent: QWidget | None, title: str, file_name: str, content: bytes) -> Any:
    from app.ui.widgets.pdf_preview import PdfPreviewDialog

    dialog = PdfPreviewDialog(content, title, file_name, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def _failed(parent: QWidget | None) -> Callable[[BaseException], None]:
    def failed(error: BaseException) -> None:
        if isinstance(error, ExportCancelled):
            return
        if isinstance(error, NothingToPrint):
            QMessageBox.information(
                parent, QCoreApplication.translate("Printing", "Preview and print"), str(error)
            )
            return
        detail = str(error) or error.__class__.__name__
        QMessageBox.warning(
            parent, QCoreApplication.translate("Printing", "The preview could not be made"), detail
        )

    return failed


def preview_pdf(
    parent: QWidget | None,
    title: str,
    file_name: str,
    render: Callable[[], bytes],
) -> BackgroundOp:
    """Make one PDF off the GUI thread, then show it in the preview (op.preview once done)."""
    return preview_work(parent, title, file_name, lambda _progress: render())


def preview_work(
    parent: QWidget | None,
    title: str,
    file_name: str,
    work: Callable[[Progress], bytes],
    label: str | None = None,
) -> BackgroundOp:
    """As preview_pdf, for work that reports its progress and may be cancelled."""
    op: BackgroundOp

    def done(content: bytes) -> None:
        op.preview = _show(parent, title, file_name, content)  # type: ignore[attr-defined]

    label = label or QCoreApplication.translate(
        "Printing", "Preparing the preview of {title}…"
    ).format(title=title)
    op = run_in_background(parent, work, done, _failed(parent), label)
    op.preview = None  # type: ignore[attr-defined]
    return op


def preview_batch(
    parent: QWidget | None,
    title: str,
    file_name: str,
    keys: Sequence[Key],
    render_one: Callable[[Key], bytes | None],
) -> BackgroundOp:
    """The form of each record (render_one reads it and makes its PDF, or None when the record
    has no such form) off the GUI thread, with progress and cancel; shown as one PDF."""
    keys = list(keys)

    def work(progress: Progress) -> bytes:
        parts: list[bytes] = []
        progress.report(0, len(keys))
        for done, key in enumerate(keys, start=1):
            if progress.cancelled():
                raise ExportCancelled()
            content = render_one(key)
            if content is not None:
                parts.append(content)
            progress.report(done, len(keys))
        if not parts:
            raise NothingToPrint(
                QCoreApplication.translate(
                    "Printing", "None of the selected records has this form."
                )
            )
        return merge_pdfs(parts)

    label = QCoreApplication.translate(
        "Printing", "Preparing {count} form(s) for printing…"
    ).format(count=len(keys))
    return preview_work(parent, title, file_name, work, label)
