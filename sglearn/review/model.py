"""Typed, read-only cases built from validated case files: what the site may publish.

The model is the public projection of a case. Fields the site must never show (the role of
the member of staff, the employment outcome, reviewed privacy findings) are not copied in,
so no page or export can leak them by mistake.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

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
    NOT_STATED,
    OPEN_ACTION,
    Action,
    Dates,
    Figure,
    Finding,
    GovernanceMeeting,
    Learning,
    LearningReached,
    Measure,
    Period,
    Referral,
    Review,
    WarningSignal,
    opt_date,
    opt_str,
    parse_date,
)
from sglearn.review.quarters import quarter_of, quarter_start, quarters_ending

__all__ = [
    "CASE_ID",
    "COMPLETED_ACTION",
    "LOCAL_ID",
    "NOT_STATED",
    "OPEN_ACTION",
    "RESERVED_TERM_IDS",
    "TERM_ID",
    "Action",
    "Case",
    "Dates",
    "Figure",
    "Finding",
    "GovernanceMeeting",
    "Learning",
    "LearningReached",
    "Measure",
    "Period",
    "Referral",
    "Review",
    "UnsafeIdError",
    "WarningSignal",
    "cases_from_documents",
    "load_cases",
    "quarter_of",
    "quarter_start",
    "quarters_ending",
    "safe_case_id",
    "safe_term_id",
]


@dataclass(frozen=True)
class Case:
    """One learning review as the site may show it. ``source`` is the case file's path."""

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

    @property
    def quarter(self) -> str:
        return quarter_of(self.dates.concern_received)

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
        review = data["review"]
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
                parse_date(dates["concern_received"]),
                parse_date(dates["investigation_concluded"]),
                opt_date(dates.get("learning_review_held")),
                opt_date(dates.get("closed")),
            ),
            allegation_outcome=str(data["outcomes"]["allegation"]),
            safeguarding_outcome=str(data["outcomes"]["safeguarding"]),
            referrals=tuple(
                Referral(
                    safe_term_id(r["body"]),
                    bool(r["required"]),
                    str(r["decision"]),
                    opt_date(r.get("date")),
                    opt_str(r.get("rationale")),
                    opt_str(r.get("outcome")),
                )
                for r in data["referrals"]
            ),
            review=Review(
                str(review["method"]),
                str(review["referral_source"]),
                Period.from_data(review["scope"]),
                tuple(str(p) for p in review["participants"]),
                opt_str(review.get("lead_reviewer_role")),
            ),
            warning_signals=tuple(
                WarningSignal(
                    parse_date(s["date"]),
                    str(s["kind"]),
                    str(s["description"]),
                    bool(s["acted_on"]),
                )
                for s in data.get("warning_signals") or ()
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
            actions=tuple(_action(a) for a in data["actions"]),
            measures=tuple(_measure(m) for m in data["measures"]),
            learning_reached=tuple(
                LearningReached(str(e["channel"]), parse_date(e["date"]), str(e["description"]))
                for e in data["learning_reached"]
            ),
            governance=tuple(
                GovernanceMeeting(str(g["meeting"]), parse_date(g["date"]), str(g["decision"]))
                for g in data["governance"]
            ),
            framework_tags=tuple(str(t) for t in data["framework_tags"]),
        )


_LEARNING_PARTS = ("context", "support_approach", "day_to_day", "evidence_of_effectiveness")


def _action(a: Mapping[str, Any]) -> Action:
    return Action(
        id=local_id(a["id"]),
        description=str(a["description"]),
        findings=tuple(str(f) for f in a.get("findings") or ()),
        theme=safe_term_id(a["theme"]),
        type=str(a["type"]),
        owner_role=str(a["owner_role"]),
        due=parse_date(a["due"]),
        status=str(a["status"]),
        completed=opt_date(a.get("completed")),
        evidence=opt_str(a.get("evidence")),
        cancelled_reason=opt_str(a.get("cancelled_reason")),
    )


def _measure(m: Mapping[str, Any]) -> Measure:
    follow_up = m.get("follow_up")
    return Measure(
        id=local_id(m["id"]),
        action=local_id(m["action"]),
        measure=str(m["measure"]),
        unit=opt_str(m.get("unit")),
        better=str(m["better"]),
        source=str(m["source"]),
        evidence_category=opt_str(m.get("evidence_category")),
        baseline=Figure.from_data(m["baseline"]),
        follow_up=None if follow_up is None else Figure.from_data(follow_up),
        no_follow_up_reason=opt_str(m.get("no_follow_up_reason")),
        verified_by=opt_str(m.get("verified_by")),
    )


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
