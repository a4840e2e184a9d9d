"""Make user-written text safe to place in Markdown, and build sglearn's own Markdown.

Case text may use emphasis (``*``, ``_``) and lists; everything else that Markdown, HTML or
the site's extensions would act on comes out as literal text. Characters are replaced by
numeric character references rather than backslash escapes because references survive every
later stage unchanged (MkDocs turns backslash escapes back into raw characters when it takes
a page title from the first heading). That covers raw HTML and ``<script>``, links and images
(``[..](..)``, ``![..](..)``, reference definitions, footnotes, abbreviations), URL schemes
such as ``javascript:``, attribute lists (``{: onclick=...}``), template syntax (``{{ }}``,
``{% %}``), snippet includes (``--8<--``), headings (``#``, setext underlines), block syntax
at the start of a line (admonitions ``!!!``, details ``???``, tabs ``===``, fences ``~~~``
and backticks, definition lists ``:``, block quotes ``>``), tables (``|``) and math (``$``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "\\": "&#92;",
    "`": "&#96;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "#": "&#35;",
    "|": "&#124;",
    "$": "&#36;",
}
_CHARS = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
# A colon that is not followed by a space starts a URL scheme (javascript:) or an
# emoji shortcode (:name:); as a reference it renders the same and starts neither.
_SCHEME_COLON = re.compile(r":(?=\S)")
# Characters that start block syntax when they open a line.
_LINE_START = re.compile(r"^([ \t]*)([!?=/:~])")
# Three or more of -, * or _ alone on a line: a rule, or a setext heading underline.
_RULE_LINE = re.compile(r"^([ \t]*)([-*_])(?=(?:[ \t]*\2){2,}[ \t]*$)")
_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x85\v\f]")
_ORDERED_ITEM_AT_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


class Markdown(str):
    """Markdown sglearn wrote itself, or user text already escaped: emitted as it is.

    Every other string reaching a template's output is escaped (see ``finalize``), so
    forgetting a filter can never let user text through raw.
    """

    __slots__ = ()


def _ref(char: str) -> str:
    return f"&#{ord(char)};"


def _escape_chars(text: str) -> str:
    text = _CHARS.sub(lambda m: _ENTITIES[m.group()], text)
    return _SCHEME_COLON.sub("&#58;", text)


def _escape_line_start(line: str) -> str:
    line = _LINE_START.sub(lambda m: m.group(1) + _ref(m.group(2)), line, count=1)
    return _RULE_LINE.sub(lambda m: m.group(1) + _ref(m.group(2)), line, count=1)


def block(text: str) -> Markdown:
    """User text as Markdown paragraphs and lists, every other construct made literal."""
    if isinstance(text, Markdown):
        return text
    lines = [line.rstrip() for line in _NEWLINES.sub("\n", str(text)).split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue  # one blank line separates paragraphs; more add nothing
        out.append(_escape_line_start(_escape_chars(line)))
    while out and not out[-1]:
        out.pop()
    return Markdown("\n".join(out))


def inline(text: str) -> Markdown:
    """User text on one line: for headings, list items and table cells.

    Line breaks become spaces (a table row is one line) and ``|`` is a reference, so the
    text stays in its cell. A leading list marker is made literal: it is not a list here.
    Markdown sglearn built (a link, a badge) is kept, flattened onto one line.
    """
    if isinstance(text, Markdown):
        return Markdown(" ".join(text.split()))
    return _inline_text(str(text))


# Keyed on exact ``str`` only (``str(text)`` above): a Markdown equal to some text must never
# be served the escaped text's entry. Labels, names and roles repeat on every page, so the
# same few thousand strings are escaped hundreds of thousands of times in a 1,000-case site.
@lru_cache(maxsize=65536)
def _inline_text(text: str) -> Markdown:
    flat = " ".join(text.split())
    flat = _escape_line_start(_escape_chars(flat))
    if flat[:2] in ("- ", "* ", "+ "):
        flat = _ref(flat[0]) + flat[1:]
    return Markdown(_ORDERED_ITEM_AT_START.sub(lambda m: m.group(1) + _ref(m.group(2)), flat))


def plain(text: str) -> Markdown:
    """User text on one line with no Markdown at all: for titles, roles, units and labels.

    Like ``inline``, and ``*`` and ``_`` are literal too, so that one person's asterisk can
    never pair with another's when short texts are joined or sit inside sglearn's own bold.
    """
    if isinstance(text, Markdown):
        return inline(text)
    return _plain_text(str(text))


@lru_cache(maxsize=65536)
def _plain_text(text: str) -> Markdown:
    return Markdown(_inline_text(text).replace("*", "&#42;").replace("_", "&#95;"))


def finalize(value: object) -> object:
    """Jinja's last step for every ``{{ }}``: anything not already Markdown becomes plain text.

    Prose fields that may use emphasis say so in the template with ``|cell`` or ``|md``.
    """
    if isinstance(value, Markdown):
        return value
    if isinstance(value, bool) or value is None:
        raise TypeError(f"a template printed {value!r}; format it into words first")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return plain(value)
    raise TypeError(f"a template printed a {type(value).__name__}; format it explicitly")


def link(text: str, url: str) -> Markdown:
    """A relative link; ``url`` must already be built from validated ids."""
    if not _SAFE_URL.fullmatch(url):
        raise ValueError(f"refusing to link to {url!r}")
    return Markdown(f"[{plain(text)}]({url})")


_SAFE_URL = re.compile(
    r"(\.\./)*[a-z0-9][a-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9-]*)*\.(md|svg|csv|json)(#[a-z0-9-]+)?"
)


def front_matter_text(text: str) -> str:
    """A YAML double-quoted string for front matter (tag names): no markup characters.

    The theme prints tag names into HTML without escaping them, so characters that could
    start markup are dropped rather than escaped.
    """
    cleaned = " ".join(re.sub(r"[<>&\"'`{}\\]", "", str(text)).split())
    return '"' + cleaned + '"'


LISTING_OPEN = '<div class="sg-listing" data-search-exclude markdown>'


def listing(caller: Callable[[], str]) -> Markdown:
    """A page's rows that each repeat part of a review (``{% call listing() %}``), kept out
    of the search index: the review's own page is where search finds that text, once.

    Searching a site of a thousand reviews would otherwise rank every aggregate page for
    every word, and a section listing them all outgrows a search engine's limits (Zensical
    refuses a field of more than 65,536 words). MkDocs' Material and Zensical both skip an
    element marked ``data-search-exclude``; the headings and the page's own words stay.
    """
    rows = caller().strip("\n")
    return Markdown(f"{LISTING_OPEN}\n\n{rows}\n\n</div>\n\n")


TABLE_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")


def figures_out_of_search(page: str) -> str:
    """``page`` with each table of two or more figure columns (right-aligned) in the box
    ``listing`` makes, kept out of the search index.

    A search index keeps a table's cells as words side by side: a row of counts names
    nothing and matches nothing a reader searches for, yet three counts in a row can read as
    an NHS number (3-3-4 digits that pass its check), and the published-output check must
    then refuse the site. The heading and the words around the table stay searchable.
    """
    lines = page.split("\n")
    out: list[str] = []
    boxed = False
    at = 0
    while at < len(lines):
        line = lines[at]
        if line == LISTING_OPEN:
            boxed = True
        elif line == "</div>":
            boxed = False
        rule = lines[at + 1] if at + 1 < len(lines) else ""
        if not boxed and line.startswith("|") and TABLE_RULE.match(rule):
            end = at
            while end < len(lines) and lines[end].startswith("|"):
                end += 1
            if rule.count("-:") >= 2:
                out += [""] if out and out[-1] else []
                out += [LISTING_OPEN, "", *lines[at:end], "", "</div>"]
                out += [] if end < len(lines) and not lines[end] else [""]
            else:
                out += lines[at:end]
            at = end
            continue
        out.append(line)
        at += 1
    return "\n".join(out)
