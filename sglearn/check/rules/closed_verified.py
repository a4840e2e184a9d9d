"""A closed review, and a verified action, have measured and checked evidence that it worked.

An action is finished not when it is done but when its effect is verified. So an action
marked verified, and every action that is not cancelled in a review marked closed, needs a
measure pointing at it with a follow-up figure and ``verified_by`` (the role of the person
who checked the figures). Until then, keep the review at monitoring-effectiveness.

Passes:

    status: closed
    actions:
      - {id: A1, status: done}
    measures:
      - id: M1
        action: A1
        follow_up: {value: 1, period: {from: 2026-07-01, to: 2026-09-30}}
        verified_by: Quality lead

Fails:

    status: closed
    actions:
      - {id: A1, status: done}
    measures:
      - id: M1
        action: A1
        no_follow_up_reason: The next audit is in December.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem
from sglearn.review.verdicts import effect_verified

ID = "case/closed-unverified"
LEVEL = Level.ERROR

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    case = context.case
    if case is None:
        return
    closed = case.status == "closed"
    for index, action in enumerate(case.actions):
        action_id, status = action.id, action.status
        if status != "verified" and not (closed and status != "cancelled"):
            continue
        if effect_verified(case, action):
            continue
        if status == "verified":
            why = f"action {action_id} is marked verified"
            meanwhile = "or set the action back to done until its effect is measured"
        else:
            why = f"the review is closed, so action {action_id} needs verified evidence"
            meanwhile = "or keep the review at monitoring-effectiveness until then"
        tests = [(k, m) for k, m in enumerate(case.measures) if m.action == action_id]
        if not tests:
            yield context.problem(
                _RULE,
                ("actions", index, "status" if status == "verified" else "id"),
                f"{why}, but no measure points at it",
                f"Add a measure with 'action: {action_id}', its baseline and follow-up figures "
                f"and verified_by; {meanwhile}.",
            )
            continue
        k, measure = tests[0]
        missing = "follow-up figure" if measure.follow_up is None else "verified_by"
        yield context.problem(
            _RULE,
            ("measures", k, "id"),
            f"{why}, but its measure {measure.id} has no {missing}",
            "Add the follow-up figure (value and period) and verified_by, the role of the person "
            f"who checked the figures; {meanwhile}.",
        )
