"""The parts of a typed case: periods and figures, findings, actions, measures, referrals.

Plain read-only values. What an action's state or a measure's result is, is judged by the
verdict engine (``sglearn.review.verdicts``), not here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

OPEN_ACTION = frozenset({"planned", "in-progress"})
COMPLETED_ACTION = frozenset({"done", "verified"})
NOT_STATED = "not stated"


def parse_date(value: object) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def opt_date(value: object) -> date | None:
    return None if value is None else parse_date(value)


def opt_str(value: object) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Period:
        return cls(parse_date(data["from"]), parse_date(data["to"]))


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
    id: str
    description: str
    findings: tuple[str, ...]
    theme: str
    type: str
    owner_role: str
    due: date
    status: str
    completed: date | None
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
        """'not stated' is an explicit gap the site must show, not an owner."""
        return " ".join(self.owner_role.split()).casefold() != NOT_STATED


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


@dataclass(frozen=True)
class Referral:
    body: str
    required: bool
    decision: str
    date: date | None
    rationale: str | None
    outcome: str | None


@dataclass(frozen=True)
class WarningSignal:
    date: date
    kind: str
    description: str
    acted_on: bool


@dataclass(frozen=True)
class LearningReached:
    channel: str
    date: date
    description: str


@dataclass(frozen=True)
class GovernanceMeeting:
    meeting: str
    date: date
    decision: str


@dataclass(frozen=True)
class Learning:
    """The reference article's four parts of a learning record."""

    context: str
    support_approach: str
    day_to_day: str
    evidence_of_effectiveness: str


@dataclass(frozen=True)
class Review:
    method: str
    referral_source: str
    scope: Period
    participants: tuple[str, ...]
    lead_reviewer_role: str | None


@dataclass(frozen=True)
class Dates:
    concern_received: date
    investigation_concluded: date
    learning_review_held: date | None
    closed: date | None
