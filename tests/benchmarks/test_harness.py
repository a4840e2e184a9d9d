"""The harness measures every row on a small corpus and writes its table (not a timed test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sglearn.bench.measures import UNAVAILABLE, Measure, Result, run_process
from sglearn.bench.table import table
from sglearn.bench.variants import BUILD_VARIANTS, BuildVariant, available, split
from sglearn.commands.cli import main

Measures = dict[str, Measure]

ROWS = (
    "read the files",
    "parse floor",
    "sglearn validate |",
    "sglearn validate one file",
    "check-jsonschema",
    "page generation alone (render_site)",
    "sglearn build (validate + pages + MkDocs)",
    "plain mkdocs build",
    "sglearn serve",
)


@pytest.mark.slow
def test_bench_measures_every_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "perf.md"
    status = main(
        ["bench", "--sizes", "20", "--repeat", "1", "--out", str(out), "--workdir", str(tmp_path)]
    )
    assert status == 0
    text = out.read_text(encoding="utf-8")
    assert capsys.readouterr().out == text
    assert "not measured" not in text
    heading = text.splitlines()[0]
    for part in ("`sglearn bench --sizes 20 --repeat 1 --out ", "commit `", " cores", "memory"):
        assert part in heading, part
    assert "Python 3." in heading and "load average" in heading
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    for row in ROWS:
        found = [r for r in rows if r.startswith(f"| {row}")]
        assert found, row
        assert " s, " in found[0] and " MB |" in found[0], found[0]
    for variant in BUILD_VARIANTS:
        line = next(r for r in rows if r.startswith(f"| {variant.name} |"))
        assert UNAVAILABLE in line or " s, " in line, line


def test_bench_refuses_nonsense_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--sizes", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err


HELP = """usage: sglearn build [-h] [--site-dir DIR] [--publisher {mkdocs,properdocs}]
  --publisher {mkdocs,properdocs}  the host that builds the site
  --strict  MkDocs warnings fail the build; see also --all-audiences-later
"""


def test_a_variant_is_available_only_when_build_help_names_it() -> None:
    have, missing = split(BUILD_VARIANTS, HELP)
    assert [v.key for v in have] == ["build_properdocs"]
    assert [v.key for v in missing] == ["build_zensical", "build_audiences"]
    assert not available(BuildVariant("x", ("--site",), ("--site",)), HELP)


def test_a_missing_variant_reads_not_available_and_variants_follow_the_build() -> None:
    results = [Result(20), Result(200)]
    for result in results:
        result.measures["build"] = Measure("sglearn build", 2.0, 100.0)
        result.measures["build_x"] = Measure(
            "sglearn build --x", note=UNAVAILABLE, unavailable=True
        )
        result.measures["mkdocs"] = Measure("plain mkdocs build", 1.0, 50.0)
    text = table(results, 1)
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    names = [row.split(" | ")[0] for row in rows[2:5]]
    assert names == ["| sglearn build", "| sglearn build --x", "| plain mkdocs build"]
    assert rows[3].count(UNAVAILABLE) == 2
    assert "not measured" not in text and "Not part of this run: N = 100, N = 1,000" in text


def test_peak_memory_counts_every_process_in_the_tree(tmp_path: Path) -> None:
    # Two children hold 120 MB each at the same time: a process's own ru_maxrss (which takes
    # the largest waited-for child) would say about 120; the tree holds twice that.
    child = "import time; b = b'x' * (120 * 2**20); time.sleep(1.5)"
    parent = (
        "import subprocess, sys; "
        f"ps = [subprocess.Popen([sys.executable, '-c', {child!r}]) for _ in range(2)]; "
        "[p.wait() for p in ps]"
    )
    run = run_process([sys.executable, "-c", parent], tmp_path)
    assert run.status == 0
    assert run.peak_mb > 200


def test_build_help_is_read_from_the_command_itself(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sglearn", "build", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "--site-dir" in done.stdout


def test_build_up_to_measures_the_compared_pair_beyond_the_site_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 10,000 cases the targets compare `sglearn build` with plain MkDocs; the variants
    and serve stay with --site-up-to."""
    from sglearn.bench import harness

    asked: list[tuple[int, int]] = []

    def site(root: Path, repeat: int, env: object, as_of: str, *variants: object) -> Measures:
        asked.append((len(list((root / "cases").glob("*.yaml"))), len(variants)))
        return {k: Measure(k, 1.0, 10.0) for k in ("render", "build", "mkdocs")}

    monkeypatch.setattr(harness, "site_times", site)
    monkeypatch.setattr(harness, "check_jsonschema_time", lambda *_: Measure("c", 1.0, 1.0))
    monkeypatch.setattr(harness, "serve_time", lambda *_: Measure("serve", 1.0, 1.0))
    variant = BuildVariant("build_x", ("--x",), ("--x",))
    found = ([variant], [])
    beyond = harness.measure_count(3, 1, tmp_path, print, 2, found, build_up_to=3)
    assert asked == [(3, 0)], "the pair alone, without the variants"
    assert beyond.seconds("build") == 1.0 and beyond.seconds("mkdocs") == 1.0
    assert beyond.seconds("build_x") is None and beyond.seconds("serve") is None
    assert "--site-up-to" in beyond.measures["build_x"].note
    skipped = harness.measure_count(3, 1, tmp_path, print, 2, found)
    assert asked == [(3, 0)] and skipped.seconds("build") is None


def test_the_memory_ratio_compares_peaks_where_both_were_measured() -> None:
    measured, skipped = Result(1000), Result(10000)
    measured.measures["build"] = Measure("sglearn build", 40.0, 300.0)
    measured.measures["mkdocs"] = Measure("plain mkdocs build", 30.0, 200.0)
    skipped.measures["build"] = Measure("sglearn build", note="not measured: too big")
    skipped.measures["mkdocs"] = Measure("plain mkdocs build", note="not measured: too big")
    rows = table([measured, skipped], 1).splitlines()
    memory = next(r for r in rows if r.startswith("| sglearn build / plain mkdocs build, peak"))
    assert memory.endswith("| 1.50x | — |")
