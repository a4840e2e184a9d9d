"""The built site in headless Chromium: navigation, search, accessibility, no other host.

Chromium is Debian's (never a browser Playwright downloads); axe-core comes from the npm
registry into tests/.cache on first use.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.site_build.sitekit import REPO, SAMPLE_CASE

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_PACKAGE = "axe-core@4"
NPM_QUIET = ("--no-audit", "--no-fund", "--no-package-lock", "--no-save")
CACHE = REPO / "tests" / ".cache"
SEARCH_WORD = "induction"  # a word of LR-2025-001's title
TIMEOUT_MS = 5_000


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output free of one line per request."""


def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    yield from serve(sample_site)


@pytest.fixture(scope="session")
def hostile_url(hostile_site: tuple[Path, dict[str, str]]) -> Iterator[str]:
    yield from serve(hostile_site[0])


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's browser build, installed once from the npm registry into tests/.cache."""
    script = CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed, so axe-core cannot be fetched (apt-get install npm)")
        CACHE.mkdir(parents=True, exist_ok=True)
        (CACHE / ".gitignore").write_text("*\n", encoding="utf-8")
        subprocess.run(
            [npm, "install", "--prefix", str(CACHE), *NPM_QUIET, AXE_PACKAGE],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@dataclass
class Watched:
    """A browser tab and everything it did that a test must check afterwards."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    other_hosts: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def open_tab(
    browser: Any, color_scheme: str = "light", *, for_axe: bool = False, width: int = 1280
) -> tuple[Any, Watched]:
    """A fresh tab; ``for_axe`` lets the test inject axe-core past the site's own CSP."""
    context = browser.new_context(
        color_scheme=color_scheme,
        service_workers="block",
        bypass_csp=for_axe,
        viewport={"width": width, "height": 800},
    )
    context.set_default_timeout(TIMEOUT_MS)
    watched = Watched(context.new_page())

    def route(route: Any) -> None:
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            watched.other_hosts.append(url)
            route.abort()

    context.route("**/*", route)
    page = watched.page
    page.on("console", lambda m: m.type == "error" and watched.console_errors.append(m.text))
    page.on("pageerror", lambda e: watched.console_errors.append(str(e)))

    def dialog(d: Any) -> None:
        watched.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    return context, watched


def check_clean(watched: Watched) -> None:
    assert watched.console_errors == []
    assert watched.other_hosts == []
    assert watched.dialogs == []


@pytest.fixture
def tab(browser: Any) -> Iterator[Watched]:
    context, watched = open_tab(browser)
    yield watched
    context.close()
    check_clean(watched)


@pytest.fixture
def axe_tab(browser: Any) -> Iterator[Watched]:
    context, watched = open_tab(browser, for_axe=True)
    yield watched
    context.close()
    check_clean(watched)


def serious_violations(page: Any, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def first_subpage(site: Path, section: str) -> str:
    pages = sorted(p.parent.name for p in (site / section).glob("*/index.html"))
    assert pages, f"no pages under {section}/"
    return f"{section}/{pages[0]}/"


PAGE_TYPES = [
    "",
    "learning-log/",
    f"cases/{SAMPLE_CASE}/",
    "themes/",
    "themes/*",
    "actions/",
    "services/",
    "services/*",
    "inspectors/",
    "commissioners/",
    "downloads/",
    "about/",
    "reading-the-site/",
]


def test_home_page_leads_to_a_case_page(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(site_url)
    assert page.locator("h1").first.is_visible()
    # Case pages are not in the navigation: they are reached from the content.
    page.locator('a[href*="learning-log/"]').first.click()
    page.wait_for_url("**/learning-log/")
    page.locator('article a[href*="cases/LR-"]').first.click()
    page.wait_for_url("**/cases/LR-*/")
    assert page.locator("h1").first.inner_text().strip()


def search(page: Any, words: str) -> None:
    """Type into Material's search box once its index has loaded in the background."""
    box = page.locator("input.md-search__input")  # in the header on a desktop-sized window
    box.click()
    page.locator(".md-search-result__meta", has_text="Type to start searching").wait_for()
    box.press_sequentially(words)  # Material searches on key events, not on "input"


def test_search_finds_a_case_by_a_word_in_its_title(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(site_url)
    search(page, SEARCH_WORD)
    hit = page.locator(f'.md-search-result__item a[href*="cases/{SAMPLE_CASE}/"]').first
    hit.wait_for()
    hit.click()
    page.wait_for_url(f"**/cases/{SAMPLE_CASE}/**")
    assert SEARCH_WORD in page.locator("h1").first.inner_text().lower()


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_page_has_no_serious_accessibility_violation(
    axe_tab: Watched, site_url: str, sample_site: Path, axe_source: str, path: str
) -> None:
    if path.endswith("*"):
        path = first_subpage(sample_site, path[:-2])
    axe_tab.page.goto(site_url + path)
    assert serious_violations(axe_tab.page, axe_source) == []


@pytest.mark.parametrize("path", ["", f"cases/{SAMPLE_CASE}/", "actions/"])
def test_dark_scheme_has_no_serious_accessibility_violation(
    browser: Any, site_url: str, axe_source: str, path: str
) -> None:
    context, watched = open_tab(browser, color_scheme="dark", for_axe=True)
    try:
        watched.page.goto(site_url + path)
        assert watched.page.locator('body[data-md-color-scheme="slate"]').count() == 1
        assert serious_violations(watched.page, axe_source) == []
    finally:
        context.close()
    check_clean(watched)


@pytest.mark.parametrize("path", ["", f"cases/{SAMPLE_CASE}/", "actions/"])
def test_phone_sized_screen_has_no_serious_accessibility_violation(
    browser: Any, site_url: str, axe_source: str, path: str
) -> None:
    """Wide tables scroll sideways on a phone: their boxes must be reachable by keyboard."""
    context, watched = open_tab(browser, for_axe=True, width=390)
    try:
        watched.page.goto(site_url + path)
        watched.page.wait_for_timeout(100)  # the site's script labels the boxes after load
        assert serious_violations(watched.page, axe_source) == []
    finally:
        context.close()
    check_clean(watched)


def test_hostile_case_runs_nothing_in_the_browser(
    tab: Watched, hostile_url: str, hostile_site: tuple[Path, dict[str, str]]
) -> None:
    page = tab.page
    page.goto(hostile_url + f"cases/{SAMPLE_CASE}/")
    assert "<script>alert(1)</script>" in page.locator("article").inner_text()
    search(page, "alert")
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_timeout(200)
    # The tab fixture fails the test on any dialog (alert), console error or other host.


@pytest.mark.parametrize("path", [f"cases/{SAMPLE_CASE}/", "actions/", "inspectors/"])
def test_phone_reader_sees_every_cell_of_a_wide_table(
    browser: Any, site_url: str, path: str
) -> None:
    """At 390 px a wide table becomes cards: no cell starts off-screen, each names its column."""
    context, watched = open_tab(browser, width=390)
    try:
        page = watched.page
        page.goto(site_url + path)
        page.locator("table[data-sg-cards]").first.wait_for(state="attached")
        cells = page.evaluate(
            """() => [...document.querySelectorAll('table[data-sg-cards] td')]
                .filter(td => td.offsetParent !== null)
                .map(td => [td.getBoundingClientRect().left, td.getAttribute('data-label')])"""
        )
        assert cells, "no wide table on the page"
        assert [c for c in cells if c[0] < 0 or c[0] >= 390] == []
        assert all(label for _left, label in cells)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
    check_clean(watched)


def test_wide_screen_never_squeezes_the_main_text_column(browser: Any, site_url: str) -> None:
    context, watched = open_tab(browser, width=1366)
    try:
        page = watched.page
        page.goto(site_url + f"cases/{SAMPLE_CASE}/")
        page.locator("[data-sg-main]").first.wait_for(state="attached")
        widths = page.evaluate(
            "() => [...document.querySelectorAll('td[data-sg-main]')]"
            ".map(td => td.getBoundingClientRect().width)"
        )
        assert widths and min(widths) >= 200  # about 16em: a sentence reads in a few lines
    finally:
        context.close()
    check_clean(watched)


def test_printed_page_carries_site_page_title_and_page_numbers(
    browser: Any, site_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    context, watched = open_tab(browser, width=1366)
    try:
        page = watched.page
        page.goto(site_url + "actions/")
        page.locator("#sg-print-header").wait_for(state="attached")
        header = page.locator("#sg-print-header").inner_text()
        assert "Safeguarding learning reviews" in header and "Action tracker" in header
        css = (REPO / "docs" / "stylesheets" / "sglearn.css").read_text(encoding="utf-8")
        assert 'content: "Page " counter(page) " of " counter(pages)' in css
        pdf = tmp_path_factory.mktemp("print") / "actions.pdf"
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), format="A4")
        pages = re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes())
        assert len(pages) > 1  # the tracker runs over several printed pages
    finally:
        context.close()
    check_clean(watched)
