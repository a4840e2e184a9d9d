"""A published free-text field does not state the employment outcome.

The employment outcome (a warning, dismissal, redeployment, leaving during the
investigation) is internal: with a role and a service named on the page, it tells readers
one person's disciplinary outcome. The case records it in ``outcomes.employment``, which the
site never publishes; a rationale, summary or finding must not repeat it.

How it is detected: when the case records an employment outcome other than ``no-action``
or ``not-yet-known``, every free-text value outside ``outcomes``, ``staff_role`` and
``privacy_reviewed`` is searched (whole words, any capitals) for the wording of any
employment outcome: "written/final/verbal warning", "dismissed", "dismissal", "sacked",
"resigned", "left during the investigation", "disciplinary action/sanction/outcome",
"management advice", "redeployed", "demoted", "contract ended/terminated", "moved to
another house/home/service/team". What it misses: the outcome said another way ("was let
go", "no longer works here", "moved to nights"), in another language, or implied by a date
("since leaving in March"); read rationales in the pull request as well.

Passes:

    outcomes: {employment: final-warning}
    referrals:
      - {body: dbs, required: false, decision: not-referred,
         rationale: "Not removed from regulated activity, so the duty to refer did not arise."}

Fails:

    outcomes: {employment: final-warning}
    referrals:
      - {body: dbs, required: false, decision: not-referred,
         rationale: "Final warning, retraining and a move to another house."}
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem

ID = "outcomes/employment-in-text"
LEVEL = Level.ERROR

_RULE = sys.modules[__name__]
_NOT_AN_OUTCOME = frozenset({"no-action", "not-yet-known", "not-known"})
_INTERNAL = frozenset({"outcomes", "staff_role", "staff_involved", "privacy_reviewed"})
_WORDING = re.compile(
    r"(?<![A-Za-z])(?:"
    r"(?:written|final|first|verbal|formal)\s+warnings?"
    r"|dismiss(?:ed|al)|sacked|resign(?:ed|ation)"
    r"|left\s+(?:during|before\s+the\s+end\s+of)\s+the\s+investigation"
    r"|disciplinary\s+(?:action|sanction|outcome|hearing)"
    r"|management\s+advice|redeploy(?:ed|ment)|demot(?:ed|ion)"
    r"|contract\s+(?:ended|terminated|was\s+ended|was\s+terminated)"
    r"|(?:a\s+)?move(?:d)?\s+to\s+another\s+(?:house|home|service|team|site|unit)"
    r")(?![A-Za-z])",
    re.IGNORECASE,
)


def check(context: CaseContext) -> Iterator[Problem]:
    if not any(o not in _NOT_AN_OUTCOME for o in _recorded_outcomes(context.data)):
        return
    for where, text in _free_text(context.data, ()):
        match = _WORDING.search(text)
        if match:
            yield context.problem(
                _RULE,
                where,
                f'this text states an employment outcome ("{match.group()}"); the '
                "employment outcome is internal and this field is published",
                'Say what the decision rests on without the outcome, e.g. "Not removed '
                'from regulated activity, so the duty to refer did not arise." The outcome '
                "stays in staff_involved (outcomes.employment in version 1 files), which the "
                "site never shows.",
            )


def _recorded_outcomes(data: dict[str, Any]) -> list[str]:
    """Version 1 keeps one outcome in outcomes.employment; version 2 one per staff group."""
    found: list[str] = []
    outcomes = data.get("outcomes")
    if isinstance(outcomes, dict) and isinstance(outcomes.get("employment"), str):
        found.append(outcomes["employment"])
    for group in data.get("staff_involved") or ():
        if isinstance(group, dict) and isinstance(group.get("employment_outcome"), str):
            found.append(group["employment_outcome"])
    return found


def _free_text(
    value: Any, where: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        if " " in value.strip():
            yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if not where and key in _INTERNAL:
                continue
            yield from _free_text(item, (*where, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _free_text(item, (*where, index))
