"""Listing tables converted apart from their page and, in `sglearn serve`, row by row.

A listing table (a table alone in the box :func:`sglearn.site.render.markdown.listing`
makes) has a row per review, action, measure or signal. At 1,000 cases such tables are nine
tenths of the Markdown MkDocs converts, and one saved case changes a few rows of each.
Markdown converts a table's rows apart from each other and from the page around them: a
row's cells are one line of inline text. So each table is converted on its own, by a
Markdown set up as MkDocs sets up the page's (the same extensions, the page's links made
relative, the glossary's abbreviations). An HTML comment holds its place while the page is
converted and searched, and the table's HTML takes the comment's place just before the page
is written: the bytes are those of an in-page conversion, and the search plugin, which skips
a listing box, does not read through its rows. A table whose rows link to an anchor or
carry an id stays in its page, where MkDocs checks them.

In `sglearn serve` each page's rows are remembered with their HTML while the site's files
stay the same, so the next save converts only the rows it changed.
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


class ListingTables:
    """Takes each listing table out of a page's Markdown and puts its HTML back."""

    def __init__(self) -> None:
        self._files: Files | None = None
        self._known: dict[str, dict[str, str]] = {}
        """By page: each table's header lines and each row (after its header lines), with
        the HTML they gave."""
        self._taken: dict[str, list[tuple[str, str]]] = {}
        """By page: (the comment standing in for a table, the table's HTML)."""

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
        """``text`` with each listing table it can convert apart replaced by a placeholder."""
        if files is not self._files:  # another site: its rows may link to other pages
            self._files, self._known = files, {}
        src = page.file.src_uri
        lines = text.split("\n")
        tables = list(_listing_tables(lines))
        self._taken[src] = []
        if not tables:
            self._known.pop(src, None)
            return text
        md = python_markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {}
        )
        links = _RelativePathTreeprocessor(page.file, files, config)
        md.treeprocessors.register(links, "relpath", 0)  # as MkDocs registers it for a page
        known = self._known.get(src, {}) if remember else {}
        kept: dict[str, str] = {}
        nonce = secrets.token_hex(8)  # no text a lead writes can stand in for a table
        out: list[str] = []
        at = 0
        for start, end in tables:
            table = _convert(md, links, lines[start:end], known, kept, abbreviations)
            if table is None:
                continue
            # A comment: no search plugin reads it, whether or not it skips a listing box.
            token = f"<!-- sglearn table {nonce} {len(self._taken[src])} -->"
            self._taken[src].append((token, table))
            out += lines[at:start]
            out.append(token)
            at = end
        out += lines[at:]
        if remember:
            self._known[src] = kept  # only the rows this page has now
        return "\n".join(out)

    def put_back(self, html: str, page: Page) -> str:
        """The page's HTML with each table's HTML in its placeholder's place."""
        for placeholder, table in self._taken.pop(page.file.src_uri, []):
            if placeholder not in html:
                raise PluginError(
                    f"sglearn: a table of {page.file.src_uri} was lost in conversion; a "
                    "Markdown extension or plugin in mkdocs.yml may drop HTML comments"
                )
            html = html.replace(placeholder, table, 1)
        return html


def _listing_tables(lines: list[str]) -> list[tuple[int, int]]:
    """(first, past last) line of each table that is alone in a listing box."""
    found: list[tuple[int, int]] = []
    for at, line in enumerate(lines):
        if line != LISTING_OPEN or lines[at + 1 : at + 2] != [""]:
            continue
        start = end = at + 2
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        rule = lines[start + 1] if start + 1 < end else ""
        if end - start > 2 and TABLE_RULE.match(rule) and lines[end : end + 2] == ["", "</div>"]:
            found.append((start, end))
    return found


def _convert(
    md: python_markdown.Markdown,
    links: _RelativePathTreeprocessor,
    table: list[str],
    known: dict[str, str],
    kept: dict[str, str],
    abbreviations: str,
) -> str | None:
    """The table's HTML, from the rows already known and one conversion of the others; None
    when it must stay in its page."""
    head = "\n".join(table[:2])
    rows = [head + "\n" + row for row in table[2:]]
    missing = [row for row in dict.fromkeys(rows) if row not in known]
    if missing or head not in known:
        md.reset()
        links.links_to_anchors.clear()
        shown = missing or rows[:1]
        body = (row[len(head) + 1 :] for row in shown)
        # The page's glossary abbreviations, as on_page_markdown appends them to the page.
        converted = md.convert("\n".join([head, *body]) + "\n" + abbreviations)
        split = _split(converted, len(shown))
        if split is None or links.links_to_anchors or " id=" in converted or " name=" in converted:
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
