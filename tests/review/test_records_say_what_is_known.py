"""A record that gives a month, a year or 'not known' never becomes a verdict anywhere.

The sample cases include a long-running group case (LR-2022-001), a children's home case
with recommendations to other bodies (LR-2025-007) and a case rebuilt from an incomplete
file (LR-2025-008). Over them, and over generated cases whose dates are made approximate,
the verdict engine, the case pages, the gaps page, the downloads, the dashboard and
``sglearn report`` must all treat an unknown the same way: as a gap, never as on time,
late or overdue.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sglearn.check.validation import Report, validate
from sglearn.read.project import Project
from sglearn.read.record_date import parse_record_date
from sglearn.review.model import Case
from sglearn.review.verdicts import (
    ACTION_GAPS,
    action_state,
    referral_timeliness,
)
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.meeting_report import build_meeting_report
from sglearn.site.render import GeneratedFile, render_site

REPO = Path(__file__).resolve().parents[2]
VALID = REPO / "tests" / "data" / "rules" / "valid"
AS_OF = date(2026, 11, 27)
VERDICTS_ON_TIME = {"on-time", "late", "overdue"}


@pytest.fixture(scope="module")
def checked() -> Report:
    return validate(Project(REPO), AS_OF)


@pytest.fixture(scope="module")
def vocab(checked: Report) -> Vocabularies:
    assert checked.vocabularies is not None
    return checked.vocabularies


@pytest.fixture(scope="module")
def cases(checked: Report) -> dict[str, Case]:
    return {d.data["id"]: Case.from_data(d.data, d.path) for d in checked.documents}


@pytest.fixture(scope="module")
def site(checked: Report, vocab: Vocabularies) -> dict[str, GeneratedFile]:
    return {f.path: f for f in render_site(checked.documents, vocab, AS_OF)}


def test_records_samples_need_every_construct_and_validate(
    checked: Report, cases: dict[str, Case]
) -> None:
    assert checked.errors == 0, [p for p in checked.problems if p.is_error]
    group, children, partial = cases["LR-2022-001"], cases["LR-2025-007"], cases["LR-2025-008"]
    assert group.dates.concern_received.precision == "month"
    assert group.dates.investigation_concluded.precision == "year"
    assert group.staff_count == 10 and len(group.staff_groups) == 2
    assert {e.result for e in group.outcome_events} >= {"charged", "convicted", "acquitted"}
    assert group.people_affected is not None and group.people_affected.harmed is None
    assert any(s.period is not None and s.approximate_count == 40 for s in group.warning_signals)
    assert group.other_services and group.review.kind == "safeguarding-adults-review"
    assert not group.measures and group.no_measure_reason
    assert {r.addressee_kind for r in children.recommendations} >= {"local-authority", "regulator"}
    assert any(r.made < children.dates.concern_received for r in children.recommendations)
    assert any(r.decision == "not-known" for r in partial.referrals)
    assert {a.status for a in partial.actions} >= {"not-known"}
    assert any(a.due is None for a in partial.actions)  # due: not-set
    assert partial.staff_count is None


def test_records_case_pages_show_dates_in_words_and_no_verdict_they_cannot_support(
    cases: dict[str, Case], site: dict[str, GeneratedFile]
) -> None:
    page = site["cases/LR-2022-001.md"].content
    assert "| Concern received | March 2019 |" in page
    assert "| Investigation concluded | 2021 |" in page
    assert "About 40, 2016 to February 2019" in page
    assert "the date the concern was received is given only as March 2019" in page
    for word in ("On time</span>", "Late</span>", "Overdue</span>"):
        assert word not in page
    unknowns = page.split("## What the record does not say", 1)[1].split("## ", 1)[0]
    assert "The date the concern was received is given only as March 2019" in unknowns
    assert "Action A2: no due date has been agreed." in unknowns
    assert "Action A3: its status is not known." in unknowns
    partial = site["cases/LR-2025-008.md"].content
    assert "No due date agreed</span>" in partial and "Status not known</span>" in partial
    assert "How many staff were involved is not known." in partial


def test_records_gaps_view_lists_every_unknown_the_engine_finds(
    cases: dict[str, Case], site: dict[str, GeneratedFile], vocab: Vocabularies
) -> None:
    gaps = site["gaps.md"].content
    days = vocab.settings.due_soon_days
    published = [c for c in cases.values() if not c.held]
    not_judged = [
        (c.id, r.body)
        for c in published
        for r in c.referrals
        if referral_timeliness(c, r, vocab, AS_OF).state == "not-judged"
    ]
    actions = [
        (c.id, a.id)
        for c in published
        for a in c.actions
        if action_state(c, a, AS_OF, days) in ACTION_GAPS
    ]
    assert not_judged and actions
    section = gaps.split("## Open actions with no exact due date", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"\]\(cases/(LR-[0-9-]+)\.md\) \(LR-[0-9-]+\) \| (A[0-9]+):", section)
    assert sorted(listed) == sorted(actions)
    row = next(line for line in gaps.splitlines() if line.startswith("| Referrals whose timel"))
    assert row.rstrip(" |").endswith(str(len(not_judged)))
    dashboard = site["index.md"].content
    assert "[Gaps in the records](gaps.md)" in dashboard


def test_records_downloads_and_report_treat_unknowns_as_gaps(
    cases: dict[str, Case], site: dict[str, GeneratedFile], vocab: Vocabularies
) -> None:
    rows = list(csv.DictReader(io.StringIO(site["downloads/actions.csv"].content)))
    by_id = {(r["case_id"], r["action_id"]): r for r in rows}
    assert by_id[("LR-2022-001", "A2")]["due"] == "not-set"
    assert by_id[("LR-2022-001", "A2")]["state_as_of"] == "no-due-date"
    assert by_id[("LR-2025-008", "A1")]["due"] == "2026-06"
    assert by_id[("LR-2025-008", "A1")]["state_as_of"] == "due-not-exact"
    assert not any(r["action_id"].startswith("R") for r in rows)  # recommendations stay out
    report = build_meeting_report(list(cases.values()), vocab, AS_OF)
    late = {(line.case, line.body) for line in report.late_referrals}
    overdue = {(line.case, line.action) for line in report.overdue}
    assert not any(case in {"LR-2022-001", "LR-2025-008"} for case, _ in late | overdue)
    gaps = {(g.case, g.item) for g in report.not_judged}
    assert ("LR-2025-008", "A1") in gaps and ("LR-2022-001", "A3") in gaps
    assert ("LR-2025-008", "Police") in gaps


def test_records_recommendations_have_their_own_view_not_the_tracker(
    site: dict[str, GeneratedFile],
) -> None:
    tracker = site["actions.md"].content
    view = site["recommendations.md"].content
    assert "Placing authorities ask every home" in view
    assert "Placing authorities ask every home" not in tracker
    assert "R3: Providers report holds by place and time" in view


def _valid_adults() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((VALID / "LR-2026-101.yaml").read_text(encoding="utf-8"))
    data["schema_version"] = 2
    data["staff_involved"] = [
        {"role": data.pop("staff_role"), "count": 1, "employment_outcome": "not-known"}
    ]
    data["outcomes"].pop("employment", None)
    return data


def _loosen(value: date, precision: str) -> str:
    return {
        "month": f"{value.year:04d}-{value.month:02d}",
        "year": f"{value.year:04d}",
        "not-known": "not-known",
    }[precision]


@settings(max_examples=60, deadline=None)
@given(
    field=st.sampled_from(["concern_received", "investigation_concluded", "referral", "due"]),
    precision=st.sampled_from(["month", "year", "not-known"]),
    as_of=st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
)
def test_records_an_approximate_date_never_yields_a_verdict_on_time(
    vocab: Vocabularies, field: str, precision: str, as_of: date
) -> None:
    data = _valid_adults()
    if field == "due":
        for action in data["actions"]:
            action["due"] = _loosen(parse_record_date(action["due"]).exact or as_of, precision)
    elif field == "referral":
        for referral in data["referrals"]:
            if "date" in referral:
                exact = parse_record_date(referral["date"]).exact
                referral["date"] = _loosen(exact or as_of, precision)
    else:
        exact = parse_record_date(data["dates"][field]).exact
        data["dates"][field] = _loosen(exact or as_of, precision)
    case = Case.from_data(data)
    days = vocab.settings.due_soon_days
    for action in case.actions:
        state = action_state(case, action, as_of, days)
        if field == "due" and action.is_open:
            assert state == "due-not-exact"
        assert not (state in {"overdue", "due-soon"} and field == "due")
    after_conclusion = "days after the investigation concluded"
    for referral in case.referrals:
        verdict = referral_timeliness(case, referral, vocab, as_of)
        if verdict.state not in VERDICTS_ON_TIME:
            continue
        # a verdict stands only on a clock whose start and end were both left exact
        assert verdict.start is not None
        if field == "referral":
            assert referral.decision == "pending"
        if field == "concern_received":
            assert verdict.unit == after_conclusion
        if field == "investigation_concluded":
            assert verdict.unit != after_conclusion
