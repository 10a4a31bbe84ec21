"""Import customers from the clerk's old Excel register."""

from __future__ import annotations

from datetime import date

from app.services import customer_import, customer_service
from app.ui.widgets.excel_import_dialog import ExcelImportDialog


class ImportCustomersDialog(ExcelImportDialog):
    importer = customer_import
    entity = customer_service.ENTITY

    def window_title(self) -> str:
        return self.tr("Import customers from Excel")

    def file_hint(self) -> str:
        return self.tr("Choose the .xlsx file of the old customer register")

    def choose_title(self) -> str:
        return self.tr("Choose the customer register")

    def importing_text(self) -> str:
        return self.tr("Importing customers…")

    def imported_text(self, count: int) -> str:
        return self.tr("%n customer(s) imported.", "", count)

    def field_choices(self, suggested: dict[int, str]) -> list[str]:
        """Volume columns for the last ten years, and any year the file's headers name."""
        this_year = date.today().year
        years = set(range(this_year - 10, this_year + 1))
        years |= {
            int(name.split(":")[1]) for name in suggested.values() if name.startswith("volume:")
        }
        return customer_import.field_choices(years)
