"""The templates view 问卷模板: every questionnaire template with its version and whether a
campaign uses it (frozen); old versions on request, greyed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services import survey_service
from app.ui.signals import DataHub
from app.ui.surveys.table_models import TemplateTableModel
from app.ui.surveys.template_dialog import TemplateDialog


class TemplatesView(QWidget):
    def __init__(self, engine: Engine, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.dialogs: list[TemplateDialog] = []
        self.model = TemplateTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((TemplateTableModel.COL_NAME, 260), (TemplateTableModel.COL_SCALE, 180),
                              (TemplateTableModel.COL_ITEMS, 60), (TemplateTableModel.COL_ASKS, 200)):  # fmt: skip
            header.resizeSection(column, width)
        self.show_old = QCheckBox(self.tr("Show old versions"), self)
        self.show_old.setToolTip(
            self.tr("Versions replaced by a newer one; kept for the campaigns that used them")
        )
        self.new_button = QPushButton(self.tr("New template…"), self)
        self.edit_button = QPushButton(self.tr("Open…"), self)
        self.copy_button = QPushButton(self.tr("Copy as new template…"), self)
        self.copy_button.setToolTip(self.tr("A new template (version 1) starting from this one"))
        self.count_label = QLabel(self)
        self.hint = QLabel(
            self.tr(
                "A template a campaign uses is frozen: saving it makes a new version, and the "
                "campaigns keep the version they were made with."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #6c757d;")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.copy_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addWidget(self.show_old)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)

        self.new_button.clicked.connect(self.new_template)
        self.edit_button.clicked.connect(self.open_current)
        self.copy_button.clicked.connect(self.copy_current)
        self.show_old.toggled.connect(self.refresh)
        self.view.doubleClicked.connect(
            lambda index: self.open_template(self.model.id_at(index.row()))
        )
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(
                QKeySequence(key), self.view, context=Qt.ShortcutContext.WidgetShortcut
            )
            enter.activated.connect(self.open_current)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        selected = self.current_id()
        self.model.set_rows(
            survey_service.list_templates(self.engine, include_retired=self.show_old.isChecked())
        )
        row = self.model.row_of(selected) if selected is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.view.selectRow(row)
        self.count_label.setText(self.tr("{count} template(s)").format(count=self.model.rowCount()))
        self._update_buttons()

    def current_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        self.edit_button.setEnabled(chosen)
        self.copy_button.setEnabled(chosen)

    def new_template(self) -> TemplateDialog:
        return self._show(TemplateDialog(self.engine, self.hub, parent=self))

    def open_current(self) -> TemplateDialog | None:
        return self.open_template(self.current_id())

    def open_template(self, template_id: int | None) -> TemplateDialog | None:
        if template_id is None:
            return None
        return self._show(TemplateDialog(self.engine, self.hub, template_id, parent=self))

    def copy_current(self) -> TemplateDialog | None:
        template_id = self.current_id()
        source = survey_service.get_template(self.engine, template_id) if template_id else None
        if source is None:
            return None
        source.id = source.uuid = None
        source.lineage, source.version, source.frozen, source.retired = "", 1, False, False
        source.name = self.tr("{name} (copy)").format(name=source.name)
        for item in source.items:
            item.id, item.key = None, ""
        dialog = TemplateDialog(self.engine, self.hub, parent=self, start_from=source)
        dialog.dirty = True
        return self._show(dialog)

    def _show(self, dialog: TemplateDialog) -> TemplateDialog:
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.saved.connect(self._saved)
        self.dialogs.append(dialog)
        dialog.destroyed.connect(
            lambda *_: self.dialogs.remove(dialog) if dialog in self.dialogs else None
        )
        dialog.show()
        return dialog

    def _saved(self, template_id: int) -> None:
        self.refresh()
        row = self.model.row_of(template_id)
        if row >= 0:
            self.view.selectRow(row)
