"""Options and helpers that several subcommands share."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from sglearn.read.project import Project, find_project
from sglearn.review.as_of import AsOfError, resolve_as_of

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

EARLIEST_DATE = date(1950, 1, 1)
"""No learning review sglearn keeps is judged, or received, before this day."""


class UsageError(Exception):
    """A mistake in how sglearn was called, or a file it needs that cannot be used."""


def add_project_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--project",
        type=Path,
        default=None,
        metavar="DIR",
        help="the repository with cases/ and schemas/ (default: found from the current folder)",
    )


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config-file",
        type=Path,
        metavar="FILE",
        help="the MkDocs configuration (default: mkdocs.yml in the project)",
    )


def add_as_of_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="the date to judge deadlines and overdue actions by "
        "(default: SOURCE_DATE_EPOCH if set, else today)",
    )


def project_from(args: argparse.Namespace) -> Project:
    if args.project is not None:
        if not args.project.is_dir():
            raise UsageError(f"--project {args.project} is not a folder")
        return Project(args.project.resolve())
    return find_project(Path.cwd())


def as_of_from(args: argparse.Namespace) -> date:
    try:
        as_of = resolve_as_of(args.as_of)
    except AsOfError as error:
        raise UsageError(str(error)) from None
    return checked_as_of(as_of)


def checked_as_of(as_of: date) -> date:
    """An as-of date inside the window every report, quarter and deadline can be counted in."""
    if as_of < EARLIEST_DATE:
        raise UsageError(
            f"--as-of {as_of.isoformat()} is before any review sglearn keeps: give a date "
            f"from {EARLIEST_DATE.isoformat()} on"
        )
    return as_of


class TerminalProgress:
    """'files done / total' on a terminal for long runs; silent when piped or short."""

    def __init__(self, minimum: int = 200) -> None:
        self.enabled = sys.stderr.isatty() and "CI" not in os.environ
        self.minimum = minimum

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < self.minimum:
            return
        if done == total or done % 50 == 0:
            end = "\n" if done == total else ""
            print(f"\rchecked {done} / {total} case files", end=end, file=sys.stderr, flush=True)
