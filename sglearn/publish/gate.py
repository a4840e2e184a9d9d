"""The output gate every built site passes before it replaces the published one.

``OutputGate`` is ``check_output`` started with the fresh folder: where a second core is
free, a worker process (``sglearn.check.privacy.ahead``) scans the files while the publisher
is still writing them, so the gate's half minute at 1,000 cases mostly overlaps the build;
an assistant process shares the scan of the search index, written last. Both are spawned,
not forked: they carry the privacy checks only, not the parent's pages. The answer is the
sequential scan's answer; if the worker dies or fails, the site is not published.

With one usable core, or with ``SGLEARN_GATE_AHEAD=0``, the finished site is scanned after
the publisher, in this process, as before.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import types
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from sglearn.publish.ownership import PublishError
from sglearn.read.problems import Problem

AHEAD_ENV = "SGLEARN_GATE_AHEAD"
"""``0`` (or ``off``, ``no``, ``false``): scan the finished site after the publisher instead."""

_EXIT_WAIT = 10.0
"""Seconds a worker that has answered gets to exit before it is terminated."""


class OutputRefused(PublishError):
    """The finished site failed the output gate: a problem found, not a usage mistake."""


def refuse_links(folder: Path) -> None:
    """A published folder holds only the files sglearn wrote, never a link that would serve
    something from elsewhere."""
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in (*dirnames, *filenames):
            if os.path.islink(os.path.join(dirpath, name)):
                shown = Path(dirpath, name).relative_to(folder).as_posix()
                raise OutputRefused(f"the built site holds a symbolic link, {shown}")


def check_output(folder: Path, root: Path) -> None:
    """The gate run on a finished site, in this process; raises OutputRefused.

    No links; and the visible text of every file passes the same personal-data detectors as
    the inputs (``root`` gives the reviewed values and the names list), so what no input rule
    foresaw still never replaces the old site.
    """
    from sglearn.check.privacy import refusal, scan_published_site

    refuse_links(folder)
    problems = scan_published_site(folder, root)
    if problems:
        raise OutputRefused(refusal(problems))


def scans_ahead(environ: Mapping[str, str]) -> bool:
    """Whether to scan while the site is written: not on one core, not when turned off."""
    if environ.get(AHEAD_ENV, "").strip().lower() in ("0", "off", "no", "false"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return cores >= 2


@contextmanager
def _caller_script_hidden() -> Iterator[None]:
    """A spawned process imports the parent's ``__main__`` again, which would run a
    caller's own script without an ``if __name__ == "__main__":`` guard a second time (and
    build the site twice). The gate's processes need sglearn alone: while one starts, the
    parent's main module is a blank one, so nothing of the caller's is imported."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is None:
            del sys.modules["__main__"]
        else:
            sys.modules["__main__"] = main


class OutputGate:
    """``check_output`` for ``replace_atomically``: ``start`` when the fresh folder is made,
    ``finish`` when it is filled, ``stop`` always (it ends the worker, whatever happened)."""

    def __init__(self, root: Path, *, ahead: bool | None = None) -> None:
        self.root = root
        self.ahead = scans_ahead(os.environ) if ahead is None else ahead
        self._worker: BaseProcess | None = None
        self._processes: list[BaseProcess] = []
        self._conn: Connection | None = None
        self._answered = False

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs (tests look for leftovers by it)."""
        return self._worker.pid if self._worker is not None else None

    @property
    def pids(self) -> list[int]:
        """The worker's and its assistant's process ids."""
        return [p.pid for p in self._processes if p.pid is not None]

    def start(self, folder: Path) -> None:
        self._answered = False
        if not self.ahead:
            return
        from sglearn.check.privacy.ahead import assist, watch

        context = multiprocessing.get_context("spawn")
        asking, assisting = context.Pipe()
        assistant = self._spawn(context, assist, (str(self.root), assisting))
        ours, theirs = context.Pipe()
        helper = asking if assistant is not None else None
        self._worker = self._spawn(context, watch, (str(folder), str(self.root), theirs, helper))
        asking.close()
        if self._worker is None:  # no process to be had: ``finish`` scans the site itself
            ours.close()
            self.stop()
        else:
            self._conn = ours

    def _spawn(
        self, context: SpawnContext, target: Callable[..., None], args: tuple[object, ...]
    ) -> BaseProcess | None:
        process = context.Process(target=target, args=args, name="sglearn-gate", daemon=True)
        try:
            with _caller_script_hidden():
                process.start()
        except OSError:
            return None
        finally:
            # Only the child holds its ends of the pipes: its death reads as end of file.
            for end in args:
                if isinstance(end, Connection):
                    end.close()
        self._processes.append(process)
        return process

    def finish(self, folder: Path) -> None:
        refuse_links(folder)
        if self._worker is None:
            check_output(folder, self.root)
            return
        from sglearn.check.privacy import refusal

        problems = self._answer()
        if problems:
            raise OutputRefused(refusal(problems))

    def _answer(self) -> list[Problem]:
        from sglearn.check.privacy.ahead import DONE, FAILED, FINISH

        assert self._conn is not None and self._worker is not None
        try:
            self._conn.send(FINISH)
            reply = self._conn.recv()
        except (EOFError, OSError):
            reply = None
        self._answered = reply is not None
        if isinstance(reply, tuple) and len(reply) == 2 and reply[0] == DONE:
            problems: list[Problem] = reply[1]
            return problems
        if isinstance(reply, tuple) and len(reply) == 2 and reply[0] == FAILED:
            why = str(reply[1])
        else:
            self._worker.join(_EXIT_WAIT)
            why = f"its process ended with exit code {self._worker.exitcode}"
        raise OutputRefused(
            f"the privacy check of the built site did not finish ({why}), so the site "
            "cannot be shown to be free of personal data. Run the build again; if this keeps "
            f"happening (a computer short of memory), set {AHEAD_ENV}=0 to check the site "
            "in one process after it is built"
        )

    def stop(self) -> None:
        """End the processes and wait for them: they have answered, or the answer is not
        wanted."""
        processes, conn = self._processes, self._conn
        self._processes, self._worker, self._conn = [], None, None
        if conn is not None:
            conn.close()  # a worker still scanning sees end of file at its next look
        for process in processes:
            if self._answered:
                process.join(_EXIT_WAIT)  # it exits as soon as it has answered
            if process.is_alive():
                process.terminate()
                process.join(_EXIT_WAIT)
            if process.is_alive():
                process.kill()
                process.join()
            process.close()
