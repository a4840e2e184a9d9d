"""Behaviour of single rules that the fixture files do not pin down: wording, exemptions, guards."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sglearn.check.rules import (
    CaseContext,
    CaseSummary,
    action_overdue,
    bodies_considered,
    case_rules,
    date_order,
    lado_clock,
    notification_delay,
    referral_record,
    status_fields,
    unique_ids,
)
from sglearn.read.problems import Level, Problem

MakeContext = Callable[..., CaseContext]


def edited(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def run_all(context: CaseContext) -> list[Problem]:
    return [problem for rule in case_rules() for problem in rule.check(context)]


def test_rules_report_dates_not_on_the_calendar_and_do_not_crash(
    make_context: MakeContext, base_text: str
) -> None:
    # The schema refuses these first; the rules must still cope if one slips through.
    text = edited(
        base_text,
        ("concern_received: 2026-03-06", "concern_received: 2026-02-30"),
        ("    date: 2026-03-09\n", "    date: 2026-13-01\n"),
    )
    problems = run_all(make_context(text))
    assert [(p.rule, p.line, p.message) for p in problems] == [
        ("dates/order", 21, "2026-02-30 is not a date on the calendar"),
        ("dates/order", 32, "2026-13-01 is not a date on the calendar"),
    ]


def test_referral_dated_before_the_concern_is_reported(
    make_context: MakeContext, base_text: str
) -> None:
    text = edited(base_text, ("    date: 2026-03-09\n", "    date: 2026-03-02\n"))
    (problem,) = date_order.check(make_context(text))
    assert problem.message == (
        "the PiPoT lead referral is dated 2026-03-02, before the concern was received (2026-03-06)"
    )


def test_unique_ids_names_the_first_file_on_every_later_copy() -> None:
    cases = [
        CaseSummary("cases/b/LR-2026-001.yaml", "LR-2026-001", 2, 5),
        CaseSummary("cases/LR-2026-001.yaml", "LR-2026-001", 1, 5),
        CaseSummary("cases/LR-2026-002.yaml", "LR-2026-002", 1, 5),
        CaseSummary("cases/c/LR-2026-001.yaml", "LR-2026-001", 3, 5),
    ]
    problems = list(unique_ids.check(cases))
    assert [(p.path, p.line, p.column) for p in problems] == [
        ("cases/b/LR-2026-001.yaml", 2, 5),
        ("cases/c/LR-2026-001.yaml", 3, 5),
    ]
    assert all("already used by cases/LR-2026-001.yaml" in p.message for p in problems)


def test_overdue_action_says_how_late_and_as_of_when(
    make_context: MakeContext, base_text: str
) -> None:
    text = edited(base_text, ("    due: 2027-01-31\n", "    due: 2026-11-26\n"))
    (problem,) = action_overdue.check(make_context(text))
    assert problem.level is Level.WARNING
    assert problem.message == (
        "action A3 was due on 2026-11-26 and is still in-progress: 1 day overdue as of 2026-11-27"
    )


def test_action_due_on_the_as_of_date_is_not_overdue(
    make_context: MakeContext, base_text: str
) -> None:
    text = edited(base_text, ("    due: 2027-01-31\n", "    due: 2026-11-27\n"))
    assert list(action_overdue.check(make_context(text))) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "cqc",
            "the expectation is without delay, which sglearn checks as within 24 hours (1 day)",
        ),
        ("police", "the expectation is within 24 hours (1 day)"),
    ],
)
def test_notification_delay_explains_the_expectation(
    make_context: MakeContext, base_text: str, body: str, expected: str
) -> None:
    text = edited(
        base_text,
        ("  - body: police\n    required: false\n    decision: not-referred\n", "  - body: x\n"),
        ("    rationale: The PiPoT lead agreed that no crime was indicated.\n", ""),
        ("  - body: cqc\n", f"  - body: {body}\n"),
        ("    date: 2026-03-06\n", "    date: 2026-03-08\n"),
    ).replace("  - body: x\n", "")
    (problem,) = notification_delay.check(make_context(text))
    assert problem.message.endswith(expected)
    assert "2 days after the concern was received (2026-03-06 to 2026-03-08)" in problem.message


@pytest.mark.parametrize("rule", [lado_clock, notification_delay])
def test_a_recorded_reason_for_the_delay_stops_the_warning(
    make_context: MakeContext, base_text: str, rule: object
) -> None:
    late = edited(
        base_text,
        ("    date: 2026-03-09\n", "    date: 2026-03-13\n"),
        ("    date: 2026-03-06\n", "    date: 2026-03-13\n"),
    )
    assert len(list(rule.check(make_context(late)))) == 1  # type: ignore[attr-defined]
    explained = late.replace(
        "    date: 2026-03-13\n",
        "    date: 2026-03-13\n    rationale: The manager on call could not reach the duty team.\n",
    )
    assert list(rule.check(make_context(explained))) == []  # type: ignore[attr-defined]


def test_adults_case_may_record_local_authority_instead_of_pipot(
    make_context: MakeContext, base_text: str
) -> None:
    text = edited(base_text, ("  - body: pipot\n", "  - body: local-authority\n"))
    assert list(bodies_considered.check(make_context(text))) == []


def test_low_level_concern_need_not_list_every_body(
    make_context: MakeContext, base_text: str
) -> None:
    dbs = (
        "  - body: dbs\n    required: false\n    decision: not-referred\n    rationale: The "
        "worker was not removed from regulated activity, so the referral duty did not arise.\n"
    )
    missing = edited(base_text, (dbs, ""))
    assert len(list(bodies_considered.check(make_context(missing)))) == 1
    low_level = edited(missing, ("case_type: allegation", "case_type: low-level-concern"))
    assert list(bodies_considered.check(make_context(low_level))) == []


def test_a_closed_date_needs_the_closed_status(make_context: MakeContext, base_text: str) -> None:
    text = edited(
        base_text,
        (
            "  learning_review_held: 2026-05-12\n",
            "  learning_review_held: 2026-05-12\n  closed: 2026-11-02\n",
        ),
    )
    (problem,) = status_fields.check(make_context(text))
    assert problem.line == 24
    assert (
        problem.message
        == "the review has a closed date but its status is 'monitoring-effectiveness'"
    )


def test_required_referral_marked_not_applicable_needs_a_rationale(
    make_context: MakeContext, base_text: str
) -> None:
    text = edited(
        base_text,
        (
            "    required: false\n    decision: not-applicable\n",
            "    required: true\n    decision: not-applicable\n",
        ),
    )
    (problem,) = referral_record.check(make_context(text))
    assert (problem.line, problem.column) == (48, 15)
    assert "marked required but also not applicable" in problem.message
