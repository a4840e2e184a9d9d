"""The inspectors page's figures: evidence through each framework, timeliness, signals.

Which framework an inspector reads a review through depends on the nation and the kind of
service, so the settings name the framework(s) per nation and setting. Each review is placed
on the items of its framework(s) through the crosswalks, whatever framework it was tagged
with: switching a setting re-labels every review without editing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sglearn.review.frameworks import FrameworkVersion
from sglearn.review.model import Case
from sglearn.review.vocabulary import Settings, Vocabularies
from sglearn.site.aggregate import Casebook, MeasureRow
from sglearn.site.render import labels
from sglearn.site.render.markdown import Markdown, plain


@dataclass(frozen=True)
class ItemEvidence:
    """One item of a framework: the reviews that reach it and their measured figures."""

    key: str
    label: str
    parent: str
    cases: tuple[Case, ...]
    through: tuple[Case, ...]
    """The reviews placed here by a crosswalk rather than tagged with this framework."""
    counts: dict[str, int]
    rows: tuple[MeasureRow, ...]


@dataclass(frozen=True)
class FrameworkSection:
    """The reviews the settings read through one framework, placed on its items."""

    framework: FrameworkVersion
    scope: tuple[str, ...]
    """Where the settings use this framework, in words."""
    cases: tuple[Case, ...]
    items: tuple[ItemEvidence, ...]
    categories: dict[str, str]
    """Its evidence categories: empty for a framework without them (no evidence axis)."""
    uncategorised: int
    unplaced: tuple[tuple[Case, str, str], ...]
    """(review, tag, reason) for tags no crosswalk carries onto this framework."""

    @property
    def gaps(self) -> tuple[ItemEvidence, ...]:
        return tuple(e for e in self.items if not e.cases)

    @property
    def unmeasured(self) -> tuple[ItemEvidence, ...]:
        return tuple(e for e in self.items if e.cases and not e.rows)

    @property
    def item_kinds(self) -> str:
        return plural_kind(self.framework.item_kind)

    @property
    def shows_parent(self) -> bool:
        return self.framework.parent_kind != self.framework.item_kind

    def status(self) -> Markdown:
        return framework_status(self.framework)


def framework_sections(
    book: Casebook, v: Vocabularies
) -> tuple[list[FrameworkSection], list[Case]]:
    """A section per framework the settings name that has reviews; the reviews none covers."""
    settings = v.settings
    sections = []
    for framework_id in settings.view_order():
        framework = v.catalogue.frameworks.get(framework_id)
        scope = tuple(c for c in book.cases if framework_id in _frameworks_of(settings, c))
        if framework is not None and scope:
            sections.append(_section(book, v, framework, scope))
    uncovered = [c for c in book.cases if not _frameworks_of(settings, c)]
    return sections, uncovered


def _frameworks_of(settings: Settings, case: Case) -> tuple[str, ...]:
    return settings.view_frameworks(case.jurisdiction, case.setting)


def _section(
    book: Casebook, v: Vocabularies, framework: FrameworkVersion, scope: tuple[Case, ...]
) -> FrameworkSection:
    view = v.catalogue.view({c.id: c.framework_tags for c in scope}, framework.id)
    by_id = {c.id: c for c in scope}
    categories = dict(framework.evidence_categories)
    scope_ids = set(by_id)
    items = []
    for item_id, item in framework.items.items():
        key = f"{framework.id}:{item_id}"
        cases = tuple(c for c in scope if c.id in view.items[item_id])
        through = tuple(c for c in cases if key not in c.framework_tags)
        ids = {c.id for c in cases}
        rows = tuple(r for r in book.measures if r.case.id in ids)
        counts = {k: sum(1 for r in rows if r.measure.evidence_category == k) for k in categories}
        parent = framework.parents.get(item.parent, "")
        items.append(ItemEvidence(key, item.label, parent, cases, through, counts, rows))
    unplaced = tuple(
        (by_id[case_id], tag, reason)
        for case_id, tags in sorted(view.unplaced.items())
        for tag, reason in sorted(tags.items())
    )
    uncategorised = sum(
        1 for r in book.measures if r.case.id in scope_ids and r.measure.evidence_category is None
    )
    return FrameworkSection(
        framework,
        _scope(v.settings, framework.id),
        scope,
        tuple(items),
        categories,
        uncategorised if categories else 0,
        unplaced,
    )


def _scope(settings: Settings, framework_id: str) -> tuple[str, ...]:
    """Where the settings use a framework, in words: 'England, children's home'."""
    if not settings.inspector_frameworks:
        return ("Every service",)
    places = []
    for nation, lines in settings.inspector_frameworks.items():
        for setting, ids in lines.items():
            if framework_id not in ids:
                continue
            if setting != "default":
                what = labels.words(setting).lower()
            else:
                what = "other services" if len(lines) > 1 else "every service"
            places.append(f"{labels.words(nation)}, {what}")
    return tuple(places)


def plural_kind(kind: str) -> str:
    """'quality statement' -> 'quality statements'; 'key line of enquiry' -> 'key lines ...'."""
    head, of, tail = kind.partition(" of ")
    return f"{head}s{of}{tail}"


def framework_status(framework: FrameworkVersion) -> Markdown:
    """The framework's status for the page: a draft or withdrawn one in an admonition."""
    label = plain(framework.label).replace('"', "&#34;")
    regulator = plain(framework.inspected_by)
    wording = _wording(framework)
    if framework.is_draft:
        return _admonition(
            "warning",
            f"Draft framework: {label}",
            f"{regulator} has published this framework as a draft; it is not in force. The "
            f"reviews are placed on its {plain(plural_kind(framework.item_kind))} through "
            "sglearn's crosswalk to show how the evidence would read under it. " + wording,
        )
    if framework.status == "withdrawn":
        until = _day(framework.valid_to)
        return _admonition(
            "note",
            f"Withdrawn framework: {label}",
            f"{regulator} no longer inspects against this framework"
            + (f" (in use until {until})" if until else "")
            + ". "
            + wording,
        )
    since = _day(framework.valid_from)
    return Markdown(
        f"In force{f' since {since}' if since else ''}; inspected by {regulator}. {wording}"
    )


def _wording(framework: FrameworkVersion) -> str:
    source = plain(framework.source_title)
    if all(item.wording == "verified" for item in framework.items.values()):
        return f"Titles as in {source}."
    return (
        f"Some titles are sglearn's paraphrase of {source}: check them against the published "
        "text before quoting them."
    )


def _admonition(kind: str, title: str, body: str) -> Markdown:
    return Markdown(f'!!! {kind} "{title}"\n    {body}')


def _day(value: str | None) -> str:
    try:
        return labels.long_date(date.fromisoformat(str(value))) if value else ""
    except ValueError:
        return ""


def signal_summary(book: Casebook) -> list[tuple[str, int, int]]:
    """Per kind of warning signal: how many were recorded and how many not acted on."""
    recorded: dict[str, list[bool | None]] = {}
    for case in book.cases:
        for signal in case.warning_signals:
            recorded.setdefault(signal.kind, []).append(signal.acted_on)
    return [
        (kind, len(acted), sum(1 for a in acted if a is False))
        for kind, acted in sorted(recorded.items())
    ]


def referral_summary(book: Casebook, v: Vocabularies) -> list[tuple[str, dict[str, int]]]:
    """Per body: required, on time, late, not made or overdue, pending, cannot be judged
    (dates not exact) and no clock (made, with no timeliness rule): the columns add up."""
    summary: dict[str, dict[str, int]] = {}
    for row in book.referrals:
        if not row.referral.required:
            continue
        counts = summary.setdefault(
            row.referral.body,
            {
                "required": 0,
                "on-time": 0,
                "late": 0,
                "missing": 0,
                "pending": 0,
                "not-judged": 0,
                "no-clock": 0,
            },
        )
        counts["required"] += 1
        state = row.timeliness.state
        key = {
            "overdue": "missing",
            "not-made": "missing",
            "made": "no-clock",
            "made-undated": "not-judged",
        }.get(state, state)
        if key in counts:
            counts[key] += 1
    order = list(v.referral_bodies)
    rank = {body: index for index, body in enumerate(order)}
    return sorted(summary.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
