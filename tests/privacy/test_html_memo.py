"""The output check reads each repeated run of a page's lines once: what it reads must be
exactly what reading every page whole gives, or personal data could slip past it."""

from __future__ import annotations

import random

from sglearn.check.privacy.memo import HtmlPieceMemo
from sglearn.check.privacy.visible import html_pieces

# Pieces of pages chosen to sit across the places a page may be cut: a script or style
# holding a block tag, a comment, an attribute value with a line break and a tag in it,
# an entity at the end of a line, inline tags that join text, a tag left open.
FRAGMENTS = [
    '<div class="md-header">\n  <nav aria-label="Header">\n',
    "</nav>\n</div>\n",
    "<p>Ring 07700\n<span>900</span>123 today.</p>\n",
    "<script>\nvar x = 1;\n<div>not a tag</div>\n</script>\n",
    "<style>\np { color: red; }\n</style>\n",
    "<!-- a comment\n<div>in the comment</div>\n-->\n",
    '<a title="line one\n<div>still the title</div>">link</a>\n',
    "<li>Fish &amp; chips &\n</li>\n",
    "<p>AB 12 34\n<em>56 C</em></p>\n",
    "<ul>\n  <li>one</li>\n  <li>two</li>\n</ul>\n",
    "<p>Born 12 March\n</p>\n<p>1980</p>\n",
    '<img alt="Mrs Patel\nat home">\n',
    "<textarea>\n<div>typed</div>\n</textarea>\n",
    "<div>\n<p>open paragraph\n",
    "  <table>\n  <tr><td>7</td>\n  <td>12</td></tr>\n  </table>\n",
    "text outside any tag\n",
    "<title>\nSite &lt;title&gt;\n</title>\n",
    "<div data-x='a\n</div>'>quoted</div>\n",
]


def test_pages_read_with_the_memo_give_the_pieces_read_whole() -> None:
    rng = random.Random(7)
    memo = HtmlPieceMemo()
    chrome = "".join(FRAGMENTS[:2] + FRAGMENTS[9:10])
    for _ in range(300):
        body = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12)))
        page = chrome + body + chrome
        assert memo.pieces(page) == html_pieces(page), page
    assert memo.known, "runs of lines seen again were remembered"


def test_a_phone_number_on_a_repeated_line_is_found_on_every_page_at_its_line() -> None:
    memo = HtmlPieceMemo()
    line = "<p>Ring 07700 900123 today.</p>\n"
    for lines_before in (0, 3, 40):
        page = "<div>\n" * lines_before + line + "</div>\n" * lines_before
        pieces = memo.pieces(page)
        assert (lines_before + 1, "Ring 07700 900123 today.") in pieces
