"""Turning what people type (or old spreadsheets hold) into dates and numbers: one parser for all."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_DATE_YMD = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?|月)?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YEAR_ONLY = re.compile(r"^(\d{4})\s*年?$")


def parse_date_text(text: str, allow_partial: bool = False) -> date | None:
    """2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305 (full-width digits too).

    With allow_partial (old registers), 2019.3 / 2019年3月 / 2019 mean the first day of that
    month or year. Blank gives None; anything else raises ValueError.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    year = None
    month = day = 1
    if m := _DATE_YMD.match(text):
        if m.group(3) is None and not allow_partial:
            raise ValueError(f"not a whole date: {text!r}")
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
    elif m := _DATE_COMPACT.match(text):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif (m := _YEAR_ONLY.match(text)) and allow_partial:
        year = int(m.group(1))
    if year is None:
        raise ValueError(f"not a date: {text!r}")
    return date(year, month, day)  # raises ValueError for 2024-02-30


def parse_number_text(text: str) -> float | None:
    """A number as typed, allowing thousands separators and full-width digits; blank gives None."""
    cleaned = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "").strip()
    if not cleaned:
        return None
    return float(cleaned)
