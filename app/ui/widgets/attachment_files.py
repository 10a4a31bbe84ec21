"""Adding, opening and removing a record's photos and files (the owner of the strip calls these)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import attachment_service
from app.services.complaint_data import AttachmentData
from app.services.validation import ValidationError
from app.ui.background import BackgroundOp, Progress, run_in_background


def choose_files(parent: QWidget) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("Attachments", "Add photos or files"),
        str(Path.home()),
        QCoreApplication.translate(
            "Attachments", "Photos (*.jpg *.jpeg *.png *.bmp *.gif);;All files (*)"
        ),
    )
    return paths


def add_files(
    parent: QWidget,
    engine: Engine,
    *,
    entity: str,
    entity_uuid: str,
    label: str,
    user: str,
    paths: list[str],
    on_done: Callable[[int], None],
) -> BackgroundOp:
    """Copy files into the data folder off the GUI thread; on_done(added) runs afterwards and
    the files that could not be added are explained."""
    lang = current_language()

    def work(progress: Progress) -> tuple[int, list[str]]:
        added, problems = 0, []
        for i, path in enumerate(paths):
            progress.report(i, len(paths))
            try:
                attachment_service.add(
                    engine, entity=entity, entity_uuid=entity_uuid, label=label,
                    source=Path(path), user=user,
                )  # fmt: skip
                added += 1
            except ValidationError as error:
                problems.extend(error.messages(lang).values())
            except OSError as error:
                problems.append(f"{Path(path).name}: {error.strerror or error}")
        return added, problems

    def done(result: tuple[int, list[str]]) -> None:
        added, problems = result
        on_done(added)
        if problems:
            QMessageBox.warning(
                parent,
                QCoreApplication.translate("Attachments", "Photos and files"),
                "\n".join(problems),
            )

    def failed(error: BaseException) -> None:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("Attachments", "Photos and files"),
            str(error) or repr(error),
        )

    return run_in_background(
        parent, work, done, failed, QCoreApplication.translate("Attachments", "Adding files…")
    )


def open_file(parent: QWidget, engine: Engine, attachment: AttachmentData) -> None:
    """Open with the PC's own viewer; say so when the file is missing from the data folder."""
    path = attachment_service.file_path(engine, attachment)
    if not path.exists():
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("Attachments", "Photos and files"),
            QCoreApplication.translate(
                "Attachments", "The file {name} is missing from the data folder:\n{path}"
            ).format(name=attachment.file_name, path=path),
        )
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def confirm_remove(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("Attachments", "Remove file"),
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
