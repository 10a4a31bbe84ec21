"""The selected return line's inspection, disposition and photos (seed 002 §7.2, §6.1.5)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from app.services.complaint_data import label
from app.services.parsing import parse_number_text
from app.services.return_data import (
    DISPOSITION_LABELS,
    LINE_RESPONSIBILITY_LABELS,
    REWORK_INSTRUCTION_LABELS,
    WARRANTY_LABELS,
)
from app.ui.returns.fields import FieldSet
from app.ui.returns.table_model import quantity_text
from app.ui.widgets.attachment_strip import AttachmentStrip
from app.ui.widgets.date_field import DateField

PAGE_INSPECTION, PAGE_DISPOSITION, PAGE_PHOTOS = range(3)
INSPECTION_FIELDS = (
    "inspector", "inspected_on", "qty_inspected", "qty_good", "qty_defective", "defect_found",
    "defect_category", "responsibility", "explanation",
)  # fmt: skip
GREEN, RED, GREY = "#1e7e34", "#c0392b", "#6c757d"


def _choice(pairs: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    for text, value in pairs:
        combo.addItem(text, value)
    return combo


def _plain(height: int, hint: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    edit.setPlaceholderText(hint)
    return edit


def _quantity() -> QLineEdit:
    edit = QLineEdit()
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    edit.setMaximumWidth(110)
    return edit


class LineEditor(QTabWidget):
    """Editors of one line; the lines panel swaps the values in when another line is selected."""

    changed = Signal()

    def __init__(self, defect_categories: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = FieldSet(self)
        self._build_inspection(defect_categories)
        self._build_disposition()
        self.attachments = AttachmentStrip()
        self.addTab(self.attachments, self.tr("Photos"))
        self.fields.changed.connect(self._changed)
        self.update_live()

    # ------------------------------------------------------------------ building

    def _grid_page(self, title: str) -> QGridLayout:
        content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        self.addTab(scroll, title)
        return grid

    def _place(
        self, grid: QGridLayout, row: int, column: int, key: str, text: str, editor: QWidget,
        kind: str, span: int = 1, zero_blank: bool = False,
    ) -> None:  # fmt: skip
        wrapped = self.fields.add(key, text, editor, kind, zero_blank)
        caption = QLabel(text)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        caption.setContentsMargins(0, 4, 0, 0)
        caption.setBuddy(editor)
        self.captions[key] = caption
        grid.addWidget(caption, row, column)
        grid.addWidget(wrapped, row, column + 1, 1, span)

    def _build_inspection(self, defect_categories: list[str]) -> None:
        self.captions: dict[str, QLabel] = {}
        grid = self._grid_page(self.tr("Inspection"))
        self.inspector = QLineEdit()
        self.inspected_on = DateField()
        self.inspected_on.setMinimumWidth(150)
        self.qty_inspected, self.qty_good, self.qty_defective = (
            _quantity(),
            _quantity(),
            _quantity(),
        )
        self.defect_category = _choice(
            [("", "")] + [(category, category) for category in defect_categories]
        )
        self.responsibility = _choice(
            [(label(LINE_RESPONSIBILITY_LABELS, v), v) for v in LINE_RESPONSIBILITY_LABELS]
        )
        self.defect_found = _plain(54, self.tr("What the inspection found on the returned pieces"))
        self.explanation = _plain(54, self.tr("Why it is not our fault, as told to the customer"))
        for row, column, key, text, editor, kind, span in (
            (0, 0, "inspector", self.tr("Inspector"), self.inspector, "text", 1),
            (0, 2, "inspected_on", self.tr("Inspected on"), self.inspected_on, "date", 1),
            (1, 0, "qty_inspected", self.tr("Qty inspected"), self.qty_inspected, "number", 1),
            (1, 2, "qty_good", self.tr("Good"), self.qty_good, "number", 1),
            (2, 0, "qty_defective", self.tr("Defective"), self.qty_defective, "number", 1),
            (2, 2, "defect_category", self.tr("Defect category"), self.defect_category, "choice", 1),
            (3, 0, "defect_found", self.tr("Defect found"), self.defect_found, "plain", 3),
            (4, 0, "responsibility", self.tr("Responsibility"), self.responsibility, "choice", 1),
            (5, 0, "explanation", self.tr("Explanation for the customer"), self.explanation, "plain", 3),
        ):  # fmt: skip
            self._place(grid, row, column, key, text, editor, kind, span)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(6, 1)

    def _build_disposition(self) -> None:
        grid = self._grid_page(self.tr("Disposition"))
        self.indicator = QLabel()
        self.indicator.setStyleSheet("font-weight: bold;")
        grid.addWidget(self.indicator, 0, 0, 1, 6)
        quantities = {key: _quantity() for key in DISPOSITION_LABELS}
        for key, edit in quantities.items():
            setattr(self, key, edit)
        self.rework_order_no = QLineEdit()
        self.rework_order_no.setPlaceholderText(self.tr("blank: return number-line"))
        self.rework_instruction = _choice(
            [("", "")]
            + [(label(REWORK_INSTRUCTION_LABELS, v), v) for v in REWORK_INSTRUCTION_LABELS]
        )
        self.rework_notes = _plain(44, self.tr("What to rework, how, acceptance"))
        self.scrap_report_no = QLineEdit()
        self.scrap_report_no.setPlaceholderText(self.tr("Nonconforming product report no."))
        placeholder = self.scrap_report_no.placeholderText()  # shown whole at 1366×768
        metrics = self.scrap_report_no.fontMetrics()
        self.scrap_report_no.setMinimumWidth(metrics.horizontalAdvance(placeholder) + 20)
        self.concession_by = QLineEdit()
        self.stock_short = QCheckBox(self.tr("Stock short"))
        self.stock_short.setToolTip(
            self.tr("Not enough stock for the replacement: plan urgent production")
        )
        self.urgent_label = QLabel(self.tr("Urgent production"))
        self.urgent_label.setStyleSheet(
            f"color: white; background: {RED}; font-weight: bold; padding: 2px 6px;"
        )
        self.warranty = _choice([(label(WARRANTY_LABELS, v), v) for v in WARRANTY_LABELS])
        self.disposed_by = QLineEdit()
        self.disposed_on = DateField()
        self.disposed_on.setMinimumWidth(150)
        for row, column, key, text, editor, kind, span in (
            (1, 0, "qty_rework", self.tr("Rework"), self.qty_rework, "number", 1),
            (1, 2, "rework_order_no", self.tr("Rework order no."), self.rework_order_no, "text", 1),
            (1, 4, "rework_instruction", self.tr("Instruction"), self.rework_instruction, "choice", 1),
            (2, 2, "rework_notes", self.tr("Rework notes"), self.rework_notes, "plain", 3),
            (3, 0, "qty_scrap", self.tr("Scrap"), self.qty_scrap, "number", 1),
            (3, 2, "scrap_report_no", self.tr("Scrap report no."), self.scrap_report_no, "text", 1),
            (4, 0, "qty_return", self.tr("Return to customer"), self.qty_return, "number", 1),
            (5, 0, "qty_accept", self.tr("Accept as is"), self.qty_accept, "number", 1),
            (5, 2, "concession_by", self.tr("Concession approved by"), self.concession_by, "text", 1),
            (6, 0, "qty_replace", self.tr("Replace"), self.qty_replace, "number", 1),
            (7, 0, "warranty", self.tr("三包 warranty"), self.warranty, "choice", 1),
            (8, 0, "disposed_by", self.tr("Disposed by"), self.disposed_by, "text", 1),
            (8, 2, "disposed_on", self.tr("Disposed on"), self.disposed_on, "date", 1),
        ):  # fmt: skip
            self._place(grid, row, column, key, text, editor, kind, span,
                        zero_blank=key in DISPOSITION_LABELS)  # fmt: skip
        stock = self.fields.add("stock_short", self.stock_short.text(), self.stock_short, "check")
        grid.addWidget(stock, 6, 3)
        grid.addWidget(self.urgent_label, 6, 4, 1, 2, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 1)
        grid.setRowStretch(9, 1)

    # ------------------------------------------------------------------ live hints

    def _changed(self) -> None:
        self.update_live()
        self.changed.emit()

    def _number(self, edit: QLineEdit) -> float | None:
        try:
            return parse_number_text(edit.text())
        except ValueError:
            return None

    def update_live(self) -> None:
        """The disposed-of-defective indicator, the urgent mark, the explanation when not ours."""
        defective = self._number(self.qty_defective) or 0
        disposed = sum(self._number(getattr(self, key)) or 0 for key in DISPOSITION_LABELS)
        if not defective and not disposed:
            text, colour = self.tr("No defective pieces to dispose of."), GREY
        else:
            text = self.tr("{disposed} of {defective} defective disposed of").format(
                disposed=quantity_text(disposed), defective=quantity_text(defective)
            )
            colour = GREEN if abs(disposed - defective) < 1e-9 else RED
        self.indicator.setText(text)
        self.indicator.setStyleSheet(f"font-weight: bold; color: {colour};")
        self.indicator.setProperty("balanced", colour != RED)
        urgent = self.stock_short.isChecked() and bool(self._number(self.qty_replace))
        self.urgent_label.setVisible(urgent)
        not_ours = self.responsibility.currentData() == "not_ours"
        self.explanation.setEnabled(not_ours)
        self.captions["explanation"].setText(
            self.tr("Explanation for the customer") + (" *" if not_ours else "")
        )

    # ------------------------------------------------------------------ values and messages

    def raw(self) -> dict[str, Any]:
        return self.fields.raw()

    def set_raw(self, values: dict[str, Any]) -> None:
        self.fields.set_raw(values)
        self.update_live()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Messages next to the fields; the first page with one is shown, its tab marked red."""
        self.fields.show_errors(errors)
        bad = {PAGE_INSPECTION if key in INSPECTION_FIELDS else PAGE_DISPOSITION for key in errors}
        for page in (PAGE_INSPECTION, PAGE_DISPOSITION):
            self.tabBar().setTabTextColor(page, QColor(RED) if page in bad else QColor())
        if bad:
            self.setCurrentIndex(min(bad))

    def set_read_only(self, read_only: bool) -> None:
        self.fields.set_read_only(read_only)
        if not read_only:
            self.update_live()
