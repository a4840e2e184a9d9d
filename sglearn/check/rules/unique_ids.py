"""No two review files share an id.

The id is how the site, the action tracker and governance minutes refer to a review, so
it must belong to one file only. This rule compares every file checked in the same run and
reports each later file (in alphabetical order of path) that repeats an id, naming the
file that used it first. (In the examples, each heading is a file.)

Passes:

    cases/LR-2030-104.yaml:
      id: LR-2030-104
    cases/LR-2030-105.yaml:
      id: LR-2030-105

Fails:

    cases/LR-2030-104.yaml:
      id: LR-2030-104
    cases/archive/LR-2030-104.yaml:
      id: LR-2030-104
"""

from __future__ import annotations

from collections.abc import Iterator

from sglearn.check.rules.context import CaseSummary
from sglearn.read.problems import Level, Problem

ID = "ids/unique"
LEVEL = Level.ERROR


def check(cases: list[CaseSummary]) -> Iterator[Problem]:
    first: dict[str, CaseSummary] = {}
    for case in sorted(cases, key=lambda c: c.path):
        if not case.id:
            continue
        earlier = first.setdefault(case.id, case)
        if earlier is case:
            continue
        yield Problem(
            case.path,
            case.id_line,
            case.id_column,
            ID,
            f"the id '{case.id}' is already used by {earlier.path}",
            "Each review needs its own id. If this file is a copy, delete it; otherwise give "
            "it the next unused number and rename the file to match.",
            LEVEL,
        )
