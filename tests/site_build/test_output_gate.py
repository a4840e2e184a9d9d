"""The output gate scans while the publisher writes: it refuses what the scan of the finished
site refuses, with the same message; a worker that dies fails the build; none is left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sglearn.check.privacy import ahead
from sglearn.publish.gate import AHEAD_ENV, OutputGate, OutputRefused, check_output, scans_ahead
from sglearn.publish.ownership import MARKER, PublishIOError
from sglearn.publish.swap import replace_atomically

CLEAN = "<html><body><p>Nothing personal here.</p></body></html>\n"
PHONE = "<html><body><p>Ring 07700 900123 today.</p></body></html>\n"
LOOK = ahead.INTERVAL + 2 * ahead.SETTLE
"""Long enough for the worker to have looked at what was written before."""


def old_site(target: Path) -> None:
    target.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")
    (target / MARKER).write_text("sglearn", encoding="utf-8")


def gone(pids: list[int]) -> bool:
    """The worker and its assistant have ended and been waited for (no zombie is left)."""
    assert len(pids) == 2, "the worker and its assistant were started"
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        return False
    return True


class SlowPublisher:
    """A fill that writes pages over time, as a publisher does, and rewrites one after the
    worker has had time to scan it; it notes the worker's process id."""

    def __init__(self, gate: OutputGate, rewrite: str) -> None:
        self.gate = gate
        self.rewrite = rewrite
        self.pids: list[int] = []

    def __call__(self, folder: Path) -> None:
        self.pids = self.gate.pids
        for name in ("a", "b", "c"):
            (folder / name).mkdir()
            (folder / name / "index.html").write_text(CLEAN, encoding="utf-8")
            time.sleep(LOOK)
        (folder / "b" / "index.html").write_text(self.rewrite, encoding="utf-8")
        (folder / "search").mkdir()
        (folder / "search" / "search_index.json").write_text('{"docs": []}', encoding="utf-8")


def test_gate_refuses_a_phone_number_rewritten_into_a_scanned_page_as_before(
    tmp_path: Path,
) -> None:
    target = tmp_path / "site"
    old_site(target)
    gate = OutputGate(tmp_path, ahead=True)
    publisher = SlowPublisher(gate, PHONE)
    with pytest.raises(OutputRefused) as refused:
        replace_atomically(target, publisher, project_name="p", check_output=gate)
    same = tmp_path / "same"
    same.mkdir()
    SlowPublisher(OutputGate(tmp_path, ahead=False), PHONE)(same)
    with pytest.raises(OutputRefused) as sequential:
        check_output(same, tmp_path)
    assert str(refused.value) == str(sequential.value)
    assert "b/index.html:1" in str(refused.value) and "900123" not in str(refused.value)
    assert (target / "index.html").read_text(encoding="utf-8") == "old"
    assert gone(publisher.pids)


def test_gate_passes_a_clean_site_and_leaves_no_worker(tmp_path: Path) -> None:
    target = tmp_path / "site"
    gate = OutputGate(tmp_path, ahead=True)
    publisher = SlowPublisher(gate, CLEAN)
    replace_atomically(target, publisher, project_name="p", check_output=gate)
    assert (target / "b" / "index.html").read_text(encoding="utf-8") == CLEAN
    assert gone(publisher.pids)


def test_gate_fails_the_build_closed_when_its_worker_dies(tmp_path: Path) -> None:
    target = tmp_path / "site"
    old_site(target)
    gate = OutputGate(tmp_path, ahead=True)
    pids: list[list[int]] = []

    def fill(folder: Path) -> None:
        (folder / "index.html").write_text(CLEAN, encoding="utf-8")
        pids.append(gate.pids)
        assert gate.pid is not None
        os.kill(gate.pid, signal.SIGKILL)  # as the kernel's out-of-memory killer would

    with pytest.raises(OutputRefused, match=r"did not finish .*exit code -9"):
        replace_atomically(target, fill, project_name="p", check_output=gate)
    assert (target / "index.html").read_text(encoding="utf-8") == "old"
    assert gone(pids[0])


@pytest.mark.parametrize(
    ("error", "raised"),
    [(OSError(28, "No space left on device"), PublishIOError), (KeyboardInterrupt(), None)],
    ids=["disk-full", "ctrl-c"],
)
def test_gate_stops_its_worker_when_the_publisher_fails(
    tmp_path: Path, error: BaseException, raised: type[BaseException] | None
) -> None:
    target = tmp_path / "site"
    old_site(target)
    gate = OutputGate(tmp_path, ahead=True)
    pids: list[list[int]] = []

    def fill(folder: Path) -> None:
        (folder / "index.html").write_text(CLEAN, encoding="utf-8")
        pids.append(gate.pids)
        raise error

    with pytest.raises(raised or type(error)):
        replace_atomically(target, fill, project_name="p", check_output=gate)
    assert (target / "index.html").read_text(encoding="utf-8") == "old"
    assert gone(pids[0])


def test_gate_refuses_a_symbolic_link_while_scanning_ahead(tmp_path: Path) -> None:
    gate = OutputGate(tmp_path, ahead=True)
    pids: list[list[int]] = []

    def fill(folder: Path) -> None:
        pids.append(gate.pids)
        (folder / "index.html").symlink_to("/etc/hostname")

    with pytest.raises(OutputRefused, match=r"symbolic link, index\.html"):
        replace_atomically(tmp_path / "site", fill, project_name="p", check_output=gate)
    assert gone(pids[0])


def test_gate_scans_after_the_fill_on_one_core_or_when_turned_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert scans_ahead({})
    assert not scans_ahead({AHEAD_ENV: "0"})
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert not scans_ahead({})
    gate = OutputGate(tmp_path)
    seen: list[int | None] = []

    def fill(folder: Path) -> None:
        seen.append(gate.pid)
        (folder / "index.html").write_text(PHONE, encoding="utf-8")

    with pytest.raises(OutputRefused, match=r"index\.html:1: a phone number"):
        replace_atomically(tmp_path / "site", fill, project_name="p", check_output=gate)
    assert seen == [None], "no worker on one core"


def test_gate_does_not_run_a_callers_script_again(tmp_path: Path) -> None:
    """A script without an ``if __name__ == "__main__":`` guard builds once, not twice: the
    gate's processes never import the script that started them."""
    script = tmp_path / "publish_site.py"
    runs = tmp_path / "runs.txt"
    script.write_text(
        "from pathlib import Path\n"
        "from sglearn.publish.gate import OutputGate\n"
        f"root = Path({str(tmp_path)!r})\n"
        "with open(root / 'runs.txt', 'a', encoding='utf-8') as runs:\n"
        "    runs.write('ran\\n')\n"
        "site = root / 'fresh'\n"
        "site.mkdir(exist_ok=True)\n"
        "gate = OutputGate(root, ahead=True)\n"
        "gate.start(site)\n"
        "(site / 'index.html').write_text('<p>Nothing personal.</p>', encoding='utf-8')\n"
        "try:\n"
        "    gate.finish(site)\n"
        "finally:\n"
        "    gate.stop()\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert runs.read_text(encoding="utf-8") == "ran\n"
