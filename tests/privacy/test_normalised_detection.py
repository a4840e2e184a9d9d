"""Identifiers and names are found as a reader sees them, and ordinary text is left alone."""

from __future__ import annotations

import pytest

from sglearn.check.privacy import compile_names, findings

NAMES = compile_names(["Jane Doe", "Okafor", "Anne-Marie"])


@pytest.mark.parametrize(
    "text",
    [
        "met J\u200bane Doe",  # zero-width space
        "met Ja\u00adne Doe",  # soft hyphen
        "met J\u0430ne Doe",  # Cyrillic a
        "met Ja\u0301ne Doe",  # combining accent
        "the Okafors visited",  # plural
        "Okafor's room",  # possessive
        "the Okafors' car",  # plural possessive
        "met JANE   DOE",  # capitals and spaces
        "asked \uff2f\uff4b\uff41\uff46\uff4f\uff52",  # fullwidth letters
    ],
)
def test_names_list_matches_after_normalisation(text: str) -> None:
    assert [f.rule for f in findings(text, NAMES)] == ["privacy/name"]


@pytest.mark.parametrize("text", ["Okaforite", "janedoe", "Anne-Mariella", "the okafo"])
def test_names_list_matches_whole_words_only(text: str) -> None:
    assert findings(text, NAMES) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("aged 84, born 1940", "privacy/date-of-birth"),
        ("DOB 1952", "privacy/date-of-birth"),
        ("born on 3rd May 1961", "privacy/date-of-birth"),
        ("Dr. Adeyemi examined her", "privacy/title-name"),
        ("Mr O'Neill", "privacy/title-name"),
        ("4a Mill Lane", "privacy/address"),
        ("jo (at) example (dot) co (dot) uk", "privacy/email"),
    ],
)
def test_phrasings_are_found(text: str, rule: str) -> None:
    assert rule in [f.rule for f in findings(text)]


@pytest.mark.parametrize(
    "text",
    [
        "aged 18 or over",
        "people aged 65 and over",
        "the registered manager met staff at the home",
        "MR in a reference, mr in a sentence",
        "Action A2 is due by 2026-05-31",
        "LR-2026-001 and LR-2025-006",
        "12 Training sessions",
        "staff at home dot matrix",
        "color: #b3d9ff;",
    ],
)
def test_ordinary_text_is_not_a_finding(text: str) -> None:
    assert findings(text) == []


def test_look_alike_table_is_unicode_confusables_data() -> None:
    """look_alikes.json is generated from Unicode's confusables data; regenerate it from
    confusable-homoglyphs' copy (this test's loop) when that data changes."""
    confusables = pytest.importorskip("confusable_homoglyphs.confusables")
    from sglearn.check.privacy.normalise import _look_alikes

    expected = {}
    for char, entries in confusables.confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        forms = sorted(
            e["c"] for e in entries if len(e["c"]) == 1 and e["c"].isascii() and e["c"].isalnum()
        )
        if forms:
            expected[char] = forms[0]
    assert _look_alikes() == expected
