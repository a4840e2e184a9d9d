"""The verdict engine: every judgement that depends on dates or states, made once.

The rules (``sglearn validate``), every site page, the downloads and ``sglearn report``
call these functions and nothing else, so they can never disagree. The edge cases, settled
here and listed on the checks page:

- working days leave out weekends, the bank holidays of the case's nation (its
  ``calendar`` in schemas/nations.yaml) and the ``extra_closure_days`` in settings:
  a concern received on a Friday and referred on the Monday took one working day, and one
  referred on a bank holiday Monday took none;
- a clock set in hours (Wales: 24 hours) is judged in hours only when the record gives
  both times of day; with dates only, as by the next working day;
- the DBS (Disclosure Scotland) clock runs from the investigation's conclusion, or from an
  earlier removal from regulated activity, never from suspension; a removal date the record
  gives only roughly, that may have come first, leaves it not judged;
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

from datetime import date, timedelta

from sglearn.review.model import Action, Case, Measure, RecordDate
from sglearn.review.timeliness import (
    DAYS,
    DAYS_AFTER_CONCLUSION,
    DAYS_AFTER_DUTY,
    HOURS,
    REFERRAL_GAPS,
    REFERRAL_STATES,
    WORKING_DAYS,
    Timeliness,
    deadline_of,
    nation_clock,
    not_exact_reason,
    referral_timeliness,
    working_calendar,
)

__all__ = [
    "ACTION_GAPS",
    "ACTION_STATES",
    "DAYS",
    "DAYS_AFTER_CONCLUSION",
    "DAYS_AFTER_DUTY",
    "HOURS",
    "MEASURE_RESULTS",
    "RECENT_DAYS",
    "REFERRAL_GAPS",
    "REFERRAL_STATES",
    "WORKING_DAYS",
    "Timeliness",
    "action_state",
    "days_overdue",
    "deadline_of",
    "due_by_review",
    "effect_verified",
    "measure_result",
    "nation_clock",
    "not_exact_reason",
    "referral_timeliness",
    "status_behind",
    "verifying_measure",
    "within_last_year",
    "working_calendar",
]

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
