"""``sglearn render``: write the generated pages as Markdown files, to read or diff in review."""

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
    TerminalProgress,
    UsageError,
    add_as_of_option,
    add_project_options,
    as_of_from,
    project_from,
)
from sglearn.publish.atomic import (
    OutputGate,
    OutputRefused,
    PublishError,
    PublishIOError,
    check_target,
    generate_site,
    replace_atomically,
    write_files,
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "render",
        help="write the generated site pages as Markdown files",
        description="Write the pages the site would be built from (Markdown, charts, CSV and "
        "JSON downloads) into a folder, to read them or compare two versions. The folder must "
        "be new or empty; with --force its previous contents are replaced. Nothing outside "
        "the folder is touched. Exit status: 0 written, 1 problems in the cases, 2 usage or "
        "file errors.",
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="the folder to write into"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace what DIR already holds, only if sglearn wrote it (its .sglearn-site "
        "marker is there); refused for any folder holding other files",
    )
    add_as_of_option(parser)
    add_project_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = project_from(args)
    as_of = as_of_from(args)
    out: Path = args.out
    try:
        check_target(out, project.root)
    except PublishError as error:
        raise UsageError(str(error)) from None
    if out.is_dir() and any(out.iterdir()) and not args.force:
        raise UsageError(f"{out} is not empty; choose a new folder or add --force to replace it")

    report = validate(project, as_of, progress=TerminalProgress(), locations=False)
    if report.problems:
        fmt = reporting.pick_format("auto", os.environ)
        colour = fmt == "text" and reporting.wants_colour(sys.stdout.isatty())
        shown = reporting.render(fmt, report.problems, report.files_checked, colour=colour)
        sys.stdout.write(shown)
    generation = generate_site(project, as_of, report)
    if not generation.ok:
        print("Nothing was written.", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        replace_atomically(
            out,
            lambda fresh: write_files(generation.files, fresh),
            project_name=project.root.name,
            check_output=OutputGate(project.root),
        )
    except PublishIOError as error:
        print(f"sglearn: nothing was written: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OutputRefused as error:
        print(f"sglearn: nothing was written: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except PublishError as error:
        raise UsageError(str(error)) from None
    print(f"Wrote {len(generation.files)} files to {out} (as of {as_of.isoformat()}).")
    return EXIT_OK
