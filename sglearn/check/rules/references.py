"""Actions point at findings, and measures at actions, that exist in the review.

An action says which findings it responds to (``findings: [F1]``) and a measure says which
action it tests (``action: A1``). Pointing at an id the review does not have breaks the
chain from finding to action to evidence that commissioners and inspectors follow.

Passes:

    findings:
      - id: F1
    actions:
      - id: A1
        findings: [F1]
    measures:
      - id: M1
        action: A1

Fails:

    findings:
      - id: F1
    actions:
      - id: A1
        findings: [F2]
    measures:
      - id: M1
        action: A3
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem

ID = "ids/reference"
LEVEL = Level.ERROR

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    data = context.data
    findings = [str(finding["id"]) for finding in data["findings"]]
    actions = [str(action["id"]) for action in data["actions"]]
    for index, action in enumerate(data["actions"]):
        for position, finding in enumerate(action.get("findings") or []):
            if finding not in findings:
                yield context.problem(
                    _RULE,
                    ("actions", index, "findings", position),
                    f"action {action['id']} points at finding {finding}, but this review has "
                    f"no finding {finding}",
                    f"The findings in this review are {', '.join(findings)}: use one of them, "
                    f"or add finding {finding} under findings.",
                )
    for index, measure in enumerate(data.get("measures") or []):
        target = str(measure["action"])
        if target not in actions:
            yield context.problem(
                _RULE,
                ("measures", index, "action"),
                f"measure {measure['id']} is for action {target}, but this review has no "
                f"action {target}",
                f"The actions in this review are {', '.join(actions)}: use the one this "
                "measure tests.",
            )
