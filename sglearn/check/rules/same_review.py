"""No review is saved twice under two ids.

A copy of a case file saved under a new id (a twin such as LR-2026-0004 beside LR-2026-004,
or the next free number) would count the same review twice in every figure the site and the
report show. This rule compares the content of every file checked in the same run, leaving
out only what a copy would change (id, title, status, version and publication hold), and
reports each later file (in path order) whose content is the same as an earlier one's. It
does not catch a copy that was edited further: two reviews that merely look alike are for
the reviewer of the pull request.

Passes:

    cases/LR-2030-104.yaml:
      id: LR-2030-104
      summary: Night staff were not trained in moving and handling.
    cases/LR-2030-105.yaml:
      id: LR-2030-105
      summary: Medicines were signed for before they were given.

Fails:

    cases/LR-2030-104.yaml:
      id: LR-2030-104
      summary: Night staff were not trained in moving and handling.
    cases/LR-2030-105.yaml:
      id: LR-2030-105
      summary: Night staff were not trained in moving and handling.
"""

from __future__ import annotations

from collections.abc import Iterator

from sglearn.check.rules.context import CaseSummary
from sglearn.check.rules.unique_ids import id_key
from sglearn.read.problems import Level, Problem

ID = "ids/same-review"
LEVEL = Level.ERROR


def check(cases: list[CaseSummary]) -> Iterator[Problem]:
    first: dict[str, CaseSummary] = {}
    for case in sorted(cases, key=lambda c: c.path):
        if not case.fingerprint:
            continue
        earlier = first.setdefault(case.fingerprint, case)
        if earlier is case or id_key(earlier.id) == id_key(case.id):
            continue  # the same id twice is ids/unique's to report
        yield Problem(
            case.path,
            case.id_line,
            case.id_column,
            ID,
            f"this review is the same as {earlier.path} ({earlier.id}) under another id",
            "If this file is a copy, delete it: the review would be counted twice. If it is "
            "a new review, write its own summary, findings and actions.",
            LEVEL,
        )
