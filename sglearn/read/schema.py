"""Check a loaded document against a JSON Schema and say what is wrong in a lead's words."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry
from referencing.exceptions import NoSuchResource

from sglearn.read.choices import Advisor, Choices, advise
from sglearn.read.fastschema import compile_schema
from sglearn.read.problems import Problem
from sglearn.read.record_date import RECORD_DATE_FORMAT, format_checker
from sglearn.read.schema_words import (
    TYPE_WORDS,
    YAML11_BOOLEANS,
    allowed_values,
    any_of,
    as_list,
    date_problem,
    did_you_mean,
    either_field,
    field_name,
    hint_from,
    one_of_fields,
    plain,
    show,
    where_to_add,
)

if TYPE_CHECKING:
    from sglearn.read.loading import Document


def _no_remote(uri: str) -> Any:
    """Schemas are local files; sglearn never fetches a reference from the network."""
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs class


class SchemaChecker:
    """One compiled validator, reused for every file."""

    def __init__(
        self,
        schema: dict[str, Any],
        enums: Mapping[str, list[str]] | None = None,
        advisor: Advisor | None = None,
    ) -> None:
        if enums:
            schema = copy.deepcopy(schema)
            for name, values in enums.items():
                schema["$defs"][name]["enum"] = values
        self.schema = schema
        self._advisor = advisor
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
        name = field_name(where)
        kind = error.validator
        prop = self.property_schema(where)
        hint = self.hint_at(where)
        at_key = False
        value = error.instance
        choices = self._choices(where, document)
        if kind == "required":
            missing = place[-1]
            rule, message = "schema/required", f"the field '{missing}' is missing"
            if where:
                message += f" from {name}"
            order = list(prop.get("properties", {}))
            hint = where_to_add(document, where, missing, order)
            hint += " " + (self.hint_at((*where, missing), name=missing) or "")
        elif kind == "additionalProperties":
            unknown = place[-1]
            where = place
            at_key = True
            known = list(error.schema.get("properties", {}))
            rule, message = "schema/unknown-field", f"'{unknown}' is not a field sglearn knows here"
            hint = did_you_mean(unknown, known) or "Allowed fields here: " + ", ".join(known) + "."
        elif kind == "enum":
            allowed = [str(v) for v in error.validator_value]
            rule = "schema/unknown-value"
            message = f"{show(value)} is not an allowed value for '{name}'"
            if choices is not None:
                hint = advise(value, choices)
            else:
                hint = did_you_mean(str(value), allowed) or allowed_values(allowed, prop)
            if isinstance(value, bool):
                hint = f'Put the value in quotes: "{plain(value)}". ' + hint
        elif kind == "const":
            rule, message = (
                "schema/unknown-value",
                f"'{name}' must be {show(error.validator_value)}",
            )
        elif kind == "type":
            rule, message, hint = self._type(error, name, hint, choices)
        elif kind in ("format", "pattern", "anyOf") and (
            prop.get("format") == "date" or _takes_record_date(prop)
        ):
            rule, message, hint = date_problem(prop, name, value)
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
            message = f"{show(value)} is not in the right form for '{name}'"
        elif kind == "minItems":
            rule, message = "schema/empty", f"'{name}' needs at least {error.validator_value} entry"
        elif kind == "minLength":
            rule, message = "schema/empty", f"'{name}' must not be empty"
        elif kind == "maxLength":
            rule = "schema/too-long"
            message = f"'{name}' is longer than {error.validator_value} characters"
        elif kind == "uniqueItems":
            rule, message = "schema/duplicate-item", f"'{name}' lists the same value twice"
        elif kind == "oneOf" and either_field(error.validator_value):
            rule, message, hint = one_of_fields(either_field(error.validator_value), value)
        elif kind == "anyOf":
            rule, message, hint = any_of(error, name, hint)
        else:
            rule, message = f"schema/{kind}", f"'{name}' is not valid: {error.message}"
        line, column = document.locate(where, key=at_key)
        return Problem(document.path, line, column, rule, message, hint.strip())

    def _type(
        self, error: ValidationError, name: str, hint: str, choices: Choices | None
    ) -> tuple[str, str, str]:
        wanted, value = error.validator_value, error.instance
        words = " or ".join(TYPE_WORDS.get(t, t) for t in as_list(wanted))
        message = f"'{name}' must be {words}, not {show(value)}"
        if choices is not None and plain(value) not in choices.ids():
            # `false` for an adults' outcome: quoting it would only lead to a second error.
            what = f"one of the values {choices.scope}" if choices.scope else "one of the values"
            return (
                "schema/unknown-value",
                f"'{name}' must be {what}, not {show(value)}",
                (advise(plain(value), choices)),
            )
        if wanted == "boolean" and isinstance(value, str) and value in YAML11_BOOLEANS:
            hint = f"Write true or false; '{value}' is read as text."
        elif wanted == "string" and isinstance(value, (int, float, bool)):
            hint = f'Put the value in quotes, for example "{plain(value)}".'
        elif wanted in ("number", "integer") and isinstance(value, str):
            hint = "Write the number without quotes or words, for example 12 or 4.5."
        return "schema/type", message, hint

    def _choices(self, where: tuple[Any, ...], document: Document) -> Choices | None:
        """The values that fit here, when the field takes a vocabulary the advisor knows."""
        vocabulary = self.vocabulary_at(where)
        if self._advisor is None or vocabulary is None:
            return None
        return self._advisor(vocabulary, document.data)

    def vocabulary_at(self, where: tuple[Any, ...]) -> str | None:
        """The ``$defs`` name of the value at ``where`` (``theme``), if it refers to one."""
        node: dict[str, Any] = self.schema
        for step in where:
            node = self._resolve(node)
            key = "items" if isinstance(step, int) else "properties"
            found = node.get(key, {})
            node = found if isinstance(step, int) else found.get(step, {})
        ref = str(node.get("$ref", "")) if isinstance(node, dict) else ""
        return ref.removeprefix("#/$defs/") if ref.startswith("#/$defs/") else None

    def hint_at(self, where: tuple[Any, ...], name: str = "") -> str:
        """What to write at ``where``: its description and an example, or its list's."""
        hint = hint_from(self.property_schema(where), name)
        if not hint and where and isinstance(where[-1], int):
            hint = hint_from(self.property_schema(where[:-1]))
        return hint

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


def _takes_record_date(prop: Mapping[str, Any]) -> bool:
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
