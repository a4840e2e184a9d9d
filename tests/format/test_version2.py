"""Version 2 case files: the samples use it, and its internal fields stay internal."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sglearn.check.validation import validate
from sglearn.read.project import Project

REPO = Path(__file__).resolve().parents[2]


def test_every_sample_case_is_version_2() -> None:
    for case in sorted((REPO / "cases").glob("*.yaml")):
        assert "\nschema_version: 2\n" in case.read_text(encoding="utf-8"), case.name


def test_version_2_employment_outcome_is_never_stated_in_published_text(tmp_path: Path) -> None:
    shutil.copytree(REPO / "cases", tmp_path / "cases")
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    case = tmp_path / "cases" / "LR-2026-003.yaml"
    text = case.read_text(encoding="utf-8")
    assert "employment_outcome: dismissal" in text
    case.write_text(text.replace("title: ", "title: Nurse dismissed after ", 1), encoding="utf-8")
    report = validate(Project(tmp_path), date(2026, 11, 27), [case])
    title_line = 1 + next(
        i for i, line in enumerate(text.splitlines()) if line.startswith("title:")
    )
    found = [p.rule for p in report.problems if p.line == title_line]
    assert found == ["outcomes/employment-in-text"]
