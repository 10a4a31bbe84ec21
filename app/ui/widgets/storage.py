"""What a form says when the disk under the data file fails (full, read-only, busy, broken)."""

from __future__ import annotations

from app.i18n import current_language
from app.services import storage_errors


def storage_problem(error: BaseException) -> str:
    """The plain message for a failed save; anything that is not a storage failure is re-raised."""
    text = storage_errors.message(error, current_language())
    if text is None:
        raise error
    return text
