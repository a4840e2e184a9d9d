"""The figures the aggregate pages print: each page's tables of counts, ready for the book.

Kept apart from the page list so that each page's context is one small function a reader
can check against its template; every count goes to the template as the cells of a table
(``(row, column) -> count``) that the build's figure book protects as one.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sglearn.review.verdicts import MEASURE_RESULTS
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.aggregate import Casebook
from sglearn.site.evidence import awaiting_evidence
from sglearn.site.suppression import TOTAL
from sglearn.site.trends import periods, theme_changes

TOP = 5
"""How many themes, reviews and improvements the dashboard lists."""
LATEST = 3
"""How many recent changes and reviews the dashboard names (the learning log has every one),
so a phone reader reaches the gaps at the end within a few screens."""
NEEDS_ATTENTION = 10
"""How many overdue actions the dashboard lists; the tracker has every one."""


def dashboard_context(book: Casebook, as_of: date) -> dict[str, Any]:
    overdue = [t for t in book.actions if t.state == "overdue"]
    improvements = sorted(
        book.verified_improvements,
        key=lambda r: (
            r.measure.follow_up.period.end.sort_key if r.measure.follow_up else (date.min, 0),
            r.case.id,
            r.measure.id,
        ),
        reverse=True,
    )
    return {
        "book": book,
        "overdue": overdue,
        "overdue_shown": overdue[:NEEDS_ATTENTION],
        "top_themes": list(book.themes_this_year.items())[:TOP],
        "improvements": improvements[:TOP],
        "recent": book.newest_first[:LATEST],
        "trend": [(q, len(book.by_quarter.get(q, ()))) for q in book.trend_quarters],
        "trend_quarters": list(book.trend_quarters),
        "trend_cells": {(q, TOTAL): len(book.by_quarter.get(q, ())) for q in book.trend_quarters},
        "state_cells": {(s, TOTAL): n for s, n in book.shown_action_states.items()},
        "changes_made": sorted(
            (e for entries in book.learning_by_channel.values() for e in entries),
            key=lambda e: (e.date, e.channel, e.description),
            reverse=True,
        )[:LATEST],
        "changes": theme_changes(book),
        "compared": periods(as_of),
        "awaiting": [
            (c, [f"{item}: {why}" for item, why in items])
            for c in book.cases
            if c.is_open and (items := awaiting_evidence(c, as_of))
        ],
    }


def actions_context(book: Casebook) -> dict[str, Any]:
    """The action tracker's tables: actions by state, by owner and state, by theme and state."""
    return {
        "book": book,
        "states": list(book.shown_action_states),
        "state_cells": {(s, TOTAL): n for s, n in book.shown_action_states.items()},
        "owners": list(book.actions_by_owner),
        "owner_cells": Counter(
            (owner, t.state) for owner, ts in book.actions_by_owner.items() for t in ts
        ),
        "action_themes": list(book.actions_by_theme),
        "theme_cells": Counter(
            (theme, t.state) for theme, ts in book.actions_by_theme.items() for t in ts
        ),
    }


def rollups_context(book: Casebook, v: Vocabularies) -> dict[str, Any]:
    """Measures by result, and by service and by theme: the commissioners' roll-ups."""
    rows = book.measures
    by_service = Counter((r.case.service, r.result) for r in rows)
    by_theme = Counter((r.action.theme, r.result) for r in rows if r.action is not None)
    services = [s for s in v.services if any(k[0] == s for k in by_service)]
    themes = [t for t in v.themes if any(k[0] == t for k in by_theme)]
    return {
        "result_names": list(MEASURE_RESULTS),
        "result_cells": {(r, TOTAL): n for r, n in book.measure_results.items()},
        "rollups": [
            ("By service", "service", services, dict(by_service), _label(v.services)),
            ("By theme", "theme", themes, dict(by_theme), _label(v.themes)),
        ],
    }


def _label(terms: Any) -> Any:
    return lambda key: terms[key].label if key in terms else key
