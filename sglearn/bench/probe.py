"""Work the harness times in a process of its own, so its peak memory is measured alone.

Run as ``python -m sglearn.bench.probe KIND FOLDER [JOBS]``; prints the seconds the work
itself took (without interpreter start-up) as JSON on stdout. The parent times the whole
process too, and reads the peak memory of its process tree.

The parse floor is run the way ``sglearn validate`` runs: a new process that parses the files
on as many worker processes as validate uses for that many files (the parent passes JOBS), in
chunks of the same size. Otherwise the ratio of the two would set validate's start-up and its
cores against a single core with no start-up.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
from pathlib import Path

import yaml


def _parse(files: list[Path]) -> int:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for file in files:
        yaml.load(file.read_bytes(), Loader=loader)  # CSafeLoader: safe tags only
    return len(files)


def floor(folder: Path, jobs: int = 1) -> dict[str, float]:
    """Reading every file, then reading and parsing with libyaml: what no validator can beat."""
    files = sorted(folder.glob("*.yaml"))
    start = time.perf_counter()
    size = 0
    for file in files:
        size += len(file.read_bytes())
    read = time.perf_counter() - start
    start = time.perf_counter()
    if jobs < 2:
        _parse(files)
    else:
        # The chunking of sglearn.check.parallel, with fork where there is fork, as validate.
        size_of_chunk = max(16, min(256, len(files) // (jobs * 8)))
        chunks = [files[i : i + size_of_chunk] for i in range(0, len(files), size_of_chunk)]
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with context.Pool(jobs) as pool:
            sum(pool.imap(_parse, chunks))
    parse = time.perf_counter() - start
    return {"read": read, "parse": parse, "bytes": float(size)}


def render(folder: Path, _jobs: int = 1) -> dict[str, float]:
    """Page generation alone: validate untimed, then time ``render_site`` on the documents."""
    from datetime import date

    from sglearn.check.validation import validate
    from sglearn.read.project import Project
    from sglearn.site.render import render_site

    as_of = date(2026, 11, 27)
    report = validate(Project(folder.resolve().parent), as_of, locations=False)  # as a build
    assert report.vocabularies is not None and report.errors == 0
    start = time.perf_counter()
    pages = render_site(report.documents, report.vocabularies, as_of)
    return {"render": time.perf_counter() - start, "pages": float(len(pages))}


def main(argv: list[str]) -> int:
    kind, folder = argv[0], Path(argv[1])
    jobs = int(argv[2]) if len(argv) > 2 else 1
    result = {"floor": floor, "render": render}[kind](folder, jobs)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
