"""The site's navigation, shared by the MkDocs plugin and the benchmark's plain baseline.

Only the generator's top-level pages and the hand-written ones are listed: Material repeats
the navigation on every page, so listing each case, theme or service would make every page
grow with the data (cost growing with the square of the cases).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

HAND_WRITTEN_SECTION = "About this site"
"""The section the hand-written pages go under when mkdocs.yml has no ``nav`` of its own."""


def site_nav(docs: Path, own_nav: list[Any] | None = None) -> list[Any]:
    """The generator's top-level pages first, then the hand-written ones.

    A ``nav`` in mkdocs.yml orders the hand-written pages (and may place generated ones);
    without one, every page in ``docs`` goes into one section, by file name.
    """
    from sglearn.site.render import NAV, NAV_SECTIONS

    own: list[Any] = list(own_nav or [])
    if not own:
        pages = sorted(
            p.relative_to(docs).as_posix()
            for p in docs.rglob("*.md")
            if not any(part.startswith(".") for part in p.relative_to(docs).parts)
        )
        own = [{HAND_WRITTEN_SECTION: pages}] if pages else []
    placed = nav_paths(own)
    titles = {path: title for title, path in NAV}
    section_of = {path: name for name, paths in NAV_SECTIONS.items() for path in paths}
    generated: list[Any] = []
    for title, path in NAV:
        if path in placed:
            continue
        section = section_of.get(path)
        if section is None:
            generated.append({title: path})
        elif path == NAV_SECTIONS[section][0]:
            members = [p for p in NAV_SECTIONS[section] if p not in placed]
            generated.append({section: [{titles[p]: p} for p in members]})
    return generated + own


def prune_nav(nav: Any, keep: Callable[[str], bool]) -> Any:
    """The navigation with only the pages ``keep`` accepts, and no section left empty:
    an audience's build lists only what it holds."""
    if isinstance(nav, str):
        return nav if keep(nav) else None
    if isinstance(nav, dict):
        pruned = {k: prune_nav(v, keep) for k, v in nav.items()}
        pruned = {k: v for k, v in pruned.items() if v not in (None, [], {})}
        return pruned or None
    if isinstance(nav, list):
        items = [prune_nav(v, keep) for v in nav]
        return [v for v in items if v not in (None, [], {})]
    return nav


def nav_paths(nav: Any) -> set[str]:
    """Every page path a nav configuration mentions, at any depth."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(nav_paths(v) for v in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_paths(v) for v in nav))
    return set()
