"""Learning not yet embedded: a theme found again at a service after an action on it there."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sglearn.review.model import Action, Case
from sglearn.site.grouping import local_number


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


def find_recurrences(cases: Iterable[Case]) -> tuple[Recurrence, ...]:
    """Flag "learning not yet embedded": a theme found again at the same service in a case
    received after an action on that theme there was completed (done or verified)."""
    cases = tuple(cases)
    completed: dict[tuple[str, str], list[_Completion]] = defaultdict(list)
    for case in cases:
        for action in case.actions:
            day = None if action.completed is None else action.completed.exact
            if action.is_completed and day is not None:
                entry = (day, case.id, local_number(action.id), case, action)
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
    received = case.dates.concern_received.exact
    if received is None:
        return None  # "found again after" needs the day the concern came in
    before = bisect_left(entries, received, key=lambda e: e[0])
    own = sum(
        1
        for a in case.actions
        if a.theme == theme
        and a.is_completed
        and a.completed is not None
        and a.completed.exact is not None
        and a.completed.exact < received
    )
    index = before - 1
    while index >= 0 and entries[index][3].id == case.id:
        index -= 1
    return None if index < 0 else (entries[index], before - own)
