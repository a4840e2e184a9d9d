"""The LADO clock counts working days: weekends and the nation's bank holidays do not count."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from sglearn.check.rules import CaseContext, lado_clock
from sglearn.review.calendar import working_days_between
from sglearn.review.vocabulary import Vocabularies

EASTER_2026 = {date(2026, 4, 3), date(2026, 4, 6)}  # Good Friday, Easter Monday
CHRISTMAS_2026 = {date(2026, 12, 25), date(2026, 12, 28)}  # Friday, and Monday in lieu


@pytest.mark.parametrize(
    ("start", "end", "holidays", "expected"),
    [
        (date(2026, 3, 6), date(2026, 3, 6), set(), 0),  # same day
        (date(2026, 3, 5), date(2026, 3, 6), set(), 1),  # Thursday to Friday
        (date(2026, 3, 6), date(2026, 3, 7), set(), 0),  # Friday to Saturday
        (date(2026, 3, 6), date(2026, 3, 9), set(), 1),  # Friday to Monday
        (date(2026, 3, 6), date(2026, 3, 11), set(), 3),  # Friday to Wednesday
        (date(2026, 3, 7), date(2026, 3, 9), set(), 1),  # Saturday to Monday
        (date(2026, 3, 6), date(2026, 3, 20), set(), 10),  # two whole weeks
        (date(2026, 3, 9), date(2026, 3, 6), set(), 0),  # end before start
        (date(2026, 4, 2), date(2026, 4, 7), EASTER_2026, 1),  # Thursday over Easter to Tuesday
        (date(2026, 4, 2), date(2026, 4, 7), set(), 3),  # the same days without the holidays
        (date(2026, 4, 2), date(2026, 4, 9), EASTER_2026, 3),
        (date(2026, 12, 24), date(2026, 12, 29), CHRISTMAS_2026, 1),  # Christmas Eve to Tuesday
        (date(2026, 3, 6), date(2026, 3, 9), {date(2026, 3, 8)}, 1),  # a holiday on a Sunday
    ],
)
def test_working_days_between_skips_weekends_and_bank_holidays(
    start: date, end: date, holidays: set[date], expected: int
) -> None:
    assert working_days_between(start, end, holidays) == expected


def test_working_days_between_agrees_with_counting_day_by_day() -> None:
    holidays = EASTER_2026 | CHRISTMAS_2026 | {date(2026, 5, 4)}
    first = date(2026, 3, 23)
    for start_offset in range(0, 300, 7):
        for length in range(0, 40):
            start = first + timedelta(days=start_offset + length % 7)
            end = start + timedelta(days=length)
            by_day = sum(
                1
                for n in range(1, length + 1)
                if (day := start + timedelta(days=n)).weekday() < 5 and day not in holidays
            )
            assert working_days_between(start, end, holidays) == by_day, (start, end)


CHILDREN_CASE = Path(__file__).resolve().parents[1] / "data/rules/valid/LR-2026-102.yaml"


def lado_case(referred: str, jurisdiction: str = "england") -> str:
    """The valid children's case (concern received Thursday 2 April 2026), LADO told then."""
    text = CHILDREN_CASE.read_text(encoding="utf-8")
    text = text.replace("jurisdiction: england", f"jurisdiction: {jurisdiction}", 1)
    return text.replace("    date: 2026-04-07\n", f"    date: {referred}\n", 1)


def date_position(text: str, day: str) -> tuple[int, int]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line == f"    date: {day}":
            return number, line.index(day) + 1
    raise AssertionError(day)


def test_lado_clock_counts_the_jurisdictions_bank_holidays(
    make_context: Callable[..., CaseContext],
) -> None:
    on_time = make_context(lado_case("2026-04-07"))  # Good Friday and Easter Monday skipped
    late = make_context(lado_case("2026-04-08"))
    assert list(lado_clock.check(on_time)) == []
    (problem,) = lado_clock.check(late)
    assert "2 working days" in problem.message
    assert "within 1 working day" in problem.message
    assert (problem.line, problem.column) == date_position(lado_case("2026-04-08"), "2026-04-08")


def test_lado_clock_not_required_is_never_late(make_context: Callable[..., CaseContext]) -> None:
    text = lado_case("2026-04-20").replace(
        "  - body: lado\n    required: true", "  - body: lado\n    required: false", 1
    )
    assert list(lado_clock.check(make_context(text))) == []


def test_lado_clock_uses_the_configured_number_of_working_days(
    make_context: Callable[..., CaseContext], vocabularies: Vocabularies
) -> None:
    relaxed = dataclasses.replace(
        vocabularies,
        settings=dataclasses.replace(vocabularies.settings, lado_working_days=2),
    )
    assert list(lado_clock.check(make_context(lado_case("2026-04-08"), vocab=relaxed))) == []
    (problem,) = lado_clock.check(make_context(lado_case("2026-04-09"), vocab=relaxed))
    assert "3 working days" in problem.message
    assert "within 2 working days" in problem.message
