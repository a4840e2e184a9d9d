"""``sglearn serve``: MkDocs' live-reloading preview, rebuilding only what a save changed.

MkDocs' own ``serve`` rebuilds the whole site on every save: minutes for 1,000 cases. This
is the same server (MkDocs' ``LiveReloadServer``, its temporary folder, its watchers and the
plugins' ``on_serve``) with another builder: it validates again only the saved case files
(:mod:`sglearn.check.revalidation`), regenerates the pages, and lets
:mod:`~sglearn.publish.mkdocs_adapter.incremental` rebuild the pages whose Markdown changed.
A change to mkdocs.yml, to docs/, to the date, or a case added or removed, builds it all.

A save with errors rebuilds nothing: the log lists each problem with its fix, the last good
site stays in the folder, and every page served says what is broken until it is fixed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import date
from os.path import isdir, isfile, join
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer, _serve_url

from sglearn.check.revalidation import KeptChecks
from sglearn.check.validation import Report
from sglearn.publish.mkdocs_adapter.incremental import (
    Rebuilt,
    Recorder,
    Snapshot,
    rebuild_changed,
)
from sglearn.publish.mkdocs_adapter.plugin import SglearnPlugin
from sglearn.read.problems import Problem
from sglearn.read.project import Project
from sglearn.site.problems_banner import problem_lines, with_banner

log = logging.getLogger("mkdocs.plugins.sglearn")

_RECORDER = "sglearn/recorder"


class LiveSite:
    """The serve process's builder: full builds when needed, else only the changed pages."""

    def __init__(self, get_config: Callable[[], MkDocsConfig], serve_url: str | None) -> None:
        self.get_config = get_config
        self.serve_url = serve_url
        self.kept = KeptChecks()
        self.snapshot: Snapshot | None = None
        self.config: MkDocsConfig | None = None  # the configuration of the last full build
        self.built_from = ""  # mkdocs.yml, docs/ and the date the last full build read
        self.problems: list[str] = []
        """What is broken in the saved cases while the last good site is served."""
        self.last: str = "full"
        """How the last build went: "full", "pages" (only changed pages) or "kept"."""

    def rebuild(self) -> None:
        """What the server calls when a watched file changes."""
        self.build(None)

    def build(self, fresh: MkDocsConfig | None) -> None:
        """Build the site into the configured folder; ``fresh`` is a configuration just loaded."""
        start = time.monotonic()
        config = fresh or self.config or self.get_config()
        plugin = _sglearn(config)
        root = Path(plugin._root(config))
        as_of = plugin._as_of()
        report = self.kept.validate(Project(root), as_of)
        if (report.errors or report.vocabularies is None) and self.config is not None:
            self.problems = problem_lines(report.problems)
            log.error("sglearn: case errors, serving the last good site:\n  " + _shown(report))
            self.last = "kept"
            return
        self.problems = []
        built_from = _inputs(config, as_of)
        if self.snapshot is not None and fresh is None and built_from == self.built_from:
            plugin.handoff = (root.resolve(), as_of, report)
            try:
                plugin.on_config(self.snapshot.config)
                rebuilt = rebuild_changed(self.snapshot, plugin.generated, plugin.abbreviations)
            finally:
                plugin._unpin_build_date()
            if rebuilt is not None:
                _gate(Path(self.snapshot.config.site_dir), rebuilt, root, report)
                took = time.monotonic() - start
                shown = f"{len(rebuilt.files)} changed file(s)"
                log.info(f"sglearn: rebuilt {shown} in {took:.2f} seconds")
                self.last = "pages"
                return
        self.snapshot = None
        self._full(fresh, root, as_of, report)
        self.built_from = built_from

    def _full(self, fresh: MkDocsConfig | None, root: Path, as_of: date, report: Report) -> None:
        config = fresh
        if config is None:
            config = self.get_config()
            config.site_url = self.serve_url
        plugin = _sglearn(config)
        recorder = Recorder()
        config.plugins[_RECORDER] = recorder
        plugin.handoff = (root.resolve(), as_of, report)
        plugin.keep_markdown = True  # the next save's pages are compared with these
        self.config = None  # until it succeeds, the folder holds no good site to keep
        build(config, serve_url=self.serve_url)
        self.config = config
        self.snapshot = recorder.snapshot(
            config, plugin.generated, plugin.abbreviations, serving=self.serve_url is not None
        )
        self.last = "full"


class _Server(LiveReloadServer):
    """MkDocs' live-reload server; while the saved cases have errors, pages say so."""

    site: LiveSite | None = None

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        served: bytes = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
        if self.site is None or not self.site.problems:
            return served
        return with_banner(served.decode("utf-8"), self.site.problems).encode("utf-8")


def serve(config_file: str, dev_addr: str) -> None:
    """Build the site into a temporary folder, serve it, rebuild on changes until stopped."""
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def get_config() -> MkDocsConfig:
        return load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)
    site = LiveSite(get_config, serve_url)
    server = _Server(
        builder=site.rebuild, host=host, port=port, root=site_dir, mount_path=mount_path
    )
    server.site = site

    def error_page(code: int) -> bytes | None:
        page = join(site_dir, f"{code}.html")
        if code in (404, 500) and isfile(page):
            with open(page, "rb") as f:
                return f.read()
        return None

    server.error_handler = error_page
    try:
        site.build(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        served = config.plugins.on_serve(server, config=config, builder=site.rebuild)
        for item in config.watch:
            served.watch(item)
        try:
            served.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            served.shutdown()
    finally:
        config.plugins.on_shutdown()
        if isdir(site_dir):
            shutil.rmtree(site_dir)


def _sglearn(config: MkDocsConfig) -> SglearnPlugin:
    plugin = config.plugins.get("sglearn")
    if not isinstance(plugin, SglearnPlugin):
        raise PluginError(f"{config.config_file_path} does not list the sglearn plugin")
    return plugin


def _inputs(config: MkDocsConfig, as_of: date) -> str:
    """A digest of what the pages are built with besides the cases and vocabularies."""
    digest = hashlib.sha256(as_of.isoformat().encode())
    folders = [Path(config.docs_dir)]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    files = [Path(config.config_file_path)] if config.config_file_path else []
    for folder in folders:
        files += sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    for file in files:
        stat = file.stat()
        digest.update(f"{file}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
    return digest.hexdigest()


def _gate(site: Path, rebuilt: Rebuilt, root: Path, report: Report) -> None:
    """The output gate, on what this rebuild changed: the lines of each rewritten file that
    differ from the ones it had (the rest passed the gate before), and the rebuilt pages'
    search entries. A full scan of the big list pages on each save would take longer than
    the rebuild; `sglearn build` still scans every file it publishes."""
    from sglearn.check.privacy.published import refusal, scan_published_files

    texts = {path: _changed_lines(rebuilt.before[path], site / path) for path in rebuilt.files}
    if rebuilt.search:
        texts["search/search_index.json"] = json.dumps(rebuilt.search)
    found = scan_published_files(site, [], root, cases=report.documents, texts=texts)
    if found:
        raise PluginError(refusal(found, str(site)))


def _changed_lines(before: bytes, file: Path) -> str:
    """The file's text with the lines it also had before blanked (so lines keep numbers),
    keeping one line either side of each changed line for what spans a line break."""
    old = set(before.decode("utf-8", "replace").splitlines())
    lines = file.read_bytes().decode("utf-8", "replace").splitlines()
    new = [i for i, line in enumerate(lines) if line not in old]
    kept = {j for i in new for j in (i - 1, i, i + 1)}
    return "\n".join(line if i in kept else "" for i, line in enumerate(lines))


def _shown(report: Report) -> str:
    problems: list[Problem] = [p for p in report.problems if p.is_error]
    lines = problem_lines(problems)
    return "\n  ".join(
        f"{line}\n      {p.hint}" if p.hint else line
        for line, p in zip(lines, problems, strict=True)
    )
