"""The MkDocs adapter: the one module that imports mkdocs.

It validates the cases, asks the pure page generator for the pages and hands them to MkDocs
as in-memory files, so plain ``mkdocs build`` / ``mkdocs serve`` publish the governance site
and nothing generated is ever written into ``docs/``. Moving to another publisher (ProperDocs,
Zensical) means a new adapter like this one, not a rewrite.
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import os
import posixpath
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from sglearn.check.validation import Report
from sglearn.publish.atomic import PublishError, error_lines, generate_site
from sglearn.read.problems import Level
from sglearn.read.project import Project
from sglearn.review.as_of import AsOfError, resolve_as_of
from sglearn.site.navigation import site_nav
from sglearn.site.render import NAV, GeneratedFile

log = logging.getLogger("mkdocs.plugins.sglearn")

# Set by the sglearn command for one build or serve: an --as-of on the command line wins over
# mkdocs.yml. `mkdocs serve` reloads the plugin's config on each rebuild, so it lives here.
_as_of_override: date | None = None
# The validation `sglearn build` has just done, reused once for the same project and date
# instead of checking every case file a second time.
_validated: tuple[Path, date, Report] | None = None


class SglearnConfig(Config):  # type: ignore[no-untyped-call]  # mkdocs' own hook
    """Options under ``plugins: - sglearn:`` in mkdocs.yml."""

    # Read as text or a YAML date; checked by resolve_as_of so the message matches the CLI's.
    as_of = opt.Optional(opt.Type((str, date)))
    # Relative to mkdocs.yml; by default the folder mkdocs.yml is in.
    project = opt.Optional(opt.Dir(exists=True))
    # A Content-Security-Policy in every page: a second line of defence should case text ever
    # slip through as markup, and a guarantee that browsers load nothing from another host.
    content_security_policy = opt.Type(bool, default=True)


# Scripts may come only from the site itself, plus the theme's own inline scripts by hash.
# Styles allow inline because Material sets style attributes; images allow data: (its icons).
CSP_TEMPLATE = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def with_content_security_policy(page: str) -> str:
    """Add a CSP ``<meta>`` as the first thing in ``<head>``, allowing this page's scripts."""
    if "<head>" not in page:
        return page
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
            for body in _INLINE_SCRIPT.findall(page)
        }
    )
    policy = CSP_TEMPLATE.format(hashes="".join(" " + h for h in hashes))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page.replace("<head>", "<head>\n    " + meta, 1)


class SglearnPlugin(BasePlugin[SglearnConfig]):  # type: ignore[no-untyped-call]
    """Adds the generated governance pages to an MkDocs build."""

    def __init__(self) -> None:
        self.serving = False
        self._reset()

    def _reset(self) -> None:
        self.project: Project | None = None
        self.as_of: date | None = None
        self.generated: list[GeneratedFile] = []
        self.sources: dict[str, str] = {}
        self._set_epoch = False

    # -- events, in the order MkDocs calls them ----------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # `mkdocs serve` keeps this object between rebuilds: nothing may leak from the last one.
        self._reset()
        self.project = Project(Path(self._project_root(config)))
        self.as_of = self._resolve_as_of()
        self._pin_build_date(self.as_of)
        try:
            generation = generate_site(self.project, self.as_of, self._earlier_report())
        except PublishError as error:
            raise PluginError(f"sglearn: {error}") from None
        report = generation.report
        if not generation.ok:
            lines = error_lines(report.problems)
            raise PluginError(
                f"sglearn: the case files have {len(lines)} error(s); nothing was built. "
                "Fix them (`sglearn validate` shows a hint for each):\n  " + "\n  ".join(lines)
            )
        warnings = sum(1 for p in report.problems if p.level is Level.WARNING)
        if warnings:
            # A warning (an overdue action, say) is a fact the site shows, not a broken build,
            # so it must not fail `mkdocs build --strict`.
            log.info(f"sglearn: {warnings} warning(s) in the case files; see `sglearn validate`.")
        self.generated = generation.files
        self.sources = {f.path: f.source for f in generation.files if f.source}
        config.nav = self._nav(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.project is not None
        # Only the generator's top-level pages belong in the navigation: Material repeats the
        # nav on every page, so listing each case or theme would grow every page with the data.
        top_level = {path for _title, path in NAV}
        for generated in self.generated:
            if files.get_file_from_path(generated.path) is not None:
                raise PluginError(
                    f"sglearn: docs/{generated.path} would hide a generated page of the same "
                    "name; rename or remove the hand-written file"
                )
            in_nav = generated.path in top_level
            file = File.generated(
                config,
                generated.path,
                content=generated.content,
                inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV,
            )
            if generated.source:
                # The "edit" button of a case page opens the case YAML, not generated Markdown.
                file.edit_uri = _relative_posix(
                    self.project.root / generated.source, Path(config.docs_dir)
                )
            files.append(file)
        return files

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if page.title and not page.meta.get("title"):
            # Material prints `page.title | striptags` into <title>, and striptags turns the
            # escaped "&lt;/title&gt;&lt;script&gt;" of a case title back into live markup.
            # A front-matter title is printed as it is, so give it the title escaped once.
            page.meta["title"] = html.escape(html.unescape(page.title), quote=False)
        if page.file.generated_by is not None:
            # Generated pages are tabs of their own or reached from them, so the left sidebar
            # would list one page at most: give its width to the tables instead.
            hidden = page.meta.setdefault("hide", [])
            if isinstance(hidden, list) and "navigation" not in hidden:
                hidden.append("navigation")
        if page.file.src_uri in self.sources and page.edit_url:
            # edit_uri points at docs/; the case file sits beside it, reached through "..".
            page.edit_url = _normalise_url(page.edit_url)
        return context

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` injects its live-reload script after the pages are made; a policy
        # allowing only the theme's scripts would block it.
        self.serving = command == "serve"

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self._protect(output)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        return self._protect(output_content) if template_name.endswith(".html") else output_content

    def _protect(self, page: str) -> str:
        # Material's search overlay is a dialog without a name (axe: aria-dialog-name).
        page = page.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
        if self.serving or not self.config.content_security_policy:
            return page
        return with_content_security_policy(page)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._unpin_build_date()
        # The output gate (see sglearn.check.privacy.published); plain `mkdocs build` has
        # written site_dir already, so this fails the build; `sglearn build` keeps the old site.
        from sglearn.check.privacy import refusal, scan_published_site

        found = scan_published_site(Path(config.site_dir), Path(self._project_root(config)))
        if found:
            raise PluginError(refusal(found, config.site_dir))

    def on_build_error(self, *, error: Exception) -> None:
        self._unpin_build_date()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        # MkDocs watches docs/ and mkdocs.yml; a changed case or vocabulary must rebuild too.
        root = Path(self._project_root(config))
        for folder in (root / "cases", root / "schemas"):
            if folder.is_dir():
                server.watch(str(folder))
        return server

    # -- helpers ------------------------------------------------------------------------------

    def _project_root(self, config: MkDocsConfig) -> str:
        if self.config.project:
            return os.path.abspath(self.config.project)
        return os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))

    def _earlier_report(self) -> Report | None:
        global _validated
        earlier, _validated = _validated, None
        assert self.project is not None
        if earlier and earlier[0] == self.project.root.resolve() and earlier[1] == self.as_of:
            return earlier[2]
        return None

    def _resolve_as_of(self) -> date:
        if _as_of_override is not None:
            return _as_of_override
        given = self.config.as_of
        text = given.isoformat() if isinstance(given, date) else str(given) if given else None
        try:
            return resolve_as_of(text)
        except AsOfError as error:
            raise PluginError(f"sglearn: {error}") from None

    def _pin_build_date(self, as_of: date) -> None:
        """MkDocs dates the sitemap by SOURCE_DATE_EPOCH, else now: pin it to the as-of date.

        Without this, two builds of the same cases on different days differ in sitemap.xml.
        An epoch the user set is left alone.
        """
        if "SOURCE_DATE_EPOCH" in os.environ:
            return
        midnight = datetime(as_of.year, as_of.month, as_of.day, tzinfo=timezone.utc)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
        self._set_epoch = True

    def _unpin_build_date(self) -> None:
        if self._set_epoch:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._set_epoch = False

    def _nav(self, config: MkDocsConfig) -> list[Any]:
        return site_nav(Path(config.docs_dir), config.nav)


def _relative_posix(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()


def _normalise_url(url: str) -> str:
    parts = urlsplit(url)
    path = posixpath.normpath(parts.path) if parts.path else parts.path
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    return urlunsplit(parts._replace(path=path))


# -- entry points for the sglearn command (which must not import mkdocs itself) ----------------


class SiteBuildError(Exception):
    """MkDocs could not build the site; the message says why in one line."""


@contextmanager
def _command_line_as_of(as_of: date | None) -> Iterator[None]:
    global _as_of_override
    saved, _as_of_override = _as_of_override, as_of
    try:
        yield
    finally:
        _as_of_override = saved


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
) -> None:
    """``mkdocs build`` of ``config_file`` into ``site_dir`` for the given as-of date.

    ``strict`` None keeps what mkdocs.yml says. ``validated``: (project root, report) of a
    validation just done for this date, so the plugin need not repeat it.
    """
    global _validated
    _validated = (validated[0].resolve(), as_of, validated[1]) if validated else None
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with _mkdocs_messages(logging.WARNING), _command_line_as_of(as_of):
        try:
            config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
            if "sglearn" not in config.plugins:
                raise SiteBuildError(f"{config_file} does not list the sglearn plugin")
            build(config)
        except MkDocsException as error:
            # MkDocs has already logged the reason; this is its one-line summary.
            raise SiteBuildError(error.format_message()) from None
        finally:
            _validated = None


def serve_site(config_file: Path, dev_addr: str, as_of: date | None) -> None:
    """``mkdocs serve``: rebuild and reload the browser when a page, case or vocabulary changes."""
    from mkdocs.commands.serve import serve

    with _mkdocs_messages(logging.INFO), _command_line_as_of(as_of):
        try:
            serve(str(config_file), dev_addr=dev_addr, livereload=True)
        except MkDocsException as error:
            raise SiteBuildError(error.format_message()) from None
        except OSError as error:  # the address is taken, or not this computer's
            raise SiteBuildError(f"cannot serve on {dev_addr}: {error.strerror or error}") from None
