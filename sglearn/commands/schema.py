"""``sglearn schema``: keep the editor schema's vocabulary lists in step with the vocabularies."""

from __future__ import annotations

import argparse
import sys

from sglearn.check.case_schema import synced_case_schema_text
from sglearn.check.formats import format_text
from sglearn.commands.common import EXIT_OK, EXIT_PROBLEMS, add_project_options, project_from
from sglearn.read.project import CASE_SCHEMA
from sglearn.review.vocabulary import VocabularyError, load_vocabularies


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="check or update the vocabulary lists in schemas/case.schema.json",
        description="Editors offer completion from schemas/case.schema.json. After adding a "
        "theme, service or framework, run 'sglearn schema --write' to copy the new values in.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check", action="store_true", help="exit 1 if the file is out of date (default)"
    )
    mode.add_argument(
        "--write", action="store_true", help="rewrite the file with the current lists"
    )
    add_project_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = project_from(args)
    try:
        vocabularies = load_vocabularies(project)
    except VocabularyError as broken:
        sys.stdout.write(format_text(broken.problems, 0))
        return EXIT_PROBLEMS
    target = project.root / "schemas" / CASE_SCHEMA
    wanted = synced_case_schema_text(project, vocabularies)
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    if current == wanted:
        print(f"{project.display(target)} is up to date.")
        return EXIT_OK
    if args.write:
        target.write_text(wanted, encoding="utf-8")
        print(f"Updated the vocabulary lists in {project.display(target)}.")
        return EXIT_OK
    print(f"{project.display(target)} is out of date: run 'sglearn schema --write'.")
    return EXIT_PROBLEMS
