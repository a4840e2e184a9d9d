"""Synthetic cases for the site tests: small, hand-countable, and valid against the schema."""

from __future__ import annotations

import copy
import dataclasses
import posixpath
import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from sglearn.review.model import Case
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.render import GeneratedFile, render_site

AS_OF = date(2026, 6, 15)  # a Monday
REPO = Path(__file__).resolve().parents[2]

MakeCase = Callable[..., dict[str, Any]]
SUPERVISION, COMMUNICATION = "supervision-inconsistent", "training-gap-communication"


def base_case(case_id: str = "LR-2025-001") -> dict[str, Any]:
    """A complete, valid case with one finding, one action and one measure."""
    return {
        "id": case_id,
        "title": "Supervision did not reach the night shift",
        "summary": "Night staff had no supervision; protected sessions now run every month.",
        "case_type": "allegation",
        "status": "actions-in-progress",
        "publication": {"hold": False},
        "jurisdiction": "england",
        "track": "adults",
        "route": "s42-enquiry",
        "service": "maple-court",
        "setting": "care-home",
        "staff_role": "Night care assistant SECRET-ROLE",
        "abuse_categories": ["neglect"],
        "dates": {"concern_received": "2025-02-03", "investigation_concluded": "2025-03-03"},
        "outcomes": {
            "allegation": "substantiated",
            "employment": "final-warning",
            "safeguarding": "risk-reduced",
        },
        "referrals": [
            {
                "body": "local-authority",
                "required": True,
                "decision": "referred",
                "date": "2025-02-04",
            },
            {"body": "cqc", "required": True, "decision": "referred", "date": "2025-02-04"},
        ],
        "review": {
            "method": "post-investigation-learning-review",
            "referral_source": "staff-member",
            "scope": {"from": "2024-08-01", "to": "2025-01-31"},
            "participants": ["Registered manager", "Safeguarding lead"],
            "lead_reviewer_role": "Safeguarding lead",
        },
        "warning_signals": [
            {
                "date": "2024-11-02",
                "kind": "complaint",
                "description": "A relative said night staff were abrupt.",
                "acted_on": False,
            }
        ],
        "findings": [
            {
                "id": "F1",
                "theme": "supervision-inconsistent",
                "system_level": "organisation",
                "description": "Supervision was only booked on day shifts.",
            }
        ],
        "learning": {
            "context": "A resident was left waiting at night.",
            "support_approach": "Supervision must reach every shift.",
            "day_to_day": "Protected night supervision twice a month.",
            "evidence_of_effectiveness": "Night supervision rose from 30% to 85%.",
        },
        "actions": [
            {
                "id": "A1",
                "description": "Protected supervision sessions on the night rota.",
                "findings": ["F1"],
                "theme": "supervision-inconsistent",
                "type": "supervision",
                "owner_role": "Registered manager",
                "due": "2025-05-31",
                "status": "verified",
                "completed": "2025-05-20",
                "evidence": "Supervision tracker, May 2025.",
            }
        ],
        "measures": [
            {
                "id": "M1",
                "action": "A1",
                "measure": "Night staff supervised in the last eight weeks",
                "unit": "%",
                "better": "higher",
                "source": "supervision-records",
                "evidence_category": "processes",
                "baseline": {"value": 30, "period": {"from": "2025-01-01", "to": "2025-01-31"}},
                "follow_up": {"value": 85, "period": {"from": "2025-09-01", "to": "2025-09-30"}},
                "verified_by": "Quality lead",
            }
        ],
        "learning_reached": [
            {
                "channel": "supervision",
                "date": "2025-05-20",
                "description": "Night sessions booked.",
            }
        ],
        "governance": [
            {
                "meeting": "safeguarding-governance",
                "date": "2025-03-18",
                "decision": "Actions agreed.",
            }
        ],
        "framework_tags": ["cqc-2023:safeguarding"],
        "privacy_reviewed": [
            {
                "rule": "privacy/phone",
                "value": "PRIVACY-VALUE-0800",
                "reason": "Switchboard number.",
                "reviewed_by": "Data protection officer",
            }
        ],
    }


def merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Nested update: a dict merges into a dict, anything else replaces."""
    result = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def to_case(data: dict[str, Any]) -> Case:
    return Case.from_data(data, f"cases/{data['id']}.yaml")


def with_settings(vocabularies: Vocabularies, **settings: Any) -> Vocabularies:
    """A copy of the vocabularies with some settings changed."""
    return dataclasses.replace(
        vocabularies, settings=dataclasses.replace(vocabularies.settings, **settings)
    )


def finding(fid: str, theme: str) -> dict[str, Any]:
    return {"id": fid, "theme": theme, "system_level": "team", "description": "Found."}


def action(aid: str, theme: str, status: str, due: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": aid,
        "description": f"Action {aid}.",
        "findings": ["F1"],
        "theme": theme,
        "type": "training",
        "owner_role": "Registered manager",
        "due": due,
        "status": status,
        **extra,
    }


def measure(
    mid: str, action: str, better: str, base: float, follow: float | None, **extra: Any
) -> dict[str, Any]:
    m: dict[str, Any] = {
        "id": mid,
        "action": action,
        "measure": f"Measure {mid}",
        "better": better,
        "source": "audit",
        "baseline": {"value": base, "period": {"from": "2025-01-01", "to": "2025-01-31"}},
        **extra,
    }
    if follow is None:
        m["no_follow_up_reason"] = "The next audit is in July."
    else:
        m["follow_up"] = {"value": follow, "period": {"from": "2026-01-01", "to": "2026-01-31"}}
    return m


def referrals_on(day: str) -> list[dict[str, Any]]:
    return [
        {"body": "local-authority", "required": True, "decision": "referred", "date": day},
        {"body": "cqc", "required": True, "decision": "referred", "date": day},
    ]


def small_set(make_case: MakeCase) -> list[dict[str, Any]]:
    """Four cases whose figures the aggregate tests count by hand (see test_aggregate)."""
    done = {"completed": "2025-05-20", "evidence": "Tracker."}
    return [
        make_case(
            "LR-2025-001",
            status="closed",
            dates={"concern_received": "2025-02-03", "closed": "2025-12-01"},
            findings=[finding("F1", SUPERVISION)],
            actions=[action("A1", SUPERVISION, "verified", "2025-05-31", **done)],
            measures=[
                measure(
                    "M1",
                    "A1",
                    "higher",
                    30,
                    85,
                    verified_by="Quality lead",
                    evidence_category="processes",
                )
            ],
        ),
        make_case(
            "LR-2025-002",
            dates={"concern_received": "2025-08-10", "investigation_concluded": "2025-09-01"},
            referrals=referrals_on("2025-08-11"),
            abuse_categories=["psychological", "neglect"],
            outcomes={"allegation": "unsubstantiated"},
            findings=[finding("F1", SUPERVISION), finding("F2", COMMUNICATION)],
            actions=[
                action("A1", SUPERVISION, "in-progress", "2026-06-01"),
                action("A2", COMMUNICATION, "planned", "2026-07-01", owner_role="not stated"),
                action(
                    "A3",
                    COMMUNICATION,
                    "done",
                    "2026-01-31",
                    completed="2026-01-10",
                    evidence="Matrix.",
                ),
            ],
            measures=[
                measure("M1", "A1", "higher", 30, None),
                measure("M2", "A2", "lower", 5, 7),
            ],
        ),
        make_case(
            "LR-2026-001",
            service="riverside-lodge",
            setting="nursing-home",
            dates={"concern_received": "2026-01-20", "investigation_concluded": "2026-02-20"},
            referrals=referrals_on("2026-01-22"),
            abuse_categories=["physical"],
            warning_signals=[],
            findings=[finding("F1", SUPERVISION)],
            actions=[
                action(
                    "A1", SUPERVISION, "in-progress", "2026-12-31", owner_role="registered  Manager"
                ),
                action(
                    "A2", SUPERVISION, "cancelled", "2026-03-01", cancelled_reason="Merged into A1."
                ),
            ],
            measures=[],
        ),
        make_case(
            "LR-2026-002",
            dates={"concern_received": "2026-01-05", "investigation_concluded": "2026-02-05"},
            referrals=referrals_on("2026-01-05"),
            outcomes={"allegation": "inconclusive"},
            warning_signals=[
                {"date": "2025-12-01", "kind": "incident", "description": "Fall.", "acted_on": True}
            ],
            findings=[finding("F1", SUPERVISION), finding("F2", COMMUNICATION)],
            actions=[action("A1", COMMUNICATION, "in-progress", "2026-06-14")],
            measures=[measure("M1", "A1", "higher", 40, 60, evidence_category="processes")],
        ),
    ]


def render_pages(
    cases: list[dict[str, Any]], vocabularies: Vocabularies, as_of: date = AS_OF
) -> dict[str, GeneratedFile]:
    """Render synthetic cases; the result keyed by path."""
    files = render_site([to_case(d) for d in cases], vocabularies, as_of)
    return {f.path: f for f in files}


LINK = re.compile(r"\]\(([^)\s]*)\)")


def links_of(markdown: str) -> list[str]:
    """Targets of Markdown links and images."""
    return LINK.findall(markdown)


def broken_links(site: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(page, link) for every link whose page is not generated, or whose '#part' names no
    heading on that page (headings slugged as MkDocs' table of contents does)."""
    from markdown.extensions.toc import slugify

    broken = []
    for path, generated in site.items():
        if not path.endswith(".md"):
            continue
        for link_target in links_of(generated.content):
            target, _, fragment = link_target.partition("#")
            if "://" in target or link_target.startswith("/"):
                broken.append((path, link_target))
                continue
            resolved = (
                posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
                if target
                else path
            )
            if resolved not in site:
                broken.append((path, link_target))
            elif fragment:
                headings = re.findall(r"^#+ (.+)$", site[resolved].content, re.M)
                if fragment not in {slugify(h, "-") for h in headings}:
                    broken.append((path, link_target))
    return broken
