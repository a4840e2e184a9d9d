"""The parts of a typed case: periods and figures, findings, actions, measures, referrals.

Plain read-only values. Every date is a :class:`RecordDate`, as exact as the record is (a
day, a month, a year or not known), so nothing downstream can mistake an approximate date
for a day. What an action's state or a measure's result is, is judged by the verdict
engine (``sglearn.review.verdicts``), not here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sglearn.read.record_date import NOT_KNOWN, RecordDate, parse_record_date

OPEN_ACTION = frozenset({"planned", "in-progress"})
COMPLETED_ACTION = frozenset({"done", "verified"})
NOT_STATED = "not stated"
NOT_SET = "not-set"
NOT_YET_KNOWN = "not-yet-known"

Count = int | None
"""A count the record gives, or None when it says the count is not known."""


def record_date(value: object) -> RecordDate:
    return parse_record_date(value)


def opt_record_date(value: object) -> RecordDate | None:
    """None when the field is absent (not set); a RecordDate otherwise (maybe not known)."""
    return None if value is None else parse_record_date(value)


def opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def opt_time(value: object) -> time | None:
    """A time of day the schema has checked as HH:MM; None when the record gives none."""
    return None if value is None else time.fromisoformat(str(value))


def known_bool(value: object) -> bool | None:
    """true/false as written; None for ``not-known``."""
    return None if value == NOT_KNOWN else bool(value)


def count(value: object) -> Count:
    return None if value == NOT_KNOWN or value is None else int(str(value))


def date_key(value: RecordDate | None) -> tuple[date, int]:
    """Sorts dates in time order, approximate ones at their first possible day, unknown first."""
    return (date.min, 0) if value is None else value.sort_key


@dataclass(frozen=True)
class Period:
    start: RecordDate
    end: RecordDate

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Period:
        return cls(record_date(data["from"]), record_date(data["to"]))


@dataclass(frozen=True)
class Figure:
    """A measured value and the period it covers."""

    value: float
    period: Period

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Figure:
        return cls(float(data["value"]), Period.from_data(data["period"]))


@dataclass(frozen=True)
class Finding:
    id: str
    theme: str
    system_level: str
    work_system: str | None
    description: str


@dataclass(frozen=True)
class Action:
    """One of the provider's own actions.

    ``due`` is None when no due date was agreed (``not-set``); a not-known RecordDate when
    the record does not say. ``status`` may be ``not-known``.
    """

    id: str
    description: str
    findings: tuple[str, ...]
    theme: str
    type: str
    owner_role: str
    due: RecordDate | None
    status: str
    completed: RecordDate | None
    evidence: str | None
    cancelled_reason: str | None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION

    @property
    def is_completed(self) -> bool:
        """Done or verified: the change was made (verified also means its effect was)."""
        return self.status in COMPLETED_ACTION

    @property
    def owner_stated(self) -> bool:
        """'not-known' (or version 1's 'not stated') is a gap the site must show, not an owner."""
        folded = " ".join(self.owner_role.split()).casefold()
        return folded not in (NOT_STATED, NOT_KNOWN)


@dataclass(frozen=True)
class Measure:
    id: str
    action: str
    measure: str
    unit: str | None
    better: str
    source: str
    evidence_category: str | None
    baseline: Figure
    follow_up: Figure | None
    no_follow_up_reason: str | None
    verified_by: str | None
    verified_on: RecordDate | None = None
    """When the follow-up figure was checked, as exact as the record says."""


@dataclass(frozen=True)
class Referral:
    """A referral or notification decision. ``required`` is None when the record does not say."""

    body: str
    required: bool | None
    decision: str
    date: RecordDate | None
    rationale: str | None
    outcome: str | None
    outcome_event: str | None = None
    time_made: time | None = None
    """The time of day it was made, when the record gives it (a clock in hours reads it)."""
    by_role: str | None = None
    """Who made it, as a role (Scotland's protection notification asks)."""


@dataclass(frozen=True)
class WarningSignal:
    """A signal before the allegation: on one date, or over a period with a rough count."""

    date: RecordDate | None
    kind: str
    description: str
    acted_on: bool | None
    period: Period | None = None
    approximate_count: Count = None
    source: str | None = None
    contested: bool = False

    @property
    def when(self) -> RecordDate:
        """When it arose: its date, or the start of its period (for ordering)."""
        if self.date is not None:
            return self.date
        return self.period.start if self.period is not None else RecordDate(None)


@dataclass(frozen=True)
class LearningReached:
    channel: str
    date: RecordDate
    description: str


@dataclass(frozen=True)
class GovernanceMeeting:
    meeting: str
    date: RecordDate
    decision: str


@dataclass(frozen=True)
class Learning:
    """The reference article's four parts of a learning record."""

    context: str
    support_approach: str
    day_to_day: str
    evidence_of_effectiveness: str


@dataclass(frozen=True)
class RelatedReview:
    title: str
    kind: str
    date: RecordDate
    reference: str | None


@dataclass(frozen=True)
class Review:
    method: str
    referral_source: str
    scope: Period
    participants: tuple[str, ...]
    lead_reviewer_role: str | None
    kind: str | None = None
    commissioned_by: str | None = None
    published: RecordDate | None = None
    related: tuple[RelatedReview, ...] = ()


@dataclass(frozen=True)
class Dates:
    concern_received: RecordDate
    investigation_concluded: RecordDate
    learning_review_held: RecordDate | None
    closed: RecordDate | None
    concern_received_time: time | None = None
    removed_from_regulated_activity: RecordDate | None = None
    """Starts the DBS clock when earlier than the conclusion; never shown on a page."""

    @property
    def not_exact(self) -> tuple[str, ...]:
        """The key dates the record gives only as a month, a year or not known."""
        named = (
            ("concern received", self.concern_received),
            ("investigation concluded", self.investigation_concluded),
            ("learning review held", self.learning_review_held),
            ("closed", self.closed),
        )
        return tuple(name for name, value in named if value is not None and value.exact is None)


@dataclass(frozen=True)
class PeopleAffected:
    """People within the review's scope and people harmed; None where not known."""

    in_scope: Count
    harmed: Count


@dataclass(frozen=True)
class OutcomeEvent:
    """A later outcome about people (a conviction, a barring): staff-only unless allowed."""

    id: str
    route: str
    result: str
    count: Count
    date: RecordDate


@dataclass(frozen=True)
class Recommendation:
    """A recommendation addressed to another body: never one of the provider's actions."""

    id: str
    recommendation: str
    addressed_to: str
    addressee_kind: str
    made_by: str
    made: RecordDate
    theme: str | None
    response_status: str
    response_date: RecordDate | None
