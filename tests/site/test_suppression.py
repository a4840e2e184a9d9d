"""Suppressed figures cannot be worked out from the rest of the table."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sglearn.site.suppression import TOTAL, Grid, derivable, suppress

THRESHOLD = 5


def test_one_small_cell_beside_a_total_hides_a_second_cell() -> None:
    grid = Grid.one_way("cases by theme", {"staffing": 12, "supervision": 2, "training": 7})
    result = suppress(grid, THRESHOLD)
    assert result.shown(("supervision", TOTAL)) is None
    assert result.shown(("training", TOTAL)) is None  # otherwise 21 - 12 - 7 = 2
    assert result.shown(("staffing", TOTAL)) == 12
    assert result.shown((TOTAL, TOTAL)) == 21
    assert derivable(result) == []


def test_two_ones_that_add_up_to_two_are_not_left_alone() -> None:
    grid = Grid.one_way("reviews by service", {"a": 1, "b": 1, "c": 10})
    result = suppress(grid, THRESHOLD)
    assert result.shown(("c", TOTAL)) is None  # 12 - 10 = 2 would pin both ones
    assert derivable(result) == []


def test_zero_is_shown_and_reveals_nobody() -> None:
    result = suppress(Grid.one_way("x", {"a": 0, "b": 9, "c": 6}), THRESHOLD)
    assert [result.shown((k, TOTAL)) for k in "abc"] == [0, 9, 6]


def test_audit_finds_a_value_left_derivable() -> None:
    grid = Grid.one_way("x", {"a": 2, "b": 9})
    result = suppress(grid, THRESHOLD)
    result.complementary.clear()
    assert derivable(result) == [("a", TOTAL)]


counts = st.integers(min_value=0, max_value=14)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(counts, min_size=2, max_size=4), min_size=2, max_size=4).filter(
        lambda rows: len({len(r) for r in rows}) == 1
    )
)
def test_no_suppressed_count_in_a_two_way_table_can_be_derived(rows: list[list[int]]) -> None:
    cells = {(f"r{i}", f"c{j}"): v for i, row in enumerate(rows) for j, v in enumerate(row)}
    grid = Grid(
        "grid",
        cells,
        tuple(f"r{i}" for i in range(len(rows))),
        tuple(f"c{j}" for j in range(len(rows[0]))),
    )
    result = suppress(grid, THRESHOLD)
    for cell in grid.every_cell():
        shown = result.shown(cell)
        assert shown is None or not 0 < shown < THRESHOLD
    assert derivable(result) == []


def test_audit_works_a_hidden_cell_out_across_rows_and_columns() -> None:
    cells = {("a", "x"): 2, ("a", "y"): 8, ("b", "x"): 9, ("b", "y"): 7}
    grid = Grid("grid", cells, ("a", "b"), ("x", "y"))
    result = suppress(grid, THRESHOLD)
    result.complementary = {("a", "y")}  # hides a second cell of row a, but column x gives it
    assert ("a", "x") in derivable(result)
