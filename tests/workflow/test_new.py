"""``sglearn new``: a complete, guided case file that cannot pass until it is filled in."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
import yaml

from sglearn.check.validation import validate
from sglearn.commands.cli import main
from sglearn.commands.scaffold import NewCase, ScaffoldError, next_case_id, render_case, write_case
from sglearn.read.project import Project
from sglearn.review.vocabulary import load_vocabularies

AS_OF = date(2026, 6, 1)
PLACEHOLDER = re.compile(r'TODO|""|YYYY-MM-DD')


class FakeTerminal(io.StringIO):
    """Answers typed at a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def new(project: Project, *args: str) -> int:
    return main(["new", "--project", str(project.root), *args])


def placeholder_lines(text: str) -> list[int]:
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if not line.lstrip().startswith("#") and PLACEHOLDER.search(re.sub(r"\s+#.*$", "", line))
    ]


def fill(text: str) -> str:
    """Do what the lead does: replace every placeholder with a real answer."""
    todo = {
        "case_type": "allegation",
        "hold": "false",
        "jurisdiction": "england",
        "route": "pipot",
        "allegation": "substantiated",
        "employment_outcome": "management-advice",
        "safeguarding": "risk-reduced",
        "required": "false",
        "method": "post-investigation-learning-review",
        "referral_source": "staff-member",
        "theme": "supervision-inconsistent",
        "system_level": "team",
        "type": "supervision",
        "better": "higher",
        "source": "supervision-records",
        "value": "20",
    }
    dates = {
        "investigation_concluded": "2026-04-17",
        "from": "2025-10-01",
        "to": "2026-03-06",
        "due": "2026-09-30",
    }
    out = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            out.append(line)
            continue
        key = line.strip().removeprefix("- ").split(":", 1)[0]
        indent = line[: len(line) - len(line.lstrip())]
        if line.strip().startswith("decision: TODO"):
            out.append(f"{indent}decision: not-referred")
            out.append(f"{indent}rationale: Considered at the strategy discussion; not needed.")
            continue
        if key in todo and ": TODO" in line:
            line = f"{indent}{key}: {todo[key]}"
        elif key in dates and "YYYY-MM-DD" in line:
            line = f"{indent}{key}: {dates[key]}"
        line = line.replace(
            "[TODO]", "[psychological]" if key == "abuse_categories" else "[cqc-2023:safeguarding]"
        )
        line = line.replace(
            "{from: YYYY-MM-DD, to: YYYY-MM-DD}", "{from: 2026-01-01, to: 2026-03-31}"
        )
        line = re.sub(r'""  # TODO.*$', '"Written by the lead."', line)
        out.append(line)
    return "\n".join(out) + "\n"


def test_new_writes_every_section_with_the_editor_schema_line(tmp_project: Project) -> None:
    assert new(tmp_project, "--service", "maple-court", "--received", "2026-03-06") == 0
    text = (tmp_project.cases_dir / "LR-2026-001.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/case.schema.json"
    data = yaml.safe_load(text)
    schema = json.loads((tmp_project.root / "schemas/case.schema.json").read_text())
    assert set(schema["required"]) <= set(data)
    assert data["id"] == "LR-2026-001"
    assert data["dates"]["concern_received"] == date(2026, 3, 6)
    assert (data["service"], data["track"], data["setting"]) == (
        "maple-court",
        "adults",
        "care-home",
    )
    # Guidance comes from the schema's own descriptions.
    assert data["schema_version"] == 2
    assert schema["properties"]["staff_involved"]["description"] in " ".join(
        line.lstrip("# ") for line in text.splitlines()
    )


def test_new_file_fails_on_every_placeholder_until_filled_in(tmp_project: Project) -> None:
    assert new(tmp_project, "--service", "maple-court", "--received", "2026-03-06") == 0
    path = tmp_project.cases_dir / "LR-2026-001.yaml"
    text = path.read_text(encoding="utf-8")

    unfinished = validate(tmp_project, AS_OF)
    flagged = {p.line for p in unfinished.problems if p.is_error}
    assert unfinished.errors > 20
    assert set(placeholder_lines(text)) <= flagged

    path.write_text(fill(text), encoding="utf-8")
    finished = validate(tmp_project, AS_OF)
    assert [p for p in finished.problems if p.is_error] == []


def test_new_numbers_after_the_highest_id_of_that_year_and_never_fills_gaps(
    tmp_project: Project,
) -> None:
    for name in ("LR-2026-001", "LR-2026-003", "LR-2025-007"):
        (tmp_project.cases_dir / f"{name}.yaml").write_text(f"id: {name}\n", encoding="utf-8")
    assert next_case_id(tmp_project.cases_dir, 2026) == "LR-2026-004"
    assert next_case_id(tmp_project.cases_dir, 2025) == "LR-2025-008"
    assert next_case_id(tmp_project.cases_dir, 2027) == "LR-2027-001"


def test_new_counts_an_id_inside_a_misnamed_file(tmp_project: Project) -> None:
    (tmp_project.cases_dir / "copy of review.yaml").write_text(
        "id: LR-2026-012\n", encoding="utf-8"
    )
    assert next_case_id(tmp_project.cases_dir, 2026) == "LR-2026-013"


def test_new_takes_the_year_from_the_date_received(tmp_project: Project) -> None:
    (tmp_project.cases_dir / "LR-2026-001.yaml").write_text("id: LR-2026-001\n", encoding="utf-8")
    assert new(tmp_project, "--service", "oakfield-house", "--received", "2025-12-30") == 0
    assert (tmp_project.cases_dir / "LR-2025-001.yaml").is_file()


def test_new_never_overwrites_an_existing_file(tmp_project: Project) -> None:
    existing = tmp_project.cases_dir / "LR-2026-001.yaml"
    existing.write_text("id: LR-2026-001\n# the lead's work\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists"):
        write_case(tmp_project.cases_dir, "LR-2026-001", "replaced\n")
    assert existing.read_text(encoding="utf-8") == "id: LR-2026-001\n# the lead's work\n"


def test_new_without_a_terminal_names_the_missing_option(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(tmp_project, "--received", "2026-03-06") == 2
    assert "--service is missing" in capsys.readouterr().err
    assert new(tmp_project, "--service", "maple-court") == 2
    assert "--received is missing" in capsys.readouterr().err
    assert list(tmp_project.cases_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--service", "nowhere", "--received", "2026-03-06"], "not in schemas/vocabularies"),
        (["--service", "maple-court", "--received", "6/3/2026"], "must be a date like"),
        (
            ["--service", "maple-court", "--track", "children", "--received", "2026-03-06"],
            "is a service for adults",
        ),
    ],
)
def test_new_refuses_answers_that_cannot_be_right(
    tmp_project: Project, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert new(tmp_project, *args) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_project.cases_dir.iterdir()) == []


def test_new_asks_at_a_terminal_for_what_is_missing(
    tmp_project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # An impossible date stops with exit 2 and writes nothing.
    monkeypatch.setattr("sys.stdin", FakeTerminal("1\n2026-02-30\n"))
    assert new(tmp_project) == 2
    # Service by number (maple-court is listed first), date, case type by number, title.
    monkeypatch.setattr("sys.stdin", FakeTerminal("1\n2026-03-06\n2\nLate shift handovers\n"))
    assert new(tmp_project) == 0
    data = yaml.safe_load((tmp_project.cases_dir / "LR-2026-001.yaml").read_text())
    assert data["service"] == "maple-court"
    assert data["case_type"] == "low-level-concern"
    assert data["route"] == "internal"
    assert data["title"] == "Late shift handovers"
    assert "Started LR-2026-001: cases/LR-2026-001.yaml" in capsys.readouterr().out


def test_new_title_cannot_add_fields_or_comments(tmp_project: Project) -> None:
    title = 'Shift: "banter" # not a comment\nstatus: closed'
    answers = NewCase(date(2026, 3, 6), "maple-court", "adults", "allegation", title)
    text = render_case(tmp_project, load_vocabularies(tmp_project), answers, "LR-2026-001")
    data = yaml.safe_load(text)
    assert data["title"] == 'Shift: "banter" # not a comment status: closed'
    assert data["status"] == "open"


def test_new_help_explains_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["new", "--help"])
    assert stopped.value.code == 0
    help_text = capsys.readouterr().out
    for option in ("--service", "--track", "--received", "--case-type", "--title", "--project"):
        assert option in help_text
    assert "never" in help_text.lower()


def test_new_lists_services_by_name_with_the_id_beside(
    tmp_project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The lead may answer with the number, the id or the name as listed.
    monkeypatch.setattr("sys.stdin", FakeTerminal("Riverside Lodge\n2026-03-06\n1\n\n"))
    assert new(tmp_project) == 0
    out = capsys.readouterr().out
    assert "  1. Maple Court (maple-court)\n" in out
    assert "  2. Riverside Lodge (riverside-lodge)\n" in out
    data = yaml.safe_load((tmp_project.cases_dir / "LR-2026-001.yaml").read_text())
    assert data["service"] == "riverside-lodge"


def test_new_takes_a_service_by_its_name_and_suggests_the_id_for_a_typo(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(tmp_project, "--service", "maple court", "--received", "2026-03-06") == 0
    data = yaml.safe_load((tmp_project.cases_dir / "LR-2026-001.yaml").read_text())
    assert data["service"] == "maple-court"
    assert new(tmp_project, "--service", "maple cort", "--received", "2026-03-06") == 2
    err = capsys.readouterr().err
    assert "(known: Maple Court (maple-court), Riverside Lodge (riverside-lodge)," in err
    assert "Did you mean 'maple-court'?" in err
