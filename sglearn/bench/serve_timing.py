"""How long a lead waits after saving a case until ``sglearn serve`` shows the edit.

The preview is started as a user starts it; once it serves the case page, the case's title is
changed on disk ``repeat`` times, and each time the page is fetched until the new title is in
it. The time is from the save to that answer: noticing the change, rebuilding and serving,
which is what the lead waits for. The server holds a request while it rebuilds, so polling
does not read a half-built site. A title change keeps the set of pages, so serve rebuilds
only the pages that show it; the note says when the preview rebuilt the whole site instead.
Memory is that of the server's whole process tree, sampled while it runs.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO

from sglearn.bench.measures import SERVE_NAME, SGLEARN, Measure, tree_rss_kb

# The preview is on this computer: never ask a proxy named in the environment for it.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))

FULL_REBUILD = "Documentation built in"
"""What MkDocs logs after building the whole site; seen after an edit, the save rebuilt it all."""
PAGES_REBUILT = "changed file(s) in"
"""What serve logs after rebuilding only the pages a save changed."""


def serve_time(
    root: Path, case: Path, repeat: int, env: dict[str, str], as_of: str, timeout: float
) -> Measure:
    """Median seconds from saving ``case`` until its served page shows the edit."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/cases/{case.stem}/"
    command = [*SGLEARN, "serve", "--as-of", as_of, "--dev-addr", f"127.0.0.1:{port}"]
    original = case.read_text(encoding="utf-8")
    with tempfile.TemporaryFile() as out:
        server = subprocess.Popen(
            command, cwd=root, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        peak = [0]
        try:
            if _wait_for(url, "</html>", server, peak, time.perf_counter() + timeout) is None:
                return Measure(SERVE_NAME, note="not measured: " + _said(out, "never served"))
            out.seek(0, os.SEEK_END)
            before_edits = out.tell()
            waits: list[float] = []
            for number in range(1, repeat + 1):
                marker = f"Revised {number} learning about"
                edited = original.replace("title: Learning about", "title: " + marker, 1)
                case.write_text(edited, encoding="utf-8")
                saved = time.perf_counter()
                shown = _wait_for(url, marker, server, peak, saved + timeout)
                if shown is None:
                    return Measure(SERVE_NAME, note="not measured: " + _said(out, "no edit seen"))
                waits.append(shown - saved)
        finally:
            case.write_text(original, encoding="utf-8")
            _stop(server)
        out.seek(before_edits)
        log = out.read().decode("utf-8", "replace")
    measure = Measure(SERVE_NAME, statistics.median(waits), peak[0] / 1024)
    measure.note = rebuild_note(log, repeat)
    return measure


def rebuild_note(log: str, saves: int) -> str:
    """What the preview's log says it rebuilt after the saves, when not only the changed pages."""
    full, partial = log.count(FULL_REBUILD), log.count(PAGES_REBUILT)
    if full and not partial:
        return "each save rebuilt the whole site, not only the pages it changed"
    if full:
        return f"{full} of {saves} saves rebuilt the whole site"
    if partial < saves:
        return f"the preview logged a rebuild for {partial} of {saves} saves"
    return ""


def _wait_for(
    url: str, text: str, server: subprocess.Popen[bytes], peak: list[int], deadline: float
) -> float | None:
    """Fetch ``url`` until its body contains ``text``; the time it did, or None."""
    while time.perf_counter() < deadline and server.poll() is None:
        peak[0] = max(peak[0], tree_rss_kb(server.pid))
        try:
            wait = max(1.0, deadline - time.perf_counter())
            with _DIRECT.open(url, timeout=wait) as r:
                body = r.read().decode("utf-8", "replace")
            if text in body:
                return time.perf_counter()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    return None


def _stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM, which serve treats as Ctrl+C (it removes its temporary site), then SIGKILL."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _said(out: IO[bytes], fallback: str) -> str:
    out.seek(0)
    lines = out.read().decode("utf-8", "replace").strip().splitlines()
    return lines[-1][:120] if lines else fallback


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
