"""Finding, action and measure ids are not repeated within a review.

Actions point at findings (F1, F2 ...) and measures point at actions (A1, A2 ...) by
their ids. If two findings, two actions or two measures share an id, nobody can tell which
one is meant, and the site would join the wrong things together.

Passes:

    findings:
      - id: F1
      - id: F2

Fails:

    findings:
      - id: F1
      - id: F1
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem

ID = "ids/local-unique"
LEVEL = Level.ERROR

_RULE = sys.modules[__name__]

# section, what one entry is called, its id letter, what else depends on the id
_SECTIONS = (
    ("findings", "finding", "F", "then check the findings listed under each action"),
    ("actions", "action", "A", "then check which action each measure points at"),
    ("measures", "measure", "M", "the numbers only need to be different"),
)


def check(context: CaseContext) -> Iterator[Problem]:
    for section, word, letter, follow_up in _SECTIONS:
        first_index: dict[str, int] = {}
        for index, item in enumerate(context.data.get(section) or []):
            local_id = str(item["id"])
            if local_id not in first_index:
                first_index[local_id] = index
                continue
            first_line, _ = context.document.locate((section, first_index[local_id], "id"))
            yield context.problem(
                _RULE,
                (section, index, "id"),
                f"the {word} id '{local_id}' is used twice in this review "
                f"(first on line {first_line})",
                f"Give each {word} its own id ({letter}1, {letter}2 and so on); {follow_up}.",
            )
