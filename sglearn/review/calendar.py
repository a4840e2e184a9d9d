"""Working days: weekends, the bank holidays of the case's nation, and local closure days.

Bank holidays come from the ``holidays`` package's calendars (GB-ENG, GB-WLS, GB-SCT,
GB-NIR), which know every year, so the clock never runs out of holidays. Which calendar
a jurisdiction uses is data (``calendar`` in schemas/nations.yaml), so a new nation is a
few lines of data, not code.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays


class UnknownCalendarError(ValueError):
    """A calendar name the ``holidays`` package does not know."""


@cache
def _holidays_in(calendar: str, year: int) -> frozenset[date]:
    country, _, subdivision = calendar.partition("-")
    try:
        found = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    except NotImplementedError as error:
        raise UnknownCalendarError(f"no public holiday calendar {calendar!r}") from error
    return frozenset(found)


def check_calendar(calendar: str) -> None:
    """Raise UnknownCalendarError unless ``calendar`` (e.g. ``GB-ENG``) can be used."""
    _holidays_in(calendar, 2000)


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are not working days: weekends, a nation's bank holidays, closure days."""

    calendar: str | None
    closures: frozenset[date] = frozenset()

    def holidays_between(self, start: date, end: date) -> frozenset[date]:
        """Bank holidays and closure days after ``start`` up to and including ``end``."""
        days: set[date] = set()
        if self.calendar is not None:
            for year in range(start.year, end.year + 1):
                days.update(_holidays_in(self.calendar, year))
        days.update(self.closures)
        return frozenset(day for day in days if start < day <= end)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 if not after)."""
        if end <= start:
            return 0
        return working_days_between(start, end, self.holidays_between(start, end))


def working_days_between(start: date, end: date, holidays: Collection[date] = ()) -> int:
    """Working days after ``start`` up to and including ``end``.

    Saturdays, Sundays and ``holidays`` do not count; 0 when ``end`` is not after ``start``.
    A concern received on a Friday and referred on the Monday took one working day.
    """
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    count = 5 * weeks  # every run of seven days holds five weekdays
    for offset in range(1, extra + 1):
        if (start + timedelta(days=7 * weeks + offset)).weekday() < 5:
            count += 1
    count -= sum(1 for day in set(holidays) if start < day <= end and day.weekday() < 5)
    return count
