"""Arbitrary text in a case comes out of the page renderer literally and inert.

Each example writes one arbitrary string into every free-text field a lead fills in, renders
the site, and converts the case page with Python-Markdown and the site's extensions. The
page must hold no element or attribute the text did not earn, and plain-text fields (the
title) must read back exactly as written.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import markdown
from hypothesis import example, given
from hypothesis import strategies as st

from sglearn.read.project import Project
from sglearn.review.vocabulary import Vocabularies, load_vocabularies
from tests.conftest import REPO
from tests.fuzz.support import FUZZ, tried
from tests.site.builders import base_case, merge, render_pages
from tests.site.test_injection import EXTENSIONS, assert_inert, hostile_case

VOCABULARIES: Vocabularies = load_vocabularies(Project(REPO))

# Printable text with the characters Markdown, HTML and templates treat specially.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("<>&\"'`*_[](){}!#|\\:=-+.~^%$@ \n")),
        st.characters(min_codepoint=0x20, max_codepoint=0x2FF),
    ),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip() != "")


class _Title(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1.append(data)


def case_page_html(text: str) -> str:
    def make(case_id: str = "LR-2025-001", **changes: Any) -> dict[str, Any]:
        return merge(base_case(case_id), changes)

    pages = render_pages([hostile_case(make, text)], VOCABULARIES)
    content = pages["cases/LR-2025-001.md"].content
    body = content.split("\n---\n", 1)[1] if content.startswith("---\n") else content
    return markdown.markdown(body, extensions=EXTENSIONS)


@FUZZ
@given(text=TEXT)
@example(text="&#0")  # a title that itself reads like a character reference
@example(text="&amp; x")
def test_fuzz_render_any_text_is_inert_and_the_title_reads_back(text: str) -> None:
    tried("render: case page")
    page = case_page_html(text)
    assert_inert("cases/LR-2025-001.md", page)
    heading = _Title()
    heading.feed(page)
    # The parser decodes character references once, as a browser does; decoding again
    # would turn a title that reads "&#0" into another character.
    title = re.sub(r"\s+", " ", "".join(heading.h1)).strip()
    expected = re.sub(r"\s+", " ", f"LR-2025-001: {text}").strip()
    assert title == expected
