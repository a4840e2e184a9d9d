r"""No hidden or direction-changing characters anywhere in a case.

Bidirectional overrides (U+202A to U+202E, U+2066 to U+2069) make text display in a
different order from how it is stored, and zero-width characters (U+200B to U+200D, U+2060,
U+FEFF) are invisible: in an id or a title they make two reviews look alike, and in any text
they can hide words from a reviewer. They are refused everywhere; retyping the text removes
them.

Passes:

    title: Night shift supervision

Fails:

    title: "Night shift\u202esupervision"
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem

ID = "text/hidden-characters"
LEVEL = Level.ERROR

HIDDEN = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    yield from _walk(context, context.data, ())


def _walk(context: CaseContext, value: Any, where: tuple[str | int, ...]) -> Iterator[Problem]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(context, item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(context, item, (*where, index))
    elif isinstance(value, str):
        found = HIDDEN.search(value) or (
            re.search(r"\s$|^\s", value) if where in (("id",), ("title",)) else None
        )
        if found:
            what = (
                f"an invisible character (U+{ord(found.group()):04X})"
                if found.group().strip()
                else "space or a line break at its start or end"
            )
            yield context.problem(
                _RULE,
                where,
                f"the text at {'.'.join(str(s) for s in where)} holds {what}",
                "Delete and retype the text around it; it usually comes from pasted text.",
            )
