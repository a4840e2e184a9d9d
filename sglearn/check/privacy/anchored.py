"""A pattern's matches, looked for only near a rarer word every match contains.

The date-of-birth-before-"DOB" and spelled-out e-mail patterns begin with a look-behind, so
the regex engine tries them at every character: 0.8 s of the 2 s the output gate took to
read the 7.8 MB search index of a 1,000-case site as written. Every match of each holds
a word that is rare in any text ("DOB", "dot") within a bounded distance of its start, so
only the characters that distance allows can start a match. ``finditer_near`` tries the
pattern at those characters, in order and on the whole text (never a cut copy: look-arounds
see what they always see), exactly as ``finditer`` would at every character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def finditer_near(
    pattern: re.Pattern[str],
    anchor: re.Pattern[str],
    text: str,
    reach: int,
    *,
    count_space: bool = True,
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, for a pattern whose every match is non-empty and contains
    a match of ``anchor`` starting at most ``reach`` characters after the match's own start.

    ``count_space=False``: ``reach`` counts characters other than whitespace, for a pattern
    whose whitespace runs are unbounded but which never starts with whitespace.
    """
    resume = 0  # where the last match ended: finditer never looks inside a match
    start_from = 0  # candidate starts below this were tried for an earlier anchor
    for found in anchor.finditer(text):
        at = max(_back(text, found.start(), reach, start_from, count_space), resume)
        while at <= found.start():
            match = pattern.match(text, at)
            if match is None:
                at += 1
                continue
            yield match
            resume = at = match.end()
        start_from = max(found.start() + 1, resume)


def _back(text: str, position: int, reach: int, floor: int, count_space: bool) -> int:
    """The earliest start ``reach`` characters (or non-space characters) before
    ``position``, but not below ``floor``."""
    if count_space:
        return max(position - reach, floor)
    at = position
    while at > floor and reach > 0:
        at -= 1
        if not text[at].isspace():
            reach -= 1
    return at
