"""Typed, read-only cases built from validated case files: what the site may publish.

The model is the public projection of a case. Fields the site must never show (the role of
the member of staff, the employment outcome, reviewed privacy findings) are not copied in,
so no page or export can leak them by mistake.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

CASE_ID = re.compile(r"LR-[0-9]{4}-[0-9]{3,4}")
TERM_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
LOCAL_ID = re.compile(r"[AFM][0-9]{1,3}")
RESERVED_TERM_IDS = frozenset({"index"})
"""``themes/index.md`` and ``services/index.md`` are the list pages, not a term's page."""

OPEN_ACTION = frozenset({"planned", "in-progress"})
COMPLETED_ACTION = frozenset({"done", "verified"})
NOT_STATED = "not stated"


class UnsafeIdError(ValueError):
    """An id that would become part of a URL or file name is not in the safe form."""


def safe_case_id(value: object) -> str:
    """Refuse anything but ``LR-YYYY-NNN``: case ids become file names and links."""
    if not isinstance(value, str) or not CASE_ID.fullmatch(value):
        raise UnsafeIdError(f"case id {value!r} is not of the form LR-YYYY-NNN")
    return value


def safe_term_id(value: object) -> str:
    """Refuse vocabulary ids that could escape their folder or clash with an index page."""
    if not isinstance(value, str) or not TERM_ID.fullmatch(value) or value in RESERVED_TERM_IDS:
        raise UnsafeIdError(f"vocabulary id {value!r} is not a safe page name")
    return value


def _local_id(value: object) -> str:
    if not isinstance(value, str) or not LOCAL_ID.fullmatch(value):
        raise UnsafeIdError(f"finding, action or measure id {value!r} is not like F1, A1 or M1")
    return value


def _date(value: object) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _opt_date(value: object) -> date | None:
    return None if value is None else _date(value)


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def quarter_of(day: date) -> str:
    """The calendar quarter as shown on the site, e.g. ``2025 Q3`` (sorts as text)."""
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def quarter_start(label: str) -> date:
    year, q = label.split(" Q")
    return date(int(year), (int(q) - 1) * 3 + 1, 1)


def quarters_ending(last: date, count: int) -> tuple[str, ...]:
    """``count`` consecutive quarter labels, the last being the quarter of ``last``."""
    labels: list[str] = []
    day = quarter_start(quarter_of(last))
    for _ in range(count):
        labels.append(quarter_of(day))
        day = quarter_start(quarter_of(day - timedelta(days=1)))
    return tuple(reversed(labels))


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Period:
        return cls(_date(data["from"]), _date(data["to"]))


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
                _date(dates["concern_received"]),
                _date(dates["investigation_concluded"]),
                _opt_date(dates.get("learning_review_held")),
                _opt_date(dates.get("closed")),
            ),
            allegation_outcome=str(data["outcomes"]["allegation"]),
            safeguarding_outcome=str(data["outcomes"]["safeguarding"]),
            referrals=tuple(
                Referral(
                    safe_term_id(r["body"]),
                    bool(r["required"]),
                    str(r["decision"]),
                    _opt_date(r.get("date")),
                    _opt_str(r.get("rationale")),
                    _opt_str(r.get("outcome")),
                )
                for r in data["referrals"]
            ),
            review=Review(
                str(review["method"]),
                str(review["referral_source"]),
                Period.from_data(review["scope"]),
                tuple(str(p) for p in review["participants"]),
                _opt_str(review.get("lead_reviewer_role")),
            ),
            warning_signals=tuple(
                WarningSignal(
                    _date(s["date"]), str(s["kind"]), str(s["description"]), bool(s["acted_on"])
                )
                for s in data.get("warning_signals") or ()
            ),
            findings=tuple(
                Finding(
                    _local_id(f["id"]),
                    safe_term_id(f["theme"]),
                    str(f["system_level"]),
                    _opt_str(f.get("work_system")),
                    str(f["description"]),
                )
                for f in data["findings"]
            ),
            learning=Learning(**{k: str(data["learning"][k]) for k in _LEARNING_PARTS}),
            actions=tuple(_action(a) for a in data["actions"]),
            measures=tuple(_measure(m) for m in data["measures"]),
            learning_reached=tuple(
                LearningReached(str(e["channel"]), _date(e["date"]), str(e["description"]))
                for e in data["learning_reached"]
            ),
            governance=tuple(
                GovernanceMeeting(str(g["meeting"]), _date(g["date"]), str(g["decision"]))
                for g in data["governance"]
            ),
            framework_tags=tuple(str(t) for t in data["framework_tags"]),
        )


_LEARNING_PARTS = ("context", "support_approach", "day_to_day", "evidence_of_effectiveness")


def _action(a: Mapping[str, Any]) -> Action:
    return Action(
        id=_local_id(a["id"]),
        description=str(a["description"]),
        findings=tuple(str(f) for f in a.get("findings") or ()),
        theme=safe_term_id(a["theme"]),
        type=str(a["type"]),
        owner_role=str(a["owner_role"]),
        due=_date(a["due"]),
        status=str(a["status"]),
        completed=_opt_date(a.get("completed")),
        evidence=_opt_str(a.get("evidence")),
        cancelled_reason=_opt_str(a.get("cancelled_reason")),
    )


def _measure(m: Mapping[str, Any]) -> Measure:
    follow_up = m.get("follow_up")
    return Measure(
        id=_local_id(m["id"]),
        action=_local_id(m["action"]),
        measure=str(m["measure"]),
        unit=_opt_str(m.get("unit")),
        better=str(m["better"]),
        source=str(m["source"]),
        evidence_category=_opt_str(m.get("evidence_category")),
        baseline=Figure.from_data(m["baseline"]),
        follow_up=None if follow_up is None else Figure.from_data(follow_up),
        no_follow_up_reason=_opt_str(m.get("no_follow_up_reason")),
        verified_by=_opt_str(m.get("verified_by")),
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
