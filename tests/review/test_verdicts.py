"""The verdict engine: action state, measure result and referral timeliness, edge cases settled."""

from __future__ import annotations

from datetime import date

import pytest

from sglearn.review.model import Case
from sglearn.review.verdicts import (
    action_state,
    effect_verified,
    measure_result,
    referral_timeliness,
    status_behind,
)
from sglearn.review.vocabulary import Vocabularies
from tests.site.builders import MakeCase, to_case

AS_OF = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("better", "baseline", "follow_up", "result"),
    [
        ("higher", 30, 85, "improved"),
        ("higher", 30, 30, "not-improved"),
        ("higher", 30, 20, "not-improved"),
        ("lower", 5, 1, "improved"),
        ("lower", 5, 5, "not-improved"),
        ("lower", 5, 9, "not-improved"),
    ],
)
def test_verdicts_measure_result_follows_the_better_direction(
    make_case: MakeCase, better: str, baseline: int, follow_up: int, result: str
) -> None:
    data = make_case()
    measure = data["measures"][0]
    measure.update(better=better, verified_by="Quality lead")
    measure["baseline"]["value"] = baseline
    measure["follow_up"]["value"] = follow_up
    assert measure_result(to_case(data).measures[0]) == result


def test_verdicts_measure_without_follow_up_is_not_yet_measured(make_case: MakeCase) -> None:
    data = make_case()
    del data["measures"][0]["follow_up"]
    data["measures"][0]["no_follow_up_reason"] = "Next audit in July."
    assert measure_result(to_case(data).measures[0]) == "not-yet-measured"


def test_verdicts_follow_up_nobody_checked_is_unverified_never_improved(
    make_case: MakeCase,
) -> None:
    data = make_case()
    measure = data["measures"][0]
    measure.pop("verified_by", None)
    measure.update(better="lower")
    measure["baseline"]["value"], measure["follow_up"]["value"] = 9, 1
    case = to_case(data)
    assert measure_result(case.measures[0]) == "unverified"
    assert not effect_verified(case, case.actions[0])


@pytest.mark.parametrize(
    ("status", "due", "state"),
    [
        ("in-progress", "2026-06-14", "overdue"),  # the day before as-of
        ("planned", "2026-06-15", "due-soon"),  # due on the as-of date
        ("in-progress", "2026-07-15", "due-soon"),  # as-of + 30 days
        ("in-progress", "2026-07-16", "in-progress"),  # as-of + 31 days
        ("planned", "2026-07-16", "planned"),
        ("cancelled", "2026-01-01", "cancelled"),
    ],
)
def test_verdicts_action_overdue_and_due_soon_on_the_as_of_date(
    make_case: MakeCase, status: str, due: str, state: str
) -> None:
    data = make_case()
    data["actions"][0].update(status=status, due=due)
    case = to_case(data)
    assert action_state(case, case.actions[0], AS_OF, 30) == state


@pytest.mark.parametrize(
    ("status", "verified_by", "state", "behind"),
    [
        ("done", None, "done", False),
        ("done", "Quality lead", "verified", True),  # the status lags behind the evidence
        ("verified", "Quality lead", "verified", False),
        ("verified", None, "done", False),  # says verified, but nobody checked the figure
    ],
)
def test_verdicts_effect_verified_comes_from_the_measure_not_the_status(
    make_case: MakeCase, status: str, verified_by: str | None, state: str, behind: bool
) -> None:
    data = make_case()
    data["actions"][0].update(status=status, due="2026-01-01", completed="2025-12-20")
    data["measures"][0].pop("verified_by", None)
    if verified_by:
        data["measures"][0]["verified_by"] = verified_by
    case = to_case(data)
    action = case.actions[0]
    assert action_state(case, action, AS_OF, 30) == state
    assert status_behind(case, action) is behind


def _referral_case(make_case: MakeCase, **referral: object) -> Case:
    data = make_case()
    data["dates"]["concern_received"] = "2026-03-06"  # a Friday
    data["referrals"] = [{"body": "pipot", "required": True, "decision": "referred", **referral}]
    return to_case(data)


@pytest.mark.parametrize(
    ("referral", "state", "explained"),
    [
        ({"date": "2026-03-09"}, "on-time", False),  # Friday to Monday: one working day
        ({"date": "2026-03-11"}, "late", False),
        ({"date": "2026-03-11", "rationale": "Voicemail missed."}, "late", True),
        ({"date": "2026-03-20", "required": False}, "not-required", False),
        ({"decision": "pending", "required": False}, "not-required", False),
        ({"decision": "pending"}, "overdue", False),
        ({"decision": "not-referred", "rationale": "Threshold."}, "not-made", True),
        ({"decision": "not-applicable", "required": False}, "not-applicable", False),
        ({}, "made-undated", False),
    ],
)
def test_verdicts_referral_edge_cases_are_settled_once(
    make_case: MakeCase,
    vocabularies: Vocabularies,
    referral: dict[str, object],
    state: str,
    explained: bool,
) -> None:
    case = _referral_case(make_case, **referral)
    verdict = referral_timeliness(case, case.referrals[0], vocabularies, AS_OF)
    assert verdict.state == state
    assert verdict.explained is explained
    assert verdict.needs_warning is (state == "late" and not explained)
