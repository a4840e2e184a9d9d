"""``sglearn report``: figures checked against four hand-counted cases (tests/data/workflow)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from sglearn.commands.cli import main
from sglearn.read.project import Project

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "workflow" / "cases"
AS_OF = "2026-05-15"  # 2026 Q2; the quarter before is 2026 Q1


@pytest.fixture
def project(tmp_project: Project) -> Project:
    for case in sorted(FIXTURES.glob("*.yaml")):
        shutil.copy(case, tmp_project.cases_dir / case.name)
    return tmp_project


def report(project: Project, capsys: pytest.CaptureFixture[str], fmt: str) -> str:
    status = main(["report", "--project", str(project.root), "--as-of", AS_OF, "--format", fmt])
    assert status == 0
    return capsys.readouterr().out


def test_report_figures_match_the_hand_count(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(report(project, capsys, "json"))
    assert (data["cases"], data["open_cases"], data["not_included"]) == (4, 3, [])
    assert (data["this_quarter"], data["last_quarter"]) == ("2026 Q2", "2026 Q1")
    # A1 of LR-2026-001 was due 2026-04-30 and is still in progress.
    assert [(a["case"], a["action"], a["days"]) for a in data["overdue_actions"]] == [
        ("LR-2026-001", "A1", 15)
    ]
    # Due within 30 days, soonest first; the held review LR-2026-003 counts (internal report).
    assert [(a["case"], a["action"], a["days"]) for a in data["due_soon_actions"]] == [
        ("LR-2026-003", "A1", 5),
        ("LR-2026-001", "A2", 17),
    ]
    # Open reviews only: LR-2025-004 is closed with its measure verified.
    assert [(e["case"], e["item"]) for e in data["awaiting_evidence"]] == [
        ("LR-2026-001", "M1 (A3)"),
        ("LR-2026-002", "M1 (A1)"),
    ]
    # Reviews received in the quarter, once per theme: 001 (Q1) supervision + staffing;
    # 002 (Q2) supervision + communication; 003 (Q2) staffing; 004 (2025 Q4) not counted.
    assert [(t["theme"], t["this_quarter"], t["last_quarter"]) for t in data["themes"]] == [
        ("supervision-inconsistent", 1, 1),
        ("staffing-pressure", 1, 1),
        ("training-gap-communication", 1, 0),
    ]
    # PiPoT referral two working days after a Monday concern; Ofsted still pending after
    # 37 days. The closed review's late CQC notification is not listed.
    assert [(x["case"], x["body"], x["state"], x["taken"]) for x in data["late_referrals"]] == [
        ("LR-2026-001", "PiPoT lead", "made late", "2 working days"),
        ("LR-2026-002", "Ofsted", "pending, past its deadline", "37 days"),
    ]


def test_report_markdown_pastes_into_minutes(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    text = report(project, capsys, "markdown")
    assert text.startswith("# Safeguarding governance report, as of 2026-05-15\n")
    assert "## Overdue actions (1)" in text
    row = "| LR-2026-001 | A1 | Night supervision on the rota. | Registered manager | 2026-04-30 |"
    assert row + " 15 |" in text
    assert "| Training gaps in communication | 1 | 0 | +1 |" in text
    assert "| Inconsistent supervision | 1 | 1 | 0 |" in text


def test_report_csv_has_one_row_per_line_of_the_report(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(csv.DictReader(io.StringIO(report(project, capsys, "csv"))))
    sections = [r["section"] for r in rows]
    assert sections == (
        ["overdue"] + ["due-soon"] * 2 + ["awaiting-evidence"] * 2 + ["themes"] * 3
        + ["late-referrals"] * 2
    )  # fmt: skip


def test_report_is_byte_identical_between_runs(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("markdown", "csv", "json"):
        assert report(project, capsys, fmt) == report(project, capsys, fmt)


def test_report_lists_case_files_it_had_to_leave_out(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    (project.cases_dir / "LR-2026-009.yaml").write_text("id: LR-2026-009\n", encoding="utf-8")
    text = report(project, capsys, "markdown")
    assert "**Not included**" in text and "cases/LR-2026-009.yaml" in text
    assert "4 learning reviews counted" in text


def test_report_table_cells_cannot_break_the_table(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    case = project.cases_dir / "LR-2026-001.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace(
            "Night supervision on the rota.", "Night supervision | rota"
        ),
        encoding="utf-8",
    )
    assert "| Night supervision \\| rota |" in report(project, capsys, "markdown")
