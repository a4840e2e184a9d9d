"""The generated site as a whole: paths, navigation, privacy, holds, links, determinism, scale."""

from __future__ import annotations

import dataclasses
import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sglearn.read.project import Project
from sglearn.review.audiences import Audience, load_audiences
from sglearn.review.vocabulary import Term, Vocabularies
from sglearn.site.render import NAV, GeneratedFile, render_site
from tests.site.builders import (
    AS_OF,
    MakeCase,
    broken_links,
    links_of,
    render_pages,
    small_set,
    to_case,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(make_case: MakeCase, vocabularies: Vocabularies) -> dict[str, GeneratedFile]:
    return render_pages(small_set(make_case), vocabularies)


def test_render_writes_every_page_at_its_fixed_path(
    site: dict[str, GeneratedFile], vocabularies: Vocabularies
) -> None:
    expected = {
        "index.md",
        "learning-log.md",
        "actions.md",
        "recommendations.md",
        "gaps.md",
        "inspectors.md",
        "commissioners.md",
        "downloads.md",
        "themes/index.md",
        "services/index.md",
        "charts/cases-per-quarter.svg",
        "charts/action-status.svg",
        "charts/themes-by-service.svg",
        *(f"cases/{i}.md" for i in ("LR-2025-001", "LR-2025-002", "LR-2026-001", "LR-2026-002")),
        *(f"themes/{t}.md" for t in vocabularies.themes),
        *(f"trace/{t}.md" for t in vocabularies.themes),
        *(f"charts/theme-{t}.svg" for t in vocabularies.themes),
        *(f"services/{s}.md" for s in vocabularies.services),
        "manifest.json",
        *(
            f"downloads/{n}.{e}"
            for n in ("cases", "actions", "themes", "measures", "recommendations")
            for e in ("csv", "json")
        ),
    }
    assert set(site) == expected


def test_render_output_is_sorted_by_path(make_case: MakeCase, vocabularies: Vocabularies) -> None:
    files = render_site([to_case(d) for d in small_set(make_case)], vocabularies, AS_OF)
    assert [f.path for f in files] == sorted(f.path for f in files)


def test_render_nav_lists_top_level_pages_only(site: dict[str, GeneratedFile]) -> None:
    paths = [path for _, path in NAV]
    assert paths[0] == "index.md"
    assert all(p in site for p in paths)
    assert not any(p.startswith("cases/") for p in paths)
    assert len(NAV) == len(set(paths))


def test_render_case_pages_carry_their_source_and_others_none(
    site: dict[str, GeneratedFile],
) -> None:
    for path, generated in site.items():
        if path.startswith("cases/"):
            assert (
                generated.source == f"cases/{path.removeprefix('cases/').removesuffix('.md')}.yaml"
            )
        else:
            assert generated.source is None, path


def test_render_every_page_says_its_as_of_date(site: dict[str, GeneratedFile]) -> None:
    for path, generated in site.items():
        if path.endswith(".md"):
            assert "As of 15 June 2026." in generated.content, path
        elif path.endswith(".json"):
            assert '"as_of": "2026-06-15"' in generated.content, path


def test_render_every_link_resolves_to_a_generated_file(site: dict[str, GeneratedFile]) -> None:
    assert broken_links(site) == []


def test_render_case_page_lists_no_other_case(site: dict[str, GeneratedFile]) -> None:
    ids = [p.removeprefix("cases/").removesuffix(".md") for p in site if p.startswith("cases/")]
    for case_id in ids:
        content = site[f"cases/{case_id}.md"].content
        others = [other for other in ids if other != case_id and other in content]
        assert others == [], case_id
        assert not any("cases/" in target for target in links_of(content))


def test_render_case_page_does_not_depend_on_other_cases(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    """A case page is the same alone as among 200 cases: its size cannot grow with the site."""
    alone = render_pages([make_case("LR-2025-001")], vocabularies)
    many = [make_case("LR-2025-001")] + [
        make_case(f"LR-2026-{n:03d}", service=random.Random(n).choice(list(vocabularies.services)))
        for n in range(1, 200)
    ]
    crowd = render_pages(many, vocabularies)
    assert crowd["cases/LR-2025-001.md"].content == alone["cases/LR-2025-001.md"].content


def test_render_is_deterministic(make_case: MakeCase, vocabularies: Vocabularies) -> None:
    data = small_set(make_case)
    first = render_site([to_case(d) for d in data], vocabularies, AS_OF)
    second = render_site([to_case(d) for d in reversed(data)], vocabularies, AS_OF)
    assert first == second


def test_render_accepts_validated_documents(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    class Doc:
        def __init__(self, data: dict[str, Any]) -> None:
            self.path, self.data = f"cases/{data['id']}.yaml", data

    from sglearn.read.loading import Document

    docs: list[Any] = [Doc(d) for d in small_set(make_case)]
    # Documents are recognised by not being model cases; duck-typed ones work the same.
    assert not any(isinstance(d, Document) for d in docs)
    expected = render_site([to_case(d) for d in small_set(make_case)], vocabularies, AS_OF)
    assert render_site(docs, vocabularies, AS_OF) == expected


def test_render_never_publishes_private_fields(site: dict[str, GeneratedFile]) -> None:
    for path, generated in site.items():
        text = generated.content
        assert "SECRET-ROLE" not in text, path  # staff_role
        assert "PRIVACY-VALUE" not in text, path  # privacy_reviewed
        assert "final-warning" not in text and "Final warning" not in text, path  # employment


def test_render_held_case_appears_nowhere(make_case: MakeCase, vocabularies: Vocabularies) -> None:
    published = small_set(make_case)
    held = make_case(
        "LR-2026-009",
        title="HELD-TITLE",
        service="oakfield-house",
        setting="childrens-home",
        track="children",
        route="lado",
        abuse_categories=["sexual"],
        publication={"hold": True, "reason": "Police investigation ongoing"},
        findings=[
            {"id": "F1", "theme": "closed-culture", "system_level": "team", "description": "x"}
        ],
    )
    with_hold = render_pages([*published, held], vocabularies)
    without = render_pages(published, vocabularies)
    assert with_hold.keys() == without.keys()
    held_count = (
        "| Reviews held from publication (not on this site; counted in the governance report) |"
    )
    for path, generated in with_hold.items():
        # the staff dashboard counts held reviews, and says nothing else about them
        shown = generated.content.replace(f"{held_count} 1 |", f"{held_count} 0 |")
        if path == "manifest.json":
            held_figure = '"shown": "{}",\n      "value": {},\n      "what": "held-reviews"'
            shown = shown.replace(held_figure.format(1, 1), held_figure.format(0, 0))
        assert shown == without[path].content, path
        assert "LR-2026-009" not in generated.content and "HELD-TITLE" not in generated.content
    assert f"{held_count} 1 |" in with_hold["index.md"].content


def test_render_internal_pages_show_exact_counts(site: dict[str, GeneratedFile]) -> None:
    themes = site["themes/index.md"].content
    assert (
        "| [Inconsistent supervision](../themes/supervision-inconsistent.md) | 4 | 2 | 2 | 1 | 2 |"
        in themes
    )
    assert "| [Overdue actions](#needs-attention) | 2 |" in site["index.md"].content
    assert "fewer than" not in site["actions.md"].content


def _commissioner(threshold: int | None = None) -> Audience:
    audience = load_audiences(Project(REPO)).get("commissioner")
    return audience if threshold is None else dataclasses.replace(audience, threshold=threshold)


def test_render_outside_builds_suppress_small_counts_and_say_so(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    cases = [to_case(c) for c in small_set(make_case)]
    site = {f.path: f for f in render_site(cases, vocabularies, AS_OF, _commissioner())}
    for path in ("index.md", "commissioners.md", "themes/index.md"):
        assert 'counts from 1 to 4 are shown as "fewer than 5"' in site[path].content, path
    commissioners = site["commissioners.md"].content
    assert "| Improved in the better direction, checked by a named role | fewer than 5 |" in (
        commissioners
    )
    assert "supervision-inconsistent,Inconsistent supervision,fewer than 5" in (
        site["downloads/themes.csv"].content
    )
    exact = {f.path: f for f in render_site(cases, vocabularies, AS_OF)}
    assert "fewer than" not in exact["commissioners.md"].content


def test_render_outside_builds_show_counts_at_the_threshold(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    cases = [to_case(make_case(f"LR-2025-{n:03d}")) for n in range(1, 6)]
    site = {f.path: f for f in render_site(cases, vocabularies, AS_OF, _commissioner())}
    assert "| [Published learning reviews](learning-log.md) | 5 |" in site["index.md"].content or (
        "| Published learning reviews | 5 |" in site["index.md"].content
    )


def test_render_threshold_off_shows_every_count(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    cases = [to_case(c) for c in small_set(make_case)]
    site = {f.path: f for f in render_site(cases, vocabularies, AS_OF, _commissioner(0))}
    assert "fewer than" not in site["commissioners.md"].content
    assert "threshold is switched off" in site["commissioners.md"].content


def test_render_case_page_shows_themes_as_tags(site: dict[str, GeneratedFile]) -> None:
    content = site["cases/LR-2025-002.md"].content
    assert content.startswith(
        '---\ntags:\n  - "Inconsistent supervision"\n  - "Training gaps in communication"\n---\n'
    )


def test_render_themes_index_holds_the_tags_listing(site: dict[str, GeneratedFile]) -> None:
    # Material links a page's tags only when some page lists them: the themes index does.
    assert site["themes/index.md"].content.count("<!-- material/tags -->") == 1
    assert not any("material/tags" in f.content for p, f in site.items() if p != "themes/index.md")


def test_render_learning_log_gives_each_summary_its_own_paragraph(
    site: dict[str, GeneratedFile],
) -> None:
    lines = site["learning-log.md"].content.splitlines()
    status_lines = [i for i, line in enumerate(lines) if 'class="sg-badge' in line]
    assert status_lines
    for i in status_lines:
        assert lines[i + 1] == "" and lines[i + 2], lines[i : i + 3]


def test_render_refuses_a_vocabulary_id_that_is_unsafe_as_a_path(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    import dataclasses

    themes = dict(vocabularies.themes)
    themes["../escape"] = Term("../escape", "Escape", "x")
    broken = dataclasses.replace(vocabularies, themes=themes)
    with pytest.raises(ValueError, match="not a safe page name"):
        render_pages([make_case()], broken)


def test_render_refuses_two_cases_with_one_id(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    with pytest.raises(ValueError, match="share an id"):
        render_pages([make_case(), make_case()], vocabularies)


def test_render_recurrence_shows_on_theme_and_service_pages(site: dict[str, GeneratedFile]) -> None:
    theme = site["themes/supervision-inconsistent.md"].content
    assert "## Learning not yet embedded" in theme
    assert "A1 of [" in theme and "](../cases/LR-2025-001.md) (LR-2025-001) (20 May 2025)" in theme
    assert "## Learning not yet embedded" in site["services/maple-court.md"].content
    assert "## Learning not yet embedded" not in site["services/riverside-lodge.md"].content


def test_render_overdue_is_judged_on_the_as_of_date(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    data = small_set(make_case)
    before = render_pages(data, vocabularies, date(2026, 5, 1))["index.md"].content
    after = render_pages(data, vocabularies, AS_OF)["index.md"].content
    assert "| [Overdue actions](#needs-attention) | 0 |" in before
    assert "| [Overdue actions](#needs-attention) | 2 |" in after


def test_render_repository_cases_build_with_links_that_resolve(repo: Any) -> None:
    """Dogfooding: the sample cases in cases/ (those that pass the schema) render cleanly."""
    from sglearn.check.validation import validate
    from sglearn.read.project import Project
    from sglearn.review.model import load_cases

    report = validate(Project(repo), AS_OF)
    assert report.vocabularies is not None
    site = {f.path: f for f in render_site(load_cases(report), report.vocabularies, AS_OF)}
    assert broken_links(site) == []
    assert re.search(
        r"\| \[Published learning reviews\]\(learning-log.md\) \| \d+ \|", site["index.md"].content
    )


def test_render_never_imports_mkdocs() -> None:
    """Page generation is pure: only the plugin adapter may import MkDocs."""
    import subprocess
    import sys

    code = (
        "import sys, sglearn.site.render, sglearn.site.render.pages, sglearn.site.aggregate, "
        "sglearn.site.exports, sglearn.site.charts; "
        "print(any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_removal_from_regulated_activity_starts_the_clock_but_never_reaches_a_page(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    """The date is an employment fact: it moves the DBS clock, and no page says it."""
    data = make_case(
        "LR-2025-001",
        dates={
            "concern_received": "2025-01-06",
            "investigation_concluded": "2025-04-01",
            "removed_from_regulated_activity": "2025-02-13",
        },
    )
    data["referrals"] = [
        {"body": "dbs", "required": True, "decision": "referred", "date": "2025-03-31"}
    ]
    pages = render_pages([data], vocabularies)
    case_page = pages["cases/LR-2025-001.md"].content
    assert "Late" in case_page and "46 days after the duty to refer arose" in case_page
    for page in pages.values():
        text = page.content
        assert "13 Feb 2025" not in text and "2025-02-13" not in text, page.path
        assert "13 February 2025" not in text, page.path


def test_a_template_compiled_once_is_compiled_again_when_its_source_changes() -> None:
    """`sglearn serve` makes a new environment on every save and reuses compiled templates:
    never a template as it was before someone edited it."""
    from jinja2 import DictLoader, Environment

    from sglearn.site.render.environment import _CompiledTemplates

    cache = _CompiledTemplates()
    sources = {"page.md.j2": "Before {{ x }}"}
    first = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert first.get_template("page.md.j2").render(x=1) == "Before 1"
    assert len(cache.compiled) == 1
    again = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert again.get_template("page.md.j2").render(x=2) == "Before 2"
    sources["page.md.j2"] = "After {{ x }}"
    edited = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert edited.get_template("page.md.j2").render(x=3) == "After 3"
