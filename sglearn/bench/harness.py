"""Time sglearn against its floor and against the tools a user would otherwise run.

Every measurement is a separate process started the way a user starts it, so its wall time
includes interpreter start-up and imports, and its peak memory (``ru_maxrss`` from
``os.wait4``) is its own. The floor (reading and libyaml parsing) is timed inside its process,
without start-up, so the ratios against it are the strict ones. The page cache is warm for all
of them: the corpus is written just before.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from sglearn.bench.corpus import AS_OF, make_project, write_corpus
from sglearn.site.navigation import site_nav

DEFAULT_COUNTS = (100, 1000, 10000)
SGLEARN = [sys.executable, "-m", "sglearn"]

RENDER_NAME = "page generation alone (render_site)"
BUILD_NAME = "sglearn build (validate + pages + MkDocs)"
MKDOCS_NAME = "plain mkdocs build of the same pages as Markdown"

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


@dataclass
class Result:
    count: int
    measures: dict[str, Measure] = field(default_factory=dict)
    # Case page sizes in the built site, in KB: see ``case_page_sizes``.
    sizes: dict[str, float] = field(default_factory=dict)
    # The 1-minute load average before and after this N was measured.
    load: tuple[float, float] = (0.0, 0.0)

    def seconds(self, key: str) -> float | None:
        measure = self.measures.get(key)
        return measure.seconds if measure else None


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
                tree_kb, next_sample = max(tree_kb, _tree_rss_kb(process.pid)), now + 0.05
            time.sleep(0.002)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    peak_kb = max(usage.ru_maxrss, tree_kb)  # kilobytes on Linux
    return Run(seconds, peak_kb / 1024, process.returncode, output=text)


def _tree_rss_kb(root: int) -> int:
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


def _median(runs: list[Run], name: str, key: str | None = None) -> Measure:
    seconds = [r.inner[key] if key else r.seconds for r in runs]
    return Measure(name, statistics.median(seconds), statistics.median(r.peak_mb for r in runs))


def _repeat(times: int, once: Callable[[], Run]) -> list[Run]:
    return [once() for _ in range(times)]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    env["NO_COLOR"] = "1"
    env["SOURCE_DATE_EPOCH"] = str(int(time.mktime(AS_OF.timetuple())))
    return env


def measure_count(
    count: int, repeat: int, workdir: Path, log: Log, site_up_to: int | None = None
) -> Result:
    """Generate ``count`` cases under ``workdir`` and measure everything on the same files."""
    root = workdir / f"corpus-{count}"
    if root.exists():
        shutil.rmtree(root)
    project = make_project(root)
    files = write_corpus(project, count)
    _copy_site_sources(root)
    result = Result(count)
    load_before = _load()
    env = _env()
    as_of = AS_OF.isoformat()

    log(f"{count}: floor")
    probe = [sys.executable, "-m", "sglearn.bench.probe"]
    runs = _repeat(repeat, lambda: _with_inner(run_process([*probe, "floor", "cases"], root, env)))
    result.measures["read"] = _median(runs, "read the files", "read")
    result.measures["floor"] = _median(runs, "read + parse (libyaml C loader)", "parse")

    log(f"{count}: sglearn validate")
    validate = [*SGLEARN, "validate", "--as-of", as_of, "--format", "text"]
    runs = _repeat(repeat, lambda: run_process(validate, root, env))
    result.measures["validate"] = _median(runs, "sglearn validate")
    if runs[0].status != 0:
        result.measures["validate"].note = f"exit {runs[0].status}: " + _last_line(runs[0])

    log(f"{count}: sglearn validate one file")
    one = [*validate, files[len(files) // 2].relative_to(root).as_posix()]
    runs = _repeat(repeat, lambda: run_process(one, root, env))
    result.measures["validate_one"] = _median(runs, "sglearn validate one file (of N)")
    if runs[0].status != 0:
        result.measures["validate_one"].note = f"exit {runs[0].status}: " + _last_line(runs[0])

    log(f"{count}: check-jsonschema")
    result.measures["check_jsonschema"] = _check_jsonschema(root, files, repeat, env)

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
        result.load = (load_before, _load())
        return result
    log(f"{count}: site")
    result.measures.update(_site(root, repeat, env, as_of))
    result.sizes = case_page_sizes(root / "site-bench")
    result.load = (load_before, _load())
    return result


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def _with_inner(run: Run) -> Run:
    if run.status == 0:
        run.inner = json.loads(run.output.strip().splitlines()[-1])
    else:
        raise RuntimeError(f"probe failed:\n{run.output}")
    return run


def _last_line(run: Run) -> str:
    lines = run.output.strip().splitlines()
    return lines[-1][:120] if lines else ""


def _check_jsonschema(root: Path, files: list[Path], repeat: int, env: dict[str, str]) -> Measure:
    tool = shutil.which("check-jsonschema")
    if tool is None:
        return Measure("check-jsonschema", note="not measured: check-jsonschema is not installed")
    names = [f.relative_to(root).as_posix() for f in files]
    limit = max(os.sysconf("SC_ARG_MAX") // 2, 100_000)
    batches: list[list[str]] = [[]]
    size = 0
    for name in names:
        if size + len(name) + 1 > limit:
            batches.append([])
            size = 0
        batches[-1].append(name)
        size += len(name) + 1
    command = [tool, "--schemafile", "schemas/case.schema.json"]

    def once() -> Run:
        parts = [run_process([*command, *batch], root, env) for batch in batches]
        return Run(
            sum(p.seconds for p in parts),
            max(p.peak_mb for p in parts),
            max(p.status for p in parts),
            output=parts[-1].output,
        )

    runs = _repeat(repeat, once)
    measure = _median(runs, "check-jsonschema --schemafile schemas/case.schema.json")
    notes = []
    if len(batches) > 1:
        notes.append(f"{len(batches)} batches (command-line length), times summed")
    if runs[0].status != 0:
        notes.append(f"exit {runs[0].status}: {_last_line(runs[0])}")
    measure.note = "; ".join(notes)
    return measure


def _copy_site_sources(root: Path) -> None:
    """The site's own configuration and hand-written pages, if the repository has them."""
    repo = Path(__file__).resolve().parents[2]
    if (repo / "mkdocs.yml").is_file():
        shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    if (repo / "docs").is_dir():
        shutil.copytree(repo / "docs", root / "docs", dirs_exist_ok=True)


def _has_command(name: str) -> bool:
    return (Path(__file__).resolve().parents[1] / "commands" / f"{name}.py").is_file()


def _site(root: Path, repeat: int, env: dict[str, str], as_of: str) -> dict[str, Measure]:
    """Page generation alone, ``sglearn build`` and a plain ``mkdocs build`` of the same pages."""
    measures: dict[str, Measure] = {}
    render_name = RENDER_NAME
    try:
        from sglearn.site import render

        has_render = hasattr(render, "render_site")
    except ImportError:
        has_render = False
    if not has_render:
        measures["render"] = Measure(
            render_name, note="not measured: no sglearn.site.render.render_site"
        )
    else:
        probe = [sys.executable, "-m", "sglearn.bench.probe", "render", "cases"]
        first = run_process(probe, root, env)
        if first.status != 0:
            measures["render"] = Measure(
                render_name, note="not measured: render probe failed: " + _last_line(first)
            )
        else:
            runs = [
                _with_inner(first),
                *_repeat(repeat - 1, lambda: _with_inner(run_process(probe, root, env))),
            ]
            measures["render"] = _median(runs, render_name, "render")

    build_name, mkdocs_name = BUILD_NAME, MKDOCS_NAME
    if not (root / "mkdocs.yml").is_file():
        reason = "not measured: the repository has no mkdocs.yml yet"
        return {
            **measures,
            "build": Measure(build_name, note=reason),
            "mkdocs": Measure(mkdocs_name, note=reason),
        }
    # The plain build's pages are written first, so that the two builds can take turns: on a
    # shared machine a change in load then falls on both, not on whichever ran second.
    plain = _prepare_plain(root, env, as_of) if _has_command("render") else None
    commands: dict[str, list[str]] = {}
    if _has_command("build"):
        site = root / "site-bench"
        commands["build"] = [*SGLEARN, "build", "--as-of", as_of, "--site-dir", str(site)]
    else:
        measures["build"] = Measure(build_name, note="not measured: no `sglearn build` command yet")
    if plain is None:
        measures["mkdocs"] = Measure(
            mkdocs_name, note="not measured: no `sglearn render` command to write the pages"
        )
    elif isinstance(plain, str):
        measures["mkdocs"] = Measure(mkdocs_name, note=plain)
    else:
        commands["mkdocs"] = plain
    names = {"build": build_name, "mkdocs": mkdocs_name}
    timed: dict[str, list[Run]] = {key: [] for key in commands}
    for _ in range(repeat):
        for key, command in commands.items():
            timed[key].append(run_process(command, root, env))
    for key, done in timed.items():
        if done[0].status != 0:
            note = f"not measured: exit {done[0].status}: " + _last_line(done[0])
            measures[key] = Measure(names[key], note=note)
        else:
            measures[key] = _median(done, names[key])
    return measures


def _prepare_plain(root: Path, env: dict[str, str], as_of: str) -> list[str] | str:
    """Write the generated pages with ``sglearn render`` beside the hand-written ones, and a
    ``mkdocs-plain.yml`` for them; returns the plain ``mkdocs build`` command, or why not."""
    pages = root / "rendered"
    shutil.rmtree(pages, ignore_errors=True)
    render = [*SGLEARN, "render", "--as-of", as_of, "--out", str(pages), "--force"]
    rendered = run_process(render, root, env)
    if rendered.status != 0:
        return "not measured: sglearn render failed: " + _last_line(rendered)
    if (root / "docs").is_dir():
        shutil.copytree(root / "docs", pages, dirs_exist_ok=True)
    config = root / "mkdocs-plain.yml"
    config.write_text(_plain_config(root / "mkdocs.yml", pages.name), encoding="utf-8")
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config.name]


def _plain_config(original: Path, docs_dir: str) -> str:
    """The site's own mkdocs.yml (same theme, extensions, other plugins, CSS) without the
    sglearn plugin, and with the navigation the plugin would build written out as ``nav``.

    Without that ``nav``, MkDocs lists every case page in the navigation Material repeats on
    every page: a cost that grows with the square of the cases and that the site avoids, so
    the comparison would flatter ``sglearn build``. The pages left out of the nav are reported
    at INFO, as the plugin's not-in-nav pages are, so ``strict`` stays as the site has it.
    """
    config = yaml.safe_load(original.read_text(encoding="utf-8"))
    plugins = config.get("plugins", [])
    config["plugins"] = [
        p for p in plugins if p != "sglearn" and not (isinstance(p, dict) and "sglearn" in p)
    ]
    own_docs = original.parent / config.get("docs_dir", "docs")
    config["nav"] = site_nav(own_docs, config.get("nav"))
    config["docs_dir"] = docs_dir
    config["site_dir"] = "site-plain"
    validation = config.setdefault("validation", {})
    nav_checks = validation.setdefault("nav", {})
    nav_checks["omitted_files"] = "info"
    if "omitted_files" in validation:
        # The nested setting wins over the flat one anyway; keep only the one that applies.
        del validation["omitted_files"]
    text: str = yaml.safe_dump(config, sort_keys=False)
    return text


def case_page_sizes(site: Path) -> dict[str, float]:
    """Median size in KB of the case pages' HTML, and of what surrounds their ``<article>``
    (header, navigation, footer). The second must not grow with the number of cases: Material
    repeats the navigation on every page, so a nav listing every case would make the site's
    size, and its build time, grow with the square of the cases."""
    pages = sorted(site.glob("cases/*/index.html"))
    if not pages:
        return {}
    whole, shell = [], []
    for page in pages:
        text = page.read_bytes()
        whole.append(len(text))
        start, end = text.find(b"<article"), text.rfind(b"</article>")
        shell.append(len(text) - (end - start) if 0 <= start < end else len(text))
    return {
        "pages": float(len(pages)),
        "page_kb": statistics.median(whole) / 1024,
        "shell_kb": statistics.median(shell) / 1024,
    }


def machine() -> str:
    """nproc, CPU model and Python version, for the table's heading."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text(encoding="utf-8").split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{os.cpu_count()} CPUs ({model}){memory}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


ROWS = [
    "read",
    "floor",
    "validate",
    "validate_one",
    "check_jsonschema",
    "render",
    "build",
    "mkdocs",
]


def _fmt_seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}x"


def table(results: list[Result], repeat: int) -> str:
    """The Markdown report: times and memory per N, then the ratios the targets are about."""
    lines = [
        f"Measured {date.today().isoformat()} on {machine()}; medians of {repeat} run(s); "
        f"`--as-of {AS_OF.isoformat()}`. 1-minute load average before → after each N: "
        + ", ".join(f"{r.count:,}: {r.load[0]:.2f} → {r.load[1]:.2f}" for r in results)
        + ".",
        "",
    ]
    header = (
        "| what | " + " | ".join(f"N = {r.count:,}" for r in results) + " | per case at largest N |"
    )
    lines += [header, "|" + " --- |" * (len(results) + 2)]
    notes: list[str] = []
    for key in ROWS:
        if not any(key in r.measures for r in results):
            continue
        name = next(r.measures[key].name for r in results if key in r.measures)
        cells = []
        for r in results:
            m = r.measures.get(key)
            if m is None or m.seconds is None:
                cells.append("not measured")
            else:
                cells.append(f"{m.seconds:.2f} s, {m.peak_mb:.0f} MB")
            if m is not None and m.note:
                notes.append(f"{name}: {m.note} (N = {r.count:,})")
        last = results[-1].measures.get(key)
        per_case = (
            f"{last.seconds / results[-1].count * 1000:.2f} ms"
            if last and last.seconds is not None and key != "validate_one"
            else "—"
        )
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {per_case} |")
    lines += ["", "Ratios (same run, same files):", ""]
    lines += ["| ratio | " + " | ".join(f"N = {r.count:,}" for r in results) + " |"]
    lines += ["|" + " --- |" * (len(results) + 1)]
    for label, a, b in [
        ("validate / parse floor (target ≤ 2)", "validate", "floor"),
        ("validate / check-jsonschema (target ≤ 0.1)", "validate", "check_jsonschema"),
        ("sglearn build / plain mkdocs build (target ≤ 1.2 at 1,000)", "build", "mkdocs"),
    ]:
        cells = [_ratio(r.seconds(a), r.seconds(b)) for r in results]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    sized = [r for r in results if r.sizes]
    if sized:
        lines += ["", "Case pages in the built site (median of every case page's HTML):", ""]
        lines += ["| size | " + " | ".join(f"N = {r.count:,}" for r in sized) + " |"]
        lines += ["|" + " --- |" * (len(sized) + 1)]
        lines.append(
            "| a case page | " + " | ".join(f"{r.sizes['page_kb']:.1f} KB" for r in sized) + " |"
        )
        lines.append(
            "| outside its article (header, navigation, footer) | "
            + " | ".join(f"{r.sizes['shell_kb']:.1f} KB" for r in sized)
            + " |"
        )
    growth = _growth(results)
    if growth:
        lines += [
            "",
            "Growth (time at 10x the cases ÷ time at N; linear is 10x, target ≤ 11x):",
            "",
        ]
        lines += growth
    lines += [
        "",
        "Peak memory: the larger of the process's own maximum resident set size (`ru_maxrss`, "
        "from `os.wait4`) and the resident memory of its whole process tree sampled every 50 ms "
        "(a process pool's workers count; pages they share are counted twice).",
    ]
    if notes:
        lines += ["", "Notes:", ""] + [f"- {n}" for n in _merge_notes(notes)]
    return "\n".join(lines) + "\n"


def _merge_notes(notes: list[str]) -> list[str]:
    """One line per note, listing every N it applies to."""
    merged: dict[str, list[str]] = {}
    for note in notes:
        text, count = note.rsplit(" (N = ", 1)
        merged.setdefault(text, []).append(count.rstrip(")"))
    return [f"{text} (N = {', '.join(counts)})" for text, counts in merged.items()]


def _growth(results: list[Result]) -> list[str]:
    by_count = {r.count: r for r in results}
    pairs = [(n, n * 10) for n in sorted(by_count) if n * 10 in by_count]
    if not pairs:
        return []
    rows = ["| what | " + " | ".join(f"{a:,} → {b:,}" for a, b in pairs) + " |"]
    rows.append("|" + " --- |" * (len(pairs) + 1))
    for key in ("floor", "validate", "check_jsonschema", "render", "build", "mkdocs"):
        cells = []
        for a, b in pairs:
            cells.append(_ratio(by_count[b].seconds(key), by_count[a].seconds(key)))
        if any(c != "—" for c in cells):
            name = by_count[pairs[0][0]].measures[key].name
            rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return rows


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
