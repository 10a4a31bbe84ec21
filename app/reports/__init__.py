"""PDF and Excel outputs: they take plain data and return files; no database session, no Qt."""

from app.reports.files import ExportCancelled, write_atomically

__all__ = ["ExportCancelled", "write_atomically"]
