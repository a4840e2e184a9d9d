"""The words schema problems are told in: values as a lead wrote them, where to add a field.

Split from :mod:`sglearn.read.schema`, which decides what an error means; this module only
phrases it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sglearn.read.choices import Choice, suggestion

if TYPE_CHECKING:
    from jsonschema import ValidationError

    from sglearn.read.loading import Document

TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (lines starting with '- ')",
    "object": "a set of 'field: value' lines",
    "null": "empty",
}
YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO"}
DAY_HINT = (
    "Check the month and the day: months run from 01 to 12, and February has 28 days (29 in a "
    "leap year)."
)
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def impossible_date(value: Any) -> str:
    """'a day' or 'a month' when ``value`` is written as one that never was, else ''."""
    if not isinstance(value, str):
        return ""
    if _DAY.fullmatch(value):
        return "a day"
    if _MONTH.fullmatch(value) and not 1 <= int(value[5:]) <= 12:
        return "a month"
    return ""


def field_name(where: tuple[Any, ...]) -> str:
    for step in reversed(where):
        if isinstance(step, str):
            return step
    return "the file"


def hint_from(prop: Mapping[str, Any], name: str = "") -> str:
    """The field's description, then an example written as the line the lead would type."""
    description = str(prop.get("description", ""))
    examples = prop.get("examples")
    if examples and not isinstance(examples[0], dict):
        example = examples[0]
        shown = example if isinstance(example, str) else json.dumps(example, ensure_ascii=False)
        shown = f"{name}: {shown}" if name else shown
        description += f" Example: {shown}"
    return description.strip()


def did_you_mean(value: str, allowed: Sequence[str]) -> str:
    return suggestion(value, [Choice(v) for v in allowed])


def allowed_values(allowed: list[str], prop: Mapping[str, Any]) -> str:
    if len(allowed) <= 12:
        return "Use one of: " + ", ".join(allowed) + "."
    return str(prop.get("description", "See the list in schemas/vocabularies/."))


def as_list(value: Any) -> list[str]:
    return list(value) if isinstance(value, list) else [value]


def show(value: Any) -> str:
    if isinstance(value, str):
        shortened = value if len(value) <= 40 else value[:37] + "..."
        return json.dumps(shortened, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "empty"
    if isinstance(value, (dict, list)):
        return TYPE_WORDS["object" if isinstance(value, dict) else "array"]
    return str(value)


def plain(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def date_problem(prop: Mapping[str, Any], name: str, value: Any) -> tuple[str, str, str]:
    """A date in the wrong form, or one that names a day or a month that never was."""
    never = impossible_date(value)
    if prop.get("format") == "date":
        words = "a date like 2026-05-31"
        hint = "Write the date as year-month-day with dashes, for example 2026-05-31."
    else:
        words = "a day like 2016-05-14, a month like 2016-05, a year like 2016, or not-known"
        if "not-set" in json.dumps(prop.get("anyOf", [])):
            words += " (or not-set when no due date was agreed)"
        hint = "Write only what the record says: if it gives the month but not the day, write "
        hint += "the month. Verdicts such as 'late' are given only for exact days."
    if never:
        message = f"'{name}' is {show(value)}, {never} that does not exist"
        return "schema/format", message, DAY_HINT
    return "schema/format", f"'{name}' must be {words}", hint


def either_field(options: Any) -> tuple[str, str] | None:
    """('date', 'period') for a oneOf that wants exactly one of two fields, else None."""
    names = [o.get("required", [None])[0] for o in options if isinstance(o, dict)]
    if len(names) == 2 and all(isinstance(n, str) for n in names):
        return str(names[0]), str(names[1])
    return None


def one_of_fields(pair: tuple[str, str] | None, value: Any) -> tuple[str, str, str]:
    first, second = pair or ("", "")
    both = isinstance(value, dict) and first in value and second in value
    if (first, second) == ("follow_up", "no_follow_up_reason"):
        if both:
            message = "this measure has both a follow-up figure and a reason why there is none"
            return (
                "schema/follow-up",
                message,
                ("Remove no_follow_up_reason once the follow-up figure is in."),
            )
        return (
            "schema/follow-up",
            "this measure has no follow-up figure and no reason why",
            "Add follow_up (value and period), or no_follow_up_reason saying why not yet.",
        )
    if both:
        message = f"this entry has both '{first}' and '{second}'; it takes one of them"
        return "schema/one-of", message, f"Keep '{first}:' or '{second}:' and remove the other."
    message = f"this entry has neither '{first}' nor '{second}'; it needs one of them"
    hint = f"Add '{first}:' or '{second}:' to this entry, lined up with its other fields."
    return "schema/one-of", message, hint


def any_of(error: ValidationError, name: str, hint: str) -> tuple[str, str, str]:
    """A value that fits none of a field's forms: 'true, false or not-known'."""
    forms: list[str] = []
    for option in error.validator_value:
        if not isinstance(option, dict):
            continue
        if "const" in option:
            forms.append(str(option["const"]))
        elif option.get("type") in TYPE_WORDS:
            forms.extend(TYPE_WORDS[str(option["type"])].split(" or "))
    words = ", ".join(forms[:-1]) + " or " + forms[-1] if len(forms) > 1 else "".join(forms)
    value = error.instance
    message = f"'{name}' must be {words or 'in one of its forms'}, not {show(value)}"
    if isinstance(value, str) and value in YAML11_BOOLEANS:
        hint = f"Write true or false; '{value}' is read as text. " + hint
    return "schema/unknown-value", message, hint


def where_to_add(
    document: Document, where: tuple[Any, ...], missing: str, order: Sequence[str]
) -> str:
    """'Add 'route:' at the top level (no spaces before it), after 'track:' on line 12.'

    ``order`` is the schema's order of the fields at ``where``: the new line goes after the
    nearest field before it that the file has, or before the first field it has.
    """
    parent = _value_at(document.data, where)
    present = [k for k in parent if isinstance(k, str)] if isinstance(parent, dict) else []
    if not where:
        place = "at the top level (no spaces before it)"
    else:
        line, _ = document.locate(where, key=True)
        place = f"inside {_section(where)} (line {line}), lined up with the fields there"
    before = order[: order.index(missing)] if missing in order else []
    after = [name for name in before if name in present]
    if after:
        line, _ = document.locate((*where, after[-1]), key=True)
        return f"Add '{missing}:' {place}, after '{after[-1]}:' on line {line}."
    following = [name for name in present if name not in before]
    if following:
        line, _ = document.locate((*where, following[0]), key=True)
        return f"Add '{missing}:' {place}, before '{following[0]}:' on line {line}."
    return f"Add '{missing}:' {place}."


def _section(where: tuple[Any, ...]) -> str:
    """'dates:', 'the entry of actions:', 'scope: in review:'."""
    last = where[-1]
    if isinstance(last, int):
        holder = field_name(where[:-1])
        return f"entry {last + 1} of '{holder}:'"
    return f"'{last}:'"


def _value_at(data: Any, where: tuple[Any, ...]) -> Any:
    for step in where:
        in_list = isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data)
        if not in_list and not (isinstance(data, dict) and step in data):
            return None
        data = data[step]
    return data
