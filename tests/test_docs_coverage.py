"""Documentation keeps up with the code: every command is in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from sglearn.commands.cli import COMMANDS, build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_described_in_the_readme(command: str) -> None:
    assert f"| `sglearn {command}" in README


def test_every_listed_command_exists() -> None:
    parser = build_parser()
    for command in COMMANDS:
        with pytest.raises(SystemExit) as done:
            parser.parse_args([command, "--help"])
        assert done.value.code == 0


def test_readme_test_command_is_the_one_ci_runs() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pytest" in README
    assert 'TEST_COMMAND="python3 -m pytest"' in ci
