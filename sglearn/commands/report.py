"""``sglearn report``: the governance meeting's figures, ready to paste into the minutes."""

from __future__ import annotations

import argparse
import sys

from sglearn.check.validation import validate
from sglearn.commands.common import (
    EXIT_OK,
    UsageError,
    add_as_of_option,
    add_project_options,
    as_of_from,
    project_from,
)
from sglearn.review.model import cases_from_documents
from sglearn.site.meeting_report import FORMATS, build_meeting_report, render


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report",
        help="print what the governance meeting needs (overdue actions, themes, late referrals)",
        description="Print the governance meeting's figures as of one date: overdue actions and "
        "actions due soon, reviews awaiting evidence of effectiveness, theme counts this "
        "quarter against last, and late or missing referrals and notifications. Includes "
        "reviews held from publication: for internal use. Case files that do not pass "
        "validation are listed, not counted.",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="markdown",
        help="markdown to paste into minutes (default), csv for a spreadsheet, json for programs",
    )
    add_as_of_option(parser)
    add_project_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = project_from(args)
    as_of = as_of_from(args)
    checked = validate(project, as_of)
    if checked.vocabularies is None:
        raise UsageError(
            "the vocabulary files in schemas/ have problems; run sglearn validate to see them"
        )
    included = {d.path for d in checked.documents}
    cases_prefix = project.display(project.cases_dir) + "/"
    left_out = {
        p.path
        for p in checked.problems
        if p.is_error and p.path.startswith(cases_prefix) and p.path not in included
    }
    report = build_meeting_report(
        cases_from_documents(checked.documents), checked.vocabularies, as_of, left_out
    )
    if left_out:
        print(
            f"sglearn: {len(left_out)} case file(s) left out because they do not pass "
            "validation; run sglearn validate to see why.",
            file=sys.stderr,
        )
    sys.stdout.write(render(report, args.format))
    return EXIT_OK
