"""Text as a reader sees it, with a map back to where each character was written.

A renderer drops invisible characters, turns every kind of space into a space and shows
fullwidth digits and Cyrillic look-alikes as the letters they resemble; an identifier hidden
that way is still read by a person. :func:`fold` gives the detectors that reading, and for
every character of it the offset of the source character it came from, so a finding still
points at the file, line and column where it was written.

Look-alike letters come from Unicode's confusables data (UTS #39 ``confusables.txt``), kept
in ``look_alikes.json`` beside this module: every character outside ASCII that looks like
one ASCII letter or digit, with that letter. It was generated from the copy that
``confusable-homoglyphs`` 3.3.1 ships (see ``tests/privacy/test_normalised_detection.py``),
so checking needs no extra package at run time and works offline.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

_LOOK_ALIKES = Path(__file__).with_name("look_alikes.json")

_MARKUP = frozenset("*_`~")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG = re.compile(r"<[A-Za-z/!][^<>\n]{0,300}>")


class Folded(NamedTuple):
    """The folded text and, for each of its characters, the source offset it came from."""

    text: str
    origin: list[int]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if not self.origin:
            return 0, 0
        return self.origin[start], self.origin[max(start, end - 1)] + 1


@lru_cache(maxsize=1)
def _look_alikes() -> dict[str, str]:
    table: dict[str, str] = json.loads(_LOOK_ALIKES.read_text(encoding="utf-8"))
    return table


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    """One source character as zero or more reader characters."""
    if char.isascii():
        return char
    if char == "\u00ad" or unicodedata.category(char) in ("Cf", "Mn", "Me"):
        return ""
    if unicodedata.category(char) == "Zs" or char in "\u2028\u2029\u0085":
        return " "
    if unicodedata.category(char) == "Pd" or char == "\u2212":
        return "-"
    out = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.category(part) in ("Mn", "Me", "Cf"):
            continue
        if not part.isascii():
            part = _look_alikes().get(part, part)
        out.append(part)
    return unicodedata.normalize("NFKC", "".join(out))


_SPECIAL = re.compile(r"[^\x00-\x7f]")
_SPECIAL_MARKUP = re.compile(r"[^\x00-\x7f]|[*_`~&<]")


def fold(text: str, *, strip_markup: bool = False) -> Folded:
    """``text`` folded as a reader sees it; ``strip_markup`` also drops emphasis marks,
    HTML tags and decodes entities (for text that is rendered as Markdown or HTML).

    Runs of plain ASCII are copied in one step, so the cost is linear in the text and
    small for ordinary text.
    """
    special = _SPECIAL_MARKUP if strip_markup else _SPECIAL
    if not special.search(text):
        return Folded(text, list(range(len(text))))
    chars: list[str] = []
    origin: list[int] = []
    index = 0
    for found in special.finditer(text):
        at = found.start()
        if at < index:  # inside an entity or a tag already consumed
            continue
        if at > index:
            chars.append(text[index:at])
            origin.extend(range(index, at))
        char = text[at]
        index = at + 1
        if strip_markup and char in _MARKUP:
            continue
        if strip_markup and char in "&<":
            match = (_ENTITY if char == "&" else _TAG).match(text, at)
            if match:
                shown = html.unescape(match.group()) if char == "&" else " "
                for piece in "".join(_fold_char(part) for part in shown):
                    chars.append(piece)
                    origin.append(at)
                index = match.end()
                continue
        for piece in _fold_char(char):
            chars.append(piece)
            origin.append(at)
    chars.append(text[index:])
    origin.extend(range(index, len(text)))
    return Folded("".join(chars), origin)


def same_text(a: str, b: str) -> bool:
    """Two values read the same (for reviewed values written another way)."""
    return " ".join(fold(a).text.split()).casefold() == " ".join(fold(b).text.split()).casefold()
