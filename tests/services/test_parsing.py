"""One date and number parser for the forms and the import."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.parsing import parse_date_text, parse_number_text


@pytest.mark.parametrize(
    "text", ["2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", "20240305", "２０２４-０３-０５"]
)
def test_whole_dates(text):
    assert parse_date_text(text) == date(2024, 3, 5)


@pytest.mark.parametrize("text", ["2024.3", "2024年3月", "2024"])
def test_partial_dates_only_where_allowed(text):
    with pytest.raises(ValueError):
        parse_date_text(text)
    assert parse_date_text(text, allow_partial=True).year == 2024


@pytest.mark.parametrize("text", ["2024-02-30", "tomorrow", "03/05/2024"])
def test_not_dates(text):
    with pytest.raises(ValueError):
        parse_date_text(text)


def test_numbers():
    assert parse_date_text("  ") is None
    assert parse_number_text("1,250.50") == 1250.5
    assert parse_number_text("１２.５") == 12.5
    assert parse_number_text("") is None
    with pytest.raises(ValueError):
        parse_number_text("12万")
