"""The file name matches the review's id.

Each learning review lives in a file named after its id (``LR-2030-104.yaml`` holds
``id: LR-2030-104``), so that links, the published site and the governance agenda all find
the same review. The usual cause of a mismatch is a file copied from another review and
not renamed, or renamed with the old id left inside.

Passes:

    # in the file cases/LR-2030-104.yaml
    id: LR-2030-104

Fails:

    # in the file cases/LR-2030-105.yaml
    id: LR-2030-104
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import PurePosixPath

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem

ID = "ids/file-name"
LEVEL = Level.ERROR

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    case_id = str(context.data["id"])
    name = PurePosixPath(context.document.path).name
    if name.removesuffix(".yaml") != case_id:
        yield context.problem(
            _RULE,
            ("id",),
            f"the file is named '{name}' but the id inside it is '{case_id}'",
            f"Rename the file to {case_id}.yaml, or correct the id if the file name is "
            "the right one.",
        )
