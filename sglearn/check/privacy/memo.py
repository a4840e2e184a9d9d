"""The output gate's memory of text it has read: each distinct line, piece or run of HTML once.

Every page of a site repeats the theme's header, navigation and footer, so the gate meets
the same markup and the same visible text hundreds of times. A piece's findings depend on
its text alone, so each distinct piece is scanned once per build, and a page as written is
scanned line by line where no identifier can run from one line into the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sglearn.check.privacy.detectors import Finding
from sglearn.check.privacy.names import NamesList
from sglearn.check.privacy.scan import Allowed, _kept, findings
from sglearn.check.privacy.visible import INLINE_TAGS, Piece, VisibleParser

_TAG_LINE_END = re.compile(r">\n")
"""Where a page as written may be cut: no detector's match holds a ``>`` and then a line
break (only the spelled-out patterns cross lines, through spaces), and a match cannot start
on the line break itself, so every match lies inside one piece."""


class PieceMemo:
    """The kept findings of each piece of text already scanned in this build."""

    LONGEST = 500
    """Longer pieces (a paragraph, a whole file) seldom repeat: they are scanned each time."""
    MOST = 200_000

    def __init__(self, names: NamesList) -> None:
        self.names = names
        self.known: dict[tuple[str, bool], list[Finding]] = {}
        # A names list with a '>' in a name could match across a cut: then no cuts.
        self.cuts = names.pattern is None or ">" not in names.pattern.pattern

    def kept(self, piece: str, reader: bool, allowed: Allowed) -> list[Finding]:
        """The findings in ``piece`` that are not reviewed values, as ``findings`` and
        ``_kept`` give them (``reader``: also as a reader sees it, markup removed)."""
        if len(piece) <= self.LONGEST:
            key = (piece, reader)
            known = self.known.get(key)
            if known is None:
                known = _kept(findings(piece, self.names, reader=reader), piece, allowed)
                if len(self.known) < self.MOST:
                    self.known[key] = known
            return known
        if reader or not self.cuts:
            # Markup removed, "</b>" becomes a space: a match may then cross a cut.
            return _kept(findings(piece, self.names, reader=reader), piece, allowed)
        return self._by_lines(piece, allowed)

    def _by_lines(self, text: str, allowed: Allowed) -> list[Finding]:
        out: list[Finding] = []
        start = 0
        for cut in _TAG_LINE_END.finditer(text):
            out += self._shifted(text[start : cut.end()], start, allowed)
            start = cut.end()
        out += self._shifted(text[start:], start, allowed)
        return out

    def _shifted(self, line: str, offset: int, allowed: Allowed) -> list[Finding]:
        if len(line) <= self.LONGEST:
            found = self.kept(line, False, allowed)
        else:
            found = _kept(findings(line, self.names, reader=False), line, allowed)
        return [f._replace(start=f.start + offset, end=f.end + offset) for f in found]


_BLOCK_TAG = re.compile(r"\n[ \t]*(<\/?([A-Za-z][A-Za-z0-9-]*))")


class HtmlPieceMemo:
    """The visible pieces of each repeated run of a page's lines, read once per build.

    Most of every page is the theme's header, navigation and footer, and reading HTML is
    the gate's largest cost. A page is cut just before a line that opens or closes a block
    tag: there a reader's text run ends anyway. A run of lines seen a second time is read
    on its own and remembered; the pieces are the whole page's pieces, because a cut is
    only used where the reader has nothing half-read (``VisibleParser.settled``).
    """

    LONGEST = 4_000
    MOST = 50_000
    SEEN_MOST = 400_000

    def __init__(self) -> None:
        self.known: dict[str, list[Piece]] = {}
        self.seen: set[int] = set()

    def pieces(self, text: str) -> list[Piece]:
        out: list[Piece] = []
        reading: VisibleParser | None = None
        reading_from = 0  # lines before the text the open reader began with
        line = 0  # lines before the current stretch
        for start, end in _stretches(text):
            stretch = text[start:end]
            if reading is not None and reading.settled() and self._worth_alone(stretch):
                reading.close()
                out += _shifted(reading.pieces, reading_from)
                reading = None
            if reading is None:
                known = self.known.get(stretch)
                if known is not None:
                    out += _shifted(known, line)
                elif self._seen_before(stretch):
                    alone = VisibleParser()
                    alone.feed(stretch)
                    if alone.settled():
                        alone.close()
                        if len(self.known) < self.MOST:
                            self.known[stretch] = alone.pieces
                        out += _shifted(alone.pieces, line)
                    else:
                        reading, reading_from = alone, line
                else:
                    reading, reading_from = VisibleParser(), line
                    reading.feed(stretch)
            else:
                self._seen_before(stretch)  # remembered, to be read alone next time
                reading.feed(stretch)
            line += stretch.count("\n")
        if reading is not None:
            reading.close()
            out += _shifted(reading.pieces, reading_from)
        return out

    def _worth_alone(self, stretch: str) -> bool:
        """Whether to stop the open reader here: the stretch is known or seen before."""
        return stretch in self.known or hash(stretch) in self.seen

    def _seen_before(self, stretch: str) -> bool:
        if len(stretch) > self.LONGEST:
            return False
        key = hash(stretch)
        if key in self.seen:
            return True
        if len(self.seen) < self.SEEN_MOST:
            self.seen.add(key)
        return False


def _stretches(text: str) -> Iterator[tuple[int, int]]:
    """Where to cut: before each line that starts with a block tag (``<div``, ``</li``)."""
    start = 0
    for match in _BLOCK_TAG.finditer(text):
        if match.group(2).lower() in INLINE_TAGS:
            continue
        cut = match.start(1)
        yield start, cut
        start = cut
    yield start, len(text)


def _shifted(pieces: list[Piece], lines_before: int) -> list[Piece]:
    if not lines_before:
        return pieces
    return [(line + lines_before, piece) for line, piece in pieces]
