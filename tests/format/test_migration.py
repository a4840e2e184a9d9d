"""sglearn migrate: version 1 files move to version 2 only when asked, comments and layout kept."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from sglearn.check.validation import validate
from sglearn.commands.cli import main
from sglearn.read.migration import MigrationError, migrate_text
from sglearn.read.project import Project

REPO = Path(__file__).resolve().parents[2]
V1 = REPO / "tests" / "data" / "format" / "v1"
SAMPLES = sorted(V1.glob("*.yaml"))
"""The sample cases as they were in version 1 of the format, before they were migrated."""


def _project(tmp_path: Path) -> Project:
    """A repository whose cases are all still version 1."""
    shutil.copytree(V1, tmp_path / "cases")
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    return Project(tmp_path)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_migrate_every_sample_keeps_every_comment_and_untouched_line(sample: Path) -> None:
    before = sample.read_text(encoding="utf-8")
    migration = migrate_text(before)
    assert "schema_version" not in before
    after = migration.after
    assert "schema_version: 2\n" in after
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in after.splitlines() if line.lstrip().startswith("#")]
    untouched = {
        line
        for line in before.splitlines()
        if not line.startswith("staff_role:")
        and not line.startswith("  employment:")
        and "not stated" not in line
    }
    assert untouched <= set(after.splitlines())
    assert migrate_text(after).after == after  # a second run changes nothing


def test_migrated_samples_validate_as_version_2(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert main(["migrate", "--write", "--project", str(tmp_path)]) == 0
    for case in project.cases_dir.glob("*.yaml"):
        assert "schema_version: 2" in case.read_text(encoding="utf-8")
    report = validate(project, date(2026, 11, 27))
    assert [p for p in report.problems if p.is_error] == []


def test_migrate_without_write_prints_the_diff_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path)
    digest = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in project.cases_dir.iterdir()
    }
    case = project.cases_dir / "LR-2025-001.yaml"
    assert main(["migrate", "--project", str(tmp_path), str(case)]) == 0
    out = capsys.readouterr().out
    assert "+schema_version: 2" in out and "-staff_role: Care assistant (days)" in out
    assert "+  - role: Care assistant (days)" in out
    assert "would change" in out
    after = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in project.cases_dir.iterdir()
    }
    assert after == digest


def test_migrate_spells_unknowns_one_way() -> None:
    text = (
        "id: LR-2026-001\nstaff_role: Carer\noutcomes:\n  allegation: not-yet-known\n"
        "  employment: not-yet-known\n  safeguarding: not-yet-known\n"
        "referrals:\n  - {body: police, required: true, decision: referred, date: 2026-01-02,"
        " outcome: unknown}\nactions:\n  - id: A1\n    owner_role: Not  Stated\n"
    )
    migration = migrate_text(text)
    assert "outcome: not-known" in migration.after
    assert "owner_role: not-known" in migration.after
    assert "employment_outcome: not-yet-known" in migration.after


def test_migrate_refuses_a_file_that_is_not_a_case() -> None:
    with pytest.raises(MigrationError):
        migrate_text("- just\n- a list\n")
    with pytest.raises(MigrationError):
        migrate_text("id: LR-2026-001\nschema_version: 7\n")


def test_a_version_1_file_using_a_version_2_field_is_told_to_migrate(tmp_path: Path) -> None:
    project = _project(tmp_path)
    case = project.cases_dir / "LR-2025-001.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(
        text.replace("id: LR-2025-001\n", "id: LR-2025-001\nno_measure_reason: Not yet.\n"),
        encoding="utf-8",
    )
    report = validate(project, date(2026, 11, 27), [case])
    [problem] = [p for p in report.problems if p.rule == "schema/version"]
    assert (problem.line, "'no_measure_reason' belongs to version 2") == (
        3,
        problem.message[: len("'no_measure_reason' belongs to version 2")],
    )
    assert "schema_version: 2" in problem.hint
