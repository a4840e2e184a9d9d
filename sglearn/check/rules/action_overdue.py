"""Actions still planned or in progress are not past their due date.

An action whose due date has passed while it is still planned or in progress is overdue.
The governance meeting needs to see it: either the action is done (update the status, the
completed date and the evidence) or a new due date is agreed. This is a warning, counted
from today (or the --as-of date when one is given).

Passes:

    actions:
      - id: A3
        due: 2027-01-31
        status: in-progress

Fails:

    actions:
      - id: A3
        due: 2026-10-31
        status: in-progress
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem
from sglearn.review.verdicts import action_state, days_overdue

ID = "actions/overdue"
LEVEL = Level.WARNING

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    case = context.case
    if case is None:
        return
    days = context.vocabularies.settings.due_soon_days
    for index, action in enumerate(case.actions):
        if action_state(case, action, context.as_of, days) != "overdue":
            continue
        late = days_overdue(action, context.as_of) or 0
        due = action.due.iso() if action.due is not None else ""
        yield context.problem(
            _RULE,
            ("actions", index, "due"),
            f"action {action.id} was due on {due} and is still {action.status}: "
            f"{late} day{'' if late == 1 else 's'} overdue as of {context.as_of}",
            "If it is finished, set the status to done and add completed and evidence. If not, "
            "agree a new due date at the governance meeting and record it here.",
        )
