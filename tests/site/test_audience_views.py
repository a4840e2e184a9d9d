"""Each audience's build holds only the pages and sections its policy lists, and no link in
it points outside it. Built from the sample cases with schemas/audiences.yaml."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from sglearn.check.validation import Report, validate
from sglearn.read.project import Project
from sglearn.review.audiences import SECTIONS, Audiences, load_audiences
from sglearn.review.model import load_cases
from sglearn.site.render import GeneratedFile, render_site
from sglearn.site.render.audience_view import TEMPLATE_KINDS, keep_sections
from tests.site.builders import broken_links

REPO = Path(__file__).resolve().parents[2]
SECTION_CALL = re.compile(r'^\{\{ section\("([a-z-]+)"\) \}\}$', re.M)
TEMPLATES = REPO / "sglearn" / "site" / "templates"
AS_OF = date(2026, 11, 27)
SUMMARY_WORDS = "A visiting nurse reported that residents at Maple Court"
"""The opening of a sample review's summary: narrative that only staff read in full."""


@pytest.fixture(scope="module")
def report() -> Report:
    return validate(Project(REPO), AS_OF)


@pytest.fixture(scope="module")
def audiences() -> Audiences:
    return load_audiences(Project(REPO))


@pytest.fixture(scope="module")
def builds(report: Report, audiences: Audiences) -> dict[str, dict[str, GeneratedFile]]:
    assert report.vocabularies is not None
    cases = load_cases(report)
    found = {"staff-default": render_site(cases, report.vocabularies, AS_OF)}
    for audience in audiences:
        found[audience.id] = render_site(cases, report.vocabularies, AS_OF, audience)
    return {name: {f.path: f for f in files} for name, files in found.items()}


def _kind(path: str) -> str | None:
    kinds = {
        "index.md": "dashboard",
        "learning-log.md": "learning-log",
        "themes/index.md": "themes-index",
        "services/index.md": "services",
        "actions.md": "actions",
        "recommendations.md": "recommendations",
        "gaps.md": "gaps",
        "inspectors.md": "inspectors",
        "commissioners.md": "commissioners",
        "downloads.md": "downloads",
    }
    if path in kinds:
        return kinds[path]
    folder = path.split("/", 1)[0]
    return {"cases": "case", "themes": "theme", "trace": "theme-trace", "services": "services"}.get(
        folder
    )


def test_audience_views_the_staff_policy_is_the_full_site(
    builds: dict[str, dict[str, GeneratedFile]],
) -> None:
    staff, full = builds["staff"], builds["staff-default"]
    assert staff.keys() == full.keys()
    assert all(staff[p].content == full[p].content for p in staff)


@pytest.mark.parametrize("audience_id", ["staff", "inspector", "commissioner", "public"])
def test_audience_views_hold_only_the_pages_the_policy_lists(
    builds: dict[str, dict[str, GeneratedFile]], audiences: Audiences, audience_id: str
) -> None:
    audience = audiences.get(audience_id)
    build = builds[audience_id]
    for path in build:
        kind = _kind(path)
        if kind is not None:
            assert audience.allows_page(kind), path
        elif path.startswith("downloads/"):
            assert audience.allows("downloads", Path(path).stem), path
        elif path == "manifest.json":
            continue
        else:
            assert path.startswith("charts/") and not audience.suppressed, path
    assert broken_links(build) == []
    text = "\n".join(f.content for f in build.values())
    assert "<!-- section:" not in text
    assert "LR-2026-005" not in text  # held from publication
    held = "Reviews held from publication"
    assert (held in text) == audience.shows_held_count


def test_audience_views_outside_readers_get_no_narrative_or_personal_detail(
    builds: dict[str, dict[str, GeneratedFile]],
) -> None:
    inspector = builds["inspector"]
    case = inspector["cases/LR-2022-001.md"].content
    assert SUMMARY_WORDS not in case and "Outcome of the allegation" not in case
    assert "## The learning" in case and "## Referrals and notifications" in case
    for audience_id in ("commissioner", "public"):
        build = builds[audience_id]
        assert not any(p.startswith("cases/") for p in build), audience_id
        assert SUMMARY_WORDS not in "\n".join(f.content for f in build.values()), audience_id
    assert set(builds["public"]) <= {
        "index.md",
        "manifest.json",
        "themes/index.md",
        *(p for p in builds["public"] if p.startswith("themes/")),
    }


def test_audience_views_every_marked_section_is_one_the_policy_knows() -> None:
    for template, kind in TEMPLATE_KINDS.items():
        marked = SECTION_CALL.findall((TEMPLATES / template).read_text(encoding="utf-8"))
        unknown = set(marked) - set(SECTIONS[kind])
        assert unknown == set(), (template, unknown)
    every = {
        (TEMPLATE_KINDS[t.name], name)
        for t in TEMPLATES.glob("*.md.j2")
        if t.name in TEMPLATE_KINDS
        for name in SECTION_CALL.findall(t.read_text(encoding="utf-8"))
    }
    unmarked = (
        {
            (kind, section)
            for kind, sections in SECTIONS.items()
            for section in sections
            if kind in TEMPLATE_KINDS.values() and kind not in ("inspectors", "downloads")
        }
        - every
        - {("dashboard", "held-count")}
    )
    assert unmarked == set()


def test_audience_views_keep_sections_drops_only_what_is_not_allowed() -> None:
    page = "# Title\n\nhead\n<!-- section: a -->\n## A\n\nkept\n<!-- section: b -->\n## B\n\nx\n"
    assert keep_sections(page, lambda name: name == "a") == "# Title\n\nhead\n## A\n\nkept\n"
    assert re.search("## B", keep_sections(page, lambda name: True))


def test_audience_views_dashboard_says_where_every_verified_improvement_is(
    builds: dict[str, dict[str, GeneratedFile]],
) -> None:
    """The dashboard lists the latest improvements, says how many it leaves out, and points
    only to a page the reader has: the commissioners page, or each review's page."""
    staff = builds["staff"]["index.md"].content
    assert re.search(r"The 5 most recently verified of \d+ are listed\.", staff)
    assert "[For commissioners](commissioners.md#measurable-improvements)" in staff
    inspector = builds["inspector"]["index.md"].content
    assert "For commissioners" not in inspector
    assert "Every measure is on its review's page." in inspector
    assert "For commissioners" not in builds["public"]["index.md"].content


def test_audience_views_low_level_concerns_counted_on_the_dashboard_are_named_in_the_log(
    builds: dict[str, dict[str, GeneratedFile]],
) -> None:
    """The at-a-glance figure links to the learning log, where each of them says so."""
    staff = builds["staff"]
    counted = re.search(
        r"\| \[of which low-level concerns\]\(learning-log.md\) \| (\d+) \|",
        staff["index.md"].content,
    )
    assert counted is not None and int(counted.group(1)) > 0
    named = re.findall(r"^Low-level concern · ", staff["learning-log.md"].content, re.M)
    assert len(named) == int(counted.group(1))
