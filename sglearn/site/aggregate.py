"""What the cases add up to: counts, the action tracker, measures, recurrence and timeliness.

Pure functions of (cases, vocabularies, as-of date): no I/O, no clock, no MkDocs. Every
collection comes out in a fixed order so that the pages built from it are byte-identical
between runs. The caller decides which cases count: the site passes only published cases.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sglearn.check.rules.lado_clock import working_days_between
from sglearn.review.model import (
    Action,
    Case,
    Measure,
    Referral,
    WarningSignal,
    quarter_of,
    quarter_start,
    quarters_ending,
)
from sglearn.review.vocabulary import Vocabularies

ACTION_STATES = ("overdue", "due-soon", "open", "done", "verified", "cancelled")
MEASURE_RESULTS = ("improved", "not-improved", "not-yet-measured")
REFERRAL_STATES = (
    "on-time",
    "late",
    "made-undated",
    "made",
    "overdue",
    "pending",
    "not-made",
    "not-required",
    "not-applicable",
)
REFERRAL_GAPS = frozenset({"late", "made-undated", "overdue", "not-made"})
MIN_TREND_QUARTERS, MAX_TREND_QUARTERS = 4, 12
NOT_STATED_OWNER = "Not stated"


@dataclass(frozen=True)
class TrackedAction:
    case: Case
    action: Action
    state: str


@dataclass(frozen=True)
class MeasureRow:
    case: Case
    measure: Measure
    action: Action | None


@dataclass(frozen=True)
class Recurrence:
    """A theme found again at a service after an action on it there was completed.

    ``last`` is the most recent such completion before the concern was received;
    ``completed_before`` counts them all (a theme back after many actions is worse).
    """

    theme: str
    service: str
    case: Case
    last: tuple[date, Case, Action]
    completed_before: int


@dataclass(frozen=True)
class Timeliness:
    """How a referral or notification met its clock (the same clock as the rules)."""

    state: str
    taken: int | None = None
    allowed: int | None = None
    unit: str = ""


@dataclass(frozen=True)
class ReferralRow:
    case: Case
    referral: Referral
    timeliness: Timeliness


@dataclass(frozen=True)
class LearningEntry:
    """One change in practice, and every review that drove it (the same change, same day)."""

    channel: str
    date: date
    description: str
    cases: tuple[Case, ...]


@dataclass(frozen=True)
class GovernanceSession:
    """One meeting (type and date) and each case it reviewed with its decision."""

    meeting: str
    date: date
    reviewed: tuple[tuple[Case, str], ...]


@dataclass(frozen=True)
class Gaps:
    """What is missing, shown rather than hidden."""

    owner_not_stated: tuple[TrackedAction, ...]
    no_follow_up: tuple[MeasureRow, ...]
    completed_without_measure: tuple[TrackedAction, ...]
    referrals: tuple[ReferralRow, ...]
    signals_not_acted_on: tuple[tuple[Case, WarningSignal], ...]
    no_governance: tuple[Case, ...]


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
    learning_by_channel: Mapping[str, tuple[LearningEntry, ...]]
    governance: tuple[GovernanceSession, ...]
    gaps: Gaps

    @property
    def open_cases(self) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if c.is_open)

    @property
    def newest_first(self) -> tuple[Case, ...]:
        return tuple(sorted(self.cases, key=_newest, reverse=True))

    @property
    def verified_improvements(self) -> tuple[MeasureRow, ...]:
        return tuple(r for r in self.measures if r.measure.verified_improvement)


def build_casebook(cases: Iterable[Case], vocabularies: Vocabularies, as_of: date) -> Casebook:
    """Aggregate ``cases`` (already filtered to those that count) as of ``as_of``."""
    ordered = tuple(sorted(cases, key=lambda c: c.id))
    settings = vocabularies.settings
    days = settings.due_soon_days
    tracked = tuple(
        sorted(
            (TrackedAction(c, a, a.state(as_of, days)) for c in ordered for a in c.actions),
            key=_action_order,
        )
    )
    measures = tuple(
        MeasureRow(c, m, c.action(m.action))
        for c in ordered
        for m in sorted(c.measures, key=lambda m: _local(m.id))
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
        by_theme=_group(ordered, lambda c: c.themes),
        by_service=_group(ordered, lambda c: (c.service,)),
        by_quarter=_group(ordered, lambda c: (c.quarter,)),
        by_abuse_category=_group(ordered, lambda c: c.abuse_categories),
        by_outcome=_group(ordered, lambda c: ((c.jurisdiction, c.track, c.allegation_outcome),)),
        trend_quarters=_trend_quarters(ordered, as_of),
        theme_quarters=_cross(ordered, lambda c: c.themes, lambda c: (c.quarter,)),
        service_themes=_cross(ordered, lambda c: (c.service,), lambda c: c.themes),
        themes_this_year=_counts(
            t for c in ordered if c.dates.concern_received.year == as_of.year for t in c.themes
        ),
        actions=tracked,
        action_states={s: sum(1 for t in tracked if t.state == s) for s in ACTION_STATES},
        actions_by_owner=_by_owner(tracked),
        actions_by_theme=_group_tracked(tracked, lambda t: t.action.theme),
        measures=measures,
        measure_results={
            r: sum(1 for row in measures if row.measure.result == r) for r in MEASURE_RESULTS
        },
        recurrences=find_recurrences(ordered),
        referrals=referrals,
        learning_by_channel=_learning(ordered),
        governance=_governance(ordered),
        gaps=_gaps(ordered, tracked, measures, referrals),
    )


def find_recurrences(cases: Iterable[Case]) -> tuple[Recurrence, ...]:
    """Flag "learning not yet embedded": a theme found again at the same service in a case
    received after an action on that theme there was completed (done or verified)."""
    cases = tuple(cases)
    completed: dict[tuple[str, str], list[_Completion]] = defaultdict(list)
    for case in cases:
        for action in case.actions:
            if action.is_completed and action.completed is not None:
                entry = (action.completed, case.id, _local(action.id), case, action)
                completed[(case.service, action.theme)].append(entry)
    for entries in completed.values():
        entries.sort(key=lambda e: e[:3])
    flags = []
    for case in cases:
        for theme in case.themes:
            found = _completed_before(completed.get((case.service, theme), []), case, theme)
            if found is not None:
                (day, _, _, earlier, action), count = found
                flags.append(Recurrence(theme, case.service, case, (day, earlier, action), count))
    return tuple(sorted(flags, key=lambda f: (f.case.dates.concern_received, f.case.id, f.theme)))


_Completion = tuple[date, str, int, Case, Action]


def _completed_before(
    entries: list[_Completion], case: Case, theme: str
) -> tuple[_Completion, int] | None:
    """The latest completion by another case before ``case`` was received, and how many."""
    received = case.dates.concern_received
    before = bisect_left(entries, received, key=lambda e: e[0])
    own = sum(
        1
        for a in case.actions
        if a.theme == theme
        and a.is_completed
        and a.completed is not None
        and a.completed < received
    )
    index = before - 1
    while index >= 0 and entries[index][3].id == case.id:
        index -= 1
    return None if index < 0 else (entries[index], before - own)


def referral_timeliness(
    case: Case, referral: Referral, vocabularies: Vocabularies, as_of: date
) -> Timeliness:
    """The referral's clock as the rules count it (lado_clock, notification_delay).

    Working days exclude weekends and the bank holidays in settings; hours are whole days
    after the concern was received; DBS and regulators count days after the investigation.
    """
    settings = vocabularies.settings
    term = vocabularies.referral_bodies.get(referral.body)
    deadline: Mapping[str, Any] = (term.extra.get("deadline") or {}) if term else {}
    if referral.decision == "not-applicable":
        return Timeliness("not-applicable")
    if referral.decision == "not-referred":
        return Timeliness("not-made" if referral.required else "not-required")
    clock = _clock(case, referral.body, deadline, settings.lado_working_days)
    if referral.decision == "pending":
        if clock is None or not referral.required:
            return Timeliness("pending")
        start, allowed, unit = clock
        taken = _taken(start, as_of, unit, settings.bank_holidays)
        return Timeliness("overdue" if taken > allowed else "pending", taken, allowed, unit)
    if referral.date is None:
        return Timeliness("made-undated")
    if clock is None or not referral.required:
        return Timeliness("made")
    start, allowed, unit = clock
    taken = _taken(start, referral.date, unit, settings.bank_holidays)
    return Timeliness("on-time" if taken <= allowed else "late", taken, allowed, unit)


WORKING_DAYS = "working days"
DAYS = "days"
DAYS_AFTER_CONCLUSION = "days after the investigation concluded"


def _clock(
    case: Case, body: str, deadline: Mapping[str, Any], lado_days: int
) -> tuple[date, int, str] | None:
    """Start, allowance and unit of a body's clock; the LADO's days come from settings."""
    if "working_days" in deadline:
        allowed = lado_days if body == "lado" else int(deadline["working_days"])
        return case.dates.concern_received, allowed, WORKING_DAYS
    if "hours" in deadline:
        return case.dates.concern_received, -(-int(deadline["hours"]) // 24), DAYS
    if "days_after_conclusion" in deadline:
        allowed = int(deadline["days_after_conclusion"])
        return case.dates.investigation_concluded, allowed, DAYS_AFTER_CONCLUSION
    return None


def _taken(start: date, end: date, unit: str, holidays: frozenset[date]) -> int:
    if unit == WORKING_DAYS:
        return working_days_between(start, end, holidays)
    return (end - start).days


# -- grouping helpers ---------------------------------------------------------------------------


def _local(local_id: str) -> int:
    """A1 < A2 < A10: local ids sort by their number."""
    return int(local_id[1:])


def _newest(case: Case) -> tuple[date, str]:
    return case.dates.concern_received, case.id


def _action_order(t: TrackedAction) -> tuple[int, date, str, int]:
    return ACTION_STATES.index(t.state), t.action.due, t.case.id, _local(t.action.id)


def _group(cases: tuple[Case, ...], keys: Any) -> dict[Any, tuple[Case, ...]]:
    """Cases per key, newest first; keys sorted."""
    groups: dict[Any, list[Case]] = defaultdict(list)
    for case in cases:
        for key in dict.fromkeys(keys(case)):
            groups[key].append(case)
    return {key: tuple(sorted(groups[key], key=_newest, reverse=True)) for key in sorted(groups)}


def _cross(cases: tuple[Case, ...], rows: Any, columns: Any) -> dict[str, dict[str, int]]:
    """Cases counted per (row, column); a case counts once per cell."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for case in cases:
        for row in dict.fromkeys(rows(case)):
            for column in dict.fromkeys(columns(case)):
                table[row][column] += 1
    return {row: dict(sorted(table[row].items())) for row in sorted(table)}


def _counts(keys: Iterable[str]) -> dict[str, int]:
    counted: dict[str, int] = defaultdict(int)
    for key in keys:
        counted[key] += 1
    return dict(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))


def _trend_quarters(cases: tuple[Case, ...], as_of: date) -> tuple[str, ...]:
    """From the first case's quarter to the later of the as-of date and the newest case,
    at least a year and at most three."""
    last = max([as_of, *(c.dates.concern_received for c in cases)])
    first = min((c.dates.concern_received for c in cases), default=last)
    span = 1
    day = quarter_start(quarter_of(last))
    while quarter_of(day) > quarter_of(first):
        span += 1
        day = quarter_start(quarter_of(day - timedelta(days=1)))
    return quarters_ending(last, max(MIN_TREND_QUARTERS, min(span, MAX_TREND_QUARTERS)))


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
    drivers: dict[tuple[str, date, str], dict[str, Case]] = defaultdict(dict)
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
    meetings: dict[tuple[date, str], list[tuple[Case, str]]] = defaultdict(list)
    for case in cases:
        for meeting in case.governance:
            meetings[(meeting.date, meeting.meeting)].append((case, meeting.decision))
    return tuple(
        GovernanceSession(
            kind, day, tuple(sorted(meetings[(day, kind)], key=lambda r: (r[0].id, r[1])))
        )
        for day, kind in sorted(meetings, reverse=True)
    )


def _gaps(
    cases: tuple[Case, ...],
    tracked: tuple[TrackedAction, ...],
    measures: tuple[MeasureRow, ...],
    referrals: tuple[ReferralRow, ...],
) -> Gaps:
    measured = {(row.case.id, row.measure.action) for row in measures}
    return Gaps(
        owner_not_stated=tuple(t for t in tracked if not t.action.owner_stated),
        no_follow_up=tuple(row for row in measures if row.measure.follow_up is None),
        completed_without_measure=tuple(
            t for t in tracked if t.action.is_completed and (t.case.id, t.action.id) not in measured
        ),
        referrals=tuple(r for r in referrals if r.timeliness.state in REFERRAL_GAPS),
        signals_not_acted_on=tuple(
            (c, s)
            for c in cases
            for s in sorted(c.warning_signals, key=lambda s: (s.date, s.kind, s.description))
            if not s.acted_on
        ),
        no_governance=tuple(c for c in cases if not c.governance),
    )


def suppress(count: int, threshold: int) -> int | str:
    """For audiences outside the organisation: 1 to threshold-1 become "fewer than N".

    Zero stays zero (it marks a gap, and reveals nobody); 0 or 1 turns suppression off.
    """
    if threshold > 1 and 0 < count < threshold:
        return f"fewer than {threshold}"
    return count
