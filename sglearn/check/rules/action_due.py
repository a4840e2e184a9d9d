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

ID = "actions/due-before-review"
LEVEL = Level.ERROR

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    held = context.date_at(("dates", "learning_review_held"))
    if held is None:
        return
    for index, action in enumerate(context.data["actions"]):
        due = context.date_at(("actions", index, "due"))
        if due is None or due > held:
            continue
        when = "the same day as" if due == held else "before"
        yield context.problem(
            _RULE,
            ("actions", index, "due"),
            f"action {action['id']} is due on {due}, {when} the learning review was held ({held})",
            f"Set the due date to when the action should be finished, after {held}. Check the "
            "year and the month.",
        )
