"""The site's charts: reviews per quarter, actions by status, themes by service and per theme."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sglearn.review.model import safe_term_id
from sglearn.review.vocabulary import Vocabularies
from sglearn.site import charts
from sglearn.site.aggregate import Casebook
from sglearn.site.render import labels

SAME_FIGURES = "The same figures are in the table with the chart."


def chart_files(book: Casebook, v: Vocabularies, as_of: date) -> Iterator[tuple[str, str]]:
    """Every chart as (path, SVG text); each has its figures in a table on its page."""
    quarters = book.trend_quarters
    yield (
        "charts/cases-per-quarter.svg",
        charts.column_chart(
            "Learning reviews per quarter",
            f"Published learning reviews by the quarter the concern was received, "
            f"{quarters[0]} to {quarters[-1]}. {SAME_FIGURES}",
            quarters,
            [len(book.by_quarter.get(q, ())) for q in quarters],
        ),
    )
    yield (
        "charts/action-status.svg",
        charts.bar_chart(
            "Actions by status",
            f"Every action from published reviews by its status on "
            f"{labels.long_date(as_of)}. {SAME_FIGURES}",
            [
                (labels.ACTION_STATE[s], book.action_states[s], labels.tone(s))
                for s in book.shown_action_states
            ],
        ),
    )
    themes = [t for t in v.themes if t in book.by_theme]
    services = [s for s in v.services if s in book.by_service]
    yield (
        "charts/themes-by-service.svg",
        charts.grid_chart(
            "Themes by service",
            "Number of published learning reviews that found each theme, per service. "
            + SAME_FIGURES,
            [v.themes[t].label for t in themes],
            [v.services[s].label for s in services],
            [[book.service_themes.get(s, {}).get(t, 0) for s in services] for t in themes],
        ),
    )
    for theme_id, term in v.themes.items():
        counts = book.theme_quarters.get(theme_id, {})
        yield (
            f"charts/theme-{safe_term_id(theme_id)}.svg",
            charts.column_chart(
                f"{term.label}: reviews per quarter",
                "Published learning reviews that found this theme, by the quarter the "
                "concern was received. " + SAME_FIGURES,
                quarters,
                [counts.get(q, 0) for q in quarters],
            ),
        )
