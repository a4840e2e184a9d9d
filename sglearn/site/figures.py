"""Every count a build prints, recorded and (for readers outside the organisation) protected.

Pages print counts only through a :class:`FigureBook`: a single count, or a table of counts
with its totals. In a build with exact figures the book prints the numbers and records them;
in a suppressed build it shows 1 to threshold - 1 as "fewer than N", hides enough other
cells of each table that none can be worked out (complementary suppression), and records
what it showed. The figures become the build's manifest; :func:`protect` audits the whole
build and, where figures on different pages together still give a hidden one away, hides
more and asks for the pages again, so what is published never lets a small count be derived.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sglearn.site.manifest import SUPPRESSED, By, Figure, Manifest, audit, figures_from_grid
from sglearn.site.suppression import TOTAL, Grid, Suppressed, is_small, suppress

Key = Hashable
T = TypeVar("T")
PASSES = 4
"""How often a build may hide more and render again before it gives up (and fails)."""


class FiguresNotSafe(ValueError):
    """A suppressed build would still let a small count be worked out."""


@dataclass
class ShownTable:
    """What a page prints for each cell and total of a table."""

    shown: Mapping[tuple[Key, Key], str]

    def cell(self, row: Key, column: Key = TOTAL) -> str:
        return self.shown[(row, column)]

    def row_total(self, row: Key) -> str:
        return self.shown[(row, TOTAL)]

    def column_total(self, column: Key) -> str:
        return self.shown[(TOTAL, column)]

    @property
    def total(self) -> str:
        return self.shown[(TOTAL, TOTAL)]


@dataclass
class FigureBook:
    """The counts of one build. ``forced`` are figures an earlier pass found it must hide."""

    audience: str
    suppressed: bool
    threshold: int
    forced: frozenset[tuple[str, By]] = frozenset()
    as_of: str = ""
    figures: list[Figure] = field(default_factory=list)
    sections: list[str | None] = field(default_factory=list)
    """The page section each figure was printed in (None before a page's first section)."""
    current: str | None = None

    def section(self, name: str) -> str:
        """Templates open each section through this, so a figure knows where it is shown."""
        self.current = name
        return f"<!-- section: {name} -->"

    def start_page(self) -> int:
        self.current = None
        return len(self.figures)

    def keep_only(self, start: int, shown: Callable[[str | None], bool]) -> None:
        """Forget the figures of a page's sections this build leaves out."""
        kept = [
            (figure, where)
            for figure, where in zip(self.figures[start:], self.sections[start:], strict=True)
            if shown(where)
        ]
        del self.figures[start:], self.sections[start:]
        self.figures.extend(f for f, _ in kept)
        self.sections.extend(w for _, w in kept)

    def since(self, start: int) -> tuple[list[Figure], list[str | None]]:
        """The figures recorded from ``start`` on, and the section of each."""
        return self.figures[start:], self.sections[start:]

    def replay(self, figures: Iterable[Figure], sections: Iterable[str | None]) -> None:
        """Record what a page printed when it was rendered before (see PageMemo)."""
        self.figures.extend(figures)
        self.sections.extend(sections)

    def _record(self, figures: Iterable[Figure]) -> None:
        for figure in figures:
            self.figures.append(figure)
            self.sections.append(self.current)

    def count(self, what: str, value: int, **by: object) -> str:
        """One count, e.g. ``count("cases", 3, theme="supervision")``."""
        pairs = tuple((k, str(v)) for k, v in by.items())
        shown = str(value)
        if self.suppressed and is_small(value, self.threshold):
            shown = f"fewer than {self.threshold}"
        elif self.suppressed and value and Figure(what, pairs, None, SUPPRESSED).key in self.forced:
            shown = SUPPRESSED
        self._record([Figure(what, pairs, value, shown)])
        return _words(shown, self.threshold)

    def table(
        self,
        what: str,
        values: Mapping[tuple[Key, Key], int],
        rows: Sequence[Key],
        row_category: str,
        columns: Sequence[Key] = (TOTAL,),
        column_category: str | None = None,
        **within: object,
    ) -> ShownTable:
        """A table of counts with its row, column and grand totals, protected as one."""
        grid = Grid(what, dict(values), tuple(rows), tuple(columns))
        result = suppress(grid, self.threshold) if self.suppressed else Suppressed(grid, 1)
        pairs: By = tuple((k, str(v)) for k, v in within.items())
        figures = figures_from_grid(what, result, row_category, column_category, within=pairs)
        if self.suppressed:
            extra = {
                cell
                for cell, figure in zip(grid.every_cell(), figures, strict=True)
                if figure.key in self.forced and grid.value(cell) and cell not in result.hidden
            }
            if extra:
                result.complementary |= extra
                figures = figures_from_grid(
                    what, result, row_category, column_category, within=pairs
                )
        self._record(figures)
        return ShownTable(
            {
                cell: _words(figure.shown, self.threshold)
                for cell, figure in zip(grid.every_cell(), figures, strict=True)
            }
        )

    def manifest(self) -> Manifest:
        manifest = Manifest(self.audience, self.suppressed, self.threshold, as_of=self.as_of)
        return manifest.add(self.figures)


def protect(
    render: Callable[[FigureBook], T], book_for: Callable[[frozenset[tuple[str, By]]], FigureBook]
) -> tuple[T, Manifest]:
    """Render, audit the whole build, hide what together gives a count away, render again.

    A build with exact figures is rendered once. A suppressed one that still lets a small
    count be worked out after ``PASSES`` rounds raises :class:`FiguresNotSafe`: nothing is
    published rather than something unsafe.
    """
    forced: frozenset[tuple[str, By]] = frozenset()
    for _ in range(PASSES):
        book = book_for(forced)
        result = render(book)
        manifest = book.manifest()
        findings = audit(manifest) if manifest.suppressed else []
        if not findings:
            return result, manifest
        more = _to_hide(manifest, [f.figure for f in findings])
        if more <= forced:
            break
        forced |= more
    names = sorted({f"{f.figure.what} by {dict(f.figure.by)}" for f in findings})
    raise FiguresNotSafe(
        "the figures for readers outside the organisation would still let a small count be "
        "worked out: " + "; ".join(names[:5])
    )


def _to_hide(manifest: Manifest, exposed: list[Figure]) -> frozenset[tuple[str, By]]:
    """Every shown, non-zero figure beside an exposed one: its total, its parts, its siblings.

    Coarse on purpose: a second pass must close the gap, and hiding a few more counts for
    readers outside the organisation costs less than one more round of guessing.
    """
    hide: set[tuple[str, By]] = set()
    for figure in exposed:
        names = {c for c, _ in figure.by}
        for other in manifest.figures:
            if other.what != figure.what or other.hidden or not other.value:
                continue
            other_names = {c for c, _ in other.by}
            differ = sum(1 for c in names & other_names if dict(other.by)[c] != dict(figure.by)[c])
            parent_or_child = len(names ^ other_names) == 1 and differ == 0
            sibling = names == other_names and differ == 1
            if parent_or_child or sibling:
                hide.add(other.key)
    return frozenset(hide)


def _words(shown: str, threshold: int) -> str:
    return "suppressed" if shown == SUPPRESSED else shown
