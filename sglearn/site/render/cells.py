"""Table cells and badges: how one value of a case reads on a page, gaps as words.

Every function returns Markdown sglearn built, with any user text escaped through
``plain`` or ``inline``; a gap (not known, not set, not recorded) reads as a badge.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sglearn.read.record_date import NOT_KNOWN
from sglearn.review.model import Action, Figure, Measure, RecordDate, Referral, WarningSignal
from sglearn.review.verdicts import Timeliness, measure_result
from sglearn.site.render import labels
from sglearn.site.render.markdown import Markdown, inline, plain

DASH = "\u2013"
"""An en dash: an empty table cell that still reads as 'nothing here'."""


def owner(action: Action) -> Markdown:
    if not action.owner_stated:
        return badge("not-stated", "Owner not known")
    return plain(action.owner_role)


def action_note(action: Action) -> Markdown:
    if action.status == "cancelled":
        return inline(f"Cancelled: {action.cancelled_reason or 'no reason recorded'}")
    return inline(action.evidence) if action.evidence else Markdown(DASH)


def figure_and_period(figure: Figure, unit: str | None) -> Markdown:
    period = labels.period(figure.period.start, figure.period.end)
    return plain(f"{labels.figure(figure.value, unit)} ({period})")


def due(value: RecordDate | None) -> Markdown:
    """An action's due date as the record gives it; the gaps in words, as badges."""
    if value is None:
        return badge("no-due-date", "No due date agreed")
    if not value.known:
        return badge("not-known", "Not known")
    return plain(labels.short_date(value))


def known(value: bool | None) -> Markdown:
    """Yes, No, or a 'Not known' badge: the record's own answer, never a guess."""
    if value is None:
        return badge("not-known", "Not known")
    return Markdown("Yes" if value else "No")


def count(value: int | None) -> Markdown:
    return badge("not-known", "Not known") if value is None else Markdown(str(value))


def signal_when(signal: WarningSignal) -> Markdown:
    """'3 Feb 2026', or 'about 40 between 2013 and 2016' for signals over a period."""
    if signal.date is not None:
        return plain(labels.short_date(signal.date))
    if signal.period is None:
        return badge("not-known", "Not known")
    span = labels.period(signal.period.start, signal.period.end)
    if signal.approximate_count is None:
        return plain(f"Number not known, {span}")
    return plain(f"About {signal.approximate_count}, {span}")


def follow_up(measure: Measure) -> Markdown:
    if measure.follow_up is None:
        return Markdown(
            badge("not-yet-measured", "Not yet measured")
            + " "
            + inline(measure.no_follow_up_reason or "no reason recorded")
        )
    return figure_and_period(measure.follow_up, measure.unit)


def verified(measure: Measure) -> Markdown:
    """Who checked the follow-up figure, and when: 'Quality lead, 3 Oct 2026'."""
    if not measure.verified_by:
        return Markdown("Not yet verified")
    if measure.verified_on is None:
        return plain(f"{measure.verified_by} (date not recorded)")
    return plain(f"{measure.verified_by}, {labels.short_date(measure.verified_on)}")


def result(measure: Measure) -> Markdown:
    """The engine's verdict on the measure as a badge."""
    verdict = measure_result(measure)
    return badge(verdict, labels.words(verdict))


def change(measure: Measure) -> Markdown:
    """'Down 4 complaints', 'Up 17 percentage points', 'No change'."""
    if measure.follow_up is None:
        return Markdown(DASH)
    diff = measure.follow_up.value - measure.baseline.value
    if diff == 0:
        return Markdown("No change")
    unit = "percentage points" if measure.unit == "%" else measure.unit
    amount = labels.figure(abs(diff), unit if unit != "%" else None)
    return plain(f"{'Up' if diff > 0 else 'Down'} {amount}")


def referral_decision(referral: Referral) -> Markdown:
    """The decision in words, with who made it when the record says (a role, never a name)."""
    decided = labels.words(referral.decision)
    if referral.by_role is None:
        return plain(decided)
    if referral.by_role == NOT_KNOWN:
        return plain(f"{decided} (by whom: not known)")
    return plain(f"{decided} (by: {referral.by_role})")


def timeliness(t: Timeliness) -> Markdown:
    """The state as a badge, with the days taken against the days allowed when known."""
    shown = badge(t.state, labels.words(t.state))
    if t.state == "not-judged":
        return Markdown(f"{shown} {plain(t.reason or 'a date is not exact')}")
    if t.taken is None or t.allowed is None:
        return shown
    taken = plain(labels.elapsed(t.taken, t.unit))
    return Markdown(f"{shown} {taken} (expected within {t.allowed})")


def join(items: Iterable[Any], separator: str = ", ") -> Markdown:
    """Join pieces that are each Markdown already or text (or numbers) to escape."""
    return Markdown(separator.join(i if isinstance(i, Markdown) else plain(str(i)) for i in items))


def badge(code: str, text: str | None = None) -> Markdown:
    """A status word in a coloured pill: the word carries the meaning, the colour helps."""
    shown = text if text is not None else labels.words(code)
    return Markdown(f'<span class="sg-badge sg-badge--{labels.tone(code)}">{plain(shown)}</span>')
