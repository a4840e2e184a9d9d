"""A date as exact as the record is: a day, a month, a year, or not known.

Published reviews give months and years more often than days. A lead writes only what the
record supports (``2016-05-14``, ``2016-05``, ``2016`` or ``not-known``) and the precision
travels with the value, so that no verdict is ever drawn from a day nobody recorded.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import total_ordering
from typing import Any

from jsonschema import FormatChecker

NOT_KNOWN = "not-known"
RECORD_DATE_FORMAT = "record-date"
_FORM = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Month names as the site writes dates ("14 May 2016"), shared by every page."""


class RecordDateError(ValueError):
    """The text is not a day, a month, a year or not-known (or names a day that never was)."""


@total_ordering
@dataclass(frozen=True)
class RecordDate:
    """``year`` is None only when the date is not known; ``day`` is set only for exact days.

    Dates sort in time order by the first day they could mean, a not-known date first and,
    on the same first day, the less exact before the more exact: an order for lists, never
    a verdict (the verdict engine reads only :attr:`exact`).
    """

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def known(self) -> bool:
        return self.year is not None

    @property
    def precision(self) -> str:
        """day, month, year or not-known."""
        if self.year is None:
            return NOT_KNOWN
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def exact(self) -> date | None:
        """The day, when the record gives one: the only form a verdict may use."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    @property
    def earliest(self) -> date | None:
        """The first day the value could mean (for sorting and grouping, never for verdicts)."""
        if self.year is None:
            return None
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date | None:
        if self.year is None:
            return None
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def words(self) -> str:
        """As a reader says it: '14 May 2016', 'May 2016', '2016' or 'Not known'."""
        if self.year is None:
            return "Not known"
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS[self.month - 1]} {self.year}"

    def iso(self) -> str:
        """The form it was written in: ``2016-05-14``, ``2016-05``, ``2016`` or ``not-known``."""
        if self.year is None:
            return NOT_KNOWN
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def sort_key(self) -> tuple[date, int]:
        first = self.earliest
        if first is None:
            return (date.min, 0)
        return (first, _RANK[self.precision])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, RecordDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    @classmethod
    def of(cls, day: date) -> RecordDate:
        return cls(day.year, day.month, day.day)


UNKNOWN_DATE = RecordDate(None)
_RANK = {"year": 1, "month": 2, "day": 3}


def parse_record_date(value: Any) -> RecordDate:
    """Read a record date; raise :class:`RecordDateError` for anything else."""
    if isinstance(value, date):
        return RecordDate.of(value)
    if value == NOT_KNOWN:
        return UNKNOWN_DATE
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return RecordDate(value)  # a year written without quotes
    match = _FORM.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise RecordDateError(f"{value!r} is not a day, a month, a year or not-known")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if year < 1 or (month is not None and not 1 <= month <= 12):
        raise RecordDateError(f"{value!r} names a month that does not exist")
    if month is not None and day is not None:
        try:
            date(year, month, day)
        except ValueError:
            raise RecordDateError(f"{value!r} names a day that does not exist") from None
    return RecordDate(year, month, day)


def is_record_date(value: object) -> bool:
    if not isinstance(value, str):
        return True  # the type keyword reports that
    try:
        parse_record_date(value)
    except RecordDateError:
        return False
    return True


def format_checker() -> FormatChecker:
    """jsonschema's formats plus ``record-date``, so 2026-02-30 fails like a bad ``date``."""
    checker = FormatChecker()
    checker.checks(RECORD_DATE_FORMAT)(is_record_date)
    return checker
