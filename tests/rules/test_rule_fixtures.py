"""Every rule is driven by fixture files: one valid tree, and one folder of failing files per rule.

A failing fixture's first line names the rule it breaks and the line the problem is on:
``# expect: dates/order line 23``. The test checks that exactly that problem is reported
for the rule, and that no other rule reports an error, so each fixture tests one thing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sglearn.check.validation import Report

ValidateTree = Callable[[Path], Report]

DATA = Path(__file__).resolve().parent.parent / "data" / "rules"
VALID = sorted((DATA / "valid").glob("*.yaml"))
INVALID = sorted(p for p in (DATA / "invalid").glob("*/*") if p.is_dir() or p.suffix == ".yaml")
EXPECT = re.compile(r"# expect: (?P<rule>[a-z]+/[a-z-]+) line (?P<line>[1-9][0-9]*)")


@dataclass(frozen=True, order=True)
class Expected:
    path: str
    line: int
    rule: str


def expectations(fixture: Path) -> list[Expected]:
    """The problems a fixture promises, from the first line of each of its files."""
    root = fixture if fixture.is_dir() else fixture.parent
    files = sorted(fixture.rglob("*.yaml")) if fixture.is_dir() else [fixture]
    found = []
    for file in files:
        first = file.read_text(encoding="utf-8").split("\n", 1)[0]
        match = EXPECT.fullmatch(first.strip())
        if match:
            shown = "cases/" + file.relative_to(root).as_posix()
            found.append(Expected(shown, int(match["line"]), match["rule"]))
    return found


def fixture_id(fixture: Path) -> str:
    return f"{fixture.parent.name}/{fixture.name}"


def test_fixture_trees_are_not_empty() -> None:
    assert VALID and len(INVALID) >= 16


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case_has_no_problems(case: Path, validate_tree: ValidateTree) -> None:
    report = validate_tree(case)
    assert report.files_checked == 1
    assert report.problems == []
    assert len(report.documents) == 1


def test_valid_cases_together_have_no_problems(validate_tree: ValidateTree) -> None:
    report = validate_tree(DATA / "valid")
    assert report.files_checked == len(VALID)
    assert report.problems == []


@pytest.mark.parametrize("fixture", INVALID, ids=fixture_id)
def test_invalid_fixture_reports_its_rule_and_no_other_error(
    fixture: Path, validate_tree: ValidateTree
) -> None:
    expected = expectations(fixture)
    assert expected, "the fixture needs a first line '# expect: <rule> line <N>'"
    rules = {e.rule for e in expected}
    assert {rule.replace("/", "__") for rule in rules} == {fixture.parent.name}

    report = validate_tree(fixture)

    # Every file passed the schema, so the rules really ran on it.
    assert len(report.documents) == report.files_checked
    reported = sorted(Expected(p.path, p.line, p.rule) for p in report.problems if p.rule in rules)
    assert reported == sorted(expected)
    other_errors = [p for p in report.problems if p.is_error and p.rule not in rules]
    assert other_errors == []
    for problem in report.problems:
        assert problem.message and not problem.message.endswith("."), problem
        assert problem.hint.endswith((".", "?")), problem
        assert "None" not in problem.message + problem.hint, problem
