"""A yes/no schema check compiled to closures, run before jsonschema's full error search.

Profiling 1,000 cases showed about 60% of ``sglearn validate`` in ``jsonschema``'s
``iter_errors``: it re-evolves a validator and resolves ``$ref`` for every value of every
valid file, only to find nothing. Nearly every file in a repository is valid, so asking
"is it valid?" with a checker compiled once for this schema, and running jsonschema only when
the answer is no, gives the same problems (jsonschema still explains every invalid file) at a
fraction of the cost.

Only the keywords the case schema uses are compiled; :func:`compile_schema` returns ``None``
for a schema with any other keyword, and the caller then keeps using jsonschema alone. Each
keyword's meaning follows jsonschema's own implementation (Draft 2020-12): the test
``tests/benchmarks/test_fastschema.py`` checks the verdicts agree on valid and broken cases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from sglearn.read.json_equality import equal, uniq
from sglearn.read.record_date import format_checker

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset(
    {"$schema", "$id", "title", "description", "examples", "$comment", "default", "$defs"}
)
_SUPPORTED = _ANNOTATIONS | {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "pattern",
    "format",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "$ref",
    "oneOf",
    "anyOf",
    "allOf",
    "not",
    "if",
    "then",
    "else",
    "minimum",
    "maximum",
}


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not know: use jsonschema alone."""


def compile_schema(schema: Mapping[str, Any]) -> Check | None:
    """A function telling whether an instance is valid, or None if the schema is out of reach."""
    try:
        return _Compiler(schema).compile(schema)
    except Unsupported:
        return None


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": _is_integer,
}


class _Compiler:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}
        self.formats = format_checker()

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda _v: True
        if schema is False:
            return lambda _v: False
        if not isinstance(schema, Mapping):
            raise Unsupported(repr(schema))
        unknown = set(schema) - _SUPPORTED
        if unknown:
            raise Unsupported(", ".join(sorted(unknown)))
        checks: list[Check] = []
        if "$ref" in schema:
            checks.append(self._ref(schema["$ref"]))
        if "type" in schema:
            names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            tests = [_TYPES[name] for name in names]
            checks.append(lambda v: any(test(v) for test in tests))
        if "enum" in schema:
            checks.append(_enum(schema["enum"]))
        if "const" in schema:
            const = schema["const"]
            checks.append(lambda v: equal(v, const))
        checks += self._strings(schema)
        checks += self._arrays(schema)
        checks += self._objects(schema)
        if "allOf" in schema:
            every = [self.compile(s) for s in schema["allOf"]]
            checks.append(lambda v: all(part(v) for part in every))
        if "anyOf" in schema:
            some = [self.compile(s) for s in schema["anyOf"]]
            checks.append(lambda v: any(part(v) for part in some))
        if "oneOf" in schema:
            options = [self.compile(s) for s in schema["oneOf"]]
            checks.append(lambda v: sum(1 for o in options if o(v)) == 1)
        if "not" in schema:
            negated = self.compile(schema["not"])
            checks.append(lambda v: not negated(v))
        if "if" in schema:
            condition = self.compile(schema["if"])
            then = self.compile(schema.get("then", True))
            otherwise = self.compile(schema.get("else", True))
            checks.append(lambda v: then(v) if condition(v) else otherwise(v))
        if "minimum" in schema:
            low = schema["minimum"]
            checks.append(lambda v: not _TYPES["number"](v) or v >= low)
        if "maximum" in schema:
            high = schema["maximum"]
            checks.append(lambda v: not _TYPES["number"](v) or v <= high)
        if not checks:
            return lambda _v: True
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(check(v) for check in checks)

    def _ref(self, ref: str) -> Check:
        if not ref.startswith("#/$defs/") or "/" in ref.removeprefix("#/$defs/"):
            raise Unsupported(ref)
        if ref not in self.refs:
            target = self.root["$defs"][ref.removeprefix("#/$defs/")]
            self.refs[ref] = lambda _v: True  # placeholder for recursive schemas
            compiled = self.compile(target)
            self.refs[ref] = compiled
        slot = self.refs
        return lambda v: slot[ref](v)

    def _strings(self, schema: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "pattern" in schema:
            search = re.compile(schema["pattern"]).search
            checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
        if "format" in schema:
            conforms, name = self.formats.conforms, schema["format"]
            checks.append(lambda v: conforms(v, name))
        if "minLength" in schema:
            low = schema["minLength"]
            checks.append(lambda v: not isinstance(v, str) or len(v) >= low)
        if "maxLength" in schema:
            high = schema["maxLength"]
            checks.append(lambda v: not isinstance(v, str) or len(v) <= high)
        return checks

    def _arrays(self, schema: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "items" in schema:
            item = self.compile(schema["items"])
            checks.append(lambda v: not isinstance(v, list) or all(item(i) for i in v))
        if "minItems" in schema:
            low = schema["minItems"]
            checks.append(lambda v: not isinstance(v, list) or len(v) >= low)
        if "maxItems" in schema:
            high = schema["maxItems"]
            checks.append(lambda v: not isinstance(v, list) or len(v) <= high)
        if schema.get("uniqueItems"):
            checks.append(lambda v: not isinstance(v, list) or uniq(v))
        return checks

    def _objects(self, schema: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "required" in schema:
            required = tuple(schema["required"])
            checks.append(lambda v: not isinstance(v, dict) or all(k in v for k in required))
        properties = {k: self.compile(s) for k, s in schema.get("properties", {}).items()}
        if properties:
            items = tuple(properties.items())

            def props(v: Any) -> bool:
                if not isinstance(v, dict):
                    return True
                return all(check(v[k]) for k, check in items if k in v)

            checks.append(props)
        if "additionalProperties" in schema:
            extra = schema["additionalProperties"]
            known = frozenset(properties)
            if extra is False:
                checks.append(lambda v: not isinstance(v, dict) or known.issuperset(v))
            else:
                other = self.compile(extra)
                checks.append(
                    lambda v: (
                        not isinstance(v, dict)
                        or all(other(x) for k, x in v.items() if k not in known)
                    )
                )
        return checks


def _enum(values: list[Any]) -> Check:
    if all(isinstance(x, str) for x in values):
        allowed = frozenset(values)
        return lambda v: isinstance(v, str) and v in allowed
    return lambda v: any(equal(x, v) for x in values)
