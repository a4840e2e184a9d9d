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
            "'ciw-2025:environment' is from Care Inspectorate Wales ratings themes (2025), "
            "which does not apply to a childrens-home service in England",
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
    assert fits[0].hint.endswith("Did you mean 'ciw-2025:leadership-and-management'?")
