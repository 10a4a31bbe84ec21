"""Which part of the audit trail to export: a period (the PC's days), one record, or both.

The trail has a line for every changed field: a big plant's whole trail runs to millions of
lines and many minutes of writing, so the dialog starts on this year's entries; clearing a
date takes the trail from its first entry or up to its last. A request that finds nothing is
refused next to its field before a file is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy import Engine

from app.services import audit_export
from app.services.validation import FieldError, ValidationError
from app.ui.widgets.action_dialogs import WorkflowDialog
from app.ui.widgets.date_field import DateField


@dataclass(frozen=True)
class TrailRequest:
    since: date | None
    until: date | None
    record: str = ""

    def scope(self) -> str:
        """How the workbook's header names the entries chosen ("" for the whole trail)."""
        period = (
            f"{self.since or '…'} – {self.until or '…'}"
            if self.since is not None or self.until is not None
            else ""
        )
        return " ".join(part for part in (self.record, period) if part)


class TrailExportDialog(WorkflowDialog):
    """From, to and a record's number or code; each may be left empty."""

    def __init__(self, engine: Engine, today: date, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Export the audit trail"),
            self.tr(
                "Who changed what and when, old → new: a line for every changed field. Leave "
                "From empty to start at the first entry, To to end at the last. A trail longer "
                "than an Excel sheet (1,048,576 rows) goes on in further sheets."
            ),
            parent,
        )
        self.engine = engine
        self.since = DateField(self)
        self.until = DateField(self)
        self.since.set_date(date(today.year, 1, 1))
        self.record = QLineEdit(self)
        self.record.setClearButtonEnabled(True)
        self.record.setPlaceholderText(self.tr("Every record"))
        self.record.setToolTip(self.tr("A record's number or code, e.g. KS-2026-0001 or KH00001"))
        self.add_field("since", self.tr("From"), self.since)
        self.add_field("until", self.tr("To"), self.until)
        self.add_field("record", self.tr("Record"), self.record)

    def submit(self) -> TrailRequest:
        errors: dict[str, FieldError] = {}
        dates: dict[str, date | None] = {}
        for key, field in (("since", self.since), ("until", self.until)):
            try:
                dates[key] = field.date()
            except ValueError:
                errors[key] = FieldError("date_shape")
        if errors:
            raise ValidationError(errors)
        request = TrailRequest(dates["since"], dates["until"], self.record.text().strip())
        audit_export.check_request(
            self.engine, since=request.since, until=request.until, record=request.record
        )
        return request
