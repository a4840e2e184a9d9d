"""The built site in headless Chromium: navigation, search, accessibility, no other host.

Chromium is Debian's (never a browser Playwright downloads); axe-core comes from the npm
registry into tests/.cache on first use.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site_build.browserkit import (
    LAPTOP,
    OUTPUT,
    PHONE,
    SCREEN_HEIGHT,
    Watched,
    check_clean,
    open_tab,
    serve,
    violations,
)
from tests.site_build.sitekit import REPO, SAMPLE_CASE

pytestmark = pytest.mark.browser

SEARCH_WORD = "induction"  # a word of LR-2025-001's title


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    yield from serve(sample_site)


@pytest.fixture(scope="session")
def hostile_url(hostile_site: tuple[Path, dict[str, str]]) -> Iterator[str]:
    yield from serve(hostile_site[0])


def first_subpage(site: Path, section: str) -> str:
    pages = sorted(p.parent.name for p in (site / section).glob("*/index.html"))
    assert pages, f"no pages under {section}/"
    return f"{section}/{pages[0]}/"


def page_path(site: Path, path: str) -> str:
    return first_subpage(site, path[:-2]) if path.endswith("*") else path


def shot_name(path: str) -> str:
    return path.strip("/").replace("/", "_") or "dashboard"


PAGE_TYPES = [
    "",  # the dashboard
    "learning-log/",
    f"cases/{SAMPLE_CASE}/",
    "themes/",
    "themes/*",
    "trace/*",  # a theme's evidence, step by step
    "services/",
    "services/*",
    "actions/",
    "recommendations/",
    "gaps/",
    "inspectors/",
    "commissioners/",
    "downloads/",
    "glossary/",
    "checks/",
    "reading-the-site/",  # a hand-written page
]
# (width, colour scheme): a phone, a tablet, a laptop, and the laptop in the dark scheme.
SCREENS = [(390, "light"), (800, "light"), (1366, "light"), (1366, "dark")]
READABLE_PX = 250  # the main text column at 1366 px: about 17em, a sentence in a few lines
SHOT_TIMEOUT_MS = 30_000  # a whole long page, open, on a busy machine


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
def test_page_has_no_accessibility_violation_on_any_screen(
    browser: Any, site_url: str, sample_site: Path, axe_source: str, path: str
) -> None:
    """axe-core finds nothing, of any impact, on a phone, a tablet, a laptop and in the dark."""
    path = page_path(sample_site, path)
    found: dict[str, list[str]] = {}
    for width, scheme in SCREENS:
        context, watched = open_tab(browser, scheme, for_axe=True, width=width)
        try:
            watched.page.goto(site_url + path)
            scheme_name = "slate" if scheme == "dark" else "default"
            watched.page.locator(f'body[data-md-color-scheme="{scheme_name}"]').wait_for(
                state="attached"
            )
            watched.page.wait_for_timeout(100)  # the site's script folds and labels after load
            found[f"{width} px {scheme}"] = violations(watched.page, axe_source)
        finally:
            context.close()
        check_clean(watched)
    assert {screen: v for screen, v in found.items() if v} == {}


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


CELLS = """() => [...document.querySelectorAll('article td')]
    .filter(td => td.getClientRects().length > 0)
    .map(td => {
        const box = td.getBoundingClientRect();
        return {left: box.left, right: box.right, width: box.width,
                card: getComputedStyle(td).display === 'block',
                label: td.getAttribute('data-label'), main: td.getAttribute('data-sg-main')};
    })"""


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_page_fits_a_phone_and_a_laptop(
    browser: Any, site_url: str, sample_site: Path, path: str
) -> None:
    """No cell starts off-screen on a phone (a wide table is cards, each value named), no
    cell is cut at 1366 px, and the main text column keeps a readable width there.
    Screenshots of both go to test-output/ for people to look at."""
    path = page_path(sample_site, path)
    OUTPUT.mkdir(exist_ok=True)
    for width in (PHONE, LAPTOP):
        context, watched = open_tab(browser, width=width)
        try:
            page = watched.page
            page.set_viewport_size({"width": width, "height": SCREEN_HEIGHT})
            page.goto(site_url + path)
            page.wait_for_timeout(100)  # the site's script folds and marks tables after load
            cells = page.evaluate(CELLS)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            if width == PHONE:
                assert [c for c in cells if c["left"] < 0 or c["left"] >= width] == []
                assert all(c["label"] for c in cells if c["card"])
            else:
                content = page.locator("article").bounding_box()
                assert content is not None
                edge = content["x"] + content["width"] + 1
                assert [c for c in cells if c["right"] > edge] == []
                mains = [c["width"] for c in cells if c["main"] == "" and not c["card"]]
                assert min(mains, default=READABLE_PX) >= READABLE_PX
            shot = OUTPUT / f"{width}-{shot_name(path)}.png"
            page.screenshot(path=str(shot), full_page=True, timeout=SHOT_TIMEOUT_MS)
        finally:
            context.close()
        check_clean(watched)


# Every page type a reader on a phone scrolls through, and the longest review.
LONG_PAGES = [
    *(p for p in PAGE_TYPES if p not in ("glossary/", "reading-the-site/", "downloads/")),
    "cases/LR-2026-004/",
]
# A reader sees the next section's heading within a screen and a half of the last one: a
# heading, its words and its folded detail fit one screen, with half a screen to spare for
# a long title or paragraph. Before folding, the dashboard's last section was 9.4 screens
# down with 2.1 between two headings, a review's first section 2.7 screens down and the
# learning log's last quarter 12.8 screens down.
SECTION_SCREENS = 1.5

SECTION_TOPS = """() => {
    const article = document.querySelector('article');
    const tops = [...article.querySelectorAll('h2')]
        .filter(h => h.getClientRects().length > 0)
        .map(h => [h.textContent.replace('\u00b6', '').trim(),
                   h.getBoundingClientRect().top + window.scrollY]);
    return {tops, end: article.getBoundingClientRect().bottom + window.scrollY};
}"""


@pytest.mark.parametrize("path", LONG_PAGES)
def test_phone_reader_reaches_every_section_within_a_few_screens(
    browser: Any, site_url: str, sample_site: Path, path: str
) -> None:
    """Long pages fold their detail on a phone: from the top of the page, each section's
    heading is within a screen and a half of the one before, and the last section ends
    within a screen and a half too. A folded table, list or section says what it holds,
    and no two folds' controls have the same name."""
    path = page_path(sample_site, path)
    context, watched = open_tab(browser, width=PHONE)
    try:
        page = watched.page
        page.set_viewport_size({"width": PHONE, "height": SCREEN_HEIGHT})
        page.goto(site_url + path)
        page.wait_for_timeout(100)  # the site's script folds after load
        found = page.evaluate(SECTION_TOPS)
        marks = [("top of the page", 0.0), *found["tops"], ("end of the page", found["end"])]
        too_far = [
            f"{name}: {(top - above) / SCREEN_HEIGHT:.1f} screens below {previous}"
            for (previous, above), (name, top) in itertools.pairwise(marks)
            if top - above > SECTION_SCREENS * SCREEN_HEIGHT
        ]
        assert too_far == []
        summaries = page.locator("details.sg-fold--phone > summary:visible").all_inner_texts()
        assert all(re.search(r"\(\d+ (row|item|review)s?\)", s) for s in summaries)
        # Each fold's control has a name of its own for a screen reader.
        names = [" ".join(n.split()) for n in page.locator("summary").all_text_contents()]
        assert sorted(n for n in set(names) if names.count(n) > 1) == []
    finally:
        context.close()
    check_clean(watched)


def test_folded_detail_opens_from_a_link_and_keeps_its_heading(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(site_url + "inspectors/")
    folds = page.locator("details.sg-fold:not(.sg-fold--phone)")
    folds.first.wait_for(state="attached")
    assert folds.count() >= 3
    assert page.locator("details.sg-fold > summary > :is(h3, h4)").count() == folds.count()
    heading = page.locator("details.sg-fold > summary :is(h3, h4)").first
    anchor = heading.get_attribute("id")
    page.goto(site_url + f"inspectors/#{anchor}")
    page.wait_for_timeout(100)
    assert page.locator(f"details.sg-fold:has(#{anchor})").get_attribute("open") is not None


def test_wide_screen_never_squeezes_the_main_text_column(browser: Any, site_url: str) -> None:
    """The case page's actions: "What will be done" reads in a few lines, not ten."""
    context, watched = open_tab(browser, width=LAPTOP)
    try:
        page = watched.page
        page.goto(site_url + f"cases/{SAMPLE_CASE}/")
        page.locator("[data-sg-main]").first.wait_for(state="attached")
        widths = page.evaluate(
            "() => [...document.querySelectorAll('#actions ~ * td[data-sg-main=\"\"]')]"
            ".map(td => td.getBoundingClientRect().width)"
        )
        assert widths and min(widths) >= READABLE_PX
    finally:
        context.close()
    check_clean(watched)


CHART_TEXT = """() => {
    const svg = document.documentElement;
    const [, , width, height] = svg.getAttribute('viewBox').split(' ').map(Number);
    return [...svg.querySelectorAll('text')].map(text => {
        const box = text.getBBox();
        return {text: text.textContent, left: box.x, top: box.y,
                right: box.x + box.width, bottom: box.y + box.height, width, height};
    });
}"""


def test_every_chart_label_fits_inside_its_picture(
    tab: Watched, site_url: str, sample_site: Path
) -> None:
    """Rendered by Chromium with its own fonts, no label runs past the chart's edge."""
    charts = sorted((sample_site / "charts").glob("*.svg"))
    assert len(charts) > 3
    outside: list[str] = []
    for chart in charts:
        tab.page.goto(site_url + f"charts/{chart.name}")
        for t in tab.page.evaluate(CHART_TEXT):
            if (
                t["left"] < 0
                or t["top"] < 0
                or t["right"] > t["width"]
                or t["bottom"] > t["height"]
            ):
                outside.append(f"{chart.name}: {t['text']!r}")
        assert "…" not in chart.read_text(encoding="utf-8")
    assert outside == []


def test_printed_page_carries_site_page_title_and_page_numbers(browser: Any, site_url: str) -> None:
    context, watched = open_tab(browser, width=1366)
    try:
        page = watched.page
        page.goto(site_url + "actions/")
        page.locator("#sg-print-header").wait_for(state="attached")
        header = page.locator("#sg-print-header").inner_text()
        assert "Safeguarding learning reviews" in header and "Action tracker" in header
        css = (REPO / "docs" / "stylesheets" / "sglearn.css").read_text(encoding="utf-8")
        assert 'content: "Page " counter(page) " of " counter(pages)' in css
        OUTPUT.mkdir(exist_ok=True)
        pdf = OUTPUT / "actions.pdf"
        page.emulate_media(media="print")
        # Printed, every folded section is open and every cell is on the paper.
        hidden = page.evaluate(
            "() => [...document.querySelectorAll('article details td')]"
            ".filter(td => td.getClientRects().length === 0).length"
        )
        assert hidden == 0
        page.pdf(path=str(pdf), format="A4")
        pages = re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes())
        assert len(pages) > 1  # the tracker runs over several printed pages
        page.emulate_media(media="screen")
        page.goto(site_url + f"cases/{SAMPLE_CASE}/")
        page.locator("#sg-print-header").wait_for(state="attached")
        assert "as of" in page.locator("#sg-print-header").inner_text()
        page.emulate_media(media="print")
        page.pdf(path=str(OUTPUT / "case.pdf"), format="A4")
    finally:
        context.close()
    check_clean(watched)
