"""What every record tab offers the main window: a title, refresh, a veto on closing, and the
selection and search behaviour of its list (a view over a paged model with id_at/row_of)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.ui.widgets.first_page_paint import FirstPagePaint


class BaseTab(QWidget):
    # set by each tab: its list view, its paged model and its search box
    view = None
    model = None
    search = None

    @classmethod
    def title(cls) -> str:
        """The tab's text; a class method: the main window names a tab before building it."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Re-read the records from the database."""

    def can_close(self) -> bool:
        """False when an open form has unsaved changes the user wants to keep."""
        return True

    def set_up_list_view(self, column: int, order: Qt.SortOrder) -> None:
        """The list view of a paged model: sortable by the user, shown in the model's own order
        (the header's indicator set first, else switching sorting on sorts by the header's
        default and starts a load), and each load's first page painted before it reads on."""
        self.view.horizontalHeader().setSortIndicator(column, order)
        self.view.setSortingEnabled(True)
        self.first_page_paint = FirstPagePaint(self.view, self.model)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [rid for rid in (self.model.id_at(r) for r in rows) if rid is not None]

    def select_record(self, record_id: int) -> None:
        """Select and show the record; a list still loading does it once every id is known."""
        when_loaded = getattr(self.model, "when_loaded", None)
        if when_loaded is not None:
            when_loaded(lambda: self._select_now(record_id))
        else:
            self._select_now(record_id)

    def _select_now(self, record_id: int) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def refresh_keeping_selection(self, changed_id: int | None) -> None:
        """Re-read the list; select the record just saved, else keep the current selection."""
        selected = self.selected_ids()
        self.refresh()
        keep = changed_id or (selected[0] if selected else None)
        if keep is not None:
            self.select_record(keep)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
