"""Hostile text in a case reaches the built site as words on the page, never as code."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from tests.site_build.sitekit import FREE_TEXT, SAMPLE_CASE


class PageScan(HTMLParser):
    """Collects what could run in a browser, and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []
        self.script_urls: list[str] = []
        self.scripts: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            cleaned = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            is_url = name in ("href", "src", "action", "formaction", "xlink:href", "data")
            if is_url and cleaned.startswith(("javascript:", "vbscript:", "data:text/html")):
                self.script_urls.append(f"<{tag} {name}={value!r}>")
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.scripts.append(data)
        elif not (self._in and self._in[-1] == "style"):
            self.text.append(data)

    @property
    def visible(self) -> str:
        # Text nodes are joined as they are: "7<em>7" must read "77", not "7 7".
        return " ".join("".join(self.text).split())


def test_hostile_case_fills_every_free_text_field(
    hostile_site: tuple[Path, dict[str, str]],
) -> None:
    _site, markers = hostile_site
    assert len(markers) > len(FREE_TEXT)


def test_no_hostile_text_runs_anywhere_in_the_site(
    hostile_site: tuple[Path, dict[str, str]],
) -> None:
    site, _markers = hostile_site
    pages = sorted(site.rglob("*.html")) + sorted(site.rglob("*.svg"))
    assert len(pages) > 5
    for page in pages:
        scan = PageScan()
        scan.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(site).as_posix()
        assert scan.handlers == [], where
        assert scan.script_urls == [], where
        assert "x" not in scan.images, where
        assert not [s for s in scan.scripts if "alert" in s], where


def test_hostile_text_is_shown_literally_on_the_case_page(
    hostile_site: tuple[Path, dict[str, str]],
) -> None:
    site, markers = hostile_site
    scan = PageScan()
    scan.feed((site / "cases" / SAMPLE_CASE / "index.html").read_text(encoding="utf-8"))
    shown = {m for m in markers if m in scan.visible}
    # The title and the summary at least, and most other fields, are on the page.
    assert {"Zq00", "Zq01"} <= shown
    assert len(shown) >= 10, shown


def test_hostile_text_reads_literally_wherever_it_appears(
    hostile_site: tuple[Path, dict[str, str]],
) -> None:
    """No markup, link, template or emphasis made from it: "{{ 7*7 }}" still reads so."""
    site, markers = hostile_site
    for page in sorted(site.rglob("*.html")):
        scan = PageScan()
        scan.feed(page.read_text(encoding="utf-8"))
        visible = scan.visible
        for found in re.finditer(r"Zq\d\d", visible):
            expected = " ".join(markers[found.group()].split())
            shown = visible[found.end() + 1 : found.end() + 1 + len(expected)]
            assert shown == expected, f"{page.relative_to(site)}: {found.group()}"


def test_search_index_holds_hostile_text_only_as_escaped_text(
    hostile_site: tuple[Path, dict[str, str]],
) -> None:
    """Material's search shows results as HTML, so the index must carry the text escaped."""
    site, _markers = hostile_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [doc for doc in index["docs"] if "Zq" in doc["title"] + doc["text"]]
    assert entries
    for doc in entries:
        for field in (doc["title"], doc["text"]):
            assert "<script" not in field and "<img" not in field, field[:200]
            assert "&lt;script&gt;" in field or "Zq" not in field, field[:200]


def test_every_page_carries_a_content_security_policy(
    hostile_site: tuple[Path, dict[str, str]],
) -> None:
    """Scripts only from the site itself, and only the theme's own inline scripts by hash."""
    site, _markers = hostile_site
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        head = text.split("<head>", 1)[1].lstrip()
        assert head.startswith('<meta http-equiv="Content-Security-Policy"'), page
        policy = re.search(r'content="([^"]*)"', head)
        assert policy is not None
        assert "script-src 'self' 'sha256-" in policy.group(1)
        assert "unsafe-inline" not in policy.group(1).split("style-src")[0]
