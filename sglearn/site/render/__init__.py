"""Page generation: validated cases in, the site's Markdown, charts and downloads out.

A pure function of (cases, vocabularies, as-of date). It never imports MkDocs and never
reads the clock or the disk, so the same cases and date always give byte-identical files,
and any publisher (the MkDocs plugin, ``sglearn render``) can host the pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from sglearn.read.loading import Document
from sglearn.review.audiences import Audience
from sglearn.review.model import Case
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.aggregate import build_casebook
from sglearn.site.figures import FigureBook, protect
from sglearn.site.manifest import MANIFEST_FILE, Manifest

if TYPE_CHECKING:
    from sglearn.site.render.page_memo import PageMemo
    from sglearn.site.render.pages import Page

__all__ = ["NAV", "NAV_SECTIONS", "Build", "GeneratedFile", "render_build", "render_site"]

NAV: list[tuple[str, str]] = [
    ("Dashboard", "index.md"),
    ("Learning log", "learning-log.md"),
    ("Themes", "themes/index.md"),
    ("Services", "services/index.md"),
    ("Action tracker", "actions.md"),
    ("Recommendations to others", "recommendations.md"),
    ("Gaps in the records", "gaps.md"),
    ("For inspectors", "inspectors.md"),
    ("For commissioners", "commissioners.md"),
    ("Downloads", "downloads.md"),
]
"""Top-level pages for the navigation. Case, theme and service pages are not listed: they
are reached from these pages (and search), so the navigation does not grow with the cases."""
NAV_SECTIONS: dict[str, tuple[str, ...]] = {
    "Actions": ("actions.md", "recommendations.md", "gaps.md"),
}
"""Pages that share one tab, so the tabs fit a laptop screen: the section's name and its
pages, placed where its first page stands in ``NAV``."""


@dataclass(frozen=True)
class GeneratedFile:
    """One generated file: ``path`` is POSIX, relative to the docs root; ``source`` is the
    case YAML a case page was made from (for its edit link), else None."""

    path: str
    content: str
    source: str | None = None


@dataclass(frozen=True)
class Build:
    """One audience's generated files, and every figure they show with its exact value."""

    files: list[GeneratedFile]
    manifest: Manifest


def render_site(
    cases: Iterable[Case | Document],
    vocabularies: Vocabularies,
    as_of: date,
    audience: Audience | None = None,
    memo: PageMemo | None = None,
) -> list[GeneratedFile]:
    """Every generated file for the published cases, sorted by path (see render_build)."""
    return render_build(cases, vocabularies, as_of, audience, memo).files


def render_build(
    cases: Iterable[Case | Document],
    vocabularies: Vocabularies,
    as_of: date,
    audience: Audience | None = None,
    memo: PageMemo | None = None,
) -> Build:
    """Every generated file for the published cases, sorted by path, and the manifest.

    ``cases`` may be model cases or validated documents. Cases on publication hold are left
    out here, before anything is counted, so they appear nowhere on the site. ``audience``
    (from schemas/audiences.yaml) keeps only the pages, sections and downloads its policy
    lists, and pictures only where figures are exact; None is the staff site.
    """
    from sglearn.site.render.audience_view import heading_ids, unlink_absent
    from sglearn.site.render.pages import SitePages

    model = [c if isinstance(c, Case) else Case.from_data(c.data, c.path) for c in cases]
    published = [c for c in model if not c.held]
    ids = [c.id for c in published]
    if len(ids) != len(set(ids)):
        raise ValueError("two published cases share an id; validate the cases first")
    book = build_casebook(published, vocabularies, as_of)
    held: int | None = len(model) - len(published)
    if audience is not None and not audience.allows("dashboard", "held-count"):
        held = None
    threshold = vocabularies.settings.small_count_threshold
    if audience is not None:
        threshold = audience.threshold

    def build(figures: FigureBook) -> list[Page]:
        pages = SitePages(book, vocabularies, as_of, held, audience, figures, memo).all()
        return [page for page in pages if _in_build(page, audience)]

    if memo is not None:
        memo.begin(vocabularies, as_of)
    kept, manifest = protect(
        build,
        lambda forced: FigureBook(
            audience.id if audience else "staff",
            suppressed=audience is not None and audience.suppressed,
            threshold=threshold,
            forced=forced,
            as_of=as_of.isoformat(),
        ),
    )
    anchors = {
        page.path: heading_ids(page.content) if page.path.endswith(".md") else frozenset()
        for page in kept
    }
    files = [
        GeneratedFile(
            page.path,
            unlink_absent(page.content, page.path, anchors)
            if page.path.endswith(".md") and audience is not None
            else page.content,
            page.source,
        )
        for page in kept
    ]
    if memo is not None:
        memo.generation_done()
    files.append(GeneratedFile(MANIFEST_FILE, manifest.to_json()))
    for generated in files:
        _check_path(generated.path)
    return Build(sorted(files, key=lambda f: f.path), manifest)


def _in_build(page: Page, audience: Audience | None) -> bool:
    """Pages of the kinds the audience reads, its downloads, and pictures where exact."""
    if audience is None:
        return True
    if page.kind is not None:
        return audience.allows_page(page.kind)
    if page.path.startswith("downloads/"):
        name = PurePosixPath(page.path).stem
        return audience.allows_page("downloads") and audience.allows("downloads", name)
    return not audience.suppressed  # a chart's heights are counts


def _check_path(path: str) -> None:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "\\" in path or not pure.parts:
        raise ValueError(f"generated path {path!r} would leave the docs folder")
