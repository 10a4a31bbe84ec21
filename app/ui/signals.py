"""One hub through which tabs hear about changed records; tabs never call each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataHub(QObject):
    # record family (e.g. "customer"), record id (0 when many changed, e.g. after an import)
    dataChanged = Signal(str, int)
