"""The typed case: built from a validated case, refusing unsafe ids, keeping private fields out."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from sglearn.review.model import (
    Case,
    UnsafeIdError,
    cases_from_documents,
    quarter_of,
    quarters_ending,
)
from tests.site.builders import MakeCase, to_case

AS_OF = date(2026, 6, 15)


def test_model_synthetic_base_case_passes_the_schema(
    make_case: MakeCase, schema_check: Any
) -> None:
    assert schema_check(make_case()) == []


def test_model_dates_become_dates(make_case: MakeCase) -> None:
    case = to_case(make_case())
    assert case.dates.concern_received.exact == date(2025, 2, 3)
    assert case.actions[0].due is not None
    assert case.actions[0].due.exact == date(2025, 5, 31)
    assert case.measures[0].baseline.period.start.exact == date(2025, 1, 1)
    assert case.quarter == "2025 Q1"


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2025, 1, 1), "2025 Q1"),
        (date(2025, 3, 31), "2025 Q1"),
        (date(2025, 4, 1), "2025 Q2"),
        (date(2025, 9, 30), "2025 Q3"),
        (date(2025, 12, 31), "2025 Q4"),
    ],
)
def test_model_quarter_of_concern_received(day: date, label: str) -> None:
    assert quarter_of(day) == label


def test_model_quarters_ending_cross_a_year() -> None:
    assert quarters_ending(date(2026, 2, 1), 3) == ("2025 Q3", "2025 Q4", "2026 Q1")


@pytest.mark.parametrize("owner", ["not stated", "Not Stated", "  not   stated "])
def test_model_owner_not_stated_is_a_gap_not_an_owner(make_case: MakeCase, owner: str) -> None:
    data = make_case()
    data["actions"][0]["owner_role"] = owner
    assert not to_case(data).actions[0].owner_stated


def test_model_keeps_private_fields_out(make_case: MakeCase) -> None:
    case = to_case(make_case())
    names = {f.name for f in dataclasses.fields(Case)}
    assert not names & {"staff_role", "employment", "privacy_reviewed", "outcomes"}
    text = repr(case)
    assert "SECRET-ROLE" not in text
    assert "final-warning" not in text
    assert "PRIVACY-VALUE" not in text


@pytest.mark.parametrize(
    "changes",
    [
        {"id": "../../etc/passwd"},
        {"id": "LR-2025-001/../x"},
        {"id": "lr-2025-001"},
        {"service": "../maple-court"},
        {"service": "index"},
        {"service": "Maple Court"},
        {"findings": [{"id": "F1", "theme": "a/b", "system_level": "team", "description": "x"}]},
    ],
)
def test_model_refuses_ids_that_are_unsafe_in_paths(
    make_case: MakeCase, changes: dict[str, Any]
) -> None:
    with pytest.raises(UnsafeIdError):
        to_case(make_case(**changes))


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("cases/LR-2025-001.yaml", "cases/LR-2025-001.yaml"),
        ("/etc/cases/LR-2025-001.yaml", None),
        ("../cases/LR-2025-001.yaml", None),
        ("C:\\cases\\LR-2025-001.yaml", None),
    ],
)
def test_model_only_a_relative_source_becomes_an_edit_link(
    make_case: MakeCase, source: str, kept: str | None
) -> None:
    assert Case.from_data(make_case(), source).source == kept


def test_model_cases_from_documents_sorted_by_id(make_case: MakeCase) -> None:
    @dataclasses.dataclass
    class Doc:
        path: str
        data: dict[str, Any]

    docs = [Doc(f"cases/{i}.yaml", make_case(i)) for i in ("LR-2026-002", "LR-2025-009")]
    assert [c.id for c in cases_from_documents(docs)] == ["LR-2025-009", "LR-2026-002"]
