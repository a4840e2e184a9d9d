"""Rule vocabulary/framework-fit on real cases: the tag must fit nation and setting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sglearn.check.validation import validate
from sglearn.read.project import Project

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "tests/data/rules/valid/LR-2026-102.yaml"  # an English children's home


def _validate_with_tags(project: Project, tags: str) -> list[tuple[int, str, str, str]]:
    text = CASE.read_text(encoding="utf-8")
    start = text.index("framework_tags:")
    (project.cases_dir / CASE.name).write_text(text[:start] + tags, encoding="utf-8")
    report = validate(project, date(2026, 11, 27))
    return [(p.line, p.level.value, p.message, p.hint) for p in report.problems]


def test_ofsted_tags_fit_an_english_childrens_home(tmp_project: Project) -> None:
    tags = "framework_tags:\n  - ofsted-sccif-childrens-homes:protection-of-children\n"
    assert _validate_with_tags(tmp_project, tags) == []


def test_a_welsh_tag_on_an_english_childrens_home_is_reported_at_its_line(
    tmp_project: Project,
) -> None:
    tags = "framework_tags:\n  - ofsted-sccif-childrens-homes:education\n  - ciw-2025:environment\n"
    problems = _validate_with_tags(tmp_project, tags)
    start = CASE.read_text(encoding="utf-8")[: CASE.read_text().index("framework_tags:")]
    line = start.count("\n") + 3
    assert problems == [
        (
            line,
            "warning",
            "'ciw-2025:environment' does not fit a children's home in England, "
            "which Ofsted inspects",
            problems[0][3],
        )
    ]
    assert "ofsted-sccif-childrens-homes" in problems[0][3]


def test_did_you_mean_finds_the_closest_fitting_item(tmp_project: Project) -> None:
    text = CASE.read_text(encoding="utf-8")
    text = text.replace("setting: childrens-home", "setting: home-care").replace(
        "jurisdiction: england", "jurisdiction: wales"
    )
    (tmp_project.cases_dir / CASE.name).write_text(
        text[: text.index("framework_tags:")]
        + "framework_tags:\n  - ofsted-sccif-childrens-homes:leadership-management\n",
        encoding="utf-8",
    )
    report = validate(tmp_project, date(2026, 11, 27))
    fits = [p for p in report.problems if p.rule == "vocabulary/framework-fit"]
    assert len(fits) == 1
    assert fits[0].message.endswith("did you mean 'ciw-2025:leadership-and-management'?")


def test_a_cqc_tag_on_an_english_childrens_home_suggests_ofsted_through_the_crosswalk(
    tmp_project: Project,
) -> None:
    problems = _validate_with_tags(tmp_project, "framework_tags: [cqc-2023:safeguarding]\n")
    assert [p[2] for p in problems] == [
        "'cqc-2023:safeguarding' does not fit a children's home in England, which Ofsted "
        "inspects: did you mean 'ofsted-sccif-childrens-homes:protection-of-children'?"
    ]
    assert "crosswalk" in problems[0][3] and "Protection from harm" in problems[0][3]


def test_a_cqc_tag_on_a_welsh_service_suggests_ciw(tmp_project: Project) -> None:
    text = CASE.read_text(encoding="utf-8")
    text = text.replace("setting: childrens-home", "setting: home-care").replace(
        "jurisdiction: england", "jurisdiction: wales"
    )
    (tmp_project.cases_dir / CASE.name).write_text(
        text[: text.index("framework_tags:")]
        + "framework_tags: [cqc-2023:governance-management]\n",
        encoding="utf-8",
    )
    report = validate(tmp_project, date(2026, 11, 27))
    (fit,) = [p for p in report.problems if p.rule == "vocabulary/framework-fit"]
    assert fit.message == (
        "'cqc-2023:governance-management' does not fit a home care service in Wales, which "
        "Care Inspectorate Wales inspects: did you mean 'ciw-2025:leadership-and-management'?"
    )


def test_the_sample_cases_tag_the_framework_of_their_own_nation_and_service() -> None:
    report = validate(Project(REPO), date(2026, 11, 27))
    assert [p for p in report.problems if p.rule == "vocabulary/framework-fit"] == []
