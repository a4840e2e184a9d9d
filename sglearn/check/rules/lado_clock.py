"""Referrals to the LADO, PiPoT lead or local authority were made within the working days expected.

An allegation about someone who works with children goes to the LADO, normally within one
working day (the number is set by ``deadlines: lado_working_days`` in schemas/settings.yaml,
because some councils say 24 hours). Referrals to the PiPoT lead and to local authority
adult safeguarding are expected within the working days set in
schemas/vocabularies/referral-bodies.yaml. Weekends and the bank holidays listed in
settings.yaml are not working days: a concern received on a Friday and referred on the
Monday took one working day. This is a warning. When a referral was late for a reason,
record the reason in its ``rationale``; the warning then stops, and the reason stays on
record for the governance meeting.

Passes:

    dates:
      concern_received: 2026-03-06   # a Friday
    referrals:
      - body: lado
        required: true
        decision: referred
        date: 2026-03-09             # the Monday: 1 working day

Fails:

    dates:
      concern_received: 2026-03-06   # a Friday
    referrals:
      - body: lado
        required: true
        decision: referred
        date: 2026-03-11             # the Wednesday: 3 working days
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterator
from datetime import date, timedelta

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem

ID = "referrals/lado-late"
LEVEL = Level.WARNING

_RULE = sys.modules[__name__]


def working_days_between(start: date, end: date, holidays: Collection[date] = ()) -> int:
    """Working days after ``start`` up to and including ``end``.

    Saturdays, Sundays and ``holidays`` do not count; 0 when ``end`` is not after ``start``.
    """
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    count = 5 * weeks  # every run of seven days holds five weekdays
    for offset in range(1, extra + 1):
        if (start + timedelta(days=7 * weeks + offset)).weekday() < 5:
            count += 1
    count -= sum(1 for day in set(holidays) if start < day <= end and day.weekday() < 5)
    return count


def check(context: CaseContext) -> Iterator[Problem]:
    received = context.date_at(("dates", "concern_received"))
    if received is None:
        return
    settings = context.vocabularies.settings
    for index, referral in enumerate(context.data["referrals"]):
        body = str(referral["body"])
        term = context.vocabularies.referral_bodies.get(body)
        deadline = (term.extra.get("deadline") or {}) if term else {}
        if "working_days" not in deadline or referral["decision"] != "referred":
            continue
        if "rationale" in referral:
            continue  # the delay is explained on record
        made = context.date_at(("referrals", index, "date"))
        if made is None:
            continue
        allowed = settings.lado_working_days if body == "lado" else int(deadline["working_days"])
        taken = working_days_between(received, made, settings.bank_holidays)
        if taken <= allowed:
            continue
        yield context.problem(
            _RULE,
            ("referrals", index, "date"),
            f"the {context.body_label(body)} referral was made {_days(taken)} after the "
            f"concern was received ({received} to {made}); the expectation is within "
            f"{_days(allowed)}",
            "Check the two dates. If the referral was late, say why in a 'rationale' for this "
            "referral so the governance meeting can see it. Weekends and the bank holidays in "
            "schemas/settings.yaml are not counted.",
        )


def _days(count: int) -> str:
    return f"{count} working day{'' if count == 1 else 's'}"
