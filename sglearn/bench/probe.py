"""Work the harness times in a process of its own, so its peak memory is measured alone.

Run as ``python -m sglearn.bench.probe KIND FOLDER``; prints the seconds the work itself took
(without interpreter start-up) as JSON on stdout. The parent reads the child's peak memory
from ``os.wait4``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import yaml


def floor(folder: Path) -> dict[str, float]:
    """Reading every file, then reading and parsing with libyaml: what no validator can beat."""
    files = sorted(folder.glob("*.yaml"))
    start = time.perf_counter()
    size = 0
    for file in files:
        size += len(file.read_bytes())
    read = time.perf_counter() - start
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start = time.perf_counter()
    for file in files:
        yaml.load(file.read_bytes(), Loader=loader)  # CSafeLoader: safe tags only
    parse = time.perf_counter() - start
    return {"read": read, "parse": parse, "bytes": float(size)}


def render(folder: Path) -> dict[str, float]:
    """Page generation alone: validate untimed, then time ``render_site`` on the documents."""
    from datetime import date

    from sglearn.check.validation import validate
    from sglearn.read.project import Project
    from sglearn.site.render import render_site

    as_of = date(2026, 11, 27)
    report = validate(Project(folder.resolve().parent), as_of)
    assert report.vocabularies is not None and report.errors == 0
    start = time.perf_counter()
    pages = render_site(report.documents, report.vocabularies, as_of)
    return {"render": time.perf_counter() - start, "pages": float(len(pages))}


def main(argv: list[str]) -> int:
    kind, folder = argv[0], Path(argv[1])
    result = {"floor": floor, "render": render}[kind](folder)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
