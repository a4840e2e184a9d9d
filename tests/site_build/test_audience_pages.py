"""Each audience's own build in Chromium: the inspector, commissioner and public sites pass
axe-core on their home page and every page their navigation holds, at 1366 px.

The staff site is checked on every page type, on every screen, by test_browser.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site_build.browserkit import LAPTOP, check_clean, open_tab, serve, violations
from tests.site_build.sitekit import SAMPLE_CASE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The pages each audience's navigation must hold (audiences.yaml), beside its hand-written
# ones, and the pages reached from them: a theme, a service, a review where the audience
# has reviews. A page missing from the navigation fails the test rather than go unchecked.
MAIN_PAGES = {
    "inspector": [
        "inspectors/",
        "learning-log/",
        "actions/",
        "themes/",
        "services/",
        "recommendations/",
        "gaps/",
        "downloads/",
        "checks/",
        "glossary/",
    ],
    "commissioner": [
        "commissioners/",
        "actions/",
        "themes/",
        "services/",
        "recommendations/",
        "downloads/",
        "glossary/",
    ],
    "public": ["themes/", "glossary/", "about/"],
}
REACHED = {
    "inspector": [f"cases/{SAMPLE_CASE}/", "themes/closed-culture/", "services/maple-court/"],
    "commissioner": ["themes/closed-culture/", "services/maple-court/"],
    "public": ["themes/closed-culture/"],
}

NAV_PAGES = """() => [...document.querySelectorAll('nav.md-nav--primary a.md-nav__link[href]')]
    .map(a => new URL(a.href).pathname)"""


@pytest.fixture(scope="module")
def audiences_url(audience_sites: Path) -> Iterator[str]:
    yield from serve(audience_sites)


@pytest.mark.parametrize("audience", sorted(MAIN_PAGES))
def test_audience_pages_have_no_accessibility_violation(
    browser: Any, audiences_url: str, audience_sites: Path, axe_source: str, audience: str
) -> None:
    """axe-core finds nothing, of any impact, on the audience's home page, each page in its
    navigation and a theme, service and review page it links to."""
    site = audiences_url + f"{audience}/"
    context, watched = open_tab(browser, for_axe=True, width=LAPTOP)
    found: dict[str, list[str]] = {}
    try:
        page = watched.page
        page.goto(site)
        prefix = f"/{audience}/"
        nav = sorted({p.removeprefix(prefix) for p in page.evaluate(NAV_PAGES)})
        assert set(MAIN_PAGES[audience]) <= set(nav), "a main page is missing from the nav"
        pages = ["", *(p for p in nav if p), *REACHED[audience]]
        for path in pages:
            assert (audience_sites / audience / path / "index.html").is_file(), path
            page.goto(site + path)
            page.wait_for_timeout(100)  # the site's script folds and labels after load
            found[path or "home"] = violations(page, axe_source)
    finally:
        context.close()
    check_clean(watched)
    assert {path: v for path, v in found.items() if v} == {}
    assert len(found) >= len(MAIN_PAGES[audience]) + 1
