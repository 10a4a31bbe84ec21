"""Corrective and preventive actions of a record (complaint ticket or return) as an editable table,
with the verification state and the history of due dates of each action."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language
from app.services.complaint_data import (
    ACTION_KIND_LABELS,
    VERIFICATION_LABELS,
    ActionData,
    label,
)
from app.services.parsing import parse_date_text
from app.services.validation import FieldError
from app.ui.widgets.datetime_field import format_local
from app.ui.widgets.row_table import Column, RowTable

GREEN, AMBER, RED, GREY = "#1e7e34", "#b45309", "#c0392b", "#6c757d"


class ActionsPanel(QWidget):
    """Corrective and preventive actions (Q/JL060301-C) with verification and their history."""

    verifyRequested = Signal()
    rescheduleRequested = Signal()

    def __init__(self, departments: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = RowTable(
            [
                Column(
                    "kind",
                    self.tr("Type"),
                    "choice",
                    tuple((k, label(ACTION_KIND_LABELS, k)) for k in ACTION_KIND_LABELS),
                    90,
                ),
                Column("description", self.tr("Action")),
                Column(
                    "department",
                    self.tr("Department"),
                    "combo",
                    tuple((d, d) for d in departments),
                    100,
                ),  # fmt: skip
                Column("owner", self.tr("Responsible"), width=80),
                Column("due", self.tr("Due"), "date", width=90),
                Column("done_on", self.tr("Done"), "date", width=90),
                Column("verification", self.tr("Verification"), "readonly", width=170),
            ],
            self.tr("Add action"),
        )
        self.table.table.setMinimumHeight(150)
        self.verify_button = QPushButton(self.tr("Verify…"))
        self.verify_button.setToolTip(
            self.tr("Record whether the selected action is effective (it must be done first)")
        )
        self.reschedule_button = QPushButton(self.tr("New due date…"))
        self.reschedule_button.setToolTip(
            self.tr("Set a new due date for a late action; the old date stays in its history")
        )
        for button in (self.verify_button, self.reschedule_button):
            button.setAutoDefault(False)
        self.table.buttons.insertWidget(2, self.verify_button)
        self.table.buttons.insertWidget(3, self.reschedule_button)
        self.verify_button.clicked.connect(self.verifyRequested)
        self.reschedule_button.clicked.connect(self.rescheduleRequested)
        self.history_title = QLabel(self.tr("History of the selected action"))
        self.history_title.setStyleSheet(f"color: {GREY};")
        self.history = QListWidget()
        self.history.setMaximumHeight(86)
        self.history.setWordWrap(True)
        self.table.table.itemSelectionChanged.connect(self.show_history)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        history_row = QHBoxLayout()
        history_row.addWidget(self.history_title)
        history_row.addStretch(1)
        layout.addLayout(history_row)
        layout.addWidget(self.history)

    # ------------------------------------------------------------------ content

    def set_actions(self, actions: list[ActionData], today: date | None = None) -> None:
        today = today or date.today()
        rows = [
            {
                "kind": a.kind,
                "description": a.description,
                "department": a.department,
                "owner": a.owner,
                "due": a.due.isoformat() if a.due else "",
                "done_on": a.done_on.isoformat() if a.done_on else "",
                "verification": self.verification_text(a),
            }
            for a in actions
        ]
        self.table.set_rows(rows, list(actions))
        for row, action in enumerate(actions):
            self._decorate(row, action, today)
        self.show_history()

    def _decorate(self, row: int, action: ActionData, today: date) -> None:
        self.table._quiet = True
        verification = self.table.item(row, "verification")
        if action.verification == "effective":
            verification.setForeground(QBrush(QColor(GREEN)))
        elif self._last_result(action) == "not_effective":
            verification.setForeground(QBrush(QColor(AMBER)))
        due = self.table.item(row, "due")
        if action.due and action.done_on is None and action.due < today:
            due.setForeground(QBrush(QColor(RED)))
        self.table._quiet = False
        history = "\n".join(self.event_lines(action))
        self.table.set_cell_tooltip(row, "verification", history or self.verification_text(action))
        if action.first_due and action.first_due != action.due:
            self.table.set_cell_tooltip(
                row, "due", self.tr("First due {date}").format(date=action.first_due.isoformat())
            )

    @staticmethod
    def _last_result(action: ActionData) -> str:
        results = [e.result for e in action.history if e.kind == "verified"]
        return results[-1] if results else ""

    def verification_text(self, action: ActionData) -> str:
        if action.verification == "effective":
            on = action.verified_on.isoformat() if action.verified_on else ""
            return f"{label(VERIFICATION_LABELS, 'effective')} · {action.verified_by} {on}".strip()
        if self._last_result(action) == "not_effective":
            return self.tr("not effective → new due date")
        return label(VERIFICATION_LABELS, "")

    def event_lines(self, action: ActionData) -> list[str]:
        lines = []
        for e in action.history:
            when = format_local(e.at)
            if e.kind == "verified":
                text = self.tr("{when} {user}: verified {result} ({by}, {on})").format(
                    when=when,
                    user=e.user,
                    result=label(VERIFICATION_LABELS, e.result),
                    by=e.verified_by,
                    on=e.verified_on.isoformat() if e.verified_on else "",
                )
                if e.new_due:
                    text += self.tr("; due {old} → {new}").format(
                        old=e.old_due.isoformat() if e.old_due else "—", new=e.new_due.isoformat()
                    )
            else:
                text = self.tr("{when} {user}: due {old} → {new}").format(
                    when=when,
                    user=e.user,
                    old=e.old_due.isoformat() if e.old_due else "—",
                    new=e.new_due.isoformat() if e.new_due else "—",
                )
            if e.note:
                text += f"; {e.note}"
            lines.append(text)
        return lines

    def show_history(self) -> None:
        self.history.clear()
        row = self.table.selected_row()
        action = self.table.row_data(row) if row is not None else None
        if row is None:
            self.history.addItem(
                self.tr("Select an action to see its due dates and verifications.")
            )
        elif not isinstance(action, ActionData):
            self.history.addItem(self.tr("New action: save it before verifying it."))
        else:
            lines = self.event_lines(action)
            if action.due:
                lines.insert(
                    0,
                    self.tr("First due {date}").format(
                        date=(action.first_due or action.due).isoformat()
                    ),
                )
            self.history.addItems(lines or [self.tr("No verification or new due date yet.")])

    def set_read_only(self, read_only: bool) -> None:
        self.table.set_read_only(read_only)
        self.verify_button.setEnabled(not read_only)
        self.reschedule_button.setEnabled(not read_only)

    # ------------------------------------------------------------------ reading back

    def collect(self, errors: dict[str, str]) -> tuple[list[ActionData], dict[str, int]]:
        """The filled rows as ActionData (stored verification and history kept), with
        "actions[i]" -> table row; dates that cannot be read go to errors as actions[i].field."""
        actions: list[ActionData] = []
        table_rows: dict[str, int] = {}

        def day(text: str, path: str) -> date | None:
            try:
                return parse_date_text(text)
            except ValueError:
                errors[path] = FieldError("date_shape").message(current_language())
                return None

        for row in self.table.rows():
            stored = self.table.row_data(int(row["_row"]))
            stored = stored if isinstance(stored, ActionData) else None
            if not (
                stored or row["description"] or row["owner"] or row["due"] or row["department"]
            ):
                continue  # the services drop wholly empty new rows; so does the form
            path = f"actions[{len(actions)}]"
            table_rows[path] = int(row["_row"])
            action = ActionData(
                kind=row["kind"] or "corrective",
                description=row["description"],
                department=row["department"],
                owner=row["owner"],
                due=day(row["due"], f"{path}.due"),
                done_on=day(row["done_on"], f"{path}.done_on"),
            )
            if stored is not None:
                action = replace(
                    action,
                    id=stored.id,
                    uuid=stored.uuid,
                    history=stored.history,
                    verification=stored.verification,
                    verified_by=stored.verified_by,
                    verified_on=stored.verified_on,
                )
            actions.append(action)
        return actions, table_rows
