"""CSV and JSON downloads: public fields only, suppressed small counts, no formulas."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sglearn.review.vocabulary import Vocabularies
from sglearn.site.aggregate import build_casebook
from sglearn.site.exports import _cell, export_files, to_csv
from sglearn.site.figures import FigureBook
from tests.site.builders import AS_OF, MakeCase, small_set, to_case


@pytest.fixture
def files(make_case: MakeCase, vocabularies: Vocabularies) -> dict[str, str]:
    book = build_casebook([to_case(d) for d in small_set(make_case)], vocabularies, AS_OF)
    return export_files(book, vocabularies)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_exports_cases_hold_public_fields_only(files: dict[str, str]) -> None:
    rows = _rows(files["downloads/cases.csv"])
    assert [r["id"] for r in rows] == ["LR-2025-001", "LR-2025-002", "LR-2026-001", "LR-2026-002"]
    assert not {"staff_role", "employment", "employment_outcome", "privacy_reviewed"} & set(rows[0])
    for text in files.values():
        assert "SECRET-ROLE" not in text and "final-warning" not in text and "PRIVACY" not in text


def test_exports_csv_and_json_hold_the_same_rows(files: dict[str, str]) -> None:
    for name in ("cases", "actions", "themes", "measures"):
        document = json.loads(files[f"downloads/{name}.json"])
        assert document["as_of"] == "2026-06-15"
        assert document["small_count_threshold"] == 5
        assert len(document["rows"]) == len(_rows(files[f"downloads/{name}.csv"]))


def test_exports_theme_counts_are_suppressed_for_readers_outside(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    book = build_casebook([to_case(d) for d in small_set(make_case)], vocabularies, AS_OF)
    exact = export_files(book, vocabularies)
    assert {r["theme"]: r for r in _rows(exact["downloads/themes.csv"])}[
        "supervision-inconsistent"
    ]["reviews"] == "4"
    files = export_files(book, vocabularies, FigureBook("commissioner", True, 5))
    rows = {r["theme"]: r for r in _rows(files["downloads/themes.csv"])}
    assert rows["supervision-inconsistent"]["reviews"] == "fewer than 5"
    assert rows["recruitment-induction"]["reviews"] == "0"
    document = json.loads(files["downloads/themes.json"])
    first = document["rows"][0]
    assert first["theme"] == "supervision-inconsistent"
    assert first["reviews"] == "fewer than 5"


def test_exports_actions_carry_the_state_on_the_as_of_date(files: dict[str, str]) -> None:
    states = {
        (r["case_id"], r["action_id"]): r["state_as_of"]
        for r in _rows(files["downloads/actions.csv"])
    }
    assert states[("LR-2025-002", "A1")] == "overdue"
    assert states[("LR-2025-002", "A2")] == "due-soon"


def test_exports_measures_show_results(files: dict[str, str]) -> None:
    rows = _rows(files["downloads/measures.csv"])
    assert [(r["case_id"], r["measure_id"], r["result"]) for r in rows] == [
        ("LR-2025-001", "M1", "improved"),
        ("LR-2025-002", "M1", "not-yet-measured"),
        ("LR-2025-002", "M2", "unverified"),  # a follow-up figure nobody has checked
        ("LR-2026-002", "M1", "unverified"),
    ]
    assert rows[0]["baseline_value"] == "30" and rows[0]["follow_up_value"] == "85"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        (None, ""),
        (["a", "b"], "a; b"),
        (4.0, "4"),
        (4.5, "4.5"),
        (-3, "-3"),
    ],
)
def test_exports_csv_cells_cannot_start_a_formula(value: object, cell: str) -> None:
    assert _cell(value) == cell


def test_exports_csv_uses_one_line_ending_and_is_deterministic() -> None:
    rows = [{"a": "x\ny", "b": 1}]
    assert to_csv(rows) == to_csv(rows) == 'a,b\n"x\ny",1\n'
    assert to_csv([]) == ""


def test_exports_carry_words_beside_every_id(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    """An analyst reads 'Maple Court' and 'Verified effective', not only the codes."""
    from tests.site.builders import render_pages

    pages = render_pages(small_set(make_case), vocabularies)
    actions = list(csv.DictReader(io.StringIO(pages["downloads/actions.csv"].content)))
    assert actions and all(row["service_label"] and row["theme_label"] for row in actions)
    assert {row["state_label"] for row in actions} >= {"Verified effective"}
    measures = list(csv.DictReader(io.StringIO(pages["downloads/measures.csv"].content)))
    assert all(row["source_label"] and row["result_label"] for row in measures)
