"""The rows the aggregation produces: a case with one of its parts and the engine's verdict.

Shared by the aggregation, the gaps view and the pages, so each can name them without
importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from sglearn.review.model import Action, Case, Measure, Recommendation, RecordDate, Referral
from sglearn.review.verdicts import Timeliness


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
    result: str


@dataclass(frozen=True)
class ReferralRow:
    case: Case
    referral: Referral
    timeliness: Timeliness


@dataclass(frozen=True)
class LearningEntry:
    """One change in practice, and every review that drove it (the same change, same day)."""

    channel: str
    date: RecordDate
    description: str
    cases: tuple[Case, ...]


@dataclass(frozen=True)
class GovernanceSession:
    """One meeting (type and date) and each case it reviewed with its decision."""

    meeting: str
    date: RecordDate
    reviewed: tuple[tuple[Case, str], ...]


@dataclass(frozen=True)
class RecommendationRow:
    """A recommendation to another body: kept out of the provider's action tracker."""

    case: Case
    recommendation: Recommendation


@dataclass(frozen=True)
class DatesNotExact:
    """A review whose verdicts the record cannot support, and which dates are why."""

    case: Case
    dates: tuple[str, ...]
