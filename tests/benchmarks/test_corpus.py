"""The benchmark's synthetic corpora are realistic and pass every check, so timings are honest."""

from __future__ import annotations

from pathlib import Path

from sglearn.bench.corpus import AS_OF, make_project, write_corpus
from sglearn.check.validation import validate
from sglearn.read.project import Project


def test_corpus_is_valid_against_schema_and_every_rule(tmp_project: Project) -> None:
    files = write_corpus(tmp_project, 60)
    report = validate(tmp_project, AS_OF)
    assert report.files_checked == 60 == len(files)
    assert [p for p in report.problems if p.is_error] == []


def test_corpus_is_deterministic_and_case_sized(tmp_path: Path) -> None:
    first = write_corpus(make_project(tmp_path / "a"), 30, seed=7)
    second = write_corpus(make_project(tmp_path / "b"), 30, seed=7)
    assert [f.read_bytes() for f in first] == [f.read_bytes() for f in second]
    lines = [f.read_text(encoding="utf-8").count("\n") for f in first]
    assert 80 <= sum(lines) / len(lines) <= 140


def test_corpus_varies_services_years_and_statuses(tmp_project: Project) -> None:
    texts = [f.read_text(encoding="utf-8") for f in write_corpus(tmp_project, 80)]
    services = {line for t in texts for line in t.splitlines() if line.startswith("service:")}
    statuses = {line for t in texts for line in t.splitlines() if line.startswith("status:")}
    years = {t.split("id: LR-", 1)[1][:4] for t in texts}
    assert len(services) >= 4
    assert len(statuses) == 4
    assert len(years) >= 6


def test_corpus_ids_stay_unique_at_ten_thousand_scale(tmp_project: Project) -> None:
    # Four-digit numbers once a year holds more than 999 cases (the id pattern allows 3-4).
    files = write_corpus(tmp_project, 1, seed=1)
    assert files[0].name == "LR-2019-001.yaml"
