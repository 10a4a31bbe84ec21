"""Bringing a laptop's records home in the window: export, starter files, and the merge dialog.

The import reads and checks the file off the GUI thread, shows the plan (counts per kind and
outcome) and each conflict side by side (office | laptop, the differing fields highlighted)
with a choice per conflict, then applies off the GUI thread. A refused file shows its reason.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language, pick
from app.services import sync_export, sync_import, sync_starter
from app.services.field_data import FIELD_NAME_LABELS, PART_CHARGE_LABELS, SERVICE_RESULT_LABELS
from app.services.settings_service import current_user
from app.services.sync_format import SUFFIX
from app.services.sync_import import LAPTOP, OFFICE, OUTCOMES, SyncPlan
from app.ui.background import BackgroundOp, run_in_background
from app.ui.exporting import ask_save_path
from app.ui.locale_format import datetime_text

DIFFERENT = QColor(255, 236, 179)  # a field the two versions disagree on


def field_name(key: str) -> str:
    """A report field as the clerk knows it (the raw name when there is no label)."""
    labels = FIELD_NAME_LABELS.get(key)
    return pick(*labels, current_language()) if labels else key


def local_text(value: str) -> str:
    """An ISO time stamp as the PC's wall-clock time to the minute; other text unchanged."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        return value
    return datetime_text(moment)


def shown_value(key: str, text: str) -> str:
    """A stored value in words: times in local time, the result and charge labels translated."""
    lang = current_language()
    if key in ("arrived_at", "departed_at"):
        return local_text(text)
    if key == "result" and text in SERVICE_RESULT_LABELS:
        return pick(*SERVICE_RESULT_LABELS[text], lang)
    if key == "parts":
        charged, warranty = (pick(*PART_CHARGE_LABELS[k], lang) for k in (True, False))
        return text.replace("(charged)", f"({charged})").replace("(warranty)", f"({warranty})")
    return text


class SyncImportDialog(QDialog):
    """The plan of an import from a laptop; a choice per conflict; Apply writes it all at once."""

    applied = Signal(dict)  # what apply() did

    def __init__(self, engine: Engine, plan: SyncPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.plan = engine, plan
        self.decisions: dict[str, str] = {}
        self.result: dict[str, int] | None = None
        self.error = ""
        self.setWindowTitle(self.tr("Import from a laptop"))
        self.resize(900, 640)
        layout = QVBoxLayout(self)
        source = plan.machine_code or plan.machine_id[:8]
        layout.addWidget(
            QLabel(
                self.tr("{file} from laptop {laptop}, made {when}").format(
                    file=plan.path.name, laptop=source, when=local_text(plan.made_at)
                )
            )
        )
        layout.addWidget(self._counts_table())
        self.conflict_list = QListWidget()
        self.comparison = QTableWidget(0, 3)
        self.comparison.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Office"), self.tr("Laptop")]
        )
        self.comparison.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comparison.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.comparison.verticalHeader().setVisible(False)
        self.keep_office = QRadioButton(self.tr("Keep the office's version"))
        self.take_laptop = QRadioButton(self.tr("Take the laptop's version"))
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.keep_office)
        self.choice.addButton(self.take_laptop)
        self.keep_office.toggled.connect(lambda on: on and self._decide(OFFICE))
        self.take_laptop.toggled.connect(lambda on: on and self._decide(LAPTOP))
        if plan.conflicts:
            layout.addWidget(
                QLabel(
                    self.tr(
                        "Changed on both sides since they last met: choose the version to keep "
                        "for each ({count})."
                    ).format(count=len(plan.conflicts))
                )
            )
            row = QHBoxLayout()
            row.addWidget(self.conflict_list, 1)
            row.addWidget(self.comparison, 3)
            layout.addLayout(row, 1)
            choices = QHBoxLayout()
            choices.addWidget(self.keep_office)
            choices.addWidget(self.take_laptop)
            choices.addStretch(1)
            layout.addLayout(choices)
        else:
            self.conflict_list.hide()
            self.comparison.hide()
            self.keep_office.hide()
            self.take_laptop.hide()
            layout.addStretch(1)
        for item in plan.conflicts:
            entry = QListWidgetItem(f"{item.number}\n{self._reason(item.reason)}")
            entry.setData(Qt.ItemDataRole.UserRole, item.uuid)
            self.conflict_list.addItem(entry)
        self.conflict_list.currentRowChanged.connect(self._show_conflict)
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(
            self.tr("Apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self.status = QLabel()
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        if plan.conflicts:
            self.conflict_list.setCurrentRow(0)
        self._update_apply()

    def _reason(self, reason: str) -> str:
        return {
            sync_import.BOTH_CHANGED: self.tr("changed on both sides"),
            sync_import.DELETED_HERE: self.tr("deleted at the office, changed on the laptop"),
            sync_import.DELETED_THERE: self.tr("deleted on the laptop, changed at the office"),
        }.get(reason, reason)

    def _counts_table(self) -> QTableWidget:
        names = {
            "new": self.tr("New"),
            "unchanged": self.tr("Unchanged"),
            "take": self.tr("Take the laptop's"),
            "keep": self.tr("Keep the office's"),
            "conflict": self.tr("Conflicts"),
        }
        kinds = {"service_report": self.tr("Service reports"), "visit_report": self.tr("Visit reports")}  # fmt: skip
        counts = self.plan.counts()
        table = QTableWidget(len(counts), len(OUTCOMES))
        table.setHorizontalHeaderLabels([names[o] for o in OUTCOMES])
        table.setVerticalHeaderLabels([kinds.get(e, e) for e in counts])
        for row, per_outcome in enumerate(counts.values()):
            for column, outcome in enumerate(OUTCOMES):
                cell = QTableWidgetItem(str(per_outcome[outcome]))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, column, cell)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setMaximumHeight(110)
        self.counts_table = table
        return table

    def current_conflict(self) -> sync_import.PlanItem | None:
        row = self.conflict_list.currentRow()
        conflicts = self.plan.conflicts
        return conflicts[row] if 0 <= row < len(conflicts) else None

    def _show_conflict(self, _row: int) -> None:
        item = self.current_conflict()
        self.comparison.setRowCount(0)
        if item is None:
            return
        different = set(item.differing_fields())
        keys = list(item.office) + [k for k in item.laptop if k not in item.office]
        absent = self.tr("(deleted)")
        self.comparison.setRowCount(len(keys))
        for row, key in enumerate(keys):
            cells = [
                field_name(key),
                shown_value(key, item.office.get(key, "")) if item.office else absent,
                shown_value(key, item.laptop.get(key, "")) if item.laptop else absent,
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if key in different:
                    cell.setBackground(QBrush(DIFFERENT))
                self.comparison.setItem(row, column, cell)
        self.comparison.resizeRowsToContents()
        chosen = self.decisions.get(item.uuid)
        for button, side in ((self.keep_office, OFFICE), (self.take_laptop, LAPTOP)):
            button.blockSignals(True)
            button.setChecked(chosen == side)
            button.blockSignals(False)
        if chosen is None:  # neither ticked: QButtonGroup keeps one unless made non-exclusive
            self.choice.setExclusive(False)
            self.keep_office.setChecked(False)
            self.take_laptop.setChecked(False)
            self.choice.setExclusive(True)

    def _decide(self, side: str) -> None:
        item = self.current_conflict()
        if item is None:
            return
        self.decisions[item.uuid] = side
        entry = self.conflict_list.item(self.conflict_list.currentRow())
        chosen = self.tr("office kept") if side == OFFICE else self.tr("laptop taken")
        entry.setText(f"{item.number}\n{self._reason(item.reason)}\n→ {chosen}")
        self._update_apply()

    def undecided(self) -> int:
        return sum(1 for i in self.plan.conflicts if i.uuid not in self.decisions)

    def _update_apply(self) -> None:
        left = self.undecided()
        self.apply_button.setEnabled(left == 0)
        self.status.setText(
            self.tr("{count} conflict(s) still to decide.").format(count=left) if left else ""
        )

    def apply(self) -> BackgroundOp | None:
        if self.undecided():
            return None
        self.apply_button.setEnabled(False)
        engine, plan, decisions = self.engine, self.plan, dict(self.decisions)
        user = current_user(engine)
        return run_in_background(
            self,
            lambda _progress: sync_import.apply(engine, plan, decisions, user),
            self._done,
            self._failed,
            self.tr("Importing the laptop's records…"),
        )

    def _done(self, result: dict) -> None:
        self.result = result
        self.applied.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.error = str(error)
        self._update_apply()
        QMessageBox.warning(self, self.tr("Import from a laptop"), self.error)


class SyncActions(QObject):
    """The menu items that move field records between a laptop and the office."""

    def __init__(self, window: QMainWindow, engine: Engine) -> None:
        super().__init__(window)
        self.window, self.engine = window, engine
        self.last_message = ""  # the last result told to the user (also for tests)
        self.dialog: SyncImportDialog | None = None

    def fill_menu(self, menu: QMenu) -> None:
        self.export_action = menu.addAction(self.tr("Export for the office…"), self.export_for_office)  # fmt: skip
        self.export_all_action = menu.addAction(self.tr("Export everything for the office again…"), self.export_everything)  # fmt: skip
        self.import_action = menu.addAction(self.tr("Import from a laptop…"), self.import_from_laptop)  # fmt: skip
        self.starter_action = menu.addAction(self.tr("Make a starter file for a laptop…"), self.make_starter)  # fmt: skip
        self.starter_import_action = menu.addAction(self.tr("Import a starter file…"), self.import_starter)  # fmt: skip

    def _filter(self) -> str:
        return self.tr("QualityDesk sync files (*{suffix})").format(suffix=SUFFIX)

    def _tell(self, title: str, text: str, warning: bool = False) -> None:
        self.last_message = text
        (QMessageBox.warning if warning else QMessageBox.information)(self.window, title, text)

    def _failed(self, title: str):  # noqa: ANN202
        return lambda error: self._tell(title, str(error), warning=True)

    def _open_path(self, caption: str) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(self.window, caption, "", self._filter())
        return Path(chosen) if chosen else None

    def export_everything(self, path: Path | None = None) -> BackgroundOp | None:
        """Every report again, when an earlier file was lost before the office imported it."""
        return self.export_for_office(path, everything=True)

    def export_for_office(
        self, path: Path | None = None, everything: bool = False
    ) -> BackgroundOp | None:
        title = self.tr("Export for the office")
        path = path or ask_save_path(self.window, title, f"field-records{SUFFIX}", self._filter())
        if path is None:
            return None
        engine, user = self.engine, current_user(self.engine)

        def done(result: sync_export.ExportResult) -> None:
            self._tell(
                title,
                self.tr(
                    "Written: {path}\n{service} service report(s), {visits} visit report(s), "
                    "{deleted} deleted, {photos} photo(s)."
                ).format(
                    path=result.path,
                    service=result.counts["service_report"],
                    visits=result.counts["visit_report"],
                    deleted=result.tombstones,
                    photos=result.photos,
                ),
            )

        return run_in_background(
            self.window,
            lambda _progress: sync_export.export_for_office(
                engine, path, user=user, everything=everything
            ),
            done,
            self._failed(title),
            self.tr("Writing the file for the office…"),
        )

    def import_from_laptop(self, path: Path | None = None) -> BackgroundOp | None:
        title = self.tr("Import from a laptop")
        path = path or self._open_path(title)
        if path is None:
            return None
        engine = self.engine
        return run_in_background(
            self.window,
            lambda _progress: sync_import.preview(engine, path),
            self.show_plan,
            self._failed(title),
            self.tr("Checking the file…"),
        )

    def show_plan(self, plan: SyncPlan) -> SyncImportDialog:
        dialog = SyncImportDialog(self.engine, plan, self.window)
        dialog.applied.connect(self._applied)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _applied(self, result: dict) -> None:
        self.last_message = self.tr(
            "Records imported: {added} added, {updated} updated, {deleted} deleted."
        ).format(  # fmt: skip
            added=result.get("added", 0),
            updated=result.get("updated", 0),
            deleted=result.get("deleted", 0),
        )
        self.window.statusBar().showMessage(self.last_message, 15000)
        hub = getattr(self.window, "hub", None)
        if hub is not None:
            hub.dataChanged.emit("field_service", 0)

    def make_starter(self) -> BackgroundOp | None:
        title = self.tr("Make a starter file for a laptop")
        code, ok = QInputDialog.getText(
            self.window,
            title,
            self.tr("The laptop's machine code (1–6 letters or digits, e.g. L1):"),  # fmt: skip
        )
        if not ok or not code.strip():
            return None
        path = ask_save_path(self.window, title, f"starter-{code.strip()}{SUFFIX}", self._filter())
        if path is None:
            return None
        engine, user = self.engine, current_user(self.engine)
        return run_in_background(
            self.window,
            lambda _progress: sync_starter.make_starter(engine, path, machine_code=code, user=user),
            lambda made: self._tell(
                title,
                self.tr(
                    "Written: {path}\n{customers} customer(s), {complaints} open complaint(s)."
                ).format(  # fmt: skip
                    path=path, customers=made["customer"], complaints=made["complaint"]
                ),
            ),
            self._failed(title),
            self.tr("Writing the starter file…"),
        )

    def import_starter(self, path: Path | None = None) -> BackgroundOp | None:
        title = self.tr("Import a starter file")
        path = path or self._open_path(title)
        if path is None:
            return None
        engine, user = self.engine, current_user(self.engine)

        def done(result: sync_starter.StarterResult) -> None:
            self._tell(
                title,
                self.tr(
                    "This laptop's machine code is now {code}.\nCustomers: {c_added} added, "
                    "{c_updated} updated. Complaints: {k_added} added, {k_updated} updated."
                ).format(
                    code=result.machine_code,
                    c_added=result.added["customer"],
                    c_updated=result.updated["customer"],
                    k_added=result.added["complaint"],
                    k_updated=result.updated["complaint"],
                ),
            )
            hub = getattr(self.window, "hub", None)
            if hub is not None:
                hub.dataChanged.emit("customer", 0)

        return run_in_background(
            self.window,
            lambda _progress: sync_starter.import_starter(engine, path, user),
            done,
            self._failed(title),
            self.tr("Importing the starter file…"),
        )
