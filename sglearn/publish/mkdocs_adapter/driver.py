"""The `sglearn build` and `serve` drivers: run MkDocs with the sglearn plugin.

Imported only when a site command runs: ``sglearn.commands.cli`` must not import mkdocs.
Values reach the plugin through its own object (build) or an environment variable read at
every rebuild (serve), never through module state.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from mkdocs.exceptions import MkDocsException

from sglearn.check.parallel import fewer_collections
from sglearn.check.validation import Report
from sglearn.publish.hosts import SiteBuildError
from sglearn.publish.mkdocs_adapter.plugin import AS_OF_ENV, AUDIENCE_ENV, SglearnPlugin

__all__ = ["SiteBuildError", "build_site", "configured_site_dir", "serve_site"]

_YOUNGEST = 10_000
"""New objects between two collections of the youngest generation while MkDocs builds.
MkDocs makes millions of small objects that live until its build ends; at Python's default
(every 700) the cycle collector walks them thousands of times: 1.5 s of a 1,000-case build,
0.8 s at 10,000. Cyclic garbage is still collected, a little later."""


@contextmanager
def _mkdocs_messages(level: int) -> Iterator[None]:
    """Show MkDocs' own messages at ``level`` and above as ``LEVEL - message`` lines."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    saved = logger.level
    logger.addHandler(handler)
    logger.setLevel(min(level, saved) if saved else level)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved)


@contextmanager
def _environment(name: str, value: str | None) -> Iterator[None]:
    saved = os.environ.get(name)
    if value is not None:
        os.environ[name] = value
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = saved


def configured_site_dir(config_file: Path) -> Path:
    """The ``site_dir`` mkdocs.yml names (``site/`` by default), as an absolute path."""
    from mkdocs.config import load_config

    try:
        with _mkdocs_messages(logging.ERROR):
            config = load_config(str(config_file))
    except MkDocsException as error:
        raise SiteBuildError(error.format_message()) from None
    return Path(config.site_dir)


def build_site(
    config_file: Path,
    site_dir: Path,
    as_of: date,
    *,
    strict: bool | None = None,
    validated: tuple[Path, Report] | None = None,
    audience: str | None = None,
) -> None:
    """``mkdocs build`` of ``config_file`` into ``site_dir`` for the given as-of date.

    ``validated``: (project root, report) of a validation just done for this date, handed to
    the plugin object so it need not check every case a second time.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with (
        _mkdocs_messages(logging.WARNING),
        _environment(AS_OF_ENV, as_of.isoformat()),
        _environment(AUDIENCE_ENV, audience),
        fewer_collections(_YOUNGEST),
    ):
        try:
            config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
            plugin = config.plugins.get("sglearn")
            if not isinstance(plugin, SglearnPlugin):
                raise SiteBuildError(f"{config_file} does not list the sglearn plugin")
            plugin.gated_by_caller = True  # the caller's swap runs the output gate
            if validated:
                plugin.handoff = (validated[0].resolve(), as_of, validated[1])
            # The plugin lets go of the report once the pages are made; so must this frame,
            # or every case's values stay in memory while MkDocs renders (see run_build).
            del validated
            build(config)
        except MkDocsException as error:
            raise SiteBuildError(error.format_message()) from None


def serve_site(config_file: Path, dev_addr: str, as_of: date | None) -> None:
    """``mkdocs serve``: rebuild and reload the browser when a page, case or vocabulary changes.

    A saved case rebuilds only the pages it changes (see ``live``).
    """
    from sglearn.publish.mkdocs_adapter.live import serve

    shown = as_of.isoformat() if as_of else None
    with _mkdocs_messages(logging.INFO), _environment(AS_OF_ENV, shown):
        try:
            serve(str(config_file), dev_addr)
        except MkDocsException as error:
            raise SiteBuildError(error.format_message()) from None
        except OSError as error:  # the address is taken, or not this computer's
            raise SiteBuildError(
                f"cannot serve on {dev_addr}: {error.strerror or error}; choose another "
                "port with --dev-addr 127.0.0.1:8001 (or dev_addr in mkdocs.yml)"
            ) from None
