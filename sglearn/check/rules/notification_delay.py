"""Police, CQC and Ofsted were told in time, and so were the DBS and regulators.

CQC (Registration Regulations 2009, regulation 18) and Ofsted (Children's Homes Regulations
2015, regulation 40) must be notified "without delay"; sglearn checks that as within the
hours set for the body in schemas/vocabularies/referral-bodies.yaml, counted in whole
days (24 hours is one day after the concern was received). The police are expected within
their hours too. Referrals to the DBS and to a professional regulator are usually made
when the investigation concludes, and are expected within the days set for them after
that. An entry recorded with ``required: false`` is not required, whatever its date. This
is a warning. When a notification was late for a reason, record the reason in its
``rationale``; the warning then stops, and the reason stays on record (the site and
``sglearn report`` still show it as late, with the reason).

Passes:

    dates:
      concern_received: 2026-03-06
      investigation_concluded: 2026-04-17
    referrals:
      - {body: cqc, required: true, decision: referred, date: 2026-03-07}
      - {body: dbs, required: true, decision: referred, date: 2026-05-01}

Fails:

    dates:
      concern_received: 2026-03-06
      investigation_concluded: 2026-04-17
    referrals:
      - {body: cqc, required: true, decision: referred, date: 2026-03-10}
      - {body: dbs, required: true, decision: referred, date: 2026-06-30}
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem
from sglearn.read.record_date import RecordDate
from sglearn.review.verdicts import (
    DAYS,
    DAYS_AFTER_DUTY,
    HOURS,
    WORKING_DAYS,
    deadline_of,
    referral_timeliness,
)

ID = "referrals/notification-late"
LEVEL = Level.WARNING

_RULE = sys.modules[__name__]

_HINT = (
    "Check the two dates. If the {kind} was late, say why in a 'rationale' for this entry so "
    "the governance meeting can see it. The rule behind it: {basis}."
)

_DUTY = (
    " The duty arises when the investigation concludes, or earlier if the person was removed "
    "from regulated activity (dates: removed_from_regulated_activity); suspension alone does "
    "not start it."
)


def check(context: CaseContext) -> Iterator[Problem]:
    case = context.case
    if case is None:
        return
    for index, referral in enumerate(case.referrals):
        verdict = referral_timeliness(case, referral, context.vocabularies, context.as_of)
        if verdict.unit in (WORKING_DAYS, HOURS) or not verdict.needs_warning:
            continue
        assert verdict.taken is not None and verdict.allowed is not None
        term = context.vocabularies.referral_bodies[referral.body]
        deadline = deadline_of(context.vocabularies, referral.body)
        basis = str(term.extra.get("basis", "local procedures"))
        taken, allowed = verdict.taken, verdict.allowed
        if verdict.unit == DAYS:
            expected = f"within {int(deadline['hours'])} hours ({_days(allowed)})"
            if deadline.get("without_delay"):
                expected = f"without delay, which sglearn checks as {expected}"
            yield context.problem(
                _RULE,
                ("referrals", index, "date"),
                f"{term.label} was told {_days(taken)} after the concern was received "
                f"({verdict.start} to {_iso(referral.date)}); the expectation is {expected}",
                _HINT.format(kind="notification", basis=basis),
            )
        else:
            since = "the investigation concluded"
            if verdict.unit == DAYS_AFTER_DUTY:
                since = "the duty to refer arose"
            yield context.problem(
                _RULE,
                ("referrals", index, "date"),
                f"the {term.label} referral was made {_days(taken)} after {since} "
                f"({verdict.start} to {_iso(referral.date)}); the expectation is within "
                f"{_days(allowed)} of that",
                _HINT.format(kind="referral", basis=basis)
                + (_DUTY if verdict.unit == DAYS_AFTER_DUTY else ""),
            )


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


def _iso(value: RecordDate | None) -> str:
    return "" if value is None else value.iso()
