"""No output of any check, in any format, prints what a detector flags.

Identifiers are fed into every kind of field (free text, a date, an enum, a key, a list
item, a number, a line that is not YAML) and the whole output of each format is scanned
with the detectors themselves: it must hold masks only.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from sglearn.check.privacy import compile_names, findings
from sglearn.commands.cli import main
from sglearn.read.project import Project

REPO = Path(__file__).resolve().parents[2]
SAMPLE = (REPO / "cases" / "LR-2025-001.yaml").read_text(encoding="utf-8")
HOSTILE = sorted((REPO / "tests" / "data" / "hostile").glob("privacy-*.yaml"))
NHS, PHONE, EMAIL = "943 476 5919", "07700 900123", "jo.bloggs@example.org"

FIELD_TYPES = {
    "free-text": SAMPLE.replace("title: ", f"title: Call {PHONE} ", 1),
    "date": SAMPLE.replace("concern_received: 2025-", f"concern_received: '{NHS}' #", 1),
    "enum": SAMPLE.replace("case_type: allegation", f"case_type: {EMAIL}", 1),
    "unknown-key": SAMPLE + f'"{NHS}": surplus\n',
    "list-item": SAMPLE.replace("abuse_categories: [", f"abuse_categories: ['{PHONE}', ", 1),
    "number": SAMPLE.replace("case_type: allegation", "case_type: 9434765919", 1),
    "yaml-syntax": f"id: LR-2025-001\ntitle: [unclosed {NHS}\n",
    "comment": SAMPLE + f"# Mrs Okafor on {PHONE}\n",
}


def leaks(output: str) -> list[str]:
    names = compile_names(["Zebedee Quux"])
    return [output[f.start : f.end] for f in findings(output, names)]


@pytest.mark.parametrize("field", sorted(FIELD_TYPES))
@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_no_format_prints_an_identifier_fed_into_any_field(
    field: str, fmt: str, tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_project.cases_dir / "LR-2025-001.yaml"
    case.write_text(FIELD_TYPES[field], encoding="utf-8")
    assert main(["validate", "--project", str(tmp_project.root), "--format", fmt]) == 1
    captured = capsys.readouterr()
    assert leaks(captured.out + captured.err) == []
    assert "*" in captured.out, "the finding is reported, masked"


def test_a_name_in_a_schema_message_is_masked(
    tmp_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_project.root / ".sglearn-names.txt").write_text("Zebedee Quux\n", encoding="utf-8")
    monkeypatch.delenv("SGLEARN_NAMES_FILE", raising=False)
    monkeypatch.chdir(tmp_project.root)
    case = tmp_project.cases_dir / "LR-2025-001.yaml"
    case.write_text(SAMPLE.replace("case_type: allegation", "case_type: Zebedee Quux"), "utf-8")
    assert main(["validate", "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert "Zebedee" not in out and "Quux" not in out


def test_hostile_privacy_files_through_the_command_leak_nothing(tmp_project: Project) -> None:
    """Every attack file together, through the real command, in every format; the case
    files are byte for byte the same afterwards."""
    for file in HOSTILE:
        (tmp_project.cases_dir / file.name).write_bytes(file.read_bytes())
    before = {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in HOSTILE}
    for fmt in ("text", "github", "json"):
        result = subprocess.run(
            [sys.executable, "-m", "sglearn", "validate", "--format", fmt],
            cwd=tmp_project.root,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert leaks(result.stdout + result.stderr) == []
    after = {
        f.name: hashlib.sha256((tmp_project.cases_dir / f.name).read_bytes()).hexdigest()
        for f in HOSTILE
    }
    assert after == before
