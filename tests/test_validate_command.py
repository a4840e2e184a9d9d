"""`sglearn validate` as a safeguarding lead and CI use it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sglearn.commands.cli import main
from sglearn.read.project import Project

REPO = Path(__file__).resolve().parent.parent
VALID = REPO / "tests" / "data" / "rules" / "valid" / "LR-2026-101.yaml"
AS_OF = ["--as-of", "2026-11-27"]


def put_case(project: Project, text: str, name: str = "LR-2026-101.yaml") -> Path:
    target = project.cases_dir / name
    target.write_text(text, encoding="utf-8")
    return target


def run(project: Project, *args: str) -> tuple[int, str]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "sglearn",
            "validate",
            "--project",
            str(project.root),
            *AS_OF,
            *args,
        ],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    assert "Traceback" not in out.stderr + out.stdout
    return out.returncode, out.stdout


def test_sample_cases_in_this_repository_are_valid(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["validate", "--project", str(REPO), *AS_OF])
    out = capsys.readouterr().out
    assert status == 0, out
    assert " 0 errors" in out or "no problems found" in out


def test_the_editor_schema_lists_every_vocabulary_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--check", "--project", str(REPO)]) == 0, capsys.readouterr().out


def test_a_third_party_validator_accepts_the_schema_and_the_sample_cases() -> None:
    cases = sorted(str(p) for p in (REPO / "cases").glob("*.yaml"))
    schema = str(REPO / "schemas" / "case.schema.json")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", schema, *cases],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_clean_case_exits_zero(tmp_project: Project) -> None:
    put_case(tmp_project, VALID.read_text())
    status, out = run(tmp_project)
    assert status == 0
    assert out.strip() == "1 case file checked: no problems found."


def test_a_bad_date_is_reported_as_the_lead_would_want(tmp_project: Project) -> None:
    text = VALID.read_text()
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("due:"))
    indent = lines[number].index("due:")
    lines[number] = " " * indent + "due: end of May"
    put_case(tmp_project, "\n".join(lines) + "\n")
    status, out = run(tmp_project)
    assert status == 1
    assert (
        f"cases/LR-2026-101.yaml:{number + 1}:{indent + 6}: error: 'due' must be a day like "
        "2016-05-14, a month like 2016-05, a year like 2016, or not-known (or not-set when no "
        "due date was agreed) [schema/format]"
    ) in out
    assert "hint: Write only what the record says" in out
    assert "end of May" not in out  # the lead's text is never repeated back into a CI log


def test_a_day_that_does_not_exist_is_called_that(tmp_project: Project) -> None:
    text = VALID.read_text().replace("concern_received: ", "concern_received: 2025-02-30 #", 1)
    put_case(tmp_project, text)
    status, out = run(tmp_project)
    assert status == 1
    assert (
        "cases/LR-2026-101.yaml:21:21: error: 'concern_received' is \"2025-02-30\", a day that "
        "does not exist [schema/format]"
    ) in out
    assert "hint: Check the month and the day: months run from 01 to 12" in out
    assert "dates/order" not in out  # one clear message, not two


def test_every_problem_in_every_file_is_listed_at_once(tmp_project: Project) -> None:
    text = VALID.read_text()
    put_case(tmp_project, text.replace("track: adults", "track: adult", 1))
    second = text.replace("LR-2026-101", "LR-2026-102").replace("title:", "titel:", 1)
    put_case(tmp_project, second, "LR-2026-102.yaml")
    put_case(tmp_project, "id: [unclosed\n", "LR-2026-103.yaml")
    status, out = run(tmp_project, "--format", "json")
    payload = json.loads(out)
    found = {(p["path"], p["rule"]) for p in payload["problems"]}
    assert {
        ("cases/LR-2026-101.yaml", "schema/unknown-value"),
        ("cases/LR-2026-102.yaml", "schema/unknown-field"),
        ("cases/LR-2026-102.yaml", "schema/required"),
        ("cases/LR-2026-103.yaml", "yaml/syntax"),
    } <= found
    assert status == 1 and payload["files_checked"] == 3


def test_yes_for_a_true_false_field_says_to_write_true_or_false(tmp_project: Project) -> None:
    put_case(tmp_project, VALID.read_text().replace("hold: false", "hold: no", 1))
    status, out = run(tmp_project)
    assert status == 1
    assert "'hold' must be true or false, not \"no\" [schema/type]" in out
    assert "Write true or false; 'no' is read as text." in out


def test_warnings_fail_only_under_strict(tmp_project: Project) -> None:
    put_case(tmp_project, VALID.read_text())
    late = ["--as-of", "2031-01-01"]  # every open action is overdue by then
    plain = subprocess.run(
        [sys.executable, "-m", "sglearn", "validate", "--project", str(tmp_project.root), *late],
        capture_output=True,
        text=True,
    )
    strict = subprocess.run(
        [
            sys.executable,
            "-m",
            "sglearn",
            "validate",
            "--strict",
            "--project",
            str(tmp_project.root),
            *late,
        ],
        capture_output=True,
        text=True,
    )
    assert "warning:" in plain.stdout
    assert (plain.returncode, strict.returncode) == (0, 1)


def test_github_format_writes_annotations_and_a_step_summary(
    tmp_project: Project, tmp_path: Path
) -> None:
    put_case(tmp_project, VALID.read_text().replace("track: adults", "track: adult", 1))
    summary = tmp_path / "summary.md"
    out = subprocess.run(
        [sys.executable, "-m", "sglearn", "validate", "--project", str(tmp_project.root), *AS_OF],
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "GITHUB_ACTIONS": "true",
            "GITHUB_STEP_SUMMARY": str(summary),
        },
    )
    assert out.returncode == 1
    assert "::error file=cases/LR-2026-101.yaml,line=" in out.stdout
    assert "| cases/LR-2026-101.yaml |" in summary.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "tomorrow"], "--as-of must be a date like 2026-05-31"),
        (["--project", "/no/such/folder"], "is not a folder"),
    ],
)
def test_usage_errors_exit_two_with_a_plain_message(args: list[str], message: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "sglearn", "validate", *args], capture_output=True, text=True
    )
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr


def test_a_missing_path_is_reported_not_crashed(tmp_project: Project) -> None:
    """The README reserves exit 2 for file errors: a path that does not exist is one."""
    status, out = run(tmp_project, str(tmp_project.root / "cases" / "LR-2099-001.yaml"))
    assert status == 2
    assert "there is no such file or folder [io/missing]" in out


def test_broken_vocabulary_is_reported_with_its_file(tmp_project: Project) -> None:
    themes = tmp_project.root / "schemas" / "vocabularies" / "themes.yaml"
    themes.write_text(themes.read_text().replace("label: Inconsistent supervision", "label:", 1))
    put_case(tmp_project, VALID.read_text())
    status, out = run(tmp_project)
    assert status == 1
    assert "schemas/vocabularies/themes.yaml:" in out


def test_validate_never_changes_a_case_file(tmp_project: Project) -> None:
    target = put_case(tmp_project, VALID.read_text().replace("track: adults", "track: x", 1))
    before = target.read_bytes()
    run(tmp_project)
    assert target.read_bytes() == before


def test_sample_cases_copy_cleanly_into_a_new_repository(tmp_project: Project) -> None:
    for case in (REPO / "cases").glob("*.yaml"):
        shutil.copy(case, tmp_project.cases_dir)
    status, _ = run(tmp_project)
    assert status == 0
