"""The pre-render path, for a publisher that cannot run the sglearn plugin (Zensical).

It does by hand what the plugin does inside MkDocs, with the same pure render: the generated
pages and the hand-written ones go into a temporary docs folder (never into docs/), with the
glossary's abbreviations on every page and the navigation in a generated copy of the
configuration; after the host ran, every page it was given must be in its output, and every
HTML page gets the as-of date and the Content-Security-Policy. Nothing here imports a host.
"""

from __future__ import annotations

import fnmatch
import html
import json
import os
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from sglearn.publish.atomic import Generation, page_anchors, within_build, write_files
from sglearn.publish.host_config import (
    Tagged,
    dump_host_config,
    plugin_options,
    without_plugin,
)
from sglearn.publish.hosts import SiteBuildError
from sglearn.site.html import protect, with_as_of
from sglearn.site.navigation import prune_nav, site_nav

STAGED_CONFIG = "mkdocs.yml"
STAGED_DOCS = "docs"
STAGED_SITE = "site"
_HIDE_NAVIGATION = "hide:\n  - navigation\n"


@dataclass(frozen=True)
class Staged:
    """A temporary project ready for the host: its configuration and the pages expected."""

    config_file: Path
    site_dir: Path
    expected: dict[str, str]
    """Output path (POSIX, relative to the site) -> the docs page or file it comes from."""
    policy: bool
    """Whether pages get the Content-Security-Policy (the plugin's option of that name)."""


def _resolve_relative(value: Any, docs_dir: Path, config_dir: Path) -> Any:
    """MkDocs' ``!relative $docs_dir/...`` as a plain path: another host cannot read the tag,
    and the snippet it names is in the staged docs folder."""
    if isinstance(value, Tagged) and value.tag == "!relative" and isinstance(value.value, str):
        text = value.value
        for name, folder in (("$docs_dir", docs_dir), ("$config_dir", config_dir)):
            if text.startswith(name):
                return str(folder / text[len(name) :].lstrip("/"))
        return str(config_dir / text)
    if isinstance(value, list):
        return [_resolve_relative(v, docs_dir, config_dir) for v in value]
    if isinstance(value, dict):
        return {k: _resolve_relative(v, docs_dir, config_dir) for k, v in value.items()}
    return value


def stage(
    config: dict[str, Any], config_file: Path, generation: Generation, staging: Path
) -> Staged:
    """Write docs, generated pages and a configuration into ``staging`` (an empty folder)."""
    docs_dir = (config_file.parent / str(config.get("docs_dir") or "docs")).resolve()
    if not docs_dir.is_dir():
        raise SiteBuildError(f"the docs folder {docs_dir} does not exist")
    staged_docs = staging / STAGED_DOCS
    shutil.copytree(docs_dir, staged_docs, ignore=_hidden)
    keeps = generation.page_filter()
    if generation.audience is not None:  # only the hand-written pages this audience reads
        for page in sorted(staged_docs.rglob("*.md")):
            if not keeps(page.relative_to(staged_docs).as_posix()):
                page.unlink()
    for generated in generation.files:
        if staged_docs.joinpath(*PurePosixPath(generated.path).parts).exists():
            raise SiteBuildError(
                f"docs/{generated.path} would hide a generated page of the same name; rename "
                "or remove the hand-written file"
            )
    write_files(generation.files, staged_docs)
    generated_pages = {f.path for f in generation.files if f.path.endswith(".md")}
    anchors = page_anchors(generation.files) if generation.audience is not None else {}
    for page in sorted(staged_docs.rglob("*.md")):
        relative = page.relative_to(staged_docs).as_posix()
        if generation.audience is not None and relative not in generated_pages:
            text = page.read_text(encoding="utf-8")
            page.write_text(
                within_build(text, relative, anchors, keeps),
                encoding="utf-8",
            )
        _finish_markdown(page, generation.abbreviations, hide=relative in generated_pages)

    staged = dict(config)
    if "markdown_extensions" in staged:
        staged["markdown_extensions"] = _resolve_relative(
            staged["markdown_extensions"], staged_docs, config_file.parent
        )
    own_nav = config.get("nav")
    nav = site_nav(docs_dir, own_nav if isinstance(own_nav, list) else None)
    staged["nav"] = prune_nav(nav, keeps) if generation.audience else nav
    staged["docs_dir"] = STAGED_DOCS
    staged["site_dir"] = STAGED_SITE
    staged["plugins"] = without_plugin(config, "sglearn")
    # Generated pages have no file in docs/: an edit button would open a page that is not there.
    staged.pop("edit_uri", None)
    theme = staged.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        overrides = (config_file.parent / str(theme["custom_dir"])).resolve()
        shutil.copytree(overrides, staging / "overrides", ignore=_hidden)
        staged["theme"] = {**theme, "custom_dir": "overrides"}
    target = staging / STAGED_CONFIG
    dump_host_config(staged, target)
    directory_urls = config.get("use_directory_urls", True) is not False
    expected = {
        _output_path(path, directory_urls): path
        for path in sorted(
            p.relative_to(staged_docs).as_posix()
            for p in staged_docs.rglob("*")
            if p.is_file() and not _excluded(p.relative_to(staged_docs).as_posix(), config)
        )
    }
    policy = plugin_options(config, "sglearn").get("content_security_policy", True) is not False
    return Staged(target, staging / STAGED_SITE, expected, policy)


def _excluded(path: str, config: dict[str, Any]) -> bool:
    """Whether ``exclude_docs`` (gitignore-style lines) leaves ``path`` out of the site."""
    lines = str(config.get("exclude_docs") or "").splitlines()
    for line in (raw.strip() for raw in lines):
        if not line or line.startswith("#"):
            continue
        if line.startswith("/") and line.endswith("/"):
            if path.startswith(line[1:]):
                return True
        elif fnmatch.fnmatch(path, line.lstrip("/")) or fnmatch.fnmatch(
            PurePosixPath(path).name, line
        ):
            return True
    return False


def check_expected(staged: Staged, host: str) -> None:
    """Every page the host was given is in its output; a missing one is named."""
    missing = [
        f"{output} (from {source})"
        for output, source in staged.expected.items()
        if not (staged.site_dir / output).is_file()
    ]
    if missing:
        shown = "\n  ".join(missing[:20])
        more = f"\n  and {len(missing) - 20} more" if len(missing) > 20 else ""
        raise SiteBuildError(
            f"{host} did not write {len(missing)} page(s) the site needs:\n  {shown}{more}"
        )


def finish_html(site: Path, as_of: date, *, policy: bool) -> None:
    """What the plugin's page hooks add: the as-of date, the CSP and the search dialog's name."""
    for folder, dirnames, filenames in os.walk(site):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(".html"):
                continue
            path = Path(folder, name)
            if path.is_symlink():
                continue  # the output gate refuses it
            page = path.read_text(encoding="utf-8")
            finished = protect(with_as_of(page, as_of), policy=policy)
            if finished != page:
                with open(path, "w", encoding="utf-8", newline="") as handle:
                    handle.write(finished)


def copy_site(built: Path, site_dir: Path) -> None:
    """Move the host's output into the folder the atomic swap publishes (links kept as links)."""
    if not built.is_dir():
        raise SiteBuildError("the publisher finished but wrote no site")
    shutil.copytree(built, site_dir, symlinks=True, dirs_exist_ok=True)


def _finish_markdown(page: Path, abbreviations: str, *, hide: bool) -> None:
    text = page.read_text(encoding="utf-8")
    front, body = _split_front_matter(text)
    added = []
    if hide and not re.search(r"^hide:", front, re.M):  # as the plugin hides it
        added.append(_HIDE_NAVIGATION)
    heading = re.match(r"\s*# (.+)", body)  # the page's heading, when it comes first
    if heading and not re.search(r"^title:", front, re.M):
        # Zensical prints a page's title into <title> as it is, and revives the escaped
        # "&lt;script&gt;" of a heading into markup: give it the title already escaped, as
        # the plugin gives Material, so a case title is only ever words.
        visible = html.unescape(re.sub(r"\\(.)", r"\1", heading.group(1).strip()))
        added.append(f"title: {json.dumps(html.escape(visible, quote=False))}\n")
    if added:
        text = "---\n" + "".join(added) + front + "---\n" + ("" if front else "\n") + body
    with open(page, "w", encoding="utf-8", newline="") as handle:
        handle.write(text + abbreviations)


def _split_front_matter(text: str) -> tuple[str, str]:
    """(the YAML between the ``---`` lines, with its last newline; the rest)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end != -1:
            return text[4 : end + 1], text[end + 5 :]
    return "", text


def _output_path(source: str, directory_urls: bool) -> str:
    """Where a host writes a docs file: pages become HTML, other files keep their path."""
    pure = PurePosixPath(source)
    if pure.suffix != ".md":
        return source
    if pure.stem == "index":
        return pure.with_suffix(".html").as_posix()
    if directory_urls:
        return (pure.with_suffix("") / "index.html").as_posix()
    return pure.with_suffix(".html").as_posix()


def _hidden(folder: str, names: list[str]) -> list[str]:
    """Files and folders whose name starts with a dot are not part of the site."""
    return [name for name in names if name.startswith(".")]
