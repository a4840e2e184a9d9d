"""The detectors that read their first character first find exactly what they found when a
look-behind came first (the patterns as they were are kept here to compare)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sglearn.check.privacy import detectors
from tests.fuzz.support import FUZZ

_STREET = detectors._STREET_WORDS
BEFORE = {
    "phone": re.compile(
        r"(?<![\w+/.-])"
        r"(?:(?:\+|00)44[ -]?(?:\(0\)[ -]?)?|\(?0)"
        r"([1237](?:[ ).-]{0,2}\d){8,9})"
        r"(?![\w/]|[.-]\d)"
    ),
    "title": re.compile(
        r"(?<![A-Za-z])(?:Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Rev|Revd)\.?[ \t]{1,3}"
        r"(?:[A-Z]\.[ \t]{0,2}){0,3}[A-Z](?:['\u2019][A-Z])?[a-z]+(?:-[A-Z][a-z]+)?(?![A-Za-z])"
    ),
    "address": re.compile(
        r"(?<![\w./-])\d{1,4}[a-zA-Z]?,?[ \t]{1,3}(?:[A-Z][a-z']+[ \t]{1,3}){1,3}"
        rf"{_STREET}(?![A-Za-z])"
    ),
    "dob_after": re.compile(
        r"(?<![A-Za-z])"
        r"(?:born|birth\s*date|date\s+of\s+birth|birthday|year\s+of\s+birth|d\.?\s?o\.?\s?b\.?)"
        rf"(?![A-Za-z])[^\n\d]{{0,20}}?(?<!\w)({detectors._DATE})(?!\w|[/.-]\d)",
        re.IGNORECASE,
    ),
}
NOW = {
    "phone": detectors._PHONE,
    "title": detectors._TITLE,
    "address": detectors._ADDRESS,
    "dob_after": detectors._DOB_AFTER_WORD,
}
# Pieces of each identifier and of what sits before and after one.
TOKENS = {
    "phone": ["+", "44", "0044", "(0)", "(", "0", "07", "7", "1", "2", "3", "9", "00", " ",
              "-", ".", ")", "/", "x", "a", "_", "\n"],
    "title": ["Mrs", "Mr", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Rev", "Revd",
              "M", "D", ".", " ", "\t", "   ", "Patel", "O'", "J. ", "-Smith", "x", "a", "\u2019",
              "S", "R"],
    "address": ["12", "4", "4a", "1234", ",", " ", "\t", "Acacia ", "Mill ", "Old ", "Avenue",
                "Lane", "St", "Park", "x", ".", "/", "-", "_", "9", "Court", "Road"],
    "dob_after": ["born", "Born", "birth", "date", " of ", "birthday", "year", "d.o.b", "DOB",
                  "d. o. b.", " ", ":", ",", "12", "3", "/", "1980", "March", "th", "x", "b",
                  "y", "d", "-", "\n", "a"],
}  # fmt: skip


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, tuple[object, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in pattern.finditer(text)]


@FUZZ
@given(st.sampled_from(sorted(NOW)), st.data())
def test_each_pattern_finds_what_it_found_before(name: str, data: st.DataObject) -> None:
    text = "".join(data.draw(st.lists(st.sampled_from(TOKENS[name]), max_size=40)))
    assert spans(NOW[name], text) == spans(BEFORE[name], text)


def test_the_examples_each_pattern_is_for() -> None:
    examples = {
        "phone": [
            "call 07700 900123",
            "+44 (0) 20 7946 0958",
            "(020) 7946 0958",
            "0044 20 7946 0958",
        ],
        "title": ["Mrs Patel", "Dr. O'Neill", "said Revd J. Smith-Jones", "Dame Edna"],
        "address": ["at 12 Acacia Avenue", "4a Mill Lane", "1234, Old Park Road"],
        "dob_after": ["born 12 March 1980", "DOB: 12/03/1980", "date of birth 1980-03-12"],
    }  # fmt: skip
    for name, texts in examples.items():
        for text in texts:
            found = spans(NOW[name], text)
            assert found and found == spans(BEFORE[name], text), (name, text)
    for name, text in [
        ("phone", "x07700 900123"),
        ("title", "aMrs Patel"),
        ("address", "a12 Mill Lane"),
    ]:
        assert spans(NOW[name], text) == spans(BEFORE[name], text) == [], (name, text)
