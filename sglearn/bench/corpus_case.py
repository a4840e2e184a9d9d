"""One synthetic case: the vocabulary of choices and the seeded walk that fills a review."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

AS_OF = date(2026, 11, 27)
"""The as-of date the generated cases are valid for (no overdue actions, no future dates)."""

FIRST_YEAR = 2019
HEADER = "# yaml-language-server: $schema=../schemas/case.schema.json\n"

_OUTCOMES = {
    ("england", "children"): ["substantiated", "unsubstantiated", "unfounded", "false"],
    ("wales", "children"): ["substantiated", "unsubstantiated", "false"],
    ("england", "adults"): [
        "substantiated",
        "partially-substantiated",
        "unsubstantiated",
        "inconclusive",
    ],
    ("wales", "adults"): ["substantiated", "partially-substantiated", "inconclusive"],
}
_CATEGORIES = {
    "adults": ["physical", "psychological", "neglect", "financial", "organisational"],
    "children": ["physical", "emotional", "neglect"],
}
_BODIES = {
    "children": ["lado", "police", "dbs", "regulator", "cqc", "ofsted"],
    "adults": ["pipot", "local-authority", "police", "dbs", "regulator", "cqc"],
}
_THEMES = [
    "supervision-inconsistent",
    "training-gap-communication",
    "training-gap-safeguarding",
    "staffing-pressure",
    "record-oversight",
    "practice-standards-oversight",
    "closed-culture",
    "whistleblowing-not-heard",
    "communication-needs",
    "leadership-governance",
    "signals-not-joined-up",
    "recruitment-induction",
]
_ACTION_TYPES = ["training", "supervision", "rota", "staffing", "audit", "policy", "team-meeting"]
_LEVELS = ["individual-practice", "team", "organisation", "governance"]
_ROLES = ["Care assistant (nights)", "Senior carer", "Support worker", "Residential care worker"]
_OWNERS = ["Registered manager", "Deputy manager", "Training lead", "Quality lead", "not stated"]
_SOURCES = ["audit", "complaints-log", "staff-survey", "incident-reports", "supervision-records"]
_CHANNELS = ["training-programme", "supervision", "team-meeting", "policy", "induction"]
_MEETINGS = ["safeguarding-governance", "quality-committee", "board", "clinical-governance"]
_TAGS = [
    "cqc-2023:learning-culture",
    "cqc-2023:safeguarding",
    "cqc-2023:safe-staffing",
    "cqc-2023:governance-management",
    "cqc-2023:capable-leaders",
    "cqc-2023:freedom-to-speak-up",
]
_SENTENCES = [
    "Supervision sessions were only booked on day shifts, so night staff went months without one.",
    "The team had no recent training on communicating with people who are distressed.",
    "Two staff covered the evening meal for eleven people on most weekdays.",
    "Daily notes were written at the end of the shift and did not match the handover sheet.",
    "Managers rarely observed practice on the late shift and relied on handover reports.",
    "Earlier complaints about the same shift were handled one by one and never compared.",
    "Agency staff were not given the service's induction before working alone.",
    "Staff said they did not feel able to challenge a senior colleague's approach.",
]


class Flow(dict):  # type: ignore[type-arg]
    """A mapping a lead would write on one line, such as a period ``{from: .., to: ..}``."""


class FlowList(list):  # type: ignore[type-arg]
    """A short list of words, such as ``[F1, F2]``."""


def _words(key: str) -> str:
    return key.replace("-", " ")


def _iso(day: date) -> str:
    return day.isoformat()


def _after(rng: random.Random, day: date, low: int, high: int, cap: date = AS_OF) -> date:
    return min(day + timedelta(days=rng.randint(low, high)), cap)


def make_case(
    rng: random.Random, case_id: str, year: int, service: dict[str, Any]
) -> dict[str, Any]:
    """One case, consistent across fields so every rule passes on ``AS_OF``."""
    track: str = service["track"]
    jurisdiction = rng.choice(["england", "england", "england", "wales"])
    latest = date(year, 12, 31) if year < AS_OF.year else AS_OF - timedelta(days=200)
    received = date(year, 1, 2) + timedelta(days=rng.randint(0, (latest - date(year, 1, 2)).days))
    concluded = received + timedelta(days=rng.randint(14, 60))
    review_held = concluded + timedelta(days=rng.randint(7, 30))
    age = (AS_OF - received).days
    if age > 700:
        status = rng.choice(["closed", "closed", "closed", "monitoring-effectiveness"])
    elif age > 400:
        status = rng.choice(["closed", "monitoring-effectiveness", "actions-in-progress"])
    else:
        status = rng.choice(["open", "actions-in-progress", "actions-in-progress"])
    low_level = rng.random() < 0.15
    if low_level:
        route = "internal"
    elif track == "children":
        route = "lado"
    else:
        route = rng.choice(["pipot", "pipot", "s42-enquiry"])
    dates: dict[str, str] = {
        "concern_received": _iso(received),
        "investigation_concluded": _iso(concluded),
    }
    if status != "open":
        dates["learning_review_held"] = _iso(review_held)
    themes = rng.sample(_THEMES, rng.randint(1, 3))
    findings = [
        {
            "id": f"F{n}",
            "theme": theme,
            "system_level": rng.choice(_LEVELS),
            "work_system": "organisation",
            "description": rng.choice(_SENTENCES),
        }
        for n, theme in enumerate(themes, start=1)
    ]
    actions, measures, last_done = _actions(rng, status, findings, review_held)
    case: dict[str, Any] = {
        "id": case_id,
        "title": f"Learning about {_words(themes[0])} at {_words(service['id'])}",
        "summary": " ".join(rng.sample(_SENTENCES, 2)),
        "case_type": "low-level-concern" if low_level else "allegation",
        "status": status,
        "publication": Flow(hold=False),
        "jurisdiction": jurisdiction,
        "track": track,
        "route": route,
        "service": service["id"],
        "setting": service["setting"],
        "staff_role": rng.choice(_ROLES),
        "abuse_categories": FlowList(rng.sample(_CATEGORIES[track], rng.randint(1, 2))),
        "dates": dates,
        "outcomes": {
            "allegation": "not-yet-known"
            if status == "open"
            else rng.choice(_OUTCOMES[(jurisdiction, track)]),
            "employment": rng.choice(["no-action", "management-advice", "training-required"]),
            "safeguarding": rng.choice(["risk-removed", "risk-reduced", "no-risk-identified"]),
        },
        "referrals": _referrals(rng, track, route, received),
        "review": {
            "method": "post-investigation-learning-review",
            "referral_source": rng.choice(["relative", "staff-member", "manager", "whistleblower"]),
            "scope": Flow({"from": _iso(received - timedelta(days=180)), "to": _iso(received)}),
            "participants": FlowList(["Registered manager", "Safeguarding lead", "Senior carer"]),
            "lead_reviewer_role": "Safeguarding lead",
        },
        "warning_signals": [
            {
                "date": _iso(received - timedelta(days=rng.randint(20, 150))),
                "kind": rng.choice(["complaint", "incident", "staff-feedback"]),
                "description": "A relative said the late shift seemed rushed and short of staff.",
                "acted_on": rng.random() < 0.5,
            }
        ],
        "findings": findings,
        "learning": {
            "context": rng.choice(_SENTENCES),
            "support_approach": "The review chose changes to supervision, training and the rota "
            "rather than action against one person alone.",
            "day_to_day": "Every shift now has a named senior who checks in with each member of "
            "staff at the busiest time, and supervision covers difficult interactions.",
            "evidence_of_effectiveness": "Not yet measured: the next audit is due next quarter."
            if status in ("open", "actions-in-progress")
            else "Complaints about the shift fell and the audit scores rose; see the measures.",
        },
        "actions": actions,
        "measures": measures,
        "learning_reached": [],
        "governance": [],
        "framework_tags": FlowList(rng.sample(_TAGS, rng.randint(1, 3))),
    }
    if status != "open":
        case["learning_reached"] = [
            {
                "channel": channel,
                "date": _iso(_after(rng, review_held, 5, 60)),
                "description": "The learning from this review was added with a worked scenario.",
            }
            for channel in rng.sample(_CHANNELS, rng.randint(1, 2))
        ]
        case["governance"] = [
            {
                "meeting": meeting,
                "date": _iso(_after(rng, review_held, 3 + 40 * n, 30 + 40 * n)),
                "decision": "Actions agreed; effectiveness to be reported back next quarter.",
            }
            for n, meeting in enumerate(rng.sample(_MEETINGS, rng.randint(1, 2)))
        ]
    if status == "closed":
        case["dates"]["closed"] = _iso(min(last_done + timedelta(days=rng.randint(1, 30)), AS_OF))
    return case


def _referrals(rng: random.Random, track: str, route: str, received: date) -> list[dict[str, Any]]:
    """One decision per body for the track; required ones made the day the concern came in."""
    required = {"lado", "pipot", "cqc"} if track == "adults" else {"lado", "ofsted"}
    if route == "s42-enquiry":
        required.add("local-authority")
    if route == "internal":
        required = set()
    result: list[dict[str, Any]] = []
    for body in _BODIES[track]:
        if body in required:
            made = Flow(body=body, required=True, decision="referred", date=_iso(received))
            if rng.random() < 0.5:
                made["outcome"] = rng.choice(["advice-given", "no-further-action", "investigation"])
            result.append(made)
        elif body == "regulator":
            result.append(
                {
                    "body": body,
                    "required": False,
                    "decision": "not-applicable",
                    "rationale": "The role is not registered with a professional regulator.",
                }
            )
        else:
            result.append(
                {
                    "body": body,
                    "required": False,
                    "decision": "not-referred",
                    "rationale": "Threshold not met: the worker stayed in regulated activity.",
                }
            )
    return result


def _actions(
    rng: random.Random, status: str, findings: list[dict[str, Any]], review_held: date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], date]:
    """Actions and one measure each, with statuses that fit the case's status on ``AS_OF``."""
    actions: list[dict[str, Any]] = []
    measures: list[dict[str, Any]] = []
    last_done = review_held
    for n in range(1, rng.randint(1, 3) + 1):
        finding = rng.choice(findings)
        if status == "closed":
            state = "verified"
        elif status == "monitoring-effectiveness":
            state = "done"
        elif status == "actions-in-progress":
            state = rng.choice(["done", "in-progress", "planned"])
        else:
            state = rng.choice(["planned", "in-progress"])
        done = state in ("done", "verified")
        due = (
            _after(rng, review_held, 20, 120, cap=AS_OF)
            if done
            else AS_OF + timedelta(days=rng.randint(10, 200))
        )
        action: dict[str, Any] = {
            "id": f"A{n}",
            "description": "Refresher training on respectful communication for all care staff, "
            "with a scenario on a busy late shift.",
            "findings": FlowList([finding["id"]]),
            "theme": finding["theme"],
            "type": rng.choice(_ACTION_TYPES),
            "owner_role": rng.choice(_OWNERS),
            "due": _iso(max(due, review_held + timedelta(days=1))),
            "status": state,
        }
        if done:
            completed = min(_after(rng, review_held, 10, 100), AS_OF)
            completed = max(completed, review_held)
            last_done = max(last_done, completed)
            action["completed"] = _iso(completed)
            action["evidence"] = "Training matrix shows most staff completed the session."
        actions.append(action)
        baseline_from = review_held - timedelta(days=90)
        measure: dict[str, Any] = {
            "id": f"M{n}",
            "action": f"A{n}",
            "measure": "Complaints about staff communication per quarter",
            "better": "lower",
            "source": rng.choice(_SOURCES),
            "baseline": {
                "value": rng.randint(4, 12),
                "period": Flow({"from": _iso(baseline_from), "to": _iso(review_held)}),
            },
        }
        follow_from = review_held + timedelta(days=120)
        follow_to = follow_from + timedelta(days=89)
        if state == "verified" or (done and follow_to <= AS_OF and rng.random() < 0.5):
            follow_to = min(follow_to, AS_OF)
            measure["follow_up"] = {
                "value": rng.randint(0, 3),
                "period": Flow({"from": _iso(follow_from), "to": _iso(follow_to)}),
            }
            last_done = max(last_done, follow_to)
            if state == "verified":
                measure["verified_by"] = "Quality lead"
        else:
            measure["no_follow_up_reason"] = (
                "The next quarterly complaints analysis is not due yet."
            )
        measures.append(measure)
    return actions, measures, last_done
