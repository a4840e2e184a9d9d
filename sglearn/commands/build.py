"""``sglearn build``: validate the cases, then publish the site without breaking the old one."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from sglearn.check import formats as reporting
from sglearn.check.validation import Report, validate
from sglearn.commands.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    TerminalProgress,
    UsageError,
    add_as_of_option,
    add_config_option,
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
    replace_atomically,
)
from sglearn.publish.hosts import PUBLISHERS, SiteBuildError, publisher
from sglearn.read.project import Project


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "build",
        help="validate the cases and build the governance site",
        description="Validate every case file, then build the static site with MkDocs or a "
        "successor (--publisher). The new site is built in a temporary folder beside the old "
        "one and swapped in only when the build succeeded: a failed validation or build "
        "leaves the previous site as it was. "
        "Exit status: 0 built, 1 problems in the cases or the build, 2 usage or file errors.",
    )
    parser.add_argument(
        "--site-dir",
        type=Path,
        metavar="DIR",
        help="where to put the site (default: site_dir in mkdocs.yml, normally site/)",
    )
    add_config_option(parser)
    whose = parser.add_mutually_exclusive_group()
    whose.add_argument(
        "--audience",
        metavar="ID",
        help="build one audience's site, as schemas/audiences.yaml defines it (staff, "
        "inspector, commissioner, public): only the pages and parts that audience may read, "
        "small counts suppressed where its policy says (default: the staff site)",
    )
    whose.add_argument(
        "--all-audiences",
        action="store_true",
        help="build every audience's site from the same cases into DIR/<audience>/, read and "
        "checked once; all are replaced together, or none is",
    )
    parser.add_argument(
        "--publisher",
        choices=PUBLISHERS,
        default=PUBLISHERS[0],
        help="the program that builds the site from mkdocs.yml: mkdocs (default), or its "
        "successors properdocs (runs the sglearn plugin) or zensical (sglearn renders the "
        "pages first); see docs/publishing.md",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="MkDocs warnings (a broken link, say) fail the build even if mkdocs.yml does not "
        "set strict; case warnings such as overdue actions are shown on the site and never fail "
        "it (use 'sglearn validate --strict' for those)",
    )
    add_as_of_option(parser)
    add_project_options(parser)
    parser.set_defaults(run=run)


def config_file_from(args: argparse.Namespace, root: Path) -> Path:
    config_file: Path = args.config_file or root / "mkdocs.yml"
    if not config_file.is_file():
        raise UsageError(f"there is no MkDocs configuration at {config_file}")
    return config_file.resolve()


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    project = project_from(args)
    as_of = as_of_from(args)
    config_file = config_file_from(args, project.root)

    # The pages need the values only, not where each was written: a build keeps no node trees.
    report = validate(project, as_of, progress=TerminalProgress(), locations=False)
    fmt = reporting.pick_format("auto", os.environ)
    colour = fmt == "text" and reporting.wants_colour(sys.stdout.isatty())
    if report.problems or fmt == "github":
        shown = reporting.render(fmt, report.problems, report.files_checked, colour=colour)
        sys.stdout.write(shown)
    if report.errors:
        print("The site was not built; any previous site is unchanged.", file=sys.stderr)
        return EXIT_PROBLEMS

    try:
        # The host's driver is imported only now: `import sglearn.commands.cli` must not
        # import mkdocs (it is slow and only the site commands need it).
        host = publisher(args.publisher)
        site_dir = args.site_dir or host.configured_site_dir(config_file)
        check_target(site_dir, project.root)
        audiences = _audiences(project, args)

        def build_into(fresh: Path) -> None:
            for number, audience in enumerate(audiences, 1):
                last = number == len(audiences)
                host.build_site(
                    config_file,
                    fresh / audience if args.all_audiences else fresh,
                    as_of,
                    strict=args.strict or None,
                    validated=(project.root, handed_over(report) if last else report),
                    audience=audience if args.all_audiences or args.audience else None,
                )

        replace_atomically(
            site_dir,
            build_into,
            project_name=project.root.name,
            check_output=OutputGate(project.root),
        )
    except PublishIOError as error:
        print(f"sglearn: the site was not built: {error}", file=sys.stderr)
        print("Any previous site is unchanged.", file=sys.stderr)
        return EXIT_PROBLEMS
    except OutputRefused as error:
        print(f"sglearn: the site was not published: {error}", file=sys.stderr)
        print("Any previous site is unchanged.", file=sys.stderr)
        return EXIT_PROBLEMS
    except PublishError as error:
        raise UsageError(str(error)) from None
    except SiteBuildError as error:
        print(f"sglearn: the site was not built: {error}", file=sys.stderr)
        print("Any previous site is unchanged.", file=sys.stderr)
        return EXIT_PROBLEMS
    elapsed = time.monotonic() - started
    whose = f" for {', '.join(audiences)}" if args.all_audiences or args.audience else ""
    print(
        f"Built the site{whose} in {_shown(site_dir)} from {report.files_checked} case file"
        f"{'' if report.files_checked == 1 else 's'}, as of {as_of.isoformat()} "
        f"({elapsed:.1f} s)."
    )
    return EXIT_OK


def handed_over(report: Report) -> Report:
    """A report that alone holds the cases' values, for the last build to take: nothing
    here needs them after it, and a build of 10,000 cases needs the memory they take while
    MkDocs renders; ``report`` keeps its problems and counts."""
    documents, report.documents = report.documents, []
    return Report(report.problems, documents, report.files_checked, report.vocabularies)


def _audiences(project: Project, args: argparse.Namespace) -> list[str]:
    """Whose sites to build: every audience, one, or the staff site (the default)."""
    if not (args.all_audiences or args.audience):
        return ["staff"]
    from sglearn.review.audiences import AudiencesError, load_audiences

    try:
        known = load_audiences(project)
    except AudiencesError as broken:
        shown = "\n  ".join(f"{p.path}:{p.line}: {p.message}" for p in broken.problems)
        raise UsageError(f"schemas/audiences.yaml cannot be used:\n  {shown}") from None
    if args.all_audiences:
        return list(known.ids)
    if args.audience not in known.ids:
        raise UsageError(
            f"there is no audience {args.audience!r}; choose one of {', '.join(known.ids)}"
        )
    return [str(args.audience)]


def _shown(folder: Path) -> str:
    try:
        return folder.resolve().relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return str(folder)
