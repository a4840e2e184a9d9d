"""Fault injection at every step of the swap: a kill, a full disk, a refused permission.

At every instant the target holds a complete site (the old or the new one), and whatever a
killed build left beside it is removed by the next build.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sglearn.publish import swap
from sglearn.publish.ownership import MARKER, PublishIOError
from sglearn.publish.swap import replace_atomically

STEPS = ["locked", "made", "filled", "checked", "exchanged", "cleaned"]
BEFORE_SWAP = {"locked", "made", "filled", "checked"}


def old_site(target: Path) -> None:
    target.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")
    (target / MARKER).write_text("sglearn", encoding="utf-8")


def fill_new(folder: Path) -> None:
    (folder / "index.html").write_text("new", encoding="utf-8")
    (folder / "page.html").write_text("new page", encoding="utf-8")


def beside(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name != f".{target.name}.lock")


def content(target: Path) -> str:
    return (target / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES], ids=["ENOSPC", "EACCES"])
@pytest.mark.parametrize("at", STEPS)
def test_swap_io_error_at_each_step_keeps_one_whole_site(
    tmp_path: Path, at: str, code: int
) -> None:
    target = tmp_path / "site"
    old_site(target)

    def fault(step: str) -> None:
        if step == at:
            raise OSError(code, os.strerror(code))

    if at in BEFORE_SWAP:
        with pytest.raises(PublishIOError, match=os.strerror(code)):
            replace_atomically(target, fill_new, project_name="p", step=fault)
        assert content(target) == "old", "rolled back: the old site is untouched"
    else:
        # The new site is in place: a failure tidying up must not call the build failed.
        replace_atomically(target, fill_new, project_name="p", step=fault)
        assert content(target) == "new"
    assert (target / MARKER).is_file()
    if at != "exchanged":
        assert beside(target) == ["site"]
    replace_atomically(target, fill_new, project_name="p")
    assert beside(target) == ["site"], "the next build removes any leftover"


def test_swap_fallback_rolls_back_when_the_second_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "site"
    old_site(target)
    monkeypatch.setattr(swap, "exchange", lambda first, second: False)
    real_rename = os.rename

    def failing_rename(source: str | Path, destination: str | Path) -> None:
        if Path(source).name.startswith(".site.new-"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_rename(source, destination)

    monkeypatch.setattr(swap.os, "rename", failing_rename)
    with pytest.raises(PublishIOError):
        replace_atomically(target, fill_new, project_name="p")
    assert content(target) == "old"
    assert beside(target) == ["site"]


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from sglearn.publish.swap import replace_atomically

    def fill(folder):
        (folder / "index.html").write_text("new", encoding="utf-8")

    def step(name):
        if name == sys.argv[2]:
            os.kill(os.getpid(), signal.SIGKILL)

    replace_atomically(Path(sys.argv[1]), fill, project_name="p", step=step)
    """
)


@pytest.mark.parametrize("at", STEPS)
def test_swap_killed_at_each_step_leaves_a_whole_site_and_is_cleaned_next_time(
    tmp_path: Path, at: str
) -> None:
    target = tmp_path / "site"
    old_site(target)
    result = subprocess.run(
        [sys.executable, "-c", KILLER, str(target), at], cwd=Path(__file__).parents[2]
    )
    assert result.returncode == -signal.SIGKILL
    assert content(target) == ("old" if at in BEFORE_SWAP else "new")
    replace_atomically(target, fill_new, project_name="p")
    assert content(target) == "new"
    assert beside(target) == ["site"]


def test_swap_exchanges_in_one_call_when_the_system_can(tmp_path: Path) -> None:
    """renameat2(RENAME_EXCHANGE): both paths exist before and after, their contents swapped."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "x").write_text("a", encoding="utf-8")
    (second / "x").write_text("b", encoding="utf-8")
    if not swap.exchange(first, second):
        pytest.skip("this kernel or file system cannot exchange (the two-rename path is used)")
    assert (first / "x").read_text(encoding="utf-8") == "b"
    assert (second / "x").read_text(encoding="utf-8") == "a"


def test_swap_through_a_symlinked_site_dir_updates_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real"
    old_site(real)
    link = tmp_path / "site"
    link.symlink_to(real)
    replace_atomically(link, fill_new, project_name="p")
    assert link.is_symlink() and content(real) == "new"


def test_swap_waits_for_the_lock_of_another_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    target = tmp_path / "site"
    monkeypatch.setattr(swap, "LOCK_TIMEOUT", 0.2)
    with FileLock(str(swap.lock_path(target))), pytest.raises(PublishIOError, match="lock"):
        replace_atomically(target, fill_new, project_name="p")
    assert not target.exists()
