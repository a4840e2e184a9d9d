"""Every field of the case schema, written wrongly or left out, gets a hint in plain words.

A valid case of each version is broken one field at a time (a list where a value belongs,
a word where a list belongs, an empty value, the field left out); every problem must have a
rule of its own (never jsonschema's words), a hint, and for a missing field, where to add it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from sglearn.check.case_schema import case_checker
from sglearn.read.loading import Document, load_bytes
from sglearn.read.project import Project
from sglearn.read.schema import SchemaChecker
from sglearn.review.vocabulary import load_vocabularies

DATA = Path(__file__).resolve().parent / "data"
CASES = [DATA / "rules" / "valid" / "LR-2026-101.yaml", DATA / "format" / "v1" / "LR-2026-001.yaml"]
V2 = sorted((Path(__file__).resolve().parent.parent / "cases").glob("*.yaml"))
KNOWN_RULES = {
    "schema/type",
    "schema/unknown-value",
    "schema/format",
    "schema/required",
    "schema/unknown-field",
    "schema/version",
    "schema/follow-up",
    "schema/one-of",
    "schema/empty",
    "schema/too-long",
    "schema/duplicate-item",
}


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> SchemaChecker:
    project = Project(tmp_path_factory.mktemp("no-schemas"))
    return case_checker(project, load_vocabularies(project))


def places(value: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if where:
        yield where
    if isinstance(value, dict):
        for key, item in value.items():
            yield from places(item, (*where, key))
    elif isinstance(value, list) and value:
        yield from places(value[0], (*where, 0))


def broken(data: dict[str, Any], where: tuple[Any, ...], bad: Any) -> Document:
    changed = copy.deepcopy(data)
    parent: Any = changed
    for step in where[:-1]:
        parent = parent[step]
    if bad is KeyError:
        del parent[where[-1]]
    else:
        parent[where[-1]] = bad
    loaded = load_bytes(yaml.safe_dump(changed, sort_keys=False).encode(), "cases/x.yaml")
    assert isinstance(loaded, Document)
    return loaded


SOURCES = [*CASES, *V2[:1]]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_field_broken_or_left_out_gets_a_plain_hint(
    checker: SchemaChecker, source: Path
) -> None:
    loaded = load_bytes(source.read_bytes(), "cases/x.yaml")
    assert isinstance(loaded, Document)
    seen = 0
    for where in places(loaded.data):
        wrong: list[Any] = [{"x": 1}, "zzz", ""]
        if isinstance(where[-1], str):
            wrong.append(KeyError)
        for bad in wrong:
            for problem in checker.check(broken(loaded.data, where, bad)):
                seen += 1
                assert problem.rule in KNOWN_RULES, problem
                assert problem.hint.endswith((".", "?")) or "Example: " in problem.hint, problem
                assert "None" not in problem.message + problem.hint, problem
                if problem.rule == "schema/required":
                    assert problem.hint.startswith("Add '"), problem
    assert seen > 100


def test_a_mapping_where_true_or_false_belongs_is_explained_not_a_crash(
    checker: SchemaChecker,
) -> None:
    loaded = load_bytes((CASES[0]).read_bytes(), "cases/x.yaml")
    assert isinstance(loaded, Document)
    (problem,) = checker.check(broken(loaded.data, ("publication", "hold"), {"a": 1}))
    assert problem.message == "'hold' must be true or false, not a set of 'field: value' lines"
    assert date(2026, 1, 1)  # the as-of date plays no part in the schema
