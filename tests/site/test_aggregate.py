"""Aggregation with exact, hand-counted figures on a small synthetic case set.

The set, as of Monday 15 June 2026 (due soon = within 30 days):

- LR-2025-001, Maple Court, received 2025-02-03, supervision; A1 verified on 2025-05-20,
  measured and improved.
- LR-2025-002, Maple Court, received 2025-08-10, supervision and communication; A1 overdue,
  A2 due soon with no owner stated, A3 done with no measure.
- LR-2026-001, Riverside Lodge, received 2026-01-20, supervision; A1 open, A2 cancelled.
- LR-2026-002, Maple Court, received 2026-01-05, supervision and communication; A1 overdue
  (due the day before the as-of date).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sglearn.review.model import Case
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.aggregate import (
    Casebook,
    build_casebook,
    find_recurrences,
    referral_timeliness,
    suppress,
)
from tests.site.builders import (
    COMMUNICATION,
    SUPERVISION,
    MakeCase,
    action,
    small_set,
    to_case,
    with_settings,
)

AS_OF = date(2026, 6, 15)


@pytest.fixture
def book(make_case: MakeCase, vocabularies: Vocabularies) -> Casebook:
    return build_casebook([to_case(d) for d in small_set(make_case)], vocabularies, AS_OF)


def test_aggregate_synthetic_set_passes_the_schema(make_case: MakeCase, schema_check: Any) -> None:
    for data in small_set(make_case):
        assert schema_check(data) == [], data["id"]


def _ids(cases: tuple[Case, ...]) -> list[str]:
    return [c.id for c in cases]


def test_aggregate_counts_cases_per_theme_service_quarter(book: Casebook) -> None:
    assert {k: len(v) for k, v in book.by_theme.items()} == {COMMUNICATION: 2, SUPERVISION: 4}
    assert {k: len(v) for k, v in book.by_service.items()} == {
        "maple-court": 3,
        "riverside-lodge": 1,
    }
    assert {k: len(v) for k, v in book.by_quarter.items()} == {
        "2025 Q1": 1,
        "2025 Q3": 1,
        "2026 Q1": 2,
    }
    # newest first within a group
    assert _ids(book.by_service["maple-court"]) == ["LR-2026-002", "LR-2025-002", "LR-2025-001"]


def test_aggregate_counts_abuse_categories_and_outcomes(book: Casebook) -> None:
    assert {k: len(v) for k, v in book.by_abuse_category.items()} == {
        "neglect": 3,
        "physical": 1,
        "psychological": 1,
    }
    assert {k: len(v) for k, v in book.by_outcome.items()} == {
        ("england", "adults", "inconclusive"): 1,
        ("england", "adults", "substantiated"): 2,
        ("england", "adults", "unsubstantiated"): 1,
    }


def test_aggregate_themes_this_year_and_per_quarter(book: Casebook) -> None:
    assert dict(book.themes_this_year) == {SUPERVISION: 2, COMMUNICATION: 1}
    assert dict(book.theme_quarters[SUPERVISION]) == {"2025 Q1": 1, "2025 Q3": 1, "2026 Q1": 2}
    assert dict(book.service_themes["maple-court"]) == {COMMUNICATION: 2, SUPERVISION: 3}
    assert book.trend_quarters == ("2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4", "2026 Q1", "2026 Q2")


def test_aggregate_action_tracker_states_on_the_as_of_date(book: Casebook) -> None:
    assert dict(book.action_states) == {
        "overdue": 2,
        "due-soon": 1,
        "planned": 0,
        "in-progress": 1,
        "due-not-exact": 0,
        "no-due-date": 0,
        "not-known": 0,
        "done": 1,
        "verified": 1,
        "cancelled": 1,
    }
    order = [(t.case.id, t.action.id, t.state) for t in book.actions]
    assert order == [
        ("LR-2025-002", "A1", "overdue"),
        ("LR-2026-002", "A1", "overdue"),
        ("LR-2025-002", "A2", "due-soon"),
        ("LR-2026-001", "A1", "in-progress"),
        ("LR-2025-002", "A3", "done"),
        ("LR-2025-001", "A1", "verified"),
        ("LR-2026-001", "A2", "cancelled"),
    ]


def test_aggregate_actions_grouped_by_owner_with_not_stated_last(book: Casebook) -> None:
    groups = {k: len(v) for k, v in book.actions_by_owner.items()}
    assert groups == {"Registered manager": 6, "Not stated": 1}
    assert list(groups) == ["Registered manager", "Not stated"]
    assert {k: len(v) for k, v in book.actions_by_theme.items()} == {
        COMMUNICATION: 3,
        SUPERVISION: 4,
    }


def test_aggregate_measures_improved_not_improved_unverified_not_yet_measured(
    book: Casebook,
) -> None:
    # A follow-up figure nobody checked (no verified_by) is unverified, never improved.
    assert dict(book.measure_results) == {
        "improved": 1,
        "not-improved": 0,
        "unverified": 2,
        "not-yet-measured": 1,
    }
    assert [(r.case.id, r.measure.id) for r in book.verified_improvements] == [
        ("LR-2025-001", "M1")
    ]


def test_aggregate_recurrence_flags_learning_not_yet_embedded(book: Casebook) -> None:
    flags = [
        (r.case.id, r.theme, r.service, r.last[1].id, r.last[2].id, r.last[0], r.completed_before)
        for r in book.recurrences
    ]
    assert flags == [
        # supervision came back at Maple Court after LR-2025-001 A1 was verified on 20 May 2025
        ("LR-2025-002", SUPERVISION, "maple-court", "LR-2025-001", "A1", date(2025, 5, 20), 1),
        ("LR-2026-002", SUPERVISION, "maple-court", "LR-2025-001", "A1", date(2025, 5, 20), 1),
    ]
    # Not flagged: communication in LR-2026-002 was received (5 Jan 2026) before LR-2025-002 A3
    # was done (10 Jan 2026); supervision at Riverside Lodge is another service.


def test_aggregate_recurrence_names_the_latest_completed_action(make_case: MakeCase) -> None:
    def done(case_id: str, completed: str) -> dict[str, Any]:
        finished = action(
            "A1", SUPERVISION, "done", "2026-12-31", completed=completed, evidence="x"
        )
        return make_case(case_id, actions=[finished], measures=[])

    later = make_case("LR-2026-005", dates={"concern_received": "2026-03-01"})
    earlier = [
        done("LR-2025-001", "2025-06-01"),
        done("LR-2025-002", "2025-09-01"),
        done("LR-2026-001", "2026-03-01"),  # the day it was received: not before
    ]
    flags = find_recurrences([to_case(d) for d in [*earlier, later]])
    latest = [(f.last[1].id, f.completed_before) for f in flags if f.case.id == "LR-2026-005"]
    # later's own A1 (verified 2025-05-20) is not counted: a case cannot recur on itself
    assert latest == [("LR-2025-002", 2)]


def test_aggregate_recurrence_needs_a_completed_action(make_case: MakeCase) -> None:
    earlier = make_case(
        "LR-2025-001",
        actions=[action("A1", SUPERVISION, "cancelled", "2025-05-31", cancelled_reason="No.")],
        measures=[],
    )
    later = make_case("LR-2026-001", dates={"concern_received": "2026-01-05"})
    assert find_recurrences([to_case(earlier), to_case(later)]) == ()


def test_aggregate_gaps_are_listed(book: Casebook) -> None:
    gaps = book.gaps
    assert [(t.case.id, t.action.id) for t in gaps.owner_not_stated] == [("LR-2025-002", "A2")]
    assert [(r.case.id, r.measure.id) for r in gaps.no_follow_up] == [("LR-2025-002", "M1")]
    assert [(t.case.id, t.action.id) for t in gaps.completed_without_measure] == [
        ("LR-2025-002", "A3")
    ]
    assert [(c.id, s.kind) for c, s in gaps.signals_not_acted_on] == [
        ("LR-2025-001", "complaint"),
        ("LR-2025-002", "complaint"),
    ]
    assert gaps.no_governance == ()


def test_aggregate_learning_by_channel_newest_first(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    a = make_case(
        "LR-2025-001",
        learning_reached=[
            {"channel": "training-programme", "date": "2025-04-01", "description": "Module."},
            {"channel": "supervision", "date": "2025-05-01", "description": "Template."},
        ],
    )
    b = make_case(
        "LR-2025-002",
        learning_reached=[
            {"channel": "training-programme", "date": "2025-06-01", "description": "New."}
        ],
    )
    book = build_casebook([to_case(a), to_case(b)], vocabularies, AS_OF)
    training = book.learning_by_channel["training-programme"]
    assert [([c.id for c in e.cases], e.date.exact) for e in training] == [
        (["LR-2025-002"], date(2025, 6, 1)),
        (["LR-2025-001"], date(2025, 4, 1)),
    ]
    assert list(book.learning_by_channel) == ["supervision", "training-programme"]


def test_aggregate_one_change_driven_by_several_reviews_is_one_entry(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    change = {"channel": "policy", "date": "2025-06-01", "description": "Rota policy rewritten."}
    a = make_case("LR-2025-002", learning_reached=[change])
    b = make_case(
        "LR-2025-001", learning_reached=[{**change, "description": "Rota  policy rewritten."}]
    )
    entries = build_casebook([to_case(a), to_case(b)], vocabularies, AS_OF).learning_by_channel[
        "policy"
    ]
    assert [[c.id for c in e.cases] for e in entries] == [["LR-2025-001", "LR-2025-002"]]


def test_aggregate_governance_meetings_group_the_cases_they_reviewed(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    meeting = {"meeting": "safeguarding-governance", "date": "2025-09-16", "decision": "Agreed."}
    a = make_case("LR-2025-001", governance=[meeting])
    b = make_case("LR-2025-002", governance=[{**meeting, "decision": "Closed."}])
    sessions = build_casebook([to_case(b), to_case(a)], vocabularies, AS_OF).governance
    assert len(sessions) == 1
    assert [(c.id, d) for c, d in sessions[0].reviewed] == [
        ("LR-2025-001", "Agreed."),
        ("LR-2025-002", "Closed."),
    ]


@pytest.mark.parametrize(
    ("referral", "received", "state", "taken"),
    [
        # Friday to Monday is one working day
        ({"body": "lado", "date": "2026-03-09"}, "2026-03-06", "on-time", 1),
        ({"body": "lado", "date": "2026-03-11"}, "2026-03-06", "late", 3),
        # Good Friday and Easter Monday 2026 are bank holidays in settings.yaml
        ({"body": "lado", "date": "2026-04-07"}, "2026-04-02", "on-time", 1),
        ({"body": "pipot", "date": "2026-03-10"}, "2026-03-06", "late", 2),
        # CQC: 24 hours, counted as one whole day
        ({"body": "cqc", "date": "2026-03-07"}, "2026-03-06", "on-time", 1),
        ({"body": "cqc", "date": "2026-03-09"}, "2026-03-06", "late", 3),
        # pending and required: overdue once the clock has run out on the as-of date
        ({"body": "lado", "decision": "pending"}, "2026-06-10", "overdue", 3),
        ({"body": "lado", "decision": "pending"}, "2026-06-12", "pending", 1),
        (
            {"body": "police", "decision": "not-referred", "rationale": "No."},
            "2026-03-06",
            "not-made",
            None,
        ),
        (
            {"body": "police", "required": False, "decision": "not-referred", "rationale": "No."},
            "2026-03-06",
            "not-required",
            None,
        ),
        (
            {"body": "regulator", "required": False, "decision": "not-applicable"},
            "2026-03-06",
            "not-applicable",
            None,
        ),
        # not required: "not required" whatever its decision and date, never late
        (
            {"body": "police", "required": False, "date": "2026-03-20"},
            "2026-03-06",
            "not-required",
            None,
        ),
    ],
)
def test_aggregate_referral_timeliness_uses_the_rules_clock(
    make_case: MakeCase,
    vocabularies: Vocabularies,
    referral: dict[str, Any],
    received: str,
    state: str,
    taken: int | None,
) -> None:
    entry = {"required": True, "decision": "referred", **referral}
    case = to_case(make_case(dates={"concern_received": received}, referrals=[entry]))
    result = referral_timeliness(case, case.referrals[0], vocabularies, AS_OF)
    assert (result.state, result.taken) == (state, taken)


def test_aggregate_dbs_clock_counts_from_the_investigation(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    entry = {"body": "dbs", "required": True, "decision": "referred", "date": "2025-04-10"}
    case = to_case(make_case(dates={"investigation_concluded": "2025-03-03"}, referrals=[entry]))
    result = referral_timeliness(case, case.referrals[0], vocabularies, AS_OF)
    assert (result.state, result.taken, result.allowed) == ("late", 38, 30)


def test_aggregate_lado_clock_follows_settings(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    entry = {"body": "lado", "required": True, "decision": "referred", "date": "2026-03-11"}
    case = to_case(make_case(dates={"concern_received": "2026-03-06"}, referrals=[entry]))
    relaxed = with_settings(vocabularies, lado_working_days=3)
    assert referral_timeliness(case, case.referrals[0], relaxed, AS_OF).state == "on-time"


@pytest.mark.parametrize(
    ("count", "threshold", "shown"),
    [
        (0, 5, 0),
        (1, 5, "fewer than 5"),
        (4, 5, "fewer than 5"),
        (5, 5, 5),
        (3, 0, 3),
        (3, 1, 3),
        (2, 3, "fewer than 3"),
    ],
)
def test_aggregate_suppress_small_counts(count: int, threshold: int, shown: int | str) -> None:
    assert suppress(count, threshold) == shown


def test_aggregate_is_independent_of_input_order(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    cases = [to_case(d) for d in small_set(make_case)]
    assert build_casebook(cases, vocabularies, AS_OF) == build_casebook(
        cases[::-1], vocabularies, AS_OF
    )
