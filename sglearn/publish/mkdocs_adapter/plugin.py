"""The MkDocs adapter: event glue only, and the one module that imports mkdocs.

Pages come from :mod:`sglearn.publish.atomic`, HTML post-processing from
:mod:`sglearn.site.html`; the ``sglearn build``/``serve`` drivers live in
:mod:`sglearn.publish.mkdocs_adapter.driver`. Per-build state is reset in ``on_config`` because
``mkdocs serve`` keeps this object between rebuilds.
"""

from __future__ import annotations

import html
import logging
import os
import socket
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from sglearn.check.validation import Report
from sglearn.publish.atomic import (
    PublishError,
    check_target,
    error_lines,
    generate_site,
    page_anchors,
    within_build,
)
from sglearn.publish.mkdocs_adapter.listing_boxes import ListingBoxes
from sglearn.publish.ownership import write_marker
from sglearn.read.problems import Level
from sglearn.read.project import Project
from sglearn.review.as_of import AsOfError, resolve_as_of
from sglearn.site.html import protect, with_as_of
from sglearn.site.navigation import prune_nav, site_nav
from sglearn.site.problems_banner import problem_lines, with_banner
from sglearn.site.render import NAV, GeneratedFile
from sglearn.site.render.page_memo import PageMemo

log = logging.getLogger("mkdocs.plugins.sglearn")

AS_OF_ENV = "SGLEARN_AS_OF"
"""Set by `sglearn serve --as-of`: read at every rebuild, where the plugin is made anew."""
AUDIENCE_ENV = "SGLEARN_AUDIENCE"
"""Set by `sglearn build --audience`: whose build this is (schemas/audiences.yaml)."""
_GZIP_LAST = 2**32 - 1  # the gzip header holds the sitemap's date in 32 bits


class SglearnConfig(Config):  # type: ignore[no-untyped-call]  # mkdocs' own hook
    """Options under ``plugins: - sglearn:`` in mkdocs.yml."""

    as_of = opt.Optional(opt.Type((str, date)))
    audience = opt.Optional(opt.Type(str))
    project = opt.Optional(opt.Dir(exists=True))
    content_security_policy = opt.Type(bool, default=True)


class SglearnPlugin(BasePlugin[SglearnConfig]):  # type: ignore[no-untyped-call]
    """Adds the generated governance pages to an MkDocs build."""

    def __init__(self) -> None:
        self.serving = False
        self.handoff: tuple[Path, date, Report] | None = None  # set by `sglearn build`
        # `sglearn build` runs the output gate itself, before its swap: no need to run it twice.
        self.gated_by_caller = False
        self.generated: list[GeneratedFile] = []
        self.case_pages: frozenset[str] = frozenset()  # generated pages made from a case file
        self.anchors: dict[str, frozenset[str]] = {}  # an audience's build: see within_build
        self.made: set[str] = set()  # the files this plugin gave MkDocs in this build
        # Set by `sglearn serve`, which compares the next save's pages with this build's
        # (`mkdocs serve` keeps them too: a broken save serves the last good pages).
        self.keep_markdown = False
        self.abbreviations = ""
        self.broken: list[str] = []
        self._saved_epoch: str | None = None
        self.project = Project(Path.cwd())
        self.as_of = date.today()
        self.keeps: Any = None  # which hand-written pages this audience's build holds
        self.listings = ListingBoxes()
        self.memo: PageMemo | None = None  # case pages kept between a preview's saves

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"  # live reload injects a script the CSP would block

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(self._root(config))
        self.project = Project(root)
        if not self.serving:
            try:
                check_target(Path(config.site_dir), root)
            except PublishError as error:
                raise PluginError(f"sglearn: site_dir refused: {error}") from None
        self.as_of = self._as_of()
        self._pin_build_date(self.as_of)
        handoff, self.handoff = self.handoff, None
        earlier = handoff[2] if handoff and handoff[:2] == (root.resolve(), self.as_of) else None
        try:
            audience = os.environ.get(AUDIENCE_ENV) or self.config.audience
            self.memo = None if self._lets_go_of_markdown else self.memo or PageMemo()
            generation = generate_site(self.project, self.as_of, earlier, audience, self.memo)
        except PublishError as error:
            raise PluginError(f"sglearn: {error}") from None
        if not generation.ok:
            lines = error_lines(generation.report.problems)
            if self.serving and self.generated:
                # Keep serving the last good site; each page and the log say what to fix.
                self.broken = problem_lines(generation.report.problems)
                shown = "\n  ".join(self.broken)
                log.error(f"sglearn: case errors, serving the last good site:\n  {shown}")
                config.nav = site_nav(Path(config.docs_dir), config.nav)
                return config
            raise PluginError(
                f"sglearn: the case files have {len(lines)} error(s); nothing was built. "
                "Fix them (`sglearn validate` shows a hint for each):\n  " + "\n  ".join(lines)
            )
        self.broken = []
        warnings = sum(1 for p in generation.report.problems if p.level is Level.WARNING)
        if warnings:  # facts the site shows; they must not fail `mkdocs build --strict`
            log.info(f"sglearn: {warnings} warning(s) in the case files; see `sglearn validate`.")
        self.generated = generation.files
        # Asked of every page: a set made once, not a scan of every generated page per page.
        self.case_pages = frozenset(f.path for f in self.generated if f.source)
        self.abbreviations = generation.abbreviations
        self.keeps = generation.page_filter() if generation.audience is not None else None
        self.anchors = page_anchors(self.generated) if self.keeps is not None else {}
        nav = site_nav(Path(config.docs_dir), config.nav)
        config.nav = prune_nav(nav, self.keeps) if self.keeps else nav
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        top_level = {path for _title, path in NAV}  # only these in the nav: it is on every page
        if self.keeps is not None:  # an audience's build: only the hand-written pages it reads
            for page in [f for f in files if f.is_documentation_page()]:
                if not self.keeps(page.src_uri):
                    files.remove(page)
        self.made = {generated.path for generated in self.generated}
        for generated in self.generated:
            if files.get_file_from_path(generated.path) is not None:
                raise PluginError(
                    f"sglearn: docs/{generated.path} would hide a generated page of the same "
                    "name; rename or remove the hand-written file"
                )
            inclusion = InclusionLevel.UNDEFINED if generated.path in top_level else None
            file = File.generated(
                config,
                generated.path,
                content=generated.content,
                inclusion=inclusion or InclusionLevel.NOT_IN_NAV,
            )
            if generated.source:  # the "edit" button opens the case YAML
                case = (self.project.root / generated.source).resolve()
                docs = Path(config.docs_dir).resolve()
                file.edit_uri = Path(os.path.relpath(case, docs)).as_posix()
            files.append(file)
        if self._lets_go_of_markdown:
            # A build's one copy of each page's Markdown is then the one MkDocs reads (see
            # on_page_markdown).
            self.generated = []
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.keeps is not None and page.file.generated_by is None:
            # A hand-written page in an audience's build: links to pages it lacks become text.
            markdown = within_build(markdown, page.file.src_uri, self.anchors, self.keeps)
        if self._lets_go_of_markdown and page.file.src_uri in self.made:
            # Read once; keeping it would hold every page's Markdown twice while MkDocs
            # renders (300 MB at 10,000 cases).
            page.file.content_string = ""
        if page.file.src_uri in self.made:
            markdown = self.listings.take_out(
                markdown,
                page,
                config,
                files,
                self.abbreviations,
                remember=not self._lets_go_of_markdown,
            )
        return markdown + self.abbreviations  # the glossary's terms expand on every page

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._lets_go_of_markdown:
            # Converted: nothing reads a page's Markdown again in a one-off build ("", not
            # None, which MkDocs reads as a page never read).
            page.markdown = ""
        return html

    def _page_before_search(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        if page.title and not page.meta.get("title"):
            # Material's `title | striptags` would revive an escaped "&lt;script&gt;".
            page.meta["title"] = html.escape(html.unescape(page.title), quote=False)
        if page.file.generated_by is not None:
            hidden = page.meta.setdefault("hide", [])
            if isinstance(hidden, list) and "navigation" not in hidden:
                hidden.append("navigation")
        if page.file.src_uri in self.case_pages and page.edit_url:
            page.edit_url = _normalise_url(page.edit_url)
        return context

    @event_priority(-50)  # after search has read the page, which skips a listing box anyway
    def _listings_back(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        page.content = self.listings.put_back(page.content or "", page)
        return context

    on_page_context = CombinedEvent(_page_before_search, _listings_back)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self._lets_go_of_markdown:
            # Its HTML is in the output now (search read it in on_page_context): every page's
            # HTML held until the build ends would rival MkDocs' own peak at 10,000 cases.
            page.content = ""
        return with_banner(self._protect(with_as_of(output, self.as_of)), self.broken)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        return self._protect(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if Path(config.site_dir).is_dir():  # so the next build may replace it
            write_marker(Path(config.site_dir), self.project.root.name)
        self._unpin_build_date()
        # The output gate (see sglearn.check.privacy.published); plain `mkdocs build` has
        # written site_dir already, so this fails the build; `sglearn build` keeps the old site.
        if self.gated_by_caller:
            return
        from sglearn.check.privacy import refusal, scan_published_site

        found = scan_published_site(Path(config.site_dir), Path(self._root(config)))
        if found:
            raise PluginError(refusal(found, config.site_dir))

    def on_build_error(self, *, error: Exception) -> None:
        self._unpin_build_date()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        _refuse_a_taken_address(server)  # before MkDocs binds it and fails with a traceback
        root = Path(self._root(config))  # a changed case or vocabulary must rebuild too
        for folder in (root / "cases", root / "schemas"):
            if folder.is_dir():
                server.watch(str(folder))
        return server

    @property
    def _lets_go_of_markdown(self) -> bool:
        """A one-off build: nothing compares the next build's pages with this one's."""
        return not (self.keep_markdown or self.serving)

    def _protect(self, page: str) -> str:
        return protect(page, policy=not self.serving and self.config.content_security_policy)

    def _root(self, config: MkDocsConfig) -> str:
        if self.config.project:
            return os.path.abspath(self.config.project)
        return os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))

    def _as_of(self) -> date:
        given = os.environ.get(AS_OF_ENV) or self.config.as_of
        text = given.isoformat() if isinstance(given, date) else str(given) if given else None
        try:
            return resolve_as_of(text)
        except AsOfError as error:
            raise PluginError(f"sglearn: {error}") from None

    def _pin_build_date(self, as_of: date) -> None:
        """MkDocs dates the sitemap by SOURCE_DATE_EPOCH: pin it to the as-of date, always.

        The same cases and as-of date give the same bytes whatever the environment held; the
        value is kept inside the 32 bits of the gzip header (years 1970 to 2106).
        """
        self._saved_epoch = os.environ.get("SOURCE_DATE_EPOCH")
        midnight = datetime(as_of.year, as_of.month, as_of.day, tzinfo=timezone.utc)
        seconds = min(max(int(midnight.timestamp()), 0), _GZIP_LAST)
        os.environ["SOURCE_DATE_EPOCH"] = str(seconds)

    def _unpin_build_date(self) -> None:
        if self._saved_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = self._saved_epoch

    def _nav(self, config: Any) -> list[Any]:
        return site_nav(Path(config.docs_dir), config.nav)


def _normalise_url(url: str) -> str:
    from posixpath import normpath
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    path = normpath(parts.path) if parts.path else parts.path
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    return urlunsplit(parts._replace(path=path))


def _refuse_a_taken_address(server: Any) -> None:
    """A plain message, not a traceback, when the port `mkdocs serve` wants is taken."""
    address = getattr(server, "server_address", None)
    if not isinstance(address, tuple) or len(address) < 2:
        return
    host, port = address[0], address[1]
    family = getattr(server, "address_family", socket.AF_INET)
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise PluginError(
                f"sglearn: cannot serve on {host}:{port}: {error.strerror or error}; choose "
                f"another port with --dev-addr {host}:{int(port) + 1} (or dev_addr in "
                "mkdocs.yml)"
            ) from None
