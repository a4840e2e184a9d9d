"""Dates lie in a plausible window: not before 1950, not recorded ahead of the as-of date.

A date that records something that happened (a concern received, a review held, a period
measured) cannot lie after the date the site is built for; a due date more than ten years
ahead, or any date before 1950, is almost always a slip in the year. Reviews of non-recent
abuse look back decades, so only dates before 1950 are questioned. These are warnings: the
lead confirms the date or corrects it.

Passes:

    dates:
      concern_received: 2026-02-10

Fails:

    dates:
      concern_received: 2062-02-10
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from typing import Any

from sglearn.check.rules.context import CaseContext, parse_date
from sglearn.read.problems import Level, Problem

ID = "dates/plausible"
LEVEL = Level.WARNING

EARLIEST = date(1950, 1, 1)
DUE_YEARS_AHEAD = 10
# Fields that name a time still to come; every other date records the past.
_FUTURE_KEYS = ("due", "next", "planned", "expected", "review_by")

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    for where, found in _dates(context.data, ()):
        key = next((step for step in reversed(where) if isinstance(step, str)), "")
        future = any(word in key for word in _FUTURE_KEYS)
        if found < EARLIEST:
            message = f"{found} is before {EARLIEST.year}; check the year"
        elif future and _years_after(context.as_of, found) > DUE_YEARS_AHEAD:
            message = f"{found} is more than {DUE_YEARS_AHEAD} years after {context.as_of}"
        elif not future and found > context.as_of:
            message = f"{found} records what happened but lies after the as-of date {context.as_of}"
        else:
            continue
        yield context.problem(
            _RULE,
            where,
            f"the date {'.'.join(str(s) for s in where)}: {message}",
            "Check the year and the month; if the date is right, leave it.",
        )


def _dates(
    value: Any, where: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], date]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _dates(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _dates(item, (*where, index))
    else:
        found = parse_date(value)
        if found is not None:
            yield where, found


def _years_after(start: date, end: date) -> float:
    return (end - start).days / 365.25
