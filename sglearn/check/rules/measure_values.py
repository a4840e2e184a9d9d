"""Each measure's figures mean what a commissioner will read: finite, exact, in range.

A figure must be a finite number no larger than a thousand million million (10^15, the
largest size a published whole number keeps exactly); a percentage lies between 0 and 100;
and a figure that counts something (anything but a change, difference or score) is not
negative. A value beyond these is almost always a typing slip, and would be published
rounded or as nonsense.

Passes:

    measures:
      - id: M1
        unit: "%"
        baseline:
          value: 33

Fails:

    measures:
      - id: M1
        unit: "%"
        baseline:
          value: 330
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from typing import Any

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem

ID = "measures/value-range"
LEVEL = Level.ERROR

MAX_MAGNITUDE = 10**15
"""Above this a figure is not a count of anything in a care service (and floats lose digits)."""
_SIGNED_WORDS = ("change", "difference", "score", "net ", "balance")

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    for index, measure in enumerate(context.data.get("measures") or []):
        if not isinstance(measure, dict):
            continue
        unit = str(measure.get("unit", "")).strip()
        wording = f"{measure.get('measure', '')} {unit}".lower()
        signed = any(word in wording for word in _SIGNED_WORDS)
        for part in ("baseline", "follow_up"):
            figure = measure.get(part)
            if not isinstance(figure, dict) or "value" not in figure:
                continue
            where = ("measures", index, part, "value")
            why = _wrong(figure["value"], unit, signed)
            if why:
                name = measure.get("id", f"#{index + 1}")
                yield context.problem(
                    _RULE,
                    where,
                    f"measure {name}: the {part.replace('_', '-')} value {why}",
                    "Check the figure and its unit; give the number as it was counted.",
                )


def _wrong(value: Any, unit: str, signed: bool) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None  # the schema reports a value that is not a number
    if isinstance(value, float) and not math.isfinite(value):
        return "is not a finite number"
    if abs(value) > MAX_MAGNITUDE:
        return f"is larger than {MAX_MAGNITUDE:,}, which no measure of a service reaches"
    if unit == "%" and not 0 <= value <= 100:
        return f"is {value}%, outside 0 to 100"
    if value < 0 and not signed:
        return f"is {value}, but a figure that counts something cannot be negative"
    return None
