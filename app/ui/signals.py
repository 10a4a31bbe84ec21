"""One hub through which tabs hear about changed records; tabs never call each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

# the family told when the complaint lists, rules or calendar change (complaint settings)
COMPLAINT_SETTINGS_FAMILY = "complaint_settings"


class DataHub(QObject):
    # record family (e.g. "customer"), record id (0 when many changed, e.g. after an import)
    dataChanged = Signal(str, int)
