"""Named variants of ``sglearn build``, each timed beside the default build when it exists.

Options such as another publisher or one site per audience arrive one at a time. A variant is
one line in :data:`BUILD_VARIANTS`; the harness asks ``sglearn build --help`` whether this
version has the option, and the table says "not available in this version" until it does, so
a missing option never reads as a measurement that failed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sglearn.bench.measures import SGLEARN, UNAVAILABLE, Measure, run_process


@dataclass(frozen=True)
class BuildVariant:
    """``sglearn build`` with ``args``; available when its help lists every word in ``needs``."""

    key: str
    args: tuple[str, ...]
    needs: tuple[str, ...]

    @property
    def name(self) -> str:
        return "sglearn build " + " ".join(self.args)


BUILD_VARIANTS: tuple[BuildVariant, ...] = (
    BuildVariant("build_properdocs", ("--publisher", "properdocs"), ("--publisher", "properdocs")),
    BuildVariant("build_zensical", ("--publisher", "zensical"), ("--publisher", "zensical")),
    BuildVariant("build_audiences", ("--all-audiences",), ("--all-audiences",)),
)


def build_help(cwd: Path, env: dict[str, str]) -> str:
    """What ``sglearn build --help`` prints in this version (empty if it fails)."""
    run = run_process([*SGLEARN, "build", "--help"], cwd, env, timeout=120)
    return run.output if run.status == 0 else ""


def available(variant: BuildVariant, help_text: str) -> bool:
    """Whether the help names every option and value the variant needs, as whole words."""
    words = set(re.findall(r"(?<![\w-])-{0,2}[A-Za-z][\w-]*", help_text))
    return all(need in words for need in variant.needs)


def not_available(variant: BuildVariant) -> Measure:
    return Measure(variant.name, note=UNAVAILABLE, unavailable=True)


def variant_command(variant: BuildVariant, as_of: str, site: Path) -> list[str]:
    return [*SGLEARN, "build", "--as-of", as_of, "--site-dir", str(site), *variant.args]


def split(
    variants: Sequence[BuildVariant], help_text: str
) -> tuple[list[BuildVariant], list[BuildVariant]]:
    """The variants this version has, and those it does not have yet."""
    have = [v for v in variants if available(v, help_text)]
    return have, [v for v in variants if v not in have]
