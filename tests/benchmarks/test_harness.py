"""The harness runs end to end on a small corpus and writes its table (it is not a timed test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sglearn.commands.cli import main


@pytest.mark.slow
def test_bench_writes_markdown_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "perf.md"
    status = main(
        ["bench", "--cases", "20", "--repeat", "1", "--out", str(out), "--workdir", str(tmp_path)]
    )
    assert status == 0
    table = out.read_text(encoding="utf-8")
    assert capsys.readouterr().out == table
    for row in ("read + parse (libyaml C loader)", "sglearn validate", "check-jsonschema"):
        assert any(line.startswith(f"| {row}") for line in table.splitlines()), row
    assert "validate / parse floor" in table
    assert "| sglearn validate | " in table
    validate_row = next(r for r in table.splitlines() if r.startswith("| sglearn validate |"))
    assert " s, " in validate_row and "MB" in validate_row


def test_bench_refuses_nonsense_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--cases", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err
