"""Referrals to the LADO, PiPoT lead or local authority were made within the working days expected.

An allegation about someone who works with children goes to the LADO, normally within one
working day (the number is set by ``deadlines: lado_working_days`` in schemas/settings.yaml,
because some councils say 24 hours). Referrals to the PiPoT lead and to local authority
adult safeguarding are expected within the working days set in
schemas/vocabularies/referral-bodies.yaml. Weekends, the bank holidays of the case's
jurisdiction (England, Wales, Scotland or Northern Ireland, as ``calendar`` in
schemas/nations.yaml chooses) and the ``extra_closure_days`` in settings.yaml are not working
days: a concern received on a Friday and referred on the Monday took one working day.
Where the nation's clock is set in hours (Wales: the Designated Officer within 24 hours),
a referral is judged as by the next working day when the record gives only dates, and in
hours when it gives the time the concern was received (``dates: concern_received_time``)
and the time the referral was made (its ``time``). A
referral recorded with ``required: false`` is not required, whatever its date: no clock
runs for it. This is a warning. When a referral was late for a reason, record the reason
in its ``rationale``; the warning then stops, and the reason stays on record for the
governance meeting (the site and ``sglearn report`` still show the referral as late, with
the reason).

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
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem
from sglearn.read.record_date import RecordDate
from sglearn.review.verdicts import HOURS, WORKING_DAYS, referral_timeliness

ID = "referrals/lado-late"
LEVEL = Level.WARNING

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    case = context.case
    if case is None:
        return
    for index, referral in enumerate(case.referrals):
        verdict = referral_timeliness(case, referral, context.vocabularies, context.as_of)
        if verdict.unit not in (WORKING_DAYS, HOURS) or not verdict.needs_warning:
            continue
        assert verdict.taken is not None and verdict.allowed is not None
        if verdict.unit == HOURS:
            yield context.problem(
                _RULE,
                ("referrals", index, "time"),
                f"the {context.body_label(referral.body)} referral was made {verdict.taken} "
                "hours after the concern was received (dates: concern_received_time to this "
                f"referral's time); the expectation is within {verdict.allowed} hours",
                "Check the two dates and times. If the referral was late, say why in a "
                "'rationale' for this referral so the governance meeting can see it.",
            )
            continue
        yield context.problem(
            _RULE,
            ("referrals", index, "date"),
            f"the {context.body_label(referral.body)} referral was made {_days(verdict.taken)} "
            f"after the concern was received ({verdict.start} to {_iso(referral.date)}); the "
            f"expectation is within {_days(verdict.allowed)}",
            "Check the two dates. If the referral was late, say why in a 'rationale' for this "
            "referral so the governance meeting can see it. Weekends, the bank holidays of the "
            "case's jurisdiction and the extra closure days in schemas/settings.yaml are not "
            "counted.",
        )


def _days(count: int) -> str:
    return f"{count} working day{'' if count == 1 else 's'}"


def _iso(value: RecordDate | None) -> str:
    return "" if value is None else value.iso()
