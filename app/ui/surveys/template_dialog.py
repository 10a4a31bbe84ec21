"""The questionnaire template 问卷模板: name, scale, scores, what is asked, weighted items.

A template a campaign uses is frozen: saving it stores a new version and the old one stays with
its campaigns, so their results keep their meaning. A retired version opens read-only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.i18n import current_language
from app.services import settings_service, storage_errors, survey_service
from app.services.complaint_data import label
from app.services.parsing import parse_number_text
from app.services.survey_data import (
    DEFAULT_FIVE_SCORES,
    FIVE_LEVEL_LABELS,
    SCALE_LABELS,
    TemplateData,
    TemplateItemData,
)
from app.services.validation import FieldError, ValidationError
from app.ui.returns.table_model import quantity_text
from app.ui.signals import DataHub
from app.ui.widgets.form import ErrorLabel, FieldWithError
from app.ui.widgets.history_table import HistoryTable
from app.ui.widgets.row_table import Column, RowTable
from app.ui.widgets.storage import storage_problem

ENTITY = "survey_template"
RED, GREEN, GREY = "#c0392b", "#1e7e34", "#6c757d"
ITEM_PATH_PREFIX = "items["


def weight_sum(texts: list[str]) -> float | None:
    """The sum of the weights typed so far; None when one cannot be read as a number."""
    total = 0.0
    for text in texts:
        try:
            value = parse_number_text(text)
        except ValueError:
            return None
        total += value or 0
    return total


class TemplateDialog(QDialog):
    saved = Signal(int)

    def __init__(
        self,
        engine: Engine,
        hub: DataHub,
        template_id: int | None = None,
        parent: QWidget | None = None,
        start_from: TemplateData | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.hub = engine, hub
        self.user = settings_service.current_user(engine)
        self.data: TemplateData | None = None
        if template_id is not None:
            self.data = survey_service.get_template(engine, template_id)
            if self.data is None:
                raise ValueError(f"no template {template_id}")
        self.dirty = False
        self._loading = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(760, 640)
        self._build()
        self._load(self.data or start_from or survey_service.default_template())

    @property
    def read_only(self) -> bool:
        return self.data is not None and self.data.retired

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.name = QLineEdit(self)
        self.scale = QComboBox(self)
        for value in SCALE_LABELS:
            self.scale.addItem(label(SCALE_LABELS, value), value)
        self.scores = [QLineEdit(self) for _ in range(5)]
        scores_box = QWidget(self)
        scores_row = QHBoxLayout(scores_box)
        scores_row.setContentsMargins(0, 0, 0, 0)
        for level, edit in zip(range(5, 0, -1), self.scores, strict=True):
            edit.setMaximumWidth(60)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            caption = QLabel(label(FIVE_LEVEL_LABELS, level), scores_box)
            scores_row.addWidget(caption)
            scores_row.addWidget(edit)
            scores_row.addSpacing(6)
        scores_row.addWidget(QLabel("%", scores_box))
        scores_row.addStretch(1)
        self.ask_importance = QCheckBox(self.tr("Ask how important each item is (1–5)"), self)
        self.ask_competitor = QCheckBox(
            self.tr("Ask how we compare with competitors (better / same / worse)"), self
        )
        self.ask_loyalty = QCheckBox(
            self.tr("Ask whether the customer will keep buying and would recommend us (0–10)"),
            self,
        )
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(48)
        self.fields: dict[str, FieldWithError] = {
            "name": FieldWithError(self.name),
            "scale": FieldWithError(self.scale),
            "five_scores": FieldWithError(scores_box),
            "notes": FieldWithError(self.notes),
        }
        self.labels = {
            "name": self.tr("Name"), "scale": self.tr("Scale"),
            "five_scores": self.tr("Score of each level"), "notes": self.tr("Notes"),
            "ask_importance": self.tr("Importance"), "ask_competitor": self.tr("Competitors"),
            "ask_loyalty": self.tr("Loyalty"),
        }  # fmt: skip
        form = QFormLayout()
        form.addRow(self.tr("Name *"), self.fields["name"])
        form.addRow(self.tr("Scale"), self.fields["scale"])
        self.scores_caption = QLabel(self.tr("Score of each level"), self)
        form.addRow(self.scores_caption, self.fields["five_scores"])
        asked = QVBoxLayout()
        asked.setSpacing(2)
        for box in (self.ask_importance, self.ask_competitor, self.ask_loyalty):
            asked.addWidget(box)
        form.addRow(self.tr("Also ask"), asked)
        form.addRow(self.tr("Notes"), self.fields["notes"])

        self.items = RowTable(
            [Column("name", self.tr("Item *")),
             Column("weight", self.tr("Weight % *"), "number", width=110)],
            self.tr("Add item"),
        )  # fmt: skip
        self.items.table.setMinimumHeight(200)
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.items.buttons.insertWidget(2, self.up_button)
        self.items.buttons.insertWidget(3, self.down_button)
        self.sum_label = QLabel(self)
        self.sum_label.setObjectName("weightSum")
        self.items.buttons.addWidget(self.sum_label)
        items_box = QGroupBox(self.tr("Items and weights"), self)
        QVBoxLayout(items_box).addWidget(self.items)

        page = QWidget(self)
        page_layout = QVBoxLayout(page)
        page_layout.addWidget(self.banner)
        page_layout.addLayout(form)
        page_layout.addWidget(items_box, 1)
        self.history = HistoryTable(self)
        self.pages = QTabWidget(self)
        self.pages.addTab(page, self.tr("Template"))
        self.pages.addTab(self.history, self.tr("History"))

        self.message = ErrorLabel(self)
        self.message.setStyleSheet("")
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.close_button = QPushButton(self.tr("Close"), self)
        for button in (self.save_button, self.close_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 3)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close)
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        save = QAction(self)
        save.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        save.triggered.connect(self.save)
        self.addAction(save)
        self.scale.currentIndexChanged.connect(self._scale_changed)
        for signal in (self.name.textChanged, self.notes.textChanged,
                       self.scale.currentIndexChanged, self.ask_importance.toggled,
                       self.ask_competitor.toggled, self.ask_loyalty.toggled,
                       *(edit.textChanged for edit in self.scores)):  # fmt: skip
            signal.connect(self._mark_dirty)
        self.items.changed.connect(self._items_changed)

    # ------------------------------------------------------------------ showing

    def _load(self, data: TemplateData) -> None:
        self._loading = True
        self.name.setText(data.name)
        self.scale.setCurrentIndex(max(self.scale.findData(data.scale), 0))
        for edit, score in zip(self.scores, data.five_scores or DEFAULT_FIVE_SCORES, strict=False):
            edit.setText(quantity_text(score))
        self.ask_importance.setChecked(data.ask_importance)
        self.ask_competitor.setChecked(data.ask_competitor)
        self.ask_loyalty.setChecked(data.ask_loyalty)
        self.notes.setPlainText(data.notes)
        self.items.set_rows(
            [{"name": i.name, "weight": quantity_text(i.weight)} for i in data.items],
            [
                TemplateItemData(name=i.name, weight=i.weight, key=i.key, id=i.id)
                for i in data.items
            ],
        )
        self.show_errors({})
        self._set_read_only(self.read_only)
        self._scale_changed()
        self._update_sum()
        self.history.show_rows(
            survey_service.template_history(self.engine, data) if data.id else [],
            self._history_field,
            self._history_value,
        )
        self.pages.setTabEnabled(1, data.id is not None)
        self._loading = False
        self.dirty = False
        self._update_state()

    def _history_field(self, name: str) -> str:
        if name.startswith(ITEM_PATH_PREFIX):
            number, _, key = name[len(ITEM_PATH_PREFIX) :].partition("].")
            what = self.tr("Weight") if key == "weight" else self.tr("Item")
            return self.tr("Item {n} · {field}").format(n=number, field=what)
        return self.labels.get(name) or {
            "version": self.tr("Version"), "retired": self.tr("Retired"),
            "based_on": self.tr("Based on"), "replaced_by": self.tr("Replaced by"),
        }.get(name, name)  # fmt: skip

    def _history_value(self, name: str, value: str | None) -> str:
        """A stored value as the form shows it: the scale's name, yes or no."""
        if value is None:
            return ""
        if name == "scale" and value in SCALE_LABELS:
            return label(SCALE_LABELS, value)
        if value in ("true", "false"):
            return self.tr("Yes") if value == "true" else self.tr("No")
        return value

    def _set_read_only(self, read_only: bool) -> None:
        for edit in (self.name, *self.scores):
            edit.setReadOnly(read_only)
        self.notes.setReadOnly(read_only)
        for widget in (self.scale, self.ask_importance, self.ask_competitor, self.ask_loyalty,
                       self.up_button, self.down_button, self.save_button):  # fmt: skip
            widget.setEnabled(not read_only)
        self.items.set_read_only(read_only)

    def _update_state(self) -> None:
        data = self.data
        if data is None:
            title = self.tr("New questionnaire template")
            banner = ""
        else:
            title = self.tr("Questionnaire template {label}").format(label=data.label)
            if data.retired:
                banner = self.tr(
                    "Version {version} was replaced by a newer version. It stays with the "
                    "campaigns that used it and is read-only."
                ).format(version=data.version)
            elif data.frozen:
                banner = self.tr(
                    "A campaign uses version {version}, so it is frozen. Saving makes version "
                    "{next}; the campaigns made with version {version} keep it, and their "
                    "results keep their meaning."
                ).format(version=data.version, next=data.version + 1)
            else:
                banner = ""
        self.banner.setText(banner)
        self.banner.setStyleSheet(
            "background: #fff3cd; color: #212529; border: 1px solid #e0c872; padding: 5px;"
        )
        self.banner.setVisible(bool(banner))
        self.setWindowTitle(title + (" *" if self.dirty else ""))

    def _scale_changed(self) -> None:
        five = self.scale.currentData() == "five"
        self.fields["five_scores"].setEnabled(five and not self.read_only)
        self.scores_caption.setEnabled(five)

    def _mark_dirty(self, *_args: object) -> None:
        if self._loading or self.read_only:
            return
        if not self.dirty:
            self.dirty = True
            self._update_state()

    def _items_changed(self) -> None:
        self._update_sum()
        self._mark_dirty()

    def _update_sum(self) -> None:
        total = weight_sum([row["weight"] for row in self.items.rows()])
        if total is None:
            self.sum_label.setText(self.tr("Weights total: ? %"))
            self.sum_label.setStyleSheet(f"color: {RED}; font-weight: bold;")
            return
        self.sum_label.setText(self.tr("Weights total: {sum} %").format(sum=quantity_text(total)))
        ok = abs(total - 100) < 1e-6
        self.sum_label.setStyleSheet(f"color: {GREEN if ok else RED}; font-weight: bold;")

    def move_item(self, step: int) -> None:
        """Move the selected item up (-1) or down (+1); its key and id go with it."""
        row = self.items.selected_row()
        if row is None or self.read_only:
            return
        target = row + step
        rows = self.items.rows()
        if not 0 <= target < len(rows):
            return
        data = [self.items.row_data(r) for r in range(len(rows))]
        rows[row], rows[target] = rows[target], rows[row]
        data[row], data[target] = data[target], data[row]
        self.items.set_rows(rows, data)
        self.items.table.selectRow(target)
        self._items_changed()

    # ------------------------------------------------------------------ saving

    def collect(self) -> tuple[TemplateData, dict[str, str], dict[int, int]]:
        """The form as a template, messages for what cannot be read, item index -> table row."""
        lang = current_language()
        errors: dict[str, str] = {}
        base = self.data
        data = TemplateData(
            name=self.name.text(),
            scale=self.scale.currentData(),
            ask_importance=self.ask_importance.isChecked(),
            ask_competitor=self.ask_competitor.isChecked(),
            ask_loyalty=self.ask_loyalty.isChecked(),
            notes=self.notes.toPlainText(),
        )
        if base is not None:
            data.id, data.uuid, data.lineage, data.version = (
                base.id, base.uuid, base.lineage, base.version,
            )  # fmt: skip
            data.frozen, data.retired = base.frozen, base.retired
        scores: list[float | None] = []
        for edit in self.scores:
            try:
                scores.append(parse_number_text(edit.text()))
            except ValueError:
                errors["five_scores"] = FieldError("number_shape").message(lang)
                scores.append(None)
        data.five_scores = tuple(scores)  # type: ignore[arg-type]
        rows: dict[int, int] = {}
        for values in self.items.rows():
            table_row = int(values["_row"])
            stored = self.items.row_data(table_row)
            if not (values["name"] or values["weight"] or isinstance(stored, TemplateItemData)):
                continue
            index = len(data.items)
            rows[index] = table_row
            try:
                weight = parse_number_text(values["weight"])
            except ValueError:
                errors[f"items[{index}].weight"] = FieldError("number_shape").message(lang)
                weight = None
            item = TemplateItemData(name=values["name"], weight=weight)
            if isinstance(stored, TemplateItemData):
                item.key, item.id = stored.key, stored.id
            data.items.append(item)
        return data, errors, rows

    def show_errors(self, errors: dict[str, str], rows: dict[int, int] | None = None) -> None:
        for key, wrapped in self.fields.items():
            wrapped.set_error(errors.get(key, ""))
        per_cell: dict[tuple[int, str], str] = {}
        for path, text in errors.items():
            if path.startswith(ITEM_PATH_PREFIX) and "]." in path:
                number, _, key = path[len(ITEM_PATH_PREFIX) :].partition("].")
                index = int(number)
                per_cell[((rows or {}).get(index, index), key)] = text
        self.items.show_errors(per_cell, errors.get("items", ""))
        if errors:
            self.pages.setCurrentIndex(0)

    def save(self) -> bool:
        if self.read_only:
            return False
        data, typing_errors, rows = self.collect()
        previous = self.data
        try:
            if typing_errors:
                try:
                    survey_service.validate_template(data)
                except ValidationError as error:
                    raise ValidationError(error.errors) from None
                raise ValidationError({})
            stored = survey_service.save_template(self.engine, data, self.user)
        except ValidationError as error:
            messages = {**error.messages(current_language()), **typing_errors}
            self.show_errors(messages, rows)
            placed = set(self.fields) | {"items"}
            others = [m for p, m in messages.items()
                      if p not in placed and not p.startswith(ITEM_PATH_PREFIX)]  # fmt: skip
            self.say("\n".join([self.tr("Not saved: please correct the marked fields."),
                                *others]), error=True)  # fmt: skip
            return False
        except storage_errors.STORAGE_ERRORS as error:
            self.say(storage_problem(error), error=True)
            return False
        self.data = stored
        self._load(stored)
        if previous is not None and stored.id != previous.id:
            self.say(
                self.tr("Saved as version {version}. Version {old} stays with its campaigns.")
                .format(version=stored.version, old=previous.version)
            )  # fmt: skip
        else:
            self.say(self.tr("Saved."))
        self.hub.dataChanged.emit(ENTITY, stored.id or 0)
        self.saved.emit(stored.id or 0)
        return True

    def say(self, text: str, error: bool = False) -> None:
        self.message.show_message(text)
        self.message.setStyleSheet(f"color: {RED if error else GREEN};")

    # ------------------------------------------------------------------ closing

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.dirty and not self.read_only:
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved changes"),
                self.tr("This template has unsaved changes. Save them?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel or (
                answer == QMessageBox.StandardButton.Save and not self.save()
            ):
                event.ignore()
                return
        event.accept()

    def reject(self) -> None:  # Esc goes through the same unsaved-changes check
        self.close()
