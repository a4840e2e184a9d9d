"""The serve measure says which rebuild the lead waited for."""

from __future__ import annotations

from sglearn.bench.serve_timing import rebuild_note

PAGES = "INFO    -  sglearn: rebuilt 14 changed file(s) in 1.20 seconds\n"
FULL = "INFO    -  Documentation built in 95.10 seconds\n"


def test_saves_that_rebuilt_only_their_pages_need_no_note() -> None:
    assert rebuild_note(PAGES * 3, 3) == ""


def test_saves_that_rebuilt_the_whole_site_are_noted() -> None:
    assert rebuild_note(FULL * 3, 3) == (
        "each save rebuilt the whole site, not only the pages it changed"
    )
    assert rebuild_note(PAGES * 2 + FULL, 3) == "1 of 3 saves rebuilt the whole site"
