"""Building a case's parts from its validated data: dates with their precision, unknowns as values.

Kept apart from the ``Case`` record so that each stays a size a reader can hold; the schema
has already checked every shape, so these only convert.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sglearn.review.ids import local_id, safe_term_id
from sglearn.review.parts import (
    NOT_SET,
    Action,
    Figure,
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
    known_bool,
    opt_record_date,
    opt_str,
    opt_time,
    record_date,
)


def referral(r: Mapping[str, Any]) -> Referral:
    return Referral(
        safe_term_id(r["body"]),
        known_bool(r["required"]),
        str(r["decision"]),
        opt_record_date(r.get("date")),
        opt_str(r.get("rationale")),
        opt_str(r.get("outcome")),
        None if r.get("outcome_event") is None else local_id(r["outcome_event"]),
        opt_time(r.get("time")),
        opt_str(r.get("by_role")),
    )


def review(data: Mapping[str, Any]) -> Review:
    return Review(
        str(data["method"]),
        str(data["referral_source"]),
        Period.from_data(data["scope"]),
        tuple(str(p) for p in data["participants"]),
        opt_str(data.get("lead_reviewer_role")),
        kind=opt_str(data.get("kind")),
        commissioned_by=opt_str(data.get("commissioned_by")),
        published=opt_record_date(data.get("published")),
        related=tuple(
            RelatedReview(
                str(r["title"]),
                str(r["kind"]),
                record_date(r["date"]),
                opt_str(r.get("reference")),
            )
            for r in data.get("related_reviews") or ()
        ),
    )


def signal(s: Mapping[str, Any]) -> WarningSignal:
    period = s.get("period")
    return WarningSignal(
        date=opt_record_date(s.get("date")),
        kind=str(s["kind"]),
        description=str(s["description"]),
        acted_on=known_bool(s["acted_on"]),
        period=None if period is None else Period.from_data(period),
        approximate_count=count(s.get("approximate_count")),
        source=opt_str(s.get("source")),
        contested=bool(s.get("contested", False)),
    )


def people(data: Mapping[str, Any] | None) -> PeopleAffected | None:
    if data is None:
        return None
    return PeopleAffected(count(data["in_scope"]), count(data["harmed"]))


def event(e: Mapping[str, Any]) -> OutcomeEvent:
    return OutcomeEvent(
        local_id(e["id"]),
        str(e["route"]),
        str(e["result"]),
        count(e["count"]),
        record_date(e["date"]),
    )


def recommendation(r: Mapping[str, Any]) -> Recommendation:
    response = r["response"]
    theme = r.get("theme")
    return Recommendation(
        id=local_id(r["id"]),
        recommendation=str(r["recommendation"]),
        addressed_to=str(r["addressed_to"]),
        addressee_kind=str(r["addressee_kind"]),
        made_by=str(r["made_by"]),
        made=record_date(r["made"]),
        theme=None if theme is None else safe_term_id(theme),
        response_status=str(response["status"]),
        response_date=opt_record_date(response.get("date")),
    )


def action(a: Mapping[str, Any]) -> Action:
    due = a["due"]
    return Action(
        id=local_id(a["id"]),
        description=str(a["description"]),
        findings=tuple(str(f) for f in a.get("findings") or ()),
        theme=safe_term_id(a["theme"]),
        type=str(a["type"]),
        owner_role=str(a["owner_role"]),
        due=None if due == NOT_SET else record_date(due),
        status=str(a["status"]),
        completed=opt_record_date(a.get("completed")),
        evidence=opt_str(a.get("evidence")),
        cancelled_reason=opt_str(a.get("cancelled_reason")),
    )


def measure(m: Mapping[str, Any]) -> Measure:
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
        verified_on=opt_record_date(m.get("verified_on")),
    )
