"""The verdict engine: every judgement that depends on dates or states, made once.

The rules (``sglearn validate``), every site page, the downloads and ``sglearn report``
call these functions and nothing else, so they can never disagree. The edge cases, settled
here and listed on the checks page:

- working days leave out weekends, the bank holidays of the case's jurisdiction (the
  calendar ``jurisdictions`` in schemas/settings.yaml names) and the ``extra_closure_days``:
  a concern received on a Friday and referred on the Monday took one working day, and one
  referred on a bank holiday Monday took none;
- a referral recorded as not required is "not required" whatever its decision and date: no
  clock runs for it, so it is never late (or overdue);
- a late referral with a rationale recorded is still "late" on every page and in the
  report, shown with its rationale; for validation it counts as answered (no warning);
- an action is "verified" (effect verified) when a measure of it has a follow-up figure
  checked by someone (``verified_by``), whatever its status says; an action whose status is
  done while that is so gets a warning telling the lead to set it to verified; one marked
  verified without such a measure is shown as done (and is an error for validation);
- a measure with a follow-up figure that nobody has checked is "unverified", never
  "improved".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sglearn.review.model import Action, Case, Measure, Referral
from sglearn.review.vocabulary import Vocabularies

WORKING_DAYS = "working days"
DAYS = "days"
DAYS_AFTER_CONCLUSION = "days after the investigation concluded"

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
"""Late, missing or overdue: what the gap lists, the dashboard and the report count."""

ACTION_STATES = (
    "overdue",
    "due-soon",
    "planned",
    "in-progress",
    "done",
    "verified",
    "cancelled",
)
MEASURE_RESULTS = ("improved", "not-improved", "unverified", "not-yet-measured")

RECENT_DAYS = 366
"""'The last twelve months' of the inspectors page and the dashboard's count of it."""


def within_last_year(day: date, as_of: date) -> bool:
    """On or before ``as_of`` and no more than twelve months before it."""
    return (as_of - day).days <= RECENT_DAYS


# -- referrals and notifications ---------------------------------------------------------------


@dataclass(frozen=True)
class Timeliness:
    """How a referral or notification met its body's clock.

    ``taken`` and ``allowed`` are in ``unit``; ``start`` is the day the clock started;
    ``explained`` says a rationale is recorded (a late one then needs no warning).
    """

    state: str
    taken: int | None = None
    allowed: int | None = None
    unit: str = ""
    start: date | None = None
    explained: bool = False

    @property
    def is_gap(self) -> bool:
        return self.state in REFERRAL_GAPS

    @property
    def needs_warning(self) -> bool:
        """Late with no reason on record: what the deadline rules warn about."""
        return self.state == "late" and not self.explained


def deadline_of(vocabularies: Vocabularies, body: str) -> Mapping[str, Any]:
    """The body's clock as referral-bodies.yaml sets it (empty if it has none)."""
    term = vocabularies.referral_bodies.get(body)
    return (term.extra.get("deadline") or {}) if term else {}


def referral_timeliness(
    case: Case, referral: Referral, vocabularies: Vocabularies, as_of: date
) -> Timeliness:
    """The one verdict on a referral: on-time, late, pending, overdue, not-made and so on.

    Working days exclude weekends, the bank holidays of the case's jurisdiction and the
    closure days in settings; hours are whole calendar days after the concern was
    received; the DBS and regulators count days after the investigation concluded.
    """
    explained = referral.rationale is not None
    if referral.decision == "not-applicable":
        return Timeliness("not-applicable", explained=explained)
    if not referral.required:
        return Timeliness("not-required", explained=explained)
    if referral.decision == "not-referred":
        return Timeliness("not-made", explained=explained)
    clock = _clock(case, referral.body, deadline_of(vocabularies, referral.body), vocabularies)
    if referral.decision == "pending":
        if clock is None:
            return Timeliness("pending", explained=explained)
        start, allowed, unit = clock
        taken = _taken(case, start, as_of, unit, vocabularies)
        state = "overdue" if taken > allowed else "pending"
        return Timeliness(state, taken, allowed, unit, start, explained)
    if referral.date is None:
        return Timeliness("made-undated", explained=explained)
    if clock is None:
        return Timeliness("made", explained=explained)
    start, allowed, unit = clock
    taken = _taken(case, start, referral.date, unit, vocabularies)
    state = "on-time" if taken <= allowed else "late"
    return Timeliness(state, taken, allowed, unit, start, explained)


def _clock(
    case: Case, body: str, deadline: Mapping[str, Any], vocabularies: Vocabularies
) -> tuple[date, int, str] | None:
    """Start, allowance and unit of a body's clock; the LADO's days come from settings."""
    if "working_days" in deadline:
        lado_days = vocabularies.settings.lado_working_days
        allowed = lado_days if body == "lado" else int(deadline["working_days"])
        return case.dates.concern_received, allowed, WORKING_DAYS
    if "hours" in deadline:
        return case.dates.concern_received, -(-int(deadline["hours"]) // 24), DAYS
    if "days_after_conclusion" in deadline:
        allowed = int(deadline["days_after_conclusion"])
        return case.dates.investigation_concluded, allowed, DAYS_AFTER_CONCLUSION
    return None


def _taken(case: Case, start: date, end: date, unit: str, vocabularies: Vocabularies) -> int:
    if unit == WORKING_DAYS:
        calendar = vocabularies.settings.calendar(case.jurisdiction)
        return calendar.working_days_between(start, end)
    return (end - start).days


# -- actions ---------------------------------------------------------------------------------


def verifying_measure(case: Case, action: Action) -> Measure | None:
    """The first measure of the action with a follow-up figure that someone checked."""
    return next(
        (
            m
            for m in case.measures
            if m.action == action.id and m.follow_up is not None and m.verified_by is not None
        ),
        None,
    )


def effect_verified(case: Case, action: Action) -> bool:
    return verifying_measure(case, action) is not None


def action_state(case: Case, action: Action, as_of: date, due_soon_days: int) -> str:
    """Tracker state: overdue, due-soon, planned, in-progress, done, verified or cancelled.

    ``verified`` means its effect is verified (a measure's follow-up figure was checked);
    overdue and due soon are judged only for actions still planned or in progress.
    """
    if action.status == "cancelled":
        return "cancelled"
    if action.is_completed:
        return "verified" if effect_verified(case, action) else "done"
    if action.due < as_of:
        return "overdue"
    if action.due <= as_of + timedelta(days=due_soon_days):
        return "due-soon"
    return action.status


def status_behind(case: Case, action: Action) -> bool:
    """The status says done although a measure already verifies the action's effect."""
    return action.status == "done" and effect_verified(case, action)


def due_by_review(case: Case, action: Action) -> bool:
    """Due on or before the day the learning review that agreed it was held."""
    held = case.dates.learning_review_held
    return held is not None and action.due <= held


# -- measures --------------------------------------------------------------------------------


def measure_result(measure: Measure) -> str:
    """improved, not-improved, unverified (follow-up nobody checked) or not-yet-measured."""
    if measure.follow_up is None:
        return "not-yet-measured"
    if measure.verified_by is None:
        return "unverified"
    if measure.better == "higher":
        better = measure.follow_up.value > measure.baseline.value
    else:
        better = measure.follow_up.value < measure.baseline.value
    return "improved" if better else "not-improved"
