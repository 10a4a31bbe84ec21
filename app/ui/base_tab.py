"""What every record tab offers the main window: a title, refresh, and a veto on closing."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class BaseTab(QWidget):
    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Re-read the records from the database."""

    def can_close(self) -> bool:
        """False when an open form has unsaved changes the user wants to keep."""
        return True
