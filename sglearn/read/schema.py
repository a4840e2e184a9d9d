"""Check a loaded document against a JSON Schema and say what is wrong in a lead's words."""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry
from referencing.exceptions import NoSuchResource

from sglearn.read.fastschema import compile_schema
from sglearn.read.problems import Problem
from sglearn.read.record_date import RECORD_DATE_FORMAT, format_checker

if TYPE_CHECKING:
    from sglearn.read.loading import Document

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (lines starting with '- ')",
    "object": "a set of 'field: value' lines",
    "null": "empty",
}
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO"}


def _no_remote(uri: str) -> Any:
    """Schemas are local files; sglearn never fetches a reference from the network."""
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs class


class SchemaChecker:
    """One compiled validator, reused for every file."""

    def __init__(
        self, schema: dict[str, Any], enums: Mapping[str, list[str]] | None = None
    ) -> None:
        if enums:
            schema = copy.deepcopy(schema)
            for name, values in enums.items():
                schema["$defs"][name]["enum"] = values
        self.schema = schema
        self._validator = Draft202012Validator(
            schema,
            format_checker=format_checker(),
            registry=Registry(retrieve=_no_remote),  # type: ignore[call-arg]
        )
        # Almost every file is valid: a compiled yes/no check answers first, and jsonschema
        # runs only to explain the files that fail (see fastschema).
        self._is_valid = compile_schema(schema)

    def check(self, document: Document) -> list[Problem]:
        if self._is_valid is not None and self._is_valid(document.data):
            return []
        problems: list[Problem] = []
        reported: set[tuple[Any, ...]] = set()
        errors = sorted(self._validator.iter_errors(document.data), key=_error_order)
        for error in errors:
            for place in _places(error):
                if place in reported:
                    continue  # one problem per place: the first explains it
                reported.add(place)
                problems.append(self._explain(document, error, place))
        return problems

    def _explain(
        self, document: Document, error: ValidationError, place: tuple[Any, ...]
    ) -> Problem:
        where = tuple(error.absolute_path)
        name = _field_name(where)
        kind = error.validator
        prop = self.property_schema(where)
        hint = _hint_from(prop)
        at_key = False
        value = error.instance
        if kind == "required":
            missing = place[-1]
            child = self.property_schema((*where, missing))
            rule, message = "schema/required", f"the field '{missing}' is missing"
            if where:
                message += f" from {name}"
            hint = _hint_from(child) or hint
        elif kind == "additionalProperties":
            unknown = place[-1]
            where = place
            at_key = True
            known = list(error.schema.get("properties", {}))
            rule, message = "schema/unknown-field", f"'{unknown}' is not a field sglearn knows here"
            hint = _did_you_mean(unknown, known) or "Allowed fields here: " + ", ".join(known) + "."
        elif kind == "enum":
            allowed = [str(v) for v in error.validator_value]
            rule = "schema/unknown-value"
            message = f"{_show(value)} is not an allowed value for '{name}'"
            hint = _did_you_mean(str(value), allowed) or _allowed(allowed, prop)
            if isinstance(value, bool):
                hint = f'Put the value in quotes: "{_plain(value)}". ' + hint
        elif kind == "const":
            rule, message = (
                "schema/unknown-value",
                f"'{name}' must be {_show(error.validator_value)}",
            )
        elif kind == "type":
            wanted = error.validator_value
            words = " or ".join(_TYPE_WORDS.get(t, t) for t in _as_list(wanted))
            rule, message = "schema/type", f"'{name}' must be {words}, not {_show(value)}"
            if wanted == "boolean" and value in _YAML11_BOOLEANS:
                hint = f"Write true or false; '{value}' is read as text."
            elif wanted == "string" and isinstance(value, (int, float, bool)):
                hint = f'Put the value in quotes, for example "{_plain(value)}".'
            elif wanted in ("number", "integer") and isinstance(value, str):
                hint = "Write the number without quotes or words, for example 12 or 4.5."
        elif kind in ("format", "pattern") and prop.get("format") == "date":
            rule = "schema/format"
            message = f"'{name}' must be a date like 2026-05-31, not {_show(value)}"
            hint = "Write the date as year-month-day with dashes, for example 2026-05-31."
        elif kind in ("format", "pattern", "anyOf") and _takes_record_date(prop, self.schema):
            rule = "schema/format"
            words = "a day like 2016-05-14, a month like 2016-05, a year like 2016, or not-known"
            if "not-set" in json.dumps(prop.get("anyOf", [])):
                words += " (or not-set when no due date was agreed)"
            message = f"'{name}' must be {words}"
            if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                message = f"'{name}' names a day that does not exist; it must be {words}"
            hint = "Write only what the record says: if it gives the month but not the day, write "
            hint += "the month. Verdicts such as 'late' are given only for exact days."
        elif kind is None and error.schema is False:
            # A field one version of the format has and the other has not.
            unknown = _forbidden_field(self.schema, error, document.data) or name
            where, at_key, rule = (*where, unknown), True, "schema/version"
            if unknown in ("staff_role", "employment"):
                message = f"'{unknown}' is a version 1 field"
                hint = "In version 2, record each staff group under staff_involved "
                hint += "(role, count, employment_outcome)."
            else:
                message = f"'{unknown}' belongs to version 2 of the case format"
                hint = "Add 'schema_version: 2' at the top, or let 'sglearn migrate --write' "
                hint += "move this file to version 2."
        elif kind == "pattern":
            rule = "schema/format"
            message = f"{_show(value)} is not in the right form for '{name}'"
        elif kind == "minItems":
            rule, message = "schema/empty", f"'{name}' needs at least {error.validator_value} entry"
        elif kind == "minLength":
            rule, message = "schema/empty", f"'{name}' must not be empty"
        elif kind == "maxLength":
            rule = "schema/too-long"
            message = f"'{name}' is longer than {error.validator_value} characters"
        elif kind == "uniqueItems":
            rule, message = "schema/duplicate-item", f"'{name}' lists the same value twice"
        elif kind == "oneOf" and {"follow_up", "no_follow_up_reason"} <= set(
            prop.get("properties", {})
        ):
            both = "follow_up" in value and "no_follow_up_reason" in value
            rule = "schema/follow-up"
            message = (
                "this measure has both a follow-up figure and a reason why there is none"
                if both
                else "this measure has no follow-up figure and no reason why"
            )
            hint = (
                "Remove no_follow_up_reason once the follow-up figure is in."
                if both
                else "Add follow_up (value and period), or no_follow_up_reason saying why not yet."
            )
        else:
            rule, message = f"schema/{kind}", f"'{name}' is not valid: {error.message}"
        line, column = document.locate(where, key=at_key)
        return Problem(document.path, line, column, rule, message, hint)

    def property_schema(self, where: tuple[Any, ...]) -> dict[str, Any]:
        """The schema describing the value at ``where``, with titles and examples."""
        node: dict[str, Any] = self.schema
        for step in where:
            node = self._resolve(node)
            if isinstance(step, int):
                node = node.get("items", {})
            else:
                node = node.get("properties", {}).get(step, {})
        merged = dict(self._resolve(node))
        merged.update(node)
        return merged

    def _resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/"):
            resolved: dict[str, Any] = self.schema["$defs"][ref.removeprefix("#/$defs/")]
            return resolved
        return node


def _forbidden_field(schema: Any, error: ValidationError, data: Any) -> str | None:
    """The field a ``false`` schema refused: jsonschema reports it at the parent mapping."""
    node = schema
    for step in error.absolute_schema_path:
        node = node[step]
    value = data
    for step in error.absolute_path:
        value = value[step]
    if not isinstance(node, dict) or not isinstance(value, dict):
        return None
    return next((str(k) for k, sub in node.items() if sub is False and k in value), None)


def _takes_record_date(prop: Mapping[str, Any], schema: Mapping[str, Any]) -> bool:
    text = json.dumps({k: prop.get(k) for k in ("$ref", "anyOf", "format")})
    return "record_date" in text or RECORD_DATE_FORMAT in text


def _places(error: ValidationError) -> list[tuple[Any, ...]]:
    """Where each problem in an error stands: every missing or unknown field is its own."""
    where = tuple(error.absolute_path)
    if error.validator == "required":
        return [(*where, name) for name in error.validator_value if name not in error.instance]
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        return [(*where, name) for name in error.instance if name not in known]
    return [where]


def _error_order(error: ValidationError) -> tuple[Any, ...]:
    # Errors deeper in the tree are more specific; among equals, keep schema order.
    return (tuple(str(p) for p in error.absolute_path), -len(error.absolute_path))


def _field_name(where: tuple[Any, ...]) -> str:
    for step in reversed(where):
        if isinstance(step, str):
            return step
    return "the file"


def _hint_from(prop: Mapping[str, Any]) -> str:
    description = str(prop.get("description", ""))
    examples = prop.get("examples")
    if examples and not isinstance(examples[0], dict):
        example = examples[0]
        plain = isinstance(example, str)
        shown = example if plain else json.dumps(example, ensure_ascii=False)
        description += f" Example: {shown}"
    return description.strip()


def _did_you_mean(value: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    return f"Did you mean '{close[0]}'?" if close else ""


def _allowed(allowed: list[str], prop: Mapping[str, Any]) -> str:
    if len(allowed) <= 12:
        return "Use one of: " + ", ".join(allowed) + "."
    return str(prop.get("description", "See the list in schemas/vocabularies/."))


def _as_list(value: Any) -> list[str]:
    return list(value) if isinstance(value, list) else [value]


def _show(value: Any) -> str:
    if isinstance(value, str):
        shortened = value if len(value) <= 40 else value[:37] + "..."
        return json.dumps(shortened, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "empty"
    if isinstance(value, (dict, list)):
        return _TYPE_WORDS["object" if isinstance(value, dict) else "array"]
    return str(value)


def _plain(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)
