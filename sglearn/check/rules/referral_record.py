"""Each referral decision is a complete record.

For every outside body the review records whether telling it was required, what was
decided, and when. A referral that was made needs its date; a decision not to refer needs
the rationale; a required referral that was not made, or was marked not applicable, needs
the rationale too. Each body is recorded once, so there is one answer to "was the DBS
told?".

Passes:

    referrals:
      - body: pipot
        required: true
        decision: referred
        date: 2026-03-09
      - body: dbs
        required: false
        decision: not-referred
        rationale: Not removed from regulated activity; the referral threshold was not met.

Fails:

    referrals:
      - body: pipot
        required: true
        decision: referred
      - body: dbs
        required: true
        decision: not-referred
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem

ID = "referrals/decision"
LEVEL = Level.ERROR

_RULE = sys.modules[__name__]

_RATIONALE_HINT = (
    "Add 'rationale:' to this entry saying why, for example that the threshold was not met. "
    "Describe the reasoning, not the person."
)


def check(context: CaseContext) -> Iterator[Problem]:
    first_index: dict[str, int] = {}
    for index, referral in enumerate(context.data["referrals"]):
        body = str(referral["body"])
        label = context.body_label(body)
        decision = referral["decision"]
        required = referral["required"] is True
        explained = "rationale" in referral
        if decision == "referred" and "date" not in referral:
            yield context.problem(
                _RULE,
                ("referrals", index, "decision"),
                f"the {label} referral is marked referred but has no date",
                "Add 'date: YYYY-MM-DD', the day the referral or notification was made.",
            )
        elif decision == "not-referred" and not explained:
            message = (
                f"a {label} referral was required but was not made, and no rationale says why"
                if required
                else f"the decision not to refer to {label} has no rationale"
            )
            yield context.problem(_RULE, ("referrals", index, "decision"), message, _RATIONALE_HINT)
        elif decision == "not-applicable" and required and not explained:
            yield context.problem(
                _RULE,
                ("referrals", index, "required"),
                f"the {label} referral is marked required but also not applicable, and no "
                "rationale says why",
                "If the referral was not required, change 'required' to false. Otherwise add "
                "'rationale:' explaining why a required referral was not made.",
            )
        if body in first_index:
            first_line, _ = context.document.locate(("referrals", first_index[body], "body"))
            yield context.problem(
                _RULE,
                ("referrals", index, "body"),
                f"{label} is recorded twice in referrals (first on line {first_line})",
                "Keep one entry per body and merge the two. If the body was contacted twice, "
                "keep the first date and mention the second contact in the rationale.",
            )
        else:
            first_index[body] = index
