"""What an open review still owes as evidence that its actions worked.

An action is finished when its effect is verified, not when it is done: a done action needs
a measure with a follow-up figure that someone checked (``verified_by``). The dashboard's
"awaiting evidence" list and ``sglearn report`` both read this one list.
"""

from __future__ import annotations

from datetime import date

from sglearn.review.model import Case
from sglearn.review.verdicts import action_state, measure_result


def awaiting_evidence(case: Case, as_of: date) -> list[tuple[str, str]]:
    """(item, what it waits for) for each measure and action still short of evidence."""
    waiting: list[tuple[str, str]] = []
    for measure in sorted(case.measures, key=lambda m: int(m.id[1:])):
        result = measure_result(measure)
        if result == "not-yet-measured":
            reason = measure.no_follow_up_reason or "no reason given"
            waiting.append((f"{measure.id} ({measure.action})", f"follow-up figure: {reason}"))
        elif result == "unverified":
            waiting.append(
                (f"{measure.id} ({measure.action})", "follow-up figure not yet checked by anyone")
            )
    for action in sorted(case.actions, key=lambda a: int(a.id[1:])):
        if action_state(case, action, as_of, 0) != "done":
            continue  # open, cancelled, or its effect is verified
        if all(
            measure_result(m) == "not-yet-measured" for m in case.measures if m.action == action.id
        ):
            waiting.append((action.id, "done, but no measure with a follow-up figure"))
    return waiting
