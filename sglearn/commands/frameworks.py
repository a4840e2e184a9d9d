"""``sglearn frameworks check``: every framework, crosswalk, the nations and audiences files."""

from __future__ import annotations

import argparse
import os
import sys

from sglearn.check.formats import FORMATS, pick_format, render, summary_line
from sglearn.commands.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    add_project_options,
    project_from,
)
from sglearn.read.problems import sort_problems
from sglearn.review.audiences import check_audiences
from sglearn.review.frameworks_check import check_catalogue
from sglearn.review.nations import check_nations


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "frameworks",
        help="check the framework, crosswalk, nations and audiences files in schemas/",
        description="Frameworks, crosswalks between them, the nations file and the audiences "
        "file are data under schemas/. 'sglearn frameworks check' validates each against its "
        "meta-schema, checks "
        "that every id a crosswalk names exists, and that every item of an older version is "
        "mapped to the newer one or listed as unmapped with a reason.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    check = actions.add_parser("check", help="validate the files; exit 1 if any has a problem")
    check.add_argument("--format", choices=FORMATS, default="auto", help="output format")
    add_project_options(check)
    check.set_defaults(run=run)
    parser.set_defaults(run=_needs_action)


def _needs_action(args: argparse.Namespace) -> int:
    raise UsageError("say what to do: 'sglearn frameworks check'")


def run(args: argparse.Namespace) -> int:
    project = project_from(args)
    _catalogue, problems, files = check_catalogue(project)
    _nations, nation_problems = check_nations(project)
    _audiences, audience_problems = check_audiences(project)
    problems = sort_problems([*problems, *nation_problems, *audience_problems])
    files += 2
    text = render(pick_format(args.format, os.environ), problems, files)
    # The shared summary line speaks of case files; these are framework files.
    summary = summary_line(problems, files) + "\n"
    if text.endswith(summary):
        text = text[: -len(summary)] + summary.replace("case file", "framework file")
    sys.stdout.write(text)
    return EXIT_PROBLEMS if any(p.is_error for p in problems) else EXIT_OK
