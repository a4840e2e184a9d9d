"""JSON Schema's equality (``const``, ``enum``, ``uniqueItems``): true is not 1, false is not 0.

Vendored from jsonschema 4.26 (``jsonschema/_utils.py``: ``equal``, ``uniq`` and their
helpers), which keeps them private; copying them keeps :mod:`sglearn.read.fastschema`'s
verdicts identical to jsonschema's without importing a private module that may change in
any release. jsonschema is Copyright (c) 2013 Julian Berman, under the MIT licence (the same
as sglearn's): https://github.com/python-jsonschema/jsonschema/blob/main/COPYING
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

_TRUE, _FALSE = object(), object()


def unbool(element: Any) -> Any:
    """Make True and 1, False and 0 distinct, as JSON has them."""
    if element is True:
        return _TRUE
    if element is False:
        return _FALSE
    return element


def equal(one: Any, two: Any) -> bool:
    """Equal in JSON's sense: no bool/int confusion, recursing into lists and mappings."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(equal(i, j) for i, j in zip(one, two, strict=True))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(
            key in two and equal(value, two[key]) for key, value in one.items()
        )
    return bool(unbool(one) == unbool(two))


def uniq(container: Iterable[Any]) -> bool:
    """True when no two elements are equal; sorts when it can, else compares every pair."""
    items = list(container)
    try:
        ordered = sorted(unbool(i) for i in items)
        pairs = zip(ordered, itertools.islice(ordered, 1, None), strict=False)
        return not any(equal(i, j) for i, j in pairs)
    except (NotImplementedError, TypeError):
        seen: list[Any] = []
        for element in items:
            element = unbool(element)
            if any(equal(i, element) for i in seen):
                return False
            seen.append(element)
        return True
