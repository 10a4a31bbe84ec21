"""Turning what people type (or old spreadsheets hold) into dates and numbers."""

from __future__ import annotations

import re
from datetime import date, datetime

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date_text(text: str) -> date | None:
    """2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or 20240305; blank gives None; else ValueError."""
    text = text.strip()
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)  # raises ValueError for 2024-02-30
    raise ValueError(f"not a date: {text!r}")


def parse_number_text(text: str) -> float | None:
    """A number as typed, allowing thousands separators and full-width digits; blank gives None."""
    cleaned = text.strip().translate(str.maketrans("０１２３４５６７８９．－，", "0123456789.-,"))
    cleaned = cleaned.replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    return float(cleaned)


def as_date(value: object) -> date | None:
    """A cell value (datetime, date or text) as a date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date_text(str(value))
