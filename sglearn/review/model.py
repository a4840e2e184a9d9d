"""Typed, read-only cases built from validated case files: what the site may publish.

The model is the public projection of a case. Fields the site must never show (the role of
the member of staff, the employment outcome, reviewed privacy findings) are not copied in,
so no page or export can leak them by mistake.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sglearn.read.record_date import NOT_KNOWN, RecordDate
from sglearn.review import parts_from_data
from sglearn.review.ids import (
    CASE_ID,
    LOCAL_ID,
    RESERVED_TERM_IDS,
    TERM_ID,
    UnsafeIdError,
    local_id,
    safe_case_id,
    safe_term_id,
)
from sglearn.review.parts import (
    COMPLETED_ACTION,
    NOT_SET,
    NOT_STATED,
    NOT_YET_KNOWN,
    OPEN_ACTION,
    Action,
    Count,
    Dates,
    Figure,
    Finding,
    GovernanceMeeting,
    Learning,
    LearningReached,
    Measure,
    OutcomeEvent,
    PeopleAffected,
    Period,
    Recommendation,
    Referral,
    RelatedReview,
    Review,
    WarningSignal,
    count,
    date_key,
    opt_record_date,
    opt_str,
    opt_time,
    record_date,
)
from sglearn.review.quarters import quarter_of, quarter_start, quarters_ending

__all__ = [
    "CASE_ID",
    "COMPLETED_ACTION",
    "LOCAL_ID",
    "NOT_KNOWN",
    "NOT_SET",
    "NOT_STATED",
    "NOT_YET_KNOWN",
    "OPEN_ACTION",
    "RESERVED_TERM_IDS",
    "TERM_ID",
    "Action",
    "Case",
    "Count",
    "Dates",
    "Figure",
    "Finding",
    "GovernanceMeeting",
    "Learning",
    "LearningReached",
    "Measure",
    "OutcomeEvent",
    "PeopleAffected",
    "Period",
    "Recommendation",
    "RecordDate",
    "Referral",
    "RelatedReview",
    "Review",
    "UnsafeIdError",
    "WarningSignal",
    "cases_from_documents",
    "date_key",
    "load_cases",
    "quarter_of",
    "quarter_start",
    "quarters_ending",
    "safe_case_id",
    "safe_term_id",
]


@dataclass(frozen=True)
class Case:
    """One learning review as the site may show it. ``source`` is the case file's path.

    Staff roles and employment outcomes are never copied in; of the staff involved only the
    size of each group is kept.
    """

    id: str
    source: str | None
    title: str
    summary: str
    case_type: str
    status: str
    held: bool
    jurisdiction: str
    track: str
    route: str
    service: str
    setting: str
    abuse_categories: tuple[str, ...]
    dates: Dates
    allegation_outcome: str
    safeguarding_outcome: str
    referrals: tuple[Referral, ...]
    review: Review
    warning_signals: tuple[WarningSignal, ...]
    findings: tuple[Finding, ...]
    learning: Learning
    actions: tuple[Action, ...]
    measures: tuple[Measure, ...]
    learning_reached: tuple[LearningReached, ...]
    governance: tuple[GovernanceMeeting, ...]
    framework_tags: tuple[str, ...]
    schema_version: int = 1
    other_services: tuple[str, ...] = ()
    staff_groups: tuple[Count, ...] = (1,)
    people_affected: PeopleAffected | None = None
    outcome_events: tuple[OutcomeEvent, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    no_measure_reason: str | None = None

    @property
    def received(self) -> RecordDate:
        return self.dates.concern_received

    @property
    def quarter(self) -> str | None:
        """The quarter the concern came in; None when the record gives only a year or less."""
        received = self.dates.concern_received
        if received.year is None or received.month is None:
            return None
        return quarter_of(received.earliest or date.min)

    @property
    def quarter_label(self) -> str:
        """The quarter as a reader sees it: '2025 Q3', '2016, quarter not known' or
        'Date not known'."""
        if self.quarter is not None:
            return self.quarter
        year = self.dates.concern_received.year
        return "Date not known" if year is None else f"{year}, quarter not known"

    @property
    def quarters(self) -> tuple[str, ...]:
        """The quarter as a grouping key: none when it is not known."""
        return () if self.quarter is None else (self.quarter,)

    @property
    def services(self) -> tuple[str, ...]:
        """The primary service first, then the others the review spans."""
        return (self.service, *(s for s in self.other_services if s != self.service))

    @property
    def staff_count(self) -> Count:
        """How many staff were involved; None when any group's size is not known."""
        if any(c is None for c in self.staff_groups):
            return None
        return sum(c for c in self.staff_groups if c is not None)

    @property
    def is_open(self) -> bool:
        return self.status != "closed"

    @property
    def themes(self) -> tuple[str, ...]:
        """Distinct themes of the findings, in first-found order."""
        return tuple(dict.fromkeys(f.theme for f in self.findings))

    @property
    def all_themes(self) -> tuple[str, ...]:
        """Themes of findings and of actions, sorted: what a theme page should list."""
        return tuple(sorted({*self.themes, *(a.theme for a in self.actions)}))

    def action(self, action_id: str) -> Action | None:
        return next((a for a in self.actions if a.id == action_id), None)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], source: str | None = None) -> Case:
        """Build from a case that passed the schema; refuses unsafe ids again."""
        dates = data["dates"]
        return cls(
            id=safe_case_id(data["id"]),
            source=_safe_source(source),
            title=str(data["title"]),
            summary=str(data.get("summary") or ""),
            case_type=str(data["case_type"]),
            status=str(data["status"]),
            held=bool(data.get("publication", {}).get("hold", False)),
            jurisdiction=str(data["jurisdiction"]),
            track=str(data["track"]),
            route=str(data["route"]),
            service=safe_term_id(data["service"]),
            setting=str(data["setting"]),
            abuse_categories=tuple(safe_term_id(c) for c in data["abuse_categories"]),
            dates=Dates(
                record_date(dates["concern_received"]),
                record_date(dates["investigation_concluded"]),
                opt_record_date(dates.get("learning_review_held")),
                opt_record_date(dates.get("closed")),
                opt_time(dates.get("concern_received_time")),
                opt_record_date(dates.get("removed_from_regulated_activity")),
            ),
            allegation_outcome=str(data["outcomes"]["allegation"]),
            safeguarding_outcome=str(data["outcomes"]["safeguarding"]),
            referrals=tuple(parts_from_data.referral(r) for r in data["referrals"]),
            review=parts_from_data.review(data["review"]),
            warning_signals=tuple(
                parts_from_data.signal(s) for s in data.get("warning_signals") or ()
            ),
            findings=tuple(
                Finding(
                    local_id(f["id"]),
                    safe_term_id(f["theme"]),
                    str(f["system_level"]),
                    opt_str(f.get("work_system")),
                    str(f["description"]),
                )
                for f in data["findings"]
            ),
            learning=Learning(**{k: str(data["learning"][k]) for k in _LEARNING_PARTS}),
            actions=tuple(parts_from_data.action(a) for a in data["actions"]),
            measures=tuple(parts_from_data.measure(m) for m in data["measures"]),
            learning_reached=tuple(
                LearningReached(str(e["channel"]), record_date(e["date"]), str(e["description"]))
                for e in data["learning_reached"]
            ),
            governance=tuple(
                GovernanceMeeting(str(g["meeting"]), record_date(g["date"]), str(g["decision"]))
                for g in data["governance"]
            ),
            framework_tags=tuple(str(t) for t in data["framework_tags"]),
            schema_version=int(data.get("schema_version", 1)),
            other_services=tuple(safe_term_id(s) for s in data.get("other_services") or ()),
            staff_groups=tuple(count(g["count"]) for g in data.get("staff_involved") or ()) or (1,),
            people_affected=parts_from_data.people(data.get("people_affected")),
            outcome_events=tuple(
                parts_from_data.event(e) for e in data.get("outcome_events") or ()
            ),
            recommendations=tuple(
                parts_from_data.recommendation(r) for r in data.get("recommendations") or ()
            ),
            no_measure_reason=opt_str(data.get("no_measure_reason")),
        )


_LEARNING_PARTS = ("context", "support_approach", "day_to_day", "evidence_of_effectiveness")


def _safe_source(source: str | None) -> str | None:
    """Only a relative POSIX path inside the repository can become an edit link."""
    if source is None:
        return None
    parts = source.split("/")
    if source.startswith("/") or "\\" in source or ".." in parts or ":" in source:
        return None
    return source


class _HasData(Protocol):
    @property
    def path(self) -> str: ...

    @property
    def data(self) -> dict[str, Any]: ...


def cases_from_documents(documents: Iterable[_HasData]) -> list[Case]:
    """Cases from validated documents (``Report.documents``), sorted by id."""
    return sorted((Case.from_data(d.data, d.path) for d in documents), key=lambda c: c.id)


class _HasDocuments(Protocol):
    @property
    def documents(self) -> list[Any]: ...


def load_cases(report: _HasDocuments) -> list[Case]:
    """Cases from a validation report's documents (held cases included), sorted by id."""
    return cases_from_documents(report.documents)
