"""Dates, times and numbers as the user's locale writes them, for what the window shows.

The locale is the UI language's (app.ui.application.Translations sets it as Qt's default
locale): zh_CN as a Chinese Windows writes it (2026/3/5, 1,234,567), English as this PC's
English locale does, or as the United States' when the PC is not set to English (3/5/2026).
Years are always written with four digits: records go back years, and 3/5/26 would be a guess.

Not for what the user types: a date field shows and takes yyyy-MM-dd in both languages
(widgets/date_field.py), because typed dates are read back year first (2026-3-5, 2026/3/5,
2026年3月5日); a day-first (UK) and a month-first (US) date cannot be told apart. Not for the
PDF forms and Excel workbooks either: they carry their own formats (dates as dates in Excel).
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QTime

Language = QLocale.Language


def locale_for(language: str) -> QLocale:
    """The locale the UI in `language` (zh_CN, en) writes dates and numbers in."""
    system = QLocale.system()
    if language == "zh_CN":
        chinese = system.language() == Language.Chinese and system.script() in (
            QLocale.Script.SimplifiedChineseScript,
            QLocale.Script.AnyScript,
        )
        return system if chinese else QLocale(Language.Chinese, QLocale.Country.China)
    if system.language() == Language.English:
        return system
    return QLocale(Language.English, QLocale.Country.UnitedStates)


def _locale(locale: QLocale | None) -> QLocale:
    return locale if locale is not None else QLocale()


def date_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with a four-digit year (M/d/yy → M/d/yyyy)."""
    fmt = _locale(locale).dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return fmt


def date_text(value: date | None, locale: QLocale | None = None) -> str:
    """A date as the locale writes it; "" for none."""
    if value is None:
        return ""
    loc = _locale(locale)
    return loc.toString(QDate(value.year, value.month, value.day), date_format(loc))


def time_text(value: datetime | None, locale: QLocale | None = None) -> str:
    """Hours and minutes of a moment in this PC's time zone, as the locale writes them."""
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    loc = _locale(locale)
    return loc.toString(
        QTime(local.hour, local.minute, local.second),
        loc.timeFormat(QLocale.FormatType.ShortFormat),
    )


def datetime_text(value: datetime | None, locale: QLocale | None = None) -> str:
    """Date and time (to the minute) of a moment in this PC's time zone; "" for none."""
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return f"{date_text(local.date(), locale)} {time_text(local, locale)}"


def count_text(value: float | None, locale: QLocale | None = None) -> str:
    """A whole number with the locale's thousands separators (12,345); "" for none."""
    if value is None:
        return ""
    return _locale(locale).toString(round(value))


def number_text(value: float | None, decimals: int = 2, locale: QLocale | None = None) -> str:
    """A number with thousands separators and the locale's decimal mark; "" for none."""
    if value is None:
        return ""
    return _locale(locale).toString(float(value), "f", decimals)


def percent_text(value: float | None, decimals: int = 1, locale: QLocale | None = None) -> str:
    """A percentage given in percent (97.5 → 97.5 %), the locale's decimal mark and sign, set
    apart by a space as everywhere in the app (目标 97 %); "—" for none."""
    if value is None:
        return "—"
    loc = _locale(locale)
    return f"{loc.toString(float(value), 'f', decimals)} {loc.percent()}"


def decimal_text(value: float | None, decimals: int = 3, locale: QLocale | None = None) -> str:
    """A quantity with up to `decimals` decimals, trailing zeros dropped (1,200 · 2.5); "" for
    none."""
    if value is None:
        return ""
    loc = _locale(locale)
    text = loc.toString(float(value), "f", decimals)
    point = loc.decimalPoint()
    if point in text:
        text = text.rstrip("0").rstrip(point)
    return text
