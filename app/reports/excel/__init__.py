"""Excel workbooks (openpyxl), one module per workbook plus the shared sheet helpers."""
