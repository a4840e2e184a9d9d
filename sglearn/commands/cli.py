"""The ``sglearn`` command: a thin layer that parses arguments, calls the library and prints.

Each subcommand lives in ``sglearn/commands/<name>.py`` with ``register(subparsers)`` and
``run(args) -> int``. Only this layer prints or chooses an exit status: 0 clean, 1 problems
found, 2 a usage or input/output error. No traceback ever reaches a safeguarding lead.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from sglearn import __version__
from sglearn.commands.common import EXIT_USAGE, UsageError

COMMANDS = (
    "validate",
    "new",
    "migrate",
    "report",
    "build",
    "serve",
    "render",
    "schema",
    "frameworks",
    "bench",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sglearn",
        description="Learning reviews after safeguarding allegations: validate case files and "
        "publish the governance site.",
    )
    parser.add_argument("--version", action="version", version=f"sglearn {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"sglearn.commands.{name}")
        except ModuleNotFoundError as missing:
            if missing.name != f"sglearn.commands.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        status: int = args.run(args)
    except UsageError as error:
        print(f"sglearn: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("sglearn: stopped.", file=sys.stderr)
        return 130
    return status
