"""A finished action says when it was completed and where the proof is.

An action marked done or verified needs the day it was completed (``completed``) and where
the evidence is kept (``evidence``, for example the training matrix), so that a
commissioner or inspector can check it. It cannot have been completed before the concern
that led to it was received.

Passes:

    actions:
      - id: A1
        status: done
        completed: 2026-07-24
        evidence: Training matrix, July 2026.

Fails:

    actions:
      - id: A1
        status: done
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem

ID = "actions/completion"
LEVEL = Level.ERROR

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    received = context.date_at(("dates", "concern_received"))
    for index, action in enumerate(context.data["actions"]):
        action_id, status = action["id"], action["status"]
        if status in ("done", "verified"):
            if "completed" not in action:
                yield context.problem(
                    _RULE,
                    ("actions", index, "status"),
                    f"action {action_id} is marked {status} but has no completed date",
                    "Add 'completed: YYYY-MM-DD', the day the action was finished, or change "
                    "the status back to in-progress.",
                )
            if "evidence" not in action:
                yield context.problem(
                    _RULE,
                    ("actions", index, "status"),
                    f"action {action_id} is marked {status} but does not say where the evidence is",
                    "Add 'evidence:' saying where the proof is kept, for example 'Training "
                    "matrix shows 34 of 36 staff completed'.",
                )
        completed = context.date_at(("actions", index, "completed"))
        if completed is not None and received is not None and completed < received:
            yield context.problem(
                _RULE,
                ("actions", index, "completed"),
                f"action {action_id} is recorded as completed on {completed}, before the "
                f"concern was received ({received})",
                "Check the completed date, especially the year: an action taken because of this "
                "concern is completed after it was received.",
            )
