"""Small counts that stay hidden: primary and complementary suppression, and an audit.

A count of 1 to ``threshold - 1`` can identify a person, so a build for readers outside the
organisation shows it as suppressed. Hiding the small cell alone is not enough: a table that
shows its total and every other cell gives the hidden one away by subtraction. So, as official
statistics do, every line of a table (the cells of a row or column and its total) that hides
one value hides at least a second (complementary suppression), and the audit below checks,
by exact linear algebra over every published equality, that no hidden value can be worked out
from the rest.

Zero is shown: it reveals nobody and marks a gap.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

Key = Hashable
Cell = tuple[Key, Key]
TOTAL = "__total__"


@dataclass(frozen=True)
class Grid:
    """A two-way table of counts with its row, column and grand totals (all published)."""

    name: str
    cells: Mapping[Cell, int]
    rows: tuple[Key, ...]
    columns: tuple[Key, ...]

    @classmethod
    def one_way(cls, name: str, counts: Mapping[Key, int]) -> Grid:
        """A list of counts with its total, as a one-column grid."""
        return cls(name, {(k, TOTAL): v for k, v in counts.items()}, tuple(counts), (TOTAL,))

    def value(self, cell: Cell) -> int:
        row, column = cell
        if row == TOTAL and column == TOTAL:
            return sum(self.cells.values())
        if row == TOTAL:
            return sum(self.cells.get((r, column), 0) for r in self.rows)
        if column == TOTAL:
            return sum(self.cells.get((row, c), 0) for c in self.columns)
        return self.cells.get(cell, 0)

    def lines(self) -> list[tuple[list[Cell], Cell]]:
        """Every published equality: the parts of a row or column and the total they add to."""
        if self.columns == (TOTAL,):
            return [([(r, TOTAL) for r in self.rows], (TOTAL, TOTAL))]
        rows = [*self.rows, TOTAL]
        columns = [*self.columns, TOTAL]
        found: list[tuple[list[Cell], Cell]] = [
            ([(r, c) for c in self.columns], (r, TOTAL)) for r in rows
        ]
        found += [([(r, c) for r in self.rows], (TOTAL, c)) for c in columns]
        return found

    def every_cell(self) -> list[Cell]:
        columns = [*self.columns, TOTAL] if self.columns != (TOTAL,) else [TOTAL]
        return [(r, c) for r in [*self.rows, TOTAL] for c in columns]


@dataclass
class Suppressed:
    """Which cells of a grid a suppressed build hides, and why."""

    grid: Grid
    threshold: int
    primary: set[Cell] = field(default_factory=set)
    complementary: set[Cell] = field(default_factory=set)

    @property
    def hidden(self) -> set[Cell]:
        return self.primary | self.complementary

    def shown(self, cell: Cell) -> int | None:
        """The value a page may print, or None where it must say 'suppressed'."""
        return None if cell in self.hidden else self.grid.value(cell)


def is_small(value: int, threshold: int) -> bool:
    return threshold > 1 and 0 < value < threshold


def suppress(grid: Grid, threshold: int) -> Suppressed:
    """Hide every small count, then enough others that none can be worked out."""
    result = Suppressed(grid, threshold)
    result.primary = {c for c in grid.every_cell() if is_small(grid.value(c), threshold)}
    while True:
        _protect_lines(grid, result)
        # Lines alone can miss what rows and columns give away together: ask the exact
        # audit, and hide one more cell beside the first value it can still work out.
        exposed = derivable(result)
        if not exposed:
            break
        lines = [
            [*parts, total]
            for cell in exposed
            for parts, total in grid.lines()
            if cell in (*parts, total)
        ]
        extra = next((c for line in lines if (c := _next_to_hide(grid, result, line))), None)
        if extra is None:
            break  # every line through them is hidden already
        result.complementary.add(extra)
    return result


def _protect_lines(grid: Grid, result: Suppressed) -> None:
    """Every row and column that hides one value hides a second (the usual first pass)."""
    changed = True
    while changed:
        changed = False
        for parts, total in grid.lines():
            line = [*parts, total]
            if not any(c in result.hidden for c in line):
                continue
            if not _line_gives_away(grid, result, parts, total):
                continue
            extra = _next_to_hide(grid, result, line)
            if extra is not None:
                result.complementary.add(extra)
                changed = True


def _line_gives_away(grid: Grid, result: Suppressed, parts: list[Cell], total: Cell) -> bool:
    """One hidden value alone, or hidden small counts whose sum pins each one down."""
    hidden = [c for c in [*parts, total] if c in result.hidden]
    if len(hidden) == 1:
        return True
    if total in result.hidden:
        return False
    hidden_parts = [c for c in parts if c in result.hidden]
    if not hidden_parts or any(c not in result.primary for c in hidden_parts):
        return False
    residual = grid.value(total) - sum(grid.value(c) for c in parts if c not in result.hidden)
    # Each hidden small count is at least 1 and at most threshold - 1: at either end of that
    # range the sum gives every one of them away.
    return residual in (len(hidden_parts), len(hidden_parts) * (result.threshold - 1))


def _next_to_hide(grid: Grid, result: Suppressed, line: Sequence[Cell]) -> Cell | None:
    """The smallest shown non-zero count of the line (zeros only if nothing else is left)."""
    candidates = [c for c in line if c not in result.hidden]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (grid.value(c) == 0, grid.value(c), str(c)))


def derivable(result: Suppressed) -> list[Cell]:
    """Hidden cells whose value follows from the published figures (should be none).

    Exact: a hidden value is determined when its unit vector lies in the row space of the
    published equalities over the hidden cells (Gaussian elimination over fractions), or when
    the bounds of small counts (1 to threshold - 1) pin it.
    """
    grid = result.grid
    hidden = sorted(result.hidden, key=str)
    index = {cell: i for i, cell in enumerate(hidden)}
    rows: list[list[Fraction]] = []
    for parts, total in grid.lines():
        equation = [Fraction(0)] * len(hidden)
        touched = False
        for cell, sign in [*((p, 1) for p in parts), (total, -1)]:
            if cell in index:
                equation[index[cell]] += sign
                touched = True
        if touched:
            rows.append(equation)
    fixed = determined(rows, len(hidden))
    found = [cell for cell, i in index.items() if i in fixed]
    for parts, total in grid.lines():
        if total not in result.hidden and _line_gives_away(grid, result, parts, total):
            found += [c for c in parts if c in result.hidden and c not in found]
    return sorted(set(found), key=str)


def determined(equations: Sequence[Sequence[Fraction]], unknowns: int) -> set[int]:
    """The unknowns (by index) whose value the linear equations fix, whatever the others are.

    An unknown is fixed when its unit vector lies in the row space of the equations; in the
    reduced row echelon form that means one row is exactly that unit vector.
    """
    fixed: set[int] = set()
    if any(len(e) != unknowns for e in equations):
        raise ValueError(f"every equation needs one coefficient per unknown ({unknowns})")
    for row in _row_echelon([list(e) for e in equations]):
        nonzero = [i for i, v in enumerate(row) if v]
        if len(nonzero) == 1:
            fixed.add(nonzero[0])
    return fixed


def _row_echelon(rows: list[list[Fraction]]) -> list[list[Fraction]]:
    """The non-zero rows of the reduced row echelon form."""
    matrix = [row[:] for row in rows if any(row)]
    if not matrix:
        return []
    width = len(matrix[0])
    pivot_row = 0
    for column in range(width):
        pivot = next((r for r in range(pivot_row, len(matrix)) if matrix[r][column]), None)
        if pivot is None:
            continue
        matrix[pivot_row], matrix[pivot] = matrix[pivot], matrix[pivot_row]
        lead = matrix[pivot_row][column]
        matrix[pivot_row] = [v / lead for v in matrix[pivot_row]]
        for r in range(len(matrix)):
            if r != pivot_row and matrix[r][column]:
                factor = matrix[r][column]
                matrix[r] = [
                    a - factor * b for a, b in zip(matrix[r], matrix[pivot_row], strict=True)
                ]
        pivot_row += 1
        if pivot_row == len(matrix):
            break
    return [row for row in matrix if any(row)]
