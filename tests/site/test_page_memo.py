"""The case pages `sglearn serve` keeps between saves are the pages a fresh generation makes.

The preview hands the same validated documents to each generation; a case page whose inputs
are unchanged is taken from the memo, and anything it is made from that changed (its case,
the vocabularies, the date, a title its text names) makes it again.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sglearn.check.revalidation import KeptChecks
from sglearn.read.project import Project
from sglearn.site.render import GeneratedFile, pages, render_site
from sglearn.site.render.page_memo import PageMemo

REPO = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 27)


@pytest.fixture(scope="module")
def documents_and_vocabularies() -> tuple[list[Any], Any]:
    report = KeptChecks().validate(Project(REPO), AS_OF)
    assert report.errors == 0 and report.vocabularies is not None
    return report.documents, report.vocabularies


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the cases whose page was rendered (not taken from the memo)."""
    ids: list[str] = []
    render = pages.SitePages._case

    def counted(self: pages.SitePages, case: Any) -> Any:
        ids.append(case.id)
        return render(self, case)

    monkeypatch.setattr(pages.SitePages, "_case", counted)
    return ids


def _case_pages(found: list[GeneratedFile]) -> int:
    return sum(1 for f in found if f.source)


def _files(found: list[GeneratedFile]) -> dict[str, str]:
    return {f.path: f.content for f in found}


def test_unchanged_cases_are_not_rendered_again_and_the_pages_are_the_same(
    documents_and_vocabularies: tuple[list[Any], Any], rendered: list[str]
) -> None:
    documents, vocabularies = documents_and_vocabularies
    memo = PageMemo()
    first = render_site(memo.models(documents), vocabularies, AS_OF, memo=memo)
    assert len(rendered) == _case_pages(first) > 10
    rendered.clear()
    again = render_site(memo.models(documents), vocabularies, AS_OF, memo=memo)
    assert rendered == []
    assert _files(again) == _files(first) == _files(render_site(documents, vocabularies, AS_OF))


def test_a_changed_case_other_vocabularies_or_another_date_render_again(
    documents_and_vocabularies: tuple[list[Any], Any], rendered: list[str]
) -> None:
    documents, vocabularies = documents_and_vocabularies
    memo = PageMemo()
    render_site(memo.models(documents), vocabularies, AS_OF, memo=memo)
    changed = dataclasses.replace(documents[0], data={**documents[0].data, "summary": "Changed."})
    rendered.clear()
    render_site(memo.models([changed, *documents[1:]]), vocabularies, AS_OF, memo=memo)
    assert rendered == [changed.data["id"]]

    theme_id, term = next(iter(vocabularies.themes.items()))
    renamed_term = dataclasses.replace(term, label="A theme renamed in schemas")
    renamed = dataclasses.replace(
        vocabularies, themes={**vocabularies.themes, theme_id: renamed_term}
    )
    rendered.clear()
    made = render_site(memo.models(documents), renamed, AS_OF, memo=memo)
    assert len(rendered) == _case_pages(made)
    found = _files(made)
    assert found == _files(render_site(documents, renamed, AS_OF))
    assert any(
        "A theme renamed in schemas" in text
        for path, text in found.items()
        if path.startswith("cases/")
    )

    rendered.clear()
    later = render_site(memo.models(documents), renamed, date(2026, 12, 1), memo=memo)
    assert len(rendered) == _case_pages(later)


def test_a_kept_page_still_counts_the_figures_it_printed(
    documents_and_vocabularies: tuple[list[Any], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today's case pages print no count, but the manifest must not lose one if they do."""
    from sglearn.site.render import render_build

    documents, vocabularies = documents_and_vocabularies
    render = pages.SitePages._case

    def counting(self: pages.SitePages, case: Any) -> Any:
        self.figures.section("measures")
        self.figures.count("measures-on-page", len(case.measures), case=case.id)
        return render(self, case)

    monkeypatch.setattr(pages.SitePages, "_case", counting)
    memo = PageMemo()
    fresh = render_build(documents, vocabularies, AS_OF).manifest.to_json()
    assert "measures-on-page" in fresh
    render_build(memo.models(documents), vocabularies, AS_OF, memo=memo)
    again = render_build(memo.models(documents), vocabularies, AS_OF, memo=memo)
    assert again.manifest.to_json() == fresh
