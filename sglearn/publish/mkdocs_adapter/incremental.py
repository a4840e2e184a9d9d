"""Rebuild only the pages whose generated Markdown changed, giving the bytes a full build gives.

A full MkDocs build of a 1,000-case site takes minutes; after a lead saves one case, only the
case page and the aggregate pages it feeds have new Markdown. What else a page's HTML holds
comes from the navigation (the top-level pages and the hand-written ones, titled in the
nav) and from which pages exist (links, sitemap). So when the set of generated files, the
glossary's abbreviations, the hand-written pages and the configuration are all unchanged,
rebuilding just the changed pages, with the files, navigation and template environment kept
from the last full build, writes exactly what a full build writes. The search index is kept
per page and rewritten in page order; Material's tag listings (which name every tagged page)
are made again with their pages. Anything else (a case added or removed, a page gaining or
losing tags, a warning a strict build would stop on) asks for a full build instead.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from sglearn.site.render import GeneratedFile

SearchEntries = list[dict[str, Any]]
_GATHERED = ("search_index", "mappings", "listings")
"""Attributes in which Material's search and tags plugins keep what they gathered."""


@dataclass
class Snapshot:
    """What the last full build used and made, kept in the serve process for the next save."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment
    serving: bool
    """Built for the preview (drafts included), as ``mkdocs serve`` builds."""
    generated: dict[str, GeneratedFile]
    abbreviations: str
    search: dict[str, SearchEntries] = field(default_factory=dict)
    """Each page's entries in the search index (by source path), in the order MkDocs built."""
    state: list[tuple[Any, str, Any]] = field(default_factory=list)
    """(plugin, attribute, value): what the search and tags plugins gathered from its pages,
    put back before a rebuild in case another build in this process replaced it."""

    def documentation_pages(self) -> Sequence[File]:
        inclusion = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        return self.files.documentation_pages(inclusion=inclusion)


class Recorder(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Joins a full build last, to keep its files, navigation, environment and search entries."""

    def __init__(self) -> None:
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Environment | None = None
        self.search: dict[str, SearchEntries] = {}
        self.state: list[tuple[Any, str, Any]] = []
        self._indexed = 0

    @event_priority(-1000)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.files = files
        return files

    @event_priority(-1000)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    @event_priority(-1000)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env
        self.state = [
            (plugin, name, getattr(plugin, name))
            for plugin in config.plugins.values()
            for name in _GATHERED
            if hasattr(plugin, name)
        ]
        return env

    @event_priority(-1000)
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        entries = search_entries(config)
        if entries is not None:
            self.search[page.file.src_uri] = entries[self._indexed :]
            self._indexed = len(entries)
        return context

    def snapshot(
        self,
        config: MkDocsConfig,
        generated: list[GeneratedFile],
        abbreviations: str,
        *,
        serving: bool,
    ) -> Snapshot | None:
        if self.files is None or self.nav is None or self.env is None:
            return None
        kept = {f.path: f for f in generated}
        return Snapshot(
            config,
            self.files,
            self.nav,
            self.env,
            serving,
            kept,
            abbreviations,
            self.search,
            self.state,
        )


def search_entries(config: MkDocsConfig) -> SearchEntries | None:
    """The search plugin's index being built (MkDocs' own or Material's), if there is one."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", None)
        if isinstance(entries, list):
            return entries
    return None


@dataclass
class Rebuilt:
    """What a partial rebuild wrote, for the output gate to scan."""

    files: list[str] = field(default_factory=list)
    """Site files written, as paths under site_dir (the search index is not among them)."""
    search: SearchEntries = field(default_factory=list)
    """The search entries of the pages rebuilt (the rest of the index is unchanged)."""
    before: dict[str, bytes] = field(default_factory=dict)
    """Each written file's bytes before this rebuild, which passed the output gate then."""

    def writing(self, site_dir: str, path: str) -> None:
        """Note that ``path`` (under ``site_dir``) is about to be written."""
        try:
            self.before[path] = (Path(site_dir) / path).read_bytes()
        except OSError:
            self.before[path] = b""
        self.files.append(path)


def rebuild_changed(
    snapshot: Snapshot, generated: list[GeneratedFile], abbreviations: str
) -> Rebuilt | None:
    """Rebuild the pages of ``generated`` that differ from the snapshot's, in its site.

    Returns what was written, or None when only a full build gives the right bytes; the
    snapshot then no longer matches the site and must be dropped.
    """
    new = {f.path: f for f in generated}
    if new.keys() != snapshot.generated.keys() or abbreviations != snapshot.abbreviations:
        return None
    changed = [new[path] for path in sorted(new) if new[path] != snapshot.generated[path]]
    if any(f.source != snapshot.generated[f.path].source for f in changed):
        return None  # a case page's "edit" link is set when MkDocs gathers the files
    files = [snapshot.files.get_file_from_path(f.path) for f in changed]
    config = snapshot.config
    if any(file is None for file in files) or _other_search(config):
        return None
    for plugin, name, value in snapshot.state:
        setattr(plugin, name, value)
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        rebuilt = _rebuild(snapshot, changed, [f for f in files if f is not None])
        if rebuilt is None or counter.get_counts():  # a strict build would stop: let it say why
            return None
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    snapshot.generated = new
    entries = search_entries(config)
    if changed and entries is not None:  # every page's entries, in the order a build adds them
        entries[:] = [e for f in snapshot.documentation_pages() for e in snapshot.search[f.src_uri]]
        for plugin in config.plugins.values():
            if getattr(plugin, "search_index", None) is not None:
                plugin.on_post_build(config=config)
    return rebuilt


def _rebuild(snapshot: Snapshot, changed: list[GeneratedFile], files: list[File]) -> Rebuilt | None:
    """Read, render and write each changed file; None where the tags plugin's view of the
    site would change in a way only a full build redoes."""
    config = snapshot.config
    tags = _tags_plugin(config)
    listing = [item.page for item in tags.listings] if tags is not None else []
    pages = [f.page for f in files if f.is_documentation_page() and f.page is not None]
    # Material's tags plugin lists tagged pages (with their titles) on its listing pages:
    # when a tagged page or a listing changes, every listing page is made again.
    relist = tags is not None and any(_has_tags(p) or p in listing for p in pages)
    if relist:
        assert tags is not None
        tags.listings.data.clear()
        pages += [p for p in listing if p not in pages]
    rebuilt = Rebuilt()
    for generated, file in zip(changed, files, strict=True):
        file.content_string = generated.content
        if not file.is_documentation_page():
            rebuilt.writing(config.site_dir, file.dest_uri)
            file.copy_file()
    for page in pages:
        had, lists = _has_tags(page), len(tags.listings.data) if tags is not None else 0
        _populate_page(page, config, snapshot.files)
        if had != _has_tags(page):  # the tags plugin would add or drop the page
            return None
        if not relist and tags is not None and len(tags.listings.data) != lists:
            return None  # a page that now lists tags
    if relist:
        assert tags is not None
        if tags.config.export:
            rebuilt.writing(config.site_dir, tags.config.export_file)
        tags.on_env(snapshot.env, config=config, files=snapshot.files)
    doc_files = snapshot.documentation_pages()
    entries = search_entries(config)
    for page in sorted(pages, key=lambda p: p.file.src_uri):
        start = len(entries) if entries is not None else 0
        excluded = page.file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
        rebuilt.writing(config.site_dir, page.file.dest_uri)
        _build_page(page, config, doc_files, snapshot.nav, snapshot.env, excluded=excluded)
        if entries is not None:
            snapshot.search[page.file.src_uri] = entries[start:]
            rebuilt.search += entries[start:]
            del entries[start:]
    anchors = config.validation.links.anchors
    for file in doc_files:
        assert file.page is not None
        file.page.validate_anchor_links(files=snapshot.files, log_level=anchors)
    return rebuilt


def _has_tags(page: Page) -> bool:
    return bool(page.meta.get("tags"))


def _tags_plugin(config: MkDocsConfig) -> Any:
    """Material's tags plugin, when enabled: it gathers tags from every page."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "mappings") and hasattr(plugin, "listings") and plugin.config.enabled:
            return plugin
    return None


def _other_search(config: MkDocsConfig) -> bool:
    """A search plugin whose index this module cannot update page by page."""
    return any(
        hasattr(plugin, "search_index") and search_entries(config) is None
        for plugin in config.plugins.values()
    )
