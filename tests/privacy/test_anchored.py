"""Looking only near a rare word finds exactly what looking everywhere finds."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sglearn.check.privacy import detectors
from sglearn.check.privacy.anchored import finditer_near
from tests.fuzz.support import FUZZ

# Pieces of dates of birth and spelled-out addresses, and what sits around them, so that
# random texts hold near misses, overlaps and long runs of spaces.
_DOB_TOKENS = [
    "12", "3", "1980", "2024", "/", ".", "-", ",", ":", ";", "(", ")", "th", " of ", "March",
    "sept", "ember", " ", "   ", "\t", "\n", "DOB", "dob", "d.o.b", "D.O.B.", "x", "born",
    '"', "é", "2", "0", "dobby",
]  # fmt: skip
_EMAIL_TOKENS = [
    "name", "a.b", "_", "+", " at ", "(at)", "[at]", "{at}", " dot ", "(dot)", "[dot]",
    "{dot}", ".", "example", "co", " uk", "com", "comx", " ", "   ", "x", "-", "9", '"',
    "at", "dot",
]  # fmt: skip


def spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


def texts(tokens: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(tokens), max_size=60).map("".join)


spaces = st.sampled_from(["", " ", "  ", "   ", "\t", "      "])


@st.composite
def dated(draw: st.DrawFn) -> str:
    """Noise, a date of birth written out at its longest (or cut short), noise."""
    gap = draw(spaces)
    date = draw(
        st.sampled_from(
            [
                f"12th{gap} of{gap} September,{gap} 2024",
                f"September.{gap} 12th,{gap} 2024",
                f"Sept.,{gap} 1980",
                "12/03/1980",
                "1980-3-12",
                "1980",
            ]
        )
    )
    after = draw(st.sampled_from(["", " ", " , ", ";-:", "("])) + draw(spaces)
    word = draw(st.sampled_from(["DOB", "d.o.b.", "d.o.b", "dobby"]))
    return draw(texts(_DOB_TOKENS)) + date + after + word + draw(texts(_DOB_TOKENS))


@st.composite
def spelled(draw: st.DrawFn) -> str:
    """Noise, a spelled-out address at its longest (or nearly), noise."""
    gap = draw(spaces)
    local = draw(st.sampled_from(["a", "n" * 64, "first.last+tag"]))
    at = draw(st.sampled_from([" at ", "(at)", "[at]", "{at}"]))
    label = draw(st.sampled_from(["x", "l" * 63]))
    dot = draw(st.sampled_from([" dot ", "(dot)", "[dot]", "{dot}", "."]))
    labels = draw(st.integers(0, 4))
    domain = label + (gap + dot + gap + label) * labels
    tld = draw(st.sampled_from(["com", "co", "uk", "comx"]))
    address = local + gap + at + gap + domain + gap + "(dot)" + gap + tld
    return draw(texts(_EMAIL_TOKENS)) + address + draw(texts(_EMAIL_TOKENS))


@FUZZ
@given(texts(_DOB_TOKENS) | dated())
def test_a_date_before_dob_is_found_near_dob_exactly_as_everywhere(text: str) -> None:
    near = finditer_near(
        detectors._DOB_BEFORE_WORD,
        detectors._DOB_HINT,
        text,
        detectors.DOB_BEFORE_REACH,
        count_space=False,
    )
    assert spans(near) == spans(detectors._DOB_BEFORE_WORD.finditer(text))


@FUZZ
@given(texts(_EMAIL_TOKENS) | spelled())
def test_a_spelled_out_address_is_found_near_dot_exactly_as_everywhere(text: str) -> None:
    pattern = detectors._SPELLED_EMAIL
    near = finditer_near(pattern, detectors._DOT_WORD, text, detectors.SPELLED_EMAIL_REACH)
    assert spans(near) == spans(pattern.finditer(text))


def test_the_reach_is_what_makes_it_exact() -> None:
    """A date written out in full, with spaces wider than any reach in characters."""
    text = "12th   of   September,      2024 , (  DOB"
    everywhere = spans(detectors._DOB_BEFORE_WORD.finditer(text))
    assert everywhere == [(0, len(text))]
    short = finditer_near(
        detectors._DOB_BEFORE_WORD, detectors._DOB_HINT, text, 20, count_space=False
    )
    assert spans(short) != everywhere, "a reach too short finds less: it is not decoration"
    counted = finditer_near(detectors._DOB_BEFORE_WORD, detectors._DOB_HINT, text, 25)
    assert spans(counted) != everywhere, "counting spaces too, 25 characters do not reach"
    full = finditer_near(
        detectors._DOB_BEFORE_WORD,
        detectors._DOB_HINT,
        text,
        detectors.DOB_BEFORE_REACH,
        count_space=False,
    )
    assert spans(full) == everywhere


def test_the_longest_spelled_out_address_is_within_reach() -> None:
    label = "l" * 63
    # Dots between the labels: the last "(dot)" is the only rare word, 420 characters in.
    address = "n" * 64 + "   (at)   " + label + ("   .   " + label) * 4 + "   (dot)   uk"
    pattern = detectors._SPELLED_EMAIL
    assert spans(pattern.finditer(address)) == [(0, len(address))]
    near = finditer_near(pattern, detectors._DOT_WORD, address, detectors.SPELLED_EMAIL_REACH)
    assert spans(near) == [(0, len(address))]
    assert spans(finditer_near(pattern, detectors._DOT_WORD, address, 400)) != [(0, len(address))]


def test_a_match_is_not_looked_inside_and_look_arounds_see_the_whole_text() -> None:
    word = re.compile(r"(?<![a-z])ab+c(?![a-z])")
    text = "abbbc abc xabc abcd abc"
    near = finditer_near(word, re.compile("c"), text, 10)
    assert spans(near) == spans(word.finditer(text)) == [(0, 5), (6, 9), (20, 23)]
