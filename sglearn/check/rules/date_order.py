"""The case's dates are real dates, in order, and not later than today.

A review's dates tell its story: the concern comes in, the investigation concludes, the
learning review meets, and the review is closed, in that order. Referrals and
notifications are made after the concern came in. Things that have happened (the key
dates, referrals, completed actions, earlier signals, where the learning went and
governance meetings) cannot be dated after today, or after the --as-of date when one is
given; due dates may be. A period (the review's scope, a measure's baseline or follow-up)
ends on or after the day it starts. A date given as a month or a year stands for every day
in it, so it is out of order only when no day it could mean is in order.

Passes:

    dates:
      concern_received: 2026-03-06
      investigation_concluded: 2026-04-17
      learning_review_held: 2026-05-12

Fails:

    dates:
      concern_received: 2026-03-06
      investigation_concluded: 2026-03-02
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from sglearn.check.rules.context import CaseContext, parse_date
from sglearn.read.problems import Level, Problem
from sglearn.read.record_date import RecordDate

ID = "dates/order"
LEVEL = Level.ERROR

_RULE = sys.modules[__name__]

_ORDER = (
    ("concern_received", "the concern was received"),
    ("investigation_concluded", "the investigation concluded"),
    ("learning_review_held", "the learning review was held"),
    ("closed", "the review was closed"),
)
_ORDER_HINT = (
    "Check both dates (year-month-day): they must run in this order: concern received, "
    "investigation concluded, learning review held, closed."
)
# Lists whose entries record something that has already happened: the date field, and how
# to name one entry's date in a message.
_EVENTS = (
    ("referrals", "date", "the date of the {body} referral"),
    ("actions", "completed", "the date action {id} was completed"),
    ("warning_signals", "date", "the date of earlier warning signal {number}"),
    ("learning_reached", "date", "the date of 'where the learning went' entry {number}"),
    ("governance", "date", "the date of governance meeting {number}"),
    ("outcome_events", "date", "the date of outcome {id}"),
    ("recommendations", "made", "the date recommendation {id} was made"),
)
_LOOKS_LIKE_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Where = tuple[str | int, ...]


def check(context: CaseContext) -> Iterator[Problem]:
    yield from _not_on_calendar(context, context.data, ())
    yield from _key_dates_in_order(context)
    yield from _referrals_after_concern(context)
    yield from _responses_after_recommendations(context)
    yield from _periods_in_order(context)
    yield from _nothing_after_today(context)


def _not_on_calendar(context: CaseContext, value: Any, where: Where) -> Iterator[Problem]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _not_on_calendar(context, item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _not_on_calendar(context, item, (*where, index))
    elif isinstance(value, str) and _LOOKS_LIKE_DATE.fullmatch(value) and parse_date(value) is None:
        yield context.problem(
            _RULE,
            where,
            f"{value} is not a date on the calendar",
            "Check the month and the day: months run from 01 to 12, and February has 28 days "
            "(29 in a leap year).",
        )


def _before(later: RecordDate, earlier: RecordDate) -> bool:
    """``later`` is certainly before ``earlier``: every day it could mean comes first.

    A month or a year stands for all its days, so 2016-05 is not "before" 2016-05-14; an
    approximate date is an error only when no reading of it could be right.
    """
    last, first = later.latest, earlier.earliest
    return last is not None and first is not None and last < first


def _key_dates_in_order(context: CaseContext) -> Iterator[Problem]:
    previous: tuple[RecordDate, str] | None = None
    for key, happened in _ORDER:
        when = context.record_at(("dates", key))
        if when is None:
            continue
        if previous is not None and _before(when, previous[0]):
            yield context.problem(
                _RULE,
                ("dates", key),
                f"{happened} on {when.iso()}, before {previous[1]} ({previous[0].iso()})",
                _ORDER_HINT,
            )
        previous = (when, happened)


def _referrals_after_concern(context: CaseContext) -> Iterator[Problem]:
    received = context.record_at(("dates", "concern_received"))
    if received is None:
        return
    for index, referral in enumerate(context.data["referrals"]):
        made = context.record_at(("referrals", index, "date"))
        if made is not None and _before(made, received):
            label = context.body_label(str(referral["body"]))
            yield context.problem(
                _RULE,
                ("referrals", index, "date"),
                f"the {label} referral is dated {made.iso()}, before the concern was received "
                f"({received.iso()})",
                "A referral is made after the concern comes in: check both dates. If the body "
                "was told about an earlier concern, that concern needs its own review.",
            )


def _responses_after_recommendations(context: CaseContext) -> Iterator[Problem]:
    """A response comes after the recommendation, dated by the document that made it."""
    for index, item in enumerate(context.data.get("recommendations") or []):
        made = context.record_at(("recommendations", index, "made"))
        answered = context.record_at(("recommendations", index, "response", "date"))
        if made is not None and answered is not None and _before(answered, made):
            yield context.problem(
                _RULE,
                ("recommendations", index, "response", "date"),
                f"the response to recommendation {item.get('id', index + 1)} is dated "
                f"{answered.iso()}, before the recommendation was made ({made.iso()})",
                "'made' is the date of the document that made the recommendation (this review "
                "or the related review); the response date comes after it.",
            )


def _periods_in_order(context: CaseContext) -> Iterator[Problem]:
    periods: list[tuple[Where, str]] = [(("review", "scope"), "the review's scope period")]
    for index, measure in enumerate(context.data.get("measures") or []):
        for part in ("baseline", "follow_up"):
            if part in measure:
                name = f"the {part.replace('_', '-')} period of measure {measure['id']}"
                periods.append((("measures", index, part, "period"), name))
    for index, _signal in enumerate(context.data.get("warning_signals") or []):
        name = f"the period of earlier warning signal {index + 1}"
        periods.append((("warning_signals", index, "period"), name))
    for where, name in periods:
        start, end = context.record_at((*where, "from")), context.record_at((*where, "to"))
        if start is not None and end is not None and _before(end, start):
            yield context.problem(
                _RULE,
                (*where, "to"),
                f"{name} ends on {end.iso()}, before it starts ({start.iso()})",
                "Check the two dates: 'from' is the first day of the period and 'to' the last.",
            )


def _nothing_after_today(context: CaseContext) -> Iterator[Problem]:
    places: list[tuple[Where, str]] = [
        (("dates", key), f"the date {happened}") for key, happened in _ORDER
    ]
    for section, field, template in _EVENTS:
        for index, item in enumerate(context.data.get(section) or []):
            body = context.body_label(str(item.get("body", "")))
            name = template.format(body=body, id=item.get("id", ""), number=index + 1)
            places.append(((section, index, field), name))
    today = RecordDate.of(context.as_of)
    for where, name in places:
        when = context.record_at(where)
        if when is not None and _before(today, when):
            yield context.problem(
                _RULE,
                where,
                f"{name} is {when.iso()}, which is after today ({context.as_of})",
                "Record things once they have happened, and check the year. Plans belong in "
                "an action's due date. Today means the --as-of date when one is given.",
            )
