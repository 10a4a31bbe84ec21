"""List models of the surveys tab over the plain survey records: templates, campaigns, the
invitees of a campaign with their answers, and the customers proposed for a new campaign.

Survey lists are short (a few templates, two to four campaigns a year, some hundred invitees),
so the models hold their rows; the services compute them in a few queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.services.complaint_data import label
from app.services.editing_presence import Editor
from app.services.survey_data import (
    CAMPAIGN_STATUS_LABELS,
    METHOD_LABELS,
    SCALE_LABELS,
    TIER_LABELS,
    CampaignRow,
    Proposal,
    ResponseRow,
    TemplateData,
)
from app.ui.locale_format import date_text, number_text, percent_text
from app.ui.widgets.editing_marker import editing_text, pen_icon

GREEN, RED, AMBER, GREY = QColor("#1e7e34"), QColor("#c0392b"), QColor("#b45309"), QColor("#6c757d")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)

Row = TypeVar("Row")


def pct_text(value: float | None, digits: int = 1) -> str:
    return "" if value is None else percent_text(value, digits)


def tier_short(tier: str) -> str:
    """A few words for a coverage tier (the whole rule is the tooltip)."""
    words = {
        "all": QCoreApplication.translate("SurveyTiers", "≥ 1 M"),
        "most": QCoreApplication.translate("SurveyTiers", "0.5–1 M"),
        "many": QCoreApplication.translate("SurveyTiers", "< 0.5 M, key"),
        "optional": QCoreApplication.translate("SurveyTiers", "others"),
        "daily": QCoreApplication.translate("SurveyTiers", "< 1 year"),
        "lost": QCoreApplication.translate("SurveyTiers", "lost"),
    }
    return words.get(tier, tier)


def wan_text(value: float | None) -> str:
    return number_text(value, 1)


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A table of rows held in memory; subclasses name columns and cells."""

    COLUMN_COUNT = 0
    NUMBER_COLUMNS: tuple[int, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    def headers(self) -> list[str]:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def id_at(self, row: int) -> int | None:
        found = self.row_at(row)
        return self.row_id(found) if found is not None else None

    def row_id(self, row: Row) -> int | None:
        return getattr(row, "id", None)

    def row_of(self, record_id: int) -> int:
        for i, row in enumerate(self.rows):
            if self.row_id(row) == record_id:
                return i
        return -1

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self.foreground(row, column)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMBER_COLUMNS:
            return RIGHT
        return self.other(row, column, role)

    def display(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, row: Row, column: int) -> str | None:
        return self.display(row, column) or None

    def foreground(self, row: Row, column: int) -> QColor | None:
        return None

    def other(self, row: Row, column: int, role: int) -> Any:
        return None


class TemplateTableModel(RowsModel[TemplateData]):
    COL_NAME, COL_SCALE, COL_ITEMS, COL_ASKS, COL_STATE = range(5)
    COLUMN_COUNT = 5
    NUMBER_COLUMNS = (COL_ITEMS,)

    def headers(self) -> list[str]:
        return [self.tr("Template"), self.tr("Scale"), self.tr("Items"), self.tr("Also asks"),
                self.tr("State")]  # fmt: skip

    def display(self, row: TemplateData, column: int) -> str:
        if column == self.COL_NAME:
            return row.label
        if column == self.COL_SCALE:
            return label(SCALE_LABELS, row.scale)
        if column == self.COL_ITEMS:
            return str(len(row.items))
        if column == self.COL_ASKS:
            asks = [(row.ask_importance, self.tr("importance")),
                    (row.ask_competitor, self.tr("competitors")),
                    (row.ask_loyalty, self.tr("loyalty"))]  # fmt: skip
            return "、".join(text for on, text in asks if on)
        if column == self.COL_STATE:
            if row.retired:
                return self.tr("old version")
            return self.tr("frozen (used by a campaign)") if row.frozen else self.tr("editable")
        return ""

    def tooltip(self, row: TemplateData, column: int) -> str | None:
        if column == self.COL_ITEMS:
            return "\n".join(f"{i.name}  {i.weight:g} %" for i in row.items if i.weight is not None)
        if column == self.COL_STATE and row.frozen and not row.retired:
            return self.tr("Editing makes a new version; campaigns keep the version they used")
        return super().tooltip(row, column)

    def foreground(self, row: TemplateData, column: int) -> QColor | None:
        if row.retired:
            return GREY
        if column == self.COL_STATE and row.frozen:
            return AMBER
        return None


class CampaignTableModel(RowsModel[CampaignRow]):
    (COL_NUMBER, COL_NAME, COL_PERIOD, COL_TEMPLATE, COL_INVITED, COL_ANSWERED, COL_INDEX,
     COL_TARGET, COL_STATUS) = range(9)  # fmt: skip
    COLUMN_COUNT = 9
    NUMBER_COLUMNS = (COL_INVITED, COL_ANSWERED, COL_INDEX, COL_TARGET)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editors: dict[int, list[Editor]] = {}  # campaign id -> the other clients editing it

    def set_editors(self, editors: dict[int, list[Editor]]) -> None:
        """Who else has which campaign open, as read off the GUI thread."""
        if editors == self.editors:
            return
        self.editors = dict(editors)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, self.COL_NUMBER), self.index(len(self.rows) - 1, self.COL_NUMBER)
            )

    def editors_at(self, row: int) -> list[Editor]:
        found = self.row_at(row)
        return self.editors.get(found.id, []) if found is not None else []

    def headers(self) -> list[str]:
        return [self.tr("Number"), self.tr("Campaign"), self.tr("Period"), self.tr("Template"),
                self.tr("Invited"), self.tr("Answered"), self.tr("Index"), self.tr("Target"),
                self.tr("Status")]  # fmt: skip

    def display(self, row: CampaignRow, column: int) -> str:
        if column == self.COL_NUMBER:
            return row.number
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_PERIOD:
            return f"{date_text(row.period_start)} – {date_text(row.period_end)}"
        if column == self.COL_TEMPLATE:
            return row.template_label
        if column == self.COL_INVITED:
            return str(row.invited)
        if column == self.COL_ANSWERED:
            return str(row.answered)
        if column == self.COL_INDEX:
            return pct_text(row.index_pct)
        if column == self.COL_TARGET:
            return pct_text(row.target_pct, 0)
        if column == self.COL_STATUS:
            return label(CAMPAIGN_STATUS_LABELS, row.status)
        return ""

    def foreground(self, row: CampaignRow, column: int) -> QColor | None:
        if column == self.COL_INDEX and row.index_pct is not None:
            return GREEN if row.index_pct >= row.target_pct else RED
        if column == self.COL_STATUS and row.status == "closed":
            return GREY
        return None

    def tooltip(self, row: CampaignRow, column: int) -> str | None:
        if column == self.COL_NUMBER and self.editors.get(row.id):
            return editing_text(self.editors[row.id])
        if column == self.COL_INDEX and row.index_pct is not None:
            met = row.index_pct >= row.target_pct
            return (self.tr("Target {target} met") if met else self.tr("Target {target} not met")
                    ).format(target=pct_text(row.target_pct, 0))  # fmt: skip
        return super().tooltip(row, column)

    def other(self, row: CampaignRow, column: int, role: int) -> Any:
        if (
            role == Qt.ItemDataRole.DecorationRole
            and column == self.COL_NUMBER
            and self.editors.get(row.id)
        ):
            return pen_icon()
        if role == Qt.ItemDataRole.FontRole and column == self.COL_INDEX:
            font = QFont()
            font.setBold(True)
            return font
        return None


class InviteeTableModel(RowsModel[ResponseRow]):
    """The invitees of one campaign with the state of their answer."""

    (COL_CODE, COL_CUSTOMER, COL_TIER, COL_STATE, COL_ANSWERED_ON, COL_METHOD, COL_SURVEYOR,
     COL_INDEX) = range(8)  # fmt: skip
    COLUMN_COUNT = 8
    NUMBER_COLUMNS = (COL_INDEX,)

    def row_id(self, row: ResponseRow) -> int | None:
        return row.customer_id

    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Customer"), self.tr("Coverage tier"), self.tr("Answer"),
                self.tr("Answered on"), self.tr("Method"), self.tr("Surveyor"), self.tr("Index")]  # fmt: skip

    def state_text(self, row: ResponseRow) -> str:
        if row.answered_on is None:
            return self.tr("not yet")
        marks = [self.tr("answered")]
        if row.late:
            marks.append(self.tr("late"))
        if row.partial:
            marks.append(self.tr("partial"))
        return " · ".join(marks)

    def display(self, row: ResponseRow, column: int) -> str:
        if column == self.COL_CODE:
            return row.customer_code
        if column == self.COL_CUSTOMER:
            return row.customer_name
        if column == self.COL_TIER:
            return tier_short(row.tier)
        if column == self.COL_STATE:
            return self.state_text(row)
        if column == self.COL_ANSWERED_ON:
            return date_text(row.answered_on)
        if column == self.COL_METHOD:
            return label(METHOD_LABELS, row.method) if row.answered_on else ""
        if column == self.COL_SURVEYOR:
            return row.surveyor
        if column == self.COL_INDEX:
            return pct_text(row.index_pct)
        return ""

    def tooltip(self, row: ResponseRow, column: int) -> str | None:
        if column == self.COL_TIER:
            return label(TIER_LABELS, row.tier)
        if column == self.COL_STATE and row.answered_on is not None:
            notes = []
            if row.late:
                notes.append(self.tr("Answered after the answer-by date"))
            if row.partial:
                notes.append(self.tr("Some items were not answered"))
            return "\n".join(notes) or None
        return super().tooltip(row, column)

    def foreground(self, row: ResponseRow, column: int) -> QColor | None:
        if row.answered_on is None:
            return GREY if column != self.COL_CUSTOMER else None
        if column == self.COL_STATE and (row.late or row.partial):
            return AMBER
        if column == self.COL_STATE:
            return GREEN
        return None


class ProposalModel(RowsModel[Proposal]):
    """Customers for a campaign with a tick box each; the ticked ones are invited."""

    ticksChanged = Signal()
    (COL_PICK, COL_CODE, COL_CUSTOMER, COL_TIER, COL_VOLUME, COL_YEARS, COL_POTENTIAL,
     COL_CONTACT) = range(8)  # fmt: skip
    COLUMN_COUNT = 8
    NUMBER_COLUMNS = (COL_VOLUME, COL_YEARS)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ticked: set[int] = set()
        self.locked: set[int] = set()  # answered invitees: they cannot be removed
        self.read_only = False

    def row_id(self, row: Proposal) -> int | None:
        return row.customer_id

    def headers(self) -> list[str]:
        return ["", self.tr("Code"), self.tr("Customer"), self.tr("Coverage tier"),
                self.tr("Volume (10k CNY)"), self.tr("Years"), self.tr("Potential"),
                self.tr("Contact")]  # fmt: skip

    def set_proposals(self, rows: Sequence[Proposal], ticked: set[int], locked: set[int]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.ticked = set(ticked)
        self.locked = set(locked)
        self.endResetModel()

    def display(self, row: Proposal, column: int) -> str:
        if column == self.COL_CODE:
            return row.customer_code
        if column == self.COL_CUSTOMER:
            return row.customer_name
        if column == self.COL_TIER:
            return tier_short(row.tier)
        if column == self.COL_VOLUME:
            return wan_text(row.volume_wan)
        if column == self.COL_YEARS:
            return "" if row.years is None else str(row.years)
        if column == self.COL_POTENTIAL:
            return self.tr("yes") if row.potential else ""
        if column == self.COL_CONTACT:
            return " ".join(t for t in (row.contact_name, row.contact_phone) if t)
        return ""

    def tooltip(self, row: Proposal, column: int) -> str | None:
        if column == self.COL_PICK and row.customer_id in self.locked:
            return self.tr("Answered already: the customer stays invited")
        if column == self.COL_TIER:
            return label(TIER_LABELS, row.tier)
        return super().tooltip(row, column)

    def foreground(self, row: Proposal, column: int) -> QColor | None:
        if row.tier in ("daily", "lost", "optional") and row.customer_id not in self.ticked:
            return GREY
        return None

    def other(self, row: Proposal, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_PICK:
            ticked = row.customer_id in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_POTENTIAL:
            return CENTER
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() == self.COL_PICK:
            row = self.row_at(index.row())
            if row is not None and not self.read_only and row.customer_id not in self.locked:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != self.COL_PICK:
            return False
        row = self.row_at(index.row())
        if row is None or self.read_only or row.customer_id in self.locked:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        self.set_ticked([row.customer_id], checked)
        return True

    def set_ticked(self, customer_ids: Sequence[int], ticked: bool) -> None:
        changed = False
        for customer_id in customer_ids:
            if customer_id in self.locked and not ticked:
                continue
            if ticked and customer_id not in self.ticked:
                self.ticked.add(customer_id)
                changed = True
            elif not ticked and customer_id in self.ticked:
                self.ticked.discard(customer_id)
                changed = True
        if changed and self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, self.COLUMN_COUNT - 1)
            )
            self.ticksChanged.emit()

    def is_ticked(self, customer_id: int) -> bool:
        return customer_id in self.ticked
