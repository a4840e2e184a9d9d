"""Fields that a status depends on are filled in.

Some answers need another field to make sense:

- a closed review needs the date it closed (and only a closed review has one);
- once a review is past "open", the learning review has met, so it needs that date;
- a review held back from publication needs the reason, so the hold can be lifted later;
- a cancelled action needs the reason it was cancelled.

Passes:

    status: closed
    dates:
      learning_review_held: 2026-05-12
      closed: 2026-11-02
    publication:
      hold: true
      reason: Police investigation ongoing

Fails:

    status: actions-in-progress
    dates:
      concern_received: 2026-03-06
    publication:
      hold: true
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem

ID = "case/status-fields"
LEVEL = Level.ERROR

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    data = context.data
    status = str(data["status"])
    dates = data["dates"]
    if status == "closed" and "closed" not in dates:
        yield context.problem(
            _RULE,
            ("status",),
            "the review is marked closed but has no closed date",
            "Add 'closed: YYYY-MM-DD' under dates, or change the status if the review is not "
            "closed yet.",
        )
    if status != "closed" and "closed" in dates:
        yield context.problem(
            _RULE,
            ("dates", "closed"),
            f"the review has a closed date but its status is '{status}'",
            "Change the status to closed, or remove the closed date if the review is still "
            "going on.",
        )
    if status != "open" and "learning_review_held" not in dates:
        yield context.problem(
            _RULE,
            ("status",),
            f"the status is '{status}', but there is no date for when the learning review was held",
            "Add 'learning_review_held: YYYY-MM-DD' under dates, or set the status back to "
            "open if the review has not met yet.",
        )
    publication = data["publication"]
    if publication["hold"] is True and "reason" not in publication:
        yield context.problem(
            _RULE,
            ("publication", "hold"),
            "the review is held back from publication but no reason is given",
            "Add 'reason:' under publication, for example 'Police investigation ongoing', so "
            "the governance meeting knows when the hold can be lifted.",
        )
    for index, action in enumerate(data["actions"]):
        if action["status"] == "cancelled" and "cancelled_reason" not in action:
            yield context.problem(
                _RULE,
                ("actions", index, "status"),
                f"action {action['id']} is cancelled but no reason is given",
                "Add 'cancelled_reason:' to the action saying why it is no longer needed, or "
                "what replaced it.",
            )
