"""sglearn as a pre-commit hook, run for real by pre-commit on a repository with a bad case."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent.parent
BAD_CASE = """\
id: LR-2026-001
title: Contact the manager at jo.bloggs@example.org
"""


def test_hook_manifest_offers_sglearn_validate() -> None:
    hook, inputs = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert inputs["id"] == "sglearn-validate-published-inputs"
    assert inputs["pass_filenames"] is False
    for published in ("docs/notes.txt", "docs/img/map.svg", "schemas/settings.yaml", "mkdocs.yml"):
        assert re.match(inputs["files"], published), published
    assert hook["id"] == "sglearn-validate"
    assert hook["language"] == "python"
    assert hook["files"] == r"^cases/.*\.yaml$"
    assert hook["pass_filenames"] is True


def test_this_repository_runs_the_hook() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook["id"] for repo in config["repos"] for hook in repo["hooks"]]
    assert "sglearn-validate" in hooks
    assert "sglearn-validate-published-inputs" in hooks


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@invalid",
    }
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_stops_a_commit_with_a_bad_case(tmp_path: Path) -> None:
    # The hook repository: a copy of this checkout as a git repository, so the test uses the
    # hook as it is now (try-repo on the checkout itself would miss files not yet committed).
    hooks = tmp_path / "sglearn-hooks"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "bench")
    shutil.copytree(REPO / "sglearn", hooks / "sglearn", ignore=ignore)
    shutil.copytree(REPO / "schemas", hooks / "schemas")
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(REPO / name, hooks / name)
    git(hooks, "init", "-q")
    git(hooks, "add", "-A")
    git(hooks, "commit", "-q", "-m", "hooks")
    rev = git(hooks, "rev-parse", "HEAD")

    # A governance repository with a case that names a person's e-mail address.
    target = tmp_path / "governance"
    (target / "cases").mkdir(parents=True)
    (target / "cases" / "LR-2026-001.yaml").write_text(BAD_CASE, encoding="utf-8")
    (target / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks.as_posix()}\n    rev: {rev}\n"
        "    hooks:\n      - id: sglearn-validate\n",
        encoding="utf-8",
    )
    git(target, "init", "-q")
    git(target, "add", "-A")

    # Offline: the hook's virtualenv sees the packages installed in this test environment
    # (the base interpreter's site-packages are not enough in a fresh virtual environment,
    # where hatchling, sglearn's build backend, lives only here), and pip builds sglearn from
    # the hook repository without going to an index.
    here = sysconfig.get_paths()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(dict.fromkeys((here["purelib"], here["platlib"]))),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "VIRTUALENV_SYSTEM_SITE_PACKAGES": "true",
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "sglearn validate (learning review case files)" in output
    assert "Failed" in output
    assert "cases/LR-2026-001.yaml:" in output
    assert "[privacy/email]" in output
