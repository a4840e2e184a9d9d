"""Referral and notification timeliness: the one verdict on each body's clock.

Part of the verdict engine (``sglearn.review.verdicts`` re-exports it). The nation's
allegation clock (schemas/nations.yaml) comes first, then a body's deadline in
referral-bodies.yaml; working days use the nation's bank holidays and the closure days in
settings. A clock is read only from exact days: otherwise the state is ``not-judged``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sglearn.review.calendar import WorkingCalendar
from sglearn.review.model import Case, RecordDate, Referral
from sglearn.review.nations import Clock
from sglearn.review.vocabulary import Vocabularies

WORKING_DAYS = "working days"
DAYS = "days"
DAYS_AFTER_CONCLUSION = "days after the investigation concluded"
DAYS_AFTER_DUTY = "days after the duty to refer arose"
"""The barring body's clock: from the conclusion, or an earlier removal from regulated
activity (never from suspension). Named the same either way, so no page says which."""
HOURS = "hours"

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


def not_exact_reason(what: str, value: RecordDate | None) -> str | None:
    """Why a verdict on ``what`` cannot be given, or None when the record gives the day."""
    if value is None:
        return f"{what} is not recorded"
    if value.exact is not None:
        return None
    if not value.known:
        return f"{what} is not known"
    return f"{what} is given only as {value.words()}"


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
    in_hours = _hours_taken(case, referral, vocabularies)
    if in_hours is not None:
        hours, allowed_hours = in_hours
        state = "on-time" if hours <= allowed_hours else "late"
        return Timeliness(state, hours, allowed_hours, HOURS, start, explained)
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


def nation_clock(case: Case, body: str, vocabularies: Vocabularies) -> Clock | None:
    """The allegation clock the case's nation sets for ``body`` (schemas/nations.yaml), if any."""
    nations = vocabularies.nations
    if nations is None or case.jurisdiction not in nations.nations:
        return None
    rules = nations.nations[case.jurisdiction].tracks.get(case.track)
    return rules.clock if rules is not None and rules.clock.body == body else None


def _clock(
    case: Case, body: str, deadline: Mapping[str, Any], vocabularies: Vocabularies
) -> tuple[RecordDate, int, str, str] | None:
    """Start, allowance, unit and the start's name.

    The nation's allegation clock comes first: working days (the LADO's from settings), or
    hours judged as "by the next working day" when only dates are recorded (Wales). Where
    the nation sets no clock of its own (a notification, or none), a local deadline in
    referral-bodies.yaml still applies; without one the decision is recorded and no
    timeliness verdict is given.
    """
    received = "the date the concern was received"
    national = nation_clock(case, body, vocabularies)
    if national is not None and national.kind == "working-days":
        allowed = national.working_days or 1
        if body == "lado":
            allowed = vocabularies.settings.lado_working_days
        return case.dates.concern_received, allowed, WORKING_DAYS, received
    if national is not None and national.kind == "hours":
        if national.when_only_dates == "next-working-day":
            return case.dates.concern_received, 1, WORKING_DAYS, received
        return case.dates.concern_received, -(-(national.hours or 24) // 24), DAYS, received
    if "working_days" in deadline:
        lado_days = vocabularies.settings.lado_working_days
        allowed = lado_days if body == "lado" else int(deadline["working_days"])
        return case.dates.concern_received, allowed, WORKING_DAYS, received
    if "hours" in deadline:
        return case.dates.concern_received, -(-int(deadline["hours"]) // 24), DAYS, received
    if "days_after_conclusion" in deadline:
        allowed = int(deadline["days_after_conclusion"])
        concluded = "the date the investigation concluded"
        if body in _barring_bodies(case, vocabularies):
            return _duty_start(case), allowed, DAYS_AFTER_DUTY, "the day the duty to refer arose"
        return case.dates.investigation_concluded, allowed, DAYS_AFTER_CONCLUSION, concluded
    return None


def _barring_bodies(case: Case, vocabularies: Vocabularies) -> frozenset[str]:
    nations = vocabularies.nations
    if nations is not None and case.jurisdiction in nations.nations:
        return frozenset({nations.nations[case.jurisdiction].barring.body})
    return frozenset({"dbs", "disclosure-scotland"})


def _duty_start(case: Case) -> RecordDate:
    """When the duty to refer to the barring body arose: the investigation's conclusion, or
    the removal from regulated activity if the record shows it came first.

    A removal the record gives only roughly, that may have come first, leaves the start
    not exact, so no verdict is drawn from a guess.
    """
    concluded = case.dates.investigation_concluded
    removed = case.dates.removed_from_regulated_activity
    if removed is None or not removed.known:
        return concluded
    first_removed, last_removed = removed.earliest, removed.latest
    assert first_removed is not None and last_removed is not None
    if concluded.exact is not None:
        if last_removed < concluded.exact:
            return removed
        return concluded if first_removed >= concluded.exact else removed
    first_concluded = concluded.earliest
    if first_concluded is not None and last_removed < first_concluded:
        return removed
    return concluded


def _hours_taken(
    case: Case, referral: Referral, vocabularies: Vocabularies
) -> tuple[int, int] | None:
    """Hours taken (started hours count whole) and allowed, for a clock set in hours when
    the record gives both days exactly and both times of day; None otherwise."""
    national = nation_clock(case, referral.body, vocabularies)
    received_day, made_day = case.dates.concern_received.exact, None
    if referral.date is not None:
        made_day = referral.date.exact
    received_at, made_at = case.dates.concern_received_time, referral.time_made
    if national is None or national.kind != "hours" or None in (received_day, made_day):
        return None
    if received_at is None or made_at is None:
        return None
    assert received_day is not None and made_day is not None
    elapsed = datetime.combine(made_day, made_at) - datetime.combine(received_day, received_at)
    minutes = max(0, int(elapsed.total_seconds()) // 60)
    return -(-minutes // 60), national.hours or 24


def _taken(case: Case, start: date, end: date, unit: str, vocabularies: Vocabularies) -> int:
    if unit == WORKING_DAYS:
        return working_calendar(case, vocabularies).working_days_between(start, end)
    return (end - start).days


def working_calendar(case: Case, vocabularies: Vocabularies) -> WorkingCalendar:
    """The working days the case's clocks count: its nation's bank holidays and closures."""
    return vocabularies.calendar(case.jurisdiction)
