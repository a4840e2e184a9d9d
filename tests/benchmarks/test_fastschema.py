"""The compiled yes/no schema check agrees with jsonschema on valid and broken cases."""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from typing import Any

from sglearn.bench.corpus import AS_OF, write_corpus
from sglearn.check.validator import Validator
from sglearn.read.fastschema import compile_schema
from sglearn.read.loading import Document, load_file
from sglearn.read.project import Project
from sglearn.review.vocabulary import load_vocabularies

_VALUES: list[Any] = [
    None, True, False, 0, 1, 1.5, -3, "", "x", "2026-13-45", "2026-02-30", "LR-2026-001",
    "F1", "A9", [], {}, ["a", "a"], [1], {"a": 1}, "yes", "maple-court", "england",
]  # fmt: skip


def _places(value: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield where
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _places(child, (*where, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _places(child, (*where, index))


def _mutate(rng: random.Random, data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    where = rng.choice(list(_places(data))[1:])
    parent: Any = data
    for step in where[:-1]:
        parent = parent[step]
    last, roll = where[-1], rng.random()
    if roll < 0.3 and isinstance(parent, dict):
        del parent[last]
    elif roll < 0.4 and isinstance(parent, dict):
        parent[f"{last}_extra"] = 1
    elif roll < 0.5 and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    else:
        parent[last] = rng.choice(_VALUES)
    return data


def test_fastschema_agrees_with_jsonschema(tmp_project: Project) -> None:
    validator = Validator(tmp_project, load_vocabularies(tmp_project), AS_OF)
    fast = compile_schema(validator.checker.schema)
    assert fast is not None
    reference = validator.checker._validator
    documents = [load_file(f, f.name) for f in write_corpus(tmp_project, 40)]
    cases = [d.data for d in documents if isinstance(d, Document)]
    rng = random.Random(6)
    invalid = 0
    for _ in range(3000):
        data = rng.choice(cases)
        for _ in range(rng.randint(0, 2)):
            data = _mutate(rng, data)
        expected = reference.is_valid(data)
        assert fast(data) is expected, data
        invalid += not expected
    assert invalid > 1000  # the mutations really do break cases


def test_fastschema_declines_keywords_it_does_not_know() -> None:
    assert compile_schema({"type": "object", "patternProperties": {"^x": {}}}) is None
    assert compile_schema({"$ref": "https://example.org/other.json"}) is None
    check = compile_schema({"type": "integer", "enum": [1, 2]})
    assert check is not None
    assert check(1) and check(2.0) and not check(True) and not check(3)


def test_fastschema_combinators_follow_their_meaning() -> None:
    either = compile_schema({"anyOf": [{"type": "string"}, {"type": "null"}]})
    both = compile_schema({"allOf": [{"type": "string"}, {"minLength": 2}]})
    one = compile_schema({"oneOf": [{"type": "number"}, {"type": "integer"}]})
    assert either and both and one
    assert either("x") and either(None) and not either(1)
    assert both("ab") and not both("a")
    assert one(1.5) and not one(1)
