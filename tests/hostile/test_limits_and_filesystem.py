"""Attacks that cannot live in git (huge files, links, permissions, thousands of files) and
the documented limits, each with the error it gives."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sglearn.check import validation
from sglearn.check.privacy import pages
from sglearn.commands.cli import main
from sglearn.read.loading import MAX_DEPTH, MAX_FILE_BYTES, Document, load_bytes
from sglearn.read.project import Project


def validate_json(
    project: Project, capsys: pytest.CaptureFixture[str], *paths: str
) -> tuple[int, list[tuple[str, str, int]], dict[str, object]]:
    status = main(["validate", "--project", str(project.root), "--format", "json", *paths])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    report = json.loads(captured.out)
    problems = [(p["path"], p["rule"], p["line"]) for p in report["problems"]]
    return status, problems, report


def test_limit_file_size_gives_yaml_too_large(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_project.cases_dir / "LR-2026-001.yaml"
    case.write_bytes(b"id: LR-2026-001\ntitle: " + b"x" * MAX_FILE_BYTES + b"\n")
    status, problems, _ = validate_json(tmp_project, capsys)
    assert status == 1
    assert problems == [("cases/LR-2026-001.yaml", "yaml/too-large", 1)]


def test_an_enormous_string_under_the_limit_is_checked_quickly(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_project.cases_dir / "LR-2026-001.yaml"
    case.write_bytes(b"id: LR-2026-001\ntitle: " + b"word " * (MAX_FILE_BYTES // 6) + b"\n")
    started = time.monotonic()
    status, problems, _ = validate_json(tmp_project, capsys)
    assert status == 1 and ("cases/LR-2026-001.yaml", "schema/too-long", 2) in problems
    assert time.monotonic() - started < 20


def test_limit_depth_accepts_max_depth_and_refuses_one_more() -> None:
    def nested(levels: int) -> bytes:
        return b"a: " + b"[" * levels + b"]" * levels + b"\n"

    assert isinstance(load_bytes(nested(MAX_DEPTH - 1), "x.yaml"), Document)
    refused = load_bytes(nested(MAX_DEPTH + 1), "x.yaml")
    assert isinstance(refused, list) and refused[0].rule == "yaml/too-deep"


def test_pathological_nesting_is_refused_without_recursion(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = b"a: " + b"[" * 200_000 + b"]" * 200_000 + b"\n"
    (tmp_project.cases_dir / "LR-2026-001.yaml").write_bytes(deep)
    status, problems, _ = validate_json(tmp_project, capsys)
    assert status == 1
    assert problems == [("cases/LR-2026-001.yaml", "yaml/too-deep", 1)]


def test_limit_case_files_gives_io_too_many_files(
    tmp_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validation, "MAX_CASE_FILES", 10)
    for n in range(11):
        (tmp_project.cases_dir / f"LR-2026-{n:03d}.yaml").write_text("id: x\n")
    status, problems, report = validate_json(tmp_project, capsys)
    assert status == 1
    assert problems == [("cases", "io/too-many-files", 0)]
    assert report["files_checked"] == 0


def test_limit_docs_pages_gives_io_too_many_files(
    tmp_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "MAX_PAGES", 3)
    docs = tmp_project.root / "docs"
    docs.mkdir()
    for n in range(4):
        (docs / f"p{n}.md").write_text("# Page\n")
    status, problems, _ = validate_json(tmp_project, capsys)
    assert status == 1 and problems == [("docs", "io/too-many-files", 0)]


def test_limit_docs_page_size_gives_io_too_large(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_project.root / "docs"
    docs.mkdir()
    (docs / "big.md").write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    status, problems, _ = validate_json(tmp_project, capsys)
    assert status == 1 and problems == [("docs/big.md", "io/too-large", 0)]


def test_a_folder_with_thousands_of_files(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(3000):
        (tmp_project.cases_dir / f"LR-2026-{n:04d}.yaml").write_text(f"id: LR-2026-{n:04d}\n")
    status, problems, report = validate_json(tmp_project, capsys)
    assert status == 1 and report["files_checked"] == 3000
    assert {rule for _, rule, _ in problems} == {"schema/required"}


def test_a_link_in_cases_pointing_outside_is_not_followed(
    tmp_project: Project,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text("id: LR-2026-001\nsummary: NHS 943 476 5919\n")
    (tmp_project.cases_dir / "LR-2026-001.yaml").symlink_to(outside)
    status, problems, _ = validate_json(tmp_project, capsys)
    assert status == 1
    assert [(rule, line) for _, rule, line in problems] == [("yaml/symlink", 1)]


def test_a_link_in_cases_is_reported_under_its_own_name(
    tmp_project: Project,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text("id: LR-2026-001\n")
    (tmp_project.cases_dir / "LR-2026-001.yaml").symlink_to(outside)
    _, problems, _ = validate_json(tmp_project, capsys)
    assert problems == [("cases/LR-2026-001.yaml", "yaml/symlink", 1)]


def test_a_link_named_on_the_command_line_pointing_outside_is_refused(
    tmp_project: Project,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "x.yaml").write_text("id: LR-2026-001\n")
    link = tmp_project.root / "elsewhere"
    link.symlink_to(outside, target_is_directory=True)
    status, problems, _ = validate_json(tmp_project, capsys, str(link))
    assert status == 1
    assert [rule for _, rule, _ in problems] == ["io/outside-repository"]


def test_linked_docs_pages_and_folders_are_not_followed(
    tmp_project: Project,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "leak.md").write_text("NHS 943 476 5919\n")
    docs = tmp_project.root / "docs"
    docs.mkdir()
    (docs / "leak.md").symlink_to(outside / "leak.md")
    (docs / "folder").symlink_to(outside, target_is_directory=True)
    status, problems, _ = validate_json(tmp_project, capsys)
    assert status == 1
    assert problems == [("docs/leak.md", "io/symlink", 0)]


def test_an_unreadable_case_file(
    tmp_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, where chmod 000 does not stop reading: simulate the refusal.
    case = tmp_project.cases_dir / "LR-2026-001.yaml"
    case.write_text("id: LR-2026-001\n")
    real_open = os.open

    def refusing_open(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)).name == case.name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing_open)
    status, problems, _ = validate_json(tmp_project, capsys)
    assert status == 1
    assert problems == [("cases/LR-2026-001.yaml", "io/unreadable", 1)]


def test_an_unreadable_cases_folder(
    tmp_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_iterdir = Path.iterdir

    def refusing_iterdir(self: Path) -> Iterator[Path]:
        if self.name == "cases":
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", refusing_iterdir)
    status, problems, _ = validate_json(tmp_project, capsys)
    assert status == 1
    assert problems == [("cases", "io/unreadable", 0)]


def test_an_unreadable_docs_folder(
    tmp_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    private = tmp_project.root / "docs" / "private"
    private.mkdir(parents=True)
    real_scandir = os.scandir

    def refusing_scandir(path: object = ".") -> object:
        if Path(str(path)).name == "private":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    status, problems, _ = validate_json(tmp_project, capsys)
    assert status == 1
    assert problems == [("docs/private", "io/unreadable", 0)]


def test_an_unreadable_names_file_is_an_error_not_a_silent_pass(
    tmp_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGLEARN_NAMES_FILE", str(tmp_project.root / "missing-secret.txt"))
    status, problems, _ = validate_json(tmp_project, capsys)
    assert status == 1
    assert problems == [("SGLEARN_NAMES_FILE", "privacy/names-file", 0)]


@pytest.mark.parametrize("where", ["case", "names"])
def test_a_fifo_is_a_problem_not_a_hang(tmp_path: Path, where: str) -> None:
    """A named pipe where a case or the names list should be: reported at once, with its path."""
    import os
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[2]
    project = tmp_path / "repo"
    (project / "cases").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k != "SGLEARN_NAMES_FILE"}
    if where == "case":
        os.mkfifo(project / "cases" / "LR-2026-001.yaml")
    else:
        os.mkfifo(tmp_path / "names")
        env["SGLEARN_NAMES_FILE"] = str(tmp_path / "names")
    result = subprocess.run(
        [sys.executable, "-m", "sglearn", "validate", "--project", str(project)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=repo,
        env=env,
    )
    assert result.returncode == 1
    shown = result.stdout + result.stderr
    assert ("cases/LR-2026-001.yaml" if where == "case" else "SGLEARN_NAMES_FILE") in shown
    assert "named pipe" in shown and "Traceback" not in shown


@pytest.mark.parametrize("name", ["LR-2026-009.YAML", "LR-2026-009.yaml.txt", "older"])
def test_a_case_lookalike_that_is_not_read_is_reported(tmp_path: Path, name: str) -> None:
    from sglearn.check.validation import validate
    from sglearn.read.project import Project

    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / name).mkdir() if name == "older" else (cases / name).write_text("id: x\n")
    report = validate(Project(tmp_path), __import__("datetime").date(2026, 11, 27))
    assert [(p.path, p.rule) for p in report.problems if p.rule == "io/not-read"] == [
        (f"cases/{name}", "io/not-read")
    ]


def test_a_fifo_beside_a_named_case_does_not_hang_the_fast_path(tmp_path: Path) -> None:
    """`validate cases/ONE.yaml` reads other files for their ids: a pipe there is skipped."""
    import shutil
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[2]
    project = tmp_path / "repo"
    shutil.copytree(repo / "cases", project / "cases")
    os.mkfifo(project / "cases" / "LR-2026-099.yaml")
    named = sorted((project / "cases").glob("LR-2025-*.yaml"))[0]
    result = subprocess.run(
        [sys.executable, "-m", "sglearn", "validate", "--project", str(project), str(named)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=repo,
    )
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
