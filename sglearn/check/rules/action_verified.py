"""An action whose effect a measure already verifies is marked verified, not done.

An action is finished when its effect is verified: a measure of it has a follow-up figure
and ``verified_by``, the role of the person who checked the figures. Once that is so, its
status should say so. The site and the downloads already show such an action as verified
effective; this warning asks the lead to bring the case file in step.

Passes:

    actions:
      - {id: A1, status: verified}
    measures:
      - id: M1
        action: A1
        follow_up: {value: 1, period: {from: 2026-07-01, to: 2026-09-30}}
        verified_by: Quality lead

Fails:

    actions:
      - {id: A1, status: done}
    measures:
      - id: M1
        action: A1
        follow_up: {value: 1, period: {from: 2026-07-01, to: 2026-09-30}}
        verified_by: Quality lead
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem
from sglearn.review.verdicts import status_behind, verifying_measure

ID = "actions/not-marked-verified"
LEVEL = Level.WARNING

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    case = context.case
    if case is None:
        return
    for index, action in enumerate(case.actions):
        if not status_behind(case, action):
            continue
        measure = verifying_measure(case, action)
        assert measure is not None
        yield context.problem(
            _RULE,
            ("actions", index, "status"),
            f"action {action.id} is marked done, but measure {measure.id} already verifies "
            "its effect",
            "Set the status to verified: the follow-up figure has been checked. The site shows "
            "the action as verified effective already.",
        )
