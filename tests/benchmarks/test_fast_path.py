"""Checking a few files in a big repository reports exactly what a full run reports for them.

The corpus has planted errors that the fast path could get wrong: copies with the same id
(sorting before and after the original), three files sharing one id, a broken file and a
schema-invalid file carrying a named id, an id spelled with YAML escapes, and a case that
mentions another case's id in its text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sglearn.bench.corpus import AS_OF, write_corpus
from sglearn.check import parallel
from sglearn.check.formats import format_text
from sglearn.check.id_index import candidates, check_named, fast_path_applies, may_share_id
from sglearn.check.parallel import check_files
from sglearn.check.validation import discover, validate
from sglearn.read.problems import sort_problems
from sglearn.read.project import Project
from sglearn.review.vocabulary import load_vocabularies


def _plant(project: Project) -> list[Path]:
    cases = project.cases_dir
    files = write_corpus(project, 60)
    text = {f.stem: f.read_text(encoding="utf-8") for f in files}
    # A copy whose name sorts before the original: the original is the "later" file.
    shutil.copy(cases / "LR-2019-001.yaml", cases / "LR-2019-001-copy.yaml")
    # Two copies of one case: three files share an id.
    for suffix in ("b", "c"):
        shutil.copy(cases / "LR-2019-002.yaml", cases / f"LR-2019-002{suffix}.yaml")
    # Broken YAML and a schema-invalid file carrying named ids: neither takes part.
    (cases / "LR-2019-003x.yaml").write_text(
        text["LR-2019-003"] + "  - [unclosed\n", encoding="utf-8"
    )
    (cases / "LR-2019-004x.yaml").write_text(
        text["LR-2019-004"].replace("title:", "titel:", 1), encoding="utf-8"
    )
    # The id written with escapes: its bytes never contain "LR-2019-005".
    (cases / "LR-2019-005x.yaml").write_text(
        text["LR-2019-005"].replace("id: LR-2019-005", 'id: "LR-2019-\\x30\\x305"', 1),
        encoding="utf-8",
    )
    # A case whose summary mentions another case's id.
    mention = text["LR-2019-006"].replace("summary: ", "summary: Follows LR-2019-007. ", 1)
    (cases / "LR-2019-006.yaml").write_text(mention, encoding="utf-8")
    return sorted(cases.glob("*.yaml"))


NAMED = [
    ["LR-2019-001.yaml"],
    ["LR-2019-001-copy.yaml"],
    ["LR-2019-002b.yaml"],
    ["LR-2019-002c.yaml", "LR-2019-002.yaml"],
    ["LR-2019-003.yaml"],
    ["LR-2019-003x.yaml"],
    ["LR-2019-004.yaml", "LR-2019-004x.yaml"],
    ["LR-2019-005.yaml"],
    ["LR-2019-005x.yaml"],
    ["LR-2019-006.yaml", "LR-2019-007.yaml"],
    ["LR-2020-001.yaml"],
]


def test_fast_path_reports_what_a_full_run_reports(tmp_project: Project) -> None:
    _plant(tmp_project)
    assert fast_path_applies()
    full = validate(tmp_project, AS_OF)
    rules_seen = {p.rule for p in full.problems}
    assert {"ids/unique", "yaml/syntax", "schema/unknown-field"} <= rules_seen
    vocabularies = load_vocabularies(tmp_project)
    every, _ = discover(tmp_project, [tmp_project.cases_dir])
    for names in NAMED:
        named = [tmp_project.cases_dir / name for name in names]
        shown = {f"cases/{name}" for name in names}
        expected = [p for p in full.problems if p.path in shown]
        found, _ = check_named(tmp_project, vocabularies, AS_OF, named, every)
        assert found == expected, names


def test_fast_path_finds_the_duplicates_it_must(tmp_project: Project) -> None:
    _plant(tmp_project)
    vocabularies = load_vocabularies(tmp_project)
    every, _ = discover(tmp_project, [tmp_project.cases_dir])
    for name, first in [
        ("LR-2019-001.yaml", "cases/LR-2019-001-copy.yaml"),
        ("LR-2019-002c.yaml", "cases/LR-2019-002.yaml"),
        ("LR-2019-005x.yaml", "cases/LR-2019-005.yaml"),
    ]:
        found, _ = check_named(
            tmp_project, vocabularies, AS_OF, [tmp_project.cases_dir / name], every
        )
        unique = [p for p in found if p.rule == "ids/unique"]
        assert len(unique) == 1 and first in unique[0].message, name


def test_may_share_id_is_false_only_when_it_cannot() -> None:
    assert may_share_id(b"id: LR-2026-004\n", ["LR-2026-004"])
    assert may_share_id(b'id: "LR-2026-\\x30\\x304"\n', ["LR-2026-004"])
    assert not may_share_id(b"id: LR-2026-005\n", ["LR-2026-004"])


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_results_match_serial(
    tmp_project: Project, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _plant(tmp_project)
    vocabularies = load_vocabularies(tmp_project)
    serial = check_files(tmp_project, vocabularies, AS_OF, files, jobs=1)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 0)
    seen: list[tuple[int, int]] = []
    pooled = check_files(
        tmp_project,
        vocabularies,
        AS_OF,
        files,
        jobs=jobs,
        progress=lambda done, total: seen.append((done, total)),
        keep_documents=False,
    )
    assert [c.problems for c in pooled] == [c.problems for c in serial]
    assert [c.summary for c in pooled] == [c.summary for c in serial]
    assert seen == [(n, len(files)) for n in range(1, len(files) + 1)]
    problems = sort_problems([p for c in pooled for p in c.problems])
    expected = sort_problems([p for c in serial for p in c.problems])
    assert format_text(problems, len(files)) == format_text(expected, len(files))


def test_validate_wiring_matches_a_full_serial_run(
    tmp_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _plant(tmp_project)
    full = validate(tmp_project, AS_OF)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 0)
    pooled = validate(tmp_project, AS_OF, keep_documents=False)
    assert pooled.problems == full.problems
    assert pooled.files_checked == full.files_checked
    for names in NAMED:
        named = [tmp_project.cases_dir / name for name in names]
        shown = {f"cases/{name}" for name in names}
        fast = validate(tmp_project, AS_OF, named, keep_documents=False)
        assert fast.problems == [p for p in full.problems if p.path in shown], names
        assert fast.files_checked == len(names)


def test_a_builds_validation_uses_the_pool_and_keeps_the_same_values(
    tmp_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build keeps each case's values (not where each was written): they come back from
    the pool, and the report is a full serial run's, values and problems alike."""
    _plant(tmp_project)
    full = validate(tmp_project, AS_OF)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 0)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    pooled_runs: list[int] = []
    real_parallel = parallel._parallel
    monkeypatch.setattr(
        parallel, "_parallel", lambda *a, **k: pooled_runs.append(1) or real_parallel(*a, **k)
    )
    built = validate(tmp_project, AS_OF, locations=False)
    assert pooled_runs == [1]
    assert built.problems == full.problems
    assert [(d.path, d.data) for d in built.documents] == [(d.path, d.data) for d in full.documents]
    assert built.documents and all(d.root.value == [] for d in built.documents)


def test_a_copy_under_another_id_is_found_and_a_mere_likeness_is_not_checked(
    tmp_project: Project,
) -> None:
    """Reviews written from one template share their opening words: only one whose values
    are a named file's copy needs checking; the same-review finding stays a full run's."""
    _plant(tmp_project)
    cases = tmp_project.cases_dir
    source = sorted(cases.glob("LR-20??-???.yaml"))[20]
    original = source.read_text(encoding="utf-8")
    case_id = source.stem
    copy = original.replace(f"id: {case_id}", "id: LR-2019-910", 1)
    (cases / "LR-2019-910.yaml").write_text(copy, encoding="utf-8")
    # The same opening words, another review: its summary goes on differently.
    line = next(x for x in original.splitlines() if x.startswith("summary: "))
    likeness = original.replace(f"id: {case_id}", "id: LR-2019-911", 1).replace(
        line, line + " Reviewed again at the next team meeting.", 1
    )
    (cases / "LR-2019-911.yaml").write_text(likeness, encoding="utf-8")
    vocabularies = load_vocabularies(tmp_project)
    every, _ = discover(tmp_project, [tmp_project.cases_dir])
    named = [source]
    full = validate(tmp_project, AS_OF)
    expected = [p for p in full.problems if p.path == f"cases/{source.name}"]
    found, _ = check_named(tmp_project, vocabularies, AS_OF, named, every)
    assert found == expected
    assert any(p.rule == "ids/same-review" for p in full.problems)
    checked = check_files(tmp_project, vocabularies, AS_OF, named, keep_documents=False)
    summary = checked[0].summary
    assert summary is not None
    opening = summary.opening.split("  ")[0][:24]
    others = [f for f in every if f != source]
    picked = candidates(others, [summary.id], [opening], {summary.fingerprint})
    assert cases / "LR-2019-910.yaml" in picked
    assert cases / "LR-2019-911.yaml" not in picked
