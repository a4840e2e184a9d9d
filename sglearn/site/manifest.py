"""Every figure a build publishes, in one file, and an audit that none hidden can be worked out.

Suppressing small counts page by page is not enough: a reader of a whole build sees every
table at once, and a total on one page with its parts on another gives a hidden value away
by subtraction. So each build lists its figures in ``manifest.json``: what is counted, by
which categories, and what the page shows. ``audit`` then treats the whole build as one
system of equations (every total is the sum of its parts along each category) and asks the
exact test of ``suppression`` which hidden values it fixes. The published file never holds a
hidden value: it holds what the pages show, so it reveals nothing the pages do not.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from fractions import Fraction

from sglearn.site.suppression import TOTAL, Key, Suppressed, determined, is_small

MANIFEST_FILE = "manifest.json"
SUPPRESSED = "suppressed"
_FEWER = re.compile(r"fewer than ([1-9][0-9]*)")

By = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Figure:
    """One published count: ``what`` it counts, ``by`` which categories, and what is shown.

    ``by`` holds (category, value) pairs, e.g. (("quarter", "2026-Q1"), ("theme",
    "supervision")); no pairs is the grand total. ``value`` is the exact count (None when
    not known, as in a manifest read back from a site); ``shown`` is the number as text,
    "fewer than N" (a small count) or "suppressed" (hidden so a small one stays hidden).
    """

    what: str
    by: By
    value: int | None
    shown: str

    def __post_init__(self) -> None:
        by = tuple(sorted((str(c), str(v)) for c, v in self.by))
        if len({c for c, _ in by}) != len(by):
            raise ValueError(f"a category is named twice in {self.by!r}")
        object.__setattr__(self, "by", by)
        if not (self.shown.isdigit() or _FEWER.fullmatch(self.shown) or self.shown == SUPPRESSED):
            raise ValueError(f"a figure shows a number, 'fewer than N' or {SUPPRESSED!r}")
        if self.shown.isdigit() and self.value is not None and int(self.shown) != self.value:
            raise ValueError(f"{self.what} {self.by} shows {self.shown} but is {self.value}")

    @property
    def key(self) -> tuple[str, By]:
        return self.what, self.by

    @property
    def hidden(self) -> bool:
        return not self.shown.isdigit()

    def bounds(self) -> tuple[int, int | None]:
        """What a reader knows of the value: exactly the number, 1 to N - 1, or at least 0."""
        if self.shown.isdigit():
            return int(self.shown), int(self.shown)
        fewer = _FEWER.fullmatch(self.shown)
        return (1, int(fewer.group(1)) - 1) if fewer else (0, None)


def shown_text(value: int, threshold: int, *, suppressed: bool) -> str:
    """How a count is shown on its own (primary suppression only)."""
    if suppressed and is_small(value, threshold):
        return f"fewer than {threshold}"
    return str(value)


def figures_from_grid(
    what: str,
    result: Suppressed,
    row_category: str,
    column_category: str | None = None,
    *,
    within: By = (),
) -> list[Figure]:
    """The figures of a suppressed table: each cell, row and column total, and the total.

    ``within`` names what the whole table is about, e.g. (("service", "maple-court"),) for
    a table on one service's page: its total is that service's figure elsewhere.
    """

    def by(row: Key, column: Key) -> By:
        pairs = [*within] if row == TOTAL else [*within, (row_category, str(row))]
        if column != TOTAL and column_category is not None:
            pairs.append((column_category, str(column)))
        return tuple(pairs)

    found = []
    for cell in result.grid.every_cell():
        value = result.grid.value(cell)
        if cell in result.primary:
            shown = f"fewer than {result.threshold}"
        elif cell in result.complementary:
            shown = SUPPRESSED
        else:
            shown = str(value)
        found.append(Figure(what, by(*cell), value, shown))
    return found


@dataclass(frozen=True)
class Manifest:
    """The figures of one audience's build, in a fixed order."""

    audience: str
    suppressed: bool
    threshold: int
    figures: tuple[Figure, ...] = ()
    as_of: str = ""
    """The date every figure is counted on (ISO), so the file says when it is true."""

    def add(self, figures: Iterable[Figure]) -> Manifest:
        """A manifest with these figures too (a figure shown twice the same way is kept once)."""
        return replace(self, figures=tuple(sorted({*self.figures, *figures}, key=_order)))

    def published(self) -> Manifest:
        """The same figures with the value of every hidden one removed."""
        return replace(
            self, figures=tuple(replace(f, value=None) if f.hidden else f for f in self.figures)
        )

    def to_json(self) -> str:
        """The file written as ``manifest.json``: sorted, byte-identical for the same build."""
        data = {
            "as_of": self.as_of,
            "audience": self.audience,
            "figures": [
                {"by": dict(f.by), "shown": f.shown, "value": f.value, "what": f.what}
                for f in sorted(self.published().figures, key=_order)
            ],
            "figures_are": SUPPRESSED if self.suppressed else "exact",
            "threshold": self.threshold,
        }
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        figures = (
            Figure(f["what"], tuple(f["by"].items()), f["value"], f["shown"])
            for f in data["figures"]
        )
        manifest = cls(
            data["audience"],
            data["figures_are"] == SUPPRESSED,
            data["threshold"],
            as_of=data.get("as_of", ""),
        )
        return manifest.add(figures)


@dataclass(frozen=True)
class Finding:
    """A figure the build gives away; ``rule`` says how."""

    rule: str  # manifest/derivable | manifest/small-shown | manifest/conflict
    figure: Figure
    message: str


def audit(manifest: Manifest) -> list[Finding]:
    """Every hidden figure a reader of the whole build could work out, and why.

    Relations are a figure and its parts along one more category (all figures of the same
    ``what`` whose categories add one to its own and agree on the rest). A relation the
    exact values show not to add up (one case with two themes counts under both) is left
    out; where values are not known it is assumed to add up, which can only find more.
    """
    findings: list[Finding] = []
    figures: dict[tuple[str, By], Figure] = {}
    for figure in manifest.figures:
        earlier = figures.get(figure.key)
        if earlier is not None and earlier.shown != figure.shown:
            # A reader takes the most telling of the two: a number, else "fewer than N".
            kept = max(earlier, figure, key=_telling)
            message = f"shown as {earlier.shown!r} in one place and {figure.shown!r} in another"
            findings.append(Finding("manifest/conflict", kept, message))
            figure = kept
        figures[figure.key] = figure
    if manifest.suppressed:
        findings += [
            Finding("manifest/small-shown", f, f"{f.shown} is below {manifest.threshold}")
            for f in figures.values()
            if not f.hidden and is_small(int(f.shown), manifest.threshold)
        ]
    by_what: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures.values():
        by_what[figure.what].append(figure)
    for group in by_what.values():
        findings += _derivable(group)
    return sorted(set(findings), key=lambda f: (f.rule, _order(f.figure), f.message))


def _telling(figure: Figure) -> tuple[bool, bool]:
    return not figure.hidden, figure.shown != SUPPRESSED


def _relations(figures: list[Figure]) -> list[tuple[Figure, list[Figure]]]:
    """Each figure with its parts along each category it is not broken down by."""
    index: dict[frozenset[str], dict[By, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for figure in figures:
        categories = frozenset(c for c, _ in figure.by)
        for category in categories:
            rest = tuple(p for p in figure.by if p[0] != category)
            index[categories - {category}][rest].append(figure)
    found = []
    for total in figures:
        categories = frozenset(c for c, _ in total.by)
        parts_by_category: dict[str, list[Figure]] = defaultdict(list)
        for part in index[categories].get(total.by, []):
            (extra,) = {c for c, _ in part.by} - categories
            parts_by_category[extra].append(part)
        for parts in parts_by_category.values():
            values = [f.value for f in (total, *parts)]
            if None in values or total.value == sum(p.value or 0 for p in parts):
                found.append((total, parts))
    return found


def _derivable(figures: list[Figure]) -> list[Finding]:
    relations = _relations(figures)
    hidden = sorted((f for f in figures if f.hidden), key=_order)
    unknown = {f.key: i for i, f in enumerate(hidden)}
    equations = []
    for total, parts in relations:
        equation = [Fraction(0)] * len(hidden)
        for figure, sign in [(total, -1), *((p, 1) for p in parts)]:
            if figure.key in unknown:
                equation[unknown[figure.key]] += sign
        if any(equation):
            equations.append(equation)
    found = {hidden[i] for i in determined(equations, len(hidden))}
    for total, parts in relations:
        found |= _pinned_by_bounds(total, parts)
    return [
        Finding("manifest/derivable", f, "follows from the figures the build shows") for f in found
    ]


def _pinned_by_bounds(total: Figure, parts: list[Figure]) -> set[Figure]:
    """Hidden parts whose bounds add up to exactly what the shown total leaves for them."""
    if total.hidden:
        return set()
    hidden = [p for p in parts if p.hidden]
    if not hidden:
        return set()
    residual = int(total.shown) - sum(int(p.shown) for p in parts if not p.hidden)
    lows = sum(p.bounds()[0] for p in hidden)
    highs = [p.bounds()[1] for p in hidden]
    at_top = None not in highs and residual == sum(h or 0 for h in highs)
    return set(hidden) if residual == lows or at_top else set()


def _order(figure: Figure) -> tuple[str, By, str]:
    return figure.what, figure.by, figure.shown
