"""The record tabs after the overview: their names, titles and where their code lives.

The main window names every tab at start but builds one only when it is first shown or used
(app/ui/lazy_tab.py); a tab's module, and the services and widgets it needs, are imported then
too, so a start loads only what the overview needs.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QCoreApplication

# name -> (module, class); the main window's tab order
RECORD_TABS: dict[str, tuple[str, str]] = {
    "customers": ("app.ui.customers.tab", "CustomersTab"),
    "complaints": ("app.ui.complaints.tab", "ComplaintsTab"),
    "returns": ("app.ui.returns.tab", "ReturnsTab"),
    "surveys": ("app.ui.surveys.tab", "SurveysTab"),
    "field_service": ("app.ui.field_service.tab", "FieldServiceTab"),
}


def tab_title(name: str) -> str:
    """The tab's text in the current language (each tab class's title() answers with it);
    "overview" for the overview's."""
    titles = {
        "overview": QCoreApplication.translate("OverviewTab", "Overview"),
        "customers": QCoreApplication.translate("CustomersTab", "Customer files"),
        "complaints": QCoreApplication.translate("ComplaintsTab", "Complaints"),
        "returns": QCoreApplication.translate("ReturnsTab", "Returns"),
        "surveys": QCoreApplication.translate("SurveysTab", "Satisfaction surveys"),
        "field_service": QCoreApplication.translate("FieldServiceTab", "Field service"),
    }
    return titles[name]


def tab_class(name: str) -> type:
    """The tab's class, its module imported now if it was not yet."""
    module, class_name = RECORD_TABS[name]
    return getattr(importlib.import_module(module), class_name)
