"""Time sglearn against its floor and against the tools a user would otherwise run.

Every measurement is a separate process started the way a user starts it, so its wall time
includes interpreter start-up and imports, and its peak memory (``ru_maxrss`` from
``os.wait4``) is its own. The floor (reading and libyaml parsing) is timed inside its process,
without start-up, so the ratios against it are the strict ones. The page cache is warm for all
of them: the corpus is written just before.
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
    MKDOCS_NAME,
    RENDER_NAME,
    SGLEARN,
    Log,
    Measure,
    Result,
    bench_env,
    last_line,
    load_average,
    median,
    repeat_runs,
    run_process,
    with_inner,
)
from sglearn.bench.site_timing import (
    _plain_config,
    case_page_sizes,
    check_jsonschema_time,
    copy_site_sources,
    site_times,
)
from sglearn.bench.table import machine, table

__all__ = ["DEFAULT_COUNTS", "_plain_config", "case_page_sizes", "machine", "run_bench", "table"]


def measure_count(
    count: int, repeat: int, workdir: Path, log: Log, site_up_to: int | None = None
) -> Result:
    """Generate ``count`` cases under ``workdir`` and measure everything on the same files."""
    root = workdir / f"corpus-{count}"
    if root.exists():
        shutil.rmtree(root)
    project = make_project(root)
    files = write_corpus(project, count)
    copy_site_sources(root)
    result = Result(count)
    load_before = load_average()
    env = bench_env()
    as_of = AS_OF.isoformat()

    log(f"{count}: floor")
    probe = [sys.executable, "-m", "sglearn.bench.probe"]
    runs = repeat_runs(
        repeat, lambda: with_inner(run_process([*probe, "floor", "cases"], root, env))
    )
    result.measures["read"] = median(runs, "read the files", "read")
    result.measures["floor"] = median(runs, "read + parse (libyaml C loader)", "parse")

    log(f"{count}: sglearn validate")
    validate = [*SGLEARN, "validate", "--as-of", as_of, "--format", "text"]
    runs = repeat_runs(repeat, lambda: run_process(validate, root, env))
    result.measures["validate"] = median(runs, "sglearn validate")
    if runs[0].status != 0:
        result.measures["validate"].note = f"exit {runs[0].status}: " + last_line(runs[0])

    log(f"{count}: sglearn validate one file")
    one = [*validate, files[len(files) // 2].relative_to(root).as_posix()]
    runs = repeat_runs(repeat, lambda: run_process(one, root, env))
    result.measures["validate_one"] = median(runs, "sglearn validate one file (of N)")
    if runs[0].status != 0:
        result.measures["validate_one"].note = f"exit {runs[0].status}: " + last_line(runs[0])

    log(f"{count}: check-jsonschema")
    result.measures["check_jsonschema"] = check_jsonschema_time(root, files, repeat, env)

    if site_up_to is not None and count > site_up_to:
        reason = f"not measured: the site is measured up to N = {site_up_to:,} (--site-up-to)"
        result.measures.update(
            {
                key: Measure(name, note=reason)
                for key, name in (
                    ("render", RENDER_NAME),
                    ("build", BUILD_NAME),
                    ("mkdocs", MKDOCS_NAME),
                )
            }
        )
        result.load = (load_before, load_average())
        return result
    log(f"{count}: site")
    result.measures.update(site_times(root, repeat, env, as_of))
    result.sizes = case_page_sizes(root / "site-bench")
    result.load = (load_before, load_average())
    return result


def run_bench(
    counts: Sequence[int],
    repeat: int,
    workdir: Path | None = None,
    log: Log | None = None,
    site_up_to: int | None = None,
) -> tuple[list[Result], str]:
    """Measure every N in ``counts``; returns the results and the Markdown table."""
    say = log or (lambda _message: None)
    own = workdir is None
    folder = Path(tempfile.mkdtemp(prefix="sglearn-bench-")) if own else workdir
    assert folder is not None
    try:
        results = [measure_count(n, repeat, folder, say, site_up_to) for n in counts]
    finally:
        if own:
            shutil.rmtree(folder, ignore_errors=True)
    return results, table(results, repeat)
