"""The figures a build publishes, and the audit that no hidden one can be worked out."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sglearn.site.manifest import (
    Figure,
    Manifest,
    audit,
    figures_from_grid,
    shown_text,
)
from sglearn.site.suppression import TOTAL, Grid, derivable, suppress

THRESHOLD = 5


def manifest(*figures: Figure) -> Manifest:
    return Manifest("inspector", True, THRESHOLD).add(figures)


def test_a_figure_keeps_its_categories_in_one_order() -> None:
    a = Figure("cases", (("theme", "supervision"), ("quarter", "2026-Q1")), 7, "7")
    b = Figure("cases", (("quarter", "2026-Q1"), ("theme", "supervision")), 7, "7")
    assert a == b and a.by == (("quarter", "2026-Q1"), ("theme", "supervision"))


@pytest.mark.parametrize(
    ("value", "shown"), [(3, "three"), (3, "4"), (3, "fewer than five"), (3, "hidden")]
)
def test_a_figure_shows_a_number_fewer_than_or_suppressed(value: int, shown: str) -> None:
    with pytest.raises(ValueError):
        Figure("cases", (), value, shown)


def test_small_counts_are_shown_as_fewer_than_the_threshold_only_when_suppressed() -> None:
    assert shown_text(3, THRESHOLD, suppressed=True) == "fewer than 5"
    assert shown_text(3, THRESHOLD, suppressed=False) == "3"
    assert shown_text(0, THRESHOLD, suppressed=True) == "0"


def test_the_published_file_is_sorted_and_never_holds_a_hidden_value() -> None:
    result = suppress(Grid.one_way("g", {"staffing": 12, "supervision": 2, "training": 7}), 5)
    figures = figures_from_grid("cases", result, "theme")
    one = manifest(*figures).to_json()
    assert one == manifest(*reversed(figures)).to_json()
    data = json.loads(one)
    assert data["figures_are"] == "suppressed" and data["threshold"] == THRESHOLD
    shown = {tuple(f["by"].items()): (f["shown"], f["value"]) for f in data["figures"]}
    assert shown[(("theme", "supervision"),)] == ("fewer than 5", None)
    assert shown[(("theme", "training"),)] == ("suppressed", None)
    assert shown[()] == ("21", 21)
    assert Manifest.from_json(one).to_json() == one


def test_a_suppressed_grid_passes_the_audit() -> None:
    result = suppress(Grid.one_way("g", {"staffing": 12, "supervision": 2, "training": 7}), 5)
    assert audit(manifest(*figures_from_grid("cases", result, "theme"))) == []


def test_a_total_on_one_page_and_its_parts_on_another_give_a_value_away() -> None:
    by_service = suppress(Grid.one_way("g", {"a": 3, "b": 8, "c": 9}), THRESHOLD)
    assert by_service.shown(("b", TOTAL)) is None  # hidden beside the small "a"
    # Service b's own page breaks its cases down by quarter, with their total.
    b_by_quarter = suppress(Grid.one_way("q", {"Q1": 6, "Q2": 2}), THRESHOLD)
    assert b_by_quarter.shown((TOTAL, TOTAL)) == 8
    assert derivable(by_service) == [] and derivable(b_by_quarter) == []
    b_page = figures_from_grid("cases", b_by_quarter, "quarter", within=(("service", "b"),))
    service_list = figures_from_grid("cases", by_service, "service")
    found = {(f.rule, f.figure.by) for f in audit(manifest(*service_list, *b_page))}
    assert ("manifest/conflict", (("service", "b"),)) in found
    assert ("manifest/derivable", (("service", "a"),)) in found  # 20 - 9 - 8
    # Counting something else on the service's page relates to nothing on the list.
    other = figures_from_grid("actions", b_by_quarter, "quarter", within=(("service", "b"),))
    assert audit(manifest(*service_list, *other)) == []


def test_a_small_count_shown_as_a_number_is_found() -> None:
    (finding,) = audit(manifest(Figure("people", (), 3, "3")))
    assert finding.rule == "manifest/small-shown"
    assert audit(Manifest("staff", False, THRESHOLD).add([Figure("people", (), 3, "3")])) == []


def test_parts_that_do_not_add_up_are_no_relation() -> None:
    # One case with two themes counts under both: 6 + 7 is not the 10 cases.
    figures = [
        Figure("cases", (), 10, "10"),
        Figure("cases", (("theme", "a"),), 6, "suppressed"),
        Figure("cases", (("theme", "b"),), 7, "7"),
    ]
    assert audit(manifest(*figures)) == []
    # Read back from a site the values are gone: the audit then assumes they add up.
    published = Manifest.from_json(manifest(*figures).to_json())
    assert [f.rule for f in audit(published)] == ["manifest/derivable"]


def test_small_counts_pinned_by_their_bounds_are_found() -> None:
    figures = [
        Figure("cases", (), 12, "12"),
        Figure("cases", (("service", "a"),), 1, "fewer than 5"),
        Figure("cases", (("service", "b"),), 1, "fewer than 5"),
        Figure("cases", (("service", "c"),), 10, "10"),
    ]
    found = {f.figure.by for f in audit(manifest(*figures))}
    assert found == {(("service", "a"),), (("service", "b"),)}


# Many small cells: most counts fall below the threshold.
small_counts = st.integers(min_value=0, max_value=12).map(lambda n: n if n > 7 else n % 5)


def tables(min_size: int = 2) -> st.SearchStrategy[list[list[int]]]:
    return st.integers(min_value=min_size, max_value=5).flatmap(
        lambda width: st.lists(
            st.lists(small_counts, min_size=width, max_size=width), min_size=2, max_size=5
        )
    )


def grid_of(rows: list[list[int]]) -> Grid:
    cells = {(f"s{i}", f"q{j}"): v for i, row in enumerate(rows) for j, v in enumerate(row)}
    return Grid(
        "g",
        cells,
        tuple(f"s{i}" for i in range(len(rows))),
        tuple(f"q{j}" for j in range(len(rows[0]))),
    )


@settings(max_examples=120, deadline=None)
@given(tables())
def test_no_suppressed_figure_of_a_generated_table_can_be_derived(rows: list[list[int]]) -> None:
    result = suppress(grid_of(rows), THRESHOLD)
    figures = figures_from_grid("cases", result, "service", "quarter")
    assert audit(manifest(*figures)) == []
    assert audit(Manifest.from_json(manifest(*figures).to_json())) == []


def by_of(cell: tuple[object, object]) -> tuple[tuple[str, str], ...]:
    row, column = cell
    pairs = [] if row == TOTAL else [("service", str(row))]
    return tuple(sorted([*pairs, *([] if column == TOTAL else [("quarter", str(column))])]))


@settings(max_examples=150, deadline=None)
@given(tables(), st.data())
def test_the_build_audit_agrees_with_the_table_audit(
    rows: list[list[int]], data: st.DataObject
) -> None:
    """Drop some complementary cells: both audits must find the same values given away."""
    result = suppress(grid_of(rows), THRESHOLD)
    if result.complementary:
        choices = st.sampled_from(sorted(result.complementary, key=str))
        result.complementary -= data.draw(st.sets(choices))
    expected = {by_of(cell) for cell in derivable(result)}
    figures = figures_from_grid("cases", result, "service", "quarter")
    found = {f.figure.by for f in audit(manifest(*figures))}
    assert found == expected
