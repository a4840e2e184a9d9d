"""The benchmark's Markdown table and the notes under it."""

from __future__ import annotations

import os
import platform
from datetime import date
from pathlib import Path

from sglearn.bench.corpus import AS_OF
from sglearn.bench.measures import DEFAULT_COUNTS, UNAVAILABLE, Measure, Result
from sglearn.bench.provenance import Provenance


def machine() -> str:
    """Cores, CPU model, memory and Python version, for the table's heading."""
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
        memory = f", {kb / 1024 / 1024:.0f} GB memory"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{os.cpu_count()} cores ({model}){memory}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


ROWS = ["read", "floor", "validate", "validate_one", "check_jsonschema", "render", "build"]
LAST_ROWS = ["mkdocs", "serve"]
NO_PER_CASE = {"validate_one", "serve"}


def _row_keys(results: list[Result]) -> list[str]:
    """The fixed rows, with the build variants (in the order given) after ``sglearn build``."""
    seen = [k for r in results for k in r.measures]
    variants = [k for k in dict.fromkeys(seen) if k not in ROWS and k not in LAST_ROWS]
    return [k for k in ROWS + variants + LAST_ROWS if k in seen]


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}x"


def _cell(measure: Measure | None) -> str:
    if measure is not None and measure.unavailable:
        return UNAVAILABLE
    if measure is None or measure.seconds is None:
        return "not measured"
    return f"{measure.seconds:.2f} s, {measure.peak_mb or 0:.0f} MB"


def _heading(results: list[Result], repeat: int, provenance: Provenance | None) -> list[str]:
    made = f"Written by `{provenance.command}`" if provenance else "Written by `sglearn bench`"
    commit = f" from sglearn commit `{provenance.commit}`" if provenance else ""
    jobs = "; ".join(
        f"N = {r.count:,}: " + ("one process" if r.jobs < 2 else f"{r.jobs} worker processes")
        for r in results
    )
    lines = [
        f"{made} on {date.today().isoformat()}{commit}.",
        f"Machine: {machine()}.",
        f"Each figure is the median of {repeat} run{'s' if repeat != 1 else ''}; cases are "
        f"judged as of {AS_OF.isoformat()}. 1-minute load average before → after each N: "
        + "; ".join(f"N = {r.count:,}: {r.load[0]:.2f} → {r.load[1]:.2f}" for r in results)
        + ".",
        f"`sglearn validate` and the parse floor ran on the same cores ({jobs}).",
    ]
    skipped = [n for n in DEFAULT_COUNTS if n not in {r.count for r in results}]
    if skipped:
        lines.append(
            "Not part of this run: "
            + ", ".join(f"N = {n:,}" for n in skipped)
            + " (`--sizes` chose the others)."
        )
    return [" ".join(lines), ""]


def table(results: list[Result], repeat: int, provenance: Provenance | None = None) -> str:
    """The Markdown report: where it came from, times and memory per N, then the ratios."""
    lines = _heading(results, repeat, provenance)
    header = (
        "| what | " + " | ".join(f"N = {r.count:,}" for r in results) + " | per case at largest N |"
    )
    lines += [header, "|" + " --- |" * (len(results) + 2)]
    notes: list[str] = []
    keys = _row_keys(results)
    for key in keys:
        name = next(r.measures[key].name for r in results if key in r.measures)
        cells = []
        for r in results:
            m = r.measures.get(key)
            cells.append(_cell(m))
            if m is not None and m.note and not m.unavailable:
                notes.append(f"{name}: {m.note} (N = {r.count:,})")
        last = results[-1].measures.get(key)
        per_case = (
            f"{last.seconds / results[-1].count * 1000:.2f} ms"
            if last and last.seconds is not None and key not in NO_PER_CASE
            else "—"
        )
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {per_case} |")
    lines += ["", "Ratios (same run, same files):", ""]
    lines += ["| ratio | " + " | ".join(f"N = {r.count:,}" for r in results) + " |"]
    lines += ["|" + " --- |" * (len(results) + 1)]
    ratios = [
        ("sglearn validate / parse floor (target ≤ 2)", "validate", "floor"),
        ("sglearn validate / check-jsonschema (target ≤ 0.1)", "validate", "check_jsonschema"),
        (
            "sglearn build / plain mkdocs build (target ≤ 1.2 at 1,000 and 10,000)",
            "build",
            "mkdocs",
        ),
    ]
    for key in keys:
        if key.startswith("build_") and any(r.seconds(key) is not None for r in results):
            name = next(r.measures[key].name for r in results if key in r.measures)
            ratios.append((f"{name} / plain mkdocs build", key, "mkdocs"))
    for label, a, b in ratios:
        cells = [_ratio(r.seconds(a), r.seconds(b)) for r in results]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    label = "sglearn build / plain mkdocs build, peak memory (target ≤ 1.25 at 10,000)"
    cells = [_ratio(r.peak_mb("build"), r.peak_mb("mkdocs")) for r in results]
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
        "(a process pool's workers and any process a build starts count; pages they share are "
        "counted twice).",
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
    for key in ("floor", "validate", "check_jsonschema", "render", "build", "mkdocs", "serve"):
        cells = []
        for a, b in pairs:
            cells.append(_ratio(by_count[b].seconds(key), by_count[a].seconds(key)))
        if any(c != "—" for c in cells):
            name = by_count[pairs[0][0]].measures[key].name
            rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return rows
