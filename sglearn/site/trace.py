"""A theme traced through the system: from the concerns that raised it to the evidence.

Inspectors ask how governance follows one issue over time. For one theme, across every
review that found it: the concerns and the warning signals before them, the findings, the
provider's actions and their state, the measures and their results, where the learning
went, the governance decisions and the recommendations to others, in time order. Dates are
as exact as the records give them; steps with no date or an unknown one come last.
"""

from __future__ import annotations

from dataclasses import dataclass

from sglearn.review.model import Case, RecordDate, date_key
from sglearn.review.verdicts import action_state, measure_result
from sglearn.site.aggregate import Casebook

STEPS = (
    "Warning signal",
    "Concern received",
    "Finding",
    "Action",
    "Measure",
    "Where the learning went",
    "Governance decision",
    "Recommendation to others",
)
"""The steps in the order one review takes them, for steps on the same date."""


@dataclass(frozen=True)
class TraceStep:
    when: RecordDate | None
    case: Case
    step: str
    what: str
    state: str | None = None
    """A verdict code for the badge (an action's state, a measure's result), if any."""


def theme_trace(book: Casebook, theme: str) -> tuple[TraceStep, ...]:
    """Every step of every review that found ``theme``, in time order."""
    steps: list[TraceStep] = []
    for case in book.by_theme.get(theme, ()):
        steps.extend(_steps(book, case, theme))
    return tuple(
        sorted(
            steps,
            key=lambda s: (
                s.when is None or not s.when.known,
                date_key(s.when),
                s.case.id,
                STEPS.index(s.step),
                s.what,
            ),
        )
    )


def _steps(book: Casebook, case: Case, theme: str) -> list[TraceStep]:
    found = [
        TraceStep(s.when, case, "Warning signal", s.description, _acted(s.acted_on))
        for s in case.warning_signals
    ]
    found.append(TraceStep(case.dates.concern_received, case, "Concern received", case.title))
    held = case.dates.learning_review_held
    found += [
        TraceStep(held, case, "Finding", f.description) for f in case.findings if f.theme == theme
    ]
    ours = {a.id for a in case.actions if a.theme == theme}
    for action in case.actions:
        if action.id in ours:
            state = action_state(case, action, book.as_of, book.due_soon_days)
            when = action.completed if action.completed is not None else action.due
            found.append(TraceStep(when, case, "Action", action.description, state))
    for measure in case.measures:
        if measure.action in ours:
            figure = measure.follow_up or measure.baseline
            found.append(
                TraceStep(
                    figure.period.end, case, "Measure", measure.measure, measure_result(measure)
                )
            )
    found += [
        TraceStep(e.date, case, "Where the learning went", e.description)
        for e in case.learning_reached
    ]
    found += [TraceStep(g.date, case, "Governance decision", g.decision) for g in case.governance]
    found += [
        TraceStep(r.made, case, "Recommendation to others", r.recommendation)
        for r in case.recommendations
        if r.theme == theme
    ]
    return found


def _acted(acted_on: bool | None) -> str:
    if acted_on is None:
        return "not-known"
    return "acted-on" if acted_on else "not-acted-on"
