"""Time sglearn against its floor and against the tools a user would otherwise run.

Every measurement is a separate process started the way a user starts it, so its wall time
includes interpreter start-up and imports, and its peak memory is that of its whole process
tree (a pool's workers, a host's build). The parse floor is run the same way, on as many
cores as ``sglearn validate`` uses at that N, so the ratio between the two counts start-up and
cores alike. The page cache is warm for all of them: the corpus is written just before.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sglearn.bench.corpus import AS_OF, make_project, write_corpus
from sglearn.bench.measures import (
    BUILD_NAME,
    DEFAULT_COUNTS,
    FLOOR_NAME,
    MKDOCS_NAME,
    READ_NAME,
    RENDER_NAME,
    SERVE_NAME,
    SGLEARN,
    Log,
    Measure,
    Result,
    Run,
    bench_env,
    last_line,
    load_average,
    median,
    repeat_runs,
    run_process,
    with_inner,
)
from sglearn.bench.provenance import Provenance, source_commit
from sglearn.bench.serve_timing import serve_time
from sglearn.bench.site_timing import (
    _plain_config,
    case_page_sizes,
    check_jsonschema_time,
    copy_site_sources,
    site_times,
)
from sglearn.bench.table import machine, table
from sglearn.bench.variants import (
    BUILD_VARIANTS,
    BuildVariant,
    build_help,
    not_available,
    split,
)
from sglearn.check.parallel import PARALLEL_FROM, cores

__all__ = [
    "BUILD_VARIANTS",
    "DEFAULT_COUNTS",
    "Provenance",
    "_plain_config",
    "case_page_sizes",
    "machine",
    "run_bench",
    "source_commit",
    "table",
]


def validate_jobs(count: int) -> int:
    """The worker processes ``sglearn validate`` uses for ``count`` files (1: no pool)."""
    return min(cores(), count) if count >= PARALLEL_FROM else 1


def measure_count(
    count: int,
    repeat: int,
    workdir: Path,
    log: Log,
    site_up_to: int | None = None,
    variants: tuple[list[BuildVariant], list[BuildVariant]] = ([], []),
    build_up_to: int | None = None,
) -> Result:
    """Generate ``count`` cases under ``workdir`` and measure everything on the same files.

    Above ``site_up_to`` cases the site is not measured, except, up to ``build_up_to``,
    ``sglearn build`` beside the plain MkDocs build (the pair the targets compare)."""
    root = workdir / f"corpus-{count}"
    if root.exists():
        shutil.rmtree(root)
    project = make_project(root)
    files = write_corpus(project, count)
    copy_site_sources(root)
    result = Result(count, jobs=validate_jobs(count))
    load_before = load_average()
    env = bench_env()
    as_of = AS_OF.isoformat()

    log(f"{count}: parse floor on {result.jobs} core(s)")
    probe = [sys.executable, "-m", "sglearn.bench.probe", "floor", "cases", str(result.jobs)]
    runs = repeat_runs(repeat, lambda: with_inner(run_process(probe, root, env)))
    result.measures["read"] = median(runs, READ_NAME, "read")
    result.measures["floor"] = median(runs, FLOOR_NAME)

    log(f"{count}: sglearn validate")
    validate = [*SGLEARN, "validate", "--as-of", as_of, "--format", "text"]
    runs = repeat_runs(repeat, lambda: run_process(validate, root, env))
    result.measures["validate"] = _checked(median(runs, "sglearn validate"), runs[0].status, runs)

    log(f"{count}: sglearn validate one file")
    one = [*validate, files[len(files) // 2].relative_to(root).as_posix()]
    runs = repeat_runs(repeat, lambda: run_process(one, root, env))
    name = "sglearn validate one file (of N)"
    result.measures["validate_one"] = _checked(median(runs, name), runs[0].status, runs)

    log(f"{count}: check-jsonschema")
    result.measures["check_jsonschema"] = check_jsonschema_time(root, files, repeat, env)

    have, missing = variants
    if site_up_to is not None and count > site_up_to:
        reason = f"not measured: the site is measured up to N = {site_up_to:,} (--site-up-to)"
        names = [(v.key, v.name) for v in have] + [("serve", SERVE_NAME)]
        if build_up_to is not None and count <= build_up_to:
            log(f"{count}: sglearn build and plain MkDocs")
            result.measures.update(site_times(root, repeat, env, as_of))
        else:
            names[:0] = [("render", RENDER_NAME), ("build", BUILD_NAME), ("mkdocs", MKDOCS_NAME)]
        result.measures.update({key: Measure(name, note=reason) for key, name in names})
        result.measures.update({v.key: not_available(v) for v in missing})
    else:
        log(f"{count}: site")
        result.measures.update(site_times(root, repeat, env, as_of, have, missing))
        result.sizes = case_page_sizes(root / "site-bench")
        log(f"{count}: sglearn serve")
        timeout = 600 + count * 0.5
        result.measures["serve"] = serve_time(root, files[0], repeat, env, as_of, timeout)
    result.load = (load_before, load_average())
    return result


def _checked(measure: Measure, status: int, runs: list[Run]) -> Measure:
    if status != 0:
        measure.note = f"exit {status}: " + last_line(runs[0])
    return measure


def run_bench(
    counts: Sequence[int],
    repeat: int,
    workdir: Path | None = None,
    log: Log | None = None,
    site_up_to: int | None = None,
    provenance: Provenance | None = None,
    variants: Sequence[BuildVariant] = BUILD_VARIANTS,
    build_up_to: int | None = None,
) -> tuple[list[Result], str]:
    """Measure every N in ``counts``; returns the results and the Markdown table."""
    say = log or (lambda _message: None)
    own = workdir is None
    folder = Path(tempfile.mkdtemp(prefix="sglearn-bench-")) if own else workdir
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    try:
        found = split(variants, build_help(folder, bench_env())) if variants else ([], [])
        results = [
            measure_count(n, repeat, folder, say, site_up_to, found, build_up_to) for n in counts
        ]
    finally:
        if own:
            shutil.rmtree(folder, ignore_errors=True)
    return results, table(results, repeat, provenance)
