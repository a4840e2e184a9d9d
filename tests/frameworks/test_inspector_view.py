"""The inspectors page read through the framework(s) the settings name per nation and service."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from sglearn.read.project import Project
from sglearn.review.vocabulary import Vocabularies, VocabularyError, load_vocabularies
from tests.site.builders import base_case, merge, render_pages, with_settings

REPO = Path(__file__).resolve().parents[2]
CQC_2023 = "CQC single assessment framework (2023 quality statements)"
CQC_DRAFT = "CQC adult social care assessment framework (2026 consultation draft)"
OFSTED = "Ofsted SCCIF, children's homes (quality standards 2015)"
CIW = "Care Inspectorate Wales ratings themes (2025)"
CASE_LINK = re.compile(r"\]\([./]*cases/(LR-\d{4}-\d{3})\.md\)")


@pytest.fixture(scope="module")
def vocabularies() -> Vocabularies:
    return load_vocabularies(Project(REPO))


def _case(case_id: str, tags: list[str], **changes: Any) -> dict[str, Any]:
    return merge(base_case(case_id), {"framework_tags": tags, **changes})


def _only(vocabularies: Vocabularies, framework_id: str) -> Vocabularies:
    lines = {"england": {"default": (framework_id,)}}
    return with_settings(vocabularies, inspector_frameworks=lines)


def _both(vocabularies: Vocabularies) -> Vocabularies:
    """England read through CQC 2023 and, alongside, the 2026 draft."""
    lines = {"england": {"default": ("cqc-2023", "cqc-2026-asc-draft")}}
    return with_settings(vocabularies, inspector_frameworks=lines)


def _section(page: str, framework_label: str) -> str:
    """The part of the page under one framework's heading."""
    start = page.index(f"\n## {framework_label}\n")
    end = page.find("\n## ", start + 1)
    return page[start:end]


def _reviews_under(section: str, item_label: str) -> list[str]:
    """The review ids listed under one item's heading in a framework's section."""
    start = section.index(f"\n#### {item_label}\n")
    line = next(x for x in section[start:].splitlines() if x.startswith("Reviews:"))
    return sorted(CASE_LINK.findall(line))


def _inspectors(cases: list[dict[str, Any]], vocabularies: Vocabularies) -> str:
    return render_pages(cases, vocabularies)["inspectors.md"].content


def test_switching_from_cqc_2023_to_the_draft_shows_the_same_reviews_unchanged(
    vocabularies: Vocabularies,
) -> None:
    cases = [
        _case("LR-2025-001", ["cqc-2023:safeguarding", "cqc-2023:safe-staffing"]),
        _case("LR-2025-002", ["cqc-2023:safeguarding"]),
        _case("LR-2026-001", ["cqc-2023:kindness-dignity", "cqc-2023:safe-staffing"]),
    ]
    before = copy.deepcopy(cases)
    old = _section(_inspectors(cases, _only(vocabularies, "cqc-2023")), CQC_2023)
    new = _section(_inspectors(cases, _only(vocabularies, "cqc-2026-asc-draft")), CQC_DRAFT)
    assert cases == before  # no case was changed to re-label it
    # every 2023 item's reviews appear under each draft item the crosswalk maps it to
    walk = vocabularies.catalogue.crosswalks["cqc-2023--cqc-2026-asc-draft"]
    old_items = vocabularies.catalogue.frameworks["cqc-2023"].items
    new_items = vocabularies.catalogue.frameworks["cqc-2026-asc-draft"].items
    for source, targets in walk.steps().items():
        if f"\n#### {old_items[source].label}\n" not in old:
            continue
        reviews = _reviews_under(old, old_items[source].label)
        for target, _reason in targets:
            assert set(reviews) <= set(_reviews_under(new, new_items[target].label)), target
    assert _reviews_under(old, "Safeguarding") == ["LR-2025-001", "LR-2025-002"]
    assert _reviews_under(new, "Protection from abuse and neglect") == [
        "LR-2025-001",
        "LR-2025-002",
    ]
    # many-to-many: one 2023 statement reaches two draft lines, and two reviews meet there
    for line in ("Enough suitable, safely recruited staff", "Staff skills, knowledge and support"):
        assert _reviews_under(new, line) == ["LR-2025-001", "LR-2026-001"]


def test_a_draft_framework_is_marked_as_a_draft(vocabularies: Vocabularies) -> None:
    page = _inspectors([_case("LR-2025-001", ["cqc-2023:safeguarding"])], _both(vocabularies))
    draft = _section(page, CQC_DRAFT)
    assert f'!!! warning "Draft framework: {CQC_DRAFT}"' in draft
    assert "not in force" in draft
    assert "Draft framework" not in _section(page, CQC_2023)
    overview = page[page.index("## Frameworks on this page") :].split("\n## ")[0]
    assert f'| {CQC_DRAFT} | CQC | <span class="sg-badge sg-badge--warning">Draft</span> |' in (
        overview
    )


def test_the_evidence_category_axis_only_where_the_framework_has_categories(
    vocabularies: Vocabularies,
) -> None:
    measure = base_case()["measures"][0] | {"evidence_category": "processes"}
    page = _inspectors(
        [_case("LR-2025-001", ["cqc-2023:safeguarding"], measures=[measure])],
        _both(vocabularies),
    )
    with_axis, without = _section(page, CQC_2023), _section(page, CQC_DRAFT)
    assert "### Evidence by quality statement and evidence category" in with_axis
    assert "| Processes |" in with_axis and "People's experience" in with_axis
    assert "### Evidence by key line of enquiry\n" in without
    for category in ("People's experience", "Processes", "Evidence category"):
        assert category not in without
    assert "| Protection from abuse and neglect (Safe) | 1 | 1 |" in without.replace(
        "fewer than 5", "1"
    )


def test_gaps_are_shown_per_framework(vocabularies: Vocabularies) -> None:
    page = _inspectors([_case("LR-2025-001", ["cqc-2023:safeguarding"])], _both(vocabularies))
    old_gaps = _section(page, CQC_2023).split("### Gaps in the evidence")[1]
    new_gaps = _section(page, CQC_DRAFT).split("### Gaps in the evidence")[1]
    assert "Learning culture" in old_gaps.split("\n\n")[1]
    assert "Learning when things go wrong" in new_gaps.split("\n\n")[1]
    assert "Safeguarding," not in old_gaps.split("\n\n")[1]


def test_each_nation_and_service_is_read_through_its_own_framework(
    vocabularies: Vocabularies,
) -> None:
    cases = [
        _case("LR-2025-001", ["cqc-2023:safeguarding"]),
        _case(
            "LR-2025-002",
            ["cqc-2023:safeguarding"],  # tagged before the Ofsted framework was there
            track="children",
            route="lado",
            setting="childrens-home",
        ),
        _case("LR-2026-001", ["ciw-2025:well-being"], jurisdiction="wales", setting="home-care"),
        _case(
            "LR-2026-002", ["cqc-2023:safeguarding"], jurisdiction="scotland", setting="day-service"
        ),
    ]
    narrow = {"england": {"default": ("cqc-2023",), "childrens-home": (
        "ofsted-sccif-childrens-homes",
    )}, "wales": {"default": ("ciw-2025",)}}  # fmt: skip
    page = _inspectors(cases, with_settings(vocabularies, inspector_frameworks=narrow))
    assert _reviews_under(_section(page, CQC_2023), "Safeguarding") == ["LR-2025-001"]
    ofsted = _section(page, OFSTED)
    assert _reviews_under(ofsted, "The protection of children standard") == ["LR-2025-002"]
    assert "Placed here through the mapping" in ofsted
    assert _reviews_under(_section(page, CIW), "Well-being") == ["LR-2026-001"]
    assert "name no framework for, so not shown below: [" in page
    assert "(LR-2026-002)." in page


def test_older_settings_with_one_current_framework_still_work(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    shutil.copytree(REPO / "schemas", schemas)
    settings = schemas / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    start = text.index("  # The framework(s) the inspectors page")
    end = text.index("# Each nation's bank-holiday calendar")
    settings.write_text(text[:start] + "  current_framework: cqc-2023\n" + text[end:])
    old = load_vocabularies(Project(tmp_path))
    assert old.settings.view_frameworks("wales", "home-care") == ("cqc-2023",)
    page = _inspectors([_case("LR-2025-001", ["cqc-2023:safeguarding"])], old)
    assert "\n## " + CQC_DRAFT not in page
    assert _reviews_under(_section(page, CQC_2023), "Safeguarding") == ["LR-2025-001"]


def test_a_framework_the_settings_name_must_exist_and_cover_its_line(tmp_path: Path) -> None:
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    settings = tmp_path / "schemas" / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("default: [ciw-2025]", "default: [ciw-2052]")
    text = text.replace(
        "childrens-home: [ofsted-sccif-childrens-homes]", "childrens-home: [cqc-2023]"
    )
    settings.write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError) as raised:
        load_vocabularies(Project(tmp_path))
    found = {(p.rule, p.message, p.hint) for p in raised.value.problems}
    assert (
        "settings/framework",
        "there is no framework 'ciw-2052' in schemas/frameworks/",
        "Did you mean 'ciw-2025'?",
    ) in found
    (wrong,) = [p for p in raised.value.problems if "cqc-2023" in p.message]
    assert wrong.message == "cqc-2023 does not cover childrens-home services in england"
    assert "ofsted-sccif-childrens-homes" in wrong.hint
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "childrens-home: [cqc" in t)
    assert (wrong.path, wrong.line) == ("schemas/settings.yaml", line)
