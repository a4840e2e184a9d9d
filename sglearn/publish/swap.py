"""Replace a published folder in one step, one build at a time, cleaning up after kills.

The new site is filled in a fresh folder beside the target (same file system), then the two
are exchanged with ``renameat2(RENAME_EXCHANGE)``: one system call, so at every instant the
target path holds either the complete old site or the complete new one — never nothing,
never half. Where the kernel or file system cannot exchange (not Linux, EINVAL), two renames
are used with a rollback; there the target is absent for the instant between them.

A lock file beside the target (``filelock``) serialises builds into one folder; leftovers of a
build that was killed (``.NAME.new-*`` folders, which carry sglearn's marker from their first
moment) are removed by the next build while it holds the lock.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, runtime_checkable

from filelock import FileLock, Timeout

from sglearn.publish.ownership import MARKER, PublishError, PublishIOError, write_marker

LOCK_TIMEOUT = 600.0
"""Seconds a build waits for another build into the same folder before giving up."""

Step = Callable[[str], None]
Fill = Callable[[Path], None]


@runtime_checkable
class Gate(Protocol):
    """An output check that begins when the fresh folder is made, so it can read files while
    they are written (``sglearn.publish.gate.OutputGate``)."""

    def start(self, folder: Path) -> None: ...

    def finish(self, folder: Path) -> None:
        """Check the filled folder; raise PublishError to stop the swap."""

    def stop(self) -> None:
        """Release what ``start`` began; called after ``finish`` and on every failure."""


class _AfterFill:
    """A plain ``check_output(folder)`` as a gate: it runs on the filled folder."""

    def __init__(self, check: Fill | None) -> None:
        self.check = check

    def start(self, folder: Path) -> None:
        pass

    def finish(self, folder: Path) -> None:
        if self.check is not None:
            self.check(folder)

    def stop(self) -> None:
        pass


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False when this system cannot (then nothing happened)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def real_target(target: Path) -> Path:
    """A --site-dir that is a symbolic link: its target is updated (atomically), not the link."""
    target = target.absolute()
    return target.resolve() if target.is_symlink() else target


def remove_leftovers(target: Path) -> None:
    """Delete the ``.NAME.new-*`` / ``.NAME.old-*`` folders an interrupted build left behind."""
    for prefix in (f".{target.name}.new-", f".{target.name}.old-"):
        for leftover in target.parent.glob(prefix + "*"):
            if leftover.is_symlink() or not leftover.is_dir():
                continue
            if (leftover / MARKER).is_file() or not any(leftover.iterdir()):
                shutil.rmtree(leftover, ignore_errors=True)


def replace_atomically(
    target: Path,
    fill: Fill,
    *,
    project_name: str,
    check_output: Fill | Gate | None = None,
    step: Step | None = None,
) -> None:
    """Fill a fresh folder, check it, then swap it in; on any failure the old site stays.

    ``check_output(folder)`` is the gate run on the finished site before the swap (the
    published-output privacy check); it raises PublishError to stop the swap. A ``Gate`` is
    started on the fresh folder before the fill and finished after it. ``step(name)``
    is called after each stage (tests inject faults there). I/O errors become PublishIOError.
    """
    target = real_target(target)
    note = step or (lambda _name: None)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_path(target)), timeout=LOCK_TIMEOUT)
        with lock:
            note("locked")
            remove_leftovers(target)
            gate = check_output if isinstance(check_output, Gate) else _AfterFill(check_output)
            _publish(target, fill, project_name, gate, note)
    except Timeout:
        raise PublishIOError(
            f"another build into {target} has held its lock for {LOCK_TIMEOUT:.0f} s; "
            "try again when it has finished"
        ) from None
    except OSError as error:
        where = error.filename or target
        raise PublishIOError(f"cannot publish to {where}: {error.strerror or error}") from None


def _publish(target: Path, fill: Fill, project_name: str, gate: Gate, note: Step) -> None:
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    swapped = False
    try:
        write_marker(fresh, project_name)
        _make_shareable(fresh)
        note("made")
        gate.start(fresh)
        try:
            fill(fresh)
            write_marker(fresh, project_name)  # a host that cleaned the folder removed it
            note("filled")
            gate.finish(fresh)
        finally:
            gate.stop()
        note("checked")
        if not target.exists():
            os.rename(fresh, target)
            swapped = True
        elif exchange(fresh, target):
            swapped = True  # `fresh` now holds the old site
        else:
            _two_renames(fresh, target, note)
            swapped = True
    except BaseException:
        if not swapped:
            shutil.rmtree(fresh, ignore_errors=True)
        raise
    # The new site is in place: nothing after this may report the build as failed. An old
    # copy that cannot be removed now is removed by the next build.
    try:
        note("exchanged")
        shutil.rmtree(fresh, ignore_errors=True)
        note("cleaned")
    except OSError:
        pass


def _two_renames(fresh: Path, target: Path, note: Step) -> None:
    """The fallback swap: old aside, new in, old removed; the old comes back on failure."""
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    old.rmdir()
    os.rename(target, old)
    try:
        note("moved-aside")
        os.rename(fresh, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _make_shareable(folder: Path) -> None:
    """mkdtemp makes 0700 folders; a published site must be readable like any other folder."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


__all__ = [
    "Gate",
    "PublishError",
    "PublishIOError",
    "exchange",
    "remove_leftovers",
    "replace_atomically",
]
