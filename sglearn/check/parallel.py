"""Check many case files on every core, with results identical to a serial run.

Checking a file is pure CPU (libyaml, the schema, the rules) and files are independent, so a
process pool scales with the cores; threads would not, because of the GIL. Each worker builds
its own :class:`~sglearn.check.validator.Validator` once (the compiled schema is reused for every
file it checks), and results come back in file order, so the problems, the summaries the
cross-file rules see and the progress calls are exactly those of a serial run.

Two more things measured on 10,000 generated cases made a serial run slow and large:

- every loaded document (values *and* its YAML node tree with a mark per value) was kept for
  the whole run: 1.3 GB at 10,000 cases. ``sglearn validate`` only needs the problems and a
  short summary per file, so documents are returned only when the caller asks for them;
- with all those objects alive, Python's cyclic garbage collector walked them again and
  again (loading took 2.3 ms a case instead of 0.8). Node trees hold no cycles, so while
  checking we let the collector run far less often (:func:`fewer_collections`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sglearn.check.rules import CaseSummary, summarise
from sglearn.read.loading import Document
from sglearn.read.problems import Problem
from sglearn.read.project import Project
from sglearn.review.vocabulary import Vocabularies

if TYPE_CHECKING:
    from sglearn.check.validator import Validator

PARALLEL_FROM = 400
"""Fewer files than this are checked in-process: starting workers costs more than it saves."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Checked:
    """One file's outcome: its problems, its summary for the cross-file rules, its document."""

    problems: list[Problem]
    summary: CaseSummary | None
    document: Document | None


def cores() -> int:
    """The cores this process may run on (not every core of the machine, under a CPU quota)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS and Windows
        return max(1, os.cpu_count() or 1)


@contextmanager
def fewer_collections(threshold: int = 100_000) -> Iterator[None]:
    """Collect cycles rarely while checking: the many live node trees have none to find."""
    old = gc.get_threshold()
    gc.set_threshold(threshold, old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def check_files(
    project: Project,
    vocabularies: Vocabularies,
    as_of: date,
    files: Sequence[Path],
    *,
    progress: Progress | None = None,
    jobs: int | None = None,
    keep_documents: bool = True,
    validator: Validator | None = None,
    locations: bool = True,
) -> list[Checked]:
    """Check ``files`` (on ``jobs`` processes, default every core); results in file order.

    Runs that keep no documents (the CLI's ``validate``) or only their values (a build) use
    the pool. ``locations=False`` keeps each document's values only (see
    Document.values_only).
    """
    workers = min(jobs or cores(), len(files))
    with fewer_collections():
        # Sending node trees back from workers costs more than checking them: 4.5 s against
        # 2.0 s serial for 1,000 cases. Documents with their trees stay serial.
        if workers < 2 or len(files) < PARALLEL_FROM or (keep_documents and locations):
            return _serial(
                project, vocabularies, as_of, files, progress, keep_documents, validator, locations
            )
        return _parallel(project, vocabularies, as_of, files, progress, keep_documents, workers)


def _serial(
    project: Project,
    vocabularies: Vocabularies,
    as_of: date,
    files: Sequence[Path],
    progress: Progress | None,
    keep_documents: bool,
    validator: Validator | None,
    locations: bool = True,
) -> list[Checked]:
    from sglearn.check.validator import Validator

    checker = validator or Validator(project, vocabularies, as_of)
    results: list[Checked] = []
    for done, file in enumerate(files, start=1):
        results.append(_check_one(checker, file, keep_documents, locations))
        if progress:
            progress(done, len(files))
    return results


def _check_one(
    validator: Validator, file: Path, keep_documents: bool, locations: bool = True
) -> Checked:
    document, problems = validator.check_file(file)
    summary = summarise(document) if document is not None else None
    if document is None or not keep_documents:
        return Checked(problems, summary, None)
    return Checked(problems, summary, document if locations else document.values_only())


# Set in each worker by _start_worker; a module global because pool tasks are plain functions.
_WORKER: tuple[Validator, bool] | None = None


def _start_worker(project: Project, vocabularies: Vocabularies, as_of: date, keep: bool) -> None:
    global _WORKER
    from sglearn.check.validator import Validator

    gc.set_threshold(100_000, 50, 100)
    _WORKER = (Validator(project, vocabularies, as_of), keep)


def _check_chunk(chunk: list[Path]) -> list[Checked]:
    assert _WORKER is not None, "worker not initialised"
    validator, keep = _WORKER
    return [_check_one(validator, file, keep, locations=False) for file in chunk]


def _parallel(
    project: Project,
    vocabularies: Vocabularies,
    as_of: date,
    files: Sequence[Path],
    progress: Progress | None,
    keep_documents: bool,
    workers: int,
) -> list[Checked]:
    size = max(16, min(256, len(files) // (workers * 8)))
    chunks = [list(files[i : i + size]) for i in range(0, len(files), size)]
    context = _context()
    results: list[Checked] = []
    initargs: tuple[Any, ...] = (project, vocabularies, as_of, keep_documents)
    with context.Pool(workers, initializer=_start_worker, initargs=initargs) as pool:
        for checked in pool.imap(_check_chunk, chunks):
            for item in checked:
                results.append(item)
                if progress:
                    progress(len(results), len(files))
    return results


def _context() -> multiprocessing.context.BaseContext:
    # fork starts workers in milliseconds with sglearn already imported; elsewhere, spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")
