"""One audience's view of the generated pages: only the pages and sections its policy lists.

Templates mark each section of a page with ``<!-- section: NAME -->``; this module keeps the
sections the audience may read and drops the rest, then turns links to pages that are not in
this build into plain text and drops pictures that are not in it, so a build never points
outside itself. The staff view (no audience given) keeps everything and only drops the
markers. Markers never reach a page.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable, Mapping

from sglearn.review.audiences import Audience

SECTION_MARKER = re.compile(r"^<!-- section: ([a-z][a-z-]*) -->\n", re.M)
_LINK = re.compile(r"(!?)\[((?:[^\]\\]|\\.)*)\]\(([^)\s#]*)(#[^)\s]*)?\)")

TEMPLATE_KINDS = {
    "dashboard.md.j2": "dashboard",
    "learning-log.md.j2": "learning-log",
    "case.md.j2": "case",
    "themes.md.j2": "themes-index",
    "theme.md.j2": "theme",
    "trace.md.j2": "theme-trace",
    "services.md.j2": "services",
    "service.md.j2": "services",
    "actions.md.j2": "actions",
    "recommendations.md.j2": "recommendations",
    "gaps.md.j2": "gaps",
    "inspectors.md.j2": "inspectors",
    "commissioners.md.j2": "commissioners",
    "downloads.md.j2": "downloads",
}
"""The kind of page (in schemas/audiences.yaml) each template makes."""


def sections_of(text: str) -> list[str]:
    """The section names a rendered page marks, in order."""
    return SECTION_MARKER.findall(text)


def keep_sections(text: str, allowed: Callable[[str], bool]) -> str:
    """The page with only the sections ``allowed`` accepts; what precedes the first marker
    (the title and the as-of line) is always kept."""
    parts = SECTION_MARKER.split(text)
    kept = [parts[0]]
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        if allowed(name):
            kept.append(body)
    return "".join(kept)


def view(text: str, kind: str, audience: Audience | None) -> str:
    if audience is None:
        return keep_sections(text, lambda _name: True)
    return keep_sections(text, lambda name: audience.allows(kind, name))


def unlink_absent(
    text: str,
    path: str,
    anchors: Mapping[str, frozenset[str]],
    also: Callable[[str], bool] = lambda _path: False,
) -> str:
    """Links to pages (or sections of pages) outside this build become their text;
    pictures outside it go. ``anchors`` maps each page in the build to its headings' ids;
    ``also`` accepts further pages known to be in the build (hand-written ones)."""

    def swap(match: re.Match[str]) -> str:
        image, label, target, fragment = match.groups()
        if "://" in target:
            return match.group(0)
        resolved = (
            posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) if target else path
        )
        if resolved.endswith(".md") and resolved not in anchors:
            present = also(resolved)
        elif resolved.endswith(".md"):
            present = not fragment or fragment[1:] in anchors[resolved]
        else:
            present = resolved in anchors
        if present:
            return match.group(0)
        return "" if image else label

    return _LINK.sub(swap, text)


def heading_ids(markdown: str) -> frozenset[str]:
    """The ids MkDocs' table of contents gives the page's headings (its default slugify)."""
    return frozenset(_slug(h) for h in re.findall(r"^#{1,6} (.+?)\s*$", markdown, re.M))


def _slug(heading: str) -> str:
    text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)
