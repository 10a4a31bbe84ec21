"""Chinese working days: public holidays and make-up workdays 调休, with the company's overrides.

The holidays come from the maintained `chinesecalendar` package. The user may override any
date (a company shutdown, a holiday the State Council announced after the package was built)
and may confirm a year the package does not know yet by entering its holidays. For an
unknown year the calendar still counts Monday–Friday, but says so: every answer carries the
years it had to estimate, so no deadline is ever a silent guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

import chinese_calendar


@dataclass(frozen=True)
class DayOverride:
    day: date
    working: bool
    note: str = ""


@dataclass
class WorkCalendar:
    overrides: dict[date, DayOverride] = field(default_factory=dict)
    confirmed_years: frozenset[int] = frozenset()

    @classmethod
    def build(cls, overrides: Iterable[DayOverride] = (), confirmed_years: Iterable[int] = ()):
        return cls({o.day: o for o in overrides}, frozenset(confirmed_years))

    def knows_year(self, year: int) -> bool:
        return year in self.confirmed_years or _library_knows(year)

    def is_workday(self, day: date) -> tuple[bool, bool]:
        """(is a working day, the answer is certain)."""
        override = self.overrides.get(day)
        if override is not None:
            return override.working, True
        if _library_knows(day.year):
            return chinese_calendar.is_workday(day), True
        return day.weekday() < 5, day.year in self.confirmed_years

    def add_working_days(self, start: datetime, days: int) -> tuple[datetime, set[int]]:
        """The same clock time `days` working days after start's date; plus estimated years.

        A ticket received on a holiday starts counting from the next working day, so a ticket
        received on Saturday with 1 working day is due Monday (Tuesday if Monday is a holiday).
        """
        estimated: set[int] = set()
        current = start
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            working, certain = self.is_workday(current.date())
            if not certain:
                estimated.add(current.year)
            if working:
                remaining -= 1
        return current, estimated

    def unknown_years(self, start: date, end: date) -> list[int]:
        """Years between two dates that neither the library nor the user has confirmed."""
        return [y for y in range(start.year, end.year + 1) if not self.knows_year(y)]


@cache
def library_years() -> tuple[int, int]:
    """First and last year the installed chinesecalendar knows."""
    years = sorted({d.year for d in chinese_calendar.holidays})
    return years[0], years[-1]


def _library_knows(year: int) -> bool:
    first, last = library_years()
    return first <= year <= last
