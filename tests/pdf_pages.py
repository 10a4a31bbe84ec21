"""Reading a form PDF's pages back as text (pypdf)."""

from __future__ import annotations

import io
import re

import pypdf

# The total of "第 x 页 / 共 y 页" is a form XObject filled in when the document is saved;
# pypdf starts an XObject's text on a line of its own.
_TOTAL_ON_ITS_OWN_LINE = re.compile(r"(共 |Page \d+ of )\n(\d+)")


def page_text(page: pypdf.PageObject) -> str:
    """One page's text, the page label's total back on the label's line."""
    return _TOTAL_ON_ITS_OWN_LINE.sub(r"\1\2", page.extract_text())


def pdf_pages(pdf: bytes) -> list[str]:
    return [page_text(page) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
