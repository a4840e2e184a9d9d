"""Grouping and counting helpers shared by the aggregation: fixed orders, newest first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sglearn.review.model import Case, quarter_of, quarter_start, quarters_ending

MIN_TREND_QUARTERS, MAX_TREND_QUARTERS = 4, 12


def local_number(local_id: str) -> int:
    """A1 < A2 < A10: local ids sort by their number."""
    return int(local_id[1:])


def newest(case: Case) -> tuple[tuple[date, int], str]:
    """Newest first by the date the concern came in, as exact as the record gives it."""
    return case.dates.concern_received.sort_key, case.id


def group(cases: tuple[Case, ...], keys: Any) -> dict[Any, tuple[Case, ...]]:
    """Cases per key, newest first; keys sorted."""
    groups: dict[Any, list[Case]] = defaultdict(list)
    for case in cases:
        for key in dict.fromkeys(keys(case)):
            groups[key].append(case)
    return {key: tuple(sorted(groups[key], key=newest, reverse=True)) for key in sorted(groups)}


def cross(cases: tuple[Case, ...], rows: Any, columns: Any) -> dict[str, dict[str, int]]:
    """Cases counted per (row, column); a case counts once per cell."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for case in cases:
        for row in dict.fromkeys(rows(case)):
            for column in dict.fromkeys(columns(case)):
                table[row][column] += 1
    return {row: dict(sorted(table[row].items())) for row in sorted(table)}


def counts(keys: Iterable[str]) -> dict[str, int]:
    counted: dict[str, int] = defaultdict(int)
    for key in keys:
        counted[key] += 1
    return dict(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))


def trend_quarters(cases: tuple[Case, ...], as_of: date) -> tuple[str, ...]:
    """From the first case's quarter to the later of the as-of date and the newest case,
    at least a year and at most three."""
    placed = [quarter_start(c.quarter) for c in cases if c.quarter is not None]
    last = max([as_of, *placed])
    first = min(placed, default=last)
    span = 1
    day = quarter_start(quarter_of(last))
    while quarter_of(day) > quarter_of(first):
        span += 1
        day = quarter_start(quarter_of(day - timedelta(days=1)))
    return quarters_ending(last, max(MIN_TREND_QUARTERS, min(span, MAX_TREND_QUARTERS)))
