"""``sglearn frameworks check``: exit codes and messages a maintainer can act on."""

from __future__ import annotations

import json

import pytest

from sglearn.commands.cli import main
from sglearn.read.project import Project


def run(project: Project, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    status = main(["frameworks", "check", "--project", str(project.root), *extra])
    return status, capsys.readouterr().out


def test_check_passes_on_the_shipped_files(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = run(tmp_project, capsys)
    assert status == 0
    assert out.endswith("framework files checked: no problems found.\n")


def test_check_reports_an_unknown_item_with_line_and_did_you_mean(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_project.root / "schemas/crosswalks/cqc-2023--rqia.yaml"
    text = path.read_text(encoding="utf-8").replace("to: [well-led]", "to: [well-lead]")
    path.write_text(text, encoding="utf-8")
    status, out = run(tmp_project, capsys)
    assert status == 1
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "well-lead" in t)
    assert f"schemas/crosswalks/cqc-2023--rqia.yaml:{line}:" in out
    assert "'well-lead' is not an item of rqia [frameworks/unknown-id]" in out
    assert "Did you mean 'well-led'?" in out


def test_check_reports_an_old_item_neither_mapped_nor_unmapped(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_project.root / "schemas/crosswalks/cqc-2023--cqc-2026-asc-draft.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [t for t in lines if "from: [consent]" not in t]
    path.write_text("".join(kept), encoding="utf-8")
    status, out = run(tmp_project, capsys)
    assert status == 1
    assert "cqc-2023:consent is neither mapped to cqc-2026-asc-draft nor listed as unmapped" in out
    assert "[frameworks/not-mapped]" in out


def test_check_reports_a_meta_schema_problem_in_a_framework_file(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_project.root / "schemas/frameworks/rqia.yaml"
    text = path.read_text(encoding="utf-8").replace("status: in-force", "status: live")
    path.write_text(text, encoding="utf-8")
    status, out = run(tmp_project, capsys, "--format", "json")
    assert status == 1
    problems = json.loads(out)["problems"]
    assert [(p["path"], p["rule"]) for p in problems] == [
        ("schemas/frameworks/rqia.yaml", "schema/unknown-value")
    ]


def test_check_reports_broken_yaml_in_the_nations_file_without_a_traceback(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_project.root / "schemas/nations.yaml").write_text("nations: [\n", encoding="utf-8")
    status, out = run(tmp_project, capsys)
    assert status == 1
    assert "schemas/nations.yaml:" in out and "[yaml/syntax]" in out
    assert "Traceback" not in out


def test_frameworks_without_an_action_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["frameworks"]) == 2
    assert "sglearn frameworks check" in capsys.readouterr().err
