"""Import the old Excel complaint ledger 客户抱怨处理总表, keeping its numbers and statuses."""

from __future__ import annotations

from app.services import complaint_import, complaint_service
from app.ui.widgets.excel_import_dialog import ExcelImportDialog


class ImportLedgerDialog(ExcelImportDialog):
    importer = complaint_import
    entity = complaint_service.ENTITY

    def window_title(self) -> str:
        return self.tr("Import the complaint ledger from Excel")

    def file_hint(self) -> str:
        return self.tr("Choose the .xlsx file of the old complaint ledger (客户抱怨处理总表)")

    def choose_title(self) -> str:
        return self.tr("Choose the complaint ledger")

    def importing_text(self) -> str:
        return self.tr("Importing complaint tickets…")

    def imported_text(self, count: int) -> str:
        return self.tr("{count} ticket(s) imported.").format(count=count)

    def report_note(self) -> str:
        closed = complaint_import.closed_in_ledger(self.rows)
        if not closed:
            return ""
        return self.tr(
            "{count} of the valid rows are closed or cancelled in the old ledger; they "
            "keep that status and are read-only here."
        ).format(count=closed)
