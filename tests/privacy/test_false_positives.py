"""The pattern detectors give no false positive on the sample cases, the docs, the sample
site as built and a generated corpus (the measurement behind docs/privacy.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

from sglearn.bench.corpus import AS_OF, write_corpus
from sglearn.check.privacy import scan_case, scan_pages
from sglearn.check.validation import validate
from sglearn.read.loading import Document, load_file
from sglearn.read.project import Project

REPO = Path(__file__).resolve().parents[2]


def test_sample_cases_docs_schemas_and_mkdocs_yml_have_no_finding() -> None:
    problems = scan_pages(REPO)
    for case in sorted((REPO / "cases").glob("*.yaml")):
        shown = f"cases/{case.name}"
        loaded = load_file(case, shown)
        assert isinstance(loaded, Document)
        problems += scan_case(case, shown, loaded)
    assert problems == []


def test_generated_corpus_has_no_privacy_finding(tmp_path: Path) -> None:
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    (tmp_path / "cases").mkdir()
    project = Project(tmp_path)
    write_corpus(project, 150)
    report = validate(project, AS_OF, keep_documents=False)
    assert report.files_checked == 150
    assert [p for p in report.problems if p.rule.startswith("privacy/")] == []
    assert [p for p in report.problems if p.rule == "outcomes/employment-in-text"] == []
