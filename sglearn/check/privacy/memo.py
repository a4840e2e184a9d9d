"""The output gate's memory of text it has scanned: each distinct line or piece once.

Every page of a site repeats the theme's header, navigation and footer, so the gate meets
the same markup and the same visible text hundreds of times. A piece's findings depend on
its text alone, so each distinct piece is scanned once per build, and a page as written is
scanned line by line where no identifier can run from one line into the next.
"""

from __future__ import annotations

import re

from sglearn.check.privacy.detectors import Finding
from sglearn.check.privacy.names import NamesList
from sglearn.check.privacy.scan import Allowed, _kept, findings

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
