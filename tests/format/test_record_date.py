"""Dates as exact as the record: a day, a month, a year or not-known; verdicts need a day."""

from __future__ import annotations

from datetime import date

import pytest

from sglearn.read.record_date import RecordDateError, parse_record_date


@pytest.mark.parametrize(
    ("text", "precision", "words", "exact"),
    [
        ("2016-05-14", "day", "14 May 2016", date(2016, 5, 14)),
        ("2016-05", "month", "May 2016", None),
        ("2016", "year", "2016", None),
        ("not-known", "not-known", "Not known", None),
    ],
)
def test_record_date_keeps_its_precision(
    text: str, precision: str, words: str, exact: date | None
) -> None:
    value = parse_record_date(text)
    assert (value.precision, value.words(), value.exact, value.iso()) == (
        precision,
        words,
        exact,
        text,
    )


def test_record_date_spans_its_month_and_year() -> None:
    assert parse_record_date("2016-02").latest == date(2016, 2, 29)
    assert parse_record_date("2016").earliest == date(2016, 1, 1)
    assert parse_record_date("not-known").latest is None


@pytest.mark.parametrize("text", ["2025-02-30", "2016-13", "20160514", "May 2016", "", "0000"])
def test_record_date_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(RecordDateError):
        parse_record_date(text)
