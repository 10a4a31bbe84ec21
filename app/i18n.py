"""The language of texts produced outside Qt (validation messages, labels, reports, CLI)."""

from __future__ import annotations

import locale
import os

LANGUAGES = ("zh_CN", "en")
_current = "zh_CN"


def system_language() -> str:
    """zh_CN on a Chinese system, English otherwise."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "zh_CN" if code.lower().startswith(("zh", "chinese")) else "en"


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in LANGUAGES else "en"


def current_language() -> str:
    return _current


def pick(zh: str, en: str, lang: str | None = None) -> str:
    """Return the Chinese or English text for the given (or current) language."""
    return zh if (lang or _current) == "zh_CN" else en
