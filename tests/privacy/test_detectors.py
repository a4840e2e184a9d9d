"""Each detector flags real identifiers and leaves the ids and dates of a case alone."""

from __future__ import annotations

import pytest

from sglearn.check.privacy import compile_names, findings, mask, scan_text
from sglearn.check.privacy.detectors import nhs_check_digit_ok


def flagged(text: str) -> list[tuple[str, str]]:
    return [(f.rule, text[f.start : f.end]) for f in findings(text)]


@pytest.mark.parametrize(
    ("text", "rule", "value"),
    [
        ("NHS number 943 476 5919 on file", "privacy/nhs-number", "943 476 5919"),
        ("9434765919", "privacy/nhs-number", "9434765919"),
        ("943-476-5919.", "privacy/nhs-number", "943-476-5919"),
        ("NI AB123456C", "privacy/ni-number", "AB123456C"),
        ("ni ab 12 34 56 c", "privacy/ni-number", "ab 12 34 56 c"),
        ("lives at SW1A 1AA", "privacy/postcode", "SW1A 1AA"),
        ("M1 1AE", "privacy/postcode", "M1 1AE"),
        ("sw1a1aa", "privacy/postcode", "sw1a1aa"),
        ("GIR 0AA", "privacy/postcode", "GIR 0AA"),
        ("(CR2 6XH)", "privacy/postcode", "CR2 6XH"),
        ("ring 07700 900123", "privacy/phone", "07700 900123"),
        ("07700900123", "privacy/phone", "07700900123"),
        ("+44 7700 900123", "privacy/phone", "+44 7700 900123"),
        ("+44 (0)20 7946 0018", "privacy/phone", "+44 (0)20 7946 0018"),
        ("(020) 7946 0018", "privacy/phone", "(020) 7946 0018"),
        ("01632 960983", "privacy/phone", "01632 960983"),
        ("0300 123 4567", "privacy/phone", "0300 123 4567"),
        ("write to jane.doe@example.co.uk.", "privacy/email", "jane.doe@example.co.uk"),
        ("born on 12/03/1980", "privacy/date-of-birth", "12/03/1980"),
        ("DOB: 1980-03-12", "privacy/date-of-birth", "1980-03-12"),
        ("d.o.b. 3rd March 1980", "privacy/date-of-birth", "3rd March 1980"),
        ("date of birth 12.3.80", "privacy/date-of-birth", "12.3.80"),
        ("12 March 1980 (DOB)", "privacy/date-of-birth", "12 March 1980"),
        ("born in May 1979", "privacy/date-of-birth", "May 1979"),
    ],
)
def test_detectors_flag_identifiers(text: str, rule: str, value: str) -> None:
    assert flagged(text) == [(rule, value)]


@pytest.mark.parametrize(
    "text",
    [
        "943 476 5918",  # check digit wrong
        "1234567890",  # check digit wrong
        "QQ123456C",  # Q is never a first letter
        "AO123456C",  # O is never a second letter
        "GB123456A",  # never issued
        "ZZ123456A",
        "AB123456E",  # suffix A-D only
        "LR-2026-001",
        "A1 F1 M1 Q3 F12 A3",
        "covid19 and B12 levels",
        "2024-07-01",
        "concern received 2025-01-14, review held 6 March 2025",
        "11 of 29 day staff; 5 to 1 a quarter",
        "version 1.2.3 and 0.10.1",
        "012345678901234",
        "@handle and a@b",
        "the reborn 2020-01-01 plan",
    ],
)
def test_detectors_ignore_ordinary_text(text: str) -> None:
    assert flagged(text) == []


def test_nhs_check_digit_rejects_remainder_ten() -> None:
    prefix = next(
        f"{n:09d}"
        for n in range(100_000_000, 100_001_000)
        if 11 - sum(int(d) * w for d, w in zip(f"{n:09d}", range(10, 1, -1), strict=True)) % 11
        == 10
    )
    assert not any(nhs_check_digit_ok(prefix + str(d)) for d in range(10))


def test_nhs_check_digit_eleven_means_zero() -> None:
    prefix = next(
        f"{n:09d}"
        for n in range(100_000_000, 100_001_000)
        if sum(int(d) * w for d, w in zip(f"{n:09d}", range(10, 1, -1), strict=True)) % 11 == 0
    )
    assert nhs_check_digit_ok(prefix + "0")


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("943 476 5919", "943 *** ****"),
        ("jane.doe@example.co.uk", "j***@***.uk"),
        ("AB 12 34 56 C", "AB ** ** ** *"),
        ("07700 900123", "07*** ******"),
        ("born 12/03/1980", "**/**/****"),
    ],
)
def test_detectors_mask_what_they_report(text: str, masked: str) -> None:
    assert [f.masked for f in findings(text)] == [masked]


@pytest.mark.parametrize("text", ["a", "ab", "M1 1AE", "9434765919", "x@y.uk"])
def test_mask_never_reveals_the_whole_value(text: str) -> None:
    for keep in range(0, 12):
        assert mask(text, keep) != text or not any(c.isalnum() for c in text)


def test_an_identifier_is_reported_once_by_the_strongest_rule() -> None:
    # An e-mail address that contains a name is an e-mail finding, not also a name.
    names = compile_names(["jane"])
    problems = scan_text("write to jane@example.org", "docs/x.md", names)
    assert [p.rule for p in problems] == ["privacy/email"]


def test_names_match_whole_words_ignoring_case_and_line_breaks() -> None:
    names = compile_names(["Jane Doe", "Smith", "O'Brien", "x", "  "])
    text = "Mrs SMITH met jane\n  doe; Smithson and O'brien were not; x is ignored"
    found = [(text[f.start : f.end], f.masked) for f in findings(text, names)]
    assert found == [("SMITH", "S***"), ("jane\n  doe", "j***"), ("O'brien", "O***")]
    assert names.count == 3


def test_names_are_escaped_not_read_as_patterns() -> None:
    names = compile_names(["A.B", "(x|y)+"])
    assert findings("AxB and yyy", names) == []
    assert [f.masked for f in findings("met A.B today", names)] == ["A***"]


def test_names_sharing_a_prefix_match_the_longest_whole_name() -> None:
    names = compile_names(["Jo", "Joan", "Jo Ann"])
    text = "Jo, Joan, Joa, jo  ann, Joanna"
    assert [text[f.start : f.end] for f in findings(text, names)] == ["Jo", "Joan", "jo  ann"]


def test_a_long_names_list_stays_cheap() -> None:
    import time

    names = compile_names([f"Person{n:05d} Surname{n:05d}" for n in range(5000)])
    text = "A care assistant raised the concern with the deputy manager. " * 200
    started = time.perf_counter()
    for _ in range(10):
        assert findings(text, names) == []
    assert time.perf_counter() - started < 2.0


def test_a_names_list_entry_that_folds_to_nothing_is_no_name() -> None:
    """A line of accents folds to an empty name, which would match at every position."""
    from sglearn.check.privacy import scan_text
    from sglearn.check.privacy.names import compile_names

    names = compile_names(["\u00b8\u00b8", "Zebedee"])
    assert names.count == 1
    assert scan_text("", "x.md", names) == []
    assert [p.rule for p in scan_text("Zebedee called.", "x.md", names)]


def test_nhs_numbers_are_found_where_the_plain_rule_finds_them() -> None:
    """The detector starts at a digit for speed; it must find exactly what the rule says:
    ten digits (3-3-4, one separator allowed between groups) with no digit, or digit and
    separator, right before or after, and a valid check digit."""
    import random
    import re

    plain = re.compile(r"(?<![\d])(?<!\d[./-])(\d{3})[ ./-]?(\d{3})[ ./-]?(\d{4})(?!\d|[./-]\d)")
    rng = random.Random(11)
    alphabet = "0123456789" * 4 + " ./-aZ"
    for _ in range(3_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(8, 40)))
        expected = [
            m.span()
            for m in plain.finditer(text)
            if nhs_check_digit_ok(m.group(1) + m.group(2) + m.group(3))
        ]
        found = [(f.start, f.end) for f in findings(text) if f.rule == "privacy/nhs-number"]
        assert found == expected, text
