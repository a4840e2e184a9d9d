"""Findings become problems at the value's position, masked, and only a review silences one."""

from __future__ import annotations

from pathlib import Path

import pytest

from sglearn.check.privacy import NO_NAMES, compile_names, load_names, scan_document, scan_text
from sglearn.commands.cli import main
from sglearn.read.loading import Document, load_bytes
from sglearn.read.project import Project
from tests.conftest import REPO

SAMPLE = (REPO / "cases" / "LR-2025-001.yaml").read_text(encoding="utf-8")


def scan(text: str, names: list[str] | None = None) -> list[tuple[str, int, int]]:
    document = load_bytes(text.encode("utf-8"), "cases/x.yaml")
    assert isinstance(document, Document), document
    problems = scan_document(document, compile_names(names or []))
    return [(p.rule, p.line, p.column) for p in problems]


def test_scan_reports_the_exact_column_of_plain_and_quoted_values() -> None:
    text = (
        "id: LR-2026-001\n"
        "summary: ring 07700 900123 today\n"
        "title: 'NHS 943 476 5919'\n"
        'note: "write to a.b@example.org"\n'
    )
    assert scan(text) == [
        ("privacy/phone", 2, 15),
        ("privacy/nhs-number", 3, 13),
        ("privacy/email", 4, 17),
    ]


def test_scan_reports_the_line_inside_a_literal_block() -> None:
    text = "id: LR-2026-001\nsummary: |\n  first line\n  born 01/02/1990 here\n"
    assert scan(text) == [("privacy/date-of-birth", 4, 1)]


def test_scan_reports_the_start_of_folded_and_escaped_values() -> None:
    text = 'a: >\n  one\n  07700 900123\nb: "tab\\there 07700 900123"\n'
    assert scan(text) == [("privacy/phone", 1, 4), ("privacy/phone", 4, 4)]


def test_scan_reads_numbers_and_nested_values() -> None:
    text = "id: LR-2026-001\nlist:\n  - {ref: 9434765919}\n  - [x, [M1 1AE]]\n"
    assert scan(text) == [("privacy/nhs-number", 3, 11), ("privacy/postcode", 4, 10)]


def test_scan_messages_never_echo_the_identifier() -> None:
    text = "a: 943 476 5919, AB123456C, jane.doe@example.co.uk, 07700 900123, SW1A 1AA, Jane Doe\n"
    document = load_bytes(text.encode(), "cases/x.yaml")
    assert isinstance(document, Document)
    problems = scan_document(document, compile_names(["Jane Doe"]))
    assert len(problems) == 6
    for secret in ("943 476 5919", "AB123456C", "jane.doe", "900123", "SW1A 1AA", "Jane Doe"):
        for problem in problems:
            assert secret not in problem.message + problem.hint
    assert "943 *** ****" in problems[0].message
    assert all("privacy_reviewed" in p.hint for p in problems)
    name = next(p for p in problems if p.rule == "privacy/name")
    assert "a name from your names list (J***)" in name.message


REVIEWED = """\
id: LR-2026-001
summary: call 0300 123 4567 or 0300 123 4568; NHS 943 476 5919
privacy_reviewed:
  - rule: privacy/phone
    value: 0300 123 4567
    reason: The service's public switchboard.
    reviewed_by: Data protection officer
"""


def test_privacy_reviewed_silences_one_value_for_one_rule() -> None:
    assert scan(REVIEWED) == [("privacy/phone", 2, 32), ("privacy/nhs-number", 2, 51)]


def test_privacy_reviewed_for_another_rule_silences_nothing() -> None:
    text = REVIEWED.replace("rule: privacy/phone", "rule: privacy/postcode")
    assert [rule for rule, _, _ in scan(text)] == [
        "privacy/phone",
        "privacy/phone",
        "privacy/nhs-number",
    ]


@pytest.mark.parametrize("missing", ["reason", "reviewed_by"])
def test_privacy_reviewed_without_reason_or_reviewer_silences_nothing(missing: str) -> None:
    text = "\n".join(line for line in REVIEWED.splitlines() if missing not in line) + "\n"
    assert len(scan(text)) == 3


def test_privacy_reviewed_in_another_file_does_not_apply() -> None:
    other = "id: LR-2026-002\nsummary: call 0300 123 4567\n"
    assert scan(other) == [("privacy/phone", 2, 15)]


def test_names_file_from_environment(tmp_path: Path) -> None:
    names_file = tmp_path / "secret-names.txt"
    names_file.write_text("# staff\nJane Doe\n\nPriya Patel\n", encoding="utf-8")
    names, problems = load_names(tmp_path, {"SGLEARN_NAMES_FILE": str(names_file)})
    assert problems == [] and names.count == 2
    assert [p.rule for p in scan_text("Priya patel said", "docs/a.md", names)] == ["privacy/name"]


def test_names_file_default_is_optional(tmp_path: Path) -> None:
    assert load_names(tmp_path, {}) == (NO_NAMES, [])
    (tmp_path / ".sglearn-names.txt").write_text("\ufeffJane Doe\n", encoding="utf-8")
    names, problems = load_names(tmp_path, {})
    assert problems == [] and names.count == 1


def test_names_file_asked_for_but_missing_is_an_error(tmp_path: Path) -> None:
    names, problems = load_names(tmp_path, {"SGLEARN_NAMES_FILE": str(tmp_path / "nope.txt")})
    assert names is NO_NAMES
    assert [(p.path, p.rule) for p in problems] == [("SGLEARN_NAMES_FILE", "privacy/names-file")]


def write_case(project: Project, name: str, text: str) -> Path:
    path = project.cases_dir / name
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_scans_files_that_fail_the_schema(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    write_case(tmp_project, "LR-2026-001.yaml", "id: LR-2026-001\ntitle: ring 07700 900123\n")
    status = main(["validate", "--project", str(tmp_project.root), "--format", "json"])
    out = capsys.readouterr().out
    assert status == 1
    assert "privacy/phone" in out and "schema/required" in out
    assert "900123" not in out


def test_validate_uses_the_names_list_and_never_prints_it(
    tmp_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SAMPLE.replace("Care assistant (days)", "Care assistant Zebedee Quux")
    write_case(tmp_project, "LR-2025-001.yaml", text)
    names_file = tmp_project.root / ".sglearn-names.txt"
    names_file.write_text("Zebedee Quux\nAnother Person\n", encoding="utf-8")
    monkeypatch.delenv("SGLEARN_NAMES_FILE", raising=False)
    status = main(["validate", "--project", str(tmp_project.root)])
    captured = capsys.readouterr()
    assert status == 1
    line = 1 + next(i for i, row in enumerate(text.splitlines()) if "Zebedee" in row)
    column = 1 + text.splitlines()[line - 1].index("Zebedee")
    where = f"cases/LR-2025-001.yaml:{line}:{column}"
    assert f"{where}: error: a name from your names list (Z***)" in captured.out
    assert "Zebedee" not in captured.out + captured.err
    assert "Another" not in captured.out + captured.err


def test_validate_sample_case_has_no_false_positive(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    write_case(tmp_project, "LR-2025-001.yaml", SAMPLE)
    assert main(["validate", "--project", str(tmp_project.root)]) == 0, capsys.readouterr().out


def test_validate_scans_every_docs_file_only_for_the_default_set(
    tmp_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    write_case(tmp_project, "LR-2025-001.yaml", SAMPLE)
    docs = tmp_project.root / "docs" / "guide"
    docs.mkdir(parents=True)
    (docs / "contact.md").write_text("# Contact\n\nAsk Jo on 07700 900123.\n", encoding="utf-8")
    (docs / "notes.txt").write_text("07700 900123\n", encoding="utf-8")
    assert main(["validate", "--project", str(tmp_project.root)]) == 1
    out = capsys.readouterr().out
    assert "docs/guide/contact.md:3:11: error: a phone number (07*** ******)" in out
    # MkDocs copies a .txt file into the site as it is, so it is scanned like a page.
    assert "docs/guide/notes.txt:1:1: error: a phone number (07*** ******)" in out
    case = str(tmp_project.cases_dir / "LR-2025-001.yaml")
    assert main(["validate", "--project", str(tmp_project.root), case]) == 0


def test_docs_page_front_matter_can_review_a_value() -> None:
    page = (
        "---\nprivacy_reviewed:\n  - rule: privacy/phone\n    value: 0300 123 4567\n"
        "    reason: Public switchboard.\n    reviewed_by: Quality lead\n---\n"
        "Call 0300 123 4567, not 0300 123 4568.\n"
    )
    problems = scan_text(page, "docs/index.md", NO_NAMES)
    assert [(p.rule, p.line, p.column) for p in problems] == [("privacy/phone", 8, 25)]
