"""``sglearn bench``: generate realistic corpora and time sglearn against its floor."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from sglearn.commands.common import EXIT_OK, UsageError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="measure validation and the site build on generated corpora",
        description="Generate N valid synthetic case files (deterministic) and measure, on the "
        "same files: reading and libyaml parsing (the floor, run like validate), sglearn "
        "validate, check-jsonschema, page generation, sglearn build and its variants against a "
        "plain MkDocs build, and how long sglearn serve takes to show an edited case, with "
        "peak memory. Prints a Markdown table, which docs/performance.md includes.",
    )
    parser.add_argument(
        "--sizes",
        "--cases",
        dest="sizes",
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
        "--out",
        type=Path,
        default=None,
        metavar="FILE",
        help="also write the table here (docs/performance-table.md is the one the docs include)",
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
    parser.add_argument(
        "--build-up-to",
        type=int,
        default=None,
        metavar="N",
        help="above --site-up-to, still measure sglearn build and the plain mkdocs build (the "
        "pair the time and memory targets compare) for corpora up to N cases",
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run: 100 cases, one run each")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from sglearn.bench.harness import DEFAULT_COUNTS, Provenance, run_bench, source_commit

    counts = args.sizes or ([100] if args.quick else list(DEFAULT_COUNTS))
    repeat = 1 if args.quick and args.repeat == 3 else args.repeat
    if repeat < 1 or any(n < 1 for n in counts):
        raise UsageError("--sizes and --repeat must be at least 1")
    if max(counts) > 99_999:
        raise UsageError("--sizes above 99,999 would not fit the case id pattern")
    provenance = Provenance(_command(counts, repeat, args), source_commit(args.out))

    def log(message: str) -> None:
        if sys.stderr.isatty():
            print(f"bench: {message}", file=sys.stderr, flush=True)

    _results, text = run_bench(
        counts,
        repeat,
        args.workdir,
        log,
        args.site_up_to,
        provenance,
        build_up_to=args.build_up_to,
    )
    sys.stdout.write(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return EXIT_OK


def _command(counts: list[int], repeat: int, args: argparse.Namespace) -> str:
    """The command that makes the same table, spelled out in full."""
    words = ["sglearn", "bench", "--sizes", *map(str, counts), "--repeat", str(repeat)]
    if args.site_up_to is not None:
        words += ["--site-up-to", str(args.site_up_to)]
    if args.build_up_to is not None:
        words += ["--build-up-to", str(args.build_up_to)]
    if args.out is not None:
        words += ["--out", _shown(args.out)]
    return " ".join(shlex.quote(w) for w in words)


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
