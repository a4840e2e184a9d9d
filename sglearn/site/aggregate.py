"""What the cases add up to: counts, the action tracker, measures, recurrence and timeliness.

Pure functions of (cases, vocabularies, as-of date): no I/O, no clock, no MkDocs. Every
collection comes out in a fixed order so that the pages built from it are byte-identical
between runs. The caller decides which cases count: the site passes only published cases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sglearn.review.model import Case, RecordDate, date_key
from sglearn.review.verdicts import (
    ACTION_GAPS,
    ACTION_STATES,
    MEASURE_RESULTS,
    action_state,
    measure_result,
    referral_timeliness,
    within_last_year,
)
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.gaps import Gaps, find_gaps
from sglearn.site.grouping import counts, cross, group, local_number, newest, trend_quarters
from sglearn.site.recurrence import Recurrence, find_recurrences
from sglearn.site.rows import (
    DatesNotExact,
    GovernanceSession,
    LearningEntry,
    MeasureRow,
    RecommendationRow,
    ReferralRow,
    TrackedAction,
)

__all__ = [
    "NOT_STATED_OWNER",
    "Casebook",
    "DatesNotExact",
    "Gaps",
    "GovernanceSession",
    "LearningEntry",
    "MeasureRow",
    "RecommendationRow",
    "ReferralRow",
    "TrackedAction",
    "build_casebook",
    "owner_key",
    "suppress",
]

NOT_STATED_OWNER = "Not stated"


@dataclass(frozen=True)
class Casebook:
    as_of: date
    due_soon_days: int
    cases: tuple[Case, ...]
    by_theme: Mapping[str, tuple[Case, ...]]
    by_service: Mapping[str, tuple[Case, ...]]
    by_quarter: Mapping[str, tuple[Case, ...]]
    by_abuse_category: Mapping[str, tuple[Case, ...]]
    by_outcome: Mapping[tuple[str, str, str], tuple[Case, ...]]
    trend_quarters: tuple[str, ...]
    theme_quarters: Mapping[str, Mapping[str, int]]
    service_themes: Mapping[str, Mapping[str, int]]
    themes_this_year: Mapping[str, int]
    actions: tuple[TrackedAction, ...]
    action_states: Mapping[str, int]
    actions_by_owner: Mapping[str, tuple[TrackedAction, ...]]
    actions_by_theme: Mapping[str, tuple[TrackedAction, ...]]
    measures: tuple[MeasureRow, ...]
    measure_results: Mapping[str, int]
    recurrences: tuple[Recurrence, ...]
    referrals: tuple[ReferralRow, ...]
    recommendations: tuple[RecommendationRow, ...]
    learning_by_channel: Mapping[str, tuple[LearningEntry, ...]]
    governance: tuple[GovernanceSession, ...]
    gaps: Gaps

    @property
    def shown_action_states(self) -> dict[str, int]:
        """Every state with its count; a gap state (no exact due date, status not known)
        only when some action is in it, so tables stay short where records are complete."""
        return {s: n for s, n in self.action_states.items() if n or s not in ACTION_GAPS}

    @property
    def open_cases(self) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if c.is_open)

    @property
    def newest_first(self) -> tuple[Case, ...]:
        return tuple(sorted(self.cases, key=newest, reverse=True))

    @property
    def verified_improvements(self) -> tuple[MeasureRow, ...]:
        return tuple(r for r in self.measures if r.result == "improved")

    @property
    def recent_referral_gaps(self) -> tuple[ReferralRow, ...]:
        """Gaps for concerns received in the twelve months to the as-of date."""
        return tuple(
            r
            for r in self.gaps.referrals
            if within_last_year(r.case.dates.concern_received, self.as_of)
        )

    @property
    def unknowns(self) -> int:
        """How many gaps of 'not known' or 'not exact' the gaps view lists."""
        g = self.gaps
        return (
            len(g.actions_not_judged)
            + len(g.referrals_not_known)
            + len(g.referrals_not_judged)
            + len(g.dates_not_exact)
        )


def build_casebook(cases: Iterable[Case], vocabularies: Vocabularies, as_of: date) -> Casebook:
    """Aggregate ``cases`` (already filtered to those that count) as of ``as_of``."""
    ordered = tuple(sorted(cases, key=lambda c: c.id))
    settings = vocabularies.settings
    days = settings.due_soon_days
    tracked = tuple(
        sorted(
            (
                TrackedAction(c, a, action_state(c, a, as_of, days))
                for c in ordered
                for a in c.actions
            ),
            key=_action_order,
        )
    )
    measures = tuple(
        MeasureRow(c, m, c.action(m.action), measure_result(m))
        for c in ordered
        for m in sorted(c.measures, key=lambda m: local_number(m.id))
    )
    referrals = tuple(
        ReferralRow(c, r, referral_timeliness(c, r, vocabularies, as_of))
        for c in ordered
        for r in c.referrals
    )
    return Casebook(
        as_of=as_of,
        due_soon_days=days,
        cases=ordered,
        by_theme=group(ordered, lambda c: c.themes),
        by_service=group(ordered, lambda c: (c.service,)),
        by_quarter=group(ordered, lambda c: c.quarters),
        by_abuse_category=group(ordered, lambda c: c.abuse_categories),
        by_outcome=group(ordered, lambda c: ((c.jurisdiction, c.track, c.allegation_outcome),)),
        trend_quarters=trend_quarters(ordered, as_of),
        theme_quarters=cross(ordered, lambda c: c.themes, lambda c: c.quarters),
        service_themes=cross(ordered, lambda c: (c.service,), lambda c: c.themes),
        themes_this_year=counts(
            t for c in ordered if c.dates.concern_received.year == as_of.year for t in c.themes
        ),
        actions=tracked,
        action_states={s: sum(1 for t in tracked if t.state == s) for s in ACTION_STATES},
        actions_by_owner=_by_owner(tracked),
        actions_by_theme=_group_tracked(tracked, lambda t: t.action.theme),
        measures=measures,
        measure_results={r: sum(1 for row in measures if row.result == r) for r in MEASURE_RESULTS},
        recurrences=find_recurrences(ordered),
        referrals=referrals,
        recommendations=tuple(
            RecommendationRow(c, r)
            for c in ordered
            for r in sorted(c.recommendations, key=lambda r: local_number(r.id))
        ),
        learning_by_channel=_learning(ordered),
        governance=_governance(ordered),
        gaps=find_gaps(ordered, tracked, measures, referrals),
    )


# -- grouping the actions, the learning and the meetings ------------------------------------


def _action_order(t: TrackedAction) -> tuple[int, tuple[date, int], str, int]:
    return (
        ACTION_STATES.index(t.state),
        date_key(t.action.due),
        t.case.id,
        local_number(t.action.id),
    )


def owner_key(owner_role: str) -> str:
    return " ".join(owner_role.split()).casefold()


def _by_owner(tracked: tuple[TrackedAction, ...]) -> dict[str, tuple[TrackedAction, ...]]:
    """Actions per owner role, spelling differences folded; 'Not stated' last."""
    groups: dict[str, list[TrackedAction]] = defaultdict(list)
    for t in tracked:
        groups[owner_key(t.action.owner_role)].append(t)
    shown: dict[str, tuple[TrackedAction, ...]] = {}
    for key in sorted(groups, key=lambda k: (not groups[k][0].action.owner_stated, k)):
        items = groups[key]
        name = (
            min(" ".join(t.action.owner_role.split()) for t in items)
            if items[0].action.owner_stated
            else NOT_STATED_OWNER
        )
        shown[name] = tuple(items)
    return shown


def _group_tracked(
    tracked: tuple[TrackedAction, ...], key: Any
) -> dict[str, tuple[TrackedAction, ...]]:
    groups: dict[str, list[TrackedAction]] = defaultdict(list)
    for t in tracked:
        groups[key(t)].append(t)
    return {k: tuple(groups[k]) for k in sorted(groups)}


def _learning(cases: tuple[Case, ...]) -> dict[str, tuple[LearningEntry, ...]]:
    """Per channel, newest first; one entry per change, with the reviews that drove it."""
    drivers: dict[tuple[str, RecordDate, str], dict[str, Case]] = defaultdict(dict)
    for case in cases:
        for entry in case.learning_reached:
            key = (entry.channel, entry.date, " ".join(entry.description.split()))
            drivers[key][case.id] = case
    groups: dict[str, list[LearningEntry]] = defaultdict(list)
    for (channel, day, description), found in drivers.items():
        ordered = tuple(found[case_id] for case_id in sorted(found))
        groups[channel].append(LearningEntry(channel, day, description, ordered))
    return {
        channel: tuple(
            sorted(
                groups[channel],
                key=lambda e: (e.date, e.description, [c.id for c in e.cases]),
                reverse=True,
            )
        )
        for channel in sorted(groups)
    }


def _governance(cases: tuple[Case, ...]) -> tuple[GovernanceSession, ...]:
    meetings: dict[tuple[RecordDate, str], list[tuple[Case, str]]] = defaultdict(list)
    for case in cases:
        for meeting in case.governance:
            meetings[(meeting.date, meeting.meeting)].append((case, meeting.decision))
    return tuple(
        GovernanceSession(
            kind, day, tuple(sorted(meetings[(day, kind)], key=lambda r: (r[0].id, r[1])))
        )
        for day, kind in sorted(meetings, reverse=True)
    )


def suppress(count: int, threshold: int) -> int | str:
    """For audiences outside the organisation: 1 to threshold-1 become "fewer than N".

    Zero stays zero (it marks a gap, and reveals nobody); 0 or 1 turns suppression off.
    """
    if threshold > 1 and 0 < count < threshold:
        return f"fewer than {threshold}"
    return count
