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
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

_LOOK_ALIKES = Path(__file__).with_name("look_alikes.json")

_MARKUP = frozenset("*_`~")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG = re.compile(r"<[A-Za-z/!][^<>\n]{0,300}>")


class Folded(NamedTuple):
    """The folded text and a map from each of its characters to the source offset.

    The map is kept as runs, not one integer per character: a folded search index or page
    of many megabytes would otherwise cost tens of bytes of memory per character.
    ``starts[i]`` is where run ``i`` begins in ``text``, ``sources[i]`` the source offset of
    that first character, and ``steps[i]`` is 1 for text copied as written (each character
    one further on) or 0 for what one source character became (all from the same offset).
    No runs means the text was copied unchanged.
    """

    text: str
    starts: list[int]
    sources: list[int]
    steps: list[int]

    def origin(self, index: int) -> int:
        """The source offset the folded character at ``index`` came from."""
        if not self.starts:
            return index
        run = bisect_right(self.starts, index) - 1
        return self.sources[run] + self.steps[run] * (index - self.starts[run])

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if not self.text:
            return 0, 0
        return self.origin(start), self.origin(max(start, end - 1)) + 1


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
        return Folded(text, [], [], [])
    chars: list[str] = []
    runs = _Runs()
    index = 0
    for found in special.finditer(text):
        at = found.start()
        if at < index:  # inside an entity or a tag already consumed
            continue
        if at > index:
            chars.append(text[index:at])
            runs.copied(index, at - index)
        char = text[at]
        index = at + 1
        if strip_markup and char in _MARKUP:
            continue
        if strip_markup and char in "&<":
            match = (_ENTITY if char == "&" else _TAG).match(text, at)
            if match:
                shown = html.unescape(match.group()) if char == "&" else " "
                piece = "".join(_fold_char(part) for part in shown)
                chars.append(piece)
                runs.became(at, len(piece))
                index = match.end()
                continue
        piece = _fold_char(char)
        chars.append(piece)
        runs.became(at, len(piece))
    chars.append(text[index:])
    runs.copied(index, len(text) - index)
    return Folded("".join(chars), runs.starts, runs.sources, runs.steps)


class _Runs:
    """The runs of a :class:`Folded` map, built as the folded text grows."""

    def __init__(self) -> None:
        self.length = 0
        self.starts: list[int] = []
        self.sources: list[int] = []
        self.steps: list[int] = []

    def copied(self, source: int, count: int) -> None:
        """``count`` characters copied as written from ``source`` on."""
        if count:
            self._add(source, 1, count)

    def became(self, source: int, count: int) -> None:
        """``count`` folded characters made from the one source character at ``source``."""
        if count:
            self._add(source, 1 if count == 1 else 0, count)

    def _add(self, source: int, step: int, count: int) -> None:
        if self.starts and self.steps[-1] == 1 and step == 1:
            last = self.sources[-1] + self.length - self.starts[-1]
            if last == source:  # continues the run before it
                self.length += count
                return
        self.starts.append(self.length)
        self.sources.append(source)
        self.steps.append(step)
        self.length += count


def same_text(a: str, b: str) -> bool:
    """Two values read the same (for reviewed values written another way)."""
    return " ".join(fold(a).text.split()).casefold() == " ".join(fold(b).text.split()).casefold()
