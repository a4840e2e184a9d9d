"""``sglearn migrate``: move case files to the current version of the format, only when asked."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from sglearn.commands.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    add_project_options,
    project_from,
)
from sglearn.read.migration import MigrationError, migrate_text


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "migrate",
        help="move case files to version 2 of the format (prints the change; --write saves it)",
        description="Shows how each version 1 case file would change in version 2 of the case "
        "format. Nothing is written unless you add --write. Comments and layout are kept.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="case files (default: cases/*.yaml)"
    )
    parser.add_argument("--write", action="store_true", help="save the migrated files")
    add_project_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = project_from(args)
    files = list(args.paths) or sorted(project.cases_dir.glob("*.yaml"))
    if not files:
        raise UsageError(f"no case files in {project.display(project.cases_dir)}")
    status, changed = EXIT_OK, 0
    for file in files:
        shown = project.display(file)
        if not file.is_file():
            raise UsageError(f"{shown} is not a case file")
        try:
            migration = migrate_text(file.read_text(encoding="utf-8"))
        except (MigrationError, UnicodeDecodeError, OSError) as error:
            print(f"{shown}: cannot migrate: {error}", file=sys.stderr)
            status = EXIT_PROBLEMS
            continue
        if not migration.changed:
            continue
        changed += 1
        if args.write:
            _replace(file, migration.after)
            print(f"{shown}: migrated to version 2 ({'; '.join(migration.changes)})")
        else:
            sys.stdout.write(migration.diff(shown))
    if not changed:
        print("Every case file is already version 2.")
    elif not args.write:
        print(
            f"{changed} file{'s' if changed != 1 else ''} would change: run 'sglearn migrate "
            "--write' to save them."
        )
    return status


def _replace(file: Path, text: str) -> None:
    """Write beside the file and rename over it: a case file is never left half-written."""
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, file.stat().st_mode & 0o7777)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
