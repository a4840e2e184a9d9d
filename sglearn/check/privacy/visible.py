"""The visible text of Markdown and HTML, in pieces that know their line.

Markdown goes through ``markdown-it-py`` (a CommonMark parser: emphasis such as ``*476*``
disappears, entities are decoded, link text is kept) and HTML through the standard
library's parser (text, entities decoded, and the attributes a reader or a screen reader
meets: ``alt``, ``title``, ``content``, ``aria-label``, ``placeholder``, ``value``).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from html.parser import HTMLParser

from markdown_it import MarkdownIt

_SHOWN_ATTRIBUTES = frozenset({"alt", "title", "content", "aria-label", "placeholder", "value"})

Piece = tuple[int, str]
"""A 1-based line and the visible text that starts there."""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Building a parser compiles its rule chains: once per process, not once per value.
    return MarkdownIt("commonmark", {"html": True})


def markdown_pieces(text: str) -> Iterator[Piece]:
    for token in _parser().parse(text):
        line = token.map[0] + 1 if token.map else 1
        if token.type == "inline":
            parts: list[str] = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
                elif child.type == "image":
                    parts.append(child.content)
                elif child.type == "html_inline":
                    parts.append(" ")
            yield line, "".join(parts)
        elif token.type in ("fence", "code_block"):
            yield line + (1 if token.type == "fence" else 0), token.content
        elif token.type == "html_block":
            for inner_line, inner in html_pieces(token.content):
                yield line + inner_line - 1, inner


INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "dfn",
        "em",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr",
        "del",
        "ins",
    ]
)


class VisibleParser(HTMLParser):
    """Text runs as a reader sees them: inline tags (``<em>``) join, block tags separate."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[Piece] = []
        self._run: list[str] = []
        self._line = 1

    def _flush(self) -> None:
        text = "".join(self._run)
        if text.strip():
            self.pieces.append((self._line, text))
        self._run = []

    def handle_data(self, data: str) -> None:
        if not self._run:
            self._line = self.getpos()[0]
        self._run.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE_TAGS:
            self._flush()
        line = self.getpos()[0]
        for name, value in attrs:
            if value and (name in _SHOWN_ATTRIBUTES or value.startswith("mailto:")):
                self.pieces.append((line, value))

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE_TAGS:
            self._flush()

    def close(self) -> None:
        super().close()
        self._flush()

    def settled(self) -> bool:
        """Nothing half-read: not inside a script or style, no tag or comment begun. Closing
        now gives the pieces that a block tag next in the text would have flushed."""
        return self.cdata_elem is None and "<" not in self.rawdata


def html_pieces(text: str) -> list[Piece]:
    """Text nodes (script and style included: an inline script can carry project text)."""
    parser = VisibleParser()
    parser.feed(text)
    parser.close()
    return parser.pieces
