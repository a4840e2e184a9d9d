"""`sglearn serve` validates again on every save: the same report, re-checking only changes."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sglearn.check.revalidation import KeptChecks
from sglearn.check.validation import validate
from sglearn.read.project import Project

REPO = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 27)


def make_project(root: Path) -> Project:
    for folder in ("cases", "schemas", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return Project(root)


def test_a_save_is_checked_alone_and_the_report_is_a_full_runs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "repo")
    kept = KeptChecks()
    assert kept.validate(project, AS_OF).problems == validate(project, AS_OF).problems
    case = project.cases_dir / "LR-2025-001.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "title: twice\n", encoding="utf-8")
    report = kept.validate(project, AS_OF)
    assert kept.rechecked == [case]
    assert report.problems == validate(project, AS_OF).problems
    assert any(p.rule == "yaml/duplicate-key" and p.line for p in report.problems)


def test_a_changed_vocabulary_checks_every_case_again(tmp_path: Path) -> None:
    project = make_project(tmp_path / "repo")
    kept = KeptChecks()
    kept.validate(project, AS_OF)
    themes = project.root / "schemas" / "vocabularies" / "themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    kept.validate(project, AS_OF)
    assert len(kept.rechecked) == len(list(project.cases_dir.glob("*.yaml")))


def test_the_serve_process_keeps_each_cases_values_not_where_each_was_written(
    tmp_path: Path,
) -> None:
    """Between saves the server holds every case; the node trees would take several times
    the memory of the values, and every problem already says where it was written."""
    project = make_project(tmp_path / "repo")
    report = KeptChecks().validate(project, AS_OF)
    full = validate(project, AS_OF)
    assert [d.data for d in report.documents] == [d.data for d in full.documents]
    assert report.documents and all(d.root.value == [] for d in report.documents)


def test_pages_made_without_a_validated_report_keep_values_only(tmp_path: Path) -> None:
    """A plain `mkdocs build` or `sglearn render` validates inside the page generator."""
    from sglearn.publish.atomic import generate_site

    project = make_project(tmp_path / "repo")
    generation = generate_site(project, AS_OF)
    assert generation.ok and generation.files
    documents = generation.report.documents
    assert documents and all(d.root.value == [] for d in documents)
