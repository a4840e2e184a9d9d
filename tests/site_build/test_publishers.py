"""`sglearn build --publisher`: the same site through MkDocs, ProperDocs and Zensical.

Each publisher builds the sample site once per session; the tests compare what it wrote with
the MkDocs build (the ``sample_site`` fixture), check that it loads nothing from another host,
and that the output gate stops it like any other build.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sglearn.publish.host_config import Tagged, dump_host_config, load_host_config
from sglearn.publish.hosts import PUBLISHERS, SiteBuildError, require_host
from sglearn.publish.ownership import MARKER
from sglearn.publish.prerender import Staged, check_expected
from tests.site_build.offline import ALLOWED, remote_fetches
from tests.site_build.sitekit import (
    REPO,
    SAMPLE_CASE,
    build,
    make_project,
    poison,
    read_case,
    tree_bytes,
    write_case,
)
from tests.site_build.test_injection import PageScan

SUCCESSORS = [p for p in PUBLISHERS if p != "mkdocs"]


def _needs(publisher: str) -> None:
    if publisher == "zensical" and sys.version_info < (3, 11):
        pytest.skip("Zensical needs Python 3.11 or newer")


@pytest.fixture(scope="session")
def site_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The sample site built by a successor publisher, built once a session when first asked."""
    sites: dict[str, Path] = {}

    def built_by(publisher: str) -> Path:
        _needs(publisher)
        if publisher not in sites:
            root = make_project(tmp_path_factory.mktemp(publisher) / "repo")
            docs_before = tree_bytes(root / "docs")
            site = root.parent / "site"
            assert build(root, site, "--publisher", publisher) == 0
            assert tree_bytes(root / "docs") == docs_before, "nothing is written into docs/"
            sites[publisher] = site
        return sites[publisher]

    return built_by


@pytest.fixture(params=PUBLISHERS)
def built(
    request: pytest.FixtureRequest, sample_site: Path, site_of: Callable[[str], Path]
) -> tuple[str, Path]:
    publisher: str = request.param
    return publisher, sample_site if publisher == "mkdocs" else site_of(publisher)


def _pages(site: Path) -> set[str]:
    """The site's pages and generated downloads; theme assets and search indexes differ."""
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file()
        and (p.suffix == ".html" or p.relative_to(site).parts[0] in ("downloads", "charts"))
    }


@pytest.mark.slow
def test_publisher_builds_the_same_pages_as_mkdocs(
    built: tuple[str, Path], sample_site: Path
) -> None:
    publisher, site = built
    assert _pages(site) == _pages(sample_site), publisher
    for generated in ("downloads", "charts"):
        for file in (sample_site / generated).rglob("*.csv"):
            relative = file.relative_to(sample_site)
            assert (site / relative).read_bytes() == file.read_bytes(), relative


SEARCH_INDEX = {"zensical": "search.json"}
"""Where each publisher writes its search index (MkDocs and ProperDocs: Material's)."""
AGGREGATE_PAGES = ("actions/", "commissioners/", "learning-log/", "themes/", "services/", "gaps/")
ZENSICAL_FIELD_LIMIT = 65_536
"""Zensical refuses a search field of more words than this, and builds nothing."""


def _search_entries(publisher: str, site: Path) -> list[dict[str, str]]:
    index = json.loads((site / SEARCH_INDEX.get(publisher, "search/search_index.json")).read_text())
    entries: list[dict[str, str]] = index["items"] if "items" in index else index["docs"]
    return entries


@pytest.mark.slow
def test_search_finds_an_action_on_its_review_page_not_on_every_list(
    built: tuple[str, Path],
) -> None:
    """Each row that repeats part of a review (an action, a measure, a learning-log entry) is
    indexed once, on the review's page: a search is not buried under the lists that gather
    them, and no section grows with the number of reviews past a search engine's limit."""
    publisher, site = built
    case = read_case(REPO / "cases" / f"{SAMPLE_CASE}.yaml")
    action = case["actions"][0]["description"].split(".")[0]
    entries = _search_entries(publisher, site)
    hits = {e["location"].split("#")[0] for e in entries if action in e["text"]}
    assert hits == {f"cases/{SAMPLE_CASE}/"}, (publisher, action, hits)
    listed = [e for e in entries if e["location"].startswith(AGGREGATE_PAGES)]
    assert any(e["location"] == "actions/#overdue" for e in listed), publisher  # the heading
    for entry in listed:  # a list's own words stay searchable; its rows do not
        assert len(entry["text"]) < 2_000, (publisher, entry["location"])
    assert max(len(e["text"].split()) for e in entries) < ZENSICAL_FIELD_LIMIT // 10
    # A table of counts is kept out too: its cells side by side ("62 249 236 1047") find
    # nothing, and at 10,000 cases three of them in a row passed as an NHS number.
    counts_in_a_row = re.compile(r"(?<![\w.])\d+ \d+ \d+(?![\w.])")
    for entry in entries:
        if not entry["location"].startswith(("privacy/", "performance/")):  # their examples
            assert not counts_in_a_row.search(entry["text"]), (publisher, entry["location"])


@pytest.mark.slow
def test_publisher_site_loads_nothing_from_another_host(built: tuple[str, Path]) -> None:
    publisher, site = built
    assert remote_fetches(site) == [], publisher


@pytest.mark.slow
def test_publisher_site_carries_the_marker_the_as_of_date_and_the_policy(
    built: tuple[str, Path],
) -> None:
    publisher, site = built
    assert (site / MARKER).is_file(), publisher
    for page in ("index.html", "learning-log/index.html", "about/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert '<meta name="sglearn:as-of" content="27 November 2026">' in html, (publisher, page)
        assert 'http-equiv="Content-Security-Policy"' in html, (publisher, page)
    dashboard = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[./]*learning-log/"', dashboard), "the navigation lists the log"


@pytest.mark.slow
@pytest.mark.parametrize("publisher", SUCCESSORS)
def test_publisher_output_gate_keeps_the_previous_site(
    publisher: str,
    site_of: Callable[[str], Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A phone number that only a theme override adds is caught in the output of each host."""
    previous = site_of(publisher)
    project = make_project(tmp_path / "repo")
    site = tmp_path / "site"
    shutil.copytree(previous, site)  # the previous site, as the last build left it
    before = tree_bytes(site)
    overrides = project / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Ring Jo on 07700 900123{% endblock %}\n',
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert build(project, site, "--publisher", publisher) == 1
    err = capsys.readouterr().err
    assert "privacy/phone" in err and "900123" not in err, err
    assert "Any previous site is unchanged." in err
    assert "Traceback" not in err
    assert tree_bytes(site) == before


def test_prerendered_build_names_a_page_the_publisher_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text("<p>about</p>", encoding="utf-8")
    staged = Staged(
        tmp_path / "mkdocs.yml",
        tmp_path,
        {"about/index.html": "about.md", "learning-log/index.html": "learning-log.md"},
        policy=True,
    )
    with pytest.raises(SiteBuildError) as refused:
        check_expected(staged, "Zensical")
    assert str(refused.value) == (
        "Zensical did not write 1 page(s) the site needs:\n"
        "  learning-log/index.html (from learning-log.md)"
    )


def test_publisher_not_installed_is_a_plain_message() -> None:
    with pytest.raises(SiteBuildError, match="Zensical is not installed in this Python; pip"):
        require_host("sglearn_no_such_host", "Zensical", "pip install zensical")


def test_build_with_an_unknown_publisher_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        build(tmp_path, tmp_path / "site", "--publisher", "hugo")
    assert stopped.value.code == 2
    assert "invalid choice: 'hugo'" in capsys.readouterr().err


def test_host_config_keeps_tags_it_does_not_resolve(tmp_path: Path) -> None:
    source = tmp_path / "mkdocs.yml"
    source.write_text(
        "site_name: !ENV [SITE_NAME, Governance]\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    config = load_host_config(source)
    assert config["site_name"] == Tagged("!ENV", ["SITE_NAME", "Governance"])
    copy = tmp_path / "copy.yml"
    dump_host_config(config, copy)
    assert load_host_config(copy) == config
    assert "!!python/name:material.extensions.emoji.twemoji" in copy.read_text("utf-8")


def test_only_each_adapter_runs_its_host() -> None:
    package = REPO / "sglearn"
    for host in ("properdocs", "zensical"):
        users = sorted(
            p.relative_to(package).as_posix()
            for p in package.rglob("*.py")
            if re.search(
                rf"^\s*(from|import)\s+{host}\b|\"-m\", \"{host}\"", p.read_text("utf-8"), re.M
            )
        )
        assert users == [f"publish/{host}_adapter/driver.py"], host


def test_allowed_remote_addresses_are_listed_in_the_docs() -> None:
    docs = (REPO / "docs" / "publishing.md").read_text(encoding="utf-8")
    for pattern, prefix, _why in ALLOWED:
        assert f"`{prefix}" in docs and f"`{pattern}`" in docs, prefix


@pytest.mark.slow
def test_zensical_shows_hostile_case_text_only_as_words(tmp_path: Path) -> None:
    """Zensical revives an escaped heading in <title>; the pre-render gives it the title."""
    _needs("zensical")
    project = make_project(tmp_path / "repo")
    for other in (project / "cases").glob("*.yaml"):
        if other.stem != SAMPLE_CASE:
            other.unlink()
    case_file = project / "cases" / f"{SAMPLE_CASE}.yaml"
    data = read_case(case_file)
    poison(data)
    write_case(case_file, data)
    site = tmp_path / "site"
    assert build(project, site, "--publisher", "zensical") == 0
    pages = sorted(site.rglob("*.html")) + sorted(site.rglob("*.svg"))
    for page in pages:
        scan = PageScan()
        scan.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(site).as_posix()
        assert scan.handlers == [], where
        assert scan.script_urls == [], where
        assert not [s for s in scan.scripts if "alert" in s], where
    case_page = (site / "cases" / SAMPLE_CASE / "index.html").read_text(encoding="utf-8")
    assert "<title>LR-2025-001: Zq00 &lt;/title&gt;&lt;script&gt;" in case_page
