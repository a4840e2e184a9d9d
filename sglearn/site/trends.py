"""Themes rising and falling: this quarter against the last, this year against the one before.

One calculation for the dashboard, the themes index and ``sglearn report``, so a manager
sees the same movement wherever they look. A review counts once per theme it found, in the
quarter and year its concern came in; a review whose date gives only a year counts in the
year, one whose date is not known in neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sglearn.review.model import quarter_of, quarter_start
from sglearn.site.aggregate import Casebook


@dataclass(frozen=True)
class ThemeChange:
    theme: str
    this_quarter: int
    last_quarter: int
    this_year: int
    last_year: int

    @property
    def quarter_change(self) -> int:
        return self.this_quarter - self.last_quarter

    @property
    def year_change(self) -> int:
        return self.this_year - self.last_year


@dataclass(frozen=True)
class Periods:
    """The four periods compared, as the site and the report name them."""

    this_quarter: str
    last_quarter: str
    this_year: int
    last_year: int


def periods(as_of: date) -> Periods:
    this_q = quarter_of(as_of)
    last_q = quarter_of(quarter_start(this_q) - timedelta(days=1))
    return Periods(this_q, last_q, as_of.year, as_of.year - 1)


def theme_changes(book: Casebook) -> tuple[ThemeChange, ...]:
    """Every theme found in any of the four periods, most movement first."""
    p = periods(book.as_of)
    years: dict[str, dict[int, int]] = {}
    for case in book.cases:
        year = case.dates.concern_received.year
        if year is None:
            continue
        for theme in case.themes:
            counted = years.setdefault(theme, {})
            counted[year] = counted.get(year, 0) + 1
    found = []
    for theme in sorted({*book.theme_quarters, *years}):
        quarters = book.theme_quarters.get(theme, {})
        change = ThemeChange(
            theme,
            quarters.get(p.this_quarter, 0),
            quarters.get(p.last_quarter, 0),
            years.get(theme, {}).get(p.this_year, 0),
            years.get(theme, {}).get(p.last_year, 0),
        )
        if change.this_quarter or change.last_quarter or change.this_year or change.last_year:
            found.append(change)
    return tuple(
        sorted(
            found,
            key=lambda c: (-abs(c.quarter_change), -c.this_quarter, -abs(c.year_change), c.theme),
        )
    )
