"""What one benchmark run measured, and how a measured process is started and timed."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sglearn.bench.corpus import AS_OF

DEFAULT_COUNTS = (100, 1000, 10000)
SGLEARN = [sys.executable, "-m", "sglearn"]

RENDER_NAME = "page generation alone (render_site)"
BUILD_NAME = "sglearn build (validate + pages + MkDocs)"
MKDOCS_NAME = "plain mkdocs build of the same pages as Markdown"
SERVE_NAME = "sglearn serve: a saved case until its page shows the edit"
FLOOR_NAME = "parse floor: read + parse (libyaml C loader), run like validate"
READ_NAME = "read the files (timed inside one process)"
UNAVAILABLE = "not available in this version"

Log = Callable[[str], None]


@dataclass
class Run:
    """One process: its wall time, its peak resident memory and what it said."""

    seconds: float
    peak_mb: float
    status: int
    inner: dict[str, float] = field(default_factory=dict)
    output: str = ""


@dataclass
class Measure:
    """The medians of several runs of one thing at one corpus size, or why it was not run."""

    name: str
    seconds: float | None = None
    peak_mb: float | None = None
    note: str = ""
    # True when this version of sglearn has no such command or option (not a failed run).
    unavailable: bool = False


@dataclass
class Result:
    """Everything measured at one corpus size."""

    count: int
    measures: dict[str, Measure] = field(default_factory=dict)
    # Case page sizes in the built site, in KB: see ``case_page_sizes``.
    sizes: dict[str, float] = field(default_factory=dict)
    # The 1-minute load average before and after this N was measured.
    load: tuple[float, float] = (0.0, 0.0)
    # Worker processes sglearn validate uses at this N, and so the parse floor too.
    jobs: int = 1

    def seconds(self, key: str) -> float | None:
        measure = self.measures.get(key)
        return measure.seconds if measure else None

    def peak_mb(self, key: str) -> float | None:
        """The peak memory of a measure that was taken (None where it was not)."""
        measure = self.measures.get(key)
        return measure.peak_mb if measure and measure.seconds is not None else None


def run_process(
    command: Sequence[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 3600
) -> Run:
    """Run ``command`` and return its wall time and its own peak RSS (not its siblings')."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command), cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env
        )
        deadline = start + timeout
        tree_kb, next_sample = 0, start + 0.05
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            now = time.perf_counter()
            if now > deadline:
                process.kill()
            if now >= next_sample:  # a pool's workers count too: sum the process tree
                tree_kb, next_sample = max(tree_kb, tree_rss_kb(process.pid)), now + 0.05
            time.sleep(0.002)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    peak_kb = max(usage.ru_maxrss, tree_kb)  # kilobytes on Linux
    return Run(seconds, peak_kb / 1024, process.returncode, output=text)


def tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants now (shared pages counted twice)."""
    parents: dict[int, int] = {}
    resident: dict[int, int] = {}
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="utf-8")
            statm = (entry / "statm").read_text(encoding="utf-8")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        parents[int(entry.name)] = int(fields[1])
        resident[int(entry.name)] = int(statm.split()[1]) * page_kb
    tree, total = {root}, 0
    grown = True
    while grown:
        grown = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grown = True
    for pid in tree:
        total += resident.get(pid, 0)
    return total


def median(runs: list[Run], name: str, key: str | None = None) -> Measure:
    seconds = [r.inner[key] if key else r.seconds for r in runs]
    return Measure(name, statistics.median(seconds), statistics.median(r.peak_mb for r in runs))


def repeat_runs(times: int, once: Callable[[], Run]) -> list[Run]:
    return [once() for _ in range(times)]


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    env["NO_COLOR"] = "1"
    env["SOURCE_DATE_EPOCH"] = str(int(time.mktime(AS_OF.timetuple())))
    return env


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def with_inner(run: Run) -> Run:
    if run.status == 0:
        run.inner = json.loads(run.output.strip().splitlines()[-1])
    else:
        raise RuntimeError(f"probe failed:\n{run.output}")
    return run


def last_line(run: Run) -> str:
    lines = run.output.strip().splitlines()
    return lines[-1][:120] if lines else ""
