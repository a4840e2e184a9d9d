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
  "improved";
- a verdict on time (on time, late, overdue, due soon) needs exact days: where the record
  gives only a month, a year or nothing, the state says it cannot be judged
  (``not-judged``, ``due-not-exact``) with the reason, and it is never counted as on time,
  late or overdue;
- "not known" is a value of its own: a referral whose decision (or whether it was
  required) is not known is ``not-known``; an action whose status is not known is
  ``not-known``; one with no due date agreed (``due: not-set``) is ``no-due-date``. Each is
  listed as a gap, never as overdue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sglearn.review.model import Action, Case, Measure, RecordDate, Referral
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
    "not-judged",
    "not-known",
)
REFERRAL_GAPS = frozenset({"late", "made-undated", "overdue", "not-made"})
"""Late, missing or overdue: what the gap lists, the dashboard and the report count."""

ACTION_STATES = (
    "overdue",
    "due-soon",
    "planned",
    "in-progress",
    "due-not-exact",
    "no-due-date",
    "not-known",
    "done",
    "verified",
    "cancelled",
)
ACTION_GAPS = frozenset({"due-not-exact", "no-due-date", "not-known"})
"""Open actions whose timing or state the record cannot support a verdict on."""
MEASURE_RESULTS = ("improved", "not-improved", "unverified", "not-yet-measured")

RECENT_DAYS = 366
"""'The last twelve months' of the inspectors page and the dashboard's count of it."""


def within_last_year(day: date | RecordDate | None, as_of: date) -> bool:
    """On or before ``as_of`` and no more than twelve months before it, for every day the
    record's date could mean (an approximate date counts only when all of it is inside)."""
    if isinstance(day, RecordDate):
        first, last = day.earliest, day.latest
        if first is None or last is None:
            return False
        return (as_of - first).days <= RECENT_DAYS and last <= as_of
    if day is None:
        return False
    return (as_of - day).days <= RECENT_DAYS


def not_exact_reason(what: str, value: RecordDate | None) -> str | None:
    """Why a verdict on ``what`` cannot be given, or None when the record gives the day."""
    if value is None:
        return f"{what} is not recorded"
    if value.exact is not None:
        return None
    if not value.known:
        return f"{what} is not known"
    return f"{what} is given only as {value.words()}"


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
    reason: str | None = None
    """Why no verdict could be given (``not-judged``): which date is not exact."""

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
    received; the DBS and regulators count days after the investigation concluded. A
    clock is read only from exact days: otherwise the state is ``not-judged``, with why.
    """
    explained = referral.rationale is not None
    if referral.decision == "not-applicable":
        return Timeliness("not-applicable", explained=explained)
    if referral.required is False:
        return Timeliness("not-required", explained=explained)
    if referral.decision == "not-known" or referral.required is None:
        return Timeliness("not-known", explained=explained)
    if referral.decision == "not-referred":
        return Timeliness("not-made", explained=explained)
    clock = _clock(case, referral.body, deadline_of(vocabularies, referral.body), vocabularies)
    if clock is None:
        if referral.decision == "pending":
            return Timeliness("pending", explained=explained)
        if referral.date is None:
            return Timeliness("made-undated", explained=explained)
        return Timeliness("made", explained=explained)
    start_date, allowed, unit, start_name = clock
    start = start_date.exact
    if referral.decision == "pending":
        if start is None:
            return Timeliness("pending", explained=explained)
        taken = _taken(case, start, as_of, unit, vocabularies)
        state = "overdue" if taken > allowed else "pending"
        return Timeliness(state, taken, allowed, unit, start, explained)
    if referral.date is None:
        return Timeliness("made-undated", explained=explained)
    reason = not_exact_reason(start_name, start_date) or not_exact_reason(
        "the date it was made", referral.date
    )
    made = referral.date.exact
    if reason is not None or start is None or made is None:
        return Timeliness(
            "not-judged", allowed=allowed, unit=unit, explained=explained, reason=reason
        )
    taken = _taken(case, start, made, unit, vocabularies)
    state = "on-time" if taken <= allowed else "late"
    return Timeliness(state, taken, allowed, unit, start, explained)


def _clock(
    case: Case, body: str, deadline: Mapping[str, Any], vocabularies: Vocabularies
) -> tuple[RecordDate, int, str, str] | None:
    """Start, allowance, unit and the start's name; the LADO's days come from settings."""
    received = "the date the concern was received"
    if "working_days" in deadline:
        lado_days = vocabularies.settings.lado_working_days
        allowed = lado_days if body == "lado" else int(deadline["working_days"])
        return case.dates.concern_received, allowed, WORKING_DAYS, received
    if "hours" in deadline:
        return case.dates.concern_received, -(-int(deadline["hours"]) // 24), DAYS, received
    if "days_after_conclusion" in deadline:
        allowed = int(deadline["days_after_conclusion"])
        concluded = "the date the investigation concluded"
        return case.dates.investigation_concluded, allowed, DAYS_AFTER_CONCLUSION, concluded
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
    """Tracker state: overdue, due-soon, planned, in-progress, done, verified, cancelled, or
    a gap: not-known (status), no-due-date (none agreed), due-not-exact (month or less).

    ``verified`` means its effect is verified (a measure's follow-up figure was checked);
    overdue and due soon are judged only for actions still planned or in progress, and only
    from an exact due day.
    """
    if action.status == "cancelled":
        return "cancelled"
    if action.is_completed:
        return "verified" if effect_verified(case, action) else "done"
    if action.status == "not-known":
        return "not-known"
    if action.due is None:
        return "no-due-date"
    due = action.due.exact
    if due is None:
        return "due-not-exact"
    if due < as_of:
        return "overdue"
    if due <= as_of + timedelta(days=due_soon_days):
        return "due-soon"
    return action.status


def days_overdue(action: Action, as_of: date) -> int | None:
    """Whole days past an exact due date; None when there is no exact due date."""
    due = None if action.due is None else action.due.exact
    return None if due is None else (as_of - due).days


def status_behind(case: Case, action: Action) -> bool:
    """The status says done although a measure already verifies the action's effect."""
    return action.status == "done" and effect_verified(case, action)


def due_by_review(case: Case, action: Action) -> bool:
    """Due on or before the day the learning review that agreed it was held (exact days)."""
    held = case.dates.learning_review_held
    held_day = None if held is None else held.exact
    due = None if action.due is None else action.due.exact
    return held_day is not None and due is not None and due <= held_day


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
