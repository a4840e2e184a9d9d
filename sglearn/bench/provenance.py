"""Where a benchmark table came from: the command that made it and the commit it measured.

A table of timings is only worth keeping if a reader can tell what produced it; a figure from
a working copy with changes nobody committed says so.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Provenance:
    """What made the table: the command as typed, and the sglearn commit it measured."""

    command: str
    commit: str


def source_commit(out: Path | None) -> str:
    """The git commit of the sglearn being measured, and whether its files differ from it."""
    checkout = Path(__file__).resolve().parents[2]
    if not (checkout / ".git").exists():
        return "unknown (sglearn is not run from a git checkout)"
    try:
        head = _git(checkout, "rev-parse", "--short=12", "HEAD").strip()
        changed = _git(checkout, "status", "--porcelain", "--untracked-files=no").splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (git could not say)"
    mine = out.resolve() if out is not None else None
    changed = [line[3:] for line in changed if mine is None or (checkout / line[3:]) != mine]
    if changed:
        return f"{head}, with uncommitted changes to {', '.join(sorted(changed)[:5])}"
    return head


def _git(checkout: Path, *words: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(checkout), *words], capture_output=True, text=True, check=True
    )
    return done.stdout
