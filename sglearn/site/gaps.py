"""What the record does not say, or says too loosely for a verdict: shown, never hidden.

Owners not stated, follow-ups not measured, referral decisions not known, open actions with
no exact due date and reviews whose key dates are not exact days each get a list, so a page
can show the gap instead of a verdict the record cannot support.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sglearn.review.model import Action, Case, RecordDate, Referral, WarningSignal
from sglearn.review.verdicts import ACTION_GAPS, Timeliness
from sglearn.site.rows import DatesNotExact, MeasureRow, ReferralRow, TrackedAction


@dataclass(frozen=True)
class Gaps:
    """What is missing or not known, shown rather than hidden."""

    owner_not_stated: tuple[TrackedAction, ...]
    no_follow_up: tuple[MeasureRow, ...]
    completed_without_measure: tuple[TrackedAction, ...]
    referrals: tuple[ReferralRow, ...]
    signals_not_acted_on: tuple[tuple[Case, WarningSignal], ...]
    no_governance: tuple[Case, ...]
    actions_not_judged: tuple[TrackedAction, ...] = ()
    """Open actions with no due date agreed, a due date not exact, or a status not known."""
    referrals_not_known: tuple[ReferralRow, ...] = ()
    """Referral decisions the record does not know (or whether one was required)."""
    referrals_not_judged: tuple[ReferralRow, ...] = ()
    """Referrals made whose timeliness cannot be judged because a date is not exact."""
    dates_not_exact: tuple[DatesNotExact, ...] = ()
    no_measure: tuple[Case, ...] = ()
    """Reviews with no measure of effectiveness (each should say why)."""


def find_gaps(
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
        referrals=tuple(r for r in referrals if r.timeliness.is_gap),
        signals_not_acted_on=tuple(
            (c, s)
            for c in cases
            for s in sorted(c.warning_signals, key=lambda s: (s.when, s.kind, s.description))
            if s.acted_on is False
        ),
        no_governance=tuple(c for c in cases if not c.governance),
        actions_not_judged=tuple(t for t in tracked if t.state in ACTION_GAPS),
        referrals_not_known=tuple(r for r in referrals if r.timeliness.state == "not-known"),
        referrals_not_judged=tuple(r for r in referrals if r.timeliness.state == "not-judged"),
        dates_not_exact=tuple(
            DatesNotExact(c, c.dates.not_exact) for c in cases if c.dates.not_exact
        ),
        no_measure=tuple(c for c in cases if not c.measures),
    )


def case_unknowns(
    case: Case,
    referrals: Sequence[tuple[Referral, Timeliness]],
    actions: Sequence[tuple[Action, str]],
    body_label: Callable[[str], str],
) -> list[str]:
    """What one review's record does not say, in words for its page: every gap, none hidden."""
    found = [
        f"The date the {name} is given only as {value.words()}: verdicts on time that start "
        "from it cannot be given."
        if value.known
        else f"The date the {name} is not known."
        for name, value in _key_dates(case)
        if value is not None and value.exact is None
    ]
    for referral, timeliness in referrals:
        if timeliness.state == "not-known":
            found.append(
                f"Referral to {body_label(referral.body)}: whether it was required, or the "
                "decision, is not known."
            )
        elif timeliness.state == "not-judged":
            found.append(
                f"Referral to {body_label(referral.body)}: its timeliness cannot be judged "
                f"({timeliness.reason})."
            )
    for action, state in actions:
        if state in ACTION_GAPS:
            found.append(f"Action {action.id}: {_ACTION_GAP_WORDS[state]}.")
        if not action.owner_stated:
            found.append(f"Action {action.id}: the owner is not known.")
    if case.staff_count is None:
        found.append("How many staff were involved is not known.")
    people = case.people_affected
    if people is not None and people.in_scope is None:
        found.append("How many people were within the review's scope is not known.")
    if people is not None and people.harmed is None:
        found.append("How many people were harmed is not known.")
    found.extend(
        f"Earlier warning signal {n}: whether it was acted on at the time is not known."
        for n, signal in enumerate(case.warning_signals, start=1)
        if signal.acted_on is None
    )
    return found


_ACTION_GAP_WORDS = {
    "due-not-exact": "its due date is not an exact day, so whether it is overdue cannot be judged",
    "no-due-date": "no due date has been agreed",
    "not-known": "its status is not known",
}


def _key_dates(case: Case) -> tuple[tuple[str, RecordDate | None], ...]:
    d = case.dates
    return (
        ("concern was received", d.concern_received),
        ("investigation concluded", d.investigation_concluded),
        ("learning review was held", d.learning_review_held),
        ("review was closed", d.closed),
    )
