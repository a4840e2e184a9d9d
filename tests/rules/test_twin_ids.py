"""A copy of a review saved under a padded twin id is caught, in a full run and for one file."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from sglearn.check.validation import validate
from sglearn.read.project import Project

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def twin(tmp_path: Path) -> tuple[Project, Path]:
    shutil.copytree(REPO / "cases", tmp_path / "cases")
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    original = tmp_path / "cases" / "LR-2026-004.yaml"
    copy = tmp_path / "cases" / "LR-2026-0004.yaml"
    copy.write_text(
        original.read_text(encoding="utf-8").replace("id: LR-2026-004", "id: LR-2026-0004"),
        encoding="utf-8",
    )
    return Project(tmp_path), copy


def test_padded_twin_id_is_reported_in_a_full_run(twin: tuple[Project, Path]) -> None:
    project, _copy = twin
    found = [p for p in validate(project, date(2026, 11, 27)).problems if p.rule == "ids/unique"]
    # Files are compared in path order: the later of the two is the one reported.
    assert [p.path for p in found] == ["cases/LR-2026-004.yaml"]
    assert "already used by cases/LR-2026-0004.yaml (as 'LR-2026-0004'" in found[0].message


def test_padded_twin_id_is_reported_when_one_file_is_checked(twin: tuple[Project, Path]) -> None:
    """The one-file fast path finds the twin although its text spells the id differently."""
    project, _copy = twin
    named = project.cases_dir / "LR-2026-004.yaml"
    report = validate(project, date(2026, 11, 27), [named], keep_documents=False)
    assert report.files_checked == 1  # the fast path, not a full run
    assert [p.path for p in report.problems if p.rule == "ids/unique"] == ["cases/LR-2026-004.yaml"]


@pytest.fixture
def copy_under_new_id(tmp_path: Path) -> Project:
    shutil.copytree(REPO / "cases", tmp_path / "cases")
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    original = tmp_path / "cases" / "LR-2026-004.yaml"
    text = original.read_text(encoding="utf-8").replace("id: LR-2026-004", "id: LR-2026-009")
    (tmp_path / "cases" / "LR-2026-009.yaml").write_text(
        text.replace("title: ", "title: Copy - ", 1), encoding="utf-8"
    )
    return Project(tmp_path)


def test_a_review_saved_again_under_a_new_id_is_reported(copy_under_new_id: Project) -> None:
    found = [
        p
        for p in validate(copy_under_new_id, date(2026, 11, 27)).problems
        if p.rule == "ids/same-review"
    ]
    assert [p.path for p in found] == ["cases/LR-2026-009.yaml"]
    assert "the same as cases/LR-2026-004.yaml (LR-2026-004)" in found[0].message


def test_one_file_check_finds_the_copy_it_was_made_from(copy_under_new_id: Project) -> None:
    named = copy_under_new_id.cases_dir / "LR-2026-009.yaml"
    report = validate(copy_under_new_id, date(2026, 11, 27), [named], keep_documents=False)
    assert report.files_checked == 1
    assert [p.rule for p in report.problems if p.rule.startswith("ids/")] == ["ids/same-review"]


def test_the_sample_reviews_are_all_different() -> None:
    problems = validate(Project(REPO), date(2026, 11, 27)).problems
    assert [p for p in problems if p.rule == "ids/same-review"] == []
