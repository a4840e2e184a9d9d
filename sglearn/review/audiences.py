"""Who reads which build of the site, as typed data read from ``schemas/audiences.yaml``.

A static site cannot hide a page from one reader, so each audience gets its own build from
the same commit. The policy (pages, the parts of each page, exact or suppressed figures) is
data with its own meta-schema, so a provider changes who sees what in a reviewed pull
request, and the renderer asks ``audience.allows("case", "findings")`` instead of keeping a
table of its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sglearn.read.loading import Document, load_file
from sglearn.read.problems import Problem
from sglearn.read.project import Project
from sglearn.read.schema import SchemaChecker

AUDIENCES_FILE = "audiences.yaml"
META_SCHEMA = "meta/audiences.schema.json"
SETTINGS_FILE = "settings.yaml"

# The parts of each kind of page an audience may be given. The meta-schema lists the same
# values for editors (a test keeps the two equal); a kind with no parts is a whole page.
SECTIONS: dict[str, tuple[str, ...]] = {
    "dashboard": (
        "held-count",
        "at-a-glance",
        "needs-attention",
        "themes-rising",
        "awaiting-evidence",
        "reviews-per-quarter",
        "top-themes",
        "categories-and-outcomes",
        "actions-by-status",
        "improvements-verified",
        "what-changed",
        "recent-reviews",
        "gaps",
    ),
    "learning-log": ("entries",),
    "case": (
        "summary",
        "details",
        "learning",
        "findings",
        "actions",
        "measures",
        "learning-channels",
        "governance-trail",
        "referrals",
        "warning-signals",
        "recommendations",
        "outcome-events",
        "related-reviews",
        "unknowns",
        "quality-statements",
    ),
    "themes-index": ("themes-rising", "not-embedded", "reviews-by-theme"),
    "theme": ("description", "not-embedded", "trend", "reviews", "actions", "measures"),
    "theme-trace": ("steps",),
    "services": ("themes-by-service", "reviews", "themes", "not-embedded", "actions", "measures"),
    "actions": ("by-owner-role", "by-theme", "gaps", "by-status", "every-action"),
    "recommendations": ("recommendations",),
    "gaps": ("gaps",),
    "inspectors": (
        "evidence-grid",
        "evidence-gaps",
        "evidence-by-statement",
        "governance-trail",
        "referral-timeliness",
        "warning-signals",
    ),
    "commissioners": ("roll-ups", "improvements", "not-yet-measured", "what-changed"),
    "downloads": ("cases", "actions", "measures", "themes", "recommendations"),
    "checks": (),
    "glossary": (),
    "docs": (),
}
PAGE_KINDS = tuple(SECTIONS)

# Parts that exist in the data but no build may publish (the meta-schema cannot list them):
# asking about them is allowed, and the answer is always no.
NEVER_PUBLISHED = ("employment-outcome", "staff-role", "held-reviews")

# The one audience that may state how many reviews are held (the number, nothing else).
HELD_COUNT_AUDIENCE = "staff"


@dataclass(frozen=True)
class PagePolicy:
    """One kind of page an audience gets: the parts it shows (docs: the paths)."""

    kind: str
    sections: frozenset[str] = frozenset()
    paths: tuple[str, ...] | None = None  # docs only; None means every hand-written page


@dataclass(frozen=True)
class Audience:
    id: str
    label: str
    description: str
    figures: str  # exact | suppressed
    threshold: int
    held_reviews: str  # count | none
    pages: tuple[PagePolicy, ...]

    @property
    def suppressed(self) -> bool:
        """True when counts below ``threshold`` are hidden in this audience's build."""
        return self.figures == "suppressed"

    @property
    def shows_held_count(self) -> bool:
        return self.held_reviews == "count"

    def page(self, kind: str) -> PagePolicy | None:
        _known_kind(kind)
        return next((p for p in self.pages if p.kind == kind), None)

    def allows_page(self, kind: str) -> bool:
        return self.page(kind) is not None

    def allows(self, kind: str, section: str) -> bool:
        """Whether this build shows ``section`` of pages of ``kind``.

        An unknown kind or section raises ValueError: a typo in the renderer must not quietly
        hide (or show) a part of a page.
        """
        if section in NEVER_PUBLISHED:
            return False
        if section not in SECTIONS[_known_kind(kind)]:
            raise ValueError(f"pages of kind {kind!r} have no section {section!r}")
        if kind == "dashboard" and section == "held-count" and not self.shows_held_count:
            return False
        policy = self.page(kind)
        return policy is not None and section in policy.sections

    def allows_doc(self, path: str) -> bool:
        """Whether the hand-written page ``path`` (under docs/, e.g. ``about.md``) is built."""
        policy = self.page("docs")
        if policy is None:
            return False
        return policy.paths is None or path in policy.paths


@dataclass(frozen=True)
class Audiences:
    audiences: tuple[Audience, ...]

    def __iter__(self) -> Iterator[Audience]:
        return iter(self.audiences)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.audiences)

    def get(self, audience_id: str) -> Audience:
        for audience in self.audiences:
            if audience.id == audience_id:
                return audience
        raise KeyError(f"no audience {audience_id!r} in {AUDIENCES_FILE}")


class AudiencesError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in {AUDIENCES_FILE}")
        self.problems = problems


def check_audiences(project: Project) -> tuple[Audiences | None, list[Problem]]:
    """Load and check ``schemas/audiences.yaml``; the audiences, or None and the problems."""
    default, problems = _default_threshold(project)
    path = project.schema_file(AUDIENCES_FILE)
    loaded = load_file(path, project.display(path))
    if not isinstance(loaded, Document):
        return None, [*problems, *loaded]
    meta = json.loads(project.schema_file(META_SCHEMA).read_text(encoding="utf-8"))
    problems += SchemaChecker(meta).check(loaded)
    if problems:
        return None, problems
    assert default is not None  # no problem means the settings gave one
    problems = _cross_checks(loaded, default)
    return (None, problems) if problems else (_assemble(loaded.data, default), [])


def load_audiences(project: Project) -> Audiences:
    """The audiences as typed values; raises AudiencesError listing every problem."""
    audiences, problems = check_audiences(project)
    if audiences is None:
        raise AudiencesError(problems)
    return audiences


def _known_kind(kind: str) -> str:
    if kind not in SECTIONS:
        raise ValueError(f"there is no kind of page {kind!r}; the kinds are {PAGE_KINDS}")
    return kind


def _default_threshold(project: Project) -> tuple[int | None, list[Problem]]:
    """``publication.small_count_threshold`` from settings.yaml (checked with the vocabularies)."""
    path = project.schema_file(SETTINGS_FILE)
    loaded = load_file(path, project.display(path))
    if not isinstance(loaded, Document):
        return None, loaded
    publication = loaded.data.get("publication")
    value = publication.get("small_count_threshold") if isinstance(publication, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value, []
    line, column = loaded.locate(("publication", "small_count_threshold"))
    problem = Problem(
        loaded.path,
        line,
        column,
        "audiences/threshold",
        "settings.yaml gives no small-count threshold for the audiences to start from",
        "Set publication.small_count_threshold to a whole number, usually 5.",
    )
    return None, [problem]


def _cross_checks(document: Document, default: int) -> list[Problem]:
    """What the meta-schema cannot say: unique ids, who may count held reviews, thresholds."""
    problems = []

    def problem(where: tuple[str | int, ...], rule: str, message: str, hint: str) -> None:
        line, column = document.locate(where)
        problems.append(Problem(document.path, line, column, rule, message, hint))

    seen: set[str] = set()
    for index, raw in enumerate(document.data["audiences"]):
        name = raw["id"]
        if name in seen:
            problem(
                ("audiences", index, "id"),
                "audiences/duplicate",
                f"the audience '{name}' is listed twice",
                "Keep one entry per audience: each is one build of the site.",
            )
        seen.add(name)
        if raw["held_reviews"] == "count" and name != HELD_COUNT_AUDIENCE:
            problem(
                ("audiences", index, "held_reviews"),
                "audiences/held-count",
                f"only the {HELD_COUNT_AUDIENCE} audience may be told how many reviews are held",
                "Write 'held_reviews: none': a held review is under proceedings, and even its "
                "number stays inside the organisation.",
            )
        sections = raw["pages"].get("dashboard", {}).get("sections", ())
        if "held-count" in sections and raw["held_reviews"] != "count":
            problem(
                ("audiences", index, "pages", "dashboard", "sections"),
                "audiences/held-count",
                f"the dashboard of '{name}' lists held-count but held_reviews is 'none'",
                "Remove held-count from the dashboard's sections.",
            )
        threshold = raw.get("threshold", default)
        if threshold < default:
            problem(
                ("audiences", index, "threshold"),
                "audiences/threshold",
                f"'{name}' suppresses counts below {threshold}, fewer than the organisation's "
                f"{default} (publication.small_count_threshold in settings.yaml)",
                "An audience may suppress more, never less: raise it or leave it out.",
            )
    return problems


def _assemble(data: dict[str, Any], default: int) -> Audiences:
    audiences = []
    for raw in data["audiences"]:
        pages = []
        for kind in PAGE_KINDS:  # the fixed order, whatever the file's order
            if kind not in raw["pages"]:
                continue
            entry = raw["pages"][kind]
            paths = entry.get("paths")
            pages.append(
                PagePolicy(
                    kind=kind,
                    sections=frozenset(entry.get("sections", ())),
                    paths=None if paths in (None, "all") else tuple(paths),
                )
            )
        audiences.append(
            Audience(
                id=raw["id"],
                label=raw["label"],
                description=" ".join(str(raw["description"]).split()),
                figures=raw["figures"],
                threshold=int(raw.get("threshold", default)),
                held_reviews=raw["held_reviews"],
                pages=tuple(pages),
            )
        )
    return Audiences(tuple(audiences))
