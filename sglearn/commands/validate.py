"""``sglearn validate``: check case files and say, in plain words, what to fix and where."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sglearn.check import formats as reporting
from sglearn.check.validation import validate
from sglearn.commands.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    TerminalProgress,
    add_as_of_option,
    add_project_options,
    as_of_from,
    project_from,
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check case files and list every problem",
        description="Check case files against the schema and the rules. Exit status: 0 no "
        "errors, 1 problems found, 2 usage or file errors.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="case files or folders (default: cases/)",
    )
    parser.add_argument(
        "--format",
        choices=reporting.FORMATS,
        default="auto",
        help="text for people, github for workflow annotations, json for programs "
        "(default: github under GitHub Actions, else text)",
    )
    parser.add_argument("--strict", action="store_true", help="warnings fail the run too")
    add_as_of_option(parser)
    add_project_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = project_from(args)
    report = validate(
        project,
        as_of_from(args),
        args.paths or None,
        progress=TerminalProgress(),
        keep_documents=False,
    )
    fmt = reporting.pick_format(args.format, os.environ)
    colour = fmt == "text" and reporting.wants_colour(sys.stdout.isatty())
    sys.stdout.write(reporting.render(fmt, report.problems, report.files_checked, colour=colour))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(reporting.github_step_summary(report.problems, report.files_checked))
    if any(p.rule == "io/missing" for p in report.problems):
        return EXIT_USAGE  # a path on the command line that does not exist: a usage error
    failed = report.errors > 0 or (args.strict and report.warnings > 0)
    return EXIT_PROBLEMS if failed else EXIT_OK
