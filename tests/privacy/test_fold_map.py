"""A finding in folded text points at the characters as they were written in the source."""

from __future__ import annotations

import pytest

from sglearn.check.privacy.normalise import fold


@pytest.mark.parametrize(
    ("written", "strip"),
    [
        ("call 0161 496 0000 today", False),
        ("call \uff10\uff11\uff16\uff11 496 0000 today", False),
        ("call <b>0161</b> 496&#32;0000 today", True),
        ("soft\u00adhyphen and ﬁne *0161* 496 0000", True),
    ],
)
def test_the_folded_number_maps_back_to_where_it_was_written(written: str, strip: bool) -> None:
    folded = fold(written, strip_markup=strip)
    start = folded.text.index("0161")
    end = folded.text.index("0000") + 4
    source_start, source_end = folded.source_span(start, end)
    assert written[source_start:source_end].startswith(("0161", "\uff10\uff11\uff16\uff11"))
    assert written[source_start:source_end].endswith("0000")


def test_a_large_page_folds_without_a_number_per_character() -> None:
    page = ("<p>Plain text of a long page, é and <em>emphasis</em>.</p>\n" * 20_000) + "0161"
    folded = fold(page, strip_markup=True)
    assert len(folded.starts) < len(folded.text) // 5
    at = folded.text.index("0161")
    assert folded.source_span(at, at + 4) == (len(page) - 4, len(page))
