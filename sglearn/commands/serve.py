"""``sglearn serve``: preview the site locally, rebuilt when a case, page or vocabulary changes."""

from __future__ import annotations

import argparse
import signal
import sys
from types import FrameType

from sglearn.commands.build import config_file_from
from sglearn.commands.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    add_config_option,
    add_project_options,
    checked_as_of,
    project_from,
)
from sglearn.review.as_of import AsOfError, resolve_as_of


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="preview the site at http://127.0.0.1:8000 and rebuild on every change",
        description="Build the site and serve it locally. Saving a case file, a vocabulary or a "
        "page in docs/ rebuilds it and reloads the browser; an edited case rebuilds only the "
        "pages it changes. A case with errors stops the rebuild: the errors are printed and "
        "shown on every page of the last good site; fix them and save again.",
    )
    parser.add_argument(
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="the address to serve on (default: 127.0.0.1:8000, this computer only)",
    )
    add_config_option(parser)
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="judge deadlines by this date (default: as-of in mkdocs.yml, else "
        "SOURCE_DATE_EPOCH, else today at each rebuild)",
    )
    add_project_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from sglearn.publish.mkdocs_adapter.driver import SiteBuildError, serve_site

    project = project_from(args)
    config_file = config_file_from(args, project.root)
    try:
        as_of = checked_as_of(resolve_as_of(args.as_of)) if args.as_of else None
    except AsOfError as error:
        raise UsageError(str(error)) from None
    # Stopped by a service manager or `kill`: shut down as on Ctrl+C, so MkDocs removes the
    # temporary folder it serves from.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        serve_site(config_file, args.dev_addr, as_of)
    except SiteBuildError as error:
        print(f"sglearn: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
