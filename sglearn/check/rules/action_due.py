"""Each action is due after the learning review that agreed it.

Actions come out of the learning review, so an action cannot be due on or before the day
the review met. A due date before the review is usually a typing slip in the year or the
month. Steps taken before the review (immediate safeguarding measures) belong in the
learning context, not in the action plan.

Passes:

    dates:
      learning_review_held: 2026-05-12
    actions:
      - id: A1
        due: 2026-07-31

Fails:

    dates:
      learning_review_held: 2026-05-12
    actions:
      - id: A1
        due: 2026-05-01
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem
from sglearn.review.verdicts import due_by_review

ID = "actions/due-before-review"
LEVEL = Level.ERROR

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    case = context.case
    if case is None or case.dates.learning_review_held is None:
        return
    held = case.dates.learning_review_held
    for index, action in enumerate(case.actions):
        if not due_by_review(case, action):
            continue
        due = action.due.iso() if action.due is not None else ""
        when = "the same day as" if action.due == held else "before"
        yield context.problem(
            _RULE,
            ("actions", index, "due"),
            f"action {action.id} is due on {due}, {when} the learning review was held "
            f"({held.iso()})",
            f"Set the due date to when the action should be finished, after {held.iso()}. "
            "Check the year and the month. A recommendation another body made before this "
            "review belongs under recommendations:, not actions:.",
        )
