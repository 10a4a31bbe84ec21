"""One customer's answer 答卷: who answered, when, how, who asked (seed 001), the answer grid,
loyalty and comments. load() shows a response, collect() reads the form back, show_errors()
puts each message next to its field or in its grid cell."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language
from app.services.complaint_data import label
from app.services.parsing import parse_date_text
from app.services.survey_data import (
    KEEP_BUYING_LABELS,
    METHOD_LABELS,
    CampaignData,
    ResponseData,
    TemplateData,
)
from app.services.survey_results import response_index
from app.services.validation import FieldError
from app.ui.surveys.answer_grid import AnswerGrid
from app.ui.surveys.table_models import pct_text
from app.ui.widgets.date_field import DateField
from app.ui.widgets.form import ErrorLabel, FieldWithError

ANSWER_PATH = re.compile(r"^answers\[(\d+)\]\.(\w+)$")
GREY, AMBER, RED = "#6c757d", "#b45309", "#c0392b"


class ResponseForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template: TemplateData | None = None
        self.campaign: CampaignData | None = None
        self.base: ResponseData | None = None
        self.read_only = False
        self.dirty = False
        self._loading = False
        self._build()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.respondent = QLineEdit(self)
        self.respondent_title = QLineEdit(self)
        self.answered_on = DateField(self)
        self.answered_on.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on to the method
        self.method = QComboBox(self)
        for value in METHOD_LABELS:
            self.method.addItem(label(METHOD_LABELS, value), value)
        self.surveyor = QLineEdit(self)
        self.grid = AnswerGrid(self)
        self.grid.setMinimumHeight(120)
        self.keep_buying = QComboBox(self)
        self.keep_buying.addItem("", "")
        for value in KEEP_BUYING_LABELS:
            self.keep_buying.addItem(label(KEEP_BUYING_LABELS, value), value)
        self.recommend = QLineEdit(self)
        self.recommend.setPlaceholderText("0–10")
        self.recommend.setMaximumWidth(70)
        self.comments = QPlainTextEdit(self)
        self.comments.setTabChangesFocus(True)
        self.comments.setFixedHeight(56)
        self.fields: dict[str, FieldWithError] = {}

        def wrap(key: str, editor: QWidget) -> FieldWithError:
            self.fields[key] = FieldWithError(editor)
            return self.fields[key]

        who = QGroupBox(self.tr("Who answered"), self)
        grid = QGridLayout(who)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        for row, column, text, key, editor in (
            (0, 0, self.tr("Respondent"), "respondent", self.respondent),
            (0, 2, self.tr("Title"), "respondent_title", self.respondent_title),
            (0, 4, self.tr("Answered on *"), "answered_on", self.answered_on),
            (1, 0, self.tr("Method *"), "method", self.method),
            (1, 2, self.tr("Surveyor"), "surveyor", self.surveyor),
        ):  # fmt: skip
            caption = QLabel(text, who)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(caption, row, column)
            grid.addWidget(wrap(key, editor), row, column + 1)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)

        self.answers_box = QGroupBox(self.tr("Answers"), self)
        self.grid_hint = QLabel(self)
        self.grid_hint.setWordWrap(True)
        self.grid_hint.setStyleSheet(f"color: {GREY};")
        self.index_label = QLabel(self)
        self.index_label.setObjectName("liveIndex")
        self.grid_error = ErrorLabel(self)
        answers_layout = QVBoxLayout(self.answers_box)
        answers_layout.addWidget(self.grid, 1)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.grid_hint, 1)
        hint_row.addWidget(self.index_label)
        answers_layout.addLayout(hint_row)
        answers_layout.addWidget(self.grid_error)

        self.loyalty_box = QGroupBox(self.tr("Loyalty"), self)
        loyalty = QHBoxLayout(self.loyalty_box)
        loyalty.addWidget(QLabel(self.tr("Will keep buying"), self))
        loyalty.addWidget(wrap("keep_buying", self.keep_buying))
        loyalty.addSpacing(16)
        loyalty.addWidget(QLabel(self.tr("Would recommend us (0–10)"), self))
        loyalty.addWidget(wrap("recommend", self.recommend))
        loyalty.addStretch(1)
        comments_box = QGroupBox(self.tr("Comments and suggestions"), self)
        QVBoxLayout(comments_box).addWidget(wrap("comments", self.comments))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(who)
        layout.addWidget(self.answers_box, 1)
        layout.addWidget(self.loyalty_box)
        layout.addWidget(comments_box)

        order = [self.respondent, self.respondent_title, self.answered_on.line, self.method,
                 self.surveyor, self.grid, self.keep_buying, self.recommend, self.comments]  # fmt: skip
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)
        for signal in (self.respondent.textChanged, self.respondent_title.textChanged,
                       self.answered_on.line.textChanged, self.method.currentIndexChanged,
                       self.surveyor.textChanged, self.keep_buying.currentIndexChanged,
                       self.recommend.textChanged, self.comments.textChanged,
                       self.grid.grid_model.answersChanged):  # fmt: skip
            signal.connect(self._mark_dirty)
        self.grid.grid_model.answersChanged.connect(self._update_index)
        self.grid.keyRefused.connect(self._key_refused)

    # ------------------------------------------------------------------ showing

    def load(
        self,
        data: ResponseData,
        template: TemplateData,
        campaign: CampaignData,
        read_only: bool,
    ) -> None:
        self._loading = True
        self.base, self.template, self.campaign = data, template, campaign
        self.grid.set_template(template)
        self.grid.set_answers(data.answers)
        self.respondent.setText(data.respondent)
        self.respondent_title.setText(data.respondent_title)
        self.answered_on.set_date(data.answered_on)
        self.method.setCurrentIndex(max(self.method.findData(data.method), 0))
        self.surveyor.setText(data.surveyor)
        self.keep_buying.setCurrentIndex(max(self.keep_buying.findData(data.keep_buying), 0))
        self.recommend.setText("" if data.recommend is None else str(data.recommend))
        self.comments.setPlainText(data.comments)
        self.loyalty_box.setVisible(template.ask_loyalty)
        self.grid_hint.setText(self.key_hints(template))
        self.set_read_only(read_only)
        self.show_errors({})
        self._update_index()
        self._loading = False
        self.dirty = False

    def key_hints(self, template: TemplateData) -> str:
        model = self.grid.grid_model
        parts = [self.tr("Satisfaction: {keys}").format(keys=model.key_hint("level"))]
        if template.ask_importance:
            parts.append(self.tr("Importance: {keys}").format(keys=model.key_hint("importance")))
        if template.ask_competitor:
            parts.append(self.tr("Competitors: {keys}").format(keys=model.key_hint("competitor")))
        parts.append(self.tr("Enter skips, Delete clears, arrows move, Tab leaves the grid."))
        return "\n".join(parts)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for edit in (self.respondent, self.respondent_title, self.answered_on.line,
                     self.surveyor, self.recommend):  # fmt: skip
            edit.setReadOnly(read_only)
        self.comments.setReadOnly(read_only)
        self.answered_on.button.setEnabled(not read_only)
        self.method.setEnabled(not read_only)
        self.keep_buying.setEnabled(not read_only)
        self.grid.set_read_only(read_only)

    def _update_index(self) -> None:
        template = self.template
        if template is None:
            self.index_label.setText("")
            return
        answers = self.grid.answers()
        levels = {a.item_id: a.level for a in answers}
        weights = {i.id: i.weight or 0.0 for i in template.items if i.id is not None}
        index = response_index(levels, weights, template.scale, template.five_scores)
        answered = sum(1 for a in answers if a.level is not None)
        text = self.tr("Index {index} · {answered} of {items} item(s) answered").format(
            index=pct_text(index) or "—", answered=answered, items=len(template.items)
        )
        self.index_label.setText(text)
        self.index_label.setStyleSheet(
            f"color: {AMBER};" if answered < len(template.items) else "font-weight: bold;"
        )

    def _key_refused(self, hint: str) -> None:
        self.grid_error.show_message(
            self.tr("That key means nothing here. {hint}").format(hint=hint)
        )

    def _mark_dirty(self, *_args: object) -> None:
        if self._loading or self.read_only:
            return
        self.grid_error.show_message("")
        if not self.dirty:
            self.dirty = True
            self.changed.emit()

    # ------------------------------------------------------------------ reading back

    def collect(self) -> tuple[ResponseData, dict[str, str]]:
        """The form as a response (ids and marks from the loaded one), with typing errors."""
        assert self.base is not None
        lang = current_language()
        errors: dict[str, str] = {}
        base = self.base
        data = ResponseData(campaign_id=base.campaign_id, customer_id=base.customer_id)
        data.id, data.uuid = base.id, base.uuid
        data.customer_code, data.customer_name = base.customer_code, base.customer_name
        data.respondent = self.respondent.text()
        data.respondent_title = self.respondent_title.text()
        try:
            data.answered_on = parse_date_text(self.answered_on.text())
        except ValueError:
            errors["answered_on"] = FieldError("date_shape").message(lang)
        data.method = self.method.currentData()
        data.surveyor = self.surveyor.text()
        data.keep_buying = self.keep_buying.currentData() or ""
        text = self.recommend.text().strip()
        if text:
            if text.isdigit():
                data.recommend = int(text)
            else:
                errors["recommend"] = FieldError("range", {"min": 0, "max": 10}).message(lang)
        data.comments = self.comments.toPlainText()
        data.answers = self.grid.answers()
        return data, errors

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Messages next to their fields and in their grid cells; returns the others."""
        for key, wrapped in self.fields.items():
            wrapped.set_error(errors.get(key, ""))
        cells: dict[tuple[int, str], str] = {}
        grid_lines = []
        names = [r.name for r in self.grid.grid_model.rows]
        for path, message in errors.items():
            if match := ANSWER_PATH.match(path):
                row, key = int(match.group(1)), match.group(2)
                cells[(row, key)] = message
                name = names[row] if row < len(names) else str(row + 1)
                grid_lines.append(f"{name}:{message}")
        self.grid.grid_model.show_errors(cells)
        self.grid_error.show_message("\n".join(grid_lines))
        return [m for p, m in errors.items() if p not in self.fields and not ANSWER_PATH.match(p)]

    def focus_first(self) -> None:
        (self.grid if self.read_only else self.respondent).setFocus()
