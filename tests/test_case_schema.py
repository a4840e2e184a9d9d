"""The case schema is a public contract written for safeguarding leads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "schemas" / "case.schema.json").read_text(encoding="utf-8"))


def properties(node: dict[str, Any], where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for name, prop in node.get("properties", {}).items():
        yield f"{where}{name}", prop
        yield from properties(prop, f"{where}{name}.")
        items = prop.get("items", {})
        if isinstance(items, dict):
            yield from properties(items, f"{where}{name}[].")


ALL = sorted(properties(SCHEMA))


def test_schema_is_valid_draft_2020_12_with_an_id() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"].endswith("/case.schema.json")


@pytest.mark.parametrize(("where", "prop"), ALL, ids=[w for w, _ in ALL])
def test_every_property_has_a_title_and_a_description_for_the_lead(
    where: str, prop: dict[str, Any]
) -> None:
    assert prop.get("title"), f"{where} has no title"
    assert len(prop.get("description", "")) >= 20, f"{where} needs a fuller description"


def test_every_mapping_refuses_unknown_fields_so_typos_are_caught() -> None:
    for where, prop in ALL:
        if prop.get("type") == "object":
            assert prop.get("additionalProperties") is False, where
    assert SCHEMA["additionalProperties"] is False


def _takes_record_date(prop: dict[str, Any]) -> bool:
    return "#/$defs/record_date" in json.dumps({k: prop.get(k) for k in ("$ref", "anyOf")})


def test_dates_are_checked_as_dates_with_their_precision() -> None:
    """Every date field takes a day, a month, a year or not-known, and nothing else."""
    dates = [w for w, p in ALL if _takes_record_date(p)]
    assert "dates.concern_received" in dates and "actions[].due" in dates
    assert not [w for w, p in ALL if p.get("format") == "date"], "a date field demands a day"
    text, year = SCHEMA["$defs"]["record_date"]["anyOf"]
    assert text["format"] == "record-date"
    assert text["pattern"] == r"^(\d{4}(-\d{2}(-\d{2})?)?|not-known)$"
    assert (year["type"], year["minimum"], year["maximum"]) == ("integer", 1000, 9999)


def test_no_remote_references() -> None:
    text = json.dumps(SCHEMA)
    refs = [r for r in text.split('"$ref": "')[1:]]
    assert all(r.startswith("#/$defs/") for r in refs)


@pytest.mark.parametrize(("where", "prop"), ALL, ids=[w for w, _ in ALL])
def test_every_single_value_field_shows_an_example(where: str, prop: dict[str, Any]) -> None:
    if prop.get("type") in ("object", "array"):
        return
    assert prop.get("examples"), f"{where} needs an example for the editor to show"


def fields(node: dict[str, Any], where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property, and every list's entries, such as review.participants[]."""
    for name, prop in properties(node, where):
        yield name, prop
        items = prop.get("items")
        if isinstance(items, dict):
            yield f"{name}[]", items


EVERY = sorted(dict(fields(SCHEMA)).items())


@pytest.mark.parametrize(("where", "prop"), EVERY, ids=[w for w, _ in EVERY])
def test_every_field_and_list_entry_says_what_to_write(where: str, prop: dict[str, Any]) -> None:
    """The description is the hint a lead reads; an entry of a list needs one of its own."""
    assert prop.get("title"), f"{where} has no title"
    assert len(prop.get("description", "")) >= 20, f"{where} needs a fuller description"
    if prop.get("type") not in ("object", "array"):
        assert prop.get("examples"), f"{where} needs an example"


def test_the_support_approach_has_one_definition_used_everywhere() -> None:
    """The schema's description is the definition: the new-case template shows it, and the
    pages for leads and readers quote it word for word."""
    learning = SCHEMA["properties"]["learning"]["properties"]
    definition = learning["support_approach"]["description"]
    assert "not the finding" in definition
    for page in ("about.md", "writing-a-review.md"):
        text = " ".join((REPO / "docs" / page).read_text(encoding="utf-8").split())
        assert definition in text, page
    example = learning["support_approach"]["examples"][0]
    assert "found" not in example  # an approach, not a finding
