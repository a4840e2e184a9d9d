"""Police, CQC and Ofsted were told in time, and so were the DBS and regulators.

CQC (Registration Regulations 2009, regulation 18) and Ofsted (Children's Homes Regulations
2015, regulation 40) must be notified "without delay"; sglearn checks that as within the
hours set for the body in schemas/vocabularies/referral-bodies.yaml, counted in whole
days (24 hours is one day after the concern was received). The police are expected within
their hours too. Referrals to the DBS and to a professional regulator are usually made
when the investigation concludes, and are expected within the days set for them after
that. This is a warning. When a notification was late for a reason, record the reason in
its ``rationale``; the warning then stops, and the reason stays on record.

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
from typing import Any

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem

ID = "referrals/notification-late"
LEVEL = Level.WARNING

_RULE = sys.modules[__name__]

_HINT = (
    "Check the two dates. If the {kind} was late, say why in a 'rationale' for this entry so "
    "the governance meeting can see it. The rule behind it: {basis}."
)


def check(context: CaseContext) -> Iterator[Problem]:
    received = context.date_at(("dates", "concern_received"))
    concluded = context.date_at(("dates", "investigation_concluded"))
    for index, referral in enumerate(context.data["referrals"]):
        if referral["decision"] != "referred" or "rationale" in referral:
            continue  # a stated reason for the delay is the record the rule asks for
        made = context.date_at(("referrals", index, "date"))
        term = context.vocabularies.referral_bodies.get(str(referral["body"]))
        if made is None or term is None:
            continue
        deadline: dict[str, Any] = term.extra.get("deadline") or {}
        basis = str(term.extra.get("basis", "local procedures"))
        if "hours" in deadline and received is not None:
            hours = int(deadline["hours"])
            allowed = -(-hours // 24)  # whole days, rounded up
            taken = (made - received).days
            if taken <= allowed:
                continue
            expected = f"within {hours} hours ({_days(allowed)})"
            if deadline.get("without_delay"):
                expected = f"without delay, which sglearn checks as {expected}"
            yield context.problem(
                _RULE,
                ("referrals", index, "date"),
                f"{term.label} was told {_days(taken)} after the concern was received "
                f"({received} to {made}); the expectation is {expected}",
                _HINT.format(kind="notification", basis=basis),
            )
        elif "days_after_conclusion" in deadline and concluded is not None:
            allowed = int(deadline["days_after_conclusion"])
            taken = (made - concluded).days
            if taken <= allowed:
                continue
            yield context.problem(
                _RULE,
                ("referrals", index, "date"),
                f"the {term.label} referral was made {_days(taken)} after the investigation "
                f"concluded ({concluded} to {made}); the expectation is within "
                f"{_days(allowed)} of the conclusion",
                _HINT.format(kind="referral", basis=basis),
            )


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"
