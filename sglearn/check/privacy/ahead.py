"""The output gate, scanning ahead: the built site is scanned while the publisher writes it.

Scanning a finished 1,000-case site takes half a minute of CPU after the publisher is done,
while the publisher itself uses one core. ``watch`` runs in a second process from the moment
the fresh folder is made: it looks at the folder every ``INTERVAL`` seconds and scans each
file that has not changed for ``SETTLE`` seconds. When asked for its answer, it walks the
finished folder and reuses a scan only for a file whose bytes (SHA-256) are the bytes it
scanned; anything new or rewritten is scanned then. A file's findings depend on its name and
bytes alone (``SiteScanner``), so the answer is exactly what ``scan_published_site`` gives
on the finished folder, and no file passes on bytes the gate did not read.

The search index is written last and is the longest scan: there an ``assist`` process scans
its text as written while ``watch`` scans its visible pieces (both cores are free by then).
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path

from sglearn.check.privacy.published import (
    FileScan,
    Helper,
    LineFinding,
    SiteScanner,
    digest,
    published_files,
)
from sglearn.read.problems import Problem

INTERVAL = 0.2
"""Seconds between two looks at the folder while the publisher writes it."""
SETTLE = 0.3
"""Seconds a file must stay unchanged before it is scanned early (it may still be growing;
scanning it anyway would only waste work: the final pass compares the bytes)."""

SPLIT = 1_000_000
"""Characters from which a file's scan is shared with the assistant."""

FINISH = "finish"
DONE = "done"
FAILED = "failed"


class FolderScan:
    """The scans of one folder's files by path, each with the digest of the bytes it read."""

    def __init__(self, scanner: SiteScanner, helper: Helper | None = None) -> None:
        self.scanner = scanner
        self.helper = helper
        self.scanned: dict[str, tuple[str, FileScan]] = {}
        self.looked: dict[str, tuple[int, int]] = {}

    def catch_up(self, folder: Path, interrupted: Callable[[], bool]) -> None:
        """Scan every file that changed since the last look and has since settled; return
        early when ``interrupted()`` says the answer is wanted now."""
        settled = time.time_ns() - int(SETTLE * 1e9)
        for path, shown, status in _regular_files(folder):
            if interrupted():
                return
            stamp = (status.st_mtime_ns, status.st_size)
            if self.looked.get(shown) == stamp or status.st_mtime_ns > settled:
                continue
            try:
                data = path.read_bytes()
            except OSError:  # removed or replaced meanwhile: the final pass reads what stays
                continue
            self.looked[shown] = stamp
            self.scan(shown, data, final=False)

    def scan(self, shown: str, data: bytes, *, final: bool = True) -> FileScan:
        """The scan of these bytes: the one already made if the bytes are the same."""
        sha256 = digest(data)
        known = self.scanned.get(shown)
        if known is not None and known[0] == sha256:
            return known[1]
        # Ahead, the assistant would take the publisher's core; at the end both are free.
        helper = self.helper if final else None
        read = self.scanner.readable(shown, data, sha256)
        del data  # the search index is 76 MB at 10,000 cases: held as text alone while read
        scan = read if isinstance(read, FileScan) else self.scanner.scan_text(*read, helper)
        self.scanned[shown] = (sha256, scan)
        return scan

    def final(self, folder: Path) -> list[Problem]:
        """The problems of the finished folder, every file's final bytes read again.

        Largest first: the search index, written last, is the longest scan and the one
        shared with the assistant, which then reads it while this process reads the rest
        (the order of the scans does not change the answer)."""
        files = sorted(published_files(folder), key=lambda f: -f.stat().st_size)
        scans = [self.scan(f.relative_to(folder).as_posix(), f.read_bytes()) for f in files]
        return self.scanner.problems(scans)


def _regular_files(folder: Path) -> Iterator[tuple[Path, str, os.stat_result]]:
    """Regular files under ``folder`` (never through a link), as the publisher left them so far."""
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            path = Path(dirpath, name)
            try:
                status = path.lstat()
            except OSError:
                continue
            if stat.S_ISREG(status.st_mode):
                yield path, path.relative_to(folder).as_posix(), status


class Assistant:
    """The ``Helper`` over a pipe to an ``assist`` process; if that fails, the text is
    scanned here after all, so a failed assistant costs time, never a finding."""

    least = SPLIT

    def __init__(self, conn: Connection, scanner: SiteScanner) -> None:
        self.conn = conn
        self.scanner = scanner
        self.working = True

    def ask(self, shown: str, text: str) -> Callable[[], list[LineFinding]]:
        def here() -> list[LineFinding]:
            return list(self.scanner.findings(text, shown, pieces=False))

        if not self.working:
            return here
        try:
            self.conn.send((shown, text))
        except OSError:
            self.working = False
            return here

        def answer() -> list[LineFinding]:
            try:
                reply = self.conn.recv()
            except (EOFError, OSError):
                reply = None
            if isinstance(reply, list):
                return reply
            self.working = False
            return here()

        return answer


def assist(root: str, conn: Connection) -> None:
    """The assistant: for each ``(shown, text)`` it receives, send the findings of the text
    as written; ``(FAILED, why)`` if it cannot. It stops when the other end closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        scanner = SiteScanner(Path(root))
        while True:
            shown, text = conn.recv()
            conn.send(list(scanner.findings(text, shown, pieces=False)))
    except EOFError:
        return
    except BaseException as error:
        with contextlib.suppress(OSError):
            conn.send((FAILED, f"{type(error).__name__}: {error}"))
    finally:
        conn.close()


def watch(folder: str, root: str, conn: Connection, helper: Connection | None = None) -> None:
    """The worker: scan ahead until asked (``FINISH``), then send ``(DONE, problems)``, or
    ``(FAILED, why)`` if anything went wrong. It stops when the parent's end closes.
    ``helper``: the pipe to an ``assist`` process."""
    # Ctrl-C reaches the whole process group: the parent decides, and stops this worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        scanner = SiteScanner(Path(root))
        scan = FolderScan(scanner, Assistant(helper, scanner) if helper else None)
        while not conn.poll(INTERVAL):
            scan.catch_up(Path(folder), conn.poll)
        if conn.recv() != FINISH:
            raise ValueError("an unexpected request")
        conn.send((DONE, scan.final(Path(folder))))
    except EOFError:
        return  # the parent is gone or gave up: nobody waits for an answer
    except BaseException as error:
        with contextlib.suppress(OSError):
            conn.send((FAILED, f"{type(error).__name__}: {error}"))
    finally:
        conn.close()
        if helper is not None:
            helper.close()
