"""One file per attack in tests/data/hostile/: each gives its rule and line, never a traceback.

Each corpus file's first line is ``# expect: RULE LINE``. The files are copied into a fresh
project and validated in-process (fast, exact) and once all together in a subprocess (proof
that nothing reaches stderr as a traceback).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sglearn.commands.cli import main
from sglearn.read.project import Project

CORPUS = Path(__file__).resolve().parent.parent / "data" / "hostile"
FILES = sorted(CORPUS.glob("*.yaml"))
_EXPECT = re.compile(r"# expect: (\S+) (\d+)")


def expectation(file: Path) -> tuple[str, int]:
    raw = file.read_bytes()
    text = (
        raw.decode("utf-16")
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff")
        else raw.decode("utf-8-sig", errors="replace")
    )
    found = _EXPECT.match(text)
    assert found, f"{file.name} must start with '# expect: RULE LINE'"
    return found.group(1), int(found.group(2))


def run_json(
    project: Project, capsys: pytest.CaptureFixture[str], *paths: str
) -> tuple[int, list[dict[str, object]], str]:
    status = main(["validate", "--project", str(project.root), "--format", "json", *paths])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return status, json.loads(captured.out)["problems"], captured.err


def corpus_params() -> list[object]:
    return list(FILES)


def test_corpus_has_one_file_per_attack() -> None:
    assert len(FILES) >= 30
    for file in FILES:
        expectation(file)


@pytest.mark.parametrize("file", corpus_params(), ids=lambda f: f.stem)
def test_hostile_file_reports_its_rule_and_line(
    file: Path, tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    rule, line = expectation(file)
    target = tmp_project.cases_dir / file.name
    shutil.copyfile(file, target)
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    status, problems, _ = run_json(tmp_project, capsys)
    assert status in (1, 2)
    found = [(p["rule"], p["line"]) for p in problems if p["path"] == f"cases/{file.name}"]
    assert (rule, line) in found, found
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before, "validate changed a case"


def test_hostile_corpus_in_a_subprocess_prints_no_traceback(tmp_project: Project) -> None:
    for file in FILES:
        shutil.copyfile(file, tmp_project.cases_dir / file.name)
    before = {f.name: f.read_bytes() for f in tmp_project.cases_dir.iterdir()}
    result = subprocess.run(
        [sys.executable, "-m", "sglearn", "validate", "--format", "json"],
        cwd=tmp_project.root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    problems = json.loads(result.stdout)["problems"]
    found = {(p["path"], p["rule"], p["line"]) for p in problems}
    for file in FILES:
        rule, line = expectation(file)
        assert (f"cases/{file.name}", rule, line) in found, file.name
    after = {f.name: f.read_bytes() for f in tmp_project.cases_dir.iterdir()}
    assert after == before, "validate must never modify or delete a case file"
