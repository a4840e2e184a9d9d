"""Frameworks, crosswalks and re-labelling: past cases read under another framework."""

from __future__ import annotations

from pathlib import Path

import pytest

from sglearn.read.loading import Document, load_file
from sglearn.read.project import Project
from sglearn.review.frameworks import Catalogue, framework_view, relabel
from sglearn.review.frameworks_check import check_catalogue, load_catalogue

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(Project(REPO))


def test_shipped_frameworks_and_crosswalks_have_no_problems() -> None:
    _catalogue, problems, files = check_catalogue(Project(REPO))
    assert problems == []
    assert files >= 12


def test_catalogue_has_a_framework_for_every_regulator(catalogue: Catalogue) -> None:
    regulators = {f.regulator for f in catalogue.frameworks.values()}
    assert regulators == {"cqc", "ofsted", "ciw", "care-inspectorate", "rqia"}
    assert catalogue.frameworks["cqc-2026-asc-draft"].is_draft
    assert len(catalogue.frameworks["cqc-2026-asc-draft"].items) == 24
    assert len(catalogue.frameworks["ofsted-sccif-childrens-homes"].items) == 9
    assert len(catalogue.frameworks["cqc-2023"].items) == 34


def test_framework_ids_used_by_the_sample_cases_still_exist(catalogue: Catalogue) -> None:
    used = set()
    for case in sorted((REPO / "cases").glob("*.yaml")):
        document = load_file(case, case.name)
        assert isinstance(document, Document)
        used |= set(document.data["framework_tags"])
    items = {f"{f.id}:{i}" for f in catalogue.frameworks.values() for i in f.items}
    assert used and used <= items


def test_every_cqc_2023_item_is_mapped_or_unmapped_with_a_reason(catalogue: Catalogue) -> None:
    walk = catalogue.crosswalks["cqc-2023--cqc-2026-asc-draft"]
    mapped = {item for link in walk.links for item in link.source}
    assert mapped | set(walk.unmapped) == set(catalogue.frameworks["cqc-2023"].items)
    assert all(reason for reason in walk.unmapped.values())
    assert all(link.reason for link in walk.links)


def test_relabel_gives_a_past_case_its_tags_under_the_2026_draft(catalogue: Catalogue) -> None:
    tags = ["cqc-2023:safeguarding", "cqc-2023:kindness-dignity"]
    result = relabel(catalogue, tags, "cqc-2023", "cqc-2026-asc-draft")
    assert result.tags == (
        "cqc-2026-asc-draft:safeguarding",
        "cqc-2026-asc-draft:kindness-respect",
        "cqc-2026-asc-draft:privacy-dignity-independence",
    )
    assert result.via["cqc-2026-asc-draft:safeguarding"][0][0] == "cqc-2023:safeguarding"
    assert tags == ["cqc-2023:safeguarding", "cqc-2023:kindness-dignity"]  # nothing edited


def test_relabel_reports_an_unmapped_item_with_its_reason(catalogue: Catalogue) -> None:
    result = catalogue.relabel(
        ["cqc-2023:environmental-sustainability"], "cqc-2023", "cqc-2026-asc-draft"
    )
    assert result.tags == ()
    assert (
        "environmental sustainability" in result.unmapped["cqc-2023:environmental-sustainability"]
    )


def test_relabel_reads_an_equivalence_crosswalk_both_ways(catalogue: Catalogue) -> None:
    back = catalogue.relabel(["ciw-2025:environment"], "ciw-2025", "cqc-2023")
    assert back.tags == ("cqc-2023:safe-environments",)


def test_relabel_never_reads_a_newer_version_back_onto_an_older_one(catalogue: Catalogue) -> None:
    result = catalogue.relabel(
        ["cqc-2026-asc-draft:safeguarding"], "cqc-2026-asc-draft", "cqc-2023"
    )
    assert result.tags == ()
    assert "no crosswalk" in result.unmapped["cqc-2026-asc-draft:safeguarding"]


def test_same_case_shows_under_two_frameworks(catalogue: Catalogue) -> None:
    cases = {"LR-2025-001": ["cqc-2023:safeguarding", "cqc-2023:learning-culture"]}
    old = framework_view(catalogue, cases, "cqc-2023")
    new = framework_view(catalogue, cases, "cqc-2026-asc-draft")
    assert old.items["safeguarding"] == ["LR-2025-001"]
    assert old.items["learning-culture"] == ["LR-2025-001"]
    assert new.items["safeguarding"] == ["LR-2025-001"]
    assert new.items["learning-from-incidents"] == ["LR-2025-001"]
    assert "medicines" in new.gaps and "safeguarding" not in new.gaps
    assert new.framework.is_draft and not old.framework.is_draft


def test_view_lists_cases_whose_tags_have_no_counterpart(catalogue: Catalogue) -> None:
    view = catalogue.view({"LR-1": ["cqc-2023:environmental-sustainability"]}, "cqc-2026-asc-draft")
    assert "cqc-2023:environmental-sustainability" in view.unplaced["LR-1"]
    assert len(view.gaps) == 24


def test_frameworks_that_fit_an_english_childrens_home(catalogue: Catalogue) -> None:
    ids = [f.id for f in catalogue.fitting("england", "childrens-home")]
    assert ids == ["ofsted-sccif-childrens-homes"]
    assert [f.id for f in catalogue.fitting("wales", "home-care")] == ["ciw-2025"]
    assert [f.id for f in catalogue.fitting("scotland", "home-care")] == [
        "ci-scotland-care-at-home"
    ]
