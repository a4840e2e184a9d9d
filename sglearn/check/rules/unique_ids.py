"""No two review files share an id, however the number is padded.

The id is how the site, the action tracker and governance minutes refer to a review, so
it must belong to one file only. This rule compares every file checked in the same run and
reports each later file (in alphabetical order of path) that repeats an id, naming the
file that used it first. ``LR-2026-0004`` and ``LR-2026-004`` are the same id: a copy saved
under a padded twin would otherwise count the same review twice on every page. (In the
examples, each heading is a file.)

Passes:

    cases/LR-2030-104.yaml:
      id: LR-2030-104
    cases/LR-2030-105.yaml:
      id: LR-2030-105

Fails:

    cases/LR-2030-104.yaml:
      id: LR-2030-104
    cases/LR-2030-0104.yaml:
      id: LR-2030-0104
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sglearn.check.rules.context import CaseSummary
from sglearn.read.problems import Level, Problem

ID = "ids/unique"
LEVEL = Level.ERROR


_NUMBERED = re.compile(r"(LR-[0-9]{4}-)([0-9]+)")


def id_key(case_id: str) -> str:
    """The id with its number unpadded: LR-2026-0004 and LR-2026-004 are one review."""
    match = _NUMBERED.fullmatch(case_id)
    return f"{match.group(1)}{int(match.group(2))}" if match else case_id


def check(cases: list[CaseSummary]) -> Iterator[Problem]:
    first: dict[str, CaseSummary] = {}
    for case in sorted(cases, key=lambda c: c.path):
        if not case.id:
            continue
        earlier = first.setdefault(id_key(case.id), case)
        if earlier is case:
            continue
        same = "" if earlier.id == case.id else f" (as '{earlier.id}': the same number)"
        yield Problem(
            case.path,
            case.id_line,
            case.id_column,
            ID,
            f"the id '{case.id}' is already used by {earlier.path}{same}",
            "Each review needs its own id. If this file is a copy, delete it; otherwise give "
            "it the next unused number and rename the file to match.",
            LEVEL,
        )
