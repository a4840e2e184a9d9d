"""The validator, the site, the downloads and the report name the same verdict for every item.

Over the sample cases in cases/ and a corpus with planted edge cases (required false,
rationale recorded, bank holiday, weekend, late, missing, pending past its deadline, done
but verified), every warning ``sglearn validate`` gives about a date or a state, and every
verdict the site's pages, the downloads and ``sglearn report`` show, is the engine's.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from copy import deepcopy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from sglearn.check.validation import Report, validate
from sglearn.read.project import Project
from sglearn.review.model import Case
from sglearn.review.verdicts import (
    action_state,
    measure_result,
    referral_timeliness,
    status_behind,
    within_last_year,
)
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.meeting_report import build_meeting_report
from sglearn.site.render import GeneratedFile, labels, render_site

REPO = Path(__file__).resolve().parents[2]
VALID = REPO / "tests" / "data" / "rules" / "valid"
AS_OF = date(2026, 12, 2)
REFERRAL_RULES = {"referrals/lado-late", "referrals/notification-late"}
BADGE = re.compile(r'sg-badge--\w+">([^<]+)</span>')


def _referral(data: dict[str, Any], body: str) -> dict[str, Any]:
    return next(r for r in data["referrals"] if r["body"] == body)


def _children(number: int) -> dict[str, Any]:
    """The valid children's case (concern Thursday 2 April 2026, before Easter)."""
    data = yaml.safe_load((VALID / "LR-2026-102.yaml").read_text(encoding="utf-8"))
    data["id"] = f"LR-2026-{number}"
    return data


def _adults(number: int) -> dict[str, Any]:
    """The valid adults' case (concern Friday 6 March 2026)."""
    data = yaml.safe_load((VALID / "LR-2026-101.yaml").read_text(encoding="utf-8"))
    data["id"] = f"LR-2026-{number}"
    return data


def planted() -> list[dict[str, Any]]:
    cases = []
    bank_holiday = _children(301)  # LADO told on Tuesday 7 April: Good Friday, Easter Monday
    cases.append(bank_holiday)
    late = _children(302)
    _referral(late, "lado")["date"] = date(2026, 4, 9)  # three working days
    cases.append(late)
    explained = _children(303)
    _referral(explained, "lado").update(date=date(2026, 4, 9), rationale="Voicemail missed.")
    explained["status"] = "monitoring-effectiveness"  # open, so the report lists it
    del explained["dates"]["closed"]
    cases.append(explained)
    not_required = _children(304)
    _referral(not_required, "lado").update(required=False, date=date(2026, 4, 20))
    cases.append(not_required)
    weekend = _children(305)
    weekend["dates"]["concern_received"] = date(2026, 3, 6)  # Friday
    _referral(weekend, "lado")["date"] = date(2026, 3, 9)  # Monday: one working day
    _referral(weekend, "ofsted")["date"] = date(2026, 3, 7)
    cases.append(weekend)
    missing = _children(306)
    lado = _referral(missing, "lado")
    lado.update(decision="not-referred", rationale="Thought to be below the threshold.")
    del lado["date"]
    cases.append(missing)
    pending = _adults(307)
    cqc = _referral(pending, "cqc")
    cqc["decision"] = "pending"
    del cqc["date"]
    cases.append(pending)
    adults_late = _adults(308)
    _referral(adults_late, "pipot")["date"] = date(2026, 3, 12)
    _referral(adults_late, "cqc")["date"] = date(2026, 3, 10)
    cases.append(adults_late)
    behind = _children(309)
    for action in behind["actions"]:
        if action["status"] == "verified":
            action["status"] = "done"  # its measure verifies it: the status lags behind
    cases.append(behind)
    recent = _adults(310)  # received in the last twelve months, late and open
    recent["dates"]["concern_received"] = date(2026, 3, 6)
    _referral(recent, "pipot")["date"] = date(2026, 3, 13)
    cases.append(deepcopy(recent))
    return cases


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Report:
    root = tmp_path_factory.mktemp("agreement")
    shutil.copytree(REPO / "schemas", root / "schemas")
    shutil.copytree(REPO / "cases", root / "cases")
    for data in planted():
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        (root / "cases" / f"{data['id']}.yaml").write_text(text, encoding="utf-8")
    return validate(Project(root), AS_OF)


@pytest.fixture(scope="module")
def vocab(checked: Report) -> Vocabularies:
    assert checked.vocabularies is not None
    return checked.vocabularies


@pytest.fixture(scope="module")
def cases(checked: Report) -> list[Case]:
    return [Case.from_data(d.data, d.path) for d in checked.documents]


@pytest.fixture(scope="module")
def site(checked: Report, vocab: Vocabularies) -> dict[str, GeneratedFile]:
    return {f.path: f for f in render_site(checked.documents, vocab, AS_OF)}


def test_agreement_the_corpus_is_valid_and_plants_every_edge_case(
    checked: Report, cases: list[Case], vocab: Vocabularies
) -> None:
    assert checked.errors == 0, [p for p in checked.problems if p.is_error]
    states = {referral_timeliness(c, r, vocab, AS_OF).state for c in cases for r in c.referrals}
    assert {"on-time", "late", "not-required", "not-made", "overdue"} <= states
    explained_late = [
        (c.id, r.body)
        for c in cases
        for r in c.referrals
        if referral_timeliness(c, r, vocab, AS_OF).state == "late" and r.rationale
    ]
    assert ("LR-2026-303", "lado") in explained_late


def test_agreement_validator_warnings_are_the_engines_verdicts(
    checked: Report, vocab: Vocabularies
) -> None:
    found = {
        (p.path, p.line, p.column, p.rule)
        for p in checked.problems
        if p.rule in REFERRAL_RULES | {"actions/overdue", "actions/not-marked-verified"}
    }
    expected = set()
    for document in checked.documents:
        case = Case.from_data(document.data, document.path)
        for index, referral in enumerate(case.referrals):
            verdict = referral_timeliness(case, referral, vocab, AS_OF)
            if verdict.needs_warning:
                rule = (
                    "referrals/lado-late"
                    if verdict.unit == "working days"
                    else "referrals/notification-late"
                )
                line, column = document.locate(("referrals", index, "date"))
                expected.add((document.path, line, column, rule))
        days = vocab.settings.due_soon_days
        for index, action in enumerate(case.actions):
            if action_state(case, action, AS_OF, days) == "overdue":
                line, column = document.locate(("actions", index, "due"))
                expected.add((document.path, line, column, "actions/overdue"))
            if status_behind(case, action):
                line, column = document.locate(("actions", index, "status"))
                expected.add((document.path, line, column, "actions/not-marked-verified"))
    assert found == expected
    paths = {path for path, *_ in found}
    assert "cases/LR-2026-302.yaml" in paths  # late
    assert "cases/LR-2026-303.yaml" not in paths  # late, but the rationale answers it
    assert "cases/LR-2026-304.yaml" not in paths  # not required, whatever its date
    assert "cases/LR-2026-309.yaml" in paths  # done, but a measure verifies it


def _table(page: str, heading: str) -> list[list[str]]:
    """The body rows of the first table after ``heading``, split into cells."""
    section = page.split(heading, 1)[1]
    rows = []
    for line in section.splitlines()[1:]:
        if line.startswith("## "):
            break
        if line.startswith("| ") and not line.startswith("| ---"):
            rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows[1:]  # without the header


def _badge(cell: str) -> str:
    found = BADGE.search(cell)
    assert found, cell
    return found.group(1)


def test_agreement_case_pages_show_the_engines_verdicts(
    cases: list[Case], site: dict[str, GeneratedFile], vocab: Vocabularies
) -> None:
    days = vocab.settings.due_soon_days
    for case in cases:
        if case.held:
            continue
        page = site[f"cases/{case.id}.md"].content
        referrals = _table(page, "## Referrals and notifications")
        shown = [_badge(row[4]) for row in referrals]
        assert shown == [
            labels.words(referral_timeliness(case, r, vocab, AS_OF).state) for r in case.referrals
        ], case.id
        for row, referral in zip(referrals, case.referrals, strict=True):
            if referral.rationale:
                # a late one is shown with its reason
                assert referral.rationale.split()[0] in row[5], case.id
        actions = [_badge(row[6]) for row in _table(page, "## Actions")]
        assert actions == [
            labels.ACTION_STATE[action_state(case, a, AS_OF, days)] for a in case.actions
        ], case.id
        if case.measures:
            results = [_badge(row[4]) for row in _table(page, "## Measures of effectiveness")]
            assert results == [labels.words(measure_result(m)) for m in case.measures], case.id


def test_agreement_downloads_show_the_engines_verdicts(
    cases: list[Case], site: dict[str, GeneratedFile], vocab: Vocabularies
) -> None:
    published = {c.id: c for c in cases if not c.held}
    days = vocab.settings.due_soon_days
    actions = csv.DictReader(io.StringIO(site["downloads/actions.csv"].content))
    for row in actions:
        case = published[row["case_id"]]
        action = case.action(row["action_id"])
        assert action is not None
        assert row["state_as_of"] == action_state(case, action, AS_OF, days)
    measures = csv.DictReader(io.StringIO(site["downloads/measures.csv"].content))
    for row in measures:
        measure = next(m for m in published[row["case_id"]].measures if m.id == row["measure_id"])
        assert row["result"] == measure_result(measure)


def test_agreement_report_lists_the_engines_gaps(cases: list[Case], vocab: Vocabularies) -> None:
    report = build_meeting_report(cases, vocab, AS_OF)
    listed = sorted(
        (line.case, line.body, line.state, line.rationale) for line in report.late_referrals
    )
    words = {
        "late": "made late",
        "overdue": "pending, past its deadline",
        "not-made": "required, not made",
    }
    expected = sorted(
        (c.id, vocab.referral_bodies[r.body].label, words[t.state], r.rationale or "")
        for c in cases
        if c.is_open
        for r in c.referrals
        if (t := referral_timeliness(c, r, vocab, AS_OF)).is_gap
    )
    assert listed == expected
    assert any(line.case == "LR-2026-303" and line.rationale for line in report.late_referrals)
    days = vocab.settings.due_soon_days
    assert sorted((a.case, a.action) for a in report.overdue) == sorted(
        (c.id, a.id)
        for c in cases
        for a in c.actions
        if action_state(c, a, AS_OF, days) == "overdue"
    )


def test_agreement_dashboard_count_matches_the_inspectors_list(
    cases: list[Case], site: dict[str, GeneratedFile], vocab: Vocabularies
) -> None:
    dashboard = site["index.md"].content
    row = next(line for line in dashboard.splitlines() if "late, missing or overdue" in line)
    assert "received in the last twelve months" in row
    count = int(row.split(" | ")[1])
    inspectors = site["inspectors.md"].content
    listed = _table(inspectors, "### Late, missing or overdue")
    assert count == len(listed)
    assert "received in the twelve months to" in inspectors
    expected = sum(
        1
        for c in cases
        if not c.held and within_last_year(c.dates.concern_received, AS_OF)
        for r in c.referrals
        if referral_timeliness(c, r, vocab, AS_OF).is_gap
    )
    assert count == expected > 0


# What only the verdict engine (sglearn/review/) may write: the clocks' keys, weekday
# counting, the holiday calendars, the test for a checked follow-up, the better direction.
SECOND_IMPLEMENTATION = re.compile(
    r"\"(working_days|days_after_conclusion|hours)\"|\.weekday\(\)|import holidays"
    r"|verified_by is (not )?None|follow_up is not None|better == |\.due [<>]"
)


def test_agreement_no_judgement_is_made_outside_the_engine() -> None:
    found = []
    for path in sorted((REPO / "sglearn").rglob("*")):
        if path.suffix not in (".py", ".j2") or "review" in path.relative_to(REPO).parts[1:2]:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SECOND_IMPLEMENTATION.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert found == [], "judge dates and states with sglearn.review.verdicts:\n" + "\n".join(found)
