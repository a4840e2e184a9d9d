"""Listing boxes converted apart from their page and, in `sglearn serve`, row by row.

A listing box (:func:`sglearn.site.render.markdown.listing`) holds a row per review, action,
measure or signal: a table, or the learning log's entries. At 1,000 cases these boxes are
nine tenths of the Markdown MkDocs converts, and one saved case changes a few rows of each.
Markdown converts a box apart from the page around it, and a table's rows apart from each
other (a row's cells are one line of inline text). So each box is converted on its own, by a
Markdown set up as MkDocs sets up the page's (the same extensions, the page's links made
relative, the glossary's abbreviations). An HTML comment holds its place while the page is
converted and searched, and its HTML takes the comment's place just before the page is
written: the bytes are those of an in-page conversion, and the search plugin, which skips a
listing box, does not read through it. A box that links to an anchor, carries an id or opens
a line with HTML stays in its page, where MkDocs handles it as ever.

In `sglearn serve` each page's boxes (each table's rows) are remembered with their HTML while
the site's files stay the same, so the next save converts only the rows it changed.
"""

from __future__ import annotations

import secrets

import markdown as python_markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor

from sglearn.site.render.markdown import LISTING_OPEN, TABLE_RULE

_OPENING_END = "<tbody>\n"
_CLOSING = "</tbody>\n</table>"
_ROW_START = "<tr>\n"
_ROW_END = "</tr>\n"
_BOX = "box\n"


class ListingBoxes:
    """Takes each listing box's content out of a page's Markdown and puts its HTML back."""

    def __init__(self) -> None:
        self._files: Files | None = None
        self._known: dict[str, dict[str, str]] = {}
        """By page: each box's content, each table's header lines and each row (after its
        header lines), with the HTML they gave."""
        self._taken: dict[str, list[tuple[str, str]]] = {}
        """By page: (the comment standing in for a box's content, its HTML)."""

    def take_out(
        self,
        text: str,
        page: Page,
        config: MkDocsConfig,
        files: Files,
        abbreviations: str,
        *,
        remember: bool,
    ) -> str:
        """``text`` with each box's content it can convert apart replaced by a comment."""
        if files is not self._files:  # another site: its rows may link to other pages
            self._files, self._known = files, {}
        src = page.file.src_uri
        lines = text.split("\n")
        boxes = _listing_boxes(lines)
        self._taken[src] = []
        if not boxes:
            self._known.pop(src, None)
            return text
        markdown = _PageMarkdown(page, config, files, abbreviations)
        known = self._known.get(src, {}) if remember else {}
        kept: dict[str, str] = {}
        nonce = secrets.token_hex(8)  # no text a lead writes can stand in for a box
        out: list[str] = []
        at = 0
        for start, end in boxes:
            content = lines[start:end]
            convert = _table if _is_table(content) else _box
            done = convert(markdown, content, known, kept)
            if done is None:
                continue
            # A comment: no search plugin reads it, whether or not it skips a listing box.
            token = f"<!-- sglearn listing {nonce} {len(self._taken[src])} -->"
            self._taken[src].append((token, done))
            out += lines[at:start]
            out.append(token)
            at = end
        out += lines[at:]
        if remember:
            self._known[src] = kept  # only the boxes and rows this page has now
        return "\n".join(out)

    def put_back(self, html: str, page: Page) -> str:
        """The page's HTML with each box's HTML in its comment's place."""
        for placeholder, done in self._taken.pop(page.file.src_uri, []):
            if placeholder not in html:
                raise PluginError(
                    f"sglearn: a listing of {page.file.src_uri} was lost in conversion, so the "
                    "build stopped. A Markdown extension or plugin added to mkdocs.yml "
                    "removes HTML comments from pages; take it out of mkdocs.yml and build again"
                )
            html = html.replace(placeholder, done, 1)
        return html


def _listing_boxes(lines: list[str]) -> list[tuple[int, int]]:
    """(first, past last) line of each listing box's content that can be converted apart."""
    found: list[tuple[int, int]] = []
    at = 0
    while at < len(lines):
        if lines[at] != LISTING_OPEN or lines[at + 1 : at + 2] != [""]:
            at += 1
            continue
        start = end = at + 2
        while end < len(lines) and lines[end] != "</div>":
            end += 1
        if end < len(lines) and end - 1 > start and not lines[end - 1]:
            content = lines[start : end - 1]
            # Raw HTML or a heading would be the page's business (its anchors, its contents).
            if not any(line.lstrip().startswith(("<", "#")) for line in content):
                found.append((start, end - 1))
        at = end
    return found


def _is_table(content: list[str]) -> bool:
    return (
        len(content) > 2
        and all(line.startswith("|") for line in content)
        and TABLE_RULE.match(content[1]) is not None
    )


class _PageMarkdown:
    """A Markdown set up as MkDocs sets up a page's: the same extensions, the page's links
    made relative, and the glossary's abbreviations that on_page_markdown appends."""

    def __init__(self, page: Page, config: MkDocsConfig, files: Files, abbreviations: str) -> None:
        self.md = python_markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {}
        )
        self.links = _RelativePathTreeprocessor(page.file, files, config)
        self.md.treeprocessors.register(self.links, "relpath", 0)  # as MkDocs registers it
        self.abbreviations = abbreviations

    def convert(self, text: str) -> str | None:
        """``text`` as the page would convert it; None when it must stay in the page."""
        self.md.reset()
        self.links.links_to_anchors.clear()
        converted: str = self.md.convert(text + "\n" + self.abbreviations)
        if self.links.links_to_anchors or " id=" in converted or " name=" in converted:
            return None
        return converted


def _box(
    markdown: _PageMarkdown, content: list[str], known: dict[str, str], kept: dict[str, str]
) -> str | None:
    """A box of paragraphs and lists (the learning log's entries), converted whole."""
    text = "\n".join(content)
    key = _BOX + text  # never a table's header or row, which start with "|"
    done = known.get(key)
    if done is None:
        done = markdown.convert(text)
        if done is None:
            return None
    kept[key] = done
    return done


def _table(
    markdown: _PageMarkdown, table: list[str], known: dict[str, str], kept: dict[str, str]
) -> str | None:
    """The table's HTML, from the rows already known and one conversion of the others; None
    when it must stay in its page."""
    head = "\n".join(table[:2])
    rows = [head + "\n" + row for row in table[2:]]
    missing = [row for row in dict.fromkeys(rows) if row not in known]
    if missing or head not in known:
        shown = missing or rows[:1]
        body = (row[len(head) + 1 :] for row in shown)
        converted = markdown.convert("\n".join([head, *body]))
        split = _split(converted, len(shown)) if converted is not None else None
        if split is None:
            return None
        opening, done = split
        known = {**known, head: opening, **dict(zip(shown, done, strict=True))}
    kept[head] = known[head]
    kept.update((row, known[row]) for row in rows)
    return known[head] + "".join(known[row] for row in rows) + _CLOSING


def _split(converted: str, count: int) -> tuple[str, list[str]] | None:
    """The table's opening (up to its body) and each body row's HTML, or None when the
    conversion is not one table of ``count`` rows."""
    opening, found, body = converted.partition(_OPENING_END)
    if not found or not opening.startswith("<table>\n") or not body.endswith(_CLOSING):
        return None
    rows = body[: -len(_CLOSING)].split(_ROW_START)
    if rows[0] or len(rows) != count + 1 or not all(r.endswith(_ROW_END) for r in rows[1:]):
        return None
    return opening + found, [_ROW_START + row for row in rows[1:]]
