"""``sglearn bench``: generate realistic corpora and time sglearn against its floor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sglearn.commands.common import EXIT_OK, UsageError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="measure validation and the site build on generated corpora",
        description="Generate N valid synthetic case files (deterministic) and measure, on the "
        "same files: reading and libyaml parsing (the floor), sglearn validate, "
        "check-jsonschema, and the site build against plain MkDocs, with peak memory. "
        "Prints a Markdown table.",
    )
    parser.add_argument(
        "--cases",
        type=int,
        nargs="+",
        default=None,
        metavar="N",
        help="corpus sizes to measure (default: 100 1000 10000)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per measure (median; default 3)"
    )
    parser.add_argument(
        "--out", type=Path, default=None, metavar="FILE", help="write the table here"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        metavar="DIR",
        help="keep the generated corpora here (default: a temporary folder, removed after)",
    )
    parser.add_argument(
        "--site-up-to",
        type=int,
        default=None,
        metavar="N",
        help="measure the site (render, build, plain mkdocs) only for corpora up to N cases "
        "(default: every N)",
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run: 100 cases, one run each")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from sglearn.bench.harness import DEFAULT_COUNTS, run_bench

    counts = args.cases or ([100] if args.quick else list(DEFAULT_COUNTS))
    repeat = 1 if args.quick and args.repeat == 3 else args.repeat
    if repeat < 1 or any(n < 1 for n in counts):
        raise UsageError("--cases and --repeat must be at least 1")
    if max(counts) > 99_999:
        raise UsageError("--cases above 99,999 would not fit the case id pattern")

    def log(message: str) -> None:
        if sys.stderr.isatty():
            print(f"bench: {message}", file=sys.stderr, flush=True)

    _results, text = run_bench(counts, repeat, args.workdir, log, args.site_up_to)
    sys.stdout.write(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return EXIT_OK
