"""Read a file only if it is a regular file, with a size limit and a time limit.

A FIFO named like a case file would make a plain ``open().read()`` wait for ever (in CI, in a
pre-commit hook); a device could stream without end. The file is opened without blocking,
checked to be a regular file, and read in chunks against a deadline.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

READ_TIMEOUT = 10.0
"""Seconds one file may take to read; a case file is read in milliseconds."""

_CHUNK = 65_536


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder, not a file to read."""


def kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_regular_file(path: Path, limit_bytes: int, timeout: float = READ_TIMEOUT) -> bytes:
    """Up to ``limit_bytes + 1`` bytes of ``path`` (so the caller sees it is too large).

    Raises NotRegularFile for anything but a regular file, TimeoutError past ``timeout``
    seconds and OSError as ``open`` would. Never blocks on a FIFO.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(0, f"it is {kind_of(mode)}, not a regular file", str(path))
        deadline = time.monotonic() + timeout
        chunks: list[bytes] = []
        size = 0
        while size <= limit_bytes:
            chunk = os.read(descriptor, min(_CHUNK, limit_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if time.monotonic() > deadline:
                raise TimeoutError(0, f"reading took more than {timeout:g} s", str(path))
        return b"".join(chunks)
    finally:
        os.close(descriptor)
