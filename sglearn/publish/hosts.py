"""Which publisher builds the site, and what every publisher's driver offers the command.

A publisher is a host program (MkDocs, ProperDocs, Zensical) behind one adapter package,
``sglearn.publish.<name>_adapter``; its ``driver`` module is imported only when a build
runs, so ``sglearn validate`` never loads a host. Nothing here imports a host.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sglearn.check.validation import Report

PUBLISHERS = ("mkdocs", "properdocs", "zensical")
"""The publishers `sglearn build --publisher` accepts; the first is the default."""

HOST_NAMES = {"mkdocs": "MkDocs", "properdocs": "ProperDocs", "zensical": "Zensical"}
_GZIP_LAST = 2**32 - 1  # gzip headers hold a build date in 32 bits


class SiteBuildError(Exception):
    """The publisher could not build the site; the message says why in plain words."""


class BuildSite(Protocol):
    """The signature of every driver's ``build_site``."""

    def __call__(
        self,
        config_file: Path,
        site_dir: Path,
        as_of: date,
        *,
        strict: bool | None = None,
        validated: tuple[Path, Report] | None = None,
        audience: str | None = None,
    ) -> None: ...


@dataclass(frozen=True)
class Publisher:
    """One host's driver, as the ``build`` command uses it."""

    name: str
    configured_site_dir: Callable[[Path], Path]
    build_site: BuildSite


def publisher(name: str) -> Publisher:
    """Import the driver of the publisher ``name`` (one of :data:`PUBLISHERS`)."""
    if name not in PUBLISHERS:
        raise SiteBuildError(f"unknown publisher {name!r}; choose one of {', '.join(PUBLISHERS)}")
    driver = importlib.import_module(f"sglearn.publish.{name}_adapter.driver")
    return Publisher(name, driver.configured_site_dir, driver.build_site)


def require_host(module: str, name: str, hint: str) -> None:
    """Stop with a plain message when a host is not installed, before anything is written."""
    if importlib.util.find_spec(module) is None:
        raise SiteBuildError(f"{name} is not installed in this Python; {hint}")


def epoch_of(as_of: date) -> str:
    """SOURCE_DATE_EPOCH for the as-of date: a host dates its output by it, never by today."""
    midnight = datetime(as_of.year, as_of.month, as_of.day, tzinfo=timezone.utc)
    return str(min(max(int(midnight.timestamp()), 0), _GZIP_LAST))


def run_host(command: Sequence[str], *, name: str, cwd: Path, env: dict[str, str]) -> str:
    """Run a host's own command line; its output on success, a plain SiteBuildError if not.

    A host runs in its own process: ProperDocs takes over the ``mkdocs`` module names and
    Zensical keeps its configuration in module globals, neither of which may leak into the
    process that runs sglearn (or the next build in it).
    """
    try:
        result = subprocess.run(
            list(command),
            cwd=cwd,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise SiteBuildError(f"{name} could not be started: {error.strerror or error}") from None
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise SiteBuildError(
            f"{name} stopped (exit status {result.returncode}):\n  {_tail(output)}"
        )
    return output


def _tail(output: str, lines: int = 12) -> str:
    """The end of a host's output, without a Python or Rust traceback's inner frames."""
    kept = [
        line
        for line in output.splitlines()
        if line.strip()
        and not line.startswith(("  File ", "    ", "Traceback", "stack backtrace", "note: "))
    ]
    return "\n  ".join(kept[-lines:]) or "(it printed nothing)"
