"""The audiences file: each audience's build holds only what its policy allows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sglearn.check.privacy.inputs import scan_inputs
from sglearn.commands.cli import main
from sglearn.read.project import Project
from sglearn.review.audiences import (
    NEVER_PUBLISHED,
    PAGE_KINDS,
    SECTIONS,
    Audiences,
    AudiencesError,
    check_audiences,
    load_audiences,
)

REPO = Path(__file__).resolve().parents[2]
META = json.loads((REPO / "schemas/meta/audiences.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def audiences() -> Audiences:
    return load_audiences(Project(REPO))


def edit(project: Project, old: str, new: str) -> str:
    path = project.root / "schemas/audiences.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


def test_the_four_audiences_are_shipped_with_the_settings_threshold(
    audiences: Audiences,
) -> None:
    assert audiences.ids == ("staff", "inspector", "commissioner", "public")
    assert {a.id: a.suppressed for a in audiences} == {
        "staff": False,
        "inspector": False,  # it lists every review: a count could be made from the list
        "commissioner": True,
        "public": True,
    }
    assert {a.threshold for a in audiences} == {5}


def test_staff_get_todays_site_with_the_held_count(audiences: Audiences) -> None:
    staff = audiences.get("staff")
    assert all(staff.allows_page(kind) for kind in PAGE_KINDS)
    assert all(staff.allows(k, s) for k in PAGE_KINDS for s in SECTIONS[k])
    assert staff.shows_held_count and staff.allows("dashboard", "held-count")
    assert staff.allows_doc("architecture.md")


def test_inspectors_read_the_evidence_but_not_the_narrative_summary(audiences: Audiences) -> None:
    inspector = audiences.get("inspector")
    for section in ("learning", "findings", "actions", "measures", "referrals"):
        assert inspector.allows("case", section)
    assert inspector.allows("case", "governance-trail")
    assert not inspector.allows("case", "summary")
    assert inspector.allows_page("inspectors") and inspector.allows_page("theme-trace")
    assert not inspector.allows("dashboard", "held-count")
    assert not inspector.allows_doc("architecture.md")


def test_commissioners_get_improvement_but_no_case_narratives(audiences: Audiences) -> None:
    commissioner = audiences.get("commissioner")
    assert not commissioner.allows_page("case")
    assert not commissioner.allows_page("learning-log")
    assert not commissioner.allows("theme", "reviews")
    assert not commissioner.allows("downloads", "cases")
    assert commissioner.allows("services", "measures")
    assert commissioner.allows("commissioners", "roll-ups")
    # row-level lists would let small counts be counted: roll-ups of figures instead
    assert not commissioner.allows("commissioners", "improvements")


def test_the_public_get_an_annual_summary(audiences: Audiences) -> None:
    public = audiences.get("public")
    assert {p.kind for p in public.pages} == {
        "dashboard",
        "themes-index",
        "theme",
        "glossary",
        "docs",
    }
    assert public.allows("dashboard", "what-changed")
    assert public.allows("dashboard", "improvements-verified")
    assert not public.allows("dashboard", "needs-attention")


@pytest.mark.parametrize("section", NEVER_PUBLISHED)
def test_employment_outcomes_staff_roles_and_held_reviews_reach_nobody(
    audiences: Audiences, section: str
) -> None:
    assert not any(a.allows(kind, section) for a in audiences for kind in PAGE_KINDS)
    assert section not in json.dumps(META).replace("held-count", "")


def test_a_typo_in_a_kind_or_section_is_an_error_not_a_silent_no(audiences: Audiences) -> None:
    staff = audiences.get("staff")
    with pytest.raises(ValueError, match="no section 'finding'"):
        staff.allows("case", "finding")
    with pytest.raises(ValueError, match="no kind of page 'cases'"):
        staff.allows_page("cases")


def test_the_meta_schema_lists_the_same_kinds_and_sections_as_the_loader() -> None:
    Draft202012Validator.check_schema(META)
    pages = META["$defs"]["audience"]["properties"]["pages"]["properties"]
    assert tuple(pages) == PAGE_KINDS
    for kind, prop in pages.items():
        target = META["$defs"][prop["$ref"].rsplit("/", 1)[1]]
        listed = target["properties"].get("sections", {}).get("items", {}).get("enum", [])
        assert tuple(listed) == SECTIONS[kind], kind


def properties(node: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, prop in node.get("properties", {}).items():
        yield f"{where}{name}", prop
        yield from properties(prop, f"{where}{name}.")


def test_every_property_has_a_title_and_a_description() -> None:
    found = list(properties(META, ""))
    for name, definition in META["$defs"].items():
        found += properties(definition, f"$defs.{name}.")
    assert len(found) > 20
    for where, prop in found:
        assert prop.get("title"), f"{where} has no title"
        assert len(prop.get("description", "")) >= 20, f"{where} needs a fuller description"


def test_an_unknown_section_is_reported_at_its_line_with_did_you_mean(
    tmp_project: Project,
) -> None:
    text = edit(tmp_project, "sections: [learning, findings,", "sections: [learning, finding,")
    audiences, problems = check_audiences(tmp_project)
    assert audiences is None
    (problem,) = problems
    assert problem.path == "schemas/audiences.yaml"
    assert problem.line == line_of(text, "finding,", after="id: inspector")
    assert "finding" in problem.message and "findings" in (problem.hint or "")


def test_employment_outcome_cannot_be_given_to_any_audience(tmp_project: Project) -> None:
    edit(tmp_project, "sections: [learning, findings,", "sections: [employment-outcome, findings,")
    with pytest.raises(AudiencesError) as raised:
        load_audiences(tmp_project)
    assert "employment-outcome" in raised.value.problems[0].message


def test_only_staff_may_count_held_reviews(tmp_project: Project) -> None:
    text = edit(
        tmp_project,
        "    held_reviews: none\n    pages:\n      dashboard:\n        sections: [needs-attention",
        "    held_reviews: count\n    pages:\n      dashboard:\n        sections: [needs-attention",
    )
    _, problems = check_audiences(tmp_project)
    assert [(p.rule, p.line) for p in problems] == [
        ("audiences/held-count", line_of(text, "held_reviews: count", after="id: inspector"))
    ]


def test_an_audience_may_suppress_more_but_never_less(tmp_project: Project) -> None:
    edit(tmp_project, "    figures: suppressed\n", "    figures: suppressed\n    threshold: 10\n")
    audiences = load_audiences(tmp_project)
    assert audiences.get("commissioner").threshold == 10  # the first suppressed audience
    assert audiences.get("public").threshold == 5
    edit(tmp_project, "threshold: 10", "threshold: 3")
    _, problems = check_audiences(tmp_project)
    assert [p.rule for p in problems] == ["audiences/threshold"]
    assert "fewer than the organisation's 5" in problems[0].message


def test_the_default_threshold_follows_settings(tmp_project: Project) -> None:
    settings = tmp_project.root / "schemas/settings.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("small_count_threshold: 5", "small_count_threshold: 7"))
    assert {a.threshold for a in load_audiences(tmp_project)} == {7}


def test_a_duplicate_audience_is_reported(tmp_project: Project) -> None:
    edit(tmp_project, "  - id: public\n", "  - id: commissioner\n")
    _, problems = check_audiences(tmp_project)
    assert [p.rule for p in problems] == ["audiences/duplicate"]


def test_frameworks_check_reports_the_audiences_file(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(tmp_project, "figures: exact", "figures: precise")
    status = main(["frameworks", "check", "--project", str(tmp_project.root)])
    out = capsys.readouterr().out
    assert status == 1
    assert "schemas/audiences.yaml:" in out and "precise" in out


def test_the_audiences_file_is_scanned_for_personal_data(tmp_project: Project) -> None:
    edit(tmp_project, "Anyone, as an annual summary", "Anyone, such as Mrs Smith,")
    found = [p for p in scan_inputs(tmp_project.root) if p.path == "schemas/audiences.yaml"]
    assert [p.rule for p in found] == ["privacy/title-name"]
